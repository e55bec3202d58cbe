package roster

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ConsentStatus says whether a contact agreed to receive text messages.
type ConsentStatus string

// Consent statuses.
const (
	ConsentOptedIn  ConsentStatus = "opted_in"
	ConsentOptedOut ConsentStatus = "opted_out"
	ConsentUnknown  ConsentStatus = "unknown"
)

// Valid reports whether s is one of the known statuses.
func (s ConsentStatus) Valid() bool {
	return s == ConsentOptedIn || s == ConsentOptedOut || s == ConsentUnknown
}

// Consent is a contact's SMS consent: the status, when it was given or last
// changed, and how (free text, e.g. "paper form at front desk" or
// "spreadsheet import by ann@example.com").
type Consent struct {
	Status ConsentStatus
	At     time.Time // zero while Status is unknown and never set
	Source string
}

// Address is a postal address; every part is optional.
type Address struct {
	Line1      string
	Line2      string
	City       string
	Region     string // state, province or county
	PostalCode string
	Country    string
}

// Contact is a customer of the organisation, reachable by text.
type Contact struct {
	ID            string
	OrgID         string
	FirstName     string
	LastName      string
	Phone         string // E.164, unique within the organisation
	Email         string // normalised, optional
	Company       string
	Title         string
	AccountNumber string
	Address       Address
	Notes         string
	Consent       Consent
	AccountReps   []string // user ids
	Groups        []string // group ids, at least one
	Version       int64    // bumped on every write; the ETag
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Limits on contact fields, shared by validation, the spreadsheet layout
// and the OpenAPI document.
const (
	MaxContactTextLength  = 200  // names, company, title, account number, address parts
	MaxContactNotesLength = 2000 // notes
	MaxConsentSource      = 200
	MaxAccountReps        = 10
	MaxContactGroups      = 100
)

// ContactInput is every field a person sets on a contact: on create, in a
// spreadsheet row, or (through ContactPatch) on an edit.
type ContactInput struct {
	FirstName     string
	LastName      string
	Phone         string
	Email         string
	Company       string
	Title         string
	AccountNumber string
	Address       Address
	Notes         string
	Consent       ConsentStatus // "" means unknown
	ConsentSource string
	AccountReps   []string // user ids
	Groups        []string // group ids
}

// ValidateContactInput normalises in (trims text, formats the phone through
// phone, lower-cases the email, removes repeated ids) and reports every bad
// field at once. Field names are the API's camelCase names. Returns EInvalid.
//
// The phone number is read in the contact's country (address.country, by
// name or ISO code: LookupCountry), in defaultRegion (the organisation's)
// when it has none; phone normalises raw to E.164 in region
// (phone.Normalise). A country that names no country is refused, and so
// is a number whose country calling code is not the country's ("+49…" for
// India). stored is the contact before an edit (nil for a new one): when
// the edit keeps both its phone and its country, the phone is kept as
// stored and not judged again, so that an old contact can still be edited
// (an opt-out recorded) without first being corrected.
func ValidateContactInput(in, stored *ContactInput, defaultRegion string, phone func(raw, region string) (string, error)) error {
	var v Validation
	validateContactInput(&v, in, stored, defaultRegion, phone)
	return v.Err()
}

func validateContactInput(v *Validation, in, stored *ContactInput, defaultRegion string, phone func(raw, region string) (string, error)) {
	in.FirstName = strings.TrimSpace(in.FirstName)
	checkText(v, "firstName", in.FirstName, MaxContactTextLength, true)
	for field, p := range map[string]*string{
		"lastName": &in.LastName, "company": &in.Company, "title": &in.Title, "accountNumber": &in.AccountNumber,
		"address.line1": &in.Address.Line1, "address.line2": &in.Address.Line2, "address.city": &in.Address.City,
		"address.region": &in.Address.Region, "address.postalCode": &in.Address.PostalCode, "address.country": &in.Address.Country,
	} {
		*p = strings.TrimSpace(*p)
		checkText(v, field, *p, MaxContactTextLength, false)
	}
	in.Notes = strings.TrimSpace(in.Notes)
	checkNotes(v, "notes", in.Notes)
	in.ConsentSource = strings.TrimSpace(in.ConsentSource)
	checkText(v, "consentSource", in.ConsentSource, MaxConsentSource, false)
	if in.Consent == "" {
		in.Consent = ConsentUnknown
	}
	if !in.Consent.Valid() {
		v.Add("consent", "must be opted_in, opted_out or unknown")
	}
	var country Country
	hasCountry := false
	if in.Address.Country != "" && !v.has("address.country") {
		if country, hasCountry = LookupCountry(in.Address.Country); !hasCountry {
			v.Add("address.country", "is not a country: write its name or its ISO code, such as India or IN")
		}
	}
	in.Phone = strings.TrimSpace(in.Phone)
	switch {
	case in.Phone == "":
		v.Add("phone", "is required")
	case stored != nil && in.Phone == stored.Phone && in.Address.Country == strings.TrimSpace(stored.Address.Country):
		// stored numbers are E.164 already
	default:
		region := defaultRegion
		if hasCountry && country.CallingCode != "" {
			region = country.Code
		}
		e164, err := phone(in.Phone, region)
		if err != nil {
			v.Add("phone", err.Error())
			break
		}
		in.Phone = e164
		if hasCountry {
			if msg := phoneCountryProblem(e164, country); msg != "" {
				v.Add("phone", msg)
			}
		}
	}
	if in.Email = strings.TrimSpace(in.Email); in.Email != "" {
		e, err := NormaliseEmail(in.Email)
		if err != nil {
			v.Add("email", err.Error())
		}
		in.Email = e
	}
	in.AccountReps = compactIDs(in.AccountReps)
	if len(in.AccountReps) > MaxAccountReps {
		v.Add("accountReps", "must list at most 10 users")
	}
	in.Groups = compactIDs(in.Groups)
	switch {
	case len(in.Groups) == 0:
		v.Add("groups", "must list at least one group")
	case len(in.Groups) > MaxContactGroups:
		v.Add("groups", "must list at most 100 groups")
	}
}

// checkText checks a one-line text field.
func checkText(v *Validation, field, value string, limit int, required bool) {
	switch {
	case value == "" && required:
		v.Add(field, "is required")
	case !utf8.ValidString(value):
		v.Add(field, "must be valid UTF-8")
	case utf8.RuneCountInString(value) > limit:
		v.Add(field, "must be at most "+strconv.Itoa(limit)+" characters")
	case badLineChars(value):
		v.Add(field, lineCharsMessage)
	}
}

// checkNotes allows line breaks and tabs, which notes often hold.
func checkNotes(v *Validation, field, value string) {
	switch {
	case !utf8.ValidString(value):
		v.Add(field, "must be valid UTF-8")
	case utf8.RuneCountInString(value) > MaxContactNotesLength:
		v.Add(field, "must be at most "+strconv.Itoa(MaxContactNotesLength)+" characters")
	case strings.ContainsFunc(value, func(r rune) bool { return r != '\n' && r != '\r' && r != '\t' && isControl(r) }):
		v.Add(field, "must not contain control characters other than line breaks and tabs")
	}
}

// compactIDs trims ids, drops empty ones and repeats, and keeps the order.
func compactIDs(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// NewContact builds a contact from validated input.
func NewContact(orgID, id string, in ContactInput, now time.Time) Contact {
	c := Contact{ID: id, OrgID: orgID, Version: 1, CreatedAt: now, UpdatedAt: now}
	c = in.applyTo(c, now)
	if c.Consent.Status == ConsentUnknown && c.Consent.Source == "" {
		c.Consent.At = time.Time{} // nobody was asked: no time to record
	}
	return c
}

// applyTo sets every field of c from in; consent's time moves only when
// its status or source changes.
func (in ContactInput) applyTo(c Contact, now time.Time) Contact {
	c.FirstName, c.LastName, c.Phone, c.Email = in.FirstName, in.LastName, in.Phone, in.Email
	c.Company, c.Title, c.AccountNumber, c.Address, c.Notes = in.Company, in.Title, in.AccountNumber, in.Address, in.Notes
	if c.Consent.Status != in.Consent || c.Consent.Source != in.ConsentSource {
		c.Consent = Consent{Status: in.Consent, At: now, Source: in.ConsentSource}
	}
	c.AccountReps = slices.Clone(in.AccountReps)
	c.Groups = slices.Clone(in.Groups)
	return c
}

// Input returns the contact's fields as input, the starting point of an
// edit or a spreadsheet row.
func (c Contact) Input() ContactInput {
	return ContactInput{
		FirstName: c.FirstName, LastName: c.LastName, Phone: c.Phone, Email: c.Email, Company: c.Company, Title: c.Title,
		AccountNumber: c.AccountNumber, Address: c.Address, Notes: c.Notes, Consent: c.Consent.Status, ConsentSource: c.Consent.Source,
		AccountReps: slices.Clone(c.AccountReps), Groups: slices.Clone(c.Groups),
	}
}

// Updated returns c with every field of in, the version bumped and the
// update time set.
func (c Contact) Updated(in ContactInput, now time.Time) Contact {
	c = in.applyTo(c, now)
	c.Version++
	c.UpdatedAt = now
	return c
}

// ContactChange is one field an edit or an update row changes, as text, in
// the spreadsheet's terms: "phone", "+15551230000" → "+15551230001".
type ContactChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// ContactReader reads contacts.
type ContactReader interface {
	// Contact returns ENotFound when the organisation has no such contact.
	Contact(ctx context.Context, orgID, id string) (Contact, error)
}

// ContactWrite is one contact an import writes: the contact as it will be
// stored, the phone number it gives up (an update that changes the
// phone), whose claim is removed, and for an update the contact as stored
// before (storage removes what indexed it under groups and account reps it
// no longer has).
type ContactWrite struct {
	Contact      Contact
	ReleasePhone string
	Previous     *Contact
}
