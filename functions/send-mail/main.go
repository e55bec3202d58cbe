// SendMail runs every few minutes and sends queued mail that is due: mail
// whose first attempt failed, or whose sender died before sending it.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ses"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/jobs"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/sesmail"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	sender := &outbox.Sender{
		Store:      dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME")),
		Mail:       sesmail.New(ses.NewFromConfig(cfg), lambdaenv.Must("SENDER_ADDRESS")),
		AppBaseURL: lambdaenv.Must("APP_BASE_URL"),
		Log:        log,
		Now:        time.Now,
		// How long invitation links work (the InvitationTtlDays parameter).
		InvitationTTL: lambdaenv.MustDays("INVITATION_TTL_DAYS"),
	}
	lambda.Start(jobs.SendMail(sender, log))
}
