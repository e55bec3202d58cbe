package importer

import (
	"context"

	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/roster"
)

// Abandon ends failed the import an upload-bucket object belongs to, once
// Lambda has given up on the object's event (its retries failed; the
// failure queue hands the event over): the uploader, or for a dropped file
// the administrators, are told as for any import given up. An import
// already ended (a redelivered record) or one a worker took over meanwhile
// is left as it is, so a record never sends a second mail. key is the
// decoded object key, etag the event's.
func (w *Worker) Abandon(ctx context.Context, key, etag string) error {
	var orgID, id string
	if jk, ok := imports.ParseJobKey(key); ok {
		orgID, id = jk.OrgID, jk.ImportID
	} else if uk, ok := roster.ParseUploadKey(key); ok {
		orgID, id = uk.OrgID, uk.ImportID
		if uk.Source == roster.UploadDropped {
			id = DroppedUploadID(key, etag)
		}
	} else {
		w.Log.WarnContext(ctx, "failed event for an object of no import; nothing to end", "key", key)
		return nil
	}
	imp, err := w.Store.Import(ctx, orgID, id)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		// A dropped file whose worker died before recording it: nobody
		// to tell but the operators, whom the alarm told.
		w.Log.ErrorContext(ctx, "failed event for an import never recorded", "orgId", orgID, "importId", id, "key", key)
		return nil
	} else if err != nil {
		return err
	}
	now := w.Now().UTC()
	switch {
	case imp.Status != roster.ImportAwaitingUpload && imp.Status != roster.ImportValidating && imp.Status != roster.ImportApplying:
		w.Log.InfoContext(ctx, "failed event for an import already ended; skipped", "orgId", orgID, "importId", id, "status", imp.Status)
		return nil
	case imp.Leased(now):
		w.Log.InfoContext(ctx, "failed event for an import a worker holds; skipped", "orgId", orgID, "importId", id)
		return nil
	}
	return w.giveUp(ctx, imp)
}
