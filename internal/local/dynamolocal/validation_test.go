package dynamolocal

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

// Issue 11: an item DynamoDB would refuse, once stored, broke every later
// Query that evaluated it. The local DynamoDB now refuses such writes with
// DynamoDB's own ValidationException, on every write path.

func withAttr(name string, v types.AttributeValue) map[string]types.AttributeValue {
	it := map[string]types.AttributeValue{"pk": str("P"), "sk": str("S")}
	if v == nil {
		delete(it, name)
	} else {
		it[name] = v
	}
	return it
}

var invalidItems = []struct {
	name string
	item map[string]types.AttributeValue
	want string
}{
	{"empty string set", withAttr("tags", &types.AttributeValueMemberSS{}), "One or more parameter values were invalid: An string set  may not be empty"},
	{"empty number set", withAttr("nums", &types.AttributeValueMemberNS{Value: []string{}}), "One or more parameter values were invalid: An number set  may not be empty"},
	{"empty binary set", withAttr("bins", &types.AttributeValueMemberBS{}), "One or more parameter values were invalid: Binary sets should not be empty"},
	{"duplicate set elements", withAttr("tags", &types.AttributeValueMemberSS{Value: []string{"a", "a"}}), "One or more parameter values were invalid: Input collection [a, a] contains duplicates."},
	{"NULL false", withAttr("gone", &types.AttributeValueMemberNULL{Value: false}), "One or more parameter values were invalid: Null attribute value types must have the value of true"},
	{"empty set nested in a map", withAttr("m", &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"s": &types.AttributeValueMemberSS{}}}), "One or more parameter values were invalid: An string set  may not be empty"},
	{"missing sort key", withAttr("sk", nil), "One or more parameter values were invalid: Missing the key sk in the item"},
	{"empty partition key", withAttr("pk", str("")), "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
	{"partition key of the wrong type", withAttr("pk", num("1")), "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"},
	{"empty index key", withAttr("gsi1pk", str("")), "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: gsi1, IndexKey: gsi1pk"},
	{"index key of the wrong type", withAttr("gsi1pk", &types.AttributeValueMemberNULL{Value: true}), "One or more parameter values were invalid: Type mismatch for Index Key gsi1pk Expected: S Actual: NULL IndexName: gsi1"},
	{"item over 400 KB", withAttr("body", str(strings.Repeat("x", 400*1024))), "Item size has exceeded the maximum allowed size"},
}

func wantValidation(t *testing.T, err error, want string) {
	t.Helper()
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want ValidationException %q", err, want)
	}
	if apiErr.ErrorCode() != "ValidationException" || apiErr.ErrorMessage() != want {
		t.Fatalf("err = %s: %s\nwant ValidationException: %s", apiErr.ErrorCode(), apiErr.ErrorMessage(), want)
	}
}

// wantUntouched checks that nothing was stored and that the partition can
// still be queried (the failure that brought the issue).
func wantUntouched(t *testing.T, db *dynamodb.Client) {
	t.Helper()
	out, err := db.Query(context.Background(), &dynamodb.QueryInput{
		TableName:                 aws.String("t"),
		KeyConditionExpression:    aws.String("pk = :p"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":p": str("P")},
		Limit:                     aws.Int32(10),
	})
	if err != nil {
		t.Fatalf("query after the refused write: %v", err)
	}
	if len(out.Items) != 0 {
		t.Fatalf("a refused write stored %v", out.Items)
	}
}

func TestWritesRefuseWhatDynamoDBRefuses(t *testing.T) {
	ctx := context.Background()
	db, _ := serve(t, New())
	createTable(t, db, "t")

	for _, tc := range invalidItems {
		t.Run("PutItem/"+tc.name, func(t *testing.T) {
			_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("t"), Item: tc.item})
			wantValidation(t, err, tc.want)
			wantUntouched(t, db)
		})
		t.Run("BatchWriteItem/"+tc.name, func(t *testing.T) {
			// A valid put first: DynamoDB refuses the whole batch, writing none.
			_, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"t": {
				{PutRequest: &types.PutRequest{Item: map[string]types.AttributeValue{"pk": str("P"), "sk": str("first")}}},
				{PutRequest: &types.PutRequest{Item: tc.item}},
			}}})
			wantValidation(t, err, tc.want)
			wantUntouched(t, db)
		})
		t.Run("TransactWriteItems/"+tc.name, func(t *testing.T) {
			_, err := db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
				{Put: &types.Put{TableName: aws.String("t"), Item: map[string]types.AttributeValue{"pk": str("P"), "sk": str("first")}}},
				{Put: &types.Put{TableName: aws.String("t"), Item: tc.item}},
			}})
			wantValidation(t, err, tc.want)
			wantUntouched(t, db)
		})
	}
}

func TestUpdateItemRefusesWhatDynamoDBRefuses(t *testing.T) {
	ctx := context.Background()
	db, _ := serve(t, New())
	createTable(t, db, "t")
	k := map[string]types.AttributeValue{"pk": str("P"), "sk": str("S")}

	tests := []struct {
		name   string
		key    map[string]types.AttributeValue
		expr   string
		values map[string]types.AttributeValue
		want   string
	}{
		{"empty set in the values", k, "SET tags = :v", map[string]types.AttributeValue{":v": &types.AttributeValueMemberSS{}},
			"ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v"},
		{"NULL false in the values", k, "SET x = :v", map[string]types.AttributeValue{":v": &types.AttributeValueMemberNULL{}},
			"ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: Null attribute value types must have the value of true for key :v"},
		{"index key set empty", k, "SET gsi1pk = :v", map[string]types.AttributeValue{":v": str("")},
			"One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: gsi1, IndexKey: gsi1pk"},
		{"index key set to a number", k, "SET gsi1pk = :v", map[string]types.AttributeValue{":v": num("3")},
			"One or more parameter values were invalid: Type mismatch for Index Key gsi1pk Expected: S Actual: N IndexName: gsi1"},
		{"empty key", map[string]types.AttributeValue{"pk": str(""), "sk": str("S")}, "SET x = :v", map[string]types.AttributeValue{":v": str("a")},
			"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"},
		{"key of the wrong type", map[string]types.AttributeValue{"pk": num("1"), "sk": str("S")}, "SET x = :v", map[string]types.AttributeValue{":v": str("a")},
			"The provided key element does not match the schema"},
		{"item grows over 400 KB", k, "SET body = :v", map[string]types.AttributeValue{":v": str(strings.Repeat("x", 400*1024))},
			"Item size to update has exceeded the maximum allowed size"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("t"), Key: tc.key,
				UpdateExpression: aws.String(tc.expr), ExpressionAttributeValues: tc.values})
			wantValidation(t, err, tc.want)
			wantUntouched(t, db)
		})
	}

	t.Run("a refused update leaves the stored item as it was", func(t *testing.T) {
		item := map[string]types.AttributeValue{"pk": str("Q"), "sk": str("S"), "gsi1pk": str("g"), "n": num("1")}
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("t"), Item: item}); err != nil {
			t.Fatal(err)
		}
		_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("t"), Key: map[string]types.AttributeValue{"pk": str("Q"), "sk": str("S")},
			UpdateExpression: aws.String("SET n = :n, gsi1pk = :e"), ExpressionAttributeValues: map[string]types.AttributeValue{":n": num("2"), ":e": str("")}})
		wantValidation(t, err, "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: gsi1, IndexKey: gsi1pk")
		got, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("t"), Key: map[string]types.AttributeValue{"pk": str("Q"), "sk": str("S")}, ConsistentRead: aws.Bool(true)})
		if err != nil {
			t.Fatal(err)
		}
		if n := got.Item["n"].(*types.AttributeValueMemberN).Value; n != "1" {
			t.Fatalf("n = %s after a refused update, want 1", n)
		}
		if g := got.Item["gsi1pk"].(*types.AttributeValueMemberS).Value; g != "g" {
			t.Fatalf("gsi1pk = %q after a refused update, want g", g)
		}
	})

	t.Run("a DELETE that empties a set removes the attribute", func(t *testing.T) {
		item := map[string]types.AttributeValue{"pk": str("R"), "sk": str("S"), "tags": &types.AttributeValueMemberSS{Value: []string{"a"}}}
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("t"), Item: item}); err != nil {
			t.Fatal(err)
		}
		key := map[string]types.AttributeValue{"pk": str("R"), "sk": str("S")}
		if _, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("t"), Key: key,
			UpdateExpression: aws.String("DELETE tags :t"), ExpressionAttributeValues: map[string]types.AttributeValue{":t": &types.AttributeValueMemberSS{Value: []string{"a"}}}}); err != nil {
			t.Fatal(err)
		}
		got, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("t"), Key: key, ConsistentRead: aws.Bool(true)})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got.Item["tags"]; ok {
			t.Fatalf("tags = %v, want the attribute removed", got.Item["tags"])
		}
	})
}

// An attribute value with no type at all cannot be sent through the SDK: post it raw.
func TestPutItemRefusesAnEmptyAttributeValue(t *testing.T) {
	db, _ := serve(t, New())
	createTable(t, db, "t")
	body := `{"TableName":"t","Item":{"pk":{"S":"P"},"sk":{"S":"S"},"x":{}}}`
	req, err := http.NewRequest(http.MethodPost, os.Getenv("AWS_ENDPOINT_URL_DYNAMODB"), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.PutItem")
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(got), "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes") {
		t.Fatalf("status %d, body %s: want 400 with DynamoDB's empty AttributeValue message", resp.StatusCode, got)
	}
	wantUntouched(t, db)
}
