package roster

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // so that zone names resolve whatever the machine has installed
)

func loadTimeZone(name string) error {
	_, err := time.LoadLocation(name)
	return err
}

func validOrganisation() NewOrganisationInput {
	return NewOrganisationInput{
		Name:          "Acme Support",
		DefaultRegion: "GB",
		TimeZone:      "Europe/London",
		Admin: NewUserInput{
			Email:     "ann@acme.example",
			FirstName: "Ann",
			LastName:  "Lee",
			Password:  "kettle-moss-river",
		},
	}
}

// invalidFields returns the field names an error reports, in order, or nil
// for a nil error; anything but an EInvalid *Error fails the test.
func invalidFields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *Error
	if !errors.As(err, &e) || e.Code != EInvalid {
		t.Fatalf("error = %#v, want an EInvalid *Error", err)
	}
	var fields []string
	for _, f := range e.Fields {
		fields = append(fields, f.Field)
	}
	return fields
}

func TestValidateNewOrganisationNormalises(t *testing.T) {
	in := NewOrganisationInput{
		Name:          "  Acme Support\t",
		DefaultRegion: " gb ",
		TimeZone:      " America/Chicago ",
		Admin: NewUserInput{
			Email:     "  Ann@ACME.example ",
			FirstName: " Ann ",
			LastName:  "\tLee\n",
			Password:  " kettle-moss-river ",
		},
	}
	if err := ValidateNewOrganisation(&in, loadTimeZone); err != nil {
		t.Fatalf("ValidateNewOrganisation: %v", err)
	}
	want := NewOrganisationInput{
		Name:          "Acme Support",
		DefaultRegion: "GB",
		TimeZone:      "America/Chicago",
		Admin: NewUserInput{
			Email:     "ann@acme.example",
			FirstName: "Ann",
			LastName:  "Lee",
			Password:  " kettle-moss-river ", // a password is never trimmed: spaces are part of it
		},
	}
	if in != want {
		t.Fatalf("normalised input = %+v, want %+v", in, want)
	}
}

func TestValidateNewOrganisationDefaults(t *testing.T) {
	in := validOrganisation()
	in.DefaultRegion, in.TimeZone = "", ""
	var asked []string
	err := ValidateNewOrganisation(&in, func(name string) error { asked = append(asked, name); return loadTimeZone(name) })
	if err != nil {
		t.Fatalf("ValidateNewOrganisation: %v", err)
	}
	if in.DefaultRegion != "US" || in.TimeZone != "UTC" {
		t.Errorf("defaults = region %q, time zone %q; want US, UTC", in.DefaultRegion, in.TimeZone)
	}
	if !slices.Equal(asked, []string{"UTC"}) {
		t.Errorf("time zones looked up = %q, want [UTC]", asked)
	}
	// Spaces alone are a value, not a missing one: refused, not defaulted.
	blank := validOrganisation()
	blank.DefaultRegion = "   "
	err = ValidateNewOrganisation(&blank, loadTimeZone)
	if e, ok := err.(*Error); !ok || len(e.Fields) != 1 || e.Fields[0].Field != "defaultRegion" {
		t.Errorf("a blank region: %v", err)
	}
}

func TestValidateNewOrganisationReportsEveryBadField(t *testing.T) {
	in := NewOrganisationInput{
		Name:          "",
		DefaultRegion: "USA",
		TimeZone:      "Mars/Olympus_Mons",
		Admin:         NewUserInput{Email: "ann", FirstName: " ", LastName: "", Password: "short"},
	}
	got := invalidFields(t, ValidateNewOrganisation(&in, loadTimeZone))
	want := []string{"name", "defaultRegion", "timeZone", "admin.email", "admin.firstName", "admin.lastName", "admin.password"}
	if !slices.Equal(got, want) {
		t.Fatalf("invalid fields = %q, want %q", got, want)
	}
}

func TestValidateNewOrganisationFields(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *NewOrganisationInput)
		want   []string // the invalid fields
	}{
		{"valid input is accepted", func(*NewOrganisationInput) {}, nil},
		{"200-character name is accepted", func(in *NewOrganisationInput) { in.Name = strings.Repeat("a", 200) }, nil},
		{"201-character name is refused", func(in *NewOrganisationInput) { in.Name = strings.Repeat("a", 201) }, []string{"name"}},
		{"200 multi-byte characters are accepted", func(in *NewOrganisationInput) { in.Name = strings.Repeat("ü", 200) }, nil},
		{"201 multi-byte characters are refused", func(in *NewOrganisationInput) { in.Name = strings.Repeat("ü", 201) }, []string{"name"}},
		{"name is measured after trimming", func(in *NewOrganisationInput) { in.Name = "  " + strings.Repeat("a", 200) + "  " }, nil},
		{"blank name is refused", func(in *NewOrganisationInput) { in.Name = " \t " }, []string{"name"}},
		{"name with a newline is refused", func(in *NewOrganisationInput) { in.Name = "Acme\nSupport" }, []string{"name"}},
		{"name with a tab inside is refused", func(in *NewOrganisationInput) { in.Name = "Acme\tSupport" }, []string{"name"}},
		{"name with NUL is refused", func(in *NewOrganisationInput) { in.Name = "Acme\x00" }, []string{"name"}},
		{"name with DEL is refused", func(in *NewOrganisationInput) { in.Name = "Acme\x7f" }, []string{"name"}},
		{"name with invalid UTF-8 is refused", func(in *NewOrganisationInput) { in.Name = "Acme\xff" }, []string{"name"}},
		{"name with accents and emoji is accepted", func(in *NewOrganisationInput) { in.Name = "Café Ünïcode 🚀" }, nil},
		{"lower-case region is accepted", func(in *NewOrganisationInput) { in.DefaultRegion = "de" }, nil},
		{"three-letter region is refused", func(in *NewOrganisationInput) { in.DefaultRegion = "GBR" }, []string{"defaultRegion"}},
		{"one-letter region is refused", func(in *NewOrganisationInput) { in.DefaultRegion = "G" }, []string{"defaultRegion"}},
		{"region with a digit is refused", func(in *NewOrganisationInput) { in.DefaultRegion = "G1" }, []string{"defaultRegion"}},
		{"region with a non-ASCII letter is refused", func(in *NewOrganisationInput) { in.DefaultRegion = "ÜS" }, []string{"defaultRegion"}},
		{"unknown time zone is refused", func(in *NewOrganisationInput) { in.TimeZone = "Mars/Olympus_Mons" }, []string{"timeZone"}},
		{"time zone path escape is refused", func(in *NewOrganisationInput) { in.TimeZone = "../../etc/passwd" }, []string{"timeZone"}},
		{"UTC offset is not a time zone name", func(in *NewOrganisationInput) { in.TimeZone = "+02:00" }, []string{"timeZone"}},
		{"admin's bad email is reported under admin.email", func(in *NewOrganisationInput) { in.Admin.Email = "ann@localhost" }, []string{"admin.email"}},
		{"admin's missing first name is reported", func(in *NewOrganisationInput) { in.Admin.FirstName = "" }, []string{"admin.firstName"}},
		{"admin's 201-character last name is refused", func(in *NewOrganisationInput) { in.Admin.LastName = strings.Repeat("x", 201) }, []string{"admin.lastName"}},
		{"admin's first name with a control character is refused", func(in *NewOrganisationInput) { in.Admin.FirstName = "Ann\x1b[31m" }, []string{"admin.firstName"}},
		{"admin's common password is refused", func(in *NewOrganisationInput) { in.Admin.Password = "Password1234" }, []string{"admin.password"}},
		{"admin's password holding their normalised email is refused", func(in *NewOrganisationInput) {
			in.Admin.Email = "  AnnaLee@ACME.example"
			in.Admin.Password = "annalee-is-here"
		}, []string{"admin.password"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validOrganisation()
			tt.change(&in)
			got := invalidFields(t, ValidateNewOrganisation(&in, loadTimeZone))
			if !slices.Equal(got, tt.want) {
				t.Fatalf("invalid fields = %q, want %q", got, tt.want)
			}
		})
	}
}
