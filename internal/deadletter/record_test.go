package deadletter

import (
	"errors"
	"testing"
)

var buckets = Buckets{Uploads: "up", Exports: "ex"}

// s3Record is an invocation record as Lambda sends it to an SQS on-failure
// destination, for an S3 event.
func s3Record(bucket, key string) string {
	return `{"version":"1.0","timestamp":"2026-12-04T06:00:00.000Z",
  "requestContext":{"requestId":"r1","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:roster-ImportContacts-abc:$LATEST","condition":"RetriesExhausted","approximateInvokeCount":3},
  "requestPayload":{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"` + bucket + `"},"object":{"key":"` + key + `","size":10,"eTag":"abc"}}}]},
  "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
  "responsePayload":{"errorMessage":"RequestId: r1 Error: Runtime exited with error: signal: killed","errorType":"Runtime.ExitError"}}`
}

const scheduleRecord = `{"version":"1.0","timestamp":"2026-12-04T06:00:00.000Z",
  "requestContext":{"requestId":"r2","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:roster-SendMail-abc:$LATEST","condition":"EventAgeExceeded","approximateInvokeCount":2},
  "requestPayload":{"version":"0","id":"e1","detail-type":"Scheduled Event","source":"aws.events","resources":["arn:aws:events:us-east-1:123456789012:rule/roster-SendMail"],"detail":{}},
  "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
  "responsePayload":{"errorMessage":"throttled","errorType":"errorString"}}`

func TestParse(t *testing.T) {
	t.Run("an upload-bucket event is an import, its key decoded", func(t *testing.T) {
		f, err := Parse([]byte(s3Record("up", "incoming/o1/my+contacts%281%29.csv")), buckets)
		if err != nil {
			t.Fatal(err)
		}
		want := Action{Kind: KindImport, Bucket: "up", Key: "incoming/o1/my contacts(1).csv", ETag: "abc"}
		if len(f.Actions) != 1 || f.Actions[0] != want {
			t.Fatalf("actions: %+v", f.Actions)
		}
		if f.Function != "roster-ImportContacts-abc" || f.Condition != "RetriesExhausted" || f.Attempts != 3 || f.ErrorType != "Runtime.ExitError" {
			t.Fatalf("failure: %+v", f)
		}
	})
	t.Run("an export-bucket event is an export", func(t *testing.T) {
		f, err := Parse([]byte(s3Record("ex", "requests/o1/e1.json")), buckets)
		if err != nil || len(f.Actions) != 1 || f.Actions[0].Kind != KindExport || f.Actions[0].Key != "requests/o1/e1.json" {
			t.Fatalf("actions: %+v, %v", f.Actions, err)
		}
	})
	t.Run("another bucket's event is neither", func(t *testing.T) {
		f, err := Parse([]byte(s3Record("elsewhere", "x")), buckets)
		if err != nil || len(f.Actions) != 1 || f.Actions[0].Kind != KindOther {
			t.Fatalf("actions: %+v, %v", f.Actions, err)
		}
	})
	t.Run("a schedule's event names its rule", func(t *testing.T) {
		f, err := Parse([]byte(scheduleRecord), buckets)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Actions) != 1 || f.Actions[0].Kind != KindSchedule || f.Actions[0].Rule != "arn:aws:events:us-east-1:123456789012:rule/roster-SendMail" ||
			f.Function != "roster-SendMail-abc" || f.Condition != "EventAgeExceeded" {
			t.Fatalf("failure: %+v", f)
		}
	})
	t.Run("a text delivery event names its text, not its number", func(t *testing.T) {
		rec := `{"version":"1.0","requestContext":{"functionArn":"arn:aws:lambda:us-east-1:123456789012:function:roster-RecordTextEvents-abc","condition":"RetriesExhausted","approximateInvokeCount":3},
  "requestPayload":{"version":"0","id":"e2","detail-type":"Text Message Delivery Status Updated","source":"aws.sms-voice","resources":[],
    "detail":{"eventType":"TEXT_DELIVERED","destinationPhoneNumber":"+12015550123","messageId":"p1","context":{"orgId":"o1","conversationId":"c1","textId":"m1"}}},
  "responseContext":{"statusCode":200,"functionError":"Unhandled"},"responsePayload":{"errorType":"errorString"}}`
		f, err := Parse([]byte(rec), buckets)
		if err != nil {
			t.Fatal(err)
		}
		want := Action{Kind: KindTextEvent, EventType: "TEXT_DELIVERED", TextID: "m1"}
		if len(f.Actions) != 1 || f.Actions[0] != want || f.Function != "roster-RecordTextEvents-abc" {
			t.Fatalf("failure: %+v", f)
		}
	})
	for name, body := range map[string]string{
		"not JSON":              "{",
		"no function":           `{"requestPayload":{}}`,
		"no payload":            `{"requestContext":{"functionArn":"arn:aws:lambda:r:a:function:f"}}`,
		"an unknown payload":    `{"requestContext":{"functionArn":"arn:aws:lambda:r:a:function:f"},"requestPayload":{"hello":1}}`,
		"another event source":  `{"requestContext":{"functionArn":"arn:aws:lambda:r:a:function:f"},"requestPayload":{"Records":[{"eventSource":"aws:sqs"}]}}`,
		"an undecodable key":    s3Record("up", "incoming/o1/%zz"),
		"a payload not an obj.": `{"requestContext":{"functionArn":"arn:aws:lambda:r:a:function:f"},"requestPayload":"text"}`,
	} {
		t.Run("unreadable: "+name, func(t *testing.T) {
			if _, err := Parse([]byte(body), buckets); !errors.Is(err, ErrUnreadable) {
				t.Fatalf("Parse = %v, want ErrUnreadable", err)
			}
		})
	}
}
