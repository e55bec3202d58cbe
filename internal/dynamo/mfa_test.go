package dynamo_test

import (
	"context"
	"testing"

	"github.com/roster-app/roster/internal/roster"
)

func TestSecondFactorWrites(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	audit := func(typ string) roster.AuditEvent { return contactAudit(org.ID, typ, admin.ID) }
	const first, second = "JBSWY3DPEHPK3PXP", "GEZDGNBVGY3TQOJQ"
	codes := []string{"h0", "h1", "h2"}

	t.Run("a new enrolment replaces a pending one; only the pending secret confirms", func(t *testing.T) {
		if err := s.StartTOTPEnrolment(ctx, org.ID, admin.ID, first, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.StartTOTPEnrolment(ctx, org.ID, admin.ID, second, t0); err != nil {
			t.Fatal(err)
		}
		u, _ := s.User(ctx, org.ID, admin.ID)
		if u.MFA.PendingSecret != second || u.MFA.Enrolled() || u.Version != admin.Version+2 {
			t.Fatalf("after two starts: %+v, version %d", u.MFA, u.Version)
		}
		f := roster.TOTPFactor{Secret: first, EnrolledAt: t0, LastStep: 10, RecoveryCodes: codes}
		if err := s.ConfirmTOTP(ctx, org.ID, admin.ID, first, f, audit("user.mfa_enrolled")); roster.ReasonOf(err) != "mfa_enrolment_changed" {
			t.Fatalf("confirm of a replaced secret: %v", err)
		}
		f.Secret = second
		if err := s.ConfirmTOTP(ctx, org.ID, admin.ID, second, f, audit("user.mfa_enrolled")); err != nil {
			t.Fatal(err)
		}
		u, _ = s.User(ctx, org.ID, admin.ID)
		if !u.MFA.Enrolled() || u.MFA.Secret != second || u.MFA.PendingSecret != "" || u.MFA.LastStep != 10 || u.MFA.RecoveryCodesLeft() != 3 {
			t.Fatalf("after confirm: %+v", u.MFA)
		}
		if err := s.ConfirmTOTP(ctx, org.ID, admin.ID, second, f, audit("user.mfa_enrolled")); roster.ReasonOf(err) != "mfa_enrolment_changed" {
			t.Fatalf("confirm twice: %v", err)
		}
		if err := s.StartTOTPEnrolment(ctx, org.ID, admin.ID, first, t0); roster.ReasonOf(err) != "mfa_enrolled" {
			t.Fatalf("enrol while enrolled: %v", err)
		}
		if err := s.StartTOTPEnrolment(ctx, org.ID, "nobody", first, t0); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("enrol an unknown user: %v", err)
		}
	})

	t.Run("a time step is accepted once, and only a later one after it", func(t *testing.T) {
		if err := s.AcceptTOTPStep(ctx, org.ID, admin.ID, second, 11); err != nil {
			t.Fatal(err)
		}
		for _, step := range []int64{11, 10} {
			if err := s.AcceptTOTPStep(ctx, org.ID, admin.ID, second, step); roster.ReasonOf(err) != "mfa_code_used" {
				t.Fatalf("step %d after 11: %v", step, err)
			}
		}
		if err := s.AcceptTOTPStep(ctx, org.ID, admin.ID, first, 12); roster.ReasonOf(err) != "mfa_code_used" {
			t.Fatalf("a step for another secret: %v", err)
		}
	})

	t.Run("a recovery code works once", func(t *testing.T) {
		if err := s.UseRecoveryCode(ctx, org.ID, admin.ID, 1, "h1"); err != nil {
			t.Fatal(err)
		}
		if err := s.UseRecoveryCode(ctx, org.ID, admin.ID, 1, "h1"); roster.ReasonOf(err) != "mfa_code_used" {
			t.Fatalf("second use: %v", err)
		}
		if err := s.UseRecoveryCode(ctx, org.ID, admin.ID, 2, "h1"); roster.ReasonOf(err) != "mfa_code_used" {
			t.Fatalf("another slot's hash: %v", err)
		}
		u, _ := s.User(ctx, org.ID, admin.ID)
		if u.MFA.RecoveryCodesLeft() != 2 || u.MFA.RecoveryCodes[1] != "" || u.MFA.RecoveryCodes[2] != "h2" {
			t.Fatalf("codes after one use: %q", u.MFA.RecoveryCodes)
		}
	})

	t.Run("a whole-user write from a read before a factor write fails", func(t *testing.T) {
		stale, _ := s.User(ctx, org.ID, admin.ID)
		if err := s.AcceptTOTPStep(ctx, org.ID, admin.ID, second, 20); err != nil {
			t.Fatal(err)
		}
		stale.FirstName, stale.Version = "Anne", stale.Version+1
		if err := s.ChangeUser(ctx, roster.UserChange{User: stale, Audit: audit("user.updated")}); roster.ReasonOf(err) != "user_changed" {
			t.Fatalf("stale whole-user write: %v", err)
		}
		cur, _ := s.User(ctx, org.ID, admin.ID)
		cur.FirstName, cur.Version = "Anne", cur.Version+1
		if err := s.ChangeUser(ctx, roster.UserChange{User: cur, Audit: audit("user.updated")}); err != nil {
			t.Fatal(err)
		}
		after, _ := s.User(ctx, org.ID, admin.ID)
		if after.MFA.LastStep != 20 || after.MFA.RecoveryCodesLeft() != 2 || after.MFA.Secret != second {
			t.Fatalf("a whole-user write lost the factor's state: %+v", after.MFA)
		}
	})

	t.Run("a reset at the version read removes the factor", func(t *testing.T) {
		u, _ := s.User(ctx, org.ID, admin.ID)
		if err := s.ResetMFA(ctx, org.ID, admin.ID, u.Version-1, audit("user.mfa_reset")); roster.ReasonOf(err) != "user_changed" {
			t.Fatalf("reset at a stale version: %v", err)
		}
		if err := s.ResetMFA(ctx, org.ID, admin.ID, u.Version, audit("user.mfa_reset")); err != nil {
			t.Fatal(err)
		}
		u, _ = s.User(ctx, org.ID, admin.ID)
		if u.MFA.Enrolled() || u.MFA.PendingSecret != "" || len(u.MFA.RecoveryCodes) != 0 {
			t.Fatalf("after reset: %+v", u.MFA)
		}
		if err := s.StartTOTPEnrolment(ctx, org.ID, admin.ID, first, t0); err != nil {
			t.Fatalf("enrol again after a reset: %v", err)
		}
	})

	t.Run("a challenge is consumed once", func(t *testing.T) {
		c := roster.MFAChallenge{Hash: "abc", OrgID: org.ID, UserID: admin.ID, ExpiresAt: t0.Add(roster.MFAChallengeTTL)}
		if err := s.CreateMFAChallenge(ctx, c); err != nil {
			t.Fatal(err)
		}
		got, err := s.MFAChallenge(ctx, "abc")
		if err != nil || got != c {
			t.Fatalf("read back %+v, %v", got, err)
		}
		if err := s.ConsumeMFAChallenge(ctx, "abc"); err != nil {
			t.Fatal(err)
		}
		if err := s.ConsumeMFAChallenge(ctx, "abc"); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("consume twice: %v", err)
		}
		if _, err := s.MFAChallenge(ctx, "abc"); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("read after consume: %v", err)
		}
	})

	t.Run("the policy is written at the version read", func(t *testing.T) {
		sec, err := s.OrgSecurity(ctx, org.ID)
		if err != nil || sec.Version != 1 || sec.RequireMFAForAdmins {
			t.Fatalf("never set: %+v %v", sec, err)
		}
		if err := s.SetOrgSecurity(ctx, org.ID, roster.OrgSecurity{RequireMFAForAdmins: true, Version: 2}, audit("organisation.security_changed")); err != nil {
			t.Fatal(err)
		}
		if err := s.SetOrgSecurity(ctx, org.ID, roster.OrgSecurity{RequireMFAForAdmins: false, Version: 2}, audit("organisation.security_changed")); roster.ErrorCodeOf(err) != roster.EPreconditionFailed {
			t.Fatalf("write from a stale read: %v", err)
		}
		sec, _ = s.OrgSecurity(ctx, org.ID)
		if !sec.RequireMFAForAdmins || sec.Version != 2 {
			t.Fatalf("after set: %+v", sec)
		}
		o, err := s.Organisation(ctx, org.ID)
		if err != nil || o.Name != org.Name || o.RootGroupID != org.RootGroupID {
			t.Fatalf("the organisation item around the policy: %+v %v", o, err)
		}
	})
}
