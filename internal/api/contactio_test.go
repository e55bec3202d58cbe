package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/xuri/excelize/v2"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/exporter"
	"github.com/roster-app/roster/internal/exports"
	"github.com/roster-app/roster/internal/importer"
	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/local/s3local"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/s3store"
)

const (
	ioUploadBucket = "roster-api-test-uploads"
	ioExportBucket = "roster-api-test-exports"
	ioOrgName      = "Acme Supply" // orgBody's name, which is also the root group's
)

// contactIOApp wires the import, export and template operations as their
// functions' mains do, over the contacts app's store and an S3 emulator.
type contactIOApp struct {
	*contactsApp
	s3                                                    *s3.Client
	importRequests                                        *imports.Requests
	exportService                                         *exports.Service
	startImport, getImport, applyImport, cancelImport     api.LambdaHandler
	template, startExport, getExport                      api.LambdaHandler
	north, sales, south                                   api.GroupView
	admin, northManager, southManager, northAdmin, viewer roster.Caller
	agent                                                 roster.Caller
	other                                                 roster.Caller // the administrator of a second organisation
}

// newContactIOApp starts the S3 emulator as importer_test.go's newFixture
// does (without the object-created hook: these tests run no pipeline
// unless they say so) and seeds Acme Supply with North (Sales below it)
// and South, one user per role, and a second organisation.
func newContactIOApp(t *testing.T) *contactIOApp {
	t.Helper()
	c := newContactsApp(t)
	srv, err := s3local.Open(filepath.Join(t.TempDir(), "s3.bolt"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	for _, b := range []string{ioUploadBucket, ioExportBucket} {
		if err := srv.EnsureBucket(b); err != nil {
			t.Fatal(err)
		}
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	client := s3.New(s3.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(hs.URL), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
	uploads, exportObjects := s3store.New(client, ioUploadBucket), s3store.New(client, ioExportBucket)
	q := &imports.Requests{Store: c.store, Uploads: uploads, Now: time.Now}
	es := &exports.Service{Store: c.store, Exports: exportObjects, Now: time.Now}
	log := c.log
	a := &contactIOApp{contactsApp: c, s3: client, importRequests: q, exportService: es,
		startImport:  api.Authenticated(log, api.Idempotent(c.store, time.Now, api.StartImport(q))),
		getImport:    api.Authenticated(log, api.GetImport(&imports.Viewer{Store: c.store, Uploads: uploads, Now: time.Now})),
		applyImport:  api.Authenticated(log, api.ApplyImport(q)),
		cancelImport: api.Authenticated(log, api.CancelImport(q)),
		template:     api.Authenticated(log, api.ContactTemplate(exporter.Templates{Groups: c.store}.Make)),
		startExport:  api.Authenticated(log, api.StartExport(es)),
		getExport:    api.Authenticated(log, api.GetExport(&exports.Viewer{Store: c.store, Exports: exportObjects, Now: time.Now})),
	}
	a.admin = c.adminCaller()
	a.north = c.mustCreate(t, a.admin, "North", "location", c.rootID)
	a.sales = c.mustCreate(t, a.admin, "Sales", "department", a.north.ID)
	a.south = c.mustCreate(t, a.admin, "South", "location", c.rootID)
	// Import requests read the uploader's user record, so these are real users.
	a.northManager = a.mustUser(t, "mona@acme.example", roster.RoleManager, a.north.ID)
	a.southManager = a.mustUser(t, "sam@acme.example", roster.RoleManager, a.south.ID)
	a.northAdmin = a.mustUser(t, "nora@acme.example", roster.RoleAdmin, a.north.ID)
	a.viewer = a.mustUser(t, "vic@acme.example", roster.RoleViewer, c.rootID)
	a.agent = a.mustUser(t, "gus@acme.example", roster.RoleAgent, a.north.ID)

	body := strings.Replace(orgBody, "Ann@Acme.example", "eve@globex.example", 1)
	resp := c.call(t, c.createOrg, "POST /orgs", body, map[string]string{api.OperatorKeyHeader: operatorKey})
	if resp.StatusCode != 201 {
		t.Fatalf("second organisation: %d %s", resp.StatusCode, resp.Body)
	}
	var org api.OrganisationView
	_ = json.Unmarshal([]byte(resp.Body), &org)
	a.other = roster.Caller{OrgID: org.ID, UserID: org.Admin.ID, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: org.RootGroupID}}}
	return a
}

func (a *contactIOApp) mustUser(t *testing.T, email string, role roster.Role, group string) roster.Caller {
	t.Helper()
	// Active, with a password, as someone holding a token is: the import
	// check and the exporter refuse work for a user who is not active.
	body := `{"email":"` + email + `","firstName":"F","lastName":"L","passwordOption":"set","password":"a long enough password",
	  "roles":[{"role":"` + string(role) + `","groupId":"` + group + `"}]}`
	resp := a.as(t, a.admin, a.createUser, "POST /users", "", body, nil)
	if resp.StatusCode != 201 {
		t.Fatalf("create %s: %d %s", email, resp.StatusCode, resp.Body)
	}
	var u api.UserView
	_ = json.Unmarshal([]byte(resp.Body), &u)
	if u.Status != "active" {
		t.Fatalf("%s is %q", email, u.Status)
	}
	return roster.Caller{OrgID: a.orgID, UserID: u.ID, Grants: []roster.Grant{{Role: role, GroupID: group}}}
}

func importBody(mode, fileName string, size int64) string {
	return `{"mode":"` + mode + `","fileName":"` + fileName + `","size":` + strconv.FormatInt(size, 10) + `,"contentType":"text/csv"}`
}

func decodeImport(t *testing.T, resp events.APIGatewayV2HTTPResponse) api.ImportView {
	t.Helper()
	var v api.ImportView
	if err := json.Unmarshal([]byte(resp.Body), &v); err != nil {
		t.Fatalf("not an import: %v %s", err, resp.Body)
	}
	return v
}

func (a *contactIOApp) mustStartImport(t *testing.T, c roster.Caller, fileName string) api.ImportView {
	t.Helper()
	resp := a.as(t, c, a.startImport, "POST /contacts/imports", "", importBody("import", fileName, 42), nil)
	if resp.StatusCode != 201 {
		t.Fatalf("start import: %d %s", resp.StatusCode, resp.Body)
	}
	return decodeImport(t, resp)
}

func fieldNames(fields []roster.FieldError) []string {
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		names = append(names, f.Field)
	}
	slices.Sort(names)
	return names
}

// getTemplate calls GET /contacts/template?format=… (no query string when
// format is "") and returns the response and its body, decoded from base64
// when the Lambda response says it is.
//
// The document describes what clients receive. API Gateway decodes a body
// sent with IsBase64Encoded before passing it on, so the response checked
// against docs/openapi.yaml carries the decoded bytes: checking the base64
// text instead would pass any string as "text/csv". For the XLSX the
// document's schema is {type: string, format: binary}, which kin-openapi
// reads as raw bytes and does not look into, so for that case the check
// covers the status, the media type and the headers only; the tests open
// the workbook themselves.
func (a *contactIOApp) getTemplate(t *testing.T, c roster.Caller, format string) (events.APIGatewayV2HTTPResponse, []byte) {
	t.Helper()
	ev := event("GET /contacts/template", "", nil)
	if format != "" {
		ev.QueryStringParameters = map[string]string{"format": format}
		ev.RawQueryString = "format=" + url.QueryEscape(format)
	}
	cctx, err := api.CallerContext(c)
	if err != nil {
		t.Fatal(err)
	}
	ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
	resp, err := a.template(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(resp.Body)
	seen := resp
	if resp.IsBase64Encoded {
		if body, err = base64.StdEncoding.DecodeString(resp.Body); err != nil {
			t.Fatalf("IsBase64Encoded but the body is not base64: %v", err)
		}
		seen.Body, seen.IsBase64Encoded = string(body), false
	}
	a.spec.checkResponse(t, "GET /contacts/template", seen)
	return resp, body
}

// groupColumns returns the headers after the fixed columns.
func groupColumns(header []string) []string {
	if len(header) < len(roster.ContactColumns) {
		return nil
	}
	return header[len(roster.ContactColumns):]
}

func TestStartImport(t *testing.T) {
	a := newContactIOApp(t)

	t.Run("a manager gets the import and a URL that takes the file", func(t *testing.T) {
		file := []byte("First Name,Cell Phone\r\nAda,2015550100\r\n")
		before := time.Now().UTC().Truncate(time.Second)
		resp := a.as(t, a.northManager, a.startImport, "POST /contacts/imports", "", importBody("import", "spring list.csv", int64(len(file))), nil)
		if resp.StatusCode != 201 {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		v := decodeImport(t, resp)
		if v.ID == "" || resp.Headers["Location"] != "/contacts/imports/"+v.ID {
			t.Fatalf("id %q, Location %q", v.ID, resp.Headers["Location"])
		}
		if v.Mode != "import" || v.Status != "awaiting_upload" || v.Source != "api" || v.FileName != "spring list.csv" ||
			v.UploaderID != a.northManager.UserID || v.Failure != nil || len(v.Errors) != 0 || len(v.Changes) != 0 {
			t.Fatalf("import = %+v", v)
		}
		up := v.Upload
		if up == nil {
			t.Fatal("no upload in the answer")
		}
		if up.Method != http.MethodPut || up.Headers["Content-Type"] != "text/csv" || up.Headers["Content-Length"] != strconv.Itoa(len(file)) {
			t.Fatalf("upload = %+v", up)
		}
		expires, err := time.Parse(time.RFC3339, up.ExpiresAt)
		if err != nil || expires.Before(before.Add(time.Hour)) || expires.After(time.Now().Add(time.Hour+time.Minute)) {
			t.Fatalf("expiresAt %q (%v), want an hour from now", up.ExpiresAt, err)
		}
		wantKey := "imports/" + a.orgID + "/" + v.ID + "/spring list.csv"
		if u, err := url.Parse(up.URL); err != nil || u.Path != "/"+ioUploadBucket+"/"+wantKey {
			t.Fatalf("upload URL %q (%v), want the path /%s/%s", up.URL, err, ioUploadBucket, wantKey)
		}

		// The browser's PUT lands where the import expects its file.
		req, err := http.NewRequest(up.Method, up.URL, bytes.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		for k, val := range up.Headers {
			req.Header.Set(k, val)
		}
		req.ContentLength = int64(len(file))
		put, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		put.Body.Close()
		if put.StatusCode != http.StatusOK {
			t.Fatalf("PUT to the presigned URL: %s", put.Status)
		}
		head, err := a.s3.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(ioUploadBucket), Key: aws.String(wantKey)})
		if err != nil || aws.ToInt64(head.ContentLength) != int64(len(file)) {
			t.Fatalf("the uploaded object: %v %+v", err, head)
		}
	})

	t.Run("an administrator may start an update; no content type means octet-stream", func(t *testing.T) {
		resp := a.as(t, a.admin, a.startImport, "POST /contacts/imports", "", `{"mode":"update","fileName":"Export.XLSX","size":104857600}`, nil)
		if resp.StatusCode != 201 {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		if v := decodeImport(t, resp); v.Mode != "update" || v.Upload == nil || v.Upload.Headers["Content-Type"] != "application/octet-stream" ||
			v.Upload.Headers["Content-Length"] != "104857600" {
			t.Fatalf("import = %+v, upload %+v", v, v.Upload)
		}
	})

	refusals := []struct {
		name   string
		body   string
		status int
		code   string
		fields []string
	}{
		{"every bad field is named at once", `{"mode":"append","fileName":"","size":0}`, 400, "validation_failed", []string{"fileName", "mode", "size"}},
		{"no mode", `{"fileName":"a.csv","size":5}`, 400, "validation_failed", []string{"mode"}},
		{"a file name with a slash", importBody("import", "north/contacts.csv", 5), 400, "validation_failed", []string{"fileName"}},
		{"a file name with a backslash", importBody("import", `north\\contacts.csv`, 5), 400, "validation_failed", []string{"fileName"}},
		{"a blank file name", importBody("import", "   ", 5), 400, "validation_failed", []string{"fileName"}},
		{"a legacy .xls", importBody("import", "contacts.xls", 5), 400, "validation_failed", []string{"fileName"}},
		{"a .numbers file", importBody("update", "contacts.numbers", 5), 400, "validation_failed", []string{"fileName"}},
		{"no extension", importBody("import", "contacts", 5), 400, "validation_failed", []string{"fileName"}},
		{"a negative size", importBody("import", "a.csv", -1), 400, "validation_failed", []string{"size"}},
		{"a size over 100 MB", importBody("import", "a.csv", 104857601), 400, "validation_failed", []string{"size"}},
		{"an unknown field", `{"mode":"import","fileName":"a.csv","size":5,"groups":["x"]}`, 400, "validation_failed", []string{"groups"}},
		{"a size that is not a number", `{"mode":"import","fileName":"a.csv","size":"5"}`, 400, "validation_failed", []string{"size"}},
		{"broken JSON", `{"mode":`, 400, "malformed_body", nil},
	}
	for _, tt := range refusals {
		t.Run("refused: "+tt.name, func(t *testing.T) {
			resp := a.as(t, a.northManager, a.startImport, "POST /contacts/imports", "", tt.body, nil)
			code, fields := problemCode(t, resp)
			if resp.StatusCode != tt.status || code != tt.code {
				t.Fatalf("got %d %q, want %d %q: %s", resp.StatusCode, code, tt.status, tt.code, resp.Body)
			}
			if got := fieldNames(fields); !slices.Equal(got, tt.fields) && !(len(got) == 0 && len(tt.fields) == 0) {
				t.Fatalf("fields %v, want %v: %s", got, tt.fields, resp.Body)
			}
		})
	}

	t.Run("a form body is 415", func(t *testing.T) {
		resp := a.as(t, a.northManager, a.startImport, "POST /contacts/imports", "", "mode=import", map[string]string{"content-type": "application/x-www-form-urlencoded"})
		if code, _ := problemCode(t, resp); resp.StatusCode != 415 || code != "unsupported_media_type" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})

	t.Run("viewers, agents and callers without roles are 403", func(t *testing.T) {
		for name, c := range map[string]roster.Caller{
			"viewer": a.viewer, "agent": a.agent, "no roles": {OrgID: a.orgID, UserID: a.viewer.UserID},
		} {
			resp := a.as(t, c, a.startImport, "POST /contacts/imports", "", importBody("import", "a.csv", 5), nil)
			if code, _ := problemCode(t, resp); resp.StatusCode != 403 || code != "forbidden" {
				t.Errorf("%s: got %d %s", name, resp.StatusCode, resp.Body)
			}
		}
	})

	t.Run("a retry with the same Idempotency-Key returns the same import", func(t *testing.T) {
		key := map[string]string{api.IdempotencyKeyHeader: "import-1"}
		body := importBody("import", "retry.csv", 10)
		first := a.as(t, a.northManager, a.startImport, "POST /contacts/imports", "", body, key)
		again := a.as(t, a.northManager, a.startImport, "POST /contacts/imports", "", body, key)
		if first.StatusCode != 201 || again.StatusCode != 201 {
			t.Fatalf("first %d, again %d %s", first.StatusCode, again.StatusCode, again.Body)
		}
		v1, v2 := decodeImport(t, first), decodeImport(t, again)
		if v1.ID == "" || v2.ID != v1.ID || again.Headers["Idempotent-Replayed"] != "true" || again.Headers["Location"] != first.Headers["Location"] {
			t.Fatalf("first %s %v\nagain %s %v", v1.ID, first.Headers, v2.ID, again.Headers)
		}
		if v2.Upload == nil || v2.Upload.URL != v1.Upload.URL {
			t.Fatalf("the replay's upload %+v differs from the first %+v", v2.Upload, v1.Upload)
		}
		// Without the key the same body is a new import.
		if other := decodeImport(t, a.as(t, a.northManager, a.startImport, "POST /contacts/imports", "", body, nil)); other.ID == v1.ID {
			t.Fatal("a request without the key replayed the keyed one")
		}
		// Another user's same key is theirs.
		if admin := decodeImport(t, a.as(t, a.admin, a.startImport, "POST /contacts/imports", "", body, key)); admin.ID == v1.ID || admin.UploaderID != a.adminID {
			t.Fatalf("the administrator's request with the manager's key got %+v", admin)
		}
		// The same key with another body is 422.
		resp := a.as(t, a.northManager, a.startImport, "POST /contacts/imports", "", importBody("import", "other.csv", 10), key)
		if code, _ := problemCode(t, resp); resp.StatusCode != 422 || code != "idempotency_key_reused" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
}

func TestGetImport(t *testing.T) {
	a := newContactIOApp(t)
	imp := a.mustStartImport(t, a.northManager, "north.csv")
	get := func(c roster.Caller, id string) events.APIGatewayV2HTTPResponse {
		return a.as(t, c, a.getImport, "GET /contacts/imports/{id}", id, "", nil)
	}

	t.Run("the uploader sees it, without the upload URL", func(t *testing.T) {
		resp := get(a.northManager, imp.ID)
		if resp.StatusCode != 200 {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		v := decodeImport(t, resp)
		if v.ID != imp.ID || v.Status != "awaiting_upload" || v.FileName != "north.csv" || v.UploaderID != a.northManager.UserID ||
			v.CreatedAt != imp.CreatedAt || v.Upload != nil || v.ErrorReportURL != "" {
			t.Fatalf("import = %+v", v)
		}
	})
	t.Run("an administrator of the organisation sees another user's import", func(t *testing.T) {
		if resp := get(a.admin, imp.ID); resp.StatusCode != 200 || decodeImport(t, resp).ID != imp.ID {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("other users of the organisation get 404", func(t *testing.T) {
		for name, c := range map[string]roster.Caller{
			"a manager of the same group": {OrgID: a.orgID, UserID: "another-manager", Grants: a.northManager.Grants},
			"a manager elsewhere":         a.southManager,
			"an admin below the root":     a.northAdmin,
			"a viewer at the root":        a.viewer,
		} {
			resp := get(c, imp.ID)
			if code, _ := problemCode(t, resp); resp.StatusCode != 404 || code != "not_found" {
				t.Errorf("%s: got %d %s", name, resp.StatusCode, resp.Body)
			}
		}
	})
	t.Run("another organisation's id and an unknown id are 404", func(t *testing.T) {
		if resp := get(a.other, imp.ID); resp.StatusCode != 404 {
			t.Fatalf("other organisation: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := get(a.admin, "no-such-import"); resp.StatusCode != 404 {
			t.Fatalf("unknown id: %d %s", resp.StatusCode, resp.Body)
		}
	})
}

func TestApplyAndCancelImport(t *testing.T) {
	a := newContactIOApp(t)
	imp := a.mustStartImport(t, a.northManager, "north.csv")
	apply := func(c roster.Caller, id, body string) events.APIGatewayV2HTTPResponse {
		return a.as(t, c, a.applyImport, "POST /contacts/imports/{id}/apply", id, body, nil)
	}
	cancel := func(c roster.Caller, id string) events.APIGatewayV2HTTPResponse {
		return a.as(t, c, a.cancelImport, "POST /contacts/imports/{id}/cancel", id, "", nil)
	}
	wantProblem := func(t *testing.T, resp events.APIGatewayV2HTTPResponse, status int, code string) {
		t.Helper()
		if got, _ := problemCode(t, resp); resp.StatusCode != status || got != code {
			t.Fatalf("got %d %q, want %d %q: %s", resp.StatusCode, got, status, code, resp.Body)
		}
	}

	t.Run("an import awaiting its file cannot be applied", func(t *testing.T) {
		wantProblem(t, apply(a.northManager, imp.ID, ""), 409, "import_not_ready")
		wantProblem(t, apply(a.northManager, imp.ID, `{"sendWelcome":true}`), 409, "import_not_ready")
	})
	t.Run("apply refuses an unknown field", func(t *testing.T) {
		resp := apply(a.northManager, imp.ID, `{"sendWelcome":true,"force":true}`)
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || !slices.Equal(fieldNames(fields), []string{"force"}) {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("someone who may not see it gets 404, not 409", func(t *testing.T) {
		wantProblem(t, apply(a.southManager, imp.ID, ""), 404, "not_found")
		wantProblem(t, cancel(a.southManager, imp.ID), 404, "not_found")
		wantProblem(t, cancel(a.other, imp.ID), 404, "not_found")
	})
	t.Run("cancel, then apply and cancel again are 409", func(t *testing.T) {
		resp := cancel(a.northManager, imp.ID)
		if resp.StatusCode != 200 {
			t.Fatalf("cancel: %d %s", resp.StatusCode, resp.Body)
		}
		v := decodeImport(t, resp)
		if v.ID != imp.ID || v.Status != "cancelled" || v.FinishedAt == "" {
			t.Fatalf("cancelled = %+v", v)
		}
		if got := decodeImport(t, a.as(t, a.northManager, a.getImport, "GET /contacts/imports/{id}", imp.ID, "", nil)); got.Status != "cancelled" {
			t.Fatalf("GET after cancel shows %q", got.Status)
		}
		wantProblem(t, apply(a.northManager, imp.ID, ""), 409, "import_not_ready")
		wantProblem(t, cancel(a.northManager, imp.ID), 409, "import_not_cancellable")
	})
	t.Run("an administrator may cancel another user's import", func(t *testing.T) {
		other := a.mustStartImport(t, a.southManager, "south.csv")
		if resp := cancel(a.admin, other.ID); resp.StatusCode != 200 || decodeImport(t, resp).Status != "cancelled" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
}

// TestCheckedImportThroughTheAPI runs the check as the upload's S3 event
// would, so that GET, apply and cancel are seen on a ready import with a
// refused row and an error report.
func TestCheckedImportThroughTheAPI(t *testing.T) {
	a := newContactIOApp(t)
	file := []byte("First Name,Last Name,Cell Phone,Acme Supply / North\r\nAda,Lovelace,+1 201 555 0100,X\r\n,Nameless,+1 201 555 0101,X\r\n")
	resp := a.as(t, a.northManager, a.startImport, "POST /contacts/imports", "", importBody("import", "two rows.csv", int64(len(file))), nil)
	if resp.StatusCode != 201 {
		t.Fatalf("start: %d %s", resp.StatusCode, resp.Body)
	}
	imp := decodeImport(t, resp)
	key := "imports/" + a.orgID + "/" + imp.ID + "/two rows.csv"
	if _, err := a.s3.PutObject(context.Background(), &s3.PutObjectInput{
		Bucket: aws.String(ioUploadBucket), Key: aws.String(key), Body: bytes.NewReader(file), ContentType: aws.String("text/csv"),
	}); err != nil {
		t.Fatal(err)
	}
	w := &importer.Worker{Store: a.store, Uploads: a.importRequests.Uploads, Log: a.log, Now: time.Now, TempDir: t.TempDir()}
	var rec events.S3EventRecord
	rec.EventSource, rec.EventName = "aws:s3", "ObjectCreated:Put"
	rec.S3.Bucket.Name, rec.S3.Object.Key = ioUploadBucket, url.QueryEscape(key)
	if err := w.Handle(context.Background(), events.S3Event{Records: []events.S3EventRecord{rec}}); err != nil {
		t.Fatalf("check: %v", err)
	}

	got := a.as(t, a.northManager, a.getImport, "GET /contacts/imports/{id}", imp.ID, "", nil)
	if got.StatusCode != 200 {
		t.Fatalf("get: %d %s", got.StatusCode, got.Body)
	}
	v := decodeImport(t, got)
	if v.Status != "ready" || v.Format != "csv" || v.ReadyAt == "" || v.Summary.Rows != 2 || v.Summary.New != 1 || v.Summary.Errors != 1 ||
		len(v.Errors) != 1 || v.Errors[0].Row != 3 || v.ErrorReportURL == "" {
		t.Fatalf("checked import = %s", got.Body)
	}
	if !strings.Contains(v.ErrorReportURL, "/"+ioUploadBucket+"/") {
		t.Fatalf("errorReportUrl %q is not in the upload bucket", v.ErrorReportURL)
	}

	resp = a.as(t, a.northManager, a.applyImport, "POST /contacts/imports/{id}/apply", imp.ID, `{"sendWelcome":true}`, nil)
	if resp.StatusCode != 202 {
		t.Fatalf("apply: %d %s", resp.StatusCode, resp.Body)
	}
	if v := decodeImport(t, resp); v.Status != "applying" || !v.SendWelcome {
		t.Fatalf("applied = %s", resp.Body)
	}
	// The apply job's object, whose event would start the worker.
	jobs, err := a.s3.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{
		Bucket: aws.String(ioUploadBucket), Prefix: aws.String("jobs/" + a.orgID + "/" + imp.ID + "/"),
	})
	if err != nil || len(jobs.Contents) != 1 {
		t.Fatalf("job objects after apply: %v %+v", err, jobs)
	}
	if j, ok := imports.ParseJobKey(aws.ToString(jobs.Contents[0].Key)); !ok || j.ImportID != imp.ID || j.Step != imports.StepApply {
		t.Fatalf("job object %q", aws.ToString(jobs.Contents[0].Key))
	}
	resp = a.as(t, a.northManager, a.cancelImport, "POST /contacts/imports/{id}/cancel", imp.ID, "", nil)
	if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "import_not_cancellable" {
		t.Fatalf("cancel while applying: %d %s", resp.StatusCode, resp.Body)
	}
}

func TestContactTemplate(t *testing.T) {
	a := newContactIOApp(t)
	root, north, sales, south := ioOrgName, ioOrgName+" / North", ioOrgName+" / North / Sales", ioOrgName+" / South"

	csvHeader := func(t *testing.T, c roster.Caller) []string {
		t.Helper()
		resp, body := a.getTemplate(t, c, "csv")
		if resp.StatusCode != 200 || !resp.IsBase64Encoded {
			t.Fatalf("got %d (base64 %v) %s", resp.StatusCode, resp.IsBase64Encoded, resp.Body)
		}
		if ct := resp.Headers["Content-Type"]; ct != exporter.ContentTypeCSV {
			t.Fatalf("Content-Type %q", ct)
		}
		if cd := resp.Headers["Content-Disposition"]; cd != `attachment; filename="contacts-template.csv"` {
			t.Fatalf("Content-Disposition %q", cd)
		}
		if !bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
			t.Fatalf("no UTF-8 byte-order mark: %q", body[:min(len(body), 10)])
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))).ReadAll()
		if err != nil || len(rows) != 1 {
			t.Fatalf("the template is %d rows (%v): %q", len(rows), err, body)
		}
		h := rows[0]
		if len(h) < 18 || h[0] != "First Name" || h[17] != "Contact ID" { // column 18, R
			t.Fatalf("header %q", h)
		}
		return h
	}

	t.Run("csv for an administrator has a column per group", func(t *testing.T) {
		h := csvHeader(t, a.admin)
		if got := groupColumns(h); !slices.Equal(got, []string{root, north, sales, south}) {
			t.Fatalf("group columns %q", got)
		}
		for i, col := range roster.ContactColumns {
			if h[i] != col.Header {
				t.Errorf("column %d is %q, want %q", i+1, h[i], col.Header)
			}
		}
	})
	t.Run("csv for a manager has only the groups they manage", func(t *testing.T) {
		if got := groupColumns(csvHeader(t, a.southManager)); !slices.Equal(got, []string{south}) {
			t.Fatalf("South's manager gets %q", got)
		}
		if got := groupColumns(csvHeader(t, a.northManager)); !slices.Equal(got, []string{north, sales}) {
			t.Fatalf("North's manager gets %q", got)
		}
	})
	t.Run("xlsx, the default, opens with its two sheets", func(t *testing.T) {
		for _, format := range []string{"xlsx", ""} {
			resp, body := a.getTemplate(t, a.northManager, format)
			if resp.StatusCode != 200 || !resp.IsBase64Encoded || resp.Headers["Content-Type"] != exporter.ContentTypeXLSX ||
				resp.Headers["Content-Disposition"] != `attachment; filename="contacts-template.xlsx"` {
				t.Fatalf("format %q: %d base64 %v %v", format, resp.StatusCode, resp.IsBase64Encoded, resp.Headers)
			}
			f, err := excelize.OpenReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("format %q: the body does not open as a workbook: %v", format, err)
			}
			if got := f.GetSheetList(); !slices.Equal(got, []string{"Contacts", "Instructions"}) {
				t.Fatalf("sheets %v", got)
			}
			rows, err := f.GetRows("Contacts")
			if err != nil || len(rows) != 1 {
				t.Fatalf("Contacts has %d rows: %v", len(rows), err)
			}
			h := rows[0]
			if h[0] != "First Name" || h[17] != "Contact ID" || !slices.Equal(groupColumns(h), []string{north, sales}) {
				t.Fatalf("header %q", h)
			}
			// The document promises text-formatted columns, so that a typed
			// phone number keeps its digits: the Cell Phone column, below the header.
			id, err := f.GetCellStyle("Contacts", "C2")
			if err != nil {
				t.Fatal(err)
			}
			if st, err := f.GetStyle(id); err != nil || st.NumFmt != 49 {
				t.Fatalf("the Cell Phone column's style is %+v (%v), want the Text number format (49)", st, err)
			}
			f.Close()
		}
	})
	t.Run("the document check of the file is not a rubber stamp", func(t *testing.T) {
		resp, body := a.getTemplate(t, a.admin, "csv")
		resp.Body, resp.IsBase64Encoded = string(body), false
		if err := a.spec.validate("GET /contacts/template", resp); err != nil {
			t.Fatalf("the template itself fails: %v", err)
		}
		for name, bad := range map[string]func(*events.APIGatewayV2HTTPResponse){
			"an undocumented media type": func(r *events.APIGatewayV2HTTPResponse) {
				r.Headers = map[string]string{"Content-Type": "application/pdf"}
			},
			"a body that is not CSV": func(r *events.APIGatewayV2HTTPResponse) { r.Body = "a,\"b\n" },
			"an undocumented status": func(r *events.APIGatewayV2HTTPResponse) { r.StatusCode = 206 },
		} {
			r := resp
			r.Headers = map[string]string{"Content-Type": exporter.ContentTypeCSV}
			bad(&r)
			if err := a.spec.validate("GET /contacts/template", r); err == nil {
				t.Errorf("%s passed", name)
			}
		}
	})
	t.Run("format=pdf is 400 naming format", func(t *testing.T) {
		resp, _ := a.getTemplate(t, a.admin, "pdf")
		if code, fields := problemCode(t, resp); resp.StatusCode != 400 || code != "validation_failed" || !slices.Equal(fieldNames(fields), []string{"format"}) {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		if resp.IsBase64Encoded {
			t.Fatal("a problem was sent as base64")
		}
	})
	t.Run("viewers and agents are 403", func(t *testing.T) {
		for name, c := range map[string]roster.Caller{"viewer": a.viewer, "agent": a.agent} {
			resp, _ := a.getTemplate(t, c, "csv")
			if code, _ := problemCode(t, resp); resp.StatusCode != 403 || code != "forbidden" {
				t.Errorf("%s: got %d %s", name, resp.StatusCode, resp.Body)
			}
		}
	})
}

func decodeExport(t *testing.T, resp events.APIGatewayV2HTTPResponse) api.ExportView {
	t.Helper()
	var v api.ExportView
	if err := json.Unmarshal([]byte(resp.Body), &v); err != nil {
		t.Fatalf("not an export: %v %s", err, resp.Body)
	}
	return v
}

func TestContactExports(t *testing.T) {
	a := newContactIOApp(t)
	start := func(c roster.Caller, body string) events.APIGatewayV2HTTPResponse {
		return a.as(t, c, a.startExport, "POST /contacts/exports", "", body, nil)
	}
	get := func(c roster.Caller, id string) events.APIGatewayV2HTTPResponse {
		return a.as(t, c, a.getExport, "GET /contacts/exports/{id}", id, "", nil)
	}
	requestObject := func(t *testing.T, id string) error {
		t.Helper()
		_, err := a.s3.HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String(ioExportBucket), Key: aws.String(exports.RequestKey(a.orgID, id))})
		return err
	}

	var byManager api.ExportView
	t.Run("a manager's export of a group they manage is queued", func(t *testing.T) {
		resp := start(a.northManager, `{"format":"csv","group":"`+a.sales.ID+`"}`)
		if resp.StatusCode != 202 {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		byManager = decodeExport(t, resp)
		if byManager.ID == "" || resp.Headers["Location"] != "/contacts/exports/"+byManager.ID || byManager.Status != "queued" ||
			byManager.Format != "csv" || byManager.GroupID != a.sales.ID || byManager.DownloadURL != "" || byManager.FinishedAt != "" {
			t.Fatalf("export = %+v, Location %q", byManager, resp.Headers["Location"])
		}
		if err := requestObject(t, byManager.ID); err != nil {
			t.Fatalf("no request object for the exporter: %v", err)
		}
	})
	t.Run("an administrator's export of everything defaults to xlsx", func(t *testing.T) {
		resp := start(a.admin, `{}`)
		if v := decodeExport(t, resp); resp.StatusCode != 202 || v.Format != "xlsx" || v.GroupID != "" || v.Status != "queued" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})

	refusals := []struct {
		name   string
		c      roster.Caller
		body   string
		status int
		code   string
		fields []string
	}{
		{"format pdf", a.admin, `{"format":"pdf"}`, 400, "validation_failed", []string{"format"}},
		{"an unknown group", a.admin, `{"group":"no-such-group"}`, 400, "validation_failed", []string{"group"}},
		{"both at once", a.admin, `{"format":"pdf","group":"no-such-group"}`, 400, "validation_failed", []string{"format", "group"}},
		{"another organisation's group", a.other, `{"group":"` + a.north.ID + `"}`, 400, "validation_failed", []string{"group"}},
		{"an unknown field", a.admin, `{"format":"csv","groups":[]}`, 400, "validation_failed", []string{"groups"}},
		{"a manager asking for a sibling group", a.northManager, `{"group":"` + a.south.ID + `"}`, 403, "forbidden", nil},
		{"a manager asking for the root", a.northManager, `{"group":"` + a.rootID + `"}`, 403, "forbidden", nil},
		{"a viewer", a.viewer, `{}`, 403, "forbidden", nil},
		{"an agent asking for their own group", a.agent, `{"group":"` + a.north.ID + `"}`, 403, "forbidden", nil},
		{"a form body", a.admin, `format=csv`, 415, "unsupported_media_type", nil},
	}
	for _, tt := range refusals {
		t.Run("refused: "+tt.name, func(t *testing.T) {
			var h map[string]string
			if tt.status == 415 {
				h = map[string]string{"content-type": "application/x-www-form-urlencoded"}
			}
			resp := a.as(t, tt.c, a.startExport, "POST /contacts/exports", "", tt.body, h)
			code, fields := problemCode(t, resp)
			if resp.StatusCode != tt.status || code != tt.code {
				t.Fatalf("got %d %q, want %d %q: %s", resp.StatusCode, code, tt.status, tt.code, resp.Body)
			}
			if got := fieldNames(fields); !slices.Equal(got, tt.fields) && !(len(got) == 0 && len(tt.fields) == 0) {
				t.Fatalf("fields %v, want %v", got, tt.fields)
			}
		})
	}

	t.Run("GET shows the export to its requester and the administrator only", func(t *testing.T) {
		for name, c := range map[string]roster.Caller{"requester": a.northManager, "administrator": a.admin} {
			resp := get(c, byManager.ID)
			if v := decodeExport(t, resp); resp.StatusCode != 200 || v.ID != byManager.ID || v.Status != "queued" || v.DownloadURL != "" {
				t.Errorf("%s: got %d %s", name, resp.StatusCode, resp.Body)
			}
		}
		for name, c := range map[string]roster.Caller{
			"another manager": a.southManager, "an admin below the root": a.northAdmin, "another organisation": a.other,
		} {
			if resp := get(c, byManager.ID); resp.StatusCode != 404 {
				t.Errorf("%s: got %d %s", name, resp.StatusCode, resp.Body)
			}
		}
		if resp := get(a.admin, "no-such-export"); resp.StatusCode != 404 {
			t.Errorf("unknown id: %d", resp.StatusCode)
		}
	})

	t.Run("once written, GET has a download link", func(t *testing.T) {
		a.mustCreateContact(t, a.admin, contactBody("Sal", "2015550100", a.sales.ID))
		a.mustCreateContact(t, a.admin, contactBody("Sid", "2015550101", a.south.ID))
		w := &exporter.Worker{Store: a.store, Exports: a.exportService.Exports, Log: a.log, Now: time.Now, TempDir: t.TempDir()}
		var rec events.S3EventRecord
		rec.EventSource, rec.EventName = "aws:s3", "ObjectCreated:Put"
		rec.S3.Bucket.Name, rec.S3.Object.Key = ioExportBucket, url.QueryEscape(exports.RequestKey(a.orgID, byManager.ID))
		if err := w.Handle(context.Background(), events.S3Event{Records: []events.S3EventRecord{rec}}); err != nil {
			t.Fatalf("export: %v", err)
		}
		resp := get(a.northManager, byManager.ID)
		v := decodeExport(t, resp)
		if resp.StatusCode != 200 || v.Status != "completed" || v.Rows != 1 || v.FileName == "" || v.FinishedAt == "" ||
			!strings.Contains(v.DownloadURL, "/"+ioExportBucket+"/") {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		if resp := get(a.other, byManager.ID); resp.StatusCode != 404 {
			t.Fatalf("another organisation after completion: %d", resp.StatusCode)
		}
	})
}
