package local

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/samtemplate"
)

// Asynchronous invocations (S3 events, schedules) run as Lambda runs them
// under a function's EventInvokeConfig: a failed run is retried
// MaximumRetryAttempts times (2 when not set; at once here, where Lambda
// waits about one and then two minutes), and once every try failed the
// invocation record goes to the OnFailure destination.
//
// SQS is emulated in process: the record is handed at once, as an SQS
// event, to every function whose SQS event consumes the destination queue.
// A message the consumer reports as a batch item failure, or whose run
// fails, is delivered again, up to localMaxReceives times in all; then it
// is logged as parked, where SQS would move it to the redrive queue.
// Reference: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html

// localMaxReceives is how often the emulated queue delivers one message.
const localMaxReceives = 5

type asyncInvoker struct {
	invoke    invokeFunc
	functions map[string]*samtemplate.Function
	consumers map[string][]string // queue logical id -> consuming functions
	region    string
	accountID string
	logf      func(format string, args ...any)
}

func newAsyncInvoker(tpl *samtemplate.Template, invoke invokeFunc, logf func(string, ...any)) *asyncInvoker {
	a := &asyncInvoker{invoke: invoke, functions: map[string]*samtemplate.Function{}, consumers: map[string][]string{},
		region: tpl.Resolver.Region, accountID: tpl.Resolver.AccountID, logf: logf}
	for _, fn := range tpl.Functions {
		a.functions[fn.LogicalID] = fn
		for _, ev := range fn.SQSEvents {
			a.consumers[ev.Queue] = append(a.consumers[ev.Queue], fn.LogicalID)
		}
	}
	return a
}

// run is an invokeFunc for asynchronous event sources; it returns the last
// try's result.
func (a *asyncInvoker) run(ctx context.Context, function string, trigger Trigger, detail string, payload []byte) ([]byte, Invocation) {
	retries := 2
	var dest *samtemplate.Destination
	if fn := a.functions[function]; fn != nil && fn.EventInvoke != nil {
		retries, dest = fn.EventInvoke.MaximumRetryAttempts, fn.EventInvoke.OnFailure
	}
	var (
		out []byte
		inv Invocation
	)
	for try := 1; try <= retries+1; try++ {
		out, inv = a.invoke(ctx, function, trigger, detail, payload)
		if inv.Err == nil || errors.Is(inv.Err, errStopping) || ctx.Err() != nil {
			return out, inv
		}
		if try <= retries {
			a.logf("%s %s %s: try %d failed, retrying: %v", trigger, detail, function, try, inv.Err)
		}
	}
	if dest == nil {
		a.logf("%s %s %s: given up after %d tries; no on-failure destination, the event is dropped", trigger, detail, function, retries+1)
		return out, inv
	}
	record, err := a.failureRecord(function, payload, inv, retries+1)
	if err != nil {
		a.logf("%s %s %s: failure record: %v", trigger, detail, function, err)
		return out, inv
	}
	if dest.Type != "SQS" || len(a.consumers[dest.Target]) == 0 {
		a.logf("%s %s %s: given up after %d tries; record for %s %s, which nothing here consumes", trigger, detail, function, retries+1, dest.Type, dest.Target)
		return out, inv
	}
	a.logf("%s %s %s: given up after %d tries; record sent to %s", trigger, detail, function, retries+1, dest.Target)
	for _, consumer := range a.consumers[dest.Target] {
		a.deliver(ctx, dest.Target, consumer, record)
	}
	return out, inv
}

// failureRecord is what Lambda sends an on-failure destination.
func (a *asyncInvoker) failureRecord(function string, payload []byte, inv Invocation, tries int) ([]byte, error) {
	name := function
	if fn := a.functions[function]; fn != nil && fn.Name != "" {
		name = fn.Name
	}
	resp := FunctionError{Type: "Unhandled", Message: inv.Err.Error()}
	var fe *FunctionError
	if errors.As(inv.Err, &fe) {
		resp = *fe
	}
	if !json.Valid(payload) {
		return nil, fmt.Errorf("the event is not JSON")
	}
	return json.Marshal(map[string]any{
		"version":   "1.0",
		"timestamp": time.Now().UTC().Format("2006-01-02T15:04:05.000Z"),
		"requestContext": map[string]any{
			"requestId":              inv.RequestID,
			"functionArn":            fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s:$LATEST", a.region, a.accountID, name),
			"condition":              "RetriesExhausted",
			"approximateInvokeCount": tries,
		},
		"requestPayload":  json.RawMessage(payload),
		"responseContext": map[string]any{"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
		"responsePayload": resp,
	})
}

// deliver hands one message to a queue's consumer until it is deleted (the
// run succeeds without reporting it) or localMaxReceives runs out.
func (a *asyncInvoker) deliver(ctx context.Context, queue, consumer string, body []byte) {
	id := newRequestID()
	for receive := 1; receive <= localMaxReceives; receive++ {
		ev := events.SQSEvent{Records: []events.SQSMessage{{
			MessageId: id, ReceiptHandle: newRequestID(), Body: string(body), EventSource: "aws:sqs", AWSRegion: a.region,
			EventSourceARN: fmt.Sprintf("arn:aws:sqs:%s:%s:%s", a.region, a.accountID, queue),
			Attributes:     map[string]string{"ApproximateReceiveCount": fmt.Sprint(receive), "SentTimestamp": fmt.Sprint(time.Now().UnixMilli())},
		}}}
		payload, err := json.Marshal(ev)
		if err != nil {
			a.logf("sqs %s %s: encode event: %v", queue, consumer, err)
			return
		}
		out, inv := a.invoke(ctx, consumer, TriggerSQS, "sqs://"+queue, payload)
		var resp events.SQSEventResponse
		switch {
		case inv.Err != nil:
			a.logf("sqs %s %s failed: %v", queue, consumer, inv.Err)
		case json.Unmarshal(out, &resp) == nil && len(resp.BatchItemFailures) > 0:
			a.logf("sqs %s %s: message %s reported as failed", queue, consumer, id)
		default:
			a.logf("sqs %s %s ok %dms", queue, consumer, inv.Duration.Milliseconds())
			return
		}
		if errors.Is(inv.Err, errStopping) || ctx.Err() != nil {
			return
		}
	}
	a.logf("sqs %s: message %s received %d times; parked (SQS would move it to the queue's redrive target)", queue, id, localMaxReceives)
}
