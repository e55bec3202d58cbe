// ActivateUser is POST /users/{id}/activate: access back; a user created
// inactive gets their invitation now.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ses"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/sesmail"
	"github.com/roster-app/roster/internal/users"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	store := dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME"))
	mail := sesmail.New(ses.NewFromConfig(cfg), lambdaenv.Must("SENDER_ADDRESS"))
	sender := outbox.New(store, mail, lambdaenv.Must("APP_BASE_URL"), lambdaenv.MustDays("INVITATION_TTL_DAYS"), log)
	l := users.NewLifecycle(store, users.NewReader(store, time.Now), nil)
	lambda.Start(api.Authenticated(log, api.ChangeUserStatus(l, roster.Activate, sender)))
}
