// Package dynamo keeps Roster's state in one DynamoDB table (single-table
// design; the key layout and access patterns are in docs/table-design.md).
//
// A Reader has only read methods, so a function given read-only table access
// is also given a type that cannot write; a Store reads and writes.
package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// ItemLayout numbers the layout of the items this package writes. Bump it
// when items written by an older build would be read wrongly or missed by
// this one without a backfill (items an index now needs, items kept
// beside others such as the per-group members): the local stack refuses
// local data written under another layout. Layout 2 (issue 10): the
// UsersByName, audit, ledger, contact and conversation indexes, per-group
// member items, one due item per message. Layout 3 (issue 11): a marker
// for each queued or running export. Layout 4 (issue 13): outbound texts
// carry their send state and, while queued, their TextsDue keys (a text
// queued before would never be sent).
const ItemLayout = 4

// Reader reads the table.
type Reader struct {
	db    *dynamodb.Client
	table string
}

// Store reads and writes the table.
type Store struct {
	Reader
}

// NewReader returns a read-only view of table.
func NewReader(db *dynamodb.Client, table string) *Reader {
	return &Reader{db: db, table: table}
}

// NewStore returns a read-write store over table.
func NewStore(db *dynamodb.Client, table string) *Store {
	return &Store{Reader{db: db, table: table}}
}

var (
	_ roster.UserStore          = (*Reader)(nil)
	_ roster.OrganisationStore  = (*Store)(nil)
	_ roster.SessionStore       = (*Store)(nil)
	_ roster.SignInAttemptStore = (*Store)(nil)
)

// key is the primary key of an item.
type key struct {
	PK string `dynamodbav:"pk"`
	SK string `dynamodbav:"sk"`
}

func (k key) av() map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk": &types.AttributeValueMemberS{Value: k.PK},
		"sk": &types.AttributeValueMemberS{Value: k.SK},
	}
}

// expiry marks an item that stops mattering at a time: ttl lets DynamoDB
// delete it eventually; expDay/expKey put it in the sparse ByExpiry index so
// the hourly sweep deletes it on time (TTL can lag by days).
type expiry struct {
	TTL    int64  `dynamodbav:"ttl,omitempty"`
	ExpDay string `dynamodbav:"expDay,omitempty"`
	ExpKey string `dynamodbav:"expKey,omitempty"`
}

func expiresAt(t time.Time, k key) expiry {
	t = t.UTC()
	return expiry{
		TTL:    t.Unix(),
		ExpDay: t.Format(time.DateOnly),
		ExpKey: t.Format(time.RFC3339) + "#" + k.PK + "#" + k.SK,
	}
}

// get reads one item into out. Returns ENotFound (with what) when absent.
func (r *Reader) get(ctx context.Context, k key, out any, what string) error {
	res, err := r.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &r.table, Key: k.av(), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return fmt.Errorf("get %s %s/%s: %w", what, k.PK, k.SK, err)
	}
	if res.Item == nil {
		return roster.Errorf(roster.ENotFound, "%s not found", what)
	}
	if err := attributevalue.UnmarshalMap(res.Item, out); err != nil {
		return fmt.Errorf("decode %s %s/%s: %w", what, k.PK, k.SK, err)
	}
	return nil
}

// put writes one item on condition cond (nil: none); a failed condition
// is EConflict.
func (s *Store) put(ctx context.Context, item any, cond *string, what string) error {
	av, err := attributevalue.MarshalMap(item)
	if err != nil {
		return fmt.Errorf("encode %s: %w", what, err)
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: av, ConditionExpression: cond})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return roster.Errorf(roster.EConflict, "%s was changed concurrently", what)
	}
	if err != nil {
		return fmt.Errorf("put %s: %w", what, err)
	}
	return nil
}

// tsLayout is RFC 3339 in UTC with all nine fractional digits, so that
// stored times compare correctly as strings in condition expressions
// (RFC3339Nano drops trailing zeros: "…:05Z" would sort after "…:05.5Z").
const tsLayout = "2006-01-02T15:04:05.000000000Z"

func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

func parseTS(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// transact runs a transaction. One cancelled because another transaction
// touched the same item at the same moment (TransactionConflict: DynamoDB
// does not retry these) is a conflict the caller may retry, not an outage.
func (s *Store) transact(ctx context.Context, items []types.TransactWriteItem) error {
	_, err := s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	var tce *types.TransactionCanceledException
	if errors.As(err, &tce) {
		for _, r := range tce.CancellationReasons {
			if r.Code != nil && *r.Code == "TransactionConflict" {
				return roster.WithReason(roster.EConflict, "concurrent_update", "another change to the same data happened at the same moment; retry")
			}
		}
	}
	return err
}
