package roster

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Conversation is the thread between one contact and one group (issue 6):
// inbound messages from the contact, outbound ones from users (and the
// group's after-hours auto-reply). One user at a time may claim it.
type Conversation struct {
	ID             string
	OrgID          string
	ContactID      string
	ContactPhone   string // E.164, as the provider sent it
	GroupID        string
	ClaimedBy      string // user id; "" while unclaimed
	ClaimedAt      time.Time
	LastInboundAt  time.Time
	LastInboundID  string
	ReadAt         time.Time // when ReadBy last read it; reset when someone else claims it
	ReadBy         string    // the user whose read ReadAt is; kept across a release
	AutoReplyUntil time.Time // end of the closed period an auto-reply was sent for
	Version        int64
	CreatedAt      time.Time
}

// Unread reports whether the latest inbound message is unread by the claimer.
func (c Conversation) Unread() bool {
	return c.LastInboundID != "" && c.ReadAt.Before(c.LastInboundAt)
}

// UnreadSince is when the claimer's unread clock for the latest inbound
// message starts: when it arrived, or when they claimed the conversation if
// that was later.
func (c Conversation) UnreadSince() time.Time {
	return maxTime(c.LastInboundAt, c.ClaimedAt)
}

// Direction says who sent a message.
type Direction string

// Directions.
const (
	Inbound  Direction = "inbound"  // from the contact
	Outbound Direction = "outbound" // from a user, or the group's auto-reply
)

// Message is one message of a conversation. Ids are ULIDs, so a
// conversation's messages sort by time.
type Message struct {
	ID             string
	OrgID          string
	ConversationID string
	Direction      Direction
	Body           string
	From           string // E.164 for inbound
	To             string // E.164 for outbound
	UserID         string // the author of an outbound reply
	AutoReply      bool
	ProviderID     string    // the provider's message id (inbound)
	SentAt         time.Time // when the provider says it was sent; zero if not given
	At             time.Time // when Roster received or recorded it

	// Outbound only: where the text is on its way (roster.OutboundText).
	Status       TextStatus
	StatusReason string
	StatusAt     time.Time
}

// OutboundText is an outbound message as the text sender sees it, queued.
func (m Message) OutboundText(contactID string) OutboundText {
	kind := TextReply
	if m.AutoReply {
		kind = TextAutoReply
	}
	return OutboundText{ID: m.ID, OrgID: m.OrgID, ConversationID: m.ConversationID, ContactID: contactID, To: m.To, Kind: kind,
		Body: m.Body, CreatedAt: m.At, Status: TextQueued, StatusAt: m.At, NextAttemptAt: m.At}
}

// MaxMessageLength is the longest message body, in characters (ten SMS
// segments).
const MaxMessageLength = 1600

// MaxProviderIDLength bounds a provider's message id.
const MaxProviderIDLength = 200

// CheckMessageBody reports what is wrong with a message body as a field
// error on field, or nothing.
func CheckMessageBody(v *Validation, field, body string) {
	n := utf8.RuneCountInString(body)
	switch {
	case !utf8.ValidString(body):
		v.Add(field, "must be valid UTF-8 text")
	case strings.TrimSpace(body) == "":
		v.Add(field, "is required")
	case n > MaxMessageLength:
		v.Add(field, fmt.Sprintf("is %d characters; the limit is %d", n, MaxMessageLength))
	}
}

// CheckReply is CheckMessageBody for a message a user writes: no control
// characters but line breaks and tabs. (An inbound text is kept as the
// phone sent it.)
func CheckReply(v *Validation, field, body string) {
	var own Validation
	CheckMessageBody(&own, field, body)
	switch {
	case len(own.fields) > 0:
		v.fields = append(v.fields, own.fields...)
	case badTextChars(body):
		v.Add(field, longTextCharsMessage)
	}
}

var e164Pattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`) })

// IsE164 reports whether s is a phone number in E.164 form.
func IsE164(s string) bool { return e164Pattern().MatchString(s) }

// NotifyKind says why a user is emailed about a waiting message.
type NotifyKind string

// Notification kinds.
const (
	NotifyUnclaimed NotifyKind = "unclaimed" // nobody claimed the conversation
	NotifyUnread    NotifyKind = "unread"    // the claimer has not read the latest inbound message
)

// Mail kinds of the notifier (issue 6). Data: conversationId, messageId,
// contactName, contactPhone, groupName, receivedAt (RFC 3339).
const (
	MailMessageUnclaimed MailKind = "message_unclaimed"
	MailMessageUnread    MailKind = "message_unread"
)

// DueNotification is a look, at DueAt, at whether an inbound message owes
// emails. An unclaimed message has one for everyone who may answer at its
// group (UserID ""): the notifier reads the group's member items then, mails
// those whose threshold has passed and files it again for the next
// threshold. An unread message has one for the claimer (UserID set).
type DueNotification struct {
	OrgID          string
	ConversationID string
	MessageID      string
	UserID         string // the claimer, for an unread message; "" for an unclaimed one: whoever may answer at GroupID
	Kind           NotifyKind
	GroupID        string
	ReceivedAt     time.Time // when the message arrived
	Since          time.Time // unread: when the claimer's clock starts (UnreadSince); zero: ReceivedAt
	Checked        int       // unclaimed: thresholds up to this many minutes after ReceivedAt's minute were handled
	Except         string    // unclaimed: a user not to email (the one whose claims were released as they left)
	DueAt          time.Time // when to look next
	Filed          string    // the partition it was read from; set by storage
	FirstFailedAt  time.Time // when a notifier run first failed to handle it; zero if none has
}

// Minute returns the UTC minute a due notification written at now is filed
// under: its due minute, but never earlier than the minute after now, so
// that a notifier run that has already passed the current minute still
// reads it.
func (d DueNotification) Minute(now time.Time) time.Time {
	m := d.DueAt.UTC().Truncate(time.Minute)
	return maxTime(m, now.UTC().Truncate(time.Minute).Add(time.Minute))
}

// Notifiable is a member of a group who may be emailed about its waiting
// messages: active, with a role there that may answer conversations, and
// with email on (or the organisation's default, read when it is needed).
type Notifiable struct {
	UserID           string
	UsesDefault      bool // the organisation's default settings apply; the fields below are then unset
	UnclaimedMinutes int
	UnreadMinutes    int
	LimitToHours     bool
}

// InboundLookup is what receiving a message reads before its conversation,
// in one call: whether the provider's id was taken, whether the group exists
// and which contact holds the sender's number.
type InboundLookup struct {
	Seen           bool   // the provider id was received before
	ConversationID string // of the stored message, when Seen
	MessageID      string
	GroupExists    bool
	ContactID      string // "" when no contact holds the number
}

// RefileMargin is how long before a minute ends the notifier stops filing
// due notifications again into it: a run that starts with the next minute
// reads it, and the write must have landed by then.
const RefileMargin = 5 * time.Second

// RefileMinute returns the UTC minute the notifier files d again under at
// now: its due minute, but not one past or about to end (the current
// minute if more than RefileMargin of it is left, else the next).
func (d DueNotification) RefileMinute(now time.Time) time.Time {
	return maxTime(d.DueAt.UTC().Truncate(time.Minute), now.UTC().Add(RefileMargin).Truncate(time.Minute))
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// ConversationFilter selects conversations in a list.
type ConversationFilter string

// Conversation filters.
const (
	FilterUnclaimed ConversationFilter = "unclaimed"
	FilterMine      ConversationFilter = "mine"
	FilterAll       ConversationFilter = "all"
)

// InboundWrite is what one inbound message writes, all or nothing.
type InboundWrite struct {
	Message      Message
	AutoReply    *Message // the group's after-hours reply, when it is sent
	Conversation Conversation
	PrevVersion  int64 // the conversation's version read; 0 for a new one
	Due          DueNotification
}

// ConversationChange is a claim, release or read of a conversation.
type ConversationChange struct {
	Conversation Conversation
	PrevVersion  int64
	Claim        string // a user whose claim to index
	Unclaim      string // a user whose claim to drop from the index
	Due          *DueNotification
	Now          time.Time
}
