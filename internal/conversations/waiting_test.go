package conversations_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

func (f *fixture) runs(t *testing.T, from, to int) {
	t.Helper()
	for i := from; i <= to; i++ {
		f.run(t, start.Add(time.Duration(i)*time.Minute))
	}
}

func at(min int) time.Time { return start.Add(time.Duration(min) * time.Minute) }

// A message whose unclaimed emails were dropped while the conversation was
// claimed is filed again when the claim is released.
func TestReleaseFilesUnclaimedEmailsForTheLatestMessage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.receive(t, "+15555550400", f.north, "anyone?")
	f.clock.set(at(1))
	if _, err := f.svc.Claim(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.MarkRead(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	f.runs(t, 2, 30)
	if mails := f.mail.take(); len(mails) != 0 {
		t.Fatalf("mailed while claimed and read: %v", recipients(mails))
	}
	f.clock.set(at(30))
	if _, err := f.svc.Release(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	f.runs(t, 31, 40)
	// 10:00 + 10 minutes is past: due at the release, filed the next minute.
	want := []string{"ada@acme.example", "ann@acme.example", "ben@acme.example"}
	if got := recipients(f.mail.take()); !slices.Equal(got, want) {
		t.Fatalf("after the release: %v, want %v", got, want)
	}
	// Released again before the threshold: due at arrival + threshold.
	f.clock.set(at(41))
	if _, err := f.svc.Claim(ctx, f.caller(f.ben), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	f.clock.set(at(42))
	m2 := f.receive(t, "+15555550400", f.north, "hello?")
	if _, err := f.svc.MarkRead(ctx, f.caller(f.ben), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	f.clock.set(at(43))
	if _, err := f.svc.Release(ctx, f.caller(f.ben), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	f.runs(t, 44, 52)
	if mails := f.mail.take(); len(mails) != 0 {
		t.Fatalf("mailed before the threshold after the message (%s): %v", m2.At.Format(time.TimeOnly), recipients(mails))
	}
	f.runs(t, 53, 60)
	want = []string{"ada@acme.example", "ann@acme.example", "ben@acme.example"}
	if got := recipients(f.mail.take()); !slices.Equal(got, want) {
		t.Fatalf("second message after the release: %v, want %v", got, want)
	}
}

// Deactivating a claimer files the latest message for the others, not for them.
func TestDeactivatingTheClaimerFilesUnclaimedEmailsForTheOthers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.receive(t, "+15555550401", f.north, "help")
	f.clock.set(at(1))
	if _, err := f.svc.Claim(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	f.runs(t, 2, 15) // the unclaimed items of 10:10 are dropped: claimed
	if mails := f.mail.take(); len(mails) != 0 {
		t.Fatalf("mailed while claimed: %v", recipients(mails))
	}
	f.clock.set(at(15))
	lc := users.NewLifecycle(f.store, users.NewReader(f.store, f.clock.Now), f.svc)
	if _, err := lc.Apply(ctx, f.caller(f.admin), f.ada.ID, roster.Deactivate); err != nil {
		t.Fatal(err)
	}
	f.runs(t, 16, 40)
	if got, want := recipients(f.mail.take()), []string{"ann@acme.example", "ben@acme.example"}; !slices.Equal(got, want) {
		t.Fatalf("after deactivating the claimer: %v, want %v", got, want)
	}
}

// flakyReleaser fails its first call.
type flakyReleaser struct {
	next  users.ClaimReleaser
	calls int
}

func (r *flakyReleaser) ReleaseClaims(ctx context.Context, orgID, userID string) error {
	r.calls++
	if r.calls == 1 {
		return errors.New("injected release failure")
	}
	return r.next.ReleaseClaims(ctx, orgID, userID)
}

// A purge whose claim release fails is retried, not answered 404.
func TestPurgeReleasesClaimsBeforePurging(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.receive(t, "+15555550402", f.north, "help")
	f.clock.set(at(1))
	if _, err := f.svc.Claim(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	f.runs(t, 2, 15)
	f.mail.take() // Ada's unread mail is not due before 10:21
	f.clock.set(at(15))
	lc := users.NewLifecycle(f.store, users.NewReader(f.store, f.clock.Now), &flakyReleaser{next: f.svc})
	if err := lc.Purge(ctx, f.caller(f.admin), f.ada.ID); err == nil {
		t.Fatal("the purge succeeded although releasing the claims failed")
	}
	if err := lc.Purge(ctx, f.caller(f.admin), f.ada.ID); err != nil {
		t.Fatalf("retried purge: %v", err)
	}
	if _, err := f.store.User(ctx, f.org.ID, f.ada.ID); roster.ErrorCodeOf(err) != roster.ENotFound {
		t.Fatalf("not purged: %v", err)
	}
	conv, err := f.store.Conversation(ctx, f.org.ID, m.ConversationID)
	if err != nil || conv.ClaimedBy != "" {
		t.Fatalf("claim after the purge: %+v %v", conv, err)
	}
	if ids, err := f.store.ClaimedConversations(ctx, f.org.ID, f.ada.ID); err != nil || len(ids) != 0 {
		t.Fatalf("claim index after the purge: %v %v", ids, err)
	}
	f.runs(t, 16, 40)
	if got, want := recipients(f.mail.take()), []string{"ann@acme.example", "ben@acme.example"}; !slices.Equal(got, want) {
		t.Fatalf("after purging the claimer: %v, want %v", got, want)
	}
}

// On a catch-up run a failing item holds the cursor from its first failure,
// not from its minute; given up on, it gets an expiry.
func TestNotifierHoldsAFailingItemFromItsFirstFailure(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.receive(t, "+15555550403", f.north, "waiting") // looked at from 10:01; due 10:10 for Ann, Ada, Ben
	f.notifier.Store = &failingQueue{Store: f.store, fail: map[string]int{
		f.ada.ID: 1,  // once
		f.ben.ID: -1, // for ever
	}}
	// The first run ever, at 11:00, looks back an hour: 10:01 is 59 minutes old.
	// The message's one item fails (for Ada and Ben); Ann is mailed all the same.
	st := f.run(t, at(60))
	if st.Failed != 1 {
		t.Fatalf("first run: %+v", st)
	}
	if got := recipients(f.mail.take()); !slices.Equal(got, []string{"ann@acme.example"}) {
		t.Fatalf("first run mailed %v", got)
	}
	f.run(t, at(61))
	if got := recipients(f.mail.take()); !slices.Equal(got, []string{"ada@acme.example"}) {
		t.Fatalf("the run after a transient failure mailed %v, want Ada", got)
	}
	// The item fails for Ben from 11:00: it holds the cursor until 11:15.
	f.runs(t, 62, 74)
	if cur, _, _ := f.store.NotifyCursor(ctx); !cur.Before(at(1)) {
		t.Fatalf("cursor at %s while an item of 10:01 fails", cur.Format(time.TimeOnly))
	}
	st = f.run(t, at(75))
	if st.Abandoned != 1 {
		t.Fatalf("run at 11:15: %+v", st)
	}
	if cur, _, _ := f.store.NotifyCursor(ctx); !cur.Equal(at(74)) {
		t.Fatalf("cursor at %s after giving up, want 11:14", cur.Format(time.TimeOnly))
	}
	res, err := f.db.Query(ctx, &dynamodb.QueryInput{TableName: &f.table, KeyConditionExpression: aws.String("pk = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: "NOTIFYDUE#" + at(1).Format(dynamo.NotifyMinuteLayout)}}})
	if err != nil || len(res.Items) != 1 {
		t.Fatalf("left items: %d %v", len(res.Items), err)
	}
	ttl, ok := res.Items[0]["ttl"].(*types.AttributeValueMemberN)
	if !ok || ttl.Value == "" || res.Items[0]["firstFailedAt"] == nil {
		t.Fatalf("the item given up on has no expiry: %v", res.Items[0])
	}
	if n := len(f.mail.take()); n != 0 {
		t.Fatalf("%d more mails", n)
	}
}

// An unread email is about the latest message only.
func TestUnreadEmailIsForTheLatestMessageOnly(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.receive(t, "+15555550404", f.north, "one")
	if _, err := f.svc.Claim(ctx, f.caller(f.ada), m.ConversationID); err != nil { // unread owed at 10:20
		t.Fatal(err)
	}
	for i, text := range []string{"two", "three"} {
		f.clock.set(at(5 * (i + 1)))
		f.receive(t, "+15555550404", f.north, text) // owed at 10:25, 10:30
	}
	f.runs(t, 1, 40)
	mails := f.mail.take()
	if len(mails) != 1 || mails[0].To[0] != "ada@acme.example" || !strings.Contains(mails[0].Text, "21 minutes") { // the latest came at 10:10
		t.Fatalf("want one unread mail to Ada about the latest message, got %d: %v", len(mails), recipients(mails))
	}
}

// Claiming an old conversation gives the claimer their whole threshold;
// claiming again after a release keeps their read.
func TestClaimStartsTheUnreadClockAndKeepsTheClaimersRead(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.receive(t, "+15555550405", f.north, "old")
	f.runs(t, 1, 59)
	f.mail.take() // the unclaimed mails
	f.clock.set(at(60))
	if _, err := f.svc.Claim(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	f.runs(t, 60, 79)
	if mails := f.mail.take(); len(mails) != 0 {
		t.Fatalf("mailed %v before 20 minutes from the claim", recipients(mails))
	}
	f.run(t, at(81))
	if got := recipients(f.mail.take()); !slices.Equal(got, []string{"ada@acme.example"}) {
		t.Fatalf("after 20 minutes from the claim: %v", got)
	}

	// Read, released and claimed again by Ada: still read.
	f.clock.set(at(90))
	m2 := f.receive(t, "+15555550405", f.north, "newer")
	if _, err := f.svc.MarkRead(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Release(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	conv, err := f.svc.Claim(ctx, f.caller(f.ada), m.ConversationID)
	if err != nil || conv.Unread() || conv.ReadAt.Before(m2.At) {
		t.Fatalf("re-claimed: %+v %v; the read of the latest message was lost", conv, err)
	}
	f.runs(t, 91, 130)
	if mails := f.mail.take(); len(mails) != 0 {
		t.Fatalf("a message read before the re-claim was emailed: %v", recipients(mails))
	}
	// Someone else's read does not count for Ben.
	f.clock.set(at(131))
	if _, err := f.svc.Release(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	if conv, err := f.svc.Claim(ctx, f.caller(f.ben), m.ConversationID); err != nil || !conv.Unread() {
		t.Fatalf("Ben's claim: %+v %v", conv, err)
	}
}

// slowStore records the cursor at each minute read and takes delay for it.
type slowStore struct {
	*dynamo.Store
	delay   time.Duration
	mu      sync.Mutex
	cursors []time.Time
}

func (s *slowStore) DueNotifications(ctx context.Context, minute time.Time) ([]roster.DueNotification, error) {
	c, _, err := s.Store.NotifyCursor(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.cursors = append(s.cursors, c)
	s.mu.Unlock()
	time.Sleep(s.delay)
	return s.Store.DueNotifications(ctx, minute)
}

func TestNotifierAdvancesEachMinuteAndStopsBeforeItsDeadline(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.store.AdvanceNotifyCursor(ctx, start); err != nil {
		t.Fatal(err)
	}
	slow := &slowStore{Store: f.store}
	n := f.newNotifier(f.store)
	n.Store = slow
	f.clock.set(at(5))
	if _, err := n.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []time.Time{at(0), at(1), at(2), at(3)}; !slices.EqualFunc(slow.cursors, want, time.Time.Equal) {
		t.Fatalf("cursor at each minute read: %v, want %v", slow.cursors, want)
	}

	slow.delay = 1500 * time.Millisecond
	f.clock.set(at(8))
	dctx, cancel := context.WithTimeout(ctx, conversations.DeadlineReserve+time.Second)
	defer cancel()
	st, err := n.Run(dctx)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Stopped || st.Minutes != 1 {
		t.Fatalf("near its deadline the run went on: %+v", st)
	}
	if cur, _, _ := f.store.NotifyCursor(ctx); !cur.Equal(at(5)) {
		t.Fatalf("cursor %s, want 10:05", cur.Format(time.TimeOnly))
	}
}

// failingQueue fails QueueNotification for some users: failures left per
// user; negative fails for ever.
type failingQueue struct {
	*dynamo.Store
	mu   sync.Mutex
	fail map[string]int
}

func (q *failingQueue) QueueNotification(ctx context.Context, d roster.DueNotification, m roster.OutboxMail) error {
	q.mu.Lock()
	n := q.fail[d.UserID]
	if n != 0 {
		q.fail[d.UserID] = n - 1
	}
	q.mu.Unlock()
	if n != 0 {
		return fmt.Errorf("queue the mail to %s: injected failure", d.UserID)
	}
	return q.Store.QueueNotification(ctx, d, m)
}

// An inbound message to a large group is one transaction and a handful of
// calls; the notifier mails every member once (its members read in pages).
func TestInboundToALargeGroupEmailsEveryoneOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for i := range 102 {
		u := roster.User{ID: roster.NewID(start), OrgID: f.org.ID, Email: fmt.Sprintf("agent%03d@acme.example", i), FirstName: "Agent", LastName: "Test",
			Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: f.north.ID}}, Version: 1, CreatedAt: start, UpdatedAt: start}
		if err := f.store.CreateUser(ctx, u, nil, roster.AuditEvent{ID: roster.NewID(start), OrgID: f.org.ID, ActorID: f.admin.ID,
			Type: "user.created", SubjectID: u.ID, At: start}); err != nil {
			t.Fatal(err)
		}
	}
	cnt := &counter{ops: map[string]int{}, next: http.DefaultTransport}
	counted := dynamo.NewStore(dynamodb.New(f.db.Options(), func(o *dynamodb.Options) { o.HTTPClient = &http.Client{Transport: cnt} }), f.table)
	svc := &conversations.Service{Store: counted, Hours: f.hours, Now: f.clock.Now}
	in := conversations.Inbound{ProviderID: "SM-many", From: "+15555550406", GroupID: f.north.ID, Text: "hello all"}
	if _, created, err := svc.Receive(ctx, f.org.ID, in); err != nil || !created {
		t.Fatalf("receive: created %v, %v", created, err)
	}
	calls := 0
	for _, n := range cnt.ops {
		calls += n
	}
	// The lookup, the new contact, the transaction (hours are a fake here).
	if calls > 3 || cnt.ops["TransactWriteItems"] != 2 || cnt.ops["Query"] != 0 {
		t.Fatalf("receive to 105 members: %v", cnt.ops)
	}
	f.clock.set(start.Add(20 * time.Second))
	if _, created, err := f.svc.Receive(ctx, f.org.ID, in); err != nil || created {
		t.Fatalf("the provider's retry: created %v, %v", created, err)
	}
	f.runs(t, 1, 12)
	mails := f.mail.take()
	seen := map[string]bool{}
	for _, m := range mails {
		seen[m.To[0]] = true
	}
	if len(mails) != 105 || len(seen) != 105 { // Ann, Ada, Ben and the 102 agents, once each
		t.Fatalf("%d mails to %d users, want 105 to 105", len(mails), len(seen))
	}
}

// A waiting-message mail retried by the SendMail schedule is dropped once
// the message no longer waits for its user.
func TestRetriedWaitingMailIsDroppedWhenNoLongerWaiting(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sender := &outbox.Sender{Store: f.store, Mail: f.mail, AppBaseURL: "https://app.example", Log: log, Now: f.clock.Now}
	m := f.receive(t, "+15555550407", f.north, "first")
	f.mail.fail = 3 // the unclaimed mails to Ann, Ada and Ben fail at 10:11
	f.runs(t, 1, 11)
	f.clock.set(at(11))
	if _, err := f.svc.Claim(ctx, f.caller(f.ada), m.ConversationID); err != nil { // unread owed at 10:31
		t.Fatal(err)
	}
	f.clock.set(at(20))
	if sent, _, err := sender.DeliverDue(ctx); err != nil || sent != 0 {
		t.Fatalf("retried unclaimed mails after the claim: sent %d, %v", sent, err)
	}
	f.mail.fail = 1 // Ada's unread mail fails at 10:31
	f.runs(t, 12, 31)
	f.clock.set(at(32))
	if _, err := f.svc.MarkRead(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	f.clock.set(at(40))
	if sent, _, err := sender.DeliverDue(ctx); err != nil || sent != 0 {
		t.Fatalf("retried unread mail after the read: sent %d, %v", sent, err)
	}
	if mails := f.mail.take(); len(mails) != 0 {
		t.Fatalf("mailed %v", recipients(mails))
	}
	if due, err := f.store.DueMail(ctx, at(24*60), 100); err != nil || len(due) != 0 {
		t.Fatalf("outbox left with %d entries: %v", len(due), err)
	}
}

// Each member is emailed at their own threshold, those on the
// organisation's default at its threshold, each by the run after it passed.
func TestEachMemberIsEmailedAtTheirOwnThreshold(t *testing.T) {
	f := newFixture(t)
	quick, slow := base, base
	quick.UnclaimedMinutes, slow.UnclaimedMinutes = 3, 25
	f.setSettings(t, f.ben.ID, quick)  // North, 3 minutes
	f.setSettings(t, f.admin.ID, slow) // the root, 25 minutes; Ada is on the default (10)
	f.receive(t, "+15555550408", f.north, "who is first?")
	got := map[int][]string{}
	for i := 1; i <= 30; i++ {
		f.run(t, at(i))
		if r := recipients(f.mail.take()); len(r) > 0 {
			got[i] = r
		}
	}
	want := map[int][]string{4: {"ben@acme.example"}, 11: {"ada@acme.example"}, 26: {"ann@acme.example"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("mailed by minute: %v, want %v", got, want)
	}
}
