// Package hours keeps groups' hours of operation (issue 6) and answers
// whether a group is open. The rules of reading hours are in roster.Hours;
// who may read or set them is the permissions table of roster.
//
// It embeds the time zone database, so that every function evaluating hours
// answers the same whatever the Lambda's operating system carries.
package hours

import (
	"context"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // zone data inside the binary: the Lambda does not depend on the OS

	"github.com/roster-app/roster/internal/roster"
)

// Getter reads one group's hours (*dynamo.Reader is one).
type Getter interface {
	// GroupHours returns ENotFound when the group has no hours set.
	GroupHours(ctx context.Context, orgID, groupID string) (roster.Hours, int64, error)
}

// Source reads groups and their hours; read-only functions get only this.
type Source interface {
	roster.GroupLister
	Getter
}

// Store reads and sets hours.
type Store interface {
	Source
	PutGroupHours(ctx context.Context, orgID, groupID string, h roster.Hours, expectedVersion int64, audit roster.AuditEvent) error
}

// Viewer answers callers' reads: GET /groups/{id}/hours and /open.
type Viewer struct {
	Store Source
	Now   func() time.Time
}

// Service reads and sets hours for callers.
type Service struct {
	Store Store
	Now   func() time.Time
}

// Viewer is s restricted to reading.
func (s *Service) Viewer() *Viewer { return &Viewer{Store: s.Store, Now: s.Now} }

// Status is a group's opening status at a moment, with where it was
// reckoned: TimeZone and Local are empty when the group has no hours.
type Status struct {
	roster.OpenStatus
	At       time.Time // the moment asked about, UTC
	TimeZone string
	Local    time.Time // At in the group's zone
}

// group checks c may act on group id: 404 for a group the organisation does
// not have (another organisation's included), 403 naming the roles for one
// it has but c may not do a at.
func group(ctx context.Context, store roster.GroupLister, c roster.Caller, id string, a roster.Action) error {
	t, err := roster.LoadGroupTree(ctx, store, c.OrgID)
	if err != nil {
		return err
	}
	if _, ok := t.Group(id); !ok {
		return roster.Errorf(roster.ENotFound, "group not found")
	}
	return roster.Require(c, t, a, id)
}

func notSet() error {
	return roster.WithReason(roster.ENotFound, "hours_not_set", "this group has no hours of operation set; PUT them to set them")
}

// Get returns a group's hours and their version. Any role at the group or
// above may read them. Returns ENotFound (hours_not_set when the group has
// none), EForbidden.
func (v *Viewer) Get(ctx context.Context, c roster.Caller, groupID string) (roster.Hours, int64, error) {
	if err := group(ctx, v.Store, c, groupID, roster.ActViewGroups); err != nil {
		return roster.Hours{}, 0, err
	}
	h, version, err := v.Store.GroupHours(ctx, c.OrgID, groupID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.Hours{}, 0, notSet()
	}
	return h, version, err
}

// StatusAt says whether the group is open at t (now when t is zero). A
// group with no hours answers reason no_hours rather than an error, so that
// a person checking their setup sees why. Returns ENotFound, EForbidden.
func (v *Viewer) StatusAt(ctx context.Context, c roster.Caller, groupID string, t time.Time) (Status, error) {
	if t.IsZero() {
		t = v.Now()
	}
	if err := group(ctx, v.Store, c, groupID, roster.ActViewGroups); err != nil {
		return Status{}, err
	}
	h, _, err := v.Store.GroupHours(ctx, c.OrgID, groupID)
	switch {
	case roster.ErrorCodeOf(err) == roster.ENotFound:
		return Status{OpenStatus: roster.OpenStatus{Reason: roster.OpenNoHours}, At: t.UTC()}, nil
	case err != nil:
		return Status{}, err
	}
	return Status{OpenStatus: h.StatusAt(t), At: t.UTC(), TimeZone: h.TimeZone, Local: t.In(h.Location())}, nil
}

// Get is Viewer.Get.
func (s *Service) Get(ctx context.Context, c roster.Caller, groupID string) (roster.Hours, int64, error) {
	return s.Viewer().Get(ctx, c, groupID)
}

// StatusAt is Viewer.StatusAt.
func (s *Service) StatusAt(ctx context.Context, c roster.Caller, groupID string, t time.Time) (Status, error) {
	return s.Viewer().StatusAt(ctx, c, groupID, t)
}

// Put sets a group's hours, replacing any there are. It needs the manager
// or admin role at the group or above. ifMatch is the version read; 0 is
// allowed only while the group has no hours. Returns the hours stored and
// their version, or EInvalid (every bad field), ENotFound, EForbidden,
// EPreconditionRequired (hours exist and no If-Match), EPreconditionFailed,
// EConflict.
func (s *Service) Put(ctx context.Context, c roster.Caller, groupID string, in roster.HoursInput, ifMatch int64) (roster.Hours, int64, error) {
	h, err := roster.ParseHours(in)
	if err != nil {
		return roster.Hours{}, 0, err
	}
	if err := group(ctx, s.Store, c, groupID, roster.ActManageSettings); err != nil {
		return roster.Hours{}, 0, err
	}
	old, version, err := s.Store.GroupHours(ctx, c.OrgID, groupID)
	exists := err == nil
	if err != nil && roster.ErrorCodeOf(err) != roster.ENotFound {
		return roster.Hours{}, 0, err
	}
	switch {
	case exists && ifMatch == 0:
		return roster.Hours{}, 0, roster.WithReason(roster.EPreconditionRequired, "if_match_required",
			"this group already has hours: send the ETag from a read in If-Match, so that you do not overwrite a change you have not seen")
	case ifMatch != version:
		return roster.Hours{}, 0, roster.WithReason(roster.EPreconditionFailed, "stale_version",
			"the hours changed since you read them; read them again and retry with their new ETag")
	}
	now := s.Now().UTC()
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "group.hours_set", SubjectID: groupID, At: now,
		After: summary(h)}
	if exists {
		audit.Before = summary(old)
	}
	if err := s.Store.PutGroupHours(ctx, c.OrgID, groupID, h, version, audit); err != nil {
		return roster.Hours{}, 0, err
	}
	return h, version + 1, nil
}

// summary is hours as audit text: the zone, the week, the holidays, the reply.
func summary(h roster.Hours) map[string]string {
	var week []string
	for i := range 7 {
		d := time.Weekday((i + 1) % 7) // Monday first
		ivs := h.Weekly[d]
		if len(ivs) == 0 {
			continue
		}
		parts := make([]string, len(ivs))
		for j, iv := range ivs {
			parts[j] = iv.Start.String() + "-" + iv.End.String()
			if iv.Overnight {
				parts[j] += " overnight"
			}
		}
		week = append(week, d.String()[:3]+" "+strings.Join(parts, ","))
	}
	m := map[string]string{"timeZone": h.TimeZone, "weekly": strings.Join(week, "; "), "holidays": fmt.Sprint(len(h.Holidays))}
	if h.AfterHoursReply != "" {
		m["afterHoursReply"] = h.AfterHoursReply
	}
	return m
}

// Reader answers whether a group is open for the notifier and the inbound
// message webhook: no caller, the organisation is trusted.
type Reader struct {
	store Getter
}

var _ roster.GroupHoursReader = (*Reader)(nil)

// NewReader returns a Reader over a store such as *dynamo.Reader.
func NewReader(store Getter) *Reader {
	return &Reader{store: store}
}

// GroupStatusAt says whether group is open at t, with its after-hours
// reply. A group without hours (or one that no longer exists) answers
// OpenStatus{Reason: roster.OpenNoHours} and no reply: it is neither open
// nor closed, and notifications go out as usual.
func (r *Reader) GroupStatusAt(ctx context.Context, orgID, groupID string, t time.Time) (roster.OpenStatus, string, error) {
	h, _, err := r.store.GroupHours(ctx, orgID, groupID)
	switch {
	case roster.ErrorCodeOf(err) == roster.ENotFound:
		return roster.OpenStatus{Reason: roster.OpenNoHours}, "", nil
	case err != nil:
		return roster.OpenStatus{}, "", err
	}
	return h.StatusAt(t), h.AfterHoursReply, nil
}
