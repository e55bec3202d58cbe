package roster

import (
	"strings"
	"unicode/utf8"
)

// Password length limits, after NIST SP 800-63B: length matters, composition
// rules do not. The upper bound keeps hashing cost bounded.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 128
)

// commonPasswords are refused outright; a short list of the passwords that
// top every breach corpus and still pass the length rule.
var commonPasswords = map[string]bool{
	"123456789012": true, "password1234": true, "qwertyuiop12": true,
	"passwordpassword": true, "iloveyou1234": true, "111111111111": true,
	"000000000000": true, "abcdefghijkl": true, "qwertyuiopas": true,
	"letmeinletmein": true, "welcome12345": true, "administrator": true,
	"changeme1234": true, "password123!": true, "1q2w3e4r5t6y": true,
}

// PasswordProblem says what is wrong with a new password, or "" when it is
// acceptable. email is the user's normalised address, which the password
// must not contain.
func PasswordProblem(password, email string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case password == "":
		return "is required"
	case !utf8.ValidString(password):
		return "must be valid UTF-8"
	case n < MinPasswordLength:
		return "must be at least 12 characters"
	case n > MaxPasswordLength:
		return "must be at most 128 characters"
	case commonPasswords[strings.ToLower(password)]:
		return "is too common; choose another"
	}
	if local, _, ok := strings.Cut(email, "@"); ok && len(local) >= 4 && strings.Contains(strings.ToLower(password), local) {
		return "must not contain your email address"
	}
	return ""
}
