package s3local

import (
	"bytes"
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go/logging"
	"github.com/johannesboyne/gofakes3"
)

const prefix = "/_local/s3"

// serve mounts h the way the local stack does, under a path prefix behind
// http.StripPrefix, and returns a stock client configured only through the
// environment variables the Lambda functions get; notably UsePathStyle is
// not set.
func serve(t *testing.T, h http.Handler) *s3.Client {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(prefix, h))
	mux.Handle(prefix+"/", http.StripPrefix(prefix, h))
	ts := httptest.NewServer(mux) // listens on 127.0.0.1, an IP address
	t.Cleanup(ts.Close)
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL_S3":         ts.URL + prefix,
		"AWS_REGION":                  "us-east-1",
		"AWS_ACCESS_KEY_ID":           "local",
		"AWS_SECRET_ACCESS_KEY":       "local",
		"AWS_CONFIG_FILE":             os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
	// The stock client should have nothing to complain about, e.g. missing
	// checksums.
	logger := logging.LoggerFunc(func(c logging.Classification, format string, v ...any) {
		t.Errorf("SDK logged %s: %s", c, fmt.Sprintf(format, v...))
	})
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithLogger(logger))
	if err != nil {
		t.Fatal(err)
	}
	return s3.NewFromConfig(cfg)
}

// open returns a Server on a fresh bolt file with bucket "uploads", and a
// channel receiving its events.
func open(t *testing.T) (*Server, string, <-chan ObjectCreated) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s3.bolt")
	events := make(chan ObjectCreated, 16)
	srv, err := Open(path, func(ev ObjectCreated) { events <- ev })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if err := srv.EnsureBucket("uploads"); err != nil {
		t.Fatal(err)
	}
	return srv, path, events
}

func next(t *testing.T, events <-chan ObjectCreated) ObjectCreated {
	t.Helper()
	return <-events // no event: go test's -timeout reports the hang
}

func TestObjectCreatedHook(t *testing.T) {
	srv, _, events := open(t)
	client := serve(t, srv)
	ctx := context.Background()
	part1 := bytes.Repeat([]byte("a"), 5<<20) // every part but the last needs 5 MiB
	part2 := []byte("tail")

	tests := []struct {
		name      string
		key       string
		upload    func(key string) error
		wantSize  int64
		wantEvent string
	}{
		{
			name: "PutObject with metadata",
			key:  "people/import 1+2.csv", // space and plus survive the path prefix
			upload: func(key string) error {
				_, err := client.PutObject(ctx, &s3.PutObjectInput{
					Bucket: aws.String("uploads"), Key: aws.String(key),
					Body: strings.NewReader("name\nAda\n"), ContentType: aws.String("text/csv"),
					Metadata: map[string]string{"org": "42"},
				})
				return err
			},
			wantSize:  9,
			wantEvent: EventPut,
		},
		{
			name: "presigned PUT with net/http",
			key:  "photos/p.png",
			upload: func(key string) error {
				ps, err := s3.NewPresignClient(client).PresignPutObject(ctx, &s3.PutObjectInput{
					Bucket: aws.String("uploads"), Key: aws.String(key), ContentType: aws.String("image/png"),
				})
				if err != nil {
					return err
				}
				if !strings.Contains(ps.URL, prefix+"/uploads/photos/p.png?") {
					return fmt.Errorf("presigned URL %s is not path style under %s", ps.URL, prefix)
				}
				req, err := http.NewRequest(ps.Method, ps.URL, strings.NewReader("PNG..."))
				if err != nil {
					return err
				}
				req.Header = ps.SignedHeader.Clone()
				req.Header.Set("Content-Type", "image/png")
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					return err
				}
				defer res.Body.Close()
				if res.StatusCode != http.StatusOK {
					body, _ := io.ReadAll(res.Body)
					return fmt.Errorf("presigned PUT: %s: %s", res.Status, body)
				}
				return nil
			},
			wantSize:  6,
			wantEvent: EventPut,
		},
		{
			name: "multipart upload",
			key:  "big/export.bin",
			upload: func(key string) error {
				mu, err := client.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("uploads"), Key: aws.String(key)})
				if err != nil {
					return err
				}
				var done []types.CompletedPart
				for i, p := range [][]byte{part1, part2} {
					n := aws.Int32(int32(i + 1))
					up, err := client.UploadPart(ctx, &s3.UploadPartInput{
						Bucket: aws.String("uploads"), Key: aws.String(key), UploadId: mu.UploadId,
						PartNumber: n, Body: bytes.NewReader(p),
					})
					if err != nil {
						return err
					}
					done = append(done, types.CompletedPart{ETag: up.ETag, PartNumber: n})
				}
				_, err = client.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{
					Bucket: aws.String("uploads"), Key: aws.String(key), UploadId: mu.UploadId,
					MultipartUpload: &types.CompletedMultipartUpload{Parts: done},
				})
				return err
			},
			wantSize:  int64(len(part1) + len(part2)),
			wantEvent: EventMultipart,
		},
		{
			name: "copy",
			key:  "archive/import.csv",
			upload: func(key string) error {
				_, err := client.CopyObject(ctx, &s3.CopyObjectInput{
					Bucket: aws.String("uploads"), Key: aws.String(key),
					// CopySource must be URL-encoded, "+" included: gofakes3
					// query-unescapes it, so a bare "+" would turn into a space.
					CopySource: aws.String("uploads/people/import%201%2B2.csv"),
				})
				return err
			},
			wantSize:  9,
			wantEvent: EventCopy,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := time.Now().UTC()
			if err := tt.upload(tt.key); err != nil {
				t.Fatal(err)
			}
			ev := next(t, events)
			head, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("uploads"), Key: aws.String(tt.key)})
			if err != nil {
				t.Fatal(err)
			}
			want := ObjectCreated{Bucket: "uploads", Key: tt.key, Size: tt.wantSize,
				ETag: aws.ToString(head.ETag), EventName: tt.wantEvent, Time: ev.Time}
			if ev != want {
				t.Errorf("event = %+v\nwant    %+v", ev, want)
			}
			if ev.Time.Before(before) || ev.Time.After(time.Now()) {
				t.Errorf("event time %v not during the upload", ev.Time)
			}
			if aws.ToInt64(head.ContentLength) != tt.wantSize {
				t.Errorf("stored size = %d, want %d", aws.ToInt64(head.ContentLength), tt.wantSize)
			}
		})
	}
}

func TestGetAndHeadReturnMetadata(t *testing.T) {
	srv, _, _ := open(t)
	client := serve(t, srv)
	ctx := context.Background()
	_, err := client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String("uploads"), Key: aws.String("doc.txt"),
		Body: strings.NewReader("hello"), ContentType: aws.String("text/plain"),
		ContentDisposition: aws.String(`attachment; filename="doc.txt"`),
		Metadata:           map[string]string{"org-id": "42", "uploaded-by": "ada"},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantMeta := map[string]string{"org-id": "42", "uploaded-by": "ada"}

	get, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("uploads"), Key: aws.String("doc.txt")})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(get.Body)
	get.Body.Close()
	head, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("uploads"), Key: aws.String("doc.txt")})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                     string
		meta                     map[string]string
		contentType, disposition string
		size                     int64
	}{
		{"GetObject", get.Metadata, aws.ToString(get.ContentType), aws.ToString(get.ContentDisposition), aws.ToInt64(get.ContentLength)},
		{"HeadObject", head.Metadata, aws.ToString(head.ContentType), aws.ToString(head.ContentDisposition), aws.ToInt64(head.ContentLength)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.meta, wantMeta) {
				t.Errorf("metadata = %v, want %v", tt.meta, wantMeta)
			}
			if tt.contentType != "text/plain" || tt.disposition != `attachment; filename="doc.txt"` || tt.size != 5 {
				t.Errorf("content type %q, disposition %q, size %d", tt.contentType, tt.disposition, tt.size)
			}
		})
	}
	if string(body) != "hello" {
		t.Errorf("body = %q", body)
	}
	rng, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("uploads"), Key: aws.String("doc.txt"), Range: aws.String("bytes=1-3")})
	if err != nil {
		t.Fatal(err)
	}
	part, _ := io.ReadAll(rng.Body)
	rng.Body.Close()
	if string(part) != "ell" {
		t.Errorf("ranged body = %q, want %q", part, "ell")
	}
	_, err = client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("uploads"), Key: aws.String("missing")})
	var nsk *types.NoSuchKey
	if !errors.As(err, &nsk) {
		t.Errorf("GetObject of a missing key: %v, want NoSuchKey", err)
	}
}

func TestDataSurvivesReopen(t *testing.T) {
	srv, path, _ := open(t)
	client := serve(t, srv)
	ctx := context.Background()
	_, err := client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String("uploads"), Key: aws.String("keep/me.txt"),
		Body: strings.NewReader("still here"), Metadata: map[string]string{"k": "v"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}

	srv2, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv2.Close()
	if err := srv2.EnsureBucket("uploads"); err != nil { // already there: no error, no wipe
		t.Fatal(err)
	}
	client2 := serve(t, srv2)
	get, err := client2.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("uploads"), Key: aws.String("keep/me.txt")})
	if err != nil {
		t.Fatal(err)
	}
	defer get.Body.Close()
	body, _ := io.ReadAll(get.Body)
	if string(body) != "still here" || get.Metadata["k"] != "v" {
		t.Errorf("after reopen: body %q, metadata %v", body, get.Metadata)
	}
	list, err := client2.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("uploads")})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Contents) != 1 || aws.ToString(list.Contents[0].Key) != "keep/me.txt" {
		t.Errorf("listing after reopen: %+v", list.Contents)
	}
}

func TestEnsureBucket(t *testing.T) {
	srv, _, _ := open(t)
	client := serve(t, srv)
	tests := []struct {
		name    string
		bucket  string
		wantErr bool
	}{
		{"new", "reports", false},
		{"existing", "uploads", false},
		{"twice", "reports", false},
		{"invalid name", "Bad_Bucket", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := srv.EnsureBucket(tt.bucket)
			if (err != nil) != tt.wantErr {
				t.Fatalf("EnsureBucket(%q) = %v, wantErr %v", tt.bucket, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if _, err := client.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String(tt.bucket)}); err != nil {
				t.Errorf("HeadBucket(%q): %v", tt.bucket, err)
			}
		})
	}
}

func TestOpenFailsWhileFileInUse(t *testing.T) {
	old := lockTimeout
	lockTimeout = 50 * time.Millisecond
	defer func() { lockTimeout = old }()
	_, path, _ := open(t)
	if srv, err := Open(path, nil); err == nil {
		srv.Close()
		t.Fatal("second Open of a bolt file in use succeeded")
	} else if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
}

// TestObjectOutlivesRemap guards GetObject against bolt remapping its file:
// the bolt backend's own GetObject returns bytes that still point into
// bolt's memory map after its transaction ends, so reading them after a
// write has grown the file crashes the process (SIGSEGV) or returns
// garbage. gofakes3 reads them after the transaction, e.g. in CopyObject.
func TestObjectOutlivesRemap(t *testing.T) {
	srv, _, _ := open(t)
	want := bytes.Repeat([]byte("0123456789abcdef"), 16<<10) // 256 KiB
	if _, err := srv.hooked.PutObject("uploads", "hot", nil, bytes.NewReader(want), int64(len(want)), nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		get  func() (*gofakes3.Object, error)
	}{
		{"GetObject", func() (*gofakes3.Object, error) { return srv.hooked.GetObject("uploads", "hot", nil) }},
		{"HeadObject", func() (*gofakes3.Object, error) { return srv.hooked.HeadObject("uploads", "hot") }},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obj, err := tt.get()
			if err != nil {
				t.Fatal(err)
			}
			defer obj.Contents.Close()
			// Each write is larger than the whole file so far, so bolt must remap.
			big := bytes.Repeat([]byte{0xEE}, (8<<20)*(i+1))
			if _, err := srv.hooked.PutObject("uploads", fmt.Sprint("big", i), nil, bytes.NewReader(big), int64(len(big)), nil); err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(obj.Contents)
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "GetObject" && !bytes.Equal(body, want) {
				t.Errorf("contents changed under the reader: %d bytes", len(body))
			}
			if got, want := gofakes3.FormatETag(obj.Hash), fmt.Sprintf(`"%x"`, md5.Sum(want)); got != want {
				t.Errorf("hash changed under the reader: %s, want %s", got, want)
			}
		})
	}
}
