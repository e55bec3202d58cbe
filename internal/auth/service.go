// Package auth signs users in: passwords (argon2id), access tokens (JWT,
// HS256 pinned), rotating refresh tokens stored only as hashes, and the
// throttling of failed sign-ins.
package auth

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// Store is what the sign-in service needs from storage.
type Store interface {
	roster.UserStore
	roster.SessionStore
	roster.SessionLister
	roster.SignInAttemptStore
	roster.MFAStore
	// AcceptInvitation returns EGone when the invitation no longer matches.
	// Empty names keep the stored ones.
	AcceptInvitation(ctx context.Context, orgID, userID, tokenHash, passwordHash string, names roster.AcceptNames, now time.Time) error
	// RequestPasswordReset returns EConflict (user_changed) when u changed since it was read.
	RequestPasswordReset(ctx context.Context, u roster.User, next roster.PasswordReset, mail roster.OutboxMail) error
	// ResetPassword returns EGone (reset_invalid) when the link no longer matches.
	ResetPassword(ctx context.Context, orgID, userID, tokenHash, passwordHash string, now time.Time, audit roster.AuditEvent) error
	// UpdateUser replaces a user edited from old (moving the email claim when
	// the address changed) with its mails and audit event, all or nothing.
	// Returns EConflict (user_changed, email_taken).
	UpdateUser(ctx context.Context, old roster.User, c roster.UserChange, mails []roster.OutboxMail) error
}

// Tokens is what a successful sign-in or refresh returns.
type Tokens struct {
	AccessToken  string `json:"accessToken"`
	RefreshToken string `json:"refreshToken"`
	ExpiresIn    int    `json:"expiresIn"` // seconds
	TokenType    string `json:"tokenType"`
}

// Service signs users in and out.
type Service struct {
	store      Store
	signer     *Signer
	argon      Argon2Params
	sessionTTL time.Duration
	now        func() time.Time
	dummyOnce  sync.Once
	dummyHash  string // verified against for unknown emails, so they cost the same time
	dummyErr   error
	log        *slog.Logger
}

// SessionTTL is how long a sign-in lasts before the user must enter their
// password again, however often the refresh token is rotated.
const SessionTTL = 30 * 24 * time.Hour

// AccessTokenTTL is how long an access token lives. Short, because the
// authorizer caches its decision and a token cannot be recalled.
const AccessTokenTTL = 15 * time.Minute

// NewService returns a sign-in service. argon is the cost of the dummy hash
// that unknown emails are checked against; it must match the cost real
// passwords are hashed with, or timing tells the two apart. signer may be
// nil for a service that signs nobody in (logout, password reset).
func NewService(store Store, signer *Signer, argon Argon2Params, log *slog.Logger) *Service {
	return &Service{store: store, signer: signer, argon: argon, sessionTTL: SessionTTL, now: time.Now, log: log}
}

func (s *Service) dummy() (string, error) {
	s.dummyOnce.Do(func() { s.dummyHash, s.dummyErr = HashPassword("not a password anyone has", s.argon) })
	return s.dummyHash, s.dummyErr
}

var errBadCredentials = roster.WithReason(roster.EUnauthorized, "invalid_credentials", "the email or password is wrong")

// Login checks an email and password and starts a session.
// Returns EUnauthorized (invalid_credentials) for an unknown email, a wrong
// password or a user who may not sign in, all alike; ETooManyRequests
// (too_many_attempts) while the email or the source IP is slowed or locked.
// client (its address and User-Agent) is recorded with the session.
func (s *Service) Login(ctx context.Context, email, password string, client roster.Client) (Tokens, error) {
	email, err := roster.NormaliseEmail(email)
	if err != nil || password == "" || len(password) > 4*roster.MaxPasswordLength {
		// Malformed input cannot match any account; answer as for a wrong password.
		return Tokens{}, errBadCredentials
	}
	emailKey, ipKey := emailThrottleKey(email), "ip#"+client.IP
	now := s.now()
	if err := s.checkThrottle(ctx, now, emailKey, ipKey); err != nil {
		return Tokens{}, err
	}
	user, err := s.store.UserByEmail(ctx, email)
	found := err == nil
	if err != nil && roster.ErrorCodeOf(err) != roster.ENotFound {
		return Tokens{}, err
	}
	hash, err := s.dummy()
	if err != nil {
		return Tokens{}, err
	}
	if found && user.PasswordHash != "" {
		hash = user.PasswordHash
	}
	ok, err := VerifyPassword(password, hash)
	if err != nil {
		return Tokens{}, fmt.Errorf("verify password of user %s: %w", user.ID, err)
	}
	if !found || !ok || !user.Status.MaySignIn() || user.PasswordHash == "" {
		s.recordFailure(ctx, now, emailKey, roster.EmailThrottle)
		s.recordFailure(ctx, now, ipKey, roster.IPThrottle)
		return Tokens{}, errBadCredentials
	}
	if err := s.store.ClearSignInAttempts(ctx, emailKey); err != nil {
		s.log.WarnContext(ctx, "clear sign-in attempts", "err", err)
	}
	if user.MFA.Enrolled() {
		return Tokens{}, s.secondFactorRequired(ctx, user, now) // mfa.go
	}
	return s.startSession(ctx, user, now, client)
}

func (s *Service) checkThrottle(ctx context.Context, now time.Time, emailKey, ipKey string) error {
	var wait time.Duration
	for _, k := range []struct {
		key    string
		policy roster.ThrottlePolicy
	}{{emailKey, roster.EmailThrottle}, {ipKey, roster.IPThrottle}} {
		a, err := s.store.SignInAttempts(ctx, k.key)
		if err != nil {
			return err
		}
		wait = max(wait, k.policy.Wait(a, now))
	}
	if wait > 0 {
		e := roster.WithReason(roster.ETooManyRequests, "too_many_attempts", "too many failed sign-ins; try again later")
		e.RetryAfter = wait
		return e
	}
	return nil
}

// recordFailure counts a failed attempt. A lost race is retried, because
// under a password-guessing burst every failure must count.
func (s *Service) recordFailure(ctx context.Context, now time.Time, key string, p roster.ThrottlePolicy) {
	for range 5 {
		a, err := s.store.SignInAttempts(ctx, key)
		if err == nil {
			next, expires := p.Fail(a, now)
			err = s.store.SaveSignInAttempts(ctx, key, next, expires)
			if err == nil {
				return
			}
		}
		if roster.ErrorCodeOf(err) != roster.EConflict {
			s.log.ErrorContext(ctx, "record failed sign-in", "err", err)
			return
		}
	}
	s.log.WarnContext(ctx, "record failed sign-in: gave up after repeated conflicts")
}

func (s *Service) startSession(ctx context.Context, user roster.User, now time.Time, client roster.Client) (Tokens, error) {
	secret, err := RandomToken(32)
	if err != nil {
		return Tokens{}, err
	}
	sess := roster.Session{
		ID:        roster.NewID(now),
		OrgID:     user.OrgID,
		UserID:    user.ID,
		TokenHash: HashToken(secret),
		CreatedAt: now,
		ExpiresAt: now.Add(s.sessionTTL),
		IP:        client.IP,
		UserAgent: client.UserAgent,
	}
	if sess.MFAEnrolmentOnly, err = s.mustEnrol(ctx, user); err != nil { // mfa.go
		return Tokens{}, err
	}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return Tokens{}, err
	}
	return s.tokens(sess, secret)
}

func (s *Service) tokens(sess roster.Session, secret string) (Tokens, error) {
	access, err := s.signer.Issue(sess.OrgID, sess.UserID, sess.ID)
	if err != nil {
		return Tokens{}, err
	}
	return Tokens{
		AccessToken:  access,
		RefreshToken: formatRefreshToken(sess.ID, secret),
		ExpiresIn:    int(s.signer.TTL().Seconds()),
		TokenType:    "Bearer",
	}, nil
}

var errBadRefresh = roster.WithReason(roster.EUnauthorized, "invalid_refresh_token", "the refresh token is not valid; sign in again")

// Refresh exchanges a refresh token for a new access token and a new refresh
// token; the old one stops working. Presenting a refresh token that was
// already rotated away is taken as theft: the whole session is revoked
// (refresh token reuse detection, as Auth0 and Okta do it). The use, and
// client's address, are recorded in the user's list of sessions.
// Returns EUnauthorized (invalid_refresh_token).
func (s *Service) Refresh(ctx context.Context, refreshToken string, client roster.Client) (Tokens, error) {
	id, secret, ok := parseRefreshToken(refreshToken)
	if !ok {
		return Tokens{}, errBadRefresh
	}
	now := s.now()
	sess, err := s.store.Session(ctx, id)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return Tokens{}, errBadRefresh
	} else if err != nil {
		return Tokens{}, err
	}
	hash := HashToken(secret)
	if !sess.Active(now) {
		return Tokens{}, errBadRefresh
	}
	if !equalHash(hash, sess.TokenHash) {
		if equalHash(hash, sess.PrevTokenHash) {
			s.log.WarnContext(ctx, "rotated refresh token presented again; revoking session", "orgId", sess.OrgID, "userId", sess.UserID, "sessionId", sess.ID)
			if err := s.store.RevokeSession(ctx, sess.OrgID, sess.UserID, sess.ID); err != nil {
				return Tokens{}, err
			}
		}
		return Tokens{}, errBadRefresh
	}
	user, err := s.store.User(ctx, sess.OrgID, sess.UserID)
	if err != nil {
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			return Tokens{}, errBadRefresh
		}
		return Tokens{}, err
	}
	if !user.Status.MaySignIn() || user.EndedSession(sess) {
		return Tokens{}, errBadRefresh
	}
	if sess.MFAEnrolmentOnly && user.MFA.Enrolled() {
		return Tokens{}, errBadRefresh // signed in with the password alone; the factor now asks for more (mfa.go)
	}
	newSecret, err := RandomToken(32)
	if err != nil {
		return Tokens{}, err
	}
	if err := s.store.RotateSession(ctx, sess, HashToken(newSecret), now, client.IP); err != nil {
		if roster.ErrorCodeOf(err) == roster.EConflict {
			return Tokens{}, errBadRefresh // a concurrent refresh with the same token won
		}
		return Tokens{}, err
	}
	return s.tokens(sess, newSecret)
}

// Logout revokes the session a refresh token belongs to. An unknown or
// malformed token is not an error: the outcome the caller wants holds.
// A token that does not match its session revokes nothing.
func (s *Service) Logout(ctx context.Context, refreshToken string) error {
	id, secret, ok := parseRefreshToken(refreshToken)
	if !ok {
		return nil
	}
	sess, err := s.store.Session(ctx, id)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return nil
	} else if err != nil {
		return err
	}
	if !equalHash(HashToken(secret), sess.TokenHash) {
		return nil
	}
	err = s.store.RevokeSession(ctx, sess.OrgID, sess.UserID, id)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return nil
	}
	return err
}

func equalHash(a, b string) bool {
	return len(a) == len(b) && a != "" && subtleEqual(a, b)
}

// AcceptInvitation finishes a user's set-up from their invitation link: it
// sets the password they chose and the names they give (each required while
// the user has none: they may have been invited by email alone), makes them
// active and signs them in. The link works once and for InvitationTTL.
// Returns EInvalid (malformed token, weak password, a missing or bad name),
// EGone (invitation_expired, invitation_used, invitation_revoked,
// invitation_invalid: replaced by a newer link, or the user was removed).
// client is recorded with the session, as for Login.
func (s *Service) AcceptInvitation(ctx context.Context, token, password string, names roster.AcceptNames, client roster.Client) (Tokens, error) {
	t, ok := roster.ParseInvitationToken(token)
	if !ok {
		e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
		e.Fields = []roster.FieldError{{Field: "token", Message: "is not an invitation token; copy the whole link from the email"}}
		return Tokens{}, e
	}
	gone := roster.WithReason(roster.EGone, "invitation_invalid", "this invitation link is no longer valid; ask for a new one")
	u, err := s.store.User(ctx, t.OrgID, t.UserID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return Tokens{}, gone
	} else if err != nil {
		return Tokens{}, err
	}
	now := s.now()
	inv := u.Invitation
	switch {
	case inv == nil || inv.TokenHash == "" || !equalHash(HashToken(t.Secret), inv.TokenHash):
		return Tokens{}, gone
	case !inv.AcceptedAt.IsZero():
		return Tokens{}, roster.WithReason(roster.EGone, "invitation_used", "this invitation was already used; sign in, or reset your password")
	case !inv.RevokedAt.IsZero():
		return Tokens{}, roster.WithReason(roster.EGone, "invitation_revoked", "this invitation was withdrawn; ask your administrator to invite you again")
	case !now.Before(inv.ExpiresAt):
		return Tokens{}, roster.WithReason(roster.EGone, "invitation_expired", "this invitation has expired; ask for a new one")
	case u.Status != roster.UserInvited && u.Status != roster.UserActive:
		return Tokens{}, gone
	}
	if err := roster.ValidateAccept(u, &names, password); err != nil {
		return Tokens{}, err
	}
	hash, err := HashPassword(password, s.argon)
	if err != nil {
		return Tokens{}, err
	}
	if err := s.store.AcceptInvitation(ctx, u.OrgID, u.ID, inv.TokenHash, hash, names, now); err != nil {
		return Tokens{}, err // EGone: a concurrent accept, a revocation or a new link won
	}
	u.Status = roster.UserActive
	if u.MFA.Enrolled() {
		return Tokens{}, s.secondFactorRequired(ctx, u, now) // the link proves the mailbox, not the second factor
	}
	return s.startSession(ctx, u, now, client)
}
