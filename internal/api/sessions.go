package api

import (
	"context"
	"net/http"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

// SessionView is one of the caller's sessions as the API shows it.
type SessionView struct {
	ID        string `json:"id"`
	Device    string `json:"device"`    // named from the User-Agent at sign-in
	UserAgent string `json:"userAgent"` // as sent at sign-in; "" when none was
	IP        string `json:"ip"`        // the address of the latest sign-in or refresh
	SignInIP  string `json:"signInIp"`
	CreatedAt string `json:"createdAt"`
	// LastUsedAt is the latest sign-in or refresh; access tokens used
	// between refreshes (they live 15 minutes) do not move it.
	LastUsedAt string `json:"lastUsedAt"`
	ExpiresAt  string `json:"expiresAt"`
	Current    bool   `json:"current"` // the session of the token this request came with
}

func viewSession(s roster.Session, c roster.Caller) SessionView {
	ip := s.LastIP
	if ip == "" {
		ip = s.IP
	}
	return SessionView{ID: s.ID, Device: roster.DeviceName(s.UserAgent), UserAgent: s.UserAgent, IP: ip, SignInIP: s.IP,
		CreatedAt: rfc3339(s.CreatedAt), LastUsedAt: rfc3339(s.LastUsedAt), ExpiresAt: rfc3339(s.ExpiresAt), Current: s.ID == c.SessionID}
}

func sessionPage(r *Request, s cursorScope, sessions []roster.Session, next string) (Response, error) {
	page := Page[SessionView]{Items: make([]SessionView, 0, len(sessions))}
	var err error
	if page.NextCursor, err = r.sealCursor(s, next); err != nil {
		return Response{}, err
	}
	for _, x := range sessions {
		page.Items = append(page.Items, viewSession(x, r.Caller))
	}
	return Response{Body: page}, nil
}

// ListMySessions is GET /me/sessions: the caller's live sessions, newest
// first, one page a call.
func ListMySessions(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		s := scope("me-sessions", "user", r.Caller.UserID)
		limit, after, err := pageParams(r, s)
		if err != nil {
			return Response{}, err
		}
		sessions, next, err := svc.MySessions(ctx, r.Caller, after, limit)
		if err != nil {
			return Response{}, err
		}
		return sessionPage(r, s, sessions, next)
	}
}

// EndMySession is DELETE /me/sessions/{id}: that session's refresh token
// stops at once, its access tokens at the authorizer. The current session
// may end itself.
func EndMySession(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		if err := svc.EndMySession(ctx, r.Caller, r.PathParameters["id"]); err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusNoContent}, nil
	}
}

// EndUserSessions is POST /users/{id}/sessions/end: every session of the
// user ends, for whoever may deactivate them.
func EndUserSessions(l *users.Lifecycle) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		if err := l.EndSessions(ctx, r.Caller, r.PathParameters["id"]); err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusNoContent}, nil
	}
}

// ListUserSessions is GET /users/{id}/sessions: a user's live sessions,
// newest first, for whoever may end them.
func ListUserSessions(l *users.Lifecycle) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		id := r.PathParameters["id"]
		s := scope("user-sessions", "user", id)
		limit, after, err := pageParams(r, s)
		if err != nil {
			return Response{}, err
		}
		sessions, next, err := l.Sessions(ctx, r.Caller, id, after, limit)
		if err != nil {
			return Response{}, err
		}
		return sessionPage(r, s, sessions, next)
	}
}
