// Package s3store reads and writes Roster's objects in S3: uploaded
// spreadsheets and exports.
package s3store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/roster-app/roster/internal/roster"
)

// Objects reads and writes objects of one bucket.
type Objects struct {
	client *s3.Client
	bucket string
}

// New returns Objects for bucket.
func New(client *s3.Client, bucket string) *Objects {
	return &Objects{client: client, bucket: bucket}
}

// Bucket is the bucket these objects live in.
func (o *Objects) Bucket() string { return o.bucket }

// ObjectInfo is what HEAD tells about an object.
type ObjectInfo struct {
	Key          string
	Size         int64
	ETag         string
	ContentType  string
	Metadata     map[string]string // x-amz-meta-*, keys lower case
	LastModified time.Time
}

// Head returns an object's size and metadata. Returns ENotFound.
func (o *Objects) Head(ctx context.Context, key string) (ObjectInfo, error) {
	out, err := o.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &o.bucket, Key: &key})
	var nf *types.NotFound
	if errors.As(err, &nf) {
		return ObjectInfo{}, roster.Errorf(roster.ENotFound, "object %s not found", key)
	}
	if err != nil {
		return ObjectInfo{}, fmt.Errorf("head s3://%s/%s: %w", o.bucket, key, err)
	}
	info := ObjectInfo{Key: key, Metadata: out.Metadata}
	if out.ContentLength != nil {
		info.Size = *out.ContentLength
	}
	if out.ETag != nil {
		info.ETag = *out.ETag
	}
	if out.ContentType != nil {
		info.ContentType = *out.ContentType
	}
	if out.LastModified != nil {
		info.LastModified = *out.LastModified
	}
	return info, nil
}

// Get opens an object for reading. The caller closes the body. Returns
// ENotFound.
func (o *Objects) Get(ctx context.Context, key string) (io.ReadCloser, ObjectInfo, error) {
	return o.get(ctx, key, "")
}

// GetVersion opens the version of an object whose ETag is etag. Returns
// ENotFound, and EPreconditionFailed when the object was replaced.
func (o *Objects) GetVersion(ctx context.Context, key, etag string) (io.ReadCloser, ObjectInfo, error) {
	body, info, err := o.get(ctx, key, etag)
	if err == nil && info.ETag != etag { // S3 checks If-Match; an emulator may not
		body.Close()
		return nil, ObjectInfo{}, roster.Errorf(roster.EPreconditionFailed, "object %s was replaced", key)
	}
	return body, info, err
}

func (o *Objects) get(ctx context.Context, key, etag string) (io.ReadCloser, ObjectInfo, error) {
	in := &s3.GetObjectInput{Bucket: &o.bucket, Key: &key}
	if etag != "" {
		in.IfMatch = &etag
	}
	out, err := o.client.GetObject(ctx, in)
	var nk *types.NoSuchKey
	if errors.As(err, &nk) {
		return nil, ObjectInfo{}, roster.Errorf(roster.ENotFound, "object %s not found", key)
	}
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() == "PreconditionFailed" {
		return nil, ObjectInfo{}, roster.Errorf(roster.EPreconditionFailed, "object %s was replaced", key)
	}
	if err != nil {
		return nil, ObjectInfo{}, fmt.Errorf("get s3://%s/%s: %w", o.bucket, key, err)
	}
	info := ObjectInfo{Key: key, Metadata: out.Metadata, ETag: aws.ToString(out.ETag), ContentType: aws.ToString(out.ContentType)}
	if out.ContentLength != nil {
		info.Size = *out.ContentLength
	}
	return out.Body, info, nil
}

// Put writes an object. body must be seekable (a file or bytes) so that
// the request can be signed.
func (o *Objects) Put(ctx context.Context, key string, body io.ReadSeeker, contentType string, metadata map[string]string) error {
	_, err := o.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: &o.bucket, Key: &key, Body: body, ContentType: aws.String(contentType), Metadata: metadata,
	})
	if err != nil {
		return fmt.Errorf("put s3://%s/%s: %w", o.bucket, key, err)
	}
	return nil
}

// Delete removes an object; a missing one is not an error.
func (o *Objects) Delete(ctx context.Context, key string) error {
	if _, err := o.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: &o.bucket, Key: &key}); err != nil {
		return fmt.Errorf("delete s3://%s/%s: %w", o.bucket, key, err)
	}
	return nil
}

// PresignedRequest is a URL a client may use without credentials, with the
// headers it must send.
type PresignedRequest struct {
	URL       string
	Method    string
	Headers   map[string]string
	ExpiresAt time.Time
}

// PresignPut returns a URL that uploads exactly size bytes to key within
// ttl: the content length is signed, so a bigger or smaller body is refused.
func (o *Objects) PresignPut(ctx context.Context, key string, size int64, contentType string, ttl time.Duration, now time.Time) (PresignedRequest, error) {
	req, err := s3.NewPresignClient(o.client).PresignPutObject(ctx, &s3.PutObjectInput{
		Bucket: &o.bucket, Key: &key, ContentLength: aws.Int64(size), ContentType: aws.String(contentType),
	}, s3.WithPresignExpires(ttl))
	if err != nil {
		return PresignedRequest{}, fmt.Errorf("presign put s3://%s/%s: %w", o.bucket, key, err)
	}
	h := map[string]string{"Content-Type": contentType, "Content-Length": strconv.FormatInt(size, 10)}
	return PresignedRequest{URL: req.URL, Method: req.Method, Headers: h, ExpiresAt: now.Add(ttl).UTC()}, nil
}

// PresignGet returns a URL that downloads key within ttl, saved under
// fileName.
func (o *Objects) PresignGet(ctx context.Context, key, fileName string, ttl time.Duration, now time.Time) (PresignedRequest, error) {
	disposition := "attachment; filename=\"" + strings.NewReplacer("\"", "", "\\", "").Replace(fileName) + "\""
	req, err := s3.NewPresignClient(o.client).PresignGetObject(ctx, &s3.GetObjectInput{
		Bucket: &o.bucket, Key: &key, ResponseContentDisposition: aws.String(disposition),
	}, s3.WithPresignExpires(ttl))
	if err != nil {
		return PresignedRequest{}, fmt.Errorf("presign get s3://%s/%s: %w", o.bucket, key, err)
	}
	return PresignedRequest{URL: req.URL, Method: req.Method, ExpiresAt: now.Add(ttl).UTC()}, nil
}

// Signal writes a small empty JSON object at key: its ObjectCreated event
// starts the work the key names (a job step, an export request).
func (o *Objects) Signal(ctx context.Context, key string) error {
	return o.Put(ctx, key, bytes.NewReader([]byte("{}")), "application/json", nil)
}

// EventKey is the object key of an S3 event record: S3 sends keys
// URL-encoded, with spaces as '+'.
func EventKey(raw string) (string, error) { return url.QueryUnescape(raw) }
