package roster

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"testing"
	"time"
)

func TestErrorCodeAndReason(t *testing.T) {
	notFound := Errorf(ENotFound, "no user %s", "u1")
	badCreds := WithReason(EUnauthorized, "invalid_credentials", "the email or password is wrong")
	tests := []struct {
		name       string
		err        error
		wantCode   ErrorCode
		wantReason string
	}{
		{"nil error has no code", nil, "", ""},
		{"Error without a reason reports its code as reason", notFound, ENotFound, "not_found"},
		{"Error with a reason reports it", badCreds, EUnauthorized, "invalid_credentials"},
		{"wrapped Error keeps its code and reason", fmt.Errorf("login: %w", badCreds), EUnauthorized, "invalid_credentials"},
		{"doubly wrapped Error keeps its code", fmt.Errorf("a: %w", fmt.Errorf("b: %w", notFound)), ENotFound, "not_found"},
		{"joined errors find the Error", errors.Join(io.EOF, notFound), ENotFound, "not_found"},
		{"plain error is internal", io.EOF, EInternal, "internal"},
		{"wrapped plain error is internal", fmt.Errorf("put user: %w", io.EOF), EInternal, "internal"},
		{"error formatted with %v loses the code", fmt.Errorf("login: %v", badCreds), EInternal, "internal"},
		{"validation failure is invalid", func() error { var v Validation; v.Add("name", "is required"); return v.Err() }(), EInvalid, "validation_failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCodeOf(tt.err); got != tt.wantCode {
				t.Errorf("ErrorCodeOf = %q, want %q", got, tt.wantCode)
			}
			if got := ReasonOf(tt.err); got != tt.wantReason {
				t.Errorf("ReasonOf = %q, want %q", got, tt.wantReason)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"message follows the code", Errorf(ENotFound, "no user %s", "u1"), "not_found: no user u1"},
		{"reason follows the code in parentheses", WithReason(EGone, "invite_used", "the invite was used"), "gone (invite_used): the invite was used"},
		{"message is formatted like fmt.Sprintf", Errorf(EInvalid, "100%% sure"), "invalid: 100% sure"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Fatalf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestErrorKeepsRetryAfterThroughWrapping(t *testing.T) {
	e := WithReason(ETooManyRequests, "too_many_attempts", "slow down")
	e.RetryAfter = 4 * time.Second
	var got *Error
	if !errors.As(fmt.Errorf("login: %w", e), &got) || got.RetryAfter != 4*time.Second {
		t.Fatalf("errors.As on the wrapped error = %+v, want RetryAfter 4s", got)
	}
}

func TestValidation(t *testing.T) {
	t.Run("no fields added is no error", func(t *testing.T) {
		var v Validation
		if err := v.Err(); err != nil {
			t.Fatalf("Err = %v, want nil", err)
		}
	})
	t.Run("every field added is reported in order", func(t *testing.T) {
		var v Validation
		v.Add("name", "is required")
		v.Add("admin.email", "is required")
		v.Add("name", "must be at most 200 characters")
		err := v.Err()
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Err = %#v, want *Error", err)
		}
		want := []FieldError{
			{Field: "name", Message: "is required"},
			{Field: "admin.email", Message: "is required"},
			{Field: "name", Message: "must be at most 200 characters"},
		}
		if e.Code != EInvalid || e.Reason != "validation_failed" || !slices.Equal(e.Fields, want) {
			t.Fatalf("Err = %+v, want EInvalid validation_failed with %+v", e, want)
		}
	})
}
