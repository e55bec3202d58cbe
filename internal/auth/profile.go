package auth

import (
	"context"
	"fmt"

	"github.com/roster-app/roster/internal/roster"
)

// The changes a signed-in user makes to their own credentials ("My
// profile"). Each asks for the current password again, checked against
// the same failed sign-in counters as Login (an access token left on an
// unlocked screen must not be a way to guess the password), and each ends
// every other session of the user.

func invalidField(field, msg string) error {
	e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
	e.Fields = []roster.FieldError{{Field: field, Message: msg}}
	return e
}

// reauthenticate checks password against u's, throttled as a sign-in from
// sourceIP. field names the password in the request.
func (s *Service) reauthenticate(ctx context.Context, u roster.User, field, password, sourceIP string) error {
	if password == "" {
		return invalidField(field, "is required")
	}
	if len(password) > 4*roster.MaxPasswordLength {
		return invalidField(field, "is not your password")
	}
	emailKey, ipKey := emailThrottleKey(u.Email), "ip#"+sourceIP
	now := s.now()
	if err := s.checkThrottle(ctx, now, emailKey, ipKey); err != nil {
		return err
	}
	ok := false
	if u.PasswordHash != "" {
		var err error
		if ok, err = VerifyPassword(password, u.PasswordHash); err != nil {
			return fmt.Errorf("verify password of user %s: %w", u.ID, err)
		}
	}
	if !ok {
		s.recordFailure(ctx, now, emailKey, roster.EmailThrottle)
		s.recordFailure(ctx, now, ipKey, roster.IPThrottle)
		e := roster.WithReason(roster.EForbidden, "invalid_current_password", "the current password is wrong")
		e.Fields = []roster.FieldError{{Field: field, Message: "is not your current password"}}
		return e
	}
	if err := s.store.ClearSignInAttempts(ctx, emailKey); err != nil {
		s.log.WarnContext(ctx, "clear sign-in attempts", "err", err)
	}
	return nil
}

// self reads the caller's own user, who must be allowed to change it.
func (s *Service) self(ctx context.Context, c roster.Caller) (roster.User, error) {
	u, err := s.store.User(ctx, c.OrgID, c.UserID)
	if err != nil {
		return roster.User{}, err
	}
	return u, roster.CanEditProfile(u)
}

// ChangePassword sets the caller's password to next once current is
// checked, ends every session of the user (their refresh tokens stop at
// once, their access tokens at the authorizer) and starts a new one for
// the caller, whose tokens it returns.
// Returns EInvalid (currentPassword missing, newPassword weak), EForbidden
// (invalid_current_password, naming currentPassword), ETooManyRequests
// (too_many_attempts), EConflict (user_changed: the password changed
// meanwhile).
func (s *Service) ChangePassword(ctx context.Context, c roster.Caller, current, next string, client roster.Client) (Tokens, error) {
	u, err := s.self(ctx, c)
	if err != nil {
		return Tokens{}, err
	}
	if current == "" {
		return Tokens{}, invalidField("currentPassword", "is required")
	}
	if msg := roster.PasswordProblem(next, u.Email); msg != "" {
		return Tokens{}, invalidField("newPassword", msg)
	}
	if err := s.reauthenticate(ctx, u, "currentPassword", current, client.IP); err != nil {
		return Tokens{}, err
	}
	hash, err := HashPassword(next, s.argon)
	if err != nil {
		return Tokens{}, err
	}
	verified := u.PasswordHash
	for range 3 {
		now := s.now().UTC()
		changed := u
		changed.PasswordHash, changed.SessionsValidAfter, changed.UpdatedAt, changed.Version = hash, now, now, u.Version+1
		if r := u.PasswordReset; r != nil && r.TokenHash != "" {
			cleared := *r // a reset link already mailed must not undo this
			cleared.TokenHash = ""
			changed.PasswordReset = &cleared
		}
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: u.OrgID, ActorID: u.ID, Type: "user.password_changed", SubjectID: u.ID, At: now}
		err = s.store.UpdateUser(ctx, u, roster.UserChange{User: changed, Audit: audit}, nil)
		if err == nil {
			s.log.InfoContext(ctx, "password changed; every other session ended", "orgId", u.OrgID, "userId", u.ID)
			return s.startSession(ctx, changed, now, client)
		}
		if roster.ReasonOf(err) != "user_changed" {
			return Tokens{}, err
		}
		// Something else changed the user (a mail sent, an edit): write again
		// over it, unless it was the password, which was checked as it was.
		if u, err = s.self(ctx, c); err != nil {
			return Tokens{}, err
		}
		if u.PasswordHash != verified {
			break
		}
	}
	return Tokens{}, roster.WithReason(roster.EConflict, "user_changed", "your account changed while this request ran; try again")
}

// RequestEmailChange records the caller's wish to sign in with email from
// now on, once password is checked. Nothing else changes until the link
// mailed to the new address is used (ConfirmEmailChange); the old address
// is told at once. A newer request replaces an older one. It returns the
// pending change and the ids of the two queued mails, for the caller to
// send at once.
// Returns EInvalid (email malformed or already the caller's, password
// missing), EForbidden (invalid_current_password, naming password),
// ETooManyRequests (too_many_attempts), EConflict (email_taken).
func (s *Service) RequestEmailChange(ctx context.Context, c roster.Caller, email, password, sourceIP string) (roster.EmailChange, []string, error) {
	email, err := roster.NormaliseEmail(email)
	if err != nil {
		return roster.EmailChange{}, nil, invalidField("email", err.Error())
	}
	u, err := s.self(ctx, c)
	if err != nil {
		return roster.EmailChange{}, nil, err
	}
	if email == u.Email {
		return roster.EmailChange{}, nil, invalidField("email", "is already your email")
	}
	if err := s.reauthenticate(ctx, u, "password", password, sourceIP); err != nil {
		return roster.EmailChange{}, nil, err
	}
	taken := roster.WithReason(roster.EConflict, "email_taken", "a user with this email already exists")
	for range 3 {
		if _, err := s.store.UserByEmail(ctx, email); err == nil {
			return roster.EmailChange{}, nil, taken
		} else if roster.ErrorCodeOf(err) != roster.ENotFound {
			return roster.EmailChange{}, nil, err
		}
		now := s.now().UTC()
		pending := roster.EmailChange{Email: email, RequestedAt: now, ExpiresAt: now.Add(roster.EmailChangeTTL)}
		changed := u
		changed.PendingEmail, changed.Version = &pending, u.Version+1
		var mails []roster.OutboxMail
		var ids []string
		for _, m := range []struct {
			kind roster.MailKind
			data map[string]string
		}{{roster.MailEmailChangeConfirm, map[string]string{"new": email}}, {roster.MailEmailChangeRequested, map[string]string{"old": u.Email, "new": email}}} {
			mail := roster.OutboxMail{ID: roster.NewID(now), Kind: m.kind, OrgID: u.OrgID, UserID: u.ID, Data: m.data, NextAttemptAt: now, CreatedAt: now}
			mails, ids = append(mails, mail), append(ids, mail.ID)
		}
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: u.OrgID, ActorID: u.ID, Type: "user.email_change_requested", SubjectID: u.ID,
			Before: map[string]string{"email": u.Email}, After: map[string]string{"pendingEmail": email}, At: now}
		err = s.store.UpdateUser(ctx, u, roster.UserChange{User: changed, Audit: audit}, mails)
		if err == nil {
			return pending, ids, nil
		}
		if roster.ReasonOf(err) != "user_changed" {
			return roster.EmailChange{}, nil, err
		}
		if u, err = s.self(ctx, c); err != nil {
			return roster.EmailChange{}, nil, err
		}
	}
	return roster.EmailChange{}, nil, roster.WithReason(roster.EConflict, "user_changed", "your account changed while this request ran; try again")
}

// ConfirmEmailChange makes the new address of a pending change the user's
// email, from the link mailed to it: in one write the address's claim moves
// from the old one (which is free again) to the new one, the pending change
// is cleared and every session of the user ends; they sign in with the new
// address. It signs nobody in.
// Returns EInvalid (malformed token), EGone (email_change_expired;
// email_change_invalid: used, replaced or forged, or the user is no longer
// active), EConflict (email_taken: someone took the address meanwhile).
func (s *Service) ConfirmEmailChange(ctx context.Context, token string) error {
	t, ok := roster.ParseEmailChangeToken(token)
	if !ok {
		return invalidField("token", "is not an email confirmation token; copy the whole link from the email")
	}
	gone := roster.WithReason(roster.EGone, "email_change_invalid", "this confirmation link is no longer valid; ask for a new one in your profile")
	for range 3 {
		u, err := s.store.User(ctx, t.OrgID, t.UserID)
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			return gone
		} else if err != nil {
			return err
		}
		now := s.now().UTC()
		p := u.PendingEmail
		switch {
		case p == nil || !equalHash(HashToken(t.Secret), p.TokenHash):
			return gone
		case !now.Before(p.ExpiresAt):
			return roster.WithReason(roster.EGone, "email_change_expired", "this confirmation link has expired; ask for a new one in your profile")
		case !u.Status.MaySignIn():
			return gone
		}
		changed := u
		changed.Email, changed.PendingEmail, changed.SessionsValidAfter, changed.UpdatedAt, changed.Version = p.Email, nil, now, now, u.Version+1
		if r := u.PasswordReset; r != nil && r.TokenHash != "" {
			cleared := *r // a reset link mailed to the old address must stop working
			cleared.TokenHash = ""
			changed.PasswordReset = &cleared
		}
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: u.OrgID, ActorID: u.ID, Type: "user.email_changed", SubjectID: u.ID,
			Before: map[string]string{"email": u.Email}, After: map[string]string{"email": p.Email}, At: now}
		err = s.store.UpdateUser(ctx, u, roster.UserChange{User: changed, Audit: audit}, nil)
		if err == nil {
			s.log.InfoContext(ctx, "email changed; every session ended", "orgId", u.OrgID, "userId", u.ID)
			return nil
		}
		if roster.ReasonOf(err) != "user_changed" {
			return err // email_taken
		}
	}
	return roster.WithReason(roster.EConflict, "user_changed", "the account changed while this request ran; try again")
}
