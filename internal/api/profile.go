package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

// updateMeRequest takes the fields of a profile, and reads those that only
// an administrator changes so as to refuse them by name rather than as
// unknown.
type updateMeRequest struct {
	FirstName     *string         `json:"firstName"`
	LastName      *string         `json:"lastName"`
	JobTitle      *string         `json:"jobTitle"`
	CellPhone     *string         `json:"cellPhone"`
	Email         json.RawMessage `json:"email"`
	Roles         json.RawMessage `json:"roles"`
	InternalTitle json.RawMessage `json:"internalTitle"`
	Status        json.RawMessage `json:"status"`
}

// UpdateMe is PATCH /me with If-Match: the caller's names, job title and
// cell phone.
func UpdateMe(e *users.Editor) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, true)
		if err != nil {
			return Response{}, err
		}
		var in updateMeRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		p := roster.ProfileInput{FirstName: in.FirstName, LastName: in.LastName, JobTitle: in.JobTitle, CellPhone: in.CellPhone}
		for _, f := range []struct {
			name string
			raw  json.RawMessage
		}{{"email", in.Email}, {"roles", in.Roles}, {"internalTitle", in.InternalTitle}, {"status", in.Status}} {
			if len(f.raw) > 0 {
				p.Refused = append(p.Refused, f.name)
			}
		}
		u, err := e.UpdateProfile(ctx, r.Caller, p, version)
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewMe(u, r.Caller, time.Now()), Headers: map[string]string{"ETag": etag(u.Version)}}, nil
	}
}

type changePasswordRequest struct {
	CurrentPassword string `json:"currentPassword"`
	NewPassword     string `json:"newPassword"`
}

// ChangeMyPassword is POST /me/password: every other session of the caller
// ends, and the caller gets the tokens of a new one.
func ChangeMyPassword(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in changePasswordRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		tokens, err := svc.ChangePassword(ctx, r.Caller, in.CurrentPassword, in.NewPassword, clientOf(r))
		if err != nil {
			return Response{}, err
		}
		return Response{Body: tokens}, nil
	}
}

type emailChangeRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// EmailChangeView is a change of email waiting for its confirmation.
type EmailChangeView struct {
	PendingEmail string `json:"pendingEmail"`
	ExpiresAt    string `json:"expiresAt"`
}

// RequestEmailChange is POST /me/email: a confirmation link goes to the
// new address and a notice to the old one, at once; if SES fails, the
// SendMail schedule sends them later. Nothing else changes until the link
// is used.
func RequestEmailChange(svc *auth.Service, sender *outbox.Sender) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in emailChangeRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		p, mails, err := svc.RequestEmailChange(ctx, r.Caller, in.Email, in.Password, r.RequestContext.HTTP.SourceIP)
		if err != nil {
			return Response{}, err
		}
		for _, id := range mails {
			if err := sender.Deliver(ctx, id); err != nil {
				r.Log.WarnContext(ctx, "mail not sent yet; the SendMail schedule retries it", "err", err)
			}
		}
		return Response{Status: http.StatusAccepted, Body: EmailChangeView{PendingEmail: p.Email, ExpiresAt: rfc3339(p.ExpiresAt)}}, nil
	}
}

type confirmEmailRequest struct {
	Token string `json:"token"`
}

// ConfirmEmailChange is POST /auth/email/confirm, from the link mailed to
// the new address: the email changes and every session of the user ends.
func ConfirmEmailChange(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in confirmEmailRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		if err := svc.ConfirmEmailChange(ctx, in.Token); err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusNoContent}, nil
	}
}
