package dynamo_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/roster"
)

// TestTransactionConflictIsAConflict: real DynamoDB cancels one of two
// transactions that touch an item at the same moment with reason
// TransactionConflict (the emulator never does). That is a retryable 409,
// not a 500.
func TestTransactionConflictIsAConflict(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",` +
			`"Message":"Transaction cancelled","CancellationReasons":[{"Code":"None"},{"Code":"TransactionConflict"}]}`))
	}))
	defer srv.Close()
	db := dynamodb.New(dynamodb.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), DisableValidateResponseChecksum: true,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""), RetryMaxAttempts: 1})
	s := dynamo.NewStore(db, "t")
	org, root, admin := newOrg("ann@acme.example")
	err := s.CreateOrganisation(context.Background(), org, root, admin, nil)
	if roster.ErrorCodeOf(err) != roster.EConflict || roster.ReasonOf(err) != "concurrent_update" {
		t.Fatalf("err = %v, want a concurrent_update conflict", err)
	}
}
