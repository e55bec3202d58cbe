package sheetwrite

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

var _ Writer = (*XLSXWriter)(nil)

// Excel's limits.
const (
	MaxColumns   = 16384   // XFD
	MaxRows      = 1048576 // rows in a worksheet
	maxCellUnits = 32767   // UTF-16 units in a cell; longer text is cut, as Excel does
)

// Column widths, in Excel character units.
const (
	minColWidth = 10
	maxColWidth = 60
)

// Style indexes in styles.xml's cellXfs.
const (
	styleText   = 1 // Text number format ("@", built-in 49)
	styleHeader = 2 // Text number format, bold
)

// XLSXWriter writes an Excel workbook whose cells are all inline strings in
// the Text number format ("@"): phone numbers and leading zeros survive,
// and nothing is ever a formula. Rows go straight into the worksheet's zip
// entry as they are written, so memory does not grow with the rows; the
// workbook's small parts are written by Close.
type XLSXWriter struct {
	zip    *zip.Writer
	sheet  *bufio.Writer // the open worksheet entry, nil when none is open
	sheets []string      // names, in order; the first is the main sheet
	row    int
	// mainDone: the main sheet is finished (AddSheet or Close).
	mainDone bool
	started  bool // the main sheet's entry is open and its head written
	closed   bool
	err      error // the first write error; every later call returns it
	cellBuf  []byte
}

// NewXLSXWriter returns a writer of a workbook whose first (active) sheet is
// sheetName (made safe for Excel if needed). The first row written is the
// header: bold and frozen. Close finishes the workbook; it does not close w.
func NewXLSXWriter(w io.Writer, sheetName string) (*XLSXWriter, error) {
	return &XLSXWriter{zip: zip.NewWriter(w), sheets: []string{safeSheetName(sheetName, "Sheet1")}}, nil
}

// WriteRow appends a row to the main sheet. The first row is the header:
// it sizes the columns, styles them as Text and is frozen.
func (x *XLSXWriter) WriteRow(cells []string) error {
	if x.closed || x.mainDone {
		return errors.New("sheet: WriteRow after AddSheet or Close")
	}
	if x.err != nil {
		return x.err
	}
	if len(cells) > MaxColumns {
		return fmt.Errorf("sheet: writing row %d: %d cells is more than Excel's %d columns", x.row+1, len(cells), MaxColumns)
	}
	if x.row >= MaxRows {
		return fmt.Errorf("sheet: writing row %d: more than Excel's %d rows", x.row+1, MaxRows)
	}
	if !x.started {
		x.started = true
		x.openSheet(1, headerColumns(cells), true)
	}
	x.row++
	style := styleText
	if x.row == 1 {
		style = styleHeader
	}
	x.writeRow(x.row, cells, style)
	if x.err != nil {
		return fmt.Errorf("sheet: writing row %d: %w", x.row, x.err)
	}
	return nil
}

// column is a <col> of a worksheet.
type column struct {
	width float64
	style int
}

// headerColumns fits each column's width to its title and gives it the Text
// format, so that values typed later in Excel stay text.
func headerColumns(header []string) []column {
	cols := make([]column, len(header))
	for i, h := range header {
		width := float64(utf8.RuneCountInString(h))*1.2 + 2
		cols[i] = column{width: min(max(width, minColWidth), maxColWidth), style: styleText}
	}
	return cols
}

// openSheet opens worksheet n's zip entry and writes its head: the view
// (the header frozen when frozen), the columns and the start of the data.
func (x *XLSXWriter) openSheet(n int, cols []column, frozen bool) {
	if x.err != nil {
		return
	}
	entry, err := x.zip.Create("xl/worksheets/sheet" + strconv.Itoa(n) + ".xml")
	if err != nil {
		x.err = err
		return
	}
	x.sheet = bufio.NewWriterSize(entry, 64<<10)
	b := x.sheet
	b.WriteString(xml.Header)
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<sheetViews><sheetView workbookViewId="0"`)
	if n == 1 {
		b.WriteString(` tabSelected="1"`)
	}
	if frozen {
		b.WriteString(`><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`)
	} else {
		b.WriteString(`/></sheetViews>`)
	}
	b.WriteString(`<sheetFormatPr defaultRowHeight="15"/>`)
	if len(cols) > 0 {
		b.WriteString(`<cols>`)
		for i, c := range cols {
			n := strconv.Itoa(i + 1)
			fmt.Fprintf(b, `<col min="%s" max="%s" width="%s" customWidth="1"`, n, n, strconv.FormatFloat(c.width, 'f', -1, 64))
			if c.style != 0 {
				fmt.Fprintf(b, ` style="%d"`, c.style)
			}
			b.WriteString(`/>`)
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
}

// writeRow writes one row of inline string cells with the given style.
func (x *XLSXWriter) writeRow(row int, cells []string, style int) {
	if x.err != nil {
		return
	}
	b := x.cellBuf[:0]
	var digits [20]byte
	r := strconv.AppendInt(digits[:0], int64(row), 10)
	b = append(b, `<row r="`...)
	b = append(b, r...)
	b = append(b, `">`...)
	for i, c := range cells {
		b = append(b, `<c r="`...)
		b = appendColumnName(b, i+1)
		b = append(b, r...)
		b = append(b, `" s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, `" t="inlineStr"><is><t`...)
		b = appendCellText(b, c)
		b = append(b, `</t></is></c>`...)
	}
	b = append(b, `</row>`...)
	x.cellBuf = b
	if _, err := x.sheet.Write(b); err != nil {
		x.err = err
	}
}

// closeSheet ends the open worksheet and flushes it into its zip entry.
func (x *XLSXWriter) closeSheet() {
	if x.err != nil || x.sheet == nil {
		return
	}
	x.sheet.WriteString(`</sheetData></worksheet>`)
	if err := x.sheet.Flush(); err != nil {
		x.err = err
	}
	x.sheet = nil
}

// finishMain ends the main sheet; no row can be added to it afterwards.
func (x *XLSXWriter) finishMain() error {
	if x.mainDone {
		return x.err
	}
	x.mainDone = true
	if !x.started {
		x.started = true
		x.openSheet(1, nil, false)
	}
	x.closeSheet()
	if x.err != nil {
		return fmt.Errorf("sheet: finishing worksheet %q: %w", x.sheets[0], x.err)
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
	name = safeSheetName(name, fmt.Sprintf("Sheet%d", len(x.sheets)+1))
	for _, s := range x.sheets {
		// Excel compares sheet names without regard to case.
		if strings.EqualFold(s, name) {
			return fmt.Errorf("sheet: adding sheet %q: a sheet with that name already exists", name)
		}
	}
	width := 0
	for _, r := range rows {
		if len(r) > MaxColumns {
			return fmt.Errorf("sheet: adding sheet %q: %d cells is more than Excel's %d columns", name, len(r), MaxColumns)
		}
		for _, c := range r {
			width = max(width, utf8.RuneCountInString(c))
		}
	}
	if len(rows) > MaxRows {
		return fmt.Errorf("sheet: adding sheet %q: more than Excel's %d rows", name, MaxRows)
	}
	x.sheets = append(x.sheets, name)
	var cols []column
	if len(rows) > 0 {
		cols = []column{{width: min(max(float64(width)+2, minColWidth), 100)}}
	}
	x.openSheet(len(x.sheets), cols, false)
	for i, r := range rows {
		x.writeRow(i+1, r, styleText)
	}
	x.closeSheet()
	if x.err != nil {
		return fmt.Errorf("sheet: adding sheet %q: %w", name, x.err)
	}
	return nil
}

// Close finishes the workbook: the main sheet if still open, then the
// workbook, its relationships, the styles and the content types, and the
// zip's directory. It does not close w.
func (x *XLSXWriter) Close() error {
	if x.closed {
		return nil
	}
	x.closed = true
	if err := x.finishMain(); err != nil {
		return err
	}
	for _, part := range []struct{ name, body string }{
		{"xl/workbook.xml", x.workbookXML()},
		{"xl/_rels/workbook.xml.rels", x.workbookRels()},
		{"xl/styles.xml", stylesXML},
		{"_rels/.rels", packageRels},
		{"[Content_Types].xml", x.contentTypes()},
	} {
		w, err := x.zip.Create(part.name)
		if err == nil {
			_, err = io.WriteString(w, part.body)
		}
		if err != nil {
			return fmt.Errorf("sheet: writing workbook: %w", err)
		}
	}
	if err := x.zip.Close(); err != nil {
		return fmt.Errorf("sheet: writing workbook: %w", err)
	}
	return nil
}

func (x *XLSXWriter) workbookXML() string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, name := range x.sheets {
		n := strconv.Itoa(i + 1)
		b.WriteString(`<sheet name="`)
		_ = xml.EscapeText(&b, []byte(name))
		b.WriteString(`" sheetId="` + n + `" r:id="rId` + n + `"/>`)
	}
	b.WriteString(`</sheets></workbook>`)
	return b.String()
}

func (x *XLSXWriter) workbookRels() string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := range x.sheets {
		n := strconv.Itoa(i + 1)
		b.WriteString(`<Relationship Id="rId` + n + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + n + `.xml"/>`)
	}
	b.WriteString(`<Relationship Id="rId` + strconv.Itoa(len(x.sheets)+1) + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	b.WriteString(`</Relationships>`)
	return b.String()
}

func (x *XLSXWriter) contentTypes() string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	b.WriteString(`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	for i := range x.sheets {
		b.WriteString(`<Override PartName="/xl/worksheets/sheet` + strconv.Itoa(i+1) + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
	}
	b.WriteString(`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	b.WriteString(`</Types>`)
	return b.String()
}

const packageRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`</Relationships>`

// stylesXML: cellXfs 0 is the default, 1 the Text format (styleText), 2
// the Text format in bold (styleHeader).
const stylesXML = xml.Header + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`

// appendColumnName appends the letters of 1-based column col (1 → A,
// 27 → AA).
func appendColumnName(b []byte, col int) []byte {
	var letters [3]byte
	i := len(letters)
	for col > 0 {
		col--
		i--
		letters[i] = byte('A' + col%26)
		col /= 26
	}
	return append(b, letters[i:]...)
}

// appendCellText appends the rest of a <t> element's start tag and its
// text, as Excel stores a string: cut at Excel's 32,767 UTF-16 units,
// xml:space="preserve" when it starts or ends with white space, a literal
// _xHHHH_ escaped as _x005F_xHHHH_ (the form Excel uses for characters XML
// cannot hold), and a character XML 1.0 forbids replaced by U+FFFD.
func appendCellText(b []byte, s string) []byte {
	s = truncateUTF16(s, maxCellUnits)
	if s != "" && (isXMLSpace(s[0]) || isXMLSpace(s[len(s)-1])) {
		b = append(b, ` xml:space="preserve">`...)
	} else {
		b = append(b, '>')
	}
	s = escapeBSTR(s)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&#34;"...)
		case r == '\'':
			b = append(b, "&#39;"...)
		case r == '\t':
			b = append(b, "&#x9;"...)
		case r == '\r':
			b = append(b, "&#xD;"...)
		case r == '\n':
			b = append(b, '\n')
		case r == utf8.RuneError && size == 1, !isXMLChar(r):
			b = append(b, "\uFFFD"...)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isXMLChar reports whether r may appear in an XML 1.0 document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// escapeBSTR escapes the underscore that starts each _xHHHH_ in s (also
// where two overlap) as _x005F_, so that a reader does not decode the text
// as an escaped character.
func escapeBSTR(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i+7 <= len(s); i++ {
		if s[i] == '_' && s[i+1] == 'x' && isHex4(s[i+2:i+6]) && s[i+6] == '_' {
			b.WriteString(s[last:i])
			b.WriteString("_x005F")
			last = i // the underscore itself stays, now escaped
		}
	}
	if last == 0 && b.Len() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isHex4(s string) bool {
	for i := range 4 {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// truncateUTF16 cuts s to at most n UTF-16 units, at a character boundary.
func truncateUTF16(s string, n int) string {
	if len(s) <= n { // every rune is at least one byte and at most two units
		return s
	}
	units := 0
	for i, r := range s {
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if units+u > n {
			return s[:i]
		}
		units += u
	}
	return s
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
	// Excel counts UTF-16 units; characters outside the BMP take two.
	name = truncateUTF16(strings.Trim(strings.TrimSpace(name), "'"), 31)
	if name == "" {
		return fallback
	}
	return name
}
