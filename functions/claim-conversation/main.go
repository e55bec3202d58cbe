// ClaimConversation is POST /conversations/{id}/claim: the caller takes the conversation
// (409 already_claimed when someone else holds it). Claiming an unread
// conversation files the claimer's unread email, so it reads their
// notification settings.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	log := lambdaenv.Logger()
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	lambda.Start(api.Authenticated(log, api.ClaimConversation(&conversations.Service{Store: store, Now: time.Now})))
}
