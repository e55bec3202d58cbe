package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/roster"
)

// StatusFor is the one place an error code becomes an HTTP status.
func StatusFor(code roster.ErrorCode) int {
	switch code {
	case roster.EInvalid:
		return http.StatusBadRequest
	case roster.EUnauthorized:
		return http.StatusUnauthorized
	case roster.EForbidden:
		return http.StatusForbidden
	case roster.ENotFound:
		return http.StatusNotFound
	case roster.EConflict:
		return http.StatusConflict
	case roster.EGone:
		return http.StatusGone
	case roster.EPreconditionFailed:
		return http.StatusPreconditionFailed
	case roster.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case roster.EUnsupportedMediaType:
		return http.StatusUnsupportedMediaType
	case roster.EUnprocessable:
		return http.StatusUnprocessableEntity
	case roster.EPreconditionRequired:
		return http.StatusPreconditionRequired
	case roster.ETooManyRequests:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// Problem is an RFC 9457 problem details body, with Roster's stable code and
// per-field errors.
type Problem struct {
	Type      string              `json:"type"`
	Title     string              `json:"title"`
	Status    int                 `json:"status"`
	Detail    string              `json:"detail"`
	Code      string              `json:"code"`
	RequestID string              `json:"requestId,omitempty"`
	Errors    []roster.FieldError `json:"errors,omitempty"`
	Extra     map[string]any      `json:"-"`
}

// MarshalJSON merges the extension members into the object, as RFC 9457 §3.2 allows.
func (p Problem) MarshalJSON() ([]byte, error) {
	type plain Problem
	b, err := json.Marshal(plain(p))
	if err != nil || len(p.Extra) == 0 {
		return b, err
	}
	m := map[string]any{}
	for k, v := range p.Extra {
		m[k] = v
	}
	var base map[string]any
	if err := json.Unmarshal(b, &base); err != nil {
		return nil, err
	}
	for k, v := range base {
		m[k] = v // standard members win over extensions of the same name
	}
	return json.Marshal(m)
}

// problemFor turns err into a problem. Internal errors say only "internal
// error": their detail is for the logs, never for the caller.
func problemFor(err error, requestID string) Problem {
	var e *roster.Error
	if !errors.As(err, &e) || e.Code == roster.EInternal {
		e = &roster.Error{Code: roster.EInternal, Message: "internal error; quote the request id when reporting it"}
	}
	status := StatusFor(e.Code)
	code := e.Reason
	if code == "" {
		code = string(e.Code)
	}
	return Problem{
		Type:      "urn:roster:problem:" + code,
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    e.Message,
		Code:      code,
		RequestID: requestID,
		Errors:    e.Fields,
		Extra:     e.Extra,
	}
}

func problemResponse(err error, requestID string) events.APIGatewayV2HTTPResponse {
	p := problemFor(err, requestID)
	body, _ := json.Marshal(p)
	headers := map[string]string{"Content-Type": "application/problem+json", "Cache-Control": "no-store"}
	var e *roster.Error
	if errors.As(err, &e) && e.RetryAfter > 0 {
		secs := int(e.RetryAfter.Seconds() + 0.999)
		headers["Retry-After"] = strconv.Itoa(max(secs, 1))
	}
	return events.APIGatewayV2HTTPResponse{StatusCode: p.Status, Headers: headers, Body: string(body)}
}
