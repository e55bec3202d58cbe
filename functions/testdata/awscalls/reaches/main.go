// Command reaches calls AWS only in ways the analysis has to follow: a
// paginator, a transaction, a closure and a handler handed to code without
// SSA bodies, and a method called through an interface of the standard
// library.
package main

import (
	"context"
	"io"
	"sort"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// objectReader reads an object when io.ReadAll calls Read.
type objectReader struct{ client *s3.Client }

func (r objectReader) Read(p []byte) (int, error) {
	_, err := r.client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("b"), Key: aws.String("k")})
	return 0, err
}

func main() {
	db := dynamodb.NewFromConfig(aws.Config{})
	objects := s3.NewFromConfig(aws.Config{})
	p := dynamodb.NewQueryPaginator(db, &dynamodb.QueryInput{TableName: aws.String("t"), IndexName: aws.String("i"), Limit: aws.Int32(10)})
	_ = p
	ids := []string{"b", "a"}
	sort.Slice(ids, func(i, j int) bool {
		db.GetItem(context.Background(), &dynamodb.GetItemInput{})
		return ids[i] < ids[j]
	})
	_, _ = io.ReadAll(objectReader{objects})
	lambda.Start(func(ctx context.Context) error {
		_, err := db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
			{Put: &types.Put{TableName: aws.String("t")}},
			{ConditionCheck: &types.ConditionCheck{TableName: aws.String("t")}},
		}})
		return err
	})
}
