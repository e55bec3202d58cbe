// Command testfunc is the Lambda function the local package's tests run. It
// works out from the shape of each event what it was invoked by and
// answers in a way the tests can check.
package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/pinpointsmsvoicev2"

	"github.com/roster-app/roster/internal/ssmparam"
)

// readSecret reads the parameter SIGNING_KEYS_PARAMETER names through the
// SSM endpoint the stack gave this process, as the real functions do at
// start, and says how long the call took.
func readSecret() (any, error) {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		return nil, err
	}
	client, err := ssmparam.New(cfg)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	value, err := client.GetParameter(context.Background(), os.Getenv("SIGNING_KEYS_PARAMETER"))
	if err != nil {
		return nil, err
	}
	return map[string]any{"value": value, "ms": float64(time.Since(start).Microseconds()) / 1000}, nil
}

// command is the event of a direct invocation in the tests.
type command struct {
	Action string `json:"action"` // echo, sleep, fail, crash, env, context, secret, text
	Ms     int    `json:"ms"`
	// To, Body and Context are the text of "text".
	To      string            `json:"to"`
	Body    string            `json:"body"`
	Context map[string]string `json:"context"`
}

func handle(ctx context.Context, raw json.RawMessage) (any, error) {
	var probe map[string]json.RawMessage
	_ = json.Unmarshal(raw, &probe)
	switch {
	case probe["routeArn"] != nil:
		var ev events.APIGatewayV2CustomAuthorizerV2Request
		if err := json.Unmarshal(raw, &ev); err != nil {
			return nil, err
		}
		return authorize(ev)
	case probe["routeKey"] != nil:
		var ev events.APIGatewayV2HTTPRequest
		if err := json.Unmarshal(raw, &ev); err != nil {
			return nil, err
		}
		return serveHTTP(ev, raw)
	case probe["source"] != nil && string(probe["source"]) == `"aws.sms-voice"`:
		return textEvent(raw)
	case probe["Records"] != nil, probe["detail-type"] != nil:
		var ev events.S3Event
		if json.Unmarshal(raw, &ev) == nil && len(ev.Records) > 0 && ev.Records[0].EventSource == "aws:s3" &&
			strings.HasPrefix(ev.Records[0].S3.Object.Key, "incoming/crash") {
			os.Exit(3) // a worker that dies on this file
		}
		return map[string]string{"received": "ok"}, nil
	}
	var cmd command
	if err := json.Unmarshal(raw, &cmd); err != nil {
		return nil, err
	}
	switch cmd.Action {
	case "sleep":
		time.Sleep(time.Duration(cmd.Ms) * time.Millisecond)
		return map[string]int{"slept": cmd.Ms}, nil
	case "fail":
		return nil, errors.New("boom")
	case "crash":
		os.Exit(3)
	case "env":
		return os.Environ(), nil
	case "secret":
		return readSecret()
	case "text":
		return sendText(cmd)
	case "context":
		lc, _ := lambdacontext.FromContext(ctx)
		deadline, _ := ctx.Deadline()
		return map[string]any{"requestId": lc.AwsRequestID, "arn": lc.InvokedFunctionArn, "deadlineMs": deadline.UnixMilli(), "pid": os.Getpid()}, nil
	}
	return raw, nil
}

// authorize lets "Bearer good" in with a context, fails on "Bearer error"
// and turns everyone else away.
func authorize(ev events.APIGatewayV2CustomAuthorizerV2Request) (any, error) {
	switch ev.Headers["authorization"] {
	case "Bearer good":
		return events.APIGatewayV2CustomAuthorizerSimpleResponse{
			IsAuthorized: true,
			Context:      map[string]any{"userId": "u-1", "routeArn": ev.RouteArn, "identity": strings.Join(ev.IdentitySource, ",")},
		}, nil
	case "Bearer error":
		return nil, errors.New("authorizer broke")
	}
	return events.APIGatewayV2CustomAuthorizerSimpleResponse{IsAuthorized: false}, nil
}

// serveHTTP picks its behaviour from the last segment of the path; under
// /status/ a number is the status code to answer with.
func serveHTTP(ev events.APIGatewayV2HTTPRequest, raw json.RawMessage) (any, error) {
	last := ev.RawPath[strings.LastIndex(ev.RawPath, "/")+1:]
	switch last {
	case "raw":
		return map[string]string{"hello": "world"}, nil
	case "binary":
		return events.APIGatewayV2HTTPResponse{
			StatusCode:      200,
			Headers:         map[string]string{"Content-Type": "application/octet-stream"},
			Body:            base64.StdEncoding.EncodeToString([]byte{0, 1, 2, 255}),
			IsBase64Encoded: true,
		}, nil
	case "sleep":
		time.Sleep(time.Minute)
	case "fail":
		return nil, errors.New("boom")
	case "crash":
		os.Exit(3)
	case "inbound":
		// The messaging webhook: a text of "refuse me" is refused.
		if strings.Contains(ev.Body, `"text":"refuse me"`) {
			return events.APIGatewayV2HTTPResponse{StatusCode: 401, Headers: map[string]string{"Content-Type": "application/problem+json"},
				Body: `{"title":"Unauthorized","status":401}`}, nil
		}
	case "db":
		// Two consistent reads of an item that is not there: 1 unit each.
		if err := readTwice(); err != nil {
			return nil, err
		}
	}
	status := 200
	if n, err := strconv.Atoi(last); err == nil && strings.Contains(ev.RawPath, "/status/") {
		status = n
	}
	return events.APIGatewayV2HTTPResponse{
		StatusCode: status,
		Headers:    map[string]string{"Content-Type": "application/json", "X-Function": os.Getenv("AWS_LAMBDA_FUNCTION_NAME")},
		Cookies:    []string{"a=1; Path=/", "b=2"},
		Body:       string(raw),
	}, nil
}

// readTwice makes two DynamoDB calls through the endpoint the stack gave
// this process, for the tests of X-Roster-Db.
func readTwice() error {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		return err
	}
	db := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.DisableValidateResponseChecksum = true })
	table := os.Getenv("TABLE_NAME")
	for range 2 {
		_, err := db.GetItem(context.Background(), &dynamodb.GetItemInput{
			TableName:      &table,
			Key:            map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "none"}},
			ConsistentRead: aws.Bool(true),
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// sendText sends a text through the End User Messaging SMS endpoint the
// stack gave this process, as the real functions do.
func sendText(cmd command) (any, error) {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		return nil, err
	}
	out, err := pinpointsmsvoicev2.NewFromConfig(cfg).SendTextMessage(context.Background(), &pinpointsmsvoicev2.SendTextMessageInput{
		OriginationIdentity:    aws.String("+15555550100"),
		DestinationPhoneNumber: aws.String(cmd.To),
		MessageBody:            aws.String(cmd.Body),
		Context:                cmd.Context,
	})
	if err != nil {
		return nil, err
	}
	return map[string]string{"messageId": aws.ToString(out.MessageId)}, nil
}

// textEvent stores a text's delivery event in TABLE_NAME under
// "event#<messageId>" for the tests to read, and fails for a text whose
// context says fail=always.
func textEvent(raw json.RawMessage) (any, error) {
	var ev struct {
		Detail struct {
			MessageID string            `json:"messageId"`
			Context   map[string]string `json:"context"`
		} `json:"detail"`
	}
	if err := json.Unmarshal(raw, &ev); err != nil {
		return nil, err
	}
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		return nil, err
	}
	db := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.DisableValidateResponseChecksum = true })
	_, err = db.PutItem(context.Background(), &dynamodb.PutItemInput{
		TableName: aws.String(os.Getenv("TABLE_NAME")),
		Item: map[string]types.AttributeValue{
			"pk":    &types.AttributeValueMemberS{Value: "event#" + ev.Detail.MessageID},
			"event": &types.AttributeValueMemberS{Value: string(raw)},
		},
	})
	if err != nil {
		return nil, err
	}
	if ev.Detail.Context["fail"] == "always" {
		return nil, errors.New("this text's events always fail")
	}
	return map[string]string{"stored": ev.Detail.MessageID}, nil
}

func main() {
	lambda.Start(handle)
}
