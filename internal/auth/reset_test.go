package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// queued returns the outbox entry with id.
func (f *fixture) queued(t *testing.T, id string) roster.OutboxMail {
	t.Helper()
	due, err := f.store.DueMail(context.Background(), f.clock.Add(time.Hour), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range due {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("mail %s is not in the outbox", id)
	return roster.OutboxMail{}
}

// sendReset does what the outbox sender does for a reset mail: a fresh
// token whose hash is stored. It returns the token of the link.
func (f *fixture) sendReset(t *testing.T, u roster.User) string {
	t.Helper()
	secret, err := RandomToken(32)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.SetPasswordResetToken(context.Background(), u.OrgID, u.ID, u.Email, HashToken(secret), f.clock.Add(roster.PasswordResetTTL)); err != nil {
		t.Fatal(err)
	}
	return roster.ResetToken{OrgID: u.OrgID, UserID: u.ID, Secret: secret}.String()
}

// forgot asks for a reset of u's password and sends the link.
func (f *fixture) forgot(t *testing.T, u roster.User) string {
	t.Helper()
	id, err := f.svc.ForgotPassword(context.Background(), u.Email)
	if err != nil || id == "" {
		t.Fatalf("ForgotPassword(%s) = %q, %v", u.Email, id, err)
	}
	return f.sendReset(t, u)
}

func TestForgotPassword(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	_, gone := f.createOrg(t, "gone@acme.example", roster.UserDeactivated)
	invited := roster.User{ID: roster.NewID(*f.clock), OrgID: f.org.ID, Email: "new@acme.example", FirstName: "Nel", LastName: "New",
		Status: roster.UserInvited, Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: f.org.RootGroupID}},
		Invitation: &roster.Invitation{}, Version: 1, CreatedAt: *f.clock, UpdatedAt: *f.clock}
	if err := f.store.CreateUser(ctx, invited, nil, roster.AuditEvent{ID: roster.NewID(*f.clock), OrgID: f.org.ID, ActorID: f.admin.ID, Type: "user.created", SubjectID: invited.ID, At: *f.clock}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		email string
		kind  roster.MailKind // "" for no mail
	}{
		{"an active user gets a reset link, whatever the case and spaces", "  Ann@ACME.example ", roster.MailPasswordReset},
		{"an invited user gets the invitation again", "new@acme.example", roster.MailInvitation},
		{"an unknown address gets nothing", "nobody@acme.example", ""},
		{"a deactivated user gets nothing", gone.Email, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := f.svc.ForgotPassword(ctx, tt.email)
			if err != nil {
				t.Fatal(err)
			}
			if tt.kind == "" {
				if id != "" {
					t.Fatalf("queued %s", id)
				}
				return
			}
			if m := f.queued(t, id); m.Kind != tt.kind {
				t.Fatalf("queued %+v, want a %s mail", m, tt.kind)
			}
		})
	}
	t.Run("something that is not an address is refused as input", func(t *testing.T) {
		_, err := f.svc.ForgotPassword(ctx, "not-an-email")
		var e *roster.Error
		if !errors.As(err, &e) || e.Code != roster.EInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "email" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("at most three mails an hour per user", func(t *testing.T) {
		for i := 2; i <= roster.MaxResetMails; i++ { // the first was asked for above
			*f.clock = f.clock.Add(time.Minute)
			if id, err := f.svc.ForgotPassword(ctx, "ann@acme.example"); err != nil || id == "" {
				t.Fatalf("request %d: %q, %v", i, id, err)
			}
		}
		if id, err := f.svc.ForgotPassword(ctx, "ann@acme.example"); err != nil || id != "" {
			t.Fatalf("request over the limit: %q, %v; want nothing queued and no error", id, err)
		}
		if id, _ := f.svc.ForgotPassword(ctx, "new@acme.example"); id == "" {
			t.Fatal("another user's limit was used up")
		}
		*f.clock = f.clock.Add(roster.ResetMailWindow)
		if id, err := f.svc.ForgotPassword(ctx, "ann@acme.example"); err != nil || id == "" {
			t.Fatalf("an hour later: %q, %v", id, err)
		}
	})
}

func TestResetPassword(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	const newPassword = "a brand new passphrase"
	before, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	*f.clock = f.clock.Add(time.Minute)
	token := f.forgot(t, f.admin)

	bad := []struct {
		name, token, password string
		code                  roster.ErrorCode
		reason, field         string
	}{
		{"a garbled token is bad input", "nonsense", newPassword, roster.EInvalid, "validation_failed", "token"},
		{"a forged secret is invalid", f.org.ID + "." + f.admin.ID + "." + strings.Repeat("A", 43), newPassword, roster.EGone, "reset_invalid", ""},
		{"an unknown user is invalid alike", f.org.ID + ".nobody." + strings.Repeat("A", 43), newPassword, roster.EGone, "reset_invalid", ""},
		{"another organisation is invalid alike", "other." + strings.TrimPrefix(token, f.org.ID+"."), newPassword, roster.EGone, "reset_invalid", ""},
		{"a weak password is refused", token, "short", roster.EInvalid, "validation_failed", "password"},
		{"a common password is refused", token, "password1234", roster.EInvalid, "validation_failed", "password"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			err := f.svc.ResetPassword(ctx, tt.token, tt.password)
			var e *roster.Error
			if !errors.As(err, &e) || e.Code != tt.code || roster.ReasonOf(err) != tt.reason {
				t.Fatalf("err = %v, want %s %s", err, tt.code, tt.reason)
			}
			if tt.field != "" && (len(e.Fields) != 1 || e.Fields[0].Field != tt.field) {
				t.Fatalf("fields = %+v, want %s", e.Fields, tt.field)
			}
		})
	}
	t.Run("an expired link is refused as expired", func(t *testing.T) {
		saved := *f.clock
		defer func() { *f.clock = saved }()
		*f.clock = f.clock.Add(roster.PasswordResetTTL)
		if err := f.svc.ResetPassword(ctx, token, newPassword); roster.ReasonOf(err) != "reset_expired" || roster.ErrorCodeOf(err) != roster.EGone {
			t.Fatalf("err = %v", err)
		}
	})

	*f.clock = f.clock.Add(time.Minute)
	if err := f.svc.ResetPassword(ctx, token, newPassword); err != nil {
		t.Fatalf("the link, after the refusals: %v", err)
	}
	t.Run("the old password is refused and the new one works", func(t *testing.T) {
		if _, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.1"}); roster.ReasonOf(err) != "invalid_credentials" {
			t.Fatalf("old password: %v", err)
		}
		after, err := f.svc.Login(ctx, "ann@acme.example", newPassword, roster.Client{IP: "10.0.0.1"})
		if err != nil {
			t.Fatalf("new password: %v", err)
		}
		if _, err := f.verifier.Authorize(ctx, after.AccessToken); err != nil {
			t.Fatalf("a session begun at the reset is refused: %v", err)
		}
		if _, err := f.svc.Refresh(ctx, after.RefreshToken, roster.Client{}); err != nil {
			t.Fatalf("refresh of a session begun at the reset: %v", err)
		}
	})
	t.Run("sessions begun before the reset are over", func(t *testing.T) {
		if _, err := f.svc.Refresh(ctx, before.RefreshToken, roster.Client{}); roster.ReasonOf(err) != "invalid_refresh_token" {
			t.Fatalf("refresh: %v", err)
		}
		if _, err := f.verifier.Authorize(ctx, before.AccessToken); !errors.Is(err, ErrNotAuthorized) {
			t.Fatalf("access token: %v", err)
		}
	})
	t.Run("the link works once", func(t *testing.T) {
		if err := f.svc.ResetPassword(ctx, token, "yet another passphrase"); roster.ReasonOf(err) != "reset_invalid" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a newer link replaces the older one", func(t *testing.T) {
		*f.clock = f.clock.Add(time.Minute)
		older := f.forgot(t, f.admin)
		newer := f.forgot(t, f.admin)
		if err := f.svc.ResetPassword(ctx, older, "yet another passphrase"); roster.ReasonOf(err) != "reset_invalid" {
			t.Fatalf("older link: %v", err)
		}
		if err := f.svc.ResetPassword(ctx, newer, "yet another passphrase"); err != nil {
			t.Fatalf("newer link: %v", err)
		}
	})
}

func TestResetPasswordEndsALockout(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	for range roster.EmailThrottle.LockAfter {
		_, _ = f.svc.Login(ctx, "ann@acme.example", "someone guessing", roster.Client{IP: "10.0.0.1"})
	}
	if _, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.2"}); roster.ErrorCodeOf(err) != roster.ETooManyRequests {
		t.Fatalf("the guessing did not lock the email: %v", err)
	}
	token := f.forgot(t, f.admin)
	if err := f.svc.ResetPassword(ctx, token, "a brand new passphrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Login(ctx, "ann@acme.example", "a brand new passphrase", roster.Client{IP: "10.0.0.2"}); err != nil {
		t.Fatalf("sign in with the new password: %v", err)
	}
}

func TestResetPasswordOfAUserNoLongerActive(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	token := f.forgot(t, f.admin)
	u, err := f.store.User(ctx, f.org.ID, f.admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	u.Status, u.Version = roster.UserDeactivated, u.Version+1
	if err := f.store.ChangeUser(ctx, roster.UserChange{User: u, Audit: roster.AuditEvent{ID: roster.NewID(*f.clock), OrgID: u.OrgID, ActorID: u.ID, Type: "user.deactivated", SubjectID: u.ID, At: *f.clock}}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.ResetPassword(ctx, token, "a brand new passphrase"); roster.ReasonOf(err) != "reset_invalid" {
		t.Fatalf("err = %v", err)
	}
	if id, err := f.svc.ForgotPassword(ctx, u.Email); err != nil || id != "" {
		t.Fatalf("a deactivated user asked again: %q, %v", id, err)
	}
}
