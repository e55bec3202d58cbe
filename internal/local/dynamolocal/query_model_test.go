package dynamolocal

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestQueryMatchesModel is a randomized differential test of Query against
// a plain in-memory model of DynamoDB's rules: random puts, updates,
// deletes and transactions (some cancelled), each followed by queries on
// the table and on a sparse GSI, paged with Limit and ExclusiveStartKey in
// both directions, with sort-key conditions and a FilterExpression. Every
// page must equal the model's page: items, order and LastEvaluatedKey.
//
// Keys are drawn so that partitions share key prefixes ("a", "a.b", "a-b",
// "a#1"): minidyn stores a key as hash + "." + range and the partitioned
// Query must not leak items across partitions. Sort keys hold no "." (with
// one, "a"+"b.x" and "a.b"+"x" would be the same stored key: a minidyn
// limitation this test does not cover). ROSTER_MODEL_SEED picks another seed.
func TestQueryMatchesModel(t *testing.T) {
	seed := uint64(1)
	if v := os.Getenv("ROSTER_MODEL_SEED"); v != "" {
		seed, _ = strconv.ParseUint(v, 10, 64)
	}
	rng := rand.New(rand.NewPCG(seed, 42))
	ts := httptest.NewServer(New())
	defer ts.Close()
	db := scaleClient(t, ts.URL)
	ctx := context.Background()
	createModelTable(t, db)

	m := model{}
	pks := []string{"a", "a.b", "a-b", "a#1", "ab", "b", "a.b.c", "A"}
	sks := []string{"x", "y", "x1", "x-2", "x#3", "xy", "y_", "z", "X", "x10", "x2", "w"}
	gpks := []string{"g", "g.h", "g-h", "h"}
	gsks := []string{"1", "2", "10", "x", "x1", "y"}
	pick := func(s []string) string { return s[rng.IntN(len(s))] }

	randItem := func() mitem {
		it := mitem{"pk": "S:" + pick(pks), "sk": "S:" + pick(sks)}
		if rng.IntN(4) > 0 {
			it["gpk"] = "S:" + pick(gpks)
		}
		if rng.IntN(5) > 0 {
			it["gsk"] = "S:" + pick(gsks)
		}
		if rng.IntN(4) > 0 {
			it["n"] = "N:" + strconv.Itoa(rng.IntN(10))
		}
		it["v"] = "S:" + strconv.Itoa(rng.IntN(1000))
		return it
	}

	for step := range 400 {
		switch op := rng.IntN(10); {
		case op < 5:
			it := randItem()
			if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("model"), Item: it.av()}); err != nil {
				t.Fatal(err)
			}
			m.put(it)
		case op < 7:
			// Update: move the item within the GSI, into it or out of it.
			pk, sk := "S:"+pick(pks), "S:"+pick(sks)
			var expr string
			vals := map[string]types.AttributeValue{}
			switch rng.IntN(4) {
			case 0:
				expr = "REMOVE gpk"
			case 1:
				expr = "SET n = :n REMOVE gsk"
				vals[":n"] = &types.AttributeValueMemberN{Value: strconv.Itoa(rng.IntN(10))}
			default:
				expr = "SET gpk = :g, gsk = :s"
				vals[":g"] = &types.AttributeValueMemberS{Value: pick(gpks)}
				vals[":s"] = &types.AttributeValueMemberS{Value: pick(gsks)}
			}
			in := &dynamodb.UpdateItemInput{TableName: aws.String("model"), UpdateExpression: aws.String(expr),
				Key: mitem{"pk": pk, "sk": sk}.av(), ConditionExpression: aws.String("attribute_exists(pk)")}
			if len(vals) > 0 {
				in.ExpressionAttributeValues = vals
			}
			_, err := db.UpdateItem(ctx, in)
			var ccf *types.ConditionalCheckFailedException
			switch {
			case errors.As(err, &ccf):
				if m.get(pk, sk) != nil {
					t.Fatalf("step %d: update %s/%s refused, but the item exists", step, pk, sk)
				}
			case err != nil:
				t.Fatal(err)
			default:
				m.update(pk, sk, expr, vals)
			}
		case op < 8:
			pk, sk := "S:"+pick(pks), "S:"+pick(sks)
			if _, err := db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("model"),
				Key: mitem{"pk": pk, "sk": sk}.av()}); err != nil {
				t.Fatal(err)
			}
			m.delete(pk, sk)
		default:
			// A transaction of two puts and a delete whose condition fails
			// about half the time: nothing of it may remain then.
			a, b := randItem(), randItem()
			d := mitem{"pk": "S:" + pick(pks), "sk": "S:" + pick(sks)}
			if a.key() == b.key() || a.key() == d.key() || b.key() == d.key() {
				continue
			}
			_, err := db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
				{Put: &types.Put{TableName: aws.String("model"), Item: a.av()}},
				{Put: &types.Put{TableName: aws.String("model"), Item: b.av()}},
				{Delete: &types.Delete{TableName: aws.String("model"), Key: d.av(),
					ConditionExpression: aws.String("attribute_exists(pk)")}},
			}})
			var tce *types.TransactionCanceledException
			switch {
			case errors.As(err, &tce):
				if m.get(d["pk"], d["sk"]) != nil {
					t.Fatalf("step %d: transaction cancelled, but %v exists", step, d)
				}
			case err != nil:
				t.Fatal(err)
			default:
				m.put(a)
				m.put(b)
				m.delete(d["pk"], d["sk"])
			}
		}

		for range 2 {
			q := mquery{forward: rng.IntN(2) == 0, limit: []int{0, 1, 2, 3, 5}[rng.IntN(5)]}
			if rng.IntN(3) == 0 {
				q.index, q.hash = true, pick(gpks)
				q.cond, q.v1, q.v2 = randCond(rng, gsks)
			} else {
				q.hash = pick(pks)
				q.cond, q.v1, q.v2 = randCond(rng, sks)
			}
			if rng.IntN(3) == 0 {
				q.filter = strconv.Itoa(rng.IntN(10))
			}
			checkQuery(t, ctx, db, &m, q, fmt.Sprintf("seed %d step %d", seed, step))
		}
	}
	if len(m) == 0 {
		t.Fatal("the model is empty: the test exercised nothing")
	}
}

func randCond(rng *rand.Rand, vals []string) (string, string, string) {
	v1, v2 := vals[rng.IntN(len(vals))], vals[rng.IntN(len(vals))]
	if v2 < v1 {
		v1, v2 = v2, v1
	}
	return []string{"", "", "=", "<", "<=", ">", ">=", "between", "begins_with"}[rng.IntN(9)], v1, v2
}

func createModelTable(t *testing.T, db *dynamodb.Client) {
	t.Helper()
	s := func(name string) types.AttributeDefinition {
		return types.AttributeDefinition{AttributeName: aws.String(name), AttributeType: types.ScalarAttributeTypeS}
	}
	key := func(h, r string) []types.KeySchemaElement {
		return []types.KeySchemaElement{{AttributeName: aws.String(h), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String(r), KeyType: types.KeyTypeRange}}
	}
	_, err := db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String("model"),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{s("pk"), s("sk"), s("gpk"), s("gsk")},
		KeySchema:            key("pk", "sk"),
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName: aws.String("g"), KeySchema: key("gpk", "gsk"),
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// mitem is an item of the model: attribute name -> "S:value" or "N:value".
type mitem map[string]string

func (it mitem) key() string { return it["pk"] + "\x00" + it["sk"] }

func (it mitem) av() map[string]types.AttributeValue {
	out := map[string]types.AttributeValue{}
	for k, v := range it {
		if s, ok := strings.CutPrefix(v, "S:"); ok {
			out[k] = &types.AttributeValueMemberS{Value: s}
		} else {
			out[k] = &types.AttributeValueMemberN{Value: strings.TrimPrefix(v, "N:")}
		}
	}
	return out
}

func fromAV(m map[string]types.AttributeValue) mitem {
	if len(m) == 0 {
		return nil
	}
	out := mitem{}
	for k, v := range m {
		switch v := v.(type) {
		case *types.AttributeValueMemberS:
			out[k] = "S:" + v.Value
		case *types.AttributeValueMemberN:
			out[k] = "N:" + v.Value
		default:
			out[k] = fmt.Sprintf("?%T", v)
		}
	}
	return out
}

type model map[string]mitem

func (m model) put(it mitem)            { m[it.key()] = clone(it) }
func (m model) get(pk, sk string) mitem { return m[mitem{"pk": pk, "sk": sk}.key()] }
func (m model) delete(pk, sk string)    { delete(m, mitem{"pk": pk, "sk": sk}.key()) }
func clone(it mitem) mitem {
	out := mitem{}
	for k, v := range it {
		out[k] = v
	}
	return out
}
func attr(v types.AttributeValue) string { return fromAV(map[string]types.AttributeValue{"x": v})["x"] }

func (m model) update(pk, sk, expr string, vals map[string]types.AttributeValue) {
	it := m.get(pk, sk)
	switch expr {
	case "REMOVE gpk":
		delete(it, "gpk")
	case "SET n = :n REMOVE gsk":
		delete(it, "gsk")
		it["n"] = attr(vals[":n"])
	default:
		it["gpk"], it["gsk"] = attr(vals[":g"]), attr(vals[":s"])
	}
}

type mquery struct {
	index        bool
	hash         string
	cond, v1, v2 string // sort key condition: "", "=", "<", ..., "between", "begins_with"
	filter       string // "" or a number: n > filter
	forward      bool
	limit        int
}

func (q mquery) keys() (string, string) {
	if q.index {
		return "gpk", "gsk"
	}
	return "pk", "sk"
}

func (q mquery) input() *dynamodb.QueryInput {
	h, r := q.keys()
	in := &dynamodb.QueryInput{TableName: aws.String("model"), ScanIndexForward: aws.Bool(q.forward),
		ExpressionAttributeNames:  map[string]string{"#h": h},
		ExpressionAttributeValues: map[string]types.AttributeValue{":h": &types.AttributeValueMemberS{Value: q.hash}}}
	if q.index {
		in.IndexName = aws.String("g")
	}
	if q.limit > 0 {
		in.Limit = aws.Int32(int32(q.limit))
	}
	kc := "#h = :h"
	v1 := &types.AttributeValueMemberS{Value: q.v1}
	switch q.cond {
	case "":
	case "between":
		kc += " AND #r BETWEEN :a AND :b"
		in.ExpressionAttributeValues[":a"], in.ExpressionAttributeValues[":b"] = v1, &types.AttributeValueMemberS{Value: q.v2}
	case "begins_with":
		kc += " AND begins_with(#r, :a)"
		in.ExpressionAttributeValues[":a"] = v1
	default:
		kc += " AND #r " + q.cond + " :a"
		in.ExpressionAttributeValues[":a"] = v1
	}
	if q.cond != "" {
		in.ExpressionAttributeNames["#r"] = r
	}
	in.KeyConditionExpression = aws.String(kc)
	if q.filter != "" {
		in.FilterExpression = aws.String("#n > :n")
		in.ExpressionAttributeNames["#n"] = "n"
		in.ExpressionAttributeValues[":n"] = &types.AttributeValueMemberN{Value: q.filter}
	}
	return in
}

// selected returns the items the key condition selects, in query order.
func (m model) selected(q mquery) []mitem {
	h, r := q.keys()
	var out []mitem
	for _, it := range m {
		rv, ok := it[r]
		if it[h] != "S:"+q.hash || !ok {
			continue
		}
		rv = strings.TrimPrefix(rv, "S:")
		var in bool
		switch q.cond {
		case "":
			in = true
		case "=":
			in = rv == q.v1
		case "<":
			in = rv < q.v1
		case "<=":
			in = rv <= q.v1
		case ">":
			in = rv > q.v1
		case ">=":
			in = rv >= q.v1
		case "between":
			in = q.v1 <= rv && rv <= q.v2
		case "begins_with":
			in = strings.HasPrefix(rv, q.v1)
		}
		if in {
			out = append(out, it)
		}
	}
	// Within a partition: by sort key; ties in the GSI by table key, as
	// minidyn orders them (DynamoDB leaves that order unspecified).
	slices.SortFunc(out, func(a, b mitem) int {
		if c := cmp.Compare(a[r], b[r]); c != 0 {
			return c
		}
		return cmp.Compare(strings.TrimPrefix(a["pk"], "S:")+"."+strings.TrimPrefix(a["sk"], "S:"),
			strings.TrimPrefix(b["pk"], "S:")+"."+strings.TrimPrefix(b["sk"], "S:"))
	})
	if !q.forward {
		slices.Reverse(out)
	}
	return out
}

// page returns what DynamoDB answers for one page starting after esk:
// Limit counts items the key condition selects, the filter applies after,
// and LastEvaluatedKey is the last item read when the limit was reached.
func (m model) page(q mquery, esk mitem) ([]mitem, mitem) {
	sel := m.selected(q)
	if esk != nil {
		h, r := q.keys()
		_ = h
		pos := slices.IndexFunc(sel, func(it mitem) bool { return it.key() == esk.key() })
		if pos < 0 {
			panic(fmt.Sprintf("model: ExclusiveStartKey %v not selected (%s)", esk, r))
		}
		sel = sel[pos+1:]
	}
	var lek mitem
	if q.limit > 0 && len(sel) >= q.limit {
		sel = sel[:q.limit]
		last := sel[len(sel)-1]
		lek = mitem{"pk": last["pk"], "sk": last["sk"]}
		if q.index {
			lek["gpk"], lek["gsk"] = last["gpk"], last["gsk"]
		}
	}
	var items []mitem
	for _, it := range sel {
		if q.filter != "" {
			n, ok := it["n"]
			v, _ := strconv.Atoi(strings.TrimPrefix(n, "N:"))
			f, _ := strconv.Atoi(q.filter)
			if !ok || v <= f {
				continue
			}
		}
		items = append(items, it)
	}
	return items, lek
}

func checkQuery(t *testing.T, ctx context.Context, db *dynamodb.Client, m *model, q mquery, where string) {
	t.Helper()
	in := q.input()
	var esk mitem
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatalf("%s: %+v: more than 100 pages", where, q)
		}
		if esk != nil {
			in.ExclusiveStartKey = esk.av()
		}
		out, err := db.Query(ctx, in)
		if err != nil {
			t.Fatalf("%s: %+v: %v", where, q, err)
		}
		var got []mitem
		for _, it := range out.Items {
			got = append(got, fromAV(it))
		}
		want, lek := m.page(q, esk)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(fromAV(out.LastEvaluatedKey), lek) {
			for _, it := range append(got, want...) {
				g, _ := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("model"), Key: mitem{"pk": it["pk"], "sk": it["sk"]}.av()})
				t.Logf("%s/%s: stored %v, model %v", it["pk"], it["sk"], fromAV(g.Item), m.get(it["pk"], it["sk"]))
			}
			t.Fatalf("%s: %+v after %v:\n got %v\n     LEK %v\nwant %v\n     LEK %v",
				where, q, esk, got, fromAV(out.LastEvaluatedKey), want, lek)
		}
		if lek == nil {
			return
		}
		esk = lek
	}
}
