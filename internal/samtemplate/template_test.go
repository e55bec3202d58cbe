package samtemplate_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/samtemplate"
)

// realParams are values for some of the real template's parameters (all
// have a Default).
var realParams = map[string]string{
	"TokenSigningKeysParameter": "/roster-test/token-signing-keys",
	"OperatorKeyHashParameter":  "/roster-test/operator-key-hash",
}

func parseReal(t *testing.T) *samtemplate.Template {
	t.Helper()
	tpl, err := samtemplate.ParseFile("../../template.yaml", samtemplate.Resolver{Parameters: realParams})
	if err != nil {
		t.Fatalf("parse template.yaml: %v", err)
	}
	return tpl
}

func TestRealTemplate(t *testing.T) {
	tpl := parseReal(t)
	table := tpl.Table("Table")
	if table == nil {
		t.Fatal("template has no Table")
	}

	t.Run("every function inherits the Globals", func(t *testing.T) {
		for _, fn := range tpl.Functions {
			if fn.Runtime != "provided.al2023" || fn.Handler != "bootstrap" || !slices.Equal(fn.Architectures, []string{"arm64"}) {
				t.Errorf("%s: runtime %q handler %q architectures %v", fn.LogicalID, fn.Runtime, fn.Handler, fn.Architectures)
			}
			if fn.LogFormat != "JSON" || fn.LogLevel != "INFO" {
				t.Errorf("%s: log format %q level %q, want JSON INFO", fn.LogicalID, fn.LogFormat, fn.LogLevel)
			}
			if fn.Env["TABLE_NAME"] != table.Name {
				t.Errorf("%s: TABLE_NAME = %q, want %q", fn.LogicalID, fn.Env["TABLE_NAME"], table.Name)
			}
			if fn.Timeout <= 0 || fn.MemorySize < 128 {
				t.Errorf("%s: timeout %v memory %d", fn.LogicalID, fn.Timeout, fn.MemorySize)
			}
			if !strings.HasPrefix(fn.CodeURI, "functions/") {
				t.Errorf("%s: CodeUri %q is not under functions/", fn.LogicalID, fn.CodeURI)
			}
		}
	})

	t.Run("a function's own settings win over the Globals", func(t *testing.T) {
		login := tpl.Function("Login")
		if login == nil {
			t.Fatal("no Login function")
		}
		if login.MemorySize != 512 {
			t.Errorf("Login MemorySize = %d, want its own 512", login.MemorySize)
		}
		if login.Timeout != 10*time.Second {
			t.Errorf("Login Timeout = %v, want the global 10s", login.Timeout)
		}
		if login.Env["TOKEN_SIGNING_KEYS_PARAMETER"] != realParams["TokenSigningKeysParameter"] {
			t.Errorf("Login TOKEN_SIGNING_KEYS_PARAMETER = %q, want the parameter value", login.Env["TOKEN_SIGNING_KEYS_PARAMETER"])
		}
	})

	t.Run("raw environment keeps the reference", func(t *testing.T) {
		raw := tpl.Function("GetMe").RawEnv["TABLE_NAME"]
		if raw == nil || raw.Tag != "!Ref" || raw.Value != "Table" {
			t.Errorf("GetMe RawEnv TABLE_NAME = %+v, want !Ref Table", raw)
		}
	})

	t.Run("the API guards routes with the bearer token authorizer", func(t *testing.T) {
		api := tpl.HTTPAPI
		if api == nil || api.DefaultAuthorizer == "" {
			t.Fatalf("HTTPAPI = %+v, want a default authorizer", api)
		}
		auth := api.Authorizers[api.DefaultAuthorizer]
		if tpl.Function(auth.FunctionLogicalID) == nil {
			t.Errorf("authorizer function %q is not in the template", auth.FunctionLogicalID)
		}
		if !slices.Equal(auth.IdentityHeaders, []string{"Authorization"}) || !auth.EnableSimpleResponses || auth.PayloadFormatVersion != "2.0" {
			t.Errorf("authorizer = %+v", auth)
		}
		if auth.ReauthorizeEvery != 30*time.Second {
			t.Errorf("ReauthorizeEvery = %v", auth.ReauthorizeEvery)
		}
	})

	t.Run("sign-in routes are public and the rest are not", func(t *testing.T) {
		public := map[string]bool{"POST /auth/login": true, "POST /auth/refresh": true, "POST /auth/logout": true, "POST /orgs": true, "POST /orgs/{id}/credits/grants": true,
			"POST /auth/invitations/accept": true, "POST /auth/password/forgot": true, "POST /auth/password/reset": true, "POST /auth/mfa/verify": true,
			"POST /auth/email/confirm":        true,
			"POST /webhooks/messages/inbound": true} // signed with the organisation's webhook secret instead
		seen := map[string]string{}
		for _, fr := range tpl.Routes() {
			key := fr.Route.Key()
			if other, dup := seen[key]; dup {
				t.Errorf("route %s is served by both %s and %s", key, other, fr.Function.LogicalID)
			}
			seen[key] = fr.Function.LogicalID
			if fr.Route.AuthNone != public[key] {
				t.Errorf("route %s: AuthNone = %v", key, fr.Route.AuthNone)
			}
			if fr.Route.APIID != tpl.HTTPAPI.LogicalID {
				t.Errorf("route %s: ApiId %q", key, fr.Route.APIID)
			}
		}
		if seen["GET /me"] != "GetMe" {
			t.Errorf("GET /me served by %q", seen["GET /me"])
		}
	})

	t.Run("uploads reach ImportContacts by prefix", func(t *testing.T) {
		fn := tpl.Function("ImportContacts")
		bucket := tpl.Bucket("UploadBucket")
		if fn == nil || bucket == nil {
			t.Fatal("no ImportContacts or UploadBucket")
		}
		if bucket.Name != "roster-local-uploads-000000000000-us-east-1" {
			t.Errorf("bucket name = %q", bucket.Name)
		}
		if fn.Env["UPLOAD_BUCKET"] != bucket.Name {
			t.Errorf("UPLOAD_BUCKET = %q, want the bucket's name %q", fn.Env["UPLOAD_BUCKET"], bucket.Name)
		}
		var prefixes []string
		for _, ev := range fn.S3Events {
			if ev.Bucket != "UploadBucket" || !slices.Equal(ev.Events, []string{"s3:ObjectCreated:*"}) {
				t.Errorf("S3 event %+v", ev)
			}
			prefixes = append(prefixes, ev.Prefix)
		}
		if !slices.Equal(prefixes, []string{"incoming/", "imports/", "jobs/"}) {
			t.Errorf("prefixes = %v", prefixes)
		}
	})

	t.Run("the sweep runs hourly", func(t *testing.T) {
		fn := tpl.Function("SweepExpired")
		if fn == nil || len(fn.Schedules) == 0 {
			t.Fatal("SweepExpired has no schedule")
		}
		s := fn.Schedules[0]
		if s.Expression != "rate(1 hour)" || !s.Enabled || s.RuleName == "" {
			t.Errorf("schedule = %+v", s)
		}
	})

	t.Run("the table has what CreateTable needs", func(t *testing.T) {
		if table.Name != "roster-local-Table" || table.BillingMode != "PAY_PER_REQUEST" || table.TTLAttribute != "ttl" {
			t.Errorf("table = %+v", table)
		}
		want := []samtemplate.KeyElement{{AttributeName: "pk", KeyType: "HASH"}, {AttributeName: "sk", KeyType: "RANGE"}}
		if !slices.Equal(table.KeySchema, want) {
			t.Errorf("key schema = %v", table.KeySchema)
		}
		defined := map[string]bool{}
		for _, d := range table.AttributeDefinitions {
			defined[d.Name] = true
		}
		for _, gsi := range table.GlobalSecondaryIndexes {
			if gsi.Projection.Type == "" {
				t.Errorf("GSI %s has no projection", gsi.Name)
			}
			for _, k := range gsi.KeySchema {
				if !defined[k.AttributeName] {
					t.Errorf("GSI %s key %s has no AttributeDefinition", gsi.Name, k.AttributeName)
				}
			}
		}
	})
}

func TestRealTemplateParameters(t *testing.T) {
	tests := []struct {
		name    string
		params  map[string]string
		wantErr string
	}{
		{"a value outside AllowedValues is refused", with(realParams, "LogLevel", "TRACE"), "not one of"},
		{"a secret parameter name must be a path", with(realParams, "TokenSigningKeysParameter", "token-signing-keys"), "AllowedPattern"},
		{"a secret parameter name must not end in a slash", with(realParams, "OperatorKeyHashParameter", "/roster/"), "AllowedPattern"},
		{"an undeclared parameter is refused", with(realParams, "Nope", "x"), "does not declare"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := samtemplate.ParseFile("../../template.yaml", samtemplate.Resolver{Parameters: tt.params})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
			}
		})
	}
}

func with(m map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for key, val := range m {
		if key != k {
			out[key] = val
		}
	}
	return out
}

// fnTemplate wraps one function's Environment.Variables in a small template
// with a table, a bucket and a parameter to refer to.
func fnTemplate(vars string) string {
	return `
Parameters:
  Stage: {Type: String, Default: dev}
  Names: {Type: CommaDelimitedList, Default: "a,b"}
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
  NamedTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub "${Stage}-named"
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
  Bucket:
    Type: AWS::S3::Bucket
  Api:
    Type: AWS::Serverless::HttpApi
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/fn
      Environment:
        Variables:
` + vars
}

func TestIntrinsics(t *testing.T) {
	tests := []struct {
		name string
		expr string
		want string
	}{
		{"ref of a parameter takes its default", `!Ref Stage`, "dev"},
		{"ref of a pseudo parameter", `!Ref AWS::Region`, "us-east-1"},
		{"ref of a table without TableName is stack-LogicalId", `!Ref Table`, "roster-local-Table"},
		{"ref of a table with TableName resolves it", `!Ref NamedTable`, "dev-named"},
		{"ref of a bucket without BucketName is lower case", `!Ref Bucket`, "roster-local-bucket"},
		{"long-form Ref", `{Ref: Stage}`, "dev"},
		{"GetAtt with a dot", `!GetAtt Table.Arn`, "arn:aws:dynamodb:us-east-1:000000000000:table/roster-local-Table"},
		{"GetAtt as a list", `!GetAtt [Bucket, Arn]`, "arn:aws:s3:::roster-local-bucket"},
		{"long-form GetAtt", `{"Fn::GetAtt": [Fn, Arn]}`, "arn:aws:lambda:us-east-1:000000000000:function:roster-local-Fn"},
		{"Sub with pseudo parameters", `!Sub "${AWS::StackName}-x-${AWS::AccountId}"`, "roster-local-x-000000000000"},
		{"Sub with an attribute", `!Sub "${Bucket.Arn}/*"`, "arn:aws:s3:::roster-local-bucket/*"},
		{"Sub with its own variables", `!Sub ["${A}-${Stage}", {A: !Ref Table}]`, "roster-local-Table-dev"},
		{"Sub keeps an escaped literal", `!Sub "${!Literal}-${Stage}"`, "${Literal}-dev"},
		{"long-form Sub", `{"Fn::Sub": "${Stage}!"}`, "dev!"},
		{"Join of resolved values", `!Join ["-", [!Ref Stage, b, !Ref AWS::Partition]]`, "dev-b-aws"},
		{"Join of a list parameter", `!Join [":", !Ref Names]`, "a:b"},
		{"ref of the API is a stable id", `!Ref Api`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl, err := samtemplate.Parse([]byte(fnTemplate("          V: "+tt.expr+"\n")), samtemplate.Resolver{})
			if err != nil {
				t.Fatal(err)
			}
			got := tpl.Function("Fn").Env["V"]
			if tt.want == "" {
				if len(got) != 10 || got != tpl.HTTPAPI.ID {
					t.Errorf("got %q, want the API's 10-character id %q", got, tpl.HTTPAPI.ID)
				}
				return
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIntrinsicErrorsNameThePlace(t *testing.T) {
	tests := []struct {
		name string
		expr string
		want string
	}{
		{"unknown name", `!Ref Nope`, "no parameter or resource"},
		{"unsupported function", `!If [C, a, b]`, "!If is not supported"},
		{"unknown tag", `!Frobnicate x`, "unknown tag !Frobnicate"},
		{"unknown attribute", `!GetAtt Table.StreamArn`, "attribute StreamArn"},
		{"GetAtt without attribute", `!GetAtt Table`, "expected Resource.Attribute"},
		{"Sub of an unknown name", `!Sub "${Nope}"`, "no parameter or resource"},
		{"unterminated Sub", `!Sub "${Stage"`, "unterminated"},
		{"list where a value is needed", `!Ref Names`, "single value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := samtemplate.Parse([]byte(fnTemplate("          V: "+tt.expr+"\n")), samtemplate.Resolver{})
			if err == nil {
				t.Fatal("no error")
			}
			var terr *samtemplate.Error
			if !errors.As(err, &terr) || terr.Path != "Resources.Fn.Properties.Environment.Variables.V" || terr.Line == 0 {
				t.Errorf("error %v does not point at the variable", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestUnknownTagsAreRefusedAnywhere(t *testing.T) {
	src := `
Resources:
  B: {Type: AWS::S3::Bucket}
Outputs:
  Name: {Value: !Reff B}
`
	_, err := samtemplate.Parse([]byte(src), samtemplate.Resolver{})
	if err == nil || !strings.Contains(err.Error(), "Outputs.Name.Value: unknown tag !Reff") {
		t.Fatalf("err = %v", err)
	}
}

func TestTableCreateTableInput(t *testing.T) {
	table := parseReal(t).Table("Table")
	in := table.CreateTableInput()
	if *in.TableName != table.Name || len(in.KeySchema) != len(table.KeySchema) || len(in.AttributeDefinitions) != len(table.AttributeDefinitions) {
		t.Errorf("input %+v", in)
	}
	if len(in.GlobalSecondaryIndexes) != len(table.GlobalSecondaryIndexes) {
		t.Fatalf("%d GSIs, want %d", len(in.GlobalSecondaryIndexes), len(table.GlobalSecondaryIndexes))
	}
	for i, g := range in.GlobalSecondaryIndexes {
		if *g.IndexName != table.GlobalSecondaryIndexes[i].Name || string(g.Projection.ProjectionType) != table.GlobalSecondaryIndexes[i].Projection.Type {
			t.Errorf("GSI %d: %+v", i, g)
		}
	}
}

func TestSelfReferenceIsAnError(t *testing.T) {
	src := `
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${B}-x"
`
	_, err := samtemplate.Parse([]byte(src), samtemplate.Resolver{})
	if err == nil || !strings.Contains(err.Error(), "refers back to itself") {
		t.Fatalf("err = %v", err)
	}
}

func TestFunctions(t *testing.T) {
	const head = `
Parameters:
  Seconds: {Type: Number, Default: "42"}
Globals:
  Function:
    Timeout: 5
    MemorySize: 256
    Environment:
      Variables: {SHARED: global, OVERRIDDEN: global}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: my-bucket}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: fn/
`
	tests := []struct {
		name    string
		props   string
		check   func(t *testing.T, tpl *samtemplate.Template, fn *samtemplate.Function)
		wantErr string
	}{
		{
			name:  "globals merge with the function's own variables",
			props: "      Environment: {Variables: {OVERRIDDEN: own, OWN: own}}\n",
			check: func(t *testing.T, _ *samtemplate.Template, fn *samtemplate.Function) {
				want := map[string]string{"SHARED": "global", "OVERRIDDEN": "own", "OWN": "own"}
				for k, v := range want {
					if fn.Env[k] != v {
						t.Errorf("%s = %q, want %q", k, fn.Env[k], v)
					}
				}
				if fn.Timeout != 5*time.Second || fn.MemorySize != 256 {
					t.Errorf("timeout %v memory %d", fn.Timeout, fn.MemorySize)
				}
			},
		},
		{
			name:  "timeout may come from a parameter",
			props: "      Timeout: !Ref Seconds\n",
			check: func(t *testing.T, _ *samtemplate.Template, fn *samtemplate.Function) {
				if fn.Timeout != 42*time.Second {
					t.Errorf("timeout = %v", fn.Timeout)
				}
			},
		},
		{
			name: "routes without ApiId go on the implicit API",
			props: `      Events:
        Any: {Type: HttpApi, Properties: {Method: any, Path: "/items/{proxy+}"}}
        Catch: {Type: HttpApi}
`,
			check: func(t *testing.T, tpl *samtemplate.Template, fn *samtemplate.Function) {
				if tpl.HTTPAPI == nil || tpl.HTTPAPI.LogicalID != "ServerlessHttpApi" || tpl.HTTPAPI.DefaultAuthorizer != "" {
					t.Fatalf("HTTPAPI = %+v", tpl.HTTPAPI)
				}
				if fn.Routes[0].Key() != "ANY /items/{proxy+}" || fn.Routes[1].Key() != "$default" {
					t.Errorf("routes = %+v", fn.Routes)
				}
			},
		},
		{
			name: "S3 events keep their filter",
			props: `      Events:
        Up:
          Type: S3
          Properties:
            Bucket: !Ref Bucket
            Events: [s3:ObjectCreated:Put, s3:ObjectCreated:Post]
            Filter: {S3Key: {Rules: [{Name: Prefix, Value: in/}, {Name: suffix, Value: .csv}]}}
`,
			check: func(t *testing.T, _ *samtemplate.Template, fn *samtemplate.Function) {
				ev := fn.S3Events[0]
				if ev.Bucket != "Bucket" || ev.Prefix != "in/" || ev.Suffix != ".csv" || len(ev.Events) != 2 {
					t.Errorf("event = %+v", ev)
				}
			},
		},
		{
			name: "a disabled schedule is kept but not enabled",
			props: `      Events:
        Nightly: {Type: Schedule, Properties: {Schedule: "cron(0 3 * * ? *)", Enabled: false, Input: '{"a":1}'}}
        Named: {Type: Schedule, Properties: {Schedule: rate(5 minutes), Name: my-rule, State: ENABLED}}
`,
			check: func(t *testing.T, _ *samtemplate.Template, fn *samtemplate.Function) {
				n, named := fn.Schedules[0], fn.Schedules[1]
				if n.Enabled || n.Input != `{"a":1}` || n.RuleName != "roster-local-FnNightly" {
					t.Errorf("nightly = %+v", n)
				}
				if !named.Enabled || named.RuleName != "my-rule" {
					t.Errorf("named = %+v", named)
				}
			},
		},
		{
			name:    "an S3 bucket given by name is refused",
			props:   "      Events: {Up: {Type: S3, Properties: {Bucket: my-bucket, Events: s3:ObjectCreated:*}}}\n",
			wantErr: "Events.Up.Properties.Bucket: must be a !Ref",
		},
		{
			name:    "an unsupported event type is refused",
			props:   "      Events: {Q: {Type: Kinesis, Properties: {Stream: arn}}}\n",
			wantErr: `event type "Kinesis" is not supported`,
		},
		{
			name:    "an SQS event must name a queue of the template",
			props:   "      Events: {Q: {Type: SQS, Properties: {Queue: !GetAtt Bucket.Arn}}}\n",
			wantErr: "Bucket is not an AWS::SQS::Queue",
		},
		{
			name:    "an on-failure destination must be a resource of the template",
			props:   "      EventInvokeConfig: {DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Nowhere.Arn}}}\n",
			wantErr: "no resource named Nowhere",
		},
		{
			name: "an on-failure queue and an SQS consumer are read",
			props: "      EventInvokeConfig: {MaximumRetryAttempts: 1, DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Queue.Arn}}}\n" +
				"      Events: {Q: {Type: SQS, Properties: {Queue: !GetAtt Queue.Arn, BatchSize: 5, FunctionResponseTypes: [ReportBatchItemFailures]}}}\n" +
				"  Queue: {Type: AWS::SQS::Queue}\n",
			check: func(t *testing.T, _ *samtemplate.Template, fn *samtemplate.Function) {
				ei := fn.EventInvoke
				if ei == nil || ei.MaximumRetryAttempts != 1 || ei.OnFailure == nil || *ei.OnFailure != (samtemplate.Destination{Type: "SQS", Target: "Queue"}) {
					t.Fatalf("EventInvoke = %+v", ei)
				}
				want := samtemplate.SQSEvent{Name: "Q", Queue: "Queue", BatchSize: 5, ReportBatchItemFailures: true}
				if len(fn.SQSEvents) != 1 || fn.SQSEvents[0] != want {
					t.Fatalf("SQSEvents = %+v", fn.SQSEvents)
				}
			},
		},
		{
			name:    "more than two retries is refused",
			props:   "      EventInvokeConfig: {MaximumRetryAttempts: 3}\n",
			wantErr: "must be 0, 1 or 2",
		},
		{
			name:    "a greedy variable in the middle of a path is refused",
			props:   "      Events: {A: {Type: HttpApi, Properties: {Method: GET, Path: \"/{x+}/y\"}}}\n",
			wantErr: "must be the last segment",
		},
		{
			name:    "a non-numeric timeout is refused",
			props:   "      Timeout: soon\n",
			wantErr: "Resources.Fn.Properties.Timeout",
		},
		{
			name:    "a route to another API is refused",
			props:   "      Events: {A: {Type: HttpApi, Properties: {ApiId: !Ref Bucket, Method: GET, Path: /a}}}\n",
			wantErr: "is not an AWS::Serverless::HttpApi",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl, err := samtemplate.Parse([]byte(head+tt.props), samtemplate.Resolver{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, tpl, tpl.Function("Fn"))
		})
	}
}

func TestAuthorizerMustPointAtAFunction(t *testing.T) {
	src := `
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: A
        Authorizers:
          A: {FunctionArn: "arn:aws:lambda:us-east-1:1:function:x"}
`
	_, err := samtemplate.Parse([]byte(src), samtemplate.Resolver{})
	if err == nil || !strings.Contains(err.Error(), "Auth.Authorizers.A.FunctionArn: must be !GetAtt") {
		t.Fatalf("err = %v", err)
	}
}

// TestParameterChecks covers the deploy-time checks the real template no
// longer exercises since its secrets moved to SSM (every parameter there
// has a Default).
func TestParameterChecks(t *testing.T) {
	const tpl = `
Parameters:
  Key: {Type: String, NoEcho: true, MinLength: 32}
  Hash: {Type: String, AllowedPattern: "^[0-9a-f]{64}$"}
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
`
	good := map[string]string{"Key": strings.Repeat("k", 32), "Hash": strings.Repeat("ab", 32)}
	parsed, err := samtemplate.Parse([]byte(tpl), samtemplate.Resolver{Parameters: good})
	if err != nil {
		t.Fatalf("good values refused: %v", err)
	}
	if !parsed.Parameters[0].NoEcho || parsed.Parameters[1].NoEcho {
		t.Errorf("NoEcho read as %v, %v; want true, false", parsed.Parameters[0].NoEcho, parsed.Parameters[1].NoEcho)
	}
	for _, tt := range []struct {
		name    string
		params  map[string]string
		wantErr string
	}{
		{"parameters without a default are required", nil, "Key, Hash"},
		{"a value shorter than MinLength is refused", with(good, "Key", "short"), "MinLength is 32"},
		{"a value outside AllowedPattern is refused", with(good, "Hash", strings.Repeat("Z", 64)), "AllowedPattern"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := samtemplate.Parse([]byte(tpl), samtemplate.Resolver{Parameters: tt.params})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
			}
		})
	}
}
