package roster

import (
	"strings"
	"testing"
)

func TestValidateTemplate(t *testing.T) {
	for _, tt := range []struct {
		name, body, field string
	}{
		{"Greeting", "Hi {{firstName}} {{ lastName }} of {{company}}, {{userFirstName}} here", ""},
		{"", "text", "name"},
		{strings.Repeat("n", MaxTemplateNameLength+1), "text", "name"},
		{"Long", strings.Repeat("x", MaxTemplateBodyLength+1), "body"},
		{"Unknown", "Hi {{nickname}}", "body"},
		{"Unclosed", "Hi {{firstName", "body"},
		{"Empty", " \n", "body"},
	} {
		name := tt.name
		err := ValidateTemplate(&name, tt.body)
		var e *Error
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%q: %v", tt.name, err)
		case tt.field != "" && (err == nil || !asError(err, &e) || e.Fields[0].Field != tt.field):
			t.Errorf("%q: got %v, want field %s", tt.name, err, tt.field)
		}
	}
	// The limit counts characters, not bytes.
	name := "Exactly"
	if err := ValidateTemplate(&name, strings.Repeat("é", MaxTemplateBodyLength)); err != nil {
		t.Errorf("1600 two-byte characters: %v", err)
	}
}

func asError(err error, out **Error) bool {
	e, ok := err.(*Error)
	*out = e
	return ok
}

func TestRender(t *testing.T) {
	m := MessageTemplate{Body: "Hi {{firstName}} {{lastName}} ({{ company }}), {{userFirstName}} here. {{firstName}}!"}
	got := Render(m, Contact{FirstName: "Ada", LastName: "Lovelace", Company: "Engines"}, User{FirstName: "Gus"})
	if want := "Hi Ada Lovelace (Engines), Gus here. Ada!"; got != want {
		t.Fatalf("Render = %q, want %q", got, want)
	}
}

func TestCanReadTemplate(t *testing.T) {
	tree, err := NewGroupTree([]Group{
		{ID: "root", OrgID: "o", Name: "Org"},
		{ID: "north", OrgID: "o", Name: "North", ParentID: "root"},
		{ID: "sales", OrgID: "o", Name: "Sales", ParentID: "north"},
		{ID: "south", OrgID: "o", Name: "South", ParentID: "root"},
	})
	if err != nil {
		t.Fatal(err)
	}
	as := func(role Role, group string) Caller {
		return Caller{OrgID: "o", UserID: "u", Grants: []Grant{{Role: role, GroupID: group}}}
	}
	north := MessageTemplate{OrgID: "o", GroupID: "north"}
	for _, tt := range []struct {
		name string
		c    Caller
		m    MessageTemplate
		want bool
	}{
		{"anyone reads organisation templates", Caller{OrgID: "o", UserID: "u"}, MessageTemplate{OrgID: "o"}, true},
		{"an agent at the group", as(RoleAgent, "north"), north, true},
		{"an agent below the group", as(RoleAgent, "sales"), north, true},
		{"an admin above the group", as(RoleAdmin, "root"), north, true},
		{"an agent of another subtree", as(RoleAgent, "south"), north, false},
		{"another organisation", Caller{OrgID: "x", UserID: "u"}, MessageTemplate{OrgID: "x"}, false},
		{"a deleted group, not an org admin", as(RoleManager, "north"), MessageTemplate{OrgID: "o", GroupID: "gone"}, false},
		{"a deleted group, an org admin", as(RoleAdmin, "root"), MessageTemplate{OrgID: "o", GroupID: "gone"}, true},
	} {
		if got := CanReadTemplate(tt.c, tree, tt.m); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	if err := RequireManageTemplate(as(RoleManager, "north"), tree, MessageTemplate{OrgID: "o"}); ErrorCodeOf(err) != EForbidden {
		t.Errorf("a manager of North manages organisation templates: %v", err)
	}
	if err := RequireManageTemplate(as(RoleManager, "north"), tree, MessageTemplate{OrgID: "o", GroupID: "sales"}); err != nil {
		t.Errorf("a manager of North manages Sales' templates: %v", err)
	}
}

func TestValidateNotificationSettings(t *testing.T) {
	s := DefaultNotificationSettings
	s.DesktopSound = "none"
	if err := ValidateNotificationSettings(&s); err != nil || s.DesktopSound != "" {
		t.Fatalf("none: %v %q", err, s.DesktopSound)
	}
	bad := NotificationSettings{DesktopSound: "siren", DesktopRepeatMinutes: 61, UnclaimedMinutes: 0, UnreadMinutes: 1441}
	err := ValidateNotificationSettings(&bad)
	e, ok := err.(*Error)
	if !ok || len(e.Fields) != 4 {
		t.Fatalf("got %v", err)
	}
}
