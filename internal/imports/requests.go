package imports

import (
	"context"
	"path"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/s3store"
)

// ViewStore is what looking at imports needs from storage.
type ViewStore interface {
	roster.GroupLister
	Import(ctx context.Context, orgID, id string) (roster.ContactImport, error)
}

// Viewer shows imports.
type Viewer struct {
	Store   ViewStore
	Uploads *s3store.Objects
	Now     func() time.Time
}

// RequestStore is what changing imports needs from storage.
type RequestStore interface {
	ViewStore
	CreateImport(ctx context.Context, imp roster.ContactImport, mails []roster.OutboxMail) error
	SaveImport(ctx context.Context, imp roster.ContactImport, mails []roster.OutboxMail, audit *roster.AuditEvent) error
	User(ctx context.Context, orgID, userID string) (roster.User, error)
}

// Requests are the import API's operations: start an import (with a URL to
// upload the file to), look at it, apply it, cancel it.
type Requests struct {
	Store   RequestStore
	Uploads *s3store.Objects
	Now     func() time.Time
}

// PlanLifetime is how long a checked import can wait to be applied: the
// upload bucket's lifecycle removes its plan after 7 days.
const PlanLifetime = 6 * 24 * time.Hour

// Upload URLs work for an hour; report links for a quarter.
const (
	uploadURLTTL = time.Hour
	reportURLTTL = 15 * time.Minute
)

// NewImportInput is what starting an import takes.
type NewImportInput struct {
	Mode        roster.ImportMode
	FileName    string
	Size        int64
	ContentType string
}

// Started is a new import and where to upload its file.
type Started struct {
	Import roster.ContactImport
	Upload s3store.PresignedRequest
}

// Start creates an import waiting for its file. Returns EInvalid,
// EForbidden (the caller manages contacts nowhere).
func (q *Requests) Start(ctx context.Context, c roster.Caller, in NewImportInput) (Started, error) {
	var v roster.Validation
	if !in.Mode.Valid() {
		v.Add("mode", "must be import or update")
	}
	if err := roster.CheckImportFileName("fileName", in.FileName); err != nil {
		v.Add("fileName", err.(*roster.Error).Fields[0].Message)
	} else if ext := strings.ToLower(path.Ext(in.FileName)); ext != ".csv" && ext != ".xlsx" && ext != ".txt" && ext != ".tsv" {
		v.Add("fileName", "must end in .xlsx or .csv (save other formats, such as .xls, .ods or .numbers, as one of these)")
	}
	switch {
	case in.Size <= 0:
		v.Add("size", "must be the file's size in bytes, at least 1")
	case in.Size > roster.MaxImportBytes:
		v.Add("size", "must be at most 104857600 (100 MB); split the file")
	}
	if err := v.Err(); err != nil {
		return Started{}, err
	}
	tree, err := roster.LoadGroupTree(ctx, q.Store, c.OrgID)
	if err != nil {
		return Started{}, err
	}
	if err := roster.RequireSomewhere(c, tree, roster.ActManageContacts); err != nil {
		return Started{}, err
	}
	me, err := q.Store.User(ctx, c.OrgID, c.UserID)
	if err != nil {
		return Started{}, err
	}
	now := q.Now().UTC()
	id := roster.NewID(now)
	imp := roster.ContactImport{
		ID: id, OrgID: c.OrgID, Mode: in.Mode, Source: roster.UploadViaAPI, FileName: in.FileName, DeclaredSize: in.Size,
		ObjectKey: "imports/" + c.OrgID + "/" + id + "/" + in.FileName, UploaderID: c.UserID, UploaderEmail: me.Email,
		Status: roster.ImportAwaitingUpload, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	ct := in.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	up, err := q.Uploads.PresignPut(ctx, imp.ObjectKey, in.Size, ct, uploadURLTTL, now)
	if err != nil {
		return Started{}, err
	}
	if err := q.Store.CreateImport(ctx, imp, nil); err != nil {
		return Started{}, err
	}
	return Started{Import: imp, Upload: up}, nil
}

func (q *Requests) viewer() *Viewer { return &Viewer{Store: q.Store, Uploads: q.Uploads, Now: q.Now} }

// Get returns an import the caller may see: their own, or any for an
// administrator of the organisation. Returns ENotFound.
func (q *Requests) Get(ctx context.Context, c roster.Caller, id string) (roster.ContactImport, error) {
	return q.viewer().Get(ctx, c, id)
}

// Get returns an import the caller may see: their own, or any for an
// administrator of the organisation. Returns ENotFound.
func (q *Viewer) Get(ctx context.Context, c roster.Caller, id string) (roster.ContactImport, error) {
	imp, err := q.Store.Import(ctx, c.OrgID, id)
	if err != nil {
		return roster.ContactImport{}, err
	}
	if imp.UploaderID == c.UserID {
		return imp, nil // the usual case: no need for the tree
	}
	tree, err := roster.LoadGroupTree(ctx, q.Store, c.OrgID)
	if err != nil {
		return roster.ContactImport{}, err
	}
	if !roster.CanSeeRequest(c, tree, imp.UploaderID) {
		return roster.ContactImport{}, roster.Errorf(roster.ENotFound, "import not found")
	}
	return imp, nil
}

// ErrorReportURL is a short-lived link to the import's error report, ""
// when no row had errors.
func (q *Viewer) ErrorReportURL(ctx context.Context, imp roster.ContactImport) (string, error) {
	if imp.ErrorReportKey == "" {
		return "", nil
	}
	name := strings.TrimSuffix(imp.FileName, path.Ext(imp.FileName)) + " - errors.csv"
	req, err := q.Uploads.PresignGet(ctx, imp.ErrorReportKey, name, reportURLTTL, q.Now())
	return req.URL, err
}

// Apply starts writing a reviewed import. Applying one that is already
// being applied by nobody (its worker's start request was lost) starts it
// again; it resumes where it was. Returns ENotFound, EConflict
// (import_not_ready, or concurrent_update when the import changed meanwhile).
func (q *Requests) Apply(ctx context.Context, c roster.Caller, id string, sendWelcome bool) (roster.ContactImport, error) {
	imp, err := q.Get(ctx, c, id)
	if err != nil {
		return imp, err
	}
	tree, err := roster.LoadGroupTree(ctx, q.Store, c.OrgID)
	if err != nil {
		return imp, err
	}
	// Someone who no longer manages contacts anywhere (demoted since the
	// upload) cannot write what they uploaded.
	if err := roster.RequireSomewhere(c, tree, roster.ActManageContacts); err != nil {
		return imp, err
	}
	now := q.Now().UTC()
	switch {
	case imp.Status == roster.ImportReady && now.Sub(imp.ReadyAt) > PlanLifetime:
		return imp, roster.WithReason(roster.EConflict, "import_expired", "the import was checked more than 6 days ago and its checked rows have expired; upload the file again")
	case imp.Status == roster.ImportReady:
		imp.Status, imp.ApplyStartedAt, imp.SendWelcome, imp.AppliedBy = roster.ImportApplying, now, sendWelcome && imp.Mode == roster.ImportNew, c.UserID
	case imp.Status == roster.ImportApplying && !imp.Leased(now):
		// restart below
	default:
		return imp, roster.WithReason(roster.EConflict, "import_not_ready", "the import is "+string(imp.Status)+"; only a ready import can be applied")
	}
	imp.Version++
	imp.UpdatedAt = now
	if err := q.Store.SaveImport(ctx, imp, nil, nil); err != nil {
		return imp, err
	}
	key := JobKey(imp.OrgID, imp.ID, StepApply, imp.Attempt, 0)
	if err := q.Uploads.Signal(ctx, key); err != nil {
		return imp, err
	}
	return imp, nil
}

// Cancel discards an import that has not started writing. Returns
// ENotFound, EConflict (import_not_cancellable).
func (q *Requests) Cancel(ctx context.Context, c roster.Caller, id string) (roster.ContactImport, error) {
	imp, err := q.Get(ctx, c, id)
	if err != nil {
		return imp, err
	}
	switch imp.Status {
	case roster.ImportAwaitingUpload, roster.ImportReady, roster.ImportFailed:
	default:
		return imp, roster.WithReason(roster.EConflict, "import_not_cancellable", "the import is "+string(imp.Status)+"; only one that has not started writing can be cancelled")
	}
	now := q.Now().UTC()
	imp.Status, imp.FinishedAt, imp.UpdatedAt = roster.ImportCancelled, now, now
	imp.Version++
	return imp, q.Store.SaveImport(ctx, imp, nil, nil)
}
