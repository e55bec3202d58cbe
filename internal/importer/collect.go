package importer

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/sheetwrite"
)

// collector receives each row's fate: planned rows go to the plan, refused
// rows to the error report (the original cells plus an Errors column), and
// the first few of each to the import for review.
type collector struct {
	w       *Worker
	imp     roster.ContactImport
	plans   *planWriter
	header  []string
	report  *os.File
	csv     sheetwrite.Writer
	summary roster.ImportSummary
	errors  []roster.ImportRowError
	changes []roster.ImportChange
}

func (w *Worker) newCollector(ctx context.Context, imp roster.ContactImport, header []string) (*collector, error) {
	return &collector{w: w, imp: imp, plans: newPlanWriter(ctx, w.Uploads, imp.OrgID, imp.ID), header: append([]string(nil), header...)}, nil
}

func (c *collector) plan(l planLine) error {
	if l.Op == opCreate {
		c.summary.New++
	} else {
		c.summary.Updated++
	}
	return c.plans.add(l)
}

func (c *collector) change(ch roster.ImportChange) {
	if len(c.changes) < roster.MaxImportSamples {
		c.changes = append(c.changes, sampleChange(ch))
	}
}

func (c *collector) unchanged() { c.summary.Unchanged++ }

func (c *collector) reject(line int, cells []string, problems []roster.FieldError, conflict bool) error {
	c.summary.Errors++
	if conflict {
		c.summary.Conflicts++
	}
	if len(c.errors) < roster.MaxImportSamples {
		c.errors = append(c.errors, roster.ImportRowError{Line: line, Problems: sampleProblems(problems)})
	}
	if c.csv == nil {
		f, err := os.CreateTemp(c.w.TempDir, "errors-*.csv")
		if err != nil {
			return err
		}
		c.report, c.csv = f, sheetwrite.NewCSVWriter(f)
		if err := c.csv.WriteRow(append(slices.Clone(c.header), roster.ErrorsColumn)); err != nil {
			return err
		}
	}
	row := make([]string, 0, len(c.header)+1)
	row = append(row, cells...)
	for len(row) < len(c.header) {
		row = append(row, "")
	}
	msgs := make([]string, 0, len(problems))
	for _, p := range problems {
		msgs = append(msgs, p.Field+": "+p.Message)
	}
	return c.csv.WriteRow(append(row, "Row "+strconv.Itoa(line)+": "+strings.Join(msgs, "; ")))
}

// sample keeps what a person reviews small: the import item holds up to
// MaxImportSamples of each, and must stay far below DynamoDB's 400 KB.
func sampleProblems(ps []roster.FieldError) []roster.FieldError {
	out := make([]roster.FieldError, 0, min(len(ps), maxSampleProblems))
	for _, p := range ps[:min(len(ps), maxSampleProblems)] {
		out = append(out, roster.FieldError{Field: roster.Clip(p.Field, 100), Message: roster.Clip(p.Message, 300)})
	}
	return out
}

func sampleChange(ch roster.ImportChange) roster.ImportChange {
	ch.Name = roster.Clip(ch.Name, 100)
	changes := make([]roster.ContactChange, 0, min(len(ch.Changes), maxSampleProblems))
	for _, d := range ch.Changes[:min(len(ch.Changes), maxSampleProblems)] {
		changes = append(changes, roster.ContactChange{Field: roster.Clip(d.Field, 100), Old: roster.Clip(d.Old, 200), New: roster.Clip(d.New, 200)})
	}
	ch.Changes = changes
	return ch
}

const maxSampleProblems = 10

// finish uploads the last plan part and the error report.
func (c *collector) finish(ctx context.Context) (checkResult, error) {
	res := checkResult{summary: c.summary, errors: c.errors, changes: c.changes}
	if err := c.plans.flush(); err != nil {
		return res, err
	}
	res.parts = c.plans.parts
	if c.csv != nil {
		if err := c.csv.Close(); err != nil {
			return res, err
		}
		if _, err := c.report.Seek(0, 0); err != nil {
			return res, err
		}
		key := imports.ErrorReportKey(c.imp.OrgID, c.imp.ID)
		if err := c.w.Uploads.Put(ctx, key, c.report, "text/csv; charset=utf-8", nil); err != nil {
			return res, err
		}
		res.reportKey = key
	}
	return res, nil
}

func (c *collector) close() {
	if c.report != nil {
		c.report.Close()
		os.Remove(c.report.Name())
	}
}
