// Package users is the people of an organisation: creating them with an
// invitation, and reading them within the caller's reach. The rules of who
// may do what are roster's (CanGrant, Allowed); this package applies them.
package users

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/roster"
)

// ReadStore is what reading users needs.
type ReadStore interface {
	roster.GroupReader
	User(ctx context.Context, orgID, userID string) (roster.User, error)
	// UsersByName returns a page of users in name order that keep accepts;
	// EInvalid (field cursor) for a cursor it did not make.
	UsersByName(ctx context.Context, orgID string, q roster.UserPageQuery, keep func(roster.User) bool) (roster.UserPage, error)
	// UserByEmail returns ENotFound when no user of any organisation has it.
	UserByEmail(ctx context.Context, email string) (roster.User, error)
}

// Store is what changing users needs.
type Store interface {
	ReadStore
	Organisation(ctx context.Context, orgID string) (roster.Organisation, error)
	// CreateUser returns EConflict (email_taken, group_gone).
	CreateUser(ctx context.Context, u roster.User, mail *roster.OutboxMail, audit roster.AuditEvent) error
}

// Reader reads users.
type Reader struct {
	store ReadStore
	now   func() time.Time
}

// NewReader returns a Reader.
func NewReader(store ReadStore, now func() time.Time) *Reader { return &Reader{store: store, now: now} }

func (r *Reader) tree(ctx context.Context, orgID string) (roster.GroupTree, error) {
	return roster.LoadGroupTree(ctx, r.store, orgID)
}

// sees reports whether c may see u: themself, a user with a role within
// c's reach, or (for an organisation administrator) a user with no role.
func sees(c roster.Caller, t roster.GroupTree, u roster.User) bool {
	if u.ID == c.UserID {
		return true
	}
	if len(u.Grants) == 0 {
		return roster.IsOrgAdmin(c.Grants, t)
	}
	for _, g := range u.Grants {
		if roster.Allowed(c, t, roster.ActViewUsers, g.GroupID) {
			return true
		}
	}
	return false
}

// Get returns a user c may see. Returns ENotFound otherwise.
func (r *Reader) Get(ctx context.Context, c roster.Caller, id string) (roster.User, error) {
	t, err := r.tree(ctx, c.OrgID)
	if err != nil {
		return roster.User{}, err
	}
	u, err := r.store.User(ctx, c.OrgID, id)
	if err != nil {
		return roster.User{}, err
	}
	if !sees(c, t, u) {
		return roster.User{}, roster.Errorf(roster.ENotFound, "user not found")
	}
	return u, nil
}

// Filter narrows a user list. Zero fields do not filter; deleted users are
// listed only when Status asks for them.
type Filter struct {
	GroupID string // users with a role at this group or below it
	Role    roster.Role
	Status  roster.UserStatus
	// Text keeps users whose last name or first name starts with it
	// (case-insensitive), or, when it holds an @, the one user with that
	// email address: what the name indexes (or the email claim) answer at
	// the cost of a page.
	Text  string
	After string // the cursor of the previous page
	Limit int
}

// List returns a page of the users c may see that match f, sorted by last
// name, first name, then id, and the cursor of the next page. With Text,
// the users whose last name starts with it come first, in that order, then
// those whose first name does (and last name does not), by first name,
// last name, then id. A page holds
// up to f.Limit users and is shorter when some of those read are filtered
// out (by group, role, or what c may see); the cursor says whether more may
// follow. Returns EInvalid for an unknown group, role or status or a bad
// cursor.
func (r *Reader) List(ctx context.Context, c roster.Caller, f Filter) (roster.UserPage, error) {
	t, err := r.tree(ctx, c.OrgID)
	if err != nil {
		return roster.UserPage{}, err
	}
	var v roster.Validation
	if f.GroupID != "" {
		if _, ok := t.Group(f.GroupID); !ok || !roster.Allowed(c, t, roster.ActViewGroups, f.GroupID) {
			v.Add("group", "no such group")
		}
	}
	if f.Role != "" && !f.Role.Valid() {
		v.Add("role", "must be admin, manager, agent or viewer")
	}
	statuses := roster.LiveStatuses
	switch f.Status {
	case "":
	case roster.UserInvited, roster.UserActive, roster.UserDeactivated, roster.UserDeleted:
		statuses = []roster.UserStatus{f.Status}
	default:
		v.Add("status", "must be invited, active, deactivated or deleted")
	}
	text := strings.TrimSpace(f.Text)
	switch {
	case !utf8.ValidString(text) || strings.ContainsFunc(text, unicode.IsControl):
		v.Add("q", "must be text without control characters")
	case len(text) > maxPrefixBytes && !strings.Contains(text, "@"):
		v.Add("q", "is too long: give the start of a name")
	}
	if err := v.Err(); err != nil {
		return roster.UserPage{}, err
	}
	keep := func(u roster.User) bool { return sees(c, t, u) && matches(u, f, t) }
	if strings.Contains(text, "@") {
		return r.byEmail(ctx, c, text, f.After, keep)
	}
	limit := f.Limit
	if limit < 1 {
		limit = 100
	}
	if text == "" {
		return r.store.UsersByName(ctx, c.OrgID, roster.UserPageQuery{Statuses: statuses, After: f.After, Limit: limit}, keep)
	}
	// A search pages the last-name matches ("L" cursors), then the
	// first-name matches ("F"), leaving out those listed already.
	phase, after := "L", ""
	if f.After != "" {
		phase, after = f.After[:1], f.After[1:]
	}
	q := roster.UserPageQuery{Statuses: statuses, Prefix: text, After: after, Limit: limit}
	switch phase {
	case "L":
		p, err := r.store.UsersByName(ctx, c.OrgID, q, keep)
		if p.Next != "" {
			p.Next = "L" + p.Next
		} else if err == nil {
			p.Next = "F"
		}
		return p, err
	case "F":
		lower := strings.ToLower(text)
		q.ByFirstName = true
		p, err := r.store.UsersByName(ctx, c.OrgID, q, func(u roster.User) bool {
			last, _ := u.SortNames()
			return !strings.HasPrefix(strings.ToLower(last), lower) && keep(u)
		})
		if p.Next != "" {
			p.Next = "F" + p.Next
		}
		return p, err
	}
	return roster.UserPage{}, badCursor()
}

// maxPrefixBytes bounds a name prefix: the name indexes keep the first 64
// bytes of each name, so a longer prefix could not be told apart there.
const maxPrefixBytes = 60

func badCursor() error {
	e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
	e.Fields = []roster.FieldError{{Field: "cursor", Message: "is not a cursor of this list; start again without it"}}
	return e
}

// byEmail is the list filtered by a whole email address: the user it
// belongs to, if they are in c's organisation and kept. One page, no cursor.
func (r *Reader) byEmail(ctx context.Context, c roster.Caller, text, after string, keep func(roster.User) bool) (roster.UserPage, error) {
	if after != "" {
		return roster.UserPage{}, badCursor()
	}
	email, err := roster.NormaliseEmail(text)
	if err != nil {
		return roster.UserPage{}, nil // no user has an address that is not one
	}
	u, err := r.store.UserByEmail(ctx, email)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.UserPage{}, nil
	} else if err != nil {
		return roster.UserPage{}, err
	}
	if u.OrgID != c.OrgID || !keep(u) {
		return roster.UserPage{}, nil
	}
	return roster.UserPage{Users: []roster.User{u}}, nil
}

// matches applies the filters the index does not: group and role (the
// status is the index partition, the name prefix its key), and the status
// again for the one user an email search finds.
func matches(u roster.User, f Filter, t roster.GroupTree) bool {
	if f.Status == "" && u.Status == roster.UserDeleted || f.Status != "" && u.Status != f.Status {
		return false
	}
	if f.GroupID != "" || f.Role != "" {
		hit := false
		for _, g := range u.Grants {
			if (f.GroupID == "" || t.Within(g.GroupID, f.GroupID)) && (f.Role == "" || g.Role == f.Role) {
				hit = true
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// Service creates users.
type Service struct {
	*Reader
	store Store
	phone func(raw, region string) (string, error)
	argon auth.Argon2Params
}

// NewService returns a Service. phone normalises cell phones to E.164.
func NewService(store Store, phone func(raw, region string) (string, error), argon auth.Argon2Params, now func() time.Time) *Service {
	return &Service{Reader: NewReader(store, now), store: store, phone: phone, argon: argon}
}

// Created is what Create made; GeneratedPassword is set only with
// PasswordGenerated and is shown once, never stored.
type Created struct {
	User              roster.User
	GeneratedPassword string
	Mail              *roster.OutboxMail // the queued welcome mail, to send now
}

// Create adds a user with roles c may grant. An active user gets the welcome
// mail (queued in the same transaction, sent right after): with an
// invitation link, or without one for a user created with a password, who
// is not invited at all; an inactive one gets none until activated. Returns EInvalid,
// EForbidden, EConflict (email_taken, group_gone).
func (s *Service) Create(ctx context.Context, c roster.Caller, in roster.CreateUserInput) (Created, error) {
	org, err := s.store.Organisation(ctx, c.OrgID)
	if err != nil {
		return Created{}, err
	}
	if err := roster.ValidateCreateUser(&in, func(raw string) (string, error) { return s.phone(raw, org.DefaultRegion) }); err != nil {
		return Created{}, err
	}
	t, err := s.tree(ctx, c.OrgID)
	if err != nil {
		return Created{}, err
	}
	for i, g := range in.Roles {
		if err := roster.CanGrant(c, t, g); err != nil {
			return Created{}, withField(err, fmt.Sprintf("roles[%d]", i))
		}
	}
	actor, err := s.store.User(ctx, c.OrgID, c.UserID)
	if err != nil {
		return Created{}, fmt.Errorf("read the creating user %s: %w", c.UserID, err)
	}
	now := s.now().UTC()
	u := roster.User{
		ID: roster.NewID(now), OrgID: c.OrgID, Email: in.Email, FirstName: in.FirstName, LastName: in.LastName,
		JobTitle: in.JobTitle, InternalTitle: in.InternalTitle, CellPhone: in.CellPhone, Grants: dedupe(in.Roles),
		Status: roster.UserDeactivated, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	var generated string
	switch in.PasswordOption {
	case roster.PasswordSet:
		if u.PasswordHash, err = auth.HashPassword(in.Password, s.argon); err != nil {
			return Created{}, err
		}
	case roster.PasswordGenerated:
		if generated, err = auth.GeneratePassword(); err != nil {
			return Created{}, err
		}
		if u.PasswordHash, err = auth.HashPassword(generated, s.argon); err != nil {
			return Created{}, err
		}
	}
	var mail *roster.OutboxMail
	if *in.Active {
		// A user with a password can sign in now and is not invited: they
		// get a welcome mail without a link, and their invitation state is
		// none. The others get the invitation link.
		kind := roster.MailInvitation
		u.Status = roster.UserInvited
		if u.PasswordHash != "" {
			u.Status, kind = roster.UserActive, roster.MailWelcome
		} else {
			u.Invitation = &roster.Invitation{}
		}
		mail = &roster.OutboxMail{ID: roster.NewID(now), Kind: kind, OrgID: c.OrgID, UserID: u.ID,
			ActorName: actor.DisplayName(), NextAttemptAt: now, CreatedAt: now}
	}
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "user.created", SubjectID: u.ID, At: now,
		After: map[string]string{"email": u.Email, "firstName": u.FirstName, "lastName": u.LastName, "status": string(u.Status),
			"roles": roster.GrantsText(u.Grants), "passwordOption": string(in.PasswordOption)}}
	if err := s.store.CreateUser(ctx, u, mail, audit); err != nil {
		return Created{}, err
	}
	return Created{User: u, GeneratedPassword: generated, Mail: mail}, nil
}

func dedupe(gs []roster.Grant) []roster.Grant {
	var out []roster.Grant
	for _, g := range gs {
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

// withField names the grant a refusal is about, keeping its code.
func withField(err error, field string) error {
	e, ok := err.(*roster.Error)
	if !ok {
		return err
	}
	out := *e
	out.Fields = []roster.FieldError{{Field: field, Message: e.Message}}
	for _, f := range e.Fields {
		if f.Field != "roles" && f.Field != field {
			out.Fields = append(out.Fields, f)
		} else {
			out.Fields[0].Message = f.Message
		}
	}
	return &out
}
