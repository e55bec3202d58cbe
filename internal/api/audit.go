package api

import (
	"context"
	"slices"

	"github.com/roster-app/roster/internal/roster"
)

// AuditReader reads what the audit list needs.
type AuditReader interface {
	Groups(ctx context.Context, orgID string) ([]roster.Group, error)
	AuditEvents(ctx context.Context, orgID string) ([]roster.AuditEvent, error)
}

// AuditEventView is an audit event as the API shows it.
type AuditEventView struct {
	ID        string            `json:"id"`
	Type      string            `json:"type"`
	ActorID   string            `json:"actorId"`
	SubjectID string            `json:"subjectId"`
	Before    map[string]string `json:"before,omitempty"`
	After     map[string]string `json:"after,omitempty"`
	At        string            `json:"at"`
}

// ListAuditEvents is GET /audit-events?user=&actor=&type=&from=&to=, newest
// first, for organisation administrators.
func ListAuditEvents(store AuditReader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		limit, after, err := pageParams(r)
		if err != nil {
			return Response{}, err
		}
		q := r.QueryStringParameters
		from, to, err := timeRange(r)
		if err != nil {
			return Response{}, err
		}
		tree, err := roster.LoadGroupTree(ctx, store, r.Caller.OrgID)
		if err != nil {
			return Response{}, err
		}
		if err := roster.Require(r.Caller, tree, roster.ActManageOrganisation, tree.Root().ID); err != nil {
			return Response{}, err
		}
		all, err := store.AuditEvents(ctx, r.Caller.OrgID)
		if err != nil {
			return Response{}, err
		}
		var events []roster.AuditEvent
		for _, e := range all {
			if (q["user"] == "" || e.SubjectID == q["user"]) && (q["actor"] == "" || e.ActorID == q["actor"]) &&
				(q["type"] == "" || e.Type == q["type"]) && (from.IsZero() || !e.At.Before(from)) && (to.IsZero() || e.At.Before(to)) {
				events = append(events, e)
			}
		}
		slices.Reverse(events) // ids sort by time; newest first
		items, next, err := paginate(events, func(e roster.AuditEvent) string { return e.ID }, limit, after)
		if err != nil {
			return Response{}, err
		}
		page := Page[AuditEventView]{Items: make([]AuditEventView, 0, len(items)), NextCursor: next}
		for _, e := range items {
			page.Items = append(page.Items, AuditEventView{ID: e.ID, Type: e.Type, ActorID: e.ActorID, SubjectID: e.SubjectID,
				Before: e.Before, After: e.After, At: rfc3339(e.At)})
		}
		return Response{Body: page}, nil
	}
}
