package exporter

import (
	"bytes"
	"context"

	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/sheetwrite"
)

// Content types of the two formats.
const (
	ContentTypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ContentTypeCSV  = "text/csv; charset=utf-8"
)

// Templates makes the contact template.
type Templates struct {
	Groups roster.GroupLister
}

// Make returns the empty contact spreadsheet with a column for every group
// the caller manages contacts in; the XLSX has an Instructions sheet.
// Returns EInvalid (format), EForbidden.
func (tp Templates) Make(ctx context.Context, c roster.Caller, format string) (roster.SpreadsheetFile, error) {
	type File = roster.SpreadsheetFile
	if format == "" {
		format = "xlsx"
	}
	if format != "xlsx" && format != "csv" {
		var v roster.Validation
		v.Add("format", "must be xlsx or csv")
		return File{}, v.Err()
	}
	tree, err := roster.LoadGroupTree(ctx, tp.Groups, c.OrgID)
	if err != nil {
		return File{}, err
	}
	reach := roster.Reach(c, tree, roster.ActManageContacts)
	if len(reach) == 0 {
		return File{}, roster.Require(c, tree, roster.ActManageContacts, tree.Root().ID)
	}
	header, _ := roster.HeaderFor(tree, reach)
	var buf bytes.Buffer
	if format == "csv" {
		w := sheetwrite.NewCSVWriter(&buf)
		if err := w.WriteRow(header); err != nil {
			return File{}, err
		}
		if err := w.Close(); err != nil {
			return File{}, err
		}
		return File{Name: "contacts-template.csv", ContentType: ContentTypeCSV, Body: buf.Bytes()}, nil
	}
	x, err := sheetwrite.NewXLSXWriter(&buf, "Contacts")
	if err != nil {
		return File{}, err
	}
	if err := x.WriteRow(header); err != nil {
		return File{}, err
	}
	if err := x.AddSheet("Instructions", instructions(header)); err != nil {
		return File{}, err
	}
	if err := x.Close(); err != nil {
		return File{}, err
	}
	return File{Name: "contacts-template.xlsx", ContentType: ContentTypeXLSX, Body: buf.Bytes()}, nil
}

func instructions(header []string) [][]string {
	rows := [][]string{
		{"How to fill in the Contacts sheet"},
		{"One contact per row, under the header row. Keep the header row as it is."},
		{"Put an X in the column of every group the contact belongs to (at least one)."},
		{"Upload the file as an import to add new contacts. To change existing contacts, export them, edit the export and upload it as an update."},
		{"Save as .xlsx or as CSV UTF-8. Up to 100 MB and 1,048,576 rows."},
		{},
		{"Column", "Required", "Notes"},
	}
	for _, col := range roster.ContactColumns {
		req := ""
		if col.Required {
			req = "yes"
		}
		rows = append(rows, []string{col.Header, req, col.Note})
	}
	for _, h := range header[len(roster.ContactColumns):] {
		rows = append(rows, []string{h, "", "Group column: X puts the contact in this group."})
	}
	return rows
}
