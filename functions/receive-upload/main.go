// ReceiveUpload runs when a spreadsheet lands in the upload bucket.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/s3store"
)

func main() {
	cfg := lambdaenv.AWSConfig(context.Background())
	r := &imports.Receiver{
		Store:   dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME")),
		Objects: s3store.New(s3.NewFromConfig(cfg), lambdaenv.Must("UPLOAD_BUCKET")),
		Log:     lambdaenv.Logger(),
		Now:     time.Now,
	}
	lambda.Start(r.Handle)
}
