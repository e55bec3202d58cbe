package api

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/roster"
)

func TestCursorSealing(t *testing.T) {
	caller := roster.Caller{OrgID: "o1", UserID: "u1"}
	request := func(cctx map[string]any, cursor string) *Request {
		ev := events.APIGatewayV2HTTPRequest{QueryStringParameters: map[string]string{"cursor": cursor}}
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
		return &Request{APIGatewayV2HTTPRequest: ev, Caller: caller, cursorKey: cursorKeyFrom(ev)}
	}
	cctx, err := AuthorizerContext(caller, []byte(strings.Repeat("k", 32)))
	if err != nil {
		t.Fatal(err)
	}
	s := scope("users", "q", "ab")
	sealed, err := request(cctx, "").sealCursor(s, "L#smith#01")
	if err != nil || sealed == "" || strings.Contains(sealed, "=") {
		t.Fatalf("sealed %q, %v", sealed, err)
	}

	t.Run("a sealed cursor opens to its position", func(t *testing.T) {
		if pos, err := request(cctx, sealed).openCursor(s); err != nil || pos != "L#smith#01" {
			t.Fatalf("%q, %v", pos, err)
		}
	})
	t.Run("no cursor is the first page", func(t *testing.T) {
		if pos, err := request(cctx, "").openCursor(s); err != nil || pos != "" {
			t.Fatalf("%q, %v", pos, err)
		}
	})
	t.Run("the last page has no cursor", func(t *testing.T) {
		if c, err := request(cctx, "").sealCursor(s, ""); err != nil || c != "" {
			t.Fatalf("%q, %v", c, err)
		}
	})
	t.Run("filters are told apart however their values split", func(t *testing.T) {
		// q=ab must not read as qa=b: the same bytes joined end to end.
		if _, err := request(cctx, sealed).openCursor(scope("users", "qa", "b")); roster.ReasonOf(err) != "invalid_cursor" {
			t.Fatalf("opened with other filters: %v", err)
		}
	})
	t.Run("a cursor over the size bound is refused before decoding", func(t *testing.T) {
		if _, err := request(cctx, strings.Repeat("A", maxCursorLen+1)).openCursor(s); roster.ReasonOf(err) != "invalid_cursor" {
			t.Fatalf("%v", err)
		}
	})
	t.Run("without a key from the authorizer nothing is sealed or opened", func(t *testing.T) {
		bare := map[string]any{"orgId": "o1", "userId": "u1"}
		if _, err := request(bare, "").sealCursor(s, "x"); !errors.Is(err, errNoCursorKey) {
			t.Fatalf("sealed without a key: %v", err)
		}
		if _, err := request(bare, sealed).openCursor(s); !errors.Is(err, errNoCursorKey) || roster.ErrorCodeOf(err) != roster.EInternal {
			t.Fatalf("opened without a key: %v", err)
		}
	})
	t.Run("the authorizer context refuses a short key", func(t *testing.T) {
		if _, err := AuthorizerContext(caller, []byte("short")); err == nil {
			t.Fatal("a 5-byte cursor key was accepted")
		}
	})
	t.Run("contexts made without a signing key still seal per organisation", func(t *testing.T) {
		a, _ := CallerContext(caller)
		b, _ := CallerContext(roster.Caller{OrgID: "o2", UserID: "u2"})
		if a[ctxCursorKey] == "" || a[ctxCursorKey] == b[ctxCursorKey] {
			t.Fatalf("keys %v and %v", a[ctxCursorKey], b[ctxCursorKey])
		}
	})
}
