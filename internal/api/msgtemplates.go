package api

import (
	"context"
	"net/http"

	"github.com/roster-app/roster/internal/msgtemplates"
	"github.com/roster-app/roster/internal/roster"
)

// TemplateView is a message template as the API shows it.
type TemplateView struct {
	ID        string `json:"id"`
	GroupID   string `json:"groupId,omitempty"` // absent at organisation level
	Name      string `json:"name"`
	Body      string `json:"body"`
	CreatedBy string `json:"createdBy"`
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
}

func viewTemplate(m roster.MessageTemplate) TemplateView {
	return TemplateView{ID: m.ID, GroupID: m.GroupID, Name: m.Name, Body: m.Body, CreatedBy: m.CreatedBy,
		CreatedAt: rfc3339(m.CreatedAt), UpdatedAt: rfc3339(m.UpdatedAt)}
}

// FavoriteTemplatesView is a user's favourite templates, in their order.
type FavoriteTemplatesView struct {
	Templates []TemplateView `json:"templates"`
}

func favoritesResponse(f msgtemplates.Favorites) Response {
	v := FavoriteTemplatesView{Templates: make([]TemplateView, 0, len(f.Templates))}
	for _, m := range f.Templates {
		v.Templates = append(v.Templates, viewTemplate(m))
	}
	resp := Response{Body: v}
	if f.Version > 0 {
		resp.Headers = map[string]string{"ETag": etag(f.Version)}
	}
	return resp
}

// ListTemplates is GET /templates?group=&limit=&cursor=.
func ListTemplates(svc *msgtemplates.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		group := r.QueryStringParameters["group"]
		s := scope("templates", "group", group)
		limit, after, err := pageParams(r, s)
		if err != nil {
			return Response{}, err
		}
		all, err := svc.List(ctx, r.Caller, group)
		if err != nil {
			return Response{}, err
		}
		items, next, err := paginate(all, func(m roster.MessageTemplate) string { return m.ID }, limit, after)
		if err != nil {
			return Response{}, err
		}
		page := Page[TemplateView]{Items: make([]TemplateView, 0, len(items))}
		if page.NextCursor, err = r.sealCursor(s, next); err != nil {
			return Response{}, err
		}
		for _, m := range items {
			page.Items = append(page.Items, viewTemplate(m))
		}
		return Response{Body: page}, nil
	}
}

type createTemplateRequest struct {
	GroupID string `json:"groupId"`
	Name    string `json:"name"`
	Body    string `json:"body"`
}

// CreateTemplate is POST /templates; wrap it in Idempotent.
func CreateTemplate(svc *msgtemplates.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in createTemplateRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		m, err := svc.Create(ctx, r.Caller, msgtemplates.CreateInput{GroupID: in.GroupID, Name: in.Name, Body: in.Body})
		if err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusCreated, Body: viewTemplate(m),
			Headers: map[string]string{"ETag": etag(m.Version), "Location": "/templates/" + m.ID}}, nil
	}
}

// GetTemplate is GET /templates/{id}.
func GetTemplate(svc *msgtemplates.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		m, err := svc.Get(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewTemplate(m), Headers: map[string]string{"ETag": etag(m.Version)}}, nil
	}
}

type updateTemplateRequest struct {
	Name *string `json:"name"`
	Body *string `json:"body"`
}

// UpdateTemplate is PATCH /templates/{id} with If-Match.
func UpdateTemplate(svc *msgtemplates.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, true)
		if err != nil {
			return Response{}, err
		}
		var in updateTemplateRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		m, err := svc.Update(ctx, r.Caller, r.PathParameters["id"], in.Name, in.Body, version)
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewTemplate(m), Headers: map[string]string{"ETag": etag(m.Version)}}, nil
	}
}

// DeleteTemplate is DELETE /templates/{id}; If-Match honoured when sent.
func DeleteTemplate(svc *msgtemplates.Service) Operation { return deleteByID(svc.Delete) }

type favoriteTemplatesRequest struct {
	TemplateIDs *[]string `json:"templateIds"`
}

func (in favoriteTemplatesRequest) ids() ([]string, error) {
	if in.TemplateIDs == nil {
		return nil, invalidField("templateIds", "is required: the list replaces the favourites; send [] to clear them")
	}
	return *in.TemplateIDs, nil
}

// GetMyFavoriteTemplates is GET /me/favorite-templates.
func GetMyFavoriteTemplates(svc *msgtemplates.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		f, err := svc.MyFavorites(ctx, r.Caller)
		if err != nil {
			return Response{}, err
		}
		return favoritesResponse(f), nil
	}
}

// PutMyFavoriteTemplates is PUT /me/favorite-templates; If-Match optional.
func PutMyFavoriteTemplates(svc *msgtemplates.Service) Operation {
	return putFavorites(func(ctx context.Context, r *Request, ids []string, version int64) (msgtemplates.Favorites, error) {
		return svc.SetMyFavorites(ctx, r.Caller, ids, version)
	})
}

// GetUserFavoriteTemplates is GET /users/{id}/favorite-templates.
func GetUserFavoriteTemplates(svc *msgtemplates.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		f, err := svc.Favorites(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		return favoritesResponse(f), nil
	}
}

// PutUserFavoriteTemplates is PUT /users/{id}/favorite-templates; If-Match
// optional.
func PutUserFavoriteTemplates(svc *msgtemplates.Service) Operation {
	return putFavorites(func(ctx context.Context, r *Request, ids []string, version int64) (msgtemplates.Favorites, error) {
		return svc.SetFavorites(ctx, r.Caller, r.PathParameters["id"], ids, version)
	})
}

// putFavorites is a PUT of an ordered list of favourite templates, If-Match
// optional.
func putFavorites(set func(ctx context.Context, r *Request, ids []string, version int64) (msgtemplates.Favorites, error)) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, false)
		if err != nil {
			return Response{}, err
		}
		var in favoriteTemplatesRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		ids, err := in.ids()
		if err != nil {
			return Response{}, err
		}
		f, err := set(ctx, r, ids, version)
		if err != nil {
			return Response{}, err
		}
		return favoritesResponse(f), nil
	}
}
