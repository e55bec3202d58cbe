// ListAuditEvents is GET /audit-events: who changed what, for organisation
// administrators.
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
	lambda.Start(api.Authenticated(log, api.ListAuditEvents(dynamo.NewReader(db, lambdaenv.Must("TABLE_NAME")))))
}
