// Package deadletter handles what Lambda gives up on. Every asynchronously
// invoked function (the S3-triggered import and export workers, the
// scheduled jobs) retries a failed event twice; then Lambda sends an
// invocation record to the failure queue (template.yaml, AsyncFailureQueue),
// whose consumer, HandleFailedEvents, reads it here:
//
//   - an upload-bucket event: the import its object belongs to is ended
//     failed and the uploader (or the administrators) told;
//   - an export-bucket event: the export is ended failed and the requester
//     told;
//   - a schedule's event: logged as an error (the next run starts afresh;
//     the queue's alarm has told the operators);
//   - anything else, or a record that cannot be read: logged, and handed
//     back to the queue, which parks it after a few receives (its alarm).
//
// Ending is idempotent: an import or export already ended, or taken by a
// worker meanwhile, is left alone, so a redelivered record sends no second
// mail.
package deadletter

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Record is a Lambda invocation record for an asynchronous invocation
// whose retries all failed (or that grew too old).
type Record struct {
	Version        string          `json:"version"`
	Timestamp      string          `json:"timestamp"`
	RequestContext RequestContext  `json:"requestContext"`
	RequestPayload json.RawMessage `json:"requestPayload"`
	Response       struct {
		StatusCode    int    `json:"statusCode"`
		FunctionError string `json:"functionError"`
	} `json:"responseContext"`
	ResponsePayload json.RawMessage `json:"responsePayload"`
}

// RequestContext says which function failed, how, and how often it ran.
type RequestContext struct {
	RequestID   string `json:"requestId"`
	FunctionArn string `json:"functionArn"`
	// Condition is why Lambda gave up: RetriesExhausted or
	// EventAgeExceeded.
	Condition string `json:"condition"`
	Attempts  int    `json:"approximateInvokeCount"`
}

// Kind is what a failed event was for.
type Kind string

// Kinds of failed event.
const (
	KindImport    Kind = "import"     // an upload-bucket object
	KindExport    Kind = "export"     // an export-bucket object
	KindSchedule  Kind = "schedule"   // an EventBridge schedule's run
	KindTextEvent Kind = "text_event" // a delivery event of AWS End User Messaging SMS
	KindOther     Kind = "other"      // an object in another bucket
)

// Action is one thing a record asks for: an S3 event holds one per object.
type Action struct {
	Kind   Kind
	Bucket string
	Key    string // decoded
	ETag   string
	Rule   string // the schedule's rule ARN, for KindSchedule
	// For KindTextEvent: the event type and the text it names (never the
	// phone number or the body).
	EventType string
	TextID    string
}

// Failure is a record read: what failed and what to do about it.
type Failure struct {
	Function  string // the function's name, from its ARN
	Condition string
	Attempts  int
	ErrorType string // from the function's error response; never its message, which may quote data
	Actions   []Action
}

// ErrUnreadable is returned for a body that is no invocation record this
// package understands.
var ErrUnreadable = errors.New("not a readable invocation record")

// Buckets names the buckets whose events mean imports and exports.
type Buckets struct{ Uploads, Exports string }

// Parse reads a failure queue message body.
func Parse(body []byte, b Buckets) (Failure, error) {
	var rec Record
	if err := json.Unmarshal(body, &rec); err != nil {
		return Failure{}, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if rec.RequestContext.FunctionArn == "" || len(rec.RequestPayload) == 0 {
		return Failure{}, fmt.Errorf("%w: no requestContext.functionArn or requestPayload", ErrUnreadable)
	}
	f := Failure{Function: functionName(rec.RequestContext.FunctionArn), Condition: rec.RequestContext.Condition,
		Attempts: rec.RequestContext.Attempts}
	var resp struct {
		ErrorType string `json:"errorType"`
	}
	if json.Unmarshal(rec.ResponsePayload, &resp) == nil {
		f.ErrorType = resp.ErrorType
	}
	if f.ErrorType == "" {
		f.ErrorType = rec.Response.FunctionError
	}
	var payload struct {
		Records []struct {
			EventSource string `json:"eventSource"`
			S3          struct {
				Bucket struct {
					Name string `json:"name"`
				} `json:"bucket"`
				Object struct {
					Key  string `json:"key"`
					ETag string `json:"eTag"`
				} `json:"object"`
			} `json:"s3"`
		} `json:"Records"`
		Source     string   `json:"source"`
		DetailType string   `json:"detail-type"`
		Resources  []string `json:"resources"`
		Detail     struct {
			EventType string            `json:"eventType"`
			Context   map[string]string `json:"context"`
		} `json:"detail"`
	}
	if err := json.Unmarshal(rec.RequestPayload, &payload); err != nil {
		return Failure{}, fmt.Errorf("%w: requestPayload: %v", ErrUnreadable, err)
	}
	switch {
	case len(payload.Records) > 0:
		for _, r := range payload.Records {
			if r.EventSource != "aws:s3" {
				return Failure{}, fmt.Errorf("%w: an event from %q", ErrUnreadable, r.EventSource)
			}
			key, err := url.QueryUnescape(r.S3.Object.Key)
			if err != nil {
				return Failure{}, fmt.Errorf("%w: object key: %v", ErrUnreadable, err)
			}
			a := Action{Kind: KindOther, Bucket: r.S3.Bucket.Name, Key: key, ETag: r.S3.Object.ETag}
			switch a.Bucket {
			case b.Uploads:
				a.Kind = KindImport
			case b.Exports:
				a.Kind = KindExport
			}
			f.Actions = append(f.Actions, a)
		}
	case payload.Source == "aws.events" || payload.DetailType == "Scheduled Event":
		a := Action{Kind: KindSchedule}
		if len(payload.Resources) > 0 {
			a.Rule = payload.Resources[0]
		}
		f.Actions = append(f.Actions, a)
	case payload.Source == "aws.sms-voice":
		f.Actions = append(f.Actions, Action{Kind: KindTextEvent, EventType: payload.Detail.EventType, TextID: payload.Detail.Context["textId"]})
	default:
		return Failure{}, fmt.Errorf("%w: requestPayload is neither an S3, a schedule nor a text delivery event", ErrUnreadable)
	}
	return f, nil
}

// functionName is the name in arn:aws:lambda:region:account:function:name[:qualifier].
func functionName(arn string) string {
	parts := strings.Split(arn, ":")
	if len(parts) >= 7 && parts[5] == "function" {
		return parts[6]
	}
	return arn
}
