package outbox

import (
	"context"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// messageWaiting tells a user that a customer's message waits: unclaimed
// in one of their groups, or unread in a conversation they claimed. It
// names the contact (name and number) and the group, says how long the
// message has waited when the mail goes out, and links to the conversation.
// A user no longer active is not mailed, and neither is one whose mail is
// retried after the message stopped waiting (stillWaiting).
func (s *Sender) messageWaiting(ctx context.Context, m roster.OutboxMail, now time.Time) (roster.Mail, afterSend, error) {
	u, err := s.Store.User(ctx, m.OrgID, m.UserID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.Mail{}, nil, errObsolete
	} else if err != nil {
		return roster.Mail{}, nil, err
	}
	if u.Status != roster.UserActive {
		return roster.Mail{}, nil, fmt.Errorf("%w: the user is no longer active", errObsolete)
	}
	d := m.Data
	if d["conversationId"] == "" {
		return roster.Mail{}, nil, fmt.Errorf("%w: no conversation in the entry", errObsolete)
	}
	if m.Attempts > 0 { // the notifier checked it when it queued the mail
		if err := s.stillWaiting(ctx, m); err != nil {
			return roster.Mail{}, nil, err
		}
	}
	contact := d["contactName"]
	if phone := d["contactPhone"]; phone != "" && phone != contact {
		contact += " (" + phone + ")"
	}
	waited := "a while"
	if at, err := time.Parse(time.RFC3339, d["receivedAt"]); err == nil {
		waited = waitedFor(now.Sub(at))
	}
	link := strings.TrimRight(s.AppBaseURL, "/") + "/conversations/" + d["conversationId"]
	var subject, text string
	if m.Kind == roster.MailMessageUnread {
		subject = fmt.Sprintf("Unread message from %s in %s", contact, d["groupName"])
		text = fmt.Sprintf("You claimed the conversation with %s in %s, and their latest message has been unread for %s.", contact, d["groupName"], waited)
	} else {
		subject = fmt.Sprintf("A message from %s is waiting in %s", contact, d["groupName"])
		text = fmt.Sprintf("%s wrote to %s %s ago, and nobody has claimed the conversation yet.", contact, d["groupName"], waited)
	}
	h := html.EscapeString
	body := fmt.Sprintf(`<p>Hello %s,</p><p>%s</p><p><a href="%s">Open the conversation</a></p>`, h(u.FirstName), h(text), h(link))
	return roster.Mail{To: []string{u.Email}, Subject: subject, Text: fmt.Sprintf("Hello %s,\n\n%s\n\nOpen the conversation:\n%s\n", u.FirstName, text, link), HTML: body}, nil, nil
}

// stillWaiting returns errObsolete when the message m is about no longer
// waits for its user: an unclaimed one was claimed; an unread one was read
// by its claimer, the conversation passed to someone else, or a newer
// message came (which has its own email).
func (s *Sender) stillWaiting(ctx context.Context, m roster.OutboxMail) error {
	conv, err := s.Store.Conversation(ctx, m.OrgID, m.Data["conversationId"])
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return fmt.Errorf("%w: the conversation is gone", errObsolete)
	} else if err != nil {
		return err
	}
	if m.Kind == roster.MailMessageUnread {
		if conv.ClaimedBy != m.UserID || conv.LastInboundID != m.Data["messageId"] || !conv.Unread() {
			return fmt.Errorf("%w: the message was read, or the conversation is no longer theirs", errObsolete)
		}
		return nil
	}
	if conv.ClaimedBy != "" {
		return fmt.Errorf("%w: the conversation was claimed", errObsolete)
	}
	return nil
}

// waitedFor says a wait the way a person would: "12 minutes", "2 hours 5 minutes".
func waitedFor(d time.Duration) string {
	mins := max(int(d.Round(time.Minute)/time.Minute), 1)
	if mins < 60 {
		return plural(mins, "minute")
	}
	out := plural(mins/60, "hour")
	if mins%60 != 0 {
		out += " " + plural(mins%60, "minute")
	}
	return out
}
