// Login is POST /auth/login: email and password to tokens.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/authenv"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/ssmparam"
)

func main() {
	log := lambdaenv.Logger()
	ctx := context.Background()
	cfg := lambdaenv.AWSConfig(ctx)
	keys := ssmparam.MustGet(ctx, cfg, lambdaenv.Must("TOKEN_SIGNING_KEYS_PARAMETER"), log)
	signer := authenv.MustSigner(keys, log)
	db := dynamodb.NewFromConfig(cfg)
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	svc := auth.NewService(store, signer, auth.OWASPArgon2, log)
	lambda.Start(api.Public(log, api.Login(svc)))
}
