package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/roster"
)

func TestStatusForCoversEveryCode(t *testing.T) {
	want := map[roster.ErrorCode]int{
		roster.EInvalid: 400, roster.EUnauthorized: 401, roster.EForbidden: 403, roster.ENotFound: 404,
		roster.EConflict: 409, roster.EGone: 410, roster.EPreconditionFailed: 412, roster.ETooLarge: 413,
		roster.EUnsupportedMediaType: 415, roster.EUnprocessable: 422, roster.EPreconditionRequired: 428,
		roster.ETooManyRequests: 429, roster.EInternal: 500, roster.ErrorCode("made_up"): 500,
	}
	for code, status := range want {
		if got := StatusFor(code); got != status {
			t.Errorf("StatusFor(%q) = %d, want %d", code, got, status)
		}
	}
}

func decodeProblem(t *testing.T, resp events.APIGatewayV2HTTPResponse) map[string]any {
	t.Helper()
	if ct := resp.Headers["Content-Type"]; ct != "application/problem+json" {
		t.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(resp.Body), &m); err != nil {
		t.Fatalf("problem body is not JSON: %v\n%s", err, resp.Body)
	}
	for _, k := range []string{"type", "title", "status", "detail", "code"} {
		if _, ok := m[k]; !ok {
			t.Fatalf("problem lacks %q: %s", k, resp.Body)
		}
	}
	return m
}

func TestProblemResponse(t *testing.T) {
	t.Run("validation errors list every field", func(t *testing.T) {
		var v roster.Validation
		v.Add("email", "is required")
		v.Add("admin.password", "must be at least 12 characters")
		m := decodeProblem(t, problemResponse(v.Err(), "req-1"))
		if m["status"].(float64) != 400 || m["code"] != "validation_failed" || m["requestId"] != "req-1" {
			t.Fatalf("problem = %v", m)
		}
		if errs := m["errors"].([]any); len(errs) != 2 || errs[1].(map[string]any)["field"] != "admin.password" {
			t.Fatalf("errors = %v", m["errors"])
		}
	})
	t.Run("internal errors hide their detail", func(t *testing.T) {
		resp := problemResponse(fmt.Errorf("get user: %w", errors.New("dial tcp 10.0.0.1: secret-host")), "req-2")
		m := decodeProblem(t, resp)
		if resp.StatusCode != 500 || m["code"] != "internal" {
			t.Fatalf("status %d problem %v", resp.StatusCode, m)
		}
		if s := resp.Body; strings.Contains(s, "secret-host") || strings.Contains(s, "dial tcp") {
			t.Fatalf("internal detail leaked: %s", s)
		}
	})
	t.Run("throttling sets Retry-After in whole seconds", func(t *testing.T) {
		e := roster.WithReason(roster.ETooManyRequests, "too_many_attempts", "slow down")
		e.RetryAfter = 1500 * time.Millisecond
		resp := problemResponse(e, "")
		if resp.StatusCode != 429 || resp.Headers["Retry-After"] != "2" {
			t.Fatalf("status %d Retry-After %q", resp.StatusCode, resp.Headers["Retry-After"])
		}
	})
	t.Run("extension members appear beside the standard ones", func(t *testing.T) {
		e := roster.WithReason(roster.EConflict, "unused_credits", "transfer them first")
		e.Extra = map[string]any{"balance": 7, "status": "ignored"}
		m := decodeProblem(t, problemResponse(e, ""))
		if m["balance"].(float64) != 7 || m["status"].(float64) != 409 {
			t.Fatalf("problem = %v", m)
		}
	})
}

func TestHandler(t *testing.T) {
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	ev := events.APIGatewayV2HTTPRequest{RouteKey: "GET /me"}
	ev.RequestContext.RequestID = "rid"

	t.Run("a panic becomes a 500 problem, not a crash", func(t *testing.T) {
		h := Public(log, func(context.Context, *Request) (Response, error) { panic("boom") })
		resp, err := h(context.Background(), ev)
		if err != nil || resp.StatusCode != 500 {
			t.Fatalf("resp %d err %v", resp.StatusCode, err)
		}
		decodeProblem(t, resp)
	})
	t.Run("an authenticated route without authorizer context is 401", func(t *testing.T) {
		called := false
		h := Authenticated(log, func(context.Context, *Request) (Response, error) { called = true; return Response{}, nil })
		resp, _ := h(context.Background(), ev)
		if resp.StatusCode != http.StatusUnauthorized || called {
			t.Fatalf("status %d, operation called %v", resp.StatusCode, called)
		}
	})
	t.Run("the caller comes from the authorizer context", func(t *testing.T) {
		c := roster.Caller{OrgID: "o1", UserID: "u1", SessionID: "s1", Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: "g1"}}}
		cctx, err := CallerContext(c)
		if err != nil {
			t.Fatal(err)
		}
		withAuth := ev
		withAuth.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
		var got roster.Caller
		h := Authenticated(log, func(_ context.Context, r *Request) (Response, error) {
			got = r.Caller
			return Response{Status: 204}, nil
		})
		resp, _ := h(context.Background(), withAuth)
		if resp.StatusCode != 204 || got.OrgID != "o1" || got.UserID != "u1" || len(got.Grants) != 1 || got.Grants[0].Role != roster.RoleAdmin {
			t.Fatalf("status %d caller %+v", resp.StatusCode, got)
		}
	})
	t.Run("parameters and headers that are not text are 400 naming them", func(t *testing.T) {
		cases := []struct {
			name  string
			edit  func(e *events.APIGatewayV2HTTPRequest)
			field string // "" when the request passes
		}{
			{"non-ASCII text passes", func(e *events.APIGatewayV2HTTPRequest) {
				e.PathParameters = map[string]string{"id": "zoë"}
				e.QueryStringParameters = map[string]string{"q": "東京"}
				e.Headers = map[string]string{"user-agent": "café/1.0"}
			}, ""},
			{"a path parameter with a bad byte", func(e *events.APIGatewayV2HTTPRequest) { e.PathParameters = map[string]string{"id": "g\xff1"} }, "id"},
			{"a path parameter with NUL", func(e *events.APIGatewayV2HTTPRequest) { e.PathParameters = map[string]string{"id": "g\x001"} }, "id"},
			{"a query parameter with a bad byte", func(e *events.APIGatewayV2HTTPRequest) {
				e.QueryStringParameters = map[string]string{"limit": "5", "q": "\xc3"}
			}, "q"},
			{"a query parameter with NUL", func(e *events.APIGatewayV2HTTPRequest) { e.QueryStringParameters = map[string]string{"group": "a\x00"} }, "group"},
			{"a query parameter with U+FFFD, what bad bytes become on the way", func(e *events.APIGatewayV2HTTPRequest) {
				e.QueryStringParameters = map[string]string{"q": "a\uFFFD"}
			}, "q"},
			{"a query parameter name with a bad byte", func(e *events.APIGatewayV2HTTPRequest) { e.QueryStringParameters = map[string]string{"q\xff": "a"} }, "query"},
			{"a header with NUL", func(e *events.APIGatewayV2HTTPRequest) { e.Headers = map[string]string{"idempotency-key": "k\x00"} }, "idempotency-key"},
			{"a header with a bad byte", func(e *events.APIGatewayV2HTTPRequest) { e.Headers = map[string]string{"if-match": "\"v1\xff\""} }, "if-match"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				e := ev
				c.edit(&e)
				called := false
				h := Public(log, func(context.Context, *Request) (Response, error) { called = true; return Response{Status: 204}, nil })
				resp, _ := h(context.Background(), e)
				if c.field == "" {
					if resp.StatusCode != 204 || !called {
						t.Fatalf("status %d %s", resp.StatusCode, resp.Body)
					}
					return
				}
				m := decodeProblem(t, resp)
				errs, _ := m["errors"].([]any)
				if resp.StatusCode != 400 || called || m["code"] != "validation_failed" || len(errs) != 1 || errs[0].(map[string]any)["field"] != c.field {
					t.Fatalf("status %d, operation called %v, problem %v", resp.StatusCode, called, m)
				}
			})
		}
	})
	t.Run("success bodies are JSON and not cached", func(t *testing.T) {
		h := Public(log, func(context.Context, *Request) (Response, error) {
			return Response{Status: 201, Body: map[string]string{"id": "x"}}, nil
		})
		resp, _ := h(context.Background(), ev)
		if resp.StatusCode != 201 || resp.Headers["Content-Type"] != "application/json" || resp.Headers["Cache-Control"] != "no-store" || resp.Body != `{"id":"x"}` {
			t.Fatalf("resp = %+v", resp)
		}
	})
}
