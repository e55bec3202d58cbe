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

// resetItem is a user's password reset; requestedAt is always set, so the
// map is never empty (the emulator garbles empty maps). A used link's hash
// is set to "" rather than removed: the emulator does not apply a REMOVE
// that follows a SET.
type resetItem struct {
	TokenHash   string `dynamodbav:"tokenHash,omitempty"`
	ExpiresAt   string `dynamodbav:"expiresAt,omitempty"`
	RequestedAt string `dynamodbav:"requestedAt"`
	WindowStart string `dynamodbav:"windowStart"`
	Requests    int    `dynamodbav:"requests"`
}

func toResetItem(r *roster.PasswordReset) *resetItem {
	if r == nil {
		return nil
	}
	return &resetItem{TokenHash: r.TokenHash, ExpiresAt: optTS(r.ExpiresAt), RequestedAt: ts(r.RequestedAt),
		WindowStart: ts(r.WindowStart), Requests: r.Requests}
}

func (it *resetItem) reset() *roster.PasswordReset {
	if it == nil {
		return nil
	}
	return &roster.PasswordReset{TokenHash: it.TokenHash, ExpiresAt: parseTS(it.ExpiresAt), RequestedAt: parseTS(it.RequestedAt),
		WindowStart: parseTS(it.WindowStart), Requests: it.Requests}
}

// resetNames are the attribute names of the reset updates; status is a
// reserved word in expressions.
func resetNames() map[string]string {
	return map[string]string{"#pr": "passwordReset", "#h": "tokenHash", "#exp": "expiresAt", "#status": "status"}
}

// RequestPasswordReset records one more request for a reset mail on u (as
// read: the write is refused if u changed since) and queues mail, both or
// neither. next is u.PasswordReset after the request. Returns EConflict
// (user_changed).
func (s *Store) RequestPasswordReset(ctx context.Context, u roster.User, next roster.PasswordReset, mail roster.OutboxMail) error {
	rav, err := attributevalue.Marshal(toResetItem(&next))
	if err != nil {
		return fmt.Errorf("encode password reset of %s: %w", u.ID, err)
	}
	mav, err := attributevalue.MarshalMap(toOutboxItem(mail))
	if err != nil {
		return fmt.Errorf("encode outbox entry: %w", err)
	}
	tx := []types.TransactWriteItem{
		{Update: &types.Update{
			TableName: &s.table, Key: userKey(u.OrgID, u.ID).av(),
			UpdateExpression:          strp("SET passwordReset = :r ADD version :one"),
			ConditionExpression:       strp("version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":r": rav, ":one": num(1), ":v": num(u.Version)},
		}},
		{Put: &types.Put{TableName: &s.table, Item: mav}},
	}
	err = s.transact(ctx, tx)
	if cancelled(err, 0) {
		return roster.WithReason(roster.EConflict, "user_changed", "the user changed while this request ran")
	}
	if err != nil {
		return fmt.Errorf("request password reset of %s: %w", u.ID, err)
	}
	return nil
}

// SetPasswordResetToken stores the hash of a freshly made reset token (the
// previous link stops working) just before its mail is sent. Returns
// EConflict when the user is no longer active or never asked for a reset.
func (s *Store) SetPasswordResetToken(ctx context.Context, orgID, userID, email, tokenHash string, expiresAt time.Time) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: userKey(orgID, userID).av(),
		UpdateExpression:         strp("SET #pr.#h = :h, #pr.#exp = :exp ADD version :one"),
		ConditionExpression:      strp("attribute_exists(#pr) AND #status = :active AND email = :email"),
		ExpressionAttributeNames: resetNames(),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":h": &types.AttributeValueMemberS{Value: tokenHash}, ":exp": &types.AttributeValueMemberS{Value: ts(expiresAt)},
			":active": &types.AttributeValueMemberS{Value: string(roster.UserActive)}, ":one": num(1),
			":email": &types.AttributeValueMemberS{Value: email},
		},
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return roster.WithReason(roster.EConflict, "reset_closed", "the user is no longer active, or their email changed")
	}
	if err != nil {
		return fmt.Errorf("set password reset token of %s: %w", userID, err)
	}
	return nil
}

// ResetPassword sets a new password hash, makes the link whose token hashes
// to tokenHash useless and ends every session begun before now, with the
// audit event, if that link is still the user's newest, unexpired and unused
// and the user is active. Returns EGone (reset_invalid) otherwise; the
// caller has read the user to say why.
func (s *Store) ResetPassword(ctx context.Context, orgID, userID, tokenHash, passwordHash string, now time.Time, audit roster.AuditEvent) error {
	gone := roster.WithReason(roster.EGone, "reset_invalid", "this reset link is no longer valid; ask for a new one")
	if tokenHash == "" {
		return gone // the hash of a used link, or of none
	}
	put, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	tx := []types.TransactWriteItem{
		{Update: &types.Update{
			TableName: &s.table, Key: userKey(orgID, userID).av(),
			UpdateExpression:         strp("SET passwordHash = :pw, #pr.#h = :used, sessionsValidAfter = :now, updatedAt = :now ADD version :one"),
			ConditionExpression:      strp("#pr.#h = :h AND #pr.#exp > :now AND #status = :active"),
			ExpressionAttributeNames: resetNames(),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":pw": &types.AttributeValueMemberS{Value: passwordHash}, ":h": &types.AttributeValueMemberS{Value: tokenHash},
				":used": &types.AttributeValueMemberS{Value: ""}, ":now": &types.AttributeValueMemberS{Value: ts(now)},
				":active": &types.AttributeValueMemberS{Value: string(roster.UserActive)}, ":one": num(1),
			},
		}},
		put,
	}
	err = s.transact(ctx, tx)
	if cancelled(err, 0) {
		return gone
	}
	if err != nil {
		return fmt.Errorf("reset password of %s: %w", userID, err)
	}
	return nil
}
