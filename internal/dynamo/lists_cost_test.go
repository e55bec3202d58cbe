package dynamo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/local/dynamolocal"
	"github.com/roster-app/roster/internal/roster"
)

// A page of a list costs the same in an organisation with 30 items of the
// kind listed as in one with 600: reads are a page, not the organisation.
const (
	costSmall = 30
	costLarge = 600
	costPage  = 20
)

func checkCost(t *testing.T, what string, small, large dynamolocal.Usage) {
	t.Helper()
	t.Logf("%-32s %d items: %d calls %.1f RRU | %d items: %d calls %.1f RRU", what, costSmall, small.Calls, small.RRU, costLarge, large.Calls, large.RRU)
	if large.RRU > 1.2*small.RRU+4 || large.Calls > small.Calls {
		t.Errorf("%s: %d items cost %+v, %d items %+v", what, costSmall, small, costLarge, large)
	}
}

type costOrgs struct {
	db           *dynamotest.DB
	s            *dynamo.Store
	small, large roster.Organisation
	admins       map[string]string // org id → admin id
}

func openCostOrgs(t *testing.T) costOrgs {
	t.Helper()
	db := dynamotest.Open(t)
	c := costOrgs{db: db, s: dynamo.NewStore(db.Client, db.Table), admins: map[string]string{}}
	for i, o := range []*roster.Organisation{&c.small, &c.large} {
		org, root, admin := newOrg(fmt.Sprintf("ann%d@acme.example", i))
		if err := c.s.CreateOrganisation(context.Background(), org, root, admin, nil); err != nil {
			t.Fatal(err)
		}
		*o, c.admins[org.ID] = org, admin.ID
	}
	return c
}

func TestAuditPageCostIsAPage(t *testing.T) {
	ctx := context.Background()
	c := openCostOrgs(t)
	seedAudit(t, c.s, c.small.ID, costSmall)
	seedAudit(t, c.s, c.large.ID, costLarge)
	for _, q := range []struct {
		name string
		q    roster.AuditQuery
	}{
		{"audit: all", roster.AuditQuery{}},
		{"audit: by actor", roster.AuditQuery{ActorID: "a1"}},
		{"audit: by subject", roster.AuditQuery{SubjectID: "s1"}},
		{"audit: by type", roster.AuditQuery{Type: "t.even"}},
		{"audit: a time range", roster.AuditQuery{From: t0.Add(2 * time.Minute), To: t0.Add(25 * time.Minute)}},
		{"audit: actor and type", roster.AuditQuery{ActorID: "a0", Type: "t.even"}},
	} {
		var usage [2]dynamolocal.Usage
		for i, org := range []string{c.small.ID, c.large.ID} {
			q.q.Limit = costPage
			usage[i] = c.db.Measure(func() {
				if _, _, err := c.s.AuditPage(ctx, org, q.q); err != nil {
					t.Fatal(err)
				}
			})
		}
		checkCost(t, q.name, usage[0], usage[1])
	}
}

func TestLedgerPageCostIsAPage(t *testing.T) {
	ctx := context.Background()
	c := openCostOrgs(t)
	for org, n := range map[string]int{c.small.ID: costSmall, c.large.ID: costLarge} {
		admin := c.admins[org]
		for i := range n {
			at := t0.Add(time.Duration(i) * time.Minute)
			m, err := roster.NewGrant(org, admin, roster.GrantInput{Amount: amount(2)}, at)
			if i%2 == 1 {
				m, err = roster.NewTransfer(org, admin, roster.TransferInput{From: "company", To: admin, Amount: amount(1)}, at)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := c.s.MoveCredits(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, q := range []struct {
		name string
		q    func(admin string) roster.LedgerQuery
	}{
		{"ledger: all", func(string) roster.LedgerQuery { return roster.LedgerQuery{} }},
		{"ledger: by kind", func(string) roster.LedgerQuery { return roster.LedgerQuery{Kind: roster.LedgerTransfer} }},
		{"ledger: an account", func(a string) roster.LedgerQuery { return roster.LedgerQuery{Account: a} }},
		{"ledger: an account by kind", func(a string) roster.LedgerQuery { return roster.LedgerQuery{Account: a, Kind: roster.LedgerTransfer} }},
		{"ledger: a time range by kind", func(string) roster.LedgerQuery {
			return roster.LedgerQuery{Kind: roster.LedgerGrant, From: t0.Add(5 * time.Minute), To: t0.Add(29 * time.Minute)}
		}},
	} {
		var usage [2]dynamolocal.Usage
		for i, org := range []string{c.small.ID, c.large.ID} {
			lq := q.q(c.admins[org])
			lq.Limit = 10
			usage[i] = c.db.Measure(func() {
				if es, _, err := c.s.Ledger(ctx, org, lq); err != nil || len(es) == 0 {
					t.Fatal(len(es), err)
				}
			})
		}
		checkCost(t, q.name, usage[0], usage[1])
	}
}

func TestInboxPageCostIsAPage(t *testing.T) {
	ctx := context.Background()
	c := openCostOrgs(t)
	groups := []string{"g0", "g1", "g2"}
	for org, n := range map[string]int{c.small.ID: costSmall, c.large.ID: costLarge} {
		for i := range n {
			conv := saveConversation(t, c.s, org, groups[i%3], t0.Add(time.Duration(i)*time.Minute))
			if i%4 == 0 {
				conv.ClaimedBy, conv.Version = "u1", 2
				if err := c.s.UpdateConversation(ctx, roster.ConversationChange{Conversation: conv, PrevVersion: 1, Claim: "u1", Now: t0}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, q := range []struct {
		name string
		q    roster.ConversationList
	}{
		{"inbox: all", roster.ConversationList{}},
		{"inbox: unclaimed", roster.ConversationList{Filter: roster.FilterUnclaimed}},
		{"inbox: mine", roster.ConversationList{Filter: roster.FilterMine, UserID: "u1"}},
		{"inbox: two groups", roster.ConversationList{Groups: []string{"g0", "g2"}}},
		{"inbox: two groups, unclaimed", roster.ConversationList{Filter: roster.FilterUnclaimed, Groups: []string{"g0", "g2"}}},
		{"inbox: all, kept by reach", roster.ConversationList{Keep: func(c roster.Conversation) bool { return c.GroupID != "g1" }}},
	} {
		var usage [2]dynamolocal.Usage
		for i, org := range []string{c.small.ID, c.large.ID} {
			q.q.Limit = 5
			usage[i] = c.db.Measure(func() {
				if page, _, err := c.s.ListConversations(ctx, org, q.q); err != nil || len(page) == 0 {
					t.Fatal(len(page), err)
				}
			})
		}
		checkCost(t, q.name, usage[0], usage[1])
	}
}
