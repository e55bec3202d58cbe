package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/orgs"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

// withToken runs the authorizer for token as API Gateway would and, when it
// allows, h with a body, headers and path parameters; allowed is false when
// the authorizer refused.
func (a *app) withToken(t *testing.T, h api.LambdaHandler, routeKey, token, body string, headers, path map[string]string) (resp events.APIGatewayV2HTTPResponse, allowed bool) {
	t.Helper()
	dec, err := a.authorizer(context.Background(), events.APIGatewayV2CustomAuthorizerV2Request{
		Type: "REQUEST", RouteKey: routeKey, Headers: map[string]string{"authorization": "Bearer " + token},
	})
	if err != nil {
		t.Fatalf("authorizer error: %v", err)
	}
	if !dec.IsAuthorized {
		return resp, false
	}
	ev := event(routeKey, body, headers)
	ev.PathParameters = path
	ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: dec.Context}
	resp, err = h(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	a.spec.checkResponse(t, routeKey, resp)
	return resp, true
}

func TestEnrolmentOnlyCallersReachOnlyEnrolment(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ran := false
	op := func(context.Context, *api.Request) (api.Response, error) {
		ran = true
		return api.Response{Status: 204}, nil
	}
	ev := func(restricted bool) events.APIGatewayV2HTTPRequest {
		ctx, err := api.CallerContext(roster.Caller{OrgID: "o1", UserID: "u1", SessionID: "s1", MFAEnrolmentOnly: restricted})
		if err != nil {
			t.Fatal(err)
		}
		e := event("GET /anything", "", nil)
		e.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: ctx}
		return e
	}
	for _, tt := range []struct {
		name       string
		h          api.LambdaHandler
		restricted bool
		status     int
	}{
		{"an ordinary operation refuses an enrolment-only caller", api.Authenticated(log, op), true, 403},
		{"an ordinary operation serves a full caller", api.Authenticated(log, op), false, 204},
		{"an enrolment operation serves an enrolment-only caller", api.DuringEnrolment(log, op), true, 204},
		{"an enrolment operation serves a full caller", api.DuringEnrolment(log, op), false, 204},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ran = false
			resp, err := tt.h(context.Background(), ev(tt.restricted))
			if err != nil || resp.StatusCode != tt.status || ran != (tt.status == 204) {
				t.Fatalf("status %d (ran %v, err %v), want %d: %s", resp.StatusCode, ran, err, tt.status, resp.Body)
			}
			if tt.status == 403 && !strings.Contains(resp.Body, `"code":"mfa_enrolment_required"`) {
				t.Fatalf("body %s", resp.Body)
			}
		})
	}
}

func TestTwoFactorJourney(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	svc := a.authSvc
	reader := users.NewReader(a.store, time.Now)
	sec := &orgs.Security{Store: a.store, Now: time.Now}
	var (
		enrol    = api.DuringEnrolment(a.log, api.EnrolTotp(svc))
		confirm  = api.DuringEnrolment(a.log, api.ConfirmTotp(svc))
		verify   = api.Public(a.log, api.VerifyMfa(svc))
		reset    = api.Authenticated(a.log, api.ResetUserMfa(users.NewMFAReset(a.store, reader)))
		getSec   = api.Authenticated(a.log, api.GetOrgSecurity(sec))
		putSec   = api.Authenticated(a.log, api.PutOrgSecurity(sec))
		opHeader = map[string]string{api.OperatorKeyHeader: operatorKey}
	)
	created := a.call(t, a.createOrg, "POST /orgs", orgBody, opHeader)
	var org api.OrganisationView
	_ = json.Unmarshal([]byte(created.Body), &org)

	login := func(t *testing.T, email, password string) events.APIGatewayV2HTTPResponse {
		t.Helper()
		return a.call(t, a.login, "POST /auth/login", `{"email":"`+email+`","password":"`+password+`"}`, nil)
	}
	tokensOf := func(t *testing.T, resp events.APIGatewayV2HTTPResponse) auth.Tokens {
		t.Helper()
		var tok auth.Tokens
		if resp.StatusCode != 200 || json.Unmarshal([]byte(resp.Body), &tok) != nil || tok.AccessToken == "" {
			t.Fatalf("want tokens: %d %s", resp.StatusCode, resp.Body)
		}
		return tok
	}
	const annPassword = "a long enough password"
	ann := tokensOf(t, login(t, "ann@acme.example", annPassword))

	// The policy: read, refused without If-Match or with a stale one, set.
	resp, _ := a.withToken(t, getSec, "GET /org/security", ann.AccessToken, "", nil, nil)
	if resp.StatusCode != 200 || resp.Headers["ETag"] != `"v1"` || !strings.Contains(resp.Body, `"requireMfaForAdmins":false`) {
		t.Fatalf("GET /org/security: %d %v %s", resp.StatusCode, resp.Headers, resp.Body)
	}
	if resp, _ := a.withToken(t, putSec, "PUT /org/security", ann.AccessToken, `{"requireMfaForAdmins":true}`, nil, nil); resp.StatusCode != 428 {
		t.Fatalf("PUT without If-Match: %d", resp.StatusCode)
	}
	if resp, _ := a.withToken(t, putSec, "PUT /org/security", ann.AccessToken, `{}`, map[string]string{"If-Match": `"v1"`}, nil); resp.StatusCode != 400 || !strings.Contains(resp.Body, "requireMfaForAdmins") {
		t.Fatalf("PUT without the field: %d %s", resp.StatusCode, resp.Body)
	}
	resp, _ = a.withToken(t, putSec, "PUT /org/security", ann.AccessToken, `{"requireMfaForAdmins":true}`, map[string]string{"If-Match": `"v1"`}, nil)
	if resp.StatusCode != 200 || resp.Headers["ETag"] != `"v2"` {
		t.Fatalf("PUT /org/security: %d %s", resp.StatusCode, resp.Body)
	}
	if resp, _ := a.withToken(t, putSec, "PUT /org/security", ann.AccessToken, `{"requireMfaForAdmins":true}`, map[string]string{"If-Match": `"v1"`}, nil); resp.StatusCode != 412 {
		t.Fatalf("PUT with a stale If-Match: %d", resp.StatusCode)
	}

	// Ann, an administrator without a second factor, signs in: her session
	// may only enrol.
	restricted := tokensOf(t, login(t, "ann@acme.example", annPassword))
	resp, _ = a.withToken(t, getSec, "GET /org/security", restricted.AccessToken, "", nil, nil)
	if code, _ := problemCode(t, resp); resp.StatusCode != 403 || code != "mfa_enrolment_required" {
		t.Fatalf("a real route with an enrolment-only session: %d %s", resp.StatusCode, resp.Body)
	}
	resp, _ = a.withToken(t, a.getMe, "GET /me", restricted.AccessToken, "", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Body, `"mfa":{"totp":false,"recoveryCodesLeft":0}`) ||
		!strings.Contains(resp.Body, `"mfaEnrolmentRequired":true`) || strings.Contains(resp.Body, `"can"`) {
		t.Fatalf("GET /me while enrolling: %d %s", resp.StatusCode, resp.Body)
	}
	resp, _ = a.withToken(t, enrol, "POST /me/mfa/totp", restricted.AccessToken, "", nil, nil)
	var e auth.TOTPEnrolment
	if resp.StatusCode != 200 || json.Unmarshal([]byte(resp.Body), &e) != nil || !strings.HasPrefix(e.OtpauthURI, "otpauth://totp/Roster:ann@acme.example?") {
		t.Fatalf("enrol: %d %s", resp.StatusCode, resp.Body)
	}
	resp, _ = a.withToken(t, confirm, "POST /me/mfa/totp/confirm", restricted.AccessToken, `{"code":"12345"}`, nil, nil)
	if _, fields := problemCode(t, resp); resp.StatusCode != 400 || len(fields) != 1 || fields[0].Field != "code" {
		t.Fatalf("confirm with a bad code: %d %s", resp.StatusCode, resp.Body)
	}
	code, _ := auth.TOTPCode(e.Secret, time.Now())
	resp, _ = a.withToken(t, confirm, "POST /me/mfa/totp/confirm", restricted.AccessToken, `{"code":"`+code+`"}`, nil, nil)
	var confirmed struct {
		RecoveryCodes []string `json:"recoveryCodes"`
		auth.Tokens
	}
	if resp.StatusCode != 200 || json.Unmarshal([]byte(resp.Body), &confirmed) != nil || len(confirmed.RecoveryCodes) != 10 || confirmed.AccessToken == "" {
		t.Fatalf("confirm: %d %s", resp.StatusCode, resp.Body)
	}
	if _, ok := a.withToken(t, a.getMe, "GET /me", restricted.AccessToken, "", nil, nil); ok {
		t.Fatal("the enrolment-only session still passes the authorizer after the enrolment")
	}
	resp, _ = a.withToken(t, getSec, "GET /org/security", confirmed.AccessToken, "", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("full access after enrolling: %d %s", resp.StatusCode, resp.Body)
	}
	resp, _ = a.withToken(t, a.getMe, "GET /me", confirmed.AccessToken, "", nil, nil)
	if !strings.Contains(resp.Body, `"mfa":{"totp":true,"recoveryCodesLeft":10}`) {
		t.Fatalf("GET /me after enrolling: %s", resp.Body)
	}

	// Signing in now takes a code.
	challenge := func(t *testing.T) string {
		t.Helper()
		resp := login(t, "ann@acme.example", annPassword)
		var p struct {
			Code      string `json:"code"`
			Challenge string `json:"challenge"`
			ExpiresIn int    `json:"challengeExpiresIn"`
		}
		if resp.StatusCode != 401 || json.Unmarshal([]byte(resp.Body), &p) != nil || p.Code != "mfa_required" || len(p.Challenge) < 43 || p.ExpiresIn != 300 {
			t.Fatalf("login of an enrolled user: %d %s", resp.StatusCode, resp.Body)
		}
		return p.Challenge
	}
	verifyWith := func(t *testing.T, body string) events.APIGatewayV2HTTPResponse {
		t.Helper()
		return a.call(t, verify, "POST /auth/mfa/verify", body, nil)
	}
	c1 := challenge(t)
	// The confirming code's step is used; the next step's code is accepted (skew 1).
	if resp := verifyWith(t, `{"challenge":"`+c1+`","code":"`+code+`"}`); resp.StatusCode != 401 {
		t.Fatalf("the code used to confirm, again: %d %s", resp.StatusCode, resp.Body)
	}
	next, _ := auth.TOTPCode(e.Secret, time.Now().Add(30*time.Second))
	full := tokensOf(t, verifyWith(t, `{"challenge":"`+c1+`","code":"`+next+`"}`))
	if resp, _ := a.withToken(t, getSec, "GET /org/security", full.AccessToken, "", nil, nil); resp.StatusCode != 200 {
		t.Fatalf("after verify: %d", resp.StatusCode)
	}
	if resp := verifyWith(t, `{"challenge":"`+c1+`","recoveryCode":"`+confirmed.RecoveryCodes[0]+`"}`); resp.StatusCode != 401 || !strings.Contains(resp.Body, "mfa_challenge_invalid") {
		t.Fatalf("a challenge used twice: %d %s", resp.StatusCode, resp.Body)
	}
	c2 := challenge(t)
	tokensOf(t, verifyWith(t, `{"challenge":"`+c2+`","recoveryCode":"`+strings.ToUpper(confirmed.RecoveryCodes[0])+`"}`))
	c3 := challenge(t)
	if resp := verifyWith(t, `{"challenge":"`+c3+`","recoveryCode":"`+confirmed.RecoveryCodes[0]+`"}`); resp.StatusCode != 401 || !strings.Contains(resp.Body, "invalid_mfa_code") {
		t.Fatalf("a recovery code used twice: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := verifyWith(t, `{"challenge":"`+c3+`"}`); resp.StatusCode != 400 {
		t.Fatalf("verify without a code: %d %s", resp.StatusCode, resp.Body)
	}
	resp, _ = a.withToken(t, a.getMe, "GET /me", full.AccessToken, "", nil, nil)
	if !strings.Contains(resp.Body, `"recoveryCodesLeft":9`) {
		t.Fatalf("GET /me after a recovery code: %s", resp.Body)
	}

	// Another administrator resets Ann's factor; nobody resets their own.
	hash, _ := auth.HashPassword("bob's long password", cheapArgon)
	now := time.Now()
	bob := roster.User{ID: roster.NewID(now), OrgID: org.ID, Email: "bob@acme.example", FirstName: "Bob", LastName: "Admin", Status: roster.UserActive,
		Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: org.RootGroupID}}, PasswordHash: hash, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := a.store.CreateUser(ctx, bob, nil, roster.AuditEvent{ID: roster.NewID(now), OrgID: org.ID, ActorID: org.Admin.ID, Type: "user.created", SubjectID: bob.ID, At: now}); err != nil {
		t.Fatal(err)
	}
	bobTok := tokensOf(t, login(t, "bob@acme.example", "bob's long password"))
	if resp, _ := a.withToken(t, reset, "DELETE /users/{id}/mfa", bobTok.AccessToken, "", nil, map[string]string{"id": org.Admin.ID}); resp.StatusCode != 403 {
		t.Fatalf("an enrolment-only administrator resetting another: %d %s", resp.StatusCode, resp.Body)
	}
	if resp, _ := a.withToken(t, reset, "DELETE /users/{id}/mfa", full.AccessToken, "", nil, map[string]string{"id": org.Admin.ID}); resp.StatusCode != 403 || !strings.Contains(resp.Body, `"code":"self"`) {
		t.Fatalf("resetting one's own factor: %d %s", resp.StatusCode, resp.Body)
	}
	// Policy off; Bob signs in again with full access and resets Ann's factor.
	resp, _ = a.withToken(t, putSec, "PUT /org/security", full.AccessToken, `{"requireMfaForAdmins":false}`, map[string]string{"If-Match": `"v2"`}, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("policy off: %d %s", resp.StatusCode, resp.Body)
	}
	bobTok = tokensOf(t, login(t, "bob@acme.example", "bob's long password"))
	if resp, _ := a.withToken(t, reset, "DELETE /users/{id}/mfa", bobTok.AccessToken, "", nil, map[string]string{"id": org.Admin.ID}); resp.StatusCode != 204 {
		t.Fatalf("reset: %d %s", resp.StatusCode, resp.Body)
	}
	tokensOf(t, login(t, "ann@acme.example", annPassword)) // the password alone again
	audit, err := a.store.AuditEvents(ctx, org.ID)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, ev := range audit {
		seen[ev.Type] = true
	}
	for _, want := range []string{"organisation.security_changed", "user.mfa_enrolled", "user.mfa_reset"} {
		if !seen[want] {
			t.Errorf("no %s audit event among %v", want, seen)
		}
	}
	// Secrets never reach the logs.
	logs := a.logs.String()
	for name, secret := range map[string]string{"TOTP secret": e.Secret, "challenge": c1, "recovery code": confirmed.RecoveryCodes[0], "code": next} {
		if strings.Contains(logs, secret) {
			t.Errorf("the %s appears in the logs", name)
		}
	}
}
