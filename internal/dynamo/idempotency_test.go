package dynamo_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/roster-app/roster/internal/roster"
)

func TestIdempotency(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)

	t.Run("of concurrent requests with one key exactly one runs", func(t *testing.T) {
		var started atomic.Int32
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, ok, err := s.BeginIdempotent(ctx, "k1", "fp", t0)
				if err != nil {
					t.Error(err)
				}
				if ok {
					started.Add(1)
				}
			}()
		}
		wg.Wait()
		if started.Load() != 1 {
			t.Fatalf("%d requests started, want 1", started.Load())
		}
	})
	t.Run("a finished request is returned with its result", func(t *testing.T) {
		res := roster.IdempotentResult{Status: 201, Headers: map[string]string{"Content-Type": "application/json"}, Body: `{"id":"x"}`}
		if err := s.FinishIdempotent(ctx, "k1", res, t0); err != nil {
			t.Fatal(err)
		}
		rec, ok, err := s.BeginIdempotent(ctx, "k1", "fp", t0.Add(roster.IdempotencyLease*2))
		if err != nil || ok || !rec.Done || rec.Result.Status != 201 || rec.Result.Body != res.Body || rec.Result.Headers["Content-Type"] != "application/json" {
			t.Fatalf("rec %+v started %v err %v", rec, ok, err)
		}
	})
	t.Run("a request stuck past the lease is taken over by its retry", func(t *testing.T) {
		if _, ok, _ := s.BeginIdempotent(ctx, "k2", "fp", t0); !ok {
			t.Fatal("first claim failed")
		}
		if _, ok, _ := s.BeginIdempotent(ctx, "k2", "fp", t0.Add(roster.IdempotencyLease/2)); ok {
			t.Fatal("taken over within the lease")
		}
		if _, ok, _ := s.BeginIdempotent(ctx, "k2", "other", t0.Add(roster.IdempotencyLease*2)); ok {
			t.Fatal("a different request took over a stale key")
		}
		if _, ok, _ := s.BeginIdempotent(ctx, "k2", "fp", t0.Add(roster.IdempotencyLease*2)); !ok {
			t.Fatal("the retry could not take over a stale claim")
		}
	})
	t.Run("an abandoned key runs again", func(t *testing.T) {
		if err := s.AbandonIdempotent(ctx, "k2"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.BeginIdempotent(ctx, "k2", "new", t0); !ok {
			t.Fatal("abandoned key not reusable")
		}
	})
}
