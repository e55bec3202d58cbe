package phone

import (
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// regionPatterns are a region's patterns, each as the library anchors it
// (number types "^(?:…)$"; leading digits, international and national
// prefixes "^(?:…)"), and its example numbers.
type regionPatterns struct {
	id                 string
	patterns, examples []string
}

// shortRegions are the regions tested with -short, and the most: those of
// the fast path's calling codes.
var shortRegions = func() map[string]bool {
	out := map[string]bool{}
	for cc := range fastCallingCodes {
		for _, r := range phonenumbers.GetRegionCodesForCountryCode(cc) {
			out[r] = true
		}
	}
	return out
}()

// metadataPatterns are those of shortRegions, or of every region.
func metadataPatterns(t testing.TB, all bool) []regionPatterns {
	t.Helper()
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	var out []regionPatterns
	for _, m := range coll.GetMetadata() {
		if !shortRegions[m.GetId()] && !all {
			continue
		}
		r := regionPatterns{id: m.GetId()}
		for _, d := range []*phonenumbers.PhoneNumberDesc{m.GetGeneralDesc(), m.GetFixedLine(), m.GetMobile(), m.GetTollFree(),
			m.GetPremiumRate(), m.GetSharedCost(), m.GetVoip(), m.GetPersonalNumber(), m.GetPager(), m.GetUan(), m.GetVoicemail()} {
			r.patterns = append(r.patterns, "^(?:"+d.GetNationalNumberPattern()+")$")
			if e := d.GetExampleNumber(); e != "" {
				r.examples = append(r.examples, e)
			}
		}
		for _, p := range []string{m.GetLeadingDigits(), m.GetInternationalPrefix(), m.GetNationalPrefixForParsing()} {
			if p != "" {
				r.patterns = append(r.patterns, "^(?:"+p+")")
			}
		}
		out = append(out, r)
	}
	return out
}

// digitInputs are strings of digits around the examples: each with its tail
// replaced by random digits at every cut, a digit longer and shorter, with
// a 0 or 1 in front; and random strings of every length up to 18.
func digitInputs(rng *rand.Rand, examples []string, random int) []string {
	randomDigits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		return string(b)
	}
	in := []string{""}
	for _, e := range examples {
		in = append(in, e, e[:len(e)-1], e+randomDigits(1), "0"+e, "1"+e)
		for cut := 0; cut < len(e); cut++ {
			in = append(in, e[:cut]+randomDigits(len(e)-cut))
		}
	}
	for range random {
		in = append(in, randomDigits(1+rng.IntN(18)))
	}
	return in
}

// TestDigitDFAMatchesRegexp: for every pattern of shortRegions (of every
// region, without -short or -race), the DFA answers what
// regexp.MatchString answers, on the region's example numbers mutated at
// every digit and on random digits.
func TestDigitDFAMatchesRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	patterns, checked := 0, 0
	for _, r := range metadataPatterns(t, !testing.Short() && !raceEnabled) {
		random := 200
		if shortRegions[r.id] && !raceEnabled {
			random = 5000
		}
		inputs := digitInputs(rng, r.examples, random)
		for _, p := range r.patterns {
			dfa, err := compileDigitDFA(p)
			if err != nil {
				t.Errorf("%s %s: %v", r.id, p, err)
				continue
			}
			re := regexp.MustCompile(p)
			for _, in := range inputs {
				if got, want := dfa.match(in), re.MatchString(in); got != want {
					t.Errorf("%s %s on %q: DFA %v, regexp %v", r.id, p, in, got, want)
				}
			}
			patterns++
			checked += len(inputs)
		}
	}
	t.Logf("%d patterns, %d matches compared", patterns, checked)
}

// The DFA's own corner cases: assertions, empty input, empty matches,
// alternatives that only the end of the text tells apart.
func TestDigitDFACorners(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		in      []string
	}{
		{`^(?:)`, []string{"", "1"}},
		{`^(?:)$`, []string{"", "1"}},
		{`^(?:1|12$)`, []string{"", "1", "12", "123", "2"}},
		{`^(?:([457]\d{6})$|1)`, []string{"4123456", "41234567", "1", "12", "5", ""}},
		{`^(?:\d{3}$|\d{5})`, []string{"123", "1234", "12345", "123456"}},
		{`^(?:0(?:0|1[01])$)`, []string{"00", "010", "011", "0110", "0"}},
		{`^(?:NA)$`, []string{"", "1", "12"}},
		{`^(?:$)`, []string{"", "1"}},
		{`^(?:^1)`, []string{"1", "11"}},
		{`^(?:1^)`, []string{"1", "11"}},
		{`^(?:1$$)`, []string{"1", "11"}},
	} {
		dfa, err := compileDigitDFA(tc.pattern)
		if err != nil {
			t.Errorf("%s: %v", tc.pattern, err)
			continue
		}
		re := regexp.MustCompile(tc.pattern)
		for _, in := range tc.in {
			if got, want := dfa.match(in), re.MatchString(in); got != want {
				t.Errorf("%s on %q: DFA %v, regexp %v", tc.pattern, in, got, want)
			}
		}
	}
	for _, p := range []string{`^(?:1\b)`, `^(?:\B1)`, `(?:1)`, `^1|2`} {
		if _, err := compileDigitDFA(p); err == nil {
			t.Errorf("%s: built, want refused", p)
		}
	}
}
