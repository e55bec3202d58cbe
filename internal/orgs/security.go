package orgs

import (
	"context"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// SecurityStore is what the organisation's sign-in policy needs.
type SecurityStore interface {
	roster.GroupLister
	// OrgSecurity returns ENotFound for an unknown organisation.
	OrgSecurity(ctx context.Context, orgID string) (roster.OrgSecurity, error)
	// SetOrgSecurity returns EPreconditionFailed (stale_version).
	SetOrgSecurity(ctx context.Context, orgID string, sec roster.OrgSecurity, audit roster.AuditEvent) error
}

// Security reads and sets an organisation's sign-in policy, for its
// administrators (roster.ActManageOrganisation).
type Security struct {
	Store SecurityStore
	Now   func() time.Time
}

func (s *Security) allowed(ctx context.Context, c roster.Caller) error {
	t, err := roster.LoadGroupTree(ctx, s.Store, c.OrgID)
	if err != nil {
		return err
	}
	return roster.Require(c, t, roster.ActManageOrganisation, t.Root().ID)
}

// Get returns the policy. Returns EForbidden.
func (s *Security) Get(ctx context.Context, c roster.Caller) (roster.OrgSecurity, error) {
	if err := s.allowed(ctx, c); err != nil {
		return roster.OrgSecurity{}, err
	}
	return s.Store.OrgSecurity(ctx, c.OrgID)
}

// Put replaces the policy read at version ifMatch (its ETag), and audits
// the change. Administrators without a second factor are asked to enrol at
// their next sign-in; sessions already begun are left alone.
// Returns EForbidden, EPreconditionFailed (stale_version).
func (s *Security) Put(ctx context.Context, c roster.Caller, requireMFAForAdmins bool, ifMatch int64) (roster.OrgSecurity, error) {
	if err := s.allowed(ctx, c); err != nil {
		return roster.OrgSecurity{}, err
	}
	cur, err := s.Store.OrgSecurity(ctx, c.OrgID)
	if err != nil {
		return roster.OrgSecurity{}, err
	}
	if cur.Version != ifMatch {
		return roster.OrgSecurity{}, roster.WithReason(roster.EPreconditionFailed, "stale_version", "the security settings changed since you read them; read them again and retry with the new ETag")
	}
	next := roster.OrgSecurity{RequireMFAForAdmins: requireMFAForAdmins, Version: cur.Version + 1}
	now := s.Now()
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "organisation.security_changed", SubjectID: c.OrgID, At: now,
		Before: map[string]string{"requireMfaForAdmins": boolText(cur.RequireMFAForAdmins)},
		After:  map[string]string{"requireMfaForAdmins": boolText(next.RequireMFAForAdmins)}}
	if err := s.Store.SetOrgSecurity(ctx, c.OrgID, next, audit); err != nil {
		return roster.OrgSecurity{}, err
	}
	return next, nil
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
