package dynamo

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

func templateKey(orgID, id string) key      { return key{orgPK(orgID), "TEMPLATE#" + id} }
func favoritesKey(orgID, userID string) key { return key{orgPK(orgID), "FAVORITES#" + userID} }

type templateItem struct {
	key
	Type      string `dynamodbav:"type"`
	ID        string `dynamodbav:"id"`
	OrgID     string `dynamodbav:"orgId"`
	GroupID   string `dynamodbav:"groupId,omitempty"`
	Name      string `dynamodbav:"name"`
	Body      string `dynamodbav:"body"`
	Version   int64  `dynamodbav:"version"`
	CreatedAt string `dynamodbav:"createdAt"`
	UpdatedAt string `dynamodbav:"updatedAt"`
	CreatedBy string `dynamodbav:"createdBy"`
}

func toTemplateItem(m roster.MessageTemplate) templateItem {
	return templateItem{key: templateKey(m.OrgID, m.ID), Type: "MessageTemplate", ID: m.ID, OrgID: m.OrgID, GroupID: m.GroupID,
		Name: m.Name, Body: m.Body, Version: m.Version, CreatedAt: ts(m.CreatedAt), UpdatedAt: ts(m.UpdatedAt), CreatedBy: m.CreatedBy}
}

func (it templateItem) template() roster.MessageTemplate {
	return roster.MessageTemplate{ID: it.ID, OrgID: it.OrgID, GroupID: it.GroupID, Name: it.Name, Body: it.Body, Version: it.Version,
		CreatedAt: parseTS(it.CreatedAt), UpdatedAt: parseTS(it.UpdatedAt), CreatedBy: it.CreatedBy}
}

func decodeTemplate(item map[string]types.AttributeValue) (roster.MessageTemplate, error) {
	var it templateItem
	if err := attributevalue.UnmarshalMap(item, &it); err != nil {
		return roster.MessageTemplate{}, fmt.Errorf("decode template: %w", err)
	}
	return it.template(), nil
}

// Template reads one template of an organisation. Returns ENotFound.
func (r *Reader) Template(ctx context.Context, orgID, id string) (roster.MessageTemplate, error) {
	var it templateItem
	if err := r.get(ctx, templateKey(orgID, id), &it, "template"); err != nil {
		return roster.MessageTemplate{}, err
	}
	return it.template(), nil
}

// Templates returns every template of an organisation, by id.
func (r *Reader) Templates(ctx context.Context, orgID string) ([]roster.MessageTemplate, error) {
	var out []roster.MessageTemplate
	err := r.queryPrefix(ctx, orgPK(orgID), "TEMPLATE#", func(item map[string]types.AttributeValue) error {
		m, err := decodeTemplate(item)
		out = append(out, m)
		return err
	})
	return out, err
}

// TemplatesByID reads the templates of an organisation with these ids (one
// BatchGetItem per 100); ids with no template, deleted ones among them, are
// absent from the map.
func (r *Reader) TemplatesByID(ctx context.Context, orgID string, ids []string) (map[string]roster.MessageTemplate, error) {
	keys := make([]key, len(ids))
	for i, id := range ids {
		keys[i] = templateKey(orgID, id)
	}
	out := make(map[string]roster.MessageTemplate, len(ids))
	err := r.batchGet(ctx, keys, func(item map[string]types.AttributeValue) error {
		m, err := decodeTemplate(item)
		if err == nil && m.OrgID == orgID {
			out[m.ID] = m
		}
		return err
	})
	return out, err
}

// PutTemplate creates a template (prev 0: its id must be new) or replaces
// it at version prev, with the audit event. Returns EConflict
// (template_changed) when the stored version is not prev or, on an edit,
// the template is gone.
func (s *Store) PutTemplate(ctx context.Context, m roster.MessageTemplate, prev int64, audit roster.AuditEvent) error {
	av, err := attributevalue.MarshalMap(toTemplateItem(m))
	if err != nil {
		return fmt.Errorf("encode template: %w", err)
	}
	put := &types.Put{TableName: &s.table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)")}
	if prev > 0 {
		put.ConditionExpression = strp("version = :prev")
		put.ExpressionAttributeValues = map[string]types.AttributeValue{":prev": num(prev)}
	}
	return s.writeTemplate(ctx, types.TransactWriteItem{Put: put}, audit)
}

// DeleteTemplate deletes a template at version prev, with the audit event.
// Favourites naming it are not touched: they drop it when read and on their
// next write. Returns EConflict (template_changed).
func (s *Store) DeleteTemplate(ctx context.Context, orgID, id string, prev int64, audit roster.AuditEvent) error {
	return s.writeTemplate(ctx, types.TransactWriteItem{Delete: &types.Delete{
		TableName: &s.table, Key: templateKey(orgID, id).av(),
		ConditionExpression: strp("version = :prev"), ExpressionAttributeValues: map[string]types.AttributeValue{":prev": num(prev)},
	}}, audit)
}

func (s *Store) writeTemplate(ctx context.Context, w types.TransactWriteItem, audit roster.AuditEvent) error {
	a, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	err = s.transact(ctx, []types.TransactWriteItem{w, a})
	if cancelled(err, 0) {
		return roster.WithReason(roster.EConflict, "template_changed", "the template changed or was deleted meanwhile")
	}
	if err != nil {
		return fmt.Errorf("write template %s: %w", audit.SubjectID, err)
	}
	return nil
}

type favoritesItem struct {
	key
	Type    string   `dynamodbav:"type"`
	OrgID   string   `dynamodbav:"orgId"`
	UserID  string   `dynamodbav:"userId"`
	IDs     []string `dynamodbav:"ids,omitempty"` // omitempty: the emulator garbles empty lists
	Version int64    `dynamodbav:"version"`
}

// FavoriteTemplates returns a user's favourite template ids in their order
// and the list's version; none and 0 when the user never set any. Ids of
// deleted templates may be among them: the caller drops them.
func (r *Reader) FavoriteTemplates(ctx context.Context, orgID, userID string) ([]string, int64, error) {
	var it favoritesItem
	err := r.get(ctx, favoritesKey(orgID, userID), &it, "favourite templates")
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	return it.IDs, it.Version, nil
}

// PutFavoriteTemplates replaces a user's favourites on condition that the
// stored version is prev (0: none stored), writing version prev+1. Returns
// EConflict (favorites_changed).
func (s *Store) PutFavoriteTemplates(ctx context.Context, orgID, userID string, ids []string, prev int64) error {
	cond, values := strp("attribute_not_exists(pk)"), map[string]types.AttributeValue(nil)
	if prev > 0 {
		cond, values = strp("version = :prev"), map[string]types.AttributeValue{":prev": num(prev)}
	}
	av, err := attributevalue.MarshalMap(favoritesItem{key: favoritesKey(orgID, userID), Type: "FavoriteTemplates", OrgID: orgID,
		UserID: userID, IDs: ids, Version: prev + 1})
	if err != nil {
		return fmt.Errorf("encode favourite templates: %w", err)
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: av, ConditionExpression: cond, ExpressionAttributeValues: values})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return roster.WithReason(roster.EConflict, "favorites_changed", "the favourite templates changed meanwhile")
	}
	if err != nil {
		return fmt.Errorf("put favourite templates of %s: %w", userID, err)
	}
	return nil
}
