// Package smoke is a smoke suite for a running Roster: a deployed stack
// (`make smoke API_URL=…`, after `sam deploy`) or the local one (`make run`;
// cmd/roster-local's TestBundle runs it there in `make test`, so the suite
// cannot rot while nobody has an AWS account at hand).
//
// It drives only the public HTTP API with net/http, as a client of a
// deployment would, signed in as an existing organisation administrator: it
// never reads the table or the buckets and knows nothing of the local
// stack. One run:
//
//  1. signs in and reads GET /me;
//  2. creates a group of its own below the root, so that what it imports
//     and exports is only what it made;
//  3. invites a user with a role at that group and reads them back;
//  4. imports contacts the way a client does: downloads the CSV template,
//     fills in rows, starts an import, PUTs the file to the upload URL the
//     API returns (a presigned S3 URL on AWS), waits until it is checked,
//     applies it, waits until it is applied, and reads the contacts back;
//  5. exports the group as CSV, waits until it is written, downloads it
//     through the URL the API returns and finds the contacts in it;
//  6. removes what it made (contacts, the purged user, the group), also when
//     a step failed, so that it can run again and again against a real
//     deployment.
//
// Background work (the import check, applying, the export) is awaited by
// polling the API, bounded by Config.Wait. Names, the user's address and
// the phone numbers carry a random run id; the phone numbers are fictional
// (555-01xx) and the user's address is an SES mailbox simulator address,
// so the invitation a deployed stack sends neither reaches a person nor
// bounces.
package smoke

import (
	"bytes"
	"crypto/rand"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// Config says which stack to drive and as whom.
type Config struct {
	URL      string        // the API's base URL, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com
	Email    string        // an active administrator of an organisation (admin at its root group)
	Password string        // their password
	Wait     time.Duration // how long to wait for background work; DefaultWait when zero
	Client   *http.Client  // http.DefaultClient when nil
}

// DefaultWait bounds the wait for an import check, an apply or an export:
// generous, since a deployed stack may cold-start each function on the way.
const DefaultWait = 3 * time.Minute

// contactCount is how many contacts a run imports.
const contactCount = 3

// Run runs the suite as subtests of t. A step that fails stops the steps
// after it; the clean-up runs whatever happened.
func Run(t *testing.T, cfg Config) {
	t.Helper()
	if cfg.URL == "" || cfg.Email == "" || cfg.Password == "" {
		t.Fatalf("the smoke suite needs the API's URL and an administrator's email and password (got URL %q, email %q)", cfg.URL, cfg.Email)
	}
	if cfg.Wait == 0 {
		cfg.Wait = DefaultWait
	}
	if cfg.Client == nil {
		cfg.Client = http.DefaultClient
	}
	r := &run{cfg: cfg, base: strings.TrimRight(cfg.URL, "/"), id: runID(t)}
	t.Logf("smoke run %s against %s", r.id, r.base)
	t.Cleanup(func() { r.cleanUp(t) })

	steps := []struct {
		name string
		fn   func(t *testing.T)
	}{
		{"an administrator signs in", r.signIn},
		{"a group for this run is created below the root", r.createGroup},
		{"a user is invited and read back", r.inviteUser},
		{"contacts are imported through the upload URL and applied", r.importContacts},
		{"the imported contacts are listed and read back", r.readContacts},
		{"an export of the group holds the contacts", r.exportContacts},
		{"what the run made is removed", r.removeAll},
	}
	for _, s := range steps {
		if !t.Run(s.name, s.fn) {
			return
		}
	}
}

// run is one run's state, filled in step by step.
type run struct {
	cfg   Config
	base  string
	id    string // random, in every name this run makes
	token string

	orgID, rootID string
	groupID       string
	groupName     string
	userID        string
	userEmail     string
	phones        []string // E.164, one per imported contact, in file order
	contactIDs    []string // in the same order
	cleaned       bool
}

func runID(t *testing.T) string {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

func (r *run) signIn(t *testing.T) {
	var tok struct {
		AccessToken string `json:"accessToken"`
		TokenType   string `json:"tokenType"`
	}
	r.call(t, "POST", "/auth/login", map[string]string{"email": r.cfg.Email, "password": r.cfg.Password}, 200, &tok)
	if tok.AccessToken == "" || tok.TokenType != "Bearer" {
		t.Fatalf("sign-in answered %+v", tok)
	}
	r.token = tok.AccessToken
	var me struct {
		ID, OrgID, Email, Status string
		Roles                    []struct{ Role, GroupID string }
	}
	r.call(t, "GET", "/me", nil, 200, &me)
	if !strings.EqualFold(me.Email, r.cfg.Email) || me.OrgID == "" || me.Status != "active" {
		t.Fatalf("GET /me = %+v, want the active user %s", me, r.cfg.Email)
	}
	r.orgID = me.OrgID
}

func (r *run) createGroup(t *testing.T) {
	var groups struct {
		Items []struct{ ID, Name, ParentID string }
	}
	r.call(t, "GET", "/groups", nil, 200, &groups)
	for _, g := range groups.Items {
		if g.ParentID == "" {
			r.rootID = g.ID
		}
	}
	if r.rootID == "" {
		t.Fatalf("GET /groups has no root group: %s is not an organisation administrator? %+v", r.cfg.Email, groups.Items)
	}
	r.groupName = "Smoke " + r.id
	var g struct{ ID, Name, Kind, ParentID string }
	r.call(t, "POST", "/groups", map[string]string{"name": r.groupName, "kind": "team", "parentId": r.rootID}, 201, &g)
	if g.ID == "" || g.Name != r.groupName || g.ParentID != r.rootID {
		t.Fatalf("POST /groups = %+v", g)
	}
	r.groupID = g.ID
}

type grant struct {
	Role    string `json:"role"`
	GroupID string `json:"groupId"`
}

type user struct {
	ID, OrgID, Email, FirstName, LastName, Status string
	Roles                                         []grant
	Invitation                                    *struct{ State string }
}

func (r *run) inviteUser(t *testing.T) {
	r.userEmail = "success+roster-smoke-" + r.id + "@simulator.amazonses.com"
	body := map[string]any{"email": r.userEmail, "firstName": "Smoke", "lastName": "User " + r.id,
		"roles": []grant{{Role: "agent", GroupID: r.groupID}}}
	var created user
	r.call(t, "POST", "/users", body, 201, &created)
	if created.ID == "" {
		t.Fatalf("POST /users = %+v", created)
	}
	r.userID = created.ID
	if created.Status != "invited" || created.Invitation == nil {
		t.Errorf("a new user is %q with invitation %+v, want invited with an invitation", created.Status, created.Invitation)
	}
	var got user
	r.call(t, "GET", "/users/"+r.userID, nil, 200, &got)
	want := []grant{{Role: "agent", GroupID: r.groupID}}
	if got.Email != r.userEmail || got.OrgID != r.orgID || got.LastName != "User "+r.id || !slices.Equal(got.Roles, want) {
		t.Fatalf("GET /users/%s = %+v, want %s in %s with roles %+v", r.userID, got, r.userEmail, r.orgID, want)
	}
}

type contactImport struct {
	ID, Mode, Status string
	Summary          struct{ Rows, New, Updated, Unchanged, Errors, Conflicts int }
	Progress         struct{ Done, Total, Skipped int }
	Failure          *struct{ Reason, Message string }
	Errors           []struct {
		Row      int
		Problems []struct{ Field, Message string }
	}
	Upload *struct {
		URL, Method string
		Headers     map[string]string
	}
}

func (r *run) importContacts(t *testing.T) {
	file := r.contactFile(t)
	var imp contactImport
	r.call(t, "POST", "/contacts/imports", map[string]any{"mode": "import", "fileName": "smoke-" + r.id + ".csv",
		"size": len(file), "contentType": "text/csv"}, 201, &imp)
	if imp.ID == "" || imp.Status != "awaiting_upload" || imp.Upload == nil || imp.Upload.URL == "" {
		t.Fatalf("POST /contacts/imports = %+v", imp)
	}
	r.upload(t, imp.Upload.Method, imp.Upload.URL, imp.Upload.Headers, file)

	path := "/contacts/imports/" + imp.ID
	r.poll(t, "the import to be checked", func() bool {
		r.call(t, "GET", path, nil, 200, &imp)
		return imp.Status != "awaiting_upload" && imp.Status != "validating"
	})
	s := imp.Summary
	if imp.Status != "ready" || s.Rows != contactCount || s.New != contactCount || s.Errors != 0 {
		t.Fatalf("the checked import is %q (failure %+v) with %+v and errors %+v; want ready with %d new rows",
			imp.Status, imp.Failure, s, imp.Errors, contactCount)
	}

	r.call(t, "POST", path+"/apply", map[string]bool{"sendWelcome": false}, 202, &imp)
	r.poll(t, "the import to be applied", func() bool {
		r.call(t, "GET", path, nil, 200, &imp)
		return imp.Status != "ready" && imp.Status != "applying"
	})
	if p := imp.Progress; imp.Status != "completed" || p.Done != contactCount || p.Skipped != 0 {
		t.Fatalf("the applied import is %q with progress %+v, want completed with %d done", imp.Status, p, contactCount)
	}
}

// contactFile is a CSV in the template's layout: the template's own header
// row, downloaded as a client would, and contactCount rows marked in this
// run's group column.
func (r *run) contactFile(t *testing.T) []byte {
	tpl := r.get(t, r.base+"/contacts/template?format=csv", true)
	header, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(tpl, []byte("\ufeff")))).Read()
	if err != nil {
		t.Fatalf("the CSV template's header: %v", err)
	}
	col := func(name string) int {
		for i, h := range header {
			if h == name || strings.HasSuffix(h, " / "+name) {
				return i
			}
		}
		t.Fatalf("the CSV template has no column %q: %q", name, header)
		return -1
	}
	first, last, phone, email, group := col("First Name"), col("Last Name"), col("Cell Phone"), col("Email"), col(r.groupName)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(header)
	area := []string{"201", "212", "312", "415", "617", "202", "303", "206", "213", "305"}
	for i := 0; i < contactCount; i++ {
		// Fictional numbers (555-0100 to 555-0199), different in each run.
		n := randInt(t, len(area)*100)
		e164 := fmt.Sprintf("+1%s5550%03d", area[n/100], 100+n%100)
		if slices.Contains(r.phones, e164) {
			i--
			continue
		}
		r.phones = append(r.phones, e164)
		row := make([]string, len(header))
		row[first], row[last] = "Smoke", fmt.Sprintf("Contact %s-%d", r.id, i+1)
		row[phone] = e164[:2] + " " + e164[2:5] + " " + e164[5:8] + " " + e164[8:]
		row[email] = fmt.Sprintf("smoke-%s-%d@example.com", r.id, i+1)
		row[group] = "X"
		_ = w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

// upload sends the file as the API said: its method, URL and headers, and
// no token (a presigned URL carries its own authorisation).
func (r *run) upload(t *testing.T, method, rawURL string, headers map[string]string, body []byte) {
	if method == "" {
		method = "PUT"
	}
	req, err := http.NewRequest(method, rawURL, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		switch http.CanonicalHeaderKey(k) {
		case "Content-Length":
			if v != fmt.Sprint(len(body)) {
				t.Fatalf("the upload wants Content-Length %s for a file of %d bytes", v, len(body))
			}
		case "Host":
			req.Host = v
		default:
			req.Header.Set(k, v)
		}
	}
	resp, err := r.cfg.Client.Do(req)
	if err != nil {
		t.Fatalf("upload to %s: %v", redact(rawURL), err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("upload to %s = %d: %s", redact(rawURL), resp.StatusCode, b)
	}
}

type contact struct {
	ID, FirstName, LastName, Phone, Email string
	Groups                                []string
}

func (r *run) readContacts(t *testing.T) {
	byPhone := map[string]contact{}
	// Lists read from indexes may lag a write by a moment on DynamoDB.
	r.poll(t, "the imported contacts to be listed in the group", func() bool {
		for _, c := range r.groupContacts(t) {
			byPhone[c.Phone] = c
		}
		return len(byPhone) >= contactCount
	})
	r.contactIDs = r.contactIDs[:0]
	for i, p := range r.phones {
		listed, ok := byPhone[p]
		if !ok {
			t.Fatalf("no contact with phone %s in the group; listed %+v", p, byPhone)
		}
		r.contactIDs = append(r.contactIDs, listed.ID)
		var got contact
		r.call(t, "GET", "/contacts/"+listed.ID, nil, 200, &got)
		want := contact{ID: listed.ID, FirstName: "Smoke", LastName: fmt.Sprintf("Contact %s-%d", r.id, i+1), Phone: p,
			Email: fmt.Sprintf("smoke-%s-%d@example.com", r.id, i+1), Groups: []string{r.groupID}}
		if got.ID != want.ID || got.FirstName != want.FirstName || got.LastName != want.LastName || got.Phone != want.Phone ||
			got.Email != want.Email || !slices.Equal(got.Groups, want.Groups) {
			t.Errorf("GET /contacts/%s = %+v, want %+v", listed.ID, got, want)
		}
	}
	if len(byPhone) != contactCount {
		t.Errorf("the group lists %d contacts, want the %d imported: %+v", len(byPhone), contactCount, byPhone)
	}
}

// groupContacts lists every contact in this run's group, page by page.
func (r *run) groupContacts(t *testing.T) []contact {
	var all []contact
	cursor := ""
	for {
		q := url.Values{"group": {r.groupID}, "limit": {"200"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page struct {
			Items      []contact
			NextCursor string
		}
		r.call(t, "GET", "/contacts?"+q.Encode(), nil, 200, &page)
		all = append(all, page.Items...)
		if page.NextCursor == "" {
			return all
		}
		cursor = page.NextCursor
	}
}

func (r *run) exportContacts(t *testing.T) {
	var exp struct {
		ID, Status, Format, GroupID, DownloadURL, Failure string
		Rows                                              int
	}
	r.call(t, "POST", "/contacts/exports", map[string]string{"format": "csv", "group": r.groupID}, 202, &exp)
	if exp.ID == "" || exp.Format != "csv" || exp.GroupID != r.groupID {
		t.Fatalf("POST /contacts/exports = %+v", exp)
	}
	r.poll(t, "the export to be written", func() bool {
		r.call(t, "GET", "/contacts/exports/"+exp.ID, nil, 200, &exp)
		return exp.Status == "completed" || exp.Status == "failed"
	})
	if exp.Status != "completed" || exp.Rows != contactCount || exp.DownloadURL == "" {
		t.Fatalf("the export is %q (%s) with %d rows and link %q, want completed with %d rows", exp.Status, exp.Failure, exp.Rows, redact(exp.DownloadURL), contactCount)
	}
	file := r.get(t, exp.DownloadURL, false)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(file, []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("the exported CSV (%d bytes): %v", len(file), err)
	}
	idCol, phoneCol := slices.Index(rows[0], "Contact ID"), slices.Index(rows[0], "Cell Phone")
	if idCol < 0 || phoneCol < 0 {
		t.Fatalf("the exported header has no Contact ID or Cell Phone: %q", rows[0])
	}
	got := map[string]string{} // contact id → phone
	for _, row := range rows[1:] {
		// The cell is the id, a dot and the contact's version.
		id, _, _ := strings.Cut(row[idCol], ".")
		got[id] = row[phoneCol]
	}
	want := map[string]string{}
	for i, id := range r.contactIDs {
		want[id] = r.phones[i]
	}
	if len(got) != len(want) {
		t.Errorf("the export has contacts %v, want %v", got, want)
	}
	for id, p := range want {
		if g, ok := got[id]; !ok || digits(g) != digits(p) {
			t.Errorf("the export has contact %s with phone %q (present %v), want %s", id, g, ok, p)
		}
	}
}

func (r *run) removeAll(t *testing.T) {
	r.cleanUp(t)
	for _, id := range r.contactIDs {
		r.call(t, "GET", "/contacts/"+id, nil, 404, nil)
	}
	r.call(t, "GET", "/users/"+r.userID, nil, 404, nil)
	var groups struct{ Items []struct{ ID string } }
	r.call(t, "GET", "/groups", nil, 200, &groups)
	for _, g := range groups.Items {
		if g.ID == r.groupID {
			t.Errorf("group %s is still listed", r.groupID)
		}
	}
}

// cleanUp removes what this run made, as far as it got: the contacts in its
// group, the user (purged, which frees the address) and the group. It runs
// once, as the last step or, when a step failed, after the others.
func (r *run) cleanUp(t *testing.T) {
	if r.cleaned || r.token == "" {
		return
	}
	r.cleaned = true
	if r.groupID != "" {
		ids := slices.Clone(r.contactIDs)
		for _, c := range r.groupContacts(t) {
			if !slices.Contains(ids, c.ID) {
				ids = append(ids, c.ID)
			}
		}
		for _, id := range ids {
			r.callOneOf(t, "DELETE", "/contacts/"+id, 204, 404)
		}
	}
	if r.userID != "" {
		r.callOneOf(t, "DELETE", "/users/"+r.userID+"?purge=true", 204, 404)
	}
	if r.groupID != "" {
		// Who holds a role at a group is read from an index: the purge may
		// take a moment to show there.
		r.poll(t, "the group to be deleted", func() bool {
			return r.callOneOf(t, "DELETE", "/groups/"+r.groupID, 204, 404, 409) != 409
		})
	}
}

// poll calls done until it says so, waiting longer each time, for at most
// Config.Wait.
func (r *run) poll(t *testing.T, what string, done func() bool) {
	t.Helper()
	limit := time.Now().Add(r.cfg.Wait)
	pause := 50 * time.Millisecond
	for !done() {
		if time.Now().After(limit) {
			t.Fatalf("waited %s for %s", r.cfg.Wait, what)
		}
		time.Sleep(pause)
		pause = min(2*pause, 2*time.Second)
	}
}

// call sends a JSON request with the run's token and decodes the answer
// into out, failing unless the status is want.
func (r *run) call(t *testing.T, method, path string, body any, want int, out any) {
	t.Helper()
	status, b := r.send(t, method, path, body)
	if status != want {
		t.Fatalf("%s %s = %d, want %d: %s", method, path, status, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", method, path, b, err)
		}
	}
}

// callOneOf sends a request without a body and returns its status, failing
// the test (but going on) when it is none of want.
func (r *run) callOneOf(t *testing.T, method, path string, want ...int) int {
	t.Helper()
	status, b := r.send(t, method, path, nil)
	if !slices.Contains(want, status) {
		t.Errorf("%s %s = %d, want one of %v: %s", method, path, status, want, b)
	}
	return status
}

func (r *run) send(t *testing.T, method, path string, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, r.base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	resp, err := r.cfg.Client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read the answer: %v", method, path, err)
	}
	return resp.StatusCode, b
}

// get downloads a file, with the run's token for an API route and without
// it for a presigned link.
func (r *run) get(t *testing.T, rawURL string, withToken bool) []byte {
	t.Helper()
	req, err := http.NewRequest("GET", rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if withToken {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	resp, err := r.cfg.Client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", redact(rawURL), err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d (%v): %.500s", redact(rawURL), resp.StatusCode, err, b)
	}
	return b
}

// redact drops a presigned URL's query, which is a credential for a while.
func redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(a URL)"
	}
	u.RawQuery = ""
	return u.String()
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func randInt(t *testing.T, n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		t.Fatal(err)
	}
	return int(v.Int64())
}
