package dynamo

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

type groupItem struct {
	key
	Type      string `dynamodbav:"type"`
	ID        string `dynamodbav:"id"`
	OrgID     string `dynamodbav:"orgId"`
	Name      string `dynamodbav:"name"`
	Kind      string `dynamodbav:"kind"`
	ParentID  string `dynamodbav:"parentId,omitempty"`
	Version   int64  `dynamodbav:"version"`
	CreatedAt string `dynamodbav:"createdAt"`
	UpdatedAt string `dynamodbav:"updatedAt"`
	// Members counts users holding a role here; user writes ADD to it.
	Members int64 `dynamodbav:"members,omitempty"`
}

var (
	_ roster.GroupReader = (*Reader)(nil)
	_ roster.GroupStore  = (*Store)(nil)
)

func toGroupItem(g roster.Group) groupItem {
	updated := g.UpdatedAt
	if updated.IsZero() {
		updated = g.CreatedAt
	}
	return groupItem{key: groupKey(g.OrgID, g.ID), Type: "Group", ID: g.ID, OrgID: g.OrgID, Name: g.Name,
		Kind: string(g.Kind), ParentID: g.ParentID, Version: max(g.Version, 1), CreatedAt: ts(g.CreatedAt), UpdatedAt: ts(updated)}
}

func (it groupItem) group() roster.Group {
	return roster.Group{ID: it.ID, OrgID: it.OrgID, Name: it.Name, Kind: roster.GroupKind(it.Kind), ParentID: it.ParentID,
		Version: max(it.Version, 1), CreatedAt: parseTS(it.CreatedAt), UpdatedAt: parseTS(it.UpdatedAt)}
}

// Groups returns every group of an organisation, read consistently from its
// partition: organisations have tens to hundreds of groups, and the rules
// need the whole tree.
func (r *Reader) Groups(ctx context.Context, orgID string) ([]roster.Group, error) {
	var groups []roster.Group
	err := r.queryPrefix(ctx, orgPK(orgID), "GROUP#", func(item map[string]types.AttributeValue) error {
		var it groupItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("decode group: %w", err)
		}
		groups = append(groups, it.group())
		return nil
	})
	return groups, err
}

// queryPrefixPage is the Limit of each Query of queryPrefix.
const queryPrefixPage = 250

// errStopQuery, returned by a queryPrefix callback, ends the walk without
// error: the caller has what it needs.
var errStopQuery = errors.New("stop query")

// queryPrefix calls fn for every item of partition pk whose sort key starts
// with prefix, page by page (queryPrefixPage items a Query): for
// collections read whole by design (the group tree, templates, scheduled
// jobs), never for a list a request pages through.
func (r *Reader) queryPrefix(ctx context.Context, pk, prefix string, fn func(map[string]types.AttributeValue) error) error {
	p := dynamodb.NewQueryPaginator(r.db, &dynamodb.QueryInput{
		Limit:                  aws.Int32(queryPrefixPage),
		TableName:              &r.table,
		KeyConditionExpression: strp("pk = :pk AND begins_with(sk, :prefix)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: pk}, ":prefix": &types.AttributeValueMemberS{Value: prefix},
		},
		ConsistentRead: boolp(true),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("query %s %s*: %w", pk, prefix, err)
		}
		for _, item := range page.Items {
			if err := fn(item); errors.Is(err, errStopQuery) {
				return nil
			} else if err != nil {
				return err
			}
		}
	}
	return nil
}

// TreeVersion reads the organisation's tree version, the counter every
// GroupChange must match.
func (r *Reader) TreeVersion(ctx context.Context, orgID string) (int64, error) {
	var it struct {
		TreeVersion int64 `dynamodbav:"treeVersion"`
	}
	if err := r.get(ctx, orgKey(orgID), &it, "organisation"); err != nil {
		return 0, err
	}
	return it.TreeVersion, nil
}

// ChangeGroups applies a change if neither the tree nor the group changed
// since they were read. Returns EConflict (reason tree_changed) otherwise.
func (s *Store) ChangeGroups(ctx context.Context, orgID string, c roster.GroupChange) error {
	org := orgKey(orgID)
	bump := types.TransactWriteItem{Update: &types.Update{
		TableName: &s.table, Key: org.av(),
		UpdateExpression:    strp("SET treeVersion = :next"),
		ConditionExpression: strp("attribute_exists(pk) AND (treeVersion = :seen OR (attribute_not_exists(treeVersion) AND :seen = :zero))"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":next": num(c.TreeVersion + 1), ":seen": num(c.TreeVersion), ":zero": num(0),
		},
	}}
	tx := []types.TransactWriteItem{bump}
	if g := c.Put; g != nil && g.Version <= 1 {
		av, err := attributevalue.MarshalMap(toGroupItem(*g))
		if err != nil {
			return fmt.Errorf("encode group %s: %w", g.ID, err)
		}
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)")}})
	} else if g != nil {
		// An update, not a Put: a Put would overwrite the member count that
		// user writes keep on the group.
		values := map[string]types.AttributeValue{
			":name": &types.AttributeValueMemberS{Value: g.Name}, ":kind": &types.AttributeValueMemberS{Value: string(g.Kind)},
			":v": num(g.Version), ":prev": num(g.Version - 1), ":at": &types.AttributeValueMemberS{Value: ts(g.UpdatedAt)},
		}
		expr := "SET #name = :name, kind = :kind, version = :v, updatedAt = :at"
		if g.ParentID != "" { // the root has none and never gets one
			expr += ", parentId = :parent"
			values[":parent"] = &types.AttributeValueMemberS{Value: g.ParentID}
		}
		tx = append(tx, types.TransactWriteItem{Update: &types.Update{
			TableName: &s.table, Key: groupKey(orgID, g.ID).av(),
			UpdateExpression: &expr, ConditionExpression: strp("version = :prev"),
			ExpressionAttributeNames: map[string]string{"#name": "name"}, ExpressionAttributeValues: values,
		}})
	}
	if g := c.Delete; g != nil {
		tx = append(tx, types.TransactWriteItem{Delete: &types.Delete{
			TableName: &s.table, Key: groupKey(orgID, g.ID).av(),
			// Nobody may hold a role there: user writes count members on the group.
			ConditionExpression:       strp("version = :v AND (attribute_not_exists(members) OR members = :zero)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(g.Version), ":zero": num(0)},
		}})
	}
	if c.Audit.ID != "" {
		put, err := auditPut(s.table, c.Audit)
		if err != nil {
			return err
		}
		tx = append(tx, put)
	}
	err := s.transact(ctx, tx)
	for i := range tx {
		if cancelled(err, i) {
			return roster.WithReason(roster.EConflict, "tree_changed", "the groups changed while this request ran; read them again and retry")
		}
	}
	if err != nil {
		return fmt.Errorf("change groups of %s: %w", orgID, err)
	}
	return nil
}

// UsersGrantedAt counts the users of an organisation (in any status: a
// deleted user may be undeleted) holding a role at one of groups, from the
// member counts user writes keep on each group item, summed (a user with
// roles at two of them counts twice): one BatchGetItem.
func (r *Reader) UsersGrantedAt(ctx context.Context, orgID string, groups []string) (int, error) {
	keys := make([]key, len(groups))
	for i, g := range groups {
		keys[i] = groupKey(orgID, g)
	}
	n := 0
	err := r.batchGet(ctx, keys, func(item map[string]types.AttributeValue) error {
		var it struct {
			Members int64 `dynamodbav:"members"`
		}
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("decode group members: %w", err)
		}
		n += int(it.Members)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("members of groups of %s: %w", orgID, err)
	}
	return n, nil
}

func num(n int64) *types.AttributeValueMemberN {
	return &types.AttributeValueMemberN{Value: fmt.Sprint(n)}
}

func boolp(b bool) *bool { return &b }
