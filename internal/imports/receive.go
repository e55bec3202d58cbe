// Package imports is the contact import pipeline that S3 events start. For
// now it receives uploads: it checks where an object landed and records it
// for the organisation; reading and validating rows builds on this.
package imports

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/s3store"
)

// Store is what receiving needs from storage.
type Store interface {
	Organisation(ctx context.Context, orgID string) (roster.Organisation, error)
	RecordUpload(ctx context.Context, u roster.Upload) error
}

// Receiver records spreadsheets that land in the upload bucket.
type Receiver struct {
	Store   Store
	Objects *s3store.Objects
	Log     *slog.Logger
	Now     func() time.Time
}

// Handle processes an S3 event. Objects that cannot belong to an import
// (unknown layout, unknown organisation, another bucket) are logged and
// skipped: retrying would not change them. Storage failures are returned so
// that Lambda retries the event.
func (r *Receiver) Handle(ctx context.Context, ev events.S3Event) error {
	var errs []error
	for _, rec := range ev.Records {
		if err := r.receive(ctx, rec); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (r *Receiver) receive(ctx context.Context, rec events.S3EventRecord) error {
	if rec.S3.Bucket.Name != r.Objects.Bucket() {
		r.Log.WarnContext(ctx, "event for another bucket; skipped", "bucket", rec.S3.Bucket.Name)
		return nil
	}
	// S3 event keys are URL-encoded, with spaces as '+'.
	key, err := url.QueryUnescape(rec.S3.Object.Key)
	if err != nil {
		r.Log.WarnContext(ctx, "undecodable object key; skipped", "key", rec.S3.Object.Key)
		return nil
	}
	l := r.Log.With("key", key)
	uk, ok := roster.ParseUploadKey(key)
	if !ok {
		l.WarnContext(ctx, "object outside incoming/<org>/<file> and imports/<org>/<import>/<file>; skipped")
		return nil
	}
	if _, err := r.Store.Organisation(ctx, uk.OrgID); roster.ErrorCodeOf(err) == roster.ENotFound {
		l.WarnContext(ctx, "upload for an unknown organisation; skipped", "orgId", uk.OrgID)
		return nil
	} else if err != nil {
		return fmt.Errorf("look up organisation of %s: %w", key, err)
	}
	info, err := r.Objects.Head(ctx, key)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		l.WarnContext(ctx, "object gone before it was read; skipped")
		return nil
	} else if err != nil {
		return err
	}
	id := uk.ImportID
	if id == "" {
		id = DroppedUploadID(key, info.ETag)
	}
	u := roster.Upload{
		ID: id, OrgID: uk.OrgID, Source: uk.Source, Key: key, FileName: uk.FileName, Size: info.Size,
		ETag: info.ETag, UploadedBy: info.Metadata["uploader"], Status: "received", ReceivedAt: r.Now().UTC(),
	}
	err = r.Store.RecordUpload(ctx, u)
	if roster.ErrorCodeOf(err) == roster.EConflict {
		l.InfoContext(ctx, "upload already recorded", "orgId", u.OrgID, "uploadId", u.ID)
		return nil
	}
	if err != nil {
		return err
	}
	l.InfoContext(ctx, "upload received", "orgId", u.OrgID, "uploadId", u.ID, "size", u.Size, "source", u.Source)
	return nil
}

// DroppedUploadID is the id of a file dropped into incoming/: it has no
// import id yet, so one is derived from the object's key and version, and a
// redelivered event finds the same upload.
func DroppedUploadID(key, etag string) string {
	sum := sha256.Sum256([]byte(key + "\x00" + etag))
	return hex.EncodeToString(sum[:13])
}
