package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"

	"github.com/roster-app/roster/internal/local"
	"github.com/roster-app/roster/internal/race"
	"github.com/roster-app/roster/internal/samtemplate"
	"github.com/roster-app/roster/internal/smoke"
)

// TestBundle drives the real template and the real functions the way the
// README's tour does: what `make run` serves must work end to end.
func TestBundle(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir()
	start := func() *local.Stack {
		// No deadline of its own: compiling every function on a busy machine
		// takes what it takes; go test's -timeout (Makefile) bounds the run.
		s, err := local.Start(context.Background(), local.Config{Addr: "127.0.0.1:0", DataDir: dataDir, RepoRoot: root, Log: io.Discard,
			AdminPassword: "correct horse battery 1", BuildFlags: race.Flags()})
		if err != nil {
			t.Fatalf("start the bundle: %v", err)
		}
		return s
	}
	stack := start()
	defer func() { _ = stack.Close() }()
	c := client{t: t, base: stack.URL()}
	creds := stack.Credentials()

	// Sign in with the printed credentials; GET /me works.
	var tok struct{ AccessToken, RefreshToken string }
	c.do("POST", "/auth/login", `{"email":"`+creds.AdminEmail+`","password":"correct horse battery 1"}`, nil, 200, &tok)
	bearer := map[string]string{"Authorization": "Bearer " + tok.AccessToken}
	var me struct{ ID, OrgID, Email string }
	c.do("GET", "/me", "", bearer, 200, &me)
	if me.Email != creds.AdminEmail || me.OrgID == "" {
		t.Fatalf("GET /me = %+v", me)
	}

	t.Run("the gateway refuses missing and bad tokens before any handler", func(t *testing.T) {
		c.do("GET", "/me", "", nil, 401, nil)
		c.do("GET", "/me", "", map[string]string{"Authorization": "Bearer " + tok.AccessToken + "x"}, 403, nil)
	})
	t.Run("bad input is a problem naming the field", func(t *testing.T) {
		var p struct {
			Code   string
			Errors []struct{ Field string }
		}
		c.do("POST", "/auth/login", `{"emial":"x"}`, nil, 400, &p)
		if p.Code != "validation_failed" || len(p.Errors) != 1 || p.Errors[0].Field != "emial" {
			t.Fatalf("problem = %+v", p)
		}
	})
	t.Run("the demo organisation's welcome mail is in the outbox", func(t *testing.T) {
		var box struct{ Items []struct{ To []string } }
		c.do("GET", "/_local/mail/?format=json", "", nil, 200, &box)
		if len(box.Items) == 0 || box.Items[0].To[0] != creds.AdminEmail {
			t.Fatalf("outbox = %+v", box)
		}
	})
	t.Run("a contact file dropped into the upload bucket is checked and the admins are asked to review it", func(t *testing.T) {
		var groups struct {
			Items []struct{ ID, Name, Kind string }
		}
		c.do("GET", "/groups", "", bearer, 200, &groups)
		tpl, _ := samtemplate.ParseFile(filepath.Join(root, "template.yaml"), stack.Template().Resolver)
		bucket := tpl.Bucket("UploadBucket").Name
		key := "incoming/" + me.OrgID + "/May contacts.csv"
		body := "First Name,Cell Phone," + groups.Items[0].Name + "\nAnn,(201) 555-0123,X\n"
		c.do("PUT", "/_local/s3/"+bucket+"/"+strings.ReplaceAll(key, " ", "%20"), body,
			map[string]string{"x-amz-meta-uploader": creds.AdminEmail, "Content-Type": "text/csv"}, 200, nil)
		inv, err := stack.WaitForInvocation(context.Background(), func(i local.Invocation) bool {
			return i.Function == "ImportContacts" && i.Trigger == local.TriggerS3
		})
		if err != nil || inv.Err != nil {
			t.Fatalf("ImportContacts: %v / %v", err, inv.Err)
		}
		var box struct {
			Items []struct {
				To      []string
				Subject string
			}
		}
		c.do("GET", "/_local/mail/?format=json", "", nil, 200, &box)
		if len(box.Items) == 0 || box.Items[0].To[0] != creds.AdminEmail || !strings.Contains(box.Items[0].Subject, "ready to review") {
			t.Fatalf("newest mail = %+v, want the review mail to the admin", box.Items)
		}
	})
	t.Run("a schedule runs by hand", func(t *testing.T) {
		var run struct {
			Function string
			Error    string
		}
		c.do("POST", "/_local/schedules/SweepExpired", "", nil, 200, &run)
		if run.Function != "SweepExpired" || run.Error != "" {
			t.Fatalf("run = %+v", run)
		}
		c.do("POST", "/_local/schedules/NoSuchFunction", "", nil, 404, nil)
	})
	t.Run("an invited user accepts from the outbox and signs in", func(t *testing.T) {
		var groups struct{ Items []struct{ ID, Kind string } }
		c.do("GET", "/groups", "", bearer, 200, &groups)
		root := groups.Items[0].ID
		var north struct{ ID string }
		c.do("POST", "/groups", `{"name":"North","kind":"location","parentId":"`+root+`"}`, bearer, 201, &north)
		c.do("POST", "/users", `{"email":"bob@demo.example","firstName":"Bob","lastName":"Baker","cellPhone":"(201) 555-0123",
			"roles":[{"role":"agent","groupId":"`+north.ID+`"}]}`, bearer, 201, nil)
		var box struct {
			Items []struct {
				To   []string
				Text string
			}
		}
		c.do("GET", "/_local/mail/?format=json", "", nil, 200, &box)
		if len(box.Items) == 0 || box.Items[0].To[0] != "bob@demo.example" {
			t.Fatalf("newest mail = %+v", box.Items)
		}
		link := regexp.MustCompile(`token=(\S+)`).FindStringSubmatch(box.Items[0].Text)
		if link == nil {
			t.Fatalf("no link in %q", box.Items[0].Text)
		}
		token, _ := url.QueryUnescape(link[1])
		c.do("POST", "/auth/invitations/accept", `{"token":"`+token+`","password":"bob chose this one"}`, nil, 200, nil)
		c.do("POST", "/auth/login", `{"email":"bob@demo.example","password":"bob chose this one"}`, nil, 200, nil)
		c.do("POST", "/auth/invitations/accept", `{"token":"`+token+`","password":"bob chose this one"}`, nil, 410, nil)
	})
	t.Run("list cursors are sealed with the key the authorizer hands over", func(t *testing.T) {
		var first, second struct {
			Items      []struct{ ID string }
			NextCursor string
		}
		c.do("GET", "/groups?limit=1", "", bearer, 200, &first)
		if len(first.Items) != 1 || first.NextCursor == "" {
			t.Fatalf("first page %+v", first)
		}
		c.do("GET", "/groups?limit=1&cursor="+url.QueryEscape(first.NextCursor), "", bearer, 200, &second)
		if len(second.Items) != 1 || second.Items[0].ID == first.Items[0].ID {
			t.Fatalf("second page %+v after %+v", second, first)
		}
		var p struct {
			Code   string
			Errors []struct{ Field string }
		}
		edited := []byte(first.NextCursor)
		edited[len(edited)/2] ^= 'A' ^ 'B'
		for _, path := range []string{"/groups?limit=1&cursor=" + url.QueryEscape(string(edited)), "/users?limit=1&cursor=" + url.QueryEscape(first.NextCursor)} {
			c.do("GET", path, "", bearer, 400, &p)
			if p.Code != "invalid_cursor" || len(p.Errors) != 1 || p.Errors[0].Field != "cursor" {
				t.Fatalf("%s: problem %+v", path, p)
			}
		}
	})
	t.Run("a null body and bytes that are not UTF-8 are 400, an unknown route the gateway's 404", func(t *testing.T) {
		var groups struct{ Items []struct{ ID string } }
		c.do("GET", "/groups", "", bearer, 200, &groups)
		var p struct {
			Code   string
			Errors []struct{ Field string }
		}
		c.do("POST", "/groups", "null", bearer, 400, &p)
		if p.Code != "malformed_body" {
			t.Fatalf("null body: %+v", p)
		}
		// The gateway's event is JSON: the bad byte arrives as U+FFFD.
		c.do("POST", "/groups", "{\"name\":\"Sou\xffth\",\"kind\":\"location\",\"parentId\":\""+groups.Items[0].ID+"\"}", bearer, 400, &p)
		if len(p.Errors) != 1 || p.Errors[0].Field != "name" {
			t.Fatalf("a bad byte in a name: %+v", p)
		}
		var gw struct{ Message string }
		c.do("GET", "/no-such-route", "", bearer, 404, &gw)
		if gw.Message != "Not Found" {
			t.Fatalf("unknown route: %+v", gw)
		}
	})
	t.Run("logout stops the refresh token", func(t *testing.T) {
		c.do("POST", "/auth/logout", `{"refreshToken":"`+tok.RefreshToken+`"}`, nil, 204, nil)
		c.do("POST", "/auth/refresh", `{"refreshToken":"`+tok.RefreshToken+`"}`, nil, 401, nil)
	})

	t.Run("the deployment smoke suite passes against the local stack", func(t *testing.T) {
		smoke.Run(t, smoke.Config{URL: stack.URL(), Email: creds.AdminEmail, Password: "correct horse battery 1"})
	})

	// State survives a restart: the same credentials still sign in.
	if err := stack.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	stack = start()
	c.base = stack.URL()
	c.do("POST", "/auth/login", `{"email":"`+creds.AdminEmail+`","password":"correct horse battery 1"}`, nil, 200, nil)
	if stack.Credentials() != creds {
		t.Fatalf("credentials changed across a restart: %+v vs %+v", stack.Credentials(), creds)
	}

	restart := func() {
		t.Helper()
		if err := stack.Close(); err != nil {
			t.Fatalf("close: %v", err)
		}
		stack = start()
		c.base = stack.URL()
	}
	login := func() map[string]string {
		t.Helper()
		var tok struct{ AccessToken string }
		c.do("POST", "/auth/login", `{"email":"`+creds.AdminEmail+`","password":"correct horse battery 1"}`, nil, 200, &tok)
		return map[string]string{"Authorization": "Bearer " + tok.AccessToken}
	}
	t.Run("the signing key rotates: the old key verifies until it is removed", func(t *testing.T) {
		const name = "/roster/token-signing-keys"
		first := readKeyring(t, stack.URL(), name)
		oldID := first.Current
		oldToken := login()
		if kid := tokenKID(t, oldToken); kid != oldID {
			t.Fatalf("token kid %q, want the current key %q", kid, oldID)
		}
		// Step 1: a new current key beside the old one, then fresh instances.
		newKey := make([]byte, 32)
		_, _ = rand.Read(newKey)
		both := keyringDoc{Current: "rotated-2", Keys: map[string]string{"rotated-2": base64.StdEncoding.EncodeToString(newKey), oldID: first.Keys[oldID]}}
		putKeyring(t, stack.URL(), name, both)
		restart()
		c.do("GET", "/me", "", oldToken, 200, nil)
		newToken := login()
		if kid := tokenKID(t, newToken); kid != "rotated-2" {
			t.Fatalf("after the rotation a new token names key %q, want rotated-2", kid)
		}
		c.do("GET", "/me", "", newToken, 200, nil)
		// Step 3: the old key removed; its tokens stop, the new ones go on.
		putKeyring(t, stack.URL(), name, keyringDoc{Current: "rotated-2", Keys: map[string]string{"rotated-2": both.Keys["rotated-2"]}})
		restart()
		c.do("GET", "/me", "", oldToken, 403, nil)
		c.do("GET", "/me", "", newToken, 200, nil)
	})
	t.Run("functions read their secrets from SSM once at start and never log them", func(t *testing.T) {
		ring := readKeyring(t, stack.URL(), "/roster/token-signing-keys")
		hash := readParameter(t, stack.URL(), "/roster/operator-key-hash")
		var secrets []string
		for _, k := range ring.Keys {
			secrets = append(secrets, k)
		}
		secrets = append(secrets, hash, creds.OperatorKey)
		logs, _ := filepath.Glob(filepath.Join(dataDir, "logs", "*.log"))
		reads := 0
		for _, path := range logs {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, sec := range secrets {
				if strings.Contains(string(b), sec) {
					t.Errorf("%s holds a secret value", filepath.Base(path))
				}
			}
			for _, m := range regexp.MustCompile(`"msg":"read secret parameter"[^\n]*"parameter":"([^"]+)","ms":([0-9.]+)`).FindAllStringSubmatch(string(b), -1) {
				reads++
				t.Logf("%s: GetParameter %s took %s ms", strings.TrimSuffix(filepath.Base(path), ".log"), m[1], m[2])
			}
		}
		if reads == 0 {
			t.Error("no function logged reading a secret parameter")
		}
	})
	t.Run("under the require-MFA policy an administrator without a factor reaches only enrolment", func(t *testing.T) {
		var admin struct{ AccessToken string }
		c.do("POST", "/auth/login", `{"email":"`+creds.AdminEmail+`","password":"correct horse battery 1"}`, nil, 200, &admin)
		checkEnrolmentOnly(t, stack, root, map[string]string{"Authorization": "Bearer " + admin.AccessToken})
	})
	t.Run("the console works in a browser", func(t *testing.T) {
		checkConsole(t, stack.URL(), root, creds.OperatorKey)
	})
	// The README's tour, pasted as a person would, before the fuzzer adds
	// organisations of its own. The demo organisation already holds what
	// the subtests above made (a group North, bob@demo.example, the smoke
	// suite's leftovers): the tour's names must not be those.
	t.Run("the README tour runs as written", func(t *testing.T) {
		runTour(t, filepath.Join(root, "README.md"), stack.URL(), dataDir)
	})
	// Last, with organisations of its own: the API fuzzer.
	t.Run("bad input on every route never breaks the stack for any organisation", func(t *testing.T) {
		fuzzAPI(t, stack, root)
	})
	// Under go test -race the functions were built with -race too
	// (BuildFlags), and a function process reports a race in its log.
	if race.Enabled {
		checkNoDataRace(t, filepath.Join(dataDir, "logs"))
	}
}

// checkNoDataRace fails the test for every function log in dir that holds
// a race detector's report.
func checkNoDataRace(t *testing.T, dir string) {
	t.Helper()
	logs, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(logs) == 0 {
		t.Fatalf("no function logs in %s (%v)", dir, err)
	}
	for _, path := range logs {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if i := bytes.Index(b, []byte("WARNING: DATA RACE")); i >= 0 {
			t.Errorf("%s: a data race in the function:\n%s", filepath.Base(path), b[i:min(len(b), i+4000)])
		}
	}
}

type keyringDoc struct {
	Current string            `json:"current"`
	Keys    map[string]string `json:"keys"`
}

func ssmClient(stackURL string) *ssm.Client {
	return ssm.New(ssm.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(stackURL + "/_local/ssm"),
		Credentials:  credentials.NewStaticCredentialsProvider("local", "local", ""),
	})
}

func readParameter(t *testing.T, stackURL, name string) string {
	t.Helper()
	out, err := ssmClient(stackURL).GetParameter(context.Background(), &ssm.GetParameterInput{Name: aws.String(name), WithDecryption: aws.Bool(true)})
	if err != nil {
		t.Fatalf("GetParameter %s: %v", name, err)
	}
	return aws.ToString(out.Parameter.Value)
}

func readKeyring(t *testing.T, stackURL, name string) keyringDoc {
	t.Helper()
	var doc keyringDoc
	if err := json.Unmarshal([]byte(readParameter(t, stackURL, name)), &doc); err != nil || doc.Keys[doc.Current] == "" {
		t.Fatalf("keyring in %s: %v (current %q)", name, err, doc.Current)
	}
	return doc
}

func putKeyring(t *testing.T, stackURL, name string, doc keyringDoc) {
	t.Helper()
	b, _ := json.Marshal(doc)
	_, err := ssmClient(stackURL).PutParameter(context.Background(), &ssm.PutParameterInput{
		Name: aws.String(name), Value: aws.String(string(b)), Type: ssmtypes.ParameterTypeSecureString, Overwrite: aws.Bool(true),
	})
	if err != nil {
		t.Fatalf("PutParameter %s: %v", name, err)
	}
}

// tokenKID is the kid header of the bearer token in headers.
func tokenKID(t *testing.T, headers map[string]string) string {
	t.Helper()
	tok := strings.TrimPrefix(headers["Authorization"], "Bearer ")
	h, err := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[0])
	if err != nil {
		t.Fatal(err)
	}
	var header struct{ Kid string }
	if err := json.Unmarshal(h, &header); err != nil {
		t.Fatal(err)
	}
	return header.Kid
}

type client struct {
	t    *testing.T
	base string
}

func (c client) do(method, path, body string, headers map[string]string, wantStatus int, out any) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		c.t.Fatalf("%s %s = %d, want %d: %s", method, path, resp.StatusCode, wantStatus, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.t.Fatalf("%s %s: decode %s: %v", method, path, b, err)
		}
	}
}
