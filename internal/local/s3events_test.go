package local

import (
	"context"
	"encoding/json"
	"net/url"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/roster-app/roster/internal/local/s3local"
	"github.com/roster-app/roster/internal/samtemplate"
)

func TestS3EventKeyEncoding(t *testing.T) {
	tests := []struct{ key, want string }{
		{"incoming/report.csv", "incoming/report.csv"},
		{"incoming/red flower.jpg", "incoming/red+flower.jpg"},
		{"imports/a+b.csv", "imports/a%2Bb.csv"},
		{"imports/file (1).xlsx", "imports/file+%281%29.xlsx"},
		{"dt=2018-05-04/_SUCCESS", "dt%3D2018-05-04/_SUCCESS"},
		{"test/10:47:07.log", "test/10%3A47%3A07.log"},
		{"café/ä.txt", "caf%C3%A9/%C3%A4.txt"},
		{"a&b?c#d%e", "a%26b%3Fc%23d%25e"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got := encodeS3EventKey(tt.key)
			if got != tt.want {
				t.Errorf("encoded %q, want %q", got, tt.want)
			}
			// What aws-lambda-go does to fill URLDecodedKey must give the key back.
			if back, err := url.QueryUnescape(got); err != nil || back != tt.key {
				t.Errorf("decodes to %q (%v)", back, err)
			}
		})
	}
}

func TestS3SubscriptionMatching(t *testing.T) {
	sub := func(events []string, prefix, suffix string) s3Subscription {
		return s3Subscription{function: "F", bucket: "uploads", event: samtemplate.S3Event{Events: events, Prefix: prefix, Suffix: suffix}}
	}
	tests := []struct {
		name   string
		sub    s3Subscription
		bucket string
		event  string
		key    string
		want   bool
	}{
		{"a wildcard takes every kind of creation", sub([]string{"s3:ObjectCreated:*"}, "", ""), "uploads", s3local.EventPut, "a.csv", true},
		{"a wildcard takes multipart completion", sub([]string{"s3:ObjectCreated:*"}, "", ""), "uploads", s3local.EventMultipart, "a.csv", true},
		{"an exact event type matches only itself", sub([]string{"s3:ObjectCreated:Put"}, "", ""), "uploads", s3local.EventCopy, "a.csv", false},
		{"one of several event types", sub([]string{"s3:ObjectCreated:Post", "s3:ObjectCreated:Copy"}, "", ""), "uploads", s3local.EventCopy, "a.csv", true},
		{"another bucket", sub([]string{"s3:ObjectCreated:*"}, "", ""), "exports", s3local.EventPut, "a.csv", false},
		{"prefix matches", sub([]string{"s3:ObjectCreated:*"}, "incoming/", ""), "uploads", s3local.EventPut, "incoming/a.csv", true},
		{"prefix does not match", sub([]string{"s3:ObjectCreated:*"}, "incoming/", ""), "uploads", s3local.EventPut, "imports/a.csv", false},
		{"prefix and suffix both needed", sub([]string{"s3:ObjectCreated:*"}, "incoming/", ".csv"), "uploads", s3local.EventPut, "incoming/a.xlsx", false},
		{"the filter sees the plain key", sub([]string{"s3:ObjectCreated:*"}, "in coming/", ""), "uploads", s3local.EventPut, "in coming/a b.csv", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.sub.matches(tt.bucket, tt.event, tt.key); got != tt.want {
				t.Errorf("matches = %v, want %v", got, tt.want)
			}
		})
	}
}

const s3Template = `
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties: {BucketName: uploads}
  Receive:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: f
      Events:
        Incoming:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
            Filter: {S3Key: {Rules: [{Name: prefix, Value: incoming/}]}}
  Archive:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: f
      Events:
        All: {Type: S3, Properties: {Bucket: !Ref Uploads, Events: [s3:ObjectCreated:Put]}}
`

func TestS3NotifierDeliversToMatchingFunctions(t *testing.T) {
	tpl, err := samtemplate.Parse([]byte(s3Template), samtemplate.Resolver{})
	if err != nil {
		t.Fatal(err)
	}
	ok := func([]byte) ([]byte, error) { return []byte(`null`), nil }
	fns := &fakeFunctions{handlers: map[string]func([]byte) ([]byte, error){"Receive": ok, "Archive": ok}}
	n := newS3Notifier(tpl, fns.invoke, t.Logf)
	when := time.Date(2026, 3, 10, 12, 0, 0, 123456789, time.UTC)

	n.objectCreated(s3local.ObjectCreated{Bucket: "uploads", Key: "incoming/my file.csv", Size: 42, ETag: `"abc123"`, EventName: s3local.EventPut, Time: when})
	n.objectCreated(s3local.ObjectCreated{Bucket: "uploads", Key: "other/x.csv", Size: 1, ETag: `"def"`, EventName: s3local.EventMultipart, Time: when})
	n.objectCreated(s3local.ObjectCreated{Bucket: "uploads", Key: "later.csv", Size: 1, ETag: `"fed"`, EventName: s3local.EventPut, Time: when})
	if err := n.close(context.Background()); err != nil {
		t.Fatal(err)
	}

	if got := len(fns.callsTo("Archive")); got != 2 {
		t.Errorf("Archive ran %d times, want twice (the Puts only)", got)
	}
	calls := fns.callsTo("Receive")
	if len(calls) != 1 || calls[0].trigger != TriggerS3 {
		t.Fatalf("Receive calls %+v, want one for incoming/", calls)
	}
	var ev events.S3Event
	if err := json.Unmarshal(calls[0].payload, &ev); err != nil {
		t.Fatal(err)
	}
	if len(ev.Records) != 1 {
		t.Fatalf("%d records", len(ev.Records))
	}
	r := ev.Records[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"eventVersion", r.EventVersion, "2.1"},
		{"eventSource", r.EventSource, "aws:s3"},
		{"awsRegion", r.AWSRegion, "us-east-1"},
		{"eventName", r.EventName, "ObjectCreated:Put"},
		{"eventTime in milliseconds", r.EventTime, when.Truncate(time.Millisecond)},
		{"bucket", r.S3.Bucket.Name, "uploads"},
		{"bucket arn", r.S3.Bucket.Arn, "arn:aws:s3:::uploads"},
		{"key is encoded", r.S3.Object.Key, "incoming/my+file.csv"},
		{"decoded key", r.S3.Object.URLDecodedKey, "incoming/my file.csv"},
		{"size", r.S3.Object.Size, int64(42)},
		{"eTag without quotes", r.S3.Object.ETag, "abc123"},
		{"schema version", r.S3.SchemaVersion, "1.0"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if r.S3.Object.Sequencer == "" || r.PrincipalID.PrincipalID == "" || r.RequestParameters.SourceIPAddress == "" {
		t.Errorf("record %+v", r)
	}

	t.Run("an object has one sequencer and later objects larger ones", func(t *testing.T) {
		sequencer := func(c fakeCall) string {
			var ev events.S3Event
			_ = json.Unmarshal(c.payload, &ev)
			return ev.Records[0].S3.Object.Sequencer
		}
		archive := fns.callsTo("Archive")
		sort.Slice(archive, func(i, j int) bool { return sequencer(archive[i]) < sequencer(archive[j]) })
		first, later := sequencer(archive[0]), sequencer(archive[1])
		if first != sequencer(calls[0]) {
			t.Errorf("Receive and Archive saw sequencers %s and %s for the same object", sequencer(calls[0]), first)
		}
		if !(later > first) || len(later) != len(first) {
			t.Errorf("later object's sequencer %s is not after %s", later, first)
		}
	})

	t.Run("nothing is delivered after close", func(t *testing.T) {
		n.objectCreated(s3local.ObjectCreated{Bucket: "uploads", Key: "incoming/late.csv", EventName: s3local.EventPut, Time: when})
		if got := len(fns.callsTo("Receive")); got != 1 {
			t.Errorf("Receive ran %d times", got)
		}
	})
}
