package roster

import (
	"context"
	"time"
)

// Caller is the authenticated principal of a request, as the authorizer
// established it. Handlers take the organisation from here, never from input,
// which is what keeps tenants apart.
type Caller struct {
	OrgID     string
	UserID    string
	SessionID string
	Grants    []Grant
	// MFAEnrolmentOnly is set while the caller's session may only enrol a
	// second factor (the organisation requires one of administrators and
	// they have none yet): api.handle refuses every other operation.
	MFAEnrolmentOnly bool
}

// Session is one sign-in: it lives as long as its refresh token chain.
// Only hashes of refresh tokens are stored.
type Session struct {
	ID            string
	OrgID         string
	UserID        string
	TokenHash     string // hash of the current refresh token secret
	PrevTokenHash string // hash of the one before, to detect replay of a rotated token
	Rotations     int64
	Revoked       bool
	CreatedAt     time.Time
	ExpiresAt     time.Time // absolute; rotation does not extend it
	// MFAEnrolmentOnly marks a session begun by an administrator who must
	// enrol a second factor first (roster.MustEnrolMFA); it allows nothing
	// else for as long as the user has no active factor.
	MFAEnrolmentOnly bool
}

// Active reports whether the session may still be used at now.
func (s Session) Active(now time.Time) bool {
	return !s.Revoked && now.Before(s.ExpiresAt)
}

// OrganisationStore keeps organisations and their root structure.
type OrganisationStore interface {
	// CreateOrganisation writes the organisation, its root group, its first
	// administrator, the administrator's email claim and their invitation
	// mail (when given) in one transaction.
	// Returns EConflict (reason email_taken) when the email is in use.
	CreateOrganisation(ctx context.Context, org Organisation, root Group, admin User, invitation *OutboxMail) error
	// Organisation returns ENotFound when there is no such organisation.
	Organisation(ctx context.Context, orgID string) (Organisation, error)
}

// UserStore reads users.
type UserStore interface {
	// User returns ENotFound when the user does not exist in that organisation.
	User(ctx context.Context, orgID, userID string) (User, error)
	// UserByEmail looks a normalised email up across the deployment.
	// Returns ENotFound when no user has it.
	UserByEmail(ctx context.Context, email string) (User, error)
}

// SessionReader reads sessions.
type SessionReader interface {
	// Session returns ENotFound when there is no such session.
	Session(ctx context.Context, id string) (Session, error)
}

// SessionStore keeps sessions.
type SessionStore interface {
	SessionReader
	CreateSession(ctx context.Context, s Session) error
	// RotateSession replaces the current token hash, on condition that it is
	// still oldHash. Returns EConflict when another rotation won.
	RotateSession(ctx context.Context, id, oldHash, newHash string) error
	// RevokeSession marks the session revoked; revoking twice is not an error.
	// Returns ENotFound when there is no such session.
	RevokeSession(ctx context.Context, id string) error
}

// SignInAttemptStore keeps failed sign-in counters.
type SignInAttemptStore interface {
	// SignInAttempts returns the counter for key, or a zero counter.
	SignInAttempts(ctx context.Context, key string) (SignInAttempts, error)
	// SaveSignInAttempts writes a, on condition that the stored version is
	// still a.Version-1. Returns EConflict when a concurrent attempt won.
	SaveSignInAttempts(ctx context.Context, key string, a SignInAttempts, expires time.Time) error
	// ClearSignInAttempts forgets the counter.
	ClearSignInAttempts(ctx context.Context, key string) error
}
