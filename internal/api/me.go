package api

import (
	"context"
	"fmt"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// UserView is a user as the API shows it.
type UserView struct {
	ID            string          `json:"id"`
	OrgID         string          `json:"orgId"`
	Email         string          `json:"email"`
	FirstName     string          `json:"firstName"`
	LastName      string          `json:"lastName"`
	DisplayName   string          `json:"displayName"` // first and last name, or the email while both are missing
	JobTitle      string          `json:"jobTitle,omitempty"`
	InternalTitle string          `json:"internalTitle,omitempty"`
	CellPhone     string          `json:"cellPhone,omitempty"`
	Status        string          `json:"status"`
	Roles         []roster.Grant  `json:"roles"`
	Invitation    *InvitationView `json:"invitation,omitempty"`
	CreatedAt     string          `json:"createdAt"`
	UpdatedAt     string          `json:"updatedAt"`
	// MFA is shown by GET /me only: the caller's own second factor.
	MFA *MFAView `json:"mfa,omitempty"`
}

// InvitationView is where a user's invitation stands: none, pending,
// accepted, expired or revoked. A link still on its way (queued inside) is
// pending; sentAt says whether it went out.
type InvitationView struct {
	State     string `json:"state"`
	SentAt    string `json:"sentAt,omitempty"`
	ExpiresAt string `json:"expiresAt,omitempty"`
	RevokedAt string `json:"revokedAt,omitempty"`
}

func viewInvitation(i *roster.Invitation, now time.Time) *InvitationView {
	v := &InvitationView{State: string(i.State(now).Shown())}
	if i == nil {
		return v
	}
	if !i.SentAt.IsZero() {
		v.SentAt = rfc3339(i.SentAt)
	}
	if !i.ExpiresAt.IsZero() {
		v.ExpiresAt = rfc3339(i.ExpiresAt)
	}
	if !i.RevokedAt.IsZero() {
		v.RevokedAt = rfc3339(i.RevokedAt)
	}
	return v
}

// viewUser shows u to viewer at now; the internal title only to admins and
// managers.
func viewUser(u roster.User, viewer roster.Caller, now time.Time) UserView {
	v := UserView{
		ID: u.ID, OrgID: u.OrgID, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName, DisplayName: u.DisplayName(),
		Invitation: viewInvitation(u.Invitation, now), JobTitle: u.JobTitle, CellPhone: u.CellPhone, Status: string(u.Status), Roles: u.Grants,
		CreatedAt: rfc3339(u.CreatedAt), UpdatedAt: rfc3339(u.UpdatedAt),
	}
	if v.Roles == nil {
		v.Roles = []roster.Grant{}
	}
	if roster.SeesInternalTitles(viewer) {
		v.InternalTitle = u.InternalTitle
	}
	return v
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func etag(version int64) string { return fmt.Sprintf(`"v%d"`, version) }

// MeView is the signed-in user as GET and PATCH /me show them: with the
// change of email they asked for, while it waits for confirmation.
type MeView struct {
	UserView
	PendingEmail          string `json:"pendingEmail,omitempty"`
	PendingEmailExpiresAt string `json:"pendingEmailExpiresAt,omitempty"`
	// Can is shown by GET /me only: the actions the caller may do at some
	// group, so that a client shows what the caller's roles allow without a
	// copy of the permissions table.
	Can []roster.Action `json:"can,omitempty"`
	// MFAEnrolmentRequired is shown by GET /me only: this session may only
	// enrol a second factor (the organisation requires one of
	// administrators), so it may do nothing else yet and Can is empty.
	MFAEnrolmentRequired bool `json:"mfaEnrolmentRequired,omitempty"`
}

func viewMe(u roster.User, c roster.Caller, now time.Time) MeView {
	v := MeView{UserView: viewUser(u, c, now)}
	if p := u.PendingEmail; p != nil && now.Before(p.ExpiresAt) {
		v.PendingEmail, v.PendingEmailExpiresAt = p.Email, rfc3339(p.ExpiresAt)
	}
	return v
}

// GetMe is GET /me, with the caller's second factor. Allowed during
// enrolment (api.DuringEnrolment).
func GetMe(store interface {
	roster.UserStore
	roster.GroupLister
}) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		u, err := store.User(ctx, r.Caller.OrgID, r.Caller.UserID)
		if err != nil {
			return Response{}, err
		}
		tree, err := roster.LoadGroupTree(ctx, store, r.Caller.OrgID)
		if err != nil {
			return Response{}, err
		}
		v := viewMe(u, r.Caller, time.Now())
		v.MFA = viewMFA(u.MFA)
		v.Can = roster.Abilities(r.Caller, tree)
		if r.Caller.MFAEnrolmentOnly {
			v.Can, v.MFAEnrolmentRequired = []roster.Action{}, true
		}
		return Response{Body: v, Headers: map[string]string{"ETag": etag(u.Version)}}, nil
	}
}
