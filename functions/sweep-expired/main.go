// SweepExpired runs hourly and deletes expired sessions and counters.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/jobs"
	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	lambda.Start(jobs.SweepExpired(store, lambdaenv.Logger(), time.Now))
}
