package apifuzz

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

func loadOps(t *testing.T) []Operation {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	ops, err := Load(filepath.Join(filepath.Dir(file), "..", "..", "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return ops
}

func testEnv() Env {
	return Env{
		Orgs: [2]Org{
			{Token: "token-a", IDs: map[string]string{"groups": "group-a", "users": "user-a", "contacts": "contact-a", "orgs": "org-a"}},
			{Token: "token-b", IDs: map[string]string{"groups": "group-b", "users": "user-b", "contacts": "contact-b", "orgs": "org-b"}},
		},
		OperatorKey: "operator", RefreshToken: "refresh",
	}
}

func TestLoadReadsEveryOperation(t *testing.T) {
	ops := loadOps(t)
	byKey := map[string]Operation{}
	for _, op := range ops {
		byKey[op.Key()] = op
	}
	for key, want := range map[string]struct {
		kind, auth string
		body       bool
	}{
		"POST /auth/login":                  {"", "", true},
		"POST /orgs":                        {"", "operator", true},
		"GET /groups":                       {"", "bearer", false},
		"PATCH /groups/{id}":                {"groups", "bearer", true},
		"POST /contacts/imports/{id}/apply": {"contacts/imports", "bearer", true},
		"GET /credits/unlocks/{reference}":  {"credits/unlocks", "bearer", false},
	} {
		op, ok := byKey[key]
		if !ok {
			t.Errorf("%s not loaded", key)
			continue
		}
		if op.Kind != want.kind || op.Auth != want.auth || (op.Body != nil) != want.body {
			t.Errorf("%s: kind %q auth %q body %v, want %+v", key, op.Kind, op.Auth, op.Body != nil, want)
		}
	}
	_, file, _, _ := runtime.Caller(0)
	doc, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Count(string(doc), "operationId:"); len(ops) != want {
		t.Errorf("loaded %d operations, the document has %d", len(ops), want)
	}
}

func TestGeneratorIsDeterministic(t *testing.T) {
	ops := loadOps(t)
	run := func(seed int64) []Request {
		g := NewGenerator(ops, testEnv(), seed)
		out := make([]Request, 2000)
		for i := range out {
			out[i] = g.Next()
		}
		return out
	}
	a, b := run(7), run(7)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave two different sequences")
	}
	if reflect.DeepEqual(a, run(8)) {
		t.Fatal("two seeds gave the same sequence")
	}
}

func TestFirstRoundIsWellFormed(t *testing.T) {
	ops := loadOps(t)
	g := NewGenerator(ops, testEnv(), 1)
	for _, op := range ops {
		r := g.Next()
		if r.Op != op.Key() || r.Mutation != "well-formed" {
			t.Fatalf("request %d is %s [%s], want %s well-formed", r.Index, r.Op, r.Mutation, op.Key())
		}
		if strings.Contains(r.Target, "{") {
			t.Errorf("%s: path parameter left in %s", r.Op, r.Target)
		}
		switch op.Auth {
		case "bearer":
			if r.Header["Authorization"] != "Bearer token-a" {
				t.Errorf("%s: Authorization %q", r.Op, r.Header["Authorization"])
			}
		case "operator":
			if r.Header["X-Operator-Key"] != "operator" {
				t.Errorf("%s: X-Operator-Key %q", r.Op, r.Header["X-Operator-Key"])
			}
		}
		if op.Body == nil {
			continue
		}
		var v any
		if err := json.Unmarshal(r.Body, &v); err != nil {
			t.Errorf("%s: body %s is not JSON: %v", r.Op, r.Body, err)
			continue
		}
		if err := op.Body.VisitJSON(v); err != nil {
			t.Errorf("%s: body %s does not match its schema: %v", r.Op, r.Body, err)
		}
	}
	if r := g.Next(); r.Mutation == "well-formed" {
		t.Errorf("the second round starts well-formed: %s", r)
	}
}

// Every kind of bad input the issue lists comes up within a few thousand
// requests, and raw JSON (invalid UTF-8, numbers beyond float64) reaches the
// body as bytes, not as a quoted string.
func TestMutationsCoverTheBadInputs(t *testing.T) {
	ops := loadOps(t)
	g := NewGenerator(ops, testEnv(), 1)
	seen := map[string]Request{}
	for range 20000 {
		r := g.Next()
		for _, want := range []string{"= null", "body null", "= a number", "= 1 MB string", "body 1 MB of spaces", "nested 5000 deep",
			"body nested 100000 deep", "= invalid UTF-8", "= NUL", "= bidi override", "= number 1e400", "= number 2^63", "missing",
			"at a boundary length", "= the other organisation's id", "} = %00", "} = ..", "} = 2000 characters", "?cursor=base64 {}",
			"?cursor=base64 null", "?limit=-1", "?limit=0", "?limit=2^63", "If-Match: garbage", "Idempotency-Key: 256 characters",
			"Content-Type: text/plain", "Authorization: missing", "Authorization: the other organisation's token", "(twice)"} {
			if strings.Contains(r.Mutation, want) && acceptable(want, r) {
				if _, ok := seen[want]; !ok {
					seen[want] = r
				}
			}
		}
	}
	for _, want := range []string{"= null", "body null", "= a number", "= 1 MB string", "body 1 MB of spaces", "nested 5000 deep",
		"body nested 100000 deep", "= invalid UTF-8", "= NUL", "= bidi override", "= number 1e400", "= number 2^63", "missing",
		"at a boundary length", "= the other organisation's id", "} = %00", "} = ..", "} = 2000 characters", "?cursor=base64 {}",
		"?cursor=base64 null", "?limit=-1", "?limit=0", "?limit=2^63", "If-Match: garbage", "Idempotency-Key: 256 characters",
		"Content-Type: text/plain", "Authorization: missing", "Authorization: the other organisation's token", "(twice)"} {
		if _, ok := seen[want]; !ok {
			t.Errorf("no request with %q in 20000", want)
		}
	}
	if r, ok := seen["= invalid UTF-8"]; ok && utf8.Valid(r.Body) {
		t.Errorf("the invalid UTF-8 body is valid UTF-8: %s", r)
	}
	if r, ok := seen["= number 1e400"]; ok && !bytes.Contains(r.Body, []byte(":1e400")) && !bytes.Contains(r.Body, []byte("[1e400")) && string(r.Body) != "1e400" {
		t.Errorf("1e400 is not a bare number in the body: %s", r)
	}
	if r, ok := seen["= the other organisation's id"]; ok && !strings.Contains(r.Target, "-b") {
		t.Errorf("the other organisation's id is not in the path: %s", r)
	}
	if r, ok := seen["Authorization: the other organisation's token"]; ok && r.Header["Authorization"] != "Bearer token-b" {
		t.Errorf("Authorization = %q", r.Header["Authorization"])
	}
	if r, ok := seen["?cursor=base64 {}"]; ok && !strings.Contains(r.Target, "cursor=e30") {
		t.Errorf("the cursor is not base64 of {}: %s", r.Target)
	}
}

// acceptable says whether r shows what want is about: a body field's
// mutation in a body, the other organisation's id where it has one.
func acceptable(want string, r Request) bool {
	switch {
	case strings.HasPrefix(want, "= ") && want != "= the other organisation's id":
		return strings.HasPrefix(r.Mutation, "/") || strings.HasPrefix(r.Mutation, "the body")
	case want == "= the other organisation's id":
		return !strings.Contains(r.Target, "01FUZZ")
	}
	return true
}

func TestCheck(t *testing.T) {
	jsonH := http.Header{"Content-Type": {"application/json"}}
	problemH := http.Header{"Content-Type": {"application/problem+json"}}
	for _, c := range []struct {
		name   string
		status int
		header http.Header
		body   string
		ok     bool
	}{
		{"a 200", 200, jsonH, `{"items":[]}`, true},
		{"a 204 without a body", 204, http.Header{}, ``, true},
		{"a problem with a code", 400, problemH, `{"code":"validation_failed","status":400,"errors":[{"field":"name","message":"is required"}]}`, true},
		{"the gateway's 401", 401, jsonH, `{"message":"Unauthorized"}`, true},
		{"the gateway's 403", 403, jsonH, `{"message":"Forbidden"}`, true},
		{"the gateway's 404 for no route", 404, jsonH, `{"message":"Not Found"}`, true},
		{"the gateway's 413", 413, jsonH, `{"message":"Request Entity Too Large"}`, true},
		{"a 500 problem", 500, problemH, `{"code":"internal","status":500}`, false},
		{"the gateway's 500", 500, jsonH, `{"message":"Internal Server Error"}`, false},
		{"a 503", 503, jsonH, `{"message":"Service Unavailable"}`, false},
		{"a gateway-looking 400", 400, jsonH, `{"message":"Bad Request"}`, false},
		{"a 404 with another message", 404, jsonH, `{"message":"nope"}`, false},
		{"a 400 in text", 400, http.Header{"Content-Type": {"text/plain"}}, `bad`, false},
		{"a problem without a code", 400, problemH, `{"status":400}`, false},
		{"a problem with another status", 400, problemH, `{"code":"x","status":409}`, false},
		{"a problem that is not JSON", 400, problemH, `{`, false},
		{"an error without a field", 400, problemH, `{"code":"x","status":400,"errors":[{"message":"m"}]}`, false},
		{"a 200 that is not JSON", 200, jsonH, `{`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := Check(c.status, c.header, []byte(c.body))
			if (err == nil) != c.ok {
				t.Fatalf("Check = %v, want ok %v", err, c.ok)
			}
		})
	}
}

// Ids and cursors an answer showed the other organisation come back in
// paths and query strings, where they must find nothing.
func TestLearnedValuesAreSentWhereTheyDoNotBelong(t *testing.T) {
	ops := loadOps(t)
	g := NewGenerator(ops, testEnv(), 3)
	g.LearnFrom(1, "GET /groups?limit=1", []byte(`{"items":[{"id":"learned-group-b","parentId":"learned-parent-b"}],"nextCursor":"learned-cursor-b"}`))
	g.LearnFrom(1, "GET /me", []byte(`{"id":"learned-user-b","orgId":"org-b"}`))
	if got, _ := g.learnedValue(1, "groups"); got == "" {
		t.Fatal("nothing learned of kind groups")
	}
	var inPath, asCursor, userAsPath bool
	for range 20000 {
		r := g.Next()
		inPath = inPath || strings.HasPrefix(r.Target, "/groups/learned-group-b") || strings.HasPrefix(r.Target, "/groups/learned-parent-b")
		asCursor = asCursor || strings.Contains(r.Target, "cursor=learned-cursor-b")
		userAsPath = userAsPath || strings.HasPrefix(r.Target, "/users/learned-user-b")
	}
	if !inPath || !asCursor || !userAsPath {
		t.Fatalf("group id in a path %v, cursor %v, user id in a path %v; want all", inPath, asCursor, userAsPath)
	}
}

func TestTheCurrentSessionIsNeverLearned(t *testing.T) {
	g := NewGenerator(loadOps(t), testEnv(), 3)
	g.LearnFrom(0, "GET /me/sessions", []byte(`{"items":[{"id":"mine-now","current":true},{"id":"another","current":false}],"nextCursor":"c"}`))
	pool := g.learned["me/sessions"]
	if pool == nil || !reflect.DeepEqual(pool[0], []string{"another"}) {
		t.Fatalf("learned sessions = %v, want only the one not current", pool)
	}
	for range 5000 {
		if r := g.Next(); strings.Contains(r.Target, "mine-now") {
			t.Fatalf("the current session was sent: %s", r)
		}
	}
}

func TestPathKind(t *testing.T) {
	for path, want := range map[string]string{
		"/groups": "groups", "/groups/{id}": "groups", "/contacts/imports/{id}/apply": "contacts/imports",
		"/me": "users", "/users?limit=1": "users", "/credits/unlocks/{reference}": "credits/unlocks",
	} {
		if got := pathKind(path); got != want {
			t.Errorf("pathKind(%q) = %q, want %q", path, got, want)
		}
	}
}

// The document decides which bodies must be refused: well-formed ones need
// not be, a null, a wrong type or invalid UTF-8 must.
func TestRefusalFollowsTheDocument(t *testing.T) {
	ops := loadOps(t)
	g := NewGenerator(ops, testEnv(), 5)
	refused := map[string]bool{}
	for i := range 10000 {
		r := g.Next()
		if i < len(ops) {
			if why := r.Refusal(); why != "" {
				t.Errorf("a well-formed request must be refused: %s: %s", r, why)
			}
		}
		for _, m := range []string{"body null", "body invalid UTF-8", "= invalid UTF-8", "= a number", "no body"} {
			if strings.HasSuffix(r.Mutation, m) && !refused[m] && r.Refusal() != "" {
				refused[m] = true
			}
		}
	}
	for _, m := range []string{"body null", "body invalid UTF-8", "= invalid UTF-8", "= a number", "no body"} {
		if !refused[m] {
			t.Errorf("no request with %q was to be refused", m)
		}
	}
}

func TestPrintedRequestsHideCredentials(t *testing.T) {
	ops := loadOps(t)
	g := NewGenerator(ops, testEnv(), 1)
	for range 500 {
		r := g.Next()
		if s := r.String(); strings.Contains(s, "token-a") || strings.Contains(s, "token-b") || strings.Contains(s, "operator'") {
			t.Fatalf("a credential is printed: %s", s)
		}
	}
}
