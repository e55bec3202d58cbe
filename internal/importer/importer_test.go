package importer_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/roster-app/roster/internal/deadletter"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/exporter"
	"github.com/roster-app/roster/internal/exports"
	"github.com/roster-app/roster/internal/importer"
	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/local/s3local"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/s3store"
	"github.com/roster-app/roster/internal/sheet"
	"github.com/roster-app/roster/internal/sheetwrite"
)

const (
	uploads = "roster-test-uploads"
	exportB = "roster-test-exports"
)

// clock is the fixture's time; leases run out only when a test moves it.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type fixture struct {
	t        *testing.T
	s3       *s3.Client
	store    *dynamo.Store
	db       *dynamotest.DB
	worker   *importer.Worker
	requests *imports.Requests
	exportsv *exports.Service
	exporter *exporter.Worker
	clock    *clock
	org      roster.Organisation
	tree     roster.GroupTree
	root     roster.Group
	boston   roster.Group
	denver   roster.Group
	admin    roster.User
	manager  roster.User // manager at Boston only

	mu      sync.Mutex
	created []s3local.ObjectCreated // objects written, whose events pump delivers
	puts    int                     // objects stored; their hooks run on their own goroutines
	fired   int                     // hooks that ran
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) { r.status = code; r.ResponseWriter.WriteHeader(code) }

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: &clock{now: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}}
	srv, err := s3local.Open(filepath.Join(t.TempDir(), "s3.bolt"), func(o s3local.ObjectCreated) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.created = append(f.created, o)
		f.fired++
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	for _, b := range []string{uploads, exportB} {
		if err := srv.EnsureBucket(b); err != nil {
			t.Fatal(err)
		}
	}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		srv.ServeHTTP(rec, r)
		if r.Method == http.MethodPut && rec.status == http.StatusOK && r.URL.Query().Get("uploadId") == "" {
			f.mu.Lock()
			f.puts++
			f.mu.Unlock()
		}
	}))
	t.Cleanup(hs.Close)
	f.s3 = s3.New(s3.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(hs.URL), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
	f.db = dynamotest.Open(t)
	f.store = dynamo.NewStore(f.db.Client, f.db.Table)
	ctx := context.Background()
	now := f.clock.Now()
	f.org = roster.Organisation{ID: roster.NewID(now), Name: "Acme", DefaultRegion: "US", TimeZone: "UTC", CreatedAt: now}
	f.root = roster.Group{ID: roster.NewID(now), OrgID: f.org.ID, Name: "Acme", Kind: roster.GroupRoot, Version: 1, CreatedAt: now, UpdatedAt: now}
	f.org.RootGroupID = f.root.ID
	f.admin = roster.User{ID: roster.NewID(now), OrgID: f.org.ID, Email: "ann@acme.example", FirstName: "Ann", LastName: "Admin",
		Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: f.root.ID}}, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := f.store.CreateOrganisation(ctx, f.org, f.root, f.admin, nil); err != nil {
		t.Fatal(err)
	}
	tv, err := f.store.TreeVersion(ctx, f.org.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []*roster.Group{&f.boston, &f.denver} {
		name := "Boston"
		if g == &f.denver {
			name = "Denver"
		}
		*g = roster.Group{ID: roster.NewID(now), OrgID: f.org.ID, Name: name, Kind: "location", ParentID: f.root.ID, Version: 1, CreatedAt: now, UpdatedAt: now}
		if err := f.store.ChangeGroups(ctx, f.org.ID, roster.GroupChange{TreeVersion: tv, Put: g,
			Audit: roster.AuditEvent{ID: roster.NewID(now), OrgID: f.org.ID, ActorID: f.admin.ID, Type: "group.created", SubjectID: g.ID, At: now}}); err != nil {
			t.Fatal(err)
		}
		tv++
	}
	f.manager = roster.User{ID: roster.NewID(now), OrgID: f.org.ID, Email: "mo@acme.example", FirstName: "Mo", LastName: "Manager",
		Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: f.boston.ID}}, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := f.store.CreateUser(ctx, f.manager, nil, roster.AuditEvent{ID: roster.NewID(now), OrgID: f.org.ID, ActorID: f.admin.ID,
		Type: "user.created", SubjectID: f.manager.ID, At: now}); err != nil {
		t.Fatal(err)
	}
	if f.tree, err = roster.LoadGroupTree(ctx, f.store, f.org.ID); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	up := s3store.New(f.s3, uploads)
	ex := s3store.New(f.s3, exportB)
	f.worker = &importer.Worker{Store: f.store, Uploads: up, Log: log, Now: f.clock.Now, TempDir: t.TempDir()}
	f.requests = &imports.Requests{Store: f.store, Uploads: up, Now: f.clock.Now}
	f.exportsv = &exports.Service{Store: f.store, Exports: ex, Now: f.clock.Now}
	f.exporter = &exporter.Worker{Store: f.store, Exports: ex, Log: log, Now: f.clock.Now, TempDir: t.TempDir()}
	return f
}

func (f *fixture) caller(u roster.User) roster.Caller {
	return roster.Caller{OrgID: u.OrgID, UserID: u.ID, Grants: u.Grants}
}

// s3Event is what S3 sends: the key URL-encoded with spaces as '+'.
func s3Event(bucket, key string) events.S3Event {
	var rec events.S3EventRecord
	rec.EventSource, rec.EventName = "aws:s3", "ObjectCreated:Put"
	rec.S3.Bucket.Name = bucket
	rec.S3.Object.Key = url.QueryEscape(key)
	return events.S3Event{Records: []events.S3EventRecord{rec}}
}

// pump delivers the events of every object written since the last pump,
// as S3 would, until no new ones appear; it returns the keys delivered.
func (f *fixture) pump() []string {
	f.t.Helper()
	var keys []string
	for {
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
			f.mu.Lock()
			settled := f.fired >= f.puts
			f.mu.Unlock()
			if settled {
				break
			}
			if time.Now().After(deadline) {
				f.t.Fatal("S3 hooks did not run")
			}
		}
		f.mu.Lock()
		batch := f.created
		f.created = nil
		f.mu.Unlock()
		if len(batch) == 0 {
			return keys
		}
		for _, o := range batch {
			var err error
			switch {
			case o.Bucket == uploads && !strings.HasPrefix(o.Key, "work/"):
				err = f.worker.Handle(context.Background(), s3Event(o.Bucket, o.Key))
			case o.Bucket == exportB && strings.HasPrefix(o.Key, "requests/"):
				err = f.exporter.Handle(context.Background(), s3Event(o.Bucket, o.Key))
			default:
				continue
			}
			keys = append(keys, o.Key)
			if err != nil {
				f.t.Fatalf("event for %s: %v", o.Key, err)
			}
		}
	}
}

// upload starts an import through the API as u and PUTs body to the
// presigned URL, as a browser would; pump then runs the check.
func (f *fixture) upload(u roster.User, mode roster.ImportMode, name string, body []byte) roster.ContactImport {
	f.t.Helper()
	ctx := context.Background()
	st, err := f.requests.Start(ctx, f.caller(u), imports.NewImportInput{Mode: mode, FileName: name, Size: int64(len(body)), ContentType: "text/csv"})
	if err != nil {
		f.t.Fatal(err)
	}
	req, err := http.NewRequest(st.Upload.Method, st.Upload.URL, bytes.NewReader(body))
	if err != nil {
		f.t.Fatal(err)
	}
	for k, v := range st.Upload.Headers {
		req.Header.Set(k, v)
	}
	req.ContentLength = int64(len(body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		f.t.Fatalf("PUT to the presigned URL: %s", resp.Status)
	}
	f.pump()
	return f.imp(st.Import.ID)
}

func (f *fixture) imp(id string) roster.ContactImport {
	f.t.Helper()
	imp, err := f.store.Import(context.Background(), f.org.ID, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return imp
}

func (f *fixture) apply(u roster.User, id string) roster.ContactImport {
	return f.applyWelcome(u, id, false)
}

func (f *fixture) applyWelcome(u roster.User, id string, welcome bool) roster.ContactImport {
	f.t.Helper()
	if _, err := f.requests.Apply(context.Background(), f.caller(u), id, welcome); err != nil {
		f.t.Fatal(err)
	}
	f.pump()
	return f.imp(id)
}

func (f *fixture) contacts() []roster.Contact {
	f.t.Helper()
	var out []roster.Contact
	if err := f.store.EachContact(context.Background(), f.org.ID, func(c roster.Contact) error {
		out = append(out, c)
		return nil
	}); err != nil {
		f.t.Fatal(err)
	}
	return out
}

// mails returns the queued mail of a kind, by recipient.
func (f *fixture) mails(kind roster.MailKind) []string {
	f.t.Helper()
	due, err := f.store.DueMail(context.Background(), f.clock.Now().Add(time.Hour), 1000)
	if err != nil {
		f.t.Fatal(err)
	}
	var to []string
	for _, m := range due {
		if m.Kind == kind {
			to = append(to, m.UserID)
		}
	}
	slices.Sort(to)
	return to
}

// csvOf writes rows as CSV the way a spreadsheet program saves them.
func csvOf(rows ...[]string) []byte {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(c, ",\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

// row is a data row of the template layout with the given cells set.
func (f *fixture) row(header []string, cells map[string]string) []string {
	r := make([]string, len(header))
	for i, h := range header {
		r[i] = cells[h]
	}
	return r
}

func (f *fixture) header() []string {
	h, _ := roster.HeaderFor(f.tree, []string{f.root.ID, f.boston.ID, f.denver.ID})
	return h
}

func TestImportReviewApplyExportUpdateRoundTrip(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	h := f.header()
	boston := roster.GroupPath(f.tree, f.boston.ID)
	denver := roster.GroupPath(f.tree, f.denver.ID)
	file := csvOf(h,
		f.row(h, map[string]string{"First Name": "Ada", "Last Name": "Lovelace", "Cell Phone": "(201) 555-0123", "Email": "ADA@example.com",
			"City": "Boston", "SMS Consent": "yes", "Account Rep Email": "mo@acme.example", boston: "X"}),
		f.row(h, map[string]string{"First Name": "Alan", "Cell Phone": "2.015550124E+09", "Postal Code": "02134", denver: "x", boston: "X"}),
		f.row(h, map[string]string{"First Name": "Bad", "Cell Phone": "12", boston: "X"}),
		f.row(h, map[string]string{"First Name": "Dup", "Cell Phone": "201-555-0123", boston: "X"}),
		f.row(h, map[string]string{"First Name": "Nogroup", "Cell Phone": "2015550125"}),
		f.row(h, map[string]string{"First Name": "Rounded", "Cell Phone": "2.02E+09", boston: "X"}),
		f.row(h, map[string]string{"First Name": "Rep", "Cell Phone": "2015550126", "Account Rep Email": "nobody@acme.example", boston: "X"}),
	)
	imp := f.upload(f.admin, roster.ImportNew, "contacts.csv", file)
	if imp.Status != roster.ImportReady {
		t.Fatalf("status %s (%s: %s), want ready", imp.Status, imp.FailureReason, imp.FailureMessage)
	}
	want := roster.ImportSummary{Rows: 7, New: 2, Errors: 5}
	if imp.Summary != want {
		t.Fatalf("summary %+v, want %+v", imp.Summary, want)
	}
	problems := map[int]string{}
	for _, e := range imp.SampleErrors {
		for _, p := range e.Problems {
			problems[e.Line] += p.Field + ": " + p.Message + "|"
		}
	}
	for line, fragment := range map[int]string{4: "Cell Phone", 5: "also on row 2", 6: "Groups", 7: "rounded", 8: "nobody@acme.example is not an active user"} {
		if !strings.Contains(problems[line], fragment) {
			t.Errorf("row %d problems %q, want one mentioning %q", line, problems[line], fragment)
		}
	}
	// The error report: the original rows plus an Errors column.
	body, _, err := s3store.New(f.s3, uploads).Get(ctx, imp.ErrorReportKey)
	if err != nil {
		t.Fatal(err)
	}
	report, _ := io.ReadAll(body)
	body.Close()
	if !strings.Contains(string(report), "Errors") || !strings.Contains(string(report), "Nogroup") || strings.Contains(string(report), "Ada") {
		t.Errorf("error report:\n%s\nwant the refused rows (Nogroup) with an Errors column, not the good ones", report)
	}
	if got := f.mails(roster.MailImportReady); !slices.Equal(got, []string{f.admin.ID}) {
		t.Errorf("ready mail to %v, want the uploader", got)
	}
	if n := len(f.contacts()); n != 0 {
		t.Fatalf("%d contacts before apply, want 0: checking writes nothing", n)
	}

	imp = f.applyWelcome(f.admin, imp.ID, true)
	if imp.Status != roster.ImportCompleted || imp.Progress.Done != 2 || imp.Progress.Total != 2 {
		t.Fatalf("after apply: %s, progress %+v", imp.Status, imp.Progress)
	}
	cs := f.contacts()
	byName := map[string]roster.Contact{}
	for _, c := range cs {
		byName[c.FirstName] = c
	}
	ada, alan := byName["Ada"], byName["Alan"]
	if len(cs) != 2 || ada.Phone != "+12015550123" || ada.Email != "ada@example.com" || ada.Consent.Status != roster.ConsentOptedIn ||
		!slices.Equal(ada.AccountReps, []string{f.manager.ID}) || alan.Phone != "+12015550124" || alan.Address.PostalCode != "02134" ||
		len(alan.Groups) != 2 {
		t.Fatalf("contacts after apply: %+v", cs)
	}
	if got := f.mails(roster.MailImportCompleted); !slices.Equal(got, []string{f.admin.ID}) {
		t.Errorf("completed mail to %v, want the uploader", got)
	}
	// sendWelcome: a text for Ada, who opted in; none for Alan (unknown).
	// It waits queued for her first group's hours.
	adaGroup := ""
	if len(ada.Groups) > 0 {
		adaGroup = ada.Groups[0]
	}
	if txt, err := f.store.Text(ctx, roster.TextRef{OrgID: f.org.ID, ID: "welcome-" + ada.ID}); err != nil || txt.To != ada.Phone ||
		!strings.Contains(txt.Body, "Hi Ada") || txt.Status != roster.TextQueued || txt.GroupID != adaGroup {
		t.Errorf("Ada's welcome text = %+v, %v", txt, err)
	}
	if _, err := f.store.Text(ctx, roster.TextRef{OrgID: f.org.ID, ID: "welcome-" + alan.ID}); roster.ErrorCodeOf(err) != roster.ENotFound {
		t.Errorf("Alan, without consent, has a welcome text: %v", err)
	}

	// Export as CSV, edit one cell, upload as an update.
	e, err := f.exportsv.Start(ctx, f.caller(f.admin), "csv", "")
	if err != nil {
		t.Fatal(err)
	}
	f.pump()
	if e, err = f.store.Export(ctx, f.org.ID, e.ID); err != nil || e.Status != roster.ExportCompleted || e.Rows != 2 {
		t.Fatalf("export %+v, %v; want completed with 2 rows", e, err)
	}
	if got := f.mails(roster.MailExportReady); !slices.Equal(got, []string{f.admin.ID}) {
		t.Errorf("export mail to %v, want the requester", got)
	}
	body, _, err = s3store.New(f.s3, exportB).Get(ctx, e.ObjectKey)
	if err != nil {
		t.Fatal(err)
	}
	exported, _ := io.ReadAll(body)
	body.Close()
	rows := readAll(t, exported)
	cityCol := slices.Index(rows[0], "City")
	for _, r := range rows[1:] {
		if r[0] == "Ada" {
			r[cityCol] = "Cambridge"
		}
	}
	update := f.upload(f.admin, roster.ImportUpdate, "contacts-edited.csv", csvOf(rows...))
	if update.Status != roster.ImportReady || update.Summary != (roster.ImportSummary{Rows: 2, Updated: 1, Unchanged: 1}) {
		t.Fatalf("update: %s %+v %+v (%s)", update.Status, update.Summary, update.SampleErrors, update.FailureMessage)
	}
	if ch := update.SampleChanges; len(ch) != 1 || ch[0].ContactID != ada.ID ||
		!slices.Equal(ch[0].Changes, []roster.ContactChange{{Field: "City", Old: "Boston", New: "Cambridge"}}) {
		t.Fatalf("changes %+v, want Ada's City Boston → Cambridge only", update.SampleChanges)
	}
	update = f.apply(f.admin, update.ID)
	got, err := f.store.Contact(ctx, f.org.ID, ada.ID)
	if err != nil || update.Status != roster.ImportCompleted || got.Address.City != "Cambridge" || got.Version != ada.Version+1 || got.Phone != ada.Phone {
		t.Fatalf("after update: %s; contact %+v, %v", update.Status, got, err)
	}

	// The same export uploaded again: Ada changed since it was written.
	stale := f.upload(f.admin, roster.ImportUpdate, "contacts-stale.csv", csvOf(rows...))
	if stale.Summary.Conflicts != 1 || stale.Summary.Errors != 1 || stale.Summary.Unchanged != 1 {
		t.Fatalf("stale export: summary %+v, want one conflict", stale.Summary)
	}
	if msg := stale.SampleErrors[0].Problems[0].Message; !strings.Contains(msg, "changed since it was exported") {
		t.Errorf("conflict message %q", msg)
	}
}

func readAll(t *testing.T, b []byte) [][]string {
	t.Helper()
	r, err := sheet.Open(bytes.NewReader(b), int64(len(b)), sheet.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rows [][]string
	for {
		row, err := r.Next()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, slices.Clone(row))
	}
}

// zipOf makes a zip with the given entries.
func zipOf(t *testing.T, entries map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for name, body := range entries {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBadFilesFailWithAReasonAndWriteNothing(t *testing.T) {
	f := newFixture(t)
	f.worker.MaxBytes = 64 << 10
	f.worker.MaxRows = 20
	h := f.header()
	good := f.row(h, map[string]string{"First Name": "Ada", "Cell Phone": "2015550123", roster.GroupPath(f.tree, f.boston.ID): "X"})
	var xlsx bytes.Buffer
	x, err := sheetwrite.NewXLSXWriter(&xlsx, "Contacts")
	if err != nil {
		t.Fatal(err)
	}
	x.WriteRow(h)
	x.WriteRow(good)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
	encrypted := append(slices.Clone(ole), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")...)
	many := [][]string{h}
	for range 25 {
		many = append(many, good)
	}
	mangled := slices.Clone(h)
	mangled[2] = "Phone Numbr"
	tests := []struct {
		name, file string
		uploader   roster.User
		body       []byte
		reason     string
	}{
		{"not a spreadsheet", "photo.csv", f.admin, append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 200)...), "not_a_spreadsheet"},
		{"a corrupt XLSX", "cut.xlsx", f.admin, xlsx.Bytes()[:xlsx.Len()/2], "corrupt_xlsx"},
		{"a password-protected XLSX", "secret.xlsx", f.admin, encrypted, "password_protected"},
		{"a legacy XLS", "old.xlsx", f.admin, ole, "legacy_xls"},
		{"a zip bomb", "bomb.xlsx", f.admin, zipOf(t, map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "xl/workbook.xml": []byte("<workbook/>"),
			"xl/worksheets/sheet1.xml": make([]byte, 20<<20)}), "zip_bomb"},
		{"a file over the size limit", "big.csv", f.admin, csvOf(append([][]string{h}, slices.Repeat([][]string{good}, 2000)...)...), "too_large"},
		{"a file over the row limit", "long.csv", f.admin, csvOf(many...), "too_many_rows"},
		{"an empty file", "empty.csv", f.admin, []byte{}, "empty_file"},
		{"a header and no rows", "header.csv", f.admin, csvOf(h), "empty_file"},
		{"no required columns", "cols.csv", f.admin, csvOf([]string{"Last Name", "Email", "Acme"}, []string{"L", "a@b.example", "X"}), "missing_columns"},
		{"a mangled header", "typo.csv", f.admin, csvOf(mangled, good), "unknown_column"},
		{"data where the header should be", "noheader.csv", f.admin, csvOf(good, good), "mangled_header"},
		{"a group the uploader cannot use", "denver.csv", f.manager, csvOf([]string{"First Name", "Cell Phone", "Acme / Denver"}, []string{"A", "2015550123", "X"}), "group_not_allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.body) == 0 {
				tt.body = []byte{} // the presigned PUT needs a size of at least 1; an empty file arrives by drop
				key := "incoming/" + f.org.ID + "/" + tt.file
				if _, err := f.s3.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(uploads), Key: aws.String(key),
					Body: bytes.NewReader(nil), Metadata: map[string]string{"uploader": tt.uploader.Email}}); err != nil {
					t.Fatal(err)
				}
				f.pump()
				head, _ := s3store.New(f.s3, uploads).Head(context.Background(), key)
				imp := f.imp(importer.DroppedUploadID(key, head.ETag))
				if imp.Status != roster.ImportFailed || imp.FailureReason != tt.reason {
					t.Fatalf("status %s reason %q (%s), want failed %q", imp.Status, imp.FailureReason, imp.FailureMessage, tt.reason)
				}
				return
			}
			before := len(f.mails(roster.MailImportFailed))
			imp := f.upload(tt.uploader, roster.ImportNew, tt.file, tt.body)
			if imp.Status != roster.ImportFailed || imp.FailureReason != tt.reason || imp.FailureMessage == "" {
				t.Fatalf("status %s reason %q (%s), want failed %q with a message", imp.Status, imp.FailureReason, imp.FailureMessage, tt.reason)
			}
			if n := len(f.mails(roster.MailImportFailed)); n != before+1 {
				t.Errorf("failure mails %d → %d, want one more", before, n)
			}
			if n := len(f.contacts()); n != 0 {
				t.Errorf("%d contacts written, want none", n)
			}
			if _, err := f.requests.Apply(context.Background(), f.caller(tt.uploader), imp.ID, false); roster.ReasonOf(err) != "import_not_ready" {
				t.Errorf("apply of a failed import: %v, want import_not_ready", err)
			}
		})
	}
}

func TestRepeatedEventsDoNotRepeatWork(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	h := f.header()
	boston := roster.GroupPath(f.tree, f.boston.ID)
	file := csvOf(h, f.row(h, map[string]string{"First Name": "Ada", "Cell Phone": "2015550123", boston: "X"}))

	// A dropped file, its event delivered twice: one import.
	key := "incoming/" + f.org.ID + "/dropped contacts.csv"
	if _, err := f.s3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(uploads), Key: aws.String(key), Body: bytes.NewReader(file),
		Metadata: map[string]string{"uploader": "ann@acme.example"}}); err != nil {
		t.Fatal(err)
	}
	f.pump()
	if err := f.worker.Handle(ctx, s3Event(uploads, key)); err != nil {
		t.Fatal(err)
	}
	head, _ := s3store.New(f.s3, uploads).Head(ctx, key)
	imp := f.imp(importer.DroppedUploadID(key, head.ETag))
	if imp.Status != roster.ImportReady || imp.Attempt != 1 || imp.Summary.New != 1 || imp.Source != roster.UploadDropped {
		t.Fatalf("dropped import %s attempt %d summary %+v (%s)", imp.Status, imp.Attempt, imp.Summary, imp.FailureMessage)
	}
	if got := f.mails(roster.MailImportReady); !slices.Equal(got, []string{f.admin.ID}) {
		t.Errorf("review mail to %v, want the organisation's admins", got)
	}

	// The apply job's event twice: the contact is written once.
	imp = f.apply(f.admin, imp.ID)
	job := imports.JobKey(f.org.ID, imp.ID, imports.StepApply, imp.Attempt-1, 0)
	if err := f.worker.Handle(ctx, s3Event(uploads, job)); err != nil {
		t.Fatal(err)
	}
	after := f.imp(imp.ID)
	if after.Status != roster.ImportCompleted || after.Progress.Done != 1 || after.Version != imp.Version || len(f.contacts()) != 1 {
		t.Fatalf("after a repeated job: %s %+v version %d→%d, %d contacts", after.Status, after.Progress, imp.Version, after.Version, len(f.contacts()))
	}

	// An API upload's event twice: checked once.
	api := f.upload(f.admin, roster.ImportNew, "again.csv", csvOf(h, f.row(h, map[string]string{"First Name": "Bo", "Cell Phone": "2015550199", boston: "X"})))
	if err := f.worker.Handle(ctx, s3Event(uploads, api.ObjectKey)); err != nil {
		t.Fatal(err)
	}
	if again := f.imp(api.ID); again.Version != api.Version || again.Attempt != 1 {
		t.Fatalf("a repeated upload event changed the import: version %d→%d attempt %d", api.Version, again.Version, again.Attempt)
	}
}

// failingStore fails WriteContacts once, after some calls, as a crash
// halfway through applying would; with cancel set it also cancels the
// invocation's context, so that nothing more can be written (not even the
// lease's release), as when Lambda kills a worker.
type failingStore struct {
	*dynamo.Store
	mu          sync.Mutex
	calls, fail int
	cancel      context.CancelFunc
}

func (s *failingStore) WriteContacts(ctx context.Context, w []roster.ContactWrite) error {
	s.mu.Lock()
	s.calls++
	n := s.calls
	s.mu.Unlock()
	if n == s.fail {
		// Half the batch lands, then the invocation dies.
		if err := s.Store.WriteContacts(ctx, w[:len(w)/2]); err != nil {
			return err
		}
		if s.cancel != nil {
			s.cancel()
			return ctx.Err()
		}
		return errors.New("injected failure")
	}
	return s.Store.WriteContacts(ctx, w)
}

func bigFile(f *fixture, n int) []byte {
	h := f.header()
	boston := roster.GroupPath(f.tree, f.boston.ID)
	rows := [][]string{h}
	for i := range n {
		rows = append(rows, f.row(h, map[string]string{"First Name": fmt.Sprintf("C%03d", i), "Cell Phone": fmt.Sprintf("201555%04d", i), boston: "X"}))
	}
	return csvOf(rows...)
}

func TestApplyRetriedAfterAFailureFinishesWithoutDuplicates(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	imp := f.upload(f.admin, roster.ImportNew, "many.csv", bigFile(f, 450))
	if imp.Status != roster.ImportReady || imp.Summary.New != 450 {
		t.Fatalf("%s %+v", imp.Status, imp.Summary)
	}
	fs := &failingStore{Store: f.store, fail: 3}
	f.worker.Store = fs
	if _, err := f.requests.Apply(ctx, f.caller(f.admin), imp.ID, false); err != nil {
		t.Fatal(err)
	}
	job := imports.JobKey(f.org.ID, imp.ID, imports.StepApply, imp.Attempt, 0)
	f.mu.Lock()
	f.created = nil // deliver the job by hand, to see its error
	f.mu.Unlock()
	if err := f.worker.Handle(ctx, s3Event(uploads, job)); err == nil {
		t.Fatal("the injected failure did not surface; Lambda would not retry")
	}
	mid := f.imp(imp.ID)
	if n := len(f.contacts()); mid.Status != roster.ImportApplying || mid.Leased(f.clock.Now()) || n == 0 || n >= 450 {
		t.Fatalf("after the failure: %s, leased %v, %d contacts; want applying, released for the retry, part written",
			mid.Status, mid.Leased(f.clock.Now()), n)
	}
	// Lambda retries the event: it goes on from the recorded progress.
	if err := f.worker.Handle(ctx, s3Event(uploads, job)); err != nil {
		t.Fatal(err)
	}
	done := f.imp(imp.ID)
	cs := f.contacts()
	phones := map[string]bool{}
	for _, c := range cs {
		phones[c.Phone] = true
	}
	if done.Status != roster.ImportCompleted || len(cs) != 450 || len(phones) != 450 || done.Progress.Done != 450 || done.Progress.Skipped != 0 {
		t.Fatalf("after the retry: %s %+v; %d contacts with %d phones; want 450 once each", done.Status, done.Progress, len(cs), len(phones))
	}
}

func TestApplyHandsOverToFreshInvocations(t *testing.T) {
	f := newFixture(t)
	imp := f.upload(f.admin, roster.ImportNew, "chunks.csv", bigFile(f, 250))
	f.worker.ChunkRows = 100
	if _, err := f.requests.Apply(context.Background(), f.caller(f.admin), imp.ID, false); err != nil {
		t.Fatal(err)
	}
	keys := f.pump()
	jobs := 0
	for _, k := range keys {
		if strings.HasPrefix(k, "jobs/") {
			jobs++
		}
	}
	done := f.imp(imp.ID)
	if done.Status != roster.ImportCompleted || done.Progress.Done != 250 || len(f.contacts()) != 250 || jobs != 3 {
		t.Fatalf("%s %+v, %d contacts, %d invocations; want completed 250 in 3", done.Status, done.Progress, len(f.contacts()), jobs)
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func TestResumeImportsRestartsAWorkerThatDied(t *testing.T) {
	f := newFixture(t)
	imp := f.upload(f.admin, roster.ImportNew, "many.csv", bigFile(f, 300))
	ctx, cancel := context.WithCancel(context.Background())
	f.worker.Store = &failingStore{Store: f.store, fail: 2, cancel: cancel}
	if _, err := f.requests.Apply(context.Background(), f.caller(f.admin), imp.ID, false); err != nil {
		t.Fatal(err)
	}
	job := imports.JobKey(f.org.ID, imp.ID, imports.StepApply, imp.Attempt, 0)
	f.mu.Lock()
	f.created = nil
	f.mu.Unlock()
	if err := f.worker.Handle(ctx, s3Event(uploads, job)); err == nil {
		t.Fatal("the worker did not die")
	}
	f.worker.Store = f.store
	resumer := &imports.Resumer{Store: f.store, Uploads: s3store.New(f.s3, uploads), Log: f.worker.Log, Now: f.clock.Now}
	// Lambda's retries come while the dead worker's lease holds: skipped.
	if err := f.worker.Handle(context.Background(), s3Event(uploads, job)); err != nil {
		t.Fatal(err)
	}
	if n, err := resumer.Run(context.Background()); err != nil || n != 0 {
		t.Fatalf("resumed %d, %v while the lease holds; want 0", n, err)
	}
	if got := f.imp(imp.ID); got.Status != roster.ImportApplying {
		t.Fatalf("status %s", got.Status)
	}
	f.clock.advance(5 * time.Minute)
	if n, err := resumer.Run(context.Background()); err != nil || n != 1 {
		t.Fatalf("resumed %d, %v after the lease ran out; want 1", n, err)
	}
	f.pump()
	done := f.imp(imp.ID)
	if done.Status != roster.ImportCompleted || done.Progress.Done != 300 || len(f.contacts()) != 300 {
		t.Fatalf("after resuming: %s %+v, %d contacts", done.Status, done.Progress, len(f.contacts()))
	}
	if active, err := f.store.ActiveImports(context.Background()); err != nil || len(active) != 0 {
		t.Fatalf("active imports after completion: %v, %v", active, err)
	}
}

// exportAndEdit imports n contacts, exports them as CSV and returns the
// rows with edit applied to each data row.
func (f *fixture) exportAndEdit(n int, edit func(header, row []string)) [][]string {
	f.t.Helper()
	imp := f.upload(f.admin, roster.ImportNew, "base.csv", bigFile(f, n))
	if imp = f.apply(f.admin, imp.ID); imp.Status != roster.ImportCompleted {
		f.t.Fatalf("base import: %s", imp.Status)
	}
	ctx := context.Background()
	e, err := f.exportsv.Start(ctx, f.caller(f.admin), "csv", "")
	if err != nil {
		f.t.Fatal(err)
	}
	f.pump()
	if e, err = f.store.Export(ctx, f.org.ID, e.ID); err != nil || e.Status != roster.ExportCompleted {
		f.t.Fatalf("export %+v, %v", e, err)
	}
	body, _, err := s3store.New(f.s3, exportB).Get(ctx, e.ObjectKey)
	if err != nil {
		f.t.Fatal(err)
	}
	b, _ := io.ReadAll(body)
	body.Close()
	rows := readAll(f.t, b)
	for _, r := range rows[1:] {
		edit(rows[0], r)
	}
	return rows
}

func col(header []string, name string) int { return slices.Index(header, name) }

func TestUpdateRetriedAfterAFailureCountsEveryRowOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	rows := f.exportAndEdit(300, func(h, r []string) { r[col(h, "City")] = "Cambridge" })
	up := f.upload(f.admin, roster.ImportUpdate, "cities.csv", csvOf(rows...))
	if up.Summary.Updated != 300 {
		t.Fatalf("update summary %+v", up.Summary)
	}
	f.worker.Store = &failingStore{Store: f.store, fail: 3}
	if _, err := f.requests.Apply(ctx, f.caller(f.admin), up.ID, false); err != nil {
		t.Fatal(err)
	}
	job := imports.JobKey(f.org.ID, up.ID, imports.StepApply, up.Attempt, 0)
	f.mu.Lock()
	f.created = nil
	f.mu.Unlock()
	if err := f.worker.Handle(ctx, s3Event(uploads, job)); err == nil {
		t.Fatal("no failure")
	}
	if err := f.worker.Handle(ctx, s3Event(uploads, job)); err != nil {
		t.Fatal(err)
	}
	done := f.imp(up.ID)
	if done.Status != roster.ImportCompleted || done.Progress.Done != 300 || done.Progress.Skipped != 0 {
		t.Fatalf("after the retry: %s %+v; want 300 done, none skipped", done.Status, done.Progress)
	}
	for _, c := range f.contacts() {
		if c.Address.City != "Cambridge" || c.Version != 2 {
			t.Fatalf("contact %s: city %q version %d", c.FirstName, c.Address.City, c.Version)
		}
	}
}

func TestUpdateRowsAreCheckedAsCarefullyAsAnEdit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	boston := roster.GroupPath(f.tree, f.boston.ID)
	rows := f.exportAndEdit(4, func(h, r []string) {})
	h := rows[0]
	idCol := col(h, "Contact ID")
	byName := map[string][]string{}
	for _, r := range rows[1:] {
		byName[r[0]] = r
	}
	dup := slices.Clone(byName["C000"])
	dup[0], dup[2] = "Copy", "2015559999"
	bare := slices.Clone(byName["C001"])
	bare[idCol], bare[col(h, "City")] = strings.Split(bare[idCol], ".")[0], "Bare"
	nogroup := slices.Clone(byName["C002"])
	nogroup[col(h, boston)] = ""
	newPhone := slices.Clone(byName["C003"])
	newPhone[2] = "2015550777"
	up := f.upload(f.admin, roster.ImportUpdate, "checks.csv", csvOf(h, byName["C000"], dup, bare, nogroup, newPhone))
	problems := map[int]string{}
	for _, e := range up.SampleErrors {
		for _, p := range e.Problems {
			problems[e.Line] += p.Field + ": " + p.Message + "|"
		}
	}
	for line, want := range map[int]string{3: "also on row 2", 4: "has no version", 5: "at least one group"} {
		if !strings.Contains(problems[line], want) {
			t.Errorf("row %d: %q, want %q", line, problems[line], want)
		}
	}
	if up.Summary.Unchanged != 1 || up.Summary.Updated != 1 || up.Summary.Errors != 3 {
		t.Fatalf("summary %+v", up.Summary)
	}
	// Between review and apply, the new number is given to another contact.
	other := f.upload(f.admin, roster.ImportNew, "other.csv", csvOf(h, f.row(h, map[string]string{"First Name": "Zed", "Cell Phone": "2015550777", boston: "X"})))
	if other = f.apply(f.admin, other.ID); other.Status != roster.ImportCompleted {
		t.Fatalf("other import %s", other.Status)
	}
	up = f.apply(f.admin, up.ID)
	if up.Progress.Done != 0 || up.Progress.Skipped != 1 {
		t.Fatalf("apply progress %+v; want the update skipped (its number was taken)", up.Progress)
	}
	owners, err := f.store.ContactIDsByPhone(ctx, f.org.ID, []string{"+12015550777"})
	if err != nil || len(owners) != 1 {
		t.Fatalf("owners %v, %v", owners, err)
	}
	for _, c := range f.contacts() {
		if c.FirstName == "C003" && c.Phone == "+12015550777" {
			t.Fatal("two contacts share a number")
		}
	}
}

func TestAnErrorReportFixedAndUploadedAgainIsRead(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	h := f.header()
	boston := roster.GroupPath(f.tree, f.boston.ID)
	imp := f.upload(f.admin, roster.ImportNew, "first.csv", csvOf(h,
		f.row(h, map[string]string{"First Name": "Ok", "Cell Phone": "2015550100", boston: "X"}),
		f.row(h, map[string]string{"First Name": "Typo", "Cell Phone": "201555010O", boston: "X"})))
	body, _, err := s3store.New(f.s3, uploads).Get(ctx, imp.ErrorReportKey)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(body)
	body.Close()
	report := readAll(t, b)
	if len(report) != 2 || report[0][len(report[0])-1] != "Errors" || !strings.HasPrefix(report[1][len(report[1])-1], "Row 3: Cell Phone") {
		t.Fatalf("report %q", report)
	}
	report[1][2] = "2015550101"
	again := f.upload(f.admin, roster.ImportNew, "fixed.csv", csvOf(report...))
	if again.Status != roster.ImportReady || again.Summary.New != 1 || again.Summary.Errors != 0 {
		t.Fatalf("fixed report: %s %+v %s", again.Status, again.Summary, again.FailureMessage)
	}
}

func TestAnImportThatKeepsStoppingIsGivenUp(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	imp := f.upload(f.admin, roster.ImportNew, "doomed.csv", bigFile(f, 10))
	// The plan expired (the bucket's lifecycle): applying cannot go on.
	for p := range imp.PlanParts {
		if err := s3store.New(f.s3, uploads).Delete(ctx, imports.PlanKey(f.org.ID, imp.ID, p)); err != nil {
			t.Fatal(err)
		}
	}
	got := f.apply(f.admin, imp.ID)
	if got.Status != roster.ImportFailed || got.FailureReason != "gave_up" || len(f.contacts()) != 0 {
		t.Fatalf("%s %s: %s", got.Status, got.FailureReason, got.FailureMessage)
	}
	if !slices.Contains(f.mails(roster.MailImportFailed), f.admin.ID) {
		t.Error("the uploader was not told")
	}
}

type brokenContacts struct{ *dynamo.Store }

func (brokenContacts) EachContact(context.Context, string, func(roster.Contact) error) error {
	return errors.New("injected read failure")
}

func TestAnExportThatKeepsFailingEndsFailed(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.exporter.Store = brokenContacts{f.store}
	e, err := f.exportsv.Start(ctx, f.caller(f.admin), "csv", "")
	if err != nil {
		t.Fatal(err)
	}
	ev := s3Event(exportB, exports.RequestKey(f.org.ID, e.ID))
	for attempt := 1; attempt <= 2; attempt++ { // the event and Lambda's first retry
		if err := f.exporter.Handle(ctx, ev); err == nil {
			t.Fatalf("attempt %d: the failure did not surface for Lambda to retry", attempt)
		}
		if got, _ := f.store.Export(ctx, f.org.ID, e.ID); got.Status != roster.ExportRunning || got.LeaseUntil.After(f.clock.Now()) {
			t.Fatalf("attempt %d: %s, lease %v; want running and released for the retry", attempt, got.Status, got.LeaseUntil)
		}
	}
	if err := f.exporter.Handle(ctx, ev); err != nil { // Lambda's last retry
		t.Fatalf("last attempt: %v; want the export ended, not retried", err)
	}
	if got, _ := f.store.Export(ctx, f.org.ID, e.ID); got.Status != roster.ExportFailed || got.Failure == "" {
		t.Fatalf("after three failures: %+v", got)
	}
	if got := f.mails(roster.MailExportFailed); !slices.Equal(got, []string{f.admin.ID}) {
		t.Fatalf("export_failed mail to %v, want the requester once", got)
	}
}

// failureRecord is the invocation record Lambda sends to the failure queue
// once it gives up on an S3 event.
func failureRecord(bucket, key string) events.SQSMessage {
	return events.SQSMessage{MessageId: "m-" + key, Body: `{"version":"1.0","timestamp":"2026-11-23T10:00:00.000Z",
  "requestContext":{"requestId":"r1","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:roster-Worker","condition":"RetriesExhausted","approximateInvokeCount":3},
  "requestPayload":{"Records":[{"eventSource":"aws:s3","s3":{"bucket":{"name":"` + bucket + `"},"object":{"key":"` + url.QueryEscape(key) + `","eTag":"e"}}}]},
  "responseContext":{"statusCode":200,"functionError":"Unhandled"},"responsePayload":{"errorType":"Runtime.ExitError"}}`}
}

// An import or export whose event Lambda gave up on is ended failed by the
// failure queue's consumer and its owner told, once however often the
// record is delivered; one a worker holds is left to it.
func TestFailureRecordsEndJobsAndTellTheirOwnersOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	h := &deadletter.Handler{Buckets: deadletter.Buckets{Uploads: uploads, Exports: exportB}, Log: log,
		Imports: &imports.Abandoner{Store: f.store, Log: log, Now: f.clock.Now},
		Exports: &exports.Abandoner{Store: f.store, Log: log, Now: f.clock.Now}}
	st, err := f.requests.Start(ctx, f.caller(f.admin), imports.NewImportInput{Mode: roster.ImportNew, FileName: "lost.csv", Size: 10, ContentType: "text/csv"})
	if err != nil {
		t.Fatal(err)
	}
	exp, err := f.exportsv.Start(ctx, f.caller(f.manager), "csv", "")
	if err != nil {
		t.Fatal(err)
	}
	held, err := f.exportsv.Start(ctx, f.caller(f.admin), "csv", "")
	if err != nil {
		t.Fatal(err)
	}
	held.Status, held.LeaseUntil, held.Attempt, held.Version = roster.ExportRunning, f.clock.Now().Add(time.Minute), 1, held.Version+1
	if err := f.store.SaveExport(ctx, held, nil); err != nil {
		t.Fatal(err)
	}
	ev := events.SQSEvent{Records: []events.SQSMessage{
		failureRecord(uploads, st.Import.ObjectKey),
		failureRecord(exportB, exports.RequestKey(f.org.ID, exp.ID)),
		failureRecord(exportB, exports.RequestKey(f.org.ID, held.ID)),
	}}
	for range 2 { // SQS delivers at least once
		resp, err := h.Handle(ctx, ev)
		if err != nil || len(resp.BatchItemFailures) != 0 {
			t.Fatalf("Handle = %+v, %v", resp, err)
		}
	}
	if got := f.imp(st.Import.ID); got.Status != roster.ImportFailed || got.FailureReason != "gave_up" {
		t.Fatalf("import after its failure record: %s %s", got.Status, got.FailureReason)
	}
	if got, _ := f.store.Export(ctx, f.org.ID, exp.ID); got.Status != roster.ExportFailed || got.Failure != roster.ExportAbandoned {
		t.Fatalf("export after its failure record: %+v", got)
	}
	if got, _ := f.store.Export(ctx, f.org.ID, held.ID); got.Status != roster.ExportRunning {
		t.Fatalf("held export after a failure record: %+v", got)
	}
	if got := f.mails(roster.MailImportFailed); !slices.Equal(got, []string{f.admin.ID}) {
		t.Errorf("import_failed mail to %v, want the uploader once", got)
	}
	if got := f.mails(roster.MailExportFailed); !slices.Equal(got, []string{f.manager.ID}) {
		t.Errorf("export_failed mail to %v, want the requester once", got)
	}
}
