// Package seslocal is the local stack's outbox: an SES v1 endpoint that
// keeps mail instead of sending it, and pages to read what was "sent".
//
// The endpoint speaks the SES Query API (form-encoded POST, XML replies)
// for SendEmail and SendRawEmail, which is what the stock
// github.com/aws/aws-sdk-go-v2/service/ses client uses, so functions need no
// local-only code. Messages are appended to a JSON-lines file and reloaded
// on Open, so the outbox survives restarts.
package seslocal

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"
)

// Message is one mail accepted by the endpoint.
type Message struct {
	ID      string    `json:"id"`
	Time    time.Time `json:"time"`
	From    string    `json:"from"`
	To      []string  `json:"to,omitempty"`
	Cc      []string  `json:"cc,omitempty"`
	Bcc     []string  `json:"bcc,omitempty"`
	ReplyTo []string  `json:"replyTo,omitempty"`
	Subject string    `json:"subject"`
	Text    string    `json:"text,omitempty"`
	HTML    string    `json:"html,omitempty"`
}

// Outbox stores messages in memory and in a JSON-lines file. It is safe
// for concurrent use.
type Outbox struct {
	path string

	mu   sync.Mutex
	msgs []Message // oldest first
	subs map[chan Message]bool
}

// Open loads the messages stored at path, if any, and appends new ones to it.
func Open(path string) (*Outbox, error) {
	o := &Outbox{path: path, subs: map[chan Message]bool{}}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return o, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open outbox %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20) // mails with inline images are large
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var m Message
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			return nil, fmt.Errorf("open outbox %s: line %d: %w", path, n, err)
		}
		o.msgs = append(o.msgs, m)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("open outbox %s: %w", path, err)
	}
	return o, nil
}

// Messages returns a copy of all messages, oldest first.
func (o *Outbox) Messages() []Message {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Clone(o.msgs)
}

// Message returns the message with the given ID.
func (o *Outbox) Message(id string) (Message, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, m := range o.msgs {
		if m.ID == id {
			return m, true
		}
	}
	return Message{}, false
}

// Subscribe returns a channel receiving each message added from now on,
// and a function that ends the subscription. A subscriber more than 64
// messages behind misses messages rather than stall the sender.
func (o *Outbox) Subscribe() (<-chan Message, func()) {
	ch := make(chan Message, 64)
	o.mu.Lock()
	o.subs[ch] = true
	o.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			o.mu.Lock()
			defer o.mu.Unlock()
			delete(o.subs, ch)
			close(ch)
		})
	}
}

// add stores m, giving it an ID and time, and returns the stored message.
func (o *Outbox) add(m Message) (Message, error) {
	now := time.Now().UTC()
	m.ID = newID(now)
	m.Time = now
	line, err := json.Marshal(m)
	if err != nil {
		return m, fmt.Errorf("store message: %w", err)
	}
	line = append(line, '\n')

	o.mu.Lock()
	defer o.mu.Unlock()
	// Holding the lock keeps file order equal to memory order.
	if err := appendFile(o.path, line); err != nil {
		return m, fmt.Errorf("store message in %s: %w", o.path, err)
	}
	o.msgs = append(o.msgs, m)
	for ch := range o.subs {
		select {
		case ch <- m:
		default:
		}
	}
	return m, nil
}

func appendFile(path string, line []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(line); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// newID makes an ID shaped like SES's (hex time, random part, "-000000"),
// which is also safe in a URL path.
func newID(t time.Time) string {
	return fmt.Sprintf("%016x-%s-000000", t.UnixMilli(), randomHex(12))
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
