package roster

import (
	"context"
	"time"
)

// IdempotencyTTL is how long a request's result is kept for retries with the
// same Idempotency-Key (Stripe keeps 24 hours too).
const IdempotencyTTL = 24 * time.Hour

// IdempotencyLease is how long a request may stay in progress before a retry
// may take it over: longer than any function's timeout, so only a request
// whose function died is taken over.
const IdempotencyLease = 2 * time.Minute

// IdempotentResult is a finished request's response, kept for replay.
type IdempotentResult struct {
	Status  int
	Headers map[string]string
	Body    string
}

// IdempotencyRecord is what is known about one idempotency key.
type IdempotencyRecord struct {
	Fingerprint string // hash of what the request asked for
	Done        bool
	Result      IdempotentResult
	StartedAt   time.Time
}

// IdempotencyStore remembers requests by key.
type IdempotencyStore interface {
	// BeginIdempotent claims key for a request with fingerprint. started is
	// true when the caller now owns the key (new, or a stale claim taken
	// over); otherwise the existing record is returned.
	BeginIdempotent(ctx context.Context, key, fingerprint string, now time.Time) (rec IdempotencyRecord, started bool, err error)
	// FinishIdempotent stores the result of a request that owns key.
	FinishIdempotent(ctx context.Context, key string, result IdempotentResult, now time.Time) error
	// AbandonIdempotent forgets key, so that a retry runs the request again.
	AbandonIdempotent(ctx context.Context, key string) error
}
