package local

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/deadletter"
	"github.com/roster-app/roster/internal/samtemplate"
)

const asyncTemplate = `
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties: {BucketName: uploads}
  Failures:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: w/
      EventInvokeConfig:
        MaximumRetryAttempts: 2
        DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Failures.Arn}}
      Events:
        Incoming: {Type: S3, Properties: {Bucket: !Ref Uploads, Events: "s3:ObjectCreated:*"}}
  OneTry:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: o/
      EventInvokeConfig:
        MaximumRetryAttempts: 0
        DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Failures.Arn}}
  Plain:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: p/
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: c/
      Events:
        Q: {Type: SQS, Properties: {Queue: !GetAtt Failures.Arn, FunctionResponseTypes: [ReportBatchItemFailures]}}
`

func TestAsyncInvocationsHonourEventInvokeConfig(t *testing.T) {
	tpl, err := samtemplate.Parse([]byte(asyncTemplate), samtemplate.Resolver{})
	if err != nil {
		t.Fatal(err)
	}
	crash := func([]byte) ([]byte, error) {
		return nil, &FunctionError{Type: "Runtime.ExitError", Message: "signal: killed"}
	}
	ok := func([]byte) ([]byte, error) { return []byte(`{}`), nil }
	s3ev := []byte(`{"Records":[{"eventSource":"aws:s3","s3":{"bucket":{"name":"uploads"},"object":{"key":"imports/o1/i1/f.csv","eTag":"e"}}}]}`)

	t.Run("a failing event is retried, then its record is handed to the queue's consumer", func(t *testing.T) {
		fns := &fakeFunctions{handlers: map[string]func([]byte) ([]byte, error){"Worker": crash, "Consumer": ok}}
		a := newAsyncInvoker(tpl, fns.invoke, t.Logf)
		a.run(context.Background(), "Worker", TriggerS3, "s3://uploads/imports/o1/i1/f.csv", s3ev)
		if got := len(fns.callsTo("Worker")); got != 3 {
			t.Fatalf("Worker ran %d times, want 3 (the event and 2 retries)", got)
		}
		calls := fns.callsTo("Consumer")
		if len(calls) != 1 || calls[0].trigger != TriggerSQS {
			t.Fatalf("Consumer calls: %+v", calls)
		}
		var ev events.SQSEvent
		if err := json.Unmarshal(calls[0].payload, &ev); err != nil || len(ev.Records) != 1 {
			t.Fatalf("SQS event: %s (%v)", calls[0].payload, err)
		}
		// The record reads as the real consumer reads Lambda's.
		f, err := deadletter.Parse([]byte(ev.Records[0].Body), deadletter.Buckets{Uploads: "uploads", Exports: "exports"})
		if err != nil {
			t.Fatal(err)
		}
		want := deadletter.Action{Kind: deadletter.KindImport, Bucket: "uploads", Key: "imports/o1/i1/f.csv", ETag: "e"}
		if f.Condition != "RetriesExhausted" || f.Attempts != 3 || f.ErrorType != "Runtime.ExitError" || len(f.Actions) != 1 || f.Actions[0] != want {
			t.Fatalf("record read as %+v", f)
		}
	})
	t.Run("MaximumRetryAttempts 0 tries once", func(t *testing.T) {
		fns := &fakeFunctions{handlers: map[string]func([]byte) ([]byte, error){"OneTry": crash, "Consumer": ok}}
		newAsyncInvoker(tpl, fns.invoke, t.Logf).run(context.Background(), "OneTry", TriggerSchedule, "rate(1 hour)", []byte(`{"detail-type":"Scheduled Event","source":"aws.events"}`))
		if got, consumed := len(fns.callsTo("OneTry")), len(fns.callsTo("Consumer")); got != 1 || consumed != 1 {
			t.Fatalf("OneTry ran %d times, Consumer %d; want 1 and 1", got, consumed)
		}
	})
	t.Run("without EventInvokeConfig Lambda's default of two retries applies and the event is dropped", func(t *testing.T) {
		fns := &fakeFunctions{handlers: map[string]func([]byte) ([]byte, error){"Plain": crash, "Consumer": ok}}
		newAsyncInvoker(tpl, fns.invoke, t.Logf).run(context.Background(), "Plain", TriggerSchedule, "rate(1 hour)", []byte(`{}`))
		if got, consumed := len(fns.callsTo("Plain")), len(fns.callsTo("Consumer")); got != 3 || consumed != 0 {
			t.Fatalf("Plain ran %d times, Consumer %d; want 3 and 0", got, consumed)
		}
	})
	t.Run("a successful run is neither retried nor recorded", func(t *testing.T) {
		fns := &fakeFunctions{handlers: map[string]func([]byte) ([]byte, error){"Worker": ok, "Consumer": ok}}
		newAsyncInvoker(tpl, fns.invoke, t.Logf).run(context.Background(), "Worker", TriggerS3, "s3://uploads/x", s3ev)
		if got, consumed := len(fns.callsTo("Worker")), len(fns.callsTo("Consumer")); got != 1 || consumed != 0 {
			t.Fatalf("Worker ran %d times, Consumer %d; want 1 and 0", got, consumed)
		}
	})
	t.Run("a message the consumer reports failed is delivered again, then parked", func(t *testing.T) {
		reject := func(payload []byte) ([]byte, error) {
			var ev events.SQSEvent
			if err := json.Unmarshal(payload, &ev); err != nil {
				return nil, err
			}
			return json.Marshal(events.SQSEventResponse{BatchItemFailures: []events.SQSBatchItemFailure{{ItemIdentifier: ev.Records[0].MessageId}}})
		}
		fns := &fakeFunctions{handlers: map[string]func([]byte) ([]byte, error){"Worker": crash, "Consumer": reject}}
		newAsyncInvoker(tpl, fns.invoke, t.Logf).run(context.Background(), "Worker", TriggerS3, "s3://uploads/x", s3ev)
		calls := fns.callsTo("Consumer")
		if len(calls) != localMaxReceives {
			t.Fatalf("Consumer ran %d times, want %d", len(calls), localMaxReceives)
		}
		var last events.SQSEvent
		if err := json.Unmarshal(calls[len(calls)-1].payload, &last); err != nil {
			t.Fatal(err)
		}
		if got := last.Records[0].Attributes["ApproximateReceiveCount"]; got != "5" {
			t.Fatalf("last ApproximateReceiveCount %s", got)
		}
	})
	t.Run("a consumer that fails is retried like a reported message", func(t *testing.T) {
		n := 0
		flaky := func([]byte) ([]byte, error) {
			if n++; n == 1 {
				return nil, errors.New("throttled")
			}
			return []byte(`{"batchItemFailures":[]}`), nil
		}
		fns := &fakeFunctions{handlers: map[string]func([]byte) ([]byte, error){"Worker": crash, "Consumer": flaky}}
		newAsyncInvoker(tpl, fns.invoke, t.Logf).run(context.Background(), "Worker", TriggerS3, "s3://uploads/x", s3ev)
		if got := len(fns.callsTo("Consumer")); got != 2 {
			t.Fatalf("Consumer ran %d times, want 2", got)
		}
	})
}
