package dynamo_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

func TestGroupHours(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, root, admin := newOrg("hours@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	h, err := roster.ParseHours(roster.HoursInput{TimeZone: "Europe/London",
		Weekly: map[string][]roster.IntervalInput{"monday": {{Start: "09:00", End: "17:00"}, {Start: "22:00", End: "02:00", Overnight: true}}, "sunday": {{Start: "00:00", End: "24:00"}}},
		Holidays: []roster.HolidayInput{
			{Date: "2026-12-25", Name: "Christmas", Closed: true, EveryYear: true},
			{Date: "2026-12-24", Intervals: []roster.IntervalInput{{Start: "09:00", End: "12:00"}, {Start: "23:00", End: "01:00", Overnight: true}}},
		},
		AfterHoursReply: "We are closed; we answer from 09:00."})
	if err != nil {
		t.Fatal(err)
	}
	audit := func(id string) roster.AuditEvent {
		return roster.AuditEvent{ID: id, OrgID: org.ID, ActorID: admin.ID, Type: "group.hours_set", SubjectID: root.ID, At: t0}
	}

	if _, _, err := s.GroupHours(ctx, org.ID, root.ID); roster.ErrorCodeOf(err) != roster.ENotFound {
		t.Fatalf("before any are set: %v", err)
	}
	if err := s.PutGroupHours(ctx, org.ID, root.ID, h, 0, audit(roster.NewID(t0))); err != nil {
		t.Fatalf("first put: %v", err)
	}
	got, v, err := s.GroupHours(ctx, org.ID, root.ID)
	if err != nil || v != 1 || !reflect.DeepEqual(got, h) {
		t.Fatalf("read back v%d %v:\n got %+v\nwant %+v", v, err, got, h)
	}
	if !got.Weekly[time.Monday][1].Overnight || got.Weekly[time.Monday][0].Overnight || !got.Holidays[1].Intervals[1].Overnight {
		t.Fatalf("overnight not kept: %+v", got)
	}
	t.Run("a second first set is stale", func(t *testing.T) {
		if err := s.PutGroupHours(ctx, org.ID, root.ID, h, 0, audit(roster.NewID(t0))); roster.ErrorCodeOf(err) != roster.EPreconditionFailed {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("a put at the read version moves it on; a stale one fails", func(t *testing.T) {
		h2 := h
		h2.TimeZone = "America/New_York"
		if err := s.PutGroupHours(ctx, org.ID, root.ID, h2, 1, audit(roster.NewID(t0))); err != nil {
			t.Fatal(err)
		}
		if err := s.PutGroupHours(ctx, org.ID, root.ID, h, 1, audit(roster.NewID(t0))); roster.ErrorCodeOf(err) != roster.EPreconditionFailed {
			t.Fatalf("stale put: %v", err)
		}
		got, v, _ := s.GroupHours(ctx, org.ID, root.ID)
		if v != 2 || got.TimeZone != "America/New_York" {
			t.Fatalf("v%d %s", v, got.TimeZone)
		}
	})
	t.Run("no hours for a group that does not exist", func(t *testing.T) {
		if err := s.PutGroupHours(ctx, org.ID, "no-such-group", h, 0, audit(roster.NewID(t0))); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("got %v", err)
		}
		if _, _, err := s.GroupHours(ctx, org.ID, "no-such-group"); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("read: %v", err)
		}
	})
	t.Run("each successful set is audited, the refused ones are not", func(t *testing.T) {
		events, err := s.AuditEvents(ctx, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range events {
			if e.Type == "group.hours_set" {
				n++
			}
		}
		if n != 2 {
			t.Fatalf("%d group.hours_set events, want 2", n)
		}
	})
	t.Run("hours do not show up as groups", func(t *testing.T) {
		gs, err := s.Groups(ctx, org.ID)
		if err != nil || len(gs) != 1 {
			t.Fatalf("%d groups, %v", len(gs), err)
		}
	})
}
