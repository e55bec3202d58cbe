package local

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/auth"
)

func TestLocalAuthenticator(t *testing.T) {
	s := &Stack{}
	get := func(url string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		s.serveTOTP(w, httptest.NewRequest(http.MethodGet, url, nil))
		return w
	}
	const secret = "JBSWY3DPEHPK3PXP"
	before, _ := auth.TOTPCode(secret, time.Now())
	w := get("/_local/totp?secret=" + secret)
	after, _ := auth.TOTPCode(secret, time.Now())
	body := strings.TrimSpace(w.Body.String())
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") || !regexp.MustCompile(`^[0-9]{6}$`).MatchString(body) {
		t.Fatalf("%d %q %q", w.Code, w.Header().Get("Content-Type"), body)
	}
	if body != before && body != after {
		t.Fatalf("code %s is not the authenticator's (%s or %s)", body, before, after)
	}
	for _, url := range []string{"/_local/totp", "/_local/totp?secret=not*base32!"} {
		if w := get(url); w.Code != 400 {
			t.Errorf("%s: %d", url, w.Code)
		}
	}
}
