package jobs

import (
	"context"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/conversations"
)

// WaitingNotifier emails users about messages left waiting.
type WaitingNotifier interface {
	Run(ctx context.Context) (conversations.RunStats, error)
}

// NotifyWaitingMessages handles the every-minute schedule. Items that fail
// are left for the next run; only a failure to read the due items fails it.
func NotifyWaitingMessages(n WaitingNotifier, log *slog.Logger) func(context.Context, events.CloudWatchEvent) error {
	return func(ctx context.Context, ev events.CloudWatchEvent) error {
		st, err := n.Run(ctx)
		if err != nil {
			log.ErrorContext(ctx, "notify waiting messages", "eventId", ev.ID, "err", err)
			return err
		}
		log.InfoContext(ctx, "notifier run", "eventId", ev.ID, "minutes", st.Minutes, "due", st.Due, "queued", st.Queued,
			"dropped", st.Dropped, "sent", st.Sent, "failed", st.Failed)
		return nil
	}
}
