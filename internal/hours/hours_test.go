package hours_test

import (
	"context"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/groups"
	"github.com/roster-app/roster/internal/hours"
	"github.com/roster-app/roster/internal/roster"
)

var now = time.Date(2026, 12, 24, 10, 0, 0, 0, time.UTC) // a Thursday

type fixture struct {
	svc          *hours.Service
	store        *dynamo.Store
	admin        roster.Caller
	root, north  string
	south        string
	otherOrgRoot string
}

func setup(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	db, table := dynamotest.MustOpen(t)
	store := dynamo.NewStore(db, table)
	newOrg := func(email string) roster.Caller {
		org := roster.Organisation{ID: roster.NewID(now), Name: "Acme", DefaultRegion: "US", TimeZone: "UTC", CreatedAt: now}
		root := roster.Group{ID: roster.NewID(now), OrgID: org.ID, Name: "Acme", Kind: roster.GroupRoot, CreatedAt: now}
		org.RootGroupID = root.ID
		admin := roster.User{ID: roster.NewID(now), OrgID: org.ID, Email: email, FirstName: "Ann", LastName: "A",
			Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: root.ID}}, Version: 1, CreatedAt: now, UpdatedAt: now}
		if err := store.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
			t.Fatal(err)
		}
		return roster.Caller{OrgID: org.ID, UserID: admin.ID, Grants: admin.Grants}
	}
	admin := newOrg("ann@acme.example")
	other := newOrg("olga@other.example")
	gs := groups.NewService(store, time.Now)
	mk := func(name string) string {
		kind, parent := "location", admin.Grants[0].GroupID
		g, err := gs.Create(ctx, admin, roster.GroupInput{Name: &name, Kind: &kind, ParentID: &parent})
		if err != nil {
			t.Fatal(err)
		}
		return g.ID
	}
	return fixture{svc: &hours.Service{Store: store, Now: func() time.Time { return now }}, store: store, admin: admin,
		root: admin.Grants[0].GroupID, north: mk("North"), south: mk("South"), otherOrgRoot: other.Grants[0].GroupID}
}

var office = roster.HoursInput{TimeZone: "Europe/London",
	Weekly: map[string][]roster.IntervalInput{"thursday": {{Start: "09:00", End: "17:00"}}, "friday": {{Start: "09:00", End: "17:00"}, {Start: "20:00", End: "01:00", Overnight: true}}},
	Holidays: []roster.HolidayInput{
		{Date: "2026-12-24", Name: "Christmas Eve", Intervals: []roster.IntervalInput{{Start: "09:00", End: "12:00"}}},
		{Date: "2026-12-25", Name: "Christmas", Closed: true, EveryYear: true},
	},
	AfterHoursReply: "We are closed for now."}

func TestPutAndGet(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	manager := roster.Caller{OrgID: f.admin.OrgID, UserID: "m", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: f.north}}}
	agent := roster.Caller{OrgID: f.admin.OrgID, UserID: "a", Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: f.north}}}

	if _, _, err := f.svc.Get(ctx, f.admin, f.north); roster.ReasonOf(err) != "hours_not_set" {
		t.Fatalf("before any are set: %v", err)
	}
	if _, _, err := f.svc.Put(ctx, agent, f.north, office, 0); roster.ErrorCodeOf(err) != roster.EForbidden {
		t.Fatalf("an agent sets hours: %v", err)
	}
	if _, _, err := f.svc.Put(ctx, manager, f.south, office, 0); roster.ErrorCodeOf(err) != roster.EForbidden {
		t.Fatalf("a manager of North sets South's hours: %v", err)
	}
	if _, _, err := f.svc.Put(ctx, f.admin, f.otherOrgRoot, office, 0); roster.ErrorCodeOf(err) != roster.ENotFound {
		t.Fatalf("another organisation's group: %v", err)
	}
	h, v, err := f.svc.Put(ctx, manager, f.north, office, 0)
	if err != nil || v != 1 || h.TimeZone != "Europe/London" {
		t.Fatalf("a manager sets North's hours: v%d %v", v, err)
	}
	if _, v, err := f.svc.Get(ctx, agent, f.north); err != nil || v != 1 {
		t.Fatalf("an agent reads them: v%d %v", v, err)
	}
	if _, _, err := f.svc.Put(ctx, manager, f.north, office, 0); roster.ErrorCodeOf(err) != roster.EPreconditionRequired {
		t.Fatalf("overwriting without If-Match: %v", err)
	}
	if _, _, err := f.svc.Put(ctx, manager, f.north, office, 7); roster.ErrorCodeOf(err) != roster.EPreconditionFailed {
		t.Fatalf("a stale If-Match: %v", err)
	}
	if _, _, err := f.svc.Put(ctx, manager, f.south, office, 3); roster.ErrorCodeOf(err) != roster.EForbidden {
		t.Fatalf("rights are checked before versions: %v", err)
	}
	bad := office
	bad.TimeZone = "Europe/Atlantis"
	if _, _, err := f.svc.Put(ctx, manager, f.north, bad, 1); roster.ErrorCodeOf(err) != roster.EInvalid {
		t.Fatalf("a bad zone: %v", err)
	}
	if _, v, err := f.svc.Put(ctx, f.admin, f.north, office, 1); err != nil || v != 2 {
		t.Fatalf("an admin replaces them at v1: v%d %v", v, err)
	}
	events, _ := f.store.AuditEvents(ctx, f.admin.OrgID)
	n := 0
	for _, e := range events {
		if e.Type == "group.hours_set" && e.SubjectID == f.north {
			n++
			if e.After["timeZone"] != "Europe/London" || e.After["weekly"] != "Thu 09:00-17:00; Fri 09:00-17:00,20:00-01:00 overnight" || e.After["holidays"] != "2" {
				t.Errorf("audit after = %v", e.After)
			}
		}
	}
	if n != 2 {
		t.Fatalf("%d audit events, want 2", n)
	}
}

func TestStatus(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	viewer := roster.Caller{OrgID: f.admin.OrgID, UserID: "v", Grants: []roster.Grant{{Role: roster.RoleViewer, GroupID: f.north}}}
	st, err := f.svc.StatusAt(ctx, viewer, f.north, time.Time{})
	if err != nil || st.Open || st.Reason != roster.OpenNoHours || st.HoursSet() || st.TimeZone != "" || !st.At.Equal(now) {
		t.Fatalf("no hours: %+v %v", st, err)
	}
	if _, _, err := f.svc.Put(ctx, f.admin, f.north, office, 0); err != nil {
		t.Fatal(err)
	}
	st, err = f.svc.StatusAt(ctx, viewer, f.north, time.Time{}) // now: Christmas Eve 10:00 GMT
	if err != nil || !st.Open || st.Reason != roster.OpenHolidayHours || !st.Until.Equal(time.Date(2026, 12, 24, 12, 0, 0, 0, time.UTC)) ||
		st.TimeZone != "Europe/London" || st.Local.Location().String() != "Europe/London" {
		t.Fatalf("Christmas Eve: %+v %v", st, err)
	}
	if _, err := f.svc.StatusAt(ctx, viewer, f.south, time.Time{}); roster.ErrorCodeOf(err) != roster.EForbidden {
		t.Fatalf("a group out of reach: %v", err)
	}

}

// TestReader is what the notifier and the inbound-message webhook see.
func TestReader(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	if _, _, err := f.svc.Put(ctx, f.admin, f.north, office, 0); err != nil {
		t.Fatal(err)
	}
	var r roster.GroupHoursReader = hours.NewReader(f.store)
	st, reply, err := r.GroupStatusAt(ctx, f.admin.OrgID, f.north, time.Date(2026, 12, 25, 10, 0, 0, 0, time.UTC))
	if err != nil || st.Open || st.Reason != roster.ClosedHoliday || reply != "We are closed for now." || !st.HoursSet() {
		t.Fatalf("Christmas: %+v %q %v", st, reply, err)
	}
	for _, g := range []string{f.south, "no-such-group"} {
		st, reply, err = r.GroupStatusAt(ctx, f.admin.OrgID, g, now)
		if err != nil || st != (roster.OpenStatus{Reason: roster.OpenNoHours}) || reply != "" {
			t.Fatalf("%s without hours: %+v %q %v", g, st, reply, err)
		}
	}
}
