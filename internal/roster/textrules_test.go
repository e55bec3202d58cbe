package roster

import (
	"slices"
	"testing"
)

// Every one-line text field (names, titles) refuses the same characters,
// and every long text (template bodies, replies) the controls that are not
// line breaks or tabs.
func TestTextRules(t *testing.T) {
	okPhone := func(s string) (string, error) { return "+15555550100", nil }
	roles := []Grant{{Role: RoleAgent, GroupID: "g1"}}
	lines := map[string]func(string) []string{
		"group name": func(s string) []string {
			return invalidFields(t, ValidateGroupInput(&GroupInput{Name: &s}, false))
		},
		"template name": func(s string) []string {
			return invalidFields(t, ValidateTemplate(&s, "Hello"))
		},
		"user first name": func(s string) []string {
			return invalidFields(t, ValidateCreateUser(&CreateUserInput{Email: "ann@example.com", FirstName: s, LastName: "A", Roles: roles}, okPhone))
		},
		"user job title": func(s string) []string {
			return invalidFields(t, ValidateCreateUser(&CreateUserInput{Email: "ann@example.com", FirstName: "Ann", LastName: "A", JobTitle: s, Roles: roles}, okPhone))
		},
		"contact last name": func(s string) []string {
			return invalidFields(t, ValidateContactInput(&ContactInput{FirstName: "Zoe", LastName: s, Phone: "5555550100", Groups: []string{"g1"}}, nil, "US", func(raw, _ string) (string, error) { return okPhone(raw) }))
		},
	}
	long := map[string]func(string) []string{
		"template body": func(s string) []string {
			name := "T"
			return invalidFields(t, ValidateTemplate(&name, s))
		},
		"reply": func(s string) []string {
			var v Validation
			CheckReply(&v, "text", s)
			return invalidFields(t, v.Err())
		},
	}
	tests := []struct {
		name           string
		value          string
		lineOK, longOK bool
	}{
		{"plain text", "North Office", true, true},
		{"accents and other scripts", "Zoë Ærø 東京 مرحبا", true, true},
		{"NUL", "North\x00Office", false, false},
		{"escape (C0)", "North\x1b[31m", false, false},
		{"DEL", "North\x7f", false, false},
		{"next line (C1)", "North\u0085Office", false, false},
		{"a line break", "North\nOffice", false, true},
		{"a carriage return", "North\r\nOffice", false, true},
		{"a tab", "North\tOffice", false, true},
		{"right-to-left override", "invoice\u202Etxt.exe", false, true},
		{"left-to-right embedding", "\u202Aname", false, true},
		{"first-strong isolate", "name\u2068x\u2069", false, true},
		{"invalid UTF-8", "North\xffOffice", false, false},
	}
	for _, tt := range tests {
		for field, check := range lines {
			t.Run(field+": "+tt.name, func(t *testing.T) {
				if got := check(tt.value); (len(got) == 0) != tt.lineOK {
					t.Fatalf("invalid fields %q; want accepted %v", got, tt.lineOK)
				} else if !tt.lineOK && len(got) != 1 {
					t.Fatalf("invalid fields %q; want the one field", got)
				}
			})
		}
		for field, check := range long {
			t.Run(field+": "+tt.name, func(t *testing.T) {
				if got := check(tt.value); (len(got) == 0) != tt.longOK {
					t.Fatalf("invalid fields %q; want accepted %v", got, tt.longOK)
				} else if !tt.longOK && !slices.ContainsFunc(got, func(f string) bool { return f == "body" || f == "text" }) {
					t.Fatalf("invalid fields %q; want body or text", got)
				}
			})
		}
	}
}
