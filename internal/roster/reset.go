package roster

import "time"

// MailPasswordReset is the mail with a link to choose a new password.
const MailPasswordReset MailKind = "password_reset"

// PasswordResetTTL is how long a reset link works: short, because whoever
// holds the link can take the account over.
const PasswordResetTTL = time.Hour

// Reset mails are limited per user, so that the public "forgot password"
// form cannot be used to flood someone's inbox: at most MaxResetMails within
// ResetMailWindow of the first.
const (
	MaxResetMails   = 3
	ResetMailWindow = time.Hour
)

// PasswordReset is the state of a user's password reset: the newest link
// and how many mails were asked for lately. As for invitations, the token
// itself is never stored: only its hash, made when the mail is sent.
type PasswordReset struct {
	TokenHash   string    // "" until a link is sent, and again once it was used
	ExpiresAt   time.Time // of the link whose hash is TokenHash
	RequestedAt time.Time // the latest accepted request
	WindowStart time.Time // the first request of the current window
	Requests    int       // requests accepted within the window
}

// Request returns the state after one more request for a reset mail at now,
// and false when the user already had MaxResetMails within the window: then
// nothing is sent, and the caller is not told. r may be nil (never asked).
// The link already sent stays as it is until the new mail replaces it.
func (r *PasswordReset) Request(now time.Time) (PasswordReset, bool) {
	var next PasswordReset
	if r != nil {
		next = *r
	}
	if r == nil || now.Sub(next.WindowStart) >= ResetMailWindow {
		next.WindowStart, next.Requests = now, 0
	}
	if next.Requests >= MaxResetMails {
		return next, false
	}
	next.Requests++
	next.RequestedAt = now
	return next, true
}

// ResetToken is what a reset link carries: the user it is for and a secret
// of 256 random bits whose hash the user item keeps. It is written like an
// InvitationToken; the two never match each other's hash.
type ResetToken struct {
	OrgID, UserID, Secret string
}

// String is the token as it appears in the link.
func (t ResetToken) String() string { return InvitationToken(t).String() }

// ParseResetToken reads a token from a link; ok is false for anything
// malformed.
func ParseResetToken(s string) (ResetToken, bool) {
	t, ok := ParseInvitationToken(s)
	return ResetToken(t), ok
}
