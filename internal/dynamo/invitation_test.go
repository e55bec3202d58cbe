package dynamo_test

import (
	"context"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

func TestInvitationByEmailAlone(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	audit := func() roster.AuditEvent { return roster.AuditEvent{ID: roster.NewID(t0), OrgID: org.ID, At: t0} }
	invite := func(email string) roster.User {
		u := roster.User{ID: roster.NewID(t0), OrgID: org.ID, Email: email, Status: roster.UserInvited,
			Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: root.ID}}, Version: 1, CreatedAt: t0, UpdatedAt: t0,
			Invitation: &roster.Invitation{TokenHash: "hash", SentAt: t0, ExpiresAt: t0.Add(time.Hour)}}
		if err := s.CreateUser(ctx, u, nil, audit()); err != nil {
			t.Fatal(err)
		}
		return u
	}
	list := func(prefix string) []string {
		p, err := s.UsersByName(ctx, org.ID, roster.UserPageQuery{Statuses: roster.LiveStatuses, Prefix: prefix, Limit: 10}, func(roster.User) bool { return true })
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, u := range p.Users {
			out = append(out, u.DisplayName())
		}
		return out
	}
	zed, bea := invite("zed@acme.example"), invite("bea@acme.example")

	t.Run("nameless users sort by email among the names", func(t *testing.T) {
		got := list("")
		want := []string{"Ann Admin", "bea@acme.example", "zed@acme.example"}
		if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
			t.Fatalf("got %v, want %v", got, want)
		}
		if got := list("be"); len(got) != 1 || got[0] != "bea@acme.example" {
			t.Fatalf("prefix be: %v", got)
		}
	})
	t.Run("accepting with names stores them and moves the user in the name index", func(t *testing.T) {
		if err := s.AcceptInvitation(ctx, org.ID, zed.ID, "hash", "$argon2id$z", roster.AcceptNames{FirstName: "Zed", LastName: "Aaron"}, t0); err != nil {
			t.Fatal(err)
		}
		u, err := s.User(ctx, org.ID, zed.ID)
		if err != nil || u.FirstName != "Zed" || u.LastName != "Aaron" || u.Status != roster.UserActive {
			t.Fatalf("%+v %v", u, err)
		}
		if got := list(""); len(got) != 3 || got[0] != "Zed Aaron" {
			t.Fatalf("after accepting: %v", got)
		}
		if got := list("zed"); len(got) != 0 {
			t.Fatalf("the old email key is still in the last-name index: %v", got)
		}
	})
	t.Run("a revoked invitation is not accepted, whatever the service read", func(t *testing.T) {
		u, err := s.User(ctx, org.ID, bea.ID)
		if err != nil {
			t.Fatal(err)
		}
		inv, _ := u.Invitation.Revoke(t0)
		u.Invitation, u.Version = &inv, u.Version+1
		if err := s.ChangeUser(ctx, roster.UserChange{User: u, Audit: audit()}); err != nil {
			t.Fatal(err)
		}
		err = s.AcceptInvitation(ctx, org.ID, bea.ID, "hash", "$argon2id$b", roster.AcceptNames{FirstName: "Bea", LastName: "B"}, t0)
		if roster.ErrorCodeOf(err) != roster.EGone {
			t.Fatalf("accept a revoked invitation: %v", err)
		}
		if err := s.SetInvitationToken(ctx, org.ID, bea.ID, "bea@acme.example", "new", t0.Add(time.Hour)); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("a new token for a revoked invitation: %v", err)
		}
	})
}
