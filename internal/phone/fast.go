package phone

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// The fast path.
//
// libphonenumber's Parse and GetNumberType cost 15–20 µs a number, almost
// all of it in regular expressions: the parser's (extensions, viability,
// punctuation) and the metadata's patterns, which the Go port runs with
// regexp's backtracker, twice each for a NANP number. An import checks a
// number a row, so they set its pace.
//
// fastNumber reads the numbers people usually write — ASCII digits grouped
// with spaces, dashes, dots, slashes and parentheses, with or without a
// leading "+" — and nothing else: a letter, any other symbol, a second "+",
// fewer than three digits, an international prefix ("011 44…", "00 49…"),
// a country calling code outside fastCallingCodes, or a default region
// outside fastRegions for a number without "+", each sends the number to
// libphonenumber. For
// what it reads, it does what phonenumbers.Parse and GetNumberType do, step
// for step (the comments name the library's functions), with two
// substitutions that change the cost and not the answer:
//
//   - every metadata pattern is matched by a digitDFA built from it on first
//     use instead of by regexp (the DFA answers what regexp.MatchString
//     answers; TestDigitDFAMatchesRegexp holds it to that for every pattern
//     of the fast regions);
//   - the parser's own patterns (extensions, viability, leading and trailing
//     junk) are not run, because on the accepted alphabet their outcome is
//     fixed: no extension can be written without a letter, '#', ',', ';' or
//     '~'; three digits make a number viable; and "+" can only come first.
//
// Every fact about numbers (lengths, patterns, prefixes, which region of a
// shared calling code a number belongs to) is read from phonenumbers'
// metadata at first use; nothing is typed in here. TestFastPathAgrees and
// FuzzFastPathAgrees hold the result — the E.164 number or the refusal with
// its reason and message — to the libphonenumber path's.

// fastRegions are the default regions whose national forms the fast path
// reads: those of the shared phone vectors.
var fastRegions = map[string]bool{"US": true, "CA": true, "GB": true, "DE": true, "IN": true, "MX": true, "BR": true}

// fastCallingCodes are the country calling codes whose numbers the fast path
// types, each with every region that shares it: NANP (US, CA and 23 more),
// 44 (GB, GG, IM, JE), DE, IN, MX, BR.
var fastCallingCodes = map[int]bool{1: true, 44: true, 49: true, 91: true, 52: true, 55: true}

// maxFastDigits bounds the digits the fast path reads; more go to
// libphonenumber (which refuses them: no national number has more than 17).
const maxFastDigits = 20

// fastNumber reads s, a number trimmed and with its spaces made ASCII, with
// region, a supported region. When it is certain (ok), it returns the number
// type GetNumberType would give the number phonenumbers.Parse reads from s
// (UNKNOWN when Parse would fail) and, for a typed number, its E.164 form.
func fastNumber(s, region string) (e164 string, typ phonenumbers.PhoneNumberType, ok bool) {
	var buf [maxFastDigits]byte
	n := 0
	plus := s != "" && s[0] == '+'
	i := 0
	if plus {
		i = 1
	}
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			if n == len(buf) {
				return "", 0, false
			}
			buf[n] = c
			n++
		case ' ', '-', '.', '(', ')', '/':
		default:
			return "", 0, false
		}
	}
	if n < 3 || !plus && !fastRegions[region] {
		return "", 0, false
	}
	digits := string(buf[:n])

	// parseHelper → maybeExtractCountryCode.
	var cc int
	var national string
	var meta *regionData // parseHelper's regionMetadata
	if plus {
		// maybeStripInternationalPrefixAndNormalize: the "+" goes, the rest
		// is digits. extractCountryCode: none starts with 0 (the library
		// then retries without the "+": not ours to follow).
		if digits[0] == '0' {
			return "", 0, false
		}
		for l := 1; l <= 3 && l <= len(digits); l++ {
			c, _ := strconv.Atoi(digits[:l])
			if phonenumbers.GetSupportedCallingCodes()[c] {
				cc, national = c, digits[l:]
				break
			}
		}
		if !fastCallingCodes[cc] {
			return "", 0, false
		}
		// The region of the calling code replaces the default region.
		if meta, ok = plans.main(cc); !ok {
			return "", 0, false
		}
	} else {
		def, ok := plans.region(region) // one of fastRegions
		if !ok {
			return "", 0, false
		}
		// parsePrefixAsIdd: an international prefix at the start is
		// libphonenumber's to read.
		if def.idd.match(digits) {
			return "", 0, false
		}
		// maybeExtractCountryCode, from the default country: digits that
		// start with the region's calling code lose it when the rest is a
		// better number.
		if strings.HasPrefix(digits, def.ccDigits) {
			potential := def.stripNationalPrefix(digits[len(def.ccDigits):])
			fullValid := def.general.dfa.match(digits)
			nationalValid := def.general.dfa.match(potential)
			if (!fullValid && nationalValid) || def.testLength(digits) == phonenumbers.TOO_LONG {
				cc, national = def.cc, potential
			}
		}
		if cc != 0 {
			if meta, ok = plans.main(cc); !ok {
				return "", 0, false
			}
		} else {
			cc, national, meta = def.cc, digits, def
		}
	}
	if len(national) < phonenumbers.MIN_LENGTH_FOR_NSN {
		return "", phonenumbers.UNKNOWN, true // ErrTooShortNSN
	}
	// The national prefix goes when what is left has a possible length.
	potential := meta.stripNationalPrefix(national)
	switch meta.testLength(potential) {
	case phonenumbers.TOO_SHORT, phonenumbers.IS_POSSIBLE_LOCAL_ONLY, phonenumbers.INVALID_LENGTH:
	default:
		national = potential
	}
	if len(national) < phonenumbers.MIN_LENGTH_FOR_NSN || len(national) > phonenumbers.MAX_LENGTH_FOR_NSN {
		return "", phonenumbers.UNKNOWN, true // ErrTooShortNSN, ErrNumTooLong
	}
	// setItalianLeadingZerosForPhoneNumber and GetNationalSignificantNumber:
	// a national number with leading zeros is stored as an integer and a
	// count of zeros (at most all but its last digit; unset is 1), and
	// written back as the same digits, so national is the national
	// significant number.

	// GetNumberType → GetRegionCodeForNumber.
	regions, ok := plans.callingCode(cc)
	if !ok {
		return "", 0, false
	}
	var numberRegion *regionData
	typ = phonenumbers.UNKNOWN
	if len(regions) == 1 {
		if numberRegion, ok = regions[0].data(); !ok {
			return "", 0, false
		}
		typ = numberRegion.numberType(national)
	} else {
		for _, r := range regions {
			if r.meta.GetLeadingDigits() != "" {
				lead, ok := r.leading()
				if !ok {
					return "", 0, false
				}
				if lead.match(national) {
					if numberRegion, ok = r.data(); !ok {
						return "", 0, false
					}
					typ = numberRegion.numberType(national)
					break
				}
				continue
			}
			d, ok := r.data()
			if !ok {
				return "", 0, false
			}
			// The region is the first whose type is known, and GetNumberType
			// asks it again: the same answer.
			if typ = d.numberType(national); typ != phonenumbers.UNKNOWN {
				numberRegion = d
				break
			}
		}
	}
	if numberRegion == nil || typ == phonenumbers.UNKNOWN {
		return "", typ, true
	}
	return "+" + strconv.Itoa(cc) + national, typ, true
}

// plans holds what the fast path has read from the metadata, region by
// region, each part on first use.
var plans fastPlans

type fastPlans struct {
	once     sync.Once
	byRegion map[string]*regionPlan // the regions of fastCallingCodes, and fastRegions
	byCode   map[int][]*regionPlan  // fastCallingCodes → their regions, in the library's order
}

func (p *fastPlans) init() {
	p.once.Do(func() {
		coll, err := phonenumbers.MetadataCollection()
		if err != nil {
			return // no plans: no fast path
		}
		meta := map[string]*phonenumbers.PhoneMetadata{}
		for _, m := range coll.GetMetadata() {
			if m.GetId() != "001" { // non-geographical entities
				meta[m.GetId()] = m
			}
		}
		p.byRegion = map[string]*regionPlan{}
		p.byCode = map[int][]*regionPlan{}
		plan := func(id string) *regionPlan {
			if r := p.byRegion[id]; r != nil {
				return r
			}
			m := meta[id]
			if m == nil {
				return nil
			}
			r := &regionPlan{id: id, meta: m}
			p.byRegion[id] = r
			return r
		}
		for cc := range fastCallingCodes {
			var rs []*regionPlan
			for _, id := range phonenumbers.GetRegionCodesForCountryCode(cc) {
				r := plan(id)
				if r == nil {
					rs = nil // metadata missing: no fast path for cc
					break
				}
				rs = append(rs, r)
			}
			p.byCode[cc] = rs
		}
		for id := range fastRegions {
			plan(id)
		}
	})
}

// region is the default region's data.
func (p *fastPlans) region(id string) (*regionData, bool) {
	p.init()
	r := p.byRegion[id]
	if r == nil {
		return nil, false
	}
	return r.data()
}

// main is the data of the calling code's main region (GetRegionCodeForCountryCode).
func (p *fastPlans) main(cc int) (*regionData, bool) {
	rs, ok := p.callingCode(cc)
	if !ok {
		return nil, false
	}
	return rs[0].data()
}

func (p *fastPlans) callingCode(cc int) ([]*regionPlan, bool) {
	p.init()
	rs := p.byCode[cc]
	return rs, len(rs) > 0
}

// A regionPlan is a region's metadata with what the fast path derives from
// it, built on first use: the leading digits (which pick the region among
// those sharing its calling code) apart from the rest, because a NANP
// number needs the former of two dozen regions and the latter of one.
type regionPlan struct {
	id   string
	meta *phonenumbers.PhoneMetadata

	leadOnce sync.Once
	lead     *digitDFA

	dataOnce sync.Once
	d        *regionData
}

func (r *regionPlan) leading() (*digitDFA, bool) {
	r.leadOnce.Do(func() {
		r.lead, _ = sharedDigitDFA("^(?:" + r.meta.GetLeadingDigits() + ")")
	})
	return r.lead, r.lead != nil
}

func (r *regionPlan) data() (*regionData, bool) {
	r.dataOnce.Do(func() {
		r.d, _ = newRegionData(r.meta)
	})
	return r.d, r.d != nil
}

// regionData is what parsing and typing a number need of a region's
// metadata.
type regionData struct {
	id       string
	cc       int
	ccDigits string

	general, premium, tollFree, sharedCost, voip, personal, pager, uan, voicemail, fixedLine, mobile numberDesc
	sameMobileAndFixedLine                                                                           bool
	generalLocalOnly                                                                                 []int32 // the general description's local-only lengths

	idd            *digitDFA // "^(?:" + international prefix + ")"
	nationalPrefix nationalPrefixRule
}

// A numberDesc is one of a region's number types: its possible lengths
// and its pattern.
type numberDesc struct {
	lengths []int32
	dfa     *digitDFA // "^(?:" + pattern + ")$"
}

type nationalPrefixRule struct {
	match *digitDFA // "^(?:" + national prefix for parsing + ")"; nil when there is none
	// literals: the pattern is literal alternatives ("0|180020"), tried in
	// order; else re, with transform.
	literals  []string
	re        *regexp.Regexp
	transform string
}

var errNoPattern = errors.New("phone: a description without a pattern")

// sharedDFAs: the DFA of each pattern, built once however many regions or
// descriptions share it (US fixed lines and mobiles have one pattern; the
// NANP regions share their toll-free, premium-rate and personal ones).
var sharedDFAs sync.Map // pattern → *digitDFA

func sharedDigitDFA(pattern string) (*digitDFA, error) {
	if d, ok := sharedDFAs.Load(pattern); ok {
		return d.(*digitDFA), nil
	}
	d, err := compileDigitDFA(pattern)
	if err != nil {
		return nil, err
	}
	got, _ := sharedDFAs.LoadOrStore(pattern, d)
	return got.(*digitDFA), nil
}

func newRegionData(m *phonenumbers.PhoneMetadata) (*regionData, error) {
	d := &regionData{id: m.GetId(), cc: int(m.GetCountryCode()), sameMobileAndFixedLine: m.GetSameMobileAndFixedLinePattern()}
	d.ccDigits = strconv.Itoa(d.cc)
	for _, x := range []struct {
		to   *numberDesc
		from *phonenumbers.PhoneNumberDesc
	}{
		{&d.general, m.GetGeneralDesc()}, {&d.premium, m.GetPremiumRate()}, {&d.tollFree, m.GetTollFree()},
		{&d.sharedCost, m.GetSharedCost()}, {&d.voip, m.GetVoip()}, {&d.personal, m.GetPersonalNumber()},
		{&d.pager, m.GetPager()}, {&d.uan, m.GetUan()}, {&d.voicemail, m.GetVoicemail()},
		{&d.fixedLine, m.GetFixedLine()}, {&d.mobile, m.GetMobile()},
	} {
		if x.from == nil {
			return nil, errNoPattern // the library would dereference nil
		}
		dfa, err := sharedDigitDFA("^(?:" + x.from.GetNationalNumberPattern() + ")$")
		if err != nil {
			return nil, err
		}
		*x.to = numberDesc{lengths: x.from.GetPossibleLength(), dfa: dfa}
	}
	d.generalLocalOnly = m.GetGeneralDesc().GetPossibleLengthLocalOnly()
	if len(d.general.lengths) == 0 {
		return nil, fmt.Errorf("phone: %s has no possible lengths", d.id) // testNumberLength would index an empty slice
	}
	var err error
	if d.idd, err = sharedDigitDFA("^(?:" + m.GetInternationalPrefix() + ")"); err != nil {
		return nil, err
	}
	if p := m.GetNationalPrefixForParsing(); p != "" {
		np := &d.nationalPrefix
		if np.match, err = sharedDigitDFA("^(?:" + p + ")"); err != nil {
			return nil, err
		}
		np.transform = m.GetNationalPrefixTransformRule()
		if np.transform == "" && strings.Trim(p, "0123456789|") == "" && !slices.Contains(strings.Split(p, "|"), "") {
			np.literals = strings.Split(p, "|")
		} else if np.re, err = regexp.Compile("^(?:" + p + ")"); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// matches is isNumberMatchingDesc.
func (nd *numberDesc) matches(national string) bool {
	if len(nd.lengths) > 0 && !slices.Contains(nd.lengths, int32(len(national))) {
		return false
	}
	return nd.dfa.match(national)
}

// numberType is getNumberTypeHelper.
func (d *regionData) numberType(national string) phonenumbers.PhoneNumberType {
	switch {
	case !d.general.matches(national):
		return phonenumbers.UNKNOWN
	case d.premium.matches(national):
		return phonenumbers.PREMIUM_RATE
	case d.tollFree.matches(national):
		return phonenumbers.TOLL_FREE
	case d.sharedCost.matches(national):
		return phonenumbers.SHARED_COST
	case d.voip.matches(national):
		return phonenumbers.VOIP
	case d.personal.matches(national):
		return phonenumbers.PERSONAL_NUMBER
	case d.pager.matches(national):
		return phonenumbers.PAGER
	case d.uan.matches(national):
		return phonenumbers.UAN
	case d.voicemail.matches(national):
		return phonenumbers.VOICEMAIL
	case d.fixedLine.matches(national):
		if d.sameMobileAndFixedLine || d.mobile.matches(national) {
			return phonenumbers.FIXED_LINE_OR_MOBILE
		}
		return phonenumbers.FIXED_LINE
	case !d.sameMobileAndFixedLine && d.mobile.matches(national):
		return phonenumbers.MOBILE
	}
	return phonenumbers.UNKNOWN
}

// testLength is testNumberLength for the type UNKNOWN (the general
// description's lengths).
func (d *regionData) testLength(number string) phonenumbers.ValidationResult {
	possible := d.general.lengths
	if possible[0] == -1 {
		return phonenumbers.INVALID_LENGTH
	}
	l := int32(len(number))
	if slices.Contains(d.generalLocalOnly, l) {
		return phonenumbers.IS_POSSIBLE_LOCAL_ONLY
	}
	switch {
	case possible[0] == l:
		return phonenumbers.IS_POSSIBLE
	case possible[0] > l:
		return phonenumbers.TOO_SHORT
	case possible[len(possible)-1] < l:
		return phonenumbers.TOO_LONG
	case slices.Contains(possible[1:], l):
		return phonenumbers.IS_POSSIBLE
	}
	return phonenumbers.INVALID_LENGTH
}

// stripNationalPrefix is maybeStripNationalPrefixAndCarrierCode without
// the carrier code: number without its national (trunk) prefix, or number
// itself when it has none or when only number is a viable national number.
func (d *regionData) stripNationalPrefix(number string) string {
	np := &d.nationalPrefix
	if number == "" || np.match == nil || !np.match.match(number) {
		return number
	}
	viable := d.general.dfa.match(number)
	if np.literals != nil {
		// "^(?:a|b|…)" matches, leftmost-first, the first alternative that
		// is a prefix; there are no groups, and no transform rule.
		for _, lit := range np.literals {
			if strings.HasPrefix(number, lit) {
				if viable && !d.general.dfa.match(number[len(lit):]) {
					return number
				}
				return number[len(lit):]
			}
		}
		return number // unreachable: the DFA said one matches
	}
	groups := np.re.FindStringSubmatchIndex(number)
	if groups == nil {
		return number // unreachable: the DFA said it matches
	}
	last := len(groups)/2 - 1
	if np.transform == "" || groups[last*2] < 0 {
		if viable && !d.general.dfa.match(number[groups[1]:]) {
			return number
		}
		return number[groups[1]:]
	}
	transformed := np.re.ReplaceAllString(number, np.transform)
	if viable && !d.general.dfa.match(transformed) {
		return number
	}
	return transformed
}
