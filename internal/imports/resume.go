package imports

import (
	"context"
	"log/slog"
	"time"

	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/s3store"
)

// ResumeStore is what resuming needs from storage.
type ResumeStore interface {
	ActiveImports(ctx context.Context) ([]roster.ImportRef, error)
	Import(ctx context.Context, orgID, id string) (roster.ContactImport, error)
}

// Resumer restarts imports whose worker stopped: Lambda retries a failed
// event twice within about three minutes, and a worker that ran out of
// memory or time may still hold its lease then. The ResumeImports schedule
// finds such imports (validating or applying, lease run out) and writes a
// job object for each, whose event starts a worker that goes on from the
// import's last recorded progress.
type Resumer struct {
	Store   ResumeStore
	Uploads *s3store.Objects
	Log     *slog.Logger
	Now     func() time.Time
}

// Run restarts what needs it and reports how many it restarted.
func (r *Resumer) Run(ctx context.Context) (int, error) {
	refs, err := r.Store.ActiveImports(ctx)
	if err != nil {
		return 0, err
	}
	now := r.Now().UTC()
	restarted := 0
	for _, ref := range refs {
		imp, err := r.Store.Import(ctx, ref.OrgID, ref.ID)
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			continue
		} else if err != nil {
			return restarted, err
		}
		step := StepApply
		switch {
		case imp.Leased(now):
			continue
		case imp.Status == roster.ImportValidating:
			step = StepValidate
		case imp.Status != roster.ImportApplying:
			continue
		}
		key := JobKey(imp.OrgID, imp.ID, step, imp.Attempt, int(now.Unix()))
		if err := r.Uploads.Signal(ctx, key); err != nil {
			return restarted, err
		}
		r.Log.InfoContext(ctx, "import restarted", "orgId", imp.OrgID, "importId", imp.ID, "status", imp.Status, "attempt", imp.Attempt)
		restarted++
	}
	return restarted, nil
}
