package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

var _ roster.IdempotencyStore = (*Store)(nil)

func idempotencyKey(k string) key { return key{"IDEM#" + k, "IDEM"} }

type idempotencyItem struct {
	key
	expiry
	Type        string            `dynamodbav:"type"`
	Fingerprint string            `dynamodbav:"fingerprint"`
	Done        bool              `dynamodbav:"done"`
	Status      int               `dynamodbav:"status,omitempty"`
	Headers     map[string]string `dynamodbav:"headers,omitempty"`
	Body        string            `dynamodbav:"body,omitempty"`
	StartedAt   string            `dynamodbav:"startedAt"`
}

// BeginIdempotent claims a key: a new key, or one whose request has been in
// progress longer than the lease (its function died). Otherwise it returns
// the record as it stands.
func (s *Store) BeginIdempotent(ctx context.Context, k, fingerprint string, now time.Time) (roster.IdempotencyRecord, bool, error) {
	pk := idempotencyKey(k)
	it := idempotencyItem{key: pk, expiry: expiresAt(now.Add(roster.IdempotencyTTL), pk), Type: "Idempotency",
		Fingerprint: fingerprint, StartedAt: ts(now)}
	av, err := attributevalue.MarshalMap(it)
	if err != nil {
		return roster.IdempotencyRecord{}, false, fmt.Errorf("encode idempotency record: %w", err)
	}
	cond := expression.AttributeNotExists(expression.Name("pk")).Or(
		expression.Name("done").Equal(expression.Value(false)).And(
			expression.Name("startedAt").LessThan(expression.Value(ts(now.Add(-roster.IdempotencyLease)))),
		).And(expression.Name("fingerprint").Equal(expression.Value(fingerprint))))
	expr, err := expression.NewBuilder().WithCondition(cond).Build()
	if err != nil {
		return roster.IdempotencyRecord{}, false, fmt.Errorf("build idempotency condition: %w", err)
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: &s.table, Item: av, ConditionExpression: expr.Condition(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	})
	var ccf *types.ConditionalCheckFailedException
	if err == nil {
		return roster.IdempotencyRecord{Fingerprint: fingerprint, StartedAt: now}, true, nil
	}
	if !errors.As(err, &ccf) {
		return roster.IdempotencyRecord{}, false, fmt.Errorf("claim idempotency key: %w", err)
	}
	var cur idempotencyItem
	if err := s.get(ctx, pk, &cur, "idempotency record"); err != nil {
		return roster.IdempotencyRecord{}, false, err
	}
	return roster.IdempotencyRecord{
		Fingerprint: cur.Fingerprint, Done: cur.Done, StartedAt: parseTS(cur.StartedAt),
		Result: roster.IdempotentResult{Status: cur.Status, Headers: cur.Headers, Body: cur.Body},
	}, false, nil
}

// FinishIdempotent stores a finished request's response.
func (s *Store) FinishIdempotent(ctx context.Context, k string, r roster.IdempotentResult, now time.Time) error {
	pk := idempotencyKey(k)
	upd := expression.Set(expression.Name("done"), expression.Value(true)).
		Set(expression.Name("status"), expression.Value(r.Status)).
		Set(expression.Name("body"), expression.Value(r.Body))
	if len(r.Headers) > 0 {
		upd = upd.Set(expression.Name("headers"), expression.Value(r.Headers))
	}
	return s.update(ctx, pk, expression.AttributeExists(expression.Name("pk")), upd,
		roster.Errorf(roster.ENotFound, "idempotency record vanished"))
}

// AbandonIdempotent deletes a key's record.
func (s *Store) AbandonIdempotent(ctx context.Context, k string) error {
	if _, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: idempotencyKey(k).av()}); err != nil {
		return fmt.Errorf("delete idempotency record: %w", err)
	}
	return nil
}
