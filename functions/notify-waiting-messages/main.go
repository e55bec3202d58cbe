// NotifyWaitingMessages runs every minute: it reads the notifications that
// fell due in the minutes since its last run (usually one small partition)
// and emails each user once about a message left unclaimed or unread.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ses"

	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/hours"
	"github.com/roster-app/roster/internal/jobs"
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
	n := &conversations.Notifier{Store: store, Hours: hours.NewReader(store), Mail: sender, Log: log, Now: time.Now}
	lambda.Start(jobs.NotifyWaitingMessages(n, log))
}
