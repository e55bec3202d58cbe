package api

import (
	"context"
	"encoding/base64"
	"net/http"
	"time"

	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/roster"
)

// Webhook headers: the organisation, the unix time of signing, and the hex
// HMAC-SHA256 of "<timestamp>.<raw body>" with the organisation's secret.
const (
	WebhookOrgHeader       = "X-Roster-Org"
	WebhookTimestampHeader = "X-Roster-Timestamp"
	WebhookSignatureHeader = "X-Roster-Signature"
)

// ConversationView is a conversation as the API shows it.
type ConversationView struct {
	ID             string `json:"id"`
	ContactID      string `json:"contactId"`
	ContactPhone   string `json:"contactPhone"`
	GroupID        string `json:"groupId"`
	ClaimedBy      string `json:"claimedBy,omitempty"`
	ClaimedAt      string `json:"claimedAt,omitempty"`
	LastInboundAt  string `json:"lastInboundAt,omitempty"`
	ReadAt         string `json:"readAt,omitempty"`
	Unread         bool   `json:"unread"`
	AutoReplyUntil string `json:"autoReplyUntil,omitempty"`
	CreatedAt      string `json:"createdAt"`
}

func optRFC3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return rfc3339(t)
}

func viewConversation(c roster.Conversation) ConversationView {
	return ConversationView{ID: c.ID, ContactID: c.ContactID, ContactPhone: c.ContactPhone, GroupID: c.GroupID, ClaimedBy: c.ClaimedBy,
		ClaimedAt: optRFC3339(c.ClaimedAt), LastInboundAt: optRFC3339(c.LastInboundAt), ReadAt: optRFC3339(c.ReadAt), Unread: c.Unread(),
		AutoReplyUntil: optRFC3339(c.AutoReplyUntil), CreatedAt: rfc3339(c.CreatedAt)}
}

// MessageView is a message as the API shows it.
type MessageView struct {
	ID             string `json:"id"`
	ConversationID string `json:"conversationId"`
	Direction      string `json:"direction"`
	Text           string `json:"text"`
	From           string `json:"from,omitempty"`
	To             string `json:"to,omitempty"`
	UserID         string `json:"userId,omitempty"`
	AutoReply      bool   `json:"autoReply"`
	ProviderID     string `json:"providerId,omitempty"`
	SentAt         string `json:"sentAt,omitempty"`
	At             string `json:"at"`
	// Outbound only: queued, sent, delivered or failed (with the reason).
	Status       string `json:"status,omitempty"`
	StatusReason string `json:"statusReason,omitempty"`
	StatusAt     string `json:"statusAt,omitempty"`
}

func viewMessage(m roster.Message) MessageView {
	return MessageView{ID: m.ID, ConversationID: m.ConversationID, Direction: string(m.Direction), Text: m.Body, From: m.From, To: m.To,
		UserID: m.UserID, AutoReply: m.AutoReply, ProviderID: m.ProviderID, SentAt: optRFC3339(m.SentAt), At: rfc3339(m.At),
		Status: string(m.Status), StatusReason: m.StatusReason, StatusAt: optRFC3339(m.StatusAt)}
}

type inboundRequest struct {
	MessageID string `json:"messageId"`
	From      string `json:"from"`
	GroupID   string `json:"groupId"`
	Text      string `json:"text"`
	SentAt    string `json:"sentAt"`
}

// ReceiveInboundMessage is POST /webhooks/messages/inbound, called by the
// messaging provider (no authorizer): the signature is checked before the
// body is read. 201 with the message; 200 with the same message when its
// messageId was received before.
func ReceiveInboundMessage(svc *conversations.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		raw := []byte(r.Body)
		if r.IsBase64Encoded {
			b, err := base64.StdEncoding.DecodeString(r.Body)
			if err != nil {
				return Response{}, roster.WithReason(roster.EInvalid, "malformed_body", "the body is not valid base64")
			}
			raw = b
		}
		if len(raw) > MaxJSONBody {
			return Response{}, roster.WithReason(roster.ETooLarge, "body_too_large", "the body is over the limit")
		}
		orgID := r.Header(WebhookOrgHeader)
		if err := svc.Authenticate(ctx, orgID, r.Header(WebhookTimestampHeader), r.Header(WebhookSignatureHeader), raw); err != nil {
			return Response{}, err
		}
		var in inboundRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		msg := conversations.Inbound{ProviderID: in.MessageID, From: in.From, GroupID: in.GroupID, Text: in.Text}
		if in.SentAt != "" {
			t, err := time.Parse(time.RFC3339, in.SentAt)
			if err != nil {
				return Response{}, &roster.Error{Code: roster.EInvalid, Reason: "validation_failed", Message: "the request has invalid fields",
					Fields: []roster.FieldError{{Field: "sentAt", Message: "must be an RFC 3339 time"}}}
			}
			msg.SentAt = t
		}
		m, created, err := svc.Receive(ctx, orgID, msg)
		if err != nil {
			return Response{}, err
		}
		status := http.StatusOK
		if created {
			status = http.StatusCreated
		}
		return Response{Status: status, Body: viewMessage(m)}, nil
	}
}

// RotateWebhookSecret is POST /webhooks/secret: a new secret for the
// caller's organisation, shown once (organisation administrators only).
func RotateWebhookSecret(svc *conversations.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		secret, err := svc.RotateSecret(ctx, r.Caller)
		if err != nil {
			return Response{}, err
		}
		return Response{Body: map[string]string{"secret": secret}}, nil
	}
}

// ListConversations is GET /conversations?filter=unclaimed|mine|all&group=&limit=&cursor=.
func ListConversations(r *conversations.Reader) Operation {
	return func(ctx context.Context, req *Request) (Response, error) {
		q := req.QueryStringParameters
		s := scope("conversations", "filter", q["filter"], "group", q["group"])
		limit, after, err := pageParams(req, s)
		if err != nil {
			return Response{}, err
		}
		items, next, err := r.List(ctx, req.Caller, conversations.ListFilter{Filter: roster.ConversationFilter(q["filter"]), Group: q["group"], Limit: limit, After: after})
		if err != nil {
			return Response{}, err
		}
		page := Page[ConversationView]{Items: make([]ConversationView, 0, len(items))}
		if page.NextCursor, err = req.sealCursor(s, next); err != nil {
			return Response{}, err
		}
		for _, c := range items {
			page.Items = append(page.Items, viewConversation(c))
		}
		return Response{Body: page}, nil
	}
}

// ListConversationMessages is GET /conversations/{id}/messages?limit=&cursor=.
func ListConversationMessages(r *conversations.Reader) Operation {
	return func(ctx context.Context, req *Request) (Response, error) {
		s := scope("conversation-messages", "id", req.PathParameters["id"])
		limit, after, err := pageParams(req, s)
		if err != nil {
			return Response{}, err
		}
		items, next, err := r.Messages(ctx, req.Caller, req.PathParameters["id"], after, limit)
		if err != nil {
			return Response{}, err
		}
		page := Page[MessageView]{Items: make([]MessageView, 0, len(items))}
		if page.NextCursor, err = req.sealCursor(s, next); err != nil {
			return Response{}, err
		}
		for _, m := range items {
			page.Items = append(page.Items, viewMessage(m))
		}
		return Response{Body: page}, nil
	}
}

// ReplyToConversation is POST /conversations/{id}/messages {text}.
func ReplyToConversation(svc *conversations.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in struct {
			Text string `json:"text"`
		}
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		m, err := svc.Reply(ctx, r.Caller, r.PathParameters["id"], in.Text)
		if err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusCreated, Body: viewMessage(m)}, nil
	}
}

func conversationAction(do func(context.Context, roster.Caller, string) (roster.Conversation, error)) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		c, err := do(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewConversation(c)}, nil
	}
}

// ClaimConversation is POST /conversations/{id}/claim.
func ClaimConversation(svc *conversations.Service) Operation { return conversationAction(svc.Claim) }

// ReleaseConversation is POST /conversations/{id}/release.
func ReleaseConversation(svc *conversations.Service) Operation {
	return conversationAction(svc.Release)
}

// MarkConversationRead is POST /conversations/{id}/read.
func MarkConversationRead(svc *conversations.Service) Operation {
	return conversationAction(svc.MarkRead)
}
