package dynamo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"golang.org/x/sync/errgroup"

	"github.com/roster-app/roster/internal/roster"
)

// Outbound texts (issue 13). Layout and costs: docs/table-design.md.
//
// A text of its own (a welcome text, the answer to a keyword) is its own
// item, TEXT#<org>#<id>, so that an import's welcome texts spread over
// partitions like its contacts; it is put with attribute_not_exists, so
// putting the same text again (a retried import) leaves the first, in
// whatever status. A reply or auto-reply is the message item of its
// conversation, carrying the same send state. While a text is queued it
// is in the sparse index TextsDue, which the sender reads.

var _ roster.TextStore = (*Store)(nil)

func textKey(orgID, id string) key { return key{"TEXT#" + orgID + "#" + id, "TEXT"} }

// textRefKey is where ref is stored: a message of a conversation, or a
// text of its own.
func textRefKey(ref roster.TextRef) key {
	if ref.ConversationID != "" {
		return messageKey(ref.OrgID, ref.ConversationID, ref.ID)
	}
	return textKey(ref.OrgID, ref.ID)
}

// textsDueShards is how many partitions TextsDue spreads queued texts
// over, so that an import queueing thousands of welcome texts does not
// write one index partition; DueTexts reads each.
const textsDueShards = 16

// textsDuePK is the TextsDue partition of a text: one hex digit of the
// FNV-1a hash of its id, as contacts are sharded (contactShard).
func textsDuePK(id string) string { return textsDueShardPK(contactShard(id) % textsDueShards) }

func textsDueShardPK(shard int) string { return fmt.Sprintf("TEXTDUE#%x", shard) }

// textsDueSK orders a shard by due time; organisation, conversation and
// id follow, so the key alone names the text.
func textsDueSK(ref roster.TextRef, next time.Time) string {
	return ts(next) + "#" + ref.OrgID + "#" + ref.ConversationID + "#" + ref.ID
}

// sendState is where an outbound text is on its way: on text items and on
// outbound messages (replies stored before issue 13 have none). TdPK and
// TdSK are present only while the text is queued (TextsDue is sparse).
// The provider's id is stored as providerId by each item kind itself.
type sendState struct {
	Status        string `dynamodbav:"status,omitempty"`
	StatusReason  string `dynamodbav:"statusReason,omitempty"`
	StatusAt      string `dynamodbav:"statusAt,omitempty"`
	Attempts      int    `dynamodbav:"attempts,omitempty"`
	NextAttemptAt string `dynamodbav:"nextAttemptAt,omitempty"`
	SendingSince  string `dynamodbav:"sendingSince,omitempty"`
	LeaseUntil    string `dynamodbav:"leaseUntil,omitempty"`
	TdPK          string `dynamodbav:"tdPK,omitempty"`
	TdSK          string `dynamodbav:"tdSK,omitempty"`
}

// toSendState is the stored state of t, with its TextsDue keys when queued.
func toSendState(t roster.OutboundText) sendState {
	st := sendState{Status: string(t.Status), StatusReason: t.StatusReason, StatusAt: optTS(t.StatusAt), Attempts: t.Attempts,
		NextAttemptAt: optTS(t.NextAttemptAt), SendingSince: optTS(t.SendingSince)}
	if t.Status == roster.TextQueued {
		st.NextAttemptAt = ts(t.NextAttemptAt)
		st.TdPK, st.TdSK = textsDuePK(t.ID), textsDueSK(t.Ref(), t.NextAttemptAt)
	}
	return st
}

func (st sendState) into(t roster.OutboundText) roster.OutboundText {
	t.Status, t.StatusReason, t.StatusAt = roster.TextStatus(st.Status), st.StatusReason, parseTS(st.StatusAt)
	t.Attempts, t.NextAttemptAt, t.SendingSince = st.Attempts, parseTS(st.NextAttemptAt), parseTS(st.SendingSince)
	return t
}

type textItem struct {
	key
	sendState
	Type       string `dynamodbav:"type"`
	ID         string `dynamodbav:"id"`
	OrgID      string `dynamodbav:"orgId"`
	ContactID  string `dynamodbav:"contactId"`
	GroupID    string `dynamodbav:"groupId,omitempty"`
	To         string `dynamodbav:"to"`
	Kind       string `dynamodbav:"kind"`
	Body       string `dynamodbav:"body"`
	ProviderID string `dynamodbav:"providerId,omitempty"`
	CreatedAt  string `dynamodbav:"createdAt"`
}

func (it textItem) text() roster.OutboundText {
	return it.into(roster.OutboundText{ID: it.ID, OrgID: it.OrgID, ContactID: it.ContactID, GroupID: it.GroupID, To: it.To,
		Kind: roster.TextKind(it.Kind), Body: it.Body, CreatedAt: parseTS(it.CreatedAt), ProviderID: it.ProviderID})
}

// textPut is the conditional put of a text of its own, as QueueTexts,
// SetOptOut and ClearOptOut store it: a text without a status is queued,
// due when created unless it says otherwise; one whose id is stored fails
// the condition. Returns EInvalid for a message of a conversation.
func (s *Store) textPut(t roster.OutboundText) (types.TransactWriteItem, error) {
	if t.ConversationID != "" {
		return types.TransactWriteItem{}, roster.Errorf(roster.EInvalid, "text %s is a message of conversation %s: SaveOutbound or SaveInbound queues it", t.ID, t.ConversationID)
	}
	if t.Status == "" {
		t.Status = roster.TextQueued
	}
	if t.StatusAt.IsZero() {
		t.StatusAt = t.CreatedAt
	}
	if t.NextAttemptAt.IsZero() {
		t.NextAttemptAt = t.CreatedAt
	}
	return s.putItem(textItem{key: textKey(t.OrgID, t.ID), sendState: toSendState(t), Type: "OutboundText", ID: t.ID, OrgID: t.OrgID,
		ContactID: t.ContactID, GroupID: t.GroupID, To: t.To, Kind: string(t.Kind), Body: t.Body, ProviderID: t.ProviderID,
		CreatedAt: ts(t.CreatedAt)}, "attribute_not_exists(pk)", "text")
}

// queueWriters bounds the PutItem calls QueueTexts has in flight.
const queueWriters = 8

// QueueTexts puts each text with attribute_not_exists(pk), one PutItem a
// text, at most 8 in flight: a text already stored, in any status, is left
// as it is (BatchWriteItem has no conditions). The first failure stops the
// rest and is returned.
func (s *Store) QueueTexts(ctx context.Context, texts []roster.OutboundText) error {
	puts := make([]*types.Put, len(texts))
	for i, t := range texts {
		w, err := s.textPut(t)
		if err != nil {
			return err
		}
		puts[i] = w.Put
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(queueWriters)
	for i, p := range puts {
		g.Go(func() error {
			_, err := s.db.PutItem(gctx, &dynamodb.PutItemInput{TableName: p.TableName, Item: p.Item, ConditionExpression: p.ConditionExpression})
			var ccf *types.ConditionalCheckFailedException
			if err == nil || errors.As(err, &ccf) {
				return nil // stored now, or before
			}
			return fmt.Errorf("queue text %s: %w", texts[i].ID, err)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("queue texts: %w", err) // the caller's context ended
	}
	return nil
}

// decodeText reads a text from a text item or an outbound message item;
// ok is false for anything else (an inbound message).
func decodeText(item map[string]types.AttributeValue) (t roster.OutboundText, ok bool, err error) {
	typ, _ := item["type"].(*types.AttributeValueMemberS)
	switch {
	case typ != nil && typ.Value == "Message":
		var it messageItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return t, false, fmt.Errorf("decode message: %w", err)
		}
		if roster.Direction(it.Direction) != roster.Outbound {
			return t, false, nil
		}
		return it.text(), true, nil
	case typ != nil && typ.Value == "OutboundText":
		var it textItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return t, false, fmt.Errorf("decode text: %w", err)
		}
		return it.text(), true, nil
	}
	return t, false, nil
}

// Text reads one text: a GetItem (consistent) of the message or text item
// ref names. Returns ENotFound (also for an inbound message).
func (r *Reader) Text(ctx context.Context, ref roster.TextRef) (roster.OutboundText, error) {
	t, ok, err := r.textAt(ctx, textRefKey(ref))
	if err != nil {
		return roster.OutboundText{}, err
	}
	if !ok {
		return roster.OutboundText{}, roster.Errorf(roster.ENotFound, "text not found")
	}
	return t, nil
}

// textAt reads the text stored at k; ok is false when there is none.
func (r *Reader) textAt(ctx context.Context, k key) (roster.OutboundText, bool, error) {
	res, err := r.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &r.table, Key: k.av(), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return roster.OutboundText{}, false, fmt.Errorf("get text %s/%s: %w", k.PK, k.SK, err)
	}
	if res.Item == nil {
		return roster.OutboundText{}, false, nil
	}
	return decodeText(res.Item)
}

// DueTexts Queries each of the 16 TextsDue shards for texts due at or
// before now (Limit limit each, oldest first, in parallel), merges them by
// due time and returns the first limit: 16 Queries whatever the backlog.
// The index is read eventually consistently: a text just queued may be
// missing for a moment, and one just sent may still be listed (its claim
// then fails).
func (r *Reader) DueTexts(ctx context.Context, now time.Time, limit int) ([]roster.OutboundText, error) {
	if limit <= 0 {
		return nil, nil
	}
	type result struct {
		sks   []string
		texts []roster.OutboundText
		err   error
	}
	results := make([]result, textsDueShards)
	var wg sync.WaitGroup
	for shard := range textsDueShards {
		wg.Go(func() {
			res, err := r.db.Query(ctx, &dynamodb.QueryInput{
				TableName: &r.table, IndexName: aws.String("TextsDue"),
				KeyConditionExpression: strp("tdPK = :pk AND tdSK < :after"),
				ExpressionAttributeValues: map[string]types.AttributeValue{
					":pk":    &types.AttributeValueMemberS{Value: textsDueShardPK(shard)},
					":after": &types.AttributeValueMemberS{Value: ts(now.Add(time.Nanosecond))},
				},
				Limit: aws.Int32(int32(limit)),
			})
			if err != nil {
				results[shard].err = fmt.Errorf("query due texts of shard %x: %w", shard, err)
				return
			}
			for _, item := range res.Items {
				t, ok, err := decodeText(item)
				if err != nil {
					results[shard].err = err
					return
				}
				sk, _ := item["tdSK"].(*types.AttributeValueMemberS)
				if !ok || sk == nil {
					continue
				}
				results[shard].sks, results[shard].texts = append(results[shard].sks, sk.Value), append(results[shard].texts, t)
			}
		})
	}
	wg.Wait()
	type entry struct {
		sk string
		t  roster.OutboundText
	}
	var merged []entry
	for _, res := range results {
		if res.err != nil {
			return nil, res.err
		}
		for i, t := range res.texts {
			merged = append(merged, entry{res.sks[i], t})
		}
	}
	slices.SortFunc(merged, func(a, b entry) int { return strings.Compare(a.sk, b.sk) })
	out := make([]roster.OutboundText, 0, min(limit, len(merged)))
	for _, e := range merged[:min(limit, len(merged))] {
		out = append(out, e.t)
	}
	return out, nil
}

var statusName = map[string]string{"#status": "status"}

func textsNotQueued(ref roster.TextRef) error {
	return roster.Errorf(roster.ENotFound, "text %s not found or no longer queued", ref.ID)
}

// ClaimText leases a queued text: one UpdateItem `SET leaseUntil,
// sendingSince` on condition that it is queued and not leased, returning
// the item as it was (ALL_OLD). A failed condition reads the item to tell
// ENotFound (gone or no longer queued) from EConflict (leased).
func (s *Store) ClaimText(ctx context.Context, ref roster.TextRef, now time.Time, lease time.Duration) (roster.OutboundText, error) {
	k := textRefKey(ref)
	out, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: k.av(),
		UpdateExpression:         strp("SET leaseUntil = :until, sendingSince = :now"),
		ConditionExpression:      strp("attribute_exists(pk) AND #status = :queued AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)"),
		ExpressionAttributeNames: statusName,
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":until": &types.AttributeValueMemberS{Value: ts(now.Add(lease))}, ":now": &types.AttributeValueMemberS{Value: ts(now)},
			":queued": &types.AttributeValueMemberS{Value: string(roster.TextQueued)},
		},
		ReturnValues: types.ReturnValueAllOld,
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		t, ok, gerr := s.textAt(ctx, k)
		switch {
		case gerr != nil:
			return roster.OutboundText{}, gerr
		case !ok || t.Status != roster.TextQueued:
			return roster.OutboundText{}, textsNotQueued(ref)
		}
		return roster.OutboundText{}, roster.WithReason(roster.EConflict, "text_leased", "another sender holds this text")
	}
	if err != nil {
		return roster.OutboundText{}, fmt.Errorf("claim text %s: %w", ref.ID, err)
	}
	t, ok, err := decodeText(out.Attributes)
	if err != nil {
		return roster.OutboundText{}, err
	}
	if !ok {
		return roster.OutboundText{}, fmt.Errorf("claim text %s: the item claimed is not a text", ref.ID)
	}
	return t, nil
}

// updateQueued runs one UpdateItem on the text ref names, on condition
// that it is queued. Returns ENotFound when it is gone or no longer queued.
func (s *Store) updateQueued(ctx context.Context, ref roster.TextRef, update string, values map[string]types.AttributeValue, what string) error {
	values[":queued"] = &types.AttributeValueMemberS{Value: string(roster.TextQueued)}
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: textRefKey(ref).av(),
		UpdateExpression:          &update,
		ConditionExpression:       strp("attribute_exists(pk) AND #status = :queued"),
		ExpressionAttributeNames:  statusName,
		ExpressionAttributeValues: values,
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return textsNotQueued(ref)
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", what, ref.ID, err)
	}
	return nil
}

// TextSent records the provider's id: status sent, out of TextsDue, lease
// and SendingSince cleared. Returns ENotFound when the text is gone or no
// longer queued.
func (s *Store) TextSent(ctx context.Context, ref roster.TextRef, providerID string, at time.Time) error {
	return s.updateQueued(ctx, ref, "SET #status = :sent, providerId = :p, statusAt = :at REMOVE tdPK, tdSK, leaseUntil, sendingSince",
		map[string]types.AttributeValue{
			":sent": &types.AttributeValueMemberS{Value: string(roster.TextSent)}, ":p": &types.AttributeValueMemberS{Value: providerID},
			":at": &types.AttributeValueMemberS{Value: ts(at)},
		}, "record sent text")
}

// TextFailed marks a queued text failed for good: out of TextsDue, lease
// and SendingSince cleared. Returns ENotFound when the text is gone or no
// longer queued.
func (s *Store) TextFailed(ctx context.Context, ref roster.TextRef, reason string, at time.Time) error {
	return s.updateQueued(ctx, ref, "SET #status = :failed, statusReason = :r, statusAt = :at REMOVE tdPK, tdSK, leaseUntil, sendingSince",
		map[string]types.AttributeValue{
			":failed": &types.AttributeValueMemberS{Value: string(roster.TextFailed)}, ":r": &types.AttributeValueMemberS{Value: reason},
			":at": &types.AttributeValueMemberS{Value: ts(at)},
		}, "record failed text")
}

// RetryText puts a claimed text back in the queue at t.NextAttemptAt (its
// TextsDue sort key moves), with t.Attempts and t.StatusReason, lease and
// SendingSince cleared. Returns ENotFound when the text is gone or no
// longer queued.
func (s *Store) RetryText(ctx context.Context, t roster.OutboundText) error {
	return s.updateQueued(ctx, t.Ref(), "SET attempts = :a, nextAttemptAt = :next, tdPK = :pk, tdSK = :sk, statusReason = :r REMOVE leaseUntil, sendingSince",
		map[string]types.AttributeValue{
			":a": num(int64(t.Attempts)), ":next": &types.AttributeValueMemberS{Value: ts(t.NextAttemptAt)},
			":pk": &types.AttributeValueMemberS{Value: textsDuePK(t.ID)}, ":sk": &types.AttributeValueMemberS{Value: textsDueSK(t.Ref(), t.NextAttemptAt)},
			":r": &types.AttributeValueMemberS{Value: t.StatusReason},
		}, "retry text")
}

// textStatuses are every status a text can have.
var textStatuses = []roster.TextStatus{roster.TextQueued, roster.TextSent, roster.TextDelivered, roster.TextFailed}

// TextEvent moves a text to status: one UpdateItem on condition that
// providerId is providerID and the stored status may become status. A
// failed condition reads the item: ENotFound when it does not exist,
// EConflict provider_id_mismatch (an event that came before TextSent
// stored the id, or of another text) or text_event_out_of_order.
func (s *Store) TextEvent(ctx context.Context, ref roster.TextRef, providerID string, status roster.TextStatus, reason string, at time.Time) error {
	values := map[string]types.AttributeValue{
		":p": &types.AttributeValueMemberS{Value: providerID}, ":s": &types.AttributeValueMemberS{Value: string(status)},
		":r": &types.AttributeValueMemberS{Value: reason}, ":at": &types.AttributeValueMemberS{Value: ts(at)},
	}
	var from []string
	for i, st := range textStatuses {
		if st.MayBecome(status) {
			name := ":from" + strconv.Itoa(i)
			values[name], from = &types.AttributeValueMemberS{Value: string(st)}, append(from, name)
		}
	}
	if len(from) == 0 {
		return roster.Errorf(roster.EInvalid, "no text moves to status %q on an event", status)
	}
	k := textRefKey(ref)
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: k.av(),
		UpdateExpression:          strp("SET #status = :s, statusReason = :r, statusAt = :at REMOVE tdPK, tdSK"),
		ConditionExpression:       strp("providerId = :p AND #status IN (" + strings.Join(from, ", ") + ")"),
		ExpressionAttributeNames:  statusName,
		ExpressionAttributeValues: values,
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		t, ok, gerr := s.textAt(ctx, k)
		switch {
		case gerr != nil:
			return gerr
		case !ok:
			return roster.Errorf(roster.ENotFound, "text not found")
		case t.ProviderID != providerID:
			return roster.WithReason(roster.EConflict, "provider_id_mismatch", "the event's provider id is not the text's (yet)")
		}
		return roster.WithReason(roster.EConflict, "text_event_out_of_order", "the text is already "+string(t.Status))
	}
	if err != nil {
		return fmt.Errorf("record text event %s: %w", ref.ID, err)
	}
	return nil
}

// textRateTTL is how long a second's send counter is kept: nothing reads
// it after its second; the margin covers clocks a little apart.
const textRateTTL = 5 * time.Minute

func textRateKey(at time.Time) key {
	return key{"TEXTRATE#" + strconv.FormatInt(at.Unix(), 10), "TEXTRATE"}
}

// TakeSendSlot counts one text in the second of at: one UpdateItem `ADD n
// 1` on TEXTRATE#<unix second> on condition that n < perSecond, expiring
// through the table's TTL a few minutes later. Returns EConflict
// (rate_limited).
func (s *Store) TakeSendSlot(ctx context.Context, at time.Time, perSecond int) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: textRateKey(at).av(),
		UpdateExpression:         strp("ADD n :one SET #type = :type, #ttl = :ttl"),
		ConditionExpression:      strp("attribute_not_exists(n) OR n < :max"),
		ExpressionAttributeNames: map[string]string{"#type": "type", "#ttl": "ttl"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one": num(1), ":max": num(int64(perSecond)), ":type": &types.AttributeValueMemberS{Value: "TextRate"},
			":ttl": num(at.Truncate(time.Second).Add(textRateTTL).Unix()),
		},
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return roster.WithReason(roster.EConflict, "rate_limited", fmt.Sprintf("%d texts were sent in this second already", perSecond))
	}
	if err != nil {
		return fmt.Errorf("take a send slot: %w", err)
	}
	return nil
}
