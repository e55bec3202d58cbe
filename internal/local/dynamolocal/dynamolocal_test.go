package dynamolocal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
	"github.com/truora/minidyn/server"
)

const prefix = "/_local/dynamodb"

// logRecorder collects what the SDK logs, to catch checksum warnings.
type logRecorder struct {
	mu    sync.Mutex
	lines []string
}

func (l *logRecorder) Logf(c logging.Classification, format string, v ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, string(c)+" "+fmt.Sprintf(format, v...))
}

func (l *logRecorder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// serve mounts h the way the local stack does, under a path prefix behind
// http.StripPrefix, and returns a stock client configured only through the
// environment variables the Lambda functions get.
func serve(t testing.TB, h http.Handler) (*dynamodb.Client, *logRecorder) {
	t.Helper()
	mux := http.NewServeMux()
	// The SDK posts to the endpoint path itself, without a trailing slash,
	// which the prefix+"/" pattern alone would answer with a redirect.
	mux.Handle(prefix, http.StripPrefix(prefix, h))
	mux.Handle(prefix+"/", http.StripPrefix(prefix, h))
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)

	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL_DYNAMODB":   ts.URL + prefix,
		"AWS_REGION":                  "us-east-1",
		"AWS_ACCESS_KEY_ID":           "local",
		"AWS_SECRET_ACCESS_KEY":       "local",
		"AWS_CONFIG_FILE":             os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
	logs := &logRecorder{}
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithLogger(logs))
	if err != nil {
		t.Fatal(err)
	}
	return dynamodb.NewFromConfig(cfg), logs
}

// createTable creates a table with a composite key and a GSI on gsi1pk.
func createTable(t testing.TB, db *dynamodb.Client, name string) {
	t.Helper()
	_, err := db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:   aws.String(name),
		BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("gsi1pk"), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange},
		},
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName:  aws.String("gsi1"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("gsi1pk"), KeyType: types.KeyTypeHash}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
	})
	if err != nil {
		t.Fatalf("CreateTable %s: %v", name, err)
	}
}

func str(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func num(v string) types.AttributeValue { return &types.AttributeValueMemberN{Value: v} }

// richItem uses every attribute type the functions are likely to store.
func richItem(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk":     str(pk),
		"sk":     str(sk),
		"gsi1pk": str("org#" + pk),
		"count":  num("42"),
		"ratio":  num("-3.25"),
		"big":    num("12345678901234567890"),
		"active": &types.AttributeValueMemberBOOL{Value: false},
		"gone":   &types.AttributeValueMemberNULL{Value: true},
		"blob":   &types.AttributeValueMemberB{Value: []byte{0, 1, 2, 0xff}},
		"tags":   &types.AttributeValueMemberSS{Value: []string{"a", "b"}},
		"nums":   &types.AttributeValueMemberNS{Value: []string{"1", "2.5"}},
		"bins":   &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2, 3}}},
		"list":   &types.AttributeValueMemberL{Value: []types.AttributeValue{str("x"), num("1"), &types.AttributeValueMemberL{Value: []types.AttributeValue{str("nested")}}}},
		// Empty lists, maps, strings and binaries are values DynamoDB keeps
		// (issue 11: the emulator answered them as no value at all, and a
		// snapshot stored them as {}, an item no Query could read).
		"noItems": &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
		"noKeys":  &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}},
		"noBytes": &types.AttributeValueMemberB{Value: []byte{}},
		"noText":  str(""),
		"map": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"empty": &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
			"name":  str("Ada <&> \"Lovelace\""),
			"inner": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"n": num("7")}},
		}},
	}
}

func key(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"pk": str(pk), "sk": str(sk)}
}

func TestStockClientChecksum(t *testing.T) {
	tests := []struct {
		name     string
		handler  http.Handler
		wantWarn bool
	}{
		// The control proves the recorder would catch the warning.
		{name: "bare minidyn", handler: server.NewServer(), wantWarn: true},
		{name: "dynamolocal", handler: New(), wantWarn: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, logs := serve(t, tt.handler)
			ctx := context.Background()
			createTable(t, db, "things")
			if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("things"), Item: richItem("p", "s")}); err != nil {
				t.Fatal(err)
			}
			out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("things"), Key: key("p", "s")})
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Item) == 0 {
				t.Fatal("GetItem returned no item")
			}
			warned := strings.Contains(logs.String(), "checksum")
			if warned != tt.wantWarn {
				t.Errorf("checksum warning logged = %v, want %v; log:\n%s", warned, tt.wantWarn, logs)
			}
		})
	}
}

func TestCRC32HeaderMatchesBody(t *testing.T) {
	srv := New()
	ts := httptest.NewServer(srv)
	defer ts.Close()
	tests := []struct {
		name, op, body string
		wantStatus     int
	}{
		{"create", "CreateTable", `{"TableName":"t","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`, 200},
		{"error", "GetItem", `{"TableName":"missing","Key":{"pk":{"S":"x"}}}`, 400},
		{"list tables", "ListTables", `{}`, 200},
		{"unknown op", "UpdateTimeToLive", `{}`, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, ts.URL, strings.NewReader(tt.body))
			req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+tt.op)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d: %s", res.StatusCode, tt.wantStatus, body)
			}
			want := strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)
			if got := res.Header.Get("X-Amz-Crc32"); got != want {
				t.Errorf("X-Amz-Crc32 = %q, want %q", got, want)
			}
		})
	}
}

func TestUnknownOperationIsAPIError(t *testing.T) {
	db, _ := serve(t, New())
	_, err := db.UpdateTimeToLive(context.Background(), &dynamodb.UpdateTimeToLiveInput{
		TableName:               aws.String("t"),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{AttributeName: aws.String("ttl"), Enabled: aws.Bool(true)},
	})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "UnknownOperationException" {
		t.Fatalf("err = %v, want UnknownOperationException", err)
	}
}

func TestListTables(t *testing.T) {
	db, _ := serve(t, New())
	ctx := context.Background()
	for _, name := range []string{"c", "a", "b"} {
		createTable(t, db, name)
	}
	if _, err := db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("b")}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		in       dynamodb.ListTablesInput
		want     []string
		wantLast string
	}{
		{name: "all", want: []string{"a", "c"}},
		{name: "limit", in: dynamodb.ListTablesInput{Limit: aws.Int32(1)}, want: []string{"a"}, wantLast: "a"},
		{name: "after a", in: dynamodb.ListTablesInput{ExclusiveStartTableName: aws.String("a")}, want: []string{"c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := db.ListTables(ctx, &tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(out.TableNames, tt.want) || aws.ToString(out.LastEvaluatedTableName) != tt.wantLast {
				t.Errorf("got %v last %q, want %v last %q", out.TableNames, aws.ToString(out.LastEvaluatedTableName), tt.want, tt.wantLast)
			}
		})
	}
}

func TestDirty(t *testing.T) {
	srv := New()
	db, _ := serve(t, srv)
	ctx := context.Background()
	snap := filepath.Join(t.TempDir(), "db.jsonl")
	table := aws.String("t")

	steps := []struct {
		name      string
		do        func() error
		wantDirty bool
	}{
		{"fresh", func() error { return nil }, false},
		{"create table", func() error { createTable(t, db, "t"); return nil }, true},
		{"save", func() error { return srv.Save(snap) }, false},
		{"get", func() error {
			_, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: table, Key: key("a", "b")})
			return err
		}, false},
		{"put", func() error {
			_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: richItem("a", "b")})
			return err
		}, true},
		{"save again", func() error { return srv.Save(snap) }, false},
		{"failed conditional put", func() error {
			_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: richItem("a", "b"),
				ConditionExpression: aws.String("attribute_not_exists(pk)")})
			var ccf *types.ConditionalCheckFailedException
			if !errors.As(err, &ccf) {
				return fmt.Errorf("want ConditionalCheckFailedException, got %v", err)
			}
			return nil
		}, false},
		{"update", func() error {
			_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: table, Key: key("a", "b"),
				UpdateExpression:          aws.String("SET #c = :c"),
				ExpressionAttributeNames:  map[string]string{"#c": "count"},
				ExpressionAttributeValues: map[string]types.AttributeValue{":c": num("1")}})
			return err
		}, true},
		{"load", func() error { return srv.Load(snap) }, false},
		{"transact write", func() error {
			_, err := db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
				{Put: &types.Put{TableName: table, Item: richItem("c", "d")}},
			}})
			return err
		}, true},
		{"save third", func() error { return srv.Save(snap) }, false},
		{"batch write", func() error {
			_, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
				"t": {{DeleteRequest: &types.DeleteRequest{Key: key("c", "d")}}},
			}})
			return err
		}, true},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := srv.Dirty(); got != st.wantDirty {
			t.Fatalf("after %s: Dirty() = %v, want %v", st.name, got, st.wantDirty)
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	ctx := context.Background()
	snap := filepath.Join(t.TempDir(), "db.jsonl")

	src := New()
	db, _ := serve(t, src)
	createTable(t, db, "people")
	createTable(t, db, "empty")
	want := map[string]map[string]types.AttributeValue{}
	for i := range 60 { // more than two BatchWriteItem requests
		pk, sk := fmt.Sprintf("p%02d", i), "profile"
		want[pk] = richItem(pk, sk)
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("people"), Item: want[pk]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := src.Save(snap); err != nil {
		t.Fatal(err)
	}
	if src.Dirty() {
		t.Error("dirty after Save")
	}

	dst := New()
	db2, _ := serve(t, dst)
	createTable(t, db2, "people")
	res, err := dst.Restore(snap)
	if err != nil {
		t.Fatal(err)
	}
	if res.Items != len(want) || len(res.Skipped) != 0 {
		t.Errorf("Restore = %+v, want %d items, none skipped", res, len(want))
	}
	if dst.Dirty() {
		t.Error("dirty after Load")
	}
	for pk, item := range want {
		out, err := db2.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("people"), Key: key(pk, "profile")})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(out.Item, item) {
			t.Fatalf("item %s after Load:\n got %#v\nwant %#v", pk, out.Item, item)
		}
	}
	// The GSI must be rebuilt by Load, not just the base table.
	q, err := db2.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String("people"), IndexName: aws.String("gsi1"),
		KeyConditionExpression:    aws.String("gsi1pk = :g"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":g": str("org#p07")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Items) != 1 || !reflect.DeepEqual(q.Items[0]["pk"], str("p07")) {
		t.Errorf("GSI query after Load = %v, want p07", q.Items)
	}
}

func TestLoadSkipsMissingTables(t *testing.T) {
	snap := filepath.Join(t.TempDir(), "db.jsonl")
	lines := `{"table":"kept","item":{"pk":{"S":"1"},"sk":{"S":"a"}}}
{"table":"dropped","item":{"pk":{"S":"2"},"sk":{"S":"a"}}}
{"table":"dropped","item":{"pk":{"S":"3"},"sk":{"S":"a"}}}
`
	if err := os.WriteFile(snap, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := New()
	db, _ := serve(t, srv)
	createTable(t, db, "kept")
	res, err := srv.Restore(snap)
	if err != nil {
		t.Fatal(err)
	}
	if res.Items != 1 || !reflect.DeepEqual(res.Skipped, map[string]int{"dropped": 2}) {
		t.Errorf("Restore = %+v, want 1 item, 2 skipped from dropped", res)
	}
	if err := srv.Load(snap); err != nil {
		t.Errorf("Load with a dropped table: %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.jsonl")
	if err := os.WriteFile(garbage, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		wantErr bool
	}{
		{"missing file is fine", filepath.Join(dir, "nope.jsonl"), false},
		{"corrupt file", garbage, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := New().Load(tt.path)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Load(%s) error = %v, wantErr %v", tt.name, err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "db.jsonl")
	if err := os.WriteFile(snap, []byte("previous"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := New()
	db, _ := serve(t, srv)
	createTable(t, db, "t")
	if err := srv.Save(snap); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp files left behind: %v", entries)
	}
	got, _ := os.ReadFile(snap)
	if bytes.Equal(got, []byte("previous")) {
		t.Error("snapshot not replaced")
	}
	// Saving into a missing directory fails with the path in the message.
	bad := filepath.Join(dir, "no", "such", "dir", "db.jsonl")
	if err := srv.Save(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("Save(%s) = %v, want an error naming it", bad, err)
	}
}

// BenchmarkSaveLoad10k measures a snapshot of 10,000 rich items: Save of
// the populated server, and Load into a fresh one with the table created.
func BenchmarkSaveLoad10k(b *testing.B) {
	const items = 10_000
	ctx := context.Background()
	snap := filepath.Join(b.TempDir(), "db.jsonl")
	src := New()
	db, _ := serve(b, src)
	createTable(b, db, "bench")
	for i := 0; i < items; i += batchSize {
		var reqs []types.WriteRequest
		for j := i; j < i+batchSize; j++ {
			reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: richItem(fmt.Sprintf("p%06d", j), "s")}})
		}
		if _, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"bench": reqs}}); err != nil {
			b.Fatal(err)
		}
	}

	b.Run("Save", func(b *testing.B) {
		for b.Loop() {
			if err := src.Save(snap); err != nil {
				b.Fatal(err)
			}
		}
		if fi, err := os.Stat(snap); err == nil {
			b.ReportMetric(float64(fi.Size())/(1<<20), "MiB")
		}
	})
	b.Run("Load", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dst := New()
			db2, _ := serve(b, dst)
			createTable(b, db2, "bench")
			b.StartTimer()
			res, err := dst.Restore(snap)
			if err != nil {
				b.Fatal(err)
			}
			if res.Items != items {
				b.Fatalf("restored %d items, want %d", res.Items, items)
			}
		}
	})
}

func TestTableWaiters(t *testing.T) {
	db, _ := serve(t, New())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	createTable(t, db, "t")
	in := &dynamodb.DescribeTableInput{TableName: aws.String("t")}
	// minidyn alone leaves TableStatus empty and this waiter times out.
	if err := dynamodb.NewTableExistsWaiter(db).Wait(ctx, in, 5*time.Second); err != nil {
		t.Fatalf("TableExistsWaiter: %v", err)
	}
	out, err := db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("t")})
	if err != nil {
		t.Fatal(err)
	}
	if out.TableDescription.TableStatus != types.TableStatusDeleting {
		t.Errorf("DeleteTable status = %q, want DELETING", out.TableDescription.TableStatus)
	}
	if err := dynamodb.NewTableNotExistsWaiter(db).Wait(ctx, in, 5*time.Second); err != nil {
		t.Fatalf("TableNotExistsWaiter: %v", err)
	}
}

// TestConcurrentTableAndItemOps guards the serialisation of table-level
// operations: minidyn alone mutates its table map without a lock, which the
// race detector reports here.
func TestConcurrentTableAndItemOps(t *testing.T) {
	db, _ := serve(t, New())
	ctx := context.Background()
	createTable(t, db, "items")
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 20 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("items"), Item: richItem(fmt.Sprint(i), "s")})
			errs <- err
		}()
		go func() {
			defer wg.Done()
			_, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("items")})
			errs <- err
		}()
	}
	for i := range 5 {
		createTable(t, db, fmt.Sprintf("t%d", i))
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	out, err := db.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("items")})
	if err != nil {
		t.Fatal(err)
	}
	if out.Count != 20 {
		t.Errorf("Scan count = %d, want 20", out.Count)
	}
}
