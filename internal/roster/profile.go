package roster

import (
	"errors"
	"time"
)

// ProfileInput is what a user may change of their own record ("My
// profile"); nil leaves a field. Refused lists the fields the request also
// sent that only an administrator changes, or that have their own route.
type ProfileInput struct {
	FirstName *string
	LastName  *string
	JobTitle  *string
	CellPhone *string // "" removes it
	Refused   []string
}

// profileRefusals says why each field a profile does not edit is refused.
var profileRefusals = map[string]string{
	"email":         "change it with POST /me/email: the new address must confirm it first",
	"roles":         "is set by an administrator, not in your profile",
	"internalTitle": "is set by an administrator, not in your profile",
	"status":        "is set by an administrator, not in your profile",
}

// ValidateProfile normalises in (with the rules of ValidateUpdateUser) and
// returns it as an edit of the user, or EInvalid naming every bad or
// refused field.
func ValidateProfile(in ProfileInput, phone func(string) (string, error)) (UpdateUserInput, error) {
	var v Validation
	for _, f := range in.Refused {
		msg, ok := profileRefusals[f]
		if !ok {
			msg = "cannot be changed in your profile"
		}
		v.Add(f, msg)
	}
	edit := UpdateUserInput{FirstName: in.FirstName, LastName: in.LastName, JobTitle: in.JobTitle, CellPhone: in.CellPhone}
	var e *Error
	if err := ValidateUpdateUser(&edit, phone); errors.As(err, &e) {
		v.fields = append(v.fields, e.Fields...)
	} else if err != nil {
		return edit, err
	}
	return edit, v.Err()
}

// CanEditProfile says whether u may change their own profile, password or
// email: every user who may sign in. Returns nil or EForbidden.
func CanEditProfile(u User) error {
	if !u.Status.MaySignIn() {
		return WithReason(EForbidden, "not_active", "only an active user changes their profile")
	}
	return nil
}

// EmailChangeTTL is how long the link that confirms a new email works.
const EmailChangeTTL = 24 * time.Hour

// EmailChange is a user's request to sign in with another address: nothing
// changes until the link mailed to the new address is used. As for
// invitations, only the hash of the link's token is kept, made when the
// mail is sent.
type EmailChange struct {
	Email       string // the new address, normalised
	TokenHash   string // "" until the confirmation mail is sent
	RequestedAt time.Time
	ExpiresAt   time.Time
}

// Mail kinds of a change of email asked for by the user themself.
const (
	MailEmailChangeConfirm   MailKind = "email_change_confirm"   // to the new address, with the link; Data: new
	MailEmailChangeRequested MailKind = "email_change_requested" // to the old address, a notice; Data: old, new
)

// EmailChangeToken is what a confirmation link carries: the user it is for
// and a secret of 256 random bits whose hash the user item keeps. Written
// like an InvitationToken.
type EmailChangeToken struct {
	OrgID, UserID, Secret string
}

// String is the token as it appears in the link.
func (t EmailChangeToken) String() string { return InvitationToken(t).String() }

// ParseEmailChangeToken reads a token from a link; ok is false for
// anything malformed.
func ParseEmailChangeToken(s string) (EmailChangeToken, bool) {
	t, ok := ParseInvitationToken(s)
	return EmailChangeToken(t), ok
}
