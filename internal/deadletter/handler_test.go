package deadletter

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

type importsFunc func(ctx context.Context, key, etag string) error

func (f importsFunc) Abandon(ctx context.Context, key, etag string) error { return f(ctx, key, etag) }

type exportsFunc func(ctx context.Context, key string) error

func (f exportsFunc) Abandon(ctx context.Context, key string) error { return f(ctx, key) }

func TestHandle(t *testing.T) {
	var imported, exported []string
	h := &Handler{
		Buckets: buckets,
		Imports: importsFunc(func(_ context.Context, key, etag string) error {
			imported = append(imported, key+"@"+etag)
			if key == "imports/o1/broken/f.csv" {
				return errors.New("throttled")
			}
			return nil
		}),
		Exports: exportsFunc(func(_ context.Context, key string) error { exported = append(exported, key); return nil }),
		Log:     slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	ev := events.SQSEvent{Records: []events.SQSMessage{
		{MessageId: "m-import", Body: s3Record("up", "imports/o1/i1/f.csv")},
		{MessageId: "m-export", Body: s3Record("ex", "requests/o1/e1.json")},
		{MessageId: "m-schedule", Body: scheduleRecord},
		{MessageId: "m-garbage", Body: "not a record"},
		{MessageId: "m-storage", Body: s3Record("up", "imports/o1/broken/f.csv")},
		{MessageId: "m-other", Body: s3Record("elsewhere", "x")},
	}}
	resp, err := h.Handle(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, f := range resp.BatchItemFailures {
		failed = append(failed, f.ItemIdentifier)
	}
	t.Run("an unreadable record and a failed action go back to the queue, nothing else", func(t *testing.T) {
		if len(failed) != 2 || failed[0] != "m-garbage" || failed[1] != "m-storage" {
			t.Fatalf("batch item failures: %v", failed)
		}
	})
	t.Run("imports and exports are ended by their object", func(t *testing.T) {
		if len(imported) != 2 || imported[0] != "imports/o1/i1/f.csv@abc" || len(exported) != 1 || exported[0] != "requests/o1/e1.json" {
			t.Fatalf("imports %v, exports %v", imported, exported)
		}
	})
}
