// Package consolepub puts the built admin console (web.Dist) into its S3
// bucket, for the template's PublishConsole function, a CloudFormation
// custom resource: Create and Update write every file with its Content-Type
// and Cache-Control, Delete empties the bucket of what they wrote (this
// version's files and earlier versions' assets, which an update leaves for
// pages still open on them), so that the stack can delete the bucket.
package consolepub

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"mime"
	"path"
	"slices"
	"strings"

	"github.com/aws/aws-lambda-go/cfn"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

// Cache-Control values: content-hashed assets never change; everything
// else (index.html) is revalidated on every load, as the local stack
// serves them (internal/local/console.go).
const (
	CacheImmutable  = "public, max-age=31536000, immutable"
	CacheRevalidate = "no-cache"
)

// Publisher writes Files into a bucket.
type Publisher struct {
	S3    *s3.Client
	Files fs.FS
	Log   *slog.Logger // nil for slog.Default()
}

func (p *Publisher) log() *slog.Logger {
	if p.Log == nil {
		return slog.Default()
	}
	return p.Log
}

// Handle is the custom resource's handler, for cfn.LambdaWrap. The bucket
// is the resource's Bucket property: on Delete, that of the resource being
// deleted. The physical id names the bucket, so it stays the same from
// one update to the next: a new id would make CloudFormation delete the
// "old" resource, that is empty the bucket just published to.
func (p *Publisher) Handle(ctx context.Context, ev cfn.Event) (string, map[string]any, error) {
	bucket, _ := ev.ResourceProperties["Bucket"].(string)
	switch ev.RequestType {
	case cfn.RequestCreate, cfn.RequestUpdate:
		if bucket == "" {
			return "", nil, errors.New("the custom resource has no Bucket property")
		}
		n, err := p.Publish(ctx, bucket)
		if err != nil {
			return "", nil, err
		}
		p.log().Info("published the console", "bucket", bucket, "files", n, "version", ev.ResourceProperties["Version"])
		return PhysicalID(bucket), map[string]any{"Files": n}, nil
	case cfn.RequestDelete:
		// A resource whose Create failed may have no bucket, or one that
		// was never made: nothing to remove, and failing here would leave
		// the stack stuck in its rollback.
		if bucket == "" {
			return ev.PhysicalResourceID, nil, nil
		}
		n, err := p.Remove(ctx, bucket)
		if err != nil {
			return ev.PhysicalResourceID, nil, err
		}
		p.log().Info("removed the console", "bucket", bucket, "files", n)
		return ev.PhysicalResourceID, nil, nil
	}
	return ev.PhysicalResourceID, nil, fmt.Errorf("unknown request type %q", ev.RequestType)
}

// PhysicalID is the custom resource's id for a bucket.
func PhysicalID(bucket string) string { return "s3://" + bucket + "/" }

// File is one file to publish with the headers it is stored with.
type File struct {
	Key          string
	ContentType  string
	CacheControl string
}

// Plan lists the files of fsys in the order they are written: assets
// first, then the rest, index.html last, so that no index.html in the
// bucket ever names an asset that is not there yet.
func Plan(fsys fs.FS) ([]File, error) {
	var files []File
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f := File{Key: p, ContentType: ContentType(p), CacheControl: CacheRevalidate}
		if strings.HasPrefix(p, "assets/") {
			f.CacheControl = CacheImmutable
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list console files: %w", err)
	}
	rank := func(f File) int {
		switch {
		case strings.HasPrefix(f.Key, "assets/"):
			return 0
		case f.Key == "index.html":
			return 2
		}
		return 1
	}
	slices.SortStableFunc(files, func(a, b File) int {
		if r := rank(a) - rank(b); r != 0 {
			return r
		}
		return strings.Compare(a.Key, b.Key)
	})
	return files, nil
}

// contentTypes are the types of what the console's build writes, fixed
// here rather than left to the system's MIME tables, which differ from one
// machine (and Lambda image) to the next. With nosniff, a script served
// under another type does not run.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".map":   "application/json",
	".json":  "application/json",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".webp":  "image/webp",
	".woff2": "font/woff2",
	".txt":   "text/plain; charset=utf-8",
	".tsv":   "text/tab-separated-values; charset=utf-8",
}

// ContentType is the Content-Type a file is stored with.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Publish writes every file into bucket and returns how many. Files of earlier
// versions stay: a page opened before the update still loads its assets.
func (p *Publisher) Publish(ctx context.Context, bucket string) (int, error) {
	files, err := Plan(p.Files)
	if err != nil {
		return 0, err
	}
	for _, f := range files {
		body, err := fs.ReadFile(p.Files, f.Key)
		if err != nil {
			return 0, fmt.Errorf("read %s: %w", f.Key, err)
		}
		_, err = p.S3.PutObject(ctx, &s3.PutObjectInput{
			Bucket: &bucket, Key: aws.String(f.Key), Body: bytes.NewReader(body),
			ContentType: aws.String(f.ContentType), CacheControl: aws.String(f.CacheControl),
		})
		if err != nil {
			return 0, fmt.Errorf("put s3://%s/%s: %w", bucket, f.Key, err)
		}
	}
	return len(files), nil
}

// Remove deletes every object of bucket, which holds only what Publish
// wrote (this version's files and earlier ones'), and returns how many. A
// bucket that is already gone has nothing left to remove.
func (p *Publisher) Remove(ctx context.Context, bucket string) (int, error) {
	n := 0
	pages := s3.NewListObjectsV2Paginator(p.S3, &s3.ListObjectsV2Input{Bucket: &bucket})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if isCode(err, "NoSuchBucket") {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("list s3://%s: %w", bucket, err)
		}
		for _, o := range page.Contents {
			if _, err := p.S3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &bucket, Key: o.Key}); err != nil {
				return n, fmt.Errorf("delete s3://%s/%s: %w", bucket, aws.ToString(o.Key), err)
			}
			n++
		}
	}
	return n, nil
}

func isCode(err error, code string) bool {
	var api smithy.APIError
	return errors.As(err, &api) && api.ErrorCode() == code
}
