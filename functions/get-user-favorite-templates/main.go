// GetUserFavoriteTemplates is GET /users/{id}/favorite-templates: a user's favourite templates, for managers and admins over them.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/msgtemplates"
)

func main() {
	log := lambdaenv.Logger()
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewReader(db, lambdaenv.Must("TABLE_NAME"))
	lambda.Start(api.Authenticated(log, api.GetUserFavoriteTemplates(msgtemplates.NewReader(store, time.Now))))
}
