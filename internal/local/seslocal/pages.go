package seslocal

import (
	"html/template"
	"net/http"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/local/localpage"
)

// PagesHandler returns the outbox pages, to be mounted with
// http.StripPrefix:
//
//	/       the messages, newest first (the mount point itself, without the
//	        trailing slash, answers the same)
//	/{id}   one message
//
// Both answer JSON instead of HTML for "Accept: application/json" or
// "?format=json": {"items":[...]} newest first, or the message itself.
// "?to=ADDRESS" keeps in the list only mail with ADDRESS among its
// recipients (To, Cc or Bcc; case does not matter), so a script can find
// the newest mail to one person.
//
// Mail HTML is never put into the page itself: it is rendered in an iframe
// whose srcdoc attribute holds it escaped, sandboxed without scripts, and
// the pages send a Content-Security-Policy forbidding scripts as well.
func (o *Outbox) PagesHandler() http.Handler {
	return http.HandlerFunc(o.servePages)
}

func (o *Outbox) servePages(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	id := strings.TrimPrefix(r.URL.Path, "/")
	asJSON := r.URL.Query().Get("format") == "json" ||
		strings.Contains(r.Header.Get("Accept"), "application/json")

	if id == "" {
		msgs := o.Messages()
		if msgs == nil {
			msgs = []Message{} // "items": [], not null
		}
		slices.Reverse(msgs)
		if to := r.URL.Query().Get("to"); to != "" {
			msgs = slices.DeleteFunc(msgs, func(m Message) bool { return !m.sentTo(to) })
		}
		if asJSON {
			localpage.WriteJSON(w, http.StatusOK, map[string][]Message{"items": msgs})
			return
		}
		localpage.Render(w, listPage, listView{Base: localpage.ListBase(r), Messages: msgs})
		return
	}
	m, ok := o.Message(id)
	switch {
	case !ok && asJSON:
		localpage.WriteJSON(w, http.StatusNotFound, map[string]string{"error": "no message " + id})
	case !ok:
		http.Error(w, "no such message", http.StatusNotFound)
	case asJSON:
		localpage.WriteJSON(w, http.StatusOK, m)
	default:
		localpage.Render(w, messagePage, messageView{Message: m, TextParts: linkify(m.Text), SrcDoc: srcDoc(m.HTML)})
	}
}

// sentTo reports whether addr is among m's recipients. An address may
// carry a display name ("Ann <ann@example.com>").
func (m Message) sentTo(addr string) bool {
	for _, list := range [][]string{m.To, m.Cc, m.Bcc} {
		for _, to := range list {
			if a, err := mail.ParseAddress(to); err == nil {
				to = a.Address
			}
			if strings.EqualFold(strings.TrimSpace(to), strings.TrimSpace(addr)) {
				return true
			}
		}
	}
	return false
}

type listView struct {
	Base     string
	Messages []Message
}

type messageView struct {
	Message
	TextParts []textPart
	SrcDoc    string
}

// textPart is a run of plain text, or a link if URL is set.
type textPart struct{ Text, URL string }

// urlPattern finds http(s) links in a text body; other schemes stay text so
// a mail cannot plant a javascript: link.
var urlPattern = regexp.MustCompile(`https?://[^\s<>"']+`)

// linkify splits text into plain runs and links. Escaping is left to
// html/template, which also vets the URLs.
func linkify(text string) []textPart {
	var parts []textPart
	last := 0
	for _, loc := range urlPattern.FindAllStringIndex(text, -1) {
		start, end := loc[0], loc[1]
		// Punctuation ending a sentence is not part of the link.
		end = start + len(strings.TrimRight(text[start:end], ".,;:!?)]}'"))
		if start > last {
			parts = append(parts, textPart{Text: text[last:start]})
		}
		parts = append(parts, textPart{Text: text[start:end], URL: text[start:end]})
		last = end
	}
	if last < len(text) {
		parts = append(parts, textPart{Text: text[last:]})
	}
	return parts
}

// srcDoc is the document for the HTML body's iframe. The base element makes
// links open in a new tab instead of inside the small frame.
func srcDoc(html string) string {
	if html == "" {
		return ""
	}
	return `<base target="_blank">` + html
}

var funcs = template.FuncMap{
	"when": func(t time.Time) string { return t.Local().Format("2006-01-02 15:04:05") },
	"join": func(s []string) string { return strings.Join(s, ", ") },
}

const style = `<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4em .6em; border-bottom: 1px solid #ddd; vertical-align: top; }
th { font-weight: 600; color: #555; }
td.when { white-space: nowrap; color: #555; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
dt { color: #555; }
dd { margin: 0; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 1em; border-radius: 4px; }
iframe { width: 100%; height: 32em; border: 1px solid #ddd; border-radius: 4px; }
.empty { color: #777; }
</style>`

var listPage = template.Must(template.New("list").Funcs(funcs).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local outbox</title>` + style + `</head>
<body>
<h1>Local outbox</h1>
{{if .Messages}}<table>
<thead><tr><th>Time</th><th>To</th><th>Subject</th></tr></thead>
<tbody>
{{range .Messages}}<tr><td class="when">{{when .Time}}</td><td>{{join .To}}</td><td><a href="{{$.Base}}{{.ID}}">{{or .Subject "(no subject)"}}</a></td></tr>
{{end}}</tbody>
</table>{{else}}<p class="empty">No mail yet.</p>{{end}}
</body></html>
`))

var messagePage = template.Must(template.New("message").Funcs(funcs).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Subject}}</title>` + style + `</head>
<body>
<p><a href="./">&larr; Outbox</a> &middot; <a href="{{.ID}}?format=json">JSON</a></p>
<h1>{{or .Subject "(no subject)"}}</h1>
<dl>
<dt>Time</dt><dd>{{when .Time}}</dd>
<dt>From</dt><dd>{{.From}}</dd>
<dt>To</dt><dd>{{join .To}}</dd>
{{with .Cc}}<dt>Cc</dt><dd>{{join .}}</dd>{{end}}
{{with .Bcc}}<dt>Bcc</dt><dd>{{join .}}</dd>{{end}}
{{with .ReplyTo}}<dt>Reply-To</dt><dd>{{join .}}</dd>{{end}}
<dt>ID</dt><dd>{{.ID}}</dd>
</dl>
{{if .Text}}<h2>Text</h2>
<pre>{{range .TextParts}}{{if .URL}}<a href="{{.URL}}" rel="noopener noreferrer" target="_blank">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{end}}</pre>{{end}}
{{if .HTML}}<h2>HTML</h2>
<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" title="HTML body" srcdoc="{{.SrcDoc}}"></iframe>{{end}}
</body></html>
`))
