package dynamolocal

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The scale benchmark seeds one table shaped like template.yaml's (pk/sk
// strings, a KEYS_ONLY GSI on expDay/expKey) with ROSTER_SCALE_ITEMS items
// (300,000: 10,000 users, 100,000 contacts, 100,000 audit events in the GSI,
// 10,000 conversations with 30,000 messages, 50,000 ledger entries) and then
// times single calls against it through the stock SDK client:
//
//	ROSTER_SCALE_ITEMS=300000 go test -run '^$' -bench Scale -benchtime 200x ./internal/local/dynamolocal/
//
// Other sizes scale the mix; every partition that is queried keeps its 50
// items. Without ROSTER_SCALE_ITEMS the benchmark skips itself: seeding takes
// 15-35 s (14 s of CPU) and 775 MiB on the dev machines: too much for `make bench`.
// Benchmarks never run under plain `go test`.

const scaleTable = "scale"

// scaleMix is the item mix per 300,000 items.
type scaleMix struct {
	users, contactOrgs, auditOrgs, conversations, ledgerUsers int
}

func mixFor(n int) scaleMix {
	f := func(full int) int { return max(1, full*n/300000) }
	return scaleMix{
		users:         f(10000), // 1 profile each
		contactOrgs:   f(2000),  // 50 contacts each: 100,000
		auditOrgs:     f(1000),  // 100 audit events each, all in the GSI: 100,000
		conversations: f(10000), // 1 conversation + 3 messages each: 40,000
		ledgerUsers:   f(10000), // 5 ledger entries each: 50,000
	}
}

func (m scaleMix) items() int {
	return m.users + m.contactOrgs*50 + m.auditOrgs*100 + m.conversations*4 + m.ledgerUsers*5
}

// each calls put with every item of the mix.
func (m scaleMix) each(put func(map[string]types.AttributeValue)) {
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	n := func(v int) types.AttributeValue { return &types.AttributeValueMemberN{Value: strconv.Itoa(v)} }
	for u := range m.users {
		put(map[string]types.AttributeValue{"pk": s(fmt.Sprintf("USER#u%05d", u)), "sk": s("PROFILE"),
			"email": s(fmt.Sprintf("u%05d@example.com", u)), "credits": n(100)})
	}
	for o := range m.contactOrgs {
		for c := range 50 {
			put(map[string]types.AttributeValue{"pk": s(fmt.Sprintf("ORG#o%04d#CONTACTS", o)),
				"sk": s(fmt.Sprintf("CONTACT#c%06d", o*50+c)), "name": s(fmt.Sprintf("Contact %d", c)),
				"phone": s(fmt.Sprintf("+1555%07d", o*50+c)), "kind": s([]string{"person", "company"}[c%2])})
		}
	}
	// Audit events expire: 2,000 days of 50 events each in ByExpiry.
	for o := range m.auditOrgs {
		for e := range 100 {
			pk, sk := fmt.Sprintf("ORG#o%04d#AUDIT", o), fmt.Sprintf("EV#2026-11-%02dT%06d", e%28+1, e)
			day := (o*100 + e) / 50
			put(map[string]types.AttributeValue{"pk": s(pk), "sk": s(sk), "what": s("login"),
				"expDay": s(fmt.Sprintf("D%05d", day)), "expKey": s(pk + "|" + sk)})
		}
	}
	for c := range m.conversations {
		pk := fmt.Sprintf("CONV#c%05d", c)
		put(map[string]types.AttributeValue{"pk": s(pk), "sk": s("META"), "subject": s("hello")})
		for i := range 3 {
			put(map[string]types.AttributeValue{"pk": s(pk), "sk": s(fmt.Sprintf("MSG#%03d", i)), "body": s("text")})
		}
	}
	for u := range m.ledgerUsers {
		for i := range 5 {
			put(map[string]types.AttributeValue{"pk": s(fmt.Sprintf("LEDGER#u%05d", u)),
				"sk": s(fmt.Sprintf("E#%06d", i)), "amount": n(-1)})
		}
	}
}

func scaleClient(tb testing.TB, url string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		BaseEndpoint:     aws.String(url),
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("local", "local", ""),
		RetryMaxAttempts: 1,
	})
}

func createScaleTable(tb testing.TB, db *dynamodb.Client) {
	tb.Helper()
	s := func(name string) types.AttributeDefinition {
		return types.AttributeDefinition{AttributeName: aws.String(name), AttributeType: types.ScalarAttributeTypeS}
	}
	key := func(h, r string) []types.KeySchemaElement {
		return []types.KeySchemaElement{{AttributeName: aws.String(h), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String(r), KeyType: types.KeyTypeRange}}
	}
	_, err := db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String(scaleTable),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{s("pk"), s("sk"), s("expDay"), s("expKey")},
		KeySchema:            key("pk", "sk"),
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName: aws.String("ByExpiry"), KeySchema: key("expDay", "expKey"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
		}},
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// seedScale writes every item of the mix with BatchWriteItem, four calls in
// flight, and returns how long that took.
func seedScale(tb testing.TB, db *dynamodb.Client, m scaleMix) time.Duration {
	tb.Helper()
	batches := make(chan []types.WriteRequest)
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for reqs := range batches {
				for len(reqs) > 0 {
					out, err := db.BatchWriteItem(context.Background(), &dynamodb.BatchWriteItemInput{
						RequestItems: map[string][]types.WriteRequest{scaleTable: reqs}})
					if err != nil {
						errs <- err
						for range batches {
						}
						return
					}
					reqs = out.UnprocessedItems[scaleTable]
				}
			}
		}()
	}
	start := time.Now()
	var batch []types.WriteRequest
	m.each(func(item map[string]types.AttributeValue) {
		batch = append(batch, types.WriteRequest{PutRequest: &types.PutRequest{Item: item}})
		if len(batch) == 25 {
			batches <- batch
			batch = nil
		}
	})
	if len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	wg.Wait()
	took := time.Since(start)
	select {
	case err := <-errs:
		tb.Fatal(err)
	default:
	}
	return took
}

func scaleItems(tb testing.TB) int {
	v := os.Getenv("ROSTER_SCALE_ITEMS")
	if v == "" {
		tb.Skip("set ROSTER_SCALE_ITEMS (for example 300000) to run the scale benchmark")
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1000 {
		tb.Fatalf("ROSTER_SCALE_ITEMS=%q: want a number >= 1000", v)
	}
	return n
}

func BenchmarkScale(b *testing.B) {
	n := scaleItems(b)
	ts := httptest.NewServer(New())
	b.Cleanup(ts.Close)
	db := scaleClient(b, ts.URL)
	ctx := context.Background()
	createScaleTable(b, db)
	mix := mixFor(n)
	took := seedScale(b, db, mix)
	b.Logf("seeded %d items (%d in ByExpiry) in %v: %.0f items/s",
		mix.items(), mix.auditOrgs*100, took.Round(time.Millisecond), float64(mix.items())/took.Seconds())

	// The partitions queried sit in the middle of the key space.
	contacts := fmt.Sprintf("ORG#o%04d#CONTACTS", mix.contactOrgs/2)
	day := fmt.Sprintf("D%05d", mix.auditOrgs*100/50/2)
	query := func(index string, forward bool) *dynamodb.QueryInput {
		in := &dynamodb.QueryInput{TableName: aws.String(scaleTable), Limit: aws.Int32(20),
			ScanIndexForward: aws.Bool(forward)}
		if index == "" {
			in.KeyConditionExpression = aws.String("pk = :p")
			in.ExpressionAttributeValues = map[string]types.AttributeValue{":p": &types.AttributeValueMemberS{Value: contacts}}
		} else {
			in.IndexName = aws.String(index)
			in.KeyConditionExpression = aws.String("expDay = :d")
			in.ExpressionAttributeValues = map[string]types.AttributeValue{":d": &types.AttributeValueMemberS{Value: day}}
		}
		return in
	}
	for _, index := range []string{"", "ByExpiry"} {
		for _, forward := range []bool{true, false} {
			name := fmt.Sprintf("Query/base/forward=%v", forward)
			if index != "" {
				name = fmt.Sprintf("Query/gsi/forward=%v", forward)
			}
			b.Run(name+"/page1", func(b *testing.B) {
				in := query(index, forward)
				for b.Loop() {
					out, err := db.Query(ctx, in)
					if err != nil || len(out.Items) != 20 || out.LastEvaluatedKey == nil {
						b.Fatalf("page 1: %v, %d items", err, len(out.Items))
					}
				}
			})
			b.Run(name+"/page2", func(b *testing.B) {
				// Limit 20 from the first page's LastEvaluatedKey.
				first, err := db.Query(ctx, query(index, forward))
				if err != nil || len(first.Items) != 20 || first.LastEvaluatedKey == nil {
					b.Fatalf("first page: %v, %d items", err, len(first.Items))
				}
				in := query(index, forward)
				in.ExclusiveStartKey = first.LastEvaluatedKey
				for b.Loop() {
					out, err := db.Query(ctx, in)
					if err != nil || len(out.Items) != 20 || out.LastEvaluatedKey == nil {
						b.Fatalf("page 2: %v, %d items", err, len(out.Items))
					}
				}
			})
		}
	}
	b.Run("Query/base/all50", func(b *testing.B) {
		in := query("", true)
		in.Limit = nil
		for b.Loop() {
			out, err := db.Query(ctx, in)
			if err != nil || len(out.Items) != 50 {
				b.Fatalf("%v, %d items", err, len(out.Items))
			}
		}
	})
	b.Run("TransactWriteItems/4", func(b *testing.B) {
		s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
		user, other := fmt.Sprintf("u%05d", mix.users/2), fmt.Sprintf("u%05d", mix.users/2+1)
		i := 0
		for b.Loop() {
			i++
			_, err := db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
				{ConditionCheck: &types.ConditionCheck{TableName: aws.String(scaleTable),
					Key:                 map[string]types.AttributeValue{"pk": s("USER#" + other), "sk": s("PROFILE")},
					ConditionExpression: aws.String("attribute_exists(pk)")}},
				{Update: &types.Update{TableName: aws.String(scaleTable),
					Key:                       map[string]types.AttributeValue{"pk": s("USER#" + user), "sk": s("PROFILE")},
					UpdateExpression:          aws.String("ADD credits :d"),
					ExpressionAttributeValues: map[string]types.AttributeValue{":d": &types.AttributeValueMemberN{Value: "-1"}}}},
				{Put: &types.Put{TableName: aws.String(scaleTable), Item: map[string]types.AttributeValue{
					"pk": s("LEDGER#" + user), "sk": s(fmt.Sprintf("T#%09d", i)), "amount": &types.AttributeValueMemberN{Value: "-1"}}}},
				{Put: &types.Put{TableName: aws.String(scaleTable), Item: map[string]types.AttributeValue{
					"pk": s("IDEM#" + user), "sk": s(fmt.Sprintf("T#%09d", i))},
					ConditionExpression: aws.String("attribute_not_exists(pk)")}},
			}})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
