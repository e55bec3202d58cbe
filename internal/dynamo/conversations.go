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

	"github.com/roster-app/roster/internal/roster"
)

// Conversations (issue 6). Layout and costs: docs/table-design.md.

func conversationsPK(orgID string) string { return orgPK(orgID) + "#CONVS" }
func conversationKey(orgID, id string) key {
	return key{conversationsPK(orgID), "CONV#" + id}
}
func conversationOfKey(orgID, contactID, groupID string) key {
	return key{orgPK(orgID) + "#CONVOF#" + contactID + "#" + groupID, "CONVOF"}
}
func messagesPK(orgID, convID string) string { return orgPK(orgID) + "#CONV#" + convID }
func messageKey(orgID, convID, id string) key {
	return key{messagesPK(orgID, convID), "MSG#" + id}
}
func inboundKey(orgID, providerID string) key {
	return key{orgPK(orgID) + "#INBOUND#" + providerID, "INBOUND"}
}
func claimKey(orgID, userID, convID string) key {
	return key{orgPK(orgID) + "#CLAIMS#" + userID, "CONV#" + convID}
}
func webhookSecretKey(orgID string) key { return key{orgPK(orgID), "WEBHOOKSECRET"} }

// NotifyMinuteLayout names a due-notification partition: one per UTC minute.
const NotifyMinuteLayout = "2006-01-02T15:04"

func dueKey(d roster.DueNotification, minute time.Time) key {
	return key{"NOTIFYDUE#" + minute.UTC().Format(NotifyMinuteLayout), dueSK(d)}
}

// dueSK names a due item within its minute: organisation, message, whom
// (the claimer; or, for an unclaimed message's look at its group's members,
// "*" with how far it has got and who is left out), kind.
func dueSK(d roster.DueNotification) string {
	who := d.UserID
	if who == "" {
		who = "*" + strconv.Itoa(d.Checked) + "*" + d.Except
	}
	return d.OrgID + "#" + d.MessageID + "#" + who + "#" + string(d.Kind)
}
func notifiedKey(d roster.DueNotification) key {
	return key{"NOTIFIED#" + d.OrgID + "#" + d.MessageID + "#" + d.UserID + "#" + string(d.Kind), "NOTIFIED"}
}

var notifyCursorKey = key{"NOTIFYCURSOR", "NOTIFYCURSOR"}

// NotifiedMarkerTTL is how long the once-only marker of a sent notification
// is kept: longer than any threshold, so a due item written again for the
// same message and user (a second claim) still finds it.
const NotifiedMarkerTTL = 30 * 24 * time.Hour

type conversationItem struct {
	key
	Type           string `dynamodbav:"type"`
	ID             string `dynamodbav:"id"`
	OrgID          string `dynamodbav:"orgId"`
	ContactID      string `dynamodbav:"contactId"`
	ContactPhone   string `dynamodbav:"contactPhone,omitempty"`
	GroupID        string `dynamodbav:"groupId"`
	ClaimedBy      string `dynamodbav:"claimedBy,omitempty"`
	ClaimedAt      string `dynamodbav:"claimedAt,omitempty"`
	LastInboundAt  string `dynamodbav:"lastInboundAt,omitempty"`
	LastInboundID  string `dynamodbav:"lastInboundId,omitempty"`
	ReadAt         string `dynamodbav:"readAt,omitempty"`
	ReadBy         string `dynamodbav:"readBy,omitempty"`
	AutoReplyUntil string `dynamodbav:"autoReplyUntil,omitempty"`
	Version        int64  `dynamodbav:"version"`
	CreatedAt      string `dynamodbav:"createdAt"`
}

func toConversationItem(c roster.Conversation) conversationItem {
	return conversationItem{key: conversationKey(c.OrgID, c.ID), Type: "Conversation", ID: c.ID, OrgID: c.OrgID,
		ContactID: c.ContactID, ContactPhone: c.ContactPhone, GroupID: c.GroupID, ClaimedBy: c.ClaimedBy, ClaimedAt: optTS(c.ClaimedAt),
		LastInboundAt: optTS(c.LastInboundAt), LastInboundID: c.LastInboundID, ReadAt: optTS(c.ReadAt), ReadBy: c.ReadBy,
		AutoReplyUntil: optTS(c.AutoReplyUntil), Version: max(c.Version, 1), CreatedAt: ts(c.CreatedAt)}
}

func (it conversationItem) conversation() roster.Conversation {
	return roster.Conversation{ID: it.ID, OrgID: it.OrgID, ContactID: it.ContactID, ContactPhone: it.ContactPhone, GroupID: it.GroupID,
		ClaimedBy: it.ClaimedBy, ClaimedAt: parseTS(it.ClaimedAt), LastInboundAt: parseTS(it.LastInboundAt), LastInboundID: it.LastInboundID,
		ReadAt: parseTS(it.ReadAt), ReadBy: it.ReadBy, AutoReplyUntil: parseTS(it.AutoReplyUntil), Version: max(it.Version, 1), CreatedAt: parseTS(it.CreatedAt)}
}

// messageItem is a message of a conversation. An outbound one queued by
// this build (Status set) carries its send state (texts.go) and, while
// queued, its place in TextsDue.
type messageItem struct {
	key
	sendState
	Type           string `dynamodbav:"type"`
	ID             string `dynamodbav:"id"`
	OrgID          string `dynamodbav:"orgId"`
	ConversationID string `dynamodbav:"conversationId"`
	Direction      string `dynamodbav:"direction"`
	Body           string `dynamodbav:"body"`
	From           string `dynamodbav:"from,omitempty"`
	To             string `dynamodbav:"to,omitempty"`
	UserID         string `dynamodbav:"userId,omitempty"`
	AutoReply      bool   `dynamodbav:"autoReply,omitempty"`
	ProviderID     string `dynamodbav:"providerId,omitempty"` // inbound: the provider's id; outbound: set once sent
	SentAt         string `dynamodbav:"sentAt,omitempty"`
	At             string `dynamodbav:"at"`
	// ContactID is the conversation's contact, on auto-replies (SaveInbound
	// has the conversation); replies saved by SaveOutbound have none.
	ContactID string `dynamodbav:"contactId,omitempty"`
}

// toMessageItem is a message as stored. An outbound message with a Status
// gets its send state; a queued one is due at once (m.At).
func toMessageItem(m roster.Message) messageItem {
	it := messageItem{key: messageKey(m.OrgID, m.ConversationID, m.ID), Type: "Message", ID: m.ID, OrgID: m.OrgID,
		ConversationID: m.ConversationID, Direction: string(m.Direction), Body: m.Body, From: m.From, To: m.To, UserID: m.UserID,
		AutoReply: m.AutoReply, ProviderID: m.ProviderID, SentAt: optTS(m.SentAt), At: ts(m.At)}
	if m.Direction == roster.Outbound && m.Status != "" {
		t := m.OutboundText("")
		t.Status, t.StatusReason = m.Status, m.StatusReason
		if !m.StatusAt.IsZero() {
			t.StatusAt = m.StatusAt
		}
		it.sendState = toSendState(t)
	}
	return it
}

func (it messageItem) message() roster.Message {
	return roster.Message{ID: it.ID, OrgID: it.OrgID, ConversationID: it.ConversationID, Direction: roster.Direction(it.Direction),
		Body: it.Body, From: it.From, To: it.To, UserID: it.UserID, AutoReply: it.AutoReply, ProviderID: it.ProviderID,
		SentAt: parseTS(it.SentAt), At: parseTS(it.At),
		Status: roster.TextStatus(it.Status), StatusReason: it.StatusReason, StatusAt: parseTS(it.StatusAt)}
}

// text is an outbound message as the text sender sees it.
func (it messageItem) text() roster.OutboundText {
	kind := roster.TextReply
	if it.AutoReply {
		kind = roster.TextAutoReply
	}
	return it.into(roster.OutboundText{ID: it.ID, OrgID: it.OrgID, ConversationID: it.ConversationID, ContactID: it.ContactID, To: it.To,
		Kind: kind, Body: it.Body, CreatedAt: parseTS(it.At), ProviderID: it.ProviderID})
}

// inboundItem makes a provider's message id unique within an organisation:
// written with attribute_not_exists in the message's transaction. (Items
// written before issue 10 may carry duePending; nothing reads it now.)
type inboundItem struct {
	key
	Type           string `dynamodbav:"type"`
	OrgID          string `dynamodbav:"orgId"`
	ConversationID string `dynamodbav:"conversationId"`
	MessageID      string `dynamodbav:"messageId"`
}

type pointerItem struct {
	key
	Type           string `dynamodbav:"type"`
	OrgID          string `dynamodbav:"orgId"`
	ConversationID string `dynamodbav:"conversationId"`
}

type dueItem struct {
	key
	Type           string `dynamodbav:"type"`
	OrgID          string `dynamodbav:"orgId"`
	ConversationID string `dynamodbav:"conversationId"`
	MessageID      string `dynamodbav:"messageId"`
	UserID         string `dynamodbav:"userId,omitempty"`
	Kind           string `dynamodbav:"kind"`
	GroupID        string `dynamodbav:"groupId"`
	ReceivedAt     string `dynamodbav:"receivedAt"`
	Since          string `dynamodbav:"since,omitempty"`
	Checked        int    `dynamodbav:"checked,omitempty"`
	Except         string `dynamodbav:"except,omitempty"`
	DueAt          string `dynamodbav:"dueAt"`
	FirstFailedAt  string `dynamodbav:"firstFailedAt,omitempty"`
}

func (it dueItem) due() roster.DueNotification {
	return roster.DueNotification{OrgID: it.OrgID, ConversationID: it.ConversationID, MessageID: it.MessageID, UserID: it.UserID,
		Kind: roster.NotifyKind(it.Kind), GroupID: it.GroupID, ReceivedAt: parseTS(it.ReceivedAt), Since: parseTS(it.Since),
		Checked: it.Checked, Except: it.Except, DueAt: parseTS(it.DueAt), FirstFailedAt: parseTS(it.FirstFailedAt)}
}

func (s *Store) putItem(item any, cond string, what string) (types.TransactWriteItem, error) {
	av, err := attributevalue.MarshalMap(item)
	if err != nil {
		return types.TransactWriteItem{}, fmt.Errorf("encode %s: %w", what, err)
	}
	p := &types.Put{TableName: &s.table, Item: av}
	if cond != "" {
		p.ConditionExpression = strp(cond)
	}
	return types.TransactWriteItem{Put: p}, nil
}

// dueWrite is the put of a due notification, filed under minute.
func (s *Store) dueWrite(d roster.DueNotification, minute time.Time) (types.TransactWriteItem, error) {
	it := dueItem{key: dueKey(d, minute), Type: "DueNotification", OrgID: d.OrgID, ConversationID: d.ConversationID,
		MessageID: d.MessageID, UserID: d.UserID, Kind: string(d.Kind), GroupID: d.GroupID, ReceivedAt: ts(d.ReceivedAt),
		Since: optTS(d.Since), Checked: d.Checked, Except: d.Except, DueAt: ts(d.DueAt)}
	return s.putItem(it, "", "due notification")
}

// conversationWrite puts c: new (PrevVersion 0) with its (contact, group)
// pointer on condition that neither exists, else at version PrevVersion.
func (s *Store) conversationWrite(c roster.Conversation, prevVersion int64) ([]types.TransactWriteItem, error) {
	av, err := attributevalue.MarshalMap(toConversationItem(c))
	if err != nil {
		return nil, fmt.Errorf("encode conversation %s: %w", c.ID, err)
	}
	for name, v := range inboxKeys(c) {
		av[name] = &types.AttributeValueMemberS{Value: v}
	}
	if prevVersion == 0 {
		ptr, err := s.putItem(pointerItem{key: conversationOfKey(c.OrgID, c.ContactID, c.GroupID), Type: "ConversationOf", OrgID: c.OrgID,
			ConversationID: c.ID}, "attribute_not_exists(pk)", "conversation pointer")
		if err != nil {
			return nil, err
		}
		return []types.TransactWriteItem{{Put: &types.Put{TableName: &s.table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)")}}, ptr}, nil
	}
	return []types.TransactWriteItem{{Put: &types.Put{TableName: &s.table, Item: av, ConditionExpression: strp("version = :prev"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":prev": num(prevVersion)}}}}, nil
}

func conversationChanged() error {
	return roster.WithReason(roster.EConflict, "conversation_changed", "the conversation changed at the same moment; retry")
}

// SaveInbound writes an inbound message, the auto-reply it caused (if any),
// the conversation's new state and the one due notification that will
// work out whom to email, in one transaction, with the provider id's claim
// (attribute_not_exists). At most 6 items, whatever the group's size.
// An auto-reply in status queued is due at once (TextsDue), with the
// conversation's contact id. Returns EConflict: duplicate_message (the
// provider id was seen; nothing written) or conversation_changed (retry
// with a fresh read).
func (s *Store) SaveInbound(ctx context.Context, w roster.InboundWrite) error {
	m, c := w.Message, w.Conversation
	claim, err := s.putItem(inboundItem{key: inboundKey(m.OrgID, m.ProviderID), Type: "InboundClaim", OrgID: m.OrgID,
		ConversationID: c.ID, MessageID: m.ID}, "attribute_not_exists(pk)", "inbound claim")
	if err != nil {
		return err
	}
	msg, err := s.putItem(toMessageItem(m), "attribute_not_exists(pk)", "message")
	if err != nil {
		return err
	}
	tx := []types.TransactWriteItem{claim, msg} // the provider id's claim first
	if w.AutoReply != nil {
		it := toMessageItem(*w.AutoReply)
		it.ContactID = c.ContactID
		reply, err := s.putItem(it, "attribute_not_exists(pk)", "auto-reply")
		if err != nil {
			return err
		}
		tx = append(tx, reply)
	}
	conv, err := s.conversationWrite(c, w.PrevVersion)
	if err != nil {
		return err
	}
	convAt := len(tx)
	tx = append(tx, conv...)
	due, err := s.dueWrite(w.Due, w.Due.Minute(m.At))
	if err != nil {
		return err
	}
	err = s.transact(ctx, append(tx, due))
	switch {
	case err == nil:
		return nil
	case cancelled(err, 0):
		return roster.WithReason(roster.EConflict, "duplicate_message", "this message id was received before")
	case cancelled(err, convAt) || len(conv) > 1 && cancelled(err, convAt+1):
		return conversationChanged()
	}
	return fmt.Errorf("save inbound message %s: %w", m.ID, err)
}

// InboundLookup reads, in one BatchGetItem (consistent, 3 read units at
// most), the provider id's claim, the group and the claim of the sender's
// number.
func (r *Reader) InboundLookup(ctx context.Context, orgID, providerID, groupID, phone string) (roster.InboundLookup, error) {
	var out roster.InboundLookup
	in, group, ph := inboundKey(orgID, providerID), groupKey(orgID, groupID), phoneKey(orgID, phone)
	err := r.batchGet(ctx, []key{in, group, ph}, func(item map[string]types.AttributeValue) error {
		var k key
		if err := attributevalue.UnmarshalMap(item, &k); err != nil {
			return fmt.Errorf("decode inbound lookup: %w", err)
		}
		switch k {
		case in:
			var it inboundItem
			if err := attributevalue.UnmarshalMap(item, &it); err != nil {
				return fmt.Errorf("decode inbound claim: %w", err)
			}
			out.Seen, out.ConversationID, out.MessageID = true, it.ConversationID, it.MessageID
		case group:
			out.GroupExists = true
		case ph:
			var it phoneClaim
			if err := attributevalue.UnmarshalMap(item, &it); err != nil {
				return fmt.Errorf("decode phone claim: %w", err)
			}
			out.ContactID = it.ContactID
		}
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("inbound lookup of %s: %w", providerID, err)
	}
	return out, nil
}

// Message returns one message of a conversation. Returns ENotFound.
func (r *Reader) Message(ctx context.Context, orgID, convID, id string) (roster.Message, error) {
	var it messageItem
	if err := r.get(ctx, messageKey(orgID, convID, id), &it, "message"); err != nil {
		return roster.Message{}, err
	}
	return it.message(), nil
}

// InboundMessage returns the message stored for a provider's message id.
// Returns ENotFound.
func (r *Reader) InboundMessage(ctx context.Context, orgID, providerID string) (roster.Message, error) {
	var in inboundItem
	if err := r.get(ctx, inboundKey(orgID, providerID), &in, "message"); err != nil {
		return roster.Message{}, err
	}
	return r.Message(ctx, orgID, in.ConversationID, in.MessageID)
}

// Conversation returns a conversation. Returns ENotFound.
func (r *Reader) Conversation(ctx context.Context, orgID, id string) (roster.Conversation, error) {
	var it conversationItem
	if err := r.get(ctx, conversationKey(orgID, id), &it, "conversation"); err != nil {
		return roster.Conversation{}, err
	}
	return it.conversation(), nil
}

// ConversationWith returns the conversation of a contact with a group.
// Returns ENotFound.
func (r *Reader) ConversationWith(ctx context.Context, orgID, contactID, groupID string) (roster.Conversation, error) {
	var p pointerItem
	if err := r.get(ctx, conversationOfKey(orgID, contactID, groupID), &p, "conversation"); err != nil {
		return roster.Conversation{}, err
	}
	return r.Conversation(ctx, orgID, p.ConversationID)
}

// The inbox indexes, all sorted by inboxSK (the newest inbound message
// first): ConvsByGroup (a group's unclaimed or claimed conversations),
// ConvsByState (the organisation's unclaimed or claimed ones) and
// ConvsByClaimer (a user's claims; only claimed conversations are in it).
// A claim or release moves the conversation between state partitions; a
// new inbound message moves its sort key.
const (
	inboxUnclaimed = "unclaimed"
	inboxClaimed   = "claimed"
)

// inboxSK orders the inbox: the time of the latest inbound message (of the
// creation before any), then the id.
func inboxSK(c roster.Conversation) string {
	at := c.LastInboundAt
	if at.IsZero() {
		at = c.CreatedAt
	}
	return ts(at) + "#" + c.ID
}

func convsByGroupPK(orgID, groupID, state string) string {
	return orgPK(orgID) + "#" + groupID + "#" + state
}
func convsByStatePK(orgID, state string) string    { return orgPK(orgID) + "#" + state }
func convsByClaimerPK(orgID, userID string) string { return orgPK(orgID) + "#" + userID }

// inboxKeys are the index attributes of a conversation item: set on every
// write of it (conversationWrite puts the whole item).
func inboxKeys(c roster.Conversation) map[string]string {
	sk, state := inboxSK(c), inboxUnclaimed
	if c.ClaimedBy != "" {
		state = inboxClaimed
	}
	keys := map[string]string{
		"cbgPK": convsByGroupPK(c.OrgID, c.GroupID, state), "cbgSK": sk,
		"cbsPK": convsByStatePK(c.OrgID, state), "cbsSK": sk,
	}
	if c.ClaimedBy != "" {
		keys["cbcPK"], keys["cbcSK"] = convsByClaimerPK(c.OrgID, c.ClaimedBy), sk
	}
	return keys
}

// validInboxCursor reports whether s is an inboxSK: a stored time, "#", an id.
func validInboxCursor(s string) bool {
	at, id, ok := strings.Cut(s, "#")
	if !ok || len(at) != len(tsLayout) || !validID(id) {
		return false
	}
	_, err := time.Parse(tsLayout, at)
	return err == nil
}

// inboxKey is one index partition a page of the inbox reads.
type inboxKey struct{ index, pkName, skName, pk string }

// inboxKeysFor lists the partitions q reads: one for mine; one (unclaimed)
// or two (all) for the organisation or per group of q.Groups.
func inboxKeysFor(orgID string, q roster.ConversationList) []inboxKey {
	if q.Filter == roster.FilterMine {
		return []inboxKey{{"ConvsByClaimer", "cbcPK", "cbcSK", convsByClaimerPK(orgID, q.UserID)}}
	}
	states := []string{inboxUnclaimed}
	if q.Filter != roster.FilterUnclaimed {
		states = append(states, inboxClaimed)
	}
	var out []inboxKey
	for _, state := range states {
		if q.Groups == nil {
			out = append(out, inboxKey{"ConvsByState", "cbsPK", "cbsSK", convsByStatePK(orgID, state)})
			continue
		}
		for _, g := range q.Groups {
			out = append(out, inboxKey{"ConvsByGroup", "cbgPK", "cbgSK", convsByGroupPK(orgID, g, state)})
		}
	}
	return out
}

// ListConversations returns a page of the inbox, newest inbound message
// first, and the cursor of the next page ("" on the last): one Query per
// partition q names (Limit q.Limit+1 each, below the cursor, side by side),
// merged by sort key. The cursor is the sort key of the last conversation
// examined, so conversations q.Keep drops are not read again; a page may
// then be short. Returns EInvalid (field cursor).
func (r *Reader) ListConversations(ctx context.Context, orgID string, q roster.ConversationList) ([]roster.Conversation, string, error) {
	if q.After != "" && !validInboxCursor(q.After) {
		return nil, "", badCursor()
	}
	limit := max(q.Limit, 1)
	keys := inboxKeysFor(orgID, q)
	type result struct {
		items []conversationItem
		sks   []string
		more  bool // the partition holds more below its last item
		err   error
	}
	results := make([]result, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Go(func() {
			cond, values := "#pk = :pk", map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: k.pk}}
			names := map[string]string{"#pk": k.pkName}
			if q.After != "" {
				cond, values[":after"], names["#sk"] = cond+" AND #sk < :after", &types.AttributeValueMemberS{Value: q.After}, k.skName
			}
			res, err := r.db.Query(ctx, &dynamodb.QueryInput{
				TableName: &r.table, IndexName: &k.index, KeyConditionExpression: &cond,
				ExpressionAttributeNames:  names,
				ExpressionAttributeValues: values, ScanIndexForward: aws.Bool(false), Limit: aws.Int32(int32(limit + 1)),
			})
			if err != nil {
				results[i].err = fmt.Errorf("query conversations %s: %w", k.pk, err)
				return
			}
			for _, item := range res.Items {
				var it conversationItem
				if err := attributevalue.UnmarshalMap(item, &it); err != nil {
					results[i].err = fmt.Errorf("decode conversation: %w", err)
					return
				}
				sk, _ := item[k.skName].(*types.AttributeValueMemberS)
				if sk == nil {
					results[i].err = fmt.Errorf("conversation %s without %s", it.ID, k.skName)
					return
				}
				results[i].items, results[i].sks = append(results[i].items, it), append(results[i].sks, sk.Value)
			}
			results[i].more = len(res.LastEvaluatedKey) > 0
		})
	}
	wg.Wait()
	// Below the highest last key of a partition with more, some partition
	// is unread: only what sorts above it is known to be in order.
	frontier := ""
	type entry struct {
		sk string
		it conversationItem
	}
	var merged []entry
	for _, res := range results {
		if res.err != nil {
			return nil, "", res.err
		}
		for i, it := range res.items {
			merged = append(merged, entry{res.sks[i], it})
		}
		if res.more && len(res.sks) > 0 && res.sks[len(res.sks)-1] > frontier {
			frontier = res.sks[len(res.sks)-1]
		}
	}
	slices.SortFunc(merged, func(a, b entry) int { return strings.Compare(b.sk, a.sk) })
	var out []roster.Conversation
	last, seen := "", map[string]bool{}
	for _, e := range merged {
		if e.sk < frontier {
			break
		}
		c := e.it.conversation()
		if seen[c.ID] { // an index read during a claim can show it in both states
			continue
		}
		seen[c.ID] = true
		if q.Keep != nil && !q.Keep(c) {
			continue
		}
		if len(out) == limit {
			return out, last, nil
		}
		out, last = append(out, c), e.sk
	}
	if frontier != "" {
		// Everything down to the frontier was examined.
		if len(out) == limit {
			return out, last, nil
		}
		return out, frontier, nil
	}
	return out, "", nil
}

// Messages returns up to limit messages of a conversation after the id
// after, oldest first, and the cursor of the next page.
func (r *Reader) Messages(ctx context.Context, orgID, convID, after string, limit int) ([]roster.Message, string, error) {
	res, err := r.db.Query(ctx, &dynamodb.QueryInput{
		TableName:              &r.table,
		KeyConditionExpression: strp("pk = :pk AND sk > :after"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: messagesPK(orgID, convID)}, ":after": &types.AttributeValueMemberS{Value: "MSG#" + after},
		},
		ConsistentRead: aws.Bool(true),
		Limit:          aws.Int32(int32(limit + 1)),
	})
	if err != nil {
		return nil, "", fmt.Errorf("query messages of %s: %w", convID, err)
	}
	out := make([]roster.Message, 0, len(res.Items))
	for _, item := range res.Items {
		var it messageItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return nil, "", fmt.Errorf("decode message: %w", err)
		}
		out = append(out, it.message())
	}
	if len(out) > limit {
		return out[:limit], out[limit-1].ID, nil
	}
	return out, "", nil
}

// SaveOutbound writes a reply on condition that its conversation exists;
// one in status queued is due at once (TextsDue). Its contact id is not
// stored (that would cost a read of the conversation): the sender needs
// only the number. Returns ENotFound.
func (s *Store) SaveOutbound(ctx context.Context, m roster.Message) error {
	msg, err := s.putItem(toMessageItem(m), "attribute_not_exists(pk)", "message")
	if err != nil {
		return err
	}
	err = s.transact(ctx, []types.TransactWriteItem{
		{ConditionCheck: &types.ConditionCheck{TableName: &s.table, Key: conversationKey(m.OrgID, m.ConversationID).av(), ConditionExpression: strp("attribute_exists(pk)")}},
		msg,
	})
	switch {
	case err == nil:
		return nil
	case cancelled(err, 0):
		return roster.Errorf(roster.ENotFound, "conversation not found")
	}
	return fmt.Errorf("save reply %s: %w", m.ID, err)
}

// UpdateConversation writes a conversation at PrevVersion with the due
// notification and claim index changes the change carries: at most 4 items.
// Returns EConflict (conversation_changed).
func (s *Store) UpdateConversation(ctx context.Context, c roster.ConversationChange) error {
	tx, err := s.conversationWrite(c.Conversation, c.PrevVersion)
	if err != nil {
		return err
	}
	conv := c.Conversation
	if c.Claim != "" {
		w, err := s.putItem(claimItem{key: claimKey(conv.OrgID, c.Claim, conv.ID), Type: "Claim"}, "", "claim")
		if err != nil {
			return err
		}
		tx = append(tx, w)
	}
	if c.Unclaim != "" && c.Unclaim != c.Claim {
		tx = append(tx, types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: claimKey(conv.OrgID, c.Unclaim, conv.ID).av()}})
	}
	if c.Due != nil {
		w, err := s.dueWrite(*c.Due, c.Due.Minute(c.Now))
		if err != nil {
			return err
		}
		tx = append(tx, w)
	}
	err = s.transact(ctx, tx)
	switch {
	case err == nil:
		return nil
	case cancelled(err, 0):
		return conversationChanged()
	}
	return fmt.Errorf("update conversation %s: %w", conv.ID, err)
}

// ClaimedConversations returns the ids of the conversations userID holds,
// read from the claim index (ORG#…#CLAIMS#<userId>).
func (r *Reader) ClaimedConversations(ctx context.Context, orgID, userID string) ([]string, error) {
	var ids []string
	err := r.queryPrefix(ctx, orgPK(orgID)+"#CLAIMS#"+userID, "CONV#", func(item map[string]types.AttributeValue) error {
		var k key
		if err := attributevalue.UnmarshalMap(item, &k); err != nil {
			return fmt.Errorf("decode claim: %w", err)
		}
		ids = append(ids, k.SK[len("CONV#"):])
		return nil
	})
	return ids, err
}

// DropClaim deletes a claim index entry whose conversation userID no
// longer holds.
func (s *Store) DropClaim(ctx context.Context, orgID, userID, convID string) error {
	if _, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: claimKey(orgID, userID, convID).av()}); err != nil {
		return fmt.Errorf("drop claim of %s on %s: %w", userID, convID, err)
	}
	return nil
}

type claimItem struct {
	key
	Type string `dynamodbav:"type"`
}

type secretItem struct {
	key
	Type      string `dynamodbav:"type"`
	Secret    string `dynamodbav:"secret"`
	RotatedAt string `dynamodbav:"rotatedAt"`
}

// WebhookSecret returns the organisation's webhook signing secret.
// Returns ENotFound when none was made.
func (r *Reader) WebhookSecret(ctx context.Context, orgID string) (string, error) {
	var it secretItem
	if err := r.get(ctx, webhookSecretKey(orgID), &it, "webhook secret"); err != nil {
		return "", err
	}
	return it.Secret, nil
}

// SetWebhookSecret replaces the organisation's webhook secret, with the
// audit event (which never holds the secret).
func (s *Store) SetWebhookSecret(ctx context.Context, orgID, secret string, at time.Time, audit roster.AuditEvent) error {
	put, err := s.putItem(secretItem{key: webhookSecretKey(orgID), Type: "WebhookSecret", Secret: secret, RotatedAt: ts(at)}, "", "webhook secret")
	if err != nil {
		return err
	}
	a, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	if err := s.transact(ctx, []types.TransactWriteItem{
		{ConditionCheck: &types.ConditionCheck{TableName: &s.table, Key: orgKey(orgID).av(), ConditionExpression: strp("attribute_exists(pk)")}},
		put, a,
	}); err != nil {
		if cancelled(err, 0) {
			return roster.Errorf(roster.ENotFound, "organisation not found")
		}
		return fmt.Errorf("set webhook secret of %s: %w", orgID, err)
	}
	return nil
}

// The notifier's items.

type cursorItem struct {
	key
	Type   string `dynamodbav:"type"`
	Minute string `dynamodbav:"minute"`
}

// NotifyCursor returns the last minute the notifier fully processed;
// ok is false before its first run.
func (r *Reader) NotifyCursor(ctx context.Context) (minute time.Time, ok bool, err error) {
	var it cursorItem
	err = r.get(ctx, notifyCursorKey, &it, "notifier cursor")
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, err
	}
	m, err := time.Parse(NotifyMinuteLayout, it.Minute)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("notifier cursor %q: %w", it.Minute, err)
	}
	return m.UTC(), true, nil
}

// AdvanceNotifyCursor moves the cursor forward to minute; a cursor already
// there or beyond (a concurrent run) is left alone.
func (s *Store) AdvanceNotifyCursor(ctx context.Context, minute time.Time) error {
	av, err := attributevalue.MarshalMap(cursorItem{key: notifyCursorKey, Type: "NotifyCursor", Minute: minute.UTC().Format(NotifyMinuteLayout)})
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: av,
		ConditionExpression:       strp("attribute_not_exists(pk) OR #m < :m"),
		ExpressionAttributeNames:  map[string]string{"#m": "minute"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":m": av["minute"]},
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("advance notifier cursor: %w", err)
	}
	return nil
}

// dueNotificationsPage is how many due items one Query page of a minute reads.
const dueNotificationsPage = 500

// DueNotifications returns the due notifications filed under one UTC
// minute: one Query of that minute's partition, in pages of 500 items (one
// item per message waiting, not per user).
func (r *Reader) DueNotifications(ctx context.Context, minute time.Time) ([]roster.DueNotification, error) {
	var out []roster.DueNotification
	p := dynamodb.NewQueryPaginator(r.db, &dynamodb.QueryInput{
		TableName:              &r.table,
		KeyConditionExpression: strp("pk = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: "NOTIFYDUE#" + minute.UTC().Format(NotifyMinuteLayout)},
		},
		ConsistentRead: aws.Bool(true),
		Limit:          aws.Int32(dueNotificationsPage),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("query due notifications of %s: %w", minute.Format(NotifyMinuteLayout), err)
		}
		for _, item := range page.Items {
			var it dueItem
			if err := attributevalue.UnmarshalMap(item, &it); err != nil {
				return nil, fmt.Errorf("decode due notification: %w", err)
			}
			d := it.due()
			d.Filed = it.PK
			out = append(out, d)
		}
	}
	return out, nil
}

type notifiedItem struct {
	key
	expiry
	Type   string `dynamodbav:"type"`
	MailID string `dynamodbav:"mailId"`
	At     string `dynamodbav:"at"`
}

func filedKey(d roster.DueNotification) key { return key{d.Filed, dueSK(d)} }

// QueueNotification records that d is emailed to d.UserID and queues the
// mail in one transaction, deleting the due item too when d was read from
// storage (Filed: a claimer's unread item; a group's unclaimed item is
// refiled or dropped by the notifier once all its members are handled).
// The marker is written with attribute_not_exists, so the mail is queued
// once however many runs try. Returns EConflict (already_notified; a filed
// due item is then deleted) or EConflict (concurrent_update: retry).
func (s *Store) QueueNotification(ctx context.Context, d roster.DueNotification, m roster.OutboxMail) error {
	k := notifiedKey(d)
	marker, err := s.putItem(notifiedItem{key: k, expiry: expiresAt(m.CreatedAt.Add(NotifiedMarkerTTL), k), Type: "Notified", MailID: m.ID,
		At: ts(m.CreatedAt)}, "attribute_not_exists(pk)", "notified marker")
	if err != nil {
		return err
	}
	mail, err := s.putItem(toOutboxItem(m), "attribute_not_exists(pk)", "outbox mail")
	if err != nil {
		return err
	}
	tx := []types.TransactWriteItem{marker, mail}
	if d.Filed != "" {
		tx = append(tx, types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: filedKey(d).av()}})
	}
	err = s.transact(ctx, tx)
	switch {
	case err == nil:
		return nil
	case cancelled(err, 0):
		if d.Filed != "" {
			if derr := s.DropNotification(ctx, d); derr != nil {
				return derr
			}
		}
		return roster.WithReason(roster.EConflict, "already_notified", "this notification was already queued")
	}
	return err
}

// RefileNotification files next (a later look at the same message) under
// its RefileMinute at now and deletes d, in one BatchWriteItem. Not atomic,
// and need not be: if the delete is lost, d is handled again and its mails
// are found queued.
func (s *Store) RefileNotification(ctx context.Context, d, next roster.DueNotification, now time.Time) error {
	minute := next.RefileMinute(now)
	put, err := s.dueWrite(next, minute)
	if err != nil {
		return err
	}
	reqs := []types.WriteRequest{{PutRequest: &types.PutRequest{Item: put.Put.Item}}}
	if k := filedKey(d); k != dueKey(next, minute) {
		reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: k.av()}})
	}
	return s.batchWrite(ctx, reqs, "refiled due notification")
}

// DropNotification deletes a due item that no longer needs an email.
func (s *Store) DropNotification(ctx context.Context, d roster.DueNotification) error {
	if _, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: filedKey(d).av()}); err != nil {
		return fmt.Errorf("delete due notification: %w", err)
	}
	return nil
}

// NotificationFailed records the first time a run failed to handle d (a
// later failure keeps the first) and returns it. Returns ENotFound when
// the item is gone (handled by another run meanwhile).
func (s *Store) NotificationFailed(ctx context.Context, d roster.DueNotification, at time.Time) (time.Time, error) {
	out, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &s.table, Key: filedKey(d).av(),
		UpdateExpression:          strp("SET firstFailedAt = if_not_exists(firstFailedAt, :at)"),
		ConditionExpression:       strp("attribute_exists(pk)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":at": &types.AttributeValueMemberS{Value: ts(at)}},
		ReturnValues:              types.ReturnValueUpdatedNew,
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return time.Time{}, roster.Errorf(roster.ENotFound, "due notification not found")
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("record due notification failure: %w", err)
	}
	var it struct {
		FirstFailedAt string `dynamodbav:"firstFailedAt"`
	}
	if err := attributevalue.UnmarshalMap(out.Attributes, &it); err != nil {
		return time.Time{}, fmt.Errorf("decode due notification: %w", err)
	}
	return parseTS(it.FirstFailedAt), nil
}

// AbandonNotification gives a due item the notifier has given up on an
// expiry: it stays for an operator to see until then.
func (s *Store) AbandonNotification(ctx context.Context, d roster.DueNotification, expires time.Time) error {
	k := filedKey(d)
	e := expiresAt(expires, k)
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &s.table, Key: k.av(),
		UpdateExpression:         strp("SET #ttl = :ttl, expDay = :day, expKey = :key"),
		ConditionExpression:      strp("attribute_exists(pk)"),
		ExpressionAttributeNames: map[string]string{"#ttl": "ttl"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":ttl": num(e.TTL), ":day": &types.AttributeValueMemberS{Value: e.ExpDay},
			":key": &types.AttributeValueMemberS{Value: e.ExpKey}},
	})
	var ccf *types.ConditionalCheckFailedException
	if err != nil && !errors.As(err, &ccf) {
		return fmt.Errorf("give due notification an expiry: %w", err)
	}
	return nil
}
