package auth

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

func TestMatchTOTP(t *testing.T) {
	const secret = "JBSWY3DPEHPK3PXP"
	now := time.Date(2026, 11, 23, 10, 0, 10, 0, time.UTC)
	step := now.Unix() / 30
	code := func(at time.Time) string {
		c, err := TOTPCode(secret, at)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, tt := range []struct {
		name   string
		code   string
		after  int64
		want   int64
		wantOK bool
	}{
		{"the current code", code(now), 0, step, true},
		{"the previous step's code (clock drift)", code(now.Add(-30 * time.Second)), 0, step - 1, true},
		{"the next step's code (clock drift)", code(now.Add(30 * time.Second)), 0, step + 1, true},
		{"a code two steps old", code(now.Add(-60 * time.Second)), 0, 0, false},
		{"the current code once its step was used", code(now), step, 0, false},
		{"the next step's code after the current one was used", code(now.Add(30 * time.Second)), step, step + 1, true},
		{"not six digits", "12345", 0, 0, false},
		{"letters", "12345a", 0, 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := matchTOTP(secret, tt.code, now, tt.after)
			if ok != tt.wantOK || got != tt.want {
				t.Fatalf("matchTOTP = %d, %v; want %d, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// enrol gives f's administrator an active factor and returns its secret and
// recovery codes; the clock moves a step on, so that the next code is new.
func (f *fixture) enrol(t *testing.T) (string, []string) {
	t.Helper()
	ctx := context.Background()
	caller := roster.Caller{OrgID: f.org.ID, UserID: f.admin.ID}
	e, err := f.svc.StartTOTPEnrolment(ctx, caller)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := TOTPCode(e.Secret, *f.clock)
	out, err := f.svc.ConfirmTOTP(ctx, caller, code, roster.Client{IP: "10.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.RecoveryCodes) != roster.RecoveryCodeCount || out.Tokens != nil {
		t.Fatalf("confirm of a full session = %+v", out)
	}
	*f.clock = f.clock.Add(30 * time.Second)
	return e.Secret, out.RecoveryCodes
}

func (f *fixture) challenge(t *testing.T) string {
	t.Helper()
	_, err := f.svc.Login(context.Background(), "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.1"})
	var e *roster.Error
	if !errors.As(err, &e) || e.Reason != "mfa_required" || e.Code != roster.EUnauthorized || e.Extra["challengeExpiresIn"] != 300 {
		t.Fatalf("login of an enrolled user: %v", err)
	}
	return e.Extra["challenge"].(string)
}

func TestSecondFactorSignIn(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	secret, recovery := f.enrol(t)

	t.Run("a wrong confirm code names the field", func(t *testing.T) {
		g := newFixture(t)
		caller := roster.Caller{OrgID: g.org.ID, UserID: g.admin.ID}
		if _, err := g.svc.ConfirmTOTP(ctx, caller, "123456", roster.Client{IP: "10.0.0.1"}); roster.ReasonOf(err) != "mfa_enrolment_not_started" {
			t.Fatalf("confirm before enrolling: %v", err)
		}
		e, _ := g.svc.StartTOTPEnrolment(ctx, caller)
		wrong, _ := TOTPCode(e.Secret, g.clock.Add(-5*time.Minute))
		_, err := g.svc.ConfirmTOTP(ctx, caller, wrong, roster.Client{IP: "10.0.0.1"})
		var re *roster.Error
		if !errors.As(err, &re) || re.Code != roster.EInvalid || len(re.Fields) != 1 || re.Fields[0].Field != "code" {
			t.Fatalf("wrong code: %v", err)
		}
	})
	t.Run("a code signs in once", func(t *testing.T) {
		c := f.challenge(t)
		code, _ := TOTPCode(secret, *f.clock)
		tok, err := f.svc.VerifyMFA(ctx, c, code, "", roster.Client{IP: "10.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		if caller, err := f.verifier.Authorize(ctx, tok.AccessToken); err != nil || caller.MFAEnrolmentOnly {
			t.Fatalf("Authorize = %+v, %v", caller, err)
		}
		if _, err := f.svc.VerifyMFA(ctx, c, code, "", roster.Client{IP: "10.0.0.1"}); roster.ReasonOf(err) != "mfa_challenge_invalid" {
			t.Fatalf("the challenge again: %v", err)
		}
		if _, err := f.svc.VerifyMFA(ctx, f.challenge(t), code, "", roster.Client{IP: "10.0.0.1"}); roster.ReasonOf(err) != "invalid_mfa_code" {
			t.Fatalf("the same code with a new challenge: %v", err)
		}
	})
	t.Run("a recovery code signs in once", func(t *testing.T) {
		*f.clock = f.clock.Add(time.Hour) // past the failures above
		if _, err := f.svc.VerifyMFA(ctx, f.challenge(t), "", " "+recovery[3]+" ", roster.Client{IP: "10.0.0.1"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.VerifyMFA(ctx, f.challenge(t), "", recovery[3], roster.Client{IP: "10.0.0.1"}); roster.ReasonOf(err) != "invalid_mfa_code" {
			t.Fatalf("a recovery code twice: %v", err)
		}
		u, _ := f.store.User(ctx, f.org.ID, f.admin.ID)
		if u.MFA.RecoveryCodesLeft() != roster.RecoveryCodeCount-1 {
			t.Fatalf("codes left = %d", u.MFA.RecoveryCodesLeft())
		}
		for i, h := range u.MFA.RecoveryCodes {
			if i != 3 && h != HashToken(normaliseRecoveryCode(recovery[i])) {
				t.Fatalf("recovery code %d is not stored as its hash: %q", i, h)
			}
		}
	})
	t.Run("a challenge expires after five minutes", func(t *testing.T) {
		*f.clock = f.clock.Add(time.Hour)
		c := f.challenge(t)
		*f.clock = f.clock.Add(roster.MFAChallengeTTL)
		code, _ := TOTPCode(secret, *f.clock)
		if _, err := f.svc.VerifyMFA(ctx, c, code, "", roster.Client{IP: "10.0.0.1"}); roster.ReasonOf(err) != "mfa_challenge_invalid" {
			t.Fatalf("an expired challenge: %v", err)
		}
		if _, err := f.svc.VerifyMFA(ctx, "made-up", code, "", roster.Client{IP: "10.0.0.1"}); roster.ReasonOf(err) != "mfa_challenge_invalid" {
			t.Fatalf("an unknown challenge: %v", err)
		}
	})
	t.Run("wrong codes are throttled like passwords", func(t *testing.T) {
		*f.clock = f.clock.Add(time.Hour)
		c := f.challenge(t)
		wrong, _ := TOTPCode(secret, f.clock.Add(-10*time.Minute))
		for i := range roster.MFAThrottle.SlowAfter {
			if _, err := f.svc.VerifyMFA(ctx, c, wrong, "", roster.Client{IP: "10.0.0.7"}); roster.ReasonOf(err) != "invalid_mfa_code" {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
		}
		right, _ := TOTPCode(secret, *f.clock)
		_, err := f.svc.VerifyMFA(ctx, c, right, "", roster.Client{IP: "10.0.0.8"})
		var e *roster.Error
		if !errors.As(err, &e) || e.Code != roster.ETooManyRequests || e.RetryAfter <= 0 {
			t.Fatalf("after %d wrong codes: %v", roster.MFAThrottle.SlowAfter, err)
		}
		*f.clock = f.clock.Add(e.RetryAfter)
		right, _ = TOTPCode(secret, *f.clock)
		if _, err := f.svc.VerifyMFA(ctx, c, right, "", roster.Client{IP: "10.0.0.8"}); err != nil {
			t.Fatalf("after waiting: %v", err)
		}
	})
	t.Run("bad input names the field", func(t *testing.T) {
		for _, tt := range []struct{ challenge, code, recovery, field string }{
			{"", "123456", "", "challenge"},
			{"c", "", "", "code"},
			{"c", "12ab56", "", "code"},
			{"c", "123456", "x", "recoveryCode"},
		} {
			_, err := f.svc.VerifyMFA(ctx, tt.challenge, tt.code, tt.recovery, roster.Client{IP: "10.0.0.1"})
			var e *roster.Error
			if !errors.As(err, &e) || e.Code != roster.EInvalid || e.Fields[0].Field != tt.field {
				t.Errorf("%+v: %v", tt, err)
			}
		}
	})
}

func TestEnrolmentOnlySessions(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	audit := roster.AuditEvent{ID: roster.NewID(*f.clock), OrgID: f.org.ID, ActorID: f.admin.ID, Type: "organisation.security_changed", SubjectID: f.org.ID, At: *f.clock}
	if err := f.store.SetOrgSecurity(ctx, f.org.ID, roster.OrgSecurity{RequireMFAForAdmins: true, Version: 2}, audit); err != nil {
		t.Fatal(err)
	}
	tok, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	caller, err := f.verifier.Authorize(ctx, tok.AccessToken)
	if err != nil || !caller.MFAEnrolmentOnly {
		t.Fatalf("an administrator without a factor under the policy: %+v, %v", caller, err)
	}
	// A refresh keeps the restriction.
	again, err := f.svc.Refresh(ctx, tok.RefreshToken, roster.Client{})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := f.verifier.Authorize(ctx, again.AccessToken); !c.MFAEnrolmentOnly {
		t.Fatal("a refreshed enrolment-only session lost its restriction")
	}
	e, err := f.svc.StartTOTPEnrolment(ctx, caller)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := TOTPCode(e.Secret, *f.clock)
	out, err := f.svc.ConfirmTOTP(ctx, caller, code, roster.Client{IP: "10.0.0.1"})
	if err != nil || out.Tokens == nil {
		t.Fatalf("confirm from an enrolment-only session: %+v, %v", out, err)
	}
	if _, err := f.verifier.Authorize(ctx, again.AccessToken); !errors.Is(err, ErrNotAuthorized) {
		t.Fatalf("the enrolment-only session after confirming: %v", err)
	}
	if c, err := f.verifier.Authorize(ctx, out.Tokens.AccessToken); err != nil || c.MFAEnrolmentOnly {
		t.Fatalf("the new session: %+v, %v", c, err)
	}
	if _, err := f.svc.StartTOTPEnrolment(ctx, caller); roster.ReasonOf(err) != "mfa_enrolled" {
		t.Fatalf("enrolling again: %v", err)
	}
}

func TestAnotherEnrolmentOnlySessionEndsWithTheEnrolment(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	audit := roster.AuditEvent{ID: roster.NewID(*f.clock), OrgID: f.org.ID, ActorID: f.admin.ID, Type: "organisation.security_changed", SubjectID: f.org.ID, At: *f.clock}
	if err := f.store.SetOrgSecurity(ctx, f.org.ID, roster.OrgSecurity{RequireMFAForAdmins: true, Version: 2}, audit); err != nil {
		t.Fatal(err)
	}
	// Two sign-ins with the password; the factor is enrolled from the first.
	mine, _ := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.1"})
	other, _ := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.2"})
	caller, err := f.verifier.Authorize(ctx, mine.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := f.svc.StartTOTPEnrolment(ctx, caller)
	code, _ := TOTPCode(e.Secret, *f.clock)
	if _, err := f.svc.ConfirmTOTP(ctx, caller, code, roster.Client{IP: "10.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	if c, err := f.verifier.Authorize(ctx, other.AccessToken); !errors.Is(err, ErrNotAuthorized) {
		t.Fatalf("the other password-only session after the enrolment: %+v, %v", c, err)
	}
	if _, err := f.svc.Refresh(ctx, other.RefreshToken, roster.Client{}); roster.ReasonOf(err) != "invalid_refresh_token" {
		t.Fatalf("refreshing it: %v", err)
	}
}
