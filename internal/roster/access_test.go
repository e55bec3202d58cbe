package roster

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// whoMay is who may do what, written by hand from issue 3 ("The model") and
// issue 6 (hours, templates, notification locks), not from access.go:
//
//   - admin@G: everything within G's subtree; credits and organisation-wide
//     settings only for admins at the root.
//   - manager@G: users (create, edit, invite, deactivate, delete, undelete),
//     their notification settings, locks and favourite templates, contacts;
//     hours of operation and templates are "set by managers and admins".
//   - agent: reads and answers conversations.
//   - viewer: "view only access (excluding text & chat), cannot modify settings".
//
// Reading users of a subtree is for admins and managers; agents and viewers
// read themselves through /me.
var whoMay = []struct {
	action Action
	roles  string // the roles that may, by name
	where  string // "" for the grant's whole subtree, "root" when the grant must be at the root
}{
	{ActViewGroups, "admin manager agent viewer", ""},
	{ActManageGroups, "admin", ""},
	{ActViewUsers, "admin manager", ""},
	{ActManageUsers, "admin manager", ""},
	{ActManageNotifications, "admin manager", ""},
	{ActManageSettings, "admin manager", ""},
	{ActManageContacts, "admin manager", ""},
	{ActViewContacts, "admin manager agent viewer", ""},
	{ActAnswerConversations, "admin manager agent", ""},
	{ActManageCredits, "admin", "root"},
	{ActManageOrganisation, "admin", "root"},
}

// rolesStrongestFirst is the order issue 3 gives the roles in.
var rolesStrongestFirst = []Role{RoleAdmin, RoleManager, RoleAgent, RoleViewer}

// matrixScope places the caller's one grant relative to the target group.
type matrixScope struct {
	name    string
	grantAt string
	reaches bool // a grant here reaches the target: it is the target or above it
	isRoot  bool
}

func grantAt(r Role, group string) Grant { return Grant{Role: r, GroupID: group} }

func callerWith(userID string, grants ...Grant) Caller {
	return Caller{OrgID: "acme", UserID: userID, SessionID: "s-" + userID, Grants: grants}
}

func userWith(id string, status UserStatus, grants ...Grant) User {
	return User{ID: id, OrgID: "acme", Email: id + "@acme.example", Status: status, Grants: grants}
}

func TestPermissionMatrix(t *testing.T) {
	tree := hierarchyTree(t)
	targets := []struct {
		name   string
		group  string
		scopes []matrixScope
	}{
		{"a department", "north-sales", []matrixScope{
			{name: "at the group", grantAt: "north-sales", reaches: true},
			{name: "above the group", grantAt: "north", reaches: true},
			{name: "below the group", grantAt: "north-sales-east"},
			{name: "in a sibling branch", grantAt: "north-service"},
			{name: "in the other location", grantAt: "south-sales"},
			{name: "at the root", grantAt: "org", reaches: true, isRoot: true},
		}},
		{"the root group", "org", []matrixScope{
			{name: "at the root", grantAt: "org", reaches: true, isRoot: true},
			{name: "below the root", grantAt: "north"},
		}},
	}
	cases := 0
	for _, target := range targets {
		t.Run("target is "+target.name, func(t *testing.T) {
			for _, w := range whoMay {
				for _, role := range rolesStrongestFirst {
					for _, scope := range target.scopes {
						want := slices.Contains(strings.Fields(w.roles), string(role)) && scope.reaches && (w.where != "root" || scope.isRoot)
						verb := "may"
						if !want {
							verb = "may not"
						}
						cases++
						t.Run(fmt.Sprintf("%s %s %s %s", role, scope.name, verb, w.action), func(t *testing.T) {
							c := callerWith("ann", grantAt(role, scope.grantAt))
							if got := Allowed(c, tree, w.action, target.group); got != want {
								t.Fatalf("Allowed = %v, want %v", got, want)
							}
							err := Require(c, tree, w.action, target.group)
							if want {
								if err != nil {
									t.Fatalf("Require = %v, want nil", err)
								}
							} else {
								e := wantCodeReason(t, err, EForbidden, "forbidden")
								if !strings.HasPrefix(e.Message, "you need the ") {
									t.Errorf("Require message = %q, want it to say which role is needed", e.Message)
								}
							}
							if got := slices.Contains(Reach(c, tree, w.action), target.group); got != want {
								t.Errorf("Reach contains the group = %v, want %v", got, want)
							}
						})
					}
				}
			}
		})
	}
	if want := len(whoMay) * len(rolesStrongestFirst) * (6 + 2); cases != want {
		t.Errorf("ran %d matrix cases, want %d", cases, want)
	}
}

// A new action must get a row in whoMay before it can be tested, so the
// expected table and the rules cannot drift apart silently.
func TestEveryActionHasAnExpectedRow(t *testing.T) {
	seen := make(map[Action]bool)
	for _, w := range whoMay {
		if seen[w.action] {
			t.Errorf("%s has two rows in whoMay", w.action)
		}
		seen[w.action] = true
		if _, ok := permissions[w.action]; !ok {
			t.Errorf("%s is expected but access.go does not know it", w.action)
		}
	}
	for a := range permissions {
		if !seen[a] {
			t.Errorf("access.go knows %s but whoMay has no row for it", a)
		}
	}
}

// Issue 3 lists the roles strongest first: whatever a weaker role may do at
// a group, every stronger role may do there too.
func TestStrongerRolesMayDoWhatWeakerOnesMay(t *testing.T) {
	tree := hierarchyTree(t)
	for _, w := range whoMay {
		for _, group := range []string{"org", "north", "north-sales-east"} {
			for i, weaker := range rolesStrongestFirst {
				if !Allowed(callerWith("ann", grantAt(weaker, group)), tree, w.action, group) {
					continue
				}
				for _, stronger := range rolesStrongestFirst[:i] {
					if !Allowed(callerWith("ann", grantAt(stronger, group)), tree, w.action, group) {
						t.Errorf("%s at %s may %s but %s may not", weaker, group, w.action, stronger)
					}
				}
			}
		}
	}
}

func TestAllowedRefusesWhatItDoesNotKnow(t *testing.T) {
	tree := hierarchyTree(t)
	orgAdmin := callerWith("ann", grantAt(RoleAdmin, "org"))
	tests := []struct {
		name   string
		caller Caller
		action Action
		group  string
	}{
		{"an organisation admin may not do an unknown action", orgAdmin, Action("launch_rockets"), "org"},
		{"an organisation admin may not act at an unknown group", orgAdmin, ActViewGroups, "west"},
		{"an organisation admin may not act at the empty group", orgAdmin, ActViewGroups, ""},
		{"a caller with no grants may not even view groups", callerWith("bob"), ActViewGroups, "north"},
		{"an unknown role permits nothing", callerWith("bob", grantAt("owner", "org")), ActViewGroups, "north"},
		{"roles are case-sensitive", callerWith("bob", grantAt("Admin", "org")), ActViewGroups, "north"},
		{"a grant at an unknown group reaches nothing", callerWith("bob", grantAt(RoleAdmin, "west")), ActViewGroups, "north"},
		{"a grant at the empty group reaches nothing", callerWith("bob", grantAt(RoleAdmin, "")), ActViewGroups, "north"},
		{"an admin of another organisation may do nothing here, even with the same group ids",
			Caller{OrgID: "globex", UserID: "eve", Grants: []Grant{grantAt(RoleAdmin, "org")}}, ActViewGroups, "north"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if Allowed(tt.caller, tree, tt.action, tt.group) {
				t.Fatal("Allowed = true, want false")
			}
			wantCodeReason(t, Require(tt.caller, tree, tt.action, tt.group), EForbidden, "forbidden")
			if got := Reach(tt.caller, tree, tt.action); slices.Contains(got, tt.group) {
				t.Errorf("Reach = %v, want it without %q", got, tt.group)
			}
		})
	}
	if Allowed(orgAdmin, GroupTree{}, ActViewGroups, "org") {
		t.Error("an empty tree allows something")
	}
}

func TestRequireSaysWhichRoleIsNeeded(t *testing.T) {
	tree := hierarchyTree(t)
	agent := callerWith("ann", grantAt(RoleAgent, "north"))
	tests := []struct {
		name   string
		caller Caller
		action Action
		want   string
	}{
		{"an agent managing users is told managers and admins may",
			agent, ActManageUsers, "you need the manager or admin role at this group to manage users"},
		{"a viewer answering conversations is told agents, managers and admins may",
			callerWith("ann", grantAt(RoleViewer, "north")), ActAnswerConversations, "you need the agent, manager or admin role at this group to answer conversations"},
		{"a manager managing groups is told only admins may",
			callerWith("ann", grantAt(RoleManager, "north")), ActManageGroups, "you need the admin role at this group to manage groups"},
		{"an admin below the root managing credits is told it needs the root",
			callerWith("ann", grantAt(RoleAdmin, "north")), ActManageCredits, "you need the admin role at the organisation's root group to manage credits"},
		{"an unknown action is named",
			agent, Action("launch_rockets"), `"launch_rockets" is not something anyone may do`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := wantCodeReason(t, Require(tt.caller, tree, tt.action, "north-sales"), EForbidden, "forbidden")
			if e.Message != tt.want {
				t.Fatalf("message = %q, want %q", e.Message, tt.want)
			}
		})
	}
}

func TestReach(t *testing.T) {
	tree := hierarchyTree(t)
	north := []string{"north", "north-sales", "north-sales-east", "north-sales-west", "north-service"}
	south := []string{"south", "south-sales", "south-sales-east", "south-service"}
	everything := append(append([]string{"org"}, north...), south...)
	mixed := callerWith("ann", grantAt(RoleManager, "north"), grantAt(RoleAdmin, "south"))
	tests := []struct {
		name   string
		caller Caller
		action Action
		want   []string
	}{
		{"manager of North and admin of South manage users in both, parents first",
			mixed, ActManageUsers, append(slices.Clone(north), south...)},
		{"manager of North and admin of South manage groups only in South",
			mixed, ActManageGroups, south},
		{"manager of North and admin of South do not reach the root",
			mixed, ActViewGroups, append(slices.Clone(north), south...)},
		{"manager of North and admin of South manage no credits",
			mixed, ActManageCredits, nil},
		{"an organisation admin manages credits everywhere",
			callerWith("ann", grantAt(RoleAdmin, "org")), ActManageCredits, everything},
		{"overlapping grants list each group once",
			callerWith("ann", grantAt(RoleAgent, "north"), grantAt(RoleViewer, "north-sales"), grantAt(RoleAgent, "north-sales-east")), ActViewContacts, north},
		{"only the grants that permit the action count",
			callerWith("ann", grantAt(RoleViewer, "north"), grantAt(RoleAgent, "north-sales-east"), grantAt(RoleAgent, "south")),
			ActAnswerConversations, append([]string{"north-sales-east"}, south...)},
		{"a grant at a leaf reaches the leaf", callerWith("ann", grantAt(RoleManager, "south-service")), ActManageContacts, []string{"south-service"}},
		{"a caller with no grants reaches nothing", callerWith("ann"), ActViewGroups, nil},
		{"an unknown action reaches nothing", callerWith("ann", grantAt(RoleAdmin, "org")), Action("launch_rockets"), nil},
		{"grants at unknown groups reach nothing", callerWith("ann", grantAt(RoleAdmin, "west")), ActViewGroups, nil},
		{"a caller of another organisation reaches nothing",
			Caller{OrgID: "globex", UserID: "eve", Grants: []Grant{grantAt(RoleAdmin, "org")}}, ActViewGroups, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Reach(tt.caller, tree, tt.action)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Reach = %v, want %v", got, tt.want)
			}
			for _, g := range tree.Groups() {
				if Allowed(tt.caller, tree, tt.action, g.ID) != slices.Contains(got, g.ID) {
					t.Errorf("Allowed at %s disagrees with Reach", g.ID)
				}
			}
		})
	}
}

// Several grants combine: each is judged on its own and the caller may do
// whatever any one of them permits.
func TestGrantsAtSeveralGroupsCombine(t *testing.T) {
	tree := hierarchyTree(t)
	c := callerWith("ann", grantAt(RoleManager, "north"), grantAt(RoleAdmin, "south"), grantAt(RoleViewer, "org"))
	tests := []struct {
		action Action
		group  string
		want   bool
	}{
		{ActManageUsers, "north-sales-east", true},
		{ActManageUsers, "south-sales-east", true},
		{ActManageUsers, "org", false},
		{ActManageGroups, "north-sales", false},
		{ActManageGroups, "south-sales", true},
		{ActManageGroups, "south", true},
		{ActViewGroups, "org", true},
		{ActViewContacts, "org", true},
		{ActAnswerConversations, "north-service", true},
		{ActAnswerConversations, "org", false},
		{ActManageCredits, "south", false},
		{ActManageOrganisation, "org", false},
	}
	for _, tt := range tests {
		verb := "may"
		if !tt.want {
			verb = "may not"
		}
		t.Run(fmt.Sprintf("manager of North, admin of South and viewer of all %s %s at %s", verb, tt.action, tt.group), func(t *testing.T) {
			if got := Allowed(c, tree, tt.action, tt.group); got != tt.want {
				t.Fatalf("Allowed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIsOrgAdmin(t *testing.T) {
	tree := hierarchyTree(t)
	tests := []struct {
		name   string
		grants []Grant
		want   bool
	}{
		{"admin at the root is an organisation administrator", []Grant{grantAt(RoleAdmin, "org")}, true},
		{"admin at the root among other grants counts", []Grant{grantAt(RoleViewer, "north"), grantAt(RoleAdmin, "org")}, true},
		{"manager at the root is not", []Grant{grantAt(RoleManager, "org")}, false},
		{"admin of every location is still not", []Grant{grantAt(RoleAdmin, "north"), grantAt(RoleAdmin, "south")}, false},
		{"no grants is not", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsOrgAdmin(tt.grants, tree); got != tt.want {
				t.Fatalf("IsOrgAdmin = %v, want %v", got, tt.want)
			}
		})
	}
	if IsOrgAdmin([]Grant{grantAt(RoleAdmin, "")}, GroupTree{}) {
		t.Error("admin at the empty group counts as organisation administrator of an empty tree")
	}
}

func TestCanManageUser(t *testing.T) {
	tree := hierarchyTree(t)
	orgAdmin := callerWith("ann", grantAt(RoleAdmin, "org"))
	northAdmin := callerWith("ann", grantAt(RoleAdmin, "north"))
	northManager := callerWith("ann", grantAt(RoleManager, "north"))
	mixed := callerWith("ann", grantAt(RoleManager, "north"), grantAt(RoleAdmin, "south"))
	tests := []struct {
		name       string
		caller     Caller
		target     User
		wantReason string // "" when allowed
	}{
		{"admin of North may manage a user only in North",
			northAdmin, userWith("bob", UserActive, grantAt(RoleAgent, "north-sales"), grantAt(RoleViewer, "north-service")), ""},
		{"admin of North may manage a user at North itself",
			northAdmin, userWith("bob", UserActive, grantAt(RoleManager, "north")), ""},
		{"admin of North may manage an admin below North",
			northAdmin, userWith("bob", UserActive, grantAt(RoleAdmin, "north-sales")), ""},
		{"admin of North may manage a fellow admin of North",
			northAdmin, userWith("bob", UserActive, grantAt(RoleAdmin, "north")), ""},
		{"admin of North may not manage a user in North and South",
			northAdmin, userWith("bob", UserActive, grantAt(RoleAgent, "north-sales"), grantAt(RoleAgent, "south-sales")), "out_of_reach"},
		{"admin of North may not manage a user only in South",
			northAdmin, userWith("bob", UserActive, grantAt(RoleViewer, "south")), "out_of_reach"},
		{"admin of North Sales may not manage a user at North above it",
			callerWith("ann", grantAt(RoleAdmin, "north-sales")), userWith("bob", UserActive, grantAt(RoleAgent, "north")), "out_of_reach"},
		{"admin of North may not manage an organisation administrator",
			northAdmin, userWith("bob", UserActive, grantAt(RoleAdmin, "org")), "out_of_reach"},
		{"organisation admin may manage another organisation admin",
			orgAdmin, userWith("bob", UserActive, grantAt(RoleAdmin, "org")), ""},
		{"manager of North may manage an agent in North",
			northManager, userWith("bob", UserActive, grantAt(RoleAgent, "north-sales-east")), ""},
		{"manager of North may manage a fellow manager of North",
			northManager, userWith("bob", UserActive, grantAt(RoleManager, "north")), ""},
		{"manager of North may not manage an admin below North",
			northManager, userWith("bob", UserActive, grantAt(RoleAdmin, "north-sales-east")), "target_is_admin"},
		{"manager at the root may not manage an admin anywhere",
			callerWith("ann", grantAt(RoleManager, "org")), userWith("bob", UserActive, grantAt(RoleViewer, "north"), grantAt(RoleAdmin, "south-service")), "target_is_admin"},
		{"manager of North may not manage a user who is admin in South",
			northManager, userWith("bob", UserActive, grantAt(RoleAgent, "north"), grantAt(RoleAdmin, "south")), "out_of_reach"},
		{"an agent may not manage users",
			callerWith("ann", grantAt(RoleAgent, "org")), userWith("bob", UserActive, grantAt(RoleViewer, "north")), "out_of_reach"},
		{"a viewer may not manage users",
			callerWith("ann", grantAt(RoleViewer, "org")), userWith("bob", UserActive, grantAt(RoleViewer, "north")), "out_of_reach"},
		{"an organisation admin may not manage themself here",
			orgAdmin, userWith("ann", UserActive, grantAt(RoleAdmin, "org")), "self"},
		{"a manager may not manage themself here",
			northManager, userWith("ann", UserActive, grantAt(RoleManager, "north")), "self"},
		{"an organisation admin may manage a user with no roles",
			orgAdmin, userWith("bob", UserInvited), ""},
		{"admin of North may not manage a user with no roles",
			northAdmin, userWith("bob", UserInvited), "out_of_reach"},
		{"manager at the root may not manage a user with no roles",
			callerWith("ann", grantAt(RoleManager, "org")), userWith("bob", UserActive), "out_of_reach"},
		{"manager of North, admin of South may manage a user in both",
			mixed, userWith("bob", UserActive, grantAt(RoleAgent, "north"), grantAt(RoleManager, "south-sales")), ""},
		{"manager of North, admin of South may manage an admin of South",
			mixed, userWith("bob", UserActive, grantAt(RoleAdmin, "south-sales")), ""},
		{"manager of North, admin of South may not manage an admin of South who also works in North",
			mixed, userWith("bob", UserActive, grantAt(RoleAdmin, "south"), grantAt(RoleAgent, "north-sales")), "target_is_admin"},
		{"manager of North, admin of South may not manage a user at the root",
			mixed, userWith("bob", UserActive, grantAt(RoleViewer, "org")), "out_of_reach"},
		{"a deleted user in reach may be managed, so that they can be undeleted",
			northManager, userWith("bob", UserDeleted, grantAt(RoleAgent, "north")), ""},
		{"a deactivated user in reach may be managed",
			northManager, userWith("bob", UserDeactivated, grantAt(RoleAgent, "north")), ""},
		{"a user with a role at an unknown group is out of reach",
			orgAdmin, userWith("bob", UserActive, grantAt(RoleAgent, "west")), "out_of_reach"},
		{"a user of another organisation is out of reach even for an organisation admin",
			orgAdmin, User{ID: "eve", OrgID: "globex", Status: UserActive, Grants: []Grant{grantAt(RoleAgent, "north")}}, "out_of_reach"},
		{"a user of another organisation with no roles is out of reach",
			orgAdmin, User{ID: "eve", OrgID: "globex", Status: UserActive}, "out_of_reach"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CanManageUser(tt.caller, tree, tt.target)
			if tt.wantReason == "" {
				if err != nil {
					t.Fatalf("CanManageUser = %v, want nil", err)
				}
				return
			}
			// Always EForbidden, never ENotFound: visibility is the handler's call.
			e := wantCodeReason(t, err, EForbidden, tt.wantReason)
			if e.Message == "" {
				t.Error("the refusal has no message")
			}
		})
	}
}

func TestCanGrant(t *testing.T) {
	tree := hierarchyTree(t)
	northManager := callerWith("ann", grantAt(RoleManager, "north"))
	northAdmin := callerWith("ann", grantAt(RoleAdmin, "north"))
	mixed := callerWith("ann", grantAt(RoleManager, "north"), grantAt(RoleAdmin, "south"))
	tests := []struct {
		name       string
		caller     Caller
		grant      Grant
		wantCode   ErrorCode // "" when allowed
		wantReason string
	}{
		{"manager of North may grant agent in North's subtree", northManager, grantAt(RoleAgent, "north-sales"), "", ""},
		{"manager of North may grant viewer at North", northManager, grantAt(RoleViewer, "north"), "", ""},
		{"manager of North may grant manager at North", northManager, grantAt(RoleManager, "north"), "", ""},
		{"manager of North may not grant admin below North", northManager, grantAt(RoleAdmin, "north-sales"), EForbidden, "cannot_grant_admin"},
		{"manager of North may not grant agent in South", northManager, grantAt(RoleAgent, "south"), EForbidden, "out_of_reach"},
		{"manager of North may not grant at the root", northManager, grantAt(RoleViewer, "org"), EForbidden, "out_of_reach"},
		{"admin of North may grant admin below North", northAdmin, grantAt(RoleAdmin, "north-sales-east"), "", ""},
		{"admin of North may grant admin at North", northAdmin, grantAt(RoleAdmin, "north"), "", ""},
		{"admin of North may not grant at South", northAdmin, grantAt(RoleViewer, "south"), EForbidden, "out_of_reach"},
		{"admin of North may not grant admin at the root", northAdmin, grantAt(RoleAdmin, "org"), EForbidden, "out_of_reach"},
		{"organisation admin may grant admin at the root", callerWith("ann", grantAt(RoleAdmin, "org")), grantAt(RoleAdmin, "org"), "", ""},
		{"an agent may not grant agent", callerWith("ann", grantAt(RoleAgent, "org")), grantAt(RoleAgent, "north"), EForbidden, "out_of_reach"},
		{"an agent may not grant viewer", callerWith("ann", grantAt(RoleAgent, "org")), grantAt(RoleViewer, "north"), EForbidden, "out_of_reach"},
		{"a viewer may not grant viewer", callerWith("ann", grantAt(RoleViewer, "org")), grantAt(RoleViewer, "north"), EForbidden, "out_of_reach"},
		{"a caller with no grants may not grant", callerWith("ann"), grantAt(RoleViewer, "north"), EForbidden, "out_of_reach"},
		{"manager of North, admin of South may grant admin in South", mixed, grantAt(RoleAdmin, "south-sales"), "", ""},
		{"manager of North, admin of South may not grant admin in North", mixed, grantAt(RoleAdmin, "north-sales"), EForbidden, "cannot_grant_admin"},
		{"manager of North, admin of South may grant manager in North", mixed, grantAt(RoleManager, "north-service"), "", ""},
		{"manager at the root and admin of North may grant admin in North",
			callerWith("ann", grantAt(RoleManager, "org"), grantAt(RoleAdmin, "north")), grantAt(RoleAdmin, "north-sales"), "", ""},
		{"manager at the root and admin of North may not grant admin in South",
			callerWith("ann", grantAt(RoleManager, "org"), grantAt(RoleAdmin, "north")), grantAt(RoleAdmin, "south"), EForbidden, "cannot_grant_admin"},
		{"an admin of another organisation may not grant here",
			Caller{OrgID: "globex", UserID: "eve", Grants: []Grant{grantAt(RoleAdmin, "org")}}, grantAt(RoleViewer, "north"), EForbidden, "out_of_reach"},
		{"a grant at an unknown group is invalid", northAdmin, grantAt(RoleAgent, "west"), EInvalid, "validation_failed"},
		{"a grant at no group is invalid", northAdmin, grantAt(RoleAgent, ""), EInvalid, "validation_failed"},
		{"an unknown role is invalid", northAdmin, grantAt("owner", "north"), EInvalid, "validation_failed"},
		{"an invalid grant is invalid even for a caller who may not grant", callerWith("ann", grantAt(RoleViewer, "org")), grantAt(RoleAgent, "west"), EInvalid, "validation_failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CanGrant(tt.caller, tree, tt.grant)
			if tt.wantCode == "" {
				if err != nil {
					t.Fatalf("CanGrant(%+v) = %v, want nil", tt.grant, err)
				}
				return
			}
			e := wantCodeReason(t, err, tt.wantCode, tt.wantReason)
			if tt.wantCode == EInvalid && (len(e.Fields) != 1 || e.Fields[0].Field != "roles") {
				t.Errorf("fields = %+v, want one on roles", e.Fields)
			}
		})
	}
}

func TestCanSetGrants(t *testing.T) {
	tree := hierarchyTree(t)
	orgAdmin := callerWith("ann", grantAt(RoleAdmin, "org"))
	northManager := callerWith("ann", grantAt(RoleManager, "north"))
	tests := []struct {
		name       string
		caller     Caller
		target     User
		grants     []Grant
		orgAdmins  int
		wantCode   ErrorCode // "" when allowed
		wantReason string
		wantFields []string // the fields the error names, in order
	}{
		{name: "manager adds an agent role in reach",
			caller: northManager, target: userWith("bob", UserActive, grantAt(RoleAgent, "north")),
			grants: []Grant{grantAt(RoleAgent, "north"), grantAt(RoleAgent, "north-sales")}, orgAdmins: 1},
		{name: "manager promotes an agent to manager in reach",
			caller: northManager, target: userWith("bob", UserActive, grantAt(RoleAgent, "north-sales")),
			grants: []Grant{grantAt(RoleManager, "north-sales")}, orgAdmins: 1},
		{name: "unchanged grants in another order need no permission",
			caller: callerWith("ann", grantAt(RoleManager, "north-sales")), target: userWith("bob", UserActive, grantAt(RoleAgent, "north"), grantAt(RoleViewer, "south")),
			grants: []Grant{grantAt(RoleViewer, "south"), grantAt(RoleAgent, "north")}, orgAdmins: 1},
		{name: "two roles at the same group are not duplicates",
			caller: callerWith("ann", grantAt(RoleAdmin, "north")), target: userWith("bob", UserActive),
			grants: []Grant{grantAt(RoleAdmin, "north"), grantAt(RoleAgent, "north")}, orgAdmins: 1},
		{name: "organisation admin may remove every role",
			caller: orgAdmin, target: userWith("bob", UserActive, grantAt(RoleAdmin, "north"), grantAt(RoleAgent, "south")),
			grants: nil, orgAdmins: 1},
		{name: "manager may not remove someone's admin role",
			caller: northManager, target: userWith("bob", UserActive, grantAt(RoleAdmin, "north-sales"), grantAt(RoleAgent, "north")),
			grants: []Grant{grantAt(RoleAgent, "north")}, orgAdmins: 1,
			wantCode: EForbidden, wantReason: "cannot_remove_admin", wantFields: []string{"roles"}},
		{name: "manager may not grant admin",
			caller: northManager, target: userWith("bob", UserActive, grantAt(RoleAgent, "north")),
			grants: []Grant{grantAt(RoleAgent, "north"), grantAt(RoleAdmin, "north-sales")}, orgAdmins: 1,
			wantCode: EForbidden, wantReason: "cannot_grant_admin", wantFields: []string{"roles[1]"}},
		{name: "manager may not move a user's role out of reach",
			caller: northManager, target: userWith("bob", UserActive, grantAt(RoleAgent, "north")),
			grants: []Grant{grantAt(RoleAgent, "south")}, orgAdmins: 1,
			wantCode: EForbidden, wantReason: "out_of_reach", wantFields: []string{"roles[0]"}},
		{name: "manager may not remove a role outside their reach",
			caller: northManager, target: userWith("bob", UserActive, grantAt(RoleAgent, "north"), grantAt(RoleAgent, "south")),
			grants: []Grant{grantAt(RoleAgent, "north")}, orgAdmins: 1,
			wantCode: EForbidden, wantReason: "out_of_reach", wantFields: []string{"roles"}},
		{name: "an agent may not add roles, not even to themself",
			caller: callerWith("ann", grantAt(RoleAgent, "north")), target: userWith("ann", UserActive, grantAt(RoleAgent, "north")),
			grants: []Grant{grantAt(RoleAgent, "north"), grantAt(RoleViewer, "north-sales")}, orgAdmins: 1,
			wantCode: EForbidden, wantReason: "out_of_reach", wantFields: []string{"roles[1]"}},
		{name: "manager of North, admin of South may set admin in South and agent in North",
			caller: callerWith("ann", grantAt(RoleManager, "north"), grantAt(RoleAdmin, "south")), target: userWith("bob", UserInvited),
			grants: []Grant{grantAt(RoleAgent, "north-sales"), grantAt(RoleAdmin, "south-sales")}, orgAdmins: 1},
		{name: "manager of North, admin of South may not set admin in North",
			caller: callerWith("ann", grantAt(RoleManager, "north"), grantAt(RoleAdmin, "south")), target: userWith("bob", UserInvited),
			grants: []Grant{grantAt(RoleAdmin, "south-sales"), grantAt(RoleAdmin, "north")}, orgAdmins: 1,
			wantCode: EForbidden, wantReason: "cannot_grant_admin", wantFields: []string{"roles[1]"}},
		{name: "the last admin may not demote themself",
			caller: orgAdmin, target: userWith("ann", UserActive, grantAt(RoleAdmin, "org")),
			grants: []Grant{grantAt(RoleManager, "org")}, orgAdmins: 1,
			wantCode: EConflict, wantReason: "last_admin"},
		{name: "the last admin may not move their admin role below the root",
			caller: orgAdmin, target: userWith("ann", UserActive, grantAt(RoleAdmin, "org")),
			grants: []Grant{grantAt(RoleAdmin, "north"), grantAt(RoleAdmin, "south")}, orgAdmins: 1,
			wantCode: EConflict, wantReason: "last_admin"},
		{name: "the last admin may not drop every role",
			caller: orgAdmin, target: userWith("ann", UserActive, grantAt(RoleAdmin, "org")),
			grants: nil, orgAdmins: 1,
			wantCode: EConflict, wantReason: "last_admin"},
		{name: "the last admin may not be demoted by an admin whose deactivation the authorizer has not yet seen",
			caller: callerWith("cat", grantAt(RoleAdmin, "org")), target: userWith("ann", UserActive, grantAt(RoleAdmin, "org")),
			grants: []Grant{grantAt(RoleViewer, "org")}, orgAdmins: 1,
			wantCode: EConflict, wantReason: "last_admin"},
		{name: "the last admin may change their other roles",
			caller: orgAdmin, target: userWith("ann", UserActive, grantAt(RoleAdmin, "org")),
			grants: []Grant{grantAt(RoleAdmin, "org"), grantAt(RoleAgent, "north")}, orgAdmins: 1},
		{name: "an admin may demote themself while another admin remains",
			caller: orgAdmin, target: userWith("ann", UserActive, grantAt(RoleAdmin, "org")),
			grants: []Grant{grantAt(RoleManager, "org")}, orgAdmins: 2},
		{name: "an admin may demote another while both are admins",
			caller: orgAdmin, target: userWith("bob", UserActive, grantAt(RoleAdmin, "org")),
			grants: []Grant{grantAt(RoleAgent, "north")}, orgAdmins: 2},
		{name: "demoting an invited admin leaves the active admins as they were",
			caller: orgAdmin, target: userWith("bob", UserInvited, grantAt(RoleAdmin, "org")),
			grants: nil, orgAdmins: 1},
		{name: "demoting a deactivated admin leaves the active admins as they were",
			caller: orgAdmin, target: userWith("bob", UserDeactivated, grantAt(RoleAdmin, "org")),
			grants: nil, orgAdmins: 1},
		{name: "a repeated role is refused at its second place",
			caller: orgAdmin, target: userWith("bob", UserActive),
			grants: []Grant{grantAt(RoleAgent, "north"), grantAt(RoleViewer, "south"), grantAt(RoleAgent, "north")}, orgAdmins: 1,
			wantCode: EInvalid, wantReason: "validation_failed", wantFields: []string{"roles[2]"}},
		{name: "an unknown role is named with its index",
			caller: orgAdmin, target: userWith("bob", UserActive),
			grants: []Grant{grantAt(RoleAgent, "north"), grantAt(RoleViewer, "south"), grantAt("owner", "north")}, orgAdmins: 1,
			wantCode: EInvalid, wantReason: "validation_failed", wantFields: []string{"roles[2].role"}},
		{name: "an unknown group is named with its index",
			caller: orgAdmin, target: userWith("bob", UserActive),
			grants: []Grant{grantAt(RoleAgent, "west")}, orgAdmins: 1,
			wantCode: EInvalid, wantReason: "validation_failed", wantFields: []string{"roles[0].groupId"}},
		{name: "every bad role is reported at once",
			caller: orgAdmin, target: userWith("bob", UserActive),
			grants: []Grant{grantAt("", ""), grantAt(RoleAgent, "north"), grantAt(RoleAgent, "north"), grantAt("Admin", "west")}, orgAdmins: 1,
			wantCode: EInvalid, wantReason: "validation_failed", wantFields: []string{"roles[0].role", "roles[0].groupId", "roles[2]", "roles[3].role", "roles[3].groupId"}},
		{name: "bad input is reported before a refusal",
			caller: callerWith("ann", grantAt(RoleViewer, "north")), target: userWith("bob", UserActive),
			grants: []Grant{grantAt("owner", "north")}, orgAdmins: 1,
			wantCode: EInvalid, wantReason: "validation_failed", wantFields: []string{"roles[0].role"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CanSetGrants(tt.caller, tree, tt.target, tt.grants, tt.orgAdmins)
			if tt.wantCode == "" {
				if err != nil {
					t.Fatalf("CanSetGrants = %v, want nil", err)
				}
				return
			}
			e := wantCodeReason(t, err, tt.wantCode, tt.wantReason)
			var fields []string
			for _, f := range e.Fields {
				fields = append(fields, f.Field)
				if f.Message == "" {
					t.Errorf("field %s has no message", f.Field)
				}
			}
			if !slices.Equal(fields, tt.wantFields) {
				t.Errorf("fields = %v, want %v", fields, tt.wantFields)
			}
		})
	}
}

func TestCheckRemovesLastAdmin(t *testing.T) {
	tree := hierarchyTree(t)
	tests := []struct {
		name      string
		target    User
		orgAdmins int
		wantLast  bool
	}{
		{"the only active organisation admin may not go", userWith("ann", UserActive, grantAt(RoleAdmin, "org")), 1, true},
		{"an inconsistent count of none still keeps the admin", userWith("ann", UserActive, grantAt(RoleAdmin, "org")), 0, true},
		{"one of two active organisation admins may go", userWith("ann", UserActive, grantAt(RoleAdmin, "org")), 2, false},
		{"a deactivated organisation admin may be deleted", userWith("ann", UserDeactivated, grantAt(RoleAdmin, "org")), 1, false},
		{"an invited organisation admin may be deleted", userWith("ann", UserInvited, grantAt(RoleAdmin, "org")), 1, false},
		{"an admin below the root is not an organisation admin", userWith("ann", UserActive, grantAt(RoleAdmin, "north")), 1, false},
		{"a manager at the root is not an organisation admin", userWith("ann", UserActive, grantAt(RoleManager, "org")), 1, false},
		{"a user with no roles may go", userWith("ann", UserActive), 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckRemovesLastAdmin(tt.target, tree, tt.orgAdmins)
			if !tt.wantLast {
				if err != nil {
					t.Fatalf("CheckRemovesLastAdmin = %v, want nil", err)
				}
				return
			}
			wantCodeReason(t, err, EConflict, "last_admin")
		})
	}
}

// Abilities is what GET /me shows a client, from the whoMay table by hand.
func TestAbilities(t *testing.T) {
	tree := hierarchyTree(t)
	all := make([]Action, 0, len(whoMay))
	for _, w := range whoMay {
		all = append(all, w.action)
	}
	tests := []struct {
		name   string
		caller Caller
		want   []Action
	}{
		{"an organisation admin may do everything", callerWith("ann", grantAt(RoleAdmin, "org")), all},
		{"an admin below the root manages no credits and no organisation settings",
			callerWith("ann", grantAt(RoleAdmin, "south")),
			[]Action{ActViewGroups, ActManageGroups, ActViewUsers, ActManageUsers, ActManageNotifications, ActManageSettings, ActManageContacts, ActViewContacts, ActAnswerConversations}},
		{"a manager anywhere", callerWith("ann", grantAt(RoleManager, "north-sales")),
			[]Action{ActViewGroups, ActViewUsers, ActManageUsers, ActManageNotifications, ActManageSettings, ActManageContacts, ActViewContacts, ActAnswerConversations}},
		{"an agent reads groups and contacts and answers", callerWith("ann", grantAt(RoleAgent, "north")),
			[]Action{ActViewGroups, ActViewContacts, ActAnswerConversations}},
		{"a viewer only reads", callerWith("ann", grantAt(RoleViewer, "org")), []Action{ActViewGroups, ActViewContacts}},
		{"no grants, nothing", callerWith("ann"), []Action{}},
		{"another organisation's caller, nothing",
			Caller{OrgID: "globex", UserID: "eve", Grants: []Grant{grantAt(RoleAdmin, "org")}}, []Action{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Abilities(tt.caller, tree); !slices.Equal(got, tt.want) {
				t.Errorf("Abilities = %v, want %v", got, tt.want)
			}
		})
	}
}
