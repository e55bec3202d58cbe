package users

import (
	"context"
	"fmt"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// EditStore is what editing users needs.
type EditStore interface {
	LifecycleStore
	Organisation(ctx context.Context, orgID string) (roster.Organisation, error)
	// UpdateUser returns EConflict (user_changed, email_taken, group_gone, admins_changed).
	UpdateUser(ctx context.Context, old roster.User, c roster.UserChange, mails []roster.OutboxMail) error
}

// Editor edits users.
type Editor struct {
	*Lifecycle
	store EditStore
	phone func(raw, region string) (string, error)
}

// NewEditor returns an Editor. phone normalises cell phones to E.164.
func NewEditor(store EditStore, phone func(raw, region string) (string, error), l *Lifecycle) *Editor {
	return &Editor{Lifecycle: l, store: store, phone: phone}
}

// Edited is a user after an edit and the mail it queued.
type Edited struct {
	User  roster.User
	Mails []roster.OutboxMail
}

// Update edits user id at version ifMatch: names, email (the old and the new
// address are both told), phone, titles and roles (checked by the rules; the
// last organisation administrator keeps admin at the root). Returns EInvalid,
// ENotFound, EForbidden, EPreconditionFailed, EConflict (email_taken,
// group_gone, user_deleted, last_admin).
func (e *Editor) Update(ctx context.Context, c roster.Caller, id string, in roster.UpdateUserInput, ifMatch int64) (Edited, error) {
	org, err := e.store.Organisation(ctx, c.OrgID)
	if err != nil {
		return Edited{}, err
	}
	if err := roster.ValidateUpdateUser(&in, func(raw string) (string, error) { return e.phone(raw, org.DefaultRegion) }); err != nil {
		return Edited{}, err
	}
	return retry(func() (Edited, error) {
		t, u, err := e.target(ctx, c, id)
		if err != nil {
			return Edited{}, err
		}
		if u.Version != ifMatch {
			return Edited{}, roster.WithReason(roster.EPreconditionFailed, "stale_version", "the user changed since you read them; read them again and retry with the new ETag")
		}
		if u.Status == roster.UserDeleted {
			return Edited{}, roster.WithReason(roster.EConflict, "user_deleted", "the user is deleted; undelete them first")
		}
		changed, before, after := in.Apply(u)
		if len(after) == 0 && len(before) == 0 {
			return Edited{User: u}, nil
		}
		var guard *int64
		if in.Roles != nil && before["roles"] != "" {
			for i, g := range *in.Roles {
				if _, ok := t.Group(g.GroupID); !ok || !roster.Allowed(c, t, roster.ActViewGroups, g.GroupID) {
					return Edited{}, withField(roster.WithReason(roster.EInvalid, "validation_failed", "no such group"), fmt.Sprintf("roles[%d]", i))
				}
			}
			admins, err := e.store.AdminGuard(ctx, c.OrgID)
			if err != nil {
				return Edited{}, err
			}
			if err := roster.CanSetGrants(c, t, u, changed.Grants, admins.Active); err != nil {
				return Edited{}, err
			}
			guard = &admins.Guard
		}
		now := e.now().UTC()
		changed.Version, changed.UpdatedAt = u.Version+1, now
		var mails []roster.OutboxMail
		if changed.Email != u.Email {
			// The link mailed to the old address must stop working; a user
			// who cannot sign in yet gets a fresh one at the new address.
			pending := u.Invitation != nil && u.Invitation.AcceptedAt.IsZero() && u.Invitation.RevokedAt.IsZero()
			reinvite := pending && u.Status == roster.UserInvited
			if pending {
				inv := *u.Invitation
				inv.TokenHash = ""
				if reinvite {
					inv.SentAt = time.Time{} // queued until the new mail goes out
				}
				changed.Invitation = &inv
			}
			if r := u.PasswordReset; r != nil {
				// A reset link mailed to the old address must stop working.
				cleared := *r
				cleared.TokenHash = ""
				changed.PasswordReset = &cleared
			}
			actor, err := e.store.User(ctx, c.OrgID, c.UserID)
			if err != nil {
				return Edited{}, err
			}
			data := map[string]string{"old": u.Email, "new": changed.Email}
			for _, kind := range []roster.MailKind{roster.MailEmailChangedOld, roster.MailEmailChangedNew} {
				mails = append(mails, roster.OutboxMail{ID: roster.NewID(now), Kind: kind, OrgID: c.OrgID, UserID: u.ID,
					ActorName: actor.FirstName + " " + actor.LastName, Data: data, NextAttemptAt: now, CreatedAt: now})
			}
			if reinvite {
				mails = append(mails, roster.OutboxMail{ID: roster.NewID(now), Kind: roster.MailInvitation, OrgID: c.OrgID, UserID: u.ID,
					ActorName: actor.FirstName + " " + actor.LastName, NextAttemptAt: now, CreatedAt: now})
			}
		}
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "user.updated",
			SubjectID: u.ID, Before: before, After: after, At: now}
		if err := e.store.UpdateUser(ctx, u, roster.UserChange{User: changed, AdminGuard: guard, Audit: audit,
			AdminsDelta: roster.AdminsDelta(u, changed, t)}, mails); err != nil {
			if roster.ReasonOf(err) == "user_changed" {
				return Edited{}, roster.WithReason(roster.EPreconditionFailed, "stale_version", "the user changed while this request ran; read them again and retry")
			}
			return Edited{}, err
		}
		return Edited{User: changed, Mails: mails}, nil
	})
}
