package conversations_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// base is the organisation's default notification settings in the fixture.
var base = roster.NotificationSettings{EmailEnabled: true, UnclaimedMinutes: 10, UnreadMinutes: 20, LimitToHours: true}

// setSettings stores a user's own notification settings ("" for the
// organisation's default), as the settings API does.
func (f *fixture) setSettings(t *testing.T, userID string, v roster.NotificationSettings) {
	t.Helper()
	ctx := context.Background()
	var cur roster.StoredNotificationSettings
	var err error
	if userID == "" {
		cur, err = f.store.OrgNotificationSettings(ctx, f.org.ID)
	} else {
		cur, err = f.store.NotificationSettingsOf(ctx, f.org.ID, userID)
	}
	if err != nil {
		t.Fatal(err)
	}
	prev := cur.Version
	if cur.Source != roster.SettingsFromUser && userID != "" {
		prev = 0
	}
	now := f.clock.Now()
	if err := f.store.PutNotificationSettings(ctx, f.org.ID, userID, roster.StoredNotificationSettings{Settings: v, Version: prev + 1,
		UpdatedAt: now, UpdatedBy: f.admin.ID}, prev, roster.AuditEvent{ID: roster.NewID(now), OrgID: f.org.ID, ActorID: f.admin.ID,
		Type: "notification_settings.updated", SubjectID: userID, At: now}); err != nil {
		t.Fatal(err)
	}
}

// hours is a GroupHoursReader: a group without an entry has no hours set.
type hours struct {
	mu     sync.Mutex
	status map[string]roster.OpenStatus
	reply  map[string]string
}

func (h *hours) GroupStatusAt(_ context.Context, _, groupID string, _ time.Time) (roster.OpenStatus, string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if s, ok := h.status[groupID]; ok {
		return s, h.reply[groupID], nil
	}
	return roster.OpenStatus{Reason: roster.OpenNoHours}, "", nil
}

func (h *hours) set(groupID string, s roster.OpenStatus, reply string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.status[groupID], h.reply[groupID] = s, reply
}

type mailbox struct {
	mu   sync.Mutex
	sent []roster.Mail
	fail int // sends left to fail
}

func (m *mailbox) Send(_ context.Context, mail roster.Mail) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail > 0 {
		m.fail--
		return fmt.Errorf("injected send failure")
	}
	m.sent = append(m.sent, mail)
	return nil
}

func (m *mailbox) take() []roster.Mail {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := m.sent
	m.sent = nil
	return out
}

type fixture struct {
	store    *dynamo.Store
	meter    *dynamotest.DB
	db       *dynamodb.Client
	table    string
	clock    *clock
	hours    *hours
	mail     *mailbox
	svc      *conversations.Service
	reader   *conversations.Reader
	notifier *conversations.Notifier
	org      roster.Organisation
	root     roster.Group
	north    roster.Group
	south    roster.Group
	admin    roster.User // admin at the root: answers everywhere
	ada      roster.User // agent at North
	ben      roster.User // agent at North
	vic      roster.User // viewer at North: never answers
	dee      roster.User // agent at North, deactivated
	sam      roster.User // agent at South
}

var start = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	meter := dynamotest.Open(t)
	db, table := meter.Client, meter.Table
	f := &fixture{store: dynamo.NewStore(db, table), meter: meter, db: db, table: table, clock: &clock{now: start}, mail: &mailbox{},
		hours: &hours{status: map[string]roster.OpenStatus{}, reply: map[string]string{}}}
	ctx := context.Background()
	now := start
	f.org = roster.Organisation{ID: roster.NewID(now), Name: "Acme", DefaultRegion: "US", TimeZone: "UTC", CreatedAt: now}
	f.root = roster.Group{ID: roster.NewID(now), OrgID: f.org.ID, Name: "Acme", Kind: roster.GroupRoot, Version: 1, CreatedAt: now, UpdatedAt: now}
	f.org.RootGroupID = f.root.ID
	f.admin = roster.User{ID: roster.NewID(now), OrgID: f.org.ID, Email: "ann@acme.example", FirstName: "Ann", LastName: "Admin",
		Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: f.root.ID}}, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := f.store.CreateOrganisation(ctx, f.org, f.root, f.admin, nil); err != nil {
		t.Fatal(err)
	}
	tv, err := f.store.TreeVersion(ctx, f.org.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []*roster.Group{&f.north, &f.south} {
		name := map[*roster.Group]string{&f.north: "North", &f.south: "South"}[g]
		*g = roster.Group{ID: roster.NewID(now), OrgID: f.org.ID, Name: name, Kind: "location", ParentID: f.root.ID, Version: 1, CreatedAt: now, UpdatedAt: now}
		if err := f.store.ChangeGroups(ctx, f.org.ID, roster.GroupChange{TreeVersion: tv, Put: g,
			Audit: roster.AuditEvent{ID: roster.NewID(now), OrgID: f.org.ID, ActorID: f.admin.ID, Type: "group.created", SubjectID: g.ID, At: now}}); err != nil {
			t.Fatal(err)
		}
		tv++
	}
	user := func(first string, role roster.Role, group string, status roster.UserStatus) roster.User {
		u := roster.User{ID: roster.NewID(now), OrgID: f.org.ID, Email: strings.ToLower(first) + "@acme.example", FirstName: first, LastName: "Test",
			Status: status, Grants: []roster.Grant{{Role: role, GroupID: group}}, Version: 1, CreatedAt: now, UpdatedAt: now}
		if err := f.store.CreateUser(ctx, u, nil, roster.AuditEvent{ID: roster.NewID(now), OrgID: f.org.ID, ActorID: f.admin.ID,
			Type: "user.created", SubjectID: u.ID, At: now}); err != nil {
			t.Fatal(err)
		}
		return u
	}
	f.ada = user("Ada", roster.RoleAgent, f.north.ID, roster.UserActive)
	f.ben = user("Ben", roster.RoleAgent, f.north.ID, roster.UserActive)
	f.vic = user("Vic", roster.RoleViewer, f.north.ID, roster.UserActive)
	f.dee = user("Dee", roster.RoleAgent, f.north.ID, roster.UserDeactivated)
	f.sam = user("Sam", roster.RoleAgent, f.south.ID, roster.UserActive)
	f.setSettings(t, "", base)
	f.svc = &conversations.Service{Store: f.store, Hours: f.hours, Now: f.clock.Now}
	f.reader = &conversations.Reader{Store: f.store}
	f.notifier = f.newNotifier(f.store)
	return f
}

func (f *fixture) newNotifier(store *dynamo.Store) *conversations.Notifier {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sender := &outbox.Sender{Store: store, Mail: f.mail, AppBaseURL: "https://app.example", Log: log, Now: f.clock.Now}
	return &conversations.Notifier{Store: store, Settings: store, Hours: f.hours, Mail: sender, Log: log, Now: f.clock.Now}
}

func (f *fixture) caller(u roster.User) roster.Caller {
	return roster.Caller{OrgID: u.OrgID, UserID: u.ID, Grants: u.Grants}
}

var providerIDs struct {
	sync.Mutex
	n int
}

func nextProviderID() string {
	providerIDs.Lock()
	defer providerIDs.Unlock()
	providerIDs.n++
	return fmt.Sprintf("SM%06d", providerIDs.n)
}

func (f *fixture) receive(t *testing.T, from string, group roster.Group, text string) roster.Message {
	t.Helper()
	m, created, err := f.svc.Receive(context.Background(), f.org.ID, conversations.Inbound{ProviderID: nextProviderID(), From: from, GroupID: group.ID, Text: text})
	if err != nil || !created {
		t.Fatalf("receive: %v (created %v)", err, created)
	}
	return m
}

func (f *fixture) run(t *testing.T, at time.Time) conversations.RunStats {
	t.Helper()
	f.clock.set(at)
	st, err := f.notifier.Run(context.Background())
	if err != nil {
		t.Fatalf("notifier run at %s: %v", at.Format(time.TimeOnly), err)
	}
	return st
}

func recipients(mails []roster.Mail) []string {
	var out []string
	for _, m := range mails {
		out = append(out, m.To...)
	}
	slices.Sort(out)
	return out
}

func TestInboundCreatesContactAndConversationAndEmailsWhoCanAnswer(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.receive(t, "+15555550100", f.north, "Is my order ready?")
	id, err := f.store.ContactIDByPhone(ctx, f.org.ID, "+15555550100")
	if err != nil {
		t.Fatal(err)
	}
	ct, _ := f.store.Contact(ctx, f.org.ID, id)
	if ct.FirstName != "+15555550100" || !slices.Equal(ct.Groups, []string{f.north.ID}) || ct.Consent.Status != roster.ConsentUnknown {
		t.Fatalf("contact = %+v", ct)
	}
	f.clock.set(start.Add(time.Minute))
	again := f.receive(t, "+15555550100", f.north, "Hello?")
	if again.ConversationID != m.ConversationID {
		t.Fatal("a second message from the same number to the same group opened another conversation")
	}
	other := f.receive(t, "+15555550100", f.south, "Other shop")
	if other.ConversationID == m.ConversationID {
		t.Fatal("one conversation across two groups")
	}
	if ids, _ := f.store.ContactIDByPhone(ctx, f.org.ID, "+15555550100"); ids != id {
		t.Fatal("a second contact for the same number")
	}

	if st := f.run(t, start.Add(10*time.Minute)); st.Queued != 0 {
		t.Fatalf("emails before the threshold: %+v", st)
	}
	st := f.run(t, start.Add(11*time.Minute))
	mails := f.mail.take()
	// The first North message is due at 10:10: Ann (admin), Ada and Ben; not
	// Vic (viewer), Dee (deactivated) or Sam (South).
	want := []string{"ada@acme.example", "ann@acme.example", "ben@acme.example"}
	if got := recipients(mails); !slices.Equal(got, want) {
		t.Fatalf("recipients %v, want %v (stats %+v)", got, want, st)
	}
	body := mails[0].Text
	for _, s := range []string{"+15555550100", "North", "https://app.example/conversations/" + m.ConversationID, "11 minutes"} {
		if !strings.Contains(body, s) {
			t.Errorf("mail does not say %q:\n%s", s, body)
		}
	}
	st = f.run(t, start.Add(12*time.Minute))
	mails = f.mail.take()
	// 10:11: the second North message (3) and the South one (Ann, Sam).
	if len(mails) != 5 || st.Minutes != 1 {
		t.Fatalf("second run: %d mails, stats %+v", len(mails), st)
	}
	for i := 13; i < 20; i++ {
		f.run(t, start.Add(time.Duration(i)*time.Minute))
	}
	if extra := f.mail.take(); len(extra) != 0 {
		t.Fatalf("later runs sent %d more mails", len(extra))
	}
}

func TestReplayedMessageIsStoredOnce(t *testing.T) {
	f := newFixture(t)
	in := conversations.Inbound{ProviderID: "SM-replay", From: "+15555550101", GroupID: f.north.ID, Text: "once"}
	first, created, err := f.svc.Receive(context.Background(), f.org.ID, in)
	if err != nil || !created {
		t.Fatal(err)
	}
	f.clock.set(start.Add(30 * time.Second))
	second, created, err := f.svc.Receive(context.Background(), f.org.ID, in)
	if err != nil || created || second.ID != first.ID {
		t.Fatalf("replay: %v created=%v id %s vs %s", err, created, second.ID, first.ID)
	}
	msgs, _, err := f.reader.Messages(context.Background(), f.caller(f.admin), first.ConversationID, "", 50)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("messages after a replay: %d %v", len(msgs), err)
	}
	f.run(t, start.Add(11*time.Minute))
	if n := len(f.mail.take()); n != 3 {
		t.Fatalf("%d mails; a replay must not owe emails twice", n)
	}
}

func TestAutoReplyOncePerClosedPeriod(t *testing.T) {
	f := newFixture(t)
	f.hours.set(f.north.ID, roster.OpenStatus{Open: false, Reason: roster.ClosedRegular, Until: start.Add(2 * time.Hour)}, "We are closed; back at noon.")
	m := f.receive(t, "+15555550102", f.north, "anyone?")
	f.clock.set(start.Add(5 * time.Minute))
	f.receive(t, "+15555550102", f.north, "hello??")
	count := func() (auto int) {
		msgs, _, err := f.reader.Messages(context.Background(), f.caller(f.ada), m.ConversationID, "", 50)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range msgs {
			if x.AutoReply {
				if x.Direction != roster.Outbound || x.To != "+15555550102" || x.Body != "We are closed; back at noon." {
					t.Fatalf("auto-reply = %+v", x)
				}
				auto++
			}
		}
		return auto
	}
	if n := count(); n != 1 {
		t.Fatalf("%d auto-replies in one closed period, want 1", n)
	}
	// The next closed period (the group opened at noon and closed again).
	f.clock.set(start.Add(9 * time.Hour))
	f.hours.set(f.north.ID, roster.OpenStatus{Open: false, Reason: roster.ClosedRegular, Until: start.Add(22 * time.Hour)}, "We are closed; back at noon.")
	f.receive(t, "+15555550102", f.north, "tonight?")
	if n := count(); n != 2 {
		t.Fatalf("%d auto-replies after a second closed period, want 2", n)
	}
	f.hours.set(f.north.ID, roster.OpenStatus{Open: true, Reason: roster.OpenRegularHours, Until: start.Add(30 * time.Hour)}, "We are closed; back at noon.")
	f.clock.set(start.Add(23 * time.Hour))
	f.receive(t, "+15555550102", f.north, "open now?")
	if n := count(); n != 2 {
		t.Fatal("an auto-reply while open")
	}
}

func TestNotifierRespectsHoursOfOperation(t *testing.T) {
	f := newFixture(t)
	// Ben wants email whatever the hours; the others only while open.
	own := base
	own.LimitToHours = false
	f.setSettings(t, f.ben.ID, own)
	f.receive(t, "+15555550103", f.north, "closed group")
	f.receive(t, "+15555550104", f.south, "no hours")
	f.hours.set(f.north.ID, roster.OpenStatus{Open: false, Reason: roster.ClosedHoliday, Until: start.Add(24 * time.Hour)}, "")
	f.run(t, start.Add(11*time.Minute))
	got := map[string][]string{}
	for _, m := range f.mail.take() {
		group := "South"
		if strings.Contains(m.Text, "North") {
			group = "North"
		}
		got[group] = append(got[group], m.To[0])
	}
	slices.Sort(got["South"])
	if !slices.Equal(got["North"], []string{"ben@acme.example"}) {
		t.Errorf("closed North: mailed %v, want only Ben (not limited to hours)", got["North"])
	}
	if !slices.Equal(got["South"], []string{"ann@acme.example", "sam@acme.example"}) {
		t.Errorf("South without hours: mailed %v, want Ann and Sam", got["South"])
	}
	// Dropped, not postponed: opening later sends nothing for them.
	f.hours.set(f.north.ID, roster.OpenStatus{Open: true, Reason: roster.OpenRegularHours}, "")
	f.run(t, start.Add(12*time.Minute))
	if n := len(f.mail.take()); n != 0 {
		t.Fatalf("%d mails after the group opened", n)
	}
}

func TestDeactivatedUserIsNeverEmailedAndLosesClaims(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.receive(t, "+15555550105", f.north, "help")
	if _, err := f.svc.Claim(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	f.clock.set(start.Add(time.Minute))
	f.receive(t, "+15555550105", f.north, "still there?") // unread, owed to Ada at 10:21
	lc := users.NewLifecycle(f.store, users.NewReader(f.store, f.clock.Now), f.svc)
	if _, err := lc.Apply(ctx, f.caller(f.admin), f.ada.ID, roster.Deactivate); err != nil {
		t.Fatal(err)
	}
	conv, err := f.store.Conversation(ctx, f.org.ID, m.ConversationID)
	if err != nil || conv.ClaimedBy != "" {
		t.Fatalf("the deactivated user's claim stayed: %+v %v", conv, err)
	}
	msgs, _, _ := f.reader.Messages(ctx, f.caller(f.admin), m.ConversationID, "", 50)
	if len(msgs) != 2 {
		t.Fatalf("messages after deactivation: %d", len(msgs))
	}
	for i := 11; i <= 30; i++ {
		f.run(t, start.Add(time.Duration(i)*time.Minute))
	}
	got := recipients(f.mail.take())
	if slices.Contains(got, "ada@acme.example") {
		t.Fatalf("the deactivated user was emailed: %v", got)
	}
	// The first message was filed unclaimed for Ann and Ben before the
	// claim; released again, it is unclaimed and they are told. The release
	// files the latest message (unread by Ada, never filed unclaimed) for
	// them too.
	if want := []string{"ann@acme.example", "ann@acme.example", "ben@acme.example", "ben@acme.example"}; !slices.Equal(got, want) {
		t.Fatalf("recipients %v, want %v", got, want)
	}
}

func TestUnreadEmailToTheClaimer(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.receive(t, "+15555550106", f.north, "first")
	conv, err := f.svc.Claim(ctx, f.caller(f.ada), m.ConversationID)
	if err != nil || conv.ClaimedBy != f.ada.ID {
		t.Fatalf("claim: %+v %v", conv, err)
	}
	if _, err := f.svc.Claim(ctx, f.caller(f.ben), m.ConversationID); roster.ReasonOf(err) != "already_claimed" {
		t.Fatalf("a second claimer: %v", err)
	}
	for i := 1; i <= 21; i++ {
		f.run(t, start.Add(time.Duration(i)*time.Minute))
	}
	mails := f.mail.take()
	if len(mails) != 1 || mails[0].To[0] != "ada@acme.example" || !strings.Contains(mails[0].Subject, "Unread") {
		t.Fatalf("claimed at once: want one unread mail to Ada at 10:20, got %d: %+v", len(mails), mails)
	}
	// A message read in time is not emailed.
	f.clock.set(start.Add(30 * time.Minute))
	f.receive(t, "+15555550106", f.north, "second")
	f.clock.set(start.Add(35 * time.Minute))
	if _, err := f.svc.MarkRead(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.MarkRead(ctx, f.caller(f.ben), m.ConversationID); roster.ReasonOf(err) != "not_claimer" {
		t.Fatalf("marking read without the claim: %v", err)
	}
	for i := 22; i <= 60; i++ {
		f.run(t, start.Add(time.Duration(i)*time.Minute))
	}
	if mails := f.mail.take(); len(mails) != 0 {
		t.Fatalf("a read message was emailed: %+v", mails)
	}
	// Released, and claimed by Ben with the latest message read by nobody.
	if _, err := f.svc.Release(ctx, f.caller(f.ben), m.ConversationID); roster.ReasonOf(err) != "not_claimer" {
		t.Fatalf("an agent released another's claim: %v", err)
	}
	if _, err := f.svc.Release(ctx, f.caller(f.ada), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Claim(ctx, f.caller(f.ben), m.ConversationID); err != nil {
		t.Fatal(err)
	}
	// Ben's unread clock starts at his claim (11:00), not at 10:30.
	for i := 61; i <= 80; i++ {
		f.run(t, start.Add(time.Duration(i)*time.Minute))
	}
	if mails := f.mail.take(); len(mails) != 0 {
		t.Fatalf("mailed before Ben's threshold from his claim: %v", recipients(mails))
	}
	f.run(t, start.Add(81*time.Minute))
	mails = f.mail.take()
	if len(mails) != 1 || mails[0].To[0] != "ben@acme.example" {
		t.Fatalf("claiming an unread conversation: want one mail to Ben, got %+v", recipients(mails))
	}
}

func TestNotifierEmailsOnceUnderConcurrentRuns(t *testing.T) {
	f := newFixture(t)
	const messages = 5
	for i := range messages {
		f.receive(t, fmt.Sprintf("+1555555020%d", i), f.north, "concurrent")
	}
	f.clock.set(start.Add(11 * time.Minute))
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.notifier.Run(context.Background()); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Runs that lost a race leave nothing behind: the next run finds the
	// minute empty and sends nothing more.
	f.run(t, start.Add(12*time.Minute))
	mails := f.mail.take()
	seen := map[string]int{}
	for _, m := range mails {
		seen[m.To[0]+" "+m.Text[strings.Index(m.Text, "/conversations/"):]]++
	}
	if len(mails) != messages*3 || len(seen) != messages*3 {
		t.Fatalf("%d mails for %d (message, user) pairs; want exactly one each: %v", len(mails), len(seen), seen)
	}
	due, err := f.store.DueMail(context.Background(), start.Add(time.Hour), 100)
	if err != nil || len(due) != 0 {
		t.Fatalf("outbox left with %d entries: %v", len(due), err)
	}
}

// counter counts DynamoDB calls by operation, and the partitions queried.
type counter struct {
	mu      sync.Mutex
	ops     map[string]int
	queries []string
	next    http.RoundTripper
}

func (c *counter) RoundTrip(r *http.Request) (*http.Response, error) {
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "DynamoDB_20120810.")
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	c.mu.Lock()
	c.ops[op]++
	if op == "Query" {
		c.queries = append(c.queries, string(body))
	}
	c.mu.Unlock()
	return c.next.RoundTrip(r)
}

func (c *counter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ops, c.queries = map[string]int{}, nil
}

func TestNotifierRunReadsOnlyTheDueMinutes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// South has one agent (and Ann): two emails per message.
	if err := f.store.AdvanceNotifyCursor(ctx, start.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	const old = 60
	for i := range old {
		f.clock.set(start.Add(time.Duration(i) * time.Minute))
		f.receive(t, fmt.Sprintf("+155555503%02d", i), f.south, "old")
		if i%10 == 9 {
			f.run(t, f.clock.Now())
		}
	}
	f.run(t, start.Add(75*time.Minute))
	if n := len(f.mail.take()); n != old*2 {
		t.Fatalf("seeding: %d mails, want %d", n, old*2)
	}
	f.run(t, start.Add(80*time.Minute)) // cursor at 11:19

	cnt := &counter{ops: map[string]int{}, next: http.DefaultTransport}
	counted := dynamo.NewStore(dynamodb.New(f.db.Options(), func(o *dynamodb.Options) { o.HTTPClient = &http.Client{Transport: cnt} }), f.table)
	n := f.newNotifier(counted)
	run := func(at time.Time) conversations.RunStats {
		f.clock.set(at)
		cnt.reset()
		st, err := n.Run(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}

	// An idle minute: the cursor, one Query of the one new minute, the cursor moved.
	st := run(start.Add(81 * time.Minute))
	if st.Minutes != 1 || st.Due != 0 || cnt.ops["Query"] != 1 || cnt.ops["GetItem"] != 1 || cnt.ops["Scan"] != 0 || cnt.ops["PutItem"] != 1 {
		t.Fatalf("idle run: stats %+v, calls %v", st, cnt.ops)
	}
	if want := "NOTIFYDUE#" + start.Add(80*time.Minute).Format(dynamo.NotifyMinuteLayout); !strings.Contains(cnt.queries[0], want) {
		t.Fatalf("queried %s, want the partition %s", cnt.queries[0], want)
	}

	// A new message, due at 11:31: the run at 11:32 reads that minute only,
	// however many old, handled messages the table holds.
	f.clock.set(start.Add(81 * time.Minute))
	f.receive(t, "+15555550399", f.south, "new")
	for i := 82; i <= 91; i++ {
		run(start.Add(time.Duration(i) * time.Minute))
	}
	st = run(start.Add(92 * time.Minute))
	if st.Minutes != 1 || st.Due != 1 || st.Sent != 2 {
		t.Fatalf("due run: %+v", st)
	}
	// Queries: the due minute, the organisation's group tree once, and per
	// group on the way up (South, the root) the members whose threshold
	// passed, the next threshold and the members using the default.
	if cnt.ops["Query"] != 2+3*2 || cnt.ops["Scan"] != 0 || cnt.ops["BatchGetItem"] != 0 {
		t.Fatalf("due run calls %v; queries %v", cnt.ops, cnt.queries)
	}
	for _, q := range cnt.queries {
		if strings.Contains(q, "USER#") {
			t.Fatalf("the notifier read the organisation's users: %s", q)
		}
	}
	// Reads: cursor 1, the conversation 1, the organisation's default 1, the
	// contact 1; the sender re-reads each user mailed.
	if reads := cnt.ops["GetItem"]; reads > 1+1+1+1+2 {
		t.Fatalf("due run read %d items: %v", reads, cnt.ops)
	}
	if got := recipients(f.mail.take()); !slices.Equal(got, []string{"ann@acme.example", "sam@acme.example"}) {
		t.Fatalf("recipients %v", got)
	}
}
