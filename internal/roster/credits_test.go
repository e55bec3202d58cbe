package roster_test

import (
	"math"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func credits(n float64) *float64 { return &n }

func fieldsOf(err error) []string {
	e, ok := err.(*roster.Error)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestNewTransfer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     roster.TransferInput
		fields []string // nil: accepted
	}{
		{"company to a user", roster.TransferInput{From: "company", To: "u1", Amount: credits(5)}, nil},
		{"a user to a user", roster.TransferInput{From: "u1", To: "u2", Amount: credits(1)}, nil},
		{"the largest amount", roster.TransferInput{From: "company", To: "u1", Amount: credits(roster.MaxCreditAmount)}, nil},
		{"zero", roster.TransferInput{From: "company", To: "u1", Amount: credits(0)}, []string{"amount"}},
		{"negative", roster.TransferInput{From: "company", To: "u1", Amount: credits(-1)}, []string{"amount"}},
		{"fractional", roster.TransferInput{From: "company", To: "u1", Amount: credits(2.5)}, []string{"amount"}},
		{"absurd", roster.TransferInput{From: "company", To: "u1", Amount: credits(roster.MaxCreditAmount + 1)}, []string{"amount"}},
		{"not a number", roster.TransferInput{From: "company", To: "u1", Amount: credits(math.NaN())}, []string{"amount"}},
		{"infinite", roster.TransferInput{From: "company", To: "u1", Amount: credits(math.Inf(1))}, []string{"amount"}},
		{"missing amount", roster.TransferInput{From: "company", To: "u1"}, []string{"amount"}},
		{"to oneself", roster.TransferInput{From: "u1", To: "u1", Amount: credits(1)}, []string{"to"}},
		{"no accounts", roster.TransferInput{Amount: credits(1)}, []string{"from", "to"}},
		{"a long note", roster.TransferInput{From: "company", To: "u1", Amount: credits(1), Note: string(make([]byte, 501))}, []string{"note"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := roster.NewTransfer("o", "admin", tc.in, now)
			got := fieldsOf(err)
			if len(got) != len(tc.fields) {
				t.Fatalf("fields %v, want %v (%v)", got, tc.fields, err)
			}
			for i := range got {
				if got[i] != tc.fields[i] {
					t.Fatalf("fields %v, want %v", got, tc.fields)
				}
			}
			if err == nil && (m.Entry.Kind != roster.LedgerTransfer || m.Audit == nil || m.Audit.Type != "credits.transferred") {
				t.Fatalf("movement %+v", m)
			}
		})
	}
}

func TestNewConsumption(t *testing.T) {
	m, err := roster.NewConsumption("o", "u1", roster.ConsumeInput{Reference: "rec-1"}, now)
	if err != nil || m.Entry.Amount != 1 || m.Entry.From != "u1" || m.Entry.To != "" || m.Audit != nil {
		t.Fatalf("the default consumption: %+v %v", m, err)
	}
	for _, ref := range []string{"", "a b", "a/b", string(make([]byte, 201))} {
		if _, err := roster.NewConsumption("o", "u1", roster.ConsumeInput{Reference: ref}, now); roster.ErrorCodeOf(err) != roster.EInvalid {
			t.Errorf("reference %q accepted", ref)
		}
	}
}

func TestLedgerDelta(t *testing.T) {
	e := roster.LedgerEntry{Amount: 4, From: "u1", To: "company"}
	if e.Delta("u1") != -4 || e.Delta("company") != 4 || e.Delta("u2") != 0 {
		t.Fatal("a transfer moves its amount out of from and into to")
	}
}

func TestCreditLifecycleRules(t *testing.T) {
	t.Run("a user with a zero balance may be deactivated", func(t *testing.T) {
		if err := roster.CheckDeactivation(roster.CreditAccount{Consumed: 9}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a user holding credits may not, and the refusal carries the balance", func(t *testing.T) {
		err := roster.CheckDeactivation(roster.CreditAccount{Balance: 3})
		e, _ := err.(*roster.Error)
		if roster.ReasonOf(err) != "unused_credits" || e == nil || e.Code != roster.EConflict || e.Extra["balance"] != int64(3) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("a user who consumed may not be purged", func(t *testing.T) {
		if err := roster.CheckPurge(roster.CreditAccount{Consumed: 1}); roster.ReasonOf(err) != "credits_consumed" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("a user holding credits may not be purged either: they would be destroyed", func(t *testing.T) {
		if err := roster.CheckPurge(roster.CreditAccount{Balance: 1}); roster.ReasonOf(err) != "unused_credits" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("a user who never had credits may be purged", func(t *testing.T) {
		if err := roster.CheckPurge(roster.CreditAccount{}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("deactivated and deleted users receive nothing", func(t *testing.T) {
		for s, want := range map[roster.UserStatus]bool{roster.UserActive: true, roster.UserInvited: true, roster.UserDeactivated: false, roster.UserDeleted: false} {
			if got := roster.TransferTarget(s) == nil; got != want {
				t.Errorf("%s may receive: %v", s, got)
			}
		}
	})
}
