package local

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/ssm"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/race"
)

// syncBuffer collects the stack's log lines from many goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func startTestStack(t *testing.T, dataDir string, reset bool) (*Stack, *syncBuffer) {
	t.Helper()
	testFunctionBinary(t) // warm the build cache once for every stack
	logs := &syncBuffer{}
	stack, err := Start(context.Background(), Config{
		Addr:         "127.0.0.1:0",
		DataDir:      dataDir,
		RepoRoot:     repoRoot(t),
		TemplatePath: filepath.Join(repoRoot(t), "internal/local/testdata/template.yaml"),
		Reset:        reset,
		SkipDemoOrg:  true,
		Log:          logs,
		BuildFlags:   race.Flags(),
	})
	if err != nil {
		t.Fatalf("start: %v\n%s", err, logs)
	}
	t.Cleanup(func() { _ = stack.Close() })
	return stack, logs
}

func get(t *testing.T, url string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func awsConfig() aws.Config {
	return aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("local", "local", ""),
	}
}

func TestStack(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "data")
	stack, logs := startTestStack(t, dataDir, false)
	url := stack.URL()

	t.Run("health is ok once Start returns", func(t *testing.T) {
		resp, body := get(t, url+"/health", nil)
		if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"status":"ok"}` {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
	})

	t.Run("a guarded route runs the real authorizer first", func(t *testing.T) {
		if resp, _ := get(t, url+"/items/1", nil); resp.StatusCode != 401 {
			t.Errorf("without a token: status %d", resp.StatusCode)
		}
		if resp, _ := get(t, url+"/items/1", http.Header{"Authorization": {"Bearer bad"}}); resp.StatusCode != 403 {
			t.Errorf("with a bad token: status %d", resp.StatusCode)
		}
		resp, body := get(t, url+"/items/1", http.Header{"Authorization": {"Bearer good"}})
		if resp.StatusCode != 200 {
			t.Fatalf("status %d body %s", resp.StatusCode, body)
		}
		var ev events.APIGatewayV2HTTPRequest
		if err := json.Unmarshal(body, &ev); err != nil {
			t.Fatal(err)
		}
		if ev.RequestContext.Authorizer == nil || ev.RequestContext.Authorizer.Lambda["userId"] != "u-1" || ev.PathParameters["id"] != "1" {
			t.Errorf("event %+v", ev.RequestContext)
		}
		if resp.Header.Get("X-Function") != "roster-local-Echo" || len(resp.Header.Values("Set-Cookie")) != 2 {
			t.Errorf("headers %v", resp.Header)
		}
	})

	t.Run("each request is logged on one line", func(t *testing.T) {
		if !strings.Contains(logs.String(), "GET /items/1 200 Echo ") {
			t.Errorf("no request line in the log:\n%s", logs)
		}
	})

	t.Run("the function gets the local parameter values and endpoints", func(t *testing.T) {
		out, err := stack.Invoke(context.Background(), "Echo", []byte(`{"action":"env"}`))
		if err != nil {
			t.Fatal(err)
		}
		var env []string
		_ = json.Unmarshal(out, &env)
		joined := "\n" + strings.Join(env, "\n") + "\n"
		for _, want := range []string{
			"APP_BASE_URL=" + url,
			"TABLE_NAME=roster-local-Table",
			"SIGNING_KEYS_PARAMETER=/roster-test/signing-keys",
			"AWS_ENDPOINT_URL_S3=" + url + "/_local/s3",
			"AWS_ENDPOINT_URL_SES=" + url + "/_local/ses",
			"AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2=" + url + "/_local/smsvoice",
			"AWS_ENDPOINT_URL_SSM=" + url + "/_local/ssm",
		} {
			if !strings.Contains(joined, "\n"+want+"\n") {
				t.Errorf("missing %s in %v", want, env)
			}
		}
		// Each instance has its own DynamoDB path, so that the meter
		// knows which invocation made a call.
		if !strings.Contains(joined, "\nAWS_ENDPOINT_URL_DYNAMODB="+url+"/_local/dynamodb/i/") {
			t.Errorf("no per-instance DynamoDB endpoint in %v", env)
		}
	})

	var keyring string
	t.Run("a function reads its secret from the local SSM; only the name is in its environment", func(t *testing.T) {
		out, err := stack.Invoke(context.Background(), "Echo", []byte(`{"action":"secret"}`))
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Value string  `json:"value"`
			Ms    float64 `json:"ms"`
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		ring, err := auth.ParseKeyring(got.Value)
		if err != nil {
			t.Fatalf("the generated keyring does not parse: %v", err)
		}
		if ring.Current() != "local-1" {
			t.Errorf("generated keyring %v, want current key local-1", ring)
		}
		keyring = got.Value
		t.Logf("GetParameter from a function process took %.2f ms", got.Ms)
		if direct := readParameter(t, url, "/roster-test/signing-keys"); direct != keyring {
			t.Errorf("the stack's SSM endpoint answers another value than the function read")
		}
		envOut, err := stack.Invoke(context.Background(), "Echo", []byte(`{"action":"env"}`))
		if err != nil {
			t.Fatal(err)
		}
		var keys struct {
			Keys map[string]string `json:"keys"`
		}
		_ = json.Unmarshal([]byte(keyring), &keys)
		for _, k := range keys.Keys {
			if strings.Contains(string(envOut), k) {
				t.Errorf("a signing key is in the function's environment")
			}
		}
		if info, err := os.Stat(filepath.Join(dataDir, "ssm.json")); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("ssm.json: %v, %v; want it private to its owner", info, err)
		}
	})

	t.Run("every response says what it cost in DynamoDB, and /_local/usage sums it", func(t *testing.T) {
		resp, body := get(t, url+"/items/db", http.Header{"Authorization": {"Bearer good"}})
		if resp.StatusCode != 200 {
			t.Fatalf("status %d body %s", resp.StatusCode, body)
		}
		if got := resp.Header.Get(DBHeader); got != "calls=2; rru=2; wru=0" {
			t.Errorf("%s: %q, want two consistent reads", DBHeader, got)
		}
		if resp, _ := get(t, url+"/items/1", http.Header{"Authorization": {"Bearer good"}}); resp.Header.Get(DBHeader) != "calls=0; rru=0; wru=0" {
			t.Errorf("a request without DynamoDB calls: %s %q", DBHeader, resp.Header.Get(DBHeader))
		}
		if resp, _ := get(t, url+"/nowhere", nil); resp.Header.Get(DBHeader) == "" {
			t.Errorf("a 404 from the gateway has no %s", DBHeader)
		}
		resp, body = get(t, url+"/_local/usage", nil)
		var report UsageReport
		if err := json.Unmarshal(body, &report); err != nil || resp.StatusCode != 200 {
			t.Fatalf("usage: status %d %v: %s", resp.StatusCode, err, body)
		}
		route := report.Routes["GET /items/{id}"]
		if route.Count < 2 || route.Calls < 2 || route.RRU < 2 {
			t.Errorf("usage of GET /items/{id}: %+v", route)
		}
		if fn := report.Functions["Echo"]; fn.Calls < 2 {
			t.Errorf("usage of the Echo function: %+v", fn)
		}
		if report.Total.Calls < route.Calls {
			t.Errorf("total %+v below a route's %+v", report.Total, route)
		}
	})

	t.Run("a function past its timeout gives 503", func(t *testing.T) {
		start := time.Now()
		resp, body := get(t, url+"/slow/sleep", nil)
		if resp.StatusCode != 503 || strings.TrimSpace(string(body)) != `{"message":"Service Unavailable"}` {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
		if elapsed := time.Since(start); elapsed > 10*time.Second {
			t.Errorf("took %v for a 1 s timeout", elapsed)
		}
	})

	t.Run("a function error gives 500", func(t *testing.T) {
		if resp, _ := get(t, url+"/slow/fail", nil); resp.StatusCode != 500 {
			t.Errorf("status %d", resp.StatusCode)
		}
	})

	t.Run("unknown routes and local paths are 404", func(t *testing.T) {
		for _, p := range []string{"/nope", "/_local/nope"} {
			if resp, _ := get(t, url+p, nil); resp.StatusCode != 404 {
				t.Errorf("%s: status %d", p, resp.StatusCode)
			}
		}
	})

	t.Run("an object in the bucket invokes the S3 function", func(t *testing.T) {
		client := s3.NewFromConfig(awsConfig(), func(o *s3.Options) {
			o.BaseEndpoint = aws.String(url + "/_local/s3")
			o.UsePathStyle = true
		})
		bucket := stack.Template().Bucket("Uploads").Name
		_, err := client.PutObject(context.Background(), &s3.PutObjectInput{
			Bucket: aws.String(bucket), Key: aws.String("incoming/my file.csv"), Body: strings.NewReader("a,b\n"),
		})
		if err != nil {
			t.Fatal(err)
		}
		inv, err := stack.WaitForInvocation(context.Background(), func(inv Invocation) bool {
			return inv.Function == "Receive" && inv.Trigger == TriggerS3
		})
		if err != nil {
			t.Fatal(err)
		}
		if inv.Err != nil || inv.Detail != "s3://"+bucket+"/incoming/my file.csv" {
			t.Errorf("invocation %+v", inv)
		}
	})

	t.Run("a file that kills the S3 function is retried, then its record reaches the failure queue's consumer", func(t *testing.T) {
		client := s3.NewFromConfig(awsConfig(), func(o *s3.Options) {
			o.BaseEndpoint = aws.String(url + "/_local/s3")
			o.UsePathStyle = true
		})
		bucket := stack.Template().Bucket("Uploads").Name
		_, err := client.PutObject(context.Background(), &s3.PutObjectInput{
			Bucket: aws.String(bucket), Key: aws.String("incoming/crash.csv"), Body: strings.NewReader("a,b\n"),
		})
		if err != nil {
			t.Fatal(err)
		}
		// No deadline: the consumer runs after the third try, or the test
		// hangs and go test's own timeout reports it.
		inv, err := stack.WaitForInvocation(context.Background(), func(inv Invocation) bool {
			return inv.Function == "HandleFailures" && inv.Trigger == TriggerSQS
		})
		if err != nil {
			t.Fatal(err)
		}
		if inv.Err != nil {
			t.Errorf("consumer invocation %+v", inv)
		}
		tries := 0
		for _, i := range stack.Invocations() {
			if i.Function == "Receive" && i.Detail == "s3://"+bucket+"/incoming/crash.csv" {
				tries++
				if i.Err == nil {
					t.Errorf("a try of the crashing file succeeded: %+v", i)
				}
			}
		}
		if tries != 3 {
			t.Errorf("Receive tried the crashing file %d times, want 3 (the event and 2 retries)", tries)
		}
	})

	t.Run("a schedule runs on demand", func(t *testing.T) {
		resp, err := http.Post(url+"/_local/schedules/Sweep", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if resp.StatusCode != 200 || out["function"] != "Sweep" || out["error"] != nil {
			t.Errorf("status %d body %v", resp.StatusCode, out)
		}
		resp, err = http.Post(url+"/_local/schedules/Echo", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 404 {
			t.Errorf("a function without a schedule: status %d", resp.StatusCode)
		}
	})

	db := dynamodb.NewFromConfig(awsConfig(), func(o *dynamodb.Options) {
		o.BaseEndpoint = aws.String(url + "/_local/dynamodb")
	})
	t.Run("the template's table exists", func(t *testing.T) {
		_, err := db.PutItem(context.Background(), &dynamodb.PutItemInput{
			TableName: aws.String("roster-local-Table"),
			Item:      map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "kept"}},
		})
		if err != nil {
			t.Fatal(err)
		}
	})

	credentials := stack.Credentials()
	if err := stack.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	t.Run("data and secrets survive a restart", func(t *testing.T) {
		again, _ := startTestStack(t, dataDir, false)
		if again.Credentials() != credentials {
			t.Errorf("credentials changed across a restart")
		}
		db := dynamodb.NewFromConfig(awsConfig(), func(o *dynamodb.Options) {
			o.BaseEndpoint = aws.String(again.URL() + "/_local/dynamodb")
		})
		got, err := db.GetItem(context.Background(), &dynamodb.GetItemInput{
			TableName: aws.String("roster-local-Table"),
			Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "kept"}},
		})
		if err != nil || got.Item == nil {
			t.Errorf("item after restart: %v %v", got, err)
		}
		if readParameter(t, again.URL(), "/roster-test/signing-keys") != keyring {
			t.Errorf("the token signing keyring changed across a restart")
		}
		if err := again.Close(); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("reset starts from nothing", func(t *testing.T) {
		fresh, _ := startTestStack(t, dataDir, true)
		if fresh.Credentials() == credentials {
			t.Error("reset kept the old credentials")
		}
		db := dynamodb.NewFromConfig(awsConfig(), func(o *dynamodb.Options) {
			o.BaseEndpoint = aws.String(fresh.URL() + "/_local/dynamodb")
		})
		got, err := db.GetItem(context.Background(), &dynamodb.GetItemInput{
			TableName: aws.String("roster-local-Table"),
			Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "kept"}},
		})
		if err != nil || got.Item != nil {
			t.Errorf("item after reset: %v %v", got.Item, err)
		}
		if readParameter(t, fresh.URL(), "/roster-test/signing-keys") == keyring {
			t.Errorf("reset kept the token signing keyring")
		}
	})
}

// readParameter reads a SecureString from the stack's SSM endpoint with the
// stock client.
func readParameter(t *testing.T, stackURL, name string) string {
	t.Helper()
	client := ssm.NewFromConfig(awsConfig(), func(o *ssm.Options) {
		o.BaseEndpoint = aws.String(stackURL + "/_local/ssm")
	})
	out, err := client.GetParameter(context.Background(), &ssm.GetParameterInput{Name: aws.String(name), WithDecryption: aws.Bool(true)})
	if err != nil {
		t.Fatalf("GetParameter %s: %v", name, err)
	}
	return aws.ToString(out.Parameter.Value)
}

func TestResetRefusesAForeignFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := resetDataDir(dir)
	if err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("err = %v", err)
	}
	if _, statErr := os.Stat(filepath.Join(dir, "notes.txt")); statErr != nil {
		t.Error("the folder was deleted")
	}
}

func TestStartFailsClearly(t *testing.T) {
	t.Run("on an unsupported schedule", func(t *testing.T) {
		dir := t.TempDir()
		src, err := os.ReadFile(filepath.Join(repoRoot(t), "internal/local/testdata/template.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		// Schedules are checked before anything is built, so the template
		// can live anywhere.
		bad := strings.Replace(string(src), "rate(1 hour)", `"cron(0 12 ? * 6#3 *)"`, 1)
		path := filepath.Join(t.TempDir(), "template.yaml")
		if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = Start(context.Background(), Config{
			Addr: "127.0.0.1:0", DataDir: dir, RepoRoot: repoRoot(t), TemplatePath: path, SkipDemoOrg: true, Log: io.Discard,
		})
		if err == nil || !strings.Contains(err.Error(), "Sweep") || !strings.Contains(err.Error(), "not supported") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("on local data written for other indexes", func(t *testing.T) {
		dir := t.TempDir()
		stack, _ := startTestStack(t, dir, false)
		if _, err := stack.Invoke(context.Background(), "Echo", []byte(`{"action":"echo"}`)); err != nil {
			t.Fatal(err)
		}
		if err := stack.Close(); err != nil {
			t.Fatal(err)
		}
		snapshot := filepath.Join(dir, dynamoSnapshotFile)
		if err := os.WriteFile(snapshot, []byte(`{"table":"roster-local-Table","item":{"pk":{"S":"x"}}}`+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		src, err := os.ReadFile(filepath.Join(repoRoot(t), "internal/local/testdata/template.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		// The same template with one more index on the table.
		withIndex := strings.Replace(string(src), `      KeySchema:
        - {AttributeName: pk, KeyType: HASH}
`, `      KeySchema:
        - {AttributeName: pk, KeyType: HASH}
      GlobalSecondaryIndexes:
        - IndexName: ByPk
          KeySchema: [{AttributeName: pk, KeyType: HASH}]
          Projection: {ProjectionType: KEYS_ONLY}
`, 1)
		if withIndex == string(src) {
			t.Fatal("the test template's table changed; update this test")
		}
		path := filepath.Join(repoRoot(t), "internal/local/testdata/template-more-indexes.yaml")
		if err := os.WriteFile(path, []byte(withIndex), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Remove(path) })
		_, err = Start(context.Background(), Config{
			Addr: "127.0.0.1:0", DataDir: dir, RepoRoot: repoRoot(t), TemplatePath: path, SkipDemoOrg: true, Log: io.Discard,
		})
		if err == nil || !strings.Contains(err.Error(), "--reset") || !strings.Contains(err.Error(), "indexes") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("when the port is taken", func(t *testing.T) {
		stack, _ := startTestStack(t, t.TempDir(), false)
		_, err := Start(context.Background(), Config{
			Addr: strings.TrimPrefix(stack.URL(), "http://"), DataDir: t.TempDir(), RepoRoot: repoRoot(t),
			TemplatePath: filepath.Join(repoRoot(t), "internal/local/testdata/template.yaml"), SkipDemoOrg: true, Log: io.Discard,
		})
		if err == nil || !strings.Contains(err.Error(), "listen") {
			t.Errorf("err = %v", err)
		}
	})
}
