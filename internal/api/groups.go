package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/groups"
	"github.com/roster-app/roster/internal/roster"
)

// GroupView is a group as the API shows it.
type GroupView struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	ParentID  string `json:"parentId,omitempty"`
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
}

func viewGroup(g roster.Group) GroupView {
	return GroupView{ID: g.ID, Name: g.Name, Kind: string(g.Kind), ParentID: g.ParentID,
		CreatedAt: rfc3339(g.CreatedAt), UpdatedAt: rfc3339(g.UpdatedAt)}
}

// Page is a list response.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"nextCursor,omitempty"`
}

type groupRequest struct {
	Name     *string `json:"name"`
	Kind     *string `json:"kind"`
	ParentID *string `json:"parentId"`
}

func (g groupRequest) input() roster.GroupInput {
	return roster.GroupInput{Name: g.Name, Kind: g.Kind, ParentID: g.ParentID}
}

// ListGroups is GET /groups: the groups the caller can see, parents first.
func ListGroups(svc *groups.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		s := scope("groups")
		limit, after, err := pageParams(r, s)
		if err != nil {
			return Response{}, err
		}
		gs, err := svc.List(ctx, r.Caller)
		if err != nil {
			return Response{}, err
		}
		items, next, err := paginate(gs, func(g roster.Group) string { return g.ID }, limit, after)
		if err != nil {
			return Response{}, err
		}
		page := Page[GroupView]{Items: make([]GroupView, 0, len(items))}
		if page.NextCursor, err = r.sealCursor(s, next); err != nil {
			return Response{}, err
		}
		for _, g := range items {
			page.Items = append(page.Items, viewGroup(g))
		}
		return Response{Body: page}, nil
	}
}

// GetGroup is GET /groups/{id}.
func GetGroup(svc *groups.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		g, err := svc.Get(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewGroup(g), Headers: map[string]string{"ETag": etag(g.Version)}}, nil
	}
}

// CreateGroup is POST /groups.
func CreateGroup(svc *groups.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in groupRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		g, err := svc.Create(ctx, r.Caller, in.input())
		if err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusCreated, Body: viewGroup(g),
			Headers: map[string]string{"ETag": etag(g.Version), "Location": "/groups/" + g.ID}}, nil
	}
}

// UpdateGroup is PATCH /groups/{id}: rename, change kind, move. If-Match required.
func UpdateGroup(svc *groups.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, true)
		if err != nil {
			return Response{}, err
		}
		var in groupRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		g, err := svc.Update(ctx, r.Caller, r.PathParameters["id"], in.input(), version)
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewGroup(g), Headers: map[string]string{"ETag": etag(g.Version)}}, nil
	}
}

// DeleteGroup is DELETE /groups/{id}; If-Match is honoured when sent.
func DeleteGroup(svc *groups.Service) Operation { return deleteByID(svc.Delete) }

// deleteByID is a DELETE of /…/{id}: If-Match honoured when sent (0 when
// not), 204 when done.
func deleteByID(del func(ctx context.Context, c roster.Caller, id string, version int64) error) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, false)
		if err != nil {
			return Response{}, err
		}
		if err := del(ctx, r.Caller, r.PathParameters["id"], version); err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusNoContent}, nil
	}
}

// paginate cuts a page out of a whole, ordered list: the items after the one
// whose id after names, and the id the next page starts after ("" at the end).
func paginate[T any](all []T, id func(T) string, limit int, after string) ([]T, string, error) {
	start := 0
	if after != "" {
		start = -1
		for i, item := range all {
			if id(item) == after {
				start = i + 1
				break
			}
		}
		if start < 0 {
			return nil, "", invalidCursor() // the item it named is gone
		}
	}
	end := min(start+limit, len(all))
	next := ""
	if end < len(all) {
		next = id(all[end-1])
	}
	return all[start:end], next, nil
}

// timeRange reads ?from= and ?to= (RFC 3339; either may be absent, then zero).
func timeRange(r *Request) (from, to time.Time, err error) {
	var v roster.Validation
	parse := func(name string) time.Time {
		s := r.QueryStringParameters[name]
		if s == "" {
			return time.Time{}
		}
		t, perr := time.Parse(time.RFC3339, s)
		if perr != nil {
			v.Add(name, "must be an RFC 3339 time such as 2026-11-23T10:00:00Z")
		}
		return t
	}
	from, to = parse("from"), parse("to")
	return from, to, v.Err()
}

// ifMatch reads the version from If-Match ("v7", as ETag sends it). Zero
// when absent and not required.
func ifMatch(r *Request, required bool) (int64, error) {
	h := strings.TrimSpace(r.Header("if-match"))
	if h == "" {
		if required {
			return 0, roster.WithReason(roster.EPreconditionRequired, "if_match_required", "send the ETag from a read in If-Match, so that you do not overwrite a change you have not seen")
		}
		return 0, nil
	}
	v, err := strconv.ParseInt(strings.TrimPrefix(strings.Trim(h, `"`), "v"), 10, 64)
	if err != nil || v <= 0 || !strings.HasPrefix(h, `"v`) {
		return 0, invalidField("If-Match", `must be an ETag from a read, like "v3"`)
	}
	return v, nil
}

// pageParams reads ?limit= (1-500, default 100) and ?cursor=, which must
// have been sealed for the list and filters of s.
func pageParams(r *Request, s cursorScope) (limit int, after string, err error) {
	limit = 100
	if s := r.QueryStringParameters["limit"]; s != "" {
		n, convErr := strconv.Atoi(s)
		if convErr != nil || n < 1 || n > 500 {
			return 0, "", invalidField("limit", "must be a whole number from 1 to 500")
		}
		limit = n
	}
	after, err = r.openCursor(s)
	return limit, after, err
}

func invalidField(field, msg string) error {
	e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
	e.Fields = []roster.FieldError{{Field: field, Message: msg}}
	return e
}
