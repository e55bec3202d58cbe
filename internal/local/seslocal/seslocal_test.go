package seslocal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ses"
	"github.com/aws/aws-sdk-go-v2/service/ses/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
)

const (
	sesPrefix  = "/_local/ses"
	mailPrefix = "/_local/mail"
)

// stack mounts the outbox the way the local stack does, under path
// prefixes behind http.StripPrefix, and returns the server's URL and a
// stock SES client configured only through environment variables.
func stack(t *testing.T, o *Outbox) (string, *ses.Client) {
	t.Helper()
	mux := http.NewServeMux()
	for prefix, h := range map[string]http.Handler{sesPrefix: o.SESHandler(), mailPrefix: o.PagesHandler()} {
		// The SDK posts to the endpoint path itself, without a trailing slash.
		mux.Handle(prefix, http.StripPrefix(prefix, h))
		mux.Handle(prefix+"/", http.StripPrefix(prefix, h))
	}
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL_SES":        ts.URL + sesPrefix,
		"AWS_REGION":                  "us-east-1",
		"AWS_ACCESS_KEY_ID":           "local",
		"AWS_SECRET_ACCESS_KEY":       "local",
		"AWS_CONFIG_FILE":             os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
	logger := logging.LoggerFunc(func(c logging.Classification, format string, v ...any) {
		t.Errorf("SDK logged %s: %s", c, fmt.Sprintf(format, v...))
	})
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithLogger(logger))
	if err != nil {
		t.Fatal(err)
	}
	return ts.URL, ses.NewFromConfig(cfg)
}

func openOutbox(t *testing.T) (*Outbox, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "outbox.jsonl")
	o, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return o, path
}

func content(s string) *types.Content { return &types.Content{Data: aws.String(s)} }

func fullEmail() *ses.SendEmailInput {
	return &ses.SendEmailInput{
		Source: aws.String("Roster <no-reply@roster.test>"),
		Destination: &types.Destination{
			ToAddresses:  []string{"ada@example.com", "grace@example.com"},
			CcAddresses:  []string{"boss@example.com"},
			BccAddresses: []string{"audit@example.com"},
		},
		ReplyToAddresses: []string{"support@roster.test"},
		Message: &types.Message{
			Subject: content("Welcome to Roster & co"),
			Body: &types.Body{
				Text: content("Hi Ada,\nconfirm: https://roster.test/confirm?t=1&u=2.\nBye"),
				Html: content(`<p>Hi <b>Ada</b>, <a href="https://roster.test/confirm?t=1&amp;u=2">confirm</a></p>`),
			},
		},
	}
}

func TestSendEmailWithStockClient(t *testing.T) {
	o, _ := openOutbox(t)
	_, client := stack(t, o)
	sub, cancel := o.Subscribe()
	defer cancel()

	before := time.Now().UTC()
	out, err := client.SendEmail(context.Background(), fullEmail())
	if err != nil {
		t.Fatal(err)
	}
	msgs := o.Messages()
	if len(msgs) != 1 {
		t.Fatalf("Messages() has %d messages, want 1", len(msgs))
	}
	got := msgs[0]
	if got.ID == "" || got.ID != aws.ToString(out.MessageId) {
		t.Errorf("stored ID %q, SDK got MessageId %q", got.ID, aws.ToString(out.MessageId))
	}
	if got.Time.Before(before) || got.Time.After(time.Now()) {
		t.Errorf("Time %v is not the time of sending", got.Time)
	}
	want := Message{
		ID: got.ID, Time: got.Time,
		From:    "Roster <no-reply@roster.test>",
		To:      []string{"ada@example.com", "grace@example.com"},
		Cc:      []string{"boss@example.com"},
		Bcc:     []string{"audit@example.com"},
		ReplyTo: []string{"support@roster.test"},
		Subject: "Welcome to Roster & co",
		Text:    "Hi Ada,\nconfirm: https://roster.test/confirm?t=1&u=2.\nBye",
		HTML:    `<p>Hi <b>Ada</b>, <a href="https://roster.test/confirm?t=1&amp;u=2">confirm</a></p>`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored message:\n got %+v\nwant %+v", got, want)
	}
	// A subscriber that gets nothing hangs here until go test's -timeout.
	if m := <-sub; m.ID != got.ID {
		t.Errorf("subscriber got %q, want %q", m.ID, got.ID)
	}
}

func TestSendRawEmail(t *testing.T) {
	o, _ := openOutbox(t)
	_, client := stack(t, o)
	raw := strings.Join([]string{
		"From: =?UTF-8?Q?Ros=C3=A9?= <rose@roster.test>",
		"To: Ada Lovelace <ada@example.com>",
		"Cc: boss@example.com",
		"Reply-To: help@roster.test",
		"Subject: =?UTF-8?B?UmVwb3J0IOKckw==?=",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="outer"`,
		"",
		"--outer",
		`Content-Type: multipart/alternative; boundary="inner"`,
		"",
		"--inner",
		"Content-Type: text/plain; charset=utf-8",
		"Content-Transfer-Encoding: quoted-printable",
		"",
		"Your report is r=C3=A9ady: https://roster.test/r/1",
		"--inner",
		"Content-Type: text/html; charset=utf-8",
		"Content-Transfer-Encoding: base64",
		"",
		"PHA+WW91ciByZXBvcnQgaXMg",
		"cmVhZHk8L3A+",
		"--inner--",
		"--outer",
		"Content-Type: text/plain",
		`Content-Disposition: attachment; filename="report.csv"`,
		"",
		"a,b",
		"--outer--",
		"",
	}, "\r\n")
	out, err := client.SendRawEmail(context.Background(), &ses.SendRawEmailInput{
		RawMessage:   &types.RawMessage{Data: []byte(raw)},
		Destinations: []string{"ada@example.com", "hidden@example.com"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := o.Messages()[0]
	want := Message{
		ID: aws.ToString(out.MessageId), Time: got.Time,
		From:    "Rosé <rose@roster.test>",
		To:      []string{"Ada Lovelace <ada@example.com>"},
		Cc:      []string{"boss@example.com"},
		Bcc:     []string{"hidden@example.com"},
		ReplyTo: []string{"help@roster.test"},
		Subject: "Report ✓",
		Text:    "Your report is réady: https://roster.test/r/1",
		HTML:    "<p>Your report is ready</p>",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored message:\n got %+v\nwant %+v", got, want)
	}
}

func TestErrorsReachTheSDK(t *testing.T) {
	o, _ := openOutbox(t)
	_, client := stack(t, o)
	ctx := context.Background()
	tests := []struct {
		name     string
		call     func() error
		wantCode string
	}{
		{"missing Source", func() error {
			in := fullEmail()
			in.Source = aws.String("") // the SDK only checks that it is set
			_, err := client.SendEmail(ctx, in)
			return err
		}, "InvalidParameterValue"},
		{"no recipients", func() error {
			in := fullEmail()
			in.Destination = &types.Destination{}
			_, err := client.SendEmail(ctx, in)
			return err
		}, "InvalidParameterValue"},
		{"raw without recipients", func() error {
			_, err := client.SendRawEmail(ctx, &ses.SendRawEmailInput{
				RawMessage: &types.RawMessage{Data: []byte("From: a@b.test\r\nSubject: x\r\n\r\nbody")},
			})
			return err
		}, "InvalidParameterValue"},
		{"unsupported action", func() error {
			_, err := client.GetSendQuota(ctx, &ses.GetSendQuotaInput{})
			return err
		}, "InvalidAction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var apiErr smithy.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want an API error", err)
			}
			if apiErr.ErrorCode() != tt.wantCode || apiErr.ErrorMessage() == "" {
				t.Errorf("code %q message %q, want code %q and a message", apiErr.ErrorCode(), apiErr.ErrorMessage(), tt.wantCode)
			}
		})
	}
	if n := len(o.Messages()); n != 0 {
		t.Errorf("rejected requests stored %d messages", n)
	}
}

func get(t *testing.T, url, accept string) (int, string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	// A redirect is an answer of its own here, not followed.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noFollow.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body), res.Header
}

func TestPages(t *testing.T) {
	o, _ := openOutbox(t)
	base, client := stack(t, o)
	ctx := context.Background()
	first, err := client.SendEmail(ctx, fullEmail())
	if err != nil {
		t.Fatal(err)
	}
	evil := fullEmail()
	evil.Message.Subject = content(`<script>alert("subject")</script>`)
	evil.Message.Body.Text = content("see https://roster.test/x?a=1&b=2 and <script>alert(1)</script> javascript:alert(2)")
	evil.Message.Body.Html = content(`<p>hi</p><script>alert("html")</script>"></iframe><img src=x onerror=alert(3)>`)
	second, err := client.SendEmail(ctx, evil)
	if err != nil {
		t.Fatal(err)
	}
	firstID, secondID := aws.ToString(first.MessageId), aws.ToString(second.MessageId)
	mail := base + mailPrefix

	tests := []struct {
		name, url, accept string
		wantStatus        int
		wantType          string
		want, notWant     []string
	}{
		{
			name: "list escapes subjects", url: mail + "/", wantStatus: 200, wantType: "text/html",
			want:    []string{`&lt;script&gt;alert(&#34;subject&#34;)&lt;/script&gt;`, `href="/_local/mail/` + secondID + `"`, "ada@example.com, grace@example.com"},
			notWant: []string{`<script>`},
		},
		{
			name: "message page", url: mail + "/" + secondID, wantStatus: 200, wantType: "text/html",
			want: []string{
				`<title>&lt;script&gt;`,
				`<a href="https://roster.test/x?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">https://roster.test/x?a=1&amp;b=2</a>`,
				`&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(2)`,
				`sandbox="allow-popups allow-popups-to-escape-sandbox"`,
				`srcdoc="&lt;base target=&#34;_blank&#34;&gt;&lt;p&gt;hi&lt;/p&gt;&lt;script&gt;alert(&#34;html&#34;)&lt;/script&gt;&#34;&gt;&lt;/iframe&gt;&lt;img src=x onerror=alert(3)&gt;"`,
				"audit@example.com", "support@roster.test",
			},
			notWant: []string{`<script>`, `<img`, `<p>hi`, `href="javascript`},
		},
		{
			name: "list as JSON by query", url: mail + "/?format=json", wantStatus: 200, wantType: "application/json",
			want: []string{`"items"`},
		},
		{name: "message as JSON by Accept", url: mail + "/" + firstID, accept: "application/json", wantStatus: 200, wantType: "application/json",
			want: []string{`"id": "` + firstID + `"`, `"subject": "Welcome to Roster \u0026 co"`}},
		{name: "unknown id", url: mail + "/nope", wantStatus: 404, wantType: "text/plain"},
		{name: "unknown id as JSON", url: mail + "/nope?format=json", wantStatus: 404, wantType: "application/json", want: []string{`"error"`}},
		{name: "the list without the trailing slash, its links below the mount point", url: mail, wantStatus: 200, wantType: "text/html",
			want: []string{"Local outbox", `href="/_local/mail/` + secondID + `"`}},
		{name: "list as JSON by query without the trailing slash", url: mail + "?format=json", wantStatus: 200, wantType: "application/json",
			want: []string{`"id": "` + secondID + `"`}},
		{name: "list as JSON by Accept without the trailing slash", url: mail, accept: "application/json", wantStatus: 200, wantType: "application/json",
			want: []string{`"id": "` + firstID + `"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body, h := get(t, tt.url, tt.accept)
			if status != tt.wantStatus || !strings.HasPrefix(h.Get("Content-Type"), tt.wantType) {
				t.Fatalf("status %d, type %q; want %d, %q\n%s", status, h.Get("Content-Type"), tt.wantStatus, tt.wantType, body)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %s\n%s", s, body)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(body, s) {
					t.Errorf("body contains %s\n%s", s, body)
				}
			}
			if tt.wantType == "text/html" && !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'none'") {
				t.Errorf("no script-blocking CSP: %q", h.Get("Content-Security-Policy"))
			}
		})
	}

	// The JSON listing is newest first and complete.
	_, body, _ := get(t, mail+"/", "application/json")
	var list struct{ Items []Message }
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range list.Items {
		ids = append(ids, m.ID)
	}
	if !reflect.DeepEqual(ids, []string{secondID, firstID}) {
		t.Errorf("JSON list IDs %v, want newest first %v", ids, []string{secondID, firstID})
	}
}

// TestListLinks covers a stack that turns the stripped path "" into "/"
// before calling the handler: the list answers at the mount point with and
// without the trailing slash, and its links name each message below the
// mount point either way.
func TestListLinks(t *testing.T) {
	o, _ := openOutbox(t)
	m, err := o.add(Message{From: "a@roster.test", To: []string{"ann@example.com"}, Subject: "hello"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, requestURI, wantHref string }{
		{"", "/_local/mail", `href="/_local/mail/` + m.ID + `"`},
		{"/", "/_local/mail", `href="/_local/mail/` + m.ID + `"`},
		{"/", "/_local/mail?to=ann@example.com", `href="/_local/mail/` + m.ID + `"`},
		{"/", "/_local/mail/", `href="/_local/mail/` + m.ID + `"`},
		{"/", "", `href="` + m.ID + `"`}, // called directly: relative links
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.Path, req.RequestURI = tt.path, tt.requestURI
		if u, err := url.ParseRequestURI(tt.requestURI); err == nil {
			req.URL.RawQuery = u.RawQuery
		}
		rec := httptest.NewRecorder()
		o.PagesHandler().ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || rec.Header().Get("Location") != "" {
			t.Errorf("%q: status %d, Location %q; want 200 and no redirect", tt.requestURI, rec.Code, rec.Header().Get("Location"))
		}
		if !strings.Contains(rec.Body.String(), tt.wantHref) {
			t.Errorf("%q: the list lacks %s\n%s", tt.requestURI, tt.wantHref, rec.Body.String())
		}
	}
}

// TestListByRecipient: ?to= keeps the mail with that address among its
// recipients, newest first, in JSON and HTML alike.
func TestListByRecipient(t *testing.T) {
	o, _ := openOutbox(t)
	base, _ := stack(t, o)
	send := func(m Message) string {
		t.Helper()
		m.From = "Roster <no-reply@roster.test>"
		stored, err := o.add(m)
		if err != nil {
			t.Fatal(err)
		}
		return stored.ID
	}
	toAnn := send(Message{To: []string{"ann@example.com"}, Subject: "to Ann"})
	toBob := send(Message{To: []string{"Bob Baker <bob@example.com>"}, Subject: "to Bob"})
	ccAnn := send(Message{To: []string{"carol@example.com"}, Cc: []string{"ann@example.com"}, Subject: "Ann in copy"})
	bccBob := send(Message{To: []string{"carol@example.com"}, Bcc: []string{"bob@example.com"}, Subject: "Bob in blind copy"})

	tests := []struct {
		to   string
		want []string
	}{
		{"ann@example.com", []string{ccAnn, toAnn}},
		{"BOB@Example.com", []string{bccBob, toBob}},
		{"carol@example.com", []string{bccBob, ccAnn}},
		{"dave@example.com", []string{}},
		{"", []string{bccBob, ccAnn, toBob, toAnn}},
	}
	for _, tt := range tests {
		t.Run("to="+tt.to, func(t *testing.T) {
			status, body, _ := get(t, base+mailPrefix+"?format=json&to="+url.QueryEscape(tt.to), "")
			var list struct{ Items []Message }
			if err := json.Unmarshal([]byte(body), &list); status != 200 || err != nil || list.Items == nil {
				t.Fatalf("status %d, %v: %s", status, err, body)
			}
			ids := []string{}
			for _, m := range list.Items {
				ids = append(ids, m.ID)
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("IDs %v, want %v", ids, tt.want)
			}
			_, page, _ := get(t, base+mailPrefix+"/?to="+url.QueryEscape(tt.to), "")
			for _, id := range []string{toAnn, toBob, ccAnn, bccBob} {
				if strings.Contains(page, id) != slices.Contains(tt.want, id) {
					t.Errorf("the HTML list has %s: %v, want %v", id, !slices.Contains(tt.want, id), slices.Contains(tt.want, id))
				}
			}
		})
	}
}

func TestLinkify(t *testing.T) {
	tests := []struct {
		in   string
		want []textPart
	}{
		{"no links", []textPart{{Text: "no links"}}},
		{"go to https://a.test/x.", []textPart{{Text: "go to "}, {Text: "https://a.test/x", URL: "https://a.test/x"}, {Text: "."}}},
		{"(http://a.test/p?q=1)", []textPart{{Text: "("}, {Text: "http://a.test/p?q=1", URL: "http://a.test/p?q=1"}, {Text: ")"}}},
		{"javascript:alert(1) ftp://x", []textPart{{Text: "javascript:alert(1) ftp://x"}}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := linkify(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("linkify(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestPersistence(t *testing.T) {
	o, path := openOutbox(t)
	_, client := stack(t, o)
	for range 3 {
		if _, err := client.SendEmail(context.Background(), fullEmail()); err != nil {
			t.Fatal(err)
		}
	}
	reopened, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := reopened.Messages(), o.Messages(); len(got) != 3 || !reflect.DeepEqual(got, want) {
		t.Errorf("after reopen:\n got %+v\nwant %+v", got, want)
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.jsonl")
	if err := os.WriteFile(corrupt, []byte(`{"id":"a"}`+"\n{oops\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		wantErr    string
	}{
		{"missing file is an empty outbox", filepath.Join(dir, "new.jsonl"), ""},
		{"corrupt line", corrupt, corrupt + ": line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := Open(tt.path)
			if tt.wantErr == "" {
				if err != nil || len(o.Messages()) != 0 {
					t.Fatalf("Open = %v, %v; want an empty outbox", o, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Open error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestSubscribeCancel(t *testing.T) {
	o, _ := openOutbox(t)
	ch, cancel := o.Subscribe()
	cancel()
	cancel() // safe to call twice
	if _, open := <-ch; open {
		t.Error("channel still open after cancel")
	}
	if _, err := o.add(Message{From: "a@b.test", To: []string{"c@d.test"}}); err != nil {
		t.Fatal(err) // must not send on the closed channel
	}
}
