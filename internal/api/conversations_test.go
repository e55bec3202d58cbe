package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/roster"
)

// noHours stands in for the hours reader, which has its own tests.
type noHours struct{}

func (noHours) GroupStatusAt(context.Context, string, string, time.Time) (roster.OpenStatus, string, error) {
	return roster.OpenStatus{Reason: roster.OpenNoHours}, "", nil
}

type conversationsApp struct {
	*groupsApp
	receive, rotate, list, messages, reply, claim, release, read api.LambdaHandler
}

func newConversationsApp(t *testing.T) *conversationsApp {
	t.Helper()
	g := newGroupsApp(t)
	svc := &conversations.Service{Store: g.store, Hours: noHours{}, Now: time.Now}
	r := &conversations.Reader{Store: g.store}
	return &conversationsApp{groupsApp: g,
		receive:  api.Public(g.log, api.ReceiveInboundMessage(svc)),
		rotate:   api.Authenticated(g.log, api.RotateWebhookSecret(svc)),
		list:     api.Authenticated(g.log, api.ListConversations(r)),
		messages: api.Authenticated(g.log, api.ListConversationMessages(r)),
		reply:    api.Authenticated(g.log, api.ReplyToConversation(svc)),
		claim:    api.Authenticated(g.log, api.ClaimConversation(svc)),
		release:  api.Authenticated(g.log, api.ReleaseConversation(svc)),
		read:     api.Authenticated(g.log, api.MarkConversationRead(svc)),
	}
}

func (a *conversationsApp) secret(t *testing.T) string {
	t.Helper()
	resp := a.as(t, a.admin(), a.rotate, "POST /webhooks/secret", "", "", nil)
	var out struct{ Secret string }
	_ = json.Unmarshal([]byte(resp.Body), &out)
	if resp.StatusCode != 200 || !strings.HasPrefix(out.Secret, "whsec_") {
		t.Fatalf("rotate: %d %s", resp.StatusCode, resp.Body)
	}
	return out.Secret
}

// post sends a webhook signed with secret at time at.
func (a *conversationsApp) post(t *testing.T, orgID, secret string, at time.Time, body string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	stamp := strconv.FormatInt(at.Unix(), 10)
	return a.call(t, a.receive, "POST /webhooks/messages/inbound", body, map[string]string{
		api.WebhookOrgHeader: orgID, api.WebhookTimestampHeader: stamp, api.WebhookSignatureHeader: conversations.Sign(secret, stamp, []byte(body)),
	})
}

func inbound(id, from, group, text string) string {
	b, _ := json.Marshal(map[string]string{"messageId": id, "from": from, "groupId": group, "text": text})
	return string(b)
}

func TestWebhookSignatureTimestampAndReplay(t *testing.T) {
	a := newConversationsApp(t)
	north := a.mustCreate(t, a.admin(), "North", "location", a.rootID)
	manager := roster.Caller{OrgID: a.orgID, UserID: "mgr", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: north.ID}}}
	if resp := a.as(t, manager, a.rotate, "POST /webhooks/secret", "", "", nil); resp.StatusCode != 403 {
		t.Fatalf("a manager rotated the secret: %d", resp.StatusCode)
	}
	body := inbound("SM1", "+15555550100", north.ID, "Hello")
	if resp := a.post(t, a.orgID, "whsec_none", time.Now(), body); resp.StatusCode != 401 {
		t.Fatalf("before any secret exists: %d", resp.StatusCode)
	}
	secret := a.secret(t)
	now := time.Now()
	tests := []struct {
		name   string
		resp   func() events.APIGatewayV2HTTPResponse
		status int
		code   string
	}{
		{"no signature", func() events.APIGatewayV2HTTPResponse {
			return a.call(t, a.receive, "POST /webhooks/messages/inbound", body, map[string]string{api.WebhookOrgHeader: a.orgID,
				api.WebhookTimestampHeader: strconv.FormatInt(now.Unix(), 10)})
		}, 401, "bad_signature"},
		{"a wrong secret", func() events.APIGatewayV2HTTPResponse { return a.post(t, a.orgID, secret+"x", now, body) }, 401, "bad_signature"},
		{"another organisation's id", func() events.APIGatewayV2HTTPResponse { return a.post(t, "someone-else", secret, now, body) }, 401, "bad_signature"},
		{"a body changed after signing", func() events.APIGatewayV2HTTPResponse {
			stamp := strconv.FormatInt(now.Unix(), 10)
			return a.call(t, a.receive, "POST /webhooks/messages/inbound", strings.Replace(body, "Hello", "Pay me", 1), map[string]string{
				api.WebhookOrgHeader: a.orgID, api.WebhookTimestampHeader: stamp, api.WebhookSignatureHeader: conversations.Sign(secret, stamp, []byte(body))})
		}, 401, "bad_signature"},
		{"a replayed old timestamp", func() events.APIGatewayV2HTTPResponse {
			return a.post(t, a.orgID, secret, now.Add(-6*time.Minute), body)
		}, 401, "stale_timestamp"},
		{"a timestamp from the future", func() events.APIGatewayV2HTTPResponse {
			return a.post(t, a.orgID, secret, now.Add(6*time.Minute), body)
		}, 401, "stale_timestamp"},
		{"bad fields, signed", func() events.APIGatewayV2HTTPResponse {
			return a.post(t, a.orgID, secret, now, inbound("", "555-0100", north.ID, ""))
		}, 400, "validation_failed"},
		{"an unknown group", func() events.APIGatewayV2HTTPResponse {
			return a.post(t, a.orgID, secret, now, inbound("SM9", "+15555550100", "nope", "hi"))
		}, 400, "validation_failed"},
		{"text over 1600 characters", func() events.APIGatewayV2HTTPResponse {
			return a.post(t, a.orgID, secret, now, inbound("SM8", "+15555550100", north.ID, strings.Repeat("é", 1601)))
		}, 400, "validation_failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := tt.resp()
			if code, _ := problemCode(t, resp); resp.StatusCode != tt.status || code != tt.code {
				t.Fatalf("got %d %s, want %d %s", resp.StatusCode, resp.Body, tt.status, tt.code)
			}
		})
	}
	t.Run("bad input names every field", func(t *testing.T) {
		resp := a.post(t, a.orgID, secret, now, inbound("", "555-0100", north.ID, ""))
		_, fields := problemCode(t, resp)
		names := map[string]bool{}
		for _, f := range fields {
			names[f.Field] = true
		}
		if !names["messageId"] || !names["from"] || !names["text"] {
			t.Fatalf("fields %+v", fields)
		}
	})
	if list := a.as(t, a.admin(), a.list, "GET /conversations", "", "", nil); !strings.Contains(list.Body, `"items":[]`) {
		t.Fatalf("refused requests stored something: %s", list.Body)
	}
	first := a.post(t, a.orgID, secret, now, body)
	if first.StatusCode != 201 {
		t.Fatalf("a good request: %d %s", first.StatusCode, first.Body)
	}
	again := a.post(t, a.orgID, secret, now.Add(time.Second), body)
	var m1, m2 api.MessageView
	_ = json.Unmarshal([]byte(first.Body), &m1)
	_ = json.Unmarshal([]byte(again.Body), &m2)
	if again.StatusCode != 200 || m1.ID != m2.ID || m1.Direction != "inbound" || m1.From != "+15555550100" {
		t.Fatalf("a replay: %d %s (first %s)", again.StatusCode, again.Body, first.Body)
	}
	msgs := a.as(t, a.admin(), a.messages, "GET /conversations/{id}/messages", m1.ConversationID, "", nil)
	var page api.Page[api.MessageView]
	_ = json.Unmarshal([]byte(msgs.Body), &page)
	if len(page.Items) != 1 {
		t.Fatalf("a replay wrote a second message: %s", msgs.Body)
	}
	newSecret := a.secret(t)
	if resp := a.post(t, a.orgID, secret, now, inbound("SM2", "+15555550100", north.ID, "old key")); resp.StatusCode != 401 {
		t.Fatalf("the rotated-away secret still works: %d", resp.StatusCode)
	}
	if resp := a.post(t, a.orgID, newSecret, now, inbound("SM2", "+15555550100", north.ID, "new key")); resp.StatusCode != 201 {
		t.Fatalf("the new secret: %d %s", resp.StatusCode, resp.Body)
	}
	if strings.Contains(a.logs.String(), newSecret) || strings.Contains(a.logs.String(), secret) {
		t.Fatal("a webhook secret was logged")
	}
}

func TestConversationRoutes(t *testing.T) {
	a := newConversationsApp(t)
	north := a.mustCreate(t, a.admin(), "North", "location", a.rootID)
	south := a.mustCreate(t, a.admin(), "South", "location", a.rootID)
	secret := a.secret(t)
	resp := a.post(t, a.orgID, secret, time.Now(), inbound("SM1", "+15555550100", north.ID, "Is my order ready?"))
	var in api.MessageView
	_ = json.Unmarshal([]byte(resp.Body), &in)
	conv := in.ConversationID
	agent := roster.Caller{OrgID: a.orgID, UserID: "ada", Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: north.ID}}}
	other := roster.Caller{OrgID: a.orgID, UserID: "ben", Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: north.ID}}}
	southAgent := roster.Caller{OrgID: a.orgID, UserID: "sam", Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: south.ID}}}
	viewer := roster.Caller{OrgID: a.orgID, UserID: "vic", Grants: []roster.Grant{{Role: roster.RoleViewer, GroupID: north.ID}}}
	manager := roster.Caller{OrgID: a.orgID, UserID: "mo", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: north.ID}}}

	list := func(c roster.Caller, query map[string]string) (int, []api.ConversationView) {
		t.Helper()
		ev := event("GET /conversations", "", nil)
		ev.QueryStringParameters = query
		cctx, _ := api.CallerContext(c)
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
		resp, err := a.list(context.Background(), ev)
		if err != nil {
			t.Fatal(err)
		}
		a.spec.checkResponse(t, "GET /conversations", resp)
		var page api.Page[api.ConversationView]
		_ = json.Unmarshal([]byte(resp.Body), &page)
		return resp.StatusCode, page.Items
	}
	post := func(c roster.Caller, h api.LambdaHandler, route, body string) (events.APIGatewayV2HTTPResponse, api.ConversationView) {
		t.Helper()
		resp := a.as(t, c, h, route, conv, body, nil)
		var v api.ConversationView
		_ = json.Unmarshal([]byte(resp.Body), &v)
		return resp, v
	}

	if _, items := list(agent, nil); len(items) != 1 || items[0].ID != conv || !items[0].Unread || items[0].ContactPhone != "+15555550100" {
		t.Fatalf("the agent's list: %+v", items)
	}
	if _, items := list(southAgent, nil); len(items) != 0 {
		t.Fatal("an agent of another group sees the conversation")
	}
	if _, items := list(viewer, nil); len(items) != 0 {
		t.Fatal("a viewer lists conversations")
	}
	if status, _ := list(agent, map[string]string{"filter": "everything"}); status != 400 {
		t.Fatalf("a bad filter: %d", status)
	}
	if _, items := list(a.admin(), map[string]string{"group": south.ID}); len(items) != 0 {
		t.Fatal("group=South lists a North conversation")
	}
	if r := a.as(t, southAgent, a.messages, "GET /conversations/{id}/messages", conv, "", nil); r.StatusCode != 404 {
		t.Fatalf("another group's agent reads messages: %d", r.StatusCode)
	}
	if r := a.as(t, viewer, a.messages, "GET /conversations/{id}/messages", conv, "", nil); r.StatusCode != 403 {
		t.Fatalf("a viewer reads messages: %d", r.StatusCode)
	}
	if r := a.as(t, agent, a.reply, "POST /conversations/{id}/messages", conv, `{"text":""}`, nil); r.StatusCode != 400 {
		t.Fatalf("an empty reply: %d", r.StatusCode)
	}
	if r := a.as(t, agent, a.reply, "POST /conversations/{id}/messages", conv, `{"text":"Yes, ready at noon."}`, nil); r.StatusCode != 201 ||
		!strings.Contains(r.Body, `"direction":"outbound"`) || !strings.Contains(r.Body, `"userId":"ada"`) {
		t.Fatalf("reply: %d %s", r.StatusCode, r.Body)
	}
	msgs := a.as(t, agent, a.messages, "GET /conversations/{id}/messages", conv, "", nil)
	if strings.Count(msgs.Body, `"id":`) != 2 {
		t.Fatalf("messages after the reply: %s", msgs.Body)
	}

	if r, v := post(agent, a.claim, "POST /conversations/{id}/claim", ""); r.StatusCode != 200 || v.ClaimedBy != "ada" {
		t.Fatalf("claim: %d %s", r.StatusCode, r.Body)
	}
	if r, _ := post(agent, a.claim, "POST /conversations/{id}/claim", ""); r.StatusCode != 200 {
		t.Fatalf("claiming one's own claim again: %d", r.StatusCode)
	}
	if r, _ := post(other, a.claim, "POST /conversations/{id}/claim", ""); r.StatusCode != 409 || problemCodeOf(r.Body) != "already_claimed" {
		t.Fatalf("a second claimer: %d %s", r.StatusCode, r.Body)
	}
	if _, items := list(agent, map[string]string{"filter": "mine"}); len(items) != 1 {
		t.Fatal("mine does not list the claim")
	}
	if _, items := list(other, map[string]string{"filter": "unclaimed"}); len(items) != 0 {
		t.Fatal("unclaimed lists a claimed conversation")
	}
	if r, _ := post(other, a.read, "POST /conversations/{id}/read", ""); r.StatusCode != 409 || problemCodeOf(r.Body) != "not_claimer" {
		t.Fatalf("reading without the claim: %d %s", r.StatusCode, r.Body)
	}
	if r, v := post(agent, a.read, "POST /conversations/{id}/read", ""); r.StatusCode != 200 || v.Unread || v.ReadAt == "" {
		t.Fatalf("read: %d %s", r.StatusCode, r.Body)
	}
	if r, _ := post(other, a.release, "POST /conversations/{id}/release", ""); r.StatusCode != 403 || problemCodeOf(r.Body) != "not_claimer" {
		t.Fatalf("another agent released the claim: %d %s", r.StatusCode, r.Body)
	}
	if r, v := post(manager, a.release, "POST /conversations/{id}/release", ""); r.StatusCode != 200 || v.ClaimedBy != "" {
		t.Fatalf("a manager releases: %d %s", r.StatusCode, r.Body)
	}
	if r, _ := post(southAgent, a.claim, "POST /conversations/{id}/claim", ""); r.StatusCode != 404 {
		t.Fatalf("another group's agent claims: %d", r.StatusCode)
	}
	if r := a.as(t, agent, a.claim, "POST /conversations/{id}/claim", "nope", "", nil); r.StatusCode != 404 {
		t.Fatalf("an unknown conversation: %d", r.StatusCode)
	}
}

// keyLimit answers what DynamoDB answers a key over its size limit (2048
// bytes for a partition key), which the emulator does not check.
type keyLimit struct{ next http.RoundTripper }

func (k keyLimit) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	if len(body) <= 2048 {
		return k.next.RoundTrip(r)
	}
	msg := `{"__type":"com.amazon.coral.validate#ValidationException","message":"One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of 2048 bytes"}`
	return &http.Response{StatusCode: 400, Status: "400 Bad Request", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Request: r,
		Header: http.Header{"Content-Type": {"application/x-amz-json-1.0"}}, Body: io.NopCloser(strings.NewReader(msg)), ContentLength: int64(len(msg))}, nil
}

func TestWebhookOrgIDAndMessageIDLimits(t *testing.T) {
	a := newConversationsApp(t)
	north := a.mustCreate(t, a.admin(), "North", "location", a.rootID)
	secret := a.secret(t)
	now := time.Now()

	// An organisation id no id can be is a bad signature, not a table error.
	db, table := dynamotest.MustOpen(t)
	limited := dynamo.NewStore(dynamodb.New(db.Options(), func(o *dynamodb.Options) { o.HTTPClient = &http.Client{Transport: keyLimit{http.DefaultTransport}} }), table)
	receive := api.Public(a.log, api.ReceiveInboundMessage(&conversations.Service{Store: limited, Hours: noHours{}, Now: time.Now}))
	body := inbound("SM1", "+15555550100", north.ID, "Hello")
	stamp := strconv.FormatInt(now.Unix(), 10)
	for _, org := range []string{strings.Repeat("O", 65), strings.Repeat("O", 3000)} {
		resp := a.call(t, receive, "POST /webhooks/messages/inbound", body, map[string]string{
			api.WebhookOrgHeader: org, api.WebhookTimestampHeader: stamp, api.WebhookSignatureHeader: conversations.Sign(secret, stamp, []byte(body))})
		if code, _ := problemCode(t, resp); resp.StatusCode != 401 || code != "bad_signature" {
			t.Fatalf("an organisation id of %d characters: %d %s", len(org), resp.StatusCode, resp.Body)
		}
	}

	// A groupId no id can be is no such group, not a table error.
	if resp := a.post(t, a.orgID, secret, now, inbound("SM-long-group", "+15555550100", strings.Repeat("G", 3000), "Hello")); resp.StatusCode != 400 ||
		!strings.Contains(resp.Body, "groupId") {
		t.Fatalf("a groupId of 3000 characters: %d %s", resp.StatusCode, resp.Body)
	}

	// messageId is limited in characters, and taken without surrounding spaces.
	long := strings.Repeat("é", 200) // 400 bytes
	if resp := a.post(t, a.orgID, secret, now, inbound(long, "+15555550100", north.ID, "accents")); resp.StatusCode != 201 {
		t.Fatalf("a messageId of 200 characters: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := a.post(t, a.orgID, secret, now, inbound(long+"é", "+15555550100", north.ID, "accents")); resp.StatusCode != 400 {
		t.Fatalf("a messageId of 201 characters: %d %s", resp.StatusCode, resp.Body)
	}
	first := a.post(t, a.orgID, secret, now, inbound("  SM-spaced ", "+15555550100", north.ID, "spaced"))
	again := a.post(t, a.orgID, secret, now, inbound("SM-spaced", "+15555550100", north.ID, "spaced"))
	var m1, m2 api.MessageView
	_ = json.Unmarshal([]byte(first.Body), &m1)
	_ = json.Unmarshal([]byte(again.Body), &m2)
	if first.StatusCode != 201 || again.StatusCode != 200 || m1.ID != m2.ID || m1.ProviderID != "SM-spaced" {
		t.Fatalf("spaces around messageId: %d %s, then %d %s", first.StatusCode, first.Body, again.StatusCode, again.Body)
	}
}
