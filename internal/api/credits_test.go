package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/credits"
	"github.com/roster-app/roster/internal/roster"
)

type creditsApp struct {
	*lifecycleApp
	grant, grantOrg, transfer, consume    api.LambdaHandler
	overview, userCredits, ledger, unlock api.LambdaHandler
}

func newCreditsApp(t *testing.T) *creditsApp {
	t.Helper()
	l := newLifecycleApp(t)
	svc := credits.NewService(l.store, time.Now)
	r := credits.NewReader(l.store)
	idem := func(op api.Operation) api.Operation { return api.Idempotent(l.store, time.Now, op) }
	return &creditsApp{lifecycleApp: l,
		grant:       api.Authenticated(l.log, idem(api.GrantCredits(svc))),
		grantOrg:    api.Public(l.log, idem(api.GrantOrgCredits(svc, operatorKeyHash()))),
		transfer:    api.Authenticated(l.log, idem(api.TransferCredits(svc))),
		consume:     api.Authenticated(l.log, idem(api.ConsumeCredits(svc))),
		overview:    api.Authenticated(l.log, api.GetCredits(r)),
		userCredits: api.Authenticated(l.log, api.GetUserCredits(r)),
		ledger:      api.Authenticated(l.log, api.ListCreditLedger(r)),
		unlock:      api.Authenticated(l.log, api.GetUnlock(r)),
	}
}

// balance reads an account straight from the table.
func (a *creditsApp) balance(t *testing.T, account string) int64 {
	t.Helper()
	acct, err := a.store.CreditAccount(context.Background(), a.orgID, account)
	if err != nil {
		t.Fatal(err)
	}
	return acct.Balance
}

func (a *creditsApp) mustTransfer(t *testing.T, from, to string, amount int) {
	t.Helper()
	resp := a.as(t, a.adminCaller(), a.transfer, "POST /credits/transfers", "", fmt.Sprintf(`{"from":%q,"to":%q,"amount":%d}`, from, to, amount), nil)
	if resp.StatusCode != 201 {
		t.Fatalf("transfer %d from %s to %s: %d %s", amount, from, to, resp.StatusCode, resp.Body)
	}
}

func (a *creditsApp) mustGrant(t *testing.T, amount int) {
	t.Helper()
	if resp := a.as(t, a.adminCaller(), a.grant, "POST /credits/grants", "", fmt.Sprintf(`{"amount":%d,"note":"invoice 1"}`, amount), nil); resp.StatusCode != 201 {
		t.Fatalf("grant: %d %s", resp.StatusCode, resp.Body)
	}
}

// getUnlock calls GET /credits/unlocks/{reference}.
func (a *creditsApp) getUnlock(t *testing.T, c roster.Caller, ref string) api.UnlockView {
	t.Helper()
	ev := event("GET /credits/unlocks/{reference}", "", nil)
	ev.PathParameters = map[string]string{"reference": ref}
	cctx, _ := api.CallerContext(c)
	ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
	resp, err := a.unlock(context.Background(), ev)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("unlock %s: %d %s %v", ref, resp.StatusCode, resp.Body, err)
	}
	a.spec.checkResponse(t, "GET /credits/unlocks/{reference}", resp)
	var v api.UnlockView
	_ = json.Unmarshal([]byte(resp.Body), &v)
	return v
}

func (a *creditsApp) query(t *testing.T, c roster.Caller, h api.LambdaHandler, route, id string, q map[string]string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	ev := event(route, "", nil)
	if id != "" {
		ev.PathParameters = map[string]string{"id": id}
	}
	ev.QueryStringParameters = q
	cctx, _ := api.CallerContext(c)
	ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
	resp, err := h(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	a.spec.checkResponse(t, route, resp)
	return resp
}

func callerOf(a *creditsApp, u api.UserView) roster.Caller {
	return roster.Caller{OrgID: a.orgID, UserID: u.ID, Grants: u.Roles}
}

func TestCreditsJourney(t *testing.T) {
	a := newCreditsApp(t)
	admin := a.adminCaller()
	carl := a.createActive(t, "carl@acme.example", "agent", a.rootID)
	dana := a.createActive(t, "dana@acme.example", "agent", a.rootID)
	carlC, danaC := callerOf(a, carl), callerOf(a, dana)

	t.Run("an administrator and the operator grant credits to the company account", func(t *testing.T) {
		a.mustGrant(t, 100)
		resp := a.call(t, a.grantOrg, "POST /orgs/{id}/credits/grants", `{"amount":50,"note":"bought by phone"}`,
			map[string]string{api.OperatorKeyHeader: operatorKey})
		if resp.StatusCode != 404 { // no path parameter: no organisation
			t.Fatalf("operator grant without an organisation: %d %s", resp.StatusCode, resp.Body)
		}
		ev := event("POST /orgs/{id}/credits/grants", `{"amount":50,"note":"bought by phone"}`, map[string]string{api.OperatorKeyHeader: operatorKey})
		ev.PathParameters = map[string]string{"id": a.orgID}
		resp, _ = a.grantOrg(context.Background(), ev)
		a.spec.checkResponse(t, "POST /orgs/{id}/credits/grants", resp)
		if resp.StatusCode != 201 || !strings.Contains(resp.Body, `"actorId":"operator"`) {
			t.Fatalf("operator grant: %d %s", resp.StatusCode, resp.Body)
		}
		if b := a.balance(t, "company"); b != 150 {
			t.Fatalf("company balance %d", b)
		}
	})
	t.Run("the administrator assigns credits to a user", func(t *testing.T) {
		a.mustTransfer(t, "company", carl.ID, 10)
		if a.balance(t, carl.ID) != 10 || a.balance(t, "company") != 140 {
			t.Fatal("balances did not move")
		}
	})
	t.Run("the user consumes: the record is unlocked for the organisation", func(t *testing.T) {
		resp := a.as(t, carlC, a.consume, "POST /credits/consume", "", `{"reference":"rec-1","amount":3}`, nil)
		var v api.ConsumptionView
		_ = json.Unmarshal([]byte(resp.Body), &v)
		if resp.StatusCode != 200 || v.Charged != 3 || v.AlreadyUnlocked || v.Balance != 7 || v.UnlockedBy != carl.ID {
			t.Fatalf("consume: %d %s", resp.StatusCode, resp.Body)
		}
		if u := a.getUnlock(t, danaC, "rec-1"); !u.Unlocked || u.UnlockedBy != carl.ID {
			t.Fatalf("unlock as seen by a colleague: %+v", u)
		}
	})
	t.Run("consuming an unlocked record costs nothing and says so", func(t *testing.T) {
		resp := a.as(t, danaC, a.consume, "POST /credits/consume", "", `{"reference":"rec-1"}`, nil)
		var v api.ConsumptionView
		_ = json.Unmarshal([]byte(resp.Body), &v)
		if resp.StatusCode != 200 || v.Charged != 0 || !v.AlreadyUnlocked || v.UnlockedBy != carl.ID {
			t.Fatalf("consume again: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a user without credits cannot consume a new record", func(t *testing.T) {
		resp := a.as(t, danaC, a.consume, "POST /credits/consume", "", `{"reference":"rec-2"}`, nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "insufficient_credits" || !strings.Contains(resp.Body, `"available":0`) {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		if u := a.getUnlock(t, danaC, "rec-2"); u.Unlocked {
			t.Fatal("a refused consumption unlocked the record")
		}
	})
	t.Run("a user holding credits cannot be deactivated", func(t *testing.T) {
		resp := a.as(t, admin, a.deactivate, "POST /users/{id}/deactivate", carl.ID, "", nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "unused_credits" || !strings.Contains(resp.Body, `"balance":7`) ||
			!strings.Contains(resp.Body, "transfer them") {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("credits transferred back, the user is deactivated and the unlock stays", func(t *testing.T) {
		a.mustTransfer(t, carl.ID, "company", 7)
		if resp := a.as(t, admin, a.deactivate, "POST /users/{id}/deactivate", carl.ID, "", nil); resp.StatusCode != 200 {
			t.Fatalf("deactivate: %d %s", resp.StatusCode, resp.Body)
		}
		if u := a.getUnlock(t, danaC, "rec-1"); !u.Unlocked || u.UnlockedBy != carl.ID {
			t.Fatalf("unlock after deactivation: %+v", u)
		}
	})
	t.Run("a deactivated user receives nothing", func(t *testing.T) {
		resp := a.as(t, admin, a.transfer, "POST /credits/transfers", "", `{"from":"company","to":"`+carl.ID+`","amount":1}`, nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "recipient_inactive" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a user who consumed cannot be purged", func(t *testing.T) {
		resp := a.query(t, admin, a.remove, "DELETE /users/{id}", carl.ID, map[string]string{"purge": "true"})
		if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "credits_consumed" || !strings.Contains(resp.Body, "deactivate") {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a user who never consumed may be purged, which frees the email", func(t *testing.T) {
		a.mustTransfer(t, "company", dana.ID, 2)
		a.mustTransfer(t, dana.ID, "company", 2)
		if resp := a.query(t, admin, a.remove, "DELETE /users/{id}", dana.ID, map[string]string{"purge": "true"}); resp.StatusCode != 204 {
			t.Fatalf("purge: %d %s", resp.StatusCode, resp.Body)
		}
		a.createActive(t, "dana@acme.example", "agent", a.rootID)
	})
	t.Run("balances: the company's and the caller's; every user's for administrators", func(t *testing.T) {
		var v api.CreditsView
		_ = json.Unmarshal([]byte(a.query(t, admin, a.overview, "GET /credits", "", nil).Body), &v)
		if v.CompanyBalance != 147 || len(v.Items) != 3 || v.NextCursor != "" { // admin, carl, the new dana (the first was purged)
			t.Fatalf("admin overview: %+v", v)
		}
		var names []string
		for cursor := ""; ; {
			var p api.CreditsView
			resp := a.query(t, admin, a.overview, "GET /credits", "", map[string]string{"limit": "2", "cursor": cursor})
			if err := json.Unmarshal([]byte(resp.Body), &p); err != nil || resp.StatusCode != 200 || p.CompanyBalance != 147 {
				t.Fatalf("page after %q: %d %s", cursor, resp.StatusCode, resp.Body)
			}
			for _, u := range p.Items {
				names = append(names, u.LastName+","+u.FirstName)
			}
			if cursor = p.NextCursor; cursor == "" {
				break
			}
		}
		if len(names) != 3 || !slices.IsSortedFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
			t.Fatalf("pages of two: %v", names)
		}
		if resp := a.query(t, admin, a.overview, "GET /credits", "", map[string]string{"cursor": "bm90LWEta2V5"}); resp.StatusCode != 400 {
			t.Fatalf("a foreign cursor: %d %s", resp.StatusCode, resp.Body)
		}
		v = api.CreditsView{}
		_ = json.Unmarshal([]byte(a.query(t, carlC, a.overview, "GET /credits", "", nil).Body), &v)
		if v.CompanyBalance != 147 || v.Items != nil {
			t.Fatalf("user overview: %+v", v)
		}
	})
	t.Run("a user reads their own history; an administrator anyone's; nobody else", func(t *testing.T) {
		var v api.UserCreditsView
		resp := a.query(t, carlC, a.userCredits, "GET /users/{id}/credits", carl.ID, map[string]string{"limit": "2"})
		_ = json.Unmarshal([]byte(resp.Body), &v)
		if resp.StatusCode != 200 || v.Balance != 0 || v.Consumed != 3 || len(v.Items) != 2 || v.Items[0].Kind != "transfer" || v.NextCursor == "" {
			t.Fatalf("own history: %d %s", resp.StatusCode, resp.Body)
		}
		resp = a.query(t, admin, a.userCredits, "GET /users/{id}/credits", carl.ID, map[string]string{"cursor": v.NextCursor})
		v = api.UserCreditsView{}
		_ = json.Unmarshal([]byte(resp.Body), &v)
		if resp.StatusCode != 200 || len(v.Items) != 1 || v.Items[0].Kind != "transfer" || v.Items[0].To != carl.ID || v.NextCursor != "" {
			t.Fatalf("second page: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := a.query(t, carlC, a.userCredits, "GET /users/{id}/credits", a.adminID, nil); resp.StatusCode != 403 {
			t.Fatalf("a user read another's history: %d", resp.StatusCode)
		}
		if resp := a.query(t, admin, a.userCredits, "GET /users/{id}/credits", "nobody", nil); resp.StatusCode != 404 {
			t.Fatalf("an unknown user's history: %d", resp.StatusCode)
		}
	})
	t.Run("the ledger filters by user, kind and time", func(t *testing.T) {
		page := func(q map[string]string) api.Page[api.LedgerEntryView] {
			var p api.Page[api.LedgerEntryView]
			resp := a.query(t, admin, a.ledger, "GET /credits/ledger", "", q)
			if resp.StatusCode != 200 {
				t.Fatalf("ledger %v: %d %s", q, resp.StatusCode, resp.Body)
			}
			_ = json.Unmarshal([]byte(resp.Body), &p)
			return p
		}
		if p := page(nil); len(p.Items) != 7 {
			t.Fatalf("whole ledger: %d entries", len(p.Items))
		}
		if p := page(map[string]string{"kind": "grant"}); len(p.Items) != 2 {
			t.Fatalf("grants: %+v", p.Items)
		}
		if p := page(map[string]string{"user": carl.ID, "kind": "consume"}); len(p.Items) != 1 || p.Items[0].Reference != "rec-1" {
			t.Fatalf("carl's consumptions: %+v", p.Items)
		}
		if p := page(map[string]string{"to": "2000-01-01T00:00:00Z"}); len(p.Items) != 0 {
			t.Fatalf("entries before 2000: %+v", p.Items)
		}
		if resp := a.query(t, carlC, a.ledger, "GET /credits/ledger", "", nil); resp.StatusCode != 403 {
			t.Fatalf("a user read the ledger: %d", resp.StatusCode)
		}
		if resp := a.query(t, admin, a.ledger, "GET /credits/ledger", "", map[string]string{"kind": "gift"}); resp.StatusCode != 400 {
			t.Fatalf("an unknown kind: %d", resp.StatusCode)
		}
	})
}

func TestCreditsBadInput(t *testing.T) {
	a := newCreditsApp(t)
	admin := a.adminCaller()
	carl := a.createActive(t, "carl@acme.example", "agent", a.rootID)
	manager := a.createActive(t, "mona@acme.example", "manager", a.rootID)
	a.mustGrant(t, 20)
	a.mustTransfer(t, "company", carl.ID, 5)
	// A real second organisation in the same table, with a user who holds
	// credits: were the organisation ignored, the transfer would find them.
	other := a.secondOrg(t)
	resp := a.as(t, other, a.createUser, "POST /users", "", `{"email":"sam@other.example","firstName":"Sam","lastName":"Other",
	  "passwordOption":"set","password":"a long enough password","roles":[{"role":"agent","groupId":"`+other.Grants[0].GroupID+`"}]}`, nil)
	if resp.StatusCode != 201 {
		t.Fatalf("create a user in the second organisation: %d %s", resp.StatusCode, resp.Body)
	}
	var stranger api.UserView
	_ = json.Unmarshal([]byte(resp.Body), &stranger)

	transfer := func(from, to, amount string) string {
		return `{"from":"` + from + `","to":"` + to + `","amount":` + amount + `}`
	}
	tests := []struct {
		name   string
		caller roster.Caller
		h      api.LambdaHandler
		route  string
		body   string
		status int
		code   string
	}{
		{"a zero amount", admin, a.transfer, "POST /credits/transfers", transfer("company", carl.ID, "0"), 400, "validation_failed"},
		{"a negative amount", admin, a.transfer, "POST /credits/transfers", transfer("company", carl.ID, "-3"), 400, "validation_failed"},
		{"a fractional amount", admin, a.transfer, "POST /credits/transfers", transfer("company", carl.ID, "1.5"), 400, "validation_failed"},
		{"an absurd amount", admin, a.transfer, "POST /credits/transfers", transfer("company", carl.ID, "1000001"), 400, "validation_failed"},
		{"an amount as a string", admin, a.transfer, "POST /credits/transfers", transfer("company", carl.ID, `"5"`), 400, "validation_failed"},
		{"no amount", admin, a.transfer, "POST /credits/transfers", `{"from":"company","to":"` + carl.ID + `"}`, 400, "validation_failed"},
		{"a transfer to oneself", admin, a.transfer, "POST /credits/transfers", transfer(carl.ID, carl.ID, "1"), 400, "validation_failed"},
		{"company to company", admin, a.transfer, "POST /credits/transfers", transfer("company", "company", "1"), 400, "validation_failed"},
		{"an unknown recipient", admin, a.transfer, "POST /credits/transfers", transfer("company", "nobody", "1"), 404, "not_found"},
		{"an unknown source", admin, a.transfer, "POST /credits/transfers", transfer("nobody", carl.ID, "1"), 404, "not_found"},
		{"a user of another organisation", admin, a.transfer, "POST /credits/transfers", transfer("company", stranger.ID, "1"), 404, "not_found"},
		{"more than the source holds", admin, a.transfer, "POST /credits/transfers", transfer(carl.ID, "company", "6"), 409, "insufficient_credits"},
		{"a manager moving credits", callerOf(a, manager), a.transfer, "POST /credits/transfers", transfer("company", carl.ID, "1"), 403, "forbidden"},
		{"a user moving their own credits", callerOf(a, carl), a.transfer, "POST /credits/transfers", transfer(carl.ID, "company", "1"), 403, "forbidden"},
		{"a manager granting", callerOf(a, manager), a.grant, "POST /credits/grants", `{"amount":5}`, 403, "forbidden"},
		{"a fractional grant", admin, a.grant, "POST /credits/grants", `{"amount":0.5}`, 400, "validation_failed"},
		{"an absurd grant", admin, a.grant, "POST /credits/grants", `{"amount":1e9}`, 400, "validation_failed"},
		{"a consumption of zero", callerOf(a, carl), a.consume, "POST /credits/consume", `{"reference":"r","amount":0}`, 400, "validation_failed"},
		{"a consumption without a reference", callerOf(a, carl), a.consume, "POST /credits/consume", `{"amount":1}`, 400, "validation_failed"},
		{"a reference with a slash", callerOf(a, carl), a.consume, "POST /credits/consume", `{"reference":"a/b"}`, 400, "validation_failed"},
		{"a consumption beyond the balance", callerOf(a, carl), a.consume, "POST /credits/consume", `{"reference":"big","amount":6}`, 409, "insufficient_credits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := a.as(t, tt.caller, tt.h, tt.route, "", tt.body, nil)
			if code, _ := problemCode(t, resp); resp.StatusCode != tt.status || code != tt.code {
				t.Fatalf("got %d %s, want %d %s", resp.StatusCode, resp.Body, tt.status, tt.code)
			}
			if c, u := a.balance(t, "company"), a.balance(t, carl.ID); c != 15 || u != 5 {
				t.Fatalf("a refused request moved credits: company %d, carl %d", c, u)
			}
		})
	}
	t.Run("an insufficient balance names what is available", func(t *testing.T) {
		resp := a.as(t, admin, a.transfer, "POST /credits/transfers", "", transfer(carl.ID, "company", "6"), nil)
		if !strings.Contains(resp.Body, `"available":5`) {
			t.Fatal(resp.Body)
		}
	})
	t.Run("the operator route needs the operator key", func(t *testing.T) {
		ev := event("POST /orgs/{id}/credits/grants", `{"amount":5}`, map[string]string{api.OperatorKeyHeader: "guess"})
		ev.PathParameters = map[string]string{"id": a.orgID}
		resp, _ := a.grantOrg(context.Background(), ev)
		if code, _ := problemCode(t, resp); resp.StatusCode != 401 || code != "invalid_operator_key" || a.balance(t, "company") != 15 {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
}

func TestCreditRetriesMoveNothingTwice(t *testing.T) {
	a := newCreditsApp(t)
	admin := a.adminCaller()
	carl := a.createActive(t, "carl@acme.example", "agent", a.rootID)
	key := func(k string) map[string]string { return map[string]string{api.IdempotencyKeyHeader: k} }
	body := `{"from":"company","to":"` + carl.ID + `","amount":4}`

	grant := `{"amount":10}`
	g1 := a.as(t, admin, a.grant, "POST /credits/grants", "", grant, key("g-1"))
	g2 := a.as(t, admin, a.grant, "POST /credits/grants", "", grant, key("g-1"))
	if g1.StatusCode != 201 || g2.StatusCode != 201 || g2.Body != g1.Body || g2.Headers["Idempotent-Replayed"] != "true" {
		t.Fatalf("grant retried: %d %d %v", g1.StatusCode, g2.StatusCode, g2.Headers)
	}
	first := a.as(t, admin, a.transfer, "POST /credits/transfers", "", body, key("t-1"))
	again := a.as(t, admin, a.transfer, "POST /credits/transfers", "", body, key("t-1"))
	if first.StatusCode != 201 || again.StatusCode != 201 || again.Body != first.Body || again.Headers["Idempotent-Replayed"] != "true" {
		t.Fatalf("transfer retried: %d %d %s", first.StatusCode, again.StatusCode, again.Body)
	}
	if c, u := a.balance(t, "company"), a.balance(t, carl.ID); c != 6 || u != 4 {
		t.Fatalf("after retries: company %d, carl %d", c, u)
	}
	t.Run("the same key with another body is 422 and moves nothing", func(t *testing.T) {
		resp := a.as(t, admin, a.transfer, "POST /credits/transfers", "", strings.Replace(body, `"amount":4`, `"amount":5`, 1), key("t-1"))
		if code, _ := problemCode(t, resp); resp.StatusCode != 422 || code != "idempotency_key_reused" || a.balance(t, carl.ID) != 4 {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a retried consumption charges once", func(t *testing.T) {
		c := callerOf(a, carl)
		r1 := a.as(t, c, a.consume, "POST /credits/consume", "", `{"reference":"rec-9","amount":2}`, key("c-1"))
		r2 := a.as(t, c, a.consume, "POST /credits/consume", "", `{"reference":"rec-9","amount":2}`, key("c-1"))
		if r1.StatusCode != 200 || r2.Body != r1.Body || a.balance(t, carl.ID) != 2 {
			t.Fatalf("consume retried: %s / %s, balance %d", r1.Body, r2.Body, a.balance(t, carl.ID))
		}
	})
	t.Run("the operator's key is per organisation", func(t *testing.T) {
		body := strings.NewReplacer("Ann@Acme.example", "ola@other.example", "Acme Supply", "Other").Replace(orgBody)
		resp := a.call(t, a.createOrg, "POST /orgs", body, map[string]string{api.OperatorKeyHeader: operatorKey})
		var other api.OrganisationView
		if err := json.Unmarshal([]byte(resp.Body), &other); err != nil || resp.StatusCode != 201 {
			t.Fatalf("second organisation: %d %s", resp.StatusCode, resp.Body)
		}
		for _, org := range []string{a.orgID, other.ID} {
			ev := event("POST /orgs/{id}/credits/grants", `{"amount":3}`, map[string]string{api.OperatorKeyHeader: operatorKey, api.IdempotencyKeyHeader: "o-1"})
			ev.PathParameters, ev.RawPath = map[string]string{"id": org}, "/orgs/"+org+"/credits/grants"
			resp, _ := a.grantOrg(context.Background(), ev)
			if resp.StatusCode != 201 || resp.Headers["Idempotent-Replayed"] != "" {
				t.Fatalf("grant to %s: %d %s %v", org, resp.StatusCode, resp.Body, resp.Headers)
			}
		}
	})
	t.Run("a refusal that depends on the balance is not kept: after a top-up the retry goes through, once", func(t *testing.T) {
		over := strings.Replace(body, `"amount":4`, `"amount":400`, 1)
		r1 := a.as(t, admin, a.transfer, "POST /credits/transfers", "", over, key("t-2"))
		if r1.StatusCode != 409 || a.balance(t, carl.ID) != 2 {
			t.Fatalf("without enough: %d %s", r1.StatusCode, r1.Body)
		}
		a.mustGrant(t, 1000)
		r2 := a.as(t, admin, a.transfer, "POST /credits/transfers", "", over, key("t-2"))
		r3 := a.as(t, admin, a.transfer, "POST /credits/transfers", "", over, key("t-2"))
		if r2.StatusCode != 201 || r2.Headers["Idempotent-Replayed"] != "" || r3.StatusCode != 201 || r3.Headers["Idempotent-Replayed"] != "true" || a.balance(t, carl.ID) != 402 {
			t.Fatalf("got %d then %d (%v), balance %d", r2.StatusCode, r3.StatusCode, r3.Headers, a.balance(t, carl.ID))
		}
	})
}

func operatorKeyHash() string {
	sum := sha256.Sum256([]byte(operatorKey))
	return hex.EncodeToString(sum[:])
}

// TestDeactivationRacesTransfers runs a transfer to a user and their
// deactivation at once, many times: whichever wins, no deactivated user is
// left holding credits.
func TestDeactivationRacesTransfers(t *testing.T) {
	a := newCreditsApp(t)
	admin := a.adminCaller()
	a.mustGrant(t, 100)
	for i := range 8 {
		u := a.createActive(t, fmt.Sprintf("race%d@acme.example", i), "agent", a.rootID)
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			ev := withCaller(event("POST /credits/transfers", `{"from":"company","to":"`+u.ID+`","amount":1}`, nil), admin, "")
			_, _ = a.transfer(context.Background(), ev)
		}()
		go func() {
			defer wg.Done()
			_, _ = a.deactivate(context.Background(), withCaller(event("POST /users/{id}/deactivate", "", nil), admin, u.ID))
		}()
		wg.Wait()
		got, err := a.store.User(context.Background(), a.orgID, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if b := a.balance(t, u.ID); got.Status == roster.UserDeactivated && b != 0 {
			t.Fatalf("round %d: a deactivated user holds %d credits", i, b)
		}
	}
}

func TestSoftDeleteNeedsAnEmptyBalanceToo(t *testing.T) {
	a := newCreditsApp(t)
	dan := a.createActive(t, "dan@acme.example", "agent", a.rootID)
	a.mustGrant(t, 10)
	a.mustTransfer(t, "company", dan.ID, 4)
	resp := a.as(t, a.adminCaller(), a.remove, "DELETE /users/{id}", dan.ID, "", nil)
	if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "unused_credits" {
		t.Fatalf("soft delete of a user holding credits: %d %s", resp.StatusCode, resp.Body)
	}
	a.mustTransfer(t, dan.ID, "company", 4)
	if resp := a.as(t, a.adminCaller(), a.remove, "DELETE /users/{id}", dan.ID, "", nil); resp.StatusCode != 204 {
		t.Fatalf("soft delete after the credits went back: %d %s", resp.StatusCode, resp.Body)
	}
}

func TestLongCursorsAndFiltersAre400(t *testing.T) {
	a := newCreditsApp(t)
	admin := a.adminCaller()
	long := base64.RawURLEncoding.EncodeToString([]byte(strings.Repeat("x", 1100)))
	for name, q := range map[string]map[string]string{
		"a cursor over 200 bytes":     {"cursor": long},
		"a user filter that is no id": {"user": strings.Repeat("é", 40)},
	} {
		t.Run(name, func(t *testing.T) {
			resp := a.query(t, admin, a.ledger, "GET /credits/ledger", "", q)
			if resp.StatusCode != 400 {
				t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
			}
		})
	}
}
