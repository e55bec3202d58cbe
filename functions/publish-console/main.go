// PublishConsole is the custom resource ConsoleFiles: on Create and Update
// it writes the admin console (web/dist, embedded in this binary) into the
// console bucket, on Delete it empties the bucket.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/cfn"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/roster-app/roster/internal/consolepub"
	"github.com/roster-app/roster/internal/lambdaenv"
	"github.com/roster-app/roster/web"
)

func main() {
	log := lambdaenv.Logger()
	cfg := lambdaenv.AWSConfig(context.Background())
	p := &consolepub.Publisher{S3: s3.NewFromConfig(cfg), Files: web.Dist(), Log: log}
	lambda.Start(cfn.LambdaWrap(p.Handle))
}
