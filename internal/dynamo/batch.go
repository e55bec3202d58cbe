package dynamo

// One policy for every BatchGetItem and BatchWriteItem of the store: keys
// and requests in calls of DynamoDB's size, what DynamoDB leaves
// unprocessed (or a throttled call) retried with exponential backoff and
// jitter up to batchAttempts times, then an error naming what was left.

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// batchGetSize is BatchGetItem's limit of keys per call.
const batchGetSize = 100

// batchAttempts bounds the retries of unprocessed keys or items.
const batchAttempts = 8

// backoff waits before retry attempt (1, 2, …): exponential from 50 ms,
// capped at 3 s, with full jitter.
func backoff(ctx context.Context, attempt int) error {
	ceiling := min(50*time.Millisecond<<min(attempt, 10), 3*time.Second)
	t := time.NewTimer(time.Duration(rand.Int64N(int64(ceiling)) + 1))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// batchGet reads keys (deduplicated) consistently, 100 per call, retrying
// unprocessed keys, and calls fn for every item found.
func (r *Reader) batchGet(ctx context.Context, keys []key, fn func(map[string]types.AttributeValue) error) error {
	seen := make(map[key]bool, len(keys))
	var unique []map[string]types.AttributeValue
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			unique = append(unique, k.av())
		}
	}
	for start := 0; start < len(unique); start += batchGetSize {
		pending := unique[start:min(start+batchGetSize, len(unique))]
		for attempt := 1; len(pending) > 0; attempt++ {
			if attempt > batchAttempts {
				return fmt.Errorf("batch get: %d keys still unprocessed after %d attempts", len(pending), batchAttempts)
			}
			if attempt > 1 {
				if err := backoff(ctx, attempt-1); err != nil {
					return err
				}
			}
			out, err := r.db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
				r.table: {Keys: pending, ConsistentRead: aws.Bool(true)},
			}})
			if err != nil {
				return fmt.Errorf("batch get: %w", err)
			}
			for _, item := range out.Responses[r.table] {
				if err := fn(item); err != nil {
					return err
				}
			}
			pending = out.UnprocessedKeys[r.table].Keys
		}
	}
	return nil
}

// batchWriteSize is BatchWriteItem's limit of requests per call.
const batchWriteSize = 25

// batchWriters is how many BatchWriteItem calls one batchWrite has in
// flight: against DynamoDB the round trip, not Roster, sets the pace.
const batchWriters = 4

// batchWrite sends write requests with BatchWriteItem, 25 a call and up to
// batchWriters calls at once, retrying unprocessed items with exponential
// backoff and jitter a bounded number of times. No two requests may share
// a key (so the calls' order does not matter). The first failure stops the
// rest and is returned.
func (s *Store) batchWrite(ctx context.Context, reqs []types.WriteRequest, what string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []types.WriteRequest)
	errs := make(chan error, batchWriters)
	var wg sync.WaitGroup
	for range min(batchWriters, (len(reqs)+batchWriteSize-1)/batchWriteSize) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for chunk := range chunks {
				if err := s.writeChunk(ctx, chunk, what); err != nil {
					errs <- err
					cancel()
					return
				}
			}
		}()
	}
	sent := 0
send:
	for ; sent < len(reqs); sent += batchWriteSize {
		select {
		case chunks <- reqs[sent:min(sent+batchWriteSize, len(reqs))]:
		case <-ctx.Done():
			break send
		}
	}
	close(chunks)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	if sent < len(reqs) {
		return fmt.Errorf("%s: %w", what, context.Cause(ctx)) // the caller's context ended
	}
	return nil
}

// writeChunk writes up to 25 requests, retrying what DynamoDB leaves
// unprocessed.
func (s *Store) writeChunk(ctx context.Context, pending []types.WriteRequest, what string) error {
	for attempt := 1; len(pending) > 0; attempt++ {
		if attempt > batchAttempts {
			return fmt.Errorf("%s: %d requests still unprocessed after %d attempts", what, len(pending), batchAttempts)
		}
		if attempt > 1 {
			if err := backoff(ctx, attempt-1); err != nil {
				return err
			}
		}
		out, err := s.db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{s.table: pending}})
		if err != nil {
			var throttled *types.ProvisionedThroughputExceededException
			if errors.As(err, &throttled) {
				continue // the whole batch again, after the backoff
			}
			return fmt.Errorf("%s: %w", what, err)
		}
		pending = out.UnprocessedItems[s.table]
	}
	return nil
}
