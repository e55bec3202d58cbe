package api

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/roster"
)

// List cursors. Every nextCursor a list answers is sealed here and every
// ?cursor= it receives is opened here, so handlers and the store only ever
// see positions the server made. A sealed cursor is
//
//	base64url(position || HMAC-SHA256(key, v1, org, list, filters, position)[:16])
//
// where key is the organisation's cursor key, which the authorizer derives
// from the token signing key (auth.Signer.CursorKey) and hands to the
// handlers in its context. A cursor therefore opens only for the
// organisation, the list and the filters it was made for; anything else —
// garbage, an edited or truncated cursor, another organisation's, another
// list's, one made before the signing key changed — is 400 invalid_cursor.
// The position itself is readable: it only names an item the caller was
// shown, and the MAC, not secrecy, is what keeps it honest.

// cursorMACLen is the length of a cursor's MAC: 128 bits.
const cursorMACLen = 16

// maxCursorLen bounds an incoming cursor before it is decoded; the
// positions the store makes are far shorter.
const maxCursorLen = 1024

// ctxCursorKey is the authorizer context key of the caller's organisation's
// cursor key (base64), next to ctxOrgID and the others in handler.go.
const ctxCursorKey = "cursorKey"

// processCursorKey seals cursors for contexts made by CallerContext, which
// has no signing key: random, so nobody outside this process can forge one.
var processCursorKey = func() []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		panic(fmt.Sprintf("cursor key: %v", err))
	}
	return k
}()

func processOrgCursorKey(orgID string) []byte {
	m := hmac.New(sha256.New, processCursorKey)
	m.Write([]byte("cursor:" + orgID))
	return m.Sum(nil)
}

// cursorKeyFrom reads the cursor key the authorizer attached; nil when
// there is none.
func cursorKeyFrom(ev events.APIGatewayV2HTTPRequest) []byte {
	if ev.RequestContext.Authorizer == nil {
		return nil
	}
	s, _ := ev.RequestContext.Authorizer.Lambda[ctxCursorKey].(string)
	k, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(k) < 32 {
		return nil
	}
	return k
}

// cursorScope is what a cursor is bound to besides its organisation: the
// list and its filters, as name/value pairs in a fixed order.
type cursorScope struct {
	list    string
	filters []string
}

// scope names a list and its filters (name, value, name, value...). The
// values should be canonical (the parsed time, not the text sent) so that
// two spellings of one query share cursors.
func scope(list string, filters ...string) cursorScope {
	return cursorScope{list: list, filters: filters}
}

func (s cursorScope) mac(key []byte, orgID, position string) []byte {
	m := hmac.New(sha256.New, key)
	field := func(h hash.Hash, v string) {
		// Length-prefixed, so no two different inputs write the same bytes.
		h.Write(binary.AppendUvarint(nil, uint64(len(v))))
		h.Write([]byte(v))
	}
	field(m, "roster-cursor-v1")
	field(m, orgID)
	field(m, s.list)
	m.Write(binary.AppendUvarint(nil, uint64(len(s.filters))))
	for _, f := range s.filters {
		field(m, f)
	}
	field(m, position)
	return m.Sum(nil)[:cursorMACLen]
}

var errNoCursorKey = errors.New("the authorizer context has no cursor key")

// sealCursor turns a position the store made into the nextCursor a client
// sees; "" (the last page) stays "".
func (r *Request) sealCursor(s cursorScope, position string) (string, error) {
	if position == "" {
		return "", nil
	}
	if r.cursorKey == nil {
		return "", errNoCursorKey
	}
	b := append([]byte(position), s.mac(r.cursorKey, r.Caller.OrgID, position)...)
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// openCursor returns the position in ?cursor= ("" when absent), or
// invalid_cursor when the server did not make it for this organisation,
// list and filters.
func (r *Request) openCursor(s cursorScope) (string, error) {
	c := r.QueryStringParameters["cursor"]
	if c == "" {
		return "", nil
	}
	if r.cursorKey == nil {
		return "", errNoCursorKey
	}
	if len(c) > maxCursorLen {
		return "", invalidCursor()
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) <= cursorMACLen {
		return "", invalidCursor()
	}
	position, mac := string(b[:len(b)-cursorMACLen]), b[len(b)-cursorMACLen:]
	if !hmac.Equal(mac, s.mac(r.cursorKey, r.Caller.OrgID, position)) {
		return "", invalidCursor()
	}
	return position, nil
}

func invalidCursor() error {
	return &roster.Error{Code: roster.EInvalid, Reason: "invalid_cursor",
		Message: "the cursor was not made by this list for these filters, or has expired",
		Fields:  []roster.FieldError{{Field: "cursor", Message: "is not a cursor of this list and these filters; start again without it"}}}
}

// canonicalTime is a time filter as a cursor is bound to it: one spelling
// per instant, "" for none.
func canonicalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
