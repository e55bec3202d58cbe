package ssmparam_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ssm"

	"github.com/roster-app/roster/internal/local/ssmlocal"
	"github.com/roster-app/roster/internal/ssmparam"
)

var staticCreds = credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "the-session-token")

// config is a function's configuration with the SSM endpoint at url.
func config(url string) aws.Config {
	return aws.Config{Region: "eu-west-1", BaseEndpoint: aws.String(url), Credentials: staticCreds, HTTPClient: http.DefaultClient}
}

func TestGetParameterFromTheLocalStore(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL_SSM", "")
	store, err := ssmlocal.Open(filepath.Join(t.TempDir(), "ssm.json"), "eu-west-1", "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	const value = "the-secret-value-0123456789"
	if _, err := store.Put("/roster/token-signing-keys", ssmlocal.TypeSecureString, value, false); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Put("/roster/plain", ssmlocal.TypeString, "plain-value", false); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(store.Handler())
	t.Cleanup(ts.Close)
	c, err := ssmparam.New(config(ts.URL))
	if err != nil {
		t.Fatal(err)
	}

	// The local store answers a read without WithDecryption with a stand-in
	// for the ciphertext, as Parameter Store does: this is the flag's test.
	t.Run("a SecureString is read decrypted", func(t *testing.T) {
		got, err := c.GetParameter(context.Background(), "/roster/token-signing-keys")
		if err != nil || got != value {
			t.Fatalf("GetParameter = %q, %v; want the decrypted value", got, err)
		}
	})
	t.Run("a String is read as it is", func(t *testing.T) {
		got, err := c.GetParameter(context.Background(), "/roster/plain")
		if err != nil || got != "plain-value" {
			t.Fatalf("GetParameter = %q, %v; want plain-value", got, err)
		}
	})
	t.Run("a missing parameter is an error naming it and the code", func(t *testing.T) {
		got, err := c.GetParameter(context.Background(), "/roster/missing")
		var apiErr *ssmparam.APIError
		if err == nil || got != "" || !strings.Contains(err.Error(), "/roster/missing") ||
			!errors.As(err, &apiErr) || apiErr.Code != "ParameterNotFound" || apiErr.Status != http.StatusBadRequest {
			t.Fatalf("GetParameter = %q, %v; want a ParameterNotFound APIError naming the parameter", got, err)
		}
	})
}

// captured is one request as a server received it.
type captured struct {
	header http.Header
	method string
	path   string
	body   []byte
}

// capture serves reply to every request and keeps each request.
func capture(t *testing.T, reply string) (*httptest.Server, func() []captured) {
	t.Helper()
	var mu sync.Mutex
	var got []captured
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h := r.Header.Clone()
		h.Set("Host", r.Host)
		mu.Lock()
		got = append(got, captured{h, r.Method, r.URL.Path, body})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		io.WriteString(w, reply)
	}))
	t.Cleanup(ts.Close)
	return ts, func() []captured { mu.Lock(); defer mu.Unlock(); return append([]captured(nil), got...) }
}

const okReply = `{"Parameter":{"ARN":"arn:aws:ssm:eu-west-1:123456789012:parameter/roster/k","DataType":"text","LastModifiedDate":1.7e9,"Name":"/roster/k","Type":"SecureString","Value":"v1","Version":3}}`

// TestTheRequestIsTheSDKs holds the call to what the SDK's own SSM client
// sends for GetParameter with decryption: the operation, the protocol's
// content type, the JSON body, and a Signature V4 for the ssm service in the
// configured region with the session token.
func TestTheRequestIsTheSDKs(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL_SSM", "")
	sdkServer, sdkGot := capture(t, okReply)
	sdk := ssm.NewFromConfig(config(sdkServer.URL))
	out, err := sdk.GetParameter(context.Background(), &ssm.GetParameterInput{Name: aws.String("/roster/k"), WithDecryption: aws.Bool(true)})
	if err != nil || aws.ToString(out.Parameter.Value) != "v1" {
		t.Fatalf("the SDK's GetParameter = %v, %v", out, err)
	}
	ourServer, ourGot := capture(t, okReply)
	c, err := ssmparam.New(config(ourServer.URL))
	if err != nil {
		t.Fatal(err)
	}
	if v, err := c.GetParameter(context.Background(), "/roster/k"); err != nil || v != "v1" {
		t.Fatalf("GetParameter = %q, %v; want v1", v, err)
	}
	want, got := sdkGot()[0], ourGot()[0]
	if got.method != want.method || got.path != want.path {
		t.Errorf("request line %s %s; the SDK sends %s %s", got.method, got.path, want.method, want.path)
	}
	for _, h := range []string{"Content-Type", "X-Amz-Target", "X-Amz-Security-Token"} {
		if got.header.Get(h) != want.header.Get(h) || got.header.Get(h) == "" {
			t.Errorf("%s: %q; the SDK sends %q", h, got.header.Get(h), want.header.Get(h))
		}
	}
	var wantBody, gotBody map[string]any
	if err := json.Unmarshal(want.body, &wantBody); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got.body, &gotBody); err != nil {
		t.Fatalf("body %q is not JSON: %v", got.body, err)
	}
	if !reflect.DeepEqual(gotBody, wantBody) {
		t.Errorf("body %s; the SDK sends %s", got.body, want.body)
	}
	scope := func(auth string) string {
		_, rest, _ := strings.Cut(auth, "Credential=AKIDEXAMPLE/")
		_, rest, _ = strings.Cut(rest, "/") // the date
		s, _, _ := strings.Cut(rest, ",")
		return s
	}
	if s := scope(got.header.Get("Authorization")); s != "eu-west-1/ssm/aws4_request" || s != scope(want.header.Get("Authorization")) {
		t.Errorf("credential scope %q; the SDK signs for %q", s, scope(want.header.Get("Authorization")))
	}
	signed := func(auth string) string {
		_, rest, _ := strings.Cut(auth, "SignedHeaders=")
		s, _, _ := strings.Cut(rest, ",")
		return s
	}
	for _, h := range []string{"content-type", "host", "x-amz-date", "x-amz-security-token", "x-amz-target"} {
		if !strings.Contains(";"+signed(got.header.Get("Authorization"))+";", ";"+h+";") {
			t.Errorf("SignedHeaders %q lacks %s, which the SDK signs (%q)", signed(got.header.Get("Authorization")), h, signed(want.header.Get("Authorization")))
		}
	}
}

// TestTheSignatureIsWhatTheServiceComputes checks the signature as the
// service does: from the request it received (method, path, the signed
// headers, the SHA-256 of the body it read) and the secret key.
func TestTheSignatureIsWhatTheServiceComputes(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL_SSM", "")
	ts, got := capture(t, okReply)
	c, err := ssmparam.New(config(ts.URL))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetParameter(context.Background(), "/roster/k"); err != nil {
		t.Fatal(err)
	}
	r := got()[0]
	at, err := time.Parse("20060102T150405Z", r.header.Get("X-Amz-Date"))
	if err != nil {
		t.Fatalf("X-Amz-Date %q: %v", r.header.Get("X-Amz-Date"), err)
	}
	_, rest, _ := strings.Cut(r.header.Get("Authorization"), "SignedHeaders=")
	names, _, _ := strings.Cut(rest, ",")
	req, _ := http.NewRequest(r.method, ts.URL+r.path, bytes.NewReader(r.body))
	for _, h := range strings.Split(names, ";") {
		if h != "host" {
			req.Header.Set(h, r.header.Get(h))
		}
	}
	req.ContentLength = int64(len(r.body))
	sum := sha256.Sum256(r.body)
	creds, _ := staticCreds.Retrieve(context.Background())
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "ssm", "eu-west-1", at); err != nil {
		t.Fatal(err)
	}
	if req.Header.Get("Authorization") != r.header.Get("Authorization") {
		t.Errorf("Authorization %q;\nthe service computes %q", r.header.Get("Authorization"), req.Header.Get("Authorization"))
	}
}
