// CreateTemplate is POST /templates: a manager or admin adds a message template at the organisation or a group.
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
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	lambda.Start(api.Authenticated(log, api.Idempotent(store, time.Now, api.CreateTemplate(msgtemplates.NewService(store, time.Now)))))
}
