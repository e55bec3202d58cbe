// ConfirmEmailChange is POST /auth/email/confirm: the link mailed to a new
// address makes it the user's email; every session of the user ends.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	store := dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME"))
	svc := auth.NewService(store, nil, auth.OWASPArgon2, log)
	lambda.Start(api.Public(log, api.ConfirmEmailChange(svc)))
}
