package importer

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/roster-app/roster/internal/phone"
	"github.com/roster-app/roster/internal/roster"
)

// Lookup is what checking rows needs to know about existing contacts; the
// DynamoDB store answers it with batched reads.
type Lookup interface {
	ContactsByID(ctx context.Context, orgID string, ids []string) (map[string]roster.Contact, error)
	ContactIDsByPhone(ctx context.Context, orgID string, phones []string) (map[string]string, error)
	// UsersByEmail and UsersByID leave out what the organisation does not have.
	UsersByEmail(ctx context.Context, orgID string, emails []string) (map[string]roster.User, error)
	UsersByID(ctx context.Context, orgID string, ids []string) (map[string]roster.User, error)
}

// checkBatch is how many rows are checked together: one batched read of
// their phones or contacts serves them all.
const checkBatch = 100

// checker applies the import's rules to the rows of one file. It holds no
// rows beyond the current batch; what grows with the file is the first
// line of each distinct phone number (about 8 bytes each, in phoneLines),
// to find duplicates within the file.
type checker struct {
	org      roster.Organisation
	tree     roster.GroupTree
	uploader roster.Caller
	source   string // of consent: "spreadsheet import by " and the uploader's email
	mode     roster.ImportMode
	layout   roster.SheetLayout
	lookup   Lookup
	now      time.Time
	newID    func() string

	// Account reps met so far, read a batch at a time when first named:
	// they grow with the distinct reps of the file, not with the organisation.
	users      map[string]*roster.User // by email; nil: no such user
	emailOf    map[string]string       // user id → email ("" for none)
	fileGroups map[string]bool         // the groups the file has a column for
	phones     *phoneLines             // E.164 digits → the line that has it
	ids        map[string]int32        // update: Contact ID → the line that has it

	batch []pending
	out   outcomes
}

// outcomes receives every row's fate.
type outcomes interface {
	plan(planLine) error
	change(roster.ImportChange)
	reject(line int, cells []string, problems []roster.FieldError, conflict bool) error
	unchanged()
}

type pending struct {
	line     int
	cells    []string
	row      roster.SheetRow
	problems []roster.FieldError
	e164     string // the phone cell read by the phone rules
	phoneErr error
}

func newChecker(org roster.Organisation, tree roster.GroupTree, uploader roster.Caller, email string, mode roster.ImportMode,
	layout roster.SheetLayout, lookup Lookup, out outcomes, now time.Time) *checker {
	c := &checker{
		org: org, tree: tree, uploader: uploader, source: "spreadsheet import by " + email, mode: mode, layout: layout, lookup: lookup, out: out, now: now,
		users: map[string]*roster.User{}, emailOf: map[string]string{}, fileGroups: map[string]bool{},
		phones: &phoneLines{}, ids: map[string]int32{},
		newID: func() string { return roster.NewID(time.Now()) },
	}
	for _, g := range layout.GroupColumns() {
		c.fileGroups[g.GroupID] = true
	}
	return c
}

// add takes one data row (and keeps cells); rows are checked and decided a
// batch at a time.
func (c *checker) add(ctx context.Context, line int, cells []string) error {
	row, problems := c.layout.ParseRow(cells)
	c.batch = append(c.batch, pending{line: line, cells: cells, row: row, problems: problems})
	if len(c.batch) == checkBatch {
		return c.flush(ctx)
	}
	return nil
}

// checkAlone applies the rules a row can be judged by on its own (its
// phone already read by readPhones).
func (c *checker) checkAlone(p *pending) {
	in := &p.row.Input
	idHeader := c.header("id")
	switch {
	case c.mode == roster.ImportUpdate && p.row.ContactID == "":
		p.problem(idHeader, "is empty: an update changes contacts from an export; add new contacts with an import")
	case c.mode == roster.ImportNew && p.row.ContactID != "":
		p.problem(idHeader, "is filled: an import adds new contacts; upload an edited export as an update, or clear the Contact ID")
	case c.mode == roster.ImportUpdate && p.row.Version == 0:
		// Without the version an edit made since the export would be
		// overwritten unseen.
		p.problem(idHeader, "has no version (the part after the dot); copy the Contact ID from a fresh export")
	case c.mode == roster.ImportUpdate:
		if first, dup := c.ids[p.row.ContactID]; dup {
			p.problem(idHeader, fmt.Sprintf("is also on row %d; each contact may appear once in an update", first))
		} else {
			// A copy: the id is part of the row's text, which would stay
			// alive with it for the rest of the file.
			c.ids[strings.Clone(p.row.ContactID)] = int32(p.line)
		}
	}
	if c.mode == roster.ImportUpdate && len(in.Groups) == 0 {
		p.problem("Groups", "put an X under at least one group")
	}
	if strings.TrimSpace(in.Phone) == "" {
		p.problem(c.header("phone"), "is required")
	} else if p.phoneErr != nil {
		p.problem(c.header("phone"), p.phoneErr.Error())
		in.Phone = ""
	} else {
		e164 := p.e164
		in.Phone = e164
		if digits, err := strconv.ParseUint(e164[1:], 10, 64); err == nil {
			if first, dup := c.phones.first(digits, p.line); dup {
				p.problem(c.header("phone"), fmt.Sprintf("%s is also on row %d; a phone number belongs to one contact", e164, first))
			}
		}
	}
	in.AccountReps = in.AccountReps[:0]
	for _, e := range p.row.RepEmails {
		u := c.users[e]
		if u == nil || u.Status != roster.UserActive {
			p.problem(c.header("accountReps"), roster.Clip(e, 100)+" is not an active user of this organisation")
			continue
		}
		in.AccountReps = append(in.AccountReps, u.ID)
	}
}

// readPhones applies the phone rules to the batch's phone cells, each read
// in its row's country (the organisation's region when it has none), on every
// core: about 0.5 µs a number in the shapes internal/phone reads on its fast
// path, 15–35 µs for the rest (libphonenumber).
// Duplicates are found afterwards, in row order.
func (c *checker) readPhones() {
	workers := min(runtime.GOMAXPROCS(0), len(c.batch))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(c.batch); i += workers {
				p := &c.batch[i]
				if raw := strings.TrimSpace(p.row.Input.Phone); raw != "" {
					region := roster.PhoneRegion(p.row.Input.Address.Country, c.org.DefaultRegion)
					p.e164, _, p.phoneErr = phone.NormaliseSpreadsheetCell(raw, region)
				}
			}
		}()
	}
	wg.Wait()
}

func (p *pending) problem(field, message string) {
	p.problems = append(p.problems, roster.FieldError{Field: field, Message: message})
}

// flush decides the rows of the batch with one read of what exists.
func (c *checker) flush(ctx context.Context) error {
	if len(c.batch) == 0 {
		return nil
	}
	c.readPhones()
	var emails []string
	for _, p := range c.batch {
		for _, e := range p.row.RepEmails {
			if _, known := c.users[e]; known {
				continue
			}
			// Only a normalised address can be a user's: anything else (a
			// typo, a cell of junk too long for a key) is no user, unread.
			if norm, err := roster.NormaliseEmail(e); err != nil || norm != e {
				c.users[e] = nil
				continue
			}
			emails = append(emails, e)
		}
	}
	if err := c.learnReps(ctx, emails, nil); err != nil {
		return err
	}
	for i := range c.batch {
		c.checkAlone(&c.batch[i])
	}
	var current map[string]roster.Contact
	var owners map[string]string
	var err error
	var phones, ids []string
	for _, p := range c.batch {
		if p.row.Input.Phone != "" {
			phones = append(phones, p.row.Input.Phone)
		}
		if p.row.ContactID != "" {
			ids = append(ids, p.row.ContactID)
		}
	}
	if len(phones) > 0 {
		if owners, err = c.lookup.ContactIDsByPhone(ctx, c.org.ID, phones); err != nil {
			return err
		}
	}
	if c.mode == roster.ImportUpdate && len(ids) > 0 {
		if current, err = c.lookup.ContactsByID(ctx, c.org.ID, ids); err != nil {
			return err
		}
		// The reps the contacts have now, by email, for the review's diffs.
		var repIDs []string
		for _, ct := range current {
			for _, id := range ct.AccountReps {
				if _, known := c.emailOf[id]; !known {
					repIDs = append(repIDs, id)
				}
			}
		}
		if err := c.learnReps(ctx, nil, repIDs); err != nil {
			return err
		}
	}
	for i := range c.batch {
		if err := c.decide(&c.batch[i], current, owners); err != nil {
			return err
		}
	}
	c.batch = c.batch[:0]
	return nil
}

func (c *checker) decide(p *pending, current map[string]roster.Contact, owners map[string]string) error {
	in := &p.row.Input // the row's own: a copy would cost an allocation a row
	var before roster.Contact
	exists := false
	if c.mode == roster.ImportUpdate && p.row.ContactID != "" {
		before, exists = current[p.row.ContactID]
		if !exists || !c.mayManage(before) {
			p.problem(c.header("id"), "no contact with this ID in your groups; copy it back from the export or clear it")
		} else {
			c.keepAbsent(in, before.Input())
			// Groups the file has no column for (the uploader's export did not
			// show them) keep the contact as it is.
			for _, g := range before.Groups {
				if !c.fileGroups[g] && !slices.Contains(in.Groups, g) {
					in.Groups = append(in.Groups, g)
				}
			}
			if !c.mayManage(roster.Contact{Groups: in.Groups}) {
				p.problem("Groups", "would take the contact out of every group you manage; keep an X under one of yours")
			}
		}
	}
	if owner, taken := owners[in.Phone]; taken && in.Phone != "" && owner != p.row.ContactID {
		if c.mode == roster.ImportNew {
			p.problem(c.header("phone"), in.Phone+" belongs to an existing contact; export it and upload an update to change it")
		} else {
			p.problem(c.header("phone"), in.Phone+" belongs to another contact")
		}
	}
	phoneKnown := in.Phone
	var stored *roster.ContactInput
	if exists {
		b := before.Input()
		stored = &b
	}
	// The phone was read by readPhones; this judges it against the country.
	keep := func(s, _ string) (string, error) { return s, nil }
	if err := roster.ValidateContactInput(in, stored, c.org.DefaultRegion, keep); err != nil {
		var e *roster.Error
		if errors.As(err, &e) {
			for _, f := range e.Fields {
				if f.Field == "phone" && phoneKnown == "" {
					continue // already reported as read from the cell
				}
				p.problem(c.header(f.Field), f.Message)
			}
		}
	}
	if in.Consent != roster.ConsentUnknown && in.ConsentSource == "" && (!exists || before.Consent.Status != in.Consent) {
		in.ConsentSource = c.source
	} else if exists && in.ConsentSource == "" && before.Consent.Status == in.Consent {
		in.ConsentSource = before.Consent.Source
	}
	conflict := false
	if exists && len(p.problems) == 0 && p.row.Version != 0 && p.row.Version != before.Version {
		conflict = true
		diffs := roster.DiffContact(c.tree, before.Input(), *in, c.repEmail)
		var parts []string
		for _, d := range diffs[:min(len(diffs), 5)] {
			parts = append(parts, fmt.Sprintf("%s: file %q, now %q", d.Field, roster.Clip(d.New, 60), roster.Clip(d.Old, 60)))
		}
		msg := "the contact changed since it was exported; export it again and redo the edit"
		if len(parts) > 0 {
			msg += " (" + strings.Join(parts, "; ") + ")"
		}
		p.problem(c.header("id"), msg)
	}
	if len(p.problems) > 0 {
		return c.out.reject(p.line, p.cells, p.problems, conflict)
	}
	if !exists {
		return c.out.plan(planLine{Line: p.line, Op: opCreate, ID: c.newID(), Input: *in})
	}
	diffs := roster.DiffContact(c.tree, before.Input(), *in, c.repEmail)
	if len(diffs) == 0 {
		c.out.unchanged()
		return nil
	}
	c.out.change(roster.ImportChange{Line: p.line, ContactID: before.ID, Name: strings.TrimSpace(before.FirstName + " " + before.LastName), Changes: diffs})
	return c.out.plan(planLine{Line: p.line, Op: opUpdate, ID: before.ID, Version: before.Version, Input: *in})
}

func (c *checker) repEmail(id string) string { return c.emailOf[id] }

// learnReps reads the users with these emails and ids that the checker has
// not met yet (one batched read each) and remembers them, and those that
// do not exist.
func (c *checker) learnReps(ctx context.Context, emails, ids []string) error {
	if len(emails) > 0 {
		found, err := c.lookup.UsersByEmail(ctx, c.org.ID, emails)
		if err != nil {
			return err
		}
		for _, e := range emails {
			c.users[e] = nil
		}
		for _, u := range found {
			c.remember(u)
		}
	}
	if len(ids) > 0 {
		found, err := c.lookup.UsersByID(ctx, c.org.ID, ids)
		if err != nil {
			return err
		}
		for _, id := range ids {
			c.emailOf[id] = ""
		}
		for _, u := range found {
			c.remember(u)
		}
	}
	return nil
}

func (c *checker) remember(u roster.User) {
	c.users[u.Email], c.emailOf[u.ID] = &u, u.Email
}

// mayManage: the uploader manages contacts at one of the contact's groups.
func (c *checker) mayManage(ct roster.Contact) bool {
	for _, g := range ct.Groups {
		if roster.Allowed(c.uploader, c.tree, roster.ActManageContacts, g) {
			return true
		}
	}
	return false
}

// header names a field's column as the file writes it.
func (c *checker) header(field string) string {
	if field == "groups" {
		return "Groups"
	}
	if h, _ := c.layout.FixedColumn(field); h != "" {
		return h
	}
	return field
}

// keepAbsent: in an update, a column the file does not have leaves its
// field as it is (a file from another tool may hold only some columns).
func (c *checker) keepAbsent(in *roster.ContactInput, before roster.ContactInput) {
	fields := map[string][2]*string{
		"firstName": {&in.FirstName, &before.FirstName}, "lastName": {&in.LastName, &before.LastName},
		"phone": {&in.Phone, &before.Phone}, "email": {&in.Email, &before.Email}, "company": {&in.Company, &before.Company},
		"title": {&in.Title, &before.Title}, "accountNumber": {&in.AccountNumber, &before.AccountNumber},
		"address.line1": {&in.Address.Line1, &before.Address.Line1}, "address.line2": {&in.Address.Line2, &before.Address.Line2},
		"address.city": {&in.Address.City, &before.Address.City}, "address.region": {&in.Address.Region, &before.Address.Region},
		"address.postalCode": {&in.Address.PostalCode, &before.Address.PostalCode},
		"address.country":    {&in.Address.Country, &before.Address.Country}, "notes": {&in.Notes, &before.Notes},
		"consentSource": {&in.ConsentSource, &before.ConsentSource},
	}
	for field, p := range fields {
		if _, present := c.layout.FixedColumn(field); !present {
			*p[0] = *p[1]
		}
	}
	if _, present := c.layout.FixedColumn("consent"); !present {
		in.Consent = before.Consent
	}
	if _, present := c.layout.FixedColumn("accountReps"); !present {
		in.AccountReps = slices.Clone(before.AccountReps)
	}
}
