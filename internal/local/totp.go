package local

import (
	"net/http"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/auth"
)

// serveTOTP is GET /_local/totp?secret=<base32>: the 6-digit code an
// authenticator app would show now for that secret, as text/plain. It is
// the local stand-in for an authenticator app, so that second-factor sign-in
// can be tried with curl; it exists only in `make run`, never in the template.
func (s *Stack) serveTOTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		writeMessage(w, http.StatusMethodNotAllowed, "Method Not Allowed: GET /_local/totp?secret=<base32>")
		return
	}
	secret := strings.TrimSpace(r.URL.Query().Get("secret"))
	if secret == "" {
		writeMessage(w, http.StatusBadRequest, "Bad Request: give the authenticator secret as ?secret=<base32>")
		return
	}
	code, err := auth.TOTPCode(secret, time.Now())
	if err != nil {
		writeMessage(w, http.StatusBadRequest, "Bad Request: secret is not base32")
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(code + "\n"))
}
