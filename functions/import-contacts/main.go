// ImportContacts runs the contact import pipeline on the upload bucket's
// events: a spreadsheet landing is read and checked; a job object starts or
// resumes writing a reviewed import.
package main

import (
	"context"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/ses"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/importer"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/s3store"
	"github.com/roster-app/roster/internal/sesmail"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	store := dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME"))
	mail := sesmail.New(ses.NewFromConfig(cfg), lambdaenv.Must("SENDER_ADDRESS"))
	w := &importer.Worker{
		Store:   store,
		Uploads: s3store.New(s3.NewFromConfig(cfg), lambdaenv.Must("UPLOAD_BUCKET")),
		Sender:  outbox.New(store, mail, lambdaenv.Must("APP_BASE_URL"), lambdaenv.MustDays("INVITATION_TTL_DAYS"), log),
		Log:     log,
		Now:     time.Now,
		TempDir: os.TempDir(),
	}
	lambda.Start(w.Handle)
}
