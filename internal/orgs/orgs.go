// Package orgs creates organisations: the tenant, its root group and its
// first administrator, then welcomes the administrator by email.
package orgs

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
	_ "time/tzdata" // the Lambda runtime has no zoneinfo; organisations name IANA zones

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/roster"
)

// Service creates organisations.
type Service struct {
	Store      roster.OrganisationStore
	Mail       roster.Mailer
	Argon      auth.Argon2Params
	AppBaseURL string
	Log        *slog.Logger
	Now        func() time.Time
}

// Created is what Create made.
type Created struct {
	Organisation roster.Organisation
	RootGroup    roster.Group
	Admin        roster.User
}

// Create validates in and writes the organisation, its root group and its
// first administrator (active, with the given password, admin at the root)
// in one transaction, then emails the administrator a welcome.
// Returns EInvalid with every bad field, or EConflict (email_taken).
func (s *Service) Create(ctx context.Context, in roster.NewOrganisationInput) (Created, error) {
	if err := roster.ValidateNewOrganisation(&in, func(name string) error {
		_, err := time.LoadLocation(name)
		return err
	}); err != nil {
		return Created{}, err
	}
	hash, err := auth.HashPassword(in.Admin.Password, s.Argon)
	if err != nil {
		return Created{}, fmt.Errorf("hash administrator password: %w", err)
	}
	now := s.Now().UTC()
	org := roster.Organisation{
		ID: roster.NewID(now), Name: in.Name, DefaultRegion: in.DefaultRegion, TimeZone: in.TimeZone, CreatedAt: now,
	}
	root := roster.Group{ID: roster.NewID(now), OrgID: org.ID, Name: in.Name, Kind: roster.GroupRoot, CreatedAt: now}
	org.RootGroupID = root.ID
	admin := roster.User{
		ID: roster.NewID(now), OrgID: org.ID, Email: in.Admin.Email, FirstName: in.Admin.FirstName, LastName: in.Admin.LastName,
		Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: root.ID}},
		PasswordHash: hash, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	if err := s.Store.CreateOrganisation(ctx, org, root, admin); err != nil {
		return Created{}, err
	}
	// The organisation exists whether or not the mail goes out; a failed
	// send is logged, not turned into a failed request that a retry would
	// answer with "email taken".
	if err := s.Mail.Send(ctx, welcomeMail(org, admin, s.AppBaseURL)); err != nil {
		s.Log.ErrorContext(ctx, "send welcome mail", "orgId", org.ID, "userId", admin.ID, "err", err)
	}
	return Created{Organisation: org, RootGroup: root, Admin: admin}, nil
}

func welcomeMail(org roster.Organisation, admin roster.User, baseURL string) roster.Mail {
	link := strings.TrimRight(baseURL, "/") + "/login"
	return roster.Mail{
		To:      []string{admin.Email},
		Subject: fmt.Sprintf("Welcome to Roster: %s is ready", org.Name),
		Text: fmt.Sprintf("Hello %s,\n\n%s has been set up on Roster and you are its administrator.\n\n"+
			"Sign in at %s with this email address (%s) and the password you were given.\n\n"+
			"If you did not expect this, ignore this message.\n", admin.FirstName, org.Name, link, admin.Email),
	}
}
