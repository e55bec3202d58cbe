// EnrolTotp is POST /me/mfa/totp: a new TOTP secret for the caller's
// authenticator, pending until confirmed (also while they may only enrol).
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
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	svc := auth.NewService(store, nil, auth.OWASPArgon2, log)
	lambda.Start(api.DuringEnrolment(log, api.EnrolTotp(svc)))
}
