package ssmlocal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	"github.com/aws/aws-sdk-go-v2/service/ssm/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
)

const secret = `{"current":"k1","keys":{"k1":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA=="}}`

// serve mounts the store below /_local/ssm, as the stack does, and returns
// a stock SSM client that finds it through AWS_ENDPOINT_URL_SSM.
func serve(t *testing.T, s *Store) *ssm.Client {
	t.Helper()
	const prefix = "/_local/ssm"
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(prefix, s.Handler()))
	mux.Handle(prefix+"/", http.StripPrefix(prefix, s.Handler()))
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL_SSM":        ts.URL + prefix,
		"AWS_REGION":                  "us-east-1",
		"AWS_ACCESS_KEY_ID":           "local",
		"AWS_SECRET_ACCESS_KEY":       "local",
		"AWS_CONFIG_FILE":             os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
	logger := logging.LoggerFunc(func(c logging.Classification, format string, v ...any) {
		t.Errorf("SDK logged %s: %s", c, fmt.Sprintf(format, v...))
	})
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithLogger(logger), config.WithRetryMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	return ssm.NewFromConfig(cfg)
}

func open(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ssm.json")
	s, err := Open(path, "us-east-1", "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	return s, path
}

func put(t *testing.T, c *ssm.Client, name, value string, typ types.ParameterType, overwrite bool) (*ssm.PutParameterOutput, error) {
	t.Helper()
	in := &ssm.PutParameterInput{Name: aws.String(name), Value: aws.String(value), Overwrite: aws.Bool(overwrite)}
	if typ != "" {
		in.Type = typ
	}
	return c.PutParameter(context.Background(), in)
}

func get(c *ssm.Client, name string, decrypt bool) (*ssm.GetParameterOutput, error) {
	return c.GetParameter(context.Background(), &ssm.GetParameterInput{Name: aws.String(name), WithDecryption: aws.Bool(decrypt)})
}

func TestGetAndPutThroughTheSDK(t *testing.T) {
	s, _ := open(t)
	c := serve(t, s)
	out, err := put(t, c, "/roster/token-signing-keys", secret, types.ParameterTypeSecureString, false)
	if err != nil {
		t.Fatalf("PutParameter: %v", err)
	}
	if out.Version != 1 {
		t.Fatalf("first version = %d, want 1", out.Version)
	}

	t.Run("a SecureString read with decryption is the value", func(t *testing.T) {
		got, err := get(c, "/roster/token-signing-keys", true)
		if err != nil {
			t.Fatal(err)
		}
		p := got.Parameter
		if aws.ToString(p.Value) != secret || p.Type != types.ParameterTypeSecureString || p.Version != 1 ||
			aws.ToString(p.Name) != "/roster/token-signing-keys" ||
			aws.ToString(p.ARN) != "arn:aws:ssm:us-east-1:123456789012:parameter/roster/token-signing-keys" ||
			p.LastModifiedDate == nil || p.LastModifiedDate.IsZero() {
			t.Fatalf("parameter = %+v (value %q)", p, aws.ToString(p.Value))
		}
	})
	t.Run("a SecureString read without decryption is not the value", func(t *testing.T) {
		got, err := get(c, "/roster/token-signing-keys", false)
		if err != nil {
			t.Fatal(err)
		}
		v := aws.ToString(got.Parameter.Value)
		if v == "" || v == secret || strings.Contains(v, "c2VjcmV0") || strings.Contains(v, "k1") {
			t.Fatalf("value without decryption = %q", v)
		}
	})
	t.Run("a String reads the same either way", func(t *testing.T) {
		if _, err := put(t, c, "plain-name", "hello", types.ParameterTypeString, false); err != nil {
			t.Fatal(err)
		}
		got, err := get(c, "plain-name", false)
		if err != nil || aws.ToString(got.Parameter.Value) != "hello" || aws.ToString(got.Parameter.ARN) != "arn:aws:ssm:us-east-1:123456789012:parameter/plain-name" {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("an unknown parameter is ParameterNotFound", func(t *testing.T) {
		_, err := get(c, "/roster/nope", true)
		var nf *types.ParameterNotFound
		if !errors.As(err, &nf) {
			t.Fatalf("err = %v, want ParameterNotFound", err)
		}
	})
	t.Run("putting an existing parameter without Overwrite is ParameterAlreadyExists", func(t *testing.T) {
		_, err := put(t, c, "/roster/token-signing-keys", "other", types.ParameterTypeSecureString, false)
		var ae *types.ParameterAlreadyExists
		if !errors.As(err, &ae) {
			t.Fatalf("err = %v, want ParameterAlreadyExists", err)
		}
		if strings.Contains(err.Error(), "other") {
			t.Fatalf("error quotes the value: %v", err)
		}
	})
	t.Run("Overwrite makes a new version and keeps the type", func(t *testing.T) {
		out, err := put(t, c, "/roster/token-signing-keys", "rotated", "", true)
		if err != nil || out.Version != 2 {
			t.Fatalf("overwrite = %+v, %v; want version 2", out, err)
		}
		got, err := get(c, "/roster/token-signing-keys", true)
		if err != nil || aws.ToString(got.Parameter.Value) != "rotated" || got.Parameter.Type != types.ParameterTypeSecureString || got.Parameter.Version != 2 {
			t.Fatalf("after overwrite: %+v, %v", got, err)
		}
	})
	t.Run("a new parameter without a type is refused", func(t *testing.T) {
		if _, err := put(t, c, "/roster/untyped", "x", "", false); !hasCode(err, "ValidationException") {
			t.Fatalf("err = %v, want ValidationException", err)
		}
	})
	t.Run("an invalid name is refused", func(t *testing.T) {
		if _, err := put(t, c, "/roster//double", "x", types.ParameterTypeString, false); !hasCode(err, "ValidationException") {
			t.Fatalf("err = %v, want ValidationException", err)
		}
	})
	t.Run("other operations are refused by name", func(t *testing.T) {
		_, err := c.DeleteParameter(context.Background(), &ssm.DeleteParameterInput{Name: aws.String("plain-name")})
		if !hasCode(err, "UnknownOperationException") || !s.Has("plain-name") {
			t.Fatalf("DeleteParameter = %v; want UnknownOperationException and the parameter kept", err)
		}
	})
}

func hasCode(err error, code string) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && ae.ErrorCode() == code
}

func TestParametersSurviveReopen(t *testing.T) {
	s, path := open(t)
	if _, err := s.Put("/roster/operator-key-hash", TypeSecureString, strings.Repeat("ab", 32), false); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("%s has mode %v; it holds secrets, want 0600", path, info.Mode().Perm())
	}
	again, err := Open(path, "us-east-1", "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	c := serve(t, again)
	got, err := get(c, "/roster/operator-key-hash", true)
	if err != nil || aws.ToString(got.Parameter.Value) != strings.Repeat("ab", 32) || got.Parameter.Version != 1 {
		t.Fatalf("after reopening: %+v, %v", got, err)
	}
}

func TestOpenRefusesABrokenFileWithoutQuotingIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ssm.json")
	if err := os.WriteFile(path, []byte(`{"/x": {"value": "TOPSECRET"`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path, "us-east-1", "123456789012")
	if err == nil || strings.Contains(err.Error(), "TOPSECRET") {
		t.Fatalf("Open = %v; want an error that does not quote the file", err)
	}
}
