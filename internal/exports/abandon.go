package exports

import (
	"context"
	"log/slog"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// AbandonStore is what ending abandoned exports needs from storage.
type AbandonStore interface {
	Export(ctx context.Context, orgID, id string) (roster.ContactExport, error)
	SaveExport(ctx context.Context, e roster.ContactExport, mails []roster.OutboxMail) error
}

// Abandoner ends the exports whose request events Lambda gave up on. It
// lives here, not in package exporter, so that the failure queue's
// consumer does not link the spreadsheet library.
type Abandoner struct {
	Store AbandonStore
	Log   *slog.Logger
	Now   func() time.Time
}

// Abandon ends failed the export whose request object's event Lambda gave
// up on (its retries failed; the failure queue hands the event over) and
// queues the mail that tells the requester. An export already ended (a
// redelivered record), or held by a worker, is left as it is, so a record
// never sends a second mail. key is the decoded object key.
func (a *Abandoner) Abandon(ctx context.Context, key string) error {
	orgID, id, ok := ParseRequestKey(key)
	if !ok {
		a.Log.WarnContext(ctx, "failed event for an object of no export; nothing to end", "key", key)
		return nil
	}
	l := a.Log.With("orgId", orgID, "exportId", id)
	e, err := a.Store.Export(ctx, orgID, id)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		l.WarnContext(ctx, "failed event for an unknown export; skipped")
		return nil
	} else if err != nil {
		return err
	}
	now := a.Now().UTC()
	if !e.Active() || now.Before(e.LeaseUntil) {
		l.InfoContext(ctx, "failed event for an export already ended or held; skipped", "status", e.Status)
		return nil
	}
	e.Fail(roster.ExportAbandoned, now)
	if err := a.Store.SaveExport(ctx, e, []roster.OutboxMail{roster.ExportFailedMail(e, now)}); roster.ErrorCodeOf(err) == roster.EConflict {
		return nil // a worker took it meanwhile
	} else if err != nil {
		return err
	}
	l.ErrorContext(ctx, "export ended failed after its event's retries failed")
	return nil
}
