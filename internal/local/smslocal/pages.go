package smslocal

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/local/localpage"
)

// PagesHandler returns the local routes of the emulator, to be mounted
// with http.StripPrefix:
//
//	GET    /           the texts, newest first (the mount point itself,
//	                   without the trailing slash, answers the same)
//	GET    /{id}       one text
//	GET    /failures   the injected failures
//	POST   /failures   inject one: {"number": "+1…", "mode": "throttle", "times": 2}
//	DELETE /failures   clear them all, or one with ?number=E164
//
// The list and a text are HTML, or JSON for "Accept: application/json" or
// "?format=json" ({"items": [...]} newest first, or the text itself).
// "?to=E164" keeps the texts sent to that number; "?number=E164" keeps the
// whole conversation with it, both directions. Errors are
// application/problem+json (RFC 9457).
func (s *Server) PagesHandler() http.Handler {
	return http.HandlerFunc(s.servePages)
}

func (s *Server) servePages(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/")
	if id == "failures" {
		s.serveFailures(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		WriteProblem(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s is not allowed here: the texts are read with GET; failures are injected with POST …/failures", r.Method))
		return
	}
	asJSON := r.URL.Query().Get("format") == "json" ||
		strings.Contains(r.Header.Get("Accept"), "application/json")
	if id == "" {
		texts := s.Texts()
		slices.Reverse(texts)
		q := r.URL.Query()
		for _, param := range []string{"to", "number"} {
			if v := q.Get(param); v != "" && !ValidNumber(v) {
				WriteProblem(w, http.StatusBadRequest, fmt.Sprintf("?%s=%s is not an E.164 phone number like +15555550123 (write + as %%2B in a URL)", param, v))
				return
			}
		}
		if to := q.Get("to"); to != "" {
			texts = slices.DeleteFunc(texts, func(t Text) bool { return t.To != to })
		}
		if number := q.Get("number"); number != "" {
			texts = slices.DeleteFunc(texts, func(t Text) bool { return t.To != number && t.From != number })
		}
		if asJSON {
			localpage.WriteJSON(w, http.StatusOK, map[string][]Text{"items": texts})
			return
		}
		localpage.Render(w, listPage, listView{Base: localpage.ListBase(r), Texts: texts})
		return
	}
	t, ok := s.Text(id)
	switch {
	case !ok:
		WriteProblem(w, http.StatusNotFound, "no text has the id "+id)
	case asJSON:
		localpage.WriteJSON(w, http.StatusOK, t)
	default:
		localpage.Render(w, textPage, t)
	}
}

func (s *Server) serveFailures(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		localpage.WriteJSON(w, http.StatusOK, map[string][]Failure{"items": s.Failures()})
	case http.MethodPost:
		var f Failure
		dec := json.NewDecoder(io.LimitReader(r.Body, 1<<16))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			WriteProblem(w, http.StatusBadRequest, `the body must be JSON like {"number": "+15555550123", "mode": "throttle", "times": 2}: `+err.Error())
			return
		}
		if err := s.InjectFailure(f); err != nil {
			WriteProblem(w, http.StatusBadRequest, err.Error())
			return
		}
		localpage.WriteJSON(w, http.StatusOK, f)
	case http.MethodDelete:
		number := r.URL.Query().Get("number")
		if number != "" && !ValidNumber(number) {
			WriteProblem(w, http.StatusBadRequest, fmt.Sprintf("?number=%s is not an E.164 phone number (write + as %%2B in a URL)", number))
			return
		}
		s.ClearFailures(number)
		w.WriteHeader(http.StatusNoContent)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST, DELETE")
		WriteProblem(w, http.StatusMethodNotAllowed, r.Method+" is not allowed on failures: GET lists them, POST injects one, DELETE clears them")
	}
}

// WriteProblem answers with an application/problem+json body (RFC 9457).
func WriteProblem(w http.ResponseWriter, status int, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"type": "about:blank", "title": http.StatusText(status), "status": status, "detail": detail,
	})
}

type listView struct {
	Base  string
	Texts []Text
}

var funcs = template.FuncMap{
	"when": func(t time.Time) string { return t.Local().Format("2006-01-02 15:04:05") },
	"short": func(s string) string {
		if r := []rune(s); len(r) > 80 {
			return string(r[:79]) + "…"
		}
		return s
	},
	"arrow": func(direction string) string {
		if direction == Inbound {
			return "←"
		}
		return "→"
	},
}

const style = `<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 64em; padding: 0 1em; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4em .6em; border-bottom: 1px solid #ddd; vertical-align: top; }
th { font-weight: 600; color: #555; }
td.when { white-space: nowrap; color: #555; }
tr.inbound td { background: #f4f8ff; }
.failed, .refused { color: #b00020; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
dt { color: #555; }
dd { margin: 0; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 1em; border-radius: 4px; }
.empty, .note { color: #777; }
</style>`

var listPage = template.Must(template.New("list").Funcs(funcs).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local texts</title>` + style + `</head>
<body>
<h1>Local texts</h1>
{{if .Texts}}<table>
<thead><tr><th>Time</th><th></th><th>From</th><th>To</th><th>Text</th><th>Status</th></tr></thead>
<tbody>
{{range .Texts}}<tr class="{{.Direction}}"><td class="when">{{when .SentAt}}</td><td title="{{.Direction}}">{{arrow .Direction}}</td><td>{{.From}}</td>
<td>{{if .To}}{{.To}}{{else}}org {{.OrgID}}{{with .GroupID}} / group {{.}}{{end}}{{end}}</td>
<td><a href="{{$.Base}}{{.ID}}">{{short .Body}}</a></td><td class="{{.Status}}">{{.Status}}{{with .Reason}}: {{.}}{{end}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p class="empty">No texts yet.</p>{{end}}
<p class="note">JSON with ?format=json; ?number=E164 shows one conversation. Failures are injected with POST {{.Base}}failures.</p>
</body></html>
`))

var textPage = template.Must(template.New("text").Funcs(funcs).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Text {{.ID}}</title>` + style + `</head>
<body>
<p><a href="./">&larr; Texts</a> &middot; <a href="{{.ID}}?format=json">JSON</a></p>
<h1>{{if eq .Direction "inbound"}}Inbound text{{else}}Text{{end}} {{with .To}}to {{.}}{{end}}</h1>
<dl>
<dt>Sent</dt><dd>{{when .SentAt}}</dd>
<dt>From</dt><dd>{{.From}}</dd>
{{with .To}}<dt>To</dt><dd>{{.}}</dd>{{end}}
{{with .OrgID}}<dt>Organisation</dt><dd>{{.}}</dd>{{end}}
{{with .GroupID}}<dt>Group</dt><dd>{{.}}</dd>{{end}}
<dt>Status</dt><dd class="{{.Status}}">{{.Status}} ({{when .StatusAt}}){{with .Reason}}: {{.}}{{end}}</dd>
{{with .MessageType}}<dt>Message type</dt><dd>{{.}}</dd>{{end}}
{{with .ConfigurationSet}}<dt>Configuration set</dt><dd>{{.}}</dd>{{end}}
{{range $k, $v := .Context}}<dt>Context {{$k}}</dt><dd>{{$v}}</dd>{{end}}
<dt>ID</dt><dd>{{.ID}}</dd>
</dl>
<pre>{{.Body}}</pre>
</body></html>
`))
