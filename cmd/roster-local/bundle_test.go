package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/local"
	"github.com/roster-app/roster/internal/samtemplate"
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
		ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
		defer cancel()
		s, err := local.Start(ctx, local.Config{Addr: "127.0.0.1:0", DataDir: dataDir, RepoRoot: root, Log: io.Discard,
			AdminPassword: "correct horse battery 1"})
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
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		inv, err := stack.WaitForInvocation(ctx, func(i local.Invocation) bool {
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
	t.Run("logout stops the refresh token", func(t *testing.T) {
		c.do("POST", "/auth/logout", `{"refreshToken":"`+tok.RefreshToken+`"}`, nil, 204, nil)
		c.do("POST", "/auth/refresh", `{"refreshToken":"`+tok.RefreshToken+`"}`, nil, 401, nil)
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

	// Last, with organisations of its own: the API fuzzer.
	t.Run("bad input on every route never breaks the stack for any organisation", func(t *testing.T) {
		fuzzAPI(t, stack, root)
	})
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
