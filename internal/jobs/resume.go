package jobs

import (
	"context"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"
)

// ImportResumer restarts contact imports whose worker stopped.
type ImportResumer interface {
	Run(ctx context.Context) (int, error)
}

// ResumeImports handles the ResumeImports schedule.
func ResumeImports(r ImportResumer, log *slog.Logger) func(context.Context, events.CloudWatchEvent) error {
	return func(ctx context.Context, ev events.CloudWatchEvent) error {
		n, err := r.Run(ctx)
		if err != nil {
			log.ErrorContext(ctx, "resume imports", "eventId", ev.ID, "restarted", n, "err", err)
			return err
		}
		log.InfoContext(ctx, "resume imports", "eventId", ev.ID, "restarted", n)
		return nil
	}
}
