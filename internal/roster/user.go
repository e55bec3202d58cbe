package roster

import (
	"strings"
	"time"
)

// Role is what a user may do at a group and everything below it.
type Role string

// Roles, from most to least powerful.
const (
	RoleAdmin   Role = "admin"   // everything within the group's subtree
	RoleManager Role = "manager" // manage users and contacts within the subtree
	RoleAgent   Role = "agent"   // read and answer conversations
	RoleViewer  Role = "viewer"  // read only, no conversations
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	switch r {
	case RoleAdmin, RoleManager, RoleAgent, RoleViewer:
		return true
	}
	return false
}

// Grant is one role held at one group.
type Grant struct {
	Role    Role   `json:"role"`
	GroupID string `json:"groupId"`
}

// UserStatus is where a user is in their lifecycle.
type UserStatus string

// User statuses. Only active users may sign in.
const (
	UserInvited     UserStatus = "invited"     // created, has not finished setting up
	UserActive      UserStatus = "active"      // may sign in
	UserDeactivated UserStatus = "deactivated" // access removed, history kept
	UserDeleted     UserStatus = "deleted"     // removed, can be undeleted
)

// MaySignIn reports whether a user in this status may hold a session.
func (s UserStatus) MaySignIn() bool { return s == UserActive }

// User is a member of an organisation's team.
type User struct {
	ID            string
	OrgID         string
	Email         string // normalised: trimmed, lower case
	FirstName     string
	LastName      string
	JobTitle      string
	InternalTitle string // shown only to admins and managers
	CellPhone     string // E.164
	Status        UserStatus
	StatusBefore  UserStatus // the status before a soft delete, restored by undelete
	Grants        []Grant
	PasswordHash  string // argon2id PHC string; never leaves the service
	Invitation    *Invitation
	Version       int64 // bumped on every write; the ETag
	CreatedAt     time.Time
	UpdatedAt     time.Time

	// PasswordReset is nil until a reset was asked for.
	PasswordReset *PasswordReset
	// SessionsValidAfter ends every session begun before it; a password
	// reset and an administrator's "end all sessions" set it: one write
	// revokes all of a user's refresh and access tokens at once, however
	// many sessions they hold.
	SessionsValidAfter time.Time

	// MFA is the user's second factor (mfa.go); zero when they have none.
	MFA TOTPFactor
	// PendingEmail is the user's own request to change their email, until
	// it is confirmed, replaced or expires; nil when there is none.
	PendingEmail *EmailChange
}

// EndedSession reports whether s began before u's sessions were ended (by a
// password reset or an administrator): its tokens must not be honoured any
// more.
func (u User) EndedSession(s Session) bool { return s.CreatedAt.Before(u.SessionsValidAfter) }

// NewUserInput is what creating a user needs.
type NewUserInput struct {
	Email     string
	FirstName string
	LastName  string
	Password  string
}

// validateNewUser checks a new user; with needPassword, a password when one
// is given; with needNames, a first and last name (given names are checked
// either way).
func validateNewUser(v *Validation, prefix string, in *NewUserInput, needPassword, needNames bool) {
	email, err := NormaliseEmail(in.Email)
	if err != nil {
		v.Add(prefix+"email", err.Error())
	}
	in.Email = email
	in.FirstName = strings.TrimSpace(in.FirstName)
	in.LastName = strings.TrimSpace(in.LastName)
	checkName(v, prefix+"firstName", in.FirstName, needNames)
	checkName(v, prefix+"lastName", in.LastName, needNames)
	if !needPassword || in.Password == "" {
		return
	}
	if msg := PasswordProblem(in.Password, in.Email); msg != "" {
		v.Add(prefix+"password", msg)
	}
}

// DisplayName is how lists show u: their first and last name, or their
// email while they have neither (invited by email alone).
func (u User) DisplayName() string {
	if n := strings.TrimSpace(u.FirstName + " " + u.LastName); n != "" {
		return n
	}
	return u.Email
}

// SortNames are the last and first name u is listed by: their email in
// place of both while they have neither name, so that a user invited by
// email alone sorts, and is found by a name prefix, by their address.
func (u User) SortNames() (last, first string) {
	if u.FirstName == "" && u.LastName == "" {
		return u.Email, u.Email
	}
	return u.LastName, u.FirstName
}

// SeesInternalTitles reports whether c may see users' internal titles:
// admins and managers only, as the products Roster follows do.
func SeesInternalTitles(c Caller) bool {
	for _, g := range c.Grants {
		if g.Role == RoleAdmin || g.Role == RoleManager {
			return true
		}
	}
	return false
}
