// Package contacts is an organisation's customers: creating, reading,
// editing, deleting and listing them within the caller's reach. The rules
// of who may do what are roster's (CanSeeContact, CanManageContact,
// CheckContactGroups); this package applies them.
package contacts

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// ReadStore is what reading contacts needs.
type ReadStore interface {
	roster.GroupLister
	// Contact returns ENotFound.
	Contact(ctx context.Context, orgID, id string) (roster.Contact, error)
	// ContactIDByPhone returns ENotFound.
	ContactIDByPhone(ctx context.Context, orgID, e164 string) (string, error)
	// ListContacts returns EInvalid (field cursor) for a cursor it did not
	// give for these filters.
	ListContacts(ctx context.Context, orgID string, q roster.ContactQuery) ([]roster.Contact, string, error)
	// OptOutOf returns ENotFound when the number has not opted out.
	OptOutOf(ctx context.Context, orgID, phone string) (roster.OptOut, error)
}

// Store is what changing contacts needs.
type Store interface {
	ReadStore
	Organisation(ctx context.Context, orgID string) (roster.Organisation, error)
	User(ctx context.Context, orgID, userID string) (roster.User, error)
	// CreateContact returns EConflict (phone_taken).
	CreateContact(ctx context.Context, c roster.Contact, audit roster.AuditEvent) error
	// UpdateContact replaces old (as read; its version is the condition)
	// with c. Returns EPreconditionFailed, EConflict (phone_taken).
	UpdateContact(ctx context.Context, old, c roster.Contact, audit roster.AuditEvent) error
	// DeleteContact returns ENotFound, EPreconditionFailed.
	DeleteContact(ctx context.Context, orgID, id string, expectedVersion int64, audit roster.AuditEvent) error
}

// Reader reads contacts. It needs no phone parsing, so the functions that
// only read do not link it.
type Reader struct {
	Store ReadStore
}

// Get returns a contact c may see. Returns ENotFound otherwise, also for
// another organisation's id.
func (r *Reader) Get(ctx context.Context, c roster.Caller, id string) (roster.Contact, error) {
	_, ct, err := r.target(ctx, c, id)
	return ct, err
}

// OptOut returns the opt-out of ct's number (it replied STOP), or nil. It
// is kept apart from the contact, by number, so that editing or importing
// the contact again does not undo it.
func (r *Reader) OptOut(ctx context.Context, ct roster.Contact) (*roster.OptOut, error) {
	if ct.Phone == "" {
		return nil, nil
	}
	o, err := r.Store.OptOutOf(ctx, ct.OrgID, ct.Phone)
	switch roster.ErrorCodeOf(err) {
	case "":
		return &o, nil
	case roster.ENotFound:
		return nil, nil
	}
	return nil, err
}

func (r *Reader) target(ctx context.Context, c roster.Caller, id string) (roster.GroupTree, roster.Contact, error) {
	t, err := roster.LoadGroupTree(ctx, r.Store, c.OrgID)
	if err != nil {
		return roster.GroupTree{}, roster.Contact{}, err
	}
	ct, err := r.Store.Contact(ctx, c.OrgID, id)
	if err != nil {
		return roster.GroupTree{}, roster.Contact{}, err
	}
	if !roster.CanSeeContact(c, t, ct) {
		return roster.GroupTree{}, roster.Contact{}, notFound()
	}
	return t, ct, nil
}

func notFound() error { return roster.Errorf(roster.ENotFound, "contact not found") }

// Filter narrows a contact list. Zero fields do not filter.
type Filter struct {
	Q                string // case-insensitive prefix of the first name, last name or "first last"
	Phone            string // "+…": this number exactly; otherwise the digits it ends with
	Email            string // exactly, ignoring case
	Group            string // contacts in this group or (unless ExcludeSubgroups) below it
	ExcludeSubgroups bool
	AccountRep       string // a user id
	Limit            int    // page size; 0 for no limit
	After            string // the cursor of the previous page (opaque: storage's)
}

// List returns a page of the contacts c may see that match f, in creation
// order (with Q: in the order of the name that matched), and the cursor of
// the next page ("" on the last). A page may hold fewer than f.Limit
// contacts, even none, and still have a next one. Admins see every
// contact; everyone else the contacts in groups where they may view
// contacts. Returns EInvalid (fields group, phone, cursor).
func (r *Reader) List(ctx context.Context, c roster.Caller, f Filter) ([]roster.Contact, string, error) {
	t, err := roster.LoadGroupTree(ctx, r.Store, c.OrgID)
	if err != nil {
		return nil, "", err
	}
	q := roster.ContactQuery{
		NamePrefix: strings.TrimSpace(f.Q), Email: strings.ToLower(strings.TrimSpace(f.Email)),
		AccountRep: strings.TrimSpace(f.AccountRep), Limit: f.Limit, After: f.After,
	}
	var v roster.Validation
	if f.Group != "" {
		if _, ok := t.Group(f.Group); !ok || !roster.Allowed(c, t, roster.ActViewGroups, f.Group) {
			v.Add("group", "no such group")
		}
		q.GroupIDs = []string{f.Group}
		if !f.ExcludeSubgroups {
			q.GroupIDs = append(q.GroupIDs, t.Descendants(f.Group)...)
		}
	}
	if p := strings.TrimSpace(f.Phone); p != "" {
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, p)
		switch {
		case digits == "":
			v.Add("phone", "must contain digits")
		case strings.HasPrefix(p, "+"):
			q.Phone = "+" + digits
		default:
			q.Phone = digits
		}
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	if !roster.IsOrgAdmin(c.Grants, t) {
		q.VisibleGroups = roster.Reach(c, t, roster.ActViewContacts)
		if len(q.VisibleGroups) == 0 {
			return nil, "", nil
		}
		q.Visible = func(ct roster.Contact) bool { return roster.CanSeeContact(c, t, ct) }
	}
	if strings.HasPrefix(q.Phone, "+") {
		// An exact number has at most one contact: follow its claim. The
		// page is never followed by another, so any cursor is past it.
		if q.After != "" {
			return nil, "", nil
		}
		id, err := r.Store.ContactIDByPhone(ctx, c.OrgID, q.Phone)
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			return nil, "", nil
		}
		if err != nil {
			return nil, "", err
		}
		ct, err := r.Store.Contact(ctx, c.OrgID, id)
		if roster.ErrorCodeOf(err) == roster.ENotFound || err == nil && !q.Matches(ct) {
			return nil, "", nil
		}
		if err != nil {
			return nil, "", err
		}
		return []roster.Contact{ct}, "", nil
	}
	return r.Store.ListContacts(ctx, c.OrgID, q)
}

// Service changes contacts. Phone normalises a number to E.164 in a region
// (phone.Normalise): the contact's country, or the organisation's default
// region (roster.ValidateContactInput); Now is the clock.
type Service struct {
	Store Store
	Now   func() time.Time
	Phone func(raw, region string) (string, error)
}

func (s *Service) reader() *Reader { return &Reader{Store: s.Store} }

// Get returns a contact c may see. Returns ENotFound.
func (s *Service) Get(ctx context.Context, c roster.Caller, id string) (roster.Contact, error) {
	return s.reader().Get(ctx, c, id)
}

// List is Reader.List.
func (s *Service) List(ctx context.Context, c roster.Caller, f Filter) ([]roster.Contact, string, error) {
	return s.reader().List(ctx, c, f)
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// Create adds a contact in groups where c manages contacts. Returns
// EInvalid, EForbidden, EConflict (phone_taken, with the contactId when c
// may see that contact).
func (s *Service) Create(ctx context.Context, c roster.Caller, in roster.ContactInput) (roster.Contact, error) {
	org, err := s.Store.Organisation(ctx, c.OrgID)
	if err != nil {
		return roster.Contact{}, err
	}
	if err := roster.ValidateContactInput(&in, nil, org.DefaultRegion, s.Phone); err != nil {
		return roster.Contact{}, err
	}
	t, err := roster.LoadGroupTree(ctx, s.Store, c.OrgID)
	if err != nil {
		return roster.Contact{}, err
	}
	if err := roster.CheckContactGroups(c, t, nil, in.Groups); err != nil {
		return roster.Contact{}, err
	}
	now := s.now()
	ct := roster.NewContact(c.OrgID, roster.NewID(now), in, now)
	if !roster.CanManageContact(c, t, ct) {
		return roster.Contact{}, forbidden()
	}
	if err := s.checkReps(ctx, c.OrgID, in.AccountReps, nil); err != nil {
		return roster.Contact{}, err
	}
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "contact.created", SubjectID: ct.ID,
		After: nonEmpty(fields(ct)), At: now}
	if err := s.Store.CreateContact(ctx, ct, audit); err != nil {
		return roster.Contact{}, s.explainTaken(ctx, c, t, ct.Phone, err)
	}
	return ct, nil
}

func forbidden() error {
	return roster.WithReason(roster.EForbidden, "forbidden", "you need the manager or admin role at one of the contact's groups to change it")
}

// checkReps checks that every account rep not in known is a user of the
// organisation who is active or invited. Returns EInvalid (accountReps[i]).
func (s *Service) checkReps(ctx context.Context, orgID string, reps, known []string) error {
	var v roster.Validation
	for i, id := range reps {
		if slices.Contains(known, id) {
			continue
		}
		u, err := s.Store.User(ctx, orgID, id)
		switch {
		case roster.ErrorCodeOf(err) == roster.ENotFound:
			v.Add(fmt.Sprintf("accountReps[%d]", i), "no such user")
		case err != nil:
			return err
		case u.Status != roster.UserActive && u.Status != roster.UserInvited:
			v.Add(fmt.Sprintf("accountReps[%d]", i), "must be an active or invited user")
		}
	}
	return v.Err()
}

// explainTaken adds the id of the contact holding a taken phone number,
// when c may see it.
func (s *Service) explainTaken(ctx context.Context, c roster.Caller, t roster.GroupTree, phone string, err error) error {
	if roster.ReasonOf(err) != "phone_taken" {
		return err
	}
	e := roster.WithReason(roster.EConflict, "phone_taken", "another contact of the organisation has this phone number")
	e.Fields = []roster.FieldError{{Field: "phone", Message: e.Message}}
	if id, lerr := s.Store.ContactIDByPhone(ctx, c.OrgID, phone); lerr == nil {
		if holder, gerr := s.Store.Contact(ctx, c.OrgID, id); gerr == nil && roster.CanSeeContact(c, t, holder) {
			e.Extra = map[string]any{"contactId": id}
		}
	}
	return e
}

// Patch is an edit: nil fields stay as they are.
type Patch struct {
	FirstName, LastName, Phone, Email, Company, Title, AccountNumber, Notes *string
	Address                                                                 AddressPatch
	ConsentStatus, ConsentSource                                            *string
	AccountReps, Groups                                                     *[]string
}

// AddressPatch edits the address part by part.
type AddressPatch struct {
	Line1, Line2, City, Region, PostalCode, Country *string
}

func (p Patch) applyTo(in roster.ContactInput) roster.ContactInput {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&in.FirstName, p.FirstName)
	set(&in.LastName, p.LastName)
	set(&in.Phone, p.Phone)
	set(&in.Email, p.Email)
	set(&in.Company, p.Company)
	set(&in.Title, p.Title)
	set(&in.AccountNumber, p.AccountNumber)
	set(&in.Notes, p.Notes)
	a := p.Address
	set(&in.Address.Line1, a.Line1)
	set(&in.Address.Line2, a.Line2)
	set(&in.Address.City, a.City)
	set(&in.Address.Region, a.Region)
	set(&in.Address.PostalCode, a.PostalCode)
	set(&in.Address.Country, a.Country)
	if p.ConsentStatus != nil {
		in.Consent = roster.ConsentStatus(*p.ConsentStatus)
	}
	set(&in.ConsentSource, p.ConsentSource)
	if p.AccountReps != nil {
		in.AccountReps = slices.Clone(*p.AccountReps)
	}
	if p.Groups != nil {
		in.Groups = slices.Clone(*p.Groups)
	}
	return in
}

// Update edits contact id at version ifMatch. c must manage the contact
// before and after the edit, and every group added or removed. Returns
// EInvalid, ENotFound, EForbidden, EPreconditionFailed, EConflict
// (phone_taken).
func (s *Service) Update(ctx context.Context, c roster.Caller, id string, p Patch, ifMatch int64) (roster.Contact, error) {
	org, err := s.Store.Organisation(ctx, c.OrgID)
	if err != nil {
		return roster.Contact{}, err
	}
	t, old, err := s.reader().target(ctx, c, id)
	if err != nil {
		return roster.Contact{}, err
	}
	if old.Version != ifMatch {
		return roster.Contact{}, roster.WithReason(roster.EPreconditionFailed, "stale_version", "the contact changed since you read it; read it again and retry with the new ETag")
	}
	if !roster.CanManageContact(c, t, old) {
		return roster.Contact{}, forbidden()
	}
	in := p.applyTo(old.Input())
	stored := old.Input()
	err = roster.ValidateContactInput(&in, &stored, org.DefaultRegion, s.Phone)
	if err != nil {
		return roster.Contact{}, err
	}
	if err := roster.CheckContactGroups(c, t, old.Groups, in.Groups); err != nil {
		return roster.Contact{}, err
	}
	now := s.now()
	changed := old.Updated(in, now)
	if !roster.CanManageContact(c, t, changed) {
		return roster.Contact{}, roster.WithReason(roster.EForbidden, "out_of_reach", "after this edit the contact would be in no group where you manage contacts")
	}
	if err := s.checkReps(ctx, c.OrgID, in.AccountReps, old.AccountReps); err != nil {
		return roster.Contact{}, err
	}
	before, after := diff(fields(old), fields(changed))
	if len(after) == 0 {
		return old, nil // nothing changes: no write, no new version
	}
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "contact.updated", SubjectID: id,
		Before: nonEmpty(before), After: nonEmpty(after), At: now}
	if err := s.Store.UpdateContact(ctx, old, changed, audit); err != nil {
		return roster.Contact{}, s.explainTaken(ctx, c, t, changed.Phone, err)
	}
	return changed, nil
}

// Delete removes contact id; ifMatch 0 deletes whatever version is
// stored. Returns ENotFound, EForbidden, EPreconditionFailed.
func (s *Service) Delete(ctx context.Context, c roster.Caller, id string, ifMatch int64) error {
	t, old, err := s.reader().target(ctx, c, id)
	if err != nil {
		return err
	}
	if ifMatch != 0 && old.Version != ifMatch {
		return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the contact changed since you read it; read it again and retry with the new ETag")
	}
	if !roster.CanManageContact(c, t, old) {
		return forbidden()
	}
	now := s.now()
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "contact.deleted", SubjectID: id,
		Before: nonEmpty(fields(old)), At: now}
	return s.Store.DeleteContact(ctx, c.OrgID, id, old.Version, audit)
}

// fields is a contact as the audit trail records it, by API field name.
func fields(c roster.Contact) map[string]string {
	a := c.Address
	return map[string]string{
		"firstName": c.FirstName, "lastName": c.LastName, "phone": c.Phone, "email": c.Email, "company": c.Company,
		"title": c.Title, "accountNumber": c.AccountNumber, "address.line1": a.Line1, "address.line2": a.Line2,
		"address.city": a.City, "address.region": a.Region, "address.postalCode": a.PostalCode, "address.country": a.Country,
		"notes": c.Notes, "consent.status": string(c.Consent.Status), "consent.source": c.Consent.Source,
		"accountReps": strings.Join(c.AccountReps, ","), "groups": strings.Join(c.Groups, ","),
	}
}

// nonEmpty drops empty values.
func nonEmpty(m map[string]string) map[string]string {
	maps.DeleteFunc(m, func(_, v string) bool { return v == "" })
	return m
}

// diff returns the fields that differ, before and after.
func diff(old, new map[string]string) (before, after map[string]string) {
	before, after = map[string]string{}, map[string]string{}
	for k, v := range new {
		if old[k] != v {
			before[k], after[k] = old[k], v
		}
	}
	return before, after
}
