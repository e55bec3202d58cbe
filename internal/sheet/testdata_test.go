package sheet

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// want is the expectation for one testdata file: a refusal reason, or rows
// to spot-check (by line) plus the number of non-blank rows.
type want struct {
	refusal string
	format  Format
	rows    map[int][]string // line -> exact row
	cells   map[int]map[int]string
	count   int // number of non-blank rows; 0 = not checked
	lines   []int
}

// fileWants covers every file under testdata/ except csv-spectrum, which
// has its own table test.
var fileWants = map[string]want{
	"csv/csvkit__bad.csv": {format: CSV, count: 4, rows: map[int][]string{
		2: {"1", "27", "", "I'm too long!"}, // ragged: longer than the header
		3: {"", "I'm too short!"},
	}},
	"csv/csvkit__mac_newlines.csv": {format: CSV, count: 3, lines: []int{1, 2, 3}, rows: map[int][]string{
		1: {"a", "b", "c"},
		3: {"Once upon\na time", "5", "6"}, // CR-only endings, CR inside quotes
	}},
	"csv/csvkit__null_byte.csv":              {format: CSV, count: 2, rows: map[int][]string{2: {"", "2", "3"}}},
	"csv/csvkit__test_latin1.csv":            {format: CSV, count: 3, rows: map[int][]string{3: {"4", "5", "©"}}},
	"csv/csvkit__test_no_leading_zeroes.csv": {format: CSV, rows: map[int][]string{2: {"01", "00.11", "0.1"}}},
	"csv/csvkit__test_utf8_bom.csv": {format: CSV, rows: map[int][]string{
		1: {"foo", "bar", "baz"}, // BOM stripped from the first header
		3: {"4", "5", "ʤ"},
	}},
	"csv/sheetjs__Attendance.csv": {format: CSV, rows: map[int][]string{
		2: {"10/1", "FALSE", "TRUE", "TRUE", "TRUE", "TRUE", "TRUE", "FALSE", "TRUE"},
	}, cells: map[int]map[int]string{1: {1: "Ben \nAshley", 4: "Sue \nDaniels"}}},
	"csv/sheetjs__ErrorTypes.csv": {format: CSV, count: 14, lines: []int{1, 2, 3, 4, 5, 6, 7, 8}, cells: map[int]map[int]string{
		1: {0: "Error", 9: "ErrTypeIsErr"},
		3: {0: "#DIV/0!", 7: "TRUE"},
	}},
	"csv/sheetjs__ErrorTypes.txt": {format: CSV, count: 14, cells: map[int]map[int]string{ // UTF-16LE, tabs
		1:  {0: "Error", 9: "ErrTypeIsErr"},
		8:  {0: "#N/A", 8: "TRUE"},
		14: {0: "array", 6: "64"},
	}},
	"csv/sheetjs__crlf.csv": {format: CSV, count: 3, rows: map[int][]string{
		1: {"Normal", "abc\ndef"},
		2: {"Formula", "abc\ndef"},
		3: {"Test"},
	}},
	"csv/sheetjs__text_and_numbers.txt": {format: CSV, count: 3, lines: []int{1, 2, 4}, rows: map[int][]string{
		2: {"Hebrew", "שלום", "עולם"},
		4: {"1337", "13.37", " $1,337.00 "},
	}},

	"ods/sheetjs__merge_cells.ods":      {refusal: "ods"},
	"ods/sheetjs__sheet_visibility.ods": {refusal: "ods"},
	"other/sheetjs__Attendance.numbers": {refusal: "numbers"},
	"xls/sheetjs__merge_cells.xls":      {refusal: "legacy_xls"},
	"xls/sheetjs__text_and_numbers.xls": {refusal: "legacy_xls"},

	"xlsx/excelize__OverflowNumericCell.xlsx": {format: XLSX, count: 1, rows: map[int][]string{1: {"8595602512225"}}},
	"xlsx/sheetjs__1900.xlsx": {format: XLSX, count: 5, rows: map[int][]string{
		1: {"1", "1900-01-01", "1900-01-01", "1900-01-01"},
		5: {"11111", "1930-06-02", "1930-06-02", "1930-06-02"},
	}},
	// Column B (date-formatted serials) is off for serials below 61 in the
	// 1904 system: an excelize formatting bug; the cached TEXT() columns
	// are right. Only the agreeing cells are asserted.
	"xlsx/sheetjs__1904.xlsx": {format: XLSX, count: 5, cells: map[int]map[int]string{
		1: {0: "1", 2: "1904-01-02", 3: "1904-01-02"},
		3: {0: "111", 1: "1904-04-21", 2: "1904-04-21"},
	}},
	"xlsx/sheetjs__Attendance.xlsx": {format: XLSX, lines: []int{2, 3}, cells: map[int]map[int]string{
		2: {0: "Date", 1: "Ben \nAshley"},
		3: {0: "10/1", 1: "FALSE", 2: "TRUE"},
	}},
	"xlsx/sheetjs__DataTypesFormats.xlsx": {format: XLSX, count: 6, rows: map[int][]string{
		1: {"Date", "7/23/2020"},
		3: {"Currency", "$123.00"},
		4: {"Percentage", "98.76%"},
		6: {"Thousands Separator", "7,890"},
	}},
	"xlsx/sheetjs__merge_cells.xlsx": {format: XLSX, count: 3, lines: []int{1, 3, 4}, rows: map[int][]string{
		1: {"A1:B2", "", "C1:C2", "Separate blocks"},
	}},
	"xlsx/sheetjs__sheet_visibility.xlsx": {format: XLSX, count: 2, rows: map[int][]string{
		1: {"v", "i", "s", "i", "b", "l", "e"},
		2: {"118", "105", "115", "105", "98", "108", "101"},
	}},
	"xlsx/sheetjs__sushi.xlsx": {format: XLSX, count: 1, rows: map[int][]string{1: {"🍣"}}},
	"xlsx/sheetjs__text_and_numbers.xlsx": {format: XLSX, count: 3, lines: []int{1, 2, 4}, rows: map[int][]string{
		2: {"Hebrew", "שלום", "עולם"},
		4: {"1337", "13.37", " $1,337.00 "}, // accounting format pads with spaces
	}},
	"xlsx/sheetjs__חישוב_נקודות_זיכוי.xlsx": {format: XLSX, cells: map[int]map[int]string{
		1: {5: "נתונים אינפורמטיבים"},
		5: {0: "אשה ", 1: "4,000 "},
		9: {1: "130,000 ", 6: "2,580 "},
	}},
	"xlsx/tealeg__googleDocsTest.xlsx": {format: XLSX, count: 2, rows: map[int][]string{
		1: {"This is a test spreadsheet", "It has a couple of columns"},
		2: {"as well as a couple of rows", "hello hello"},
	}},
	"xlsx/tealeg__inlineStrings.xlsx": {format: XLSX, cells: map[int]map[int]string{
		1:  {1: "HL Retail - North America - Activity by Day - MTD"},
		10: {1: "Date", 3: "Impressions"},
		11: {1: "06/25/16", 3: "3,599,619", 7: "$35,117.57"},
	}},
	"xlsx/tealeg__macNumbersTest.xlsx": {format: XLSX, count: 1, rows: map[int][]string{1: {"编号"}}},
	"xlsx/tealeg__testcelltypes.xlsx": {format: XLSX, count: 8, rows: map[int][]string{
		2: {"日本語", "string"},
		3: {"12345", "int"},
		4: {"1.024", "float"},
		6: {"TRUE", "bool"},
		7: {"30", "formula"},
		8: {"#DIV/0!", "error"},
	}},
	"xlsx/tealeg__wpsBlankLineTest.xlsx": {format: XLSX, count: 3, lines: []int{1, 3, 5}, rows: map[int][]string{
		1: {"编号"},
		3: {"编号"},
		5: {"", "", "编号"},
	}},
}

// readAll opens a file and collects every row (copied) and its line.
func readAll(t *testing.T, r io.ReaderAt, size int64, lim Limits) (*Reader, [][]string, []int, error) {
	t.Helper()
	rd, err := Open(r, size, lim)
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

// readFile is readAll over a file on disk.
func readFile(t *testing.T, path string, lim Limits) (*Reader, [][]string, []int, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, f, st.Size(), lim)
}

func TestTestdataFiles(t *testing.T) {
	seen := map[string]bool{}
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, "testdata"+string(filepath.Separator)))
		if strings.HasPrefix(rel, "csv-spectrum/") {
			return nil
		}
		seen[rel] = true
		w, ok := fileWants[rel]
		if !ok {
			t.Errorf("%s: testdata file without expectations", rel)
			return nil
		}
		t.Run(rel, func(t *testing.T) { checkFile(t, path, w) })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range fileWants {
		if !seen[name] {
			t.Errorf("%s: expected file missing from testdata", name)
		}
	}
}

// checkFile asserts one file's expectation.
func checkFile(t *testing.T, path string, w want) {
	rd, rows, lines, err := readFile(t, path, Limits{})
	if w.refusal != "" {
		ref, ok := AsRefusal(err)
		if !ok || ref.Reason != w.refusal {
			t.Fatalf("got error %v, want refusal %q", err, w.refusal)
		}
		if ref.Message == "" {
			t.Error("refusal without a message")
		}
		return
	}
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if rd.Format() != w.format {
		t.Errorf("format %q, want %q", rd.Format(), w.format)
	}
	byLine := map[int][]string{}
	for i, l := range lines {
		byLine[l] = rows[i]
	}
	if w.count != 0 && len(rows) != w.count {
		t.Errorf("%d rows, want %d: %q", len(rows), w.count, rows)
	}
	if w.lines != nil && !reflect.DeepEqual(lines[:min(len(lines), len(w.lines))], w.lines) {
		t.Errorf("lines %v, want prefix %v", lines, w.lines)
	}
	for line, want := range w.rows {
		if got := byLine[line]; !reflect.DeepEqual(got, want) {
			t.Errorf("line %d: got %q, want %q", line, got, want)
		}
	}
	for line, cells := range w.cells {
		got := byLine[line]
		for col, want := range cells {
			if col >= len(got) || got[col] != want {
				t.Errorf("line %d col %d: got row %q, want %q", line, col, got, want)
			}
		}
	}
}

// TestCSVSpectrum runs the csv-spectrum suite: each CSV must parse to the
// suite's expected objects (missing trailing cells count as ""). Line
// breaks inside cells come back as LF even when the file has CRLF there
// (encoding/csv does this, and it is what an importer wants), so the
// expectation is normalised the same way.
func TestCSVSpectrum(t *testing.T) {
	csvs, err := filepath.Glob("testdata/csv-spectrum/*.csv")
	if err != nil || len(csvs) == 0 {
		t.Fatalf("no csv-spectrum files: %v", err)
	}
	for _, path := range csvs {
		name := strings.TrimSuffix(filepath.Base(path), ".csv")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata/csv-spectrum/expected", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var expected []map[string]string
			if err := json.Unmarshal(raw, &expected); err != nil {
				t.Fatal(err)
			}
			rd, rows, _, err := readFile(t, path, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if rd.Format() != CSV {
				t.Errorf("format %q", rd.Format())
			}
			header, data := rows[0], rows[1:]
			if len(data) != len(expected) {
				t.Fatalf("%d data rows, want %d: %q", len(data), len(expected), rows)
			}
			for _, obj := range expected {
				for k, v := range obj {
					obj[k] = strings.ReplaceAll(v, "\r\n", "\n")
				}
			}
			for i, row := range data {
				got := map[string]string{}
				for j, h := range header {
					if j < len(row) {
						got[h] = row[j]
					} else {
						got[h] = ""
					}
				}
				if !reflect.DeepEqual(got, expected[i]) {
					t.Errorf("row %d: got %q, want %q", i+2, got, expected[i])
				}
			}
		})
	}
}
