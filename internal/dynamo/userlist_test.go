package dynamo_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/roster"
)

// byName is the order GET /users promises: last name, first name
// (case-insensitive), then id.
func byName(a, b roster.User) int {
	if c := strings.Compare(strings.ToLower(a.LastName), strings.ToLower(b.LastName)); c != 0 {
		return c
	}
	if c := strings.Compare(strings.ToLower(a.FirstName), strings.ToLower(b.FirstName)); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func nameKeys(us []roster.User) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.LastName + "," + u.FirstName + "," + string(u.Status)
	}
	return out
}

// seedNamedUsers creates an organisation with users of these names, their
// statuses cycling through every status.
func seedNamedUsers(t *testing.T, s *dynamo.Store, adminEmail string, names [][2]string) (roster.Organisation, []roster.User) {
	t.Helper()
	ctx := context.Background()
	org, root, admin := newOrg(adminEmail)
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	all := []roster.User{admin}
	for i, n := range names {
		u := roster.User{ID: roster.NewID(t0), OrgID: org.ID, Email: fmt.Sprintf("u%d-%s", i, adminEmail), FirstName: n[0], LastName: n[1],
			Status: roster.AllStatuses[i%len(roster.AllStatuses)], Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: root.ID}},
			Version: 1, CreatedAt: t0, UpdatedAt: t0}
		if err := s.CreateUser(ctx, u, nil, roster.AuditEvent{ID: roster.NewID(t0), OrgID: org.ID, At: t0}); err != nil {
			t.Fatal(err)
		}
		all = append(all, u)
	}
	return org, all
}

// allPages reads every page of q, checking each holds at most q.Limit users.
func allPages(t *testing.T, s *dynamo.Store, orgID string, q roster.UserPageQuery, keep func(roster.User) bool) []roster.User {
	t.Helper()
	var out []roster.User
	for pages := 0; ; pages++ {
		p, err := s.UsersByName(context.Background(), orgID, q, keep)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Users) > q.Limit || pages > 100 {
			t.Fatalf("page of %d for a limit of %d, or endless paging", len(p.Users), q.Limit)
		}
		out = append(out, p.Users...)
		if q.After = p.Next; q.After == "" {
			return out
		}
	}
}

func TestUsersByNamePagesInNameOrder(t *testing.T) {
	s := mustStore(t)
	names := [][2]string{
		{"Bob", "Baker"}, {"alice", "baker"}, {"Al", "Bak"}, {"Zed", "van Dyke"}, {"Amy", "Van"}, {"Cy", "Adams"},
		{"cy", "ADAMS"}, {"Dee", "Adams-Smith"}, {"Eve", "Ädler"}, {"Fay", "O'Neil"}, {"Gus", "Baker"}, {"Hal", "baker"},
		{"Ivy", "Zimmer"}, {"Jo", "Adams"}, {"Kai", "Bakery"}, {"Lu", "Ba"},
	}
	org, all := seedNamedUsers(t, s, "ann@acme.example", names)
	seedNamedUsers(t, s, "ann@other.example", names[:5]) // another organisation's users never show
	want := func(keep func(roster.User) bool) []string {
		var out []roster.User
		for _, u := range all {
			if keep(u) {
				out = append(out, u)
			}
		}
		slices.SortFunc(out, byName)
		return nameKeys(out)
	}
	every := func(roster.User) bool { return true }
	live := func(u roster.User) bool { return u.Status != roster.UserDeleted }

	for _, limit := range []int{1, 2, 3, 100} {
		t.Run(fmt.Sprintf("every status but deleted, pages of %d", limit), func(t *testing.T) {
			got := nameKeys(allPages(t, s, org.ID, roster.UserPageQuery{Statuses: roster.LiveStatuses, Limit: limit}, every))
			if w := want(live); !slices.Equal(got, w) {
				t.Fatalf("got  %v\nwant %v", got, w)
			}
		})
	}
	t.Run("one status", func(t *testing.T) {
		got := nameKeys(allPages(t, s, org.ID, roster.UserPageQuery{Statuses: []roster.UserStatus{roster.UserDeleted}, Limit: 2}, every))
		if w := want(func(u roster.User) bool { return u.Status == roster.UserDeleted }); !slices.Equal(got, w) || len(w) == 0 {
			t.Fatalf("got  %v\nwant %v", got, w)
		}
	})
	t.Run("a filter leaves pages short but loses nobody", func(t *testing.T) {
		odd := func(u roster.User) bool { return len(u.FirstName)%2 == 1 }
		got := nameKeys(allPages(t, s, org.ID, roster.UserPageQuery{Statuses: roster.AllStatuses, Limit: 2}, odd))
		if w := want(odd); !slices.Equal(got, w) {
			t.Fatalf("got  %v\nwant %v", got, w)
		}
	})
	for _, prefix := range []string{"bak", "BAKER", "adams", "van ", "ä", "zz"} {
		t.Run("last names starting with "+prefix, func(t *testing.T) {
			match := func(u roster.User) bool {
				return strings.HasPrefix(strings.ToLower(u.LastName), strings.ToLower(prefix))
			}
			got := nameKeys(allPages(t, s, org.ID, roster.UserPageQuery{Statuses: roster.AllStatuses, Prefix: prefix, Limit: 2}, every))
			if w := want(match); !slices.Equal(got, w) {
				t.Fatalf("got  %v\nwant %v", got, w)
			}
		})
	}
	t.Run("by first name", func(t *testing.T) {
		byFirst := func(a, b roster.User) int {
			return byName(roster.User{ID: a.ID, LastName: a.FirstName, FirstName: a.LastName}, roster.User{ID: b.ID, LastName: b.FirstName, FirstName: b.LastName})
		}
		for _, prefix := range []string{"", "a", "CY"} {
			var w []roster.User
			for _, u := range all {
				if strings.HasPrefix(strings.ToLower(u.FirstName), strings.ToLower(prefix)) {
					w = append(w, u)
				}
			}
			slices.SortFunc(w, byFirst)
			got := nameKeys(allPages(t, s, org.ID, roster.UserPageQuery{Statuses: roster.AllStatuses, ByFirstName: true, Prefix: prefix, Limit: 2}, every))
			if !slices.Equal(got, nameKeys(w)) {
				t.Fatalf("prefix %q: got  %v\nwant %v", prefix, got, nameKeys(w))
			}
		}
	})
	t.Run("a cursor it did not make is refused", func(t *testing.T) {
		for _, c := range []string{"USER#01abc", "a\x01b", "a\x01b\x01", strings.Repeat("x", 70) + "\x01b\x01id"} {
			_, err := s.UsersByName(context.Background(), org.ID, roster.UserPageQuery{Statuses: roster.LiveStatuses, After: c, Limit: 5}, every)
			if roster.ErrorCodeOf(err) != roster.EInvalid {
				t.Errorf("cursor %q: %v", c, err)
			}
		}
	})
}

// TestUsersByNameCostsAPage measures a page of users in a small and a
// large organisation: the same cost, whatever the organisation's size.
func TestUsersByNameCostsAPage(t *testing.T) {
	db := dynamotest.Open(t)
	s := dynamo.NewStore(db.Client, db.Table)
	names := func(n int) [][2]string {
		out := make([][2]string, n)
		for i := range out {
			out[i] = [2]string{fmt.Sprintf("First%04d", (i*7919)%n), fmt.Sprintf("Last%04d", (i*104729)%n)}
		}
		return out
	}
	small, _ := seedNamedUsers(t, s, "ann@small.example", names(30))
	large, _ := seedNamedUsers(t, s, "ann@large.example", names(600))
	every := func(roster.User) bool { return true }
	cost := func(orgID string, q roster.UserPageQuery) float64 {
		u := db.Measure(func() {
			if _, err := s.UsersByName(context.Background(), orgID, q, every); err != nil {
				t.Fatal(err)
			}
		})
		return u.RRU
	}
	for _, q := range []roster.UserPageQuery{
		// Pages the small organisation fills too (30 users, 7 or 8 a status).
		{Statuses: roster.LiveStatuses, Limit: 7},
		{Statuses: []roster.UserStatus{roster.UserActive}, Limit: 7},
		{Statuses: roster.AllStatuses, Prefix: "last00", Limit: 2},
		{Statuses: roster.LiveStatuses, ByFirstName: true, Prefix: "first00", Limit: 2},
	} {
		a, b := cost(small.ID, q), cost(large.ID, q)
		t.Logf("%v prefix %q (by first name %v) limit %d: %d users %.1f RRU, %d users %.1f RRU", q.Statuses, q.Prefix, q.ByFirstName, q.Limit, 31, a, 601, b)
		if b > 1.2*a+4 {
			t.Errorf("a page costs %.1f RRU in the large organisation, %.1f in the small one", b, a)
		}
	}
	// Deleting a group asks how many users hold a role there: the count on
	// the group item, not a read of the users.
	members := func(org roster.Organisation) (int, float64) {
		var n int
		u := db.Measure(func() {
			var err error
			if n, err = s.UsersGrantedAt(context.Background(), org.ID, []string{org.RootGroupID}); err != nil {
				t.Fatal(err)
			}
		})
		return n, u.RRU
	}
	sn, sc := members(small)
	ln, lc := members(large)
	t.Logf("users granted at the root: %d for %.1f RRU, %d for %.1f RRU", sn, sc, ln, lc)
	if sn != 31 || ln != 601 || lc > 1.2*sc+4 {
		t.Errorf("members %d and %d, for %.1f and %.1f RRU", sn, ln, sc, lc)
	}
}
