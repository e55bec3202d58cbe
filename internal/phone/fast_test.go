package phone

import (
	"bufio"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// The fast path against libphonenumber: for a raw number and region, both
// give the same E.164 number, or the same refusal (Reason and message).

// agree compares the fast path with normaliseFull on raw and region, and
// reports whether the fast path answered (it may leave a number to
// libphonenumber: then there is nothing to compare) and how.
func agree(t testing.TB, raw, region string) (fast bool, outcome string) {
	t.Helper()
	s, reg, err := prepare(raw, region)
	if err != nil {
		return false, "" // refused before either path: Normalise does not reach them
	}
	e164, typ, ok := fastNumber(s, reg)
	if !ok {
		return false, ""
	}
	got, gotErr := judge(s, reg, typ, e164)
	want, wantErr := normaliseFull(s, reg)
	if got != want || !sameRefusal(gotErr, wantErr) {
		t.Errorf("Normalise(%q, %q): fast path %q, %v; libphonenumber %q, %v", raw, region, got, describe(gotErr), want, describe(wantErr))
	}
	if gotErr != nil {
		return true, string(gotErr.(*Error).Reason)
	}
	return true, "accepted " + typeNames[typ]
}

var typeNames = map[phonenumbers.PhoneNumberType]string{
	phonenumbers.FIXED_LINE: "FIXED_LINE", phonenumbers.MOBILE: "MOBILE", phonenumbers.FIXED_LINE_OR_MOBILE: "FIXED_LINE_OR_MOBILE",
	phonenumbers.VOIP: "VOIP", phonenumbers.PERSONAL_NUMBER: "PERSONAL_NUMBER",
}

// raceEnabled: see race_test.go.
var raceEnabled bool

func sameRefusal(a, b error) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	var ea, eb *Error
	return errors.As(a, &ea) && errors.As(b, &eb) && *ea == *eb
}

func describe(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return fmt.Sprintf("%s: %q", e.Reason, e.Message)
	}
	return fmt.Sprint(err)
}

// vectorInputs are the input and default region of every row of the shared
// phone vectors (see phone_test.go).
func vectorInputs(t testing.TB) [][2]string {
	t.Helper()
	f, err := os.Open("testdata/phones.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 11 {
			t.Fatalf("phones.tsv: %d columns", len(c))
		}
		if c[0] != "id" {
			rows = append(rows, [2]string{c[5], c[1]})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// otherRegions are default regions outside the fast path's, under which it
// reads only numbers written with "+".
var otherRegions = []string{"FR", "IT", "JP", "AU", "JE", "PR", "SG"}

func fastRegionList() []string { return slices.Sorted(maps.Keys(fastRegions)) }

// TestFastPathAgreesOnVectors: every row of phones.tsv, under its own
// default region and every other the test knows. Rows in the shapes the
// fast path is for must be read by it: an E.164 or international number
// of one of its calling codes, a national number of one of its regions.
func TestFastPathAgreesOnVectors(t *testing.T) {
	regions := append(fastRegionList(), otherRegions...)
	fastRows, rows := 0, 0
	for _, v := range vectorInputs(t) {
		raw, own := v[0], v[1]
		rows++
		if fast, _ := agree(t, raw, own); fast {
			fastRows++
		} else if mustBeFast(raw, own) {
			t.Errorf("Normalise(%q, %q) was left to libphonenumber", raw, own)
		}
		for _, region := range regions {
			if region != own {
				agree(t, raw, region)
			}
		}
	}
	t.Logf("the fast path read %d of %d rows under their own region", fastRows, rows)
}

// mustBeFast: the shapes the fast path promises to read. It reads more
// (truncated numbers, for instance); these are the ones it must.
func mustBeFast(raw, region string) bool {
	s, reg, err := prepare(raw, region)
	if err != nil || strings.Trim(s, "0123456789 -.()/+") != "" || strings.LastIndex(s, "+") > 0 {
		return false // refused before, or characters it leaves to libphonenumber
	}
	digits := strings.Map(func(r rune) rune {
		if r < '0' || r > '9' {
			return -1
		}
		return r
	}, s)
	if len(digits) < 3 || len(digits) > maxFastDigits {
		return false // too few to be viable, too many to be a number: libphonenumber's to refuse
	}
	if strings.HasPrefix(s, "+") {
		for l := 1; l <= 3 && l < len(digits); l++ {
			if cc, _ := strconv.Atoi(digits[:l]); phonenumbers.GetSupportedCallingCodes()[cc] {
				return fastCallingCodes[cc]
			}
		}
		return false
	}
	// National: not after the region's international prefix ("00", "011").
	if !fastRegions[reg] {
		return false
	}
	return !internationalPrefix(reg).MatchString(digits)
}

// internationalPrefix is the region's international prefix, at the start.
func internationalPrefix(region string) *regexp.Regexp {
	coll, _ := phonenumbers.MetadataCollection()
	for _, m := range coll.GetMetadata() {
		if m.GetId() == region {
			return regexp.MustCompile("^(?:" + m.GetInternationalPrefix() + ")")
		}
	}
	panic("no metadata for " + region)
}

// TestFastPathAgreesOnGeneratedNumbers: numbers of every type of every
// region of the fast calling codes (the metadata's example numbers with
// their tails replaced by random digits at every length, and a digit more
// or fewer) and random digit strings, written the ways people write them,
// under the regions' own default region and others.
func TestFastPathAgreesOnGeneratedNumbers(t *testing.T) {
	n := 60_000
	if testing.Short() || raceEnabled {
		n = 8_000
	}
	rng := rand.New(rand.NewPCG(15, 2026))
	type tally struct{ cases, fast int }
	byShape := map[string]*tally{}
	outcomes := map[string]int{}
	for range n {
		c := generateCase(rng)
		key := c.shape + ", default region " + c.region
		if !fastRegions[c.region] {
			key = c.shape + ", other default region"
		}
		tl := byShape[key]
		if tl == nil {
			tl = &tally{}
			byShape[key] = tl
		}
		tl.cases++
		fast, outcome := agree(t, c.raw, c.region)
		if fast {
			tl.fast++
			outcomes[outcome]++
		} else if c.mustBeFast && mustBeFast(c.raw, c.region) {
			t.Errorf("%s: Normalise(%q, %q) was left to libphonenumber", c.shape, c.raw, c.region)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(byShape)) {
		tl := byShape[k]
		t.Logf("%-45s %6d cases, %5.1f%% read by the fast path", k, tl.cases, 100*float64(tl.fast)/float64(tl.cases))
	}
	for _, k := range slices.Sorted(maps.Keys(outcomes)) {
		t.Logf("fast path outcome %-30s %6d", k, outcomes[k])
	}
}

type generated struct {
	shape, raw, region string
	mustBeFast         bool // a shape the fast path promises to read (subject to mustBeFast)
}

var (
	typesToGenerate = []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE,
		phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST, phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER,
		phonenumbers.PAGER, phonenumbers.UAN, phonenumbers.VOICEMAIL}
	// exampleNumbers: the national significant numbers of the metadata's
	// examples, by region, for every region of the fast calling codes.
	exampleNumbers = func() map[string][]string {
		out := map[string][]string{}
		for cc := range fastCallingCodes {
			for _, r := range phonenumbers.GetRegionCodesForCountryCode(cc) {
				for _, typ := range typesToGenerate {
					if ex := phonenumbers.GetExampleNumberForType(r, typ); ex != nil {
						out[r] = append(out[r], phonenumbers.GetNationalSignificantNumber(ex))
					}
				}
			}
		}
		return out
	}()
	exampleRegions = slices.Sorted(maps.Keys(exampleNumbers))
)

func generateCase(rng *rand.Rand) generated {
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		return string(b)
	}
	// The national significant number, and its region.
	region := exampleRegions[rng.IntN(len(exampleRegions))]
	var nsn string
	if rng.IntN(5) == 0 {
		nsn = digits(1 + rng.IntN(21)) // past both ends of what the fast path reads
	} else {
		ex := exampleNumbers[region]
		nsn = ex[rng.IntN(len(ex))]
		cut := rng.IntN(len(nsn) + 1)
		nsn = nsn[:cut] + digits(len(nsn)-cut)
		switch rng.IntN(8) {
		case 0:
			nsn += digits(1)
		case 1:
			nsn = nsn[:len(nsn)-1]
		}
	}
	cc := strconv.Itoa(phonenumbers.GetCountryCodeForRegion(region))
	// The default region: the number's own when the fast path reads its
	// national form, else (or sometimes) another.
	defaultRegion := region
	if !fastRegions[region] || rng.IntN(4) == 0 {
		if rng.IntN(2) == 0 {
			defaultRegion = fastRegionList()[rng.IntN(len(fastRegions))]
		} else {
			defaultRegion = otherRegions[rng.IntN(len(otherRegions))]
		}
	}
	trunk := phonenumbers.GetNddPrefixForRegion(region, true)
	var shape, raw string
	switch k := rng.IntN(9); {
	case cc == "1" && k < 3 && len(nsn) == 10:
		shape = "NANP national"
		raw = [...]string{"(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "%s %s %s", "%s%s%s", "%s/%s-%s"}[rng.IntN(6)]
		raw = fmt.Sprintf(raw, nsn[:3], nsn[3:6], nsn[6:])
		if rng.IntN(3) == 0 {
			shape, raw = "NANP with 1", [...]string{"1 ", "1-", "1", "1 ("}[rng.IntN(4)]+strings.TrimPrefix(raw, "(")
		}
	case k < 3:
		shape, raw = "national", group(rng, nsn)
		if trunk != "" && rng.IntN(2) == 0 {
			shape, raw = "national with trunk", group(rng, trunk+nsn)
		}
		if region == "BR" && rng.IntN(3) == 0 {
			// A carrier code after the trunk prefix, which the national
			// prefix rule strips with a transform.
			carrier := [...]string{"12", "14", "15", "21", "23", "25", "31", "41", "43", "55", "65", "99", "11", "20"}[rng.IntN(14)]
			shape, raw = "national with carrier", group(rng, [...]string{"0", "90"}[rng.IntN(2)]+carrier+nsn)
		}
	case k < 7:
		shape, raw = "+cc", "+"+cc+nsn
		if rng.IntN(2) == 0 {
			shape, raw = "+cc grouped", "+"+cc+" "+group(rng, nsn)
		}
		if trunk != "" && rng.IntN(6) == 0 {
			shape, raw = "+cc (trunk)", "+"+cc+" ("+trunk+")"+group(rng, nsn)
		}
	case k < 8:
		shape, raw = "cc without +", cc+" "+group(rng, nsn)
	default:
		shape, raw = "international prefix", [...]string{"00", "011", "00 ", "011 "}[rng.IntN(4)]+cc+" "+group(rng, nsn)
	}
	return generated{shape: shape, raw: raw, region: defaultRegion, mustBeFast: shape != "international prefix"}
}

// group writes digits in groups of 2 to 5 split by a space, dash, dot or
// slash, sometimes with the first group in parentheses.
func group(rng *rand.Rand, digits string) string {
	var b strings.Builder
	paren := rng.IntN(4) == 0
	sep := " -./"[rng.IntN(4)]
	for i := 0; i < len(digits); {
		n := min(2+rng.IntN(4), len(digits)-i)
		switch {
		case i == 0 && paren:
			b.WriteString("(" + digits[:n] + ") ")
		case i > 0 && !(paren && b.String()[b.Len()-1] == ' '):
			b.WriteByte(sep)
			fallthrough
		default:
			b.WriteString(digits[i : i+n])
		}
		i += n
	}
	return b.String()
}

// FuzzFastPathAgrees: on any input, whenever the fast path answers, it
// answers what libphonenumber does. Seeds: every row of phones.tsv.
//
//	go test -run XXX -fuzz FuzzFastPathAgrees -fuzztime 60s ./internal/phone
func FuzzFastPathAgrees(f *testing.F) {
	regions := append(fastRegionList(), otherRegions...)
	index := map[string]uint8{}
	for i, r := range regions {
		index[r] = uint8(i)
	}
	for _, v := range vectorInputs(f) {
		f.Add(v[0], index[v[1]])
	}
	f.Fuzz(func(t *testing.T, raw string, r uint8) {
		agree(t, raw, regions[int(r)%len(regions)])
	})
}
