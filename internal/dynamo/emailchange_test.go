package dynamo_test

import (
	"context"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

func TestEmailChange(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, root, ann := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, ann, nil); err != nil {
		t.Fatal(err)
	}
	bob := roster.User{ID: roster.NewID(t0), OrgID: org.ID, Email: "bob@acme.example", FirstName: "Bob", LastName: "Baker",
		Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: root.ID}}, Version: 1, CreatedAt: t0, UpdatedAt: t0}
	if err := s.CreateUser(ctx, bob, nil, roster.AuditEvent{ID: roster.NewID(t0), OrgID: org.ID, Type: "user.created", SubjectID: bob.ID, At: t0}); err != nil {
		t.Fatal(err)
	}
	read := func(t *testing.T, id string) roster.User {
		t.Helper()
		u, err := s.User(ctx, org.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	audit := func(id string) roster.AuditEvent {
		return roster.AuditEvent{ID: roster.NewID(t0), OrgID: org.ID, ActorID: id, Type: "user.email_changed", SubjectID: id, At: t0}
	}
	// request records a pending change to email, as the auth service does.
	request := func(t *testing.T, id, email string) roster.User {
		t.Helper()
		u := read(t, id)
		changed := u
		changed.PendingEmail = &roster.EmailChange{Email: email, RequestedAt: t0, ExpiresAt: t0.Add(roster.EmailChangeTTL)}
		changed.Version++
		mail := roster.OutboxMail{ID: roster.NewID(t0), Kind: roster.MailEmailChangeConfirm, OrgID: org.ID, UserID: id,
			Data: map[string]string{"new": email}, NextAttemptAt: t0, CreatedAt: t0}
		if err := s.UpdateUser(ctx, u, roster.UserChange{User: changed, Audit: audit(id)}, []roster.OutboxMail{mail}); err != nil {
			t.Fatal(err)
		}
		return read(t, id)
	}
	// confirm writes the change of email as the auth service does.
	confirm := func(u roster.User) error {
		changed := u
		changed.Email, changed.PendingEmail, changed.SessionsValidAfter = u.PendingEmail.Email, nil, t0.Add(time.Minute)
		changed.Version++
		return s.UpdateUser(ctx, u, roster.UserChange{User: changed, Audit: audit(u.ID)}, nil)
	}
	claimOf := func(t *testing.T, email string) string {
		t.Helper()
		u, err := s.UserByEmail(ctx, email)
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			return ""
		} else if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}

	pending := request(t, ann.ID, "ann@new.example")
	t.Run("the pending change reads back with the user, and the new address is not claimed yet", func(t *testing.T) {
		p := pending.PendingEmail
		if p == nil || p.Email != "ann@new.example" || !p.RequestedAt.Equal(t0) || !p.ExpiresAt.Equal(t0.Add(24*time.Hour)) || p.TokenHash != "" {
			t.Fatalf("pending = %+v", p)
		}
		if pending.Email != "ann@acme.example" || claimOf(t, "ann@new.example") != "" || claimOf(t, "ann@acme.example") != ann.ID {
			t.Fatalf("the request moved something: %+v", pending)
		}
		if due, _ := s.DueMail(ctx, t0, 10); len(due) != 1 || due[0].Kind != roster.MailEmailChangeConfirm {
			t.Fatalf("outbox = %+v", due)
		}
	})
	t.Run("the token is stored only for the address the change is still to, before it expires", func(t *testing.T) {
		if err := s.SetEmailChangeToken(ctx, org.ID, ann.ID, "someone@else.example", "h0", t0); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("other address: %v", err)
		}
		if err := s.SetEmailChangeToken(ctx, org.ID, ann.ID, "ann@new.example", "h0", t0.Add(roster.EmailChangeTTL)); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("expired: %v", err)
		}
		if err := s.SetEmailChangeToken(ctx, org.ID, bob.ID, "ann@new.example", "h0", t0); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("a user without a pending change: %v", err)
		}
		if err := s.SetEmailChangeToken(ctx, org.ID, ann.ID, "ann@new.example", "h1", t0); err != nil {
			t.Fatal(err)
		}
		got := read(t, ann.ID)
		if got.PendingEmail.TokenHash != "h1" || got.Version != pending.Version+1 {
			t.Fatalf("after the token: %+v v%d", got.PendingEmail, got.Version)
		}
		if err := confirm(pending); roster.ReasonOf(err) != "user_changed" {
			t.Fatalf("a write from the read before the token: %v", err)
		}
		pending = got
	})
	t.Run("a concurrent claim of the new address makes the confirmation lose, changing nothing", func(t *testing.T) {
		bobs := request(t, bob.ID, "ann@new.example")
		if err := confirm(bobs); err != nil {
			t.Fatal(err)
		}
		if err := confirm(pending); roster.ReasonOf(err) != "email_taken" || roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("err = %v, want email_taken", err)
		}
		if got := read(t, ann.ID); got.Email != "ann@acme.example" || got.PendingEmail == nil || got.Version != pending.Version {
			t.Fatalf("ann after the lost race: %+v", got)
		}
		if claimOf(t, "ann@acme.example") != ann.ID || claimOf(t, "ann@new.example") != bob.ID || claimOf(t, "bob@acme.example") != "" {
			t.Fatal("the claims are not where the winner left them")
		}
	})
	t.Run("confirming moves the claim: the old address is free, the new one taken", func(t *testing.T) {
		pending = request(t, ann.ID, "ann@newer.example")
		if err := confirm(pending); err != nil {
			t.Fatal(err)
		}
		got := read(t, ann.ID)
		if got.Email != "ann@newer.example" || got.PendingEmail != nil || !got.SessionsValidAfter.Equal(t0.Add(time.Minute)) {
			t.Fatalf("ann = %+v", got)
		}
		if claimOf(t, "ann@acme.example") != "" || claimOf(t, "ann@newer.example") != ann.ID {
			t.Fatal("the claim did not move")
		}
		carl := roster.User{ID: roster.NewID(t0), OrgID: org.ID, Email: "ann@acme.example", FirstName: "Carl", LastName: "C",
			Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: root.ID}}, Version: 1, CreatedAt: t0, UpdatedAt: t0}
		if err := s.CreateUser(ctx, carl, nil, audit(carl.ID)); err != nil {
			t.Fatalf("the freed address cannot be used again: %v", err)
		}
		dup := carl
		dup.ID, dup.Email = roster.NewID(t0), "ann@newer.example"
		if err := s.CreateUser(ctx, dup, nil, audit(dup.ID)); roster.ReasonOf(err) != "email_taken" {
			t.Fatalf("the new address is not taken: %v", err)
		}
	})
}
