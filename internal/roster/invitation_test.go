package roster

import "testing"

func TestInvitationRevokedAndNone(t *testing.T) {
	now := mustTime("2026-11-23T10:00:00Z")
	sent := Invitation{SentAt: now.Add(-hour), ExpiresAt: now.Add(6 * day)}
	expired := Invitation{SentAt: now.Add(-8 * day), ExpiresAt: now.Add(-day)}
	accepted := Invitation{SentAt: now.Add(-day), ExpiresAt: now.Add(day), AcceptedAt: now.Add(-hour)}

	t.Run("a pending, queued or expired invitation can be revoked", func(t *testing.T) {
		for name, inv := range map[string]Invitation{"pending": sent, "queued": {}, "expired": expired} {
			got, err := inv.Revoke(now)
			if err != nil || got.State(now) != InvitationRevoked || !got.RevokedAt.Equal(now) {
				t.Errorf("%s: %+v %v", name, got, err)
			}
			if got.NeedsReminder(now.Add(5*day + 2*hour)) {
				t.Errorf("%s: a revoked invitation is reminded", name)
			}
		}
	})
	t.Run("revoking again changes nothing", func(t *testing.T) {
		once, _ := sent.Revoke(now)
		twice, err := once.Revoke(now.Add(hour))
		if err != nil || !twice.RevokedAt.Equal(now) {
			t.Fatalf("%+v %v", twice, err)
		}
	})
	t.Run("an accepted invitation is not revoked", func(t *testing.T) {
		if _, err := accepted.Revoke(now); ReasonOf(err) != "invitation_accepted" || ErrorCodeOf(err) != EConflict {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("no invitation, nothing to revoke", func(t *testing.T) {
		var none *Invitation
		if _, err := none.Revoke(now); ReasonOf(err) != "not_invited" {
			t.Fatalf("got %v", err)
		}
		if (&Invitation{}).State(now).Shown() != InvitationPending || InvitationExpired.Shown() != InvitationExpired {
			t.Fatal("a queued link is not shown as pending")
		}
		if none.State(now) != InvitationNone {
			t.Fatal("a user never invited is not none")
		}
	})
	t.Run("a resend after a revocation makes it pending again", func(t *testing.T) {
		revoked, _ := sent.Revoke(now)
		next, err := revoked.Resend(now.Add(hour))
		if err != nil || !next.RevokedAt.IsZero() || next.State(now.Add(hour)) == InvitationRevoked {
			t.Fatalf("%+v %v", next, err)
		}
	})
}

func TestForgetAutomaticInvitation(t *testing.T) {
	now := mustTime("2026-11-23T10:00:00Z")
	auto := &Invitation{TokenHash: "h", SentAt: now, ExpiresAt: now.Add(7 * day)}
	tests := []struct {
		name      string
		u         User
		forgotten bool
	}{
		{"created with a password, the automatic link never used", User{PasswordHash: "x", Status: UserActive, Invitation: auto}, true},
		{"the same, deactivated since", User{PasswordHash: "x", Status: UserDeactivated, Invitation: auto}, true},
		{"invited by email, not accepted yet", User{Status: UserInvited, Invitation: auto}, false},
		{"accepted", User{PasswordHash: "x", Status: UserActive, Invitation: &Invitation{SentAt: now, AcceptedAt: now}}, false},
		{"with a password, resent by an administrator", User{PasswordHash: "x", Status: UserActive, Invitation: &Invitation{SentAt: now, Resends: 1, ResendWindow: now}}, false},
		{"with a password, revoked", User{PasswordHash: "x", Status: UserActive, Invitation: &Invitation{SentAt: now, RevokedAt: now}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.u
			ForgetAutomaticInvitation(&u)
			if (u.Invitation == nil) != tt.forgotten {
				t.Fatalf("invitation %+v, forgotten want %v", u.Invitation, tt.forgotten)
			}
			if tt.forgotten && u.Invitation.State(now) != InvitationNone {
				t.Fatal("not none")
			}
		})
	}
}

func TestNamesAtInvitationAndAcceptance(t *testing.T) {
	phone := func(s string) (string, error) { return s, nil }
	grant := []Grant{{Role: RoleAgent, GroupID: "g"}}
	t.Run("an invitation needs only an email and a role", func(t *testing.T) {
		in := CreateUserInput{Email: " Zed@Acme.example ", Roles: grant}
		if err := ValidateCreateUser(&in, phone); err != nil || in.Email != "zed@acme.example" || in.PasswordOption != PasswordByInvitation {
			t.Fatalf("%+v %v", in, err)
		}
	})
	t.Run("a password set or generated needs both names", func(t *testing.T) {
		for _, opt := range []CreateUserInput{{PasswordOption: PasswordSet, Password: "a long enough password"}, {PasswordOption: PasswordGenerated}} {
			in := opt
			in.Email, in.Roles, in.FirstName = "zed@acme.example", grant, "Zed"
			err := ValidateCreateUser(&in, phone)
			if e, ok := err.(*Error); !ok || len(e.Fields) != 1 || e.Fields[0].Field != "lastName" {
				t.Fatalf("%s: %v", opt.PasswordOption, err)
			}
		}
	})
	t.Run("a name given at invitation is checked", func(t *testing.T) {
		in := CreateUserInput{Email: "zed@acme.example", FirstName: "Z\u202ed", Roles: grant}
		if e, ok := ValidateCreateUser(&in, phone).(*Error); !ok || len(e.Fields) != 1 || e.Fields[0].Field != "firstName" {
			t.Fatalf("got %v", e)
		}
	})
	t.Run("acceptance asks for each name the user has not got", func(t *testing.T) {
		u := User{Email: "zed@acme.example", LastName: "Zimmer"}
		names := AcceptNames{}
		e, ok := ValidateAccept(u, &names, "a long enough password").(*Error)
		if !ok || len(e.Fields) != 1 || e.Fields[0].Field != "firstName" {
			t.Fatalf("got %v", e)
		}
		names = AcceptNames{FirstName: "  Zed "}
		if err := ValidateAccept(u, &names, "a long enough password"); err != nil || names.FirstName != "Zed" {
			t.Fatalf("%+v %v", names, err)
		}
		names = AcceptNames{FirstName: "Zed", LastName: "x\x00"}
		if e, ok := ValidateAccept(u, &names, "short").(*Error); !ok || len(e.Fields) != 2 || e.Fields[0].Field != "lastName" || e.Fields[1].Field != "password" {
			t.Fatalf("got %v", e)
		}
	})
	t.Run("lists show the email while both names are missing", func(t *testing.T) {
		u := User{Email: "zed@acme.example"}
		if u.DisplayName() != "zed@acme.example" {
			t.Fatal(u.DisplayName())
		}
		if last, first := u.SortNames(); last != u.Email || first != u.Email {
			t.Fatalf("sort names %q %q", last, first)
		}
		u.FirstName = "Zed"
		if last, first := u.SortNames(); u.DisplayName() != "Zed" || last != "" || first != "Zed" {
			t.Fatalf("%q %q %q", u.DisplayName(), last, first)
		}
	})
}
