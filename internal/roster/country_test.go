package roster

import (
	"errors"
	"strings"
	"testing"
)

func TestLookupCountry(t *testing.T) {
	for _, tc := range []struct{ in, code string }{
		{"IN", "IN"}, {"in", "IN"}, {"India", "IN"}, {" india ", "IN"}, {"IND", "IN"},
		{"DE", "DE"}, {"de", "DE"}, {"Germany", "DE"}, {"Deutschland", "DE"}, {"DEU", "DE"},
		{"United States", "US"}, {"USA", "US"}, {"U.S.A.", "US"}, {"u.s.", "US"}, {"United States of America", "US"},
		{"UK", "GB"}, {"U.K.", "GB"}, {"GBR", "GB"}, {"Great Britain", "GB"}, {"England", "GB"}, {"Scotland", "GB"},
		{"United Kingdom", "GB"}, {"España", "ES"}, {"ESPANA", "ES"}, {"Spain", "ES"},
		{"The Netherlands", "NL"}, {"Holland", "NL"}, {"Côte d'Ivoire", "CI"}, {"Cote dIvoire", "CI"}, {"Ivory Coast", "CI"},
		{"St. Kitts & Nevis", "KN"}, {"Saint Kitts and Nevis", "KN"}, {"Korea, Republic of", "KR"}, {"South Korea", "KR"},
		{"México", "MX"}, {"Brasil", "BR"}, {"CAN", "CA"}, {"Canada", "CA"}, {"Russian Federation", "RU"},
	} {
		c, ok := LookupCountry(tc.in)
		if !ok || c.Code != tc.code {
			t.Errorf("LookupCountry(%q) = %q, %v; want %s", tc.in, c.Code, ok, tc.code)
		}
	}
	for _, in := range []string{"", "Atlantis", "XX", "Indiana", "Germ", "U", strings.Repeat("India", 30)} {
		if c, ok := LookupCountry(in); ok {
			t.Errorf("LookupCountry(%q) = %s, want no country", in, c.Code)
		}
	}
}

// Every ISO 3166-1 code is in the table once, with its name.
func TestCountryTable(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range countryTable {
		if len(c.Code) != 2 || len(c.Alpha3) != 3 || c.Name == "" || seen[c.Code] {
			t.Errorf("bad or repeated entry %+v", c)
		}
		seen[c.Code] = true
		for _, s := range []string{c.Code, c.Alpha3, c.Name} {
			if got, ok := LookupCountry(s); !ok || got.Code != c.Code {
				t.Errorf("LookupCountry(%q) = %q, %v; want %s", s, got.Code, ok, c.Code)
			}
		}
	}
	if len(seen) != 250 { // 249 of ISO 3166-1, and Kosovo
		t.Errorf("%d countries, want 250", len(seen))
	}
}

// fakePhone reads digits the way the phone package would for these tests:
// "+…" as written, anything else with the region's calling code.
func fakePhone(raw, region string) (string, error) {
	if strings.HasPrefix(raw, "+") {
		return raw, nil
	}
	c, _ := LookupCountry(region)
	return "+" + c.CallingCode + raw, nil
}

func TestContactPhoneReadInItsCountry(t *testing.T) {
	for _, tc := range []struct {
		name, country, phone, want, field, msg string
	}{
		{name: "no country: the organisation's region", phone: "2015550123", want: "+12015550123"},
		{name: "the country's name", country: "India", phone: "8123456789", want: "+918123456789"},
		{name: "an alpha-3 code", country: "GBR", phone: "7400123456", want: "+447400123456"},
		{name: "a +1 number in Canada", country: "Canada", phone: "+12015550123", want: "+12015550123"},
		{name: "a +44 number in Jersey", country: "JE", phone: "+447700900123", want: "+447700900123"},
		{name: "a German number in India", country: "IN", phone: "+4915123456789", field: "phone",
			msg: "+4915123456789 is a +49 (Germany) number, but the country is India (+91)"},
		{name: "a +1 number in Germany", country: "Deutschland", phone: "+12015550123", field: "phone",
			msg: "+12015550123 is a +1 (United States and others) number, but the country is Germany (+49)"},
		{name: "a country that is none", country: "Atlantis", phone: "2015550123", field: "address.country",
			msg: "is not a country: write its name or its ISO code, such as India or IN"},
		{name: "a territory without a numbering plan", country: "Antarctica", phone: "2015550123", want: "+12015550123"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := ContactInput{FirstName: "Ann", Phone: tc.phone, Address: Address{Country: tc.country}, Groups: []string{"g1"}}
			err := ValidateContactInput(&in, nil, "US", fakePhone)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				if in.Phone != tc.want || in.Address.Country != tc.country {
					t.Fatalf("phone %q country %q, want %q %q", in.Phone, in.Address.Country, tc.want, tc.country)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != EInvalid || len(e.Fields) != 1 || e.Fields[0].Field != tc.field || e.Fields[0].Message != tc.msg {
				t.Fatalf("err = %#v, want %s: %s", err, tc.field, tc.msg)
			}
		})
	}
}

func TestContactEditKeepsStoredPhoneAndCountry(t *testing.T) {
	stored := ContactInput{FirstName: "Ann", Phone: "+18123456789", Address: Address{Country: "IN"}, Groups: []string{"g1"}}
	t.Run("an edit of another field keeps a stored pair unjudged", func(t *testing.T) {
		in := stored
		in.Consent = ConsentOptedOut
		if err := ValidateContactInput(&in, &stored, "US", fakePhone); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a country changed is judged against the phone", func(t *testing.T) {
		in := stored
		in.Address.Country = "Germany"
		err := ValidateContactInput(&in, &stored, "US", fakePhone)
		if ErrorCodeOf(err) != EInvalid || !strings.Contains(err.(*Error).Fields[0].Message, "but the country is Germany (+49)") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a phone changed is read in the country", func(t *testing.T) {
		in := stored
		in.Phone = "8123456789"
		if err := ValidateContactInput(&in, &stored, "US", fakePhone); err != nil || in.Phone != "+918123456789" {
			t.Fatalf("phone %q, err %v", in.Phone, err)
		}
	})
}
