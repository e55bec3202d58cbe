package dynamo

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// AdminGuard reads the counter that changes which may remove an
// administrator move on, and the count of active administrators, in one
// consistent read of the organisation item.
func (r *Reader) AdminGuard(ctx context.Context, orgID string) (roster.AdminCount, error) {
	var it struct {
		AdminGuard   int64 `dynamodbav:"adminGuard"`
		ActiveAdmins int64 `dynamodbav:"activeAdmins"`
	}
	if err := r.get(ctx, orgKey(orgID), &it, "organisation"); err != nil {
		return roster.AdminCount{}, err
	}
	return roster.AdminCount{Guard: it.AdminGuard, Active: int(it.ActiveAdmins)}, nil
}

// adminsUpdate is what a user write does to the organisation item: move the
// admin guard on from seen (when set: the write may remove an
// administrator) and the count of active administrators by delta. One
// Update, as a transaction touches an item once. Nil when neither applies.
func (s *Store) adminsUpdate(orgID string, seen *int64, delta int) *types.TransactWriteItem {
	if seen == nil && delta == 0 {
		return nil
	}
	u := &types.Update{TableName: &s.table, Key: orgKey(orgID).av(), ExpressionAttributeValues: map[string]types.AttributeValue{}}
	var set, add string
	if seen != nil {
		set = " SET adminGuard = :next"
		u.ConditionExpression = strp("adminGuard = :seen OR (attribute_not_exists(adminGuard) AND :seen = :zero)")
		u.ExpressionAttributeValues[":next"], u.ExpressionAttributeValues[":seen"], u.ExpressionAttributeValues[":zero"] = num(*seen+1), num(*seen), num(0)
	}
	if delta != 0 {
		add = " ADD activeAdmins :d"
		u.ExpressionAttributeValues[":d"] = num(int64(delta))
	}
	u.UpdateExpression = strp(strings.TrimSpace(set + add))
	return &types.TransactWriteItem{Update: u}
}

// ChangeUser replaces a user if nobody changed it since it was read, with
// its mail and audit event, all or nothing. Returns EConflict (user_changed,
// admins_changed).
func (s *Store) ChangeUser(ctx context.Context, c roster.UserChange) error {
	av, err := attributevalue.MarshalMap(toUserItem(c.User))
	if err != nil {
		return fmt.Errorf("encode user %s: %w", c.User.ID, err)
	}
	tx := []types.TransactWriteItem{{Put: &types.Put{
		TableName: &s.table, Item: av, ConditionExpression: strp("version = :prev"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":prev": num(c.User.Version - 1)},
	}}}
	if a := s.adminsUpdate(c.User.OrgID, c.AdminGuard, c.AdminsDelta); a != nil {
		tx = append(tx, *a)
	}
	if c.Mail != nil {
		mav, err := attributevalue.MarshalMap(toOutboxItem(*c.Mail))
		if err != nil {
			return fmt.Errorf("encode outbox entry: %w", err)
		}
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: mav}})
	}
	creditsAt := -1
	if c.CreditsEmpty {
		creditsAt = len(tx)
		tx = append(tx, s.creditsEmptyCheck(c.User.OrgID, c.User.ID))
	}
	put, err := auditPut(s.table, c.Audit)
	if err != nil {
		return err
	}
	tx = append(tx, put)
	tx, members, err := s.appendMembers(ctx, tx, roster.User{}, c.User, false)
	if err != nil {
		return err
	}
	err = s.transact(ctx, tx)
	if err := members.conflict(err); err != nil {
		return err
	}
	if creditsAt >= 0 && cancelled(err, creditsAt) {
		// Credits arrived since the rule was checked: the retry checks it again.
		return roster.WithReason(roster.EConflict, "user_changed", "the user's credits changed while this request ran; retry")
	}
	return userTxError(err, c.AdminGuard != nil, c.User.ID)
}

// PurgeUser removes a user for good: the user, their email claim (the
// address is free again), their count on each group and their credit
// account (on condition that it is empty and never paid for a record), with
// the audit event. adminGuard is set exactly when u counts as an active
// administrator (guarding the last one): the count goes down by one then.
// Returns EConflict (user_changed, admins_changed).
func (s *Store) PurgeUser(ctx context.Context, u roster.User, adminGuard *int64, audit roster.AuditEvent) error {
	tx := []types.TransactWriteItem{
		{Delete: &types.Delete{TableName: &s.table, Key: userKey(u.OrgID, u.ID).av(), ConditionExpression: strp("version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(u.Version)}}},
	}
	if adminGuard != nil {
		tx = append(tx, *s.adminsUpdate(u.OrgID, adminGuard, -1))
	}
	tx = append(tx, types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: emailKey(u.Email).av()}})
	seen := map[string]bool{}
	for _, g := range u.Grants {
		if !seen[g.GroupID] {
			seen[g.GroupID] = true
			tx = append(tx, types.TransactWriteItem{Update: &types.Update{
				TableName: &s.table, Key: groupKey(u.OrgID, g.GroupID).av(),
				UpdateExpression: strp("ADD members :minus"), ConditionExpression: strp("attribute_exists(pk)"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":minus": num(-1)},
			}})
		}
	}
	creditsAt := len(tx)
	tx = append(tx, s.creditsPurge(u.OrgID, u.ID))
	put, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	tx = append(tx, put)
	tx, members, err := s.appendMembers(ctx, tx, u, roster.User{}, true)
	if err != nil {
		return err
	}
	err = s.transact(ctx, tx)
	if err := members.conflict(err); err != nil {
		return err
	}
	if cancelled(err, creditsAt) {
		// The user received or spent credits since the rule was checked.
		return roster.WithReason(roster.EConflict, "user_changed", "the user's credits changed while this request ran; retry")
	}
	return userTxError(err, adminGuard != nil, u.ID)
}

func userTxError(err error, guarded bool, userID string) error {
	switch {
	case err == nil:
		return nil
	case cancelled(err, 0):
		return roster.WithReason(roster.EConflict, "user_changed", "the user changed while this request ran; read them again and retry")
	case guarded && cancelled(err, 1):
		return roster.WithReason(roster.EConflict, "admins_changed", "the organisation's administrators changed meanwhile; retry")
	}
	return fmt.Errorf("change user %s: %w", userID, err)
}

// UpdateUser replaces a user edited from old, moving the email claim when
// the address changed (the new one must be free) and the member counts of
// groups whose roles changed, with the admin guard, mails and audit event,
// all or nothing. Returns EConflict (user_changed, email_taken, group_gone,
// admins_changed).
func (s *Store) UpdateUser(ctx context.Context, old roster.User, c roster.UserChange, mails []roster.OutboxMail) error {
	u := c.User
	av, err := attributevalue.MarshalMap(toUserItem(u))
	if err != nil {
		return fmt.Errorf("encode user %s: %w", u.ID, err)
	}
	tx := []types.TransactWriteItem{{Put: &types.Put{
		TableName: &s.table, Item: av, ConditionExpression: strp("version = :prev"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":prev": num(u.Version - 1)},
	}}}
	guardAt, claimAt := -1, -1
	if a := s.adminsUpdate(u.OrgID, c.AdminGuard, c.AdminsDelta); a != nil {
		guardAt = len(tx)
		tx = append(tx, *a)
	}
	if u.Email != old.Email {
		claim, err := attributevalue.MarshalMap(emailClaim{key: emailKey(u.Email), Type: "EmailClaim", OrgID: u.OrgID, UserID: u.ID})
		if err != nil {
			return fmt.Errorf("encode email claim: %w", err)
		}
		claimAt = len(tx)
		tx = append(tx,
			types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: claim, ConditionExpression: strp("attribute_not_exists(pk)")}},
			types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: emailKey(old.Email).av(),
				ConditionExpression:       strp("userId = :id"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":id": &types.AttributeValueMemberS{Value: u.ID}}}})
	}
	groupsFrom := len(tx)
	for group, delta := range memberDeltas(old.Grants, u.Grants) {
		upd := &types.Update{TableName: &s.table, Key: groupKey(u.OrgID, group).av(), UpdateExpression: strp("ADD members :d"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":d": num(delta)}}
		if delta > 0 {
			upd.ConditionExpression = strp("attribute_exists(pk)")
		}
		tx = append(tx, types.TransactWriteItem{Update: upd})
	}
	groupsTo := len(tx)
	for _, m := range mails {
		mav, err := attributevalue.MarshalMap(toOutboxItem(m))
		if err != nil {
			return fmt.Errorf("encode outbox entry: %w", err)
		}
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: mav}})
	}
	put, err := auditPut(s.table, c.Audit)
	if err != nil {
		return err
	}
	tx = append(tx, put)
	tx, members, err := s.appendMembers(ctx, tx, old, u, true)
	if err != nil {
		return err
	}
	err = s.transact(ctx, tx)
	if err := members.conflict(err); err != nil {
		return err
	}
	switch {
	case err == nil:
		return nil
	case cancelled(err, 0):
		return roster.WithReason(roster.EConflict, "user_changed", "the user changed while this request ran; read them again and retry")
	case guardAt >= 0 && cancelled(err, guardAt):
		return roster.WithReason(roster.EConflict, "admins_changed", "the organisation's administrators changed meanwhile; retry")
	case claimAt >= 0 && cancelled(err, claimAt):
		return roster.WithReason(roster.EConflict, "email_taken", "a user with this email already exists")
	}
	for i := groupsFrom; i < groupsTo; i++ {
		if cancelled(err, i) {
			return roster.WithReason(roster.EConflict, "group_gone", "a group of the roles was deleted meanwhile; read the groups again")
		}
	}
	return fmt.Errorf("update user %s: %w", u.ID, err)
}

// memberDeltas is how each group's member count moves when a user's grants
// go from old to new: a user counts once per group, whatever their roles there.
func memberDeltas(old, new []roster.Grant) map[string]int64 {
	in := func(gs []roster.Grant) map[string]bool {
		m := map[string]bool{}
		for _, g := range gs {
			m[g.GroupID] = true
		}
		return m
	}
	was, is := in(old), in(new)
	d := map[string]int64{}
	for g := range is {
		if !was[g] {
			d[g] = 1
		}
	}
	for g := range was {
		if !is[g] {
			d[g] = -1
		}
	}
	return d
}
