package api_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
)

// signedIn creates an organisation and signs its admin in.
func signedIn(b *testing.B, a *app) auth.Tokens {
	b.Helper()
	ctx := context.Background()
	ev := event("POST /orgs", orgBody, map[string]string{api.OperatorKeyHeader: operatorKey})
	if resp, _ := a.createOrg(ctx, ev); resp.StatusCode != 201 {
		b.Fatalf("create org: %d %s", resp.StatusCode, resp.Body)
	}
	resp, _ := a.login(ctx, event("POST /auth/login", `{"email":"ann@acme.example","password":"a long enough password"}`, nil))
	var tok auth.Tokens
	if err := json.Unmarshal([]byte(resp.Body), &tok); err != nil || tok.AccessToken == "" {
		b.Fatalf("login: %d %s", resp.StatusCode, resp.Body)
	}
	return tok
}

// BenchmarkAuthorizer is the cost every authenticated request pays on a
// cache miss: JWT verification and two consistent reads (against the
// in-process emulator here, so the reads are cheaper than DynamoDB's).
func BenchmarkAuthorizer(b *testing.B) {
	a := newApp(b)
	tok := signedIn(b, a)
	req := events.APIGatewayV2CustomAuthorizerV2Request{Type: "REQUEST", RouteKey: "GET /me",
		Headers: map[string]string{"authorization": "Bearer " + tok.AccessToken}}
	b.ReportAllocs()
	for b.Loop() {
		if dec, err := a.authorizer(context.Background(), req); err != nil || !dec.IsAuthorized {
			b.Fatalf("denied: %v", err)
		}
	}
}

// BenchmarkLoginOWASP is a sign-in at the production argon2id cost.
func BenchmarkLoginOWASP(b *testing.B) {
	a := newAppWithArgon(b, auth.OWASPArgon2)
	signedIn(b, a)
	ev := event("POST /auth/login", `{"email":"ann@acme.example","password":"a long enough password"}`, nil)
	b.ReportAllocs()
	for b.Loop() {
		if resp, _ := a.login(context.Background(), ev); resp.StatusCode != 200 {
			b.Fatalf("login: %d %s", resp.StatusCode, resp.Body)
		}
	}
}
