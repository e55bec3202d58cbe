package texts_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/texts"
)

var t0 = time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC) // a Monday

// provider is the messaging provider as the sender sees it: it records
// what it is asked to send and answers with the errors queued for it.
type provider struct {
	mu   sync.Mutex
	sent []roster.TextSend
	errs []error
}

func (p *provider) SendText(_ context.Context, t roster.TextSend) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.errs) > 0 {
		err := p.errs[0]
		p.errs = p.errs[1:]
		if err != nil {
			return "", err
		}
	}
	p.sent = append(p.sent, t)
	return "prov-" + t.Context["textId"], nil
}

func (p *provider) count() int { p.mu.Lock(); defer p.mu.Unlock(); return len(p.sent) }

// hours answers whether a group is open from a table the test sets.
type hours map[string]roster.OpenStatus

func (h hours) GroupStatusAt(_ context.Context, _, groupID string, _ time.Time) (roster.OpenStatus, string, error) {
	if s, ok := h[groupID]; ok {
		return s, "", nil
	}
	return roster.OpenStatus{Open: true, Reason: roster.OpenNoHours}, "", nil
}

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type fixture struct {
	store  *dynamo.Store
	org    roster.Organisation
	clock  *clock
	prov   *provider
	hours  hours
	sender *texts.Sender
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, table := dynamotest.MustOpen(t)
	f := &fixture{store: dynamo.NewStore(db, table), clock: &clock{now: t0}, prov: &provider{}, hours: hours{}}
	f.org = roster.Organisation{ID: roster.NewID(t0), Name: "Acme", DefaultRegion: "US", TimeZone: "UTC", CreatedAt: t0}
	root := roster.Group{ID: roster.NewID(t0), OrgID: f.org.ID, Name: "Acme", Kind: roster.GroupRoot, Version: 1, CreatedAt: t0, UpdatedAt: t0}
	f.org.RootGroupID = root.ID
	admin := roster.User{ID: roster.NewID(t0), OrgID: f.org.ID, Email: "ann@acme.example", FirstName: "Ann", LastName: "Admin",
		Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: root.ID}}, Version: 1, CreatedAt: t0, UpdatedAt: t0}
	if err := f.store.CreateOrganisation(context.Background(), f.org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	f.sender = &texts.Sender{Store: f.store, Provider: f.prov, Hours: f.hours, DefaultFrom: "+15550100000", PerSecond: 1, Now: f.clock.Now,
		Sleep: func(_ context.Context, d time.Duration) error { f.clock.add(d); return nil }}
	return f
}

// queue stores a text of its own, due now.
func (f *fixture) queue(t *testing.T, id, to string, kind roster.TextKind) roster.OutboundText {
	t.Helper()
	now := f.clock.Now()
	x := roster.OutboundText{ID: id, OrgID: f.org.ID, ContactID: "c-" + id, To: to, Kind: kind, Body: "Hello from Acme", CreatedAt: now,
		Status: roster.TextQueued, StatusAt: now, NextAttemptAt: now}
	if err := f.store.QueueTexts(context.Background(), []roster.OutboundText{x}); err != nil {
		t.Fatal(err)
	}
	return x
}

func (f *fixture) text(t *testing.T, x roster.OutboundText) roster.OutboundText {
	t.Helper()
	got, err := f.store.Text(context.Background(), x.Ref())
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestDeliverSendsOnceWithTheOrganisationsIdentityAndContext(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	x := f.queue(t, "t1", "+12015550123", roster.TextHelpReply)
	r, err := f.sender.Deliver(ctx, x.Ref())
	if err != nil || r.Status != roster.TextSent {
		t.Fatalf("Deliver = %+v, %v", r, err)
	}
	if r, err := f.sender.Deliver(ctx, x.Ref()); err != nil || r.Status != "" || f.prov.count() != 1 {
		t.Fatalf("a second Deliver: %+v, %v; %d sends", r, err, f.prov.count())
	}
	got := f.prov.sent[0]
	if got.From != "+15550100000" || got.To != "+12015550123" || got.Body != "Hello from Acme" ||
		got.Context["orgId"] != f.org.ID || got.Context["textId"] != "t1" {
		t.Fatalf("sent %+v", got)
	}
	if s := f.text(t, x); s.Status != roster.TextSent || s.ProviderID != "prov-t1" {
		t.Fatalf("stored %+v", s)
	}
	// The organisation's own number wins over the default.
	if err := f.store.SetTextingSettings(ctx, f.org.ID, roster.TextingSettings{OriginationIdentity: "+15550109999", Version: 1}, 0,
		roster.AuditEvent{ID: roster.NewID(t0), OrgID: f.org.ID, ActorID: "u", Type: "organisation.texting_changed", SubjectID: f.org.ID, At: t0}); err != nil {
		t.Fatal(err)
	}
	f.clock.add(time.Second)
	y := f.queue(t, "t2", "+12015550123", roster.TextHelpReply)
	if _, err := f.sender.Deliver(ctx, y.Ref()); err != nil || f.prov.sent[1].From != "+15550109999" {
		t.Fatalf("from %q, %v", f.prov.sent[1].From, err)
	}
}

func TestATransientRefusalIsRetriedWithBackoffThenFails(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	throttled := &roster.TextSendError{Transient: true, Reason: "ThrottlingException: slow down"}
	f.prov.errs = []error{throttled}
	x := f.queue(t, "t1", "+12015550123", roster.TextWelcome)
	r, err := f.sender.Deliver(ctx, x.Ref())
	if err != nil || r.Status != roster.TextQueued {
		t.Fatalf("Deliver = %+v, %v", r, err)
	}
	s := f.text(t, x)
	if s.Attempts != 1 || !s.NextAttemptAt.Equal(f.clock.Now().Add(30*time.Second)) || !strings.Contains(s.StatusReason, "Throttling") {
		t.Fatalf("after a refusal: %+v", s)
	}
	// Not due yet: the schedule leaves it.
	if sent, _, _, err := f.sender.DeliverDue(ctx, 0); err != nil || sent != 0 || f.prov.count() != 0 {
		t.Fatalf("before its time: sent %d, %v", sent, err)
	}
	f.clock.add(31 * time.Second)
	if sent, _, _, err := f.sender.DeliverDue(ctx, 0); err != nil || sent != 1 || f.prov.count() != 1 {
		t.Fatalf("after its time: sent %d, %v", sent, err)
	}

	// A text refused every time ends failed after MaxTextAttempts.
	y := f.queue(t, "t2", "+12015550124", roster.TextWelcome)
	for i := 0; i < roster.MaxTextAttempts; i++ {
		f.prov.errs = append(f.prov.errs, throttled)
	}
	for i := 0; i < roster.MaxTextAttempts; i++ {
		if _, _, _, err := f.sender.DeliverDue(ctx, 0); err != nil {
			t.Fatal(err)
		}
		f.clock.add(roster.TextRetryDelay(roster.MaxTextAttempts))
	}
	if s := f.text(t, y); s.Status != roster.TextFailed || s.Attempts != roster.MaxTextAttempts-1 && !strings.Contains(s.StatusReason, "Throttling") {
		t.Fatalf("after %d refusals: %+v", roster.MaxTextAttempts, s)
	}
	if f.prov.count() != 1 {
		t.Fatalf("%d texts went out", f.prov.count())
	}
}

func TestNoTextGoesOutTwice(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// The provider may have taken it: it is failed, not sent again.
	f.prov.errs = []error{&roster.TextSendError{Unknown: true, Reason: "timeout", Err: context.DeadlineExceeded}}
	x := f.queue(t, "t1", "+12015550123", roster.TextWelcome)
	if r, err := f.sender.Deliver(ctx, x.Ref()); err != nil || r.Status != roster.TextFailed {
		t.Fatalf("Deliver = %+v, %v", r, err)
	}
	if s := f.text(t, x); s.Status != roster.TextFailed || !strings.Contains(s.StatusReason, "twice") {
		t.Fatalf("stored %+v", s)
	}
	// A sender that stopped after its claim (its lease runs out): the next
	// one cannot know whether it went out, and fails it.
	y := f.queue(t, "t2", "+12015550124", roster.TextWelcome)
	if _, err := f.store.ClaimText(ctx, y.Ref(), f.clock.Now(), roster.TextLease); err != nil {
		t.Fatal(err)
	}
	if r, err := f.sender.Deliver(ctx, y.Ref()); err != nil || r.Status != "" {
		t.Fatalf("while leased: %+v, %v", r, err)
	}
	f.clock.add(roster.TextLease + time.Second)
	if r, err := f.sender.Deliver(ctx, y.Ref()); err != nil || r.Status != roster.TextFailed {
		t.Fatalf("after the lease: %+v, %v", r, err)
	}
	if f.prov.count() != 0 {
		t.Fatalf("%d texts went out", f.prov.count())
	}
	// Queuing the same text again (a retried import) leaves it as it is.
	if err := f.store.QueueTexts(ctx, []roster.OutboundText{y}); err != nil {
		t.Fatal(err)
	}
	if s := f.text(t, y); s.Status != roster.TextFailed {
		t.Fatalf("queued again: %+v", s)
	}
}

func TestOptedOutNumbersGetNothingButTheConfirmation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := f.clock.Now()
	confirm := roster.OutboundText{ID: "opt_out-m1", OrgID: f.org.ID, To: "+12015550123", Kind: roster.TextOptOutReply, Body: "bye",
		CreatedAt: now, Status: roster.TextQueued, StatusAt: now, NextAttemptAt: now}
	if err := f.store.SetOptOut(ctx, roster.OptOut{OrgID: f.org.ID, Phone: "+12015550123", At: now, MessageID: "m1"}, &confirm); err != nil {
		t.Fatal(err)
	}
	if r, err := f.sender.Deliver(ctx, confirm.Ref()); err != nil || r.Status != roster.TextSent {
		t.Fatalf("the confirmation: %+v, %v", r, err)
	}
	f.clock.add(time.Second)
	x := f.queue(t, "welcome-c1", "+12015550123", roster.TextWelcome)
	if r, err := f.sender.Deliver(ctx, x.Ref()); err != nil || r.Status != roster.TextFailed || !strings.Contains(r.Reason, "opted out") {
		t.Fatalf("to an opted-out number: %+v, %v", r, err)
	}
	if f.prov.count() != 1 {
		t.Fatalf("%d texts went out", f.prov.count())
	}
}

func TestWelcomeTextsWaitForTheGroupToOpen(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	opens := t0.Add(14 * time.Hour)
	f.hours["g1"] = roster.OpenStatus{Open: false, Reason: "outside_hours", Until: opens}
	x := f.queue(t, "welcome-c1", "+12015550123", roster.TextWelcome)
	x.GroupID = "g1"
	if err := f.store.QueueTexts(ctx, []roster.OutboundText{{ID: "welcome-c2", OrgID: f.org.ID, GroupID: "g1", To: "+12015550124",
		Kind: roster.TextWelcome, Body: "hi", CreatedAt: t0, Status: roster.TextQueued, StatusAt: t0, NextAttemptAt: t0}}); err != nil {
		t.Fatal(err)
	}
	if sent, _, waiting, err := f.sender.DeliverDue(ctx, 0); err != nil || sent != 1 || waiting != 1 {
		t.Fatalf("while closed: sent %d waiting %d, %v", sent, waiting, err)
	}
	held, err := f.store.Text(ctx, roster.TextRef{OrgID: f.org.ID, ID: "welcome-c2"})
	if err != nil || held.Status != roster.TextQueued || !held.NextAttemptAt.Equal(opens) || held.Attempts != 0 {
		t.Fatalf("held: %+v, %v", held, err)
	}
	f.clock.add(14 * time.Hour)
	f.hours["g1"] = roster.OpenStatus{Open: true, Reason: "open"}
	if sent, _, _, err := f.sender.DeliverDue(ctx, 0); err != nil || sent != 1 {
		t.Fatalf("once open: sent %d, %v", sent, err)
	}
}

func TestTheRateIsKeptAcrossSenders(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.sender.PerSecond = 2
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		f.queue(t, id, "+1201555012"+string(rune('0'+len(id))), roster.TextHelpReply)
	}
	start := f.clock.Now()
	if sent, _, _, err := f.sender.DeliverDue(ctx, 0); err != nil || sent != 5 {
		t.Fatalf("sent %d, %v", sent, err)
	}
	// Five texts at two a second take three seconds of the clock.
	if took := f.clock.Now().Sub(start); took < 2*time.Second {
		t.Fatalf("five texts at two a second took %v", took)
	}
	// Deliver (a request waiting on it) gives up after two seconds and
	// leaves the text queued for the schedule.
	f.sender.PerSecond = 1
	f.sender.Sleep = func(context.Context, time.Duration) error { return nil } // the clock stands still: every slot is taken
	x := f.queue(t, "f", "+12015550199", roster.TextHelpReply)
	if err := f.store.TakeSendSlot(ctx, f.clock.Now(), 1); err != nil && roster.ErrorCodeOf(err) != roster.EConflict {
		t.Fatal(err)
	}
	if r, err := f.sender.Deliver(ctx, x.Ref()); err != nil || r.Status != roster.TextQueued {
		t.Fatalf("Deliver with no slot: %+v, %v", r, err)
	}
}

func TestPermanentRefusalsAndAMissingIdentityFail(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.prov.errs = []error{&roster.TextSendError{Reason: "ValidationException: the destination is not a mobile number"}}
	x := f.queue(t, "t1", "+12015550123", roster.TextHelpReply)
	if r, err := f.sender.Deliver(ctx, x.Ref()); err != nil || r.Status != roster.TextFailed || !strings.Contains(r.Reason, "ValidationException") {
		t.Fatalf("Deliver = %+v, %v", r, err)
	}
	f.sender.DefaultFrom = ""
	y := f.queue(t, "t2", "+12015550124", roster.TextHelpReply)
	if r, err := f.sender.Deliver(ctx, y.Ref()); err != nil || r.Status != roster.TextFailed || !strings.Contains(r.Reason, "origination identity") {
		t.Fatalf("without an identity: %+v, %v", r, err)
	}
	// A provider error that is not a TextSendError is treated as unknown.
	f.sender.DefaultFrom = "+15550100000"
	f.prov.errs = []error{errors.New("something odd")}
	z := f.queue(t, "t3", "+12015550125", roster.TextHelpReply)
	if r, err := f.sender.Deliver(ctx, z.Ref()); err != nil || r.Status != roster.TextFailed {
		t.Fatalf("an odd error: %+v, %v", r, err)
	}
	if f.prov.count() != 0 {
		t.Fatalf("%d texts went out", f.prov.count())
	}
}

func TestDeliveryEventsMoveTextsForwardOnly(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	x := f.queue(t, "t1", "+12015550123", roster.TextHelpReply)
	ev := func(typ, provider string) roster.TextEvent {
		return roster.TextEvent{Type: typ, ProviderID: provider, Ref: x.Ref(), Description: "said the carrier", At: f.clock.Now()}
	}
	// Before the sender recorded the provider's id: an error, so the event comes again.
	if err := f.sender.Record(ctx, ev("TEXT_DELIVERED", "prov-t1")); err == nil {
		t.Fatal("an event before the send was recorded was accepted")
	}
	if _, err := f.sender.Deliver(ctx, x.Ref()); err != nil {
		t.Fatal(err)
	}
	if err := f.sender.Record(ctx, ev("TEXT_DELIVERED", "someone-else")); err == nil {
		t.Fatal("an event naming another provider id was accepted")
	}
	if err := f.sender.Record(ctx, ev("TEXT_PENDING", "prov-t1")); err != nil {
		t.Fatal(err)
	}
	if err := f.sender.Record(ctx, ev("TEXT_DELIVERED", "prov-t1")); err != nil {
		t.Fatal(err)
	}
	if s := f.text(t, x); s.Status != roster.TextDelivered {
		t.Fatalf("after TEXT_DELIVERED: %+v", s)
	}
	// A late event (out of order, or sent twice) changes nothing.
	if err := f.sender.Record(ctx, ev("TEXT_CARRIER_UNREACHABLE", "prov-t1")); err != nil {
		t.Fatal(err)
	}
	if err := f.sender.Record(ctx, ev("TEXT_SUCCESSFUL", "prov-t1")); err != nil {
		t.Fatal(err)
	}
	if s := f.text(t, x); s.Status != roster.TextDelivered {
		t.Fatalf("after late events: %+v", s)
	}
	// A failure keeps the carrier's reason.
	f.clock.add(time.Second)
	y := f.queue(t, "t2", "+12015550124", roster.TextHelpReply)
	if _, err := f.sender.Deliver(ctx, y.Ref()); err != nil {
		t.Fatal(err)
	}
	if err := f.sender.Record(ctx, roster.TextEvent{Type: "TEXT_CARRIER_UNREACHABLE", ProviderID: "prov-t2", Ref: y.Ref(), Description: "no signal"}); err != nil {
		t.Fatal(err)
	}
	if s := f.text(t, y); s.Status != roster.TextFailed || s.StatusReason != "carrier_unreachable: no signal" {
		t.Fatalf("after TEXT_CARRIER_UNREACHABLE: %+v", s)
	}
	// An event for a text Roster does not know is dropped.
	if err := f.sender.Record(ctx, roster.TextEvent{Type: "TEXT_DELIVERED", ProviderID: "x", Ref: roster.TextRef{OrgID: f.org.ID, ID: "nope"}}); err != nil {
		t.Fatal(err)
	}
}

func TestParseEvent(t *testing.T) {
	detail := []byte(`{"eventType":"TEXT_DELIVERED","eventVersion":"1.0","eventTimestamp":1765120000123,"isFinal":true,
		"originationPhoneNumber":"+15550100000","destinationPhoneNumber":"+12015550123","messageId":"abc",
		"messageStatus":"DELIVERED","messageStatusDescription":"Message has been accepted by phone",
		"context":{"orgId":"o1","conversationId":"c1","textId":"m1"},"totalMessageParts":1}`)
	ev, err := texts.ParseEvent(detail)
	if err != nil {
		t.Fatal(err)
	}
	want := roster.TextRef{OrgID: "o1", ConversationID: "c1", ID: "m1"}
	if ev.Type != "TEXT_DELIVERED" || ev.ProviderID != "abc" || ev.Ref != want || ev.At.UnixMilli() != 1765120000123 {
		t.Fatalf("parsed %+v", ev)
	}
	if _, err := texts.ParseEvent([]byte(`{"eventType":`)); err == nil {
		t.Fatal("a broken event parsed")
	}
}

func TestNewSenderReadsItsEnvironment(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	s, err := texts.NewSender(nil, nil, nil, nil, env(map[string]string{texts.EnvPerSecond: "3", texts.EnvDefaultFrom: "+15550100000"}))
	if err != nil || s.PerSecond != 3 || s.DefaultFrom != "+15550100000" || s.Retry != roster.DefaultTextRetry {
		t.Fatalf("defaults: %+v, %v", s, err)
	}
	s, err = texts.NewSender(nil, nil, nil, nil, env(map[string]string{texts.EnvPerSecond: "1", texts.EnvRetryBase: "1", texts.EnvMaxAttempts: "3"}))
	if err != nil || s.Retry != (roster.TextRetry{Base: time.Second, MaxAttempts: 3}) || s.Retry.Delay(2) != 2*time.Second {
		t.Fatalf("local: %+v, %v", s, err)
	}
	for _, bad := range []map[string]string{
		{}, {texts.EnvPerSecond: "0"}, {texts.EnvPerSecond: "x"},
		{texts.EnvPerSecond: "1", texts.EnvRetryBase: "0"}, {texts.EnvPerSecond: "1", texts.EnvMaxAttempts: "50"},
	} {
		if _, err := texts.NewSender(nil, nil, nil, nil, env(bad)); err == nil {
			t.Errorf("%v was accepted", bad)
		}
	}
}
