package roster

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
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

	// Where it was started and last used, for the user's list of their
	// sessions. LastUsedAt moves with each refresh only: access tokens
	// used between refreshes (15 minutes each) are not counted.
	IP         string // the client's address at sign-in
	UserAgent  string // the User-Agent at sign-in, as Client cleaned it
	LastUsedAt time.Time
	LastIP     string

	// MFAEnrolmentOnly marks a session begun by an administrator who must
	// enrol a second factor first (roster.MustEnrolMFA); it allows nothing
	// else for as long as the user has no active factor.
	MFAEnrolmentOnly bool
}

// MaxUserAgentLength bounds a stored User-Agent, in bytes; browsers send
// 100 to 300.
const MaxUserAgentLength = 512

// Client is who started or used a session, as the request showed it.
type Client struct {
	IP        string
	UserAgent string
}

// NewClient keeps what a request says of its client in a form safe to
// store and show: control characters and bidirectional overrides dropped,
// invalid UTF-8 dropped, at most MaxUserAgentLength bytes of User-Agent
// (cut at a character boundary) and 64 of address.
func NewClient(ip, userAgent string) Client {
	return Client{IP: clip(clean(ip), 64), UserAgent: clip(strings.TrimSpace(clean(userAgent)), MaxUserAgentLength)}
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// clip cuts s to at most n bytes without splitting a character.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
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
	// CreateSession stores s and its entry in its user's list of sessions.
	CreateSession(ctx context.Context, s Session) error
	// RotateSession replaces s's current token hash with newHash, on
	// condition that it is still s.TokenHash and s is not revoked, and
	// records the use (at, from ip) in the user's list. Returns EConflict
	// when another rotation won or the session was revoked meanwhile.
	RotateSession(ctx context.Context, s Session, newHash string, at time.Time, ip string) error
	// RevokeSession marks session id of user userID in orgID revoked and
	// takes it off the user's list; revoking twice is not an error.
	// Returns ENotFound when that user has no such session.
	RevokeSession(ctx context.Context, orgID, userID, id string) error
}

// SessionQuery selects one page of a user's sessions, newest first.
type SessionQuery struct {
	// ValidAfter leaves out sessions begun before it (ended all at once:
	// User.SessionsValidAfter).
	ValidAfter time.Time
	// Now leaves out sessions expired at it.
	Now   time.Time
	After string // the cursor of the previous page
	Limit int
}

// SessionLister lists a user's sessions.
type SessionLister interface {
	// UserSessions returns up to q.Limit of the user's live sessions,
	// newest first, and the next page's cursor ("" on the last). Sessions
	// begun before this list existed are not in it. Returns EInvalid
	// (field cursor).
	UserSessions(ctx context.Context, orgID, userID string, q SessionQuery) ([]Session, string, error)
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
