// CreateOrg is POST /orgs: an operator creates an organisation.
package main

import (
	"context"
	"time"
	_ "time/tzdata" // provided.al2023 has no zoneinfo; organisations name IANA time zones

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/ses"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/internal/orgs"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/sesmail"
	"github.com/roster-app/roster/internal/ssmparam"
)

func main() {
	log := lambdaenv.Logger()
	ctx := context.Background()
	cfg := lambdaenv.AWSConfig(ctx)
	operatorKeyHash := ssmparam.MustGet(ctx, cfg, lambdaenv.Must("OPERATOR_KEY_HASH_PARAMETER"), log)
	store := dynamo.NewStore(dynamodb.NewFromConfig(cfg), lambdaenv.Must("TABLE_NAME"))
	mail := sesmail.New(ses.NewFromConfig(cfg), lambdaenv.Must("SENDER_ADDRESS"))
	sender := outbox.New(store, mail, lambdaenv.Must("APP_BASE_URL"), lambdaenv.MustDays("INVITATION_TTL_DAYS"), log)
	svc := &orgs.Service{Store: store, Sender: sender, Argon: auth.OWASPArgon2, Log: log, Now: time.Now}
	op := api.CreateOrg(svc, operatorKeyHash)
	lambda.Start(api.Public(log, api.Idempotent(store, time.Now, op)))
}
