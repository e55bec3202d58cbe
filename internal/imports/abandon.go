package imports

import (
	"context"
	"log/slog"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// AbandonStore is what ending abandoned imports needs from storage.
type AbandonStore interface {
	NoticeStore
	Import(ctx context.Context, orgID, id string) (roster.ContactImport, error)
	SaveImport(ctx context.Context, imp roster.ContactImport, mails []roster.OutboxMail, audit *roster.AuditEvent) error
}

// Abandoner ends the imports whose S3 events Lambda gave up on. It lives
// here, not in package importer, so that the failure queue's consumer does
// not link the spreadsheet and phone libraries.
type Abandoner struct {
	Store AbandonStore
	Log   *slog.Logger
	Now   func() time.Time
}

// Abandon ends failed the import an upload-bucket object belongs to, once
// Lambda has given up on the object's event (its retries failed; the
// failure queue hands the event over), and queues the mail that tells the
// uploader, or for a dropped file the administrators, as for any import
// given up. An import already ended (a redelivered record), or one a worker
// holds, is left as it is, so a record never sends a second mail. key is
// the decoded object key, etag the event's.
func (a *Abandoner) Abandon(ctx context.Context, key, etag string) error {
	var orgID, id string
	if jk, ok := ParseJobKey(key); ok {
		orgID, id = jk.OrgID, jk.ImportID
	} else if uk, ok := roster.ParseUploadKey(key); ok {
		orgID, id = uk.OrgID, uk.ImportID
		if uk.Source == roster.UploadDropped {
			id = DroppedUploadID(key, etag)
		}
	} else {
		a.Log.WarnContext(ctx, "failed event for an object of no import; nothing to end", "key", key)
		return nil
	}
	l := a.Log.With("orgId", orgID, "importId", id)
	imp, err := a.Store.Import(ctx, orgID, id)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		// A dropped file whose worker died before recording it: nobody to
		// tell but the operators, whom the alarm told.
		l.ErrorContext(ctx, "failed event for an import never recorded", "key", key)
		return nil
	} else if err != nil {
		return err
	}
	now := a.Now().UTC()
	switch {
	case imp.Status != roster.ImportAwaitingUpload && imp.Status != roster.ImportValidating && imp.Status != roster.ImportApplying:
		l.InfoContext(ctx, "failed event for an import already ended; skipped", "status", imp.Status)
		return nil
	case imp.Leased(now):
		l.InfoContext(ctx, "failed event for an import a worker holds; skipped")
		return nil
	}
	imp.Fail("gave_up", GiveUpMessage(imp), now)
	mails, err := NoticeMails(ctx, a.Store, imp, roster.MailImportFailed, now)
	if err != nil {
		return err
	}
	imp.Version++
	imp.UpdatedAt = now
	if err := a.Store.SaveImport(ctx, imp, mails, nil); roster.ErrorCodeOf(err) == roster.EConflict {
		return nil // a worker changed it meanwhile
	} else if err != nil {
		return err
	}
	l.ErrorContext(ctx, "import ended failed after its event's retries failed")
	return nil
}
