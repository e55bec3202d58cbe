package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// VerifierStore is the read-only storage the authorizer needs.
type VerifierStore interface {
	roster.UserStore
	roster.SessionReader
}

// Verifier decides whether an access token lets its bearer in. It only
// reads, so the authorizer runs with read-only table access.
type Verifier struct {
	store  VerifierStore
	signer *Signer
	now    func() time.Time
}

// NewVerifier returns a Verifier.
func NewVerifier(store VerifierStore, signer *Signer) *Verifier {
	return &Verifier{store: store, signer: signer, now: time.Now}
}

// CursorKey is the key that seals orgID's list cursors (Signer.CursorKey).
func (v *Verifier) CursorKey(orgID string) []byte { return v.signer.CursorKey(orgID) }

// ErrNotAuthorized is returned by Authorize for every token that must not pass.
var ErrNotAuthorized = errors.New("not authorized")

// Authorize checks an access token and that its session and user still
// allow access, and returns the caller with their current grants (read from
// the user, not the token, so a change of roles applies at once).
// Returns ErrNotAuthorized (wrapped) for every refusal.
func (v *Verifier) Authorize(ctx context.Context, accessToken string) (roster.Caller, error) {
	claims, err := v.signer.Verify(accessToken)
	if err != nil {
		return roster.Caller{}, fmt.Errorf("%w: %v", ErrNotAuthorized, err)
	}
	sess, err := v.store.Session(ctx, claims.SessionID)
	if err != nil {
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			return roster.Caller{}, fmt.Errorf("%w: session not found", ErrNotAuthorized)
		}
		return roster.Caller{}, err
	}
	if !sess.Active(v.now()) || sess.UserID != claims.Subject || sess.OrgID != claims.OrgID {
		return roster.Caller{}, fmt.Errorf("%w: session ended", ErrNotAuthorized)
	}
	user, err := v.store.User(ctx, claims.OrgID, claims.Subject)
	if err != nil {
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			return roster.Caller{}, fmt.Errorf("%w: user not found", ErrNotAuthorized)
		}
		return roster.Caller{}, err
	}
	if !user.Status.MaySignIn() {
		return roster.Caller{}, fmt.Errorf("%w: user is %s", ErrNotAuthorized, user.Status)
	}
	if user.EndedSession(sess) {
		return roster.Caller{}, fmt.Errorf("%w: session ended with all of the user's (a password reset, an administrator)", ErrNotAuthorized)
	}
	if sess.MFAEnrolmentOnly && user.MFA.Enrolled() {
		// Enrolled since (the confirming session was ended and replaced):
		// a session begun with the password alone must not become a full one.
		return roster.Caller{}, fmt.Errorf("%w: enrolment-only session after enrolment", ErrNotAuthorized)
	}
	return roster.Caller{OrgID: user.OrgID, UserID: user.ID, SessionID: sess.ID, Grants: user.Grants,
		MFAEnrolmentOnly: sess.MFAEnrolmentOnly}, nil
}
