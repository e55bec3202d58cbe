// GetMe is GET /me: the signed-in user (also while they may only enrol a second factor).
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	log := lambdaenv.Logger()
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewReader(db, lambdaenv.Must("TABLE_NAME"))
	lambda.Start(api.DuringEnrolment(log, api.GetMe(store)))
}
