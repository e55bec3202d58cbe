// Package localpage holds what the local emulators' own pages share: the
// outbox (/_local/mail) and the texts (/_local/texts) list the same way.
package localpage

import (
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strings"
)

// ListBase is the path the list's links to each entry start with: the
// mount point with a trailing slash, read from the request as the client
// sent it, so that the list works with and without the slash. Without a
// request URI (a handler called directly) the links stay relative.
func ListBase(r *http.Request) string {
	u, err := url.ParseRequestURI(r.RequestURI)
	if err != nil || u.Path == "" {
		return ""
	}
	if !strings.HasSuffix(u.Path, "/") {
		return u.Path + "/"
	}
	return u.Path
}

// WriteJSON answers with v as indented JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// Render answers with the page t makes of data, with no script allowed.
func Render(w http.ResponseWriter, t *template.Template, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "script-src 'none'; object-src 'none'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if err := t.Execute(w, data); err != nil {
		// Headers are gone by now; all that is left is to end the page.
		_, _ = w.Write([]byte("\n<!-- render error -->"))
	}
}
