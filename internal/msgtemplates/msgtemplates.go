// Package msgtemplates is message templates, at the organisation or at a
// group, and each user's ordered favourites among them. The rules of who
// may do what are roster's (CanReadTemplate, RequireManageTemplate,
// CanManageUser); this package applies them.
package msgtemplates

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

// ReadStore is what reading templates and favourites needs.
type ReadStore interface {
	users.ReadStore
	// Template returns ENotFound.
	Template(ctx context.Context, orgID, id string) (roster.MessageTemplate, error)
	Templates(ctx context.Context, orgID string) ([]roster.MessageTemplate, error)
	// TemplatesByID leaves out ids with no template.
	TemplatesByID(ctx context.Context, orgID string, ids []string) (map[string]roster.MessageTemplate, error)
	// FavoriteTemplates returns nil and version 0 for a user who set none.
	FavoriteTemplates(ctx context.Context, orgID, userID string) ([]string, int64, error)
}

// Store is what changing templates and favourites needs.
type Store interface {
	ReadStore
	// PutTemplate creates (prev 0) or replaces a template at version prev.
	// Returns EConflict (template_changed).
	PutTemplate(ctx context.Context, m roster.MessageTemplate, prev int64, audit roster.AuditEvent) error
	// DeleteTemplate returns EConflict (template_changed).
	DeleteTemplate(ctx context.Context, orgID, id string, prev int64, audit roster.AuditEvent) error
	// PutFavoriteTemplates writes version prev+1. Returns EConflict (favorites_changed).
	PutFavoriteTemplates(ctx context.Context, orgID, userID string, ids []string, prev int64) error
}

// Reader reads templates and favourites.
type Reader struct {
	store ReadStore
	users *users.Reader
}

// NewReader returns a Reader.
func NewReader(store ReadStore, now func() time.Time) *Reader {
	return &Reader{store: store, users: users.NewReader(store, now)}
}

func (r *Reader) tree(ctx context.Context, orgID string) (roster.GroupTree, error) {
	return roster.LoadGroupTree(ctx, r.store, orgID)
}

func notFound() error { return roster.Errorf(roster.ENotFound, "template not found") }

// read returns template id if c may read it. Returns ENotFound otherwise.
func (r *Reader) read(ctx context.Context, c roster.Caller, t roster.GroupTree, id string) (roster.MessageTemplate, error) {
	m, err := r.store.Template(ctx, c.OrgID, id)
	if err != nil {
		return m, err
	}
	if !roster.CanReadTemplate(c, t, m) {
		return m, notFound()
	}
	return m, nil
}

// Get returns a template c may read. Returns ENotFound.
func (r *Reader) Get(ctx context.Context, c roster.Caller, id string) (roster.MessageTemplate, error) {
	t, err := r.tree(ctx, c.OrgID)
	if err != nil {
		return roster.MessageTemplate{}, err
	}
	return r.read(ctx, c, t, id)
}

// List returns the templates c may read, sorted by name then id. With
// group set, only those serving that group's conversations: organisation
// level, at the group or above it. Returns EInvalid (field "group") for a
// group c cannot see.
func (r *Reader) List(ctx context.Context, c roster.Caller, group string) ([]roster.MessageTemplate, error) {
	t, err := r.tree(ctx, c.OrgID)
	if err != nil {
		return nil, err
	}
	if group != "" {
		if _, ok := t.Group(group); !ok || !roster.Allowed(c, t, roster.ActViewGroups, group) {
			var v roster.Validation
			v.Add("group", "no such group")
			return nil, v.Err()
		}
	}
	all, err := r.store.Templates(ctx, c.OrgID)
	if err != nil {
		return nil, err
	}
	var out []roster.MessageTemplate
	for _, m := range all {
		if roster.CanReadTemplate(c, t, m) && (group == "" || roster.TemplateAppliesAt(t, m, group)) {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b roster.MessageTemplate) int {
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// Favorites is a user's favourite templates in their order, and the
// version of the list (0: never set).
type Favorites struct {
	Templates []roster.MessageTemplate
	Version   int64
}

// MyFavorites returns the caller's favourites.
func (r *Reader) MyFavorites(ctx context.Context, c roster.Caller) (Favorites, error) {
	t, err := r.tree(ctx, c.OrgID)
	if err != nil {
		return Favorites{}, err
	}
	return r.favorites(ctx, t, c)
}

// Favorites returns user id's favourites, for a manager or admin over
// them. Returns ENotFound, EForbidden.
func (r *Reader) Favorites(ctx context.Context, c roster.Caller, id string) (Favorites, error) {
	t, owner, err := r.target(ctx, c, id)
	if err != nil {
		return Favorites{}, err
	}
	return r.favorites(ctx, t, owner)
}

// favorites reads owner's list and the templates in it, leaving out those
// deleted since and those the owner can no longer read.
func (r *Reader) favorites(ctx context.Context, t roster.GroupTree, owner roster.Caller) (Favorites, error) {
	ids, version, err := r.store.FavoriteTemplates(ctx, owner.OrgID, owner.UserID)
	if err != nil || len(ids) == 0 {
		return Favorites{Version: version}, err
	}
	found, err := r.store.TemplatesByID(ctx, owner.OrgID, ids)
	if err != nil {
		return Favorites{}, err
	}
	out := Favorites{Version: version}
	for _, id := range ids {
		if m, ok := found[id]; ok && roster.CanReadTemplate(owner, t, m) {
			out.Templates = append(out.Templates, m)
		}
	}
	return out, nil
}

// target reads user id for c to manage their favourites, as a caller with
// the user's grants. ENotFound for a user c cannot see; EForbidden unless
// c manages the user (roster.CanManageUser, which refuses c themself) and
// notifications at every group they hold a role at.
func (r *Reader) target(ctx context.Context, c roster.Caller, id string) (roster.GroupTree, roster.Caller, error) {
	u, err := r.users.Get(ctx, c, id)
	if err != nil {
		return roster.GroupTree{}, roster.Caller{}, err
	}
	t, err := r.tree(ctx, c.OrgID)
	if err != nil {
		return t, roster.Caller{}, err
	}
	if err := roster.CanManageUser(c, t, u); err != nil {
		return t, roster.Caller{}, err
	}
	for _, g := range u.Grants {
		if err := roster.Require(c, t, roster.ActManageNotifications, g.GroupID); err != nil {
			return t, roster.Caller{}, err
		}
	}
	return t, roster.Caller{OrgID: u.OrgID, UserID: u.ID, Grants: u.Grants}, nil
}

// Service changes templates and favourites.
type Service struct {
	*Reader
	store Store
	now   func() time.Time
}

// NewService returns a Service.
func NewService(store Store, now func() time.Time) *Service {
	return &Service{Reader: NewReader(store, now), store: store, now: now}
}

// CreateInput is a new template; GroupID "" puts it at the organisation.
type CreateInput struct {
	GroupID string
	Name    string
	Body    string
}

// Create adds a template, for managers and admins at its group or above
// (at the root for an organisation-level one). Returns EInvalid (name,
// body, groupId), EForbidden.
func (s *Service) Create(ctx context.Context, c roster.Caller, in CreateInput) (roster.MessageTemplate, error) {
	t, err := s.tree(ctx, c.OrgID)
	if err != nil {
		return roster.MessageTemplate{}, err
	}
	var v roster.Validation
	if in.GroupID != "" {
		if _, ok := t.Group(in.GroupID); !ok || !roster.Allowed(c, t, roster.ActViewGroups, in.GroupID) {
			v.Add("groupId", "no such group")
		}
	}
	if err := roster.ValidateTemplate(&in.Name, in.Body); err != nil {
		return roster.MessageTemplate{}, merge(v, err)
	}
	if err := v.Err(); err != nil {
		return roster.MessageTemplate{}, err
	}
	now := s.now().UTC()
	m := roster.MessageTemplate{ID: roster.NewID(now), OrgID: c.OrgID, GroupID: in.GroupID, Name: in.Name, Body: in.Body,
		Version: 1, CreatedAt: now, UpdatedAt: now, CreatedBy: c.UserID}
	if err := roster.RequireManageTemplate(c, t, m); err != nil {
		return roster.MessageTemplate{}, err
	}
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "template.created", SubjectID: m.ID, At: now,
		After: map[string]string{"name": m.Name, "groupId": m.GroupID, "body": m.Body}}
	if err := s.store.PutTemplate(ctx, m, 0, audit); err != nil {
		return roster.MessageTemplate{}, err
	}
	return m, nil
}

// merge adds the field errors of a validation error to v's.
func merge(v roster.Validation, err error) error {
	e, ok := err.(*roster.Error)
	if !ok {
		return err
	}
	for _, f := range e.Fields {
		v.Add(f.Field, f.Message)
	}
	return v.Err()
}

// Update renames a template or changes its body (nil: unchanged) at
// version ifMatch. Returns EInvalid, ENotFound, EForbidden,
// EPreconditionFailed.
func (s *Service) Update(ctx context.Context, c roster.Caller, id string, name, body *string, ifMatch int64) (roster.MessageTemplate, error) {
	t, err := s.tree(ctx, c.OrgID)
	if err != nil {
		return roster.MessageTemplate{}, err
	}
	m, err := s.read(ctx, c, t, id)
	if err != nil {
		return m, err
	}
	if err := roster.RequireManageTemplate(c, t, m); err != nil {
		return m, err
	}
	next := m
	if name != nil {
		next.Name = *name
	}
	if body != nil {
		next.Body = *body
	}
	if err := roster.ValidateTemplate(&next.Name, next.Body); err != nil {
		return m, err
	}
	if m.Version != ifMatch {
		return m, stale()
	}
	if next.Name == m.Name && next.Body == m.Body {
		return m, nil
	}
	now := s.now().UTC()
	next.Version, next.UpdatedAt = m.Version+1, now
	before, after := map[string]string{}, map[string]string{}
	if next.Name != m.Name {
		before["name"], after["name"] = m.Name, next.Name
	}
	if next.Body != m.Body {
		before["body"], after["body"] = m.Body, next.Body
	}
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "template.updated", SubjectID: m.ID, At: now,
		Before: before, After: after}
	if err := s.store.PutTemplate(ctx, next, m.Version, audit); err != nil {
		if roster.ReasonOf(err) == "template_changed" {
			return m, stale()
		}
		return m, err
	}
	return next, nil
}

// Delete removes a template (at version ifMatch when it is not 0). It
// disappears from every user's favourites. Returns ENotFound, EForbidden,
// EPreconditionFailed.
func (s *Service) Delete(ctx context.Context, c roster.Caller, id string, ifMatch int64) error {
	t, err := s.tree(ctx, c.OrgID)
	if err != nil {
		return err
	}
	for range 3 {
		m, err := s.read(ctx, c, t, id)
		if err != nil {
			return err
		}
		if err := roster.RequireManageTemplate(c, t, m); err != nil {
			return err
		}
		if ifMatch != 0 && m.Version != ifMatch {
			return stale()
		}
		now := s.now().UTC()
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "template.deleted", SubjectID: m.ID, At: now,
			Before: map[string]string{"name": m.Name, "groupId": m.GroupID}}
		err = s.store.DeleteTemplate(ctx, c.OrgID, id, m.Version, audit)
		if roster.ReasonOf(err) != "template_changed" {
			return err
		}
		if ifMatch != 0 {
			return stale()
		}
	}
	return roster.WithReason(roster.EConflict, "concurrent_update", "the template keeps changing; retry")
}

func stale() error {
	return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the template changed since you read it; read it again and retry with the new ETag")
}

// SetMyFavorites replaces the caller's favourites. See SetFavorites.
func (s *Service) SetMyFavorites(ctx context.Context, c roster.Caller, ids []string, ifMatch int64) (Favorites, error) {
	t, err := s.tree(ctx, c.OrgID)
	if err != nil {
		return Favorites{}, err
	}
	return s.setFavorites(ctx, t, c, ids, ifMatch)
}

// SetFavorites replaces user id's favourites, for a manager or admin over
// them. The list keeps its order, holds at most roster.MaxFavoriteTemplates
// ids without repeats, each a template the owner may read; ids of deleted
// templates left in the stored list are dropped by the write. ifMatch is
// the list's version read (0: not checked). Returns EInvalid (templateIds,
// templateIds[i]), ENotFound, EForbidden, EPreconditionFailed.
func (s *Service) SetFavorites(ctx context.Context, c roster.Caller, id string, ids []string, ifMatch int64) (Favorites, error) {
	t, owner, err := s.target(ctx, c, id)
	if err != nil {
		return Favorites{}, err
	}
	return s.setFavorites(ctx, t, owner, ids, ifMatch)
}

func (s *Service) setFavorites(ctx context.Context, t roster.GroupTree, owner roster.Caller, ids []string, ifMatch int64) (Favorites, error) {
	var v roster.Validation
	if len(ids) > roster.MaxFavoriteTemplates {
		v.Add("templateIds", fmt.Sprintf("holds %d templates; at most %d may be favourites", len(ids), roster.MaxFavoriteTemplates))
		return Favorites{}, v.Err()
	}
	found, err := s.store.TemplatesByID(ctx, owner.OrgID, ids)
	if err != nil {
		return Favorites{}, err
	}
	first := map[string]int{}
	out := Favorites{Templates: []roster.MessageTemplate{}}
	for i, id := range ids {
		field := fmt.Sprintf("templateIds[%d]", i)
		if j, seen := first[id]; seen {
			v.Add(field, fmt.Sprintf("repeats templateIds[%d]", j))
			continue
		}
		first[id] = i
		m, ok := found[id]
		if !ok || !roster.CanReadTemplate(owner, t, m) {
			v.Add(field, fmt.Sprintf("no such template %q", id))
			continue
		}
		out.Templates = append(out.Templates, m)
	}
	if err := v.Err(); err != nil {
		return Favorites{}, err
	}
	for range 3 {
		_, version, err := s.store.FavoriteTemplates(ctx, owner.OrgID, owner.UserID)
		if err != nil {
			return Favorites{}, err
		}
		if ifMatch != 0 && version != ifMatch {
			return Favorites{}, staleFavorites()
		}
		err = s.store.PutFavoriteTemplates(ctx, owner.OrgID, owner.UserID, ids, version)
		if roster.ReasonOf(err) != "favorites_changed" {
			out.Version = version + 1
			return out, err
		}
		if ifMatch != 0 {
			return Favorites{}, staleFavorites()
		}
	}
	return Favorites{}, roster.WithReason(roster.EConflict, "concurrent_update", "the favourites keep changing; retry")
}

func staleFavorites() error {
	return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the favourite templates changed since you read them; read them again and retry with the new ETag")
}
