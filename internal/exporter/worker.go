// Package exporter writes spreadsheets for people to download: the contact
// template, and contact exports in the background (the export bucket's
// events start it). It links the XLSX library, which the API's other
// functions do without.
package exporter

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/exports"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/s3store"
	"github.com/roster-app/roster/internal/sheetwrite"
)

// Store is what the worker needs from storage.
type Store interface {
	exports.RequestStore
	User(ctx context.Context, orgID, userID string) (roster.User, error)
	// UsersByID leaves out ids the organisation has no user for.
	UsersByID(ctx context.Context, orgID string, ids []string) (map[string]roster.User, error)
	EachContact(ctx context.Context, orgID string, fn func(roster.Contact) error) error
}

// Worker writes exports when their request objects land.
type Worker struct {
	Store   Store
	Exports *s3store.Objects
	Sender  *outbox.Sender
	Log     *slog.Logger
	Now     func() time.Time
	TempDir string
}

// Handle processes the export bucket's events for requests/<org>/<id>.json.
func (w *Worker) Handle(ctx context.Context, ev events.S3Event) error {
	var errs []error
	for _, rec := range ev.Records {
		key, err := s3store.EventKey(rec.S3.Object.Key)
		orgID, id, ok := exports.ParseRequestKey(key)
		if err != nil || !ok || rec.S3.Bucket.Name != w.Exports.Bucket() {
			w.Log.WarnContext(ctx, "not an export request; skipped", "key", rec.S3.Object.Key)
			continue
		}
		if err := w.run(ctx, orgID, id); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (w *Worker) run(ctx context.Context, orgID, id string) error {
	l := w.Log.With("orgId", orgID, "exportId", id)
	e, err := w.Store.Export(ctx, orgID, id)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		l.WarnContext(ctx, "request for an unknown export; skipped")
		return nil
	} else if err != nil {
		return err
	}
	now := w.Now().UTC()
	if e.Status == roster.ExportCompleted || e.Status == roster.ExportFailed || now.Before(e.LeaseUntil) {
		l.InfoContext(ctx, "export already done or running; repeated event skipped", "status", e.Status)
		return nil
	}
	e.Status, e.LeaseUntil, e.UpdatedAt = roster.ExportRunning, roster.LeaseUntil(ctx, now, lease), now
	e.Attempt++
	e.Version++
	if err := w.Store.SaveExport(ctx, e, nil); roster.ErrorCodeOf(err) == roster.EConflict {
		return nil // another worker took it
	} else if err != nil {
		return err
	}
	rows, err := w.write(ctx, &e)
	if err != nil {
		// Lambda retries the event twice; the third failure is final.
		now := w.Now().UTC()
		e.LeaseUntil, e.UpdatedAt = time.Time{}, now
		var mails []roster.OutboxMail
		if e.Attempt >= maxExportAttempts {
			e.Status, e.Failure, e.FinishedAt = roster.ExportFailed, "The export could not be written; ask for it again.", now
			mails = append(mails, roster.ExportFailedMail(e, now))
		}
		e.Version++
		if serr := w.Store.SaveExport(ctx, e, mails); serr != nil {
			l.WarnContext(ctx, "could not record the failed export", "err", serr)
		}
		l.ErrorContext(ctx, "export failed", "attempt", e.Attempt, "err", err)
		if e.Status == roster.ExportFailed {
			return nil
		}
		return err
	}
	now = w.Now().UTC()
	e.Status, e.Rows, e.LeaseUntil, e.FinishedAt, e.UpdatedAt = roster.ExportCompleted, rows, time.Time{}, now, now
	e.Version++
	var mails []roster.OutboxMail
	if link, err := w.Exports.PresignGet(ctx, e.ObjectKey, e.FileName, exports.MailLinkTTL, now); err == nil {
		mails = append(mails, roster.OutboxMail{ID: roster.NewID(now), Kind: roster.MailExportReady, OrgID: e.OrgID, UserID: e.RequestedBy,
			NextAttemptAt: now, CreatedAt: now,
			Data: map[string]string{"exportId": e.ID, "fileName": e.FileName, "link": link.URL, "validFor": "one hour"}})
	} else {
		l.WarnContext(ctx, "no download link for the mail", "err", err)
	}
	if err := w.Store.SaveExport(ctx, e, mails); err != nil {
		return err
	}
	l.InfoContext(ctx, "export written", "rows", rows)
	for _, m := range mails {
		if w.Sender != nil {
			if err := w.Sender.Deliver(ctx, m.ID); err != nil {
				l.WarnContext(ctx, "export mail not sent yet; the SendMail schedule retries it", "err", err)
			}
		}
	}
	return nil
}

// write streams the contacts the requester manages into a temporary file
// and stores it in the export bucket.
func (w *Worker) write(ctx context.Context, e *roster.ContactExport) (int, error) {
	u, err := w.Store.User(ctx, e.OrgID, e.RequestedBy)
	if err != nil {
		return 0, err
	}
	c := roster.Caller{OrgID: e.OrgID, UserID: u.ID, Grants: u.Grants}
	if u.Status != roster.UserActive {
		c.Grants = nil // a deactivated requester exports nothing
	}
	tree, err := roster.LoadGroupTree(ctx, w.Store, e.OrgID)
	if err != nil {
		return 0, err
	}
	groups := roster.Reach(c, tree, roster.ActManageContacts)
	if e.GroupID != "" {
		sub := map[string]bool{}
		for _, id := range append(tree.Descendants(e.GroupID), e.GroupID) {
			sub[id] = true
		}
		kept := groups[:0]
		for _, g := range groups {
			if sub[g] {
				kept = append(kept, g)
			}
		}
		groups = kept
	}
	in := map[string]bool{}
	for _, g := range groups {
		in[g] = true
	}
	header, layout := roster.HeaderFor(tree, groups)
	f, err := os.CreateTemp(w.TempDir, "export-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	var out sheetwrite.Writer
	contentType := "text/csv; charset=utf-8"
	if e.Format == "csv" {
		out = sheetwrite.NewCSVWriter(f)
	} else {
		x, err := sheetwrite.NewXLSXWriter(f, "Contacts")
		if err != nil {
			return 0, err
		}
		out, contentType = x, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	if err := out.WriteRow(header); err != nil {
		return 0, err
	}
	rows := 0
	// Rows go out a batch at a time, after one read of the account reps the
	// batch names that no earlier batch did: the map grows with the reps
	// named, not with the organisation's users.
	emails := map[string]string{}
	var batch []roster.Contact
	flush := func() error {
		var unknown []string
		for _, ct := range batch {
			for _, id := range ct.AccountReps {
				if _, known := emails[id]; !known {
					unknown = append(unknown, id)
				}
			}
		}
		if len(unknown) > 0 {
			found, err := w.Store.UsersByID(ctx, e.OrgID, unknown)
			if err != nil {
				return err
			}
			for _, id := range unknown {
				emails[id] = found[id].Email // "" for a rep purged since
			}
		}
		for _, ct := range batch {
			if err := out.WriteRow(layout.Cells(ct, func(id string) string { return emails[id] })); err != nil {
				return err
			}
		}
		rows += len(batch)
		batch = batch[:0]
		return nil
	}
	err = w.Store.EachContact(ctx, e.OrgID, func(ct roster.Contact) error {
		if !slices.ContainsFunc(ct.Groups, func(g string) bool { return in[g] }) {
			return nil
		}
		if batch = append(batch, ct); len(batch) == exportBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return 0, err
	}
	if err := out.Close(); err != nil {
		return 0, err
	}
	if _, err := f.Seek(0, 0); err != nil {
		return 0, err
	}
	e.FileName = fmt.Sprintf("contacts-%s.%s", w.Now().UTC().Format("2006-01-02"), e.Format)
	e.ObjectKey = "exports/" + e.OrgID + "/" + e.ID + "/" + e.FileName
	if err := w.Exports.Put(ctx, e.ObjectKey, f, contentType, nil); err != nil {
		return 0, err
	}
	return rows, nil
}

// exportBatch is how many rows share one read of their account reps.
const exportBatch = 100

// lease keeps a repeated request event away while a worker writes.
const (
	lease             = 15 * time.Minute
	maxExportAttempts = 3
)
