package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

var _ roster.OutboxStore = (*Store)(nil)

// Outbox entries share one partition: they live only until sent, so it stays
// small, and the sender reads it in one Query.
func outboxKey(id string) key { return key{"OUTBOX", "MAIL#" + id} }

type outboxItem struct {
	key
	Type          string            `dynamodbav:"type"`
	ID            string            `dynamodbav:"id"`
	Kind          string            `dynamodbav:"kind"`
	OrgID         string            `dynamodbav:"orgId"`
	UserID        string            `dynamodbav:"userId"`
	ActorName     string            `dynamodbav:"actorName,omitempty"`
	Data          map[string]string `dynamodbav:"data,omitempty"`
	Attempts      int               `dynamodbav:"attempts"`
	NextAttemptAt string            `dynamodbav:"nextAttemptAt"`
	LeaseUntil    string            `dynamodbav:"leaseUntil,omitempty"`
	LastError     string            `dynamodbav:"lastError,omitempty"`
	CreatedAt     string            `dynamodbav:"createdAt"`
}

func toOutboxItem(m roster.OutboxMail) outboxItem {
	return outboxItem{key: outboxKey(m.ID), Type: "OutboxMail", ID: m.ID, Kind: string(m.Kind), OrgID: m.OrgID, UserID: m.UserID,
		ActorName: m.ActorName, Data: nonEmpty(m.Data), Attempts: m.Attempts, NextAttemptAt: ts(m.NextAttemptAt), LastError: m.LastError, CreatedAt: ts(m.CreatedAt)}
}

func (it outboxItem) mail() roster.OutboxMail {
	return roster.OutboxMail{ID: it.ID, Kind: roster.MailKind(it.Kind), OrgID: it.OrgID, UserID: it.UserID, ActorName: it.ActorName, Data: it.Data,
		Attempts: it.Attempts, NextAttemptAt: parseTS(it.NextAttemptAt), LastError: it.LastError, CreatedAt: parseTS(it.CreatedAt)}
}

// DueMail lists up to limit entries due at now, oldest first, reading the
// OUTBOX partition in Limit'd pages until it has them.
func (r *Reader) DueMail(ctx context.Context, now time.Time, limit int) ([]roster.OutboxMail, error) {
	var out []roster.OutboxMail
	due := ts(now)
	err := r.queryPrefix(ctx, "OUTBOX", "MAIL#", func(item map[string]types.AttributeValue) error {
		var it outboxItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("decode outbox entry: %w", err)
		}
		if it.NextAttemptAt <= due && it.Attempts < roster.MaxMailAttempts {
			out = append(out, it.mail())
		}
		if len(out) == limit {
			return errStopQuery
		}
		return nil
	})
	return out, err
}

// ClaimMail leases an entry. Returns EConflict or ENotFound.
func (s *Store) ClaimMail(ctx context.Context, id string, now time.Time, lease time.Duration) (roster.OutboxMail, error) {
	out, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: outboxKey(id).av(),
		UpdateExpression:    strp("SET leaseUntil = :until"),
		ConditionExpression: strp("attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":until": &types.AttributeValueMemberS{Value: ts(now.Add(lease))}, ":now": &types.AttributeValueMemberS{Value: ts(now)},
		},
		ReturnValues: types.ReturnValueAllNew,
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		var it outboxItem
		if gerr := s.get(ctx, outboxKey(id), &it, "outbox entry"); gerr != nil {
			return roster.OutboxMail{}, gerr
		}
		return roster.OutboxMail{}, roster.Errorf(roster.EConflict, "outbox entry %s is being sent", id)
	}
	if err != nil {
		return roster.OutboxMail{}, fmt.Errorf("claim outbox entry %s: %w", id, err)
	}
	var it outboxItem
	if err := attributevalue.UnmarshalMap(out.Attributes, &it); err != nil {
		return roster.OutboxMail{}, fmt.Errorf("decode outbox entry: %w", err)
	}
	return it.mail(), nil
}

// MailSent deletes an entry.
func (s *Store) MailSent(ctx context.Context, id string) error {
	if _, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: outboxKey(id).av()}); err != nil {
		return fmt.Errorf("delete outbox entry %s: %w", id, err)
	}
	return nil
}

// MailFailed stores the attempt count, next attempt and error, and releases
// the lease (set to "", which sorts before any time: the emulator does not
// apply a REMOVE that follows a SET).
func (s *Store) MailFailed(ctx context.Context, m roster.OutboxMail) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: outboxKey(m.ID).av(),
		UpdateExpression:    strp("SET attempts = :a, nextAttemptAt = :next, lastError = :e, leaseUntil = :released"),
		ConditionExpression: strp("attribute_exists(pk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":a": num(int64(m.Attempts)), ":next": &types.AttributeValueMemberS{Value: ts(m.NextAttemptAt)},
			":e": &types.AttributeValueMemberS{Value: m.LastError}, ":released": &types.AttributeValueMemberS{Value: ""},
		},
	})
	if err != nil {
		return fmt.Errorf("record failed mail %s: %w", m.ID, err)
	}
	return nil
}

// auditItem is an audit event. Besides the organisation's partition
// (AUDIT#<id>, newest last) it is in three sparse indexes, each keyed by the
// organisation and one filter of GET /audit-events with the id as sort key:
// AuditByActor (who), AuditByTarget (what about) and AuditByType.
type auditItem struct {
	key
	Type          string            `dynamodbav:"type"`
	ID            string            `dynamodbav:"id"`
	OrgID         string            `dynamodbav:"orgId"`
	ActorID       string            `dynamodbav:"actorId"`
	EventType     string            `dynamodbav:"eventType"`
	SubjectID     string            `dynamodbav:"subjectId"`
	Before        map[string]string `dynamodbav:"before,omitempty"`
	After         map[string]string `dynamodbav:"after,omitempty"`
	At            string            `dynamodbav:"at"`
	AuditActorPK  string            `dynamodbav:"auditActorPK,omitempty"`
	AuditActorSK  string            `dynamodbav:"auditActorSK,omitempty"`
	AuditTargetPK string            `dynamodbav:"auditTargetPK,omitempty"`
	AuditTargetSK string            `dynamodbav:"auditTargetSK,omitempty"`
	AuditTypePK   string            `dynamodbav:"auditTypePK,omitempty"`
	AuditTypeSK   string            `dynamodbav:"auditTypeSK,omitempty"`
}

// The index partitions of an organisation's audit events by actor, subject
// and type.
func auditActorPK(orgID, actorID string) string  { return orgPK(orgID) + "#" + actorID }
func auditTargetPK(orgID, subject string) string { return orgPK(orgID) + "#" + subject }
func auditTypePK(orgID, eventType string) string { return orgPK(orgID) + "#" + eventType }

// toAuditItem is the one place an audit event becomes an item: every
// transaction that records one puts it through auditPut.
func toAuditItem(e roster.AuditEvent) auditItem {
	it := auditItem{key: key{orgPK(e.OrgID), "AUDIT#" + e.ID}, Type: "AuditEvent", ID: e.ID, OrgID: e.OrgID, ActorID: e.ActorID,
		EventType: e.Type, SubjectID: e.SubjectID, Before: nonEmpty(e.Before), After: nonEmpty(e.After), At: ts(e.At)}
	// An empty string cannot be an index key: such an event is left out of
	// that index (it cannot match a filter for a value either).
	if e.ActorID != "" {
		it.AuditActorPK, it.AuditActorSK = auditActorPK(e.OrgID, e.ActorID), e.ID
	}
	if e.SubjectID != "" {
		it.AuditTargetPK, it.AuditTargetSK = auditTargetPK(e.OrgID, e.SubjectID), e.ID
	}
	if e.Type != "" {
		it.AuditTypePK, it.AuditTypeSK = auditTypePK(e.OrgID, e.Type), e.ID
	}
	return it
}

func (it auditItem) event() roster.AuditEvent {
	return roster.AuditEvent{ID: it.ID, OrgID: it.OrgID, ActorID: it.ActorID, Type: it.EventType,
		SubjectID: it.SubjectID, Before: it.Before, After: it.After, At: parseTS(it.At)}
}

func auditPut(table string, e roster.AuditEvent) (types.TransactWriteItem, error) {
	av, err := attributevalue.MarshalMap(toAuditItem(e))
	if err != nil {
		return types.TransactWriteItem{}, fmt.Errorf("encode audit event: %w", err)
	}
	return types.TransactWriteItem{Put: &types.Put{TableName: &table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)")}}, nil
}

// nonEmpty drops an empty map: the emulator garbles empty maps.
func nonEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

// AuditEvents reads every audit event of an organisation, oldest first:
// for tests and tools. No request path calls it; GET /audit-events reads
// AuditPage.
func (r *Reader) AuditEvents(ctx context.Context, orgID string) ([]roster.AuditEvent, error) {
	var out []roster.AuditEvent
	err := r.queryPrefix(ctx, orgPK(orgID), "AUDIT#", func(item map[string]types.AttributeValue) error {
		var it auditItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("decode audit event: %w", err)
		}
		out = append(out, it.event())
		return nil
	})
	return out, err
}

// AuditPage returns up to q.Limit audit events of an organisation, newest
// first, and the cursor of the next page ("" on the last). One Query: of
// AuditByTarget when q names a subject, else AuditByActor for an actor,
// else AuditByType for a type, else the organisation's AUDIT# items; the
// time range is a range of ids; the other filters (when several are given)
// drop events from the page read, which can make it short. Returns EInvalid
// (field cursor).
func (r *Reader) AuditPage(ctx context.Context, orgID string, q roster.AuditQuery) ([]roster.AuditEvent, string, error) {
	p := idPage{pkName: "pk", skName: "sk", pk: orgPK(orgID), prefix: "AUDIT#", from: q.From, to: q.To, after: q.After, limit: q.Limit,
		equal: map[string]string{}}
	switch {
	case q.SubjectID != "":
		p.index, p.pkName, p.skName, p.pk, p.prefix = "AuditByTarget", "auditTargetPK", "auditTargetSK", auditTargetPK(orgID, q.SubjectID), ""
	case q.ActorID != "":
		p.index, p.pkName, p.skName, p.pk, p.prefix = "AuditByActor", "auditActorPK", "auditActorSK", auditActorPK(orgID, q.ActorID), ""
	case q.Type != "":
		p.index, p.pkName, p.skName, p.pk, p.prefix = "AuditByType", "auditTypePK", "auditTypeSK", auditTypePK(orgID, q.Type), ""
	}
	if q.ActorID != "" && p.index != "AuditByActor" {
		p.equal["actorId"] = q.ActorID
	}
	if q.Type != "" && p.index != "AuditByType" {
		p.equal["eventType"] = q.Type
	}
	var out []roster.AuditEvent
	next, err := r.queryIDPage(ctx, p, "audit events", func(item map[string]types.AttributeValue) error {
		var it auditItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("decode audit event: %w", err)
		}
		out = append(out, it.event())
		return nil
	})
	return out, next, err
}
