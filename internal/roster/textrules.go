package roster

import (
	"strings"
	"unicode"
)

// The two kinds of free text Roster stores, and the characters each refuses.
// Invalid UTF-8 is refused by both (each check starts with it).
//
//   - A line (a name of a user, group, template or contact, a job title):
//     no C0 or C1 control character at all (NUL, tab, line breaks, DEL…)
//     and no bidirectional override or isolate (U+202A–U+202E,
//     U+2066–U+2069), which can make a name display as another.
//   - Long text (a template body, a reply): line breaks and tabs are text
//     there, other controls are not; bidirectional marks are left alone, as
//     right-to-left writing needs them.

// lineCharsMessage is the field error of a line with a refused character.
const lineCharsMessage = "must not contain control characters (such as NUL or line breaks) or bidirectional overrides"

// longTextCharsMessage is the field error of long text with a refused character.
const longTextCharsMessage = "must not contain control characters other than line breaks and tabs"

// isControl reports a character a line refuses.
func isControl(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// isControlInText reports a character long text refuses.
func isControlInText(r rune) bool {
	return r != '\n' && r != '\r' && r != '\t' && unicode.IsControl(r)
}

// badLineChars reports whether s holds a character a line refuses.
func badLineChars(s string) bool { return strings.ContainsFunc(s, isControl) }

// badTextChars reports whether s holds a character long text refuses.
func badTextChars(s string) bool { return strings.ContainsFunc(s, isControlInText) }
