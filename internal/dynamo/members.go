package dynamo

import (
	"context"
	"fmt"
	"maps"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// Member items (issue 10): per group, the users the scheduled notifier may
// email about the group's unclaimed messages, so that neither an inbound
// message nor the notifier reads the organisation's users.
//
// pk ORG#<orgId>#MEMBERS#<groupId>; sk T#<unclaimed minutes, 4 digits>#<userId>
// for a user with their own settings, D#<userId> for one using the
// organisation's default (read once per organisation per notifier run, so
// changing the default rewrites nothing). An item exists only for an active
// user holding a role that may answer conversations at exactly that group
// and, with their own settings, email on: everyone else is absent, so the
// notifier reads only people it may mail, and one Query range picks those
// whose threshold has passed.
//
// The items follow from two things: the user (status, grants) and their own
// settings. Every write of either rewrites the items in its transaction,
// having read the other (consistently) and checking in the transaction that
// it is still the version read, so two writes racing cannot leave stale items.

func membersPK(orgID, groupID string) string { return orgPK(orgID) + "#MEMBERS#" + groupID }

// maxThreshold bounds the threshold in a member's sort key (4 digits).
const maxThreshold = 9999

func thresholdSK(minutes int) string {
	return fmt.Sprintf("T#%04d#", min(max(minutes, 1), maxThreshold))
}

type memberItem struct {
	key
	Type             string `dynamodbav:"type"`
	OrgID            string `dynamodbav:"orgId"`
	GroupID          string `dynamodbav:"groupId"`
	UserID           string `dynamodbav:"userId"`
	Role             string `dynamodbav:"role"`
	UsesDefault      bool   `dynamodbav:"usesDefault,omitempty"`
	UnclaimedMinutes int    `dynamodbav:"unclaimedMinutes,omitempty"`
	UnreadMinutes    int    `dynamodbav:"unreadMinutes,omitempty"`
	LimitToHours     bool   `dynamodbav:"limitToHours,omitempty"`
}

func (it memberItem) notifiable() roster.Notifiable {
	return roster.Notifiable{UserID: it.UserID, UsesDefault: it.UsesDefault, UnclaimedMinutes: it.UnclaimedMinutes,
		UnreadMinutes: it.UnreadMinutes, LimitToHours: it.LimitToHours}
}

// answering returns, for an active user, the strongest role that may answer
// conversations at each group they hold one at; nil for anyone else.
func answering(u roster.User) map[string]roster.Role {
	if u.Status != roster.UserActive {
		return nil
	}
	out := map[string]roster.Role{}
	for _, g := range u.Grants {
		if roster.RolePermits(g.Role, roster.ActAnswerConversations) && g.Role.Stronger(out[g.GroupID]) {
			out[g.GroupID] = g.Role
		}
	}
	return out
}

// memberItems are the member items of a user answering at roles, with own
// settings (nil: the organisation's default).
func memberItems(orgID, userID string, roles map[string]roster.Role, own *roster.NotificationSettings) map[key]memberItem {
	out := map[key]memberItem{}
	if own != nil && !own.EmailEnabled {
		return out
	}
	for group, role := range roles {
		it := memberItem{Type: "Member", OrgID: orgID, GroupID: group, UserID: userID, Role: string(role)}
		if own == nil {
			it.key, it.UsesDefault = key{membersPK(orgID, group), "D#" + userID}, true
		} else {
			it.key = key{membersPK(orgID, group), thresholdSK(own.UnclaimedMinutes) + userID}
			it.UnclaimedMinutes, it.UnreadMinutes, it.LimitToHours = own.UnclaimedMinutes, own.UnreadMinutes, own.LimitToHours
		}
		out[it.key] = it
	}
	return out
}

// memberDiff turns the items from into the items to: deletes for what goes,
// puts for what is new or different (every item of to when all is set).
func (s *Store) memberDiff(from, to map[key]memberItem, all bool) ([]types.TransactWriteItem, error) {
	var out []types.TransactWriteItem
	for k := range from {
		if _, ok := to[k]; !ok {
			out = append(out, types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: k.av()}})
		}
	}
	for k, it := range to {
		if old, ok := from[k]; ok && old == it && !all {
			continue
		}
		w, err := s.putItem(it, "", "member")
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, nil
}

// ownSettings reads a user's own settings item (consistently): nil and
// version 0 when they have none.
func (r *Reader) ownSettings(ctx context.Context, orgID, userID string) (*roster.NotificationSettings, int64, error) {
	var it notifyItem
	err := r.get(ctx, notifyKey(orgID, userID), &it, "notification settings")
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	s := it.stored(roster.SettingsFromUser).Settings
	return &s, it.Version, nil
}

// versionCheck is a ConditionCheck that item k is at version (absent when 0).
func (s *Store) versionCheck(k key, version int64) types.TransactWriteItem {
	c := &types.ConditionCheck{TableName: &s.table, Key: k.av(), ConditionExpression: strp("attribute_not_exists(pk)")}
	if version > 0 {
		c.ConditionExpression = strp("version = :v")
		c.ExpressionAttributeValues = map[string]types.AttributeValue{":v": num(version)}
	}
	return types.TransactWriteItem{ConditionCheck: c}
}

// memberCheck says where in a transaction the check of the settings read
// for the member items is; -1 when there is none.
type memberCheck int

// conflict turns the cancellation of that check into EConflict
// (concurrent_update: the settings changed meanwhile; the user services
// read again and retry); nil for any other outcome.
func (m memberCheck) conflict(err error) error {
	if m >= 0 && cancelled(err, int(m)) {
		return roster.WithReason(roster.EConflict, "concurrent_update", "the user's notification settings changed at the same moment; retry")
	}
	return nil
}

// appendMembers appends to tx the writes that keep a user's member items
// right as the user goes from before to after (the zero User: none). When
// beforeKnown is false, before is taken to have after's grants in any
// status (a lifecycle change, which changes only the status), and every
// item of after is put. Nothing is read or written when the answering roles
// are the same before and after; otherwise the user's own settings are read
// (unless the user is being created: before is the zero User) and checked
// in the transaction.
func (s *Store) appendMembers(ctx context.Context, tx []types.TransactWriteItem, before, after roster.User, beforeKnown bool) ([]types.TransactWriteItem, memberCheck, error) {
	u := after
	if u.ID == "" {
		u = before
	}
	from, to := answering(before), answering(after)
	if !beforeKnown {
		active := after
		active.Status = roster.UserActive
		from = answering(active)
	}
	if beforeKnown && maps.Equal(from, to) || len(from) == 0 && len(to) == 0 {
		return tx, -1, nil
	}
	var own *roster.NotificationSettings
	var version int64
	if before.ID != "" || !beforeKnown { // a user being created has no settings: the check below says so
		var err error
		if own, version, err = s.ownSettings(ctx, u.OrgID, u.ID); err != nil {
			return nil, -1, err
		}
	}
	writes, err := s.memberDiff(memberItems(u.OrgID, u.ID, from, own), memberItems(u.OrgID, u.ID, to, own), !beforeKnown)
	if err != nil {
		return nil, -1, err
	}
	at := memberCheck(len(tx))
	tx = append(tx, s.versionCheck(notifyKey(u.OrgID, u.ID), version))
	return append(tx, writes...), at, nil
}

// settingsMembers are the writes that move a user's member items from
// their own settings from to to (nil: none, the default applies), and the
// check that the user is still as read (absent users have no items).
func (s *Store) settingsMembers(ctx context.Context, orgID, userID string, from, to *roster.NotificationSettings) ([]types.TransactWriteItem, error) {
	var u userItem
	err := s.get(ctx, userKey(orgID, userID), &u, "user")
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return []types.TransactWriteItem{s.versionCheck(userKey(orgID, userID), 0)}, nil
	}
	if err != nil {
		return nil, err
	}
	roles := answering(u.user())
	writes, err := s.memberDiff(memberItems(orgID, userID, roles, from), memberItems(orgID, userID, roles, to), false)
	if err != nil {
		return nil, err
	}
	return append([]types.TransactWriteItem{s.versionCheck(userKey(orgID, userID), u.Version)}, writes...), nil
}

// NotifiableMembers returns up to limit members of a group the notifier may
// email, after the sort key after ("" from the start), and the sort key to
// go on from ("" at the end). fromMinutes > 0 reads the members with their
// own settings whose unclaimed threshold is from fromMinutes to toMinutes,
// lowest first; fromMinutes == 0 reads the members who use the
// organisation's default. One Query (consistent), Limit limit, reading only
// the members in range: ⌈items × 0.2 KB / 4 KB⌉ read units, at least 1.
func (r *Reader) NotifiableMembers(ctx context.Context, orgID, groupID string, fromMinutes, toMinutes int, after string, limit int) ([]roster.Notifiable, string, error) {
	pk := membersPK(orgID, groupID)
	in := &dynamodb.QueryInput{TableName: &r.table, ConsistentRead: aws.Bool(true), Limit: aws.Int32(int32(limit)),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: pk}}}
	if fromMinutes > 0 {
		in.KeyConditionExpression = strp("pk = :pk AND sk BETWEEN :from AND :to")
		in.ExpressionAttributeValues[":from"] = &types.AttributeValueMemberS{Value: thresholdSK(fromMinutes)}
		in.ExpressionAttributeValues[":to"] = &types.AttributeValueMemberS{Value: thresholdSK(toMinutes) + "~"}
	} else {
		in.KeyConditionExpression = strp("pk = :pk AND begins_with(sk, :d)")
		in.ExpressionAttributeValues[":d"] = &types.AttributeValueMemberS{Value: "D#"}
	}
	if after != "" {
		in.ExclusiveStartKey = key{pk, after}.av()
	}
	res, err := r.db.Query(ctx, in)
	if err != nil {
		return nil, "", fmt.Errorf("query members of %s: %w", groupID, err)
	}
	out := make([]roster.Notifiable, 0, len(res.Items))
	for _, item := range res.Items {
		var it memberItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return nil, "", fmt.Errorf("decode member: %w", err)
		}
		out = append(out, it.notifiable())
	}
	next := ""
	if res.LastEvaluatedKey != nil {
		var k key
		if err := attributevalue.UnmarshalMap(res.LastEvaluatedKey, &k); err != nil {
			return nil, "", fmt.Errorf("decode members cursor: %w", err)
		}
		next = k.SK
	}
	return out, next, nil
}
