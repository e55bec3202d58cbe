package local

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/roster-app/roster/internal/local/s3local"
	"github.com/roster-app/roster/internal/samtemplate"
)

// S3 event notifications: when an object lands, every S3 event whose bucket,
// event type and key filter match invokes its function asynchronously, with
// the event S3 would send.
// Reference: https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html

type s3Subscription struct {
	function string
	event    samtemplate.S3Event
	bucket   string // the bucket's resolved name
}

type s3Notifier struct {
	subs      []s3Subscription
	invoke    invokeFunc
	region    string
	accountID string
	logf      func(format string, args ...any)
	sequence  atomic.Uint64

	mu       sync.Mutex
	closed   bool
	inflight sync.WaitGroup
}

func newS3Notifier(tpl *samtemplate.Template, invoke invokeFunc, logf func(string, ...any)) *s3Notifier {
	n := &s3Notifier{invoke: invoke, region: tpl.Resolver.Region, accountID: tpl.Resolver.AccountID, logf: logf}
	n.sequence.Store(uint64(time.Now().UnixNano()))
	for _, fn := range tpl.Functions {
		for _, ev := range fn.S3Events {
			n.subs = append(n.subs, s3Subscription{function: fn.LogicalID, event: ev, bucket: tpl.Bucket(ev.Bucket).Name})
		}
	}
	return n
}

// objectCreated is s3local's hook; it already runs on its own goroutine.
func (n *s3Notifier) objectCreated(obj s3local.ObjectCreated) {
	sequencer := fmt.Sprintf("%018X", n.sequence.Add(1))
	for _, sub := range n.subs {
		if !sub.matches(obj.Bucket, obj.EventName, obj.Key) {
			continue
		}
		n.mu.Lock()
		if n.closed {
			n.mu.Unlock()
			return
		}
		n.inflight.Add(1)
		n.mu.Unlock()
		go func() {
			defer n.inflight.Done()
			n.deliver(sub, obj, sequencer)
		}()
	}
}

func (n *s3Notifier) deliver(sub s3Subscription, obj s3local.ObjectCreated, sequencer string) {
	payload, err := json.Marshal(s3Event(sub, obj, n.region, sequencer))
	if err != nil {
		n.logf("s3 %s s3://%s/%s %s: encode event: %v", obj.EventName, obj.Bucket, obj.Key, sub.function, err)
		return
	}
	_, inv := n.invoke(context.Background(), sub.function, TriggerS3, "s3://"+obj.Bucket+"/"+obj.Key, payload)
	outcome := "ok"
	if inv.Err != nil {
		// After the retries and the on-failure destination (async.go).
		outcome = "failed: " + inv.Err.Error()
	}
	n.logf("s3 %s s3://%s/%s %s %s %dms", obj.EventName, obj.Bucket, obj.Key, sub.function, outcome, inv.Duration.Milliseconds())
}

// close stops new deliveries and waits for those in progress, or for ctx.
func (n *s3Notifier) close(ctx context.Context) error {
	n.mu.Lock()
	n.closed = true
	n.mu.Unlock()
	done := make(chan struct{})
	go func() {
		n.inflight.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for S3 event deliveries: %w", ctx.Err())
	}
}

// matches applies a subscription's bucket, event types and key filter. The
// filter compares the plain key, not its encoded form.
func (sub s3Subscription) matches(bucket, eventName, key string) bool {
	if bucket != sub.bucket {
		return false
	}
	if !strings.HasPrefix(key, sub.event.Prefix) || !strings.HasSuffix(key, sub.event.Suffix) {
		return false
	}
	name := strings.TrimPrefix(eventName, "s3:")
	for _, pattern := range sub.event.Events {
		pattern = strings.TrimPrefix(pattern, "s3:")
		if wildcard, ok := strings.CutSuffix(pattern, "*"); ok {
			if strings.HasPrefix(name, wildcard) {
				return true
			}
		} else if name == pattern {
			return true
		}
	}
	return false
}

func s3Event(sub s3Subscription, obj s3local.ObjectCreated, region, sequencer string) events.S3Event {
	return events.S3Event{Records: []events.S3EventRecord{{
		EventVersion:      "2.1",
		EventSource:       "aws:s3",
		AWSRegion:         region,
		EventTime:         obj.Time.UTC().Truncate(time.Millisecond),
		EventName:         strings.TrimPrefix(obj.EventName, "s3:"),
		PrincipalID:       events.S3UserIdentity{PrincipalID: "AWS:AIDALOCALSTACKUSER"},
		RequestParameters: events.S3RequestParameters{SourceIPAddress: "127.0.0.1"},
		ResponseElements: map[string]string{
			"x-amz-request-id": strings.ToUpper(randomHex(8)),
			"x-amz-id-2":       randomHex(32),
		},
		S3: events.S3Entity{
			SchemaVersion:   "1.0",
			ConfigurationID: sub.function + sub.event.Name,
			Bucket: events.S3Bucket{
				Name:          obj.Bucket,
				OwnerIdentity: events.S3UserIdentity{PrincipalID: "A3LOCALSTACKOWNER"},
				Arn:           "arn:aws:s3:::" + obj.Bucket,
			},
			Object: events.S3Object{
				Key:       encodeS3EventKey(obj.Key),
				Size:      obj.Size,
				ETag:      strings.Trim(obj.ETag, `"`),
				Sequencer: sequencer,
			},
		},
	}}}
}

// encodeS3EventKey encodes a key the way S3 writes it into events: form
// encoding (a space becomes '+', "red flower.jpg" is "red+flower.jpg"),
// except that '/' stays as it is.
func encodeS3EventKey(key string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '*', c == '/':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}
