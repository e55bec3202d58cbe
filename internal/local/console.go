package local

import (
	"bytes"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/roster-app/roster/web"
)

// ConsoleSecurityHeaders are the headers the console is served with, here
// and (the same values) by the template's CloudFront response headers
// policy: no inline script or style, no framing, HTTPS only once deployed.
var ConsoleSecurityHeaders = map[string]string{
	"Content-Security-Policy":   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
	"X-Content-Type-Options":    "nosniff",
	"X-Frame-Options":           "DENY",
	"Referrer-Policy":           "no-referrer",
	"Strict-Transport-Security": "max-age=63072000; includeSubDomains",
}

// console serves the built admin console (web/dist): files under /assets/
// as they are, and index.html for every other path, so that the mailed
// links (/invitations/accept?token=…) open the page they name.
type console struct {
	files fs.FS
	index []byte
}

func newConsole() (*console, error) {
	files := web.Dist()
	index, err := fs.ReadFile(files, "index.html")
	if err != nil {
		return nil, err
	}
	return &console{files: files, index: index}, nil
}

// wants reports whether r is for the console rather than the API, which
// shares the root with it locally: the console's assets, and pages a
// browser navigates to (GET asking for HTML). curl and API clients, which
// do not ask for text/html, reach the API as before; the console itself
// calls the API under /api.
func (c *console) wants(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if strings.HasPrefix(r.URL.Path, "/assets/") {
		return true
	}
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}

func (c *console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range ConsoleSecurityHeaders {
		h.Set(k, v)
	}
	if name, ok := strings.CutPrefix(r.URL.Path, "/assets/"); ok {
		clean := path.Clean("assets/" + name)
		body, err := fs.ReadFile(c.files, clean)
		if err != nil || !strings.HasPrefix(clean, "assets/") {
			http.NotFound(w, r)
			return
		}
		// Content-hashed names never change: cache them for a year.
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		http.ServeContent(w, r, clean, time.Time{}, bytes.NewReader(body))
		return
	}
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(c.index))
}
