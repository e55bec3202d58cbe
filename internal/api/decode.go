package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/roster-app/roster/internal/roster"
)

// MaxJSONBody is the largest JSON request body accepted. Requests are small
// forms; spreadsheets travel through S3, never through the API.
const MaxJSONBody = 64 << 10

// DecodeJSON reads the request body into dst, strictly: JSON content type,
// at most MaxJSONBody bytes, one object, no unknown fields. Returns
// EUnsupportedMediaType, ETooLarge or EInvalid naming the field at fault.
func DecodeJSON(r *Request, dst any) error {
	ct := r.Header("content-type")
	mt, params, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || !(mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")) {
		return roster.WithReason(roster.EUnsupportedMediaType, "unsupported_media_type", "send the body as application/json")
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return roster.WithReason(roster.EUnsupportedMediaType, "unsupported_media_type", "send the body as UTF-8 JSON")
	}
	body := []byte(r.Body)
	if r.IsBase64Encoded {
		if body, err = base64.StdEncoding.DecodeString(r.Body); err != nil {
			return roster.WithReason(roster.EInvalid, "malformed_body", "the body is not valid base64")
		}
	}
	if len(body) > MaxJSONBody {
		return roster.WithReason(roster.ETooLarge, "body_too_large", fmt.Sprintf("the body is %d bytes; the limit is %d", len(body), MaxJSONBody))
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return roster.WithReason(roster.EInvalid, "malformed_body", "the body is empty; send a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return roster.WithReason(roster.EInvalid, "malformed_body", "the body has data after the JSON object")
	}
	return nil
}

func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return roster.WithReason(roster.EInvalid, "malformed_body", fmt.Sprintf("the body is not valid JSON (at byte %d)", syntax.Offset))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return roster.WithReason(roster.EInvalid, "malformed_body", "the body must be a JSON object")
		}
		e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
		e.Fields = []roster.FieldError{{Field: field, Message: "must be " + jsonKind(typ.Type.Kind().String())}}
		return e
	case errors.Is(err, io.ErrUnexpectedEOF):
		return roster.WithReason(roster.EInvalid, "malformed_body", "the body ends in the middle of the JSON")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
		e.Fields = []roster.FieldError{{Field: name, Message: "is not a known field"}}
		return e
	}
	return roster.WithReason(roster.EInvalid, "malformed_body", "the body could not be read as JSON")
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "struct", "map":
		return "an object"
	case "slice", "array":
		return "an array"
	}
	return "a number"
}
