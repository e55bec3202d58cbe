package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/users"
)

// RemindInvitations handles the daily schedule: reminders for invitations
// that expire within a day, queued and then sent (failed sends are retried
// by the SendMail schedule).
func RemindInvitations(store users.ReminderStore, sender *outbox.Sender, log *slog.Logger, now func() time.Time) func(context.Context, events.CloudWatchEvent) error {
	return func(ctx context.Context, ev events.CloudWatchEvent) error {
		queued, err := users.QueueReminders(ctx, store, now(), log)
		sent := 0
		for _, m := range queued {
			if derr := sender.Deliver(ctx, m.ID); derr == nil {
				sent++
			}
		}
		if err != nil {
			log.ErrorContext(ctx, "queue invitation reminders", "eventId", ev.ID, "queued", len(queued), "err", err)
			return err
		}
		log.InfoContext(ctx, "invitation reminders", "eventId", ev.ID, "queued", len(queued), "sent", sent)
		return nil
	}
}
