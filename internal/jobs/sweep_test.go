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

type failingSweeper struct{}

func (failingSweeper) SweepExpired(context.Context, time.Time) (int, error) {
	return 3, errors.New("throttled")
}

func TestSweepExpiredReportsFailureForRetry(t *testing.T) {
	h := jobs.SweepExpired(failingSweeper{}, slog.New(slog.NewTextHandler(io.Discard, nil)), time.Now)
	if err := h(context.Background(), events.CloudWatchEvent{}); err == nil {
		t.Fatal("a failed sweep returned nil; EventBridge would not retry it")
	}
}
