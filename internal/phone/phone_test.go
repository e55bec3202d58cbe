package phone_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/roster-app/roster/internal/phone"
)

// vectors is google/libphonenumber's example numbers for US, CA, GB, MX, DE,
// IN and BR written the ways an importer meets them: a byte-exact copy of the
// workplace's shared phone vectors (origin in testdata/phones.README.md),
// kept here so that a clean checkout tests the same.
const vectors = "testdata/phones.tsv"

// refusedTypes is the documented type rule from the test's side: the
// libphonenumber types that cannot receive texts, and the message each is
// refused with. Every other type of a valid number is accepted.
var refusedTypes = map[string]string{
	"TOLL_FREE":    "is a toll-free number, which cannot receive texts",
	"PREMIUM_RATE": "is a premium-rate number, which cannot receive texts",
	"SHARED_COST":  "is a shared-cost number, which cannot receive texts",
	"UAN":          "is a company switchboard (UAN) number, which cannot receive texts",
	"VOICEMAIL":    "is a voicemail access number, which cannot receive texts",
	"PAGER":        "is a pager number, which cannot receive texts",
}

var acceptedTypes = []string{"MOBILE", "FIXED_LINE_OR_MOBILE", "FIXED_LINE", "PERSONAL_NUMBER", "VOIP"}

type vector struct {
	line                                        int
	id, defaultRegion, numberRegion, numberType string
	variant, input, e164, valid, extension      string
	oracleType, exampleNSN                      string
}

func readVectors(t *testing.T) []vector {
	t.Helper()
	f, err := os.Open(vectors)
	if err != nil {
		abs, _ := filepath.Abs(vectors)
		t.Fatalf("the phone vectors are needed at %s: %v", abs, err)
	}
	defer f.Close()
	var rows []vector
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 11 {
			t.Fatalf("%s:%d: %d columns, want 11", vectors, line, len(c))
		}
		if line == 1 {
			if c[0] != "id" || c[5] != "input" || c[9] != "oracle_type" {
				t.Fatalf("%s: unexpected header %q", vectors, c)
			}
			continue
		}
		rows = append(rows, vector{line, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10]})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", vectors, err)
	}
	if len(rows) != 278 {
		t.Fatalf("%s has %d rows, the README documents 278", vectors, len(rows))
	}
	return rows
}

// want is the outcome a vector must have under Normalise: an E.164 number, or
// a refusal for a reason with an exact message.
type want struct {
	e164    string
	reason  phone.Reason
	message string
}

func (v vector) want(t *testing.T) want {
	t.Helper()
	switch {
	case v.variant == "excel_scientific_lossy":
		return want{reason: phone.ReasonSpreadsheet, message: fmt.Sprintf("looks like a number a spreadsheet rounded (%s); type it as text", v.input)}
	case v.valid == "false":
		return want{reason: phone.ReasonInvalid, message: "is not a valid phone number for " + v.defaultRegion}
	case v.valid != "true" || v.e164 == "":
		t.Fatalf("line %d: expected_valid %q with expected_e164 %q", v.line, v.valid, v.e164)
	case v.extension != "":
		return want{reason: phone.ReasonExtension, message: "must not have an extension"}
	}
	if msg, refused := refusedTypes[v.oracleType]; refused {
		return want{reason: phone.ReasonNotTextable, message: msg}
	}
	if !slices.Contains(acceptedTypes, v.oracleType) {
		t.Fatalf("line %d: oracle_type %q is in neither list of the type rule", v.line, v.oracleType)
	}
	return want{e164: v.e164}
}

func check(t *testing.T, got string, err error, w want) {
	t.Helper()
	if w.e164 != "" {
		if err != nil || got != w.e164 {
			t.Errorf("got %q, %v; want %s", got, err, w.e164)
		}
		return
	}
	var pe *phone.Error
	switch {
	case err == nil:
		t.Errorf("accepted as %s; want refused (%s: %q)", got, w.reason, w.message)
	case !errors.As(err, &pe):
		t.Errorf("error %v is a %T, want *phone.Error", err, err)
	case pe.Reason != w.reason || pe.Message != w.message:
		t.Errorf("refused (%s: %q); want (%s: %q)", pe.Reason, pe.Message, w.reason, w.message)
	}
	if err != nil && got != "" {
		t.Errorf("returned %q along with an error", got)
	}
}

// TestNormaliseVectors holds Normalise, and NormaliseSpreadsheetCell beside
// it, to every row of phones.tsv.
//
//   - valid rows without an extension: the expected E.164, unless oracle_type
//     is a type that cannot receive texts (then refused for that type);
//   - with_extension rows: refused for the extension;
//   - rows the oracle found invalid (truncated numbers): refused as invalid;
//     the five truncated rows still valid (DE and IN have variable lengths)
//     follow the rule for valid rows;
//   - excel_scientific_lossy rows: refused with the spreadsheet message, by
//     both functions;
//   - excel_number_lost_leading_zero rows: the README expects them valid with
//     the E.164 given, because libphonenumber reads a national number without
//     its trunk prefix ("1212345678" in GB). Normalise therefore accepts them
//     (subject to the type rule), and NormaliseSpreadsheetCell gives the same
//     and does not call it a repair.
//
// No row has a ".0" or an exact scientific form, so on every row
// NormaliseSpreadsheetCell must agree with Normalise and repair nothing.
func TestNormaliseVectors(t *testing.T) {
	type tally struct{ rows, accepted, failed int }
	byVariant := map[string]*tally{}
	refusals := map[string]map[phone.Reason]int{}
	for _, v := range readVectors(t) {
		w := v.want(t)
		name := fmt.Sprintf("%s %s %s %s %s", v.id, v.defaultRegion, v.numberType, v.variant, v.input)
		ok := t.Run(name, func(t *testing.T) {
			got, err := phone.Normalise(v.input, v.defaultRegion)
			check(t, got, err, w)

			cell, repaired, cellErr := phone.NormaliseSpreadsheetCell(v.input, v.defaultRegion)
			if repaired {
				t.Errorf("NormaliseSpreadsheetCell reports a repair (to %q)", cell)
			}
			check(t, cell, cellErr, w)
		})
		tl := byVariant[v.variant]
		if tl == nil {
			tl = &tally{}
			byVariant[v.variant] = tl
			refusals[v.variant] = map[phone.Reason]int{}
		}
		tl.rows++
		if !ok {
			tl.failed++
		}
		if w.e164 != "" {
			tl.accepted++
		} else {
			refusals[v.variant][w.reason]++
		}
	}
	variants := make([]string, 0, len(byVariant))
	for k := range byVariant {
		variants = append(variants, k)
	}
	slices.Sort(variants)
	for _, k := range variants {
		tl := byVariant[k]
		t.Logf("%-31s %3d rows, %3d passed: %3d accepted, refused %v", k, tl.rows, tl.rows-tl.failed, tl.accepted, refusals[k])
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct {
		name, raw, region string
		want              want
	}{
		// Writing.
		{"E.164 as it is", "+12015550123", "US", want{e164: "+12015550123"}},
		{"spaces around", "   (201) 555-0123  ", "US", want{e164: "+12015550123"}},
		{"dots", "201.555.0123", "US", want{e164: "+12015550123"}},
		{"dashes", "201-555-0123", "US", want{e164: "+12015550123"}},
		{"slash", "201/555-0123", "US", want{e164: "+12015550123"}},
		{"non-breaking spaces", "\u00a0201\u00a0555\u00a00123\u00a0", "US", want{e164: "+12015550123"}},
		{"narrow no-break and figure spaces", "201\u202f555\u20070123", "US", want{e164: "+12015550123"}},
		{"tabs and newlines around", "\t+1 201 555 0123\r\n", "US", want{e164: "+12015550123"}},
		{"en dashes", "201\u2013555\u20130123", "US", want{e164: "+12015550123"}},
		{"full-width digits", "\uff12\uff10\uff11\uff15\uff15\uff15\uff10\uff11\uff12\uff13", "US", want{e164: "+12015550123"}},
		{"national trunk prefix 1 in the US", "1 (201) 555-0123", "US", want{e164: "+12015550123"}},
		{"GB national with trunk prefix", "0121 234 5678", "GB", want{e164: "+441212345678"}},
		{"GB international with (0)", "+44 (0)121 234 5678", "US", want{e164: "+441212345678"}},
		{"international prefix from the US", "011 44 121 234 5678", "US", want{e164: "+441212345678"}},
		{"Canadian number in a US organisation", "(506) 234-5678", "US", want{e164: "+15062345678"}},
		{"country code overrides the region", "+52 222 123 4567", "GB", want{e164: "+522221234567"}},
		{"lower-case region", "2015550123", "us", want{e164: "+12015550123"}},
		{"Italian landline keeps its zero", "06 1234 5678", "IT", want{e164: "+390612345678"}},

		// Refusals.
		{"empty", "", "US", want{reason: phone.ReasonRequired, message: "is required"}},
		{"only spaces", " \t\u00a0 ", "US", want{reason: phone.ReasonRequired, message: "is required"}},
		{"letters", "abc", "US", want{reason: phone.ReasonCharacters, message: "must not contain letters"}},
		{"vanity number", "201-555-CALL", "US", want{reason: phone.ReasonCharacters, message: "must not contain letters"}},
		{"text before the number", "Tel: 201 555 0123", "US", want{reason: phone.ReasonCharacters, message: "must not contain letters"}},
		{"dangling x", "201 555 0123 x", "US", want{reason: phone.ReasonCharacters, message: "must not contain letters"}},
		{"symbols", "201 555 0123 ???", "US", want{reason: phone.ReasonCharacters, message: `has a character that is not allowed in a phone number ('?')`}},
		{"control character", "201 555\x000123", "US", want{reason: phone.ReasonCharacters, message: `has a character that is not allowed in a phone number ('\x00')`}},
		{"plus alone", "+", "US", want{reason: phone.ReasonInvalid, message: "is not a valid phone number"}},
		{"country code alone", "+44", "US", want{reason: phone.ReasonInvalid, message: "is not a valid phone number"}},
		{"punctuation alone", "()-.", "US", want{reason: phone.ReasonInvalid, message: "is not a valid phone number for US"}},
		{"too short", "555-0123", "US", want{reason: phone.ReasonInvalid, message: "is not a valid phone number for US"}},
		{"one digit too many", "201 555 01234", "US", want{reason: phone.ReasonInvalid, message: "is not a valid phone number for US"}},
		{"over 15 digits", "+1234567890123456", "US", want{reason: phone.ReasonInvalid, message: "is not a valid phone number"}},
		// Found by FuzzNormalise: libphonenumber calls it a valid German fixed line.
		{"over 15 digits once the country code is added", "21000000000000", "DE", want{reason: phone.ReasonInvalid, message: "has more than the 15 digits an international phone number can have"}},
		{"unassigned area code", "(111) 555-0123", "US", want{reason: phone.ReasonInvalid, message: "is not a valid phone number for US"}},
		{"64 digits is long but read", strings.Repeat("1", 64), "US", want{reason: phone.ReasonInvalid, message: "is not a valid phone number for US"}},
		{"65 characters", strings.Repeat("1", 65), "US", want{reason: phone.ReasonTooLong, message: "is too long to be a phone number"}},
		{"a megabyte", strings.Repeat("2015550123", 100_000), "US", want{reason: phone.ReasonTooLong, message: "is too long to be a phone number"}},
		{"extension x", "(201) 555-0123 x4563", "US", want{reason: phone.ReasonExtension, message: "must not have an extension"}},
		{"extension ext.", "(201) 555-0123 ext. 12", "US", want{reason: phone.ReasonExtension, message: "must not have an extension"}},
		{"extension word", "+1 201 555 0123 extension 5", "US", want{reason: phone.ReasonExtension, message: "must not have an extension"}},
		{"extension #", "201-555-0123#12", "US", want{reason: phone.ReasonExtension, message: "must not have an extension"}},
		{"extension RFC 3966", "201-555-0123;ext=5", "US", want{reason: phone.ReasonExtension, message: "must not have an extension"}},
		{"scientific notation", "5.55E+09", "US", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet rounded (5.55E+09); type it as text"}},
		{"scientific notation short", "7.4E9", "GB", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet rounded (7.4E9); type it as text"}},
		{"scientific notation with a decimal comma", "7,40E+09", "GB", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet rounded (7,40E+09); type it as text"}},
		{"scientific notation lower case", " 2.02e+09 ", "US", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet rounded (2.02e+09); type it as text"}},
		{"exact scientific notation is still a spreadsheet's", "2.015550123E+09", "US", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet rounded (2.015550123E+09); type it as text"}},
		{"trailing .0", "2015550123.0", "US", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet stored as a decimal (2015550123.0); type it as text"}},
		// Read as it stands this would be +49301234560, valid and wrong.
		{"trailing .0 that would make another valid number", "30123456.0", "DE", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet stored as a decimal (30123456.0); type it as text"}},
		{"toll-free", "+1 800 234 5678", "US", want{reason: phone.ReasonNotTextable, message: refusedTypes["TOLL_FREE"]}},
		{"vanity toll-free is refused for its letters first", "1-800-FLOWERS", "US", want{reason: phone.ReasonCharacters, message: "must not contain letters"}},

		// Region.
		{"no region", "2015550123", "", want{reason: phone.ReasonUnknownRegion, message: "cannot be checked: no default region is set"}},
		{"no region even with a country code", "+12015550123", "", want{reason: phone.ReasonUnknownRegion, message: "cannot be checked: no default region is set"}},
		{"unknown region", "+12015550123", "ZZ", want{reason: phone.ReasonUnknownRegion, message: `cannot be checked: the default region "ZZ" is not a known ISO 3166-1 region`}},
		{"alpha-3 region", "2015550123", "USA", want{reason: phone.ReasonUnknownRegion, message: `cannot be checked: the default region "USA" is not a known ISO 3166-1 region`}},
		{"non-geographic entity", "+80012345678", "001", want{reason: phone.ReasonUnknownRegion, message: `cannot be checked: the default region "001" is not a known ISO 3166-1 region`}},
		{"region of spaces", "2015550123", "  ", want{reason: phone.ReasonUnknownRegion, message: "cannot be checked: no default region is set"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := phone.Normalise(tt.raw, tt.region)
			check(t, got, err, tt.want)
		})
	}
}

func TestNormaliseSpreadsheetCell(t *testing.T) {
	tests := []struct {
		name, raw, region string
		want              want
		repaired          bool
	}{
		{"text cell", "+1 201 555 0123", "US", want{e164: "+12015550123"}, false},
		{"trailing .0", "2015550123.0", "US", want{e164: "+12015550123"}, true},
		{"trailing .00 with a decimal comma", "2015550123,00", "US", want{e164: "+12015550123"}, true},
		{"float with spaces around", " 2015550123.0 ", "US", want{e164: "+12015550123"}, true},
		{"scientific notation with every digit", "2.015550123E+09", "US", want{e164: "+12015550123"}, true},
		{"scientific notation with every digit and a trailing zero", "2.0155501230E+09", "US", want{e164: "+12015550123"}, true},
		{"lossy scientific notation", "2.02E+09", "US", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet rounded (2.02E+09); type it as text"}, false},
		{"lossy short scientific notation", "7.4E9", "GB", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet rounded (7.4E9); type it as text"}, false},
		// 2015550120 or any number rounded to it: the zero was not written.
		{"scientific notation one digit short", "2.01555012E+09", "US", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet rounded (2.01555012E+09); type it as text"}, false},
		{"scientific notation of a fraction", "2.0155501235E+09", "US", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet rounded (2.0155501235E+09); type it as text"}, false},
		{"negative scientific notation", "-2.015550123E+09", "US", want{reason: phone.ReasonSpreadsheet, message: "looks like a number a spreadsheet rounded (-2.015550123E+09); type it as text"}, false},
		{"decimal that is not whole", "2015550123.5", "US", want{reason: phone.ReasonInvalid, message: "is not a valid phone number for US"}, false},
		{"GB number without its trunk prefix needs no repair", "1212345678", "GB", want{e164: "+441212345678"}, false},
		{"GB number without its trunk prefix, stored as a float", "1212345678.0", "GB", want{e164: "+441212345678"}, true},
		{"DE number without its trunk prefix", "30123456", "DE", want{e164: "+4930123456"}, false},
		{"GB number that lost its plus sign", "447400123456", "GB", want{e164: "+447400123456"}, false},
		{"Italian landline that lost its leading zero", "612345678", "IT", want{e164: "+390612345678"}, true},
		{"Italian landline that lost its zero, as a float", "612345678.0", "IT", want{e164: "+390612345678"}, true},
		{"lost zero of a toll-free number is refused for its type", "8001234567", "GB", want{reason: phone.ReasonNotTextable, message: refusedTypes["TOLL_FREE"]}, false},
		{"no zero makes it valid", "1115550123", "US", want{reason: phone.ReasonInvalid, message: "is not a valid phone number for US"}, false},
		{"extension", "2015550123 x12", "US", want{reason: phone.ReasonExtension, message: "must not have an extension"}, false},
		{"empty cell", "", "US", want{reason: phone.ReasonRequired, message: "is required"}, false},
		{"unknown region", "2015550123.0", "ZZ", want{reason: phone.ReasonUnknownRegion, message: `cannot be checked: the default region "ZZ" is not a known ISO 3166-1 region`}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, repaired, err := phone.NormaliseSpreadsheetCell(tt.raw, tt.region)
			check(t, got, err, tt.want)
			if repaired != tt.repaired {
				t.Errorf("repaired = %v, want %v", repaired, tt.repaired)
			}
		})
	}
}

// The importer normalises rows from several goroutines.
func TestNormaliseConcurrently(t *testing.T) {
	inputs := []struct{ raw, region, want string }{
		{"(201) 555-0123", "US", "+12015550123"},
		{"0121 234 5678", "GB", "+441212345678"},
		{"+55 11 96123-4567", "US", "+5511961234567"},
		{"030 123456", "DE", "+4930123456"},
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				for _, in := range inputs {
					if got, err := phone.Normalise(in.raw, in.region); err != nil || got != in.want {
						t.Errorf("Normalise(%q, %s) = %q, %v; want %s", in.raw, in.region, got, err, in.want)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

var fuzzRegions = []string{"US", "CA", "GB", "MX", "DE", "IN", "BR", "IT", "ZZ", ""}

// FuzzNormalise: neither function panics; what they accept is E.164, is
// accepted again as itself (under its own region and any other), and every
// refusal is a *phone.Error with a message.
func FuzzNormalise(f *testing.F) {
	for _, s := range []string{
		"+12015550123", "(201) 555-0123", "0121 234 5678", "+44 (0)121 234 5678", "011 44 121 234 5678",
		"(201) 555-0123 x4563", "7.40E+09", "2.015550123E+09", "2015550123.0", "612345678", "1-800-FLOWERS",
		"+", "", "tel:+1-201-555-0123;phone-context=+1", "\u00a0201\u202f555 0123", "+390612345678", "+800 1234 5678", "21000000000000",
	} {
		for i := range fuzzRegions {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, raw string, r uint8) {
		region := fuzzRegions[int(r)%len(fuzzRegions)]
		got, err := phone.Normalise(raw, region)
		checkFuzzed(t, "Normalise", raw, region, got, err)

		cell, _, cellErr := phone.NormaliseSpreadsheetCell(raw, region)
		checkFuzzed(t, "NormaliseSpreadsheetCell", raw, region, cell, cellErr)
		if err == nil && (cellErr != nil || cell != got) {
			t.Errorf("NormaliseSpreadsheetCell(%q, %q) = %q, %v; Normalise gave %s", raw, region, cell, cellErr, got)
		}
	})
}

func checkFuzzed(t *testing.T, fn, raw, region, got string, err error) {
	t.Helper()
	if err != nil {
		var pe *phone.Error
		if !errors.As(err, &pe) || pe.Reason == "" || pe.Message == "" || got != "" {
			t.Errorf("%s(%q, %q) = %q, %#v", fn, raw, region, got, err)
		}
		return
	}
	if !e164.MatchString(got) {
		t.Fatalf("%s(%q, %q) = %q, not E.164", fn, raw, region, got)
	}
	for _, again := range []string{region, "US", "GB"} {
		if g, err := phone.Normalise(got, again); err != nil || g != got {
			t.Errorf("%s(%q, %q) = %s, but Normalise(%s, %s) = %q, %v", fn, raw, region, got, got, again, g, err)
		}
	}
}

// benchShapes are the ways numbers come, one sub-benchmark each; "mix" is
// the four numbers the benchmark timed as one before it had shapes.
var benchShapes = []struct {
	name   string
	inputs []struct{ raw, region string }
}{
	{"mix", []struct{ raw, region string }{{"(201) 555-0123", "US"}, {"+44 7400 123456", "US"}, {"0121 234 5678", "GB"}, {"(11) 96123-4567", "BR"}}},
	{"US_national", []struct{ raw, region string }{{"(201) 555-0123", "US"}}},
	{"US_digits", []struct{ raw, region string }{{"2015550123", "US"}}},
	{"US_trunk_1", []struct{ raw, region string }{{"1 201 555 0123", "US"}}},
	{"US_e164", []struct{ raw, region string }{{"+12015550123", "US"}}},
	{"CA_in_US", []struct{ raw, region string }{{"(506) 234-5678", "US"}}},
	{"GB_international_in_US", []struct{ raw, region string }{{"+44 7400 123456", "US"}}},
	{"GB_national", []struct{ raw, region string }{{"0121 234 5678", "GB"}}},
	{"DE_national", []struct{ raw, region string }{{"01512 3456789", "DE"}}},
	{"IN_national", []struct{ raw, region string }{{"081234 56789", "IN"}}},
	{"MX_national", []struct{ raw, region string }{{"222 123 4567", "MX"}}},
	{"BR_national", []struct{ raw, region string }{{"(11) 96123-4567", "BR"}}},
	{"US_invalid", []struct{ raw, region string }{{"(111) 555-0123", "US"}}},
	{"US_toll_free", []struct{ raw, region string }{{"(800) 234-5678", "US"}}},
	{"IT_national", []struct{ raw, region string }{{"06 1234 5678", "IT"}}},
}

// BenchmarkNormalise times Normalise by the shape of the number:
//
//	go test -run XXX -bench Normalise -count 5 ./internal/phone
func BenchmarkNormalise(b *testing.B) {
	for _, shape := range benchShapes {
		b.Run(shape.name, func(b *testing.B) {
			for _, in := range shape.inputs { // outcomes are known before timing
				if _, err := phone.Normalise(in.raw, in.region); err != nil && !strings.HasSuffix(shape.name, "_invalid") && !strings.HasSuffix(shape.name, "_toll_free") {
					b.Fatal(err)
				}
			}
			for b.Loop() {
				for _, in := range shape.inputs {
					phone.Normalise(in.raw, in.region)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(shape.inputs)), "ns/number")
		})
	}
}
