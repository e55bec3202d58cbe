package roster

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func str(s string) *string { return &s }

// usPhone stands in for the phone package: ten digits are a US number.
func usPhone(raw string) (string, error) {
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, raw)
	if len(d) != 10 {
		return "", errors.New("is not a valid phone number for US")
	}
	return "+1" + d, nil
}

func TestValidateProfile(t *testing.T) {
	tests := []struct {
		name   string
		in     ProfileInput
		fields []string // the fields named, in order; none when valid
		check  func(t *testing.T, edit UpdateUserInput)
	}{
		{name: "names, job title and phone are normalised like an administrator's edit",
			in: ProfileInput{FirstName: str("  Carol "), LastName: str("Profile"), JobTitle: str(" Buyer "), CellPhone: str("(201) 555-0123")},
			check: func(t *testing.T, e UpdateUserInput) {
				if *e.FirstName != "Carol" || *e.JobTitle != "Buyer" || *e.CellPhone != "+12015550123" {
					t.Fatalf("edit = %q %q %q", *e.FirstName, *e.JobTitle, *e.CellPhone)
				}
				if e.Email != nil || e.Roles != nil || e.InternalTitle != nil {
					t.Fatal("the edit reaches beyond the profile")
				}
			}},
		{name: "an empty phone removes it", in: ProfileInput{CellPhone: str("  ")},
			check: func(t *testing.T, e UpdateUserInput) {
				if *e.CellPhone != "" {
					t.Fatalf("cellPhone = %q", *e.CellPhone)
				}
			}},
		{name: "an empty first name is refused", in: ProfileInput{FirstName: str(" ")}, fields: []string{"firstName"}},
		{name: "a bad phone is refused", in: ProfileInput{CellPhone: str("12")}, fields: []string{"cellPhone"}},
		{name: "a job title with a line break is refused", in: ProfileInput{JobTitle: str("a\nb")}, fields: []string{"jobTitle"}},
		{name: "email, roles, internal title and status are refused by name, with the bad fields",
			in:     ProfileInput{LastName: str(""), Refused: []string{"email", "roles", "internalTitle", "status"}},
			fields: []string{"email", "roles", "internalTitle", "status", "lastName"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edit, err := ValidateProfile(tt.in, usPhone)
			if len(tt.fields) == 0 {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				tt.check(t, edit)
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != EInvalid {
				t.Fatalf("err = %v, want EInvalid", err)
			}
			var got []string
			for _, f := range e.Fields {
				got = append(got, f.Field)
			}
			if !slices.Equal(got, tt.fields) {
				t.Fatalf("fields = %v, want %v", got, tt.fields)
			}
		})
	}
	t.Run("the email is pointed to its own route", func(t *testing.T) {
		_, err := ValidateProfile(ProfileInput{Refused: []string{"email"}}, usPhone)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Fields[0].Message, "POST /me/email") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestCanEditProfile(t *testing.T) {
	for _, s := range []UserStatus{UserInvited, UserActive, UserDeactivated, UserDeleted} {
		err := CanEditProfile(User{Status: s})
		if (err == nil) != (s == UserActive) {
			t.Errorf("%s: err = %v", s, err)
		}
		if err != nil && ErrorCodeOf(err) != EForbidden {
			t.Errorf("%s: code = %s", s, ErrorCodeOf(err))
		}
	}
}

func TestEmailChangeTokenRoundTrips(t *testing.T) {
	tok := EmailChangeToken{OrgID: "o1", UserID: "u1", Secret: strings.Repeat("s", 43)}
	got, ok := ParseEmailChangeToken(tok.String())
	if !ok || got != tok {
		t.Fatalf("parse = %+v %v", got, ok)
	}
	if _, ok := ParseEmailChangeToken("o1.u1.short"); ok {
		t.Fatal("a short secret parses")
	}
}
