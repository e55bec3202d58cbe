package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/roster-app/roster/internal/contacts"
	"github.com/roster-app/roster/internal/roster"
)

// ContactView is a contact as the API shows it.
type ContactView struct {
	ID            string      `json:"id"`
	FirstName     string      `json:"firstName"`
	LastName      string      `json:"lastName"`
	Phone         string      `json:"phone"`
	Email         string      `json:"email"`
	Company       string      `json:"company"`
	Title         string      `json:"title"`
	AccountNumber string      `json:"accountNumber"`
	Address       AddressView `json:"address"`
	Notes         string      `json:"notes"`
	Consent       ConsentView `json:"consent"`
	AccountReps   []string    `json:"accountReps"`
	Groups        []string    `json:"groups"`
	CreatedAt     string      `json:"createdAt"`
	UpdatedAt     string      `json:"updatedAt"`
	// TextOptOut is shown by GET /contacts/{id} when the contact's number
	// replied STOP: nothing is texted to it until it texts START.
	TextOptOut *TextOptOutView `json:"textOptOut,omitempty"`
}

// TextOptOutView is when a number opted out of the organisation's texts,
// and the inbound message that asked.
type TextOptOutView struct {
	At        string `json:"at"`
	MessageID string `json:"messageId,omitempty"`
}

// AddressView is a postal address; every part is a string, "" when unset.
type AddressView struct {
	Line1      string `json:"line1"`
	Line2      string `json:"line2"`
	City       string `json:"city"`
	Region     string `json:"region"`
	PostalCode string `json:"postalCode"`
	Country    string `json:"country"`
}

// ConsentView is a contact's SMS consent.
type ConsentView struct {
	Status string `json:"status"`
	At     string `json:"at,omitempty"`
	Source string `json:"source"`
}

func viewContact(c roster.Contact) ContactView {
	a := c.Address
	v := ContactView{
		ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Phone: c.Phone, Email: c.Email, Company: c.Company,
		Title: c.Title, AccountNumber: c.AccountNumber, Notes: c.Notes,
		Address:     AddressView{Line1: a.Line1, Line2: a.Line2, City: a.City, Region: a.Region, PostalCode: a.PostalCode, Country: a.Country},
		Consent:     ConsentView{Status: string(c.Consent.Status), Source: c.Consent.Source},
		AccountReps: c.AccountReps, Groups: c.Groups, CreatedAt: rfc3339(c.CreatedAt), UpdatedAt: rfc3339(c.UpdatedAt),
	}
	if v.Consent.Status == "" {
		v.Consent.Status = string(roster.ConsentUnknown)
	}
	if !c.Consent.At.IsZero() {
		v.Consent.At = rfc3339(c.Consent.At)
	}
	if v.AccountReps == nil {
		v.AccountReps = []string{}
	}
	if v.Groups == nil {
		v.Groups = []string{}
	}
	return v
}

type consentRequest struct {
	Status string `json:"status"`
	Source string `json:"source"`
}

type createContactRequest struct {
	FirstName     string          `json:"firstName"`
	LastName      string          `json:"lastName"`
	Phone         string          `json:"phone"`
	Email         string          `json:"email"`
	Company       string          `json:"company"`
	Title         string          `json:"title"`
	AccountNumber string          `json:"accountNumber"`
	Address       AddressView     `json:"address"`
	Notes         string          `json:"notes"`
	Consent       *consentRequest `json:"consent"`
	AccountReps   []string        `json:"accountReps"`
	Groups        []string        `json:"groups"`
}

// contactFieldNames maps the domain's field names to the API's where they differ.
var contactFieldNames = map[string]string{"consent": "consent.status", "consentSource": "consent.source"}

// contactError names fields as the API does.
func contactError(err error) error {
	var e *roster.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	out := *e
	out.Fields = make([]roster.FieldError, len(e.Fields))
	for i, f := range e.Fields {
		if name, ok := contactFieldNames[f.Field]; ok {
			f.Field = name
		}
		out.Fields[i] = f
	}
	return &out
}

func contactHeaders(c roster.Contact) map[string]string {
	return map[string]string{"ETag": etag(c.Version)}
}

// CreateContact is POST /contacts.
func CreateContact(svc *contacts.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in createContactRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		a := in.Address
		input := roster.ContactInput{
			FirstName: in.FirstName, LastName: in.LastName, Phone: in.Phone, Email: in.Email, Company: in.Company, Title: in.Title,
			AccountNumber: in.AccountNumber, Notes: in.Notes, AccountReps: in.AccountReps, Groups: in.Groups,
			Address: roster.Address{Line1: a.Line1, Line2: a.Line2, City: a.City, Region: a.Region, PostalCode: a.PostalCode, Country: a.Country},
		}
		if in.Consent != nil {
			input.Consent, input.ConsentSource = roster.ConsentStatus(in.Consent.Status), in.Consent.Source
		}
		c, err := svc.Create(ctx, r.Caller, input)
		if err != nil {
			return Response{}, contactError(err)
		}
		h := contactHeaders(c)
		h["Location"] = "/contacts/" + c.ID
		return Response{Status: http.StatusCreated, Body: viewContact(c), Headers: h}, nil
	}
}

// GetContact is GET /contacts/{id}.
func GetContact(svc *contacts.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		c, err := svc.Get(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		o, err := svc.OptOut(ctx, c)
		if err != nil {
			return Response{}, err
		}
		v := viewContact(c)
		if o != nil {
			v.TextOptOut = &TextOptOutView{At: rfc3339(o.At), MessageID: o.MessageID}
		}
		return Response{Body: v, Headers: contactHeaders(c)}, nil
	}
}

// MaxContactPage is the largest page of GET /contacts.
const MaxContactPage = 200

// ListContacts is GET /contacts?q=&phone=&email=&group=&includeSubgroups=&accountRep=&limit=&cursor=.
func ListContacts(svc *contacts.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		q := r.QueryStringParameters
		var v roster.Validation
		f := contacts.Filter{Q: q["q"], Phone: q["phone"], Email: q["email"], Group: q["group"], AccountRep: q["accountRep"], Limit: 50}
		if s := q["limit"]; s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > MaxContactPage {
				v.Add("limit", "must be a whole number from 1 to 200")
			}
			f.Limit = n
		}
		switch q["includeSubgroups"] {
		case "", "true":
		case "false":
			f.ExcludeSubgroups = true
		default:
			v.Add("includeSubgroups", "must be true or false")
		}
		if err := v.Err(); err != nil {
			return Response{}, err
		}
		s := scope("contacts", "q", f.Q, "phone", f.Phone, "email", f.Email, "group", f.Group,
			"excludeSubgroups", strconv.FormatBool(f.ExcludeSubgroups), "accountRep", f.AccountRep)
		after, err := r.openCursor(s)
		if err != nil {
			return Response{}, err
		}
		f.After = after
		items, next, err := svc.List(ctx, r.Caller, f)
		if err != nil {
			return Response{}, err
		}
		page := Page[ContactView]{Items: make([]ContactView, 0, len(items))}
		if page.NextCursor, err = r.sealCursor(s, next); err != nil {
			return Response{}, err
		}
		for _, c := range items {
			page.Items = append(page.Items, viewContact(c))
		}
		return Response{Body: page}, nil
	}
}

// opt is a field of a merge patch: absent (set false), null (set, null
// true, the zero value) or a value.
type opt[T any] struct {
	set, null bool
	v         T
}

func (o *opt[T]) UnmarshalJSON(b []byte) error {
	o.set = true
	if string(b) == "null" {
		o.null = true
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(&o.v)
}

// ptr is nil when the field is absent; null gives the zero value.
func (o opt[T]) ptr() *T {
	if !o.set {
		return nil
	}
	return &o.v
}

type addressPatch struct {
	Line1      opt[string] `json:"line1"`
	Line2      opt[string] `json:"line2"`
	City       opt[string] `json:"city"`
	Region     opt[string] `json:"region"`
	PostalCode opt[string] `json:"postalCode"`
	Country    opt[string] `json:"country"`
}

type consentPatch struct {
	Status opt[string] `json:"status"`
	Source opt[string] `json:"source"`
}

type updateContactRequest struct {
	FirstName     opt[string]       `json:"firstName"`
	LastName      opt[string]       `json:"lastName"`
	Phone         opt[string]       `json:"phone"`
	Email         opt[string]       `json:"email"`
	Company       opt[string]       `json:"company"`
	Title         opt[string]       `json:"title"`
	AccountNumber opt[string]       `json:"accountNumber"`
	Address       opt[addressPatch] `json:"address"`
	Notes         opt[string]       `json:"notes"`
	Consent       opt[consentPatch] `json:"consent"`
	AccountReps   opt[[]string]     `json:"accountReps"`
	Groups        opt[[]string]     `json:"groups"`
}

func (in updateContactRequest) patch() contacts.Patch {
	p := contacts.Patch{
		FirstName: in.FirstName.ptr(), LastName: in.LastName.ptr(), Phone: in.Phone.ptr(), Email: in.Email.ptr(),
		Company: in.Company.ptr(), Title: in.Title.ptr(), AccountNumber: in.AccountNumber.ptr(), Notes: in.Notes.ptr(),
		AccountReps: in.AccountReps.ptr(), Groups: in.Groups.ptr(),
	}
	if a := in.Address; a.null { // null removes the whole address
		empty := ""
		p.Address = contacts.AddressPatch{Line1: &empty, Line2: &empty, City: &empty, Region: &empty, PostalCode: &empty, Country: &empty}
	} else if a.set {
		p.Address = contacts.AddressPatch{Line1: a.v.Line1.ptr(), Line2: a.v.Line2.ptr(), City: a.v.City.ptr(),
			Region: a.v.Region.ptr(), PostalCode: a.v.PostalCode.ptr(), Country: a.v.Country.ptr()}
	}
	if c := in.Consent; c.null {
		unknown, empty := string(roster.ConsentUnknown), ""
		p.ConsentStatus, p.ConsentSource = &unknown, &empty
	} else if c.set {
		p.ConsentStatus, p.ConsentSource = c.v.Status.ptr(), c.v.Source.ptr()
	}
	return p
}

// UpdateContact is PATCH /contacts/{id} with If-Match: a JSON merge patch.
func UpdateContact(svc *contacts.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, true)
		if err != nil {
			return Response{}, err
		}
		var in updateContactRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		c, err := svc.Update(ctx, r.Caller, r.PathParameters["id"], in.patch(), version)
		if err != nil {
			return Response{}, contactError(err)
		}
		return Response{Body: viewContact(c), Headers: contactHeaders(c)}, nil
	}
}

// DeleteContact is DELETE /contacts/{id}, with If-Match optional.
func DeleteContact(svc *contacts.Service) Operation { return deleteByID(svc.Delete) }
