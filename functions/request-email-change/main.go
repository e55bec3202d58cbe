// RequestEmailChange is POST /me/email: a confirmation link to the new
// address, a notice to the old one; nothing changes until the link is used.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ses"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/sesmail"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	store := dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME"))
	mail := sesmail.New(ses.NewFromConfig(cfg), lambdaenv.Must("SENDER_ADDRESS"))
	sender := outbox.New(store, mail, lambdaenv.Must("APP_BASE_URL"), lambdaenv.MustDays("INVITATION_TTL_DAYS"), log)
	svc := auth.NewService(store, nil, auth.OWASPArgon2, log)
	lambda.Start(api.Authenticated(log, api.RequestEmailChange(svc, sender)))
}
