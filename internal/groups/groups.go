// Package groups manages an organisation's tree of groups: locations,
// departments, queues, teams. Who may do what is decided by the rules in
// roster (Require, Reach); this package applies them and keeps the tree whole.
package groups

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// Reader reads groups; read-only functions get only this.
type Reader struct {
	store roster.GroupReader
}

// NewReader returns a Reader.
func NewReader(store roster.GroupReader) *Reader { return &Reader{store: store} }

// Service reads and changes groups.
type Service struct {
	*Reader
	store roster.GroupStore
	now   func() time.Time
}

// NewService returns a Service.
func NewService(store roster.GroupStore, now func() time.Time) *Service {
	return &Service{Reader: NewReader(store), store: store, now: now}
}

// snapshot is the tree as read, with the version a change must match.
type snapshot struct {
	version int64
	tree    roster.GroupTree
}

// load reads the tree version before the groups, so that any change made
// after the read makes a later write fail instead of acting on a stale tree.
func (s *Reader) load(ctx context.Context, orgID string) (snapshot, error) {
	v, err := s.store.TreeVersion(ctx, orgID)
	if err != nil {
		return snapshot{}, err
	}
	t, err := roster.LoadGroupTree(ctx, s.store, orgID)
	if err != nil {
		return snapshot{}, err
	}
	return snapshot{version: v, tree: t}, nil
}

// visible returns group id if c may see it; a group out of sight is "not
// found", as another organisation's would be.
func visible(c roster.Caller, t roster.GroupTree, id string) (roster.Group, error) {
	g, ok := t.Group(id)
	if !ok || !roster.Allowed(c, t, roster.ActViewGroups, id) {
		return roster.Group{}, roster.Errorf(roster.ENotFound, "group not found")
	}
	return g, nil
}

// List returns the groups c can see, parents before children.
func (s *Reader) List(ctx context.Context, c roster.Caller) ([]roster.Group, error) {
	snap, err := s.load(ctx, c.OrgID)
	if err != nil {
		return nil, err
	}
	ids := roster.Reach(c, snap.tree, roster.ActViewGroups)
	out := make([]roster.Group, 0, len(ids))
	for _, id := range ids {
		g, _ := snap.tree.Group(id)
		out = append(out, g)
	}
	return out, nil
}

// Get returns one group. Returns ENotFound.
func (s *Reader) Get(ctx context.Context, c roster.Caller, id string) (roster.Group, error) {
	snap, err := s.load(ctx, c.OrgID)
	if err != nil {
		return roster.Group{}, err
	}
	return visible(c, snap.tree, id)
}

// Create adds a group under in.ParentID. The caller must manage groups at
// the parent. Returns EInvalid, ENotFound (parent), EForbidden, EConflict.
func (s *Service) Create(ctx context.Context, c roster.Caller, in roster.GroupInput) (g roster.Group, err error) {
	if err := roster.ValidateGroupInput(&in, true); err != nil {
		return roster.Group{}, err
	}
	err = retryTreeChange(func() error { g, err = s.create(ctx, c, in); return err })
	return g, err
}

func (s *Service) create(ctx context.Context, c roster.Caller, in roster.GroupInput) (roster.Group, error) {
	snap, err := s.load(ctx, c.OrgID)
	if err != nil {
		return roster.Group{}, err
	}
	if _, err := visible(c, snap.tree, *in.ParentID); err != nil {
		return roster.Group{}, fieldNotFound("parentId")
	}
	if err := roster.Require(c, snap.tree, roster.ActManageGroups, *in.ParentID); err != nil {
		return roster.Group{}, err
	}
	if err := uniqueName(snap.tree, *in.ParentID, *in.Name, ""); err != nil {
		return roster.Group{}, err
	}
	now := s.now().UTC()
	g := roster.Group{ID: roster.NewID(now), OrgID: c.OrgID, Name: *in.Name, Kind: roster.GroupKind(*in.Kind),
		ParentID: *in.ParentID, Version: 1, CreatedAt: now, UpdatedAt: now}
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "group.created", SubjectID: g.ID, At: now,
		After: groupFields(g)}
	if err := s.store.ChangeGroups(ctx, c.OrgID, roster.GroupChange{TreeVersion: snap.version, Put: &g, Audit: audit}); err != nil {
		return roster.Group{}, err
	}
	return g, nil
}

// Update renames, re-kinds or moves a group at version ifMatch. It needs the
// right to manage groups above the group, and at its new parent to move it, and never
// puts a group under itself. Returns EInvalid, ENotFound, EForbidden,
// EPreconditionFailed, EConflict.
func (s *Service) Update(ctx context.Context, c roster.Caller, id string, in roster.GroupInput, ifMatch int64) (g roster.Group, err error) {
	if err := roster.ValidateGroupInput(&in, false); err != nil {
		return roster.Group{}, err
	}
	err = retryTreeChange(func() error { g, err = s.update(ctx, c, id, in, ifMatch); return err })
	return g, err
}

func (s *Service) update(ctx context.Context, c roster.Caller, id string, in roster.GroupInput, ifMatch int64) (roster.Group, error) {
	snap, err := s.load(ctx, c.OrgID)
	if err != nil {
		return roster.Group{}, err
	}
	g, err := visible(c, snap.tree, id)
	if err != nil {
		return roster.Group{}, err
	}
	if err := requireAbove(c, snap.tree, g); err != nil {
		return roster.Group{}, err
	}
	if g.Version != ifMatch {
		return roster.Group{}, stale()
	}
	if in.Kind != nil && g.ParentID == "" {
		return roster.Group{}, fieldInvalid("kind", "the organisation's root group keeps its kind")
	}
	next := g
	if in.ParentID != nil && *in.ParentID != g.ParentID {
		if _, err := visible(c, snap.tree, *in.ParentID); err != nil {
			return roster.Group{}, fieldNotFound("parentId")
		}
		if err := snap.tree.CheckMove(id, *in.ParentID); err != nil {
			return roster.Group{}, err
		}
		if err := roster.Require(c, snap.tree, roster.ActManageGroups, *in.ParentID); err != nil {
			return roster.Group{}, err
		}
		next.ParentID = *in.ParentID
	}
	if in.Name != nil {
		next.Name = *in.Name
	}
	if in.Kind != nil {
		next.Kind = roster.GroupKind(*in.Kind)
	}
	if next.ParentID != "" && (next.Name != g.Name || next.ParentID != g.ParentID) {
		if err := uniqueName(snap.tree, next.ParentID, next.Name, id); err != nil {
			return roster.Group{}, err
		}
	}
	next.Version = g.Version + 1
	next.UpdatedAt = s.now().UTC()
	audit := roster.AuditEvent{ID: roster.NewID(next.UpdatedAt), OrgID: c.OrgID, ActorID: c.UserID, Type: "group.updated", SubjectID: g.ID,
		At: next.UpdatedAt, Before: groupFields(g), After: groupFields(next)}
	if err := s.store.ChangeGroups(ctx, c.OrgID, roster.GroupChange{TreeVersion: snap.version, Put: &next, Audit: audit}); err != nil {
		return roster.Group{}, err
	}
	return next, nil
}

// Delete removes a group that has nothing left in it: no groups below and
// nobody holding a role there. It needs the right to manage groups above it. ifMatch 0 skips the version check. Returns
// ENotFound, EForbidden, EPreconditionFailed, EConflict (not_empty naming
// what is still there, root_group).
func (s *Service) Delete(ctx context.Context, c roster.Caller, id string, ifMatch int64) error {
	return retryTreeChange(func() error { return s.delete(ctx, c, id, ifMatch) })
}

func (s *Service) delete(ctx context.Context, c roster.Caller, id string, ifMatch int64) error {
	snap, err := s.load(ctx, c.OrgID)
	if err != nil {
		return err
	}
	g, err := visible(c, snap.tree, id)
	if err != nil {
		return err
	}
	if err := requireAbove(c, snap.tree, g); err != nil {
		return err
	}
	if ifMatch != 0 && g.Version != ifMatch {
		return stale()
	}
	if g.ParentID == "" {
		return roster.WithReason(roster.EConflict, "root_group", "the organisation's root group cannot be deleted")
	}
	var still []string
	if children := snap.tree.Children(id); len(children) > 0 {
		names := make([]string, len(children))
		for i, ch := range children {
			names[i] = ch.Name
		}
		still = append(still, fmt.Sprintf("%d group(s) below it (%s)", len(children), strings.Join(names, ", ")))
	}
	users, err := s.store.UsersGrantedAt(ctx, c.OrgID, []string{id})
	if err != nil {
		return err
	}
	if users > 0 {
		still = append(still, fmt.Sprintf("%d user(s) with a role at it", users))
	}
	if len(still) > 0 {
		e := roster.WithReason(roster.EConflict, "not_empty", "the group still has "+strings.Join(still, " and ")+"; move or remove them first")
		e.Extra = map[string]any{"groups": len(snap.tree.Children(id)), "users": users}
		return e
	}
	now := s.now().UTC()
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "group.deleted", SubjectID: g.ID, At: now,
		Before: groupFields(g)}
	return s.store.ChangeGroups(ctx, c.OrgID, roster.GroupChange{TreeVersion: snap.version, Delete: &g, Audit: audit})
}

// groupFields is a group as audit text.
func groupFields(g roster.Group) map[string]string {
	return map[string]string{"name": g.Name, "kind": string(g.Kind), "parentId": g.ParentID}
}

// retryTreeChange runs a read-check-write again when another change to the
// tree won the race: the rules are checked afresh against the new tree, and
// an If-Match that no longer holds then fails as it should.
func retryTreeChange(attempt func() error) error {
	var err error
	for range 3 {
		if err = attempt(); roster.ReasonOf(err) != "tree_changed" && roster.ReasonOf(err) != "concurrent_update" {
			return err
		}
	}
	return err
}

// requireAbove checks c manages groups above g: an admin at G manages the
// groups below G, not G itself (which only an admin above may rename, move
// or delete). The root has nothing above it; its own admins manage it.
func requireAbove(c roster.Caller, t roster.GroupTree, g roster.Group) error {
	at := g.ParentID
	if at == "" {
		at = g.ID
	}
	return roster.Require(c, t, roster.ActManageGroups, at)
}

// uniqueName refuses a second group of the same name under one parent: two
// "Sales" side by side cannot be told apart in a spreadsheet's group columns.
func uniqueName(t roster.GroupTree, parent, name, except string) error {
	for _, sib := range t.Children(parent) {
		if sib.ID != except && strings.EqualFold(sib.Name, name) {
			return roster.WithReason(roster.EConflict, "name_taken", fmt.Sprintf("a group named %q is already under that parent", sib.Name))
		}
	}
	return nil
}

func stale() error {
	return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the group changed since you read it; read it again and retry with its new ETag")
}

func fieldNotFound(field string) error {
	e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
	e.Fields = []roster.FieldError{{Field: field, Message: "no such group"}}
	return e
}

func fieldInvalid(field, msg string) error {
	e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
	e.Fields = []roster.FieldError{{Field: field, Message: msg}}
	return e
}
