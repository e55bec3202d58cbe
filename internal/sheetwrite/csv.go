// Package sheetwrite writes contact spreadsheets: CSV for Excel and XLSX
// workbooks of text cells. It is apart from internal/sheet, which reads
// them with excelize, so that a function that only writes (ExportContacts,
// GetContactTemplate) neither links excelize nor runs its package init at
// every cold start.
//
// NewCSVWriter writes CSV for Excel (UTF-8 BOM, CRLF, RFC 4180 quoting)
// with every cell passed through Neutralise against formula injection;
// internal/sheet's CSV reader undoes Neutralise so exports round-trip.
// NewXLSXWriter streams a workbook of string cells in Text format with a
// bold, frozen header row straight into its zip: memory stays flat in rows.
package sheetwrite

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// bomUTF8 opens a CSV file so that Excel reads it as UTF-8.
var bomUTF8 = []byte{0xEF, 0xBB, 0xBF}

// Writer writes rows of text cells to a spreadsheet file.
type Writer interface {
	// WriteRow appends one row. The slice is not retained.
	WriteRow(cells []string) error
	// Close finishes the file. It does not close the underlying io.Writer.
	Close() error
}

// injectionLead lists the characters that make a spreadsheet program treat
// a cell as a formula (or a DDE command): OWASP's CSV injection list.
const injectionLead = "=+-@\t\r"

// Neutralise defends against CSV/formula injection (OWASP): a cell beginning
// with '=', '+', '-', '@', tab or carriage return gets a leading apostrophe,
// which spreadsheet programs show as text. The CSV reader removes it again.
func Neutralise(cell string) string {
	if cell != "" && strings.IndexByte(injectionLead, cell[0]) >= 0 {
		return "'" + cell
	}
	return cell
}

// csvWriter is the CSV implementation of Writer.
type csvWriter struct {
	w       io.Writer
	csv     *csv.Writer
	started bool
	buf     []string
}

// NewCSVWriter returns a Writer of CSV for Excel: UTF-8 with a BOM (so
// Excel opens it as UTF-8), CRLF line endings, RFC 4180 quoting, and every
// cell passed through Neutralise.
func NewCSVWriter(w io.Writer) Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &csvWriter{w: w, csv: cw}
}

// start writes the byte-order mark once.
func (c *csvWriter) start() error {
	if c.started {
		return nil
	}
	c.started = true
	if _, err := c.w.Write(bomUTF8); err != nil {
		return fmt.Errorf("sheet: writing CSV: %w", err)
	}
	return nil
}

// WriteRow implements Writer.
func (c *csvWriter) WriteRow(cells []string) error {
	if err := c.start(); err != nil {
		return err
	}
	c.buf = c.buf[:0]
	for _, cell := range cells {
		c.buf = append(c.buf, Neutralise(cell))
	}
	if err := c.csv.Write(c.buf); err != nil {
		return fmt.Errorf("sheet: writing CSV row: %w", err)
	}
	return nil
}

// Close implements Writer: it flushes buffered rows.
func (c *csvWriter) Close() error {
	if err := c.start(); err != nil {
		return err
	}
	c.csv.Flush()
	if err := c.csv.Error(); err != nil {
		return fmt.Errorf("sheet: writing CSV: %w", err)
	}
	return nil
}
