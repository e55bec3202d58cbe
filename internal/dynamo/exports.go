package dynamo

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

func exportKey(orgID, id string) key { return key{orgPK(orgID), "EXPORT#" + id} }

type exportItem struct {
	key
	Type        string `dynamodbav:"type"`
	ID          string `dynamodbav:"id"`
	OrgID       string `dynamodbav:"orgId"`
	RequestedBy string `dynamodbav:"requestedBy"`
	Format      string `dynamodbav:"format"`
	GroupID     string `dynamodbav:"groupId,omitempty"`
	Status      string `dynamodbav:"status"`
	Rows        int    `dynamodbav:"rows"`
	ObjectKey   string `dynamodbav:"objectKey,omitempty"`
	FileName    string `dynamodbav:"fileName,omitempty"`
	Failure     string `dynamodbav:"failure,omitempty"`
	LeaseUntil  string `dynamodbav:"leaseUntil"`
	Attempt     int    `dynamodbav:"attempt"`
	Version     int64  `dynamodbav:"version"`
	CreatedAt   string `dynamodbav:"createdAt"`
	UpdatedAt   string `dynamodbav:"updatedAt"`
	FinishedAt  string `dynamodbav:"finishedAt,omitempty"`
}

// SaveExport writes an export: a new one (Version 1) only if absent,
// another only if the stored version is Version-1; with the mail it
// queues. Returns EConflict.
func (s *Store) SaveExport(ctx context.Context, e roster.ContactExport, mails []roster.OutboxMail) error {
	it := exportItem{
		key: exportKey(e.OrgID, e.ID), Type: "ContactExport", ID: e.ID, OrgID: e.OrgID, RequestedBy: e.RequestedBy,
		Format: e.Format, GroupID: e.GroupID, Status: string(e.Status), Rows: e.Rows, ObjectKey: e.ObjectKey,
		FileName: e.FileName, Failure: e.Failure, LeaseUntil: ts(e.LeaseUntil), Attempt: e.Attempt, Version: e.Version,
		CreatedAt: ts(e.CreatedAt), UpdatedAt: ts(e.UpdatedAt), FinishedAt: optTS(e.FinishedAt),
	}
	av, err := attributevalue.MarshalMap(it)
	if err != nil {
		return fmt.Errorf("encode export: %w", err)
	}
	put := &types.Put{TableName: &s.table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)")}
	if e.Version > 1 {
		put.ConditionExpression = strp("version = :v")
		put.ExpressionAttributeValues = map[string]types.AttributeValue{":v": num(e.Version - 1)}
	}
	tx, err := s.appendMails([]types.TransactWriteItem{{Put: put}}, mails)
	if err != nil {
		return err
	}
	err = s.transact(ctx, tx)
	if cancelled(err, 0) {
		return roster.WithReason(roster.EConflict, "concurrent_update", "the export changed meanwhile")
	}
	if err != nil {
		return fmt.Errorf("save export %s: %w", e.ID, err)
	}
	return nil
}

// Export reads an export. Returns ENotFound.
func (r *Reader) Export(ctx context.Context, orgID, id string) (roster.ContactExport, error) {
	var it exportItem
	if err := r.get(ctx, exportKey(orgID, id), &it, "export"); err != nil {
		return roster.ContactExport{}, err
	}
	return roster.ContactExport{
		ID: it.ID, OrgID: it.OrgID, RequestedBy: it.RequestedBy, Format: it.Format, GroupID: it.GroupID,
		Status: roster.ExportStatus(it.Status), Rows: it.Rows, ObjectKey: it.ObjectKey, FileName: it.FileName,
		Failure: it.Failure, LeaseUntil: parseTS(it.LeaseUntil), Attempt: it.Attempt, Version: it.Version, CreatedAt: parseTS(it.CreatedAt),
		UpdatedAt: parseTS(it.UpdatedAt), FinishedAt: parseTS(it.FinishedAt),
	}, nil
}
