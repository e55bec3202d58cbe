// Package orgs creates organisations: the tenant, its root group and its
// first administrator, then welcomes the administrator by email.
package orgs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/roster"
)

// Sender sends a queued mail now (outbox.Sender).
type Sender interface {
	Deliver(ctx context.Context, id string) error
}

// Service creates organisations.
type Service struct {
	Store  roster.OrganisationStore
	Sender Sender
	Argon  auth.Argon2Params
	Log    *slog.Logger
	Now    func() time.Time
}

// Created is what Create made.
type Created struct {
	Organisation roster.Organisation
	RootGroup    roster.Group
	Admin        roster.User
}

// Create validates in and writes the organisation, its root group and its
// first administrator (admin at the root) in one transaction, with their
// welcome mail queued in it, and sends it. Without a password the
// administrator is invited like any user and chooses one through the link;
// with one they sign in at once, are not invited (invitation state none)
// and get a welcome mail without a link.
// Returns EInvalid with every bad field, or EConflict (email_taken).
func (s *Service) Create(ctx context.Context, in roster.NewOrganisationInput) (Created, error) {
	if err := roster.ValidateNewOrganisation(&in, func(name string) error {
		_, err := time.LoadLocation(name)
		return err
	}); err != nil {
		return Created{}, err
	}
	var hash string
	status, kind, invitation := roster.UserInvited, roster.MailInvitation, &roster.Invitation{}
	if in.Admin.Password != "" {
		var err error
		if hash, err = auth.HashPassword(in.Admin.Password, s.Argon); err != nil {
			return Created{}, fmt.Errorf("hash administrator password: %w", err)
		}
		// They sign in with it: not invited, welcomed without a link.
		status, kind, invitation = roster.UserActive, roster.MailWelcome, nil
	}
	now := s.Now().UTC()
	org := roster.Organisation{
		ID: roster.NewID(now), Name: in.Name, DefaultRegion: in.DefaultRegion, TimeZone: in.TimeZone, CreatedAt: now,
	}
	root := roster.Group{ID: roster.NewID(now), OrgID: org.ID, Name: in.Name, Kind: roster.GroupRoot, CreatedAt: now}
	org.RootGroupID = root.ID
	admin := roster.User{
		ID: roster.NewID(now), OrgID: org.ID, Email: in.Admin.Email, FirstName: in.Admin.FirstName, LastName: in.Admin.LastName,
		Status: status, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: root.ID}},
		PasswordHash: hash, Invitation: invitation, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	mail := roster.OutboxMail{ID: roster.NewID(now), Kind: kind, OrgID: org.ID, UserID: admin.ID,
		ActorName: "The Roster team", NextAttemptAt: now, CreatedAt: now}
	if err := s.Store.CreateOrganisation(ctx, org, root, admin, &mail); err != nil {
		return Created{}, err
	}
	// The organisation exists whether or not the mail goes out now; the
	// SendMail schedule retries a failed send.
	if err := s.Sender.Deliver(ctx, mail.ID); err != nil {
		s.Log.WarnContext(ctx, "invitation not sent yet; the SendMail schedule retries it", "orgId", org.ID, "err", err)
	}
	return Created{Organisation: org, RootGroup: root, Admin: admin}, nil
}
