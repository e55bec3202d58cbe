package api_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/contacts"
	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/groups"
	"github.com/roster-app/roster/internal/msgtemplates"
)

// cursorList is one paged list and a change of its filters that is valid
// on its own but makes another query.
type cursorList struct {
	route   string
	h       api.LambdaHandler
	id      string            // the {id} path parameter, if any
	query   map[string]string // the filters the cursor is made with
	other   map[string]string // other filters (nil: the list has none)
	otherID string            // another {id} (for lists under a path)
}

// authorizerContext signs in through the real authorizer, so the cursor key
// is the one derived from the signing key, as in production.
func authorizerContext(t *testing.T, a *app, email string) map[string]any {
	t.Helper()
	resp := a.call(t, a.login, "POST /auth/login", `{"email":"`+email+`","password":"a long enough password"}`, nil)
	var tok struct{ AccessToken string }
	_ = json.Unmarshal([]byte(resp.Body), &tok)
	dec, err := a.authorizer(context.Background(), events.APIGatewayV2CustomAuthorizerV2Request{
		Type: "REQUEST", Headers: map[string]string{"authorization": "Bearer " + tok.AccessToken},
	})
	if err != nil || !dec.IsAuthorized {
		t.Fatalf("authorizer for %s: %v %v", email, dec.IsAuthorized, err)
	}
	return dec.Context
}

func TestCursorsAreSealed(t *testing.T) {
	a := newCreditsApp(t)
	admin := a.adminCaller()
	store, log := a.store, a.log
	conv := &conversations.Service{Store: store, Hours: noHours{}, Now: time.Now}
	convReader := &conversations.Reader{Store: store}
	contactSvc := &contacts.Service{Store: store, Now: time.Now, Phone: testPhone}
	tmplSvc := msgtemplates.NewService(store, time.Now)
	auditReader := a.store

	// Two or more of everything in organisation A, so that limit=1 pages.
	north := a.mustCreate(t, admin, "North", "location", a.rootID)
	carl := a.createActive(t, "carl@acme.example", "agent", north.ID)
	a.createActive(t, "dora@acme.example", "agent", north.ID)
	createContact := api.Authenticated(log, api.CreateContact(contactSvc))
	createTemplate := api.Authenticated(log, api.CreateTemplate(tmplSvc))
	for i, phone := range []string{"5555550101", "5555550102"} {
		if r := a.as(t, admin, createContact, "POST /contacts", "", contactBody(fmt.Sprint("Zoe", i), phone, north.ID), nil); r.StatusCode != 201 {
			t.Fatalf("contact: %d %s", r.StatusCode, r.Body)
		}
		if r := a.as(t, admin, createTemplate, "POST /templates", "", templateBody(fmt.Sprint("T", i), "Hello", ""), nil); r.StatusCode != 201 {
			t.Fatalf("template: %d %s", r.StatusCode, r.Body)
		}
	}
	a.mustGrant(t, 10)
	a.mustGrant(t, 10)
	a.mustTransfer(t, "company", carl.ID, 1)
	a.mustTransfer(t, "company", carl.ID, 1)
	rotate := api.Authenticated(log, api.RotateWebhookSecret(conv))
	var secret struct{ Secret string }
	_ = json.Unmarshal([]byte(a.as(t, admin, rotate, "POST /webhooks/secret", "", "", nil).Body), &secret)
	receive := api.Public(log, api.ReceiveInboundMessage(conv))
	var convIDs []string
	for i, from := range []string{"+15555550100", "+15555550100", "+15555550199"} {
		body := inbound(fmt.Sprint("SM", i), from, north.ID, "hello")
		stamp := strconv.FormatInt(time.Now().Unix(), 10)
		r := a.call(t, receive, "POST /webhooks/messages/inbound", body, map[string]string{
			api.WebhookOrgHeader: a.orgID, api.WebhookTimestampHeader: stamp, api.WebhookSignatureHeader: conversations.Sign(secret.Secret, stamp, []byte(body))})
		var m api.MessageView
		if err := json.Unmarshal([]byte(r.Body), &m); err != nil || r.StatusCode >= 300 {
			t.Fatalf("inbound: %d %s", r.StatusCode, r.Body)
		}
		convIDs = append(convIDs, m.ConversationID)
	}
	if convIDs[0] != convIDs[1] || convIDs[0] == convIDs[2] {
		t.Fatalf("conversations %v", convIDs)
	}

	// Organisation B, whose administrator must not open A's cursors.
	body := strings.Replace(orgBody, "Ann@Acme.example", "bea@globex.example", 1)
	if r := a.call(t, a.createOrg, "POST /orgs", body, map[string]string{api.OperatorKeyHeader: operatorKey}); r.StatusCode != 201 {
		t.Fatalf("organisation B: %d %s", r.StatusCode, r.Body)
	}
	ctxA := authorizerContext(t, a.app, "ann@acme.example")
	ctxB := authorizerContext(t, a.app, "bea@globex.example")

	lists := []cursorList{
		{route: "GET /groups", h: api.Authenticated(log, api.ListGroups(groups.NewReader(store)))},
		{route: "GET /users", h: a.listUsers, query: map[string]string{"status": "active"}, other: map[string]string{"status": "active", "q": "carl"}},
		{route: "GET /contacts", h: api.Authenticated(log, api.ListContacts(&contacts.Reader{Store: store})),
			query: map[string]string{"group": north.ID}, other: map[string]string{"group": north.ID, "includeSubgroups": "false"}},
		{route: "GET /templates", h: api.Authenticated(log, api.ListTemplates(msgtemplates.NewReader(store, time.Now))),
			other: map[string]string{"group": a.rootID}},
		{route: "GET /audit-events", h: api.Authenticated(log, api.ListAuditEvents(auditReader)),
			other: map[string]string{"type": "user.created"}},
		{route: "GET /conversations", h: api.Authenticated(log, api.ListConversations(convReader)),
			query: map[string]string{"filter": "all"}, other: map[string]string{"filter": "unclaimed"}},
		{route: "GET /conversations/{id}/messages", h: api.Authenticated(log, api.ListConversationMessages(convReader)),
			id: convIDs[0], otherID: convIDs[2]},
		{route: "GET /credits/ledger", h: a.ledger, other: map[string]string{"kind": "grant"}},
		{route: "GET /users/{id}/credits", h: a.userCredits, id: carl.ID, otherID: a.adminID},
		{route: "GET /credits", h: a.overview},
	}
	type page struct {
		Items      []json.RawMessage `json:"items"`
		NextCursor string            `json:"nextCursor"`
	}
	call := func(t *testing.T, l cursorList, cctx map[string]any, id string, q map[string]string) (events.APIGatewayV2HTTPResponse, page) {
		t.Helper()
		ev := event(l.route, "", nil)
		if id != "" {
			ev.PathParameters = map[string]string{"id": id}
			ev.RawPath = strings.Replace(ev.RawPath, "{id}", id, 1)
		}
		ev.QueryStringParameters = q
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
		resp, err := l.h(context.Background(), ev)
		if err != nil {
			t.Fatal(err)
		}
		a.spec.checkResponse(t, l.route, resp)
		var p page
		_ = json.Unmarshal([]byte(resp.Body), &p)
		return resp, p
	}
	with := func(q map[string]string, kv ...string) map[string]string {
		out := maps.Clone(q)
		if out == nil {
			out = map[string]string{}
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = kv[i+1]
		}
		return out
	}
	// A real first-page cursor of every list, so each list can be handed
	// another list's.
	first := map[string]string{}
	for _, l := range lists {
		resp, p := call(t, l, ctxA, l.id, with(l.query, "limit", "1"))
		if resp.StatusCode != 200 || len(p.Items) != 1 || p.NextCursor == "" {
			t.Fatalf("%s first page: %d %s", l.route, resp.StatusCode, resp.Body)
		}
		first[l.route] = p.NextCursor
	}
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

	for i, l := range lists {
		t.Run(l.route, func(t *testing.T) {
			cursor := first[l.route]
			t.Run("a real cursor pages through the whole list", func(t *testing.T) {
				resp, whole := call(t, l, ctxA, l.id, with(l.query, "limit", "200"))
				if resp.StatusCode != 200 || whole.NextCursor != "" || len(whole.Items) < 2 {
					t.Fatalf("whole list: %d %s", resp.StatusCode, resp.Body)
				}
				var paged []string
				for c := ""; len(paged) <= len(whole.Items); {
					resp, p := call(t, l, ctxA, l.id, with(l.query, "limit", "1", "cursor", c))
					if resp.StatusCode != 200 {
						t.Fatalf("page after %q: %d %s", c, resp.StatusCode, resp.Body)
					}
					for _, it := range p.Items {
						paged = append(paged, string(it))
					}
					if c = p.NextCursor; c == "" {
						break
					}
				}
				if len(paged) != len(whole.Items) {
					t.Fatalf("pages of 1 gave %d items, one page %d", len(paged), len(whole.Items))
				}
				for j := range paged {
					if paged[j] != string(whole.Items[j]) {
						t.Fatalf("item %d: paged %s, whole %s", j, paged[j], whole.Items[j])
					}
				}
			})
			raw, _ := base64.RawURLEncoding.DecodeString(cursor)
			flipped := append([]byte(nil), raw...)
			flipped[len(flipped)/2] ^= 0x01
			another := first[lists[(i+1)%len(lists)].route]
			bad := map[string]struct {
				ctx    map[string]any
				id     string
				query  map[string]string
				cursor string
			}{
				"base64 of {}":              {cursor: b64("{}")},
				"base64 of []":              {cursor: b64("[]")},
				"base64 of null":            {cursor: b64("null")},
				"base64 of other keys":      {cursor: b64(`{"pk":"ORG#x","sk":"USER#y","gsi1pk":"z"}`)},
				"base64 of a bare position": {cursor: b64(string(raw[:len(raw)-16]))},
				"not base64":                {cursor: "%%not-base64%%"},
				"a flipped byte":            {cursor: base64.RawURLEncoding.EncodeToString(flipped)},
				"truncated":                 {cursor: cursor[:len(cursor)-2]},
				"another organisation's":    {ctx: ctxB},
				"another list's":            {cursor: another},
			}
			if l.other != nil {
				bad["made with other filters"] = struct {
					ctx    map[string]any
					id     string
					query  map[string]string
					cursor string
				}{query: l.other}
			}
			if l.otherID != "" {
				bad["made for another {id}"] = struct {
					ctx    map[string]any
					id     string
					query  map[string]string
					cursor string
				}{id: l.otherID}
			}
			for name, b := range bad {
				t.Run(name+" is 400 invalid_cursor", func(t *testing.T) {
					cctx, id, q, c := ctxA, l.id, l.query, cursor
					if b.ctx != nil {
						cctx = b.ctx
					}
					if b.id != "" {
						id = b.id
					}
					if b.query != nil {
						q = b.query
					}
					if b.cursor != "" {
						c = b.cursor
					}
					resp, _ := call(t, l, cctx, id, with(q, "limit", "1", "cursor", c))
					code, fields := problemCode(t, resp)
					if resp.StatusCode != 400 || code != "invalid_cursor" || len(fields) != 1 || fields[0].Field != "cursor" {
						t.Fatalf("%d %s", resp.StatusCode, resp.Body)
					}
				})
			}
		})
	}
	t.Run("the cursor keys differ between organisations and are never logged", func(t *testing.T) {
		keyA, _ := ctxA["cursorKey"].(string)
		keyB, _ := ctxB["cursorKey"].(string)
		if keyA == "" || keyA == keyB || strings.Contains(a.logs.String(), keyA) || strings.Contains(a.logs.String(), keyB) {
			t.Fatalf("A %q, B %q; logs:\n%s", keyA, keyB, a.logs.String())
		}
	})
}
