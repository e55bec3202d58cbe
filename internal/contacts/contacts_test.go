package contacts

import (
	"context"
	"slices"
	"testing"

	"github.com/roster-app/roster/internal/roster"
)

func TestPatchMergesFieldByField(t *testing.T) {
	s := func(v string) *string { return &v }
	old := roster.ContactInput{FirstName: "Cy", LastName: "Doe", Phone: "+12015550100", Email: "cy@example.com",
		Address: roster.Address{Line1: "1 Main St", City: "Boston"}, Consent: roster.ConsentOptedIn, ConsentSource: "form",
		AccountReps: []string{"u1"}, Groups: []string{"g1"}}
	got := Patch{LastName: s(""), Address: AddressPatch{City: s("Salem")}, ConsentStatus: s("opted_out"), Groups: &[]string{"g2"}}.applyTo(old)
	if got.FirstName != "Cy" || got.LastName != "" || got.Address.Line1 != "1 Main St" || got.Address.City != "Salem" ||
		got.Consent != roster.ConsentOptedOut || got.ConsentSource != "form" || !slices.Equal(got.Groups, []string{"g2"}) ||
		!slices.Equal(got.AccountReps, []string{"u1"}) || got.Email != old.Email {
		t.Fatalf("patched = %+v", got)
	}
	if empty := (Patch{}).applyTo(old); !slices.Equal(empty.Groups, old.Groups) || empty.Address != old.Address || empty.LastName != "Doe" {
		t.Fatalf("an empty patch changed %+v", empty)
	}
}

func TestDiffRecordsOnlyChanges(t *testing.T) {
	before, after := diff(map[string]string{"a": "1", "b": "2", "c": ""}, map[string]string{"a": "1", "b": "3", "c": "x"})
	if len(before) != 2 || before["b"] != "2" || after["b"] != "3" || before["c"] != "" || after["c"] != "x" {
		t.Fatalf("diff = %v → %v", before, after)
	}
}

// fakeReads is enough of a ReadStore for List's input checks.
type fakeReads struct {
	groups []roster.Group
	query  roster.ContactQuery
}

func (f *fakeReads) Groups(context.Context, string) ([]roster.Group, error) { return f.groups, nil }
func (f *fakeReads) Contact(context.Context, string, string) (roster.Contact, error) {
	return roster.Contact{}, roster.Errorf(roster.ENotFound, "contact not found")
}
func (f *fakeReads) ContactIDByPhone(context.Context, string, string) (string, error) {
	return "", roster.Errorf(roster.ENotFound, "contact not found")
}
func (f *fakeReads) OptOutOf(context.Context, string, string) (roster.OptOut, error) {
	return roster.OptOut{}, roster.Errorf(roster.ENotFound, "not opted out")
}
func (f *fakeReads) ListContacts(_ context.Context, _ string, q roster.ContactQuery) ([]roster.Contact, string, error) {
	f.query = q
	return nil, "", nil
}

func TestListBuildsTheQuery(t *testing.T) {
	store := &fakeReads{groups: []roster.Group{
		{ID: "root", OrgID: "o", Name: "Acme"}, {ID: "north", OrgID: "o", Name: "North", ParentID: "root"},
		{ID: "sales", OrgID: "o", Name: "Sales", ParentID: "north"}, {ID: "south", OrgID: "o", Name: "South", ParentID: "root"},
	}}
	r := &Reader{Store: store}
	admin := roster.Caller{OrgID: "o", UserID: "a", Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: "root"}}}
	agent := roster.Caller{OrgID: "o", UserID: "g", Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: "north"}}}
	ctx := context.Background()

	if _, _, err := r.List(ctx, admin, Filter{Group: "north", Phone: "(555) 0100", Email: " Cy@Example.com ", Limit: 5}); err != nil {
		t.Fatal(err)
	}
	q := store.query
	if !slices.Equal(q.GroupIDs, []string{"north", "sales"}) || q.Phone != "5550100" || q.Email != "cy@example.com" || q.Visible != nil || q.Limit != 5 {
		t.Fatalf("admin's query = %+v", q)
	}
	if _, _, err := r.List(ctx, agent, Filter{Group: "north", ExcludeSubgroups: true}); err != nil {
		t.Fatal(err)
	}
	q = store.query
	if !slices.Equal(q.GroupIDs, []string{"north"}) || q.Visible == nil ||
		!q.Visible(roster.Contact{OrgID: "o", Groups: []string{"sales"}}) || q.Visible(roster.Contact{OrgID: "o", Groups: []string{"south"}}) {
		t.Fatalf("agent's query = %+v", q)
	}
	_, _, err := r.List(ctx, agent, Filter{Group: "south", Phone: "abc"})
	var e *roster.Error
	if roster.ErrorCodeOf(err) != roster.EInvalid || !asError(err, &e) || len(e.Fields) != 2 {
		t.Fatalf("err = %v, want group and phone refused", err)
	}
	if items, _, err := r.List(ctx, agent, Filter{Phone: "+1 201 555 0100"}); err != nil || items != nil {
		t.Fatalf("an unclaimed exact number = %v, %v", items, err)
	}
}

func asError(err error, e **roster.Error) bool {
	x, ok := err.(*roster.Error)
	*e = x
	return ok
}
