package auth

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

func (f *fixture) caller(u roster.User) roster.Caller {
	return roster.Caller{OrgID: u.OrgID, UserID: u.ID, Grants: u.Grants}
}

func (f *fixture) auditTypes(t *testing.T) []string {
	t.Helper()
	evs, err := f.store.AuditEvents(context.Background(), f.org.ID)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, e := range evs {
		types = append(types, e.Type)
	}
	return types
}

func fieldOf(err error) string {
	var e *roster.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		return e.Fields[0].Field
	}
	return ""
}

func TestChangePassword(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	phone, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	laptop, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	*f.clock = f.clock.Add(time.Minute)
	c := f.caller(f.admin)
	const next = "a brand new passphrase"

	t.Run("a wrong current password is refused, naming it, and changes nothing", func(t *testing.T) {
		_, err := f.svc.ChangePassword(ctx, c, "not my password at all", next, roster.Client{IP: "10.0.0.1"})
		if roster.ErrorCodeOf(err) != roster.EForbidden || roster.ReasonOf(err) != "invalid_current_password" || fieldOf(err) != "currentPassword" {
			t.Fatalf("err = %v", err)
		}
		if _, err := f.verifier.Authorize(ctx, phone.AccessToken); err != nil {
			t.Fatalf("a refused change ended a session: %v", err)
		}
	})
	t.Run("a weak new password is refused, naming it", func(t *testing.T) {
		_, err := f.svc.ChangePassword(ctx, c, adminPassword, "short", roster.Client{IP: "10.0.0.1"})
		if roster.ErrorCodeOf(err) != roster.EInvalid || fieldOf(err) != "newPassword" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a missing current password is refused, naming it", func(t *testing.T) {
		_, err := f.svc.ChangePassword(ctx, c, "", next, roster.Client{IP: "10.0.0.1"})
		if roster.ErrorCodeOf(err) != roster.EInvalid || fieldOf(err) != "currentPassword" {
			t.Fatalf("err = %v", err)
		}
	})
	var fresh Tokens
	t.Run("the right one changes it and returns tokens of a new session", func(t *testing.T) {
		fresh, err = f.svc.ChangePassword(ctx, c, adminPassword, next, roster.Client{IP: "10.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := f.verifier.Authorize(ctx, fresh.AccessToken); err != nil || got.UserID != f.admin.ID {
			t.Fatalf("the new access token: %+v %v", got, err)
		}
		if _, err := f.svc.Refresh(ctx, fresh.RefreshToken, roster.Client{}); err != nil {
			t.Fatalf("the new refresh token: %v", err)
		}
	})
	t.Run("every other session ends, the caller's old tokens too", func(t *testing.T) {
		for name, tok := range map[string]Tokens{"phone": phone, "laptop": laptop} {
			if _, err := f.verifier.Authorize(ctx, tok.AccessToken); !errors.Is(err, ErrNotAuthorized) {
				t.Errorf("%s's access token still passes: %v", name, err)
			}
			if _, err := f.svc.Refresh(ctx, tok.RefreshToken, roster.Client{}); roster.ReasonOf(err) != "invalid_refresh_token" {
				t.Errorf("%s's refresh token still works: %v", name, err)
			}
		}
	})
	t.Run("the new password signs in, the old one no more", func(t *testing.T) {
		if _, err := f.svc.Login(ctx, "ann@acme.example", next, roster.Client{IP: "10.0.0.2"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.2"}); roster.ReasonOf(err) != "invalid_credentials" {
			t.Fatalf("old password: %v", err)
		}
	})
	t.Run("it is audited", func(t *testing.T) {
		if !slices.Contains(f.auditTypes(t), "user.password_changed") {
			t.Fatalf("audit = %v", f.auditTypes(t))
		}
	})
}

func TestChangePasswordIsThrottledLikeSignIn(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	c := f.caller(f.admin)
	for i := range roster.EmailThrottle.SlowAfter {
		if _, err := f.svc.ChangePassword(ctx, c, "a wrong guess here", "a brand new passphrase", roster.Client{IP: "10.0.0.1"}); roster.ReasonOf(err) != "invalid_current_password" {
			t.Fatalf("guess %d: %v", i+1, err)
		}
	}
	t.Run("then even the right password waits", func(t *testing.T) {
		_, err := f.svc.ChangePassword(ctx, c, adminPassword, "a brand new passphrase", roster.Client{IP: "10.0.0.9"})
		var e *roster.Error
		if !errors.As(err, &e) || e.Code != roster.ETooManyRequests || e.Reason != "too_many_attempts" || e.RetryAfter <= 0 {
			t.Fatalf("err = %v, want 429", err)
		}
	})
	t.Run("and so does sign-in: the counter is the same", func(t *testing.T) {
		if _, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.9"}); roster.ErrorCodeOf(err) != roster.ETooManyRequests {
			t.Fatalf("login: %v", err)
		}
	})
	t.Run("after the wait the change goes through", func(t *testing.T) {
		*f.clock = f.clock.Add(roster.EmailThrottle.MaxDelay)
		if _, err := f.svc.ChangePassword(ctx, c, adminPassword, "a brand new passphrase", roster.Client{IP: "10.0.0.9"}); err != nil {
			t.Fatal(err)
		}
	})
}

// sendEmailChange does what the outbox sender does for the confirmation
// mail: a fresh token whose hash is stored. It returns the link's token.
func (f *fixture) sendEmailChange(t *testing.T, u roster.User, email string) string {
	t.Helper()
	secret, err := RandomToken(32)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.SetEmailChangeToken(context.Background(), u.OrgID, u.ID, email, HashToken(secret), *f.clock); err != nil {
		t.Fatal(err)
	}
	return roster.EmailChangeToken{OrgID: u.OrgID, UserID: u.ID, Secret: secret}.String()
}

func TestEmailChange(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.createOrg(t, "taken@acme.example", roster.UserActive)
	c := f.caller(f.admin)
	session, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	*f.clock = f.clock.Add(time.Minute)

	for _, tc := range []struct {
		name, email, password, code, reason, field string
	}{
		{"a malformed address is refused", "not an address", adminPassword, "invalid", "validation_failed", "email"},
		{"the current address is refused", " Ann@acme.example", adminPassword, "invalid", "validation_failed", "email"},
		{"a missing password is refused", "ann@new.example", "", "invalid", "validation_failed", "password"},
		{"a wrong password is refused", "ann@new.example", "not my password at all", "forbidden", "invalid_current_password", "password"},
		{"a taken address is refused", "taken@acme.example", adminPassword, "conflict", "email_taken", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, mails, err := f.svc.RequestEmailChange(ctx, c, tc.email, tc.password, "10.0.0.1")
			if string(roster.ErrorCodeOf(err)) != tc.code || roster.ReasonOf(err) != tc.reason || fieldOf(err) != tc.field || mails != nil {
				t.Fatalf("err = %v (%s), mails %v", err, fieldOf(err), mails)
			}
		})
	}
	_, _ = f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.1"}) // forget the wrong guess

	first, mails, err := f.svc.RequestEmailChange(ctx, c, "Ann@Old-Choice.example", adminPassword, "10.0.0.1")
	if err != nil || first.Email != "ann@old-choice.example" || !first.ExpiresAt.Equal(f.clock.Add(24*time.Hour)) || len(mails) != 2 {
		t.Fatalf("request = %+v %v %v", first, mails, err)
	}
	oldLink := f.sendEmailChange(t, f.admin, first.Email)
	t.Run("a request queues a link to the new address and a notice to the old one, and changes nothing else", func(t *testing.T) {
		confirm, notice := f.queued(t, mails[0]), f.queued(t, mails[1])
		if confirm.Kind != roster.MailEmailChangeConfirm || confirm.Data["new"] != first.Email ||
			notice.Kind != roster.MailEmailChangeRequested || notice.Data["old"] != "ann@acme.example" {
			t.Fatalf("mails = %+v %+v", confirm, notice)
		}
		u, err := f.store.UserByEmail(ctx, "ann@acme.example")
		if err != nil || u.Email != "ann@acme.example" || u.PendingEmail == nil || u.PendingEmail.Email != first.Email {
			t.Fatalf("user = %+v %v", u, err)
		}
		if _, err := f.verifier.Authorize(ctx, session.AccessToken); err != nil {
			t.Fatalf("a request ended the session: %v", err)
		}
	})
	second, _, err := f.svc.RequestEmailChange(ctx, c, "ann@new.example", adminPassword, "10.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a newer request replaces the older one, whose link stops working", func(t *testing.T) {
		if err := f.svc.ConfirmEmailChange(ctx, oldLink); roster.ReasonOf(err) != "email_change_invalid" {
			t.Fatalf("err = %v", err)
		}
		if err := f.store.SetEmailChangeToken(ctx, f.org.ID, f.admin.ID, first.Email, "h", *f.clock); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("a mail for the replaced change stored a token: %v", err)
		}
	})
	link := f.sendEmailChange(t, f.admin, second.Email)
	t.Run("a forged or malformed token is refused", func(t *testing.T) {
		forged := roster.EmailChangeToken{OrgID: f.org.ID, UserID: f.admin.ID, Secret: "x234567890123456789012345678901234567890123"}.String()
		if err := f.svc.ConfirmEmailChange(ctx, forged); roster.ReasonOf(err) != "email_change_invalid" {
			t.Fatalf("forged: %v", err)
		}
		if err := f.svc.ConfirmEmailChange(ctx, "nope"); roster.ErrorCodeOf(err) != roster.EInvalid || fieldOf(err) != "token" {
			t.Fatalf("malformed: %v", err)
		}
	})
	t.Run("an expired link is refused", func(t *testing.T) {
		saved := *f.clock
		*f.clock = second.ExpiresAt
		defer func() { *f.clock = saved }()
		if err := f.svc.ConfirmEmailChange(ctx, link); roster.ReasonOf(err) != "email_change_expired" || roster.ErrorCodeOf(err) != roster.EGone {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("the link changes the email and ends every session", func(t *testing.T) {
		*f.clock = f.clock.Add(time.Minute)
		if err := f.svc.ConfirmEmailChange(ctx, link); err != nil {
			t.Fatal(err)
		}
		u, err := f.store.UserByEmail(ctx, "ann@new.example")
		if err != nil || u.ID != f.admin.ID || u.PendingEmail != nil {
			t.Fatalf("user = %+v %v", u, err)
		}
		if _, err := f.store.UserByEmail(ctx, "ann@acme.example"); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("the old address is still claimed: %v", err)
		}
		if _, err := f.verifier.Authorize(ctx, session.AccessToken); !errors.Is(err, ErrNotAuthorized) {
			t.Fatalf("the session survived: %v", err)
		}
		if _, err := f.svc.Login(ctx, "ann@new.example", adminPassword, roster.Client{IP: "10.0.0.3"}); err != nil {
			t.Fatalf("sign in with the new address: %v", err)
		}
		if _, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.3"}); roster.ReasonOf(err) != "invalid_credentials" {
			t.Fatalf("sign in with the old address: %v", err)
		}
	})
	t.Run("the link works once", func(t *testing.T) {
		if err := f.svc.ConfirmEmailChange(ctx, link); roster.ReasonOf(err) != "email_change_invalid" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("each step is audited", func(t *testing.T) {
		types := f.auditTypes(t)
		if !slices.Contains(types, "user.email_change_requested") || !slices.Contains(types, "user.email_changed") {
			t.Fatalf("audit = %v", types)
		}
	})
}
