// Package jobs holds the handlers of scheduled (EventBridge) functions.
package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// Sweeper deletes expired items and ends stalled exports.
type Sweeper interface {
	SweepExpired(ctx context.Context, now time.Time) (int, error)
	ExportEnder
}

// SweepExpired handles the hourly schedule: it deletes sessions and sign-in
// counters past their expiry, and ends failed the exports no worker will
// finish (EndStalledExports).
func SweepExpired(store Sweeper, log *slog.Logger, now func() time.Time) func(context.Context, events.CloudWatchEvent) error {
	return func(ctx context.Context, ev events.CloudWatchEvent) error {
		start := now()
		n, err := store.SweepExpired(ctx, start)
		if err != nil {
			log.ErrorContext(ctx, "sweep expired items", "eventId", ev.ID, "deleted", n, "err", err)
			return err
		}
		ended, err := EndStalledExports(ctx, store, log, start)
		if err != nil {
			log.ErrorContext(ctx, "end stalled exports", "eventId", ev.ID, "ended", ended, "err", err)
			return err
		}
		log.InfoContext(ctx, "swept expired items", "eventId", ev.ID, "deleted", n, "stalledExports", ended, "ms", now().Sub(start).Milliseconds())
		return nil
	}
}
