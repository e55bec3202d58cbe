// Package phone normalises phone numbers to E.164 ("+12015550123"), the one
// form Roster stores and texts.
//
// It is a package of its own because github.com/nyaruka/phonenumbers adds
// about 4 MiB to a Lambda binary (its metadata, loaded on first use in the
// patched copy in third_party/phonenumbers): only the
// functions that handle phone numbers import this package, and the domain
// (internal/roster) never does — it takes a normalising func instead.
//
// # Which numbers are accepted
//
// A cell phone is stored so that Roster can text it, so a number must be a
// valid number (libphonenumber's IsValidNumber, any region sharing the
// default region's country calling code: a Canadian number typed as
// "(506) 234-5678" in a US organisation is fine) of a type that can receive
// texts. By phonenumbers.GetNumberType:
//
//   - accepted: MOBILE; FIXED_LINE_OR_MOBILE (all of the US and Canada, where
//     the number alone does not tell); FIXED_LINE, because several carriers
//     deliver texts to landlines (by text-to-speech or landline texting) and
//     refusing them would refuse real members' only number; PERSONAL_NUMBER
//     (follow-me numbers forwarded to a phone) and VOIP (many are ordinary
//     cell services).
//   - refused: TOLL_FREE, PREMIUM_RATE, SHARED_COST, UAN (company
//     switchboards), VOICEMAIL (voicemail access numbers), PAGER, and
//     anything the metadata cannot type (UNKNOWN). These do not receive texts,
//     or a text to them costs the sender or reaches nobody.
//
// Refused too: an extension ("x4563", "ext. 12", "#12": a text cannot be
// routed to one), letters (vanity numbers such as "1-800-FLOWERS", "Tel:"),
// and what a spreadsheet did to a number (scientific notation, a trailing
// ".0"), which NormaliseSpreadsheetCell repairs where that is possible.
package phone

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// maxRunes bounds the input: the longest E.164 number has 15 digits, and
// spaces, punctuation and a country code written with an international
// prefix still fit well inside 64 characters. It also keeps the parser's
// work per call small.
const maxRunes = 64

// maxE164Digits is the most digits, country code included, that ITU-T E.164
// allows a number.
const maxE164Digits = 15

// Reason says why a number was refused, for callers that count or sort
// refusals (an importer's report); the message is for people.
type Reason string

// Reasons for refusing a number.
const (
	ReasonRequired      Reason = "required"       // empty or only spaces
	ReasonTooLong       Reason = "too_long"       // over 64 characters
	ReasonUnknownRegion Reason = "unknown_region" // the default region is not an ISO 3166-1 region libphonenumber knows
	ReasonSpreadsheet   Reason = "spreadsheet"    // scientific notation or a trailing ".0": a spreadsheet changed the number
	ReasonExtension     Reason = "extension"      // has an extension
	ReasonCharacters    Reason = "characters"     // letters or symbols other than spaces and ( ) - . / +
	ReasonInvalid       Reason = "invalid"        // not a valid number: garbage, too short or long, unassigned, over 15 digits
	ReasonNotTextable   Reason = "not_textable"   // a valid number of a type that cannot receive texts
)

// Error is a refused number. Its message is a short phrase meant to follow
// the field's name: "cellPhone is not a valid phone number for US".
type Error struct {
	Reason  Reason
	Message string
}

func (e *Error) Error() string { return e.Message }

func refuse(r Reason, format string, args ...any) *Error {
	return &Error{Reason: r, Message: fmt.Sprintf(format, args...)}
}

// notTextable gives, for each refused number type, why it is refused.
var notTextable = map[phonenumbers.PhoneNumberType]string{
	phonenumbers.TOLL_FREE:    "is a toll-free number, which cannot receive texts",
	phonenumbers.PREMIUM_RATE: "is a premium-rate number, which cannot receive texts",
	phonenumbers.SHARED_COST:  "is a shared-cost number, which cannot receive texts",
	phonenumbers.UAN:          "is a company switchboard (UAN) number, which cannot receive texts",
	phonenumbers.VOICEMAIL:    "is a voicemail access number, which cannot receive texts",
	phonenumbers.PAGER:        "is a pager number, which cannot receive texts",
	phonenumbers.UNKNOWN:      "is not a number that can receive texts",
}

var (
	// scientific is a number as a spreadsheet shows or exports it in a
	// General cell too narrow for its digits ("7.40E+09", "7,4E9" in locales
	// with a decimal comma).
	scientific = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[+-]?([0-9]+)(?:[.,]([0-9]*))?[eE]([+-]?[0-9]{1,3})$`)
	})
	// decimal is a whole number a spreadsheet wrote as a float ("2015550123.0").
	decimal = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9]+)[.,]0+$`) })
)

// Normalise parses raw as a phone number, with region (ISO 3166-1 alpha-2,
// e.g. "US", the organisation's default) for numbers written without a
// country code, and returns it in E.164 ("+12015550123"). Spaces (including
// non-breaking ones), dots, dashes, slashes and parentheses are ignored; an
// international prefix ("011 44 …" from the US) and a trunk prefix
// ("0121 …" in GB) are understood, and so is a national number written
// without its trunk prefix ("121 234 5678" in GB), as libphonenumber reads it.
//
// It refuses, with an *Error whose message follows a field name, anything
// that is not a number Roster can text: see the package documentation for
// the rule and Reason for the kinds of refusal. A region that is empty or
// unknown is refused (ReasonUnknownRegion) even for a number with a country
// code, so that a misconfigured organisation shows at once.
//
// The numbers people usually write are read by a fast path (fast.go) that
// gives what libphonenumber gives, some fifty times faster (well under a
// microsecond); the rest by libphonenumber.
func Normalise(raw, region string) (string, error) {
	s, region, err := prepare(raw, region)
	if err != nil {
		return "", err
	}
	if e164, typ, ok := fastNumber(s, region); ok {
		return judge(s, region, typ, e164)
	}
	return normaliseFull(s, region)
}

// prepare makes the checks that need no numbering plan, and returns the
// number trimmed, with its spaces made ASCII, and the region in upper case.
func prepare(raw, region string) (string, string, error) {
	s := strings.TrimFunc(raw, unicode.IsSpace)
	if s == "" {
		return "", "", refuse(ReasonRequired, "is required")
	}
	if len(s) > maxRunes*utf8.UTFMax || utf8.RuneCountInString(s) > maxRunes {
		return "", "", refuse(ReasonTooLong, "is too long to be a phone number")
	}
	region = strings.ToUpper(strings.TrimSpace(region))
	if region == "" {
		return "", "", refuse(ReasonUnknownRegion, "cannot be checked: no default region is set")
	}
	if !phonenumbers.GetSupportedRegions()[region] {
		return "", "", refuse(ReasonUnknownRegion, "cannot be checked: the default region %q is not a known ISO 3166-1 region", region)
	}
	// Neither pattern can match without its letter or separator; looking
	// for those first spares most numbers both regular expressions.
	if strings.ContainsAny(s, "eE") && scientific().MatchString(s) {
		return "", "", refuse(ReasonSpreadsheet, "looks like a number a spreadsheet rounded (%s); type it as text", s)
	}
	if strings.ContainsAny(s, ".,") && decimal().MatchString(s) {
		// Parsed as it stands, "30123456.0" is a valid but different German
		// number (+49301234560).
		return "", "", refuse(ReasonSpreadsheet, "looks like a number a spreadsheet stored as a decimal (%s); type it as text", s)
	}
	// libphonenumber knows the non-breaking space but not the narrow or
	// figure spaces that word processors and spreadsheets put in numbers.
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
	return s, region, nil
}

// normaliseFull is Normalise by libphonenumber alone, for a number and
// region that prepare returned.
func normaliseFull(s, region string) (string, error) {
	num, err := phonenumbers.Parse(s, region)
	if err == nil && num.GetExtension() != "" {
		return "", refuse(ReasonExtension, "must not have an extension")
	}
	// Parse skips leading and trailing text and reads letters as keypad
	// digits ("1-800-FLOWERS"); for a number typed into a cell phone field
	// either is a mistake worth reporting.
	if r, ok := firstDisallowed(s); ok {
		if unicode.IsLetter(r) {
			return "", refuse(ReasonCharacters, "must not contain letters")
		}
		return "", refuse(ReasonCharacters, "has a character that is not allowed in a phone number (%q)", r)
	}
	// A number is valid exactly when it has a type (IsValidNumber is
	// GetNumberType != UNKNOWN for the same region); asking once halves the
	// cost, which sets the pace of a spreadsheet import.
	typ := phonenumbers.UNKNOWN
	e164 := ""
	if err == nil {
		typ = phonenumbers.GetNumberType(num)
		if typ != phonenumbers.UNKNOWN {
			e164 = phonenumbers.Format(num, phonenumbers.E164)
		}
	}
	return judge(s, region, typ, e164)
}

// judge gives the outcome for a number of type typ (UNKNOWN when it could
// not be parsed) written as s, E.164 e164 when it has a type.
func judge(s, region string, typ phonenumbers.PhoneNumberType, e164 string) (string, error) {
	if typ == phonenumbers.UNKNOWN {
		if strings.HasPrefix(s, "+") {
			return "", refuse(ReasonInvalid, "is not a valid phone number")
		}
		return "", refuse(ReasonInvalid, "is not a valid phone number for %s", region)
	}
	if msg, refused := notTextable[typ]; refused {
		return "", refuse(ReasonNotTextable, "%s", msg)
	}
	// libphonenumber's metadata lets some German fixed lines run to 15
	// national digits (a switchboard number with a direct-dial suffix), 17
	// in all; E.164, and so every SMS gateway, stops at 15.
	if len(e164)-1 > maxE164Digits {
		return "", refuse(ReasonInvalid, "has more than the %d digits an international phone number can have", maxE164Digits)
	}
	return e164, nil
}

// firstDisallowed returns the first rune of s that has no place in a phone
// number written without an extension: anything but digits (of any script;
// libphonenumber maps them), spaces, the punctuation people group digits
// with, and a plus sign.
func firstDisallowed(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case unicode.IsDigit(r), r == ' ':
		case strings.ContainsRune("+-.()/", r):
		case r >= '\u2010' && r <= '\u2015', r == '\u2212': // hyphens and dashes, minus sign
		case r == '\u00AD', r == '\u200B', r == '\u2060': // soft hyphen, zero-width space and joiner
		case r == '\uFF08', r == '\uFF09', r == '\uFF0B', r == '\uFF0D', r == '\uFF0E', r == '\uFF0F': // full-width ( ) + - . /
		default:
			return r, true
		}
	}
	return 0, false
}

// NormaliseSpreadsheetCell is Normalise for a value read from a spreadsheet
// cell. It first undoes what a spreadsheet does to a number typed into a
// General cell, where that can be done without guessing, and reports
// repaired = true when it did (so an importer can say "read 2015550123.0 as
// +12015550123"):
//
//   - a whole number written as a float: "2015550123.0", "2015550123,00";
//   - scientific notation that keeps every digit: "2.015550123E+09". The
//     usual lossy form ("2.02E+09", "7.4E9"), where digits were rounded
//     away, is still refused (ReasonSpreadsheet);
//   - a leading zero the cell dropped: when the digits are not a valid
//     number for the region but "0" followed by them is (Italy: "612345678"
//     → "+390612345678", a Rome landline). Where the zero is a trunk prefix
//     (GB "1212345678", DE, IN, BR) nothing needs repairing: libphonenumber
//     reads a national number without its trunk prefix, so Normalise accepts
//     it as it stands and repaired is false.
//
// What is left is checked exactly as Normalise does.
func NormaliseSpreadsheetCell(raw, region string) (e164 string, repaired bool, err error) {
	s := strings.TrimFunc(raw, unicode.IsSpace)
	if m := matchIf(decimal(), s, ".,"); m != nil {
		s, repaired = m[1], true
	} else if m := matchIf(scientific(), s, "eE"); m != nil && !strings.HasPrefix(s, "-") {
		digits, ok := expandExact(m[1], m[2], m[3])
		if !ok {
			return "", false, refuse(ReasonSpreadsheet, "looks like a number a spreadsheet rounded (%s); type it as text", s)
		}
		s, repaired = digits, true
	}
	e164, err = Normalise(s, region)
	if err == nil {
		return e164, repaired, nil
	}
	if reasonOf(err) == ReasonInvalid && isASCIIDigits(s) && s[0] != '0' {
		e164, zeroErr := Normalise("0"+s, region)
		switch {
		case zeroErr == nil:
			return e164, true, nil
		case reasonOf(zeroErr) == ReasonNotTextable:
			return "", false, zeroErr // repaired, it is a number Roster cannot text
		}
	}
	return "", false, err
}

// expandExact writes the number intPart.frac × 10^exp as plain digits when
// the mantissa holds every digit of a whole number, and reports false when
// the exponent implies digits that were not written (7.40E+09 could be any
// of 7,400,000,000 … 7,404,999,999) or the value is not whole.
func expandExact(intPart, frac, exp string) (string, bool) {
	e, err := strconv.Atoi(exp)
	if err != nil {
		return "", false
	}
	digits := intPart + frac
	point := len(intPart) + e // where the decimal point falls in digits
	if point <= 0 || point > len(digits) {
		return "", false
	}
	if strings.Trim(digits[point:], "0") != "" {
		return "", false
	}
	whole := strings.TrimLeft(digits[:point], "0")
	if whole == "" {
		return "", false
	}
	return whole, true
}

// matchIf is re.FindStringSubmatch(s), skipped (nil) when s has none of
// the characters any match needs.
func matchIf(re *regexp.Regexp, s, needs string) []string {
	if !strings.ContainsAny(s, needs) {
		return nil
	}
	return re.FindStringSubmatch(s)
}

func reasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}

func isASCIIDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
