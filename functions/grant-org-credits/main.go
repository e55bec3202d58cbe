// GrantOrgCredits is POST /orgs/{id}/credits/grants: an operator adds
// credits bought elsewhere to an organisation's company account.
package main

import (
	"context"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/credits"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/lambdaenv"
)

func main() {
	log := lambdaenv.Logger()
	db := dynamodb.NewFromConfig(lambdaenv.AWSConfig(context.Background()))
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	svc := credits.NewService(store, time.Now)
	op := api.GrantOrgCredits(svc, lambdaenv.Must("OPERATOR_KEY_HASH"))
	lambda.Start(api.Public(log, api.Idempotent(store, time.Now, op)))
}
