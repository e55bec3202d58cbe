package importer

import (
	"context"
	"os"
	"strconv"
	"strings"

	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/sheet"
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
	csv     sheet.Writer
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
		c.changes = append(c.changes, ch)
	}
}

func (c *collector) unchanged() { c.summary.Unchanged++ }

func (c *collector) reject(line int, cells []string, problems []roster.FieldError, conflict bool) error {
	c.summary.Errors++
	if conflict {
		c.summary.Conflicts++
	}
	if len(c.errors) < roster.MaxImportSamples {
		c.errors = append(c.errors, roster.ImportRowError{Line: line, Problems: problems})
	}
	if c.csv == nil {
		f, err := os.CreateTemp(c.w.TempDir, "errors-*.csv")
		if err != nil {
			return err
		}
		c.report, c.csv = f, sheet.NewCSVWriter(f)
		if err := c.csv.WriteRow(append(append([]string{"Row"}, c.header...), "Errors")); err != nil {
			return err
		}
	}
	row := make([]string, 0, len(c.header)+2)
	row = append(row, strconv.Itoa(line))
	row = append(row, cells...)
	for len(row) < len(c.header)+1 {
		row = append(row, "")
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Field+": "+p.Message)
	}
	return c.csv.WriteRow(append(row, strings.Join(msgs, "; ")))
}

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
