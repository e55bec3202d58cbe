package conversations_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/local/dynamolocal"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/texts"
)

// phone records the texts the provider is asked to send, by number.
type phone struct {
	mu   sync.Mutex
	sent []roster.TextSend
}

func (p *phone) SendText(_ context.Context, t roster.TextSend) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sent = append(p.sent, t)
	return "prov-" + t.Context["textId"], nil
}

func (p *phone) to(number string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, t := range p.sent {
		if t.To == number {
			out = append(out, t.Body)
		}
	}
	return out
}

// withTexts gives the fixture's service a sender that hands texts to p.
func (f *fixture) withTexts(p *phone) {
	f.svc.Texts = &texts.Sender{Store: f.store, Provider: p, DefaultFrom: "+15550100000", PerSecond: 100, Now: f.clock.Now}
}

func TestRepliesAndAutoRepliesAreSentAndShowTheirStatus(t *testing.T) {
	f := newFixture(t)
	p := &phone{}
	f.withTexts(p)
	ctx := context.Background()
	f.hours.set(f.north.ID, roster.OpenStatus{Open: false, Reason: "outside_hours", Until: start.Add(10 * time.Hour)}, "We are closed.")
	in := f.receive(t, "+12015550123", f.north, "Is my order ready?")
	f.clock.set(start.Add(time.Minute))
	f.receive(t, "+12015550123", f.north, "Hello?")
	if got := p.to("+12015550123"); len(got) != 1 || got[0] != "We are closed." {
		t.Fatalf("auto-replies sent: %q", got)
	}
	m, err := f.svc.Reply(ctx, f.caller(f.ada), in.ConversationID, "Yes, it is.")
	if err != nil || m.Status != roster.TextSent {
		t.Fatalf("Reply = %+v, %v", m, err)
	}
	if got := p.to("+12015550123"); len(got) != 2 || got[1] != "Yes, it is." {
		t.Fatalf("texts sent: %q", got)
	}
	// The delivery event moves it on; the message list shows it.
	if err := f.svc.Texts.(*texts.Sender).Record(ctx, roster.TextEvent{Type: "TEXT_DELIVERED", ProviderID: "prov-" + m.ID,
		Ref: roster.TextRef{OrgID: f.org.ID, ConversationID: m.ConversationID, ID: m.ID}, At: f.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	msgs, _, err := f.reader.Messages(ctx, f.caller(f.ada), in.ConversationID, "", 50)
	if err != nil {
		t.Fatal(err)
	}
	var statuses []string
	for _, x := range msgs {
		if x.Direction == roster.Outbound {
			statuses = append(statuses, string(x.Status))
		}
	}
	if strings.Join(statuses, ",") != "sent,delivered" {
		t.Fatalf("outbound statuses: %v", statuses)
	}
}

func TestStopBlocksRepliesUntilStart(t *testing.T) {
	f := newFixture(t)
	p := &phone{}
	f.withTexts(p)
	ctx := context.Background()
	const number = "+12015550123"
	// A text that is only a keyword gets no auto-reply, even after hours.
	f.hours.set(f.north.ID, roster.OpenStatus{Open: false, Reason: "outside_hours", Until: start.Add(10 * time.Hour)}, "We are closed.")
	in := f.receive(t, number, f.north, "STOP")
	if got := p.to(number); len(got) != 1 || !strings.Contains(got[0], "unsubscribed") {
		t.Fatalf("texts after STOP: %q", got)
	}
	_, err := f.svc.Reply(ctx, f.caller(f.ada), in.ConversationID, "Sorry to see you go")
	if roster.ErrorCodeOf(err) != roster.EConflict || roster.ReasonOf(err) != "recipient_opted_out" {
		t.Fatalf("reply to an opted-out number: %v", err)
	}
	// STOP again (another synonym) is not confirmed twice.
	f.receive(t, number, f.north, "unsubscribe")
	if got := p.to(number); len(got) != 1 {
		t.Fatalf("texts after a second STOP: %q", got)
	}
	// The same webhook delivered again changes nothing.
	if _, created, err := f.svc.Receive(ctx, f.org.ID, conversations.Inbound{ProviderID: in.ProviderID, From: number, GroupID: f.north.ID, Text: "STOP"}); err != nil || created {
		t.Fatalf("STOP delivered again: %v, %v", created, err)
	}
	// HELP is answered even while opted out.
	f.receive(t, number, f.north, "help")
	if got := p.to(number); len(got) != 2 || !strings.Contains(got[1], "Acme") {
		t.Fatalf("texts after HELP: %q", got)
	}
	f.receive(t, number, f.north, "Start")
	if got := p.to(number); len(got) != 3 || !strings.Contains(got[2], "subscribed to Acme again") {
		t.Fatalf("texts after START: %q", got)
	}
	if m, err := f.svc.Reply(ctx, f.caller(f.ada), in.ConversationID, "Welcome back"); err != nil || m.Status != roster.TextSent {
		t.Fatalf("reply after START: %+v, %v", m, err)
	}
	// "please stop" is a message for an agent, not a keyword.
	f.receive(t, number, f.north, "please stop calling me")
	if _, err := f.store.OptOutOf(ctx, f.org.ID, number); roster.ErrorCodeOf(err) != roster.ENotFound {
		t.Fatalf("a sentence opted the number out: %v", err)
	}
}

// TestWhatATextCosts measures the DynamoDB units of a reply sent at once,
// of its delivery event and of a STOP with its confirmation, with few and
// with many texts already sent: the cost is a constant per text.
func TestWhatATextCosts(t *testing.T) {
	f := newFixture(t)
	p := &phone{}
	f.withTexts(p)
	ctx := context.Background()
	in := f.receive(t, "+12015550123", f.north, "Is my order ready?")
	sender := f.svc.Texts.(*texts.Sender)
	reply := func() (roster.Message, dynamolocal.Usage) {
		var m roster.Message
		u := f.meter.Measure(func() {
			var err error
			if m, err = f.svc.Reply(ctx, f.caller(f.ada), in.ConversationID, "On its way"); err != nil || m.Status != roster.TextSent {
				t.Fatalf("Reply = %+v, %v", m, err)
			}
		})
		return m, u
	}
	_, first := reply()
	for i := 0; i < 40; i++ {
		f.clock.set(f.clock.Now().Add(time.Second))
		reply()
	}
	f.clock.set(f.clock.Now().Add(time.Second))
	m, later := reply()
	event := f.meter.Measure(func() {
		if err := sender.Record(ctx, roster.TextEvent{Type: "TEXT_DELIVERED", ProviderID: "prov-" + m.ID,
			Ref: roster.TextRef{OrgID: f.org.ID, ConversationID: m.ConversationID, ID: m.ID}, At: f.clock.Now()}); err != nil {
			t.Fatal(err)
		}
	})
	stop := f.meter.Measure(func() { f.receive(t, "+12015550199", f.north, "STOP") })
	t.Logf("reply sent at once: first %+v, after 41 texts %+v; delivery event %+v; STOP with its confirmation %+v", first, later, event, stop)
	if !within(first, later) || later.Calls != first.Calls {
		t.Errorf("a reply costs %+v after 41 texts, %+v at first", later, first)
	}
}
