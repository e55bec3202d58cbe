package roster

import (
	"context"
	"strings"
	"time"
	"unicode"
)

// Outbound texts (issue 13). Every text Roster sends is queued in the table
// in the write that causes it (a reply, an auto-reply, an import's welcome
// texts, the answer to a keyword), sent right after by the function that
// wrote it, and again by the SendTexts schedule while it waits: a transient
// provider failure is retried with backoff, and no text goes out twice.

// TextStatus is where an outbound text is on its way to the phone.
type TextStatus string

// Text statuses, in the order a text moves through them.
const (
	TextQueued    TextStatus = "queued"    // waiting to be handed to the provider
	TextSent      TextStatus = "sent"      // the provider accepted it
	TextDelivered TextStatus = "delivered" // the carrier says the phone has it
	TextFailed    TextStatus = "failed"    // it will not arrive; StatusReason says why
)

// Final reports whether nothing more happens to a text in status s.
func (s TextStatus) Final() bool { return s == TextDelivered || s == TextFailed }

// rank orders statuses; a status only moves forward.
func (s TextStatus) rank() int {
	switch s {
	case TextQueued:
		return 1
	case TextSent:
		return 2
	case TextDelivered, TextFailed:
		return 3
	}
	return 0
}

// MayBecome reports whether a text in status s may move to next: forward
// only, and never out of a final status (delivery events can arrive out of
// order or twice).
func (s TextStatus) MayBecome(next TextStatus) bool {
	return next.rank() > s.rank()
}

// TextKind says why a text is sent.
type TextKind string

// Text kinds.
const (
	TextReply       TextKind = "reply"      // an agent's reply in a conversation
	TextAutoReply   TextKind = "auto_reply" // a group's after-hours reply
	TextWelcome     TextKind = "welcome"    // an imported contact who opted in
	TextOptOutReply TextKind = "opt_out"    // the confirmation of STOP, sent once
	TextOptInReply  TextKind = "opt_in"     // the confirmation of START
	TextHelpReply   TextKind = "help"       // the answer to HELP
)

// ToOptedOut reports whether a text of kind k may go to a number that has
// opted out: only the confirmation of the opt-out itself and the answer to
// HELP, which carriers require whatever the number's state.
func (k TextKind) ToOptedOut() bool { return k == TextOptOutReply || k == TextHelpReply }

// OutboundText is a text message to a contact: queued, then sent, then
// delivered or failed. A reply or auto-reply is also a message of its
// conversation (ConversationID set, ID the message's id); the others are
// texts of their own.
type OutboundText struct {
	ID             string // deterministic for texts that must go out once, e.g. "welcome-<contact id>"
	OrgID          string
	ConversationID string // "" for a text outside a conversation
	ContactID      string
	GroupID        string // whose hours a welcome text waits for; "" for none
	To             string // E.164
	Kind           TextKind
	Body           string
	CreatedAt      time.Time

	Status        TextStatus
	StatusReason  string    // why it failed, from the provider or the carrier
	StatusAt      time.Time // when Status last changed
	ProviderID    string    // the provider's message id, once sent
	Attempts      int       // failed attempts so far
	NextAttemptAt time.Time // while queued: not before
	// SendingSince is set by the claim that hands the text to the provider
	// and cleared when the outcome is known. A claim that finds it set
	// knows an earlier attempt stopped without knowing whether the text
	// went out, and marks it failed rather than risk sending it twice.
	SendingSince time.Time
}

// Ref is where a text is stored.
func (t OutboundText) Ref() TextRef {
	return TextRef{OrgID: t.OrgID, ConversationID: t.ConversationID, ID: t.ID}
}

// TextRef names a stored text: a message of a conversation, or a text of
// its own when ConversationID is "".
type TextRef struct {
	OrgID          string
	ConversationID string
	ID             string
}

// WelcomeText is the text a new contact who opted in gets when an import
// asks for it: one per contact, however often the import is retried. It
// waits for the contact's first group to be open.
func WelcomeText(org Organisation, c Contact, now time.Time) OutboundText {
	name := strings.TrimSpace(c.FirstName)
	greeting := "Hi"
	if name != "" {
		greeting += " " + name
	}
	t := OutboundText{
		ID: "welcome-" + c.ID, OrgID: c.OrgID, ContactID: c.ID, To: c.Phone, Kind: TextWelcome, CreatedAt: now,
		Body:   greeting + ", welcome to " + org.Name + "! You can text us at this number. Reply STOP to opt out.",
		Status: TextQueued, StatusAt: now, NextAttemptAt: now,
	}
	if len(c.Groups) > 0 {
		t.GroupID = c.Groups[0]
	}
	return t
}

// TextRetryDelay is how long to wait after attempt n (1-based) failed for
// a reason that may pass (throttling, the provider's own errors): 30 s,
// 1, 2, 4 … minutes, at most 30 minutes (DefaultTextRetry).
func TextRetryDelay(n int) time.Duration { return DefaultTextRetry.Delay(n) }

// MaxTextAttempts bounds retries of one text: after the last, it is marked
// failed with the last error (about two hours of trying).
const MaxTextAttempts = 8

// TextRetry is how refused texts are retried: Base after the first
// refusal, doubling up to 60 × Base, and MaxAttempts attempts in all.
type TextRetry struct {
	Base        time.Duration
	MaxAttempts int
}

// DefaultTextRetry is the deployed policy; the local stack uses a faster
// one so that its failure paths can be watched (template parameters
// TextRetryBaseSeconds, TextMaxAttempts).
var DefaultTextRetry = TextRetry{Base: 30 * time.Second, MaxAttempts: MaxTextAttempts}

// Delay is how long to wait after attempt n (1-based) failed.
func (r TextRetry) Delay(n int) time.Duration {
	d := r.Base << min(max(n-1, 0), 6)
	return min(d, 60*r.Base)
}

// TextLease is how long a sender holds a text it claimed: longer than a
// send takes.
const TextLease = 2 * time.Minute

// Keyword is what an inbound text asks of Roster, beyond being a message.
type Keyword int

// Keywords (CTIA's and AWS End User Messaging's defaults).
const (
	NoKeyword Keyword = iota
	KeywordOptOut
	KeywordOptIn
	KeywordHelp
)

var keywords = map[string]Keyword{
	"STOP": KeywordOptOut, "STOPALL": KeywordOptOut, "UNSUBSCRIBE": KeywordOptOut, "CANCEL": KeywordOptOut,
	"END": KeywordOptOut, "QUIT": KeywordOptOut, "OPTOUT": KeywordOptOut, "OPT-OUT": KeywordOptOut, "REVOKE": KeywordOptOut,
	"START": KeywordOptIn, "UNSTOP": KeywordOptIn, "OPTIN": KeywordOptIn,
	"HELP": KeywordHelp, "INFO": KeywordHelp,
}

// KeywordOf reads a keyword from an inbound text: the whole text, one word
// in any case, with spaces and trailing punctuation around it ("Stop", "
// stop.", "STOP!"). A sentence that contains the word is a message, not a
// keyword ("please stop calling me" reaches an agent).
func KeywordOf(body string) Keyword {
	w := strings.TrimFunc(body, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '-' })
	if len(w) > 16 {
		return NoKeyword
	}
	return keywords[strings.ToUpper(w)]
}

// OptOut is a number that asked an organisation to stop texting it.
type OptOut struct {
	OrgID     string
	Phone     string // E.164
	At        time.Time
	MessageID string // the inbound message that asked
}

// TextingSettings is how an organisation texts: the origination identity
// (a phone number, sender id, pool id or ARN of AWS End User Messaging
// SMS; "" uses the deployment's default) and the answer to HELP.
type TextingSettings struct {
	OriginationIdentity string
	HelpText            string
	Version             int64
}

// HelpTextFor is the answer to HELP: the organisation's own, or one naming
// it with how to stop.
func HelpTextFor(s TextingSettings, org Organisation) string {
	if t := strings.TrimSpace(s.HelpText); t != "" {
		return t
	}
	return org.Name + ": reply to this number to reach us. Reply STOP to opt out. Msg & data rates may apply."
}

// OptOutConfirmation and OptInConfirmation answer STOP and START.
func OptOutConfirmation(org Organisation) string {
	return "You are unsubscribed from " + org.Name + " and will get no more texts. Reply START to resubscribe."
}

// OptInConfirmation answers START.
func OptInConfirmation(org Organisation) string {
	return "You are subscribed to " + org.Name + " again. Reply STOP to opt out, HELP for help."
}

// TextSend is what the provider is asked to send.
type TextSend struct {
	From    string // origination identity
	To      string // E.164
	Body    string
	Context map[string]string // echoed in the delivery events
}

// TextSendError is a failed send, as the provider told it.
type TextSendError struct {
	// Transient: the provider refused it for now (throttled, its own
	// error); the same text may be sent again later.
	Transient bool
	// Unknown: the request may have reached the provider without an
	// answer (a timeout, a broken connection): sending it again could send
	// it twice.
	Unknown bool
	Reason  string
	Err     error
}

func (e *TextSendError) Error() string { return e.Reason }
func (e *TextSendError) Unwrap() error { return e.Err }

// TextProvider sends texts: AWS End User Messaging SMS (internal/smsclient).
type TextProvider interface {
	// SendText returns the provider's message id, or a *TextSendError.
	SendText(ctx context.Context, t TextSend) (providerID string, err error)
}

// TextEvent is a delivery event of the provider for a text Roster sent.
type TextEvent struct {
	Type        string // TEXT_DELIVERED, TEXT_CARRIER_UNREACHABLE, …
	ProviderID  string
	Ref         TextRef // from the context Roster sent with the text
	Description string  // the provider's messageStatusDescription
	At          time.Time
}

// Outcome is the status a delivery event moves its text to, with the
// reason for a failure; ok is false for events that move nothing
// (queued or pending at the carrier).
func (e TextEvent) Outcome() (status TextStatus, reason string, ok bool) {
	switch e.Type {
	case "TEXT_DELIVERED":
		return TextDelivered, "", true
	case "TEXT_SUCCESSFUL":
		return TextSent, "", true
	case "TEXT_QUEUED", "TEXT_PENDING":
		return "", "", false
	}
	if !strings.HasPrefix(e.Type, "TEXT_") {
		return "", "", false
	}
	reason = strings.ToLower(strings.TrimPrefix(e.Type, "TEXT_"))
	if d := strings.TrimSpace(e.Description); d != "" {
		reason += ": " + d
	}
	return TextFailed, reason, true
}

// TextStore keeps outbound texts, opt-outs and the organisation's texting
// settings. Every method costs a constant number of reads and writes.
type TextStore interface {
	// QueueTexts stores texts of their own (not replies: SaveOutbound and
	// SaveInbound queue those with their message), each once: a text whose
	// id is already stored, in any status, is left as it is.
	QueueTexts(ctx context.Context, texts []OutboundText) error
	// DueTexts lists queued texts whose NextAttemptAt is at or before now,
	// at most limit, oldest due first.
	DueTexts(ctx context.Context, now time.Time, limit int) ([]OutboundText, error)
	// ClaimText leases a queued text for lease and sets SendingSince to now
	// (returning the text as it was before, so that a SendingSince from an
	// earlier claim is seen). Returns EConflict when another sender holds
	// it, ENotFound when it is gone or no longer queued.
	ClaimText(ctx context.Context, ref TextRef, now time.Time, lease time.Duration) (OutboundText, error)
	// TextSent records the provider's id: status sent, no longer due.
	TextSent(ctx context.Context, ref TextRef, providerID string, at time.Time) error
	// TextFailed marks a queued text failed for good, with the reason.
	TextFailed(ctx context.Context, ref TextRef, reason string, at time.Time) error
	// RetryText puts a claimed text back in the queue: Attempts and
	// NextAttemptAt as t has them, StatusReason the last error, lease and
	// SendingSince cleared.
	RetryText(ctx context.Context, t OutboundText) error
	// TextEvent moves a sent text to status on a delivery event, on
	// condition that providerID is the one stored and that the status
	// moves forward (TextStatus.MayBecome). Returns ENotFound for an
	// unknown text, EConflict when the condition fails.
	TextEvent(ctx context.Context, ref TextRef, providerID string, status TextStatus, reason string, at time.Time) error
	// Text reads one text (a message of a conversation when
	// ref.ConversationID is set). Returns ENotFound.
	Text(ctx context.Context, ref TextRef) (OutboundText, error)
	// TakeSendSlot counts one text against the deployment's messages per
	// second in the second that holds at. Returns EConflict (rate_limited)
	// when perSecond texts were already counted in it.
	TakeSendSlot(ctx context.Context, at time.Time, perSecond int) error

	// OptOutOf returns the opt-out of phone in the organisation. Returns
	// ENotFound when the number has not opted out.
	OptOutOf(ctx context.Context, orgID, phone string) (OptOut, error)
	// SetOptOut records an opt-out and queues its confirmation with it, in
	// one write; confirmation is nil when none is to be sent. Returns
	// EConflict (opted_out) when the number had already opted out.
	SetOptOut(ctx context.Context, o OptOut, confirmation *OutboundText) error
	// ClearOptOut removes an opt-out and queues confirmation (nil: none).
	// Returns ENotFound when the number had not opted out.
	ClearOptOut(ctx context.Context, orgID, phone string, confirmation *OutboundText) error

	// TextingSettings returns the organisation's settings; the zero value
	// (version 0) when none were set.
	TextingSettings(ctx context.Context, orgID string) (TextingSettings, error)
	// SetTextingSettings writes them on condition that the version read is
	// still prev. Returns EPreconditionFailed.
	SetTextingSettings(ctx context.Context, orgID string, s TextingSettings, prev int64, audit AuditEvent) error
}
