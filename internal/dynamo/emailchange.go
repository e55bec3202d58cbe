package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// emailChangeItem is a user's pending change of email, kept on the user
// item (no item or index of its own: it is read with the user). email and
// requestedAt are always set, so the map is never empty.
type emailChangeItem struct {
	Email       string `dynamodbav:"email"`
	TokenHash   string `dynamodbav:"tokenHash,omitempty"`
	RequestedAt string `dynamodbav:"requestedAt"`
	ExpiresAt   string `dynamodbav:"expiresAt"`
}

func toEmailChangeItem(c *roster.EmailChange) *emailChangeItem {
	if c == nil {
		return nil
	}
	return &emailChangeItem{Email: c.Email, TokenHash: c.TokenHash, RequestedAt: ts(c.RequestedAt), ExpiresAt: ts(c.ExpiresAt)}
}

func (it *emailChangeItem) change() *roster.EmailChange {
	if it == nil {
		return nil
	}
	return &roster.EmailChange{Email: it.Email, TokenHash: it.TokenHash, RequestedAt: parseTS(it.RequestedAt), ExpiresAt: parseTS(it.ExpiresAt)}
}

// SetEmailChangeToken stores the hash of a freshly made confirmation token
// (an earlier link stops working) just before its mail is sent to email.
// Returns EConflict when the user no longer has a pending change to email
// (replaced, confirmed or gone) or is no longer active.
func (s *Store) SetEmailChangeToken(ctx context.Context, orgID, userID, email, tokenHash string, now time.Time) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: userKey(orgID, userID).av(),
		UpdateExpression:         strp("SET #pe.#h = :h ADD version :one"),
		ConditionExpression:      strp("#pe.#email = :email AND #pe.#exp > :now AND #status = :active"),
		ExpressionAttributeNames: map[string]string{"#pe": "pendingEmail", "#h": "tokenHash", "#email": "email", "#exp": "expiresAt", "#status": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":h": &types.AttributeValueMemberS{Value: tokenHash}, ":email": &types.AttributeValueMemberS{Value: email},
			":now": &types.AttributeValueMemberS{Value: ts(now)}, ":one": num(1),
			":active": &types.AttributeValueMemberS{Value: string(roster.UserActive)},
		},
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return roster.WithReason(roster.EConflict, "email_change_closed", "the change of email was replaced, confirmed or withdrawn")
	}
	if err != nil {
		return fmt.Errorf("set email change token of %s: %w", userID, err)
	}
	return nil
}
