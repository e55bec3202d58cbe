package roster

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// GroupTree is an organisation's groups arranged by parent; built once per
// request from the stored groups. It is read-only after NewGroupTree, so
// copies share its maps safely.
type GroupTree struct {
	orgID    string
	root     string
	groups   map[string]Group
	children map[string][]string // ids, sorted by name then id
	order    []string            // every id, depth-first from the root: parents before children
}

// NewGroupTree checks the groups form one tree: exactly one root (ParentID
// ""), every parent known, no cycles, ids unique, one organisation. Returns
// EInvalid (reason "corrupt_group_tree") otherwise: the stored groups are
// broken, which no request can repair.
func NewGroupTree(groups []Group) (GroupTree, error) {
	if len(groups) == 0 {
		return GroupTree{}, corruptTree("there are no groups, not even the root")
	}
	t := GroupTree{
		groups:   make(map[string]Group, len(groups)),
		children: make(map[string][]string),
	}
	var roots []string
	for _, g := range groups {
		switch {
		case g.ID == "":
			return GroupTree{}, corruptTree(fmt.Sprintf("group %q has no id", g.Name))
		case t.groups[g.ID].ID != "":
			return GroupTree{}, corruptTree(fmt.Sprintf("group id %q is used twice", g.ID))
		case g.OrgID != groups[0].OrgID:
			return GroupTree{}, corruptTree(fmt.Sprintf("group %q belongs to organisation %q, not %q", g.ID, g.OrgID, groups[0].OrgID))
		}
		t.groups[g.ID] = g
		if g.ParentID == "" {
			roots = append(roots, g.ID)
		}
	}
	if len(roots) != 1 {
		return GroupTree{}, corruptTree(fmt.Sprintf("want exactly one root group, found %d %v", len(roots), roots))
	}
	t.root, t.orgID = roots[0], groups[0].OrgID
	for _, g := range groups {
		if g.ParentID == "" {
			continue
		}
		if _, ok := t.groups[g.ParentID]; !ok {
			return GroupTree{}, corruptTree(fmt.Sprintf("group %q has unknown parent %q", g.ID, g.ParentID))
		}
		t.children[g.ParentID] = append(t.children[g.ParentID], g.ID)
	}
	for _, ids := range t.children {
		slices.SortFunc(ids, func(a, b string) int { return compareGroups(t.groups[a], t.groups[b]) })
	}
	t.order = append(t.order, t.root)
	t.order = t.appendDescendants(t.order, t.root)
	// Every parent is known and there is one root, so a group the walk from
	// the root did not reach hangs off a cycle.
	if len(t.order) != len(t.groups) {
		reached := make(map[string]bool, len(t.order))
		for _, id := range t.order {
			reached[id] = true
		}
		var lost []string
		for _, g := range groups {
			if !reached[g.ID] {
				lost = append(lost, g.ID)
			}
		}
		slices.Sort(lost)
		return GroupTree{}, corruptTree(fmt.Sprintf("groups %v do not lead to the root: their parents form a cycle", lost))
	}
	return t, nil
}

func corruptTree(detail string) error {
	return WithReason(EInvalid, "corrupt_group_tree", "the organisation's groups do not form one tree: "+detail)
}

// compareGroups orders siblings for people: by name ignoring case, then by
// exact name, then by id so that the order is total.
func compareGroups(a, b Group) int {
	return cmp.Or(
		strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
		strings.Compare(a.Name, b.Name),
		strings.Compare(a.ID, b.ID),
	)
}

// appendDescendants appends every group below id, depth-first in sibling
// order. Depth is bounded by the number of groups, which NewGroupTree has
// checked to be acyclic.
func (t GroupTree) appendDescendants(out []string, id string) []string {
	for _, child := range t.children[id] {
		out = append(out, child)
		out = t.appendDescendants(out, child)
	}
	return out
}

// Root returns the organisation's root group; the zero Group for a zero GroupTree.
func (t GroupTree) Root() Group { return t.groups[t.root] }

// Group returns the group with this id, and whether there is one.
func (t GroupTree) Group(id string) (Group, bool) {
	g, ok := t.groups[id]
	return g, ok
}

// Within reports whether id is ancestor or lies below it, which is where
// access granted at ancestor reaches. It is false when either id is unknown.
func (t GroupTree) Within(id, ancestor string) bool {
	if _, ok := t.groups[ancestor]; !ok {
		return false
	}
	for cur, ok := t.groups[id]; ok; cur, ok = t.groups[cur.ParentID] {
		if cur.ID == ancestor {
			return true
		}
	}
	return false
}

// Ancestors returns the ids above id, nearest first and the root last; nil
// for the root and for an unknown id.
func (t GroupTree) Ancestors(id string) []string {
	g, ok := t.groups[id]
	if !ok {
		return nil
	}
	var out []string
	for p, ok := t.groups[g.ParentID]; ok; p, ok = t.groups[p.ParentID] {
		out = append(out, p.ID)
	}
	return out
}

// Descendants returns the ids of every group below id, depth-first with
// siblings by name then id, so that lists built from it are stable; nil for
// a leaf and for an unknown id.
func (t GroupTree) Descendants(id string) []string {
	return t.appendDescendants(nil, id)
}

// Children returns the groups directly below id, by name then id; nil for a
// leaf and for an unknown id.
func (t GroupTree) Children(id string) []Group {
	ids := t.children[id]
	if len(ids) == 0 {
		return nil
	}
	out := make([]Group, len(ids))
	for i, c := range ids {
		out[i] = t.groups[c]
	}
	return out
}

// Groups returns every group, parents before children (the root first, then
// depth-first with siblings by name then id).
func (t GroupTree) Groups() []Group {
	out := make([]Group, len(t.order))
	for i, id := range t.order {
		out[i] = t.groups[id]
	}
	return out
}

// CheckMove says whether group id may be moved under newParent: not the
// root, newParent exists, and newParent is not id itself or below it, since
// a group is never moved under its own descendant. Returns ENotFound when
// the group to move is unknown (it is the addressed resource), or EInvalid
// with a FieldError on "parentId" naming the reason (newParent is input).
// Moving a group under its current parent is allowed: it changes nothing.
func (t GroupTree) CheckMove(id, newParent string) error {
	if _, ok := t.groups[id]; !ok {
		return Errorf(ENotFound, "there is no group %q", id)
	}
	var v Validation
	switch {
	case id == t.root:
		v.Add("parentId", "the organisation's root group cannot be moved")
	case newParent == "":
		v.Add("parentId", "must name a group; only the organisation's root has no parent")
	case !t.known(newParent):
		v.Add("parentId", fmt.Sprintf("there is no group %q", newParent))
	case newParent == id:
		v.Add("parentId", "a group cannot be its own parent")
	case t.Within(newParent, id):
		v.Add("parentId", fmt.Sprintf("cannot move a group under its own descendant %q", t.groups[newParent].Name))
	}
	return v.Err()
}

func (t GroupTree) known(id string) bool {
	_, ok := t.groups[id]
	return ok
}

// GroupLister lists an organisation's groups.
type GroupLister interface {
	Groups(ctx context.Context, orgID string) ([]Group, error)
}

// LoadGroupTree reads an organisation's groups and arranges them. Stored
// groups that do not form a tree are a bug, not the caller's input: that
// error is internal (a 500), never EInvalid.
func LoadGroupTree(ctx context.Context, store GroupLister, orgID string) (GroupTree, error) {
	gs, err := store.Groups(ctx, orgID)
	if err != nil {
		return GroupTree{}, err
	}
	t, err := NewGroupTree(gs)
	if err != nil {
		return GroupTree{}, fmt.Errorf("group tree of %s: %v", orgID, err)
	}
	return t, nil
}
