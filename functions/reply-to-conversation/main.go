// ReplyToConversation is POST /conversations/{id}/messages, an agent's reply recorded as an outbound message.
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
	sender, err := texts.NewSender(store, smsclient.NewFromConfig(cfg, os.Getenv(texts.EnvConfigSet)), hours.NewReader(store), log, os.Getenv)
	if err != nil {
		log.Error("start", "err", err)
		os.Exit(1)
	}
	lambda.Start(api.Authenticated(log, api.ReplyToConversation(&conversations.Service{Store: store, Now: time.Now, Texts: sender, Log: log})))
}
