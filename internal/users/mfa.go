package users

import (
	"context"

	"github.com/roster-app/roster/internal/roster"
)

// MFAResetStore is what resetting a user's second factor needs.
type MFAResetStore interface {
	ReadStore
	// ResetMFA returns EConflict (user_changed).
	ResetMFA(ctx context.Context, orgID, userID string, version int64, audit roster.AuditEvent) error
}

// MFAReset lets an administrator or manager remove another user's second
// factor (a lost phone): they then sign in with their password alone, or
// are asked to enrol again where the organisation requires it.
type MFAReset struct {
	*Reader
	store MFAResetStore
}

// NewMFAReset returns an MFAReset.
func NewMFAReset(store MFAResetStore, r *Reader) *MFAReset { return &MFAReset{Reader: r, store: store} }

// Reset removes the second factor and recovery codes of user id, under the
// rules for editing that user (roster.CanManageUser: never oneself), and
// audits it. A user without a factor is left as is.
// Returns ENotFound, EForbidden, EConflict (user_changed).
func (m *MFAReset) Reset(ctx context.Context, c roster.Caller, id string) error {
	_, err := retry(func() (struct{}, error) {
		t, err := m.tree(ctx, c.OrgID)
		if err != nil {
			return struct{}{}, err
		}
		u, err := m.store.User(ctx, c.OrgID, id)
		if err != nil {
			return struct{}{}, err
		}
		if !sees(c, t, u) {
			return struct{}{}, roster.Errorf(roster.ENotFound, "user not found")
		}
		if err := roster.CanManageUser(c, t, u); err != nil {
			return struct{}{}, err
		}
		if !u.MFA.Enrolled() && u.MFA.PendingSecret == "" {
			return struct{}{}, nil
		}
		now := m.now()
		before := "pending"
		if u.MFA.Enrolled() {
			before = "totp"
		}
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "user.mfa_reset", SubjectID: u.ID, At: now,
			Before: map[string]string{"mfa": before}, After: map[string]string{"mfa": "none"}}
		return struct{}{}, m.store.ResetMFA(ctx, c.OrgID, u.ID, u.Version, audit)
	})
	return err
}
