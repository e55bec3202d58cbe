package importer

// Benchmarks of the import's two costs, on generated contact files:
//
//	go test -run XXX -bench . -benchtime 1x ./internal/importer
//	ROSTER_BENCH_ROWS=1000000 go test -run XXX -bench . -benchtime 1x -timeout 60m ./internal/importer
//
// BenchmarkBareRead* are the baselines (encoding/csv, excelize Rows());
// BenchmarkCheck* read through internal/sheet and apply every row rule
// (phone parsing included) against an in-memory lookup; BenchmarkApplyWrite
// runs the write path (plan line → contact items → BatchWriteItem through
// the real SDK: marshalling, signing, HTTP) against an endpoint that only
// counts requests. Each reports rows/s and the peak heap seen while it ran.

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/xuri/excelize/v2"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/sheet"
	"github.com/roster-app/roster/internal/sheetwrite"
)

func benchRows(b *testing.B) int {
	if s := os.Getenv("ROSTER_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("ROSTER_BENCH_ROWS=%q: want a positive number", s)
		}
		return n
	}
	return 100_000
}

// benchTree is an organisation with a root and three locations.
func benchTree(b *testing.B) (roster.Organisation, roster.GroupTree, roster.User) {
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	org := roster.Organisation{ID: "org1", Name: "Acme", DefaultRegion: "US", RootGroupID: "g0"}
	groups := []roster.Group{{ID: "g0", OrgID: "org1", Name: "Acme", Kind: roster.GroupRoot, CreatedAt: now}}
	for i, name := range []string{"Boston", "Denver", "Austin"} {
		groups = append(groups, roster.Group{ID: "g" + strconv.Itoa(i+1), OrgID: "org1", Name: name, Kind: "location", ParentID: "g0", CreatedAt: now})
	}
	tree, err := roster.NewGroupTree(groups)
	if err != nil {
		b.Fatal(err)
	}
	admin := roster.User{ID: "u1", OrgID: "org1", Email: "ann@acme.example", Status: roster.UserActive,
		Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: "g0"}}}
	return org, tree, admin
}

var areaCodes = []string{"201", "202", "203", "205", "206", "207", "208", "209", "210", "212", "213", "214", "215", "216", "217", "218", "219", "224", "225", "228"}

// exchanges are the central-office codes benchPhone uses: 200-999 without
// the N11 service codes.
var exchanges = func() []int {
	var out []int
	for e := 200; e < 1000; e++ {
		if e%100 != 11 {
			out = append(out, e)
		}
	}
	return out
}()

// benchPhone is the i-th of many distinct valid US numbers, written as
// people write them.
func benchPhone(i int) string {
	block := i / 10_000
	return fmt.Sprintf("(%s) %03d-%04d", areaCodes[(block/len(exchanges))%len(areaCodes)], exchanges[block%len(exchanges)], i%10_000)
}

// benchContactRow is a contact as lists usually hold them: name, phone,
// email, city, consent and a group. At about 90 bytes a row in CSV, a
// 1,048,576-row file stays under the 100 MB upload limit.
func benchContactRow(header []string, i int) []string {
	row := make([]string, len(header))
	row[0], row[1], row[2], row[3] = "First"+strconv.Itoa(i%977), "Last"+strconv.Itoa(i%1499), benchPhone(i), fmt.Sprintf("p%d@example.com", i)
	row[9], row[14] = "Springfield", "opted_in"
	row[roster.ContactIDColumn+1+i%4] = "X"
	return row
}

var (
	benchFiles sync.Map // "csv:100000" → path
	benchDir   string   // removed by TestMain
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchFile writes the generated file once per process: "csv", "xlsx"
// (our writer's: inline strings, as exports are) or "sst.xlsx" (strings
// in a shared-string table, as Excel and LibreOffice save them).
func benchFile(b *testing.B, format string, n int) string {
	k := format + ":" + strconv.Itoa(n)
	if p, ok := benchFiles.Load(k); ok {
		return p.(string)
	}
	_, tree, _ := benchTree(b)
	header, _ := roster.HeaderFor(tree, []string{"g0", "g1", "g2", "g3"})
	if benchDir == "" {
		dir, err := os.MkdirTemp("", "roster-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	}
	path := filepath.Join(benchDir, fmt.Sprintf("contacts-%d.%s", n, format))
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	var w sheetwrite.Writer
	if format == "sst.xlsx" {
		if err := writeSharedStringsXLSX(f, header, n); err != nil {
			b.Fatal(err)
		}
		w = nopWriter{}
	} else if format == "csv" {
		w = sheetwrite.NewCSVWriter(f)
	} else if w, err = sheetwrite.NewXLSXWriter(f, "Contacts"); err != nil {
		b.Fatal(err)
	}
	if _, sst := w.(nopWriter); !sst {
		if err := w.WriteRow(header); err != nil {
			b.Fatal(err)
		}
		for i := range n {
			if err := w.WriteRow(benchContactRow(header, i)); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	benchFiles.Store(k, path)
	return path
}

// peakHeap samples the heap in use while fn runs and reports its peak.
// It starts from a collected heap: the second collection empties the
// sync.Pools' victim caches, where archive/zip's pooled deflate writer
// keeps the buffer of the file just written by benchFile alive (the whole
// generated XLSX, 75 MB at 1M rows, and the garbage collector's headroom
// over it) through one collection.
func peakHeap(b *testing.B, fn func()) {
	runtime.GC()
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

func reportRows(b *testing.B, rows int, start time.Time) {
	b.ReportMetric(float64(rows*b.N)/time.Since(start).Seconds(), "rows/s")
}

func BenchmarkBareReadCSV(b *testing.B) {
	n := benchRows(b)
	path := benchFile(b, "csv", n)
	b.ResetTimer()
	start := time.Now()
	peakHeap(b, func() {
		for range b.N {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			r := csv.NewReader(f)
			r.ReuseRecord, r.FieldsPerRecord = true, -1
			rows := 0
			for {
				if _, err := r.Read(); err == io.EOF {
					break
				} else if err != nil {
					b.Fatal(err)
				}
				rows++
			}
			f.Close()
			if rows != n+1 {
				b.Fatalf("read %d rows, want %d", rows, n+1)
			}
		}
	})
	reportRows(b, n, start)
}

func BenchmarkBareReadXLSX(b *testing.B) {
	n := benchRows(b)
	path := benchFile(b, "xlsx", n)
	b.ResetTimer()
	start := time.Now()
	peakHeap(b, func() {
		for range b.N {
			f, err := excelize.OpenFile(path)
			if err != nil {
				b.Fatal(err)
			}
			rows, err := f.Rows(f.GetSheetName(0))
			if err != nil {
				b.Fatal(err)
			}
			count := 0
			for rows.Next() {
				if _, err := rows.Columns(); err != nil {
					b.Fatal(err)
				}
				count++
			}
			rows.Close()
			f.Close()
			if count != n+1 {
				b.Fatalf("read %d rows, want %d", count, n+1)
			}
		}
	})
	reportRows(b, n, start)
}

// emptyLookup: no contact exists yet (an import of new contacts); the
// only user is admin.
type emptyLookup struct{ admin roster.User }

func (l emptyLookup) UsersByEmail(_ context.Context, _ string, emails []string) (map[string]roster.User, error) {
	out := map[string]roster.User{}
	if slices.Contains(emails, l.admin.Email) {
		out[l.admin.Email] = l.admin
	}
	return out, nil
}
func (l emptyLookup) UsersByID(_ context.Context, _ string, ids []string) (map[string]roster.User, error) {
	out := map[string]roster.User{}
	if slices.Contains(ids, l.admin.ID) {
		out[l.admin.ID] = l.admin
	}
	return out, nil
}

func (emptyLookup) ContactsByID(context.Context, string, []string) (map[string]roster.Contact, error) {
	return map[string]roster.Contact{}, nil
}
func (emptyLookup) ContactIDsByPhone(context.Context, string, []string) (map[string]string, error) {
	return map[string]string{}, nil
}

// countingOutcomes keeps counts only.
type countingOutcomes struct{ planned, rejected, unchangedRows int }

func (c *countingOutcomes) plan(planLine) error        { c.planned++; return nil }
func (c *countingOutcomes) change(roster.ImportChange) {}
func (c *countingOutcomes) reject(int, []string, []roster.FieldError, bool) error {
	c.rejected++
	return nil
}
func (c *countingOutcomes) unchanged() { c.unchangedRows++ }

func benchCheck(b *testing.B, format string) {
	n := benchRows(b)
	path := benchFile(b, format, n)
	org, tree, admin := benchTree(b)
	caller := roster.Caller{OrgID: org.ID, UserID: admin.ID, Grants: admin.Grants}
	ctx := context.Background()
	b.ResetTimer()
	start := time.Now()
	peakHeap(b, func() {
		for range b.N {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			st, _ := f.Stat()
			rows, err := sheet.Open(f, st.Size(), sheet.Limits{MaxBytes: roster.MaxImportBytes, MaxUnzipped: maxUnzipped})
			if err != nil {
				b.Fatal(err)
			}
			header, err := rows.Next()
			if err != nil {
				b.Fatal(err)
			}
			layout, err := roster.ParseSheetHeader(header, tree)
			if err != nil {
				b.Fatal(err)
			}
			out := &countingOutcomes{}
			c := newChecker(org, tree, caller, admin.Email, roster.ImportNew, layout, emptyLookup{admin}, out, time.Now())
			if _, ref, err := checkAll(ctx, rows, c); ref != nil || err != nil {
				b.Fatal(ref, err)
			}
			rows.Close()
			f.Close()
			if out.planned != n {
				b.Fatalf("planned %d of %d rows (%d refused)", out.planned, n, out.rejected)
			}
		}
	})
	reportRows(b, n, start)
}

func BenchmarkCheckCSV(b *testing.B)  { benchCheck(b, "csv") }
func BenchmarkCheckXLSX(b *testing.B) { benchCheck(b, "xlsx") }

// BenchmarkCheckXLSXSharedStrings reads a workbook as Excel saves it: its
// 2M distinct phones and emails at 1M rows in the shared-string table.
func BenchmarkCheckXLSXSharedStrings(b *testing.B) { benchCheck(b, "sst.xlsx") }

type nopWriter struct{}

func (nopWriter) WriteRow([]string) error { return nil }
func (nopWriter) Close() error            { return nil }

// writeSharedStringsXLSX writes the header and n generated rows as a
// minimal workbook whose strings are all in the shared-string table, each
// distinct string once (names and the rest first, then each row's phone and
// email), as a spreadsheet program writes them.
func writeSharedStringsXLSX(out io.Writer, header []string, n int) error {
	index := map[string]int{}
	var table []string
	add := func(s string) {
		if _, ok := index[s]; !ok {
			index[s] = len(table)
			table = append(table, s)
		}
	}
	for _, h := range header {
		add(h)
	}
	for i := range 977 {
		add("First" + strconv.Itoa(i))
	}
	for i := range 1499 {
		add("Last" + strconv.Itoa(i))
	}
	add("Springfield")
	add("opted_in")
	add("X")
	fixed := len(table)
	// Each row's phone and email come after the fixed strings, in row order.
	rowString := func(i, col int) int {
		switch col {
		case 2:
			return fixed + 2*i
		case 3:
			return fixed + 2*i + 1
		}
		return -1
	}
	zw := zip.NewWriter(out)
	part := func(name, body string) error {
		w, err := zw.Create(name)
		if err == nil {
			_, err = io.WriteString(w, body)
		}
		return err
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	if err := errors.Join(
		part("[Content_Types].xml", xml.Header+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`),
		part("_rels/.rels", xml.Header+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
		part("xl/workbook.xml", xml.Header+`<workbook `+ns+`><sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>`),
		part("xl/_rels/workbook.xml.rels", xml.Header+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
	); err != nil {
		return err
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(xml.Header + `<worksheet ` + ns + `><sheetData>`)
	writeRow := func(line int, cells []string, ref func(col int, v string) int) {
		fmt.Fprintf(bw, `<row r="%d">`, line)
		for col, v := range cells {
			if v == "" {
				continue
			}
			name, _ := excelize.CoordinatesToCellName(col+1, line)
			fmt.Fprintf(bw, `<c r="%s" t="s"><v>%d</v></c>`, name, ref(col, v))
		}
		bw.WriteString(`</row>`)
	}
	writeRow(1, header, func(_ int, v string) int { return index[v] })
	for i := range n {
		writeRow(i+2, benchContactRow(header, i), func(col int, v string) int {
			if k := rowString(i, col); k >= 0 {
				return k
			}
			return index[v]
		})
	}
	bw.WriteString(`</sheetData></worksheet>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	if w, err = zw.Create("xl/sharedStrings.xml"); err != nil {
		return err
	}
	bw = bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, xml.Header+`<sst %s count="%d" uniqueCount="%d">`, ns, fixed+2*n, fixed+2*n)
	item := func(s string) {
		bw.WriteString(`<si><t>`)
		xml.EscapeText(bw, []byte(s))
		bw.WriteString(`</t></si>`)
	}
	for _, s := range table {
		item(s)
	}
	for i := range n {
		row := benchContactRow(header, i)
		item(row[2])
		item(row[3])
	}
	bw.WriteString(`</sst>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// countingDynamoDB answers BatchWriteItem and BatchGetItem as if every
// write landed and nothing existed, counting requests.
func countingDynamoDB(requests *atomic.Int64) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		switch target := r.Header.Get("X-Amz-Target"); {
		case strings.HasSuffix(target, ".BatchWriteItem"):
			io.WriteString(w, `{"UnprocessedItems":{}}`)
		case strings.HasSuffix(target, ".BatchGetItem"):
			io.WriteString(w, `{"Responses":{},"UnprocessedKeys":{}}`)
		default:
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"__type":"com.amazon.coral.validate#ValidationException","message":"not counted"}`)
		}
	}))
}

func BenchmarkApplyWrite(b *testing.B) {
	n := benchRows(b)
	var requests atomic.Int64
	srv := countingDynamoDB(&requests)
	defer srv.Close()
	db := dynamodb.New(dynamodb.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	store := dynamo.NewStore(db, "roster")
	org, _, _ := benchTree(b)
	w := &Worker{Store: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now}
	lines := make([]planLine, applyBatch)
	now := time.Now()
	b.ResetTimer()
	start := time.Now()
	peakHeap(b, func() {
		for range b.N {
			r := &applyRun{w: w, imp: roster.ContactImport{ID: "imp", OrgID: org.ID, ApplyStartedAt: now, SendWelcome: true}, org: org}
			for i := 0; i < n; i += applyBatch {
				lines = lines[:0]
				for j := i; j < min(i+applyBatch, n); j++ {
					lines = append(lines, planLine{Line: j + 2, Op: opCreate, ID: roster.NewID(now), Input: roster.ContactInput{
						FirstName: "First", LastName: "Last", Phone: fmt.Sprintf("+1201%07d", j), Email: "p@example.com",
						Consent: roster.ConsentOptedIn, Groups: []string{"g1"}}})
				}
				if err := r.write(context.Background(), lines); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	reportRows(b, n, start)
	b.ReportMetric(float64(requests.Load())/float64(b.N), "requests/op")
}

var _ Store = (*dynamo.Store)(nil)
