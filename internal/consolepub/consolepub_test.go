package consolepub_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/aws/aws-lambda-go/cfn"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/roster-app/roster/internal/consolepub"
	"github.com/roster-app/roster/internal/local/s3local"
	"github.com/roster-app/roster/web"
)

const bucket = "roster-test-console"

// stored is what a PUT sent for one key: gofakes3 keeps Content-Type but
// not Cache-Control, so the headers are taken from the requests.
type stored struct {
	contentType, cacheControl string
}

type fixture struct {
	s3  *s3.Client
	srv *s3local.Server

	mu   sync.Mutex
	puts map[string]stored // by key, the last PUT
}

// newFixture starts the S3 emulator as internal/api/contactio_test.go
// and internal/importer's tests do, with the console bucket, and records
// the headers of every object PUT.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{puts: map[string]stored{}}
	srv, err := s3local.Open(filepath.Join(t.TempDir(), "s3.bolt"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if err := srv.EnsureBucket(bucket); err != nil {
		t.Fatal(err)
	}
	f.srv = srv
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			if key, ok := strings.CutPrefix(r.URL.Path, "/"+bucket+"/"); ok {
				f.mu.Lock()
				f.puts[key] = stored{r.Header.Get("Content-Type"), r.Header.Get("Cache-Control")}
				f.mu.Unlock()
			}
		}
		srv.ServeHTTP(w, r)
	}))
	t.Cleanup(hs.Close)
	f.s3 = s3.New(s3.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(hs.URL), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
	return f
}

func (f *fixture) publisher(files fs.FS) *consolepub.Publisher {
	return &consolepub.Publisher{S3: f.s3, Files: files, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// keys lists the bucket.
func (f *fixture) keys(t *testing.T) []string {
	t.Helper()
	out, err := f.s3.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, o := range out.Contents {
		keys = append(keys, *o.Key)
	}
	slices.Sort(keys)
	return keys
}

func (f *fixture) body(t *testing.T, key string) string {
	t.Helper()
	out, err := f.s3.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer out.Body.Close()
	b, _ := io.ReadAll(out.Body)
	return string(b)
}

func event(typ cfn.RequestType, props map[string]any) cfn.Event {
	ev := cfn.Event{RequestType: typ, RequestID: "req-1", LogicalResourceID: "ConsoleFiles", ResourceType: "Custom::ConsoleFiles",
		ResourceProperties: props}
	if typ != cfn.RequestCreate {
		ev.PhysicalResourceID = consolepub.PhysicalID(bucket)
	}
	return ev
}

func distFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := fs.WalkDir(web.Dist(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// The console as built: every file of web/dist, index.html revalidated
// and written last, assets cached for a year, each with its type.
func TestPlanOfTheBuiltConsole(t *testing.T) {
	plan, err := consolepub.Plan(web.Dist())
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, f := range plan {
		keys = append(keys, f.Key)
	}
	if !slices.Equal(slices.Sorted(slices.Values(keys)), distFiles(t)) {
		t.Fatalf("plan %v; web/dist has %v", keys, distFiles(t))
	}
	if keys[len(keys)-1] != "index.html" {
		t.Errorf("index.html is not written last: %v", keys)
	}
	sawJS, sawCSS := false, false
	for _, f := range plan {
		switch {
		case f.Key == "index.html":
			if f.ContentType != "text/html; charset=utf-8" || f.CacheControl != "no-cache" {
				t.Errorf("index.html: %+v", f)
			}
		case strings.HasPrefix(f.Key, "assets/") && strings.HasSuffix(f.Key, ".js"):
			sawJS = true
			if f.ContentType != "text/javascript; charset=utf-8" || f.CacheControl != "public, max-age=31536000, immutable" {
				t.Errorf("%s: %+v", f.Key, f)
			}
		case strings.HasPrefix(f.Key, "assets/") && strings.HasSuffix(f.Key, ".css"):
			sawCSS = true
			if f.ContentType != "text/css; charset=utf-8" || f.CacheControl != "public, max-age=31536000, immutable" {
				t.Errorf("%s: %+v", f.Key, f)
			}
		case strings.HasPrefix(f.Key, "assets/"):
			if f.CacheControl != consolepub.CacheImmutable {
				t.Errorf("%s: %+v", f.Key, f)
			}
		default:
			if f.CacheControl != consolepub.CacheRevalidate {
				t.Errorf("%s is not content-hashed but is cached as if it were: %+v", f.Key, f)
			}
		}
	}
	if !sawJS || !sawCSS {
		t.Errorf("no script or style sheet under assets/: %v", keys)
	}
}

func TestContentTypes(t *testing.T) {
	for name, want := range map[string]string{
		"index.html": "text/html; charset=utf-8", "assets/app-X.js": "text/javascript; charset=utf-8",
		"assets/app-X.CSS": "text/css; charset=utf-8", "sizes.tsv": "text/tab-separated-values; charset=utf-8",
		"assets/logo-X.svg": "image/svg+xml", "assets/font-X.woff2": "font/woff2", "assets/app-X.js.map": "application/json",
		"LICENSE": "application/octet-stream",
	} {
		if got := consolepub.ContentType(name); got != want {
			t.Errorf("ContentType(%q) = %q, want %q", name, got, want)
		}
	}
}

// Create writes the built console; an update with another build adds its
// files and keeps the previous assets; Delete empties the bucket, which
// can then be deleted.
func TestPublishUpdateAndDelete(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	props := map[string]any{"Bucket": bucket, "Version": "arn:aws:lambda:us-east-1:000000000000:function:x:1"}

	id, data, err := f.publisher(web.Dist()).Handle(ctx, event(cfn.RequestCreate, props))
	if err != nil {
		t.Fatal(err)
	}
	if id != consolepub.PhysicalID(bucket) || data["Files"] != len(distFiles(t)) {
		t.Errorf("create: id %q data %v", id, data)
	}
	if got := f.keys(t); !slices.Equal(got, distFiles(t)) {
		t.Fatalf("bucket has %v; web/dist has %v", got, distFiles(t))
	}
	for _, key := range distFiles(t) {
		want, _ := fs.ReadFile(web.Dist(), key)
		if f.body(t, key) != string(want) {
			t.Errorf("%s differs from web/dist", key)
		}
		f.mu.Lock()
		p := f.puts[key]
		f.mu.Unlock()
		if p.contentType != consolepub.ContentType(key) {
			t.Errorf("%s was put as %q", key, p.contentType)
		}
		wantCache := "no-cache"
		if strings.HasPrefix(key, "assets/") {
			wantCache = "public, max-age=31536000, immutable"
		}
		if p.cacheControl != wantCache {
			t.Errorf("%s was put with Cache-Control %q, want %q", key, p.cacheControl, wantCache)
		}
	}

	next := fstest.MapFS{
		"index.html":          {Data: []byte(`<script type="module" src="/assets/app-NEW.js"></script>`)},
		"assets/app-NEW.js":   {Data: []byte("console.log(2)")},
		"assets/app-NEW.css":  {Data: []byte("body{}")},
		"sizes.tsv":           {Data: []byte("file\tbytes\tgzipped\n")},
		"assets/logo-NEW.svg": {Data: []byte("<svg/>")},
	}
	props["Version"] = "arn:aws:lambda:us-east-1:000000000000:function:x:2"
	id, _, err = f.publisher(next).Handle(ctx, event(cfn.RequestUpdate, props))
	if err != nil {
		t.Fatal(err)
	}
	if id != consolepub.PhysicalID(bucket) {
		t.Errorf("update changed the physical id to %q: CloudFormation would then delete the old one, emptying the bucket", id)
	}
	if got := f.body(t, "index.html"); got != string(next["index.html"].Data) {
		t.Errorf("index.html after the update: %q", got)
	}
	got := f.keys(t)
	for _, key := range distFiles(t) {
		if !slices.Contains(got, key) {
			t.Errorf("the update removed %s; pages opened before it still load it", key)
		}
	}
	for key := range next {
		if !slices.Contains(got, key) {
			t.Errorf("the update did not write %s", key)
		}
	}

	id, _, err = f.publisher(next).Handle(ctx, event(cfn.RequestDelete, props))
	if err != nil {
		t.Fatal(err)
	}
	if id != consolepub.PhysicalID(bucket) {
		t.Errorf("delete answered id %q", id)
	}
	if got := f.keys(t); len(got) != 0 {
		t.Fatalf("after Delete the bucket still has %v", got)
	}
	if _, err := f.s3.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("the emptied bucket cannot be deleted: %v", err)
	}
	// A second Delete (CloudFormation retries) finds no bucket: done.
	if _, _, err := f.publisher(next).Handle(ctx, event(cfn.RequestDelete, props)); err != nil {
		t.Errorf("delete after the bucket is gone: %v", err)
	}
}

// Remove pages through the listing: more objects than one page holds.
func TestRemoveEmptiesALargeBucket(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	files := fstest.MapFS{}
	for i := range 1005 {
		files[fmt.Sprintf("assets/f-%04d.js", i)] = &fstest.MapFile{Data: []byte("1")}
	}
	n, err := f.publisher(files).Publish(ctx, bucket)
	if err != nil || n != len(files) {
		t.Fatalf("publish: %d, %v", n, err)
	}
	removed, err := f.publisher(nil).Remove(ctx, bucket)
	if err != nil || removed != len(files) {
		t.Fatalf("removed %d of %d: %v", removed, len(files), err)
	}
	if got := f.keys(t); len(got) != 0 {
		t.Fatalf("%d objects left", len(got))
	}
}

// What CloudFormation may send that is not a plain publish or removal.
func TestHandleEdges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p := f.publisher(web.Dist())
	t.Run("create without a bucket fails", func(t *testing.T) {
		if _, _, err := p.Handle(ctx, event(cfn.RequestCreate, map[string]any{})); err == nil {
			t.Error("no error")
		}
	})
	t.Run("deleting a resource whose create failed succeeds", func(t *testing.T) {
		ev := event(cfn.RequestDelete, map[string]any{})
		ev.PhysicalResourceID = "req-0"
		id, _, err := p.Handle(ctx, ev)
		if err != nil || id != "req-0" {
			t.Errorf("id %q err %v", id, err)
		}
		id, _, err = p.Handle(ctx, cfn.Event{RequestType: cfn.RequestDelete, PhysicalResourceID: "req-0",
			ResourceProperties: map[string]any{"Bucket": "roster-test-never-made"}})
		if err != nil || id != "req-0" {
			t.Errorf("bucket never made: id %q err %v", id, err)
		}
	})
	t.Run("publishing to a bucket that does not exist fails", func(t *testing.T) {
		if _, _, err := p.Handle(ctx, event(cfn.RequestCreate, map[string]any{"Bucket": "roster-test-never-made"})); err == nil {
			t.Error("no error")
		}
	})
}

// Through cfn.LambdaWrap, as functions/publish-console runs it: the
// answer CloudFormation receives at ResponseURL.
func TestAnswersCloudFormation(t *testing.T) {
	f := newFixture(t)
	var answers []map[string]any
	var mu sync.Mutex
	cfnEndpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var a map[string]any
		_ = json.NewDecoder(r.Body).Decode(&a)
		mu.Lock()
		answers = append(answers, a)
		mu.Unlock()
	}))
	t.Cleanup(cfnEndpoint.Close)
	handler := cfn.LambdaWrap(f.publisher(web.Dist()).Handle)

	ev := event(cfn.RequestCreate, map[string]any{"Bucket": bucket, "Version": "v1"})
	ev.ResponseURL = cfnEndpoint.URL
	ev.StackID = "arn:aws:cloudformation:us-east-1:000000000000:stack/roster/1"
	if _, err := handler(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	bad := event(cfn.RequestUpdate, map[string]any{"Bucket": "roster-test-never-made", "Version": "v2"})
	bad.ResponseURL = cfnEndpoint.URL
	if _, err := handler(context.Background(), bad); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(answers) != 2 {
		t.Fatalf("%d answers", len(answers))
	}
	if a := answers[0]; a["Status"] != "SUCCESS" || a["PhysicalResourceId"] != consolepub.PhysicalID(bucket) || a["LogicalResourceId"] != "ConsoleFiles" {
		t.Errorf("create answered %v", a)
	}
	// A failed update keeps the resource's id (a new one would be a replacement).
	if a := answers[1]; a["Status"] != "FAILED" || a["PhysicalResourceId"] != consolepub.PhysicalID(bucket) || a["Reason"] == "" {
		t.Errorf("failed update answered %v", a)
	}
}
