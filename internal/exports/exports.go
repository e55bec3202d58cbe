// Package exports is the API side of contact exports: a request records
// the export and drops a request object into the export bucket, whose
// event starts the exporter (package exporter); the API shows the export
// and a fresh download link once it is written.
package exports

import (
	"context"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/s3store"
)

// Links: the emailed one works for an hour (GET /contacts/exports/{id}
// makes a fresh one at any time), the one in the API's answer for 15 min.
const (
	MailLinkTTL = time.Hour
	APILinkTTL  = 15 * time.Minute
)

// RequestKey is the object whose creation asks the worker to write an export.
func RequestKey(orgID, id string) string { return "requests/" + orgID + "/" + id + ".json" }

// ParseRequestKey reads a RequestKey; ok is false for other keys.
func ParseRequestKey(key string) (orgID, id string, ok bool) {
	parts := strings.Split(key, "/")
	if len(parts) != 3 || parts[0] != "requests" || parts[1] == "" || !strings.HasSuffix(parts[2], ".json") || parts[2] == ".json" {
		return "", "", false
	}
	return parts[1], strings.TrimSuffix(parts[2], ".json"), true
}

// ViewStore is what looking at exports needs from storage.
type ViewStore interface {
	roster.GroupLister
	Export(ctx context.Context, orgID, id string) (roster.ContactExport, error)
}

// Viewer shows exports.
type Viewer struct {
	Store   ViewStore
	Exports *s3store.Objects
	Now     func() time.Time
}

// RequestStore is what starting exports needs from storage.
type RequestStore interface {
	ViewStore
	SaveExport(ctx context.Context, e roster.ContactExport, mails []roster.OutboxMail) error
}

// Service starts exports.
type Service struct {
	Store   RequestStore
	Exports *s3store.Objects
	Now     func() time.Time
}

// Start queues an export of the contacts in group (and below), or of every
// group the caller manages contacts in. Returns EInvalid, EForbidden.
func (s *Service) Start(ctx context.Context, c roster.Caller, format, group string) (roster.ContactExport, error) {
	if format == "" {
		format = "xlsx"
	}
	var v roster.Validation
	if format != "xlsx" && format != "csv" {
		v.Add("format", "must be xlsx or csv")
	}
	tree, err := roster.LoadGroupTree(ctx, s.Store, c.OrgID)
	if err != nil {
		return roster.ContactExport{}, err
	}
	if _, ok := tree.Group(group); group != "" && !ok {
		v.Add("group", "is not a group of this organisation")
	}
	if err := v.Err(); err != nil {
		return roster.ContactExport{}, err
	}
	if group != "" {
		if err := roster.Require(c, tree, roster.ActManageContacts, group); err != nil {
			return roster.ContactExport{}, err
		}
	} else if err := roster.RequireSomewhere(c, tree, roster.ActManageContacts); err != nil {
		return roster.ContactExport{}, err
	}
	now := s.Now().UTC()
	e := roster.ContactExport{ID: roster.NewID(now), OrgID: c.OrgID, RequestedBy: c.UserID, Format: format, GroupID: group,
		Status: roster.ExportQueued, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := s.Store.SaveExport(ctx, e, nil); err != nil {
		return e, err
	}
	err = s.Exports.Signal(ctx, RequestKey(e.OrgID, e.ID))
	return e, err
}

// Get returns an export the caller requested, or any for an organisation
// administrator, with a fresh download link once it is written. Returns
// ENotFound.
func (s *Viewer) Get(ctx context.Context, c roster.Caller, id string) (roster.ContactExport, string, error) {
	e, err := s.Store.Export(ctx, c.OrgID, id)
	if err != nil {
		return e, "", err
	}
	if e.RequestedBy != c.UserID { // the requester needs no tree
		tree, err := roster.LoadGroupTree(ctx, s.Store, c.OrgID)
		if err != nil {
			return e, "", err
		}
		if !roster.CanSeeRequest(c, tree, e.RequestedBy) {
			return roster.ContactExport{}, "", roster.Errorf(roster.ENotFound, "export not found")
		}
	}
	if e.Status != roster.ExportCompleted {
		return e, "", nil
	}
	link, err := s.Exports.PresignGet(ctx, e.ObjectKey, e.FileName, APILinkTTL, s.Now())
	return e, link.URL, err
}
