package roster

import (
	"strings"
	"testing"
)

func TestPasswordProblem(t *testing.T) {
	const email = "annlee@example.com"
	tests := []struct {
		name     string
		password string
		email    string
		want     string // "" when the password is acceptable
	}{
		{name: "empty password is required", password: "", want: "is required"},
		{name: "11 characters are too short", password: strings.Repeat("x", 11), want: "at least 12"},
		{name: "12 characters are enough", password: "kettle-moss7", want: ""},
		{name: "128 characters are allowed", password: strings.Repeat("xy", 64), want: ""},
		{name: "129 characters are too long", password: strings.Repeat("x", 129), want: "at most 128"},
		{name: "11 two-byte characters are too short although 22 bytes", password: strings.Repeat("é", 11), want: "at least 12"},
		{name: "12 two-byte characters are enough", password: strings.Repeat("é", 12), want: ""},
		{name: "12 four-byte characters are enough", password: strings.Repeat("🔑", 12), want: ""},
		{name: "128 four-byte characters are allowed although 512 bytes", password: strings.Repeat("🔑", 128), want: ""},
		{name: "129 two-byte characters are too long", password: strings.Repeat("é", 129), want: "at most 128"},
		{name: "combining marks count as characters of their own", password: strings.Repeat("e\u0301", 6), want: ""},
		{name: "invalid UTF-8 is refused", password: "kettle-moss7\xff", want: "valid UTF-8"},
		{name: "lone continuation byte is refused", password: "\x80kettle-moss7", want: "valid UTF-8"},
		{name: "common password is refused", password: "password1234", want: "too common"},
		{name: "common password is refused whatever its case", password: "PassWord1234", want: "too common"},
		{name: "upper-case common password is refused", password: "QWERTYUIOP12", want: "too common"},
		{name: "13-character common password is refused", password: "Administrator", want: "too common"},
		{name: "common password with one more character is allowed", password: "password12345", want: ""},
		{name: "password holding the email local part is refused", password: "annlee-rocks-2026", email: email, want: "email address"},
		{name: "email local part is found whatever the password's case", password: "XX-AnnLee-XX-2026", email: email, want: "email address"},
		{name: "password equal to the whole email is refused", password: "annlee@example.com", email: email, want: "email address"},
		{name: "local part shorter than 4 characters is not looked for", password: "ann-kettle-moss", email: "ann@example.com", want: ""},
		{name: "4-character local part is looked for", password: "anna-kettle-moss", email: "anna@example.com", want: "email address"},
		{name: "domain alone is not looked for", password: "example-kettle-moss", email: email, want: ""},
		{name: "password without the local part is allowed", password: "kettle-moss-river", email: email, want: ""},
		{name: "missing email is not an error", password: "kettle-moss-river", email: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PasswordProblem(tt.password, tt.email)
			if tt.want == "" {
				if got != "" {
					t.Fatalf("PasswordProblem(%q, %q) = %q, want acceptable", tt.password, tt.email, got)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Fatalf("PasswordProblem(%q, %q) = %q, want it to contain %q", tt.password, tt.email, got, tt.want)
			}
		})
	}
}

func TestCommonPasswordsPassTheLengthRule(t *testing.T) {
	// A listed password shorter than the minimum would be dead weight: the
	// length rule refuses it first.
	for p := range commonPasswords {
		if got := PasswordProblem(p, ""); got != "is too common; choose another" {
			t.Errorf("PasswordProblem(%q) = %q, want it refused as too common", p, got)
		}
		if p != strings.ToLower(p) {
			t.Errorf("common password %q is not lower case, so it can never match", p)
		}
	}
}
