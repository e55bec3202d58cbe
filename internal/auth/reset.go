package auth

import (
	"context"

	"github.com/roster-app/roster/internal/roster"
)

// ForgotPassword queues the mail that lets the owner of email back in, when
// there is one to send: a reset link for an active user, the invitation
// again for a user who never finished setting up; nothing for an unknown,
// deactivated or deleted address, nor once the user had MaxResetMails within
// the hour. Which of these happened must not reach the caller, who answers
// alike in every case. It returns the id of the queued mail, for the caller
// to send at once; "" when none was queued.
// Returns EInvalid for input that is not an email address at all (which
// says nothing about who has an account); any other error is internal.
func (s *Service) ForgotPassword(ctx context.Context, email string) (mailID string, err error) {
	email, err = roster.NormaliseEmail(email)
	if err != nil {
		e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
		e.Fields = []roster.FieldError{{Field: "email", Message: err.Error()}}
		return "", e
	}
	// A concurrent change of the user (another request, an administrator, a
	// mail being sent) makes the write fail; decide again on a fresh read.
	for range 3 {
		mailID, err = s.requestReset(ctx, email)
		if roster.ReasonOf(err) != "user_changed" {
			return mailID, err
		}
	}
	return "", err
}

func (s *Service) requestReset(ctx context.Context, email string) (string, error) {
	u, err := s.store.UserByEmail(ctx, email)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return "", nil
	} else if err != nil {
		return "", err
	}
	var kind roster.MailKind
	switch {
	case u.Status == roster.UserActive:
		kind = roster.MailPasswordReset
	case u.Status == roster.UserInvited && u.Invitation != nil && u.Invitation.AcceptedAt.IsZero() && u.Invitation.RevokedAt.IsZero():
		kind = roster.MailInvitation // they have no password to reset yet; a revoked invitation stays revoked
	default:
		return "", nil
	}
	now := s.now().UTC()
	next, ok := u.PasswordReset.Request(now)
	if !ok {
		s.log.InfoContext(ctx, "password reset mail withheld: too many this hour", "orgId", u.OrgID, "userId", u.ID)
		return "", nil
	}
	mail := roster.OutboxMail{ID: roster.NewID(now), Kind: kind, OrgID: u.OrgID, UserID: u.ID, NextAttemptAt: now, CreatedAt: now}
	if err := s.store.RequestPasswordReset(ctx, u, next, mail); err != nil {
		return "", err
	}
	return mail.ID, nil
}

// ResetPassword sets a new password from a reset link and ends every
// session of the user: their refresh tokens stop working at once, their
// access tokens at the authorizer. It signs nobody in. A link works once,
// for PasswordResetTTL, and only the newest link of a user works.
// Returns EInvalid (malformed token, weak password), EGone (reset_expired;
// reset_invalid: used, replaced or forged, or the user is no longer active).
func (s *Service) ResetPassword(ctx context.Context, token, password string) error {
	t, ok := roster.ParseResetToken(token)
	if !ok {
		e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
		e.Fields = []roster.FieldError{{Field: "token", Message: "is not a reset token; copy the whole link from the email"}}
		return e
	}
	gone := roster.WithReason(roster.EGone, "reset_invalid", "this reset link is no longer valid; ask for a new one")
	u, err := s.store.User(ctx, t.OrgID, t.UserID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return gone
	} else if err != nil {
		return err
	}
	now := s.now().UTC()
	r := u.PasswordReset
	switch {
	case r == nil || !equalHash(HashToken(t.Secret), r.TokenHash):
		return gone
	case !now.Before(r.ExpiresAt):
		return roster.WithReason(roster.EGone, "reset_expired", "this reset link has expired; ask for a new one")
	case u.Status != roster.UserActive:
		return gone
	}
	if msg := roster.PasswordProblem(password, u.Email); msg != "" {
		e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
		e.Fields = []roster.FieldError{{Field: "password", Message: msg}}
		return e
	}
	hash, err := HashPassword(password, s.argon)
	if err != nil {
		return err
	}
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: u.OrgID, ActorID: u.ID, Type: "user.password_reset", SubjectID: u.ID, At: now}
	if err := s.store.ResetPassword(ctx, u.OrgID, u.ID, r.TokenHash, hash, now, audit); err != nil {
		return err // EGone: a concurrent reset or a newer link won
	}
	// Whoever was locking the account out by guessing no longer stands
	// between its owner and the new password.
	if err := s.store.ClearSignInAttempts(ctx, emailThrottleKey(u.Email)); err != nil {
		s.log.WarnContext(ctx, "clear sign-in attempts after a password reset", "err", err)
	}
	s.log.InfoContext(ctx, "password reset; every session ended", "orgId", u.OrgID, "userId", u.ID)
	return nil
}

// emailThrottleKey is the failed sign-in counter of an email; hashed, so a
// table export does not list every address anyone tried.
func emailThrottleKey(email string) string { return "email#" + HashToken(email) }
