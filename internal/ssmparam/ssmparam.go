// Package ssmparam reads the secrets a function needs from SSM Parameter
// Store, once, when the function starts. Only the parameter's name travels
// in the function's environment; the value stays in memory and is never
// logged or put in an error message.
//
// It makes Parameter Store's one call Roster needs, GetParameter, over the
// service's JSON API with the SDK's own parts: the credentials, the HTTP
// client and the Signature Version 4 signer of the function's aws.Config.
// It does not link the SDK's SSM client: that package's init builds a schema
// of every shape of the SSM API (6 ms and 1.4 MB at every start of the nine
// functions that read a secret, the authorizer among them), and compiling it
// took 13 CPU-seconds of every cold build. The tests hold this client to
// what the SDK's client sends and to the local stack's Parameter Store.
package ssmparam

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Client reads parameters from Parameter Store. It is safe for concurrent use.
type Client struct {
	endpoint string
	region   string
	creds    aws.CredentialsProvider
	http     aws.HTTPClient
	signer   *v4.Signer
	// wait is the pause before retry n (1, 2): jittered, under a second in
	// all, as Lambda gives a function's start 10 seconds.
	wait func(n int) time.Duration
}

// maxAttempts is the SDK's standard retryer's default.
const maxAttempts = 3

// New builds a client from the function's AWS configuration. The endpoint is
// the SDK's, in the SDK's order: AWS_ENDPOINT_URL_SSM, then the
// configuration's base endpoint (AWS_ENDPOINT_URL), unless
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true; then the region's public
// endpoint in the aws and aws-cn partitions. A region of another partition
// (the ISO regions, the European Sovereign Cloud) needs AWS_ENDPOINT_URL_SSM.
func New(cfg aws.Config) (*Client, error) {
	if cfg.Region == "" {
		return nil, errors.New("ssm: no region in the AWS configuration")
	}
	if cfg.Credentials == nil {
		return nil, errors.New("ssm: no credentials in the AWS configuration")
	}
	endpoint, err := endpointFor(cfg.Region, aws.ToString(cfg.BaseEndpoint), os.Getenv)
	if err != nil {
		return nil, err
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{
		endpoint: endpoint,
		region:   cfg.Region,
		creds:    cfg.Credentials,
		http:     hc,
		signer:   v4.NewSigner(),
		wait: func(n int) time.Duration {
			return time.Duration(rand.Int64N(int64(100 * time.Millisecond << (n - 1))))
		},
	}, nil
}

// endpointFor resolves the endpoint as New describes.
func endpointFor(region, baseEndpoint string, getenv func(string) string) (string, error) {
	if ignore, _ := strconv.ParseBool(getenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")); !ignore {
		if v := getenv("AWS_ENDPOINT_URL_SSM"); v != "" {
			return v, nil
		}
		if baseEndpoint != "" {
			return baseEndpoint, nil
		}
	}
	for _, p := range []string{"us-iso", "eu-iso", "eusc-"} {
		if strings.HasPrefix(region, p) {
			return "", fmt.Errorf("ssm: region %s is outside the aws and aws-cn partitions; set AWS_ENDPOINT_URL_SSM", region)
		}
	}
	if strings.HasPrefix(region, "cn-") {
		return "https://ssm." + region + ".amazonaws.com.cn", nil
	}
	return "https://ssm." + region + ".amazonaws.com", nil
}

// APIError is an error reply of Parameter Store: ParameterNotFound,
// AccessDeniedException, ThrottlingException and the like.
type APIError struct {
	Status  int
	Code    string
	Message string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s (HTTP %d): %s", e.Code, e.Status, e.Message)
}

// retryable is the SDK's standard retryer's rule for a reply, with its own
// lists: a 500, 502, 503 or 504, a throttling code, or a timeout code.
func (e *APIError) retryable() bool {
	_, status := retry.DefaultRetryableHTTPStatusCodes[e.Status]
	_, throttle := retry.DefaultThrottleErrorCodes[e.Code]
	_, timeout := retry.DefaultRetryableErrorCodes[e.Code]
	return status || throttle || timeout
}

var errEmpty = errors.New("no value")

// GetParameter returns the decrypted value of a SecureString (or String)
// parameter. Errors name the parameter, never its value.
func (c *Client) GetParameter(ctx context.Context, name string) (string, error) {
	body, err := json.Marshal(struct {
		Name           string
		WithDecryption bool
	}{name, true})
	if err != nil {
		return "", fmt.Errorf("get parameter %s: %w", name, err)
	}
	var last error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		if attempt > 1 {
			t := time.NewTimer(c.wait(attempt - 1))
			select {
			case <-ctx.Done():
				t.Stop()
				return "", fmt.Errorf("get parameter %s: %w (after %v)", name, ctx.Err(), last)
			case <-t.C:
			}
		}
		v, retry, err := c.try(ctx, body)
		if err == nil {
			return v, nil
		}
		last = err
		if !retry {
			break
		}
	}
	return "", fmt.Errorf("get parameter %s: %w", name, last)
}

// maxReply bounds what is read of a reply: a parameter holds at most 8 KB.
const maxReply = 1 << 20

// try makes one signed call; retry says whether another may succeed.
func (c *Client) try(ctx context.Context, body []byte) (value string, retry bool, err error) {
	creds, err := c.creds.Retrieve(ctx)
	if err != nil {
		return "", false, fmt.Errorf("credentials: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return "", false, err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "AmazonSSM.GetParameter")
	sum := sha256.Sum256(body)
	if err := c.signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "ssm", c.region, time.Now()); err != nil {
		return "", false, fmt.Errorf("sign: %w", err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return "", ctx.Err() == nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxReply))
	if err != nil {
		return "", ctx.Err() == nil, fmt.Errorf("read the reply: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		e := apiError(resp, data)
		return "", e.retryable(), e
	}
	var out struct {
		Parameter *struct{ Value string }
	}
	// The reply holds the secret: a decoding error must not quote it.
	if json.Unmarshal(data, &out) != nil {
		return "", false, errors.New("the reply is not GetParameter's JSON")
	}
	if out.Parameter == nil || out.Parameter.Value == "" {
		return "", false, errEmpty
	}
	return out.Parameter.Value, false, nil
}

// apiError reads the JSON protocol's error reply: the code is in __type
// (after a namespace and '#', if any) or the X-Amzn-ErrorType header
// (before a ':'); the message in message or Message.
func apiError(resp *http.Response, data []byte) *APIError {
	var body struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
		Upper   string `json:"Message"`
	}
	_ = json.Unmarshal(data, &body)
	code := body.Type
	if code == "" {
		code, _, _ = strings.Cut(resp.Header.Get("X-Amzn-ErrorType"), ":")
	}
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	if code == "" {
		code = http.StatusText(resp.StatusCode)
	}
	msg := body.Message
	if msg == "" {
		msg = body.Upper
	}
	return &APIError{Status: resp.StatusCode, Code: code, Message: msg}
}

// MustGet is GetParameter for a function's start: it builds the client,
// logs how long the call took (one call per cold start) and stops the
// function when the parameter cannot be read, as lambdaenv.Must does for a
// missing variable.
func MustGet(ctx context.Context, cfg aws.Config, name string, log *slog.Logger) string {
	start := time.Now()
	c, err := New(cfg)
	if err != nil {
		log.Error("start: read secret parameter", "parameter", name, "err", err)
		os.Exit(1)
	}
	v, err := c.GetParameter(ctx, name)
	if err != nil {
		log.Error("start: read secret parameter", "parameter", name, "err", err)
		os.Exit(1)
	}
	log.Info("read secret parameter", "parameter", name, "ms", float64(time.Since(start).Microseconds())/1000)
	return v
}
