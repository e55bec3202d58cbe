package dynamo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/roster"
)

// saveConversation stores a conversation of group with one inbound message at at.
func saveConversation(t testing.TB, s *dynamo.Store, orgID, groupID string, at time.Time) roster.Conversation {
	t.Helper()
	c := roster.Conversation{ID: roster.NewID(at), OrgID: orgID, ContactID: roster.NewID(at), ContactPhone: "+15555550100", GroupID: groupID,
		CreatedAt: at, Version: 1}
	m := roster.Message{ID: roster.NewID(at), OrgID: orgID, ConversationID: c.ID, Direction: roster.Inbound, Body: "hi",
		From: c.ContactPhone, ProviderID: "p-" + c.ID, At: at}
	c.LastInboundAt, c.LastInboundID = at, m.ID
	if err := s.SaveInbound(context.Background(), roster.InboundWrite{Message: m, Conversation: c}); err != nil {
		t.Fatal(err)
	}
	return c
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

func convID(c roster.Conversation) string { return c.ID }

// listAll pages through the inbox and returns the ids in order and the number of pages.
func listAll(t *testing.T, s *dynamo.Store, orgID string, q roster.ConversationList) ([]string, int) {
	t.Helper()
	var out []string
	for pages := 1; ; pages++ {
		page, next, err := s.ListConversations(context.Background(), orgID, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) > q.Limit {
			t.Fatalf("page of %d over limit %d", len(page), q.Limit)
		}
		out = append(out, ids(page, convID)...)
		if next == "" {
			return out, pages
		}
		if pages > 100 {
			t.Fatal("no end")
		}
		q.After = next
	}
}

func TestInboxPagesNewestFirstByStateGroupAndClaimer(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, other := roster.NewID(t0), roster.NewID(t0)
	north, south := "north", "south"
	var all []roster.Conversation
	for i := range 7 {
		g := north
		if i%2 == 1 {
			g = south
		}
		all = append(all, saveConversation(t, s, org, g, t0.Add(time.Duration(i)*time.Minute)))
	}
	saveConversation(t, s, other, north, t0.Add(time.Hour)) // another organisation's
	// Claim two; give the oldest a new message, so it is the newest.
	for _, i := range []int{1, 2} {
		c := all[i]
		c.ClaimedBy, c.ClaimedAt, c.Version = "u1", t0, 2
		if err := s.UpdateConversation(ctx, roster.ConversationChange{Conversation: c, PrevVersion: 1, Claim: "u1", Now: t0}); err != nil {
			t.Fatal(err)
		}
		all[i] = c
	}
	c := all[0]
	c.LastInboundAt, c.Version = t0.Add(time.Hour), 2
	if err := s.UpdateConversation(ctx, roster.ConversationChange{Conversation: c, PrevVersion: 1, Now: t0}); err != nil {
		t.Fatal(err)
	}
	want := func(is ...int) string {
		var out []string
		for _, i := range is {
			out = append(out, all[i].ID)
		}
		return fmt.Sprint(out)
	}
	cases := []struct {
		name string
		q    roster.ConversationList
		want string
	}{
		{"all, in pages of 2", roster.ConversationList{Limit: 2}, want(0, 6, 5, 4, 3, 2, 1)},
		{"unclaimed", roster.ConversationList{Filter: roster.FilterUnclaimed, Limit: 2}, want(0, 6, 5, 4, 3)},
		{"mine", roster.ConversationList{Filter: roster.FilterMine, UserID: "u1", Limit: 1}, want(2, 1)},
		{"someone else's", roster.ConversationList{Filter: roster.FilterMine, UserID: "u2", Limit: 1}, want()},
		{"one group's", roster.ConversationList{Groups: []string{south}, Limit: 2}, want(5, 3, 1)},
		{"two groups', unclaimed", roster.ConversationList{Filter: roster.FilterUnclaimed, Groups: []string{south, north}, Limit: 3}, want(0, 6, 5, 4, 3)},
		{"a filter that keeps some", roster.ConversationList{Limit: 2, Keep: func(c roster.Conversation) bool { return c.GroupID == north }}, want(0, 6, 4, 2)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := listAll(t, s, org, tc.q)
			if fmt.Sprint(got) != tc.want && !(len(got) == 0 && tc.want == "[]") {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
	t.Run("a malformed cursor is a 400 naming cursor", func(t *testing.T) {
		for _, cur := range []string{"x", "2026-11-23T10:00:00.000000000Z#nope", all[0].ID} {
			_, _, err := s.ListConversations(ctx, org, roster.ConversationList{Limit: 2, After: cur})
			var e *roster.Error
			if !asError(err, &e) || e.Code != roster.EInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "cursor" {
				t.Fatalf("cursor %q: %v", cur, err)
			}
		}
	})
}

// seedAudit records n audit events in orgID, one a minute from t0: actors
// a0..a2 in turn, subjects s0..s4 in turn, types t.even / t.odd.
func seedAudit(t testing.TB, s *dynamo.Store, orgID string, n int) []roster.AuditEvent {
	t.Helper()
	var out []roster.AuditEvent
	for i := range n {
		at := t0.Add(time.Duration(i) * time.Minute)
		typ := "t.even"
		if i%2 == 1 {
			typ = "t.odd"
		}
		e := roster.AuditEvent{ID: roster.NewID(at), OrgID: orgID, ActorID: fmt.Sprint("a", i%3), SubjectID: fmt.Sprint("s", i%5), Type: typ, At: at}
		if err := s.SetWebhookSecret(context.Background(), orgID, "secret", at, e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func TestAuditPagesByActorSubjectTypeAndTime(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	org2, root2, admin2 := newOrg("bob@other.example")
	if err := s.CreateOrganisation(ctx, org2, root2, admin2, nil); err != nil {
		t.Fatal(err)
	}
	events := seedAudit(t, s, org.ID, 30)
	seedAudit(t, s, org2.ID, 5)
	expect := func(keep func(i int, e roster.AuditEvent) bool) string {
		var out []string
		for i := len(events) - 1; i >= 0; i-- {
			if keep(i, events[i]) {
				out = append(out, events[i].ID)
			}
		}
		return fmt.Sprint(out)
	}
	from, to := t0.Add(10*time.Minute), t0.Add(20*time.Minute)
	cases := []struct {
		name string
		q    roster.AuditQuery
		keep func(i int, e roster.AuditEvent) bool
	}{
		{"all", roster.AuditQuery{}, func(int, roster.AuditEvent) bool { return true }},
		{"by actor", roster.AuditQuery{ActorID: "a1"}, func(i int, _ roster.AuditEvent) bool { return i%3 == 1 }},
		{"by subject", roster.AuditQuery{SubjectID: "s2"}, func(i int, _ roster.AuditEvent) bool { return i%5 == 2 }},
		{"by type", roster.AuditQuery{Type: "t.odd"}, func(i int, _ roster.AuditEvent) bool { return i%2 == 1 }},
		{"by actor and type", roster.AuditQuery{ActorID: "a0", Type: "t.even"}, func(i int, _ roster.AuditEvent) bool { return i%6 == 0 }},
		{"by subject and actor", roster.AuditQuery{SubjectID: "s0", ActorID: "a0"}, func(i int, _ roster.AuditEvent) bool { return i%15 == 0 }},
		{"in a time range", roster.AuditQuery{From: from, To: to}, func(i int, e roster.AuditEvent) bool { return !e.At.Before(from) && e.At.Before(to) }},
		{"by type in a time range", roster.AuditQuery{Type: "t.even", From: from, To: to},
			func(i int, e roster.AuditEvent) bool { return i%2 == 0 && !e.At.Before(from) && e.At.Before(to) }},
		{"from a time inside a millisecond", roster.AuditQuery{From: from.Add(time.Microsecond)}, func(i int, e roster.AuditEvent) bool { return e.At.After(from) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.q
			q.Limit = 4
			var got []string
			for pages := 0; ; pages++ {
				page, next, err := s.AuditPage(ctx, org.ID, q)
				if err != nil {
					t.Fatal(err)
				}
				if len(page) > q.Limit || pages > 40 {
					t.Fatalf("page of %d / %d pages", len(page), pages)
				}
				got = append(got, ids(page, func(e roster.AuditEvent) string { return e.ID })...)
				if next == "" {
					break
				}
				q.After = next
			}
			if want := expect(tc.keep); fmt.Sprint(got) != want {
				t.Fatalf("got %v\nwant %v", got, want)
			}
		})
	}
	t.Run("a cursor that is not an id is a 400 naming cursor", func(t *testing.T) {
		_, _, err := s.AuditPage(ctx, org.ID, roster.AuditQuery{Limit: 2, After: "AUDIT#x"})
		var e *roster.Error
		if !asError(err, &e) || e.Code != roster.EInvalid || e.Fields[0].Field != "cursor" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("another organisation's cursor reads only this organisation", func(t *testing.T) {
		page, _, err := s.AuditPage(ctx, org2.ID, roster.AuditQuery{Limit: 100, After: events[29].ID})
		if err != nil || len(page) != 5 || page[0].OrgID != org2.ID {
			t.Fatalf("got %d events, %v", len(page), err)
		}
	})
}
