// Command bare is the yardstick of cmd/coldstart: a Lambda function that
// builds the DynamoDB, S3 and SES clients the way the functions do and
// handles nothing. A function that starts no slower than this one pays
// nothing at start for its own code.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/ses"

	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	cfg := lambdaenv.AWSConfig(context.Background())
	clients := []any{dynamodb.NewFromConfig(cfg), s3.NewFromConfig(cfg), ses.NewFromConfig(cfg)}
	lambda.Start(func(ctx context.Context, in json.RawMessage) (int, error) { return len(clients), nil })
}
