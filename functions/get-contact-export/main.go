// GetContactExport is GET /contacts/exports/{id}: status and, once written, a fresh download link.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/exports"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/s3store"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	s := &exports.Viewer{
		Store:   dynamo.NewReader(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME")),
		Exports: s3store.New(s3.NewFromConfig(cfg), lambdaenv.Must("EXPORT_BUCKET")),
		Now:     time.Now,
	}
	lambda.Start(api.Authenticated(log, api.GetExport(s)))
}
