package api

import (
	"context"
	"net/http"
	"time"

	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

// ChangeUserStatus is POST /users/{id}/deactivate, /activate and /undelete.
// sender, when set, sends at once the invitation an activation queues.
func ChangeUserStatus(l *users.Lifecycle, a roster.LifecycleAction, sender *outbox.Sender) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		ch, err := l.Apply(ctx, r.Caller, r.PathParameters["id"], a)
		if err != nil {
			return Response{}, err
		}
		u := ch.User
		if sender != nil && ch.Mail != nil {
			if err := sender.Deliver(ctx, ch.Mail.ID); err != nil {
				r.Log.WarnContext(ctx, "invitation not sent yet; the SendMail schedule retries it", "err", err)
			}
			if fresh, err := l.Get(ctx, r.Caller, u.ID); err == nil {
				u = fresh
			}
		}
		return Response{Body: viewUser(u, r.Caller, time.Now()), Headers: map[string]string{"ETag": etag(u.Version)}}, nil
	}
}

// DeleteUser is DELETE /users/{id}: a soft delete the user can come back
// from, or with ?purge=true the removal that frees their email.
func DeleteUser(l *users.Lifecycle) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		switch r.QueryStringParameters["purge"] {
		case "", "false":
			if _, err := l.Apply(ctx, r.Caller, r.PathParameters["id"], roster.Delete); err != nil {
				return Response{}, err
			}
		case "true":
			if err := l.Purge(ctx, r.Caller, r.PathParameters["id"]); err != nil {
				return Response{}, err
			}
		default:
			return Response{}, invalidField("purge", "must be true or false")
		}
		return Response{Status: http.StatusNoContent}, nil
	}
}

// ResendInvitation is POST /users/{id}/invitation: a new link, sent now.
func ResendInvitation(l *users.Lifecycle, sender *outbox.Sender) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		ch, err := l.ResendInvitation(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		if err := sender.Deliver(ctx, ch.Mail.ID); err != nil {
			r.Log.WarnContext(ctx, "invitation not sent yet; the SendMail schedule retries it", "err", err)
		}
		u, err := l.Get(ctx, r.Caller, ch.User.ID)
		if err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusAccepted, Body: viewUser(u, r.Caller, time.Now()), Headers: map[string]string{"ETag": etag(u.Version)}}, nil
	}
}

// RevokeInvitation is POST /users/{id}/invitation/revoke: the link stops
// working at once; If-Match is honoured when sent.
func RevokeInvitation(l *users.Lifecycle) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, false)
		if err != nil {
			return Response{}, err
		}
		u, err := l.RevokeInvitation(ctx, r.Caller, r.PathParameters["id"], version)
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewUser(u, r.Caller, time.Now()), Headers: map[string]string{"ETag": etag(u.Version)}}, nil
	}
}
