package api

import (
	"context"
	"unicode/utf8"

	"github.com/roster-app/roster/internal/roster"
)

// AuditReader reads what the audit list needs.
type AuditReader interface {
	Groups(ctx context.Context, orgID string) ([]roster.Group, error)
	// AuditPage returns a page newest first and the next page's cursor.
	// Returns EInvalid (field cursor).
	AuditPage(ctx context.Context, orgID string, q roster.AuditQuery) ([]roster.AuditEvent, string, error)
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

// ListAuditEvents is GET /audit-events?subject=&actor=&type=&from=&to=,
// newest first, for organisation administrators. user= is subject= under
// its first name. Each call reads one page (docs/table-design.md).
func ListAuditEvents(store AuditReader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		q := r.QueryStringParameters
		from, to, err := timeRange(r)
		if err != nil {
			return Response{}, err
		}
		subject := q["subject"]
		var v roster.Validation
		if u := q["user"]; u != "" {
			if subject != "" && subject != u {
				v.Add("user", "names another subject than subject; send one of them")
			}
			subject = u
		}
		// Each filter becomes part of an index key: bound it before DynamoDB does.
		for _, name := range []string{"subject", "user", "actor", "type"} {
			if s := q[name]; len(s) > 200 || !utf8.ValidString(s) {
				v.Add(name, "must be at most 200 characters")
			}
		}
		if err := v.Err(); err != nil {
			return Response{}, err
		}
		s := scope("audit-events", "subject", subject, "actor", q["actor"], "type", q["type"], "from", canonicalTime(from), "to", canonicalTime(to))
		limit, after, err := pageParams(r, s)
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
		events, next, err := store.AuditPage(ctx, r.Caller.OrgID, roster.AuditQuery{SubjectID: subject, ActorID: q["actor"], Type: q["type"],
			From: from, To: to, After: after, Limit: limit})
		if err != nil {
			return Response{}, err
		}
		page := Page[AuditEventView]{Items: make([]AuditEventView, 0, len(events))}
		if page.NextCursor, err = r.sealCursor(s, next); err != nil {
			return Response{}, err
		}
		for _, e := range events {
			page.Items = append(page.Items, AuditEventView{ID: e.ID, Type: e.Type, ActorID: e.ActorID, SubjectID: e.SubjectID,
				Before: e.Before, After: e.After, At: rfc3339(e.At)})
		}
		return Response{Body: page}, nil
	}
}
