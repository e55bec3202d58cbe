// ReceiveInboundMessage is POST /webhooks/messages/inbound: the messaging
// provider posts a customer's message, signed with the organisation's
// webhook secret (no authorizer). It files the emails the message may cause.
package main

import (
	"context"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/hours"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/smsclient"
	"github.com/roster-app/roster/internal/texts"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	store := dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME"))
	hoursReader := hours.NewReader(store)
	sender, err := texts.NewSender(store, smsclient.NewFromConfig(cfg, os.Getenv(texts.EnvConfigSet)), hoursReader, log, os.Getenv)
	if err != nil {
		log.Error("start", "err", err)
		os.Exit(1)
	}
	svc := &conversations.Service{Store: store, Hours: hoursReader, Now: time.Now, Texts: sender, Log: log}
	lambda.Start(api.Public(log, api.ReceiveInboundMessage(svc)))
}
