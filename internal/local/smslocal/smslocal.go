// Package smslocal is the local stack's stand-in for AWS End User Messaging
// SMS: the SendTextMessage operation of the pinpointsmsvoicev2 API, which
// keeps texts instead of sending them, emits the delivery event AWS would
// send to EventBridge for each, and pages to read what was "sent".
//
// The endpoint speaks the AWS JSON 1.0 protocol that the stock
// github.com/aws/aws-sdk-go-v2/service/pinpointsmsvoicev2 client uses
// (POST /, X-Amz-Target: PinpointSMSVoiceV2.SendTextMessage), so functions
// need no local-only code. Texts are appended to a JSON-lines file and
// reloaded on Open, so the list survives restarts. Failures can be injected
// per destination number (InjectFailure) to try throttling, the service's
// own errors and undeliverable numbers locally.
package smslocal

import (
	"bufio"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sync"
	"time"
)

// The EventBridge source and detail-type of the events Emit receives.
const (
	EventSource     = "aws.sms-voice"
	EventDetailType = "Text Message Delivery Status Updated"
)

// Directions of a recorded text.
const (
	Outbound = "outbound" // sent through SendTextMessage
	Inbound  = "inbound"  // texted in by a customer (RecordInbound)
)

// Statuses of a recorded text.
const (
	StatusSent      = "sent"      // accepted; its delivery event is still to come
	StatusDelivered = "delivered" // TEXT_DELIVERED was emitted
	StatusFailed    = "failed"    // a failure event was emitted; Reason says why
	StatusReceived  = "received"  // an inbound text
	StatusRefused   = "refused"   // an inbound text that was not taken; Reason says why
)

// Text is one text message the emulator accepted or was told of.
type Text struct {
	ID        string `json:"id"` // the provider's message id
	Direction string `json:"direction"`
	From      string `json:"from"`
	To        string `json:"to,omitempty"`
	Body      string `json:"body"`
	// Context is the map given to SendTextMessage, echoed in its events.
	Context          map[string]string `json:"context,omitempty"`
	ConfigurationSet string            `json:"configurationSet,omitempty"`
	MessageType      string            `json:"messageType,omitempty"`
	// OrgID and GroupID say whom an inbound text was for.
	OrgID   string `json:"orgId,omitempty"`
	GroupID string `json:"groupId,omitempty"`

	Status   string    `json:"status"`
	Reason   string    `json:"reason,omitempty"`
	SentAt   time.Time `json:"sentAt"`
	StatusAt time.Time `json:"statusAt"`
}

// Event is the detail of a "Text Message Delivery Status Updated" event,
// as AWS End User Messaging SMS sends it to EventBridge.
// Reference: https://docs.aws.amazon.com/sms-voice/latest/userguide/configuration-sets-event-format.html
type Event struct {
	EventType                string            `json:"eventType"` // TEXT_DELIVERED, TEXT_CARRIER_UNREACHABLE, …
	EventVersion             string            `json:"eventVersion"`
	EventTimestamp           int64             `json:"eventTimestamp"` // unix milliseconds
	IsFinal                  bool              `json:"isFinal"`
	OriginationPhoneNumber   string            `json:"originationPhoneNumber"`
	DestinationPhoneNumber   string            `json:"destinationPhoneNumber"`
	IsoCountryCode           string            `json:"isoCountryCode"`
	IsInternationalSend      bool              `json:"isInternationalSend"`
	MessageID                string            `json:"messageId"`
	MessageRequestTimestamp  int64             `json:"messageRequestTimestamp"` // unix milliseconds
	MessageEncoding          string            `json:"messageEncoding"`         // GSM or UCS2
	MessageType              string            `json:"messageType"`
	MessageStatus            string            `json:"messageStatus"`
	MessageStatusDescription string            `json:"messageStatusDescription"`
	Context                  map[string]string `json:"context,omitempty"`
	TotalMessageParts        int               `json:"totalMessageParts"`
	TotalMessagePrice        float64           `json:"totalMessagePrice"`
	TotalCarrierFee          float64           `json:"totalCarrierFee"`
}

// Mode is a failure to inject for a destination number.
type Mode string

// Failure modes.
const (
	// ModeThrottle answers SendTextMessage with ThrottlingException (400).
	ModeThrottle Mode = "throttle"
	// ModeError answers with InternalServerException (500).
	ModeError Mode = "error"
	// ModeUndeliverable accepts the text, then emits TEXT_CARRIER_UNREACHABLE.
	ModeUndeliverable Mode = "undeliverable"
	// ModeOptedOut answers with ConflictException
	// DESTINATION_PHONE_NUMBER_OPTED_OUT, as AWS does for a number on the
	// origination identity's opt-out list.
	ModeOptedOut Mode = "opted_out"
)

var modes = []Mode{ModeThrottle, ModeError, ModeUndeliverable, ModeOptedOut}

// UnreachableDescription is the messageStatusDescription of the event of
// a text sent to a number in ModeUndeliverable.
const UnreachableDescription = "the carrier could not reach the phone (emulated)"

// Failure is a failure injected for one destination number.
type Failure struct {
	Number string `json:"number"` // E.164
	Mode   Mode   `json:"mode"`
	// Times is how many more SendTextMessage calls to Number fail this way;
	// 0 means every call until the failure is cleared.
	Times int `json:"times"`
}

// e164 is what the emulator takes as a phone number: "+", a country code
// that does not start with 0, at most 15 digits in all.
var e164 = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

// ValidNumber reports whether s is an E.164 phone number.
func ValidNumber(s string) bool { return e164.MatchString(s) }

// Server is the emulator. It is safe for concurrent use.
type Server struct {
	path string
	emit func(Event)

	mu       sync.Mutex
	texts    []Text         // oldest first
	index    map[string]int // id -> position in texts
	failures map[string]*Failure
	delay    time.Duration
	queue    []pending // accepted texts whose event is still to come, oldest first
	wake     chan struct{}
	stop     chan struct{}
	done     chan struct{}
	closed   bool
}

// pending is an accepted text waiting for its delivery event.
type pending struct {
	id          string
	due         time.Time
	unreachable bool
}

// Open loads the texts stored at path, if any, and appends new ones to it.
// emit, when not nil, receives the delivery event of every accepted text,
// in the order the texts were accepted, on a goroutine of the emulator's
// own: it should hand the event on rather than do slow work.
func Open(path string, emit func(Event)) (*Server, error) {
	s := &Server{
		path: path, emit: emit, index: map[string]int{}, failures: map[string]*Failure{},
		wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}),
	}
	if err := s.load(); err != nil {
		return nil, err
	}
	go s.deliverLoop()
	return s, nil
}

// load reads the JSON-lines file: a text's later lines (status changes)
// replace its earlier ones.
func (s *Server) load() error {
	f, err := os.Open(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open texts %s: %w", s.path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var t Text
		if err := json.Unmarshal(sc.Bytes(), &t); err != nil {
			return fmt.Errorf("open texts %s: line %d: %w", s.path, n, err)
		}
		if i, ok := s.index[t.ID]; ok {
			s.texts[i] = t
			continue
		}
		s.index[t.ID] = len(s.texts)
		s.texts = append(s.texts, t)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("open texts %s: %w", s.path, err)
	}
	return nil
}

// SetDeliveryDelay sets how long after accepting a text its delivery
// event is emitted (0, the default, emits it at once). Real events come
// seconds later; a delay keeps a local function from seeing the event of
// a text before the sender has recorded the text as sent.
func (s *Server) SetDeliveryDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// Close stops emitting events. Texts whose event was still to come stay
// "sent", as if the carrier never answered.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	close(s.stop)
	<-s.done
	return nil
}

// Texts returns a copy of all texts, oldest first.
func (s *Server) Texts() []Text {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Text, len(s.texts))
	for i, t := range s.texts {
		out[i] = t.clone()
	}
	return out
}

// Text returns the text with the given id.
func (s *Server) Text(id string) (Text, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.index[id]
	if !ok {
		return Text{}, false
	}
	return s.texts[i].clone(), true
}

func (t Text) clone() Text {
	if t.Context != nil {
		c := make(map[string]string, len(t.Context))
		for k, v := range t.Context {
			c[k] = v
		}
		t.Context = c
	}
	return t
}

// RecordInbound stores a text a customer sent in: From, Body, and the
// OrgID and GroupID it was for. It gets a new id, direction inbound,
// status received and the current time.
func (s *Server) RecordInbound(t Text) (Text, error) {
	now := time.Now().UTC()
	t.ID, t.Direction, t.Status, t.Reason, t.SentAt, t.StatusAt = NewID(), Inbound, StatusReceived, "", now, now
	if err := s.add(t); err != nil {
		return Text{}, err
	}
	return t, nil
}

// SetStatus changes a text's status and reason (used for an inbound text
// the webhook refused).
func (s *Server) SetStatus(id, status, reason string) error {
	_, err := s.update(id, func(t *Text) {
		t.Status, t.Reason, t.StatusAt = status, reason, time.Now().UTC()
	})
	return err
}

// add appends a new text to the file and the list.
func (s *Server) add(t Text) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Holding the lock keeps file order equal to memory order.
	if err := s.write(t); err != nil {
		return err
	}
	s.index[t.ID] = len(s.texts)
	s.texts = append(s.texts, t.clone())
	return nil
}

// update changes a stored text and appends its new state to the file.
func (s *Server) update(id string, change func(*Text)) (Text, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.index[id]
	if !ok {
		return Text{}, fmt.Errorf("no text %s", id)
	}
	t := s.texts[i].clone()
	change(&t)
	if err := s.write(t); err != nil {
		return Text{}, err
	}
	s.texts[i] = t
	return t.clone(), nil
}

func (s *Server) write(t Text) error {
	line, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("store text: %w", err)
	}
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("store text in %s: %w", s.path, err)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("store text in %s: %w", s.path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("store text in %s: %w", s.path, err)
	}
	return nil
}

// InjectFailure makes SendTextMessage calls to f.Number fail as f.Mode
// says, for the next f.Times calls (0: until cleared). It replaces an
// earlier failure of the same number.
func (s *Server) InjectFailure(f Failure) error {
	if !ValidNumber(f.Number) {
		return fmt.Errorf("number %q is not an E.164 phone number like +15555550123", f.Number)
	}
	if !slices.Contains(modes, f.Mode) {
		return fmt.Errorf("mode %q is none of throttle, error, undeliverable and opted_out", f.Mode)
	}
	if f.Times < 0 {
		return fmt.Errorf("times %d is negative (0 means until cleared)", f.Times)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[f.Number] = &f
	return nil
}

// ClearFailures removes the failure injected for number, or every one
// when number is "".
func (s *Server) ClearFailures(number string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if number == "" {
		clear(s.failures)
		return
	}
	delete(s.failures, number)
}

// Failures lists the injected failures, by number.
func (s *Server) Failures() []Failure {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Failure, 0, len(s.failures))
	for _, f := range s.failures {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b Failure) int {
		if a.Number < b.Number {
			return -1
		}
		if a.Number > b.Number {
			return 1
		}
		return 0
	})
	return out
}

// takeFailure counts one call to number against its injected failure and
// returns the mode ("" for none).
func (s *Server) takeFailure(number string) Mode {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.failures[number]
	if f == nil {
		return ""
	}
	if f.Times > 0 {
		f.Times--
		if f.Times == 0 {
			delete(s.failures, number)
		}
	}
	return f.Mode
}

// accept stores an outbound text and queues its delivery event.
func (s *Server) accept(t Text, unreachable bool) (Text, error) {
	now := time.Now().UTC()
	t.ID, t.Direction, t.Status, t.SentAt, t.StatusAt = NewID(), Outbound, StatusSent, now, now
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.write(t); err != nil {
		return Text{}, err
	}
	s.index[t.ID] = len(s.texts)
	s.texts = append(s.texts, t.clone())
	s.queue = append(s.queue, pending{id: t.ID, due: now.Add(s.delay), unreachable: unreachable})
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return t, nil
}

// deliverLoop emits the queued events in order, each when it is due.
func (s *Server) deliverLoop() {
	defer close(s.done)
	for {
		s.mu.Lock()
		var next pending
		have := len(s.queue) > 0
		if have {
			next = s.queue[0]
		}
		s.mu.Unlock()
		if !have {
			select {
			case <-s.wake:
				continue
			case <-s.stop:
				return
			}
		}
		if wait := time.Until(next.due); wait > 0 {
			timer := time.NewTimer(wait)
			select {
			case <-timer.C:
			case <-s.stop:
				timer.Stop()
				return
			}
		}
		s.mu.Lock()
		s.queue = s.queue[1:]
		s.mu.Unlock()
		s.deliver(next)
	}
}

// deliver settles a text's status and emits its event.
func (s *Server) deliver(p pending) {
	status, reason := StatusDelivered, ""
	if p.unreachable {
		status, reason = StatusFailed, "carrier_unreachable: "+UnreachableDescription
	}
	now := time.Now().UTC()
	t, err := s.update(p.id, func(t *Text) { t.Status, t.Reason, t.StatusAt = status, reason, now })
	if err != nil {
		// The file could not be written; the event still goes out, as the
		// carrier's answer does not depend on the emulator's disk.
		t, _ = s.Text(p.id)
		t.Status, t.Reason, t.StatusAt = status, reason, now
	}
	if s.emit != nil {
		s.emit(eventFor(t, p.unreachable, now))
	}
}

// eventFor builds the event AWS sends for a settled text.
func eventFor(t Text, unreachable bool, at time.Time) Event {
	encoding, parts := encodingAndParts(t.Body)
	country, fromCountry := countryOf(t.To), countryOf(t.From)
	ev := Event{
		EventType: "TEXT_DELIVERED", EventVersion: "1.0", EventTimestamp: at.UnixMilli(), IsFinal: true,
		OriginationPhoneNumber: t.From, DestinationPhoneNumber: t.To, IsoCountryCode: country,
		IsInternationalSend: country != "" && fromCountry != "" && country != fromCountry,
		MessageID:           t.ID, MessageRequestTimestamp: t.SentAt.UnixMilli(),
		MessageEncoding: encoding, MessageType: t.MessageType,
		MessageStatus: "DELIVERED", MessageStatusDescription: "Message has been accepted by phone",
		Context:           t.clone().Context,
		TotalMessageParts: parts,
		// Emulated prices: a US long code's rate and carrier fee per part.
		TotalMessagePrice: round5(0.00581 * float64(parts)),
		TotalCarrierFee:   round5(0.00302 * float64(parts)),
	}
	if unreachable {
		ev.EventType, ev.MessageStatus, ev.MessageStatusDescription = "TEXT_CARRIER_UNREACHABLE", "CARRIER_UNREACHABLE", UnreachableDescription
		ev.TotalCarrierFee = 0
	}
	return ev
}

func round5(f float64) float64 {
	return float64(int64(f*100000+0.5)) / 100000
}

// NewID makes an id shaped like the provider's message ids (a random
// version 4 UUID).
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
