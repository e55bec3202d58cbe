package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/texts"
)

// sendTextsMargin is how much of the run's time SendTexts leaves unused, so
// that a text being sent when the time is up is recorded before Lambda
// stops the function.
const sendTextsMargin = 10 * time.Second

// SendTexts handles the SendTexts schedule: every text that is due (a first
// attempt left by a busy second, a retry after a refusal, a welcome text
// whose group has opened) is sent at the deployment's rate until the run's
// time is nearly up. Failed sends are recorded on their texts, so only a
// failure to read the queue fails the run.
func SendTexts(sender *texts.Sender, log *slog.Logger) func(context.Context, events.CloudWatchEvent) error {
	return func(ctx context.Context, ev events.CloudWatchEvent) error {
		sent, failed, waiting, err := sender.DeliverDue(ctx, sendTextsMargin)
		if err != nil {
			log.ErrorContext(ctx, "read the text queue", "eventId", ev.ID, "err", err)
			return err
		}
		log.InfoContext(ctx, "text run", "eventId", ev.ID, "sent", sent, "failed", failed, "waiting", waiting)
		return nil
	}
}

// RecordTextEvents handles AWS End User Messaging SMS's delivery events
// (EventBridge): each moves its text to delivered or failed. An event that
// cannot be applied yet returns an error, so that Lambda delivers it again
// and, after its retries, to the function's failure destination.
func RecordTextEvents(sender *texts.Sender, log *slog.Logger) func(context.Context, events.CloudWatchEvent) error {
	return func(ctx context.Context, ev events.CloudWatchEvent) error {
		if ev.Source != texts.EventSource || ev.DetailType != texts.EventDetailType {
			log.WarnContext(ctx, "not a text delivery event; ignored", "eventId", ev.ID, "source", ev.Source, "detailType", ev.DetailType)
			return nil
		}
		te, err := texts.ParseEvent(ev.Detail)
		if err != nil {
			log.ErrorContext(ctx, "unreadable delivery event; dropped", "eventId", ev.ID, "err", err)
			return nil // it will never be readable: a retry cannot help
		}
		if err := sender.Record(ctx, te); err != nil {
			return fmt.Errorf("record %s of text %s: %w", te.Type, te.Ref.ID, err)
		}
		return nil
	}
}
