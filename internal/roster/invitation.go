package roster

import (
	"strconv"
	"strings"
	"time"
)

// InvitationTTL is how long an invitation link works.
const InvitationTTL = 7 * 24 * time.Hour

// Invitation is the state of a user's welcome link. The token itself is
// never stored: only its hash, made when the mail is sent.
type Invitation struct {
	TokenHash    string
	SentAt       time.Time // zero until the mail went out
	ExpiresAt    time.Time
	AcceptedAt   time.Time
	Resends      int // within the hour starting at ResendWindow
	ResendWindow time.Time
	RemindedAt   time.Time // when the "expires soon" reminder was queued
	RevokedAt    time.Time // an administrator withdrew the link; a resend clears it
}

// MaxResendsPerHour bounds how often an invitation is sent again, so that a
// resend button cannot be used to flood someone's inbox.
const MaxResendsPerHour = 3

// Resend returns the invitation as it is after one more resend at now, or
// EConflict (invitation_accepted) or ETooManyRequests (too_many_resends).
// A resend of a revoked invitation invites the user again.
func (i Invitation) Resend(now time.Time) (Invitation, error) {
	if !i.AcceptedAt.IsZero() {
		return i, WithReason(EConflict, "invitation_accepted", "the user already accepted the invitation")
	}
	i.RevokedAt = time.Time{}
	if now.Sub(i.ResendWindow) >= time.Hour {
		i.Resends, i.ResendWindow = 0, now
	}
	if i.Resends >= MaxResendsPerHour {
		e := WithReason(ETooManyRequests, "too_many_resends", "the invitation was sent again 3 times this hour; wait before sending it once more")
		e.RetryAfter = i.ResendWindow.Add(time.Hour).Sub(now)
		return i, e
	}
	i.Resends++
	return i, nil
}

// NeedsReminder reports whether a sent, unaccepted invitation expiring
// within a day of now should get its one reminder.
func (i *Invitation) NeedsReminder(now time.Time) bool {
	return i != nil && i.State(now) == InvitationPending && i.RemindedAt.IsZero() && i.ExpiresAt.Sub(now) <= 24*time.Hour
}

// Revoke withdraws an invitation that was not accepted: its link stops
// working at once (AcceptInvitation answers invitation_revoked) and no
// reminder goes out; a resend invites the user again. Revoking a revoked
// invitation returns it unchanged. Returns EConflict (not_invited,
// invitation_accepted).
func (i *Invitation) Revoke(now time.Time) (Invitation, error) {
	switch {
	case i == nil:
		return Invitation{}, WithReason(EConflict, "not_invited", "the user was never invited")
	case !i.AcceptedAt.IsZero():
		return *i, WithReason(EConflict, "invitation_accepted", "the user already accepted the invitation")
	case !i.RevokedAt.IsZero():
		return *i, nil
	}
	out := *i
	out.RevokedAt = now
	return out, nil
}

// InvitationState is what the user list shows about an invitation.
type InvitationState string

// Invitation states. The API shows queued as pending: to the inviter a
// link on its way is a pending invitation.
const (
	InvitationNone     InvitationState = "none"     // never invited (created inactive, or with a password)
	InvitationQueued   InvitationState = "queued"   // the mail is waiting to be sent
	InvitationPending  InvitationState = "pending"  // sent, not yet accepted, still valid
	InvitationExpired  InvitationState = "expired"  // sent, not accepted in time
	InvitationAccepted InvitationState = "accepted" // the user finished setting up
	InvitationRevoked  InvitationState = "revoked"  // withdrawn by an administrator before it was accepted
)

// Shown is the state as the API and the audit trail show it: a link still
// on its way is pending to the inviter.
func (s InvitationState) Shown() InvitationState {
	if s == InvitationQueued {
		return InvitationPending
	}
	return s
}

// State says where the invitation stands at now.
func (i *Invitation) State(now time.Time) InvitationState {
	switch {
	case i == nil:
		return InvitationNone
	case !i.AcceptedAt.IsZero():
		return InvitationAccepted
	case !i.RevokedAt.IsZero():
		return InvitationRevoked
	case i.SentAt.IsZero():
		return InvitationQueued
	case !now.Before(i.ExpiresAt):
		return InvitationExpired
	}
	return InvitationPending
}

// InvitationToken is what the link carries: the user it is for, and a
// secret of 256 random bits whose hash the user item keeps.
type InvitationToken struct {
	OrgID, UserID, Secret string
}

// String is the token as it appears in the link.
func (t InvitationToken) String() string { return t.OrgID + "." + t.UserID + "." + t.Secret }

// ParseInvitationToken reads a token from a link; ok is false for anything
// malformed.
func ParseInvitationToken(s string) (InvitationToken, bool) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || len(parts[2]) < 32 || len(s) > 256 {
		return InvitationToken{}, false
	}
	return InvitationToken{OrgID: parts[0], UserID: parts[1], Secret: parts[2]}, true
}

// PasswordOption says how a new user gets their first password.
type PasswordOption string

// Password options, as RequestProTracker offers them.
const (
	PasswordByInvitation PasswordOption = "invitation" // the user chooses one through the welcome link
	PasswordSet          PasswordOption = "set"        // the creator types it
	PasswordGenerated    PasswordOption = "generate"   // a strong random one, shown once to the creator
)

// CreateUserInput is what creating a user takes.
type CreateUserInput struct {
	Email          string
	FirstName      string
	LastName       string
	JobTitle       string
	InternalTitle  string
	CellPhone      string
	Roles          []Grant
	Active         *bool // default true: the welcome mail goes out at once
	PasswordOption PasswordOption
	Password       string // only with PasswordSet
}

// ValidateCreateUser normalises in and reports every bad field. Names are
// optional for a user invited by email (they give them when they accept)
// and required with a password set or generated: nobody asks for them
// later. phone
// normalises a cell phone number to E.164 (it lives outside the domain:
// its library is heavy). Grants are checked against the rules separately.
// Returns EInvalid.
func ValidateCreateUser(in *CreateUserInput, phone func(string) (string, error)) error {
	var v Validation
	invited := in.PasswordOption == "" || in.PasswordOption == PasswordByInvitation
	nu := NewUserInput{Email: in.Email, FirstName: in.FirstName, LastName: in.LastName}
	validateNewUser(&v, "", &nu, false, !invited)
	in.Email, in.FirstName, in.LastName = nu.Email, nu.FirstName, nu.LastName
	in.JobTitle, in.InternalTitle = strings.TrimSpace(in.JobTitle), strings.TrimSpace(in.InternalTitle)
	checkName(&v, "jobTitle", in.JobTitle, false)
	checkName(&v, "internalTitle", in.InternalTitle, false)
	if in.CellPhone = strings.TrimSpace(in.CellPhone); in.CellPhone != "" {
		e164, err := phone(in.CellPhone)
		if err != nil {
			v.Add("cellPhone", err.Error())
		}
		in.CellPhone = e164
	}
	if len(in.Roles) == 0 {
		v.Add("roles", "must grant at least one role at a group")
	}
	for i, g := range in.Roles {
		if !g.Role.Valid() {
			v.Add(indexed("roles", i, "role"), "must be admin, manager, agent or viewer")
		}
		if strings.TrimSpace(g.GroupID) == "" {
			v.Add(indexed("roles", i, "groupId"), "is required")
		}
	}
	if in.Active == nil {
		t := true
		in.Active = &t
	}
	switch in.PasswordOption {
	case "":
		in.PasswordOption = PasswordByInvitation
		fallthrough
	case PasswordByInvitation, PasswordGenerated:
		if in.Password != "" {
			v.Add("password", "is only taken with passwordOption set")
		}
	case PasswordSet:
		if msg := PasswordProblem(in.Password, in.Email); msg != "" {
			v.Add("password", msg)
		}
	default:
		v.Add("passwordOption", "must be invitation, set or generate")
	}
	return v.Err()
}

func indexed(list string, i int, field string) string {
	return list + "[" + strconv.Itoa(i) + "]." + field
}

// AcceptNames are the names an invited user gives when they accept; empty
// keeps the stored one.
type AcceptNames struct {
	FirstName, LastName string
}

// ValidateAccept checks what u gives to accept their invitation: the
// password they chose, and the names, normalised in place. Each name u does
// not have yet is required (names are optional at invitation); given names
// are checked as at creation and replace the stored ones. Returns EInvalid
// naming password, firstName or lastName.
func ValidateAccept(u User, names *AcceptNames, password string) error {
	var v Validation
	names.FirstName, names.LastName = strings.TrimSpace(names.FirstName), strings.TrimSpace(names.LastName)
	checkName(&v, "firstName", names.FirstName, u.FirstName == "")
	checkName(&v, "lastName", names.LastName, u.LastName == "")
	if msg := PasswordProblem(password, u.Email); msg != "" {
		v.Add("password", msg)
	}
	return v.Err()
}

// ForgetAutomaticInvitation drops from u the invitation that Roster queued
// by itself, before it knew better, for users created with a password
// (passwordOption set or generate, an organisation's first administrator
// with a password): they were never invited, yet showed "pending" while
// they signed in. Such an invitation is told apart by its user holding a
// password hash although the invitation was never accepted, resent or
// revoked: a user invited by email gets a password only by accepting (in
// the same write), and a password reset needs an active user, which an
// invited user becomes only by accepting. Users created with a password now
// get no invitation at all; this keeps the ones stored earlier right on
// every read (and a later write of the user drops it from the item).
func ForgetAutomaticInvitation(u *User) {
	i := u.Invitation
	if i != nil && u.PasswordHash != "" && i.AcceptedAt.IsZero() && i.ResendWindow.IsZero() && i.RevokedAt.IsZero() {
		u.Invitation = nil
	}
}
