package roster

import (
	"context"
	"testing"
	"time"
)

func TestLeaseUntilEndsSoonAfterTheDeadline(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	if got := LeaseUntil(context.Background(), now, 15*time.Minute); !got.Equal(now.Add(15 * time.Minute)) {
		t.Errorf("without a deadline: %v, want the full 15 minutes", got)
	}
	ctx, cancel := context.WithDeadline(context.Background(), now.Add(2*time.Minute))
	defer cancel()
	if got := LeaseUntil(ctx, now, 15*time.Minute); !got.Equal(now.Add(2*time.Minute + 30*time.Second)) {
		t.Errorf("with a deadline in 2 minutes: %v, want 30 s after it", got)
	}
	if got := LeaseUntil(ctx, now, time.Minute); !got.Equal(now.Add(time.Minute)) {
		t.Errorf("a lease shorter than the deadline: %v, want it unchanged", got)
	}
}
