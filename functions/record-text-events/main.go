// RecordTextEvents takes AWS End User Messaging SMS's delivery events from
// EventBridge and moves each text to delivered or failed.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/jobs"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/texts"
)

func main() {
	log := lambdaenv.Logger()
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	lambda.Start(jobs.RecordTextEvents(&texts.Sender{Store: store, Log: log, Now: time.Now}, log))
}
