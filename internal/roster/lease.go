package roster

import (
	"context"
	"time"
)

// LeaseUntil is when a lease taken at now by work running under ctx ends:
// after d, but never much past ctx's deadline, so that when Lambda stops
// an invocation for time its lease has run out before the retried event
// arrives (a minute or more later).
func LeaseUntil(ctx context.Context, now time.Time, d time.Duration) time.Time {
	if deadline, ok := ctx.Deadline(); ok {
		d = min(d, deadline.Sub(now)+30*time.Second)
	}
	return now.Add(d)
}
