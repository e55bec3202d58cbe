package jobs

import (
	"context"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"
)

// MailSender sends what is due in the outbox.
type MailSender interface {
	DeliverDue(ctx context.Context) (sent, failed int, err error)
}

// SendMail handles the SendMail schedule. Failed sends are already recorded
// for their next attempt, so only a failure to read the outbox fails the run.
func SendMail(sender MailSender, log *slog.Logger) func(context.Context, events.CloudWatchEvent) error {
	return func(ctx context.Context, ev events.CloudWatchEvent) error {
		sent, failed, err := sender.DeliverDue(ctx)
		if err != nil {
			log.ErrorContext(ctx, "read the outbox", "eventId", ev.ID, "err", err)
			return err
		}
		log.InfoContext(ctx, "outbox run", "eventId", ev.ID, "sent", sent, "failed", failed)
		return nil
	}
}
