package dynamo_test

import (
	"context"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

func TestPasswordReset(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, root, ann := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, ann, nil); err != nil {
		t.Fatal(err)
	}
	read := func(t *testing.T) roster.User {
		t.Helper()
		u, err := s.User(ctx, org.ID, ann.ID)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	mail := func(id string) roster.OutboxMail {
		return roster.OutboxMail{ID: id, Kind: roster.MailPasswordReset, OrgID: org.ID, UserID: ann.ID, NextAttemptAt: t0, CreatedAt: t0}
	}
	audit := roster.AuditEvent{ID: "a1", OrgID: org.ID, ActorID: ann.ID, Type: "user.password_reset", SubjectID: ann.ID, At: t0}

	t.Run("a request writes the marker and queues the mail together", func(t *testing.T) {
		u := read(t)
		next, _ := u.PasswordReset.Request(t0)
		if err := s.RequestPasswordReset(ctx, u, next, mail("m1")); err != nil {
			t.Fatal(err)
		}
		got := read(t)
		if r := got.PasswordReset; r == nil || r.Requests != 1 || !r.RequestedAt.Equal(t0) || !r.WindowStart.Equal(t0) || r.TokenHash != "" {
			t.Fatalf("marker = %+v", got.PasswordReset)
		}
		if got.Version != u.Version+1 {
			t.Fatalf("version %d, want %d: a whole-user write from the older read must fail", got.Version, u.Version+1)
		}
		if due, _ := s.DueMail(ctx, t0, 10); len(due) != 1 || due[0].ID != "m1" || due[0].Kind != roster.MailPasswordReset {
			t.Fatalf("outbox = %+v", due)
		}
	})
	t.Run("a request from a stale read writes nothing", func(t *testing.T) {
		stale := read(t)
		stale.Version--
		next, _ := stale.PasswordReset.Request(t0.Add(time.Minute))
		if err := s.RequestPasswordReset(ctx, stale, next, mail("m2")); roster.ReasonOf(err) != "user_changed" {
			t.Fatalf("err = %v, want user_changed", err)
		}
		if due, _ := s.DueMail(ctx, t0.Add(time.Hour), 10); len(due) != 1 {
			t.Fatalf("the refused request queued mail: %+v", due)
		}
		if r := read(t).PasswordReset; r.Requests != 1 {
			t.Fatalf("the refused request counted: %+v", r)
		}
	})
	t.Run("the token hash is set at send time", func(t *testing.T) {
		before := read(t)
		if err := s.SetPasswordResetToken(ctx, org.ID, ann.ID, ann.Email, "h1", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		got := read(t)
		if r := got.PasswordReset; r.TokenHash != "h1" || !r.ExpiresAt.Equal(t0.Add(time.Hour)) || r.Requests != 1 {
			t.Fatalf("marker = %+v", r)
		}
		if got.Version != before.Version+1 {
			t.Fatalf("version %d, want %d", got.Version, before.Version+1)
		}
	})
	t.Run("a whole-user write keeps the reset and the sessions cut-off", func(t *testing.T) {
		u := read(t)
		u.SessionsValidAfter = t0.Add(time.Second)
		u.Version++
		if err := s.ChangeUser(ctx, roster.UserChange{User: u, Audit: roster.AuditEvent{ID: "a0", OrgID: org.ID, ActorID: ann.ID, Type: "test", SubjectID: ann.ID, At: t0}}); err != nil {
			t.Fatal(err)
		}
		got := read(t)
		if got.PasswordReset == nil || *got.PasswordReset != *u.PasswordReset || !got.SessionsValidAfter.Equal(u.SessionsValidAfter) {
			t.Fatalf("after a whole-user write: %+v, cut-off %v", got.PasswordReset, got.SessionsValidAfter)
		}
	})
	tests := []struct {
		name string
		hash string
		now  time.Time
	}{
		{"another token's hash is refused", "h0", t0.Add(time.Minute)},
		{"an expired link is refused", "h1", t0.Add(time.Hour)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.ResetPassword(ctx, org.ID, ann.ID, tt.hash, "$argon2id$new", tt.now, audit); roster.ReasonOf(err) != "reset_invalid" {
				t.Fatalf("err = %v, want reset_invalid", err)
			}
			if read(t).PasswordHash != ann.PasswordHash {
				t.Fatal("the password changed")
			}
		})
	}
	now := t0.Add(10 * time.Minute)
	t.Run("the newest link sets the password, ends sessions and is used up", func(t *testing.T) {
		before := read(t)
		if err := s.ResetPassword(ctx, org.ID, ann.ID, "h1", "$argon2id$new", now, audit); err != nil {
			t.Fatal(err)
		}
		got := read(t)
		if got.PasswordHash != "$argon2id$new" || got.PasswordReset.TokenHash != "" || !got.SessionsValidAfter.Equal(now) ||
			!got.UpdatedAt.Equal(now) || got.Version != before.Version+1 {
			t.Fatalf("after reset: %+v %+v", got, got.PasswordReset)
		}
		events, err := s.AuditEvents(ctx, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if last := events[len(events)-1]; last.Type != "user.password_reset" || last.SubjectID != ann.ID {
			t.Fatalf("audit = %+v", events)
		}
		for _, hash := range []string{"h1", ""} {
			if err := s.ResetPassword(ctx, org.ID, ann.ID, hash, "$argon2id$again", now, roster.AuditEvent{ID: "a2", OrgID: org.ID, At: now}); roster.ReasonOf(err) != "reset_invalid" {
				t.Fatalf("reset with %q after the link was used: %v", hash, err)
			}
		}
		if read(t).PasswordHash != "$argon2id$new" {
			t.Fatal("a used link changed the password again")
		}
	})
	t.Run("a user who is no longer active gets no token and cannot reset", func(t *testing.T) {
		if err := s.SetPasswordResetToken(ctx, org.ID, ann.ID, ann.Email, "h2", now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		u := read(t)
		u.Status, u.Version = roster.UserDeactivated, u.Version+1
		if err := s.ChangeUser(ctx, roster.UserChange{User: u, Audit: roster.AuditEvent{ID: "a3", OrgID: org.ID, ActorID: ann.ID, Type: "test", SubjectID: ann.ID, At: now}}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPasswordResetToken(ctx, org.ID, ann.ID, ann.Email, "h3", now.Add(time.Hour)); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("token for a deactivated user: %v", err)
		}
		if err := s.ResetPassword(ctx, org.ID, ann.ID, "h2", "$argon2id$x", now, roster.AuditEvent{ID: "a4", OrgID: org.ID, At: now}); roster.ReasonOf(err) != "reset_invalid" {
			t.Fatalf("reset of a deactivated user: %v", err)
		}
	})
	t.Run("a user who never asked gets no token", func(t *testing.T) {
		o2, r2, bob := newOrg("bob@acme.example")
		if err := s.CreateOrganisation(ctx, o2, r2, bob, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.SetPasswordResetToken(ctx, o2.ID, bob.ID, bob.Email, "h", now.Add(time.Hour)); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("err = %v", err)
		}
		if u, _ := s.User(ctx, o2.ID, bob.ID); u.PasswordReset != nil || !u.SessionsValidAfter.IsZero() {
			t.Fatalf("a user who never asked has %+v, %v", u.PasswordReset, u.SessionsValidAfter)
		}
	})
}
