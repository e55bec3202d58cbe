package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/xuri/excelize/v2"

	"github.com/roster-app/roster/internal/sheetwrite"
)

// readBytes reads every row of b.
func readBytes(t *testing.T, b []byte, lim Limits) (*Reader, [][]string, []int, error) {
	t.Helper()
	return readAll(t, bytes.NewReader(b), int64(len(b)), lim)
}

// wantRefusal fails unless err is a *Refusal with reason (and line, if >0)
// and a message for people.
func wantRefusal(t *testing.T, err error, reason string, line int) {
	t.Helper()
	ref, ok := AsRefusal(err)
	if !ok {
		t.Fatalf("got %v (%T), want refusal %q", err, err, reason)
	}
	if ref.Reason != reason {
		t.Fatalf("got refusal %q (%s), want %q", ref.Reason, ref.Message, reason)
	}
	if line > 0 && ref.Line != line {
		t.Errorf("refusal line %d, want %d", ref.Line, line)
	}
	if len(ref.Message) < 20 || !strings.HasSuffix(ref.Message, ".") {
		t.Errorf("message %q is not a sentence for a person", ref.Message)
	}
}

// zipOf builds a ZIP archive from name/content pairs.
func zipOf(t *testing.T, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(entries); i += 2 {
		w, err := zw.Create(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, entries[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// declaredBomb is a ZIP whose only entry claims to inflate to 1 TiB.
func declaredBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	payload := []byte("not really compressed")
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               "xl/worksheets/sheet1.xml",
		Method:             zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(payload),
		CompressedSize64:   uint64(len(payload)),
		UncompressedSize64: 1 << 40,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(payload); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writtenXLSX returns a workbook made by sheetwrite.NewXLSXWriter.
func writtenXLSX(t testing.TB, rows [][]string, extra map[string][][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	x, err := sheetwrite.NewXLSXWriter(&buf, "Contacts")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := x.WriteRow(r); err != nil {
			t.Fatal(err)
		}
	}
	for name, rows := range extra {
		if err := x.AddSheet(name, rows); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// numberedRows returns a header and n data rows of CSV text.
func numberedRows(n int) string {
	var sb strings.Builder
	sb.WriteString("name,phone\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&sb, "person %d,555%04d\n", i, i)
	}
	return sb.String()
}

// oleWith is an OLE2 header followed by UTF-16LE stream names at offset.
func oleWith(offset int, names ...string) []byte {
	b := make([]byte, offset)
	copy(b, oleMagic)
	for _, n := range names {
		b = append(b, utf16le(n)...)
		b = append(b, make([]byte, 64)...)
	}
	return b
}

// failingReaderAt fails every read: used to prove nothing is read.
type failingReaderAt struct{}

func (failingReaderAt) ReadAt([]byte, int64) (int, error) { return 0, errors.New("must not read") }

func TestRefusals(t *testing.T) {
	xlsx := writtenXLSX(t, [][]string{{"name"}, {"Ann"}}, nil)
	tests := []struct {
		name   string
		data   []byte
		lim    Limits
		reason string
		line   int
	}{
		{"zero bytes", nil, Limits{}, "empty_file", 0},
		{"only blank rows", []byte("\n\n  ,  \n,,\r\n\t\n"), Limits{}, "empty_file", 0},
		{"only a BOM", []byte("\xEF\xBB\xBF"), Limits{}, "empty_file", 0},
		{"empty xlsx", writtenXLSX(t, nil, nil), Limits{}, "empty_file", 0},
		{"too large", []byte("name\nAnn\n"), Limits{MaxBytes: 4}, "too_large", 0},
		{"ole2 encrypted", oleWith(512, "Root Entry", "EncryptionInfo", "EncryptedPackage"), Limits{}, "password_protected", 0},
		{"ole2 encrypted name across chunk", oleWith(256<<10-7, "EncryptedPackage"), Limits{}, "password_protected", 0},
		{"ole2 workbook", oleWith(512, "Root Entry", "Workbook"), Limits{}, "legacy_xls", 0},
		{"ole2 word", oleWith(512, "Root Entry", "WordDocument"), Limits{}, "not_a_spreadsheet", 0},
		{"pdf", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), Limits{}, "not_a_spreadsheet", 0},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Limits{}, "not_a_spreadsheet", 0},
		{"jpeg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF"), Limits{}, "not_a_spreadsheet", 0},
		{"nul bytes", append([]byte("ab"), make([]byte, 2000)...), Limits{}, "not_a_spreadsheet", 0},
		{"html", []byte("<!DOCTYPE html>\n<html><table><tr><td>a</td></tr></table></html>"), Limits{}, "not_a_spreadsheet", 0},
		{"excel 2003 xml", []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>`), Limits{}, "xml_spreadsheet", 0},
		{"truncated xlsx", xlsx[:len(xlsx)/2], Limits{}, "corrupt_xlsx", 0},
		{"xlsx missing workbook", zipOf(t, "[Content_Types].xml", `<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`), Limits{}, "corrupt_xlsx", 0},
		{"garbage workbook xml", zipOf(t, "xl/workbook.xml", "<workbook><sheets><sheet name=", "[Content_Types].xml", "<Types/>"), Limits{}, "corrupt_xlsx", 0},
		{"plain zip", zipOf(t, "notes.txt", "hello"), Limits{}, "not_a_spreadsheet", 0},
		{"ods", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>"), Limits{}, "ods", 0},
		{"numbers", zipOf(t, "Index/Document.iwa", "x", "Metadata/Properties.plist", "x"), Limits{}, "numbers", 0},
		{"xlsb", zipOf(t, "xl/workbook.bin", "x"), Limits{}, "xlsb", 0},
		{"zip bomb declared size", declaredBomb(t), Limits{}, "zip_bomb", 0},
		{"zip bomb ratio", zipOf(t, "xl/worksheets/sheet1.xml", strings.Repeat("\x00", 11<<20)), Limits{}, "zip_bomb", 0},
		{"zip bomb total", xlsx, Limits{MaxUnzipped: 1000}, "zip_bomb", 0},
		{"too many rows csv", []byte(numberedRows(10)), Limits{MaxRows: 5}, "too_many_rows", 6},
		{"too many rows xlsx", writtenXLSX(t, [][]string{{"h"}, {"1"}, {"2"}, {"3"}}, nil), Limits{MaxRows: 3}, "too_many_rows", 4},
		{"too many columns csv", []byte("a,b,c\n1,2,3,4,5\n"), Limits{MaxColumns: 3}, "too_many_columns", 2},
		{"too many columns xlsx", writtenXLSX(t, [][]string{{"a", "b", "c", "d"}}, nil), Limits{MaxColumns: 3}, "too_many_columns", 1},
		{"not utf8 after 64 KiB", []byte(numberedRows(5000) + "caf\xe9,1\n"), Limits{}, "not_utf8", 5002},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := readBytes(t, tc.data, tc.lim)
			wantRefusal(t, err, tc.reason, tc.line)
		})
	}
}

func TestTooLargeReadsNothing(t *testing.T) {
	_, err := Open(failingReaderAt{}, 1<<40, Limits{})
	wantRefusal(t, err, "too_large", 0)
}

func TestRowsBeforeRefusalAreReturned(t *testing.T) {
	_, rows, _, err := readBytes(t, []byte(numberedRows(10)), Limits{MaxRows: 5})
	wantRefusal(t, err, "too_many_rows", 6)
	if len(rows) != 5 || rows[4][0] != "person 4" {
		t.Errorf("rows before the refusal: %q", rows)
	}
}

func TestTextEncodings(t *testing.T) {
	utf16 := func(s string, bigEndian, bom bool) []byte {
		var b []byte
		if bom {
			b = utf16le("\uFEFF")
		}
		b = append(b, utf16le(s)...)
		if bigEndian {
			for i := 0; i+1 < len(b); i += 2 {
				b[i], b[i+1] = b[i+1], b[i]
			}
		}
		return b
	}
	tests := []struct {
		name string
		data []byte
		want [][]string
	}{
		{"utf8 bom", []byte("\xEF\xBB\xBFname,city\nZoë,Tel Aviv-Yafo 🍣\n"), [][]string{{"name", "city"}, {"Zoë", "Tel Aviv-Yafo 🍣"}}},
		{"windows-1252", []byte("name;price\nJos\xe9;\x8020\n"), [][]string{{"name", "price"}, {"José", "€20"}}},
		{"utf16le bom", utf16("name\tphone\r\nשלום\t+972\r\n", false, true), [][]string{{"name", "phone"}, {"שלום", "+972"}}},
		{"utf16be bom", utf16("name,phone\nAnn,0123\n", true, true), [][]string{{"name", "phone"}, {"Ann", "0123"}}},
		{"utf16le no bom", utf16("name,phone\nAnn,0123\n", false, false), [][]string{{"name", "phone"}, {"Ann", "0123"}}},
		{"cr only", []byte("a,b\r1,2\r\"x\ry\",3\r"), [][]string{{"a", "b"}, {"1", "2"}, {"x\ny", "3"}}},
		{"no final newline", []byte("a,b\n1,2"), [][]string{{"a", "b"}, {"1", "2"}}},
		{"unterminated quote", []byte("a,b\n\"1,2\n"), [][]string{{"a", "b"}, {"1,2\n"}}},
		{"bare quote", []byte("a,b\n5\" pipe,2\n"), [][]string{{"a", "b"}, {"5\" pipe", "2"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rd, rows, _, err := readBytes(t, tc.data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if rd.Format() != CSV {
				t.Errorf("format %q", rd.Format())
			}
			if !reflect.DeepEqual(rows, tc.want) {
				t.Errorf("got %q, want %q", rows, tc.want)
			}
		})
	}
}

func TestDelimiterSniffing(t *testing.T) {
	tests := []struct {
		name, data string
		want       [][]string
	}{
		{"comma", "a,b;c\n1,2;3\n", [][]string{{"a", "b;c"}, {"1", "2;3"}}},
		{"semicolon", "name;phone;note\nAnn;555;x, y\n", [][]string{{"name", "phone", "note"}, {"Ann", "555", "x, y"}}},
		{"tab", "name\tnote\nAnn\ta, b; c\n", [][]string{{"name", "note"}, {"Ann", "a, b; c"}}},
		{"quoted commas ignored", "\"a,b,c\";d;e\n1;2;3\n", [][]string{{"a,b,c", "d", "e"}, {"1", "2", "3"}}},
		{"single column", "email\na@b.c\n", [][]string{{"email"}, {"a@b.c"}}},
		{"excel sep line", "sep=;\r\na;b\r\n1,5;2\r\n", [][]string{{"a", "b"}, {"1,5", "2"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, rows, lines, err := readBytes(t, []byte(tc.data), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rows, tc.want) {
				t.Errorf("got %q, want %q", rows, tc.want)
			}
			if lines[0] != 1 {
				t.Errorf("header on line %d", lines[0])
			}
		})
	}
}

func TestCSVLineNumbers(t *testing.T) {
	data := "h1,h2\n\nx,y\n\"multi\nline\",z\n  ,  \nlast,q\r\n\r\nend,1"
	_, rows, lines, err := readBytes(t, []byte(data), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	// Rows as a spreadsheet program shows them: 1 header, 2 blank, 3 x,
	// 4 multi-line cell, 5 whitespace only, 6 last, 7 blank, 8 end.
	if want := []int{1, 3, 4, 6, 8}; !reflect.DeepEqual(lines, want) {
		t.Errorf("lines %v, want %v (rows %q)", lines, want, rows)
	}
	// Invalid UTF-8 within the first 64 KiB means Windows-1252, not a refusal.
	_, rows, lines, err = readBytes(t, []byte("a\n\n\nb\xff\n"), Limits{})
	if err != nil || !reflect.DeepEqual(rows, [][]string{{"a"}, {"bÿ"}}) || !reflect.DeepEqual(lines, []int{1, 4}) {
		t.Errorf("got %q at %v (%v)", rows, lines, err)
	}
}

func TestCRLFReaderBufferBoundaries(t *testing.T) {
	in := "a\r\nb\rc\r\r\nd\n\re\r"
	want := "a\nb\nc\n\nd\n\ne\n"
	for name, r := range map[string]io.Reader{
		"one byte": iotest.OneByteReader(strings.NewReader(in)),
		"half":     iotest.HalfReader(strings.NewReader(in)),
		"data err": iotest.DataErrReader(strings.NewReader(in)),
		"whole":    strings.NewReader(in),
	} {
		got, err := io.ReadAll(&crlfReader{r: r})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(got) != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
}

// customFormatWorkbook builds, with excelize, a workbook whose first sheet
// is hidden and whose second holds numbers with display formats.
func customFormatWorkbook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellValue("Sheet1", "A1", "hidden sheet: must not be read"))
	idx, err := f.NewSheet("Data")
	must(err)
	f.SetActiveSheet(idx)
	must(f.SetSheetVisible("Sheet1", false))
	style := func(code string) int {
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		must(err)
		return id
	}
	sci, zip5, pct := style("0.00E+00"), style("00000"), style("0%")
	must(f.SetSheetRow("Data", "A1", &[]any{"sci", "zip", "bool", "general", "percent", "huge"}))
	must(f.SetSheetRow("Data", "A2", &[]any{int64(8595602512225), 2134, true, int64(8595602512225), 0.5, 1.5e20}))
	for cell, id := range map[string]int{"A2": sci, "B2": zip5, "E2": pct, "F2": sci} {
		must(f.SetCellStyle("Data", cell, cell, id))
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func TestXLSXDisplayedValues(t *testing.T) {
	rd, rows, lines, err := readBytes(t, customFormatWorkbook(t), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if rd.Format() != XLSX {
		t.Errorf("format %q", rd.Format())
	}
	want := [][]string{
		{"sci", "zip", "bool", "general", "percent", "huge"},
		{"8595602512225", "02134", "TRUE", "8595602512225", "50%", "150000000000000000000"},
	}
	if !reflect.DeepEqual(rows, want) || !reflect.DeepEqual(lines, []int{1, 2}) {
		t.Errorf("got %q at %v, want %q", rows, lines, want)
	}
}

// FuzzOpen checks that no input panics and that failures are refusals.
func FuzzOpen(f *testing.F) {
	for _, seed := range []string{"a,b\n1,2\n", "\xEF\xBB\xBFx;y\r\n", "%PDF", "PK\x03\x04", string(oleMagic)} {
		f.Add([]byte(seed))
	}
	f.Add(customFormatWorkbookBytes(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := Open(bytes.NewReader(data), int64(len(data)), Limits{MaxUnzipped: 1 << 20})
		if err != nil {
			if _, ok := AsRefusal(err); !ok {
				t.Fatalf("non-refusal error: %v", err)
			}
			return
		}
		defer rd.Close()
		for {
			if _, err := rd.Next(); err != nil {
				if _, ok := AsRefusal(err); !ok && !errors.Is(err, io.EOF) {
					t.Fatalf("non-refusal error: %v", err)
				}
				return
			}
		}
	})
}

// customFormatWorkbookBytes is a small XLSX seed for the fuzzer.
func customFormatWorkbookBytes(tb testing.TB) []byte {
	return writtenXLSX(tb, [][]string{{"name", "phone"}, {"Ann", "+1555"}}, nil)
}

func TestXLSXStoredValuesCatchUp(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	code := "0.0E+0"
	sci, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 30; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i*2) // gaps between rows
		if err := f.SetCellValue("Sheet1", cell, int64(4915112345600+i)); err != nil {
			t.Fatal(err)
		}
		if i == 10 || i == 11 || i == 25 {
			if err := f.SetCellStyle("Sheet1", cell, cell, sci); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	_, rows, lines, err := readBytes(t, buf.Bytes(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 30 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, row := range rows {
		want := strconv.FormatInt(int64(4915112345600+i+1), 10)
		if len(row) != 1 || row[0] != want || lines[i] != 2*(i+1) {
			t.Errorf("row %d at line %d: %q, want %q at %d", i, lines[i], row, want, 2*(i+1))
		}
	}
}
