// Package conversations is what notifications need of conversations (issue
// 6): inbound messages through a signed webhook, the agents' inbox (list,
// read, reply, claim, release, mark read), and the scheduled notifier that
// emails users about messages left waiting (notifier.go).
//
// Who may do what is roster's permission table: ActAnswerConversations at
// the conversation's group.
package conversations

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/texts"
)

// ReadStore is what reading conversations needs.
type ReadStore interface {
	roster.GroupLister
	// Conversation returns ENotFound.
	Conversation(ctx context.Context, orgID, id string) (roster.Conversation, error)
	// ListConversations returns a page of the inbox, newest inbound message
	// first, and the next page's cursor. Returns EInvalid (field cursor).
	ListConversations(ctx context.Context, orgID string, q roster.ConversationList) ([]roster.Conversation, string, error)
	Messages(ctx context.Context, orgID, convID, after string, limit int) ([]roster.Message, string, error)
}

// Store is what changing conversations needs.
type Store interface {
	ReadStore
	// ContactIDByPhone returns ENotFound.
	ContactIDByPhone(ctx context.Context, orgID, e164 string) (string, error)
	// CreateContact returns EConflict (phone_taken).
	CreateContact(ctx context.Context, c roster.Contact, audit roster.AuditEvent) error
	// WebhookSecret returns ENotFound.
	WebhookSecret(ctx context.Context, orgID string) (string, error)
	SetWebhookSecret(ctx context.Context, orgID, secret string, at time.Time, audit roster.AuditEvent) error
	// InboundLookup reads, in one call, the provider id's claim, the group
	// and the contact holding a number.
	InboundLookup(ctx context.Context, orgID, providerID, groupID, phone string) (roster.InboundLookup, error)
	// Message returns ENotFound.
	Message(ctx context.Context, orgID, convID, id string) (roster.Message, error)
	// InboundMessage returns the message stored for a provider id. Returns ENotFound.
	InboundMessage(ctx context.Context, orgID, providerID string) (roster.Message, error)
	// ConversationWith returns ENotFound.
	ConversationWith(ctx context.Context, orgID, contactID, groupID string) (roster.Conversation, error)
	// SaveInbound returns EConflict (duplicate_message, conversation_changed).
	SaveInbound(ctx context.Context, w roster.InboundWrite) error
	// SaveOutbound returns ENotFound.
	SaveOutbound(ctx context.Context, m roster.Message) error
	// UpdateConversation returns EConflict (conversation_changed).
	UpdateConversation(ctx context.Context, c roster.ConversationChange) error
	// ClaimedConversations lists the conversations a user's claim index names.
	ClaimedConversations(ctx context.Context, orgID, userID string) ([]string, error)
	// DropClaim deletes one entry of a user's claim index.
	DropClaim(ctx context.Context, orgID, userID, convID string) error

	// What the keywords of inbound texts need (texts.go).
	Organisation(ctx context.Context, orgID string) (roster.Organisation, error)
	OptOutOf(ctx context.Context, orgID, phone string) (roster.OptOut, error)
	SetOptOut(ctx context.Context, o roster.OptOut, confirmation *roster.OutboundText) error
	ClearOptOut(ctx context.Context, orgID, phone string, confirmation *roster.OutboundText) error
	QueueTexts(ctx context.Context, texts []roster.OutboundText) error
	TextingSettings(ctx context.Context, orgID string) (roster.TextingSettings, error)
}

// TextSender sends a queued text now (texts.Sender).
type TextSender interface {
	Deliver(ctx context.Context, ref roster.TextRef) (texts.Result, error)
}

// Reader reads conversations within the caller's reach.
type Reader struct {
	Store ReadStore
}

func notFound() error { return roster.Errorf(roster.ENotFound, "conversation not found") }

// target reads conversation id if c may answer it. A caller who may see
// the group but not answer there (a viewer) is refused with EForbidden;
// anyone else is told it does not exist.
func target(ctx context.Context, store ReadStore, c roster.Caller, id string) (roster.GroupTree, roster.Conversation, error) {
	t, err := roster.LoadGroupTree(ctx, store, c.OrgID)
	if err != nil {
		return t, roster.Conversation{}, err
	}
	conv, err := store.Conversation(ctx, c.OrgID, id)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return t, conv, notFound()
	} else if err != nil {
		return t, conv, err
	}
	if !roster.Allowed(c, t, roster.ActAnswerConversations, conv.GroupID) {
		if roster.Allowed(c, t, roster.ActViewGroups, conv.GroupID) {
			return t, conv, roster.Require(c, t, roster.ActAnswerConversations, conv.GroupID)
		}
		return t, conv, notFound()
	}
	return t, conv, nil
}

// ListFilter narrows the list of conversations.
type ListFilter struct {
	Filter roster.ConversationFilter // "" is all
	Group  string                    // this group and the groups below it; "" for every group in reach
	Limit  int
	After  string // the cursor of the previous page
}

// maxInboxKeys bounds the index partitions one page of the inbox reads
// (one per group for unclaimed, two for all): a caller who may answer at
// more groups than that, but not at all of them, reads the organisation's
// partition and drops the conversations outside their reach, so their pages
// can be short.
const maxInboxKeys = 10

// List returns a page of the conversations c may answer, newest inbound
// message first, and the cursor of the next page. Returns EInvalid (fields
// filter, group, cursor).
func (r *Reader) List(ctx context.Context, c roster.Caller, f ListFilter) ([]roster.Conversation, string, error) {
	t, err := roster.LoadGroupTree(ctx, r.Store, c.OrgID)
	if err != nil {
		return nil, "", err
	}
	var v roster.Validation
	switch f.Filter {
	case "", roster.FilterAll, roster.FilterMine, roster.FilterUnclaimed:
	default:
		v.Add("filter", "must be unclaimed, mine or all")
	}
	all := roster.Reach(c, t, roster.ActAnswerConversations)
	everywhere := len(all) == len(t.Descendants(t.Root().ID))+1
	reach := map[string]bool{}
	for _, g := range all {
		reach[g] = true
	}
	if f.Group != "" {
		if _, ok := t.Group(f.Group); !ok || !roster.Allowed(c, t, roster.ActViewGroups, f.Group) {
			v.Add("group", "no such group")
		}
		in := map[string]bool{}
		for _, g := range append(t.Descendants(f.Group), f.Group) {
			if reach[g] {
				in[g] = true
			}
		}
		everywhere = everywhere && f.Group == t.Root().ID
		reach = in
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	// Keep costs no reads; with the organisation's partitions it drops what is
	// out of reach, and it always drops conversations of deleted groups.
	q := roster.ConversationList{Filter: f.Filter, UserID: c.UserID, After: f.After, Limit: f.Limit,
		Keep: func(conv roster.Conversation) bool { return reach[conv.GroupID] }}
	if len(reach) == 0 {
		return nil, "", nil
	}
	perGroup := 2
	if f.Filter == roster.FilterUnclaimed {
		perGroup = 1
	}
	switch {
	case everywhere:
	case f.Filter != roster.FilterMine && len(reach)*perGroup <= maxInboxKeys:
		q.Groups = make([]string, 0, len(reach))
		for _, g := range all { // in tree order, so a page reads the same keys every time
			if reach[g] {
				q.Groups = append(q.Groups, g)
			}
		}
	}
	return r.Store.ListConversations(ctx, c.OrgID, q)
}

// Messages returns a page of a conversation's messages, oldest first.
// Returns ENotFound, EForbidden.
func (r *Reader) Messages(ctx context.Context, c roster.Caller, id, after string, limit int) ([]roster.Message, string, error) {
	if _, _, err := target(ctx, r.Store, c, id); err != nil {
		return nil, "", err
	}
	if limit <= 0 {
		limit = 50
	}
	return r.Store.Messages(ctx, c.OrgID, id, after, limit)
}

// Service changes conversations. Hours is needed by Receive (the
// after-hours auto-reply); the other operations leave it nil. No operation
// reads users or notification settings: each files one due notification,
// and the notifier works out whom it concerns when it falls due.
type Service struct {
	Store Store
	Hours roster.GroupHoursReader
	Now   func() time.Time
	// Texts sends replies, auto-replies and keyword answers right after
	// they are queued; nil leaves them to the SendTexts schedule.
	Texts TextSender
	Log   *slog.Logger
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// retry runs a read-modify-write again when the conversation changed under it.
func retry[T any](attempt func() (T, error)) (T, error) {
	var out T
	var err error
	for range 4 {
		out, err = attempt()
		if r := roster.ReasonOf(err); r != "conversation_changed" && r != "concurrent_update" {
			return out, err
		}
	}
	return out, err
}

// Reply records an outbound message from c. Returns EInvalid (field text),
// ENotFound, EForbidden.
func (s *Service) Reply(ctx context.Context, c roster.Caller, id, text string) (roster.Message, error) {
	var v roster.Validation
	roster.CheckReply(&v, "text", text)
	if err := v.Err(); err != nil {
		return roster.Message{}, err
	}
	_, conv, err := target(ctx, s.Store, c, id)
	if err != nil {
		return roster.Message{}, err
	}
	if o, err := s.Store.OptOutOf(ctx, c.OrgID, conv.ContactPhone); err == nil {
		return roster.Message{}, roster.WithReason(roster.EConflict, "recipient_opted_out",
			fmt.Sprintf("%s replied STOP on %s: nothing more may be texted to it until it texts START", o.Phone, o.At.UTC().Format(time.RFC3339)))
	} else if roster.ErrorCodeOf(err) != roster.ENotFound {
		return roster.Message{}, err
	}
	now := s.now()
	m := roster.Message{ID: roster.NewID(now), OrgID: c.OrgID, ConversationID: conv.ID, Direction: roster.Outbound, Body: text,
		To: conv.ContactPhone, UserID: c.UserID, At: now, Status: roster.TextQueued, StatusAt: now}
	if err := s.Store.SaveOutbound(ctx, m); err != nil {
		return roster.Message{}, err
	}
	if r := s.send(ctx, roster.TextRef{OrgID: m.OrgID, ConversationID: m.ConversationID, ID: m.ID}); r.Status != "" {
		m.Status, m.StatusReason, m.StatusAt = r.Status, r.Reason, s.now()
	}
	return m, nil
}

// Claim makes c the conversation's claimer. When its latest inbound message
// is unread by c, c is owed an email after their unread threshold, counted
// from the claim when the message is older. A read c made of the latest
// message before (claimed, released, claimed again) stands; anyone else's
// does not. Claiming a conversation one holds changes nothing. Returns
// ENotFound, EForbidden, EConflict (already_claimed).
func (s *Service) Claim(ctx context.Context, c roster.Caller, id string) (roster.Conversation, error) {
	return retry(func() (roster.Conversation, error) {
		_, conv, err := target(ctx, s.Store, c, id)
		if err != nil || conv.ClaimedBy == c.UserID {
			return conv, err
		}
		if conv.ClaimedBy != "" {
			return conv, roster.WithReason(roster.EConflict, "already_claimed", "someone else has claimed this conversation")
		}
		now := s.now()
		prev := conv.Version
		if conv.ReadBy != c.UserID {
			conv.ReadAt, conv.ReadBy = time.Time{}, ""
		}
		conv.ClaimedBy, conv.ClaimedAt, conv.Version = c.UserID, now, prev+1
		var due *roster.DueNotification
		if conv.Unread() {
			d := unread(conv)
			due = &d
		}
		err = s.Store.UpdateConversation(ctx, roster.ConversationChange{Conversation: conv, PrevVersion: prev, Claim: c.UserID, Due: due, Now: now})
		return conv, err
	})
}

// arrived is the due notification an inbound message files: for the
// claimer (unread) when the conversation is claimed, else for whoever may
// answer at its group (unclaimed).
func arrived(conv roster.Conversation, m roster.Message) roster.DueNotification {
	if conv.ClaimedBy != "" {
		return unread(conv)
	}
	return roster.DueNotification{OrgID: conv.OrgID, ConversationID: conv.ID, MessageID: m.ID, Kind: roster.NotifyUnclaimed,
		GroupID: conv.GroupID, ReceivedAt: m.At, DueAt: m.At.Add(minutes(roster.MinThresholdMinutes))}
}

// unread is the due notification of the claimer's unread clock for the
// latest inbound message: looked at once the shortest threshold may have
// passed; the notifier reads the claimer's threshold then.
func unread(conv roster.Conversation) roster.DueNotification {
	since := conv.UnreadSince()
	return roster.DueNotification{OrgID: conv.OrgID, ConversationID: conv.ID, MessageID: conv.LastInboundID, UserID: conv.ClaimedBy,
		Kind: roster.NotifyUnread, GroupID: conv.GroupID, ReceivedAt: conv.LastInboundAt, Since: since,
		DueAt: since.Add(minutes(roster.MinThresholdMinutes))}
}

// minutes is a threshold as a duration; at least a minute whatever the
// settings say.
func minutes(n int) time.Duration { return time.Duration(max(n, 1)) * time.Minute }

// Release gives up the claim: the claimer may, and so may a manager or an
// admin of the group. Releasing an unclaimed conversation changes nothing.
// Whoever may answer is owed an unclaimed email about the latest inbound
// message again (see released). Returns ENotFound, EForbidden (not_claimer).
func (s *Service) Release(ctx context.Context, c roster.Caller, id string) (roster.Conversation, error) {
	return retry(func() (roster.Conversation, error) {
		t, conv, err := target(ctx, s.Store, c, id)
		if err != nil || conv.ClaimedBy == "" {
			return conv, err
		}
		if conv.ClaimedBy != c.UserID && !roster.Allowed(c, t, roster.ActManageUsers, conv.GroupID) {
			return conv, roster.WithReason(roster.EForbidden, "not_claimer", "only the user who claimed this conversation, or a manager of its group, may release it")
		}
		return s.released(ctx, conv, "")
	})
}

// released writes conv released by its claimer, with one unclaimed due
// notification for its latest inbound message to everyone who may answer
// at its group (but except) when the notifier reads the group's members,
// each at their unclaimed threshold after the message arrived, or at once
// if that has passed: the look filed on arrival was dropped while the
// conversation was claimed. A (message, user) pair already emailed is not
// emailed again.
func (s *Service) released(ctx context.Context, conv roster.Conversation, except string) (roster.Conversation, error) {
	now := s.now()
	prev, holder := conv.Version, conv.ClaimedBy
	conv.ClaimedBy, conv.ClaimedAt, conv.Version = "", time.Time{}, prev+1
	var due *roster.DueNotification
	if conv.LastInboundID != "" {
		due = &roster.DueNotification{OrgID: conv.OrgID, ConversationID: conv.ID, MessageID: conv.LastInboundID, Kind: roster.NotifyUnclaimed,
			GroupID: conv.GroupID, ReceivedAt: conv.LastInboundAt, Except: except, DueAt: now}
	}
	err := s.Store.UpdateConversation(ctx, roster.ConversationChange{Conversation: conv, PrevVersion: prev, Unclaim: holder, Due: due, Now: now})
	return conv, err
}

// ReleaseClaims releases every conversation userID holds, as Release does
// but without emailing userID: for a user who is deactivated, deleted or
// purged. Conversations and messages stay. Running it again is harmless.
// Per conversation held: one GetItem and one transaction.
func (s *Service) ReleaseClaims(ctx context.Context, orgID, userID string) error {
	ids, err := s.Store.ClaimedConversations(ctx, orgID, userID)
	if err != nil || len(ids) == 0 {
		return err
	}
	for _, id := range ids {
		_, err := retry(func() (struct{}, error) {
			conv, err := s.Store.Conversation(ctx, orgID, id)
			if roster.ErrorCodeOf(err) == roster.ENotFound || err == nil && conv.ClaimedBy != userID {
				return struct{}{}, s.Store.DropClaim(ctx, orgID, userID, id)
			} else if err != nil {
				return struct{}{}, err
			}
			_, err = s.released(ctx, conv, userID)
			return struct{}{}, err
		})
		if err != nil {
			return fmt.Errorf("release conversation %s of %s: %w", id, userID, err)
		}
	}
	return nil
}

// MarkRead records that the claimer read the latest inbound message.
// Returns ENotFound, EForbidden, EConflict (not_claimer).
func (s *Service) MarkRead(ctx context.Context, c roster.Caller, id string) (roster.Conversation, error) {
	return retry(func() (roster.Conversation, error) {
		_, conv, err := target(ctx, s.Store, c, id)
		if err != nil {
			return conv, err
		}
		if conv.ClaimedBy != c.UserID {
			return conv, roster.WithReason(roster.EConflict, "not_claimer", "claim the conversation before marking it read")
		}
		now := s.now()
		if now.Before(conv.LastInboundAt) {
			now = conv.LastInboundAt
		}
		prev := conv.Version
		conv.ReadAt, conv.ReadBy, conv.Version = now, c.UserID, prev+1
		err = s.Store.UpdateConversation(ctx, roster.ConversationChange{Conversation: conv, PrevVersion: prev, Now: s.now()})
		return conv, err
	})
}

// mayAnswer reports whether u is active and may answer conversations at group.
func mayAnswer(u roster.User, t roster.GroupTree, group string) bool {
	return u.Status == roster.UserActive &&
		roster.Allowed(roster.Caller{OrgID: u.OrgID, UserID: u.ID, Grants: u.Grants}, t, roster.ActAnswerConversations, group)
}

// autoReplyFallback is how long an auto-reply covers when the group's
// status does not say when it changes.
const autoReplyFallback = 24 * time.Hour

func trimmed(s string) string { return strings.TrimSpace(s) }
