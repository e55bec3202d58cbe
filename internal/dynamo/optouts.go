package dynamo

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// Opt-outs and texting settings (issue 13). An opt-out is an item of the
// organisation's partition, one per number; the texting settings are
// attributes of the organisation item, with their own version.

func optOutKey(orgID, phone string) key { return key{orgPK(orgID), "OPTOUT#" + phone} }

type optOutItem struct {
	key
	Type      string `dynamodbav:"type"`
	OrgID     string `dynamodbav:"orgId"`
	Phone     string `dynamodbav:"phone"`
	At        string `dynamodbav:"at"`
	MessageID string `dynamodbav:"messageId,omitempty"`
}

// OptOutOf reads the opt-out of phone (GetItem, consistent). Returns
// ENotFound when the number has not opted out.
func (r *Reader) OptOutOf(ctx context.Context, orgID, phone string) (roster.OptOut, error) {
	var it optOutItem
	if err := r.get(ctx, optOutKey(orgID, phone), &it, "opt-out"); err != nil {
		return roster.OptOut{}, err
	}
	return roster.OptOut{OrgID: it.OrgID, Phone: it.Phone, At: parseTS(it.At), MessageID: it.MessageID}, nil
}

// withConfirmation runs optOut (one write on the opt-out, item 0) with the
// put of the confirmation text, when there is one (item 1), in one
// TransactWriteItems. The confirmation is stored as QueueTexts stores it,
// with attribute_not_exists: see duplicateText.
func (s *Store) withConfirmation(ctx context.Context, optOut types.TransactWriteItem, confirmation *roster.OutboundText) error {
	tx := []types.TransactWriteItem{optOut}
	if confirmation != nil {
		put, err := s.textPut(*confirmation)
		if err != nil {
			return err
		}
		tx = append(tx, put)
	}
	return s.transact(ctx, tx)
}

// duplicateText is a confirmation whose id was stored before: nothing is
// written, so a retry cannot queue it twice.
func duplicateText() error {
	return roster.WithReason(roster.EConflict, "duplicate_text", "the confirmation text was queued before")
}

// SetOptOut puts the opt-out with attribute_not_exists(pk) and its
// confirmation in one TransactWriteItems. Returns EConflict (opted_out, or
// duplicate_text when the confirmation's id is stored already).
func (s *Store) SetOptOut(ctx context.Context, o roster.OptOut, confirmation *roster.OutboundText) error {
	put, err := s.putItem(optOutItem{key: optOutKey(o.OrgID, o.Phone), Type: "OptOut", OrgID: o.OrgID, Phone: o.Phone, At: ts(o.At),
		MessageID: o.MessageID}, "attribute_not_exists(pk)", "opt-out")
	if err != nil {
		return err
	}
	err = s.withConfirmation(ctx, put, confirmation)
	switch {
	case cancelled(err, 0):
		return roster.WithReason(roster.EConflict, "opted_out", "this number has already opted out")
	case cancelled(err, 1):
		return duplicateText()
	}
	if err != nil {
		return fmt.Errorf("set opt-out of %s: %w", o.Phone, err)
	}
	return nil
}

// ClearOptOut deletes the opt-out on condition that it exists and puts its
// confirmation, in one TransactWriteItems. Returns ENotFound, or EConflict
// (duplicate_text).
func (s *Store) ClearOptOut(ctx context.Context, orgID, phone string, confirmation *roster.OutboundText) error {
	del := types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: optOutKey(orgID, phone).av(),
		ConditionExpression: strp("attribute_exists(pk)")}}
	err := s.withConfirmation(ctx, del, confirmation)
	switch {
	case cancelled(err, 0):
		return roster.Errorf(roster.ENotFound, "this number has not opted out")
	case cancelled(err, 1):
		return duplicateText()
	}
	if err != nil {
		return fmt.Errorf("clear opt-out of %s: %w", phone, err)
	}
	return nil
}

// TextingSettings reads the organisation item's texting attributes
// (GetItem, consistent): the zero value, version 0, when none were set.
// Returns ENotFound for an unknown organisation.
func (r *Reader) TextingSettings(ctx context.Context, orgID string) (roster.TextingSettings, error) {
	var it struct {
		OriginationIdentity string `dynamodbav:"originationIdentity"`
		HelpText            string `dynamodbav:"helpText"`
		TextingVersion      int64  `dynamodbav:"textingVersion"`
	}
	if err := r.get(ctx, orgKey(orgID), &it, "organisation"); err != nil {
		return roster.TextingSettings{}, err
	}
	return roster.TextingSettings{OriginationIdentity: it.OriginationIdentity, HelpText: it.HelpText, Version: it.TextingVersion}, nil
}

// SetTextingSettings writes the settings at version prev+1 on condition
// that the stored version is prev (absent counts as 0), with the audit
// event, in one TransactWriteItems. Returns EPreconditionFailed
// (stale_version), also for an unknown organisation.
func (s *Store) SetTextingSettings(ctx context.Context, orgID string, set roster.TextingSettings, prev int64, audit roster.AuditEvent) error {
	put, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	err = s.transact(ctx, []types.TransactWriteItem{{Update: &types.Update{
		TableName: &s.table, Key: orgKey(orgID).av(),
		UpdateExpression: strp("SET originationIdentity = :o, helpText = :h, textingVersion = :v"),
		ConditionExpression: strp("attribute_exists(pk) AND (textingVersion = :prev OR " +
			"(attribute_not_exists(textingVersion) AND :prev = :zero))"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":o": &types.AttributeValueMemberS{Value: set.OriginationIdentity}, ":h": &types.AttributeValueMemberS{Value: set.HelpText},
			":v": num(prev + 1), ":prev": num(prev), ":zero": num(0)},
	}}, put})
	if cancelled(err, 0) {
		return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the texting settings changed since you read them; read them again and retry with the new ETag")
	}
	if err != nil {
		return fmt.Errorf("set texting settings of %s: %w", orgID, err)
	}
	return nil
}
