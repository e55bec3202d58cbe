package local

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/local/smslocal"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/smsclient"
)

func post(t *testing.T, url, body string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	return resp, buf.Bytes()
}

// TestTexts runs texts through the stack: a function sends one through the
// SMS emulator, its delivery event reaches the function subscribed with an
// EventBridgeRule, and a customer texts in through /_local/texts/inbound.
func TestTexts(t *testing.T) {
	stack, logs := startTestStack(t, t.TempDir(), false)
	url := stack.URL()
	db := dynamodb.NewFromConfig(awsConfig(), func(o *dynamodb.Options) {
		o.BaseEndpoint = aws.String(url + "/_local/dynamodb")
		o.DisableValidateResponseChecksum = true
	})
	// storedEvent is the event TextEvents stored for a message id.
	storedEvent := func(t *testing.T, messageID string) (events.EventBridgeEvent, map[string]json.RawMessage, smslocal.Event) {
		t.Helper()
		out, err := db.GetItem(context.Background(), &dynamodb.GetItemInput{
			TableName:      aws.String("roster-local-Table"),
			Key:            map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "event#" + messageID}},
			ConsistentRead: aws.Bool(true),
		})
		if err != nil || out.Item == nil {
			t.Fatalf("no stored event for %s: %v", messageID, err)
		}
		raw := []byte(out.Item["event"].(*types.AttributeValueMemberS).Value)
		var ev events.EventBridgeEvent
		var fields map[string]json.RawMessage
		var detail smslocal.Event
		if json.Unmarshal(raw, &ev) != nil || json.Unmarshal(raw, &fields) != nil || json.Unmarshal(ev.Detail, &detail) != nil {
			t.Fatalf("stored event %s", raw)
		}
		return ev, fields, detail
	}
	waitEvent := func(t *testing.T, label string) Invocation {
		t.Helper()
		// No deadline: the event comes, or go test's own timeout reports the hang.
		inv, err := stack.WaitForInvocation(context.Background(), func(inv Invocation) bool {
			return inv.Function == "TextEvents" && inv.Trigger == TriggerEventBridge && inv.Detail == "aws.sms-voice "+label
		})
		if err != nil {
			t.Fatal(err)
		}
		return inv
	}
	cfg := awsConfig()
	cfg.BaseEndpoint = aws.String(url + "/_local/smsvoice")
	sender := smsclient.NewFromConfig(cfg, "")

	var sentByFunction string
	t.Run("a function sends a text through the endpoint in its environment", func(t *testing.T) {
		out, err := stack.Invoke(context.Background(), "Echo", []byte(`{"action":"text","to":"+15555550123","body":"Your table is ready","context":{"text":"t1"}}`))
		if err != nil {
			t.Fatalf("%v\n%s", err, logs)
		}
		var got struct{ MessageID string }
		if err := json.Unmarshal(out, &got); err != nil || got.MessageID == "" {
			t.Fatalf("answer %s: %v", out, err)
		}
		sentByFunction = got.MessageID
	})

	t.Run("its delivery event reaches the EventBridgeRule's function in EventBridge's envelope", func(t *testing.T) {
		inv := waitEvent(t, "TEXT_DELIVERED "+sentByFunction)
		if inv.Err != nil {
			t.Fatalf("invocation %+v", inv)
		}
		ev, fields, detail := storedEvent(t, sentByFunction)
		if ev.Version != "0" || ev.Source != "aws.sms-voice" || ev.DetailType != "Text Message Delivery Status Updated" ||
			ev.AccountID != stack.Template().Resolver.AccountID || ev.Region != stack.Template().Resolver.Region || ev.ID == "" || ev.Time.IsZero() {
			t.Errorf("envelope %+v", ev)
		}
		if string(fields["resources"]) != "[]" {
			t.Errorf("resources %s", fields["resources"])
		}
		if detail.EventType != "TEXT_DELIVERED" || detail.MessageID != sentByFunction || detail.DestinationPhoneNumber != "+15555550123" ||
			detail.OriginationPhoneNumber != "+15555550100" || detail.Context["text"] != "t1" || !detail.IsFinal {
			t.Errorf("detail %+v", detail)
		}
		resp, body := get(t, url+"/_local/texts/"+sentByFunction+"?format=json", nil)
		var text smslocal.Text
		if resp.StatusCode != 200 || json.Unmarshal(body, &text) != nil || text.Status != smslocal.StatusDelivered || text.Body != "Your table is ready" {
			t.Errorf("status %d text %s", resp.StatusCode, body)
		}
	})

	t.Run("a rule gets the events in the order the texts were sent", func(t *testing.T) {
		var ids []string
		for i := range 5 {
			id, err := sender.SendText(context.Background(), roster.TextSend{From: "+15555550100", To: "+15555550124", Body: "in order " + strconv.Itoa(i)})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		waitEvent(t, "TEXT_DELIVERED "+ids[len(ids)-1])
		var order []string
		for _, inv := range stack.Invocations() {
			for _, id := range ids {
				if inv.Function == "TextEvents" && inv.Detail == "aws.sms-voice TEXT_DELIVERED "+id {
					order = append(order, id)
				}
			}
		}
		if strings.Join(order, ",") != strings.Join(ids, ",") {
			t.Errorf("delivered %v, sent %v", order, ids)
		}
	})

	t.Run("an undeliverable number gets TEXT_CARRIER_UNREACHABLE", func(t *testing.T) {
		if resp, body := post(t, url+"/_local/texts/failures", `{"number":"+15555550125","mode":"undeliverable","times":1}`); resp.StatusCode != 200 {
			t.Fatalf("status %d body %s", resp.StatusCode, body)
		}
		id, err := sender.SendText(context.Background(), roster.TextSend{From: "+15555550100", To: "+15555550125", Body: "hello?"})
		if err != nil {
			t.Fatal(err)
		}
		waitEvent(t, "TEXT_CARRIER_UNREACHABLE "+id)
		if _, _, detail := storedEvent(t, id); detail.MessageStatusDescription != smslocal.UnreachableDescription {
			t.Errorf("detail %+v", detail)
		}
	})

	t.Run("a throttled number is a transient error for the sender", func(t *testing.T) {
		post(t, url+"/_local/texts/failures", `{"number":"+15555550126","mode":"throttle","times":1}`)
		_, err := sender.SendText(context.Background(), roster.TextSend{From: "+15555550100", To: "+15555550126", Body: "hi"})
		var se *roster.TextSendError
		if !errors.As(err, &se) || !se.Transient {
			t.Errorf("err %v", err)
		}
		req, _ := http.NewRequest(http.MethodDelete, url+"/_local/texts/failures", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 204 {
			t.Errorf("clearing failures: status %d", resp.StatusCode)
		}
	})

	t.Run("an event the function fails on is retried, then recorded in the failure queue", func(t *testing.T) {
		id, err := sender.SendText(context.Background(), roster.TextSend{From: "+15555550100", To: "+15555550127", Body: "x", Context: map[string]string{"fail": "always"}})
		if err != nil {
			t.Fatal(err)
		}
		inv, err := stack.WaitForInvocation(context.Background(), func(inv Invocation) bool {
			return inv.Function == "HandleFailures" && inv.Trigger == TriggerSQS
		})
		if err != nil {
			t.Fatal(err)
		}
		if inv.Err != nil {
			t.Errorf("consumer %+v", inv)
		}
		tries := 0
		for _, inv := range stack.Invocations() {
			if inv.Function == "TextEvents" && inv.Detail == "aws.sms-voice TEXT_DELIVERED "+id {
				tries++
			}
		}
		if tries != 2 {
			t.Errorf("TextEvents tried %d times, want 2 (MaximumRetryAttempts 1)", tries)
		}
	})

	const org, customer = "org-1", "+15555550150"
	t.Run("texting in without a webhook secret says to create one", func(t *testing.T) {
		resp, body := post(t, url+"/_local/texts/inbound", `{"orgId":"`+org+`","groupId":"g-1","from":"`+customer+`","text":"Hi"}`)
		if resp.StatusCode != 409 || resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(body), "POST /webhooks/secret") {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
	})

	const secret = "whsec_local_test"
	store := dynamo.NewStore(db, stack.Template().Table("Messages").Name)
	now := time.Now()
	root := roster.Group{ID: "g-root", OrgID: org, Name: "Acme", Kind: roster.GroupRoot, CreatedAt: now}
	admin := roster.User{ID: "u-1", OrgID: org, Email: "ann@acme.example", FirstName: "Ann", LastName: "A", Status: roster.UserActive,
		Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: root.ID}}, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := store.CreateOrganisation(context.Background(), roster.Organisation{ID: org, Name: "Acme", DefaultRegion: "US", TimeZone: "UTC", RootGroupID: root.ID, CreatedAt: now}, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	if err := store.SetWebhookSecret(context.Background(), org, secret, time.Now(), roster.AuditEvent{ID: "a-1", OrgID: org, Type: "webhook.secret_rotated", At: time.Now()}); err != nil {
		t.Fatal(err)
	}

	var inboundID string
	t.Run("a text in is signed with the organisation's secret and posted to the webhook", func(t *testing.T) {
		resp, body := post(t, url+"/_local/texts/inbound", `{"orgId":"`+org+`","groupId":"g-1","from":"`+customer+`","text":"Is it ready?"}`)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d body %s\n%s", resp.StatusCode, body, logs)
		}
		var req events.APIGatewayV2HTTPRequest // testfunc answers with the request it got
		if err := json.Unmarshal(body, &req); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if req.RouteKey != "POST /webhooks/messages/inbound" || req.Headers["x-roster-org"] != org {
			t.Errorf("route %s headers %v", req.RouteKey, req.Headers)
		}
		ts := req.Headers["x-roster-timestamp"]
		if secs, err := strconv.ParseInt(ts, 10, 64); err != nil || time.Since(time.Unix(secs, 0)) > conversations.MaxClockSkew {
			t.Errorf("timestamp %q", ts)
		}
		if req.Headers["x-roster-signature"] != conversations.Sign(secret, ts, []byte(req.Body)) {
			t.Errorf("signature %q does not sign %q", req.Headers["x-roster-signature"], req.Body)
		}
		var sent struct{ MessageID, From, GroupID, Text string }
		if err := json.Unmarshal([]byte(req.Body), &sent); err != nil {
			t.Fatal(err)
		}
		inboundID = strings.TrimPrefix(sent.MessageID, "local-")
		want := `{"messageId":"local-` + inboundID + `","from":"` + customer + `","groupId":"g-1","text":"Is it ready?"}`
		if req.Body != want || inboundID == sent.MessageID {
			t.Errorf("body %s, want %s", req.Body, want)
		}
	})

	t.Run("the texts list shows the conversation with the number", func(t *testing.T) {
		reply, err := sender.SendText(context.Background(), roster.TextSend{From: "+15555550100", To: customer, Body: "Yes, come in"})
		if err != nil {
			t.Fatal(err)
		}
		resp, body := get(t, url+"/_local/texts?format=json&number=%2B15555550150", nil)
		var list struct{ Items []smslocal.Text }
		if resp.StatusCode != 200 || json.Unmarshal(body, &list) != nil || len(list.Items) != 2 {
			t.Fatalf("status %d body %s", resp.StatusCode, body)
		}
		out, in := list.Items[0], list.Items[1]
		if out.ID != reply || out.Direction != smslocal.Outbound || in.ID != inboundID || in.Direction != smslocal.Inbound ||
			in.Status != smslocal.StatusReceived || in.OrgID != org || in.GroupID != "g-1" || in.Body != "Is it ready?" {
			t.Errorf("conversation %+v", list.Items)
		}
		if resp, body := get(t, url+"/_local/texts/", nil); resp.StatusCode != 200 || !strings.Contains(string(body), "Is it ready?") {
			t.Errorf("HTML list: status %d", resp.StatusCode)
		}
	})

	t.Run("the webhook's refusal is passed back and recorded", func(t *testing.T) {
		resp, body := post(t, url+"/_local/texts/inbound", `{"orgId":"`+org+`","from":"`+customer+`","text":"refuse me"}`)
		if resp.StatusCode != 401 || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
		texts := stack.texts.Texts()
		last := texts[len(texts)-1]
		if last.Body != "refuse me" || last.Status != smslocal.StatusRefused || !strings.Contains(last.Reason, "answered 401") {
			t.Errorf("recorded %+v", last)
		}
	})

	t.Run("bad requests to /_local/texts/inbound are problems", func(t *testing.T) {
		for _, c := range []struct{ body, mention string }{
			{`{"orgId":"` + org + `","text":"hi"}`, "missing from"},
			{`{"orgId":"` + org + `","from":"555","text":"hi"}`, "E.164"},
			{`{"orgId":"` + org + `","from":"` + customer + `","text":"hi","sentAt":"now"}`, "unknown field"},
		} {
			resp, body := post(t, url+"/_local/texts/inbound", c.body)
			if resp.StatusCode != 400 || resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(body), c.mention) {
				t.Errorf("%s: status %d body %s", c.body, resp.StatusCode, body)
			}
		}
		if resp, _ := get(t, url+"/_local/texts/inbound", nil); resp.StatusCode != 405 {
			t.Errorf("GET: status %d", resp.StatusCode)
		}
	})

	t.Run("texts survive a restart", func(t *testing.T) {
		dir := stack.DataDir()
		if err := stack.Close(); err != nil {
			t.Fatal(err)
		}
		again, _ := startTestStack(t, dir, false)
		if _, ok := again.texts.Text(sentByFunction); !ok {
			t.Error("the text sent before the restart is gone")
		}
	})
}
