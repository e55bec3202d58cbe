package roster

import "testing"

func TestMustEnrolMFA(t *testing.T) {
	admin := []Grant{{Role: RoleAgent, GroupID: "root"}, {Role: RoleAdmin, GroupID: "north"}}
	agent := []Grant{{Role: RoleManager, GroupID: "root"}}
	on, off := OrgSecurity{RequireMFAForAdmins: true}, OrgSecurity{}
	enrolled := TOTPFactor{Secret: "S"}
	pending := TOTPFactor{PendingSecret: "P"}
	for _, tt := range []struct {
		name string
		u    User
		sec  OrgSecurity
		want bool
	}{
		{"an administrator anywhere without a factor, policy on", User{Grants: admin}, on, true},
		{"an administrator with only a pending enrolment, policy on", User{Grants: admin, MFA: pending}, on, true},
		{"an enrolled administrator, policy on", User{Grants: admin, MFA: enrolled}, on, false},
		{"an administrator, policy off", User{Grants: admin}, off, false},
		{"a manager without a factor, policy on", User{Grants: agent}, on, false},
		{"a user without roles, policy on", User{}, on, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := MustEnrolMFA(tt.u, tt.sec); got != tt.want {
				t.Fatalf("MustEnrolMFA = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRecoveryCodesLeft(t *testing.T) {
	f := TOTPFactor{Secret: "S", RecoveryCodes: []string{"a", "", "c", ""}}
	if got := f.RecoveryCodesLeft(); got != 2 {
		t.Fatalf("left = %d, want 2", got)
	}
	if (TOTPFactor{}).Enrolled() || (TOTPFactor{PendingSecret: "P"}).Enrolled() || !f.Enrolled() {
		t.Fatal("Enrolled is wrong")
	}
}
