package roster

import (
	"context"
	"slices"
	"time"
)

// TOTPFactor is a user's second factor: a TOTP secret (RFC 6238) and its
// one-time recovery codes. The zero value is no factor.
type TOTPFactor struct {
	// PendingSecret is an enrolment begun but not yet confirmed with a code;
	// a new enrolment replaces it.
	PendingSecret string
	PendingAt     time.Time
	// Secret is the active factor's secret (base32), empty when none. It is
	// needed to check codes, so it cannot be stored as a hash.
	Secret     string
	EnrolledAt time.Time
	// LastStep is the last time step (unix time / 30 s) a code was accepted
	// for: a code is accepted only for a later step, so none works twice.
	LastStep int64
	// RecoveryCodes holds the hashes of the recovery codes, RecoveryCodeCount
	// of them from enrolment; a used one is "".
	RecoveryCodes []string
}

// Enrolled reports whether the factor is active.
func (f TOTPFactor) Enrolled() bool { return f.Secret != "" }

// RecoveryCodesLeft counts the recovery codes not used yet.
func (f TOTPFactor) RecoveryCodesLeft() int {
	n := 0
	for _, h := range f.RecoveryCodes {
		if h != "" {
			n++
		}
	}
	return n
}

// RecoveryCodeCount is how many recovery codes an enrolment hands out.
const RecoveryCodeCount = 10

// MFAChallengeTTL is how long a sign-in that passed the password step may
// take to give its second factor.
const MFAChallengeTTL = 5 * time.Minute

// MFAThrottle slows down and locks wrong second-factor codes per user, as
// EmailThrottle does for passwords: a six-digit code must not be guessable
// by trying.
var MFAThrottle = EmailThrottle

// MFAChallenge is a sign-in waiting for its second factor. Only the hash of
// the challenge handed to the client is stored; it works once.
type MFAChallenge struct {
	Hash      string
	OrgID     string
	UserID    string
	ExpiresAt time.Time
}

// Valid reports whether the challenge may still be answered at now.
func (c MFAChallenge) Valid(now time.Time) bool { return now.Before(c.ExpiresAt) }

// OrgSecurity is an organisation's sign-in policy.
type OrgSecurity struct {
	// RequireMFAForAdmins makes every administrator (a user with an admin
	// role at any group) enrol a second factor before anything else.
	RequireMFAForAdmins bool
	Version             int64 // the ETag; 1 before it was first set
}

// HoldsAdmin reports whether grants include an admin role at any group.
func HoldsAdmin(grants []Grant) bool {
	return slices.ContainsFunc(grants, func(g Grant) bool { return g.Role == RoleAdmin })
}

// MustEnrolMFA reports whether u, signing in with the right password under
// the organisation's policy sec, gets a session that may only enrol a
// second factor: an administrator without an active factor while the
// policy requires one.
func MustEnrolMFA(u User, sec OrgSecurity) bool {
	return sec.RequireMFAForAdmins && !u.MFA.Enrolled() && HoldsAdmin(u.Grants)
}

// MFAStore keeps second factors, sign-in challenges and the policy.
type MFAStore interface {
	// StartTOTPEnrolment stores a pending secret, replacing a pending one.
	// Returns EConflict (mfa_enrolled) when a factor is active, ENotFound.
	StartTOTPEnrolment(ctx context.Context, orgID, userID, secret string, now time.Time) error
	// ConfirmTOTP makes the pending secret the active factor with its
	// recovery code hashes and first accepted step, with the audit event.
	// Returns EConflict (mfa_enrolment_changed) when the pending secret is
	// no longer pendingSecret or a factor is already active.
	ConfirmTOTP(ctx context.Context, orgID, userID, pendingSecret string, f TOTPFactor, audit AuditEvent) error
	// AcceptTOTPStep records step as used, on condition that the active
	// secret is still secret and no later or equal step was accepted.
	// Returns EConflict (mfa_code_used).
	AcceptTOTPStep(ctx context.Context, orgID, userID, secret string, step int64) error
	// UseRecoveryCode spends recovery code index, on condition that it is
	// still the one hashing to hash. Returns EConflict (mfa_code_used).
	UseRecoveryCode(ctx context.Context, orgID, userID string, index int, hash string) error
	// ResetMFA removes the factor (active or pending) and its recovery codes
	// of a user still at version, with the audit event. Returns EConflict
	// (user_changed).
	ResetMFA(ctx context.Context, orgID, userID string, version int64, audit AuditEvent) error
	// CreateMFAChallenge stores a challenge until it expires.
	CreateMFAChallenge(ctx context.Context, c MFAChallenge) error
	// MFAChallenge returns ENotFound for an unknown (or swept) challenge.
	MFAChallenge(ctx context.Context, hash string) (MFAChallenge, error)
	// ConsumeMFAChallenge deletes the challenge; ENotFound when it is gone
	// (answered already), so that it works once.
	ConsumeMFAChallenge(ctx context.Context, hash string) error
	// OrgSecurity reads the organisation's policy (the zero one when never set).
	OrgSecurity(ctx context.Context, orgID string) (OrgSecurity, error)
	// SetOrgSecurity writes the policy at sec.Version if the stored one is
	// still sec.Version-1, with the audit event. Returns EPreconditionFailed.
	SetOrgSecurity(ctx context.Context, orgID string, sec OrgSecurity, audit AuditEvent) error
}
