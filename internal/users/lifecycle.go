package users

import (
	"context"
	"fmt"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// CreditReader reads a user's credit account, which the lifecycle rules
// depend on. An account never used reads as zero.
type CreditReader interface {
	CreditAccount(ctx context.Context, orgID, account string) (roster.CreditAccount, error)
}

// LifecycleStore is what moving users through their lifecycle needs.
type LifecycleStore interface {
	ReadStore
	CreditReader
	// AdminGuard reads the admin guard and the count of active
	// organisation administrators, one consistent read.
	AdminGuard(ctx context.Context, orgID string) (roster.AdminCount, error)
	// ChangeUser and PurgeUser return EConflict (user_changed, admins_changed).
	ChangeUser(ctx context.Context, c roster.UserChange) error
	PurgeUser(ctx context.Context, u roster.User, adminGuard *int64, audit roster.AuditEvent) error
	// EndUserSessions ends every session u began before at, with one write
	// of u at u.Version and the audit event. Returns EConflict (user_changed).
	EndUserSessions(ctx context.Context, u roster.User, at time.Time, audit roster.AuditEvent) error
	roster.SessionLister
}

// ClaimReleaser releases the conversations a user claimed, so that others
// are told about the messages waiting there (conversations.Service).
// Running it again is harmless.
type ClaimReleaser interface {
	ReleaseClaims(ctx context.Context, orgID, userID string) error
}

// Lifecycle runs the user lifecycle: deactivate, activate, delete (soft or
// purge) and undelete.
type Lifecycle struct {
	*Reader
	store  LifecycleStore
	claims ClaimReleaser
}

// NewLifecycle returns a Lifecycle. claims is needed to deactivate, delete
// and purge; it may be nil where only activate, undelete or resend are used.
func NewLifecycle(store LifecycleStore, r *Reader, claims ClaimReleaser) *Lifecycle {
	return &Lifecycle{Reader: r, store: store, claims: claims}
}

// retry runs a read-check-write again when the user or the organisation's
// administrators changed under it: the rules are checked afresh.
func retry[T any](attempt func() (T, error)) (T, error) {
	var out T
	var err error
	for range 3 {
		out, err = attempt()
		if r := roster.ReasonOf(err); r != "user_changed" && r != "admins_changed" && r != "concurrent_update" {
			return out, err
		}
	}
	return out, err
}

// target reads a user c may act on. Returns ENotFound, EForbidden.
func (l *Lifecycle) target(ctx context.Context, c roster.Caller, id string) (roster.GroupTree, roster.User, error) {
	t, err := l.tree(ctx, c.OrgID)
	if err != nil {
		return t, roster.User{}, err
	}
	u, err := l.store.User(ctx, c.OrgID, id)
	if err != nil {
		return t, u, err
	}
	if !sees(c, t, u) {
		return t, u, roster.Errorf(roster.ENotFound, "user not found")
	}
	return t, u, roster.CanManageUser(c, t, u)
}

// guardLastAdmin returns the admin guard to write with a change that takes
// an active organisation administrator away, after checking one would remain.
// Nil when the change cannot remove an administrator.
func (l *Lifecycle) guardLastAdmin(ctx context.Context, t roster.GroupTree, u roster.User, to roster.UserStatus) (*int64, error) {
	if !roster.ReducesAdmins(u.Status, to) || !roster.IsOrgAdmin(u.Grants, t) {
		return nil, nil
	}
	// The guard and the count are read together; a change that lowers the
	// count moves the guard on, so a write made from a stale count fails.
	admins, err := l.store.AdminGuard(ctx, u.OrgID)
	if err != nil {
		return nil, err
	}
	if err := roster.CheckRemovesLastAdmin(u, t, admins.Active); err != nil {
		return nil, err
	}
	return &admins.Guard, nil
}

// Changed is a user after a lifecycle move, and the mail it queued.
type Changed struct {
	User roster.User
	Mail *roster.OutboxMail
}

// Apply moves user id by a. Doing what is already done changes nothing and
// succeeds. Activating a user who was never invited queues their invitation
// (a user with a password gets the welcome mail instead, and no invitation).
// A user holding credits is not deactivated (roster.CheckDeactivation).
// Returns ENotFound, EForbidden, EConflict (user_deleted, not_deleted,
// last_admin, unused_credits).
func (l *Lifecycle) Apply(ctx context.Context, c roster.Caller, id string, a roster.LifecycleAction) (Changed, error) {
	return retry(func() (Changed, error) {
		t, u, err := l.target(ctx, c, id)
		if err != nil {
			return Changed{}, err
		}
		next, err := roster.NextStatus(u.Status, a, u.StatusBefore, u.PasswordHash != "")
		if err != nil {
			return Changed{}, err
		}
		if next == u.Status {
			// Done before; release claims again in case that run stopped short.
			return Changed{User: u}, l.releaseClaims(ctx, u, a)
		}
		// A soft delete takes access away like a deactivation: the same
		// rule, or the credits would sit in an account nobody can use.
		emptyCredits := a == roster.Deactivate || a == roster.Delete
		if emptyCredits {
			acct, err := l.store.CreditAccount(ctx, u.OrgID, u.ID)
			if err != nil {
				return Changed{}, err
			}
			if err := roster.CheckDeactivation(acct); err != nil {
				return Changed{}, err
			}
		}
		guard, err := l.guardLastAdmin(ctx, t, u, next)
		if err != nil {
			return Changed{}, err
		}
		now := l.now().UTC()
		changed := u
		changed.Status, changed.Version, changed.UpdatedAt = next, u.Version+1, now
		switch a {
		case roster.Delete:
			changed.StatusBefore = u.Status
		case roster.Undelete:
			changed.StatusBefore = ""
		}
		var mail *roster.OutboxMail
		if a == roster.Activate && u.Invitation == nil {
			// First activation: the invitation, or for a user with a
			// password (never invited) the welcome mail without a link.
			kind := roster.MailWelcome
			if u.PasswordHash == "" {
				changed.Invitation, kind = &roster.Invitation{}, roster.MailInvitation
			}
			actor, err := l.store.User(ctx, c.OrgID, c.UserID)
			if err != nil {
				return Changed{}, err
			}
			mail = &roster.OutboxMail{ID: roster.NewID(now), Kind: kind, OrgID: c.OrgID, UserID: u.ID,
				ActorName: actor.DisplayName(), NextAttemptAt: now, CreatedAt: now}
		}
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: auditType[a],
			SubjectID: u.ID, At: now, Before: map[string]string{"status": string(u.Status)}, After: map[string]string{"status": string(next)}}
		if err := l.store.ChangeUser(ctx, roster.UserChange{User: changed, AdminGuard: guard, Mail: mail, Audit: audit, CreditsEmpty: emptyCredits,
			AdminsDelta: roster.AdminsDelta(u, changed, t)}); err != nil {
			return Changed{}, err
		}
		return Changed{User: changed, Mail: mail}, l.releaseClaims(ctx, changed, a)
	})
}

var auditType = map[roster.LifecycleAction]string{
	roster.Activate: "user.activated", roster.Deactivate: "user.deactivated",
	roster.Delete: "user.deleted", roster.Undelete: "user.undeleted",
}

// Purge removes user id for good and frees their email. Their claims are
// released first, so a purge that fails after that can be retried. A user
// who ever consumed credits, or holds some, is not purged (roster.CheckPurge).
// Returns ENotFound, EForbidden, EConflict (last_admin, credits_consumed,
// unused_credits).
func (l *Lifecycle) Purge(ctx context.Context, c roster.Caller, id string) error {
	_, err := retry(func() (struct{}, error) {
		t, u, err := l.target(ctx, c, id)
		if err != nil {
			return struct{}{}, err
		}
		acct, err := l.store.CreditAccount(ctx, u.OrgID, u.ID)
		if err != nil {
			return struct{}{}, err
		}
		if err := roster.CheckPurge(acct); err != nil {
			return struct{}{}, err
		}
		guard, err := l.guardLastAdmin(ctx, t, u, roster.UserDeleted)
		if err != nil {
			return struct{}{}, err
		}
		if err := l.release(ctx, u); err != nil {
			return struct{}{}, err
		}
		now := l.now().UTC()
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "user.purged", SubjectID: u.ID, At: now,
			Before: map[string]string{"email": u.Email, "status": string(u.Status), "firstName": u.FirstName, "lastName": u.LastName}}
		return struct{}{}, l.store.PurgeUser(ctx, u, guard, audit)
	})
	return err
}

// EndSessions ends every session of user id, however many: their refresh
// tokens stop at once, their access tokens at the authorizer (within its
// 30 s cache). Whoever may deactivate the user may do it; the user stays
// active and may sign in again. Audited as user.sessions_ended.
// Returns ENotFound, EForbidden.
func (l *Lifecycle) EndSessions(ctx context.Context, c roster.Caller, id string) error {
	_, err := retry(func() (struct{}, error) {
		_, u, err := l.target(ctx, c, id)
		if err != nil {
			return struct{}{}, err
		}
		now := l.now().UTC()
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "user.sessions_ended", SubjectID: u.ID, At: now}
		return struct{}{}, l.store.EndUserSessions(ctx, u, now, audit)
	})
	return err
}

// Sessions returns a page of user id's live sessions, newest first, and the
// next page's cursor, for whoever may end them (EndSessions).
// Returns ENotFound, EForbidden, EInvalid (field cursor).
func (l *Lifecycle) Sessions(ctx context.Context, c roster.Caller, id, after string, limit int) ([]roster.Session, string, error) {
	_, u, err := l.target(ctx, c, id)
	if err != nil {
		return nil, "", err
	}
	return l.store.UserSessions(ctx, u.OrgID, u.ID, roster.SessionQuery{
		ValidAfter: u.SessionsValidAfter, Now: l.now(), After: after, Limit: limit})
}

// releaseClaims frees the conversations of a user who was deactivated or
// deleted; the conversations and their messages stay.
func (l *Lifecycle) releaseClaims(ctx context.Context, u roster.User, a roster.LifecycleAction) error {
	if (a != roster.Deactivate && a != roster.Delete) || u.Status == roster.UserActive {
		return nil
	}
	return l.release(ctx, u)
}

func (l *Lifecycle) release(ctx context.Context, u roster.User) error {
	if l.claims == nil {
		return fmt.Errorf("lifecycle: no claim releaser to free the conversations of %s", u.ID)
	}
	return l.claims.ReleaseClaims(ctx, u.OrgID, u.ID)
}

// ResendInvitation queues the welcome mail again with a new link (the old
// one stops working when it is sent), at most a few times an hour.
// Returns ENotFound, EForbidden, EConflict (invitation_accepted,
// user_inactive), ETooManyRequests (too_many_resends).
func (l *Lifecycle) ResendInvitation(ctx context.Context, c roster.Caller, id string) (Changed, error) {
	return retry(func() (Changed, error) {
		_, u, err := l.target(ctx, c, id)
		if err != nil {
			return Changed{}, err
		}
		if u.Status != roster.UserInvited && u.Status != roster.UserActive {
			return Changed{}, roster.WithReason(roster.EConflict, "user_inactive", "the user is "+string(u.Status)+"; activate them to invite them")
		}
		now := l.now().UTC()
		inv := roster.Invitation{}
		if u.Invitation != nil {
			inv = *u.Invitation
		}
		next, err := inv.Resend(now)
		if err != nil {
			return Changed{}, err
		}
		actor, err := l.store.User(ctx, c.OrgID, c.UserID)
		if err != nil {
			return Changed{}, err
		}
		changed := u
		changed.Invitation, changed.Version, changed.UpdatedAt = &next, u.Version+1, now
		mail := &roster.OutboxMail{ID: roster.NewID(now), Kind: roster.MailInvitation, OrgID: c.OrgID, UserID: u.ID,
			ActorName: actor.FirstName + " " + actor.LastName, NextAttemptAt: now, CreatedAt: now}
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "user.invitation_resent", SubjectID: u.ID, At: now}
		if err := l.store.ChangeUser(ctx, roster.UserChange{User: changed, Mail: mail, Audit: audit}); err != nil {
			return Changed{}, err
		}
		return Changed{User: changed, Mail: mail}, nil
	})
}

// RevokeInvitation withdraws the invitation of user id that was not
// accepted: its link stops working at once, no reminder goes out, and the
// user keeps their status (a resend invites them again). version, when not
// 0, must be the user's (If-Match). Revoking a revoked invitation changes
// nothing and succeeds. Returns ENotFound, EForbidden, EConflict
// (not_invited, invitation_accepted), EPreconditionFailed (stale_version).
func (l *Lifecycle) RevokeInvitation(ctx context.Context, c roster.Caller, id string, version int64) (roster.User, error) {
	attempt := func() (roster.User, error) {
		_, u, err := l.target(ctx, c, id)
		if err != nil {
			return roster.User{}, err
		}
		if version != 0 && version != u.Version {
			return roster.User{}, staleUser()
		}
		now := l.now().UTC()
		next, err := u.Invitation.Revoke(now)
		if err != nil {
			return roster.User{}, err
		}
		if next.RevokedAt.Equal(u.Invitation.RevokedAt) {
			return u, nil // revoked before
		}
		changed := u
		changed.Invitation, changed.Version, changed.UpdatedAt = &next, u.Version+1, now
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "user.invitation_revoked", SubjectID: u.ID, At: now,
			Before: map[string]string{"invitation": string(u.Invitation.State(now).Shown())}, After: map[string]string{"invitation": string(roster.InvitationRevoked)}}
		if err := l.store.ChangeUser(ctx, roster.UserChange{User: changed, Audit: audit}); err != nil {
			return roster.User{}, err
		}
		return changed, nil
	}
	if version != 0 {
		// With If-Match a change meanwhile is the caller's to see, not to retry.
		u, err := attempt()
		if roster.ReasonOf(err) == "user_changed" {
			return u, staleUser()
		}
		return u, err
	}
	return retry(attempt)
}

func staleUser() error {
	return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the user changed since you read them; read them again and retry with their new ETag")
}
