package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/sheet"
)

// validate reads the import's file, checks every row, writes the plan and
// the error report, and leaves the import ready for review, or failed with
// a reason a person understands. It writes no contact.
func (w *Worker) validate(ctx context.Context, imp roster.ContactImport) error {
	l := w.Log.With("orgId", imp.OrgID, "importId", imp.ID)
	res, failure, err := w.check(ctx, imp)
	if err != nil {
		return w.release(ctx, imp, err) // storage or S3 trouble: the event is retried
	}
	now := w.Now().UTC()
	if failure != nil {
		imp.Fail(failure.Reason, failure.Message, now)
		l.InfoContext(ctx, "import refused", "reason", failure.Reason)
	} else {
		imp.Status, imp.ReadyAt, imp.LeaseUntil = roster.ImportReady, now, now
		imp.Format, imp.Summary, imp.PlanParts, imp.ErrorReportKey = res.format, res.summary, res.parts, res.reportKey
		imp.SampleErrors, imp.SampleChanges = res.errors, res.changes
		imp.Progress = roster.ImportProgress{Total: res.summary.New + res.summary.Updated}
		l.InfoContext(ctx, "import ready for review", "rows", res.summary.Rows, "new", res.summary.New,
			"updated", res.summary.Updated, "errors", res.summary.Errors)
	}
	kind := roster.MailImportReady
	if failure != nil {
		kind = roster.MailImportFailed
	}
	return w.save(ctx, &imp, kind)
}

// maxUnzipped bounds what an XLSX may expand to: a full 1,048,576-row sheet
// of some 30 columns is about 2 GB of XML, which excelize spools to /tmp
// (the function has 8 GB of it); past that it is a zip bomb.
const maxUnzipped = 4 << 30

// refusal is why a file as a whole cannot be used.
type refusal struct{ Reason, Message string }

type checkResult struct {
	format    string
	summary   roster.ImportSummary
	parts     int
	reportKey string
	errors    []roster.ImportRowError
	changes   []roster.ImportChange
}

// check returns a refusal for a file that cannot be used, an error for
// trouble that a retry may cure.
func (w *Worker) check(ctx context.Context, imp roster.ContactImport) (checkResult, *refusal, error) {
	file, size, ref, err := w.download(ctx, imp.ObjectKey, imp.ObjectETag)
	if err != nil || ref != nil {
		return checkResult{}, ref, err
	}
	defer os.Remove(file.Name())
	defer file.Close()
	rows, err := sheet.Open(file, size, sheet.Limits{MaxBytes: w.maxBytes(), MaxRows: w.MaxRows, MaxUnzipped: maxUnzipped})
	if ref := asRefusal(err); ref != nil {
		return checkResult{}, ref, nil
	} else if err != nil {
		return checkResult{}, nil, err
	}
	defer rows.Close()
	header, err := rows.Next()
	if err == io.EOF {
		return checkResult{}, &refusal{"empty_file", "The file has no rows. Fill in the template and upload it again."}, nil
	} else if ref := asRefusal(err); ref != nil {
		return checkResult{}, ref, nil
	} else if err != nil {
		return checkResult{}, nil, err
	}
	org, err := w.Store.Organisation(ctx, imp.OrgID)
	if err != nil {
		return checkResult{}, nil, err
	}
	tree, err := roster.LoadGroupTree(ctx, w.Store, imp.OrgID)
	if err != nil {
		return checkResult{}, nil, err
	}
	uploader, err := w.Store.User(ctx, imp.OrgID, imp.UploaderID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return checkResult{}, &refusal{"unknown_uploader", "The person who uploaded the file is no longer a user of this organisation."}, nil
	} else if err != nil {
		return checkResult{}, nil, err
	}
	if uploader.Status != roster.UserActive {
		return checkResult{}, &refusal{"unknown_uploader", "The person who uploaded the file is no longer an active user."}, nil
	}
	caller := roster.Caller{OrgID: imp.OrgID, UserID: uploader.ID, Grants: uploader.Grants}
	layout, err := roster.ParseSheetHeader(header, tree)
	if err != nil {
		return checkResult{}, headerRefusal(err), nil
	}
	if ref := w.checkColumns(caller, tree, imp.Mode, layout); ref != nil {
		return checkResult{}, ref, nil
	}
	out, err := w.newCollector(ctx, imp, header)
	if err != nil {
		return checkResult{}, nil, err
	}
	defer out.close()
	c := newChecker(org, tree, caller, uploader.Email, imp.Mode, layout, w.Store, out, w.Now().UTC())
	n, ref, err := checkAll(ctx, rows, c)
	out.summary.Rows = n
	if ref != nil || err != nil {
		return checkResult{}, ref, err
	}
	if out.summary.Rows == 0 {
		return checkResult{}, &refusal{"empty_file", "The file has a header row but no contacts under it."}, nil
	}
	res, err := out.finish(ctx)
	res.format = string(rows.Format())
	return res, nil, err
}

// download copies the object to a temporary file: reading XLSX needs
// random access, and the file may be far bigger than memory should hold.
func (w *Worker) download(ctx context.Context, key, etag string) (*os.File, int64, *refusal, error) {
	body, info, err := w.Uploads.GetVersion(ctx, key, etag)
	switch roster.ErrorCodeOf(err) {
	case "":
	case roster.ENotFound:
		return nil, 0, &refusal{"file_missing", "The uploaded file is gone; upload it again."}, nil
	case roster.EPreconditionFailed:
		return nil, 0, &refusal{"file_replaced", "The file was replaced while it was being checked. Start a new import for the new file."}, nil
	default:
		return nil, 0, nil, err
	}
	defer body.Close()
	if limit := w.maxBytes(); info.Size > limit {
		return nil, 0, &refusal{"too_large", fmt.Sprintf("The file is %.1f MB; the limit is %.0f MB. Split it into smaller files.",
			float64(info.Size)/(1<<20), float64(limit)/(1<<20))}, nil
	}
	f, err := os.CreateTemp(w.TempDir, "import-*")
	if err != nil {
		return nil, 0, nil, err
	}
	n, err := io.Copy(f, io.LimitReader(body, w.maxBytes()+1))
	if err == nil && n > w.maxBytes() {
		err = errors.New("object grew past the limit while it was read")
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, 0, nil, fmt.Errorf("download %s: %w", key, err)
	}
	return f, n, nil, nil
}

// checkColumns: every group column is a group the uploader manages
// contacts in, and an update has the Contact ID column.
func (w *Worker) checkColumns(c roster.Caller, t roster.GroupTree, mode roster.ImportMode, layout roster.SheetLayout) *refusal {
	if mode == roster.ImportUpdate && !layout.HasContactID() {
		return &refusal{"missing_columns", "An update needs the Contact ID column (column R) of an export. Export the contacts, edit that file and upload it."}
	}
	var denied []string
	for _, g := range layout.GroupColumns() {
		if !roster.Allowed(c, t, roster.ActManageContacts, g.GroupID) {
			denied = append(denied, g.Header)
		}
	}
	if len(denied) > 0 {
		return &refusal{"group_not_allowed", "You cannot manage contacts in these groups: " + strings.Join(denied, ", ") +
			". Remove their columns or ask an administrator to upload the file."}
	}
	return nil
}

func asRefusal(err error) *refusal {
	var r *sheet.Refusal
	if errors.As(err, &r) {
		msg := r.Message
		if r.Line > 0 {
			msg = fmt.Sprintf("Row %d: %s", r.Line, msg)
		}
		return &refusal{r.Reason, msg}
	}
	return nil
}

// headerRefusal words a refused header row for a person.
func headerRefusal(err error) *refusal {
	var e *roster.Error
	if !errors.As(err, &e) {
		return &refusal{"mangled_header", "The first row is not the template's header row. Download the template and copy your contacts into it."}
	}
	msg := e.Message
	for i, f := range e.Fields {
		if i == 10 {
			msg += fmt.Sprintf(" And %d more.", len(e.Fields)-10)
			break
		}
		msg += " " + roster.Clip(f.Field, 60) + ": " + roster.Clip(f.Message, 200) + "."
	}
	reason := e.Reason
	if reason == "" {
		reason = "mangled_header"
	}
	return &refusal{reason, msg}
}
