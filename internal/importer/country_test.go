package importer_test

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/sheetwrite"
)

// phoneVector is a number of phones.tsv (the workplace's shared vectors,
// copied byte for byte into internal/phone/testdata) as libphonenumber
// reads it in its own country.
type phoneVector struct{ id, region, input, e164 string }

// countryVectors returns, for each textable number of phones.tsv, one
// input written as an admin in the number's country types it (digits only,
// the leading zero lost to a spreadsheet, or national), first preferred.
func countryVectors(t *testing.T) []phoneVector {
	t.Helper()
	b, err := os.ReadFile("../phone/testdata/phones.tsv")
	if err != nil {
		t.Fatal(err)
	}
	textable := map[string]bool{"MOBILE": true, "FIXED_LINE": true, "FIXED_LINE_OR_MOBILE": true, "VOIP": true, "PERSONAL_NUMBER": true}
	rank := map[string]int{"excel_number_lost_leading_zero": 0, "digits_only": 1, "national": 2}
	best := map[string]phoneVector{}
	bestRank := map[string]int{}
	var order []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		f := strings.Split(line, "\t")
		id, def, region, variant, input, e164, valid, ext, typ := f[0], f[1], f[2], f[4], f[5], f[6], f[7], f[8], f[9]
		r, wanted := rank[variant]
		if !wanted || def != region || valid != "true" || ext != "" || !textable[typ] {
			continue
		}
		if prev, seen := bestRank[e164]; !seen || r < prev {
			if !seen {
				order = append(order, e164)
			}
			best[e164], bestRank[e164] = phoneVector{id, region, input, e164}, r
		}
	}
	out := make([]phoneVector, 0, len(order))
	for _, e := range order {
		out = append(out, best[e])
	}
	return out
}

// countryWritings are the ways admins write the countries of phones.tsv in
// a Country column: names, local names, ISO alpha-2 in either case,
// alpha-3, abbreviations.
var countryWritings = map[string][]string{
	"US": {"United States", "USA", "us", "U.S.A."},
	"CA": {"Canada", "CA", "CAN"},
	"GB": {"U.K.", "GBR", "England", "United Kingdom", "gb"},
	"MX": {"México", "Mexico", "MX"},
	"DE": {"Deutschland", "Germany", "de", "DEU"},
	"IN": {"India", "IN", "ind"},
	"BR": {"Brasil", "Brazil", "BR"},
}

// The sheet: an admin of a US organisation lists members of seven
// countries, each with the Country column as people write it and the cell
// phone as dialled in that country. Every number is stored in its row's
// country, or the row is refused with a reason; never read as a US number.
func TestMixedCountrySheetStoresEveryNumberInItsRowsCountry(t *testing.T) {
	f := newFixture(t)
	h := f.header()
	boston := roster.GroupPath(f.tree, f.boston.ID)
	type want struct{ e164, country string }
	wants := map[string]want{}
	rows := [][]string{h}
	regions := map[string]bool{}
	for i, v := range countryVectors(t) {
		forms := countryWritings[v.region]
		country := forms[i%len(forms)]
		name := "v" + v.id
		wants[name] = want{v.e164, country}
		regions[v.region] = true
		rows = append(rows, f.row(h, map[string]string{"First Name": name, "Cell Phone": v.input, "Country": country, boston: "X"}))
	}
	if len(regions) != len(countryWritings) || len(wants) < 15 {
		t.Fatalf("phones.tsv gave %d numbers of %d countries", len(wants), len(regions))
	}
	// Refused: a country that names none, and numbers written with another
	// country's code than the row's.
	bad := map[string]string{ // first name → the problem
		"Atlantis":     "Country: is not a country: write its name or its ISO code, such as India or IN",
		"Indo-German":  "Cell Phone: +4930123456 is a +49 (Germany) number, but the country is India (+91)",
		"Anglo-Indian": "Cell Phone: +918123456789 is a +91 (India) number, but the country is United Kingdom (+44)",
	}
	rows = append(rows,
		f.row(h, map[string]string{"First Name": "Atlantis", "Cell Phone": "2015550100", "Country": "Atlantis", boston: "X"}),
		f.row(h, map[string]string{"First Name": "Indo-German", "Cell Phone": "+49 30 123456", "Country": "India", boston: "X"}),
		f.row(h, map[string]string{"First Name": "Anglo-Indian", "Cell Phone": "+91 81234 56789", "Country": "UK", boston: "X"}),
	)
	// Judged the same read from XLSX; the CSV one is applied.
	var xlsx bytes.Buffer
	x, err := sheetwrite.NewXLSXWriter(&xlsx, "Contacts")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		x.WriteRow(r)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	fromXLSX := f.upload(f.admin, roster.ImportNew, "members.xlsx", xlsx.Bytes())
	imp := f.upload(f.admin, roster.ImportNew, "members.csv", csvOf(rows...))
	for _, got := range []roster.ContactImport{fromXLSX, imp} {
		if got.Status != roster.ImportReady || got.Summary.New != len(wants) || got.Summary.Errors != len(bad) {
			t.Fatalf("%s: %s %+v %+v (%s)", got.FileName, got.Status, got.Summary, got.SampleErrors, got.FailureMessage)
		}
		var problems []string
		for _, e := range got.SampleErrors {
			for _, p := range e.Problems {
				problems = append(problems, p.Field+": "+p.Message)
			}
		}
		for _, p := range bad {
			if !slices.Contains(problems, p) {
				t.Errorf("%s: problems %q lack %q", got.FileName, problems, p)
			}
		}
	}
	if done := f.apply(f.admin, imp.ID); done.Status != roster.ImportCompleted {
		t.Fatalf("apply: %s %+v", done.Status, done.Progress)
	}
	stored := f.contacts()
	if len(stored) != len(wants) {
		t.Fatalf("%d contacts stored, want %d", len(stored), len(wants))
	}
	for _, c := range stored {
		w, ok := wants[c.FirstName]
		if !ok || c.Phone != w.e164 || c.Address.Country != w.country {
			t.Errorf("%s: stored %s in %q, want %s in %q", c.FirstName, c.Phone, c.Address.Country, w.e164, w.country)
		}
	}
}

// In an update, a row is judged with the country it ends with: a country
// changed under a number it does not suit is refused, a number changed
// with it is read in the new country.
func TestUpdateJudgesThePhoneWithTheRowsNewCountry(t *testing.T) {
	f := newFixture(t)
	n := 0
	rows := f.exportAndEdit(3, func(h, r []string) {
		switch n++; n {
		case 1:
			r[col(h, "Country")] = "Germany" // the US number stays
		case 2:
			r[col(h, "Country")], r[col(h, "Cell Phone")] = "Deutschland", "030 1234567"
		case 3:
			r[col(h, "Country")] = "USA"
		}
	})
	up := f.upload(f.admin, roster.ImportUpdate, "moved.csv", csvOf(rows...))
	if up.Status != roster.ImportReady || up.Summary.Updated != 2 || up.Summary.Errors != 1 {
		t.Fatalf("update: %s %+v %+v", up.Status, up.Summary, up.SampleErrors)
	}
	if p := up.SampleErrors[0].Problems; len(p) != 1 || p[0].Field != "Cell Phone" || !strings.HasSuffix(p[0].Message, "is a +1 (United States and others) number, but the country is Germany (+49)") {
		t.Fatalf("problems %+v", p)
	}
	if done := f.apply(f.admin, up.ID); done.Status != roster.ImportCompleted {
		t.Fatalf("apply: %s", done.Status)
	}
	var got []string
	for _, c := range f.contacts() {
		got = append(got, c.Phone+" "+c.Address.Country)
	}
	usa := slices.IndexFunc(got, func(s string) bool { return strings.HasPrefix(s, "+1") && strings.HasSuffix(s, " USA") })
	unmoved := slices.IndexFunc(got, func(s string) bool { return strings.HasPrefix(s, "+1") && strings.HasSuffix(s, " ") })
	if !slices.Contains(got, "+49301234567 Deutschland") || usa < 0 || unmoved < 0 || len(got) != 3 {
		t.Fatalf("stored %q", got)
	}
}
