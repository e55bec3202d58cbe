// ReleaseConversation is POST /conversations/{id}/release: the claimer, or a manager of the
// group, gives the conversation up.
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
	lambda.Start(api.Authenticated(log, api.ReleaseConversation(&conversations.Service{Store: store, Now: time.Now})))
}
