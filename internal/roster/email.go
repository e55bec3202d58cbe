package roster

import (
	"errors"
	"strings"
)

// NormaliseEmail trims and lower-cases an address and checks it against
// Roster's one email policy: the WHATWG HTML "valid e-mail address" rule
// (what browsers accept in <input type=email>), plus the limits of RFC 5321
// (64-octet local part, 254 in all, a local part that is a dot-string: no
// leading, trailing or doubled dot), a dotted domain whose last label is not
// all digits (no bare IP addresses), because an address
// must be deliverable to be a sign-in identifier. Quoted local parts, comments
// and IP literals, legal in RFC 5322, are refused on purpose: no mail service
// a customer uses hands them out, and they complicate uniqueness.
//
// Email is the unique identifier of a user across the deployment and is
// compared after this normalisation.
func NormaliseEmail(raw string) (string, error) {
	e := lowerASCII(strings.TrimSpace(raw))
	if e == "" {
		return "", errors.New("is required")
	}
	if len(e) > 254 {
		return e, errors.New("must be at most 254 characters")
	}
	at := strings.LastIndexByte(e, '@')
	if at <= 0 || at == len(e)-1 {
		return e, errors.New("must be an email address like name@example.com")
	}
	local, domain := e[:at], e[at+1:]
	if len(local) > 64 {
		return e, errors.New("must have at most 64 characters before the @")
	}
	for i := 0; i < len(local); i++ {
		if !isAtext(local[i]) && local[i] != '.' {
			return e, errors.New("has a character that is not allowed before the @")
		}
	}
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return e, errors.New("must not start or end with a dot, or have two dots in a row, before the @")
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return e, errors.New("must have a domain with a dot, like example.com")
	}
	for _, l := range labels {
		if !validLabel(l) {
			return e, errors.New("has an invalid domain")
		}
	}
	// No top-level domain is all digits: "a@192.168.0.1" is an unbracketed
	// IP address, which mail cannot be delivered to.
	if strings.Trim(labels[len(labels)-1], "0123456789") == "" {
		return e, errors.New("must end in a top-level domain such as .com, not a number")
	}
	return e, nil
}

// lowerASCII lower-cases A-Z only. strings.ToLower would also fold non-ASCII
// letters into ASCII ones (the Kelvin sign into k, dotted capital I into i),
// turning an address the policy refuses into one it accepts.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// isAtext is the WHATWG local-part character set: letters, digits and
// !#$%&'*+/=?^_`{|}~-
func isAtext(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+/=?^_`{|}~-", c) >= 0
}

// validLabel is one DNS label: 1-63 letters, digits or hyphens, not starting
// or ending with a hyphen.
func validLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
