package imports_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/imports"
	"github.com/roster-app/roster/internal/local/s3local"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/s3store"
)

const bucket = "roster-local-uploads-000000000000-us-east-1"

type fixture struct {
	s3    *s3.Client
	store *dynamo.Store
	recv  *imports.Receiver
	org   roster.Organisation
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	srv, err := s3local.Open(filepath.Join(t.TempDir(), "s3.bolt"), func(s3local.ObjectCreated) {})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if err := srv.EnsureBucket(bucket); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	client := s3.New(s3.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(hs.URL), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
	db, table := dynamotest.MustOpen(t)
	store := dynamo.NewStore(db, table)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	org := roster.Organisation{ID: roster.NewID(now), Name: "Acme", DefaultRegion: "US", TimeZone: "UTC", CreatedAt: now}
	root := roster.Group{ID: roster.NewID(now), OrgID: org.ID, Name: "Acme", Kind: roster.GroupRoot, CreatedAt: now}
	org.RootGroupID = root.ID
	admin := roster.User{ID: roster.NewID(now), OrgID: org.ID, Email: "ann@acme.example", FirstName: "Ann", LastName: "A",
		Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: root.ID}}, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := store.CreateOrganisation(context.Background(), org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	return &fixture{
		s3: client, store: store, org: org,
		recv: &imports.Receiver{Store: store, Objects: s3store.New(client, bucket), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now }},
	}
}

func (f *fixture) put(t *testing.T, key, body string, meta map[string]string) {
	t.Helper()
	_, err := f.s3.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body), Metadata: meta})
	if err != nil {
		t.Fatal(err)
	}
}

// s3Event is what S3 sends: the key URL-encoded with spaces as '+'.
func s3Event(b, key string) events.S3Event {
	var rec events.S3EventRecord
	rec.EventSource, rec.EventName = "aws:s3", "ObjectCreated:Put"
	rec.S3.Bucket.Name = b
	rec.S3.Object.Key = url.QueryEscape(key)
	return events.S3Event{Records: []events.S3EventRecord{rec}}
}

func TestReceiveUpload(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)

	t.Run("a dropped file is recorded with its uploader, once", func(t *testing.T) {
		key := "incoming/" + f.org.ID + "/May contacts (final).csv"
		f.put(t, key, "First Name,Cell Phone\nAnn,5551234567\n", map[string]string{"uploader": "ann@acme.example"})
		ev := s3Event(bucket, key)
		if err := f.recv.Handle(ctx, ev); err != nil {
			t.Fatal(err)
		}
		if err := f.recv.Handle(ctx, ev); err != nil { // S3 delivers at least once
			t.Fatalf("redelivery: %v", err)
		}
		head, _ := f.recv.Objects.Head(ctx, key)
		up, err := f.findUpload(ctx, key, head.ETag)
		if err != nil {
			t.Fatal(err)
		}
		if up.FileName != "May contacts (final).csv" || up.UploadedBy != "ann@acme.example" || up.Size != 37 || up.Source != roster.UploadDropped || up.Status != "received" {
			t.Fatalf("upload = %+v", up)
		}
	})
	t.Run("an API upload keeps its import id", func(t *testing.T) {
		key := "imports/" + f.org.ID + "/imp123/list.xlsx"
		f.put(t, key, "PK…", nil)
		if err := f.recv.Handle(ctx, s3Event(bucket, key)); err != nil {
			t.Fatal(err)
		}
		up, err := f.store.Upload(ctx, f.org.ID, "imp123")
		if err != nil || up.Source != roster.UploadViaAPI || up.Key != key {
			t.Fatalf("upload = %+v, %v", up, err)
		}
	})
	for name, key := range map[string]string{
		"an unknown organisation is skipped":   "incoming/nosuchorg/a.csv",
		"a key outside the layouts is skipped": "elsewhere/" + f.org.ID + "/a.csv",
		"an object that is gone is skipped":    "incoming/" + f.org.ID + "/never-written.csv",
	} {
		t.Run(name, func(t *testing.T) {
			if !strings.Contains(key, "never-written") {
				f.put(t, key, "x", nil)
			}
			if err := f.recv.Handle(ctx, s3Event(bucket, key)); err != nil {
				t.Fatalf("Handle = %v; skipping must not fail the event (a retry would not help)", err)
			}
		})
	}
	t.Run("an event for another bucket records nothing", func(t *testing.T) {
		key := "incoming/" + f.org.ID + "/other.csv"
		f.put(t, key, "x", nil)
		if err := f.recv.Handle(ctx, s3Event("someone-elses-bucket", key)); err != nil {
			t.Fatal(err)
		}
		head, _ := f.recv.Objects.Head(ctx, key)
		if _, err := f.findUpload(ctx, key, head.ETag); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("recorded an upload from another bucket: %v", err)
		}
	})
}

// findUpload reads a dropped file's upload by the id the receiver derives.
func (f *fixture) findUpload(ctx context.Context, key, etag string) (roster.Upload, error) {
	return f.store.Upload(ctx, f.org.ID, imports.DroppedUploadID(key, etag))
}
