package outbox

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/roster"
)

// emailChangeConfirm makes a fresh confirmation token (an earlier link
// stops working), stores its hash on the pending change, and renders the
// mail to the new address with the link. The token is in the mail only.
func (s *Sender) emailChangeConfirm(ctx context.Context, m roster.OutboxMail, now time.Time) (roster.Mail, error) {
	u, err := s.Store.User(ctx, m.OrgID, m.UserID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.Mail{}, errObsolete
	} else if err != nil {
		return roster.Mail{}, err
	}
	to := m.Data["new"]
	if p := u.PendingEmail; p == nil || p.Email != to || to == "" {
		return roster.Mail{}, errObsolete // replaced or confirmed since
	}
	org, err := s.Store.Organisation(ctx, m.OrgID)
	if err != nil {
		return roster.Mail{}, err
	}
	secret, err := auth.RandomToken(32)
	if err != nil {
		return roster.Mail{}, err
	}
	err = s.Store.SetEmailChangeToken(ctx, m.OrgID, m.UserID, to, auth.HashToken(secret), now)
	if roster.ErrorCodeOf(err) == roster.EConflict {
		return roster.Mail{}, errObsolete
	} else if err != nil {
		return roster.Mail{}, err
	}
	token := roster.EmailChangeToken{OrgID: m.OrgID, UserID: m.UserID, Secret: secret}.String()
	link := strings.TrimRight(s.AppBaseURL, "/") + "/confirm-email?token=" + url.QueryEscape(token)
	until := u.PendingEmail.ExpiresAt.Format("15:04 UTC on Monday 2 January 2006")
	text := fmt.Sprintf("Hello %s,\n\nYou asked to sign in to %s on Roster with this address (%s) instead of %s.\n\n"+
		"Confirm it here:\n%s\n\nThe link works once, until %s. Until then nothing changes. Once confirmed, every device signed in "+
		"to your account is signed out; sign in again with this address.\n\nIf you did not ask for this, ignore this email.\n",
		u.FirstName, org.Name, to, u.Email, link, until)
	h := html.EscapeString
	body := fmt.Sprintf(`<p>Hello %s,</p><p>You asked to sign in to <strong>%s</strong> on Roster with this address (%s) instead of %s.</p>`+
		`<p><a href="%s">Confirm your new email</a></p><p>The link works once, until %s. Until then nothing changes. Once confirmed, every device `+
		`signed in to your account is signed out; sign in again with this address.</p><p>If you did not ask for this, ignore this email.</p>`,
		h(u.FirstName), h(org.Name), h(to), h(u.Email), h(link), h(until))
	return roster.Mail{To: []string{to}, Subject: "Confirm your new Roster email for " + org.Name, Text: text, HTML: body}, nil
}

// emailChangeRequested tells the old address that a change was asked for,
// so that someone holding a stolen session cannot move the account away
// unnoticed. It goes out even if the change was replaced since: it was
// asked for.
func (s *Sender) emailChangeRequested(ctx context.Context, m roster.OutboxMail) (roster.Mail, error) {
	org, err := s.Store.Organisation(ctx, m.OrgID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.Mail{}, errObsolete
	} else if err != nil {
		return roster.Mail{}, err
	}
	old, next := m.Data["old"], m.Data["new"]
	if old == "" || next == "" {
		return roster.Mail{}, fmt.Errorf("%w: no address in the entry", errObsolete)
	}
	text := fmt.Sprintf("Hello,\n\nSomeone asked to change the email you sign in to %s on Roster with from %s to %s. "+
		"Nothing changes unless the link sent to %s is used within 24 hours.\n\n"+
		"If it wasn't you, change your password at once and tell your administrator.\n", org.Name, old, next, next)
	h := html.EscapeString
	body := fmt.Sprintf("<p>Hello,</p><p>Someone asked to change the email you sign in to <strong>%s</strong> on Roster with from %s to %s. "+
		"Nothing changes unless the link sent to %s is used within 24 hours.</p>"+
		"<p>If it wasn't you, change your password at once and tell your administrator.</p>", h(org.Name), h(old), h(next), h(next))
	return roster.Mail{To: []string{old}, Subject: "Someone asked to change your Roster email", Text: text, HTML: body}, nil
}
