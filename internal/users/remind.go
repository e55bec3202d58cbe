package users

import (
	"context"
	"log/slog"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// ReminderStore is what reminding needs.
type ReminderStore interface {
	InvitationsExpiring(ctx context.Context, from, to time.Time) ([][2]string, error)
	User(ctx context.Context, orgID, userID string) (roster.User, error)
	ChangeUser(ctx context.Context, c roster.UserChange) error
}

// QueueReminders queues one "your invitation expires soon" mail for every
// invited user whose sent, unaccepted invitation expires within a day of
// now, and returns them for sending. Each invitation is reminded once,
// however often this runs: the reminder is marked on the user in the same
// transaction as the mail is queued.
func QueueReminders(ctx context.Context, store ReminderStore, now time.Time, log *slog.Logger) ([]roster.OutboxMail, error) {
	now = now.UTC()
	due, err := store.InvitationsExpiring(ctx, now, now.Add(24*time.Hour))
	if err != nil {
		return nil, err
	}
	var queued []roster.OutboxMail
	for _, p := range due {
		u, err := store.User(ctx, p[0], p[1])
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			continue
		} else if err != nil {
			return queued, err
		}
		// Only users who cannot sign in yet: an active user with a password
		// set for them has no need of the link.
		if !u.Invitation.NeedsReminder(now) || u.Status != roster.UserInvited {
			continue
		}
		inv := *u.Invitation
		inv.RemindedAt = now
		changed := u
		changed.Invitation, changed.Version, changed.UpdatedAt = &inv, u.Version+1, now
		mail := roster.OutboxMail{ID: roster.NewID(now), Kind: roster.MailInvitationReminder, OrgID: u.OrgID, UserID: u.ID,
			NextAttemptAt: now, CreatedAt: now}
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: u.OrgID, ActorID: "system", Type: "user.invitation_reminded", SubjectID: u.ID, At: now}
		err = store.ChangeUser(ctx, roster.UserChange{User: changed, Mail: &mail, Audit: audit})
		if roster.ReasonOf(err) == "user_changed" {
			log.InfoContext(ctx, "user changed while reminding; the next run decides again", "userId", u.ID)
			continue
		} else if err != nil {
			return queued, err
		}
		queued = append(queued, mail)
	}
	return queued, nil
}
