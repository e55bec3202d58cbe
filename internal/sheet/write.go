package sheet

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Writer writes rows of text cells to a spreadsheet file.
type Writer interface {
	// WriteRow appends one row. The slice is not retained.
	WriteRow(cells []string) error
	// Close finishes the file. It does not close the underlying io.Writer.
	Close() error
}

var _ Writer = (*XLSXWriter)(nil)

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

// Column widths, in Excel character units.
const (
	minColWidth = 10
	maxColWidth = 60
)

// XLSXWriter writes an Excel workbook with excelize's StreamWriter, so rows
// are spooled to a temporary file rather than kept in memory. Every cell is
// a string cell styled as Text ("@"): phone numbers and leading zeros
// survive, and nothing is ever a formula.
type XLSXWriter struct {
	w        io.Writer
	file     *excelize.File
	stream   *excelize.StreamWriter
	sheet    string
	text     int // style ID: Text number format
	header   int // style ID: Text number format, bold
	row      int
	mainDone bool
	closed   bool
	cells    []any
}

// NewXLSXWriter returns a writer of a workbook whose first (active) sheet is
// sheetName (made safe for Excel if needed). The first row written is the
// header: bold and frozen. Close writes the workbook to w.
func NewXLSXWriter(w io.Writer, sheetName string) (*XLSXWriter, error) {
	f := excelize.NewFile()
	x := &XLSXWriter{w: w, file: f, sheet: safeSheetName(sheetName, "Sheet1")}
	if err := x.init(); err != nil {
		_ = f.Close()
		return nil, err
	}
	return x, nil
}

// init renames the default sheet and prepares styles and the stream.
func (x *XLSXWriter) init() error {
	if x.sheet != "Sheet1" {
		if err := x.file.SetSheetName("Sheet1", x.sheet); err != nil {
			return fmt.Errorf("sheet: naming worksheet %q: %w", x.sheet, err)
		}
	}
	var err error
	if x.text, err = x.file.NewStyle(&excelize.Style{NumFmt: 49}); err != nil {
		return fmt.Errorf("sheet: creating text style: %w", err)
	}
	if x.header, err = x.file.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}}); err != nil {
		return fmt.Errorf("sheet: creating header style: %w", err)
	}
	if x.stream, err = x.file.NewStreamWriter(x.sheet); err != nil {
		return fmt.Errorf("sheet: starting worksheet stream: %w", err)
	}
	return nil
}

// WriteRow appends a row to the main sheet. The first row is the header.
func (x *XLSXWriter) WriteRow(cells []string) error {
	if x.closed || x.mainDone {
		return errors.New("sheet: WriteRow after AddSheet or Close")
	}
	if x.row == 0 {
		if err := x.setupColumns(cells); err != nil {
			return err
		}
	}
	x.row++
	style := x.text
	if x.row == 1 {
		style = x.header
	}
	if err := x.setRow(x.stream, x.row, cells, style); err != nil {
		return fmt.Errorf("sheet: writing row %d: %w", x.row, err)
	}
	return nil
}

// setRow writes one row of string cells with the given style.
func (x *XLSXWriter) setRow(sw *excelize.StreamWriter, row int, cells []string, style int) error {
	if len(cells) > excelize.MaxColumns {
		return fmt.Errorf("%d cells is more than Excel's %d columns", len(cells), excelize.MaxColumns)
	}
	x.cells = x.cells[:0]
	for _, c := range cells {
		x.cells = append(x.cells, excelize.Cell{StyleID: style, Value: c})
	}
	cell, err := excelize.CoordinatesToCellName(1, row)
	if err != nil {
		return err
	}
	return sw.SetRow(cell, x.cells)
}

// setupColumns sizes the columns from the header, styles them as Text and
// freezes the header row. The stream writer requires this before any row.
func (x *XLSXWriter) setupColumns(header []string) error {
	if err := freezeHeader(x.stream); err != nil {
		return err
	}
	return styleColumns(x.stream, header, x.text)
}

// freezeHeader freezes the first row.
func freezeHeader(sw *excelize.StreamWriter) error {
	err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if err != nil {
		return fmt.Errorf("sheet: freezing header row: %w", err)
	}
	return nil
}

// styleColumns gives each header column a width fitted to its title and the
// Text number format, so that values typed later in Excel stay text.
func styleColumns(sw *excelize.StreamWriter, header []string, text int) error {
	for i, h := range header {
		col := i + 1
		if col > excelize.MaxColumns {
			break
		}
		width := float64(utf8.RuneCountInString(h))*1.2 + 2
		width = min(max(width, minColWidth), maxColWidth)
		if err := sw.SetColWidth(col, col, width); err != nil {
			return fmt.Errorf("sheet: sizing column %d: %w", col, err)
		}
		if err := sw.SetColStyle(col, col, text); err != nil {
			return fmt.Errorf("sheet: styling column %d: %w", col, err)
		}
	}
	return nil
}

// finishMain flushes the main sheet; no row can be added to it afterwards.
func (x *XLSXWriter) finishMain() error {
	if x.mainDone {
		return nil
	}
	x.mainDone = true
	if err := x.stream.Flush(); err != nil {
		return fmt.Errorf("sheet: finishing worksheet %q: %w", x.sheet, err)
	}
	return nil
}

// AddSheet adds a small extra sheet (e.g. "Instructions") after the main
// sheet, which it finishes: call it after the last WriteRow and before
// Close. The main sheet stays the first and active one. Rows are plain text
// cells; the extra sheet has no header styling.
func (x *XLSXWriter) AddSheet(name string, rows [][]string) error {
	if x.closed {
		return errors.New("sheet: AddSheet after Close")
	}
	if err := x.finishMain(); err != nil {
		return err
	}
	name = safeSheetName(name, fmt.Sprintf("Sheet%d", len(x.file.GetSheetList())+1))
	if idx, _ := x.file.GetSheetIndex(name); idx >= 0 {
		return fmt.Errorf("sheet: adding sheet %q: a sheet with that name already exists", name)
	}
	if _, err := x.file.NewSheet(name); err != nil {
		return fmt.Errorf("sheet: adding sheet %q: %w", name, err)
	}
	sw, err := x.file.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("sheet: adding sheet %q: %w", name, err)
	}
	width := 0
	for _, r := range rows {
		for _, c := range r {
			width = max(width, utf8.RuneCountInString(c))
		}
	}
	if len(rows) > 0 {
		if err := sw.SetColWidth(1, 1, min(max(float64(width)+2, minColWidth), 100)); err != nil {
			return fmt.Errorf("sheet: sizing sheet %q: %w", name, err)
		}
	}
	for i, r := range rows {
		if err := x.setRow(sw, i+1, r, x.text); err != nil {
			return fmt.Errorf("sheet: writing row %d of sheet %q: %w", i+1, name, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet: finishing sheet %q: %w", name, err)
	}
	x.file.SetActiveSheet(0)
	return nil
}

// Close finishes the workbook and writes it to w. It does not close w.
func (x *XLSXWriter) Close() error {
	if x.closed {
		return nil
	}
	x.closed = true
	err := x.finishMain()
	if err == nil {
		x.file.SetActiveSheet(0)
		if werr := x.file.Write(x.w); werr != nil {
			err = fmt.Errorf("sheet: writing workbook: %w", werr)
		}
	}
	if cerr := x.file.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("sheet: closing workbook: %w", cerr)
	}
	return err
}

// safeSheetName makes name acceptable to Excel: no []:*?/\ characters, no
// leading or trailing apostrophe, at most 31 characters; fallback if empty.
func safeSheetName(name, fallback string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, name)
	name = strings.Trim(strings.TrimSpace(name), "'")
	if utf8.RuneCountInString(name) > 31 {
		r := []rune(name)
		name = string(r[:31])
	}
	// Excel counts UTF-16 units; runes outside the BMP take two.
	for len(name) > 0 && utf16Len(name) > 31 {
		r := []rune(name)
		name = string(r[:len(r)-1])
	}
	if name == "" {
		return fallback
	}
	return name
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
