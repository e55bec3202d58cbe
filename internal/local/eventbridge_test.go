package local

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/local/smslocal"
	"github.com/roster-app/roster/internal/samtemplate"
)

const busTemplate = `
Resources:
  Failures:
    Type: AWS::SQS::Queue
  Delivery:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: d/
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Failures.Arn}}
      Events:
        Texts:
          Type: EventBridgeRule
          Properties:
            Pattern: {source: [aws.sms-voice], detail-type: [Text Message Delivery Status Updated]}
  AnySMS:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: a/
      Events:
        All: {Type: EventBridgeRule, Properties: {Pattern: {source: [aws.sms-voice]}}}
  Mail:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: m/
      Events:
        Ses: {Type: EventBridgeRule, Properties: {Pattern: {source: [aws.ses]}}}
  Off:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: o/
      Events:
        Texts: {Type: EventBridgeRule, Properties: {State: DISABLED, Pattern: {source: [aws.sms-voice]}}}
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: c/
      Events:
        Q: {Type: SQS, Properties: {Queue: !GetAtt Failures.Arn, FunctionResponseTypes: [ReportBatchItemFailures]}}
`

func newTestBus(t *testing.T, fns *fakeFunctions) *eventBus {
	t.Helper()
	tpl, err := samtemplate.Parse([]byte(busTemplate), samtemplate.Resolver{})
	if err != nil {
		t.Fatal(err)
	}
	return newEventBus(tpl, newAsyncInvoker(tpl, fns.invoke, t.Logf).run, t.Logf)
}

func TestEventBusDeliversToMatchingRules(t *testing.T) {
	ok := func([]byte) ([]byte, error) { return []byte(`null`), nil }
	fns := &fakeFunctions{handlers: map[string]func([]byte) ([]byte, error){"Delivery": ok, "AnySMS": ok, "Mail": ok, "Off": ok, "Consumer": ok}}
	b := newTestBus(t, fns)

	var sent []smslocal.Event
	for i := range 30 {
		ev := smslocal.Event{EventType: "TEXT_DELIVERED", MessageID: fmt.Sprintf("m-%02d", i), Context: map[string]string{"text": fmt.Sprint(i)}}
		sent = append(sent, ev)
		b.smsEvent(ev)
	}
	b.put("aws.sms-voice", "Registration Status Change", "r-1", map[string]string{"registrationId": "r-1"})
	if err := b.close(context.Background()); err != nil {
		t.Fatal(err)
	}

	calls := fns.callsTo("Delivery")
	if len(calls) != len(sent) {
		t.Fatalf("Delivery ran %d times, want %d", len(calls), len(sent))
	}
	for i, c := range calls {
		var ev events.EventBridgeEvent
		if err := json.Unmarshal(c.payload, &ev); err != nil {
			t.Fatal(err)
		}
		var detail smslocal.Event
		if err := json.Unmarshal(ev.Detail, &detail); err != nil {
			t.Fatal(err)
		}
		if detail.MessageID != sent[i].MessageID || detail.Context["text"] != fmt.Sprint(i) {
			t.Fatalf("event %d carries %+v, want %s: events out of order", i, detail, sent[i].MessageID)
		}
		if c.trigger != TriggerEventBridge {
			t.Errorf("trigger %s", c.trigger)
		}
	}

	var raw map[string]json.RawMessage
	if err := json.Unmarshal(calls[0].payload, &raw); err != nil {
		t.Fatal(err)
	}
	var ev events.EventBridgeEvent
	_ = json.Unmarshal(calls[0].payload, &ev)
	checks := []struct {
		name      string
		got, want any
	}{
		{"version", ev.Version, "0"},
		{"source", ev.Source, "aws.sms-voice"},
		{"detail-type", ev.DetailType, "Text Message Delivery Status Updated"},
		{"account", ev.AccountID, "000000000000"},
		{"region", ev.Region, "us-east-1"},
		{"resources", string(raw["resources"]), "[]"},
		{"id is a UUID", len(ev.ID), 36},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	var when string
	_ = json.Unmarshal(raw["time"], &when)
	if _, err := time.Parse(time.RFC3339, when); err != nil || strings.Contains(when, ".") || !strings.HasSuffix(when, "Z") {
		t.Errorf("time %q is not RFC 3339 in whole UTC seconds", when)
	}
	var second events.EventBridgeEvent
	_ = json.Unmarshal(calls[1].payload, &second)
	if ev.ID == second.ID {
		t.Errorf("events share the id %q", ev.ID)
	}

	if got := len(fns.callsTo("AnySMS")); got != len(sent)+1 {
		t.Errorf("AnySMS ran %d times, want %d (a rule without detail-type takes every SMS event)", got, len(sent)+1)
	}
	if got := len(fns.callsTo("Mail")) + len(fns.callsTo("Off")); got != 0 {
		t.Errorf("a rule of another source or a disabled rule ran %d times", got)
	}

	t.Run("nothing is delivered after close", func(t *testing.T) {
		b.smsEvent(smslocal.Event{EventType: "TEXT_DELIVERED", MessageID: "late"})
		if got := len(fns.callsTo("Delivery")); got != len(sent) {
			t.Errorf("Delivery ran %d times", got)
		}
	})
}

func TestEventBusRetriesAndRecordsFailures(t *testing.T) {
	fail := func([]byte) ([]byte, error) { return nil, &FunctionError{Type: "errorString", Message: "boom"} }
	ok := func([]byte) ([]byte, error) { return []byte(`{}`), nil }
	fns := &fakeFunctions{handlers: map[string]func([]byte) ([]byte, error){"Delivery": fail, "AnySMS": ok, "Consumer": ok}}
	b := newTestBus(t, fns)
	b.smsEvent(smslocal.Event{EventType: "TEXT_CARRIER_UNREACHABLE", MessageID: "m-1"})
	if err := b.close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := len(fns.callsTo("Delivery")); got != 2 {
		t.Errorf("Delivery ran %d times, want 2 (MaximumRetryAttempts 1)", got)
	}
	consumed := fns.callsTo("Consumer")
	if len(consumed) != 1 {
		t.Fatalf("Consumer ran %d times, want once", len(consumed))
	}
	var sqs events.SQSEvent
	if err := json.Unmarshal(consumed[0].payload, &sqs); err != nil || len(sqs.Records) != 1 {
		t.Fatalf("SQS event %s: %v", consumed[0].payload, err)
	}
	var record struct {
		RequestPayload events.EventBridgeEvent `json:"requestPayload"`
	}
	if err := json.Unmarshal([]byte(sqs.Records[0].Body), &record); err != nil {
		t.Fatal(err)
	}
	if record.RequestPayload.Source != "aws.sms-voice" || !strings.Contains(string(record.RequestPayload.Detail), `"messageId":"m-1"`) {
		t.Errorf("failure record holds %+v", record.RequestPayload)
	}
}
