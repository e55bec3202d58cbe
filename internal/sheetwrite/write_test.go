package sheetwrite

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/roster-app/roster/internal/sheet"
)

// readBack reads every row of a written file with internal/sheet, the
// reader imports go through.
func readBack(t *testing.T, b []byte) (*sheet.Reader, [][]string, []int, error) {
	t.Helper()
	rd, err := sheet.Open(bytes.NewReader(b), int64(len(b)), sheet.Limits{})
	if err != nil {
		return nil, nil, nil, err
	}
	defer func() {
		if err := rd.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}()
	var rows [][]string
	var lines []int
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return rd, rows, lines, nil
		}
		if err != nil {
			return rd, rows, lines, err
		}
		rows = append(rows, append([]string(nil), row...))
		lines = append(lines, rd.Line())
	}
}

// writtenXLSX returns a workbook made by NewXLSXWriter.
func writtenXLSX(t testing.TB, rows [][]string, extra ...[]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	x, err := NewXLSXWriter(&buf, "Contacts")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := x.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i+1 < len(extra); i += 2 {
		var lines [][]string
		for _, l := range extra[i+1] {
			lines = append(lines, []string{l})
		}
		if err := x.AddSheet(extra[i][0], lines); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"=SUM(A1:A2)": "'=SUM(A1:A2)", "+15551234567": "'+15551234567", "-2": "'-2",
		"@SUM(1)": "'@SUM(1)", "\tcmd": "'\tcmd", "\rcmd": "'\rcmd",
		"": "", "Ann": "Ann", "a=b": "a=b", "'quoted": "'quoted", " =x": " =x",
	} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVWriterRoundTrip(t *testing.T) {
	rows := [][]string{
		{"name", "phone", "note"},
		{"=HYPERLINK(\"http://evil\",\"x\")", "+15551234567", "-5"},
		{"@SUM(1+1)", "00123", "\tTabbed"},
		{"Zoë, \"the\" boss", "line\nbreak", "'apostrophe kept"},
		{"", "middle", "שלום 🍣"},
	}
	var buf bytes.Buffer
	w := NewCSVWriter(&buf)
	for _, r := range rows {
		if err := w.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFFname,phone,note\r\n") {
		t.Errorf("no BOM or CRLF: %q", out[:min(len(out), 30)])
	}
	for _, s := range []string{`"'=HYPERLINK(""http://evil"",""x"")"`, "'+15551234567", "'-5", "'@SUM(1+1)", "'\tTabbed"} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks neutralised %q:\n%s", s, out)
		}
	}
	_, got, _, err := readBack(t, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rows) {
		t.Errorf("round trip:\n got %q\nwant %q", got, rows)
	}
}

func TestXLSXWriterRoundTrip(t *testing.T) {
	rows := [][]string{
		{"Name", "Phone", "Zip", "Note"},
		{"Ann", "+15551234567", "00123", "=1+1"},
		{"Bob", "0044 20 7946 0000", "02134", "8595602512225"},
		{"Zoë 🍣", "1e5", "TRUE", "2024-01-02"},
	}
	data := writtenXLSX(t, rows, []string{"Instructions"}, []string{"Fill in one contact per row.", "Do not rename the header."})
	rd, got, lines, err := readBack(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if rd.Format() != sheet.XLSX {
		t.Errorf("format %q", rd.Format())
	}
	if !reflect.DeepEqual(got, rows) || !reflect.DeepEqual(lines, []int{1, 2, 3, 4}) {
		t.Errorf("round trip:\n got %q at %v\nwant %q", got, lines, rows)
	}

	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if list := f.GetSheetList(); !reflect.DeepEqual(list, []string{"Contacts", "Instructions"}) {
		t.Errorf("sheets %v", list)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d", f.GetActiveSheetIndex())
	}
	for _, cell := range []string{"B2", "C2", "D2", "D3"} {
		typ, err := f.GetCellType("Contacts", cell)
		if err != nil || typ != excelize.CellTypeInlineString {
			t.Errorf("%s: type %v (%v), want string", cell, typ, err)
		}
	}
	panes, err := f.GetPanes("Contacts")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	headerStyle, _ := f.GetCellStyle("Contacts", "A1")
	hs, err := f.GetStyle(headerStyle)
	if err != nil || hs.Font == nil || !hs.Font.Bold || hs.NumFmt != 49 {
		t.Errorf("header style %+v %v", hs, err)
	}
	bodyStyle, _ := f.GetCellStyle("Contacts", "B2")
	if bs, err := f.GetStyle(bodyStyle); err != nil || bs.NumFmt != 49 {
		t.Errorf("body style %+v %v", bs, err)
	}
	if w, err := f.GetColWidth("Contacts", "A"); err != nil || w < minColWidth || w > maxColWidth {
		t.Errorf("column width %v %v", w, err)
	}
}

func TestXLSXWriterMisuse(t *testing.T) {
	var buf bytes.Buffer
	x, err := NewXLSXWriter(&buf, "Bad:/Name?[]that is far too long for Excel")
	if err != nil {
		t.Fatal(err)
	}
	if err := x.WriteRow([]string{"a"}); err != nil {
		t.Fatal(err)
	}
	if err := x.AddSheet("Help", [][]string{{"x"}}); err != nil {
		t.Fatal(err)
	}
	if err := x.WriteRow([]string{"late"}); err == nil {
		t.Error("WriteRow after AddSheet succeeded")
	}
	if err := x.AddSheet("Help", nil); err == nil {
		t.Error("duplicate sheet name accepted")
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if name := f.GetSheetList()[0]; utf16Len(name) > 31 || strings.ContainsAny(name, ":/?[]") {
		t.Errorf("unsafe sheet name %q", name)
	}
}

// trickyCells are texts whose storage in a workbook has rules: XML's
// escapes and forbidden characters, white space at the ends, Excel's
// _xHHHH_ escape (next to each other), its 32,767-unit cell limit (cut inside
// and next to a character outside the BMP), and bytes that are not UTF-8.
var trickyCells = []string{
	`<b>&amp;"quoted" 'single'</b>`, "  both ends  ", "\tlead tab", "trail newline\n", "two\nlines", "cr\rinside",
	"bell\x07 and nul\x00", "not utf-8: \xff\xfe", "_x0041_", "_x005F_x0041_", "__x0041__x0042_", "_x00zz_", "_x004",
	"Zoë 🍣 שלום", "\uFFFE nonchar", strings.Repeat("a", 32766) + "🍣", strings.Repeat("é", 40000), "=1+1", "",
}

// TestXLSXWriterTextAsExcelizeWrites writes trickyCells with this writer and
// with excelize's StreamWriter (which wrote exports before) and reads both
// back with excelize and with internal/sheet: every cell must read the same.
func TestXLSXWriterTextAsExcelizeWrites(t *testing.T) {
	rows := [][]string{{"header"}}
	for _, c := range trickyCells {
		rows = append(rows, []string{c, "after"})
	}
	ours := writtenXLSX(t, rows)

	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, c := range r {
			cells[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var theirs bytes.Buffer
	if err := f.Write(&theirs); err != nil {
		t.Fatal(err)
	}

	excelizeRows := func(b []byte, sheetName string) [][]string {
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		got, err := f.GetRows(sheetName)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	a, b := excelizeRows(ours, "Contacts"), excelizeRows(theirs.Bytes(), "Sheet1")
	if len(a) != len(b) {
		t.Fatalf("excelize reads %d rows of ours, %d of its own", len(a), len(b))
	}
	for i := range a {
		if !reflect.DeepEqual(a[i], b[i]) {
			t.Errorf("row %d: ours reads %q, excelize's %q", i+1, cut(a[i]), cut(b[i]))
		}
	}
	_, ra, _, err := readBack(t, ours)
	if err != nil {
		t.Fatal(err)
	}
	_, rb, _, err := readBack(t, theirs.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ra, rb) {
		t.Errorf("internal/sheet reads the two differently")
	}
	// What excelize and Excel do, spelled out for three of them.
	for i, want := range map[int]string{9: "_x0041_", 10: "_x005F_x0041_", 7: "bell\uFFFD and nul\uFFFD"} {
		if a[i][0] != want {
			t.Errorf("row %d = %q, want %q", i+1, a[i][0], want)
		}
	}
	if n := utf16Len(a[16][0]); n != 32766 {
		t.Errorf("a cell of 32,766 units and an emoji is cut to %d units, want 32,766 (the emoji whole or not at all)", n)
	}
	if n := len([]rune(a[17][0])); n != 32767 {
		t.Errorf("40,000 é read back as %d, want Excel's 32,767", n)
	}
}

func cut(r []string) []string {
	out := make([]string, len(r))
	for i, c := range r {
		if len(c) > 40 {
			c = c[:40] + "…"
		}
		out[i] = c
	}
	return out
}

// TestXLSXWriterEscapesWhereExcelizeDidNot: two rare texts whose escape
// excelize's writer gets wrong, which this writer keeps as typed: _xHHHH_
// sequences that share an underscore (excelize escapes only the first, so
// "_x0041_x0042_" read back as "_x0041B"), and _xD800_, a surrogate's code
// (excelize leaves it unescaped, and it read back as nothing).
func TestXLSXWriterEscapesWhereExcelizeDidNot(t *testing.T) {
	cells := []string{"_x0041_x0042_", "a_x0041_x0042_x0043_", "_xD800_", "_x005F_x005F_"}
	rows := [][]string{{"header"}}
	for _, c := range cells {
		rows = append(rows, []string{c})
	}
	data := writtenXLSX(t, rows)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows("Contacts")
	if err != nil {
		t.Fatal(err)
	}
	_, read, _, err := readBack(t, data)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range cells {
		if got[i+1][0] != want {
			t.Errorf("excelize reads %q, want %q as typed", got[i+1][0], want)
		}
		if read[i+1][0] != want {
			t.Errorf("internal/sheet reads %q, want %q as typed", read[i+1][0], want)
		}
	}
}

// TestXLSXWriterWideAndEmpty: column letters past Z and at Excel's last
// column, a refusal past it, and a workbook with no row at all.
func TestXLSXWriterWideAndEmpty(t *testing.T) {
	header := make([]string, 30)
	for i := range header {
		header[i] = "h"
	}
	header[29] = "last"
	data := writtenXLSX(t, [][]string{header, {"a"}})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if v, err := f.GetCellValue("Contacts", "AD1"); err != nil || v != "last" {
		t.Errorf("AD1 = %q (%v)", v, err)
	}
	f.Close()
	for col, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 702: "ZZ", 703: "AAA", MaxColumns: "XFD"} {
		if got := string(appendColumnName(nil, col)); got != want {
			t.Errorf("column %d = %s, want %s", col, got, want)
		}
	}

	var buf bytes.Buffer
	x, _ := NewXLSXWriter(&buf, "Contacts")
	if err := x.WriteRow(make([]string, MaxColumns+1)); err == nil {
		t.Error("a row wider than Excel's columns was written")
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	f, err = excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("a workbook with no row does not open: %v", err)
	}
	defer f.Close()
	if rows, err := f.GetRows("Contacts"); err != nil || len(rows) != 0 {
		t.Errorf("rows %q (%v)", rows, err)
	}
}

// BenchmarkXLSXWriter writes a contacts export of 100,000 rows of 12 cells
// to io.Discard: bytes and allocations do not grow with the rows, since rows
// go straight into the zip.
func BenchmarkXLSXWriter(b *testing.B) {
	row := []string{"Ann", "Lee", "+12015550123", "ann@example.com", "Acme", "North", "", "subscribed", "2026-01-02T03:04:05Z", "a note", "x", "y"}
	const rows = 100_000
	b.ReportAllocs()
	for b.Loop() {
		x, _ := NewXLSXWriter(io.Discard, "Contacts")
		for range rows {
			if err := x.WriteRow(row); err != nil {
				b.Fatal(err)
			}
		}
		if err := x.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
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
