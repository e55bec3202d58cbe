// UpdateGroup is PATCH /groups/{id}: rename, re-kind or move a group.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/groups"
	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	log := lambdaenv.Logger()
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	lambda.Start(api.Authenticated(log, api.UpdateGroup(groups.NewService(store, time.Now))))
}
