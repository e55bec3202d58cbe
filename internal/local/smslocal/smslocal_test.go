package smslocal

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/pinpointsmsvoicev2"
	"github.com/aws/aws-sdk-go-v2/service/pinpointsmsvoicev2/types"
	"github.com/aws/smithy-go"
)

// emulator is a Server behind its own HTTP server, with the events it
// emits collected on a channel.
type emulator struct {
	*Server
	url    string
	events chan Event
	client *pinpointsmsvoicev2.Client
}

func openEmulator(t *testing.T, path string) *emulator {
	t.Helper()
	e := &emulator{events: make(chan Event, 100)}
	s, err := Open(path, func(ev Event) { e.events <- ev })
	if err != nil {
		t.Fatal(err)
	}
	e.Server = s
	mux := http.NewServeMux()
	mux.Handle("/sms", http.StripPrefix("/sms", s.APIHandler()))
	mux.Handle("/sms/", http.StripPrefix("/sms", s.APIHandler()))
	mux.Handle("/texts/", http.StripPrefix("/texts", s.PagesHandler()))
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		srv.Close()
		_ = s.Close()
	})
	e.url = srv.URL
	e.client = sdkClient(srv.URL + "/sms")
	return e
}

// sdkClient is the stock SDK client, pointed at the emulator as a
// function's AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 points it.
func sdkClient(endpoint string) *pinpointsmsvoicev2.Client {
	return pinpointsmsvoicev2.New(pinpointsmsvoicev2.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(endpoint),
		Credentials:      credentials.NewStaticCredentialsProvider("local", "local", ""),
		RetryMaxAttempts: 1,
	})
}

func send(t *testing.T, c *pinpointsmsvoicev2.Client, to, body string, ctx map[string]string) (string, error) {
	t.Helper()
	out, err := c.SendTextMessage(context.Background(), &pinpointsmsvoicev2.SendTextMessageInput{
		OriginationIdentity:    aws.String("+15555550100"),
		DestinationPhoneNumber: aws.String(to),
		MessageBody:            aws.String(body),
		MessageType:            types.MessageTypeTransactional,
		ConfigurationSetName:   aws.String("roster-texts"),
		Context:                ctx,
	})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.MessageId), nil
}

func TestSendTextMessageThroughTheSDK(t *testing.T) {
	path := filepath.Join(t.TempDir(), "texts.jsonl")
	e := openEmulator(t, path)
	ctx := map[string]string{"org": "o1", "text": "t1"}
	id, err := send(t, e.client, "+15555550123", "Hello Ann", ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(id) != 36 || strings.Count(id, "-") != 4 {
		t.Errorf("message id %q is not shaped like a UUID", id)
	}

	ev := <-e.events // none coming: go test's -timeout reports the hang
	checks := []struct {
		name      string
		got, want any
	}{
		{"eventType", ev.EventType, "TEXT_DELIVERED"},
		{"eventVersion", ev.EventVersion, "1.0"},
		{"isFinal", ev.IsFinal, true},
		{"messageId", ev.MessageID, id},
		{"origination", ev.OriginationPhoneNumber, "+15555550100"},
		{"destination", ev.DestinationPhoneNumber, "+15555550123"},
		{"country", ev.IsoCountryCode, "US"},
		{"international", ev.IsInternationalSend, false},
		{"encoding", ev.MessageEncoding, "GSM"},
		{"type", ev.MessageType, "TRANSACTIONAL"},
		{"status", ev.MessageStatus, "DELIVERED"},
		{"parts", ev.TotalMessageParts, 1},
		{"context org", ev.Context["org"], "o1"},
		{"context text", ev.Context["text"], "t1"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if ev.EventTimestamp < ev.MessageRequestTimestamp || ev.MessageRequestTimestamp == 0 || ev.TotalMessagePrice <= 0 {
		t.Errorf("timestamps %d, %d, price %v", ev.MessageRequestTimestamp, ev.EventTimestamp, ev.TotalMessagePrice)
	}

	text, ok := e.Text(id)
	if !ok {
		t.Fatal("the text is not in the list")
	}
	if text.Direction != Outbound || text.From != "+15555550100" || text.To != "+15555550123" || text.Body != "Hello Ann" ||
		text.ConfigurationSet != "roster-texts" || text.Context["text"] != "t1" || text.Status != StatusDelivered || text.StatusAt.Before(text.SentAt) {
		t.Errorf("text %+v", text)
	}

	t.Run("the texts survive a restart", func(t *testing.T) {
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
		again, err := Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		texts := again.Texts()
		if len(texts) != 1 || texts[0].ID != id || texts[0].Status != StatusDelivered || texts[0].Context["org"] != "o1" {
			t.Errorf("reloaded %+v", texts)
		}
	})
}

func TestEventsComeInTheOrderTextsWereAccepted(t *testing.T) {
	e := openEmulator(t, filepath.Join(t.TempDir(), "texts.jsonl"))
	var ids []string
	for i := range 20 {
		id, err := send(t, e.client, "+15555550123", "text "+string(rune('a'+i)), nil)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for i, want := range ids {
		if ev := <-e.events; ev.MessageID != want {
			t.Fatalf("event %d is for %s, want %s", i, ev.MessageID, want)
		}
	}
}

func TestValidation(t *testing.T) {
	e := openEmulator(t, filepath.Join(t.TempDir(), "texts.jsonl"))
	valid := func() *pinpointsmsvoicev2.SendTextMessageInput {
		return &pinpointsmsvoicev2.SendTextMessageInput{
			OriginationIdentity:    aws.String("+15555550100"),
			DestinationPhoneNumber: aws.String("+15555550123"),
			MessageBody:            aws.String("hi"),
		}
	}
	tests := []struct {
		name   string
		change func(*pinpointsmsvoicev2.SendTextMessageInput)
		reason types.ValidationExceptionReason
		field  string
	}{
		// The SDK itself refuses a nil DestinationPhoneNumber.
		{"an empty destination", func(in *pinpointsmsvoicev2.SendTextMessageInput) { in.DestinationPhoneNumber = aws.String("") }, "MISSING_PARAMETER", "DestinationPhoneNumber"},
		{"a destination without +", func(in *pinpointsmsvoicev2.SendTextMessageInput) {
			in.DestinationPhoneNumber = aws.String("15555550123")
		}, "FIELD_VALIDATION_FAILED", "DestinationPhoneNumber"},
		{"a destination too long for E.164", func(in *pinpointsmsvoicev2.SendTextMessageInput) {
			in.DestinationPhoneNumber = aws.String("+1234567890123456")
		}, "FIELD_VALIDATION_FAILED", "DestinationPhoneNumber"},
		{"no body", func(in *pinpointsmsvoicev2.SendTextMessageInput) { in.MessageBody = aws.String("") }, "MISSING_PARAMETER", "MessageBody"},
		{"no origination identity", func(in *pinpointsmsvoicev2.SendTextMessageInput) { in.OriginationIdentity = nil }, "MISSING_PARAMETER", "OriginationIdentity"},
		{"a body over 1600 characters", func(in *pinpointsmsvoicev2.SendTextMessageInput) {
			in.MessageBody = aws.String(strings.Repeat("é", 1601))
		}, "FIELD_VALIDATION_FAILED", "MessageBody"},
		{"six context entries", func(in *pinpointsmsvoicev2.SendTextMessageInput) {
			in.Context = map[string]string{"a": "1", "b": "2", "c": "3", "d": "4", "e": "5", "f": "6"}
		}, "FIELD_VALIDATION_FAILED", "Context"},
		{"an empty context value", func(in *pinpointsmsvoicev2.SendTextMessageInput) { in.Context = map[string]string{"conversation": ""} }, "FIELD_VALIDATION_FAILED", "Context"},
		{"an unknown message type", func(in *pinpointsmsvoicev2.SendTextMessageInput) { in.MessageType = "URGENT" }, "FIELD_VALIDATION_FAILED", "MessageType"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := valid()
			tt.change(in)
			_, err := e.client.SendTextMessage(context.Background(), in)
			var ve *types.ValidationException
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a ValidationException", err)
			}
			if ve.Reason != tt.reason || len(ve.Fields) == 0 || aws.ToString(ve.Fields[0].Name) != tt.field || ve.ErrorMessage() == "" {
				t.Errorf("reason %s, fields %+v, message %q; want %s on %s", ve.Reason, ve.Fields, ve.ErrorMessage(), tt.reason, tt.field)
			}
		})
	}
	if n := len(e.Texts()); n != 0 {
		t.Errorf("%d refused texts were recorded", n)
	}

	t.Run("a dry run is validated but neither recorded nor delivered", func(t *testing.T) {
		in := valid()
		in.DryRun = true
		out, err := e.client.SendTextMessage(context.Background(), in)
		if err != nil || aws.ToString(out.MessageId) == "" {
			t.Fatalf("out %+v, err %v", out, err)
		}
		if n := len(e.Texts()); n != 0 {
			t.Errorf("%d texts recorded", n)
		}
	})
	t.Run("other operations are refused by name", func(t *testing.T) {
		_, err := e.client.DescribePhoneNumbers(context.Background(), &pinpointsmsvoicev2.DescribePhoneNumbersInput{})
		var api smithy.APIError
		if !errors.As(err, &api) || api.ErrorCode() != "UnknownOperationException" || !strings.Contains(api.ErrorMessage(), "DescribePhoneNumbers") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestFailureInjection(t *testing.T) {
	e := openEmulator(t, filepath.Join(t.TempDir(), "texts.jsonl"))
	const (
		throttled = "+15555550111"
		broken    = "+15555550112"
		far       = "+15555550113"
		stopped   = "+15555550114"
		fine      = "+15555550115"
	)
	for _, f := range []Failure{{throttled, ModeThrottle, 2}, {broken, ModeError, 0}, {far, ModeUndeliverable, 1}, {stopped, ModeOptedOut, 0}} {
		if err := e.InjectFailure(f); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("throttle answers ThrottlingException for the given number of calls", func(t *testing.T) {
		for i := range 2 {
			_, err := send(t, e.client, throttled, "hi", nil)
			var te *types.ThrottlingException
			if !errors.As(err, &te) {
				t.Fatalf("call %d: err = %v, want ThrottlingException", i+1, err)
			}
		}
		if _, err := send(t, e.client, throttled, "hi", nil); err != nil {
			t.Fatalf("third call: %v", err)
		}
		<-e.events
	})
	t.Run("error answers InternalServerException with status 500 until cleared", func(t *testing.T) {
		for range 3 {
			_, err := send(t, e.client, broken, "hi", nil)
			var ie *types.InternalServerException
			var re *awshttp.ResponseError
			if !errors.As(err, &ie) || !errors.As(err, &re) || re.HTTPStatusCode() != 500 {
				t.Fatalf("err = %v, want InternalServerException (500)", err)
			}
		}
	})
	t.Run("other numbers are not affected", func(t *testing.T) {
		if _, err := send(t, e.client, fine, "hi", nil); err != nil {
			t.Fatal(err)
		}
		if ev := <-e.events; ev.EventType != "TEXT_DELIVERED" {
			t.Errorf("event %s", ev.EventType)
		}
	})
	t.Run("undeliverable accepts the text, then reports the carrier unreachable", func(t *testing.T) {
		id, err := send(t, e.client, far, "hi", map[string]string{"text": "t9"})
		if err != nil {
			t.Fatal(err)
		}
		ev := <-e.events
		if ev.MessageID != id || ev.EventType != "TEXT_CARRIER_UNREACHABLE" || ev.MessageStatus != "CARRIER_UNREACHABLE" ||
			ev.MessageStatusDescription != "the carrier could not reach the phone (emulated)" || !ev.IsFinal || ev.Context["text"] != "t9" {
			t.Errorf("event %+v", ev)
		}
		if text, _ := e.Text(id); text.Status != StatusFailed || !strings.Contains(text.Reason, "carrier could not reach") {
			t.Errorf("text %+v", text)
		}
		if _, err := send(t, e.client, far, "again", nil); err != nil {
			t.Fatal(err)
		}
		if ev := <-e.events; ev.EventType != "TEXT_DELIVERED" {
			t.Errorf("after its one time the number gets %s", ev.EventType)
		}
	})
	t.Run("opted_out answers ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT", func(t *testing.T) {
		_, err := send(t, e.client, stopped, "hi", nil)
		var ce *types.ConflictException
		if !errors.As(err, &ce) || ce.Reason != types.ConflictExceptionReasonDestinationPhoneNumberOptedOut {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("clearing one number leaves the others", func(t *testing.T) {
		e.ClearFailures(broken)
		if _, err := send(t, e.client, broken, "hi", nil); err != nil {
			t.Fatal(err)
		}
		<-e.events
		got := e.Failures()
		if len(got) != 1 || got[0].Number != stopped {
			t.Errorf("failures left: %+v", got)
		}
		e.ClearFailures("")
		if got := e.Failures(); len(got) != 0 {
			t.Errorf("failures left: %+v", got)
		}
	})
	t.Run("bad failures are refused", func(t *testing.T) {
		for _, f := range []Failure{{"5555550111", ModeThrottle, 1}, {fine, "slow", 1}, {fine, ModeError, -1}} {
			if err := e.InjectFailure(f); err == nil {
				t.Errorf("%+v accepted", f)
			}
		}
	})
}

func TestDeliveryDelay(t *testing.T) {
	e := openEmulator(t, filepath.Join(t.TempDir(), "texts.jsonl"))
	e.SetDeliveryDelay(time.Hour)
	id, err := send(t, e.client, "+15555550123", "later", nil)
	if err != nil {
		t.Fatal(err)
	}
	if text, _ := e.Text(id); text.Status != StatusSent {
		t.Errorf("status %s before the delay passed", text.Status)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-e.events:
		t.Errorf("event %+v emitted before its time", ev)
	default:
	}
	if text, _ := e.Text(id); text.Status != StatusSent {
		t.Errorf("status %s after close", text.Status)
	}
}

func TestEncodingAndParts(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		encoding string
		parts    int
	}{
		{"plain text", "Hi Ann, see you at 3", "GSM", 1},
		{"160 GSM characters in one part", strings.Repeat("a", 160), "GSM", 1},
		{"161 GSM characters in two parts of 153", strings.Repeat("a", 161), "GSM", 2},
		{"extension characters count twice", strings.Repeat("€", 80), "GSM", 1},
		{"81 euros need two parts", strings.Repeat("€", 81), "GSM", 2},
		{"accents of the GSM alphabet", "Café à Zürich", "GSM", 1},
		{"an emoji switches to UCS-2", "Thanks 👍", "UCS2", 1},
		{"70 UCS-2 units in one part", strings.Repeat("ж", 70), "UCS2", 1},
		{"71 UCS-2 units in two parts of 67", strings.Repeat("ж", 71), "UCS2", 2},
		{"an emoji is two UTF-16 units", strings.Repeat("👍", 35), "UCS2", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc, parts := encodingAndParts(tt.body)
			if enc != tt.encoding || parts != tt.parts {
				t.Errorf("got %s in %d parts, want %s in %d", enc, parts, tt.encoding, tt.parts)
			}
		})
	}
	if c := countryOf("+33612345678"); c != "FR" {
		t.Errorf("country of a French number: %q", c)
	}
	if c := countryOf("RosterCo"); c != "" {
		t.Errorf("country of a sender id: %q", c)
	}
}

func request(t *testing.T, method, url, accept, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestPages(t *testing.T) {
	e := openEmulator(t, filepath.Join(t.TempDir(), "texts.jsonl"))
	first, err := send(t, e.client, "+15555550123", "Hello <Ann>", map[string]string{"text": "t1"})
	if err != nil {
		t.Fatal(err)
	}
	<-e.events
	in, err := e.RecordInbound(Text{From: "+15555550123", Body: "STOP", OrgID: "o1", GroupID: "g1"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := send(t, e.client, "+15555550199", "Hello Bob", nil)
	if err != nil {
		t.Fatal(err)
	}
	<-e.events

	list := func(t *testing.T, query, accept string) []Text {
		t.Helper()
		resp, body := request(t, http.MethodGet, e.url+"/texts/"+query, accept, "")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
			t.Fatalf("status %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
		var got struct{ Items []Text }
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		return got.Items
	}
	ids := func(texts []Text) []string {
		out := []string{}
		for _, t := range texts {
			out = append(out, t.ID)
		}
		return out
	}

	t.Run("the list is newest first, as JSON for ?format=json or Accept", func(t *testing.T) {
		for _, got := range [][]Text{list(t, "?format=json", ""), list(t, "", "application/json")} {
			if strings.Join(ids(got), ",") != strings.Join([]string{other, in.ID, first}, ",") {
				t.Errorf("order %v", ids(got))
			}
		}
	})
	t.Run("?to keeps the texts to one number, ?number the whole conversation", func(t *testing.T) {
		if got := ids(list(t, "?format=json&to=%2B15555550123", "")); len(got) != 1 || got[0] != first {
			t.Errorf("to: %v", got)
		}
		if got := ids(list(t, "?format=json&number=%2B15555550123", "")); len(got) != 2 || got[0] != in.ID || got[1] != first {
			t.Errorf("number: %v", got)
		}
		resp, body := request(t, http.MethodGet, e.url+"/texts/?format=json&to=15555550123", "", "")
		if resp.StatusCode != 400 || resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(body, "%2B") {
			t.Errorf("a number without + : %d %s", resp.StatusCode, body)
		}
	})
	t.Run("the HTML list escapes bodies and links each text", func(t *testing.T) {
		resp, body := request(t, http.MethodGet, e.url+"/texts/", "", "")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("status %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if !strings.Contains(body, "Hello &lt;Ann&gt;") || !strings.Contains(body, `href="/texts/`+first+`"`) || !strings.Contains(body, "org o1 / group g1") {
			t.Errorf("page:\n%s", body)
		}
	})
	t.Run("one text, as JSON and as HTML", func(t *testing.T) {
		resp, body := request(t, http.MethodGet, e.url+"/texts/"+first+"?format=json", "", "")
		var got Text
		if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &got) != nil || got.ID != first || got.Context["text"] != "t1" {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
		resp, body = request(t, http.MethodGet, e.url+"/texts/"+in.ID, "", "")
		if resp.StatusCode != 200 || !strings.Contains(body, "Inbound text") || !strings.Contains(body, "STOP") {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
	})
	t.Run("an unknown id is a problem", func(t *testing.T) {
		resp, body := request(t, http.MethodGet, e.url+"/texts/nope", "", "")
		var p struct {
			Status int    `json:"status"`
			Detail string `json:"detail"`
		}
		if resp.StatusCode != 404 || resp.Header.Get("Content-Type") != "application/problem+json" || json.Unmarshal([]byte(body), &p) != nil || p.Status != 404 || !strings.Contains(p.Detail, "nope") {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
	})
	t.Run("failures are injected, listed and cleared over HTTP", func(t *testing.T) {
		resp, body := request(t, http.MethodPost, e.url+"/texts/failures", "", `{"number":"+15555550123","mode":"throttle","times":1}`)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d body %s", resp.StatusCode, body)
		}
		if _, err := send(t, e.client, "+15555550123", "hi", nil); err == nil {
			t.Error("the injected throttle did not apply")
		}
		for _, bad := range []string{`{"number":"+15555550123","mode":"sleepy"}`, `{"number":"123","mode":"error"}`, `{"number":"+15555550123","mode":"error","when":"now"}`, `not json`} {
			resp, body := request(t, http.MethodPost, e.url+"/texts/failures", "", bad)
			if resp.StatusCode != 400 || resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s: status %d body %s", bad, resp.StatusCode, body)
			}
		}
		request(t, http.MethodPost, e.url+"/texts/failures", "", `{"number":"+15555550124","mode":"error"}`)
		resp, body = request(t, http.MethodGet, e.url+"/texts/failures", "", "")
		if resp.StatusCode != 200 || !strings.Contains(body, `"+15555550124"`) {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
		if resp, _ := request(t, http.MethodDelete, e.url+"/texts/failures", "", ""); resp.StatusCode != 204 || len(e.Failures()) != 0 {
			t.Errorf("delete: status %d, %d failures left", resp.StatusCode, len(e.Failures()))
		}
	})
	t.Run("other methods are refused with a problem", func(t *testing.T) {
		for _, c := range []struct{ method, path string }{{http.MethodPost, "/texts/"}, {http.MethodPut, "/texts/failures"}} {
			resp, body := request(t, c.method, e.url+c.path, "", "{}")
			if resp.StatusCode != 405 || resp.Header.Get("Allow") == "" || resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%s %s: status %d body %s", c.method, c.path, resp.StatusCode, body)
			}
		}
	})
}
