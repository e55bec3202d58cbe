package dynamolocal

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// sized is an item of about n bytes (the padding attribute makes up the
// rest), with gsi1pk when indexed.
func sized(pk, sk string, n int, indexed bool) map[string]types.AttributeValue {
	it := key(pk, sk)
	if indexed {
		it["gsi1pk"] = str("g#" + pk)
	}
	base := itemSizeOf(it)
	if n > base+3 {
		it["pad"] = str(strings.Repeat("x", n-base-3))
	}
	return it
}

func itemSizeOf(it map[string]types.AttributeValue) int {
	n := 0
	for name, v := range it {
		n += len(name)
		if s, ok := v.(*types.AttributeValueMemberS); ok {
			n += len(s.Value)
		}
	}
	return n
}

type meterFixture struct {
	srv *Server
	db  *dynamodb.Client
}

func newMeterFixture(t *testing.T) meterFixture {
	t.Helper()
	srv := New()
	db, _ := serve(t, srv)
	createTable(t, db, "t")
	return meterFixture{srv, db}
}

// cost runs fn and returns what its calls cost.
func (f meterFixture) cost(t *testing.T, fn func(context.Context) error) Usage {
	t.Helper()
	before := f.srv.Total()
	if err := fn(context.Background()); err != nil {
		var ccf *types.ConditionalCheckFailedException
		var tce *types.TransactionCanceledException
		if !errors.As(err, &ccf) && !errors.As(err, &tce) {
			t.Fatal(err)
		}
	}
	return f.srv.Total().Sub(before)
}

func (f meterFixture) put(t *testing.T, it map[string]types.AttributeValue) {
	t.Helper()
	if _, err := f.db.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String("t"), Item: it}); err != nil {
		t.Fatal(err)
	}
}

func TestMeterPrices(t *testing.T) {
	f := newMeterFixture(t)
	for i := range 10 {
		f.put(t, sized("p", string(rune('a'+i)), 1000, false))
	}
	f.put(t, sized("q", "a", 100, true))

	cases := []struct {
		name string
		fn   func(context.Context) error
		want Usage
	}{
		{"put of 1 KB, no index", func(ctx context.Context) error {
			_, err := f.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("t"), Item: sized("r", "a", 1000, false)})
			return err
		}, Usage{Calls: 1, WRU: 1}},
		{"put of 2.5 KB, indexed: table 3 + index 3", func(ctx context.Context) error {
			_, err := f.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("t"), Item: sized("r", "b", 2500, true)})
			return err
		}, Usage{Calls: 1, WRU: 6}},
		{"overwrite of 3 KB by 0.1 KB: the larger counts, index left", func(ctx context.Context) error {
			_, err := f.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("t"), Item: sized("r", "b", 100, false)})
			return err
		}, Usage{Calls: 1, WRU: 3 + 3}},
		{"failed condition: the item's units, no index", func(ctx context.Context) error {
			_, err := f.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("t"), Item: sized("q", "a", 100, true),
				ConditionExpression: aws.String("attribute_not_exists(pk)")})
			return err
		}, Usage{Calls: 1, WRU: 1}},
		{"update moving the index key: delete + put in the index", func(ctx context.Context) error {
			_, err := f.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("t"), Key: key("q", "a"),
				UpdateExpression:          aws.String("SET gsi1pk = :g"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":g": str("elsewhere")}})
			return err
		}, Usage{Calls: 1, WRU: 1 + 2}},
		{"consistent get of 1 KB", func(ctx context.Context) error {
			_, err := f.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("t"), Key: key("p", "a"), ConsistentRead: aws.Bool(true)})
			return err
		}, Usage{Calls: 1, RRU: 1}},
		{"eventual get of a missing item", func(ctx context.Context) error {
			_, err := f.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("t"), Key: key("nope", "a")})
			return err
		}, Usage{Calls: 1, RRU: 0.5}},
		{"projected get counts the whole item", func(ctx context.Context) error {
			_, err := f.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("t"), Key: key("r", "a"), ConsistentRead: aws.Bool(true),
				ProjectionExpression: aws.String("sk")})
			return err
		}, Usage{Calls: 1, RRU: 1}},
		{"query of 10 KB, consistent", func(ctx context.Context) error {
			_, err := f.db.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("t"), KeyConditionExpression: aws.String("pk = :p"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":p": str("p")}, ConsistentRead: aws.Bool(true)})
			return err
		}, Usage{Calls: 1, RRU: 3}},
		{"query whose filter drops everything still pays for what it read", func(ctx context.Context) error {
			_, err := f.db.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("t"), KeyConditionExpression: aws.String("pk = :p"),
				FilterExpression:          aws.String("#s = :none"),
				ExpressionAttributeNames:  map[string]string{"#s": "sk"},
				ExpressionAttributeValues: map[string]types.AttributeValue{":p": str("p"), ":none": str("zzz")}})
			return err
		}, Usage{Calls: 1, RRU: 1.5}},
		{"query with Limit 3 reads 3 KB", func(ctx context.Context) error {
			_, err := f.db.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("t"), KeyConditionExpression: aws.String("pk = :p"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":p": str("p")}, Limit: aws.Int32(3), ConsistentRead: aws.Bool(true)})
			return err
		}, Usage{Calls: 1, RRU: 1}},
		{"empty query costs the minimum", func(ctx context.Context) error {
			_, err := f.db.Query(ctx, &dynamodb.QueryInput{TableName: aws.String("t"), IndexName: aws.String("gsi1"),
				KeyConditionExpression:    aws.String("gsi1pk = :p"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":p": str("none")}})
			return err
		}, Usage{Calls: 1, RRU: 0.5}},
		{"batch get rounds up per item", func(ctx context.Context) error {
			_, err := f.db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{
				"t": {Keys: []map[string]types.AttributeValue{key("p", "a"), key("p", "b"), key("nope", "x")}, ConsistentRead: aws.Bool(true)}}})
			return err
		}, Usage{Calls: 1, RRU: 3}},
		{"transaction doubles: two 1 KB puts and a condition check", func(ctx context.Context) error {
			_, err := f.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
				{Put: &types.Put{TableName: aws.String("t"), Item: sized("s", "a", 900, false)}},
				{Put: &types.Put{TableName: aws.String("t"), Item: sized("s", "b", 900, false)}},
				{ConditionCheck: &types.ConditionCheck{TableName: aws.String("t"), Key: key("p", "a"), ConditionExpression: aws.String("attribute_exists(pk)")}},
			}})
			return err
		}, Usage{Calls: 1, WRU: 6}},
		{"batch write: a put and a delete", func(ctx context.Context) error {
			_, err := f.db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
				"t": {{PutRequest: &types.PutRequest{Item: sized("u", "a", 1500, false)}}, {DeleteRequest: &types.DeleteRequest{Key: key("s", "a")}}}}})
			return err
		}, Usage{Calls: 1, WRU: 2 + 1}},
		{"delete of an indexed item writes the index", func(ctx context.Context) error {
			_, err := f.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("t"), Key: key("q", "a")})
			return err
		}, Usage{Calls: 1, WRU: 2}},
	}
	for _, c := range cases {
		if got := f.cost(t, c.fn); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMeterObserverSeesEachCall(t *testing.T) {
	f := newMeterFixture(t)
	var mu sync.Mutex
	var paths []string
	var sum Usage
	f.srv.Observe(func(r *http.Request, u Usage) {
		mu.Lock()
		defer mu.Unlock()
		paths = append(paths, r.URL.Path)
		sum.Add(u)
	})
	before := f.srv.Total()
	f.put(t, sized("a", "b", 10, false))
	f.put(t, sized("a", "c", 10, true))
	f.srv.Observe(nil)
	f.put(t, sized("a", "d", 10, false))

	mu.Lock()
	defer mu.Unlock()
	if len(paths) != 2 {
		t.Fatalf("observer saw %d calls, want 2", len(paths))
	}
	if want := (Usage{Calls: 2, WRU: 3}); sum != want {
		t.Errorf("observer sum %v, want %v", sum, want)
	}
	if got := f.srv.Total().Sub(before); got != (Usage{Calls: 3, WRU: 4}) {
		t.Errorf("total %v, want calls=3 wru=4", got)
	}
}

func TestUsageString(t *testing.T) {
	if got := (Usage{Calls: 3, RRU: 2.5, WRU: 4}).String(); got != "calls=3; rru=2.5; wru=4" {
		t.Errorf("got %q", got)
	}
}
