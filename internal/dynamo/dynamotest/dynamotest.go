// Package dynamotest opens Roster's table on the embedded DynamoDB emulator
// for tests: the real SDK client, the table exactly as template.yaml defines
// it, one fresh emulator per test.
package dynamotest

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/local/dynamolocal"
	"github.com/roster-app/roster/internal/samtemplate"
)

// DB is Roster's table on a fresh emulator, with the emulator's meter.
type DB struct {
	Client *dynamodb.Client
	Table  string
	Server *dynamolocal.Server
}

// Measure runs fn and returns the DynamoDB calls and request units made
// meanwhile (by anyone: run it while nothing else uses the emulator).
func (d *DB) Measure(fn func()) dynamolocal.Usage {
	before := d.Server.Total()
	fn()
	return d.Server.Total().Sub(before)
}

// MustOpen starts an emulator, creates the template's Table in it and
// returns a client for it and the table name. The emulator stops when the
// test ends.
func MustOpen(tb testing.TB) (*dynamodb.Client, string) {
	tb.Helper()
	db := Open(tb)
	return db.Client, db.Table
}

// Open is MustOpen with the emulator's meter.
func Open(tb testing.TB) *DB {
	tb.Helper()
	tmpl, err := samtemplate.ParseFile(TemplatePath(tb), samtemplate.Resolver{})
	if err != nil {
		tb.Fatalf("read template: %v", err)
	}
	table := tmpl.Table("Table")
	if table == nil {
		tb.Fatal("template.yaml has no resource Table")
	}
	emulator := dynamolocal.New()
	srv := httptest.NewServer(emulator)
	tb.Cleanup(srv.Close)
	db := dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
	// The emulator is new, so "preexisting" can only mean that the SDK
	// retried a CreateTable whose first attempt did create the table but
	// whose answer was lost (seen on a busy machine): the table is there.
	var inUse *types.ResourceInUseException
	if _, err := db.CreateTable(context.Background(), table.CreateTableInput()); err != nil && !errors.As(err, &inUse) {
		tb.Fatalf("create table: %v", err)
	}
	return &DB{Client: db, Table: table.Name, Server: emulator}
}

// TemplatePath finds template.yaml at the module root, above the test's
// package directory.
func TemplatePath(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "template.yaml")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}
