// ReceiveInboundMessage is POST /webhooks/messages/inbound: the messaging
// provider posts a customer's message, signed with the organisation's
// webhook secret (no authorizer). It files the emails the message may cause.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/hours"
	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	log := lambdaenv.Logger()
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	svc := &conversations.Service{Store: store, Hours: hours.NewReader(store), Now: time.Now}
	lambda.Start(api.Public(log, api.ReceiveInboundMessage(svc)))
}
