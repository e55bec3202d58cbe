package dynamo

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
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
	return s.writeExport(ctx, types.TransactWriteItem{Put: put}, e, mails, "save")
}

// writeExport writes the export's item (write, conditional on its version),
// its active-export marker and mails in one transaction. Returns EConflict
// when the export changed meanwhile.
func (s *Store) writeExport(ctx context.Context, write types.TransactWriteItem, e roster.ContactExport, mails []roster.OutboxMail, verb string) error {
	marker, err := s.activeExportMarker(e)
	if err != nil {
		return err
	}
	tx, err := s.appendMails([]types.TransactWriteItem{write, marker}, mails)
	if err != nil {
		return err
	}
	err = s.transact(ctx, tx)
	if cancelled(err, 0) {
		return roster.WithReason(roster.EConflict, "concurrent_update", "the export changed meanwhile")
	}
	if err != nil {
		return fmt.Errorf("%s export %s: %w", verb, e.ID, err)
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

// activeExportKey is an export's marker while it is queued or running, in
// one small partition of the deployment, so that the sweep finds an export
// whose worker died (or whose event Lambda dropped) without reading every
// organisation. Export ids grow with time: the oldest markers come first.
func activeExportKey(orgID, id string) key {
	return key{"EXPORTS#ACTIVE", "EXPORT#" + id + "#" + orgID}
}

// activeExportItem holds what deciding that an export stalled, and ending
// it, needs: the sweep reads a page of markers and nothing else.
type activeExportItem struct {
	key
	OrgID       string `dynamodbav:"orgId"`
	ID          string `dynamodbav:"id"`
	RequestedBy string `dynamodbav:"requestedBy"`
	Status      string `dynamodbav:"status"`
	LeaseUntil  string `dynamodbav:"leaseUntil"`
	Version     int64  `dynamodbav:"version"`
	UpdatedAt   string `dynamodbav:"updatedAt"`
}

// activeExportMarker puts the marker while e is queued or running and
// deletes it otherwise, in the transaction that changes the status.
func (s *Store) activeExportMarker(e roster.ContactExport) (types.TransactWriteItem, error) {
	k := activeExportKey(e.OrgID, e.ID)
	if !e.Active() {
		return types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: k.av()}}, nil
	}
	av, err := attributevalue.MarshalMap(activeExportItem{key: k, OrgID: e.OrgID, ID: e.ID, RequestedBy: e.RequestedBy,
		Status: string(e.Status), LeaseUntil: ts(e.LeaseUntil), Version: e.Version, UpdatedAt: ts(e.UpdatedAt)})
	if err != nil {
		return types.TransactWriteItem{}, fmt.Errorf("encode active export: %w", err)
	}
	return types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av}}, nil
}

// ActiveExports reads the oldest limit queued or running exports, across
// organisations, from their markers: one Query. Each export has only ID,
// OrgID, RequestedBy, Status, LeaseUntil, Version and UpdatedAt.
func (r *Reader) ActiveExports(ctx context.Context, limit int) ([]roster.ContactExport, error) {
	out, err := r.db.Query(ctx, &dynamodb.QueryInput{
		TableName: &r.table, Limit: aws.Int32(int32(limit)), ConsistentRead: boolp(true),
		KeyConditionExpression: strp("pk = :pk AND begins_with(sk, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: "EXPORTS#ACTIVE"}, ":prefix": &types.AttributeValueMemberS{Value: "EXPORT#"},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("query active exports: %w", err)
	}
	exps := make([]roster.ContactExport, 0, len(out.Items))
	for _, item := range out.Items {
		var it activeExportItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return nil, fmt.Errorf("decode active export: %w", err)
		}
		exps = append(exps, roster.ContactExport{ID: it.ID, OrgID: it.OrgID, RequestedBy: it.RequestedBy, Status: roster.ExportStatus(it.Status),
			LeaseUntil: parseTS(it.LeaseUntil), Version: it.Version, UpdatedAt: parseTS(it.UpdatedAt)})
	}
	return exps, nil
}

// EndExport records that e (after roster.ContactExport.Fail) ended, from
// what its marker holds: it changes only the status fields, if the stored
// version is still e.Version-1, removes the marker and queues mails, in one
// transaction. Returns EConflict when a worker changed the export meanwhile.
func (s *Store) EndExport(ctx context.Context, e roster.ContactExport, mails []roster.OutboxMail) error {
	k := exportKey(e.OrgID, e.ID)
	upd := &types.Update{
		TableName: &s.table, Key: k.av(),
		ConditionExpression:      strp("version = :old"),
		UpdateExpression:         strp("SET #status = :status, failure = :failure, leaseUntil = :lease, finishedAt = :finished, updatedAt = :updated, version = :new"),
		ExpressionAttributeNames: map[string]string{"#status": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":old": num(e.Version - 1), ":new": num(e.Version), ":status": &types.AttributeValueMemberS{Value: string(e.Status)},
			":failure": &types.AttributeValueMemberS{Value: e.Failure}, ":lease": &types.AttributeValueMemberS{Value: ts(e.LeaseUntil)},
			":finished": &types.AttributeValueMemberS{Value: ts(e.FinishedAt)}, ":updated": &types.AttributeValueMemberS{Value: ts(e.UpdatedAt)},
		},
	}
	return s.writeExport(ctx, types.TransactWriteItem{Update: upd}, e, mails, "end")
}
