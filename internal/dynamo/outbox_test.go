package dynamo_test

import (
	"context"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

func TestOutboxLeases(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	u := roster.User{ID: "u2", OrgID: org.ID, Email: "bob@acme.example", FirstName: "B", LastName: "B", Status: roster.UserInvited,
		Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: root.ID}}, Invitation: &roster.Invitation{}, Version: 1, CreatedAt: t0, UpdatedAt: t0}
	m := roster.OutboxMail{ID: "m1", Kind: roster.MailInvitation, OrgID: org.ID, UserID: "u2", NextAttemptAt: t0, CreatedAt: t0}
	audit := roster.AuditEvent{ID: "a1", OrgID: org.ID, ActorID: admin.ID, Type: "user.created", SubjectID: "u2", At: t0}
	if err := s.CreateUser(ctx, u, &m, audit); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.ClaimMail(ctx, "m1", t0, 2*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a held lease keeps others out", func(t *testing.T) {
		if _, err := s.ClaimMail(ctx, "m1", t0.Add(time.Minute), 2*time.Minute); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("second claim: %v", err)
		}
	})
	t.Run("a failed attempt releases the lease and waits for its time", func(t *testing.T) {
		claimed.Attempts, claimed.NextAttemptAt, claimed.LastError = 1, t0.Add(time.Minute), "throttled"
		if err := s.MailFailed(ctx, claimed); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueMail(ctx, t0.Add(30*time.Second), 10); len(due) != 0 {
			t.Fatalf("due before its time: %+v", due)
		}
		due, _ := s.DueMail(ctx, t0.Add(61*time.Second), 10)
		if len(due) != 1 || due[0].Attempts != 1 || due[0].LastError != "throttled" {
			t.Fatalf("due = %+v", due)
		}
		if _, err := s.ClaimMail(ctx, "m1", t0.Add(61*time.Second), 2*time.Minute); err != nil {
			t.Fatalf("claim after the failure: %v", err)
		}
	})
	t.Run("a sent mail is gone", func(t *testing.T) {
		if err := s.MailSent(ctx, "m1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ClaimMail(ctx, "m1", t0.Add(time.Hour), time.Minute); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("claim of a sent mail: %v", err)
		}
	})
}
