package dynamo

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// A contact import is one item under its organisation. The review samples
// (changes and errors) are kept as one JSON attribute: they are read and
// written whole, never queried, and stay below the 400 KB item limit
// (MaxImportSamples of each, cut to the first that fit in maxSamplesBytes).

func importKey(orgID, id string) key { return key{orgPK(orgID), "IMPORT#" + id} }

// activeImportKey marks an import a worker is on (validating or applying)
// in one small partition of the deployment, so that the ResumeImports
// schedule finds one whose worker died without reading the table.
func activeImportKey(orgID, id string) key {
	return key{"IMPORTS#ACTIVE", "IMPORT#" + orgID + "#" + id}
}

type activeImportItem struct {
	key
	OrgID string `dynamodbav:"orgId"`
	ID    string `dynamodbav:"id"`
}

// activeMarker puts the marker while a worker may be on the import and
// deletes it otherwise, in the transaction that changes the status.
func (s *Store) activeMarker(imp roster.ContactImport) (types.TransactWriteItem, error) {
	k := activeImportKey(imp.OrgID, imp.ID)
	if imp.Status != roster.ImportValidating && imp.Status != roster.ImportApplying {
		return types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: k.av()}}, nil
	}
	av, err := attributevalue.MarshalMap(activeImportItem{key: k, OrgID: imp.OrgID, ID: imp.ID})
	if err != nil {
		return types.TransactWriteItem{}, fmt.Errorf("encode active import: %w", err)
	}
	return types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av}}, nil
}

// ActiveImports lists the imports being validated or applied.
func (r *Reader) ActiveImports(ctx context.Context) ([]roster.ImportRef, error) {
	var out []roster.ImportRef
	err := r.queryPrefix(ctx, "IMPORTS#ACTIVE", "IMPORT#", func(item map[string]types.AttributeValue) error {
		var it activeImportItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("decode active import: %w", err)
		}
		out = append(out, roster.ImportRef{OrgID: it.OrgID, ID: it.ID})
		return nil
	})
	return out, err
}

type importItem struct {
	key
	Type           string `dynamodbav:"type"`
	ID             string `dynamodbav:"id"`
	OrgID          string `dynamodbav:"orgId"`
	Mode           string `dynamodbav:"mode"`
	Source         string `dynamodbav:"source"`
	FileName       string `dynamodbav:"fileName"`
	DeclaredSize   int64  `dynamodbav:"declaredSize,omitempty"`
	ObjectKey      string `dynamodbav:"objectKey"`
	ObjectETag     string `dynamodbav:"objectEtag,omitempty"`
	Format         string `dynamodbav:"format,omitempty"`
	UploaderID     string `dynamodbav:"uploaderId,omitempty"`
	UploaderEmail  string `dynamodbav:"uploaderEmail,omitempty"`
	Status         string `dynamodbav:"status"`
	FailureReason  string `dynamodbav:"failureReason,omitempty"`
	FailureMessage string `dynamodbav:"failureMessage,omitempty"`
	Summary        string `dynamodbav:"summary"`           // JSON of roster.ImportSummary
	Progress       string `dynamodbav:"progress"`          // JSON of roster.ImportProgress
	Samples        string `dynamodbav:"samples,omitempty"` // JSON of importSamples
	ErrorReportKey string `dynamodbav:"errorReportKey,omitempty"`
	PlanParts      int    `dynamodbav:"planParts"`
	SendWelcome    bool   `dynamodbav:"sendWelcome"`
	AppliedBy      string `dynamodbav:"appliedBy,omitempty"`
	LeaseUntil     string `dynamodbav:"leaseUntil"`
	Attempt        int    `dynamodbav:"attempt"`
	Version        int64  `dynamodbav:"version"`
	CreatedAt      string `dynamodbav:"createdAt"`
	UpdatedAt      string `dynamodbav:"updatedAt"`
	ReadyAt        string `dynamodbav:"readyAt,omitempty"`
	ApplyStartedAt string `dynamodbav:"applyStartedAt,omitempty"`
	FinishedAt     string `dynamodbav:"finishedAt,omitempty"`
}

type importSamples struct {
	Errors  []roster.ImportRowError `json:"errors,omitempty"`
	Changes []roster.ImportChange   `json:"changes,omitempty"`
}

// maxSamplesBytes bounds the samples attribute: 100 changes of rows whose
// every field is at its longest would pass DynamoDB's 400 KB item limit
// (and the write would fail), so the samples keep the first rows that fit.
const maxSamplesBytes = 256 << 10

// fitSamples keeps the first errors and changes, taken in turn, whose JSON
// fits in budget bytes.
func fitSamples(errs []roster.ImportRowError, changes []roster.ImportChange, budget int) (importSamples, error) {
	var kept importSamples
	used := len(`{"errors":[],"changes":[]}`)
	for i := 0; i < len(errs) || i < len(changes); i++ {
		if i < len(errs) {
			b, err := json.Marshal(errs[i])
			if err != nil {
				return kept, err
			}
			if used+len(b)+1 > budget {
				break
			}
			used += len(b) + 1
			kept.Errors = append(kept.Errors, errs[i])
		}
		if i < len(changes) {
			b, err := json.Marshal(changes[i])
			if err != nil {
				return kept, err
			}
			if used+len(b)+1 > budget {
				break
			}
			used += len(b) + 1
			kept.Changes = append(kept.Changes, changes[i])
		}
	}
	return kept, nil
}

func toImportItem(imp roster.ContactImport) (importItem, error) {
	summary, err := json.Marshal(imp.Summary)
	if err != nil {
		return importItem{}, err
	}
	progress, err := json.Marshal(imp.Progress)
	if err != nil {
		return importItem{}, err
	}
	var samples []byte
	if len(imp.SampleErrors)+len(imp.SampleChanges) > 0 {
		kept, err := fitSamples(imp.SampleErrors, imp.SampleChanges, maxSamplesBytes)
		if err != nil {
			return importItem{}, err
		}
		if samples, err = json.Marshal(kept); err != nil {
			return importItem{}, err
		}
	}
	return importItem{
		key: importKey(imp.OrgID, imp.ID), Type: "ContactImport", ID: imp.ID, OrgID: imp.OrgID, Mode: string(imp.Mode),
		Source: string(imp.Source), FileName: imp.FileName, DeclaredSize: imp.DeclaredSize, ObjectKey: imp.ObjectKey,
		ObjectETag: imp.ObjectETag, Format: imp.Format, UploaderID: imp.UploaderID, UploaderEmail: imp.UploaderEmail,
		Status: string(imp.Status), FailureReason: imp.FailureReason, FailureMessage: imp.FailureMessage,
		Summary: string(summary), Progress: string(progress), Samples: string(samples), ErrorReportKey: imp.ErrorReportKey,
		PlanParts: imp.PlanParts, SendWelcome: imp.SendWelcome, AppliedBy: imp.AppliedBy, LeaseUntil: ts(imp.LeaseUntil), Attempt: imp.Attempt,
		Version: imp.Version, CreatedAt: ts(imp.CreatedAt), UpdatedAt: ts(imp.UpdatedAt),
		ReadyAt: optTS(imp.ReadyAt), ApplyStartedAt: optTS(imp.ApplyStartedAt),
		FinishedAt: optTS(imp.FinishedAt),
	}, nil
}

func (it importItem) contactImport() (roster.ContactImport, error) {
	imp := roster.ContactImport{
		ID: it.ID, OrgID: it.OrgID, Mode: roster.ImportMode(it.Mode), Source: roster.UploadSource(it.Source),
		FileName: it.FileName, DeclaredSize: it.DeclaredSize, ObjectKey: it.ObjectKey, ObjectETag: it.ObjectETag,
		Format: it.Format, UploaderID: it.UploaderID, UploaderEmail: it.UploaderEmail, Status: roster.ImportStatus(it.Status),
		FailureReason: it.FailureReason, FailureMessage: it.FailureMessage, ErrorReportKey: it.ErrorReportKey,
		PlanParts: it.PlanParts, SendWelcome: it.SendWelcome, AppliedBy: it.AppliedBy, LeaseUntil: parseTS(it.LeaseUntil), Attempt: it.Attempt,
		Version: it.Version, CreatedAt: parseTS(it.CreatedAt), UpdatedAt: parseTS(it.UpdatedAt), ReadyAt: parseTS(it.ReadyAt),
		ApplyStartedAt: parseTS(it.ApplyStartedAt), FinishedAt: parseTS(it.FinishedAt),
	}
	if err := json.Unmarshal([]byte(it.Summary), &imp.Summary); err != nil {
		return imp, fmt.Errorf("decode import summary: %w", err)
	}
	if err := json.Unmarshal([]byte(it.Progress), &imp.Progress); err != nil {
		return imp, fmt.Errorf("decode import progress: %w", err)
	}
	if it.Samples != "" {
		var s importSamples
		if err := json.Unmarshal([]byte(it.Samples), &s); err != nil {
			return imp, fmt.Errorf("decode import samples: %w", err)
		}
		imp.SampleErrors, imp.SampleChanges = s.Errors, s.Changes
	}
	return imp, nil
}

// CreateImport stores a new import. Creating the same id again (S3 delivers
// events at least once) returns EConflict and changes nothing.
func (s *Store) CreateImport(ctx context.Context, imp roster.ContactImport, mails []roster.OutboxMail) error {
	it, err := toImportItem(imp)
	if err != nil {
		return fmt.Errorf("encode import: %w", err)
	}
	av, err := attributevalue.MarshalMap(it)
	if err != nil {
		return fmt.Errorf("encode import: %w", err)
	}
	marker, err := s.activeMarker(imp)
	if err != nil {
		return err
	}
	tx := []types.TransactWriteItem{{Put: &types.Put{TableName: &s.table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)")}}, marker}
	if tx, err = s.appendMails(tx, mails); err != nil {
		return err
	}
	err = s.transact(ctx, tx)
	if cancelled(err, 0) {
		return roster.Errorf(roster.EConflict, "import %s exists", imp.ID)
	}
	if err != nil {
		return fmt.Errorf("create import: %w", err)
	}
	return nil
}

// SaveImport writes imp if its stored version is still imp.Version-1 (the
// caller bumps Version), with the mail and audit event the change queues,
// in one transaction. Returns EConflict when another writer got there first.
func (s *Store) SaveImport(ctx context.Context, imp roster.ContactImport, mails []roster.OutboxMail, audit *roster.AuditEvent) error {
	it, err := toImportItem(imp)
	if err != nil {
		return fmt.Errorf("encode import: %w", err)
	}
	av, err := attributevalue.MarshalMap(it)
	if err != nil {
		return fmt.Errorf("encode import: %w", err)
	}
	tx := []types.TransactWriteItem{{Put: &types.Put{
		TableName: &s.table, Item: av, ConditionExpression: strp("version = :v"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(imp.Version - 1)},
	}}}
	marker, err := s.activeMarker(imp)
	if err != nil {
		return err
	}
	tx = append(tx, marker)
	if tx, err = s.appendMails(tx, mails); err != nil {
		return err
	}
	if audit != nil {
		put, err := auditPut(s.table, *audit)
		if err != nil {
			return err
		}
		tx = append(tx, put)
	}
	err = s.transact(ctx, tx)
	if cancelled(err, 0) {
		return roster.WithReason(roster.EConflict, "concurrent_update", "the import changed meanwhile")
	}
	if err != nil {
		return fmt.Errorf("save import %s: %w", imp.ID, err)
	}
	return nil
}

func (s *Store) appendMails(tx []types.TransactWriteItem, mails []roster.OutboxMail) ([]types.TransactWriteItem, error) {
	for _, m := range mails {
		av, err := attributevalue.MarshalMap(toOutboxItem(m))
		if err != nil {
			return nil, fmt.Errorf("encode outbox entry: %w", err)
		}
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av}})
	}
	return tx, nil
}

// Import reads an import. Returns ENotFound.
func (r *Reader) Import(ctx context.Context, orgID, id string) (roster.ContactImport, error) {
	var it importItem
	if err := r.get(ctx, importKey(orgID, id), &it, "import"); err != nil {
		return roster.ContactImport{}, err
	}
	return it.contactImport()
}
