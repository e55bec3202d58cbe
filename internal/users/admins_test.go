package users_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

var (
	t0         = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	cheapArgon = auth.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
)

type noClaims struct{}

func (noClaims) ReleaseClaims(context.Context, string, string) error { return nil }

func phone(raw, _ string) (string, error) { return raw, nil }

type fixture struct {
	db     *dynamotest.DB
	store  *dynamo.Store
	org    roster.Organisation
	root   roster.Group
	admin  roster.User
	svc    *users.Service
	life   *users.Lifecycle
	editor *users.Editor
}

func newFixture(t *testing.T, db *dynamotest.DB, email string) *fixture {
	t.Helper()
	s := dynamo.NewStore(db.Client, db.Table)
	org := roster.Organisation{ID: roster.NewID(t0), Name: "Acme", DefaultRegion: "US", TimeZone: "UTC", CreatedAt: t0}
	root := roster.Group{ID: roster.NewID(t0), OrgID: org.ID, Name: "Acme", Kind: roster.GroupRoot, CreatedAt: t0}
	org.RootGroupID = root.ID
	admin := roster.User{ID: roster.NewID(t0), OrgID: org.ID, Email: email, FirstName: "Ann", LastName: "Admin",
		Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: root.ID}},
		PasswordHash: "$argon2id$hash", Version: 1, CreatedAt: t0, UpdatedAt: t0}
	if err := s.CreateOrganisation(context.Background(), org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return t0 }
	r := users.NewReader(s, now)
	life := users.NewLifecycle(s, r, noClaims{})
	return &fixture{db: db, store: s, org: org, root: root, admin: admin,
		svc: users.NewService(s, phone, cheapArgon, now), life: life, editor: users.NewEditor(s, phone, life)}
}

func (f *fixture) caller() roster.Caller {
	return roster.Caller{OrgID: f.org.ID, UserID: f.admin.ID, Grants: f.admin.Grants}
}

func (f *fixture) create(t *testing.T, email string, role roster.Role, password bool) roster.User {
	t.Helper()
	active := true
	in := roster.CreateUserInput{Email: email, FirstName: "F", LastName: email, Roles: []roster.Grant{{Role: role, GroupID: f.root.ID}}, Active: &active}
	if password {
		in.PasswordOption, in.Password = roster.PasswordSet, "a long enough password 12345"
	}
	c, err := f.svc.Create(context.Background(), f.caller(), in)
	if err != nil {
		t.Fatalf("create %s: %v", email, err)
	}
	return c.User
}

func (f *fixture) admins(t *testing.T) int {
	t.Helper()
	a, err := f.store.AdminGuard(context.Background(), f.org.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a.Active
}

func TestActiveAdministratorsAreCounted(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, dynamotest.Open(t), "ann@acme.example")
	step := func(name string, want int) {
		t.Helper()
		if got := f.admins(t); got != want {
			t.Fatalf("%s: %d active administrators counted, want %d", name, got, want)
		}
	}
	step("the first administrator", 1)
	bea := f.create(t, "bea@acme.example", roster.RoleAdmin, true)
	step("an active administrator created", 2)
	f.create(t, "cy@acme.example", roster.RoleAgent, true)
	step("an agent created", 2)
	dee := f.create(t, "dee@acme.example", roster.RoleAdmin, false)
	step("an invited administrator created", 2)

	if err := f.store.SetInvitationToken(ctx, f.org.ID, dee.ID, dee.Email, "hash", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := f.store.AcceptInvitation(ctx, f.org.ID, dee.ID, "hash", "$argon2id$x", roster.AcceptNames{}, t0); err != nil {
		t.Fatal(err)
	}
	step("the invited administrator accepted", 3)
	if err := f.store.AcceptInvitation(ctx, f.org.ID, dee.ID, "hash", "$argon2id$x", roster.AcceptNames{}, t0); roster.ErrorCodeOf(err) != roster.EGone {
		t.Fatalf("a second accept: %v", err)
	}
	step("a refused second accept", 3)

	if _, err := f.life.Apply(ctx, f.caller(), bea.ID, roster.Deactivate); err != nil {
		t.Fatal(err)
	}
	step("an administrator deactivated", 2)
	if _, err := f.life.Apply(ctx, f.caller(), bea.ID, roster.Deactivate); err != nil {
		t.Fatal(err)
	}
	step("deactivated again (nothing changes)", 2)
	if _, err := f.life.Apply(ctx, f.caller(), bea.ID, roster.Activate); err != nil {
		t.Fatal(err)
	}
	step("activated again", 3)

	u, _ := f.store.User(ctx, f.org.ID, dee.ID)
	agent := []roster.Grant{{Role: roster.RoleAgent, GroupID: f.root.ID}}
	if _, err := f.editor.Update(ctx, f.caller(), dee.ID, roster.UpdateUserInput{Roles: &agent}, u.Version); err != nil {
		t.Fatal(err)
	}
	step("an administrator made an agent", 2)
	u, _ = f.store.User(ctx, f.org.ID, dee.ID)
	admin := []roster.Grant{{Role: roster.RoleAdmin, GroupID: f.root.ID}}
	if _, err := f.editor.Update(ctx, f.caller(), dee.ID, roster.UpdateUserInput{Roles: &admin}, u.Version); err != nil {
		t.Fatal(err)
	}
	step("an agent made an administrator", 3)

	if _, err := f.life.Apply(ctx, f.caller(), dee.ID, roster.Delete); err != nil {
		t.Fatal(err)
	}
	step("an administrator deleted", 2)
	if _, err := f.life.Apply(ctx, f.caller(), dee.ID, roster.Undelete); err != nil {
		t.Fatal(err)
	}
	step("undeleted (back to active)", 3)
	if err := f.life.Purge(ctx, f.caller(), dee.ID); err != nil {
		t.Fatal(err)
	}
	step("an administrator purged", 2)
	if err := f.life.Purge(ctx, f.caller(), bea.ID); err != nil {
		t.Fatal(err)
	}
	step("another purged", 1)

	t.Run("the last administrator stays", func(t *testing.T) {
		// An invited administrator does not count, so acting as one leaves
		// Ann the last active administrator.
		eve := f.create(t, "eve@acme.example", roster.RoleAdmin, false)
		step("an invited administrator created", 1)
		as := roster.Caller{OrgID: f.org.ID, UserID: eve.ID, Grants: eve.Grants}
		_, err := f.life.Apply(ctx, as, f.admin.ID, roster.Deactivate)
		if roster.ReasonOf(err) != "last_admin" {
			t.Fatalf("deactivating the last administrator: %v", err)
		}
		u, _ := f.store.User(ctx, f.org.ID, f.admin.ID)
		if _, err := f.editor.Update(ctx, as, f.admin.ID, roster.UpdateUserInput{Roles: &agent}, u.Version); roster.ReasonOf(err) != "last_admin" {
			t.Fatalf("demoting the last administrator: %v", err)
		}
		if err := f.life.Purge(ctx, as, f.admin.ID); roster.ReasonOf(err) != "last_admin" {
			t.Fatalf("purging the last administrator: %v", err)
		}
		step("after the refusals", 1)
	})
}

// TestLastAdminCheckCostsTheSameInAnyOrganisation measures deactivating an
// administrator (which checks that another remains) in an organisation of
// 30 and one of 600 users.
func TestLastAdminCheckCostsTheSameInAnyOrganisation(t *testing.T) {
	ctx := context.Background()
	db := dynamotest.Open(t)
	measure := func(name string, n int) (float64, float64) {
		f := newFixture(t, db, "ann@"+name+".example")
		var second roster.User
		for i := range n {
			role := roster.RoleAgent
			if i == 0 {
				role = roster.RoleAdmin
			}
			u := roster.User{ID: roster.NewID(t0), OrgID: f.org.ID, Email: fmt.Sprintf("u%d@%s.example", i, name), FirstName: "U", LastName: fmt.Sprint(i),
				Status: roster.UserActive, Grants: []roster.Grant{{Role: role, GroupID: f.root.ID}}, Version: 1, CreatedAt: t0, UpdatedAt: t0}
			if err := f.store.CreateUser(ctx, u, nil, roster.AuditEvent{ID: roster.NewID(t0), OrgID: f.org.ID, At: t0}); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				second = u
			}
		}
		if f.admins(t) != 2 {
			t.Fatalf("%d administrators counted", f.admins(t))
		}
		use := db.Measure(func() {
			if _, err := f.life.Apply(ctx, f.caller(), second.ID, roster.Deactivate); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("deactivating an administrator among %d users: %d calls, %.1f RRU, %.1f WRU", n+1, use.Calls, use.RRU, use.WRU)
		return use.RRU, use.WRU
	}
	sr, sw := measure("small", 30)
	lr, lw := measure("large", 600)
	if lr > 1.2*sr+4 || lw > 1.2*sw+4 {
		t.Errorf("large organisation: %.1f RRU %.1f WRU; small: %.1f RRU %.1f WRU", lr, lw, sr, sw)
	}
}
