package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/roster-app/roster/internal/roster"
)

// MaxJSONBody is the largest JSON request body accepted. Requests are small
// forms; spreadsheets travel through S3, never through the API.
const MaxJSONBody = 64 << 10

// DecodeJSON reads the request body into dst, strictly: JSON content type,
// at most MaxJSONBody bytes, one object, no unknown fields, every string
// valid UTF-8 (encoding/json would quietly turn bad bytes into U+FFFD).
// Returns EUnsupportedMediaType, ETooLarge or EInvalid naming the field at
// fault.
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
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return roster.WithReason(roster.EInvalid, "malformed_body", "the body is empty; send a JSON object")
	}
	// null would decode into nothing and pass as an empty PATCH.
	if trimmed[0] != '{' {
		return roster.WithReason(roster.EInvalid, "malformed_body", "the body must be a JSON object")
	}
	if field, bad := notText(body); bad {
		if field == "" {
			return roster.WithReason(roster.EInvalid, "malformed_body", "the body has a member name that is not valid UTF-8")
		}
		e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
		e.Fields = []roster.FieldError{{Field: field, Message: notTextMessage}}
		return e
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

const notTextMessage = "must be valid UTF-8 text (no bytes that are not UTF-8, no lone surrogate escapes, no U+FFFD)"

// notText finds the first string in body that is not valid UTF-8 text and
// returns the path of its field ("name", "items[2].name"); "" with true
// when the bad string is a member name at the top level. Bad bytes, a
// \u escape of half a surrogate pair and U+FFFD itself all count: the
// last is what bad bytes become after a JSON hop that replaced them (the
// gateway's event, the Lambda runtime), so refusing it refuses them however
// they arrived. A syntax error stops the walk; Decode reports it.
func notText(body []byte) (string, bool) {
	if utf8.Valid(body) && !bytes.Contains(body, []byte("\\u")) &&
		!bytes.Contains(body, []byte("\uFFFD")) {
		return "", false // the common case: nothing to look for
	}
	type frame struct {
		array   bool
		index   int
		key     string
		wantKey bool
	}
	var stack []frame
	path := func() string {
		var b strings.Builder
		for _, f := range stack {
			if f.array {
				b.WriteString("[" + strconv.Itoa(f.index) + "]")
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		}
		return b.String()
	}
	advance := func() {
		if n := len(stack); n > 0 {
			if stack[n-1].array {
				stack[n-1].index++
			} else {
				stack[n-1].wantKey = true
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{wantKey: true})
			case '[':
				stack = append(stack, frame{array: true})
			default:
				stack = stack[:len(stack)-1]
				advance()
			}
		case string:
			raw := body[start:dec.InputOffset()]
			if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].wantKey {
				if !validText(raw) {
					stack = stack[:n-1]
					return path(), true
				}
				stack[n-1].key, stack[n-1].wantKey = t, false
				continue
			}
			if !validText(raw) {
				return path(), true
			}
			advance()
		default:
			advance()
		}
		if len(stack) == 0 {
			return "", false
		}
	}
}

// validText reports whether the raw JSON text of a string token (with any
// separators before it) holds valid UTF-8, no escaped half of a surrogate
// pair and no U+FFFD, written or escaped.
func validText(raw []byte) bool {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c == '\\' && i+1 < len(raw) {
			if raw[i+1] != 'u' {
				i += 2
				continue
			}
			r, ok := hex4(raw, i+2)
			if !ok {
				return true // a syntax error: Decode reports it
			}
			i += 6
			switch {
			case r == utf8.RuneError:
				return false
			case utf16.IsSurrogate(r):
				r2, ok := rune(0), false
				if i+1 < len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					r2, ok = hex4(raw, i+2)
				}
				if !ok || utf16.DecodeRune(r, r2) == utf8.RuneError {
					return false
				}
				i += 6
			}
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError {
			return false // a bad byte (size 1) or U+FFFD itself (size 3)
		}
		i += size
	}
	return true
}

func hex4(b []byte, at int) (rune, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[at:at+4]), 16, 32)
	return rune(n), err == nil
}
