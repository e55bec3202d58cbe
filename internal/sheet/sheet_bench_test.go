package sheet

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// benchCols is the width of the generated contact-like rows.
const benchCols = 20

// benchRows is the number of data rows: ROSTER_BENCH_ROWS, default 100000.
func benchRows(b *testing.B) int {
	if s := os.Getenv("ROSTER_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("ROSTER_BENCH_ROWS=%q: want a positive integer", s)
		}
		return n
	}
	return 100_000
}

// benchHeader and benchRow produce contact-like data.
func benchHeader() []string {
	h := []string{"first_name", "last_name", "email", "phone", "mobile", "company", "title", "street", "city", "state",
		"postal_code", "country", "birthday", "notes", "tag1", "tag2", "website", "twitter", "external_id", "created"}
	return h[:benchCols]
}

func benchRow(i int, row []string) []string {
	row = row[:0]
	row = append(row,
		"Firstname"+strconv.Itoa(i%977), "Lastname-"+strconv.Itoa(i%1499), fmt.Sprintf("person%d@example.com", i),
		fmt.Sprintf("+1555%07d", i%10_000_000), fmt.Sprintf("0044 7700 %06d", i%1_000_000), "Acme Widgets Ltd",
		"Head of Something", strconv.Itoa(i%999+1)+" High Street", "Springfield", "OR", fmt.Sprintf("%05d", i%100_000),
		"United States", "1985-04-12", "Met at the conference, wants a follow-up call", "volunteer", "donor",
		"https://example.com/p/"+strconv.Itoa(i), "@handle"+strconv.Itoa(i), strconv.Itoa(1_000_000+i), "2024-01-02T03:04:05Z")
	return row[:benchCols]
}

// writeBenchCSV writes the benchmark CSV with encoding/csv.
func writeBenchCSV(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "contacts.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := csv.NewWriter(f)
	if err := w.Write(benchHeader()); err != nil {
		b.Fatal(err)
	}
	row := make([]string, 0, benchCols)
	for i := 0; i < n; i++ {
		row = benchRow(i, row)
		if err := w.Write(row); err != nil {
			b.Fatal(err)
		}
	}
	w.Flush()
	if err := errors.Join(w.Error(), f.Close()); err != nil {
		b.Fatal(err)
	}
	return path
}

// writeBenchXLSX writes the benchmark workbook with excelize's StreamWriter.
func writeBenchXLSX(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "contacts.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	vals := make([]any, benchCols)
	row := make([]string, 0, benchCols)
	for i := 0; i <= n; i++ {
		cells := benchHeader()
		if i > 0 {
			row = benchRow(i-1, row)
			cells = row
		}
		for j, c := range cells {
			vals[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, vals); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	return path
}

// report records throughput.
func report(b *testing.B, rowsRead int) {
	b.ReportMetric(float64(rowsRead)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkBareCSV(b *testing.B) {
	path := writeBenchCSV(b, benchRows(b))
	b.ReportAllocs()
	b.ResetTimer()
	total := 0
	for range b.N {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := csv.NewReader(f)
		r.ReuseRecord = true
		for {
			if _, err := r.Read(); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				b.Fatal(err)
			}
			total++
		}
		f.Close()
	}
	report(b, total)
}

func BenchmarkBareXLSX(b *testing.B) {
	path := writeBenchXLSX(b, benchRows(b))
	b.ReportAllocs()
	b.ResetTimer()
	total := 0
	for range b.N {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				b.Fatal(err)
			}
			total++
		}
		if err := errors.Join(rows.Close(), f.Close()); err != nil {
			b.Fatal(err)
		}
	}
	report(b, total)
}

// readerLoop reads the file at path with Open+Next and returns the rows.
func readerLoop(b *testing.B, path string, want Format) int {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	r, err := Open(f, st.Size(), Limits{MaxBytes: st.Size()}) // 1M-row files exceed the 100 MiB default
	if err != nil {
		b.Fatal(err)
	}
	if r.Format() != want {
		b.Fatalf("format %q", r.Format())
	}
	n := 0
	for {
		if _, err := r.Next(); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			b.Fatal(err)
		}
		n++
	}
	if err := r.Close(); err != nil {
		b.Fatal(err)
	}
	return n
}

func BenchmarkReaderCSV(b *testing.B) {
	n := benchRows(b)
	path := writeBenchCSV(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	total := 0
	for range b.N {
		if got := readerLoop(b, path, CSV); got != n+1 {
			b.Fatalf("%d rows, want %d", got, n+1)
		}
		total += n + 1
	}
	report(b, total)
}

func BenchmarkReaderXLSX(b *testing.B) {
	n := benchRows(b)
	path := writeBenchXLSX(b, n)
	b.ReportAllocs()
	b.ResetTimer()
	total := 0
	for range b.N {
		if got := readerLoop(b, path, XLSX); got != n+1 {
			b.Fatalf("%d rows, want %d", got, n+1)
		}
		total += n + 1
	}
	report(b, total)
}
