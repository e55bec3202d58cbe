package conversations

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/roster"
)

// MaxClockSkew is how far a webhook's timestamp may be from now: a signed
// request captured and sent again later is refused once it is older.
const MaxClockSkew = 5 * time.Minute

// SecretPrefix starts every webhook secret, so a leaked one is recognised.
const SecretPrefix = "whsec_"

// MaxOrgIDLength bounds the organisation id a webhook names: ids are 26
// characters; a longer one is refused before it reaches a table key.
const MaxOrgIDLength = 64

// Sign returns the signature of a webhook request: hex HMAC-SHA256 with the
// secret over "<timestamp>.<raw body>". Providers (and tests) sign with it.
func Sign(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp))
	mac.Write([]byte("."))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

func badSignature() error {
	return roster.WithReason(roster.EUnauthorized, "bad_signature", "the request is not signed with the organisation's webhook secret")
}

// Authenticate checks a webhook request of organisation orgID: timestamp
// (unix seconds) within MaxClockSkew of now, and signature = Sign(secret,
// timestamp, body) for the organisation's current secret, compared in
// constant time. An unknown organisation, or one without a secret, is a bad
// signature too, and so is an organisation id longer than MaxOrgIDLength.
// Returns EUnauthorized (bad_signature, stale_timestamp).
func (s *Service) Authenticate(ctx context.Context, orgID, timestamp, signature string, body []byte) error {
	secs, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || orgID == "" || len(orgID) > MaxOrgIDLength || signature == "" {
		return badSignature()
	}
	if d := s.now().Sub(time.Unix(secs, 0)); d > MaxClockSkew || d < -MaxClockSkew {
		return roster.WithReason(roster.EUnauthorized, "stale_timestamp", "the timestamp is more than 5 minutes from now; sign the request again")
	}
	secret, err := s.Store.WebhookSecret(ctx, orgID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return badSignature()
	} else if err != nil {
		return err
	}
	got, err := hex.DecodeString(signature)
	want, _ := hex.DecodeString(Sign(secret, timestamp, body))
	if err != nil || !hmac.Equal(got, want) {
		return badSignature()
	}
	return nil
}

// RotateSecret makes a new webhook secret for c's organisation, replacing
// the previous one at once, and returns it: the only time it is shown.
// Only organisation administrators may. Returns EForbidden.
func (s *Service) RotateSecret(ctx context.Context, c roster.Caller) (string, error) {
	t, err := roster.LoadGroupTree(ctx, s.Store, c.OrgID)
	if err != nil {
		return "", err
	}
	if err := roster.Require(c, t, roster.ActManageOrganisation, t.Root().ID); err != nil {
		return "", err
	}
	random, err := auth.RandomToken(32)
	if err != nil {
		return "", err
	}
	secret := SecretPrefix + random
	now := s.now()
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "webhook.secret_rotated", SubjectID: c.OrgID, At: now}
	if err := s.Store.SetWebhookSecret(ctx, c.OrgID, secret, now, audit); err != nil {
		return "", err
	}
	return secret, nil
}

// Inbound is a message as the provider posts it.
type Inbound struct {
	ProviderID string // the provider's message id: a message is taken once; surrounding spaces do not count
	From       string // E.164
	GroupID    string
	Text       string
	SentAt     time.Time // optional
}

// Validate reports every bad field at once, named as the webhook names
// them. Returns EInvalid.
func (in Inbound) Validate() error {
	var v roster.Validation
	switch id := trimmed(in.ProviderID); {
	case id == "":
		v.Add("messageId", "is required")
	case !utf8.ValidString(id):
		v.Add("messageId", "must be valid UTF-8 text")
	case utf8.RuneCountInString(id) > roster.MaxProviderIDLength:
		v.Add("messageId", fmt.Sprintf("is longer than %d characters", roster.MaxProviderIDLength))
	}
	if !roster.IsE164(in.From) {
		v.Add("from", "must be a phone number in E.164 form, like +15555550123")
	}
	if trimmed(in.GroupID) == "" {
		v.Add("groupId", "is required")
	}
	roster.CheckMessageBody(&v, "text", in.Text)
	return v.Err()
}

// Receive stores an inbound message of organisation orgID (already
// authenticated): the contact is found by phone or created (named by the
// number, in the webhook's group, consent unknown), the conversation of
// that contact with the group is created if needed, the group's
// after-hours auto-reply is recorded when the group is closed (once per
// conversation per closed period), and one due notification is filed from
// which the notifier works out whom to email and when, all in one
// transaction. Nothing on this path reads the organisation's users: at
// most 5 DynamoDB calls here (6 with Authenticate), whatever the group's
// size. A message id seen before returns the stored message with created
// false and writes nothing. Returns EInvalid.
func (s *Service) Receive(ctx context.Context, orgID string, in Inbound) (msg roster.Message, created bool, err error) {
	in.ProviderID = trimmed(in.ProviderID)
	if err := in.Validate(); err != nil {
		return roster.Message{}, false, err
	}
	var look roster.InboundLookup
	if len(in.GroupID) <= MaxOrgIDLength { // a longer id names no group, and must not reach a table key
		if look, err = s.Store.InboundLookup(ctx, orgID, in.ProviderID, in.GroupID, in.From); err != nil {
			return roster.Message{}, false, err
		}
	}
	if look.Seen {
		// Delivered again, perhaps because the first delivery failed after
		// the message was stored: its keyword is answered if it was not.
		m, err := s.Store.Message(ctx, orgID, look.ConversationID, look.MessageID)
		if err == nil {
			err = s.answerKeyword(ctx, orgID, look.ContactID, m)
		}
		return m, false, err
	}
	if !look.GroupExists {
		return roster.Message{}, false, &roster.Error{Code: roster.EInvalid, Reason: "validation_failed", Message: "the request has invalid fields",
			Fields: []roster.FieldError{{Field: "groupId", Message: "no such group"}}}
	}
	contactID, fresh, err := s.contactFor(ctx, orgID, in, look.ContactID)
	if err != nil {
		return roster.Message{}, false, err
	}
	var autoReply *roster.Message
	msg, err = retry(func() (roster.Message, error) {
		m, reply, err := s.receiveOnce(ctx, orgID, contactID, fresh, in)
		fresh = false // a retry reads the conversation: another message may have opened it
		autoReply = reply
		return m, err
	})
	if roster.ReasonOf(err) == "duplicate_message" {
		m, err := s.Store.InboundMessage(ctx, orgID, in.ProviderID)
		if err == nil {
			err = s.answerKeyword(ctx, orgID, contactID, m)
		}
		return m, false, err
	}
	if err != nil {
		return roster.Message{}, false, err
	}
	if autoReply != nil {
		s.send(ctx, roster.TextRef{OrgID: orgID, ConversationID: autoReply.ConversationID, ID: autoReply.ID})
	}
	if err := s.answerKeyword(ctx, orgID, contactID, msg); err != nil {
		return roster.Message{}, false, err
	}
	return msg, true, nil
}

// receiveOnce writes one inbound message, and returns it with the
// auto-reply it queued, if any; a contact created just now (fresh) has no
// conversation to read yet. A keyword (STOP, START, HELP) gets no
// auto-reply: answerKeyword answers it.
func (s *Service) receiveOnce(ctx context.Context, orgID, contactID string, fresh bool, in Inbound) (roster.Message, *roster.Message, error) {
	now := s.now()
	var conv roster.Conversation
	var err error = notFound()
	if !fresh {
		conv, err = s.Store.ConversationWith(ctx, orgID, contactID, in.GroupID)
	}
	var prev int64
	switch roster.ErrorCodeOf(err) {
	case roster.ENotFound:
		conv = roster.Conversation{ID: roster.NewID(now), OrgID: orgID, ContactID: contactID, ContactPhone: in.From, GroupID: in.GroupID,
			Version: 1, CreatedAt: now}
	case "":
		prev = conv.Version
		conv.Version++
	default:
		return roster.Message{}, nil, err
	}
	msg := roster.Message{ID: roster.NewID(now), OrgID: orgID, ConversationID: conv.ID, Direction: roster.Inbound, Body: in.Text,
		From: in.From, ProviderID: in.ProviderID, SentAt: in.SentAt, At: now}
	conv.LastInboundAt, conv.LastInboundID, conv.ContactPhone = now, msg.ID, in.From
	w := roster.InboundWrite{Message: msg, Conversation: conv, PrevVersion: prev, Due: arrived(conv, msg)}
	status, text, err := s.Hours.GroupStatusAt(ctx, orgID, in.GroupID, now)
	if err != nil {
		return roster.Message{}, nil, err
	}
	keyword := roster.KeywordOf(in.Text) != roster.NoKeyword
	if !keyword && status.HoursSet() && !status.Open && trimmed(text) != "" && !now.Before(conv.AutoReplyUntil) {
		until := status.Until
		if !until.After(now) {
			until = now.Add(autoReplyFallback)
		}
		w.AutoReply = &roster.Message{ID: roster.NewID(now), OrgID: orgID, ConversationID: conv.ID, Direction: roster.Outbound, Body: text,
			To: in.From, AutoReply: true, At: now, Status: roster.TextQueued, StatusAt: now}
		w.Conversation.AutoReplyUntil = until.UTC()
	}
	if err := s.Store.SaveInbound(ctx, w); err != nil {
		return roster.Message{}, nil, err
	}
	return msg, w.AutoReply, nil
}

// contactFor returns the contact with the sender's number (id, when the
// lookup found one), or creates one; fresh says it was created now.
func (s *Service) contactFor(ctx context.Context, orgID string, in Inbound, id string) (string, bool, error) {
	for range 3 {
		if id != "" {
			return id, false, nil
		}
		now := s.now()
		c := roster.Contact{ID: roster.NewID(now), OrgID: orgID, FirstName: in.From, Phone: in.From, Groups: []string{in.GroupID},
			Consent: roster.Consent{Status: roster.ConsentUnknown}, Version: 1, CreatedAt: now, UpdatedAt: now}
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: orgID, ActorID: "webhook", Type: "contact.created", SubjectID: c.ID, At: now,
			After: map[string]string{"phone": c.Phone, "source": "inbound message"}}
		err := s.Store.CreateContact(ctx, c, audit)
		if roster.ReasonOf(err) != "phone_taken" {
			return c.ID, true, err
		}
		// Created by a message from the same number at the same moment.
		if id, err = s.Store.ContactIDByPhone(ctx, orgID, in.From); err != nil && roster.ErrorCodeOf(err) != roster.ENotFound {
			return "", false, err
		}
	}
	return "", false, roster.WithReason(roster.EConflict, "concurrent_update", "the contact changed at the same moment; retry")
}
