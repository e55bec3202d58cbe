package api_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // zone names resolve whatever the machine has installed

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/orgs"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/roster"
)

// mailbox is a hand-written Mailer fake that keeps what was sent.
type mailbox struct {
	mu       sync.Mutex
	sent     []roster.Mail
	failures int // the next this many sends fail, as SES does when throttled
}

func (o *mailbox) Send(_ context.Context, m roster.Mail) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.failures > 0 {
		o.failures--
		return errors.New("ses: Throttling: rate exceeded")
	}
	o.sent = append(o.sent, m)
	return nil
}

func (o *mailbox) last() roster.Mail {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.sent) == 0 {
		return roster.Mail{}
	}
	return o.sent[len(o.sent)-1]
}

var cheapArgon = auth.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

const operatorKey = "operator-key-for-tests"

// app wires every operation as its function's main does, on the emulator.
type app struct {
	authSvc    *auth.Service
	store      *dynamo.Store
	log        *slog.Logger
	logs       *lockedBuffer
	spec       *spec
	mail       *mailbox
	login      api.LambdaHandler
	refresh    api.LambdaHandler
	logout     api.LambdaHandler
	getMe      api.LambdaHandler
	createOrg  api.LambdaHandler
	authorizer func(context.Context, events.APIGatewayV2CustomAuthorizerV2Request) (events.APIGatewayV2CustomAuthorizerSimpleResponse, error)
}

func newApp(t testing.TB) *app { return newAppWithArgon(t, cheapArgon) }

func newAppWithArgon(t testing.TB, argon auth.Argon2Params) *app {
	t.Helper()
	db, table := dynamotest.MustOpen(t)
	store := dynamo.NewStore(db, table)
	logs := &lockedBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ring, err := auth.NewKeyring("test", map[string][]byte{"test": []byte(strings.Repeat("s", 32))})
	if err != nil {
		t.Fatal(err)
	}
	signer, err := auth.NewSigner(ring, auth.AccessTokenTTL)
	if err != nil {
		t.Fatal(err)
	}
	svc := auth.NewService(store, signer, argon, log)
	mail := &mailbox{}
	sender := &outbox.Sender{Store: store, Mail: mail, AppBaseURL: "https://app.example", Log: log, Now: time.Now}
	orgSvc := &orgs.Service{Store: store, Sender: sender, Argon: argon, Log: log, Now: time.Now}
	sum := sha256.Sum256([]byte(operatorKey))
	return &app{
		authSvc:    svc,
		store:      store,
		log:        log,
		logs:       logs,
		spec:       loadSpec(t),
		mail:       mail,
		login:      api.Public(log, api.Login(svc)),
		refresh:    api.Public(log, api.Refresh(svc)),
		logout:     api.Public(log, api.Logout(svc)),
		getMe:      api.DuringEnrolment(log, api.GetMe(dynamo.NewReader(db, table))),
		createOrg:  api.Public(log, api.Idempotent(store, time.Now, api.CreateOrg(orgSvc, hex.EncodeToString(sum[:])))),
		authorizer: api.Authorizer(auth.NewVerifier(dynamo.NewReader(db, table), signer), log),
	}
}

// lockedBuffer collects log output from concurrent handlers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func event(routeKey, body string, headers map[string]string) events.APIGatewayV2HTTPRequest {
	h := map[string]string{"content-type": "application/json"}
	for k, v := range headers {
		h[strings.ToLower(k)] = v
	}
	ev := events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: routeKey, Headers: h, Body: body}
	_, ev.RawPath, _ = strings.Cut(routeKey, " ")
	ev.RequestContext.RequestID = "test-request"
	ev.RequestContext.HTTP.SourceIP = "192.0.2.1"
	return ev
}

// call invokes an operation and checks its response against the document.
func (a *app) call(t *testing.T, h api.LambdaHandler, routeKey, body string, headers map[string]string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	resp, err := h(context.Background(), event(routeKey, body, headers))
	if err != nil {
		t.Fatalf("%s returned an error instead of a response: %v", routeKey, err)
	}
	a.spec.checkResponse(t, routeKey, resp)
	return resp
}

// authorized runs the authorizer as API Gateway would and, when it allows,
// the operation with the authorizer's context.
func (a *app) authorized(t *testing.T, h api.LambdaHandler, routeKey, token string) (events.APIGatewayV2HTTPResponse, bool) {
	t.Helper()
	dec, err := a.authorizer(context.Background(), events.APIGatewayV2CustomAuthorizerV2Request{
		Type: "REQUEST", RouteKey: routeKey, Headers: map[string]string{"authorization": "Bearer " + token},
	})
	if err != nil {
		t.Fatalf("authorizer error: %v", err)
	}
	if !dec.IsAuthorized {
		return events.APIGatewayV2HTTPResponse{}, false
	}
	ev := event(routeKey, "", nil)
	ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: dec.Context}
	resp, err := h(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	a.spec.checkResponse(t, routeKey, resp)
	return resp, true
}

func problemCode(t *testing.T, resp events.APIGatewayV2HTTPResponse) (string, []roster.FieldError) {
	t.Helper()
	var p struct {
		Code   string              `json:"code"`
		Errors []roster.FieldError `json:"errors"`
	}
	if err := json.Unmarshal([]byte(resp.Body), &p); err != nil {
		t.Fatalf("not a problem: %s", resp.Body)
	}
	return p.Code, p.Errors
}

const orgBody = `{"name":"Acme Supply","defaultRegion":"us","timeZone":"America/Chicago",
 "admin":{"email":" Ann@Acme.example ","firstName":"Ann","lastName":"Admin","password":"a long enough password"}}`

func TestSignInJourney(t *testing.T) {
	a := newApp(t)
	op := map[string]string{api.OperatorKeyHeader: operatorKey}

	created := a.call(t, a.createOrg, "POST /orgs", orgBody, op)
	if created.StatusCode != 201 {
		t.Fatalf("create org: %d %s", created.StatusCode, created.Body)
	}
	var org api.OrganisationView
	if err := json.Unmarshal([]byte(created.Body), &org); err != nil {
		t.Fatal(err)
	}
	if org.DefaultRegion != "US" || org.Admin.Email != "ann@acme.example" || org.Admin.Roles[0].GroupID != org.RootGroupID || org.Admin.Roles[0].Role != "admin" {
		t.Fatalf("organisation = %+v", org)
	}
	// Created with a password, Ann is not invited: a welcome without a link.
	if len(a.mail.sent) != 1 || a.mail.sent[0].To[0] != "ann@acme.example" || strings.Contains(a.mail.sent[0].Text, "token=") ||
		!strings.Contains(a.mail.sent[0].Text, "https://app.example/login") {
		t.Fatalf("welcome of the first administrator = %+v", a.mail.sent)
	}
	if org.Admin.Status != "active" || org.Admin.Invitation == nil || org.Admin.Invitation.State != "none" {
		t.Fatalf("the first administrator, created with a password: %+v", org.Admin)
	}

	resp := a.call(t, a.login, "POST /auth/login", `{"email":"ann@acme.example","password":"a long enough password"}`, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("login: %d %s", resp.StatusCode, resp.Body)
	}
	var tok auth.Tokens
	_ = json.Unmarshal([]byte(resp.Body), &tok)

	me, ok := a.authorized(t, a.getMe, "GET /me", tok.AccessToken)
	if !ok || me.StatusCode != 200 || !strings.HasPrefix(me.Headers["ETag"], `"v`) {
		t.Fatalf("GET /me: allowed %v, %d %s", ok, me.StatusCode, me.Body)
	}
	var u api.MeView
	_ = json.Unmarshal([]byte(me.Body), &u)
	if u.ID != org.Admin.ID || u.OrgID != org.ID || u.Invitation.State != "none" || u.DisplayName != "Ann Admin" {
		t.Fatalf("me = %+v", u)
	}
	// The organisation's first administrator may do everything, and /me says so.
	if len(u.Can) != 11 || u.Can[0] != roster.ActViewGroups || u.Can[10] != roster.ActManageOrganisation {
		t.Fatalf("me.can = %v, want every action", u.Can)
	}

	resp = a.call(t, a.refresh, "POST /auth/refresh", `{"refreshToken":"`+tok.RefreshToken+`"}`, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("refresh: %d %s", resp.StatusCode, resp.Body)
	}
	var tok2 auth.Tokens
	_ = json.Unmarshal([]byte(resp.Body), &tok2)

	if resp := a.call(t, a.logout, "POST /auth/logout", `{"refreshToken":"`+tok2.RefreshToken+`"}`, nil); resp.StatusCode != 204 {
		t.Fatalf("logout: %d %s", resp.StatusCode, resp.Body)
	}
	if _, ok := a.authorized(t, a.getMe, "GET /me", tok2.AccessToken); ok {
		t.Fatal("the access token still passes the authorizer after logout")
	}
	if resp := a.call(t, a.refresh, "POST /auth/refresh", `{"refreshToken":"`+tok2.RefreshToken+`"}`, nil); resp.StatusCode != 401 {
		t.Fatalf("refresh after logout: %d", resp.StatusCode)
	}

	// Secrets never reach the logs, whatever the level.
	logs := a.logs.String()
	if !strings.Contains(logs, `"requestId":"test-request"`) {
		t.Fatalf("the journey logged nothing with a request id; the check below would be empty:\n%s", logs)
	}
	_, refreshSecret, _ := strings.Cut(tok.RefreshToken, ".")
	for name, secret := range map[string]string{
		"password": "a long enough password", "operator key": operatorKey,
		"access token": tok.AccessToken, "refresh token secret": refreshSecret, "rotated refresh secret": strings.SplitN(tok2.RefreshToken, ".", 2)[1],
	} {
		if strings.Contains(logs, secret) {
			t.Errorf("the %s appears in the logs", name)
		}
	}
}

func TestBadInputGetsProblems(t *testing.T) {
	a := newApp(t)
	op := map[string]string{api.OperatorKeyHeader: operatorKey}
	if resp := a.call(t, a.createOrg, "POST /orgs", orgBody, op); resp.StatusCode != 201 {
		t.Fatalf("setup: %d %s", resp.StatusCode, resp.Body)
	}
	tests := []struct {
		name    string
		h       api.LambdaHandler
		route   string
		body    string
		headers map[string]string
		status  int
		code    string
		fields  []string
	}{
		{"create org without the operator key", a.createOrg, "POST /orgs", orgBody, nil, 401, "invalid_operator_key", nil},
		{"create org with a wrong operator key", a.createOrg, "POST /orgs", orgBody, map[string]string{api.OperatorKeyHeader: "guess"}, 401, "invalid_operator_key", nil},
		{"create org with every field wrong", a.createOrg, "POST /orgs",
			`{"name":"","defaultRegion":"USA","timeZone":"Mars/Base","admin":{"email":"nope","firstName":"","lastName":"L","password":"short"}}`, op, 400, "validation_failed",
			[]string{"name", "defaultRegion", "timeZone", "admin.email", "admin.firstName", "admin.password"}},
		{"create org with a taken email", a.createOrg, "POST /orgs", orgBody, op, 409, "email_taken", nil},
		{"create org with an unknown field", a.createOrg, "POST /orgs", `{"name":"x","plan":"gold"}`, op, 400, "validation_failed", []string{"plan"}},
		{"create org with a number for a name", a.createOrg, "POST /orgs", `{"name":42}`, op, 400, "validation_failed", []string{"name"}},
		{"login with broken JSON", a.login, "POST /auth/login", `{"email":`, nil, 400, "malformed_body", nil},
		{"login as a form", a.login, "POST /auth/login", `email=a`, map[string]string{"content-type": "application/x-www-form-urlencoded"}, 415, "unsupported_media_type", nil},
		{"login with a huge body", a.login, "POST /auth/login", `{"email":"` + strings.Repeat("x", api.MaxJSONBody) + `"}`, nil, 413, "body_too_large", nil},
		{"login with a wrong password", a.login, "POST /auth/login", `{"email":"ann@acme.example","password":"wrong wrong wrong"}`, nil, 401, "invalid_credentials", nil},
		{"refresh with garbage", a.refresh, "POST /auth/refresh", `{"refreshToken":"garbage"}`, nil, 401, "invalid_refresh_token", nil},
		{"logout with an empty body", a.logout, "POST /auth/logout", ``, nil, 400, "malformed_body", nil},
		{"logout without a refresh token", a.logout, "POST /auth/logout", `{}`, nil, 400, "validation_failed", []string{"refreshToken"}},
		{"logout with an empty refresh token", a.logout, "POST /auth/logout", `{"refreshToken":""}`, nil, 400, "validation_failed", []string{"refreshToken"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := a.call(t, tt.h, tt.route, tt.body, tt.headers)
			code, fields := problemCode(t, resp)
			if resp.StatusCode != tt.status || code != tt.code {
				t.Fatalf("got %d %q, want %d %q: %s", resp.StatusCode, code, tt.status, tt.code, resp.Body)
			}
			var names []string
			for _, f := range fields {
				names = append(names, f.Field)
			}
			for _, want := range tt.fields {
				if !strings.Contains(","+strings.Join(names, ",")+",", ","+want+",") {
					t.Errorf("field %q not named; fields: %v", want, names)
				}
			}
		})
	}
}

func TestCreateOrgIsIdempotent(t *testing.T) {
	a := newApp(t)
	withKey := func(key, operator string) map[string]string {
		return map[string]string{api.OperatorKeyHeader: operator, api.IdempotencyKeyHeader: key}
	}
	first := a.call(t, a.createOrg, "POST /orgs", orgBody, withKey("k-1", operatorKey))
	if first.StatusCode != 201 {
		t.Fatalf("first: %d %s", first.StatusCode, first.Body)
	}

	t.Run("a retry with the same key and body replays the first response", func(t *testing.T) {
		again := a.call(t, a.createOrg, "POST /orgs", orgBody, withKey("k-1", operatorKey))
		if again.StatusCode != 201 || again.Body != first.Body || again.Headers["Idempotent-Replayed"] != "true" {
			t.Fatalf("retry: %d %s %v", again.StatusCode, again.Body, again.Headers)
		}
		if len(a.mail.sent) != 1 {
			t.Fatalf("%d welcome mails; the retry must not send another", len(a.mail.sent))
		}
	})
	t.Run("the same key with another body is 422", func(t *testing.T) {
		other := strings.Replace(orgBody, "Acme Supply", "Acme Tools", 1)
		resp := a.call(t, a.createOrg, "POST /orgs", other, withKey("k-1", operatorKey))
		if code, _ := problemCode(t, resp); resp.StatusCode != 422 || code != "idempotency_key_reused" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a refusal of the input is replayed too", func(t *testing.T) {
		bad := `{"name":"","admin":{}}`
		r1 := a.call(t, a.createOrg, "POST /orgs", bad, withKey("k-2", operatorKey))
		r2 := a.call(t, a.createOrg, "POST /orgs", bad, withKey("k-2", operatorKey))
		if r1.StatusCode != 400 || r2.StatusCode != 400 || r2.Headers["Idempotent-Replayed"] != "true" || r2.Headers["Content-Type"] != "application/problem+json" {
			t.Fatalf("got %d then %d %v", r1.StatusCode, r2.StatusCode, r2.Headers)
		}
	})
	t.Run("a wrong operator key is not remembered against the key", func(t *testing.T) {
		body := strings.Replace(orgBody, "ann@acme.example", "bob@acme.example", 1)
		body = strings.Replace(body, "Ann@Acme.example", "bob@acme.example", 1)
		if resp := a.call(t, a.createOrg, "POST /orgs", body, withKey("k-3", "wrong")); resp.StatusCode != 401 {
			t.Fatalf("wrong key: %d", resp.StatusCode)
		}
		if resp := a.call(t, a.createOrg, "POST /orgs", body, withKey("k-3", operatorKey)); resp.StatusCode != 201 {
			t.Fatalf("the real operator with the same key: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("an unprintable key is 400 naming the header", func(t *testing.T) {
		resp := a.call(t, a.createOrg, "POST /orgs", orgBody, withKey("bad\x01key", operatorKey))
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || len(fields) != 1 || fields[0].Field != "Idempotency-Key" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
}

func TestFirstAdministratorWithoutPasswordIsInvited(t *testing.T) {
	a := newApp(t)
	body := strings.Replace(orgBody, `,"password":"a long enough password"`, "", 1)
	resp := a.call(t, a.createOrg, "POST /orgs", body, map[string]string{api.OperatorKeyHeader: operatorKey})
	if resp.StatusCode != 201 || !strings.Contains(resp.Body, `"status":"invited"`) {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Body)
	}
	if r := a.call(t, a.login, "POST /auth/login", `{"email":"ann@acme.example","password":"a long enough password"}`, nil); r.StatusCode != 401 {
		t.Fatalf("an invited administrator signed in without accepting: %d", r.StatusCode)
	}
	link := regexp.MustCompile(`token=(\S+)`).FindStringSubmatch(a.mail.last().Text)
	if link == nil {
		t.Fatalf("no link in %q", a.mail.last().Text)
	}
	token, _ := url.QueryUnescape(link[1])
	accept := api.Public(a.log, api.AcceptInvitation(a.authSvc))
	if r := a.call(t, accept, "POST /auth/invitations/accept", `{"token":"`+token+`","password":"my own password here"}`, nil); r.StatusCode != 200 {
		t.Fatalf("accept: %d %s", r.StatusCode, r.Body)
	}
}
