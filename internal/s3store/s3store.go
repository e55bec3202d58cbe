// Package s3store reads and writes Roster's objects in S3: uploaded
// spreadsheets and exports.
package s3store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/roster-app/roster/internal/roster"
)

// Objects reads objects of one bucket.
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
