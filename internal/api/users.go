package api

import (
	"context"
	"net/http"
	"time"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

type createUserRequest struct {
	Email          string         `json:"email"`
	FirstName      string         `json:"firstName"`
	LastName       string         `json:"lastName"`
	JobTitle       string         `json:"jobTitle"`
	InternalTitle  string         `json:"internalTitle"`
	CellPhone      string         `json:"cellPhone"`
	Roles          []roster.Grant `json:"roles"`
	Active         *bool          `json:"active"`
	PasswordOption string         `json:"passwordOption"`
	Password       string         `json:"password"`
}

// CreatedUserView is a new user, with the generated password once.
type CreatedUserView struct {
	UserView
	GeneratedPassword string `json:"generatedPassword,omitempty"`
}

// CreateUser is POST /users. The welcome mail is queued with the user and
// sent at once; if SES fails, the SendMail schedule sends it later.
func CreateUser(svc *users.Service, sender *outbox.Sender) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in createUserRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		c, err := svc.Create(ctx, r.Caller, roster.CreateUserInput{
			Email: in.Email, FirstName: in.FirstName, LastName: in.LastName, JobTitle: in.JobTitle, InternalTitle: in.InternalTitle,
			CellPhone: in.CellPhone, Roles: in.Roles, Active: in.Active, PasswordOption: roster.PasswordOption(in.PasswordOption), Password: in.Password,
		})
		if err != nil {
			return Response{}, err
		}
		if c.Mail != nil {
			if err := sender.Deliver(ctx, c.Mail.ID); err != nil {
				r.Log.WarnContext(ctx, "welcome mail not sent yet; the SendMail schedule retries it", "err", err)
			}
		}
		u, err := svc.Get(ctx, r.Caller, c.User.ID) // the invitation as the send left it
		if err != nil {
			return Response{}, err
		}
		view := viewUser(u, r.Caller, time.Now())
		return Response{Status: http.StatusCreated,
			Body:    CreatedUserView{UserView: view, GeneratedPassword: c.GeneratedPassword},
			Replay:  CreatedUserView{UserView: view}, // the generated password is shown once and never stored
			Headers: map[string]string{"ETag": etag(u.Version), "Location": "/users/" + u.ID}}, nil
	}
}

// GetUser is GET /users/{id}.
func GetUser(svc *users.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		u, err := svc.Get(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewUser(u, r.Caller, time.Now()), Headers: map[string]string{"ETag": etag(u.Version)}}, nil
	}
}

// ListUsers is GET /users?group=&role=&status=&q=&limit=&cursor=: a page
// in name order.
func ListUsers(svc *users.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		q := r.QueryStringParameters
		s := scope("users", "group", q["group"], "role", q["role"], "status", q["status"], "q", q["q"])
		limit, after, err := pageParams(r, s)
		if err != nil {
			return Response{}, err
		}
		p, err := svc.List(ctx, r.Caller, users.Filter{GroupID: q["group"], Role: roster.Role(q["role"]), Status: roster.UserStatus(q["status"]),
			Text: q["q"], After: after, Limit: limit})
		if err != nil {
			return Response{}, err
		}
		now := time.Now()
		page := Page[UserView]{Items: make([]UserView, 0, len(p.Users))}
		if page.NextCursor, err = r.sealCursor(s, p.Next); err != nil {
			return Response{}, err
		}
		for _, u := range p.Users {
			page.Items = append(page.Items, viewUser(u, r.Caller, now))
		}
		return Response{Body: page}, nil
	}
}

type acceptInvitationRequest struct {
	Token     string `json:"token"`
	Password  string `json:"password"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

// AcceptInvitation is POST /auth/invitations/accept: the invited user sets
// a password, gives the names they were invited without (or corrects the
// others), and is signed in.
func AcceptInvitation(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in acceptInvitationRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		tokens, err := svc.AcceptInvitation(ctx, in.Token, in.Password, roster.AcceptNames{FirstName: in.FirstName, LastName: in.LastName}, clientOf(r))
		if err != nil {
			return Response{}, err
		}
		return Response{Body: tokens}, nil
	}
}

type updateUserRequest struct {
	Email         *string         `json:"email"`
	FirstName     *string         `json:"firstName"`
	LastName      *string         `json:"lastName"`
	JobTitle      *string         `json:"jobTitle"`
	InternalTitle *string         `json:"internalTitle"`
	CellPhone     *string         `json:"cellPhone"`
	Roles         *[]roster.Grant `json:"roles"`
}

// UpdateUser is PATCH /users/{id} with If-Match.
func UpdateUser(e *users.Editor, sender *outbox.Sender) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, true)
		if err != nil {
			return Response{}, err
		}
		var in updateUserRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		ed, err := e.Update(ctx, r.Caller, r.PathParameters["id"], roster.UpdateUserInput{
			Email: in.Email, FirstName: in.FirstName, LastName: in.LastName, JobTitle: in.JobTitle,
			InternalTitle: in.InternalTitle, CellPhone: in.CellPhone, Roles: in.Roles,
		}, version)
		if err != nil {
			return Response{}, err
		}
		for _, m := range ed.Mails {
			if err := sender.Deliver(ctx, m.ID); err != nil {
				r.Log.WarnContext(ctx, "mail not sent yet; the SendMail schedule retries it", "err", err)
			}
		}
		return Response{Body: viewUser(ed.User, r.Caller, time.Now()), Headers: map[string]string{"ETag": etag(ed.User.Version)}}, nil
	}
}
