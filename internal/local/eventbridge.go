package local

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/local/smslocal"
	"github.com/roster-app/roster/internal/samtemplate"
)

// The default event bus, for the events AWS services send it (here: the
// delivery events of the SMS emulator): every event is wrapped in the
// EventBridge envelope and handed, asynchronously, to every function whose
// EventBridgeRule matches its source and detail-type. Each rule gets the
// events in the order they were put on the bus; a function's failures are
// retried and recorded as for every asynchronous invocation (async.go).
// A rule's own RetryPolicy and DeadLetterConfig have nothing to do here:
// they cover EventBridge failing to reach Lambda, which cannot happen
// locally.
// Reference: https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html

type ruleSubscription struct {
	function string
	rule     samtemplate.EventRule

	mu      sync.Mutex
	queue   []busDelivery
	running bool // a goroutine is draining queue
}

type busDelivery struct {
	detail  string // what the invocation record and the log name
	payload []byte
}

type eventBus struct {
	subs      []*ruleSubscription
	invoke    invokeFunc
	region    string
	accountID string
	logf      func(format string, args ...any)

	mu       sync.Mutex
	closed   bool
	inflight sync.WaitGroup
}

func newEventBus(tpl *samtemplate.Template, invoke invokeFunc, logf func(string, ...any)) *eventBus {
	b := &eventBus{invoke: invoke, region: tpl.Resolver.Region, accountID: tpl.Resolver.AccountID, logf: logf}
	for _, fn := range tpl.Functions {
		for _, rule := range fn.Rules {
			b.subs = append(b.subs, &ruleSubscription{function: fn.LogicalID, rule: rule})
		}
	}
	return b
}

// put wraps detail in the EventBridge envelope and queues it for every
// matching rule; label names the event in logs ("TEXT_DELIVERED <id>").
// It does not wait for the functions.
func (b *eventBus) put(source, detailType, label string, detail any) {
	raw, err := json.Marshal(detail)
	if err != nil {
		b.logf("eventbridge %s %s: encode detail: %v", source, label, err)
		return
	}
	payload, err := json.Marshal(events.EventBridgeEvent{
		Version:    "0",
		ID:         smslocal.NewID(),
		DetailType: detailType,
		Source:     source,
		AccountID:  b.accountID,
		Time:       time.Now().UTC().Truncate(time.Second),
		Region:     b.region,
		Resources:  []string{},
		Detail:     raw,
	})
	if err != nil {
		b.logf("eventbridge %s %s: encode event: %v", source, label, err)
		return
	}
	d := busDelivery{detail: source + " " + label, payload: payload}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	for _, sub := range b.subs {
		if !sub.rule.Matches(source, detailType) {
			continue
		}
		sub.mu.Lock()
		sub.queue = append(sub.queue, d)
		start := !sub.running
		sub.running = true
		sub.mu.Unlock()
		if start {
			b.inflight.Add(1)
			go b.drain(sub)
		}
	}
}

// smsEvent is the SMS emulator's callback.
func (b *eventBus) smsEvent(ev smslocal.Event) {
	b.put(smslocal.EventSource, smslocal.EventDetailType, ev.EventType+" "+ev.MessageID, ev)
}

// drain delivers a rule's queued events one after the other.
func (b *eventBus) drain(sub *ruleSubscription) {
	defer b.inflight.Done()
	for {
		sub.mu.Lock()
		if len(sub.queue) == 0 {
			sub.running = false
			sub.mu.Unlock()
			return
		}
		d := sub.queue[0]
		sub.queue = sub.queue[1:]
		sub.mu.Unlock()
		_, inv := b.invoke(context.Background(), sub.function, TriggerEventBridge, d.detail, d.payload)
		outcome := "ok"
		if inv.Err != nil {
			// After the retries and the on-failure destination (async.go).
			outcome = "failed: " + inv.Err.Error()
		}
		b.logf("eventbridge %s %s (rule %s) %s %dms", d.detail, sub.function, sub.rule.RuleName, outcome, inv.Duration.Milliseconds())
	}
}

// close stops taking events and waits for those queued, or for ctx.
func (b *eventBus) close(ctx context.Context) error {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	done := make(chan struct{})
	go func() {
		b.inflight.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for EventBridge deliveries: %w", ctx.Err())
	}
}
