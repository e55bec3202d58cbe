// Package roster is the domain of Roster: organisations, groups, users and
// their roles, and the rules over them. It imports nothing from AWS; adapters
// (dynamo, s3store, sesmail, api) depend on it, never the other way round.
package roster

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// ErrorCode says what kind of failure an Error is. The API maps each code to
// exactly one HTTP status (api.StatusFor); storage and services only pick codes.
type ErrorCode string

// Error codes. Every service method documents which of these it returns.
const (
	EInvalid              ErrorCode = "invalid"                // the input breaks a rule (400)
	EUnauthorized         ErrorCode = "unauthorized"           // no or bad credentials (401)
	EForbidden            ErrorCode = "forbidden"              // authenticated, not allowed (403)
	ENotFound             ErrorCode = "not_found"              // no such object in the caller's organisation (404)
	EConflict             ErrorCode = "conflict"               // the state forbids it, e.g. a taken email (409)
	EGone                 ErrorCode = "gone"                   // a token that was used or expired (410)
	EPreconditionFailed   ErrorCode = "precondition_failed"    // If-Match did not match (412)
	ETooLarge             ErrorCode = "too_large"              // body over the limit (413)
	EUnsupportedMediaType ErrorCode = "unsupported_media_type" // not JSON (415)
	EUnprocessable        ErrorCode = "unprocessable"          // well-formed but unusable, e.g. idempotency key reuse (422)
	EPreconditionRequired ErrorCode = "precondition_required"  // If-Match missing (428)
	ETooManyRequests      ErrorCode = "too_many_requests"      // throttled or locked out (429)
	EInternal             ErrorCode = "internal"               // a bug or an outage; details only in logs (500)
)

// FieldError names one invalid field and why it is invalid.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the one error type the domain returns to callers. Reason is a
// stable, more specific machine code ("invalid_credentials"); when empty the
// Code itself is the stable code.
type Error struct {
	Code       ErrorCode
	Reason     string
	Message    string
	Fields     []FieldError
	RetryAfter time.Duration  // for ETooManyRequests
	Extra      map[string]any // extra problem members, e.g. an available balance
}

func (e *Error) Error() string {
	if e.Reason != "" {
		return fmt.Sprintf("%s (%s): %s", e.Code, e.Reason, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an Error with a code and a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WithReason returns an Error with a stable reason code as well.
func WithReason(code ErrorCode, reason, message string) *Error {
	return &Error{Code: code, Reason: reason, Message: message}
}

// ErrorCodeOf returns the code of err, EInternal for errors that are not *Error.
func ErrorCodeOf(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EInternal
}

// ReasonOf returns the stable reason of err, or its code when it has none.
func ReasonOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		if e.Reason != "" {
			return e.Reason
		}
		return string(e.Code)
	}
	return string(ErrorCodeOf(err))
}

// Validation collects field errors so that a request reports every bad field
// at once rather than the first only.
type Validation struct {
	fields []FieldError
}

// Add records that field is invalid for the given reason.
func (v *Validation) Add(field, message string) {
	v.fields = append(v.fields, FieldError{Field: field, Message: message})
}

// Err returns an EInvalid error listing every field, or nil when all were valid.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Reason: "validation_failed", Message: "the request has invalid fields", Fields: slices.Clone(v.fields)}
}
