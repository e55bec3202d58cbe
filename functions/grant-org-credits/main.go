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
	"github.com/roster-app/roster/internal/ssmparam"
)

func main() {
	log := lambdaenv.Logger()
	ctx := context.Background()
	cfg := lambdaenv.AWSConfig(ctx)
	operatorKeyHash := ssmparam.MustGet(ctx, cfg, lambdaenv.Must("OPERATOR_KEY_HASH_PARAMETER"), log)
	db := dynamodb.NewFromConfig(cfg)
	store := dynamo.NewStore(db, lambdaenv.Must("TABLE_NAME"))
	svc := credits.NewService(store, time.Now)
	op := api.GrantOrgCredits(svc, operatorKeyHash)
	lambda.Start(api.Public(log, api.Idempotent(store, time.Now, op)))
}
