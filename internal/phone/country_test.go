package phone_test

import (
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/roster-app/roster/internal/roster"
)

// The domain's country table (roster.LookupCountry) carries calling codes
// so that it can judge a number against a country without linking
// libphonenumber; they must be the metadata's, and every country with a
// code must be a region Normalise accepts.
func TestCountryCallingCodes(t *testing.T) {
	supported := phonenumbers.GetSupportedRegions()
	for code := range supported {
		if code == "AC" || code == "TA" {
			continue // Ascension and Tristan da Cunha: parts of SH, not ISO 3166-1 countries
		}
		c, ok := roster.LookupCountry(code)
		if !ok || c.Code != code {
			t.Errorf("region %s: LookupCountry = %q, %v", code, c.Code, ok)
			continue
		}
		if want := strconv.Itoa(phonenumbers.GetCountryCodeForRegion(code)); c.CallingCode != want {
			t.Errorf("%s: calling code %q, metadata %q", code, c.CallingCode, want)
		}
	}
	for _, code := range []string{"AQ", "BV", "GS", "HM", "PN", "TF", "UM"} {
		if c, ok := roster.LookupCountry(code); !ok || c.CallingCode != "" || supported[code] {
			t.Errorf("%s: %+v, %v; want a country without a numbering plan", code, c, ok)
		}
	}
}
