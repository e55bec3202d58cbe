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

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/roster"
)

// ReadStore is what reading users needs.
type ReadStore interface {
	roster.GroupReader
	User(ctx context.Context, orgID, userID string) (roster.User, error)
	Users(ctx context.Context, orgID string) ([]roster.User, error)
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
	Text    string // in first name, last name or email, case-insensitive
}

// List returns the users c may see that match f, sorted by last name, first
// name, then id. Returns EInvalid for an unknown group, role or status.
func (r *Reader) List(ctx context.Context, c roster.Caller, f Filter) ([]roster.User, error) {
	t, err := r.tree(ctx, c.OrgID)
	if err != nil {
		return nil, err
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
	switch f.Status {
	case "", roster.UserInvited, roster.UserActive, roster.UserDeactivated, roster.UserDeleted:
	default:
		v.Add("status", "must be invited, active, deactivated or deleted")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	all, err := r.store.Users(ctx, c.OrgID)
	if err != nil {
		return nil, err
	}
	text := strings.ToLower(strings.TrimSpace(f.Text))
	var out []roster.User
	for _, u := range all {
		if !sees(c, t, u) || !matches(u, f, t, text) {
			continue
		}
		out = append(out, u)
	}
	slices.SortFunc(out, func(a, b roster.User) int {
		if c := strings.Compare(strings.ToLower(a.LastName), strings.ToLower(b.LastName)); c != 0 {
			return c
		}
		if c := strings.Compare(strings.ToLower(a.FirstName), strings.ToLower(b.FirstName)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

func matches(u roster.User, f Filter, t roster.GroupTree, text string) bool {
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
	if text != "" {
		hay := strings.ToLower(u.FirstName + " " + u.LastName + " " + u.Email)
		if !strings.Contains(hay, text) {
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
// mail with an invitation link (queued in the same transaction, sent right
// after); an inactive one gets none until activated. Returns EInvalid,
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
		u.Status = roster.UserInvited
		if u.PasswordHash != "" {
			u.Status = roster.UserActive // they can sign in now; the link lets them choose their own password
		}
		u.Invitation = &roster.Invitation{}
		mail = &roster.OutboxMail{ID: roster.NewID(now), Kind: roster.MailInvitation, OrgID: c.OrgID, UserID: u.ID,
			ActorName: strings.TrimSpace(actor.FirstName + " " + actor.LastName), NextAttemptAt: now, CreatedAt: now}
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
