package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// ExportEnder is what ending stalled exports needs from storage.
type ExportEnder interface {
	// ActiveExports reads the oldest limit queued or running exports.
	ActiveExports(ctx context.Context, limit int) ([]roster.ContactExport, error)
	// EndExport records an ended export with its mail; EConflict when a
	// worker changed it meanwhile.
	EndExport(ctx context.Context, e roster.ContactExport, mails []roster.OutboxMail) error
}

// stalledExportPage bounds one sweep: the oldest queued or running exports,
// which are the ones that can have stalled. More than a page of them waits
// for the next hour.
const stalledExportPage = 100

// EndStalledExports ends failed every export no worker will finish (its
// last try crashed, or Lambda dropped its event; roster.ContactExport.Stalled)
// and queues the mail that tells the requester. One Query, and one
// transaction per stalled export.
func EndStalledExports(ctx context.Context, store ExportEnder, log *slog.Logger, now time.Time) (int, error) {
	active, err := store.ActiveExports(ctx, stalledExportPage)
	if err != nil {
		return 0, err
	}
	ended := 0
	for _, e := range active {
		if !e.Stalled(now) {
			continue
		}
		status := e.Status
		e.Fail(roster.ExportAbandoned, now)
		err := store.EndExport(ctx, e, []roster.OutboxMail{roster.ExportFailedMail(e, now)})
		if roster.ErrorCodeOf(err) == roster.EConflict {
			continue // a worker took it after all
		} else if err != nil {
			return ended, err
		}
		log.ErrorContext(ctx, "stalled export ended failed", "orgId", e.OrgID, "exportId", e.ID, "was", status)
		ended++
	}
	return ended, nil
}
