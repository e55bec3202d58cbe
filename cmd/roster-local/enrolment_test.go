package main

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/roster-app/roster/internal/apifuzz"
	"github.com/roster-app/roster/internal/local"
)

// duringEnrolment are the routes an administrator who must enrol a second
// factor may use before they have one (functions wrapped with
// api.DuringEnrolment).
var duringEnrolment = map[string]bool{
	"GET /me":                   true,
	"POST /me/mfa/totp":         true,
	"POST /me/mfa/totp/confirm": true,
}

// checkEnrolmentOnly turns on the organisation's require-MFA policy, signs
// in an administrator without a second factor and sends every route of
// docs/openapi.yaml that takes a bearer token with that session: each but
// the enrolment routes must be refused with 403 mfa_enrolment_required
// before its handler runs. Then the administrator enrols and the same
// session's successor reaches an ordinary route. The policy is turned off
// again for the subtests that follow.
func checkEnrolmentOnly(t *testing.T, stack *local.Stack, root string, admin map[string]string) {
	c := client{t: t, base: stack.URL()}
	ops, err := apifuzz.Load(filepath.Join(root, "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	setPolicy := func(on bool) {
		req, _ := http.NewRequest("GET", stack.URL()+"/org/security", nil)
		for k, v := range admin {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		h := map[string]string{"If-Match": resp.Header.Get("ETag")}
		for k, v := range admin {
			h[k] = v
		}
		body := `{"requireMfaForAdmins":false}`
		if on {
			body = `{"requireMfaForAdmins":true}`
		}
		c.do("PUT", "/org/security", body, h, 200, nil)
	}
	var groups struct{ Items []struct{ ID string } }
	c.do("GET", "/groups", "", admin, 200, &groups)
	c.do("POST", "/users", `{"email":"enrol.first@demo.example","firstName":"Enid","lastName":"Enrol","passwordOption":"set",
		"password":"enid must enrol first","roles":[{"role":"admin","groupId":"`+groups.Items[0].ID+`"}]}`, admin, 201, nil)
	setPolicy(true)
	defer setPolicy(false)

	var tok struct{ AccessToken string }
	c.do("POST", "/auth/login", `{"email":"enrol.first@demo.example","password":"enid must enrol first"}`, nil, 200, &tok)
	bearer := map[string]string{"Authorization": "Bearer " + tok.AccessToken}
	param := regexp.MustCompile(`\{[^}]+\}`)
	refused, allowed := 0, 0
	for _, op := range ops {
		if op.Auth != "bearer" || duringEnrolment[op.Key()] {
			continue
		}
		path := param.ReplaceAllString(op.Path, "01ENROLMENTONLY")
		req, err := http.NewRequest(op.Method, stack.URL()+path, strings.NewReader(`{}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", bearer["Authorization"])
		req.Header.Set("If-Match", `"v1"`)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		var problem struct{ Code string }
		_ = json.Unmarshal(b, &problem)
		if resp.StatusCode != 403 || problem.Code != "mfa_enrolment_required" {
			t.Errorf("%s with an enrolment-only session = %d %s, want 403 mfa_enrolment_required", op.Key(), resp.StatusCode, b)
			continue
		}
		refused++
	}
	for key := range duringEnrolment {
		method, path, _ := strings.Cut(key, " ")
		if method == "GET" {
			c.do(method, path, "", bearer, 200, nil)
			allowed++
		}
	}
	// Enrolling gives a full session, which reaches what was refused.
	var enrol struct{ Secret string }
	c.do("POST", "/me/mfa/totp", "", bearer, 200, &enrol)
	allowed++
	code := localTOTP(t, stack, enrol.Secret)
	var done struct {
		AccessToken   string
		RecoveryCodes []string
	}
	c.do("POST", "/me/mfa/totp/confirm", `{"code":"`+code+`"}`, bearer, 200, &done)
	allowed++
	if done.AccessToken == "" || len(done.RecoveryCodes) != 10 {
		t.Fatalf("confirm from an enrolment-only session: %+v", done)
	}
	c.do("GET", "/groups", "", map[string]string{"Authorization": "Bearer " + done.AccessToken}, 200, nil)
	t.Logf("%d routes refused the enrolment-only session, %d answered it", refused, allowed)
	if refused < 50 {
		t.Fatalf("only %d routes were tried", refused)
	}
}

// localTOTP asks the local stack's stand-in authenticator for the current
// code of secret.
func localTOTP(t *testing.T, stack *local.Stack, secret string) string {
	t.Helper()
	resp, err := http.Get(stack.URL() + "/_local/totp?secret=" + secret)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("/_local/totp = %d %s", resp.StatusCode, b)
	}
	return strings.TrimSpace(string(b))
}
