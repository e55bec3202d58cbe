// ListConversationMessages is GET /conversations/{id}/messages: a conversation's messages, oldest first.
package main

import (
	"context"

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
	store := dynamo.NewReader(db, lambdaenv.Must("TABLE_NAME"))
	lambda.Start(api.Authenticated(log, api.ListConversationMessages(&conversations.Reader{Store: store})))
}
