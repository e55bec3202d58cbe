// Package outbox sends the mail that changes queue (roster.OutboxMail):
// right after the change, and again from the SendMail schedule until it
// goes out. A transient SES failure is healed without anyone noticing.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/roster"
)

// Store is what sending needs.
type Store interface {
	roster.OutboxStore
	Organisation(ctx context.Context, orgID string) (roster.Organisation, error)
	User(ctx context.Context, orgID, userID string) (roster.User, error)
	// SetInvitationToken returns EConflict when the invitation is closed.
	// The token is only stored while the user's email is still email.
	SetInvitationToken(ctx context.Context, orgID, userID, email, tokenHash string, expiresAt time.Time) error
	// InvitationSent returns EConflict when a newer token replaced this one.
	InvitationSent(ctx context.Context, orgID, userID, tokenHash string, sentAt time.Time) error
	// SetPasswordResetToken returns EConflict when the user is no longer
	// active or their email is no longer email.
	SetPasswordResetToken(ctx context.Context, orgID, userID, email, tokenHash string, expiresAt time.Time) error
	// SetEmailChangeToken returns EConflict when the user's pending change
	// of email is no longer to email, has expired, or the user is not active.
	SetEmailChangeToken(ctx context.Context, orgID, userID, email, tokenHash string, now time.Time) error
	Import(ctx context.Context, orgID, id string) (roster.ContactImport, error)
	// Conversation returns ENotFound.
	Conversation(ctx context.Context, orgID, id string) (roster.Conversation, error)
}

// Sender renders and sends outbox mail.
type Sender struct {
	Store      Store
	Mail       roster.Mailer
	AppBaseURL string
	Log        *slog.Logger
	Now        func() time.Time
	// InvitationTTL is how long an invitation link works; zero means
	// roster.InvitationTTL.
	InvitationTTL time.Duration
}

// New returns a Sender that renders links to appBaseURL, makes invitation
// links that work for invitationTTL, and sends through mail.
func New(store Store, mail roster.Mailer, appBaseURL string, invitationTTL time.Duration, log *slog.Logger) *Sender {
	return &Sender{Store: store, Mail: mail, AppBaseURL: appBaseURL, Log: log, Now: time.Now, InvitationTTL: invitationTTL}
}

// lease is how long one sender holds an entry: longer than a send takes,
// short enough that a crashed sender's entry is soon retried.
const lease = 2 * time.Minute

// errObsolete marks mail that no longer has a reason to go out.
var errObsolete = errors.New("obsolete")

// Deliver sends one entry if nobody else is sending it. A failed send is
// recorded for a later attempt and returned.
func (s *Sender) Deliver(ctx context.Context, id string) error {
	_, err := s.deliver(ctx, id)
	return err
}

// deliver reports whether it sent the mail itself.
func (s *Sender) deliver(ctx context.Context, id string) (bool, error) {
	now := s.Now().UTC()
	m, err := s.Store.ClaimMail(ctx, id, now, lease)
	switch roster.ErrorCodeOf(err) {
	case "":
	case roster.EConflict, roster.ENotFound:
		return false, nil // another sender has it, or it is gone
	default:
		return false, err
	}
	l := s.Log.With("mailId", m.ID, "kind", m.Kind, "orgId", m.OrgID, "userId", m.UserID, "attempt", m.Attempts+1)
	mail, sent, err := s.render(ctx, m, now)
	if err == nil {
		err = s.Mail.Send(ctx, mail)
	}
	if errors.Is(err, errObsolete) {
		l.InfoContext(ctx, "mail no longer needed; dropped")
		return false, s.Store.MailSent(ctx, m.ID)
	}
	if err != nil {
		m.Attempts++
		m.NextAttemptAt = now.Add(roster.MailRetryDelay(m.Attempts))
		m.LastError = truncate(err.Error(), 300)
		l.WarnContext(ctx, "mail not sent; will retry", "err", err, "next", m.NextAttemptAt)
		if ferr := s.Store.MailFailed(ctx, m); ferr != nil {
			return false, errors.Join(err, ferr)
		}
		return false, err
	}
	l.InfoContext(ctx, "mail sent")
	if sent != nil {
		if err := sent(ctx); err != nil && roster.ErrorCodeOf(err) != roster.EConflict {
			l.WarnContext(ctx, "record that the mail went out", "err", err)
		}
	}
	return true, s.Store.MailSent(ctx, m.ID)
}

// DeliverDue sends every entry that is due, and reports how many went out
// and how many failed. One failure does not stop the others.
func (s *Sender) DeliverDue(ctx context.Context) (sent, failed int, err error) {
	due, err := s.Store.DueMail(ctx, s.Now().UTC(), 100)
	if err != nil {
		return 0, 0, err
	}
	for _, m := range due {
		ok, err := s.deliver(ctx, m.ID)
		switch {
		case err != nil:
			failed++
		case ok:
			sent++
		}
	}
	return sent, failed, nil
}

// afterSend records, once a mail went out, what depends on it.
type afterSend func(context.Context) error

func (s *Sender) render(ctx context.Context, m roster.OutboxMail, now time.Time) (roster.Mail, afterSend, error) {
	switch m.Kind {
	case roster.MailInvitation, roster.MailInvitationReminder:
		return s.invitation(ctx, m, now)
	case roster.MailWelcome:
		mail, err := s.welcome(ctx, m)
		return mail, nil, err
	case roster.MailEmailChangedOld, roster.MailEmailChangedNew:
		mail, err := s.emailChanged(ctx, m)
		return mail, nil, err
	case roster.MailPasswordReset:
		return s.passwordReset(ctx, m, now)
	case roster.MailEmailChangeConfirm:
		mail, err := s.emailChangeConfirm(ctx, m, now)
		return mail, nil, err
	case roster.MailEmailChangeRequested:
		mail, err := s.emailChangeRequested(ctx, m)
		return mail, nil, err
	case roster.MailMessageUnclaimed, roster.MailMessageUnread:
		return s.messageWaiting(ctx, m, now)
	case roster.MailImportReady, roster.MailImportFailed, roster.MailImportCompleted, roster.MailExportReady, roster.MailExportFailed:
		mail, err := s.contactsNotice(ctx, m)
		return mail, nil, err
	}
	return roster.Mail{}, nil, fmt.Errorf("%w: unknown mail kind %q", errObsolete, m.Kind)
}

// invitation makes a fresh token (the previous link stops working), stores
// its hash, and renders the welcome mail with the link; once sent, the
// invitation is marked sent.
func (s *Sender) invitation(ctx context.Context, m roster.OutboxMail, now time.Time) (roster.Mail, afterSend, error) {
	u, err := s.Store.User(ctx, m.OrgID, m.UserID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.Mail{}, nil, errObsolete
	} else if err != nil {
		return roster.Mail{}, nil, err
	}
	if u.Invitation == nil || !u.Invitation.AcceptedAt.IsZero() || !u.Invitation.RevokedAt.IsZero() ||
		(u.Status != roster.UserInvited && u.Status != roster.UserActive) {
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
	ttl := s.InvitationTTL
	if ttl <= 0 {
		ttl = roster.InvitationTTL
	}
	expires := now.Add(ttl)
	reminder := m.Kind == roster.MailInvitationReminder
	if reminder {
		// A reminder carries a new link to the same deadline, not a new week.
		if u.Invitation.State(now) != roster.InvitationPending {
			return roster.Mail{}, nil, errObsolete
		}
		expires = u.Invitation.ExpiresAt
	}
	// The mail goes to u.Email: if the email changes meanwhile, the token
	// is not stored and the link is dead (the edit queued a new one).
	err = s.Store.SetInvitationToken(ctx, m.OrgID, m.UserID, u.Email, auth.HashToken(secret), expires)
	if roster.ErrorCodeOf(err) == roster.EConflict {
		return roster.Mail{}, nil, errObsolete
	} else if err != nil {
		return roster.Mail{}, nil, err
	}
	token := roster.InvitationToken{OrgID: m.OrgID, UserID: m.UserID, Secret: secret}.String()
	link := strings.TrimRight(s.AppBaseURL, "/") + "/invitations/accept?token=" + url.QueryEscape(token)
	inviter, asker := m.ActorName, m.ActorName
	if inviter == "" {
		inviter, asker = "Your administrator", "your administrator"
	}
	until := expires.Format("Monday 2 January 2006, 15:04 UTC")
	text := fmt.Sprintf("%s\n\n%s has invited you to %s on Roster.\n\nFinish setting up your account here:\n%s\n\n"+
		"The link works once, until %s. If it has expired, ask %s to send a new one.\n",
		greeting(u), inviter, org.Name, link, until, asker)
	h := html.EscapeString
	body := fmt.Sprintf(`<p>%s</p><p>%s has invited you to <strong>%s</strong> on Roster.</p>`+
		`<p><a href="%s">Finish setting up your account</a></p><p>The link works once, until %s. If it has expired, ask %s to send a new one.</p>`,
		h(greeting(u)), h(inviter), h(org.Name), h(link), h(until), h(asker))
	hash := auth.HashToken(secret)
	sent := func(ctx context.Context) error { return s.Store.InvitationSent(ctx, m.OrgID, m.UserID, hash, now) }
	subject := fmt.Sprintf("%s invited you to %s on Roster", inviter, org.Name)
	if reminder {
		subject = "Reminder: " + subject + " (the link expires soon)"
	}
	return roster.Mail{To: []string{u.Email}, Subject: subject, Text: text, HTML: body}, sent, nil
}

// greeting opens a mail to u: by first name, or plainly for a user invited
// by email alone.
func greeting(u roster.User) string {
	if u.FirstName == "" {
		return "Hello,"
	}
	return "Hello " + u.FirstName + ","
}

// welcome tells a user created with a password that their account exists.
// It carries no link and no password: the creator gave them the password.
func (s *Sender) welcome(ctx context.Context, m roster.OutboxMail) (roster.Mail, error) {
	u, err := s.Store.User(ctx, m.OrgID, m.UserID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.Mail{}, errObsolete
	} else if err != nil {
		return roster.Mail{}, err
	}
	if u.Status != roster.UserActive {
		return roster.Mail{}, errObsolete
	}
	org, err := s.Store.Organisation(ctx, m.OrgID)
	if err != nil {
		return roster.Mail{}, err
	}
	actor := m.ActorName
	if actor == "" {
		actor = "Your administrator"
	}
	signIn := strings.TrimRight(s.AppBaseURL, "/") + "/login"
	text := fmt.Sprintf("%s\n\n%s has added you to %s on Roster.\n\nSign in at %s with %s and the password you were given. "+
		"If you do not have it, choose a new one through \"Forgot password\" there.\n", greeting(u), actor, org.Name, signIn, u.Email)
	h := html.EscapeString
	body := fmt.Sprintf(`<p>%s</p><p>%s has added you to <strong>%s</strong> on Roster.</p><p><a href="%s">Sign in</a> with %s and the password you were given. `+
		`If you do not have it, choose a new one through "Forgot password" there.</p>`, h(greeting(u)), h(actor), h(org.Name), h(signIn), h(u.Email))
	return roster.Mail{To: []string{u.Email}, Subject: fmt.Sprintf("Welcome to %s on Roster", org.Name), Text: text, HTML: body}, nil
}

// emailChanged tells an address that the sign-in email moved: the old one,
// so that a takeover does not go unnoticed, and the new one.
func (s *Sender) emailChanged(ctx context.Context, m roster.OutboxMail) (roster.Mail, error) {
	org, err := s.Store.Organisation(ctx, m.OrgID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.Mail{}, errObsolete
	} else if err != nil {
		return roster.Mail{}, err
	}
	old, now := m.Data["old"], m.Data["new"]
	to := now
	if m.Kind == roster.MailEmailChangedOld {
		to = old
	}
	if to == "" {
		return roster.Mail{}, fmt.Errorf("%w: no address in the entry", errObsolete)
	}
	actor := m.ActorName
	if actor == "" {
		actor = "an administrator"
	}
	text := fmt.Sprintf("Hello,\n\nThe email you sign in to %s on Roster with was changed from %s to %s by %s.\n\n"+
		"If you did not expect this, tell your administrator at once.\n", org.Name, old, now, actor)
	h := html.EscapeString
	body := fmt.Sprintf("<p>Hello,</p><p>The email you sign in to <strong>%s</strong> on Roster with was changed from %s to %s by %s.</p>"+
		"<p>If you did not expect this, tell your administrator at once.</p>", h(org.Name), h(old), h(now), h(actor))
	return roster.Mail{To: []string{to}, Subject: "Your Roster sign-in email was changed", Text: text, HTML: body}, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
