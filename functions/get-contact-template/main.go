// GetContactTemplate is GET /contacts/template?format=xlsx|csv: the empty contact spreadsheet with the caller's group columns.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/exporter"
	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	log := lambdaenv.Logger()
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	templates := exporter.Templates{Groups: dynamo.NewReader(db, lambdaenv.Must("TABLE_NAME"))}
	lambda.Start(api.Authenticated(log, api.ContactTemplate(templates.Make)))
}
