package roster

import (
	"fmt"
	"slices"
	"strings"
)

// Action is something a caller may try to do at a group.
type Action string

// Actions, each checked against the permissions table below.
const (
	ActViewGroups          Action = "view_groups"          // see the group and its subtree
	ActManageGroups        Action = "manage_groups"        // create below, rename, move, delete
	ActViewUsers           Action = "view_users"           // list and read users of the subtree; everyone reads themself via /me
	ActManageUsers         Action = "manage_users"         // create, edit, invite, deactivate, delete, undelete users; grant roles
	ActManageNotifications Action = "manage_notifications" // set and lock other users' notification settings and favourite templates
	ActManageSettings      Action = "manage_settings"      // hours of operation and templates of the subtree
	ActManageContacts      Action = "manage_contacts"      // create, edit, delete, import, export contacts
	ActViewContacts        Action = "view_contacts"        // read contacts
	ActAnswerConversations Action = "answer_conversations" // read and reply to conversations, claim them
	ActManageCredits       Action = "manage_credits"       // grant and transfer credits: organisation-wide
	ActManageOrganisation  Action = "manage_organisation"  // organisation-wide defaults and settings
)

// permission is one row of the permissions table.
type permission struct {
	roles []Role     // the roles that may do the action, strongest first
	where grantPlace // where a grant must be to count
	does  string     // the action in a refusal: "you need ... to <does>"
}

// grantPlace says where a grant must be to permit an action at a group.
type grantPlace int

const (
	inSubtree grantPlace = iota // at the group or anywhere above it
	atRoot                      // at the root group itself: organisation-wide actions
)

// permissions is the one statement of who may do what, read from issue 3
// (roles over groups) and issue 6 (hours, templates, notification locks).
// A role listed here may do the action at the group it is granted at and
// everywhere below it; an atRoot action needs the grant at the root itself.
var permissions = map[Action]permission{
	ActViewGroups:          {[]Role{RoleAdmin, RoleManager, RoleAgent, RoleViewer}, inSubtree, "view groups"},
	ActManageGroups:        {[]Role{RoleAdmin}, inSubtree, "manage groups"},
	ActViewUsers:           {[]Role{RoleAdmin, RoleManager}, inSubtree, "view users"},
	ActManageUsers:         {[]Role{RoleAdmin, RoleManager}, inSubtree, "manage users"},
	ActManageNotifications: {[]Role{RoleAdmin, RoleManager}, inSubtree, "manage other users' notification settings and favourite templates"},
	ActManageSettings:      {[]Role{RoleAdmin, RoleManager}, inSubtree, "manage hours of operation and templates"},
	ActManageContacts:      {[]Role{RoleAdmin, RoleManager}, inSubtree, "manage contacts"},
	ActViewContacts:        {[]Role{RoleAdmin, RoleManager, RoleAgent, RoleViewer}, inSubtree, "view contacts"},
	ActAnswerConversations: {[]Role{RoleAdmin, RoleManager, RoleAgent}, inSubtree, "answer conversations"}, // viewers: "view only, excluding text & chat"
	ActManageCredits:       {[]Role{RoleAdmin}, atRoot, "manage credits"},
	ActManageOrganisation:  {[]Role{RoleAdmin}, atRoot, "manage the organisation's settings"},
}

func (p permission) permits(r Role) bool { return slices.Contains(p.roles, r) }

// RolePermits reports whether role r may do a wherever its grant reaches
// (for a root-only action, a grant at the root). The notifier's member items
// list, per group, the users whose roles there permit answering.
func RolePermits(r Role, a Action) bool {
	p, ok := permissions[a]
	return ok && p.permits(r)
}

// Stronger reports whether r is a more powerful role than other.
func (r Role) Stronger(other Role) bool { return r.rank() > other.rank() }

// rank orders roles by power; 0 for an unknown role, which permits nothing.
func (r Role) rank() int {
	switch r {
	case RoleAdmin:
		return 4
	case RoleManager:
		return 3
	case RoleAgent:
		return 2
	case RoleViewer:
		return 1
	}
	return 0
}

// serves reports whether t is the tree of org. Every rule checks it so that
// a grant never reaches into another organisation's groups, even if a
// handler loaded the wrong tree.
func (t GroupTree) serves(org string) bool {
	return t.root != "" && t.orgID == org
}

// allowedBy reports whether one grant lets its holder do a at group.
func allowedBy(g Grant, t GroupTree, p permission, group string) bool {
	return p.permits(g.Role) && (p.where != atRoot || g.GroupID == t.root) && t.Within(group, g.GroupID)
}

// Allowed reports whether c may do a at group: some grant of c, at group or
// above it, holds a role that permits a (for root-only actions, the grant
// must be at the root). Unknown actions and groups, and a tree of another
// organisation, allow nothing.
func Allowed(c Caller, t GroupTree, a Action, group string) bool {
	p, ok := permissions[a]
	if !ok || !t.serves(c.OrgID) {
		return false
	}
	for _, g := range c.Grants {
		if allowedBy(g, t, p, group) {
			return true
		}
	}
	return false
}

// Require is Allowed as an error. Returns nil, or EForbidden (reason
// "forbidden") with a message naming the roles and the action.
func Require(c Caller, t GroupTree, a Action, group string) error {
	if Allowed(c, t, a, group) {
		return nil
	}
	p, ok := permissions[a]
	if !ok {
		return WithReason(EForbidden, "forbidden", fmt.Sprintf("%q is not something anyone may do", a))
	}
	where := "at this group"
	if p.where == atRoot {
		where = "at the organisation's root group"
	}
	return WithReason(EForbidden, "forbidden", fmt.Sprintf("you need the %s role %s to %s", roleList(p.roles), where, p.does))
}

// RequireSomewhere refuses c, as Require does at the root, unless c may do
// a at some group: for work whose groups are chosen later (an import, an
// export, managing other users' settings).
func RequireSomewhere(c Caller, t GroupTree, a Action) error {
	if len(Reach(c, t, a)) > 0 {
		return nil
	}
	return Require(c, t, a, t.Root().ID)
}

// roleList names roles weakest first, as a person would say them:
// "manager or admin".
func roleList(roles []Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[len(roles)-1-i] = string(r)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Reach returns the ids of every group where c may do a (the union of the
// subtrees its grants reach), parents before children. Used to filter lists.
func Reach(c Caller, t GroupTree, a Action) []string {
	p, ok := permissions[a]
	if !ok || !t.serves(c.OrgID) {
		return nil
	}
	granted := make(map[string]bool)
	for _, g := range c.Grants {
		if allowedBy(g, t, p, g.GroupID) {
			granted[g.GroupID] = true
		}
	}
	if len(granted) == 0 {
		return nil
	}
	// t.order lists parents first, so a group is reached when it holds a
	// grant or its parent was reached.
	reached := make(map[string]bool)
	var out []string
	for _, id := range t.order {
		if granted[id] || reached[t.groups[id].ParentID] {
			reached[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Abilities returns the actions c may do at some group, in the order of the
// permissions table's constants: what a client shows or hides.
func Abilities(c Caller, t GroupTree) []Action {
	out := []Action{}
	for _, a := range allActions {
		if len(Reach(c, t, a)) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// allActions lists every action once, in the order of their constants.
var allActions = []Action{ActViewGroups, ActManageGroups, ActViewUsers, ActManageUsers, ActManageNotifications,
	ActManageSettings, ActManageContacts, ActViewContacts, ActAnswerConversations, ActManageCredits, ActManageOrganisation}

// IsOrgAdmin reports whether grants hold admin at the root, which is what
// makes an organisation administrator.
func IsOrgAdmin(grants []Grant, t GroupTree) bool {
	for _, g := range grants {
		if g.Role == RoleAdmin && g.GroupID == t.root && t.root != "" {
			return true
		}
	}
	return false
}

// strongestAt returns the strongest role of c reaching group, "" when none does.
func strongestAt(c Caller, t GroupTree, group string) Role {
	var best Role
	if !t.serves(c.OrgID) {
		return best
	}
	for _, g := range c.Grants {
		if g.Role.rank() > best.rank() && t.Within(group, g.GroupID) {
			best = g.Role
		}
	}
	return best
}

// CanManageUser says whether c may edit, deactivate, delete or undelete
// target. Self-service is a separate path, so acting on oneself is refused
// here. An admin may act on a user whose every group lies within the
// admin's reach; a manager likewise, except on a user who holds admin
// anywhere; a user with no roles is left to organisation administrators.
// Returns nil or EForbidden (reasons "self", "target_is_admin",
// "out_of_reach"), never ENotFound: the handler decides what the caller may
// know exists.
func CanManageUser(c Caller, t GroupTree, target User) error {
	if c.UserID == target.ID {
		return WithReason(EForbidden, "self", "you cannot change your own account here; use your profile instead")
	}
	if target.OrgID != c.OrgID || !t.serves(c.OrgID) {
		return WithReason(EForbidden, "out_of_reach", "this user is not in your organisation")
	}
	if len(target.Grants) == 0 {
		if IsOrgAdmin(c.Grants, t) {
			return nil
		}
		return WithReason(EForbidden, "out_of_reach", "only an organisation administrator may change a user who has no roles")
	}
	targetIsAdmin := false
	for _, g := range target.Grants {
		if g.Role == RoleAdmin {
			targetIsAdmin = true
		}
	}
	for _, g := range target.Grants {
		if !Allowed(c, t, ActManageUsers, g.GroupID) {
			return WithReason(EForbidden, "out_of_reach", fmt.Sprintf("this user has a role at %s, outside the groups where you manage users", t.nameOf(g.GroupID)))
		}
	}
	if targetIsAdmin {
		for _, g := range target.Grants {
			if strongestAt(c, t, g.GroupID) != RoleAdmin {
				return WithReason(EForbidden, "target_is_admin", fmt.Sprintf("this user holds the admin role, so only an admin at %s or above may change them", t.nameOf(g.GroupID)))
			}
		}
	}
	return nil
}

// nameOf names a group in a message: its name, or its id when unknown.
func (t GroupTree) nameOf(id string) string {
	if g, ok := t.groups[id]; ok {
		return fmt.Sprintf("%q", g.Name)
	}
	return fmt.Sprintf("unknown group %q", id)
}

// CanGrant says whether c may give grant g to someone: g must name a known
// role and group, c must manage users at g's group (from there or above),
// and nobody grants a role stronger than the strongest they hold reaching
// that group, so a manager never grants admin. Returns EInvalid (field
// "roles") for an unknown role or group, or EForbidden (reasons
// "out_of_reach", "cannot_grant_admin", "exceeds_own_role").
func CanGrant(c Caller, t GroupTree, g Grant) error {
	var v Validation
	checkGrant(&v, t, "roles", "roles", g)
	if err := v.Err(); err != nil {
		return err
	}
	if err := mayHandOut(c, t, g, false); err != nil {
		return err
	}
	return nil
}

// checkGrant records what is wrong with g as input.
func checkGrant(v *Validation, t GroupTree, roleField, groupField string, g Grant) {
	if !g.Role.Valid() {
		v.Add(roleField, fmt.Sprintf("unknown role %q: must be admin, manager, agent or viewer", g.Role))
	}
	switch {
	case g.GroupID == "":
		v.Add(groupField, "a group is required")
	case !t.known(g.GroupID):
		v.Add(groupField, fmt.Sprintf("unknown group %q", g.GroupID))
	}
}

// mayHandOut says whether c may grant g, or, when removing, take g away:
// removing is allowed exactly when granting would be, so nobody takes away
// what they could not have given.
func mayHandOut(c Caller, t GroupTree, g Grant, removing bool) *Error {
	verb := "grant"
	if removing {
		verb = "remove"
	}
	if !Allowed(c, t, ActManageUsers, g.GroupID) {
		return WithReason(EForbidden, "out_of_reach", fmt.Sprintf("you need the manager or admin role at %s or above to %s roles there", t.nameOf(g.GroupID), verb))
	}
	own := strongestAt(c, t, g.GroupID)
	switch {
	case g.Role.rank() <= own.rank():
		return nil
	case g.Role == RoleAdmin:
		return WithReason(EForbidden, "cannot_"+verb+"_admin", fmt.Sprintf("only an admin at %s or above may %s the admin role there", t.nameOf(g.GroupID), verb))
	default:
		// Unreachable with today's four roles (only admin outranks manager);
		// kept so that a role added between them is bounded by the same rule.
		return WithReason(EForbidden, "exceeds_own_role", fmt.Sprintf("you cannot %s the %s role at %s: your own role there is %s", verb, g.Role, t.nameOf(g.GroupID), own))
	}
}

// CanSetGrants checks replacing target's grants with newGrants. The new
// list must hold known roles at known groups without repeats; every added
// grant must pass CanGrant and every removed one must be one c could have
// granted (so a manager neither removes an admin grant nor touches a group
// outside their reach); and an active organisation administrator keeps
// admin at the root when they are the last one. orgAdmins is the number of
// active users holding admin at the root, target included if they hold it
// now. It does not call CanManageUser: the handler does that first for
// another user, while a user changing their own roles is bounded by the
// grant rules alone. Returns EInvalid (reason "validation_failed", fields
// "roles[i].role", "roles[i].groupId", "roles[i]"), EForbidden (the
// CanGrant reasons, or "cannot_remove_admin", with the field "roles[i]" of
// an added grant or "roles" for a removed one) or EConflict ("last_admin").
func CanSetGrants(c Caller, t GroupTree, target User, newGrants []Grant, orgAdmins int) error {
	var v Validation
	first := make(map[Grant]int, len(newGrants))
	for i, g := range newGrants {
		checkGrant(&v, t, fmt.Sprintf("roles[%d].role", i), fmt.Sprintf("roles[%d].groupId", i), g)
		if j, seen := first[g]; seen {
			v.Add(fmt.Sprintf("roles[%d]", i), fmt.Sprintf("repeats roles[%d]", j))
		} else {
			first[g] = i
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	held := make(map[Grant]bool, len(target.Grants))
	for _, g := range target.Grants {
		held[g] = true
	}
	for i, g := range newGrants {
		if held[g] {
			continue
		}
		if err := mayHandOut(c, t, g, false); err != nil {
			err.Fields = []FieldError{{Field: fmt.Sprintf("roles[%d]", i), Message: err.Message}}
			return err
		}
	}
	for _, g := range target.Grants {
		if _, kept := first[g]; kept {
			continue
		}
		if err := mayHandOut(c, t, g, true); err != nil {
			err.Fields = []FieldError{{Field: "roles", Message: err.Message}}
			return err
		}
	}
	if IsOrgAdmin(target.Grants, t) && !IsOrgAdmin(newGrants, t) {
		return CheckRemovesLastAdmin(target, t, orgAdmins)
	}
	return nil
}

// CheckRemovesLastAdmin says whether target may lose admin at the root, be
// deactivated or be deleted without leaving the organisation with no active
// administrator. orgAdmins counts the active users holding admin at the
// root. Returns nil or EConflict (reason "last_admin").
func CheckRemovesLastAdmin(target User, t GroupTree, orgAdmins int) error {
	if target.Status == UserActive && IsOrgAdmin(target.Grants, t) && orgAdmins <= 1 {
		return WithReason(EConflict, "last_admin", "this is the organisation's last active administrator: make someone else an admin at the root group first")
	}
	return nil
}

// Contacts. A contact sits in one or more groups; a caller sees it when
// they may view contacts at any of them and manages it when they may
// manage contacts at any of them. Organisation administrators see and
// manage every contact, including one whose groups were all deleted.

// CanSeeContact reports whether c may read ct.
func CanSeeContact(c Caller, t GroupTree, ct Contact) bool {
	return contactAllows(c, t, ct, ActViewContacts)
}

// CanManageContact reports whether c may edit or delete ct.
func CanManageContact(c Caller, t GroupTree, ct Contact) bool {
	return contactAllows(c, t, ct, ActManageContacts)
}

func contactAllows(c Caller, t GroupTree, ct Contact, a Action) bool {
	if ct.OrgID != c.OrgID || !t.serves(c.OrgID) {
		return false
	}
	if IsOrgAdmin(c.Grants, t) {
		return true
	}
	for _, g := range ct.Groups {
		if Allowed(c, t, a, g) {
			return true
		}
	}
	return false
}

// CheckContactGroups checks moving a contact from the groups old to the
// groups new (old is nil on create). Every group of new must be known
// (EInvalid, field "groups[i]"), and every group added or removed must be
// one where c manages contacts (EForbidden, reason "out_of_reach", naming
// the group; field "groups[i]" for an added group, "groups" for a removed
// one). An organisation administrator may also drop groups that no longer
// exist.
func CheckContactGroups(c Caller, t GroupTree, old, new []string) error {
	var v Validation
	for i, g := range new {
		if !t.known(g) {
			v.Add(fmt.Sprintf("groups[%d]", i), fmt.Sprintf("unknown group %q", g))
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	refuse := func(field, verb, group string) error {
		name := fmt.Sprintf("%q", group)
		if Allowed(c, t, ActViewGroups, group) {
			name = t.nameOf(group)
		}
		e := WithReason(EForbidden, "out_of_reach", fmt.Sprintf("you need the manager or admin role at %s or above to %s contacts there", name, verb))
		e.Fields = []FieldError{{Field: field, Message: e.Message}}
		return e
	}
	for i, g := range new {
		if !slices.Contains(old, g) && !Allowed(c, t, ActManageContacts, g) {
			return refuse(fmt.Sprintf("groups[%d]", i), "put", g)
		}
	}
	for _, g := range old {
		if slices.Contains(new, g) || Allowed(c, t, ActManageContacts, g) {
			continue
		}
		if !t.known(g) && IsOrgAdmin(c.Grants, t) && t.serves(c.OrgID) {
			continue
		}
		return refuse("groups", "remove", g)
	}
	return nil
}

// CanSeeRequest reports whether c may see background work (a contact import
// or export) that requestedBy started: their own, or any as an organisation
// administrator. Others get "not found".
func CanSeeRequest(c Caller, t GroupTree, requestedBy string) bool {
	return requestedBy == c.UserID || IsOrgAdmin(c.Grants, t)
}
