package dynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// SweepLookback is how many days back SweepExpired looks. Anything older was
// either swept by an earlier run or has long been deleted by TTL.
const SweepLookback = 3

// SweepExpired deletes items whose expiry is before now, found through the
// ByExpiry index one day at a time, and returns how many it deleted. It is
// safe to run concurrently and repeatedly: deleting a deleted item is a no-op.
func (s *Store) SweepExpired(ctx context.Context, now time.Time) (int, error) {
	now = now.UTC()
	deleted := 0
	for d := SweepLookback; d >= 0; d-- {
		day := now.AddDate(0, 0, -d).Format(time.DateOnly)
		p := dynamodb.NewQueryPaginator(s.db, &dynamodb.QueryInput{
			TableName:              &s.table,
			IndexName:              strp("ByExpiry"),
			KeyConditionExpression: strp("expDay = :day AND expKey < :now"),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":day": &types.AttributeValueMemberS{Value: day},
				":now": &types.AttributeValueMemberS{Value: now.Format(time.RFC3339)},
			},
			Limit: int32p(100),
		})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return deleted, fmt.Errorf("query expired items of %s: %w", day, err)
			}
			keys := make([]key, 0, len(page.Items))
			for _, item := range page.Items {
				var k key
				if err := attributevalue.UnmarshalMap(item, &k); err != nil {
					return deleted, fmt.Errorf("decode expired key: %w", err)
				}
				keys = append(keys, k)
			}
			n, err := s.deleteKeys(ctx, keys)
			deleted += n
			if err != nil {
				return deleted, err
			}
		}
	}
	return deleted, nil
}

// deleteKeys deletes in batches of 25 (the BatchWriteItem limit) with the
// store's one batch policy (batch.go), and returns how many it deleted.
func (s *Store) deleteKeys(ctx context.Context, keys []key) (int, error) {
	done := 0
	for start := 0; start < len(keys); start += batchWriteSize {
		chunk := keys[start:min(start+batchWriteSize, len(keys))]
		reqs := make([]types.WriteRequest, len(chunk))
		for i, k := range chunk {
			reqs[i] = types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: k.av()}}
		}
		if err := s.writeChunk(ctx, reqs, "delete expired items"); err != nil {
			return done, err
		}
		done += len(chunk)
	}
	return done, nil
}

func int32p(n int32) *int32 { return &n }
