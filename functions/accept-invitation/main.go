// AcceptInvitation is POST /auth/invitations/accept: set a password from the
// welcome link, become active, be signed in.
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
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	svc := auth.NewService(store, signer, auth.OWASPArgon2, log)
	lambda.Start(api.Public(log, api.AcceptInvitation(svc)))
}
