// Command bare-secret is the yardstick of cmd/coldstart for the functions
// that read a secret at start (Login, Refresh, the authorizer and six more):
// it builds the DynamoDB client and reads one parameter with
// internal/ssmparam, as they do, and handles nothing. Its ratio to
// cmd/coldstart/bare is what the first signed call of a start costs before
// any of Roster's own code runs.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/ssmparam"
)

func main() {
	log := lambdaenv.Logger()
	ctx := context.Background()
	cfg := lambdaenv.AWSConfig(ctx)
	secret := ssmparam.MustGet(ctx, cfg, lambdaenv.Must("TOKEN_SIGNING_KEYS_PARAMETER"), log)
	clients := []any{dynamodb.NewFromConfig(cfg), secret}
	lambda.Start(func(ctx context.Context, in json.RawMessage) (int, error) { return len(clients), nil })
}
