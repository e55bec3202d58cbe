package roster

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// hierarchyGroups is a realistic organisation, listed children first so that
// nothing depends on the order groups come out of storage:
//
//	org               Acme (organisation)
//	├── north         North (location)
//	│   ├── north-sales        Sales (department)
//	│   │   ├── north-sales-east   East desk (team)
//	│   │   └── north-sales-west   West desk (team)
//	│   └── north-service      Service (department)
//	└── south         South (location)
//	    ├── south-sales        Sales (department)
//	    │   └── south-sales-east   East desk (team)
//	    └── south-service      Service (department)
func hierarchyGroups() []Group {
	g := func(id, name string, kind GroupKind, parent string) Group {
		return Group{ID: id, OrgID: "acme", Name: name, Kind: kind, ParentID: parent}
	}
	return []Group{
		g("south-service", "Service", GroupDepartment, "south"),
		g("north-sales-west", "West desk", GroupTeam, "north-sales"),
		g("south-sales-east", "East desk", GroupTeam, "south-sales"),
		g("north-service", "Service", GroupDepartment, "north"),
		g("north-sales-east", "East desk", GroupTeam, "north-sales"),
		g("south", "South", GroupLocation, "org"),
		g("north-sales", "Sales", GroupDepartment, "north"),
		g("south-sales", "Sales", GroupDepartment, "south"),
		g("north", "North", GroupLocation, "org"),
		g("org", "Acme", GroupRoot, ""),
	}
}

func hierarchyTree(tb testing.TB) GroupTree {
	tb.Helper()
	tree, err := NewGroupTree(hierarchyGroups())
	if err != nil {
		tb.Fatalf("NewGroupTree(hierarchyGroups()): %v", err)
	}
	return tree
}

// wantCodeReason fails unless err is a *Error with this code and reason,
// and returns it for further checks.
func wantCodeReason(t *testing.T, err error, code ErrorCode, reason string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %#v, want a *Error %s (%s)", err, code, reason)
	}
	if e.Code != code || e.Reason != reason {
		t.Fatalf("error = %v, want %s (%s)", e, code, reason)
	}
	return e
}

func groupIDs(groups []Group) []string {
	if groups == nil {
		return nil
	}
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = g.ID
	}
	return ids
}

func TestNewGroupTreeArrangesGroupsParentsFirst(t *testing.T) {
	tree := hierarchyTree(t)
	want := []string{
		"org",
		"north", "north-sales", "north-sales-east", "north-sales-west", "north-service",
		"south", "south-sales", "south-sales-east", "south-service",
	}
	if got := groupIDs(tree.Groups()); !slices.Equal(got, want) {
		t.Errorf("Groups() = %v, want %v", got, want)
	}
	if root := tree.Root(); root.ID != "org" || root.Name != "Acme" {
		t.Errorf("Root() = %+v, want the Acme group", root)
	}
	if g, ok := tree.Group("north-sales"); !ok || g.Name != "Sales" || g.ParentID != "north" {
		t.Errorf(`Group("north-sales") = %+v, %v; want North's Sales`, g, ok)
	}
	if g, ok := tree.Group("west"); ok {
		t.Errorf(`Group("west") = %+v, true; want no group`, g)
	}
}

func TestNewGroupTreeAcceptsALoneRoot(t *testing.T) {
	tree, err := NewGroupTree([]Group{{ID: "org", OrgID: "acme", Name: "Acme", Kind: GroupRoot}})
	if err != nil {
		t.Fatalf("NewGroupTree: %v", err)
	}
	if got := groupIDs(tree.Groups()); !slices.Equal(got, []string{"org"}) {
		t.Errorf("Groups() = %v, want [org]", got)
	}
	if got := tree.Descendants("org"); got != nil {
		t.Errorf("Descendants(root) = %v, want none", got)
	}
}

func TestNewGroupTreeRefusesCorruptGroups(t *testing.T) {
	root := Group{ID: "org", OrgID: "acme", Name: "Acme"}
	child := func(id, parent string) Group { return Group{ID: id, OrgID: "acme", Name: id, ParentID: parent} }
	tests := []struct {
		name   string
		groups []Group
		want   string // a fragment of the message
	}{
		{name: "no groups at all", groups: nil, want: "no groups"},
		{name: "an empty list", groups: []Group{}, want: "no groups"},
		{name: "two roots", groups: []Group{root, child("north", "org"), {ID: "other", OrgID: "acme"}}, want: "exactly one root group, found 2 [org other]"},
		{name: "no root because every group has a parent", groups: []Group{child("a", "b"), child("b", "a")}, want: "found 0"},
		{name: "an unknown parent", groups: []Group{root, child("north", "org"), child("sales", "nowhere")}, want: `"sales" has unknown parent "nowhere"`},
		{name: "a cycle below the root", groups: []Group{root, child("north", "org"), child("a", "b"), child("b", "c"), child("c", "a")}, want: "[a b c] do not lead to the root"},
		{name: "a group hanging off a cycle", groups: []Group{root, child("a", "b"), child("b", "a"), child("leaf", "a")}, want: "[a b leaf]"},
		{name: "a group that is its own parent", groups: []Group{root, child("loop", "loop")}, want: "[loop] do not lead"},
		{name: "a duplicate id", groups: []Group{root, child("north", "org"), child("north", "org")}, want: `"north" is used twice`},
		{name: "the root id used twice", groups: []Group{root, root}, want: `"org" is used twice`},
		{name: "a group without an id", groups: []Group{root, child("", "org")}, want: "has no id"},
		{name: "groups of two organisations", groups: []Group{root, {ID: "north", OrgID: "other", ParentID: "org"}}, want: `belongs to organisation "other"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, err := NewGroupTree(tt.groups)
			e := wantCodeReason(t, err, EInvalid, "corrupt_group_tree")
			if !strings.Contains(e.Message, tt.want) {
				t.Errorf("message = %q, want it to contain %q", e.Message, tt.want)
			}
			if tree.Root().ID != "" || len(tree.Groups()) != 0 {
				t.Errorf("a refused tree still holds groups: %v", groupIDs(tree.Groups()))
			}
		})
	}
}

func TestNewGroupTreeKeepsItsOwnCopy(t *testing.T) {
	groups := hierarchyGroups()
	tree, err := NewGroupTree(groups)
	if err != nil {
		t.Fatal(err)
	}
	for i := range groups {
		groups[i].Name = "changed"
		groups[i].ParentID = "org"
	}
	if g, _ := tree.Group("north-sales"); g.Name != "Sales" || g.ParentID != "north" {
		t.Errorf("changing the input changed the tree: %+v", g)
	}
	kids := tree.Children("north")
	kids[0].Name = "changed"
	if again := tree.Children("north"); again[0].Name != "Sales" {
		t.Errorf("changing Children's result changed the tree: %+v", again[0])
	}
}

func TestGroupTreeWithin(t *testing.T) {
	tree := hierarchyTree(t)
	tests := []struct {
		name         string
		id, ancestor string
		want         bool
	}{
		{"a group is within itself", "north-sales", "north-sales", true},
		{"the root is within itself", "org", "org", true},
		{"a child is within its parent", "north-sales", "north", true},
		{"a grandchild is within its grandparent", "north-sales-east", "north", true},
		{"every group is within the root", "south-sales-east", "org", true},
		{"a parent is not within its child", "north", "north-sales", false},
		{"the root is within nothing below it", "org", "north", false},
		{"a sibling is not within its sibling", "north-service", "north-sales", false},
		{"a same-named group in another branch is not within", "south-sales-east", "north-sales", false},
		{"a cousin is not within its uncle", "north-sales-east", "north-service", false},
		{"an unknown group is within nothing", "west", "org", false},
		{"nothing is within an unknown group", "north", "west", false},
		{"the empty id is within nothing", "", "org", false},
		{"nothing is within the empty id", "org", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tree.Within(tt.id, tt.ancestor); got != tt.want {
				t.Errorf("Within(%q, %q) = %v, want %v", tt.id, tt.ancestor, got, tt.want)
			}
		})
	}
}

func TestGroupTreeAncestors(t *testing.T) {
	tree := hierarchyTree(t)
	tests := []struct {
		name string
		id   string
		want []string
	}{
		{"a team's ancestors run nearest first up to the root", "north-sales-east", []string{"north-sales", "north", "org"}},
		{"a location's only ancestor is the root", "south", []string{"org"}},
		{"the root has no ancestors", "org", nil},
		{"an unknown group has no ancestors", "west", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tree.Ancestors(tt.id); !slices.Equal(got, tt.want) {
				t.Errorf("Ancestors(%q) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

func TestGroupTreeDescendants(t *testing.T) {
	tree := hierarchyTree(t)
	tests := []struct {
		name string
		id   string
		want []string
	}{
		{"the root's descendants are every other group, depth-first by name",
			"org", []string{"north", "north-sales", "north-sales-east", "north-sales-west", "north-service", "south", "south-sales", "south-sales-east", "south-service"}},
		{"a location's descendants go down each department before the next", "north", []string{"north-sales", "north-sales-east", "north-sales-west", "north-service"}},
		{"a department's descendants are its teams", "south-sales", []string{"south-sales-east"}},
		{"a leaf has no descendants", "north-sales-west", nil},
		{"an unknown group has no descendants", "west", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tree.Descendants(tt.id); !slices.Equal(got, tt.want) {
				t.Errorf("Descendants(%q) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

func TestGroupTreeChildren(t *testing.T) {
	tree := hierarchyTree(t)
	tests := []struct {
		name string
		id   string
		want []string
	}{
		{"the root's children are the locations by name", "org", []string{"north", "south"}},
		{"a location's children are its departments by name", "north", []string{"north-sales", "north-service"}},
		{"a leaf has no children", "south-service", nil},
		{"an unknown group has no children", "west", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := groupIDs(tree.Children(tt.id)); !slices.Equal(got, tt.want) {
				t.Errorf("Children(%q) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

// Siblings are ordered for people: by name whatever the case, then by exact
// name, then by id, which makes the order total even for equal names.
func TestGroupTreeOrdersSiblingsByNameThenID(t *testing.T) {
	g := func(id, name, parent string) Group { return Group{ID: id, Name: name, ParentID: parent} }
	tree, err := NewGroupTree([]Group{
		g("g1", "root", ""),
		g("g9", "beta", "g1"),
		g("g2", "Gamma", "g1"),
		g("g8", "alpha", "g1"),
		g("g3", "Alpha", "g1"),
		g("g7", "Gamma", "g1"),
		g("g4", "zulu", "g8"),
		g("g5", "Yankee", "g8"),
	})
	if err != nil {
		t.Fatal(err)
	}
	// Alpha/alpha tie ignoring case and are split by exact name (upper case
	// first); the two Gammas are split by id.
	if got, want := groupIDs(tree.Children("g1")), []string{"g3", "g8", "g9", "g2", "g7"}; !slices.Equal(got, want) {
		t.Errorf("Children(root) = %v, want %v", got, want)
	}
	if got, want := tree.Descendants("g1"), []string{"g3", "g8", "g5", "g4", "g9", "g2", "g7"}; !slices.Equal(got, want) {
		t.Errorf("Descendants(root) = %v, want %v", got, want)
	}
	if got, want := groupIDs(tree.Groups()), []string{"g1", "g3", "g8", "g5", "g4", "g9", "g2", "g7"}; !slices.Equal(got, want) {
		t.Errorf("Groups() = %v, want %v", got, want)
	}
}

func TestZeroGroupTreeKnowsNoGroups(t *testing.T) {
	var tree GroupTree
	if _, ok := tree.Group(""); ok {
		t.Error("the zero tree has a group with the empty id")
	}
	if tree.Within("", "") {
		t.Error("the zero tree says the empty id is within itself")
	}
	if got := tree.Groups(); len(got) != 0 {
		t.Errorf("Groups() = %v, want none", got)
	}
	if tree.Ancestors("") != nil || tree.Descendants("") != nil || tree.Children("") != nil {
		t.Error("the zero tree lists relatives of the empty id")
	}
	wantCodeReason(t, tree.CheckMove("north", "org"), ENotFound, "")
}

func TestGroupTreeCheckMove(t *testing.T) {
	tree := hierarchyTree(t)
	tests := []struct {
		name      string
		id, under string
		wantCode  ErrorCode // "" when the move is allowed
		wantField string    // a fragment of the parentId message, for EInvalid
	}{
		{name: "a department may move to another location", id: "north-sales", under: "south"},
		{name: "a team may move up to the root", id: "north-sales-east", under: "org"},
		{name: "a team may move to a same-named department elsewhere", id: "north-sales-west", under: "south-sales"},
		{name: "a location may move under the other location", id: "north", under: "south-service"},
		{name: "moving under the current parent changes nothing and is allowed", id: "north-sales", under: "north"},
		{name: "the root cannot move", id: "org", under: "north", wantCode: EInvalid, wantField: "root group cannot be moved"},
		{name: "the root cannot move even onto itself", id: "org", under: "org", wantCode: EInvalid, wantField: "root group cannot be moved"},
		{name: "a group cannot move onto itself", id: "north", under: "north", wantCode: EInvalid, wantField: "its own parent"},
		{name: "a group cannot move under its own child", id: "north", under: "north-sales", wantCode: EInvalid, wantField: `own descendant "Sales"`},
		{name: "a group cannot move under its own grandchild", id: "north", under: "north-sales-west", wantCode: EInvalid, wantField: `own descendant "West desk"`},
		{name: "a group cannot move under an unknown group", id: "north-sales", under: "west", wantCode: EInvalid, wantField: `no group "west"`},
		{name: "a group cannot move to having no parent", id: "north-sales", under: "", wantCode: EInvalid, wantField: "must name a group"},
		{name: "an unknown group is not found", id: "west", under: "north", wantCode: ENotFound},
		{name: "an unknown group is not found even with a bad target", id: "west", under: "west", wantCode: ENotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tree.CheckMove(tt.id, tt.under)
			switch tt.wantCode {
			case "":
				if err != nil {
					t.Fatalf("CheckMove(%q, %q) = %v, want nil", tt.id, tt.under, err)
				}
			case ENotFound:
				wantCodeReason(t, err, ENotFound, "")
			case EInvalid:
				e := wantCodeReason(t, err, EInvalid, "validation_failed")
				if len(e.Fields) != 1 || e.Fields[0].Field != "parentId" || !strings.Contains(e.Fields[0].Message, tt.wantField) {
					t.Fatalf("fields = %+v, want one on parentId containing %q", e.Fields, tt.wantField)
				}
			}
		})
	}
}
