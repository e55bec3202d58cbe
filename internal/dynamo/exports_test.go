package dynamo_test

import (
	"context"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// The sweep finds stalled exports through their markers: a marker lives
// exactly while the export is queued or running, and ending an export from
// its marker removes it with the export's change and the mail.
func TestActiveExportMarkers(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	newExport := func(id string) roster.ContactExport {
		e := roster.ContactExport{ID: id, OrgID: "o1", RequestedBy: "u1", Format: "csv", Status: roster.ExportQueued,
			FileName: "contacts.csv", Version: 1, CreatedAt: t0, UpdatedAt: t0}
		if err := s.SaveExport(ctx, e, nil); err != nil {
			t.Fatal(err)
		}
		return e
	}
	a, b := newExport("01A"), newExport("01B")
	a.Status, a.LeaseUntil, a.Attempt, a.Version = roster.ExportRunning, t0.Add(15*time.Minute), 1, 2
	if err := s.SaveExport(ctx, a, nil); err != nil {
		t.Fatal(err)
	}

	t.Run("queued and running exports are listed oldest first, within the limit", func(t *testing.T) {
		got, err := s.ActiveExports(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ID != "01A" || got[0].Status != roster.ExportRunning || !got[0].LeaseUntil.Equal(a.LeaseUntil) || got[0].Version != 2 || got[0].RequestedBy != "u1" {
			t.Fatalf("first active export: %+v", got)
		}
		if got, _ := s.ActiveExports(ctx, 10); len(got) != 2 || got[1].ID != "01B" {
			t.Fatalf("all active exports: %+v", got)
		}
	})
	t.Run("a completed export leaves the list", func(t *testing.T) {
		b.Status, b.Rows, b.FinishedAt, b.Version = roster.ExportCompleted, 3, t0, 2
		if err := s.SaveExport(ctx, b, nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ActiveExports(ctx, 10); len(got) != 1 || got[0].ID != "01A" {
			t.Fatalf("active exports after completion: %+v", got)
		}
	})
	t.Run("ending from the marker keeps the other fields, queues the mail and removes the marker", func(t *testing.T) {
		got, _ := s.ActiveExports(ctx, 10)
		e := got[0]
		now := t0.Add(time.Hour)
		e.Fail(roster.ExportAbandoned, now)
		if err := s.EndExport(ctx, e, []roster.OutboxMail{roster.ExportFailedMail(e, now)}); err != nil {
			t.Fatal(err)
		}
		stored, err := s.Export(ctx, "o1", "01A")
		if err != nil {
			t.Fatal(err)
		}
		if stored.Status != roster.ExportFailed || stored.Failure != roster.ExportAbandoned || stored.Version != 3 || stored.FileName != "contacts.csv" ||
			stored.Attempt != 1 || !stored.FinishedAt.Equal(now) || !stored.LeaseUntil.IsZero() {
			t.Fatalf("ended export: %+v", stored)
		}
		if got, _ := s.ActiveExports(ctx, 10); len(got) != 0 {
			t.Fatalf("marker left behind: %+v", got)
		}
		due, err := s.DueMail(ctx, now, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(due) != 1 || due[0].Kind != roster.MailExportFailed || due[0].UserID != "u1" || due[0].Data["exportId"] != "01A" {
			t.Fatalf("queued mail: %+v", due)
		}
	})
	t.Run("ending an export a worker changed meanwhile is a conflict", func(t *testing.T) {
		c := newExport("01C")
		c.Fail(roster.ExportAbandoned, t0)
		c.Version = 5 // stale: the stored one is 1
		if err := s.EndExport(ctx, c, nil); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("stale end: %v", err)
		}
		if got, _ := s.Export(ctx, "o1", "01C"); got.Status != roster.ExportQueued {
			t.Fatalf("stale end changed the export: %+v", got)
		}
	})
}
