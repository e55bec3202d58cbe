// Authorizer is the HTTP API's Lambda REQUEST authorizer.
package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	log := lambdaenv.Logger()
	signer, err := auth.NewSigner(lambdaenv.Must("TOKEN_SIGNING_SECRET"), auth.AccessTokenTTL)
	if err != nil {
		log.Error("start", "err", err)
		os.Exit(1)
	}
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewReader(db, lambdaenv.Must("TABLE_NAME"))
	lambda.Start(api.Authorizer(auth.NewVerifier(store, signer), log))
}
