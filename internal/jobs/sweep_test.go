package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/jobs"
	"github.com/roster-app/roster/internal/roster"
)

func TestSweepExpiredHandler(t *testing.T) {
	ctx := context.Background()
	db, table := dynamotest.MustOpen(t)
	store := dynamo.NewStore(db, table)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	old := roster.Session{ID: "old", OrgID: "o", UserID: "u", TokenHash: "h", CreatedAt: now.Add(-time.Hour), ExpiresAt: now.Add(-time.Minute)}
	if err := store.CreateSession(ctx, old); err != nil {
		t.Fatal(err)
	}
	h := jobs.SweepExpired(store, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return now })
	if err := h(ctx, events.CloudWatchEvent{ID: "ev1", DetailType: "Scheduled Event", Source: "aws.events"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Session(ctx, "old"); roster.ErrorCodeOf(err) != roster.ENotFound {
		t.Fatalf("expired session survived the scheduled sweep: %v", err)
	}
}

type failingSweeper struct{ jobs.ExportEnder }

func (failingSweeper) SweepExpired(context.Context, time.Time) (int, error) {
	return 3, errors.New("throttled")
}

func TestSweepExpiredReportsFailureForRetry(t *testing.T) {
	h := jobs.SweepExpired(failingSweeper{}, slog.New(slog.NewTextHandler(io.Discard, nil)), time.Now)
	if err := h(context.Background(), events.CloudWatchEvent{}); err == nil {
		t.Fatal("a failed sweep returned nil; EventBridge would not retry it")
	}
}

// An export whose last try crashed stays running with its lease run out:
// the hourly sweep ends it failed and queues the mail once, and leaves
// alone an export a worker still holds.
func TestSweepEndsStalledExports(t *testing.T) {
	ctx := context.Background()
	db, table := dynamotest.MustOpen(t)
	store := dynamo.NewStore(db, table)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	crashed := roster.ContactExport{ID: "01A", OrgID: "o1", RequestedBy: "u1", Format: "csv", Status: roster.ExportRunning,
		LeaseUntil: now.Add(-roster.ExportRetryWindow - time.Minute), Attempt: 3, Version: 1, CreatedAt: now.Add(-time.Hour), UpdatedAt: now.Add(-time.Hour)}
	working := roster.ContactExport{ID: "01B", OrgID: "o1", RequestedBy: "u2", Format: "csv", Status: roster.ExportRunning,
		LeaseUntil: now.Add(5 * time.Minute), Attempt: 1, Version: 1, CreatedAt: now, UpdatedAt: now}
	for _, e := range []roster.ContactExport{crashed, working} {
		if err := store.SaveExport(ctx, e, nil); err != nil {
			t.Fatal(err)
		}
	}
	h := jobs.SweepExpired(store, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return now })
	for range 2 { // the second run finds nothing more to do
		if err := h(ctx, events.CloudWatchEvent{ID: "ev1"}); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := store.Export(ctx, "o1", "01A"); got.Status != roster.ExportFailed || got.Failure == "" {
		t.Fatalf("crashed export after the sweep: %+v", got)
	}
	if got, _ := store.Export(ctx, "o1", "01B"); got.Status != roster.ExportRunning {
		t.Fatalf("held export after the sweep: %+v", got)
	}
	due, err := store.DueMail(ctx, now, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].Kind != roster.MailExportFailed || due[0].UserID != "u1" {
		t.Fatalf("mail queued by the sweep: %+v", due)
	}
}
