package users

import (
	"context"

	"github.com/roster-app/roster/internal/roster"
)

// UpdateProfile edits the caller's own names, job title and cell phone
// ("My profile") at version ifMatch. What only an administrator changes
// (email, roles, internal title, status) is refused, naming the field; the
// email has its own route with a confirmation. Returns EInvalid, ENotFound,
// EForbidden (not_active), EPreconditionFailed (stale_version).
func (e *Editor) UpdateProfile(ctx context.Context, c roster.Caller, in roster.ProfileInput, ifMatch int64) (roster.User, error) {
	org, err := e.store.Organisation(ctx, c.OrgID)
	if err != nil {
		return roster.User{}, err
	}
	edit, err := roster.ValidateProfile(in, func(raw string) (string, error) { return e.phone(raw, org.DefaultRegion) })
	if err != nil {
		return roster.User{}, err
	}
	stale := roster.WithReason(roster.EPreconditionFailed, "stale_version", "your profile changed since you read it; read it again and retry with the new ETag")
	u, err := e.store.User(ctx, c.OrgID, c.UserID)
	if err != nil {
		return roster.User{}, err
	}
	if err := roster.CanEditProfile(u); err != nil {
		return roster.User{}, err
	}
	if u.Version != ifMatch {
		return roster.User{}, stale
	}
	changed, before, after := edit.Apply(u)
	if len(after) == 0 && len(before) == 0 {
		return u, nil
	}
	now := e.now().UTC()
	changed.Version, changed.UpdatedAt = u.Version+1, now
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "user.updated",
		SubjectID: u.ID, Before: before, After: after, At: now}
	if err := e.store.UpdateUser(ctx, u, roster.UserChange{User: changed, Audit: audit}, nil); err != nil {
		if roster.ReasonOf(err) == "user_changed" {
			return roster.User{}, stale
		}
		return roster.User{}, err
	}
	return changed, nil
}
