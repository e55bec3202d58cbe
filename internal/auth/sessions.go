package auth

import (
	"context"

	"github.com/roster-app/roster/internal/roster"
)

// MySessions returns a page of c's own live sessions, newest first, and the
// next page's cursor: sessions ended (signed out, ended from this list, all
// ended by a password reset or an administrator) or expired are not in it.
// Returns EInvalid (field cursor).
func (s *Service) MySessions(ctx context.Context, c roster.Caller, after string, limit int) ([]roster.Session, string, error) {
	u, err := s.store.User(ctx, c.OrgID, c.UserID)
	if err != nil {
		return nil, "", err
	}
	return s.store.UserSessions(ctx, c.OrgID, c.UserID, roster.SessionQuery{
		ValidAfter: u.SessionsValidAfter, Now: s.now(), After: after, Limit: limit})
}

// maxSessionIDLength bounds an id from a path before it becomes a key;
// session ids are 26 characters.
const maxSessionIDLength = 64

// EndMySession ends one of c's own sessions, the current one too: its
// refresh token stops working at once, its access tokens at the
// authorizer (which caches its answer for up to 30 s). Ending one already
// ended is not an error. Returns ENotFound for an id that is not one of c's
// sessions.
func (s *Service) EndMySession(ctx context.Context, c roster.Caller, id string) error {
	notFound := roster.Errorf(roster.ENotFound, "session not found")
	if id == "" || len(id) > maxSessionIDLength {
		return notFound
	}
	if err := s.store.RevokeSession(ctx, c.OrgID, c.UserID, id); err != nil {
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			return notFound
		}
		return err
	}
	s.log.InfoContext(ctx, "session ended by its user", "orgId", c.OrgID, "userId", c.UserID, "sessionId", id)
	return nil
}
