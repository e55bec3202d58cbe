// HandleFailedEvents consumes the failure queue: the records of S3 and
// schedule events Lambda gave up on after its retries. It ends the import
// or export such an event was for and queues the mail that tells its owner
// (package deadletter).
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/deadletter"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/exports"
	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	store := dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME"))
	h := &deadletter.Handler{
		Buckets: deadletter.Buckets{Uploads: lambdaenv.Must("UPLOAD_BUCKET"), Exports: lambdaenv.Must("EXPORT_BUCKET")},
		// Mail is queued with each change; the SendMail schedule sends it.
		Imports: &imports.Abandoner{Store: store, Log: log, Now: time.Now},
		Exports: &exports.Abandoner{Store: store, Log: log, Now: time.Now},
		Log:     log,
	}
	lambda.Start(h.Handle)
}
