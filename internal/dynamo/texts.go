package dynamo

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// A queued text is its own item (TEXT#<org>#<id>), so that an import's
// welcome texts spread over partitions like its contacts, and putting the
// same text again (a retried import) leaves one.

func textKey(orgID, id string) key { return key{"TEXT#" + orgID + "#" + id, "TEXT"} }

type textItem struct {
	key
	Type      string `dynamodbav:"type"`
	ID        string `dynamodbav:"id"`
	OrgID     string `dynamodbav:"orgId"`
	ContactID string `dynamodbav:"contactId"`
	To        string `dynamodbav:"to"`
	Kind      string `dynamodbav:"kind"`
	Body      string `dynamodbav:"body"`
	CreatedAt string `dynamodbav:"createdAt"`
}

// QueueTexts stores texts for the messaging provider.
func (s *Store) QueueTexts(ctx context.Context, texts []roster.OutboundText) error {
	reqs := make([]types.WriteRequest, 0, len(texts))
	for _, t := range texts {
		av, err := attributevalue.MarshalMap(textItem{key: textKey(t.OrgID, t.ID), Type: "OutboundText", ID: t.ID, OrgID: t.OrgID,
			ContactID: t.ContactID, To: t.To, Kind: string(t.Kind), Body: t.Body, CreatedAt: ts(t.CreatedAt)})
		if err != nil {
			return fmt.Errorf("encode text: %w", err)
		}
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: av}})
	}
	return s.batchWrite(ctx, reqs, "queue texts")
}

// QueuedText reads a queued text. Returns ENotFound.
func (r *Reader) QueuedText(ctx context.Context, orgID, id string) (roster.OutboundText, error) {
	var it textItem
	if err := r.get(ctx, textKey(orgID, id), &it, "text"); err != nil {
		return roster.OutboundText{}, err
	}
	return roster.OutboundText{ID: it.ID, OrgID: it.OrgID, ContactID: it.ContactID, To: it.To, Kind: roster.TextKind(it.Kind), Body: it.Body, CreatedAt: parseTS(it.CreatedAt)}, nil
}
