package ssmparam_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssm"

	"github.com/roster-app/roster/internal/local/ssmlocal"
	"github.com/roster-app/roster/internal/ssmparam"
)

// client is a stock SSM client on the local parameter store.
func client(t *testing.T, store *ssmlocal.Store) *ssm.Client {
	t.Helper()
	ts := httptest.NewServer(store.Handler())
	t.Cleanup(ts.Close)
	return ssm.New(ssm.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String(ts.URL),
		Credentials:      aws.AnonymousCredentials{},
		RetryMaxAttempts: 1,
	})
}

func TestGet(t *testing.T) {
	store, err := ssmlocal.Open(filepath.Join(t.TempDir(), "ssm.json"), "us-east-1", "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	const value = "the-secret-value-0123456789"
	if _, err := store.Put("/roster/token-signing-keys", ssmlocal.TypeSecureString, value, false); err != nil {
		t.Fatal(err)
	}
	c := client(t, store)

	t.Run("a SecureString is read decrypted", func(t *testing.T) {
		got, err := ssmparam.Get(context.Background(), c, "/roster/token-signing-keys")
		if err != nil || got != value {
			t.Fatalf("Get = %q, %v; want the decrypted value", got, err)
		}
	})
	t.Run("a missing parameter is an error naming it", func(t *testing.T) {
		got, err := ssmparam.Get(context.Background(), c, "/roster/missing")
		if err == nil || got != "" || !strings.Contains(err.Error(), "/roster/missing") || !strings.Contains(err.Error(), "ParameterNotFound") {
			t.Fatalf("Get = %q, %v; want a ParameterNotFound error naming the parameter", got, err)
		}
	})
}
