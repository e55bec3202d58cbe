package api

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/roster"
)

func jsonRequest(contentType, body string) *Request {
	return &Request{APIGatewayV2HTTPRequest: events.APIGatewayV2HTTPRequest{
		Headers: map[string]string{"content-type": contentType}, Body: body,
	}}
}

func TestDecodeJSON(t *testing.T) {
	type target struct {
		Email string `json:"email"`
		Admin struct {
			Count int `json:"count"`
			Items []struct {
				N string `json:"n"`
			} `json:"items"`
		} `json:"admin"`
	}
	tests := []struct {
		name        string
		contentType string
		body        string
		b64         bool
		code        roster.ErrorCode
		reason      string
		field       string
	}{
		{name: "a valid object decodes", contentType: "application/json", body: `{"email":"a@b.co"}`},
		{name: "charset utf-8 is accepted", contentType: "application/json; charset=UTF-8", body: `{"email":"a@b.co"}`},
		{name: "problem+json style suffix is accepted", contentType: "application/merge-patch+json", body: `{}`},
		{name: "base64 body from the gateway is decoded", contentType: "application/json", body: base64.StdEncoding.EncodeToString([]byte(`{"email":"x@y.co"}`)), b64: true},
		{name: "missing content type is 415", contentType: "", body: `{}`, code: roster.EUnsupportedMediaType},
		{name: "form content type is 415", contentType: "application/x-www-form-urlencoded", body: `email=a`, code: roster.EUnsupportedMediaType},
		{name: "latin-1 charset is 415", contentType: "application/json; charset=latin1", body: `{}`, code: roster.EUnsupportedMediaType},
		{name: "oversized body is 413", contentType: "application/json", body: `{"email":"` + strings.Repeat("a", MaxJSONBody) + `"}`, code: roster.ETooLarge},
		{name: "empty body is 400", contentType: "application/json", body: "  ", code: roster.EInvalid, reason: "malformed_body"},
		{name: "broken JSON is 400", contentType: "application/json", body: `{"email":`, code: roster.EInvalid, reason: "malformed_body"},
		{name: "syntax error is 400", contentType: "application/json", body: `{"email" "x"}`, code: roster.EInvalid, reason: "malformed_body"},
		{name: "unknown field is named", contentType: "application/json", body: `{"emial":"x"}`, code: roster.EInvalid, reason: "validation_failed", field: "emial"},
		{name: "wrong type names the nested field", contentType: "application/json", body: `{"admin":{"count":"three"}}`, code: roster.EInvalid, reason: "validation_failed", field: "admin.count"},
		{name: "an array instead of an object is 400", contentType: "application/json", body: `[1,2]`, code: roster.EInvalid, reason: "malformed_body"},
		{name: "trailing data is 400", contentType: "application/json", body: `{"email":"a"} {"email":"b"}`, code: roster.EInvalid, reason: "malformed_body"},
		{name: "invalid base64 is 400", contentType: "application/json", body: "***", b64: true, code: roster.EInvalid, reason: "malformed_body"},
		{name: "a null body is not an empty patch", contentType: "application/json", body: ` null `, code: roster.EInvalid, reason: "malformed_body"},
		{name: "a string body is 400", contentType: "application/json", body: `"x"`, code: roster.EInvalid, reason: "malformed_body"},
		{name: "a number body is 400", contentType: "application/json", body: `12`, code: roster.EInvalid, reason: "malformed_body"},
		{name: "a bad byte is named", contentType: "application/json", body: "{\"email\":\"a\xffb\"}", code: roster.EInvalid, reason: "validation_failed", field: "email"},
		{name: "a bad byte in base64 is named", contentType: "application/json", body: base64.StdEncoding.EncodeToString([]byte("{\"email\":\"\xc3\"}")), b64: true, code: roster.EInvalid, reason: "validation_failed", field: "email"},
		{name: "a bad byte deep inside is named", contentType: "application/json", body: "{\"email\":\"ok\",\"admin\":{\"count\":1,\"items\":[{\"n\":\"x\"},{\"n\":\"\xed\xa0\x80\"}]}}", code: roster.EInvalid, reason: "validation_failed", field: "admin.items[1].n"},
		{name: "a lone surrogate escape is named", contentType: "application/json", body: `{"email":"a\ud800"}`, code: roster.EInvalid, reason: "validation_failed", field: "email"},
		{name: "a lone low surrogate escape is named", contentType: "application/json", body: `{"email":"\udc00x"}`, code: roster.EInvalid, reason: "validation_failed", field: "email"},
		{name: "U+FFFD, what bad bytes become on the way, is named", contentType: "application/json", body: "{\"email\":\"a\uFFFDb\"}", code: roster.EInvalid, reason: "validation_failed", field: "email"},
		{name: "an escaped U+FFFD is named", contentType: "application/json", body: `{"email":"a\ufffd"}`, code: roster.EInvalid, reason: "validation_failed", field: "email"},
		{name: "a bad byte in a member name is 400", contentType: "application/json", body: "{\"e\xffmail\":\"a\"}", code: roster.EInvalid, reason: "malformed_body"},
		{name: "a surrogate pair escape decodes", contentType: "application/json", body: `{"email":"a\ud83d\ude00@b.co"}`},
		{name: "other escapes decode", contentType: "application/json", body: `{"email":"a\\u\"\n\u00e9@b.co"}`},
		{name: "non-ASCII text decodes", contentType: "application/json", body: `{"email":"zoë@b.co"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := jsonRequest(tt.contentType, tt.body)
			r.IsBase64Encoded = tt.b64
			var dst target
			err := DecodeJSON(r, &dst)
			if tt.code == "" {
				if err != nil {
					t.Fatalf("DecodeJSON: %v", err)
				}
				if dst.Email == "" && strings.Contains(tt.body, "email") {
					t.Fatalf("email not decoded: %+v", dst)
				}
				return
			}
			if got := roster.ErrorCodeOf(err); got != tt.code {
				t.Fatalf("code = %q (%v), want %q", got, err, tt.code)
			}
			if tt.reason != "" && roster.ReasonOf(err) != tt.reason {
				t.Fatalf("reason = %q, want %q", roster.ReasonOf(err), tt.reason)
			}
			if tt.field != "" {
				e := err.(*roster.Error)
				if len(e.Fields) != 1 || e.Fields[0].Field != tt.field {
					t.Fatalf("fields = %+v, want one naming %q", e.Fields, tt.field)
				}
			}
		})
	}
}
