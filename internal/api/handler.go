// Package api turns API Gateway HTTP API events (payload format 2.0) into
// service calls and their results into JSON or RFC 9457 problem responses.
// Every operation is an Operation; Handler adds what all of them share:
// request ids, structured logs, panics caught, errors mapped in one place.
package api

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/roster"
)

// Request is one API call as the operation sees it.
type Request struct {
	events.APIGatewayV2HTTPRequest
	// Caller is set on routes behind the authorizer.
	Caller roster.Caller
	Log    *slog.Logger
	// cursorKey seals and opens the caller's organisation's list cursors
	// (cursor.go); it comes from the authorizer's context.
	cursorKey []byte
}

// Header returns a request header; API Gateway lower-cases their names.
func (r *Request) Header(name string) string {
	return r.Headers[strings.ToLower(name)]
}

// Response is what an operation answers on success.
type Response struct {
	Status  int
	Body    any // encoded as JSON; nil for no body
	Headers map[string]string
	// Replay, when set, is what a retry with the same Idempotency-Key gets
	// instead of Body: a response that shows a secret once keeps it out of
	// the stored copy.
	Replay any
	// File, when set, is a binary body sent as is (base64 in the Lambda
	// response, as API Gateway expects); Headers give its Content-Type.
	File []byte
}

// Operation is one API operation.
type Operation func(ctx context.Context, r *Request) (Response, error)

// LambdaHandler is what lambda.Start receives for an HTTP API route.
type LambdaHandler func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// Public wraps an operation that needs no signed-in caller.
func Public(log *slog.Logger, op Operation) LambdaHandler {
	return handle(log, public, op)
}

// Authenticated wraps an operation behind the authorizer. The caller comes
// from the authorizer's context; a request without one is refused even
// though the gateway should never let it through (defence in depth). A
// caller whose session may only enrol a second factor is refused (403
// mfa_enrolment_required).
func Authenticated(log *slog.Logger, op Operation) LambdaHandler {
	return handle(log, signedIn, op)
}

// DuringEnrolment is Authenticated for the few operations a caller whose
// session may only enrol a second factor may still use: reading themself
// and enrolling (GET /me, POST /me/mfa/totp, POST /me/mfa/totp/confirm).
func DuringEnrolment(log *slog.Logger, op Operation) LambdaHandler {
	return handle(log, signedInEnrolling, op)
}

// access is who an operation lets in.
type access int

const (
	public            access = iota
	signedIn                 // a caller with a full session
	signedInEnrolling        // a caller, even one that may only enrol a second factor
)

var errEnrolmentRequired = roster.WithReason(roster.EForbidden, "mfa_enrolment_required",
	"your organisation requires administrators to use a second factor: enrol one with POST /me/mfa/totp and POST /me/mfa/totp/confirm first")

func handle(log *slog.Logger, who access, op Operation) LambdaHandler {
	needCaller := who != public
	return func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (resp events.APIGatewayV2HTTPResponse, err error) {
		start := time.Now()
		reqID := ev.RequestContext.RequestID
		l := log.With("requestId", reqID, "route", ev.RouteKey)
		r := &Request{APIGatewayV2HTTPRequest: ev, Log: l}
		defer func() {
			if p := recover(); p != nil {
				l.ErrorContext(ctx, "panic", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				resp, err = problemResponse(fmt.Errorf("panic: %v", p), reqID), nil
			}
			l.InfoContext(ctx, "request", "status", resp.StatusCode, "ms", time.Since(start).Milliseconds())
		}()
		if needCaller {
			c, cerr := callerFrom(ev)
			if cerr != nil {
				return problemResponse(cerr, reqID), nil
			}
			r.Caller = c
			r.cursorKey = cursorKeyFrom(ev)
			r.Log = l.With("orgId", c.OrgID, "userId", c.UserID)
			if c.MFAEnrolmentOnly && who != signedInEnrolling {
				r.Log.InfoContext(ctx, "refused", "code", roster.ReasonOf(errEnrolmentRequired))
				return problemResponse(errEnrolmentRequired, reqID), nil
			}
		}
		if perr := checkParameters(ev); perr != nil {
			r.Log.InfoContext(ctx, "refused", "code", roster.ReasonOf(perr))
			return problemResponse(perr, reqID), nil
		}
		out, opErr := op(ctx, r)
		if opErr != nil {
			if roster.ErrorCodeOf(opErr) == roster.EInternal {
				r.Log.ErrorContext(ctx, "operation failed", "err", opErr)
			} else {
				r.Log.InfoContext(ctx, "refused", "code", roster.ReasonOf(opErr))
			}
			return problemResponse(opErr, reqID), nil
		}
		return encode(out)
	}
}

func encode(out Response) (events.APIGatewayV2HTTPResponse, error) {
	headers := map[string]string{"Cache-Control": "no-store"}
	for k, v := range out.Headers {
		headers[k] = v
	}
	status := out.Status
	if status == 0 {
		status = http.StatusOK
	}
	resp := events.APIGatewayV2HTTPResponse{StatusCode: status, Headers: headers}
	if out.File != nil {
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(out.File), true
		return resp, nil
	}
	if out.Body != nil {
		b, err := json.Marshal(out.Body)
		if err != nil {
			return events.APIGatewayV2HTTPResponse{}, fmt.Errorf("encode response: %w", err)
		}
		if _, set := headers["Content-Type"]; !set {
			headers["Content-Type"] = "application/json"
		}
		resp.Body = string(b)
	}
	return resp, nil
}

// Authorizer context keys: what the authorizer hands to every handler.
const (
	ctxOrgID     = "orgId"
	ctxUserID    = "userId"
	ctxSessionID = "sessionId"
	ctxGrants    = "grants" // JSON array of {role, groupId}: context values must be scalars
	// ctxMFAEnrolmentOnly is "true" while the caller's session may only
	// enrol a second factor (roster.Caller.MFAEnrolmentOnly); absent otherwise.
	ctxMFAEnrolmentOnly = "mfaEnrolmentOnly"
)

// AuthorizerContext is the authorizer's simple-response context for a
// caller, with the key that seals their organisation's list cursors
// (auth.Verifier.CursorKey). The context reaches only the handlers: API
// Gateway never shows it to the client, and nothing here logs it.
func AuthorizerContext(c roster.Caller, cursorKey []byte) (map[string]any, error) {
	if len(cursorKey) < 32 {
		return nil, fmt.Errorf("cursor key of %d bytes; want at least 32", len(cursorKey))
	}
	grants, err := json.Marshal(c.Grants)
	if err != nil {
		return nil, fmt.Errorf("encode grants: %w", err)
	}
	m := map[string]any{ctxOrgID: c.OrgID, ctxUserID: c.UserID, ctxSessionID: c.SessionID, ctxGrants: string(grants),
		ctxCursorKey: base64.StdEncoding.EncodeToString(cursorKey)}
	if c.MFAEnrolmentOnly {
		m[ctxMFAEnrolmentOnly] = "true"
	}
	return m, nil
}

// CallerContext is AuthorizerContext for code that has no signing key
// (tests, tools that invoke handlers in-process): its cursor key is random
// to this process, so cursors it seals open only here.
func CallerContext(c roster.Caller) (map[string]any, error) {
	return AuthorizerContext(c, processOrgCursorKey(c.OrgID))
}

func callerFrom(ev events.APIGatewayV2HTTPRequest) (roster.Caller, error) {
	unauth := roster.WithReason(roster.EUnauthorized, "unauthenticated", "sign in and send the access token as a Bearer token")
	if ev.RequestContext.Authorizer == nil || ev.RequestContext.Authorizer.Lambda == nil {
		return roster.Caller{}, unauth
	}
	m := ev.RequestContext.Authorizer.Lambda
	str := func(k string) string { s, _ := m[k].(string); return s }
	c := roster.Caller{OrgID: str(ctxOrgID), UserID: str(ctxUserID), SessionID: str(ctxSessionID)}
	switch v := m[ctxMFAEnrolmentOnly].(type) {
	case string:
		c.MFAEnrolmentOnly = v == "true"
	case bool:
		c.MFAEnrolmentOnly = v
	}
	if c.OrgID == "" || c.UserID == "" {
		return roster.Caller{}, unauth
	}
	if g := str(ctxGrants); g != "" {
		if err := json.Unmarshal([]byte(g), &c.Grants); err != nil {
			return roster.Caller{}, fmt.Errorf("decode grants from authorizer: %w", err)
		}
	}
	return c, nil
}

// checkParameters refuses path and query parameters that are not text
// (bytes that are not UTF-8, NUL, or U+FFFD, which is what such bytes
// become on a JSON hop such as the gateway's event) and header values with
// bytes that are not UTF-8 or NUL, naming each, before any operation puts
// one into a key, a log line or a stored item.
func checkParameters(ev events.APIGatewayV2HTTPRequest) error {
	var v roster.Validation
	param := func(kind string, m map[string]string) {
		for _, name := range slices.Sorted(maps.Keys(m)) {
			if !utf8.ValidString(name) || strings.ContainsAny(name, "\x00\uFFFD") {
				v.Add(kind, "has a parameter name that is not UTF-8 text")
			} else if val := m[name]; !utf8.ValidString(val) || strings.ContainsAny(val, "\x00\uFFFD") {
				v.Add(name, "must be UTF-8 text without NUL or U+FFFD")
			}
		}
	}
	param("path", ev.PathParameters)
	param("query", ev.QueryStringParameters)
	for _, name := range slices.Sorted(maps.Keys(ev.Headers)) {
		if !utf8.ValidString(name) {
			v.Add("headers", "has a header name that is not UTF-8")
		} else if val := ev.Headers[name]; !utf8.ValidString(val) || strings.Contains(val, "\x00") {
			v.Add(name, "must be UTF-8 text without NUL")
		}
	}
	return v.Err()
}
