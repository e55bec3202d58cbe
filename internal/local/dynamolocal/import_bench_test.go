package dynamolocal

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// BenchmarkQueryDuringImport is what the local stack lives through while an
// import is applied: four BatchWriteItem calls in flight, writing contact-
// shaped items (25 a call, as internal/dynamo's WriteContacts sends them),
// and Save running again and again (the stack saves every 10 s, and a Save
// of a few hundred thousand items takes seconds), over a table seeded with
// ROSTER_IMPORT_ITEMS items (default 100,000). Each op is one Query (a
// page of 20) as other requests make them; the figures are their latency
// (p50, p99, max), the items written per second meanwhile, and the Saves
// completed:
//
//	go test -run '^$' -bench QueryDuringImport -benchtime 2000x ./internal/local/dynamolocal/
//
// Seeding 100,000 items takes 5-15 s.
func BenchmarkQueryDuringImport(b *testing.B) {
	n := 100_000
	if v := os.Getenv("ROSTER_IMPORT_ITEMS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1000 {
			b.Fatalf("ROSTER_IMPORT_ITEMS=%q: want a number >= 1000", v)
		}
	}
	srv := New()
	ts := httptest.NewServer(srv)
	b.Cleanup(ts.Close)
	db := scaleClient(b, ts.URL)
	ctx := context.Background()
	createScaleTable(b, db)

	var next atomic.Int64 // the next contact number
	batch := func() []types.WriteRequest {
		reqs := make([]types.WriteRequest, 0, 25)
		for range 25 {
			reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: importContact(int(next.Add(1)))}})
		}
		return reqs
	}
	write := func(reqs []types.WriteRequest) error {
		for len(reqs) > 0 {
			out, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{scaleTable: reqs}})
			if err != nil {
				return err
			}
			reqs = out.UnprocessedItems[scaleTable]
		}
		return nil
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for next.Load() < int64(n) {
				if err := write(batch()); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	seeded := next.Load()

	stop := make(chan struct{})
	var saves atomic.Int64
	snap := filepath.Join(b.TempDir(), "db.jsonl")
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := srv.Save(snap); err != nil {
				b.Error(err)
				return
			}
			saves.Add(1)
		}
	})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if err := write(batch()); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}

	in := &dynamodb.QueryInput{TableName: aws.String(scaleTable), Limit: aws.Int32(20),
		KeyConditionExpression:    aws.String("pk = :p"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": &types.AttributeValueMemberS{Value: "ORG#o1#CONTACTS"}}}
	var lat []time.Duration
	start := time.Now()
	for b.Loop() {
		t := time.Now()
		out, err := db.Query(ctx, in)
		if err != nil || len(out.Items) != 20 {
			b.Fatalf("query: %v, %d items", err, len(out.Items))
		}
		lat = append(lat, time.Since(t))
	}
	took := time.Since(start)
	close(stop)
	wg.Wait()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
	b.ReportMetric(float64(next.Load()-seeded)/took.Seconds(), "writes/s")
	b.ReportMetric(float64(saves.Load()), "saves")
}

// importContact is the i-th contact as an import writes it (the attributes
// of internal/dynamo's contactItem), in one of 100 organisations'
// contact partitions.
func importContact(i int) map[string]types.AttributeValue {
	s := func(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
	id := fmt.Sprintf("01m912nzaw3dhracs3a%07d", i)
	return map[string]types.AttributeValue{
		"pk": s(fmt.Sprintf("ORG#o%d#CONTACTS", i%100)), "sk": s("CONTACT#" + id), "type": s("Contact"), "id": s(id),
		"orgId": s("01m912g6eqvs2svjvywt1y7yat"), "firstName": s("First" + strconv.Itoa(i%977)),
		"lastName": s("Last" + strconv.Itoa(i%1499)), "phone": s(fmt.Sprintf("+1201%07d", i)),
		"email": s(fmt.Sprintf("p%d@example.com", i)), "addrCity": s("Springfield"), "consent": s("unknown"),
		"groups":    &types.AttributeValueMemberL{Value: []types.AttributeValue{s("01m912g6eqvs2svjvywt1y7yav")}},
		"version":   &types.AttributeValueMemberN{Value: "1"},
		"createdAt": s("2026-12-04T17:47:32.442427804Z"), "updatedAt": s("2026-12-04T17:47:32.442427804Z"),
	}
}
