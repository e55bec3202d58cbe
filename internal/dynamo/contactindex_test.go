package dynamo_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/roster"
)

// listNames follows the cursors of q and returns the first names in order.
func listNames(t *testing.T, s *dynamo.Store, org string, q roster.ContactQuery) []string {
	t.Helper()
	var got []string
	for range 200 {
		items, next, err := s.ListContacts(context.Background(), org, q)
		if err != nil {
			t.Fatalf("ListContacts(%+v): %v", q, err)
		}
		for _, c := range items {
			got = append(got, c.FirstName)
		}
		if next == "" {
			return got
		}
		q.After = next
	}
	t.Fatal("pagination does not end")
	return nil
}

func TestContactIndexesFollowEveryWrite(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, other := roster.NewID(t0), roster.NewID(t0)
	mk := func(orgID, first, last, email, phone string, reps []string, groups ...string) roster.Contact {
		c := roster.NewContact(orgID, roster.NewID(t0), roster.ContactInput{FirstName: first, LastName: last, Email: email,
			Phone: phone, Consent: roster.ConsentUnknown, AccountReps: reps, Groups: groups}, t0)
		if err := s.CreateContact(ctx, c, contactAudit(orgID, "contact.created", c.ID)); err != nil {
			t.Fatal(err)
		}
		return c
	}
	anna := mk(org, "Anna", "Andrews", "anna@example.com", "+12015550001", []string{"u1"}, "g1")
	bob := mk(org, "Bob", "Anders", "", "+12015550002", nil, "g2")
	cy := mk(org, "Cy", "Annan", "", "+12015550003", nil, "g1", "g2")
	mk(org, "Dan", "Smith", "dan@example.com", "+12015550004", []string{"u1"}, "g3")
	mk(org, "Annabel", "", "", "+12015550005", nil, "g3")
	// The same names, email, groups and rep in another organisation.
	mk(other, "Anna", "Andrews", "anna@example.com", "+12015550001", []string{"u1"}, "g1")
	mk(other, "Cy", "Annan", "", "+12015550003", nil, "g1", "g2")

	check := func(t *testing.T, q roster.ContactQuery, want ...string) {
		t.Helper()
		for _, limit := range []int{0, 1, 2} {
			q.Limit = limit
			if got := listNames(t, s, org, q); !slices.Equal(got, want) {
				t.Fatalf("limit %d: got %v, want %v", limit, got, want)
			}
		}
	}
	t.Run("a name prefix reads first and last names, in name order, each contact once", func(t *testing.T) {
		// "anders bob", "anna andrews" (also "andrews anna": once), "annabel", "annan cy"
		check(t, roster.ContactQuery{NamePrefix: "An"}, "Bob", "Anna", "Annabel", "Cy")
		check(t, roster.ContactQuery{NamePrefix: "ann"}, "Anna", "Annabel", "Cy")
		check(t, roster.ContactQuery{NamePrefix: "anna a"}, "Anna")
		check(t, roster.ContactQuery{NamePrefix: "andrews anna"}) // "last first" is not a match, as before
		check(t, roster.ContactQuery{NamePrefix: "an", GroupIDs: []string{"g1"}}, "Anna", "Cy")
	})
	t.Run("the digits a number ends with, in the order of the digits reversed", func(t *testing.T) {
		check(t, roster.ContactQuery{Phone: "1"}, "Anna")
		check(t, roster.ContactQuery{Phone: "5550003"}, "Cy")
		check(t, roster.ContactQuery{Phone: "12015550005"}, "Annabel")
		check(t, roster.ContactQuery{Phone: "5", GroupIDs: []string{"g3"}}, "Annabel")
		check(t, roster.ContactQuery{Phone: "4", GroupIDs: []string{"g1"}})
		check(t, roster.ContactQuery{Phone: "6"})
	})
	t.Run("an email", func(t *testing.T) {
		check(t, roster.ContactQuery{Email: "anna@example.com"}, "Anna")
		check(t, roster.ContactQuery{Email: "anna@example.com", GroupIDs: []string{"g2"}})
	})
	t.Run("an account rep", func(t *testing.T) {
		check(t, roster.ContactQuery{AccountRep: "u1"}, "Anna", "Dan")
		check(t, roster.ContactQuery{AccountRep: "u1", VisibleGroups: []string{"g3"}}, "Dan")
	})
	t.Run("groups and reach, each contact once", func(t *testing.T) {
		check(t, roster.ContactQuery{GroupIDs: []string{"g1", "g2"}}, "Anna", "Bob", "Cy")
		check(t, roster.ContactQuery{VisibleGroups: []string{"g1"}}, "Anna", "Cy")
		check(t, roster.ContactQuery{GroupIDs: []string{"g1", "g2", "g3"}, VisibleGroups: []string{"g3"}}, "Dan", "Annabel")
		check(t, roster.ContactQuery{GroupIDs: []string{"g2"}, VisibleGroups: []string{"g1", "g3"}}, "Cy")
	})
	t.Run("an edit moves the contact between groups, reps and names", func(t *testing.T) {
		in := cy.Input()
		in.LastName, in.Groups, in.AccountReps, in.Email = "Zed", []string{"g3"}, []string{"u1"}, "cy@example.com"
		next := cy.Updated(in, t0)
		if err := s.UpdateContact(ctx, cy, next, contactAudit(org, "contact.updated", cy.ID)); err != nil {
			t.Fatal(err)
		}
		check(t, roster.ContactQuery{GroupIDs: []string{"g1"}}, "Anna")
		check(t, roster.ContactQuery{GroupIDs: []string{"g3"}}, "Cy", "Dan", "Annabel")
		check(t, roster.ContactQuery{NamePrefix: "ann"}, "Anna", "Annabel")
		check(t, roster.ContactQuery{NamePrefix: "ze"}, "Cy")
		check(t, roster.ContactQuery{AccountRep: "u1"}, "Anna", "Cy", "Dan")
		check(t, roster.ContactQuery{Email: "cy@example.com"}, "Cy")
		cy = next
	})
	t.Run("an import's update moves the copies too", func(t *testing.T) {
		in := bob.Input()
		in.Groups = []string{"g1"}
		if err := s.WriteContacts(ctx, []roster.ContactWrite{{Contact: bob.Updated(in, t0), Previous: &bob}}); err != nil {
			t.Fatal(err)
		}
		check(t, roster.ContactQuery{GroupIDs: []string{"g2"}})
		check(t, roster.ContactQuery{GroupIDs: []string{"g1"}}, "Anna", "Bob")
	})
	t.Run("a delete removes every index entry and copy", func(t *testing.T) {
		if err := s.DeleteContact(ctx, org, anna.ID, 0, contactAudit(org, "contact.deleted", anna.ID)); err != nil {
			t.Fatal(err)
		}
		check(t, roster.ContactQuery{Email: "anna@example.com"})
		check(t, roster.ContactQuery{GroupIDs: []string{"g1"}}, "Bob")
		check(t, roster.ContactQuery{AccountRep: "u1"}, "Cy", "Dan")
		check(t, roster.ContactQuery{NamePrefix: "anna"}, "Annabel")
		check(t, roster.ContactQuery{Phone: "0001"})
		check(t, roster.ContactQuery{Phone: "0002"}, "Bob")
	})
	t.Run("another organisation's contacts stay there", func(t *testing.T) {
		if got := listNames(t, s, other, roster.ContactQuery{GroupIDs: []string{"g1"}}); !slices.Equal(got, []string{"Anna", "Cy"}) {
			t.Fatalf("got %v", got)
		}
		if got := listNames(t, s, other, roster.ContactQuery{NamePrefix: "ann"}); !slices.Equal(got, []string{"Anna", "Cy"}) {
			t.Fatalf("got %v", got)
		}
	})
	t.Run("a failed query fails the page", func(t *testing.T) {
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		for _, q := range []roster.ContactQuery{{}, {GroupIDs: []string{"g1", "g2", "g3"}}, {NamePrefix: "a"}} {
			if items, next, err := s.ListContacts(cancelled, org, q); err == nil || items != nil || next != "" {
				t.Errorf("%+v: %v, %q, %v", q, items, next, err)
			}
		}
	})
	t.Run("a cursor of another order or prefix is refused", func(t *testing.T) {
		_, nameCursor, err := s.ListContacts(ctx, org, roster.ContactQuery{NamePrefix: "a", Limit: 1})
		if err != nil || nameCursor == "" {
			t.Fatalf("cursor %q, %v", nameCursor, err)
		}
		_, idCursor, err := s.ListContacts(ctx, org, roster.ContactQuery{Limit: 1})
		if err != nil || idCursor == "" {
			t.Fatalf("cursor %q, %v", idCursor, err)
		}
		for _, q := range []roster.ContactQuery{
			{After: nameCursor}, {NamePrefix: "b", After: nameCursor}, {NamePrefix: "a", After: idCursor},
			{GroupIDs: []string{"g1"}, After: "x"}, {After: "i"}, {Phone: "1", After: idCursor}, {Phone: "1", After: "d2"},
			{NamePrefix: "a", After: "na\U0010FFFF\U0010FFFF"},
		} {
			_, _, err := s.ListContacts(ctx, org, q)
			e, ok := err.(*roster.Error)
			if roster.ErrorCodeOf(err) != roster.EInvalid || !ok || len(e.Fields) != 1 || e.Fields[0].Field != "cursor" {
				t.Errorf("%+v: err = %v", q, err)
			}
		}
	})
}

// seedCostOrg writes n contacts: names "Name0000"…, two groups (every
// fourth in "b"), every tenth with rep "rep", each its own email.
func seedCostOrg(t *testing.T, s *dynamo.Store, n int) string {
	t.Helper()
	org := roster.NewID(t0)
	writes := make([]roster.ContactWrite, 0, n)
	for i := range n {
		in := roster.ContactInput{FirstName: fmt.Sprintf("Name%04d", i), LastName: fmt.Sprintf("Last%04d", i),
			Email: fmt.Sprintf("c%d@example.com", i), Phone: fmt.Sprintf("+1201555%04d", i), Consent: roster.ConsentUnknown,
			Groups: []string{"a"}}
		if i%4 == 0 {
			in.Groups = []string{"b"}
		}
		if i%10 == 0 {
			in.AccountReps = []string{"rep"}
		}
		writes = append(writes, roster.ContactWrite{Contact: roster.NewContact(org, roster.NewID(t0), in, t0)})
	}
	if err := s.WriteContacts(context.Background(), writes); err != nil {
		t.Fatal(err)
	}
	return org
}

func TestListContactsCostsAPage(t *testing.T) {
	db := dynamotest.Open(t)
	s := dynamo.NewStore(db.Client, db.Table)
	ctx := context.Background()
	small, large := seedCostOrg(t, s, 30), seedCostOrg(t, s, 600)

	queries := []struct {
		name string
		q    roster.ContactQuery
	}{
		{"every contact", roster.ContactQuery{}},
		{"a name prefix", roster.ContactQuery{NamePrefix: "name0"}},
		{"a last name prefix", roster.ContactQuery{NamePrefix: "last0"}},
		{"an email", roster.ContactQuery{Email: "c7@example.com"}},
		{"a group", roster.ContactQuery{GroupIDs: []string{"b"}}},
		{"a manager's reach", roster.ContactQuery{VisibleGroups: []string{"b"}}},
		{"an account rep", roster.ContactQuery{AccountRep: "rep"}},
		{"a group and a reach", roster.ContactQuery{GroupIDs: []string{"a", "b"}, VisibleGroups: []string{"b"}}},
		{"phone digits", roster.ContactQuery{Phone: "0007"}},
		// No index for the phone digits beside an email: the email index
		// is read, and the digits checked on it.
		{"an email and phone digits", roster.ContactQuery{Email: "c7@example.com", Phone: "7"}},
		// A filter no index serves beside the one read (a rep among a
		// group's contacts): read up to the page's budget, returned short
		// with a cursor.
		{"a group, and a check that drops all", roster.ContactQuery{GroupIDs: []string{"a"}, Visible: func(roster.Contact) bool { return false }}},
	}
	for _, tt := range queries {
		t.Run(tt.name, func(t *testing.T) {
			cost := func(org string) (float64, int) {
				q := tt.q
				q.Limit = 10
				var n int
				u := db.Measure(func() {
					items, next, err := s.ListContacts(ctx, org, q)
					if err != nil {
						t.Fatal(err)
					}
					n = len(items)
					if next != "" && tt.q.Visible == nil { // the second page too (the first, without an index, may be all of the small org)
						q.After = next
						more, _, err := s.ListContacts(ctx, org, q)
						if err != nil {
							t.Fatal(err)
						}
						n += len(more)
					}
				})
				t.Logf("%s: %d contacts listed: %s", map[bool]string{true: "30", false: "600"}[org == small], n, u)
				return u.RRU, n
			}
			smallRRU, _ := cost(small)
			largeRRU, n := cost(large)
			if largeRRU > 1.2*smallRRU+4 {
				t.Fatalf("600 contacts cost %.1f RRU, 30 cost %.1f", largeRRU, smallRRU)
			}
			if n == 0 && tt.q.Visible == nil {
				t.Fatal("nothing listed")
			}
		})
	}
}

func TestContactWriteCosts(t *testing.T) {
	db := dynamotest.Open(t)
	s := dynamo.NewStore(db.Client, db.Table)
	ctx := context.Background()
	org := roster.NewID(t0)
	const rows = 20
	var writes []roster.ContactWrite
	for i := range rows {
		in := roster.ContactInput{FirstName: fmt.Sprintf("N%d", i), LastName: "Last", Email: fmt.Sprintf("c%d@example.com", i),
			Phone: fmt.Sprintf("+1201555%04d", i), Consent: roster.ConsentUnknown, Groups: []string{"a"}}
		writes = append(writes, roster.ContactWrite{Contact: roster.NewContact(org, roster.NewID(t0), in, t0)})
	}
	u := db.Measure(func() {
		if err := s.WriteContacts(ctx, writes); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("import of %d rows (names, email, one group, no rep): %s; %.1f WRU a row", rows, u, u.WRU/rows)
	// contact + its 4 index entries + phone claim + one group copy
	if perRow := u.WRU / rows; perRow > 7 {
		t.Fatalf("%.1f WRU a row", perRow)
	}
	c := roster.NewContact(org, roster.NewID(t0), roster.ContactInput{FirstName: "Api", LastName: "Last", Email: "api@example.com",
		Phone: "+12015559999", Consent: roster.ConsentUnknown, Groups: []string{"a"}}, t0)
	u = db.Measure(func() {
		if err := s.CreateContact(ctx, c, contactAudit(org, "contact.created", c.ID)); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("create through the API (one group): %s", u)
}
