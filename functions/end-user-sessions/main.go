// EndUserSessions is POST /users/{id}/sessions/end: every session of a user
// ends at once.
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
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	// Ending sessions releases no claims: the user stays active.
	l := users.NewLifecycle(store, users.NewReader(store, time.Now), nil)
	lambda.Start(api.Authenticated(log, api.EndUserSessions(l)))
}
