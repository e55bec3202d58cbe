package local

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A browser that navigates anywhere gets the console's index.html, so that
// the mailed links open their page; its assets are served as built; curl and
// API clients still reach the API at the root.
func TestConsoleServesPagesAssetsAndLeavesTheAPIAlone(t *testing.T) {
	c, err := newConsole()
	if err != nil {
		t.Fatal(err)
	}
	index := string(c.index)
	i := strings.Index(index, `src="/assets/`)
	if i < 0 {
		t.Fatalf("index.html names no script under /assets/: %s", index)
	}
	script := index[i+len(`src="`):]
	script = script[:strings.Index(script, `"`)]

	get := func(path, accept string) *http.Response {
		r := httptest.NewRequest("GET", path, nil)
		if accept != "" {
			r.Header.Set("Accept", accept)
		}
		if !c.wants(r) {
			return nil
		}
		w := httptest.NewRecorder()
		c.ServeHTTP(w, r)
		return w.Result()
	}
	browserAccept := "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	for _, path := range []string{"/", "/users/u-123", "/invitations/accept?token=abc", "/password/reset?token=x"} {
		resp := get(path, browserAccept)
		if resp == nil {
			t.Fatalf("%s from a browser went to the API", path)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || string(body) != index || resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: %d %q, Cache-Control %q", path, resp.StatusCode, body, resp.Header.Get("Cache-Control"))
		}
		for k, v := range ConsoleSecurityHeaders {
			if resp.Header.Get(k) != v {
				t.Errorf("%s: %s = %q, want %q", path, k, resp.Header.Get(k), v)
			}
		}
	}
	resp := get(script, "*/*")
	if resp == nil || resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") ||
		!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("the script %s: %+v", script, resp)
	}
	for _, path := range []string{"/assets/nothing.js", "/assets/../index.html", "/assets/../../go.mod"} {
		if resp := get(path, "*/*"); resp == nil || resp.StatusCode != 404 {
			t.Errorf("%s: want 404, got %+v", path, resp)
		}
	}
	// curl's Accept, JSON clients, and anything but GET reach the API.
	for _, r := range []*http.Request{
		httptest.NewRequest("GET", "/users", nil),
		httptest.NewRequest("POST", "/users", nil),
	} {
		r.Header.Set("Accept", "*/*")
		if c.wants(r) {
			t.Errorf("%s %s with Accept */* went to the console", r.Method, r.URL)
		}
	}
	r := httptest.NewRequest("GET", "/users", nil)
	r.Header.Set("Accept", "application/json")
	if c.wants(r) {
		t.Error("GET /users asking for JSON went to the console")
	}
}

// The console's policy allows no inline script or style and no framing.
func TestConsoleSecurityHeadersForbidInlineCodeAndFraming(t *testing.T) {
	csp := ConsoleSecurityHeaders["Content-Security-Policy"]
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP allows inline or eval: %s", csp)
	}
	for _, want := range []string{"script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %q: %s", want, csp)
		}
	}
}
