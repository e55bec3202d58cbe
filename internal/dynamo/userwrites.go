package dynamo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// CreateUser writes a user, their email claim, a member count on every
// group they get a role at (which must still exist: a group is deleted only
// at zero members), their invitation mail and the audit event, all or
// nothing. Returns EConflict (email_taken, group_gone).
func (s *Store) CreateUser(ctx context.Context, u roster.User, mail *roster.OutboxMail, audit roster.AuditEvent) error {
	var tx []types.TransactWriteItem
	for _, item := range []any{toUserItem(u), emailClaim{key: emailKey(u.Email), Type: "EmailClaim", OrgID: u.OrgID, UserID: u.ID}} {
		av, err := attributevalue.MarshalMap(item)
		if err != nil {
			return fmt.Errorf("encode user %s: %w", u.ID, err)
		}
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)")}})
	}
	groupsFrom := len(tx)
	seen := map[string]bool{}
	for _, g := range u.Grants {
		if seen[g.GroupID] {
			continue
		}
		seen[g.GroupID] = true
		tx = append(tx, types.TransactWriteItem{Update: &types.Update{
			TableName: &s.table, Key: groupKey(u.OrgID, g.GroupID).av(),
			UpdateExpression:          strp("ADD members :one"),
			ConditionExpression:       strp("attribute_exists(pk)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1)},
		}})
	}
	groupsTo := len(tx)
	delta, err := s.adminsDeltaOfNew(ctx, u)
	if err != nil {
		return err
	}
	if a := s.adminsUpdate(u.OrgID, nil, delta); a != nil {
		tx = append(tx, *a)
	}
	if mail != nil {
		av, err := attributevalue.MarshalMap(toOutboxItem(*mail))
		if err != nil {
			return fmt.Errorf("encode outbox entry: %w", err)
		}
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av}})
	}
	put, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	tx = append(tx, put)
	tx, members, err := s.appendMembers(ctx, tx, roster.User{}, u, true)
	if err != nil {
		return err
	}
	err = s.transact(ctx, tx)
	if err := members.conflict(err); err != nil {
		return err
	}
	if cancelled(err, 1) {
		return roster.WithReason(roster.EConflict, "email_taken", "a user with this email already exists")
	}
	for i := groupsFrom; i < groupsTo; i++ {
		if cancelled(err, i) {
			return roster.WithReason(roster.EConflict, "group_gone", "a group of the roles was deleted meanwhile; read the groups again")
		}
	}
	if err != nil {
		return fmt.Errorf("create user %s: %w", u.ID, err)
	}
	return nil
}

// adminsDeltaOfNew is 1 when a new user u counts as an active
// administrator. Only an active user with an admin role needs the root group
// id, read from the organisation item (it never changes).
func (s *Store) adminsDeltaOfNew(ctx context.Context, u roster.User) (int, error) {
	if u.Status != roster.UserActive || !slices.ContainsFunc(u.Grants, func(g roster.Grant) bool { return g.Role == roster.RoleAdmin }) {
		return 0, nil
	}
	org, err := s.Organisation(ctx, u.OrgID)
	if err != nil {
		return 0, err
	}
	return int(activeAdminOf(u, org.RootGroupID)), nil
}

// SetInvitationToken stores the hash of a freshly made invitation token
// (the old one stops working) just before its mail is sent, and a reminder
// marker for the day the invitation expires (swept once it has). Returns
// EConflict when the invitation was accepted, the user is gone or their
// email is no longer the one the mail goes to.
func (s *Store) SetInvitationToken(ctx context.Context, orgID, userID, email, tokenHash string, expires time.Time) error {
	remind := key{"REMIND#" + expires.UTC().Format(time.DateOnly), ts(expires) + "#" + orgID + "#" + userID}
	marker, err := attributevalue.MarshalMap(struct {
		key
		expiry
		Type   string `dynamodbav:"type"`
		OrgID  string `dynamodbav:"orgId"`
		UserID string `dynamodbav:"userId"`
	}{key: remind, expiry: expiresAt(expires, remind), Type: "InvitationReminder", OrgID: orgID, UserID: userID})
	if err != nil {
		return fmt.Errorf("encode reminder marker: %w", err)
	}
	err = s.transact(ctx, []types.TransactWriteItem{
		{Update: &types.Update{
			TableName: &s.table, Key: userKey(orgID, userID).av(),
			UpdateExpression:    strp("SET invitation.tokenHash = :h, invitation.expiresAt = :exp ADD version :one"),
			ConditionExpression: strp("attribute_exists(invitation) AND attribute_not_exists(invitation.acceptedAt) AND attribute_not_exists(invitation.revokedAt) AND email = :email"),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":h": &types.AttributeValueMemberS{Value: tokenHash}, ":exp": &types.AttributeValueMemberS{Value: ts(expires)}, ":one": num(1),
				":email": &types.AttributeValueMemberS{Value: email},
			},
		}},
		{Put: &types.Put{TableName: &s.table, Item: marker}},
	})
	if cancelled(err, 0) {
		return roster.WithReason(roster.EConflict, "invitation_closed", "the invitation was accepted, replaced or withdrawn")
	}
	if err != nil {
		return fmt.Errorf("store invitation token of %s: %w", userID, err)
	}
	return nil
}

// InvitationsExpiring lists the (organisation, user) pairs whose invitation
// link expires in [from, to), from the reminder markers. A marker may be for
// a link that was replaced since: the caller checks the user.
func (r *Reader) InvitationsExpiring(ctx context.Context, from, to time.Time) ([][2]string, error) {
	var out [][2]string
	for day := from.UTC().Truncate(24 * time.Hour); day.Before(to); day = day.Add(24 * time.Hour) {
		p := dynamodb.NewQueryPaginator(r.db, &dynamodb.QueryInput{
			TableName:              &r.table,
			KeyConditionExpression: strp("pk = :pk AND sk BETWEEN :from AND :to"),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":pk":   &types.AttributeValueMemberS{Value: "REMIND#" + day.Format(time.DateOnly)},
				":from": &types.AttributeValueMemberS{Value: ts(from)}, ":to": &types.AttributeValueMemberS{Value: ts(to)},
			},
			Limit: aws.Int32(queryPrefixPage),
		})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("query reminders of %s: %w", day.Format(time.DateOnly), err)
			}
			for _, item := range page.Items {
				var it struct {
					OrgID  string `dynamodbav:"orgId"`
					UserID string `dynamodbav:"userId"`
				}
				if err := attributevalue.UnmarshalMap(item, &it); err != nil {
					return nil, fmt.Errorf("decode reminder marker: %w", err)
				}
				out = append(out, [2]string{it.OrgID, it.UserID})
			}
		}
	}
	return out, nil
}

// InvitationSent records that the mail with the token hashing to tokenHash
// went out, unless a newer token replaced it. Returns EConflict then.
func (s *Store) InvitationSent(ctx context.Context, orgID, userID, tokenHash string, sentAt time.Time) error {
	return s.updateInvitation(ctx, orgID, userID, "SET invitation.sentAt = :sent ADD version :one", "invitation.tokenHash = :h",
		map[string]types.AttributeValue{
			":h": &types.AttributeValueMemberS{Value: tokenHash}, ":sent": &types.AttributeValueMemberS{Value: ts(sentAt)},
		})
}

// updateInvitation bumps the user's version too, so that a concurrent
// whole-user write made from an older read fails instead of undoing it.
func (s *Store) updateInvitation(ctx context.Context, orgID, userID, update, cond string, values map[string]types.AttributeValue) error {
	values[":one"] = num(1)
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: userKey(orgID, userID).av(),
		UpdateExpression: &update, ConditionExpression: &cond, ExpressionAttributeValues: values,
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return roster.WithReason(roster.EConflict, "invitation_closed", "the invitation was accepted, replaced or withdrawn")
	}
	if err != nil {
		return fmt.Errorf("update invitation of %s: %w", userID, err)
	}
	return nil
}

// AcceptInvitation sets the user's password, and the names given (an empty
// one keeps the stored name; the name index keys follow), and makes them
// active, if the invitation is still the one whose token hashes to
// tokenHash, unused, unrevoked and unexpired, and the user was invited or
// active. Returns EGone otherwise;
// the caller has read the user to say why. The user is read first for the
// member items an active user has (written in the same transaction, at the
// version read: a change meanwhile makes it read again), and for the count
// of active administrators, which an invited administrator joins.
func (s *Store) AcceptInvitation(ctx context.Context, orgID, userID, tokenHash, passwordHash string, names roster.AcceptNames, now time.Time) error {
	event := roster.AuditEvent{ID: roster.NewID(now), OrgID: orgID, ActorID: userID,
		Type: "user.invitation_accepted", SubjectID: userID, At: now}
	if names.FirstName != "" || names.LastName != "" {
		event.After = map[string]string{}
		if names.FirstName != "" {
			event.After["firstName"] = names.FirstName
		}
		if names.LastName != "" {
			event.After["lastName"] = names.LastName
		}
	}
	audit, err := auditPut(s.table, event)
	if err != nil {
		return err
	}
	gone := roster.WithReason(roster.EGone, "invitation_invalid", "this invitation link is no longer valid")
	for range 3 {
		u, err := s.User(ctx, orgID, userID)
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			return gone
		} else if err != nil {
			return err
		}
		active := u
		active.Status = roster.UserActive
		if names.FirstName != "" {
			active.FirstName = names.FirstName
		}
		if names.LastName != "" {
			active.LastName = names.LastName
		}
		sortLast, sortFirst := active.SortNames()
		delta := 0
		if u.Status == roster.UserInvited {
			if delta, err = s.adminsDeltaOfNew(ctx, active); err != nil {
				return err
			}
		}
		tx := []types.TransactWriteItem{{Update: &types.Update{
			TableName: &s.table, Key: userKey(orgID, userID).av(),
			UpdateExpression: strp("SET passwordHash = :pw, #status = :active, firstName = :fn, lastName = :ln, ubnPK = :ubn, ubfPK = :ubn, ubnSK = :ubnsk, ubfSK = :ubfsk," +
				" invitation.acceptedAt = :now, updatedAt = :now ADD version :one"),
			ConditionExpression: strp("invitation.tokenHash = :h AND attribute_not_exists(invitation.acceptedAt) AND attribute_not_exists(invitation.revokedAt) AND invitation.expiresAt > :now" +
				" AND (#status = :invited OR #status = :active) AND version = :read"),
			ExpressionAttributeNames: map[string]string{"#status": "status"},
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":pw": &types.AttributeValueMemberS{Value: passwordHash}, ":h": &types.AttributeValueMemberS{Value: tokenHash},
				":now": &types.AttributeValueMemberS{Value: ts(now)}, ":one": num(1), ":read": num(u.Version),
				":active": &types.AttributeValueMemberS{Value: string(roster.UserActive)}, ":invited": &types.AttributeValueMemberS{Value: string(roster.UserInvited)},
				":ubn": &types.AttributeValueMemberS{Value: usersByNamePK(orgID, roster.UserActive)},
				":fn":  &types.AttributeValueMemberS{Value: active.FirstName}, ":ln": &types.AttributeValueMemberS{Value: active.LastName},
				":ubnsk": &types.AttributeValueMemberS{Value: userNameKey(sortLast, sortFirst, userID)},
				":ubfsk": &types.AttributeValueMemberS{Value: userNameKey(sortFirst, sortLast, userID)},
			},
		}}, audit}
		tx, members, err := s.appendMembers(ctx, tx, u, active, true)
		if err != nil {
			return err
		}
		if a := s.adminsUpdate(orgID, nil, delta); a != nil {
			tx = append(tx, *a)
		}
		err = s.transact(ctx, tx)
		switch {
		case err == nil:
			return nil
		case members.conflict(err) != nil, roster.ReasonOf(err) == "concurrent_update":
			continue
		case cancelled(err, 0):
			if cur, rerr := s.User(ctx, orgID, userID); rerr == nil && cur.Version != u.Version {
				continue // changed since read: try again at the new version
			}
			return gone
		}
		return fmt.Errorf("accept invitation of %s: %w", userID, err)
	}
	return gone
}
