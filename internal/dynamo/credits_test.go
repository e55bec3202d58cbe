package dynamo_test

import (
	"context"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/roster"
)

func amount(n float64) *float64 { return &n }

func creditsOrg(t *testing.T) (*dynamo.Store, roster.Organisation, roster.User) {
	t.Helper()
	s := mustStore(t)
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(context.Background(), org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	return s, org, admin
}

func TestMoveCredits(t *testing.T) {
	ctx := context.Background()
	s, org, admin := creditsOrg(t)
	move := func(m roster.CreditMovement, err error) error {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return s.MoveCredits(ctx, m)
	}
	balance := func(account string) int64 {
		t.Helper()
		a, err := s.CreditAccount(ctx, org.ID, account)
		if err != nil {
			t.Fatal(err)
		}
		return a.Balance
	}

	if err := move(roster.NewGrant(org.ID, admin.ID, roster.GrantInput{Amount: amount(10)}, t0)); err != nil {
		t.Fatalf("grant: %v", err)
	}
	if err := move(roster.NewTransfer(org.ID, admin.ID, roster.TransferInput{From: "company", To: admin.ID, Amount: amount(4)}, t0.Add(time.Second))); err != nil {
		t.Fatalf("transfer: %v", err)
	}
	t.Run("balances move and the account item carries its type", func(t *testing.T) {
		if c, u := balance("company"), balance(admin.ID); c != 6 || u != 4 {
			t.Fatalf("company %d, user %d", c, u)
		}
	})
	t.Run("a source without enough is refused with the available amount", func(t *testing.T) {
		err := move(roster.NewTransfer(org.ID, admin.ID, roster.TransferInput{From: admin.ID, To: "company", Amount: amount(5)}, t0.Add(2*time.Second)))
		var e *roster.Error
		if roster.ReasonOf(err) != "insufficient_credits" || !asError(err, &e) || e.Extra["available"] != int64(4) {
			t.Fatalf("got %v", err)
		}
		if balance(admin.ID) != 4 || balance("company") != 6 {
			t.Fatal("a refused transfer moved credits")
		}
	})
	t.Run("the first consumption unlocks the record; a second is refused as already unlocked", func(t *testing.T) {
		if err := move(roster.NewConsumption(org.ID, admin.ID, roster.ConsumeInput{Reference: "rec-1"}, t0.Add(3*time.Second))); err != nil {
			t.Fatal(err)
		}
		err := move(roster.NewConsumption(org.ID, admin.ID, roster.ConsumeInput{Reference: "rec-1"}, t0.Add(4*time.Second)))
		if roster.ReasonOf(err) != "already_unlocked" {
			t.Fatalf("got %v", err)
		}
		a, _ := s.CreditAccount(ctx, org.ID, admin.ID)
		if a.Balance != 3 || a.Consumed != 1 {
			t.Fatalf("account = %+v", a)
		}
		u, err := s.Unlock(ctx, org.ID, "rec-1")
		if err != nil || u.UserID != admin.ID || u.Amount != 1 {
			t.Fatalf("unlock = %+v, %v", u, err)
		}
	})
	t.Run("history is per account, newest first, in pages", func(t *testing.T) {
		all, next, err := s.Ledger(ctx, org.ID, roster.LedgerQuery{Limit: 10})
		if err != nil || next != "" || len(all) != 3 || all[0].Kind != roster.LedgerConsume || all[2].Kind != roster.LedgerGrant {
			t.Fatalf("ledger = %+v %q %v", all, next, err)
		}
		mine, next, err := s.Ledger(ctx, org.ID, roster.LedgerQuery{Account: admin.ID, Limit: 1})
		if err != nil || next != mine[0].ID || len(mine) != 1 || mine[0].Kind != roster.LedgerConsume {
			t.Fatalf("first page = %+v %q %v", mine, next, err)
		}
		rest, next, err := s.Ledger(ctx, org.ID, roster.LedgerQuery{Account: admin.ID, Limit: 5, After: next})
		if err != nil || next != "" || len(rest) != 1 || rest[0].Kind != roster.LedgerTransfer {
			t.Fatalf("second page = %+v %q %v", rest, next, err)
		}
		grants, _, err := s.Ledger(ctx, org.ID, roster.LedgerQuery{Kind: roster.LedgerGrant, Limit: 5, From: t0, To: t0.Add(time.Second)})
		if err != nil || len(grants) != 1 {
			t.Fatalf("grants = %+v %v", grants, err)
		}
	})
	t.Run("a grant to an organisation that does not exist is not found", func(t *testing.T) {
		err := move(roster.NewGrant("nope", roster.OperatorActor, roster.GrantInput{Amount: amount(1)}, t0))
		if roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("credits go to no deactivated user", func(t *testing.T) {
		u, _ := s.User(ctx, org.ID, admin.ID)
		u.Status, u.Version = roster.UserDeactivated, u.Version+1
		err := s.ChangeUser(ctx, roster.UserChange{User: u, CreditsEmpty: true, Audit: roster.AuditEvent{ID: roster.NewID(t0), OrgID: org.ID, At: t0}})
		if roster.ReasonOf(err) != "user_changed" {
			t.Fatalf("deactivating a user holding credits with CreditsEmpty: %v", err)
		}
		if err := s.ChangeUser(ctx, roster.UserChange{User: u, Audit: roster.AuditEvent{ID: roster.NewID(t0), OrgID: org.ID, At: t0}}); err != nil {
			t.Fatal(err)
		}
		err = move(roster.NewTransfer(org.ID, admin.ID, roster.TransferInput{From: "company", To: admin.ID, Amount: amount(1)}, t0))
		if roster.ReasonOf(err) != "recipient_inactive" {
			t.Fatalf("got %v", err)
		}
	})
}

func asError(err error, target **roster.Error) bool {
	e, ok := err.(*roster.Error)
	*target = e
	return ok
}
