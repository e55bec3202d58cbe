package roster

import (
	"strings"
	"testing"
)

func contactIn(groups ...string) Contact {
	return Contact{ID: "c1", OrgID: "acme", FirstName: "Cy", Phone: "+12015550123", Groups: groups}
}

func TestContactVisibilityAndManagement(t *testing.T) {
	tree := hierarchyTree(t)
	tests := []struct {
		name        string
		caller      Caller
		contact     Contact
		see, manage bool
	}{
		{"an organisation admin sees and manages everything", callerWith("ann", grantAt(RoleAdmin, "org")), contactIn("south-sales-east"), true, true},
		{"an organisation admin keeps a contact whose groups are gone", callerWith("ann", grantAt(RoleAdmin, "org")), contactIn("deleted"), true, true},
		{"a manager above a group", callerWith("bob", grantAt(RoleManager, "north")), contactIn("north-sales-east"), true, true},
		{"a manager at one of several groups", callerWith("bob", grantAt(RoleManager, "north")), contactIn("south", "north-service"), true, true},
		{"a manager in another branch", callerWith("bob", grantAt(RoleManager, "north")), contactIn("south-sales"), false, false},
		{"a manager below the contact's group", callerWith("bob", grantAt(RoleManager, "north-sales")), contactIn("north"), false, false},
		{"an agent reads but does not manage", callerWith("cat", grantAt(RoleAgent, "north")), contactIn("north-sales"), true, false},
		{"a viewer reads but does not manage", callerWith("dan", grantAt(RoleViewer, "north-sales")), contactIn("north-sales-west"), true, false},
		{"a viewer out of reach", callerWith("dan", grantAt(RoleViewer, "north-sales")), contactIn("north-service"), false, false},
		{"a branch admin does not get orphaned contacts", callerWith("eve", grantAt(RoleAdmin, "north")), contactIn("deleted"), false, false},
		{"another organisation's contact", callerWith("ann", grantAt(RoleAdmin, "org")), Contact{ID: "c9", OrgID: "globex", Groups: []string{"north"}}, false, false},
		{"no grants", callerWith("fay"), contactIn("north"), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanSeeContact(tt.caller, tree, tt.contact); got != tt.see {
				t.Errorf("CanSeeContact = %v, want %v", got, tt.see)
			}
			if got := CanManageContact(tt.caller, tree, tt.contact); got != tt.manage {
				t.Errorf("CanManageContact = %v, want %v", got, tt.manage)
			}
		})
	}
	if CanSeeContact(callerWith("ann", grantAt(RoleAdmin, "org")), GroupTree{}, contactIn("org")) {
		t.Error("an empty tree shows a contact")
	}
}

func TestCheckContactGroups(t *testing.T) {
	tree := hierarchyTree(t)
	admin := callerWith("ann", grantAt(RoleAdmin, "org"))
	northManager := callerWith("bob", grantAt(RoleManager, "north"))
	salesManager := callerWith("bob", grantAt(RoleManager, "north-sales"))
	agent := callerWith("cat", grantAt(RoleAgent, "org"))
	tests := []struct {
		name     string
		caller   Caller
		old, new []string
		code     ErrorCode
		field    string
		mention  string
	}{
		{"an admin creates anywhere", admin, nil, []string{"south-sales", "north"}, "", "", ""},
		{"a manager creates within reach", northManager, nil, []string{"north-sales-east", "north-service"}, "", "", ""},
		{"a manager cannot create outside reach", northManager, nil, []string{"north", "south"}, EForbidden, "groups[1]", `"south"`},
		{"an unknown group is invalid, named by index", admin, nil, []string{"north", "west"}, EInvalid, "groups[1]", ""},
		{"unknown groups come before reach", northManager, nil, []string{"south", "west"}, EInvalid, "groups[1]", ""},
		{"an agent cannot put a contact anywhere; a group they see is named", agent, nil, []string{"north"}, EForbidden, "groups[0]", `"North"`},
		{"keeping a group out of reach is fine", northManager, []string{"south", "north"}, []string{"south", "north-sales"}, "", "", ""},
		{"removing a group out of reach is refused", northManager, []string{"south", "north"}, []string{"north"}, EForbidden, "groups", `"south"`},
		{"a group the caller cannot see is named by id", salesManager, []string{"north-service", "north-sales"}, []string{"north-sales"}, EForbidden, "groups", `"north-service"`},
		{"an admin drops a deleted group", admin, []string{"gone", "north"}, []string{"north"}, "", "", ""},
		{"a manager cannot drop a deleted group", northManager, []string{"gone", "north"}, []string{"north"}, EForbidden, "groups", ""},
		{"no change needs no rights", agent, []string{"north"}, []string{"north"}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckContactGroups(tt.caller, tree, tt.old, tt.new)
			if tt.code == "" {
				if err != nil {
					t.Fatalf("err = %v, want nil", err)
				}
				return
			}
			reason := "out_of_reach"
			if tt.code == EInvalid {
				reason = "validation_failed"
			}
			e := wantCodeReason(t, err, tt.code, reason)
			if len(e.Fields) == 0 || e.Fields[0].Field != tt.field {
				t.Fatalf("fields = %+v, want %s first", e.Fields, tt.field)
			}
			if tt.mention != "" && !strings.Contains(e.Message, tt.mention) {
				t.Errorf("message %q does not name %s", e.Message, tt.mention)
			}
		})
	}
}
