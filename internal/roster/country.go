package roster

import (
	"strings"
	"sync"
	"unicode"
)

// Country is a country or territory of ISO 3166-1, as a contact's address
// names it and as phone numbers are dialled in it.
type Country struct {
	Code        string // ISO 3166-1 alpha-2, "IN"; also the phone region
	Alpha3      string // "IND"
	Name        string // English short name, "India"
	CallingCode string // country calling code without "+", "91"; "" where the territory has no numbering plan of its own
}

// countryAliases are the ways people write a country that neither ISO
// 3166-1 nor its English name covers: abbreviations, the parts of a
// country, former names, and the names in the country's own language.
var countryAliases = map[string][]string{
	"US": {"USA", "U.S.A.", "U.S.", "United States of America", "America", "Estados Unidos", "EE.UU.", "Vereinigte Staaten", "États-Unis"},
	"GB": {"UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland", "Vereinigtes Königreich", "Reino Unido", "Royaume-Uni", "Regno Unito"},
	"DE": {"Deutschland", "Federal Republic of Germany", "Bundesrepublik Deutschland", "BRD", "Allemagne", "Alemania", "Germania"},
	"ES": {"España", "Espagne", "Spanien", "Spagna", "Kingdom of Spain"},
	"FR": {"Frankreich", "Francia", "République française"},
	"IT": {"Italia", "Italien", "Italie"},
	"NL": {"Holland", "Nederland", "Niederlande", "Pays-Bas", "Países Bajos"},
	"BE": {"België", "Belgique", "Belgien"},
	"CH": {"Schweiz", "Suisse", "Svizzera", "Swiss Confederation"},
	"AT": {"Österreich", "Autriche"},
	"IE": {"Éire", "Eire", "Republic of Ireland", "Irland", "Irlanda"},
	"MX": {"México", "Mexiko", "Mexique", "Estados Unidos Mexicanos"},
	"BR": {"Brasil", "Brasilien", "Brésil"},
	"IN": {"Bharat", "Bhārat", "Indien", "Inde", "Republic of India"},
	"CA": {"Kanada"},
	"PL": {"Polska", "Polen", "Pologne"},
	"SE": {"Sverige", "Schweden", "Suède"},
	"NO": {"Norge", "Norwegen", "Norvège"},
	"DK": {"Danmark", "Dänemark", "Danemark"},
	"FI": {"Suomi", "Finnland"},
	"CZ": {"Czech Republic", "Česko", "Tschechien"},
	"GR": {"Hellas", "Ellada", "Griechenland", "Grèce"},
	"TR": {"Turkey", "Türkei", "Turquie", "Turkiye"},
	"PT": {"República Portuguesa"},
	"CN": {"PRC", "People's Republic of China", "Zhongguo", "中国"},
	"JP": {"Nippon", "Nihon", "日本"},
	"KR": {"Korea", "Republic of Korea"},
	"RU": {"Россия", "Rossiya", "Russland"},
	"AE": {"UAE", "U.A.E.", "Emirates"},
	"SA": {"KSA"},
	"CI": {"Ivory Coast"},
	"CV": {"Cape Verde"},
	"SZ": {"Swaziland"},
	"MK": {"Macedonia"},
	"MM": {"Burma"},
	"TL": {"East Timor"},
	"VA": {"Holy See", "Vatican"},
	"CD": {"DRC", "DR Congo", "Congo-Kinshasa"},
	"CG": {"Republic of the Congo", "Congo-Brazzaville"},
	"PH": {"Pilipinas"},
	"NZ": {"Aotearoa"},
	"MO": {"Macau"},
	"LA": {"Lao PDR"},
	"PS": {"State of Palestine"},
	"VI": {"US Virgin Islands"},
}

// countryIndex finds a country by a key of one of its names or codes
// (countryKey), and the countries sharing a calling code.
type countryIndex struct {
	byKey     map[string]*Country
	byCalling map[string][]*Country
}

// countries is built on first use: most functions never read a country.
var countries = sync.OnceValue(func() countryIndex {
	idx := countryIndex{byKey: map[string]*Country{}, byCalling: map[string][]*Country{}}
	add := func(name string, c *Country) {
		k := countryKey(name)
		if prev, taken := idx.byKey[k]; taken && prev != c {
			panic("roster: " + name + " names both " + prev.Code + " and " + c.Code)
		}
		idx.byKey[k] = c
	}
	for i := range countryTable {
		c := &countryTable[i]
		add(c.Code, c)
		add(c.Alpha3, c)
		add(c.Name, c)
		if c.CallingCode != "" {
			idx.byCalling[c.CallingCode] = append(idx.byCalling[c.CallingCode], c)
		}
	}
	byCode := func(code string) *Country {
		for i := range countryTable {
			if countryTable[i].Code == code {
				return &countryTable[i]
			}
		}
		panic("roster: no country " + code)
	}
	for _, names := range []map[string][]string{isoCountryNames, countryAliases} {
		for code, list := range names {
			c := byCode(code)
			for _, n := range list {
				add(n, c)
			}
		}
	}
	return idx
})

// LookupCountry finds the country s names, written as people write it:
// an ISO 3166-1 alpha-2 or alpha-3 code ("IN", "de", "GBR"), the English
// name ("India", "United States"), or a common other form ("USA",
// "U.K.", "England", "Deutschland", "España"). Case, accents, dots,
// apostrophes and other punctuation do not matter, nor a leading "The";
// "St" is read as "Saint" and "&" as "and". It reports false when s names
// no country it knows.
func LookupCountry(s string) (Country, bool) {
	c, ok := countries().byKey[countryKey(s)]
	if !ok {
		return Country{}, false
	}
	return *c, true
}

// foldLetters maps the accented Latin letters of country names to ASCII.
var foldLetters = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'æ': "ae",
	'ç': "c", 'č': "c", 'ď': "d", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ě': "e", 'ē': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ł': "l", 'ñ': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'œ': "oe",
	'ř': "r", 'š': "s", 'ß': "ss", 'ť': "t", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ů': "u", 'ū': "u",
	'ý': "y", 'ÿ': "y", 'ž': "z",
}

// countryKey is s lower-cased, accents removed, dots and apostrophes
// dropped, other punctuation made a space, "&" made "and", "st" made
// "saint", a leading "the" dropped, words joined by one space.
func countryKey(s string) string {
	if len(s) > 100 {
		return "" // no country's name is that long
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '.' || r == '\'' || r == '’' || r == 'ʼ':
		case r == '&':
			b.WriteString(" and ")
		case foldLetters[r] != "":
			b.WriteString(foldLetters[r])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	for i, w := range words {
		if w == "st" {
			words[i] = "saint"
		}
	}
	return strings.Join(words, " ")
}

// mainCountryOf is, for a calling code several countries share, the one
// libphonenumber names first (GetRegionCodeForCountryCode).
var mainCountryOf = map[string]string{
	"1": "US", "7": "RU", "39": "IT", "44": "GB", "47": "NO", "61": "AU",
	"212": "MA", "262": "RE", "290": "SH", "358": "FI", "590": "GP", "599": "CW",
}

// callingZone names the countries of a calling code for a person: "+49
// (Germany)", "+1 (United States and others)".
func callingZone(code string) string {
	cs := countries().byCalling[code]
	switch len(cs) {
	case 0:
		return "+" + code
	case 1:
		return "+" + code + " (" + cs[0].Name + ")"
	}
	main := cs[0]
	for _, c := range cs {
		if c.Code == mainCountryOf[code] {
			main = c
		}
	}
	return "+" + code + " (" + main.Name + " and others)"
}

// callingCodeOf returns the country calling code an E.164 number starts
// with. Calling codes are a prefix code (no code begins another), so the
// first of 1 to 3 digits that is a code is the one.
func callingCodeOf(e164 string) string {
	digits := strings.TrimPrefix(e164, "+")
	for n := 1; n <= 3 && n <= len(digits); n++ {
		if _, ok := countries().byCalling[digits[:n]]; ok {
			return digits[:n]
		}
	}
	return ""
}

// PhoneRegion is the region a contact's phone number is read in: the
// contact's country when it names one with a numbering plan, the
// organisation's default region otherwise (no country, or one LookupCountry
// does not know, which validation refuses).
func PhoneRegion(country, defaultRegion string) string {
	if country = strings.TrimSpace(country); country != "" {
		if c, ok := LookupCountry(country); ok && c.CallingCode != "" {
			return c.Code
		}
	}
	return defaultRegion
}

// phoneCountryProblem says why the E.164 number e164 cannot be the phone of
// a contact in country c, or "" when it can: its country calling code must
// be c's (any +1 number for the United States or Canada, any +44 number
// for the United Kingdom, Jersey or Guernsey).
func phoneCountryProblem(e164 string, c Country) string {
	if c.CallingCode == "" || strings.HasPrefix(strings.TrimPrefix(e164, "+"), c.CallingCode) {
		return ""
	}
	return e164 + " is a " + callingZone(callingCodeOf(e164)) + " number, but the country is " + c.Name + " (+" + c.CallingCode + ")"
}
