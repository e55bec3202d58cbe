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

// passwordReset makes a fresh reset token (the previous link stops
// working), stores its hash, and renders the mail with the link. The token
// is in the mail only: never logged, never stored.
func (s *Sender) passwordReset(ctx context.Context, m roster.OutboxMail, now time.Time) (roster.Mail, afterSend, error) {
	u, err := s.Store.User(ctx, m.OrgID, m.UserID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.Mail{}, nil, errObsolete
	} else if err != nil {
		return roster.Mail{}, nil, err
	}
	if u.Status != roster.UserActive {
		return roster.Mail{}, nil, errObsolete
	}
	org, err := s.Store.Organisation(ctx, m.OrgID)
	if err != nil {
		return roster.Mail{}, nil, err
	}
	secret, err := auth.RandomToken(32)
	if err != nil {
		return roster.Mail{}, nil, err
	}
	expires := now.Add(roster.PasswordResetTTL)
	// The mail goes to u.Email: if the email changes meanwhile, no token is
	// stored and the link is dead.
	err = s.Store.SetPasswordResetToken(ctx, m.OrgID, m.UserID, u.Email, auth.HashToken(secret), expires)
	if roster.ErrorCodeOf(err) == roster.EConflict {
		return roster.Mail{}, nil, errObsolete
	} else if err != nil {
		return roster.Mail{}, nil, err
	}
	token := roster.ResetToken{OrgID: m.OrgID, UserID: m.UserID, Secret: secret}.String()
	link := strings.TrimRight(s.AppBaseURL, "/") + "/password/reset?token=" + url.QueryEscape(token)
	until := expires.Format("15:04 UTC on Monday 2 January 2006")
	text := fmt.Sprintf("Hello %s,\n\nSomeone, hopefully you, asked to reset the password of your Roster account at %s (%s).\n\n"+
		"Choose a new password here:\n%s\n\nThe link works once, until %s. Once the password is changed, every device signed in to "+
		"your account is signed out.\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n",
		u.FirstName, org.Name, u.Email, link, until)
	h := html.EscapeString
	body := fmt.Sprintf(`<p>Hello %s,</p><p>Someone, hopefully you, asked to reset the password of your Roster account at <strong>%s</strong> (%s).</p>`+
		`<p><a href="%s">Choose a new password</a></p><p>The link works once, until %s. Once the password is changed, every device signed in to `+
		`your account is signed out.</p><p>If you did not ask for this, ignore this email: your password stays as it is.</p>`,
		h(u.FirstName), h(org.Name), h(u.Email), h(link), h(until))
	return roster.Mail{To: []string{u.Email}, Subject: "Reset your Roster password for " + org.Name, Text: text, HTML: body}, nil, nil
}
