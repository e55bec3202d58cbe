package credits_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/credits"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/roster"
)

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func amount(n int) *float64 { f := float64(n); return &f }

// team is an organisation on the emulator with an administrator and users.
type team struct {
	db    *dynamotest.DB
	store *dynamo.Store
	svc   *credits.Service
	admin roster.Caller
	users []roster.Caller
}

func newTeam(tb testing.TB, n int) *team {
	tb.Helper()
	ctx := context.Background()
	db := dynamotest.Open(tb)
	s := dynamo.NewStore(db.Client, db.Table)
	org := roster.Organisation{ID: roster.NewID(t0), Name: "Acme", DefaultRegion: "US", TimeZone: "UTC", CreatedAt: t0}
	root := roster.Group{ID: roster.NewID(t0), OrgID: org.ID, Name: "Acme", Kind: roster.GroupRoot, CreatedAt: t0}
	org.RootGroupID = root.ID
	mk := func(i int, role roster.Role) roster.User {
		return roster.User{ID: roster.NewID(t0), OrgID: org.ID, Email: fmt.Sprintf("u%d@acme.example", i), FirstName: "U", LastName: fmt.Sprint(i),
			Status: roster.UserActive, Grants: []roster.Grant{{Role: role, GroupID: root.ID}}, Version: 1, CreatedAt: t0, UpdatedAt: t0}
	}
	admin := mk(0, roster.RoleAdmin)
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		tb.Fatal(err)
	}
	tm := &team{db: db, store: s, svc: credits.NewService(s, time.Now), admin: roster.Caller{OrgID: org.ID, UserID: admin.ID, Grants: admin.Grants}}
	for i := 1; i <= n; i++ {
		u := mk(i, roster.RoleAgent)
		if err := s.CreateUser(ctx, u, nil, roster.AuditEvent{ID: roster.NewID(t0), OrgID: org.ID, ActorID: admin.ID, Type: "user.created", SubjectID: u.ID, At: t0}); err != nil {
			tb.Fatal(err)
		}
		tm.users = append(tm.users, roster.Caller{OrgID: org.ID, UserID: u.ID, Grants: u.Grants})
	}
	return tm
}

// TestConcurrentMovementsConserveCredits runs random transfers and
// consumptions at once, then checks that no credit was created or lost:
// every balance is the sum of its ledger entries, none is negative, and
// what was granted is what is held plus what was consumed.
func TestConcurrentMovementsConserveCredits(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t, 6)
	const granted = 200
	if _, err := tm.svc.Grant(ctx, tm.admin, roster.GrantInput{Amount: amount(granted)}); err != nil {
		t.Fatal(err)
	}
	accounts := []string{roster.CompanyAccount}
	for _, u := range tm.users {
		accounts = append(accounts, u.UserID)
	}
	var moved, refused, consumed, free atomic.Int64
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			for range 40 {
				if rng.IntN(3) == 0 {
					u := tm.users[rng.IntN(len(tm.users))]
					c, err := tm.svc.Consume(ctx, u, roster.ConsumeInput{Reference: fmt.Sprintf("rec-%d", rng.IntN(30)), Amount: amount(1 + rng.IntN(3))})
					switch {
					case err == nil && c.Charged > 0:
						consumed.Add(1)
					case err == nil:
						free.Add(1)
					case roster.ReasonOf(err) == "insufficient_credits":
						refused.Add(1)
					default:
						t.Errorf("consume: %v", err)
					}
					continue
				}
				from := accounts[rng.IntN(len(accounts))]
				to := accounts[rng.IntN(len(accounts))]
				if from == to {
					continue
				}
				_, err := tm.svc.Transfer(ctx, tm.admin, roster.TransferInput{From: from, To: to, Amount: amount(1 + rng.IntN(25))})
				switch {
				case err == nil:
					moved.Add(1)
				case roster.ReasonOf(err) == "insufficient_credits":
					refused.Add(1)
				default:
					t.Errorf("transfer %s -> %s: %v", from, to, err)
				}
			}
		}()
	}
	wg.Wait()
	if moved.Load() == 0 || consumed.Load() == 0 || refused.Load() == 0 {
		t.Fatalf("the run did not exercise every path: %d transfers, %d consumptions, %d refusals", moved.Load(), consumed.Load(), refused.Load())
	}

	var all []roster.LedgerEntry
	after := ""
	for {
		page, next, err := tm.store.Ledger(ctx, tm.admin.OrgID, roster.LedgerQuery{After: after, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page...)
		if next == "" {
			break
		}
		after = next
	}
	sums := map[string]int64{}
	var grants, spent int64
	for _, e := range all {
		for _, a := range accounts {
			sums[a] += e.Delta(a)
		}
		switch e.Kind {
		case roster.LedgerGrant:
			grants += e.Amount
		case roster.LedgerConsume:
			spent += e.Amount
		}
	}
	var held int64
	for _, a := range accounts {
		acct, err := tm.store.CreditAccount(ctx, tm.admin.OrgID, a)
		if err != nil {
			t.Fatal(err)
		}
		if acct.Balance != sums[a] || acct.Balance < 0 {
			t.Errorf("account %s: balance %d, ledger sum %d", a, acct.Balance, sums[a])
		}
		held += acct.Balance
	}
	if grants != granted || grants != held+spent {
		t.Fatalf("granted %d, held %d + consumed %d = %d", grants, held, spent, held+spent)
	}
	t.Logf("%d entries: %d transfers, %d paid and %d free consumptions, %d refusals; %d held, %d consumed",
		len(all), moved.Load(), consumed.Load(), free.Load(), refused.Load(), held, spent)
}

// BenchmarkTransfer is one transfer through the service: the permission
// check (the group tree), both accounts read, and the transaction, against
// the in-process emulator.
func BenchmarkTransfer(b *testing.B) {
	ctx := context.Background()
	tm := newTeam(b, 2)
	if _, err := tm.svc.Grant(ctx, tm.admin, roster.GrantInput{Amount: amount(roster.MaxCreditAmount)}); err != nil {
		b.Fatal(err)
	}
	in := roster.TransferInput{From: roster.CompanyAccount, To: tm.users[0].UserID, Amount: amount(1)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tm.svc.Transfer(ctx, tm.admin, in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestOneRecordIsPaidForOnce has users consume the same new record at once:
// exactly one pays, and the others get it free.
func TestOneRecordIsPaidForOnce(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t, 4)
	if _, err := tm.svc.Grant(ctx, tm.admin, roster.GrantInput{Amount: amount(40)}); err != nil {
		t.Fatal(err)
	}
	for _, u := range tm.users {
		if _, err := tm.svc.Transfer(ctx, tm.admin, roster.TransferInput{From: roster.CompanyAccount, To: u.UserID, Amount: amount(5)}); err != nil {
			t.Fatal(err)
		}
	}
	charged := make([]int64, len(tm.users))
	var wg sync.WaitGroup
	for i, u := range tm.users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := tm.svc.Consume(ctx, u, roster.ConsumeInput{Reference: "rec-shared", Amount: amount(2)})
			if err != nil {
				t.Errorf("consume: %v", err)
			}
			charged[i] = c.Charged
		}()
	}
	wg.Wait()
	var payers int
	var total int64
	for _, c := range charged {
		if c > 0 {
			payers++
		}
		total += c
	}
	if payers != 1 || total != 2 {
		t.Fatalf("charged %v: want exactly one payer of 2", charged)
	}
}

// TestOverviewCostsAPage measures GET /credits for an administrator: a page
// of users and one batched read of their balances, whatever the
// organisation's size.
func TestOverviewCostsAPage(t *testing.T) {
	ctx := context.Background()
	measure := func(n int) float64 {
		tm := newTeam(t, n)
		var o credits.Overview
		use := tm.db.Measure(func() {
			var err error
			if o, err = tm.svc.Overview(ctx, tm.admin, "", 20); err != nil {
				t.Fatal(err)
			}
		})
		if len(o.Users) != 20 || o.Next == "" {
			t.Fatalf("a page of %d users, next %q", len(o.Users), o.Next)
		}
		t.Logf("GET /credits, a page of 20 among %d users: %d calls, %.1f RRU", n+1, use.Calls, use.RRU)
		return use.RRU
	}
	small, large := measure(30), measure(600)
	if large > 1.2*small+4 {
		t.Errorf("a page costs %.1f RRU among 601 users, %.1f among 31", large, small)
	}
}
