// ApplyContactImport is POST /contacts/imports/{id}/apply: writes a reviewed import in the background.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/s3store"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	q := &imports.Requests{
		Store:   dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME")),
		Uploads: s3store.New(s3.NewFromConfig(cfg), lambdaenv.Must("UPLOAD_BUCKET")),
		Now:     time.Now,
	}
	lambda.Start(api.Authenticated(log, api.ApplyImport(q)))
}
