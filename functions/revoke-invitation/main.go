// RevokeInvitation is POST /users/{id}/invitation/revoke: the invitation
// link stops working at once.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/users"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	store := dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME"))
	l := users.NewLifecycle(store, users.NewReader(store, time.Now), nil)
	lambda.Start(api.Authenticated(log, api.RevokeInvitation(l)))
}
