package dynamo

import (
	"context"

	"github.com/roster-app/roster/internal/roster"
)

func uploadKey(orgID, id string) key { return key{orgPK(orgID), "UPLOAD#" + id} }

type uploadItem struct {
	key
	Type       string `dynamodbav:"type"`
	ID         string `dynamodbav:"id"`
	OrgID      string `dynamodbav:"orgId"`
	Source     string `dynamodbav:"source"`
	ObjectKey  string `dynamodbav:"objectKey"`
	FileName   string `dynamodbav:"fileName"`
	Size       int64  `dynamodbav:"size"`
	ETag       string `dynamodbav:"etag"`
	UploadedBy string `dynamodbav:"uploadedBy,omitempty"`
	Status     string `dynamodbav:"status"`
	ReceivedAt string `dynamodbav:"receivedAt"`
}

// RecordUpload stores an upload once; recording the same id again (S3
// delivers events at least once) returns EConflict and changes nothing.
func (s *Store) RecordUpload(ctx context.Context, u roster.Upload) error {
	it := uploadItem{
		key: uploadKey(u.OrgID, u.ID), Type: "Upload", ID: u.ID, OrgID: u.OrgID, Source: string(u.Source),
		ObjectKey: u.Key, FileName: u.FileName, Size: u.Size, ETag: u.ETag, UploadedBy: u.UploadedBy,
		Status: u.Status, ReceivedAt: ts(u.ReceivedAt),
	}
	return s.put(ctx, it, strp("attribute_not_exists(pk)"), "upload "+u.ID)
}

// Upload reads an upload. Returns ENotFound.
func (r *Reader) Upload(ctx context.Context, orgID, id string) (roster.Upload, error) {
	var it uploadItem
	if err := r.get(ctx, uploadKey(orgID, id), &it, "upload"); err != nil {
		return roster.Upload{}, err
	}
	return roster.Upload{
		ID: it.ID, OrgID: it.OrgID, Source: roster.UploadSource(it.Source), Key: it.ObjectKey, FileName: it.FileName,
		Size: it.Size, ETag: it.ETag, UploadedBy: it.UploadedBy, Status: it.Status, ReceivedAt: parseTS(it.ReceivedAt),
	}, nil
}
