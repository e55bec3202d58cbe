// ResumeImports runs every five minutes: it restarts contact imports whose
// worker stopped (validating or applying, lease run out).
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/jobs"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/s3store"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	r := &imports.Resumer{
		Store:   dynamo.NewReader(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME")),
		Uploads: s3store.New(s3.NewFromConfig(cfg), lambdaenv.Must("UPLOAD_BUCKET")),
		Log:     log,
		Now:     time.Now,
	}
	lambda.Start(jobs.ResumeImports(r, log))
}
