package roster

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Organisation is a tenant: every other object belongs to exactly one.
type Organisation struct {
	ID            string
	Name          string
	DefaultRegion string // ISO 3166-1 alpha-2, the region phone numbers default to
	TimeZone      string // IANA name
	RootGroupID   string
	CreatedAt     time.Time
}

// GroupKind says what a group stands for; the set is open to extension.
type GroupKind string

// Group kinds named by the products Roster is built from.
const (
	GroupRoot       GroupKind = "organisation"
	GroupLocation   GroupKind = "location"
	GroupDepartment GroupKind = "department"
	GroupQueue      GroupKind = "queue"
	GroupTeam       GroupKind = "team"
)

// Group is a node of an organisation's tree; access granted at a group reaches
// every group below it.
type Group struct {
	ID        string
	OrgID     string
	Name      string
	Kind      GroupKind
	ParentID  string // empty for the root group
	Version   int64  // bumped on every write; the ETag
	CreatedAt time.Time
	UpdatedAt time.Time
}

// NewOrganisationInput is what an operator supplies to create an organisation.
type NewOrganisationInput struct {
	Name          string
	DefaultRegion string
	TimeZone      string
	Admin         NewUserInput
}

// Limits on free text, shared by validation and the OpenAPI document.
const (
	MaxNameLength = 200
)

// ValidateNewOrganisation normalises in and reports every invalid field.
// It returns EInvalid.
func ValidateNewOrganisation(in *NewOrganisationInput, loadLocation func(string) error) error {
	var v Validation
	in.Name = strings.TrimSpace(in.Name)
	checkName(&v, "name", in.Name, true)
	// Left out (or ""), each takes its default; spaces alone are a value,
	// and not a valid one.
	if in.DefaultRegion == "" {
		in.DefaultRegion = "US"
	}
	in.DefaultRegion = strings.ToUpper(strings.TrimSpace(in.DefaultRegion))
	if !isRegionCode(in.DefaultRegion) {
		v.Add("defaultRegion", "must be an ISO 3166-1 alpha-2 country code such as US or GB")
	}
	if in.TimeZone == "" {
		in.TimeZone = "UTC"
	}
	in.TimeZone = strings.TrimSpace(in.TimeZone)
	// "Local" loads, but means the server's zone, which is no zone at all in Lambda.
	if in.TimeZone == "Local" || loadLocation(in.TimeZone) != nil {
		v.Add("timeZone", "must be an IANA time zone name such as America/Chicago")
	}
	validateNewUser(&v, "admin.", &in.Admin, true, true)
	return v.Err()
}

func checkName(v *Validation, field, value string, required bool) {
	switch {
	case value == "" && required:
		v.Add(field, "is required")
	case !utf8.ValidString(value):
		v.Add(field, "must be valid UTF-8")
	case utf8.RuneCountInString(value) > MaxNameLength:
		v.Add(field, "must be at most 200 characters")
	case badLineChars(value):
		v.Add(field, lineCharsMessage)
	}
}

func isRegionCode(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}
