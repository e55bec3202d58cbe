// SendTexts runs every minute and sends the texts that are due: retries
// after a refusal, first attempts a busy second left, welcome texts whose
// group has opened. It paces itself to the account's messages per second.
package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/hours"
	"github.com/roster-app/roster/internal/jobs"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/smsclient"
	"github.com/roster-app/roster/internal/texts"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	store := dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME"))
	sender, err := texts.NewSender(store, smsclient.NewFromConfig(cfg, os.Getenv(texts.EnvConfigSet)), hours.NewReader(store), log, os.Getenv)
	if err != nil {
		log.Error("start", "err", err)
		os.Exit(1)
	}
	lambda.Start(jobs.SendTexts(sender, log))
}
