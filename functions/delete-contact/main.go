// DeleteContact is DELETE /contacts/{id}: a contact and its phone claim.
// It parses no phone numbers, so it does not link phonenumbers.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/contacts"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	log := lambdaenv.Logger()
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	svc := &contacts.Service{Store: store, Now: time.Now}
	lambda.Start(api.Authenticated(log, api.DeleteContact(svc)))
}
