package importer

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/s3store"
)

// Store is what the pipeline needs from storage.
type Store interface {
	Lookup
	roster.GroupLister
	Organisation(ctx context.Context, orgID string) (roster.Organisation, error)
	User(ctx context.Context, orgID, userID string) (roster.User, error)
	UserByEmail(ctx context.Context, email string) (roster.User, error)
	UsersByName(ctx context.Context, orgID string, q roster.UserPageQuery, keep func(roster.User) bool) (roster.UserPage, error)
	Import(ctx context.Context, orgID, id string) (roster.ContactImport, error)
	CreateImport(ctx context.Context, imp roster.ContactImport, mails []roster.OutboxMail) error
	SaveImport(ctx context.Context, imp roster.ContactImport, mails []roster.OutboxMail, audit *roster.AuditEvent) error
	WriteContacts(ctx context.Context, writes []roster.ContactWrite) error
	QueueTexts(ctx context.Context, texts []roster.OutboundText) error
}

// Worker runs the import pipeline on the upload bucket's events: a file
// landing starts its validation, a job object (written by the apply
// request, or by a worker that ran out of time) starts or resumes applying.
type Worker struct {
	Store   Store
	Uploads *s3store.Objects
	Sender  *outbox.Sender // sends queued mail at once; nil leaves it to the SendMail schedule
	Log     *slog.Logger
	Now     func() time.Time
	TempDir string // for downloaded files and reports; "" is the system's
	// Reserve is the time an apply run keeps before its deadline: with less
	// left it records where it is and hands over to a fresh invocation.
	Reserve time.Duration
	// ChunkRows, when positive, also hands over after that many rows.
	ChunkRows int
	// MaxBytes and MaxRows bound a file; zero means roster.MaxImportBytes
	// and roster.MaxSheetRows.
	MaxBytes int64
	MaxRows  int
}

func (w *Worker) maxBytes() int64 {
	if w.MaxBytes > 0 {
		return w.MaxBytes
	}
	return roster.MaxImportBytes
}

// Leases: a worker holds an import while it works on it, so a repeated
// event does not start a second worker; a crashed worker's lease runs out
// and the retried event takes over.
const (
	validateLease = 15 * time.Minute // Lambda's limit: validation runs in one invocation
	applyLease    = 3 * time.Minute  // renewed every progress save
)

// Handle processes an S3 event. Objects that cannot belong to an import
// are logged and skipped: retrying would not change them. Storage failures
// are returned, so that Lambda retries the event.
func (w *Worker) Handle(ctx context.Context, ev events.S3Event) error {
	var errs []error
	for _, rec := range ev.Records {
		if err := w.handle(ctx, rec); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (w *Worker) handle(ctx context.Context, rec events.S3EventRecord) error {
	if rec.S3.Bucket.Name != w.Uploads.Bucket() {
		w.Log.WarnContext(ctx, "event for another bucket; skipped", "bucket", rec.S3.Bucket.Name)
		return nil
	}
	key, err := s3store.EventKey(rec.S3.Object.Key)
	if err != nil {
		w.Log.WarnContext(ctx, "undecodable object key; skipped", "key", rec.S3.Object.Key)
		return nil
	}
	if jk, ok := imports.ParseJobKey(key); ok {
		if jk.Step == imports.StepValidate {
			return w.revalidate(ctx, jk)
		}
		return w.apply(ctx, jk)
	}
	uk, ok := roster.ParseUploadKey(key)
	if !ok {
		w.Log.WarnContext(ctx, "object outside incoming/, imports/ and jobs/; skipped", "key", key)
		return nil
	}
	imp, err := w.receive(ctx, uk, key)
	if err != nil || imp == nil {
		return err
	}
	return w.validate(ctx, *imp)
}

// receive finds or creates the import a new file belongs to and takes it
// for validation; nil means there is nothing (more) to do.
func (w *Worker) receive(ctx context.Context, uk roster.UploadKey, key string) (*roster.ContactImport, error) {
	l := w.Log.With("key", key, "orgId", uk.OrgID)
	if _, err := w.Store.Organisation(ctx, uk.OrgID); roster.ErrorCodeOf(err) == roster.ENotFound {
		l.WarnContext(ctx, "upload for an unknown organisation; skipped")
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	info, err := w.Uploads.Head(ctx, key)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		l.WarnContext(ctx, "object gone before it was read; skipped")
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var imp roster.ContactImport
	if uk.Source == roster.UploadViaAPI {
		imp, err = w.Store.Import(ctx, uk.OrgID, uk.ImportID)
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			l.WarnContext(ctx, "upload for an unknown import; skipped", "importId", uk.ImportID)
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		if imp.ObjectKey != key {
			l.WarnContext(ctx, "upload under another file name than the import's; skipped", "importId", imp.ID)
			return nil, nil
		}
	} else {
		imp, err = w.dropped(ctx, uk, key, info)
		if err != nil || imp.Status == roster.ImportFailed {
			return nil, err
		}
	}
	imp.ObjectETag = info.ETag
	return w.takeForValidation(ctx, imp)
}

// revalidate checks again a file whose check stopped (ResumeImports asks).
func (w *Worker) revalidate(ctx context.Context, jk imports.Job) error {
	imp, err := w.Store.Import(ctx, jk.OrgID, jk.ImportID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return nil
	} else if err != nil {
		return err
	}
	taken, err := w.takeForValidation(ctx, imp)
	if err != nil || taken == nil {
		return err
	}
	return w.validate(ctx, *taken)
}

// takeForValidation: an import waiting for its file, or one whose
// validation crashed (its lease ran out), is taken; any other state means
// this event is a repeat.
func (w *Worker) takeForValidation(ctx context.Context, imp roster.ContactImport) (*roster.ContactImport, error) {
	now := w.Now().UTC()
	if imp.Status != roster.ImportAwaitingUpload && (imp.Status != roster.ImportValidating || imp.Leased(now)) {
		w.Log.InfoContext(ctx, "import already received; repeated event skipped", "orgId", imp.OrgID, "importId", imp.ID, "status", imp.Status)
		return nil, nil
	}
	taken, ok, err := w.take(ctx, imp, roster.ImportValidating, validateLease)
	if !ok || err != nil {
		return nil, err
	}
	return &taken, nil
}

// leaseFor is how long this invocation holds an import (roster.LeaseUntil).
func (w *Worker) leaseFor(ctx context.Context, d time.Duration) time.Time {
	return roster.LeaseUntil(ctx, w.Now().UTC(), d)
}

// giveUp ends an import that cannot go on, telling the uploader what was
// written.
func (w *Worker) giveUp(ctx context.Context, imp roster.ContactImport) error {
	msg := imports.GiveUpMessage(imp)
	w.Log.WarnContext(ctx, "import given up", "orgId", imp.OrgID, "importId", imp.ID, "attempts", imp.Attempt, "status", imp.Status)
	imp.Fail("gave_up", msg, w.Now().UTC())
	err := w.save(ctx, &imp, roster.MailImportFailed)
	if roster.ErrorCodeOf(err) == roster.EConflict {
		return nil // someone else changed it meanwhile
	}
	return err
}

// release gives up the lease after a failure that a retry may cure, so the
// retried event (in a minute or two) can take the import at once. Best
// effort: if even this fails, the lease runs out on its own.
func (w *Worker) release(ctx context.Context, imp roster.ContactImport, cause error) error {
	imp.LeaseUntil = time.Time{}
	if err := w.saveWith(ctx, &imp, "", nil); err != nil {
		w.Log.WarnContext(ctx, "could not release the import after a failure", "orgId", imp.OrgID, "importId", imp.ID, "err", err)
	}
	return cause
}

// maxAttempts bounds how often workers take an import: one that keeps
// stopping (a bug, a file that kills the worker) is given up rather than
// retried for ever.
const maxAttempts = 8

// take leases imp for this worker; false when another worker got it, or
// when the import was given up.
func (w *Worker) take(ctx context.Context, imp roster.ContactImport, status roster.ImportStatus, lease time.Duration) (roster.ContactImport, bool, error) {
	now := w.Now().UTC()
	if imp.Attempt >= maxAttempts {
		return imp, false, w.giveUp(ctx, imp)
	}
	imp.Status, imp.LeaseUntil, imp.UpdatedAt = status, w.leaseFor(ctx, lease), now
	imp.Attempt++
	imp.Version++
	err := w.Store.SaveImport(ctx, imp, nil, nil)
	if roster.ErrorCodeOf(err) == roster.EConflict {
		w.Log.InfoContext(ctx, "another worker took the import", "orgId", imp.OrgID, "importId", imp.ID)
		return imp, false, nil
	}
	return imp, err == nil, err
}

// dropped creates the import of a file an administrator put straight into
// incoming/<org>/, named by the object's "uploader" metadata (their email)
// and "mode" (import, the default, or update). Its id comes from the object
// key and version, so a repeated event finds the same import.
func (w *Worker) dropped(ctx context.Context, uk roster.UploadKey, key string, info s3store.ObjectInfo) (roster.ContactImport, error) {
	now := w.Now().UTC()
	id := DroppedUploadID(key, info.ETag)
	if imp, err := w.Store.Import(ctx, uk.OrgID, id); err == nil {
		return imp, nil
	} else if roster.ErrorCodeOf(err) != roster.ENotFound {
		return roster.ContactImport{}, err
	}
	imp := roster.ContactImport{
		ID: id, OrgID: uk.OrgID, Mode: roster.ImportMode(strings.ToLower(strings.TrimSpace(info.Metadata["mode"]))),
		Source: roster.UploadDropped, FileName: uk.FileName, ObjectKey: key, ObjectETag: info.ETag,
		Status: roster.ImportAwaitingUpload, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	if imp.Mode == "" {
		imp.Mode = roster.ImportNew
	}
	email := strings.ToLower(strings.TrimSpace(info.Metadata["uploader"]))
	var mails []roster.OutboxMail
	admin, why, err := w.droppedBy(ctx, uk.OrgID, email)
	if err != nil {
		return roster.ContactImport{}, err // storage trouble: the event is retried
	}
	if why == nil && !imp.Mode.Valid() {
		why = &refusal{"invalid_mode", "The file's \"mode\" metadata must be import or update."}
	}
	if why == nil {
		imp.UploaderID, imp.UploaderEmail = admin.ID, admin.Email
	} else {
		imp.Fail(why.Reason, why.Message, now)
		if mails, err = w.mails(ctx, imp, roster.MailImportFailed); err != nil {
			return roster.ContactImport{}, err
		}
	}
	err = w.Store.CreateImport(ctx, imp, mails)
	if roster.ErrorCodeOf(err) == roster.EConflict {
		return w.Store.Import(ctx, uk.OrgID, id)
	}
	if err != nil {
		return roster.ContactImport{}, err
	}
	w.Log.InfoContext(ctx, "dropped file received", "orgId", imp.OrgID, "importId", imp.ID, "status", imp.Status)
	w.deliver(ctx, mails)
	return imp, nil
}

// droppedBy finds the administrator a dropped file names; a refusal when
// it names nobody who is one.
func (w *Worker) droppedBy(ctx context.Context, orgID, email string) (roster.User, *refusal, error) {
	unknown := &refusal{"unknown_uploader", "Files put straight into the upload bucket must name an administrator of the organisation " +
		"in their \"uploader\" metadata (x-amz-meta-uploader: their email). This one " + describe(email) + "."}
	if email == "" {
		return roster.User{}, unknown, nil
	}
	u, err := w.Store.UserByEmail(ctx, email)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.User{}, unknown, nil
	} else if err != nil {
		return roster.User{}, nil, err
	}
	if u.OrgID != orgID || u.Status != roster.UserActive {
		return roster.User{}, unknown, nil
	}
	tree, err := roster.LoadGroupTree(ctx, w.Store, orgID)
	if err != nil {
		return roster.User{}, nil, err
	}
	if !roster.IsOrgAdmin(u.Grants, tree) {
		return roster.User{}, unknown, nil
	}
	return u, nil, nil
}

func describe(email string) string {
	if email == "" {
		return "names nobody"
	}
	return "names " + email + ", who is not an active administrator"
}

// save writes imp (bumping its version) with the mail its new state
// sends, then sends the mail.
func (w *Worker) save(ctx context.Context, imp *roster.ContactImport, kind roster.MailKind) error {
	return w.saveWith(ctx, imp, kind, nil)
}

func (w *Worker) saveWith(ctx context.Context, imp *roster.ContactImport, kind roster.MailKind, audit *roster.AuditEvent) error {
	mails, err := w.mails(ctx, *imp, kind)
	if err != nil {
		return err
	}
	imp.Version++
	imp.UpdatedAt = w.Now().UTC()
	if err := w.Store.SaveImport(ctx, *imp, mails, audit); err != nil {
		return err
	}
	w.deliver(ctx, mails)
	return nil
}

// mails addresses a notice about imp (imports.NoticeMails).
func (w *Worker) mails(ctx context.Context, imp roster.ContactImport, kind roster.MailKind) ([]roster.OutboxMail, error) {
	return imports.NoticeMails(ctx, w.Store, imp, kind, w.Now().UTC())
}

func (w *Worker) deliver(ctx context.Context, mails []roster.OutboxMail) {
	if w.Sender == nil {
		return
	}
	for _, m := range mails {
		if err := w.Sender.Deliver(ctx, m.ID); err != nil {
			w.Log.WarnContext(ctx, "import mail not sent yet; the SendMail schedule retries it", "mailId", m.ID, "err", err)
		}
	}
}
