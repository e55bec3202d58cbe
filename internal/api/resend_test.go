package api_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
	"time"
)

func TestResendInvitationAndAudit(t *testing.T) {
	a := newLifecycleApp(t)
	admin := a.adminCaller()
	l := users.NewLifecycle(a.store, users.NewReader(a.store, time.Now), claimReleaser(a.store))
	resend := api.Authenticated(a.log, api.ResendInvitation(l, a.sender))
	audit := api.Authenticated(a.log, api.ListAuditEvents(a.store))

	resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"eve@acme.example","firstName":"Eve","lastName":"E","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
	var eve api.UserView
	_ = json.Unmarshal([]byte(resp.Body), &eve)
	first := invitationToken(t, a.mail.last())

	t.Run("a resend sends a new link and kills the old one", func(t *testing.T) {
		if resp := a.as(t, admin, resend, "POST /users/{id}/invitation", eve.ID, "", nil); resp.StatusCode != 202 {
			t.Fatalf("resend: %d %s", resp.StatusCode, resp.Body)
		}
		second := invitationToken(t, a.mail.last())
		if second == first {
			t.Fatal("the resend carried the same link")
		}
		if r := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+first+`","password":"eve's own password"}`, nil); r.StatusCode != 410 {
			t.Fatalf("the old link after a resend: %d", r.StatusCode)
		}
		if r := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+second+`","password":"eve's own password"}`, nil); r.StatusCode != 200 {
			t.Fatalf("the new link: %d %s", r.StatusCode, r.Body)
		}
	})
	t.Run("an accepted invitation is not resent", func(t *testing.T) {
		resp := a.as(t, admin, resend, "POST /users/{id}/invitation", eve.ID, "", nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "invitation_accepted" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("resends are limited per hour", func(t *testing.T) {
		resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"fay@acme.example","firstName":"Fay","lastName":"F","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
		var fay api.UserView
		_ = json.Unmarshal([]byte(resp.Body), &fay)
		for i := range roster.MaxResendsPerHour {
			if r := a.as(t, admin, resend, "POST /users/{id}/invitation", fay.ID, "", nil); r.StatusCode != 202 {
				t.Fatalf("resend %d: %d %s", i+1, r.StatusCode, r.Body)
			}
		}
		r := a.as(t, admin, resend, "POST /users/{id}/invitation", fay.ID, "", nil)
		if code, _ := problemCode(t, r); r.StatusCode != 429 || code != "too_many_resends" || r.Headers["Retry-After"] == "" {
			t.Fatalf("one resend too many: %d %s", r.StatusCode, r.Body)
		}
	})
	t.Run("the audit trail shows who did what, newest first, to admins only", func(t *testing.T) {
		var page api.Page[api.AuditEventView]
		resp := a.as(t, admin, audit, "GET /audit-events", "", "", nil)
		_ = json.Unmarshal([]byte(resp.Body), &page)
		if resp.StatusCode != 200 || len(page.Items) < 5 || page.Items[0].Type != "user.invitation_resent" || page.Items[0].ActorID != a.adminID {
			t.Fatalf("audit: %d %+v", resp.StatusCode, page.Items)
		}
		e := event("GET /audit-events", "", nil)
		e.QueryStringParameters = map[string]string{"user": eve.ID, "type": "user.created"}
		cctx, _ := api.CallerContext(admin)
		e.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
		filtered, _ := audit(t.Context(), e)
		a.spec.checkResponse(t, "GET /audit-events", filtered)
		_ = json.Unmarshal([]byte(filtered.Body), &page)
		if len(page.Items) != 1 || page.Items[0].After["email"] != "eve@acme.example" {
			t.Fatalf("filtered: %+v", page.Items)
		}
		query := func(q map[string]string) events.APIGatewayV2HTTPResponse {
			e := event("GET /audit-events", "", nil)
			e.QueryStringParameters = q
			e.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
			r, _ := audit(t.Context(), e)
			a.spec.checkResponse(t, "GET /audit-events", r)
			return r
		}
		var all []string
		for q := (map[string]string{"limit": "2"}); ; {
			var p api.Page[api.AuditEventView]
			_ = json.Unmarshal([]byte(query(q).Body), &p)
			for _, e := range p.Items {
				all = append(all, e.ID)
			}
			if p.NextCursor == "" || len(all) > 100 {
				break
			}
			q = map[string]string{"limit": "2", "cursor": p.NextCursor}
		}
		if !slices.IsSortedFunc(all, func(x, y string) int { return strings.Compare(y, x) }) || len(all) < 5 || len(slices.Compact(slices.Clone(all))) != len(all) {
			t.Fatalf("pages of 2, newest first, each event once: %v", all)
		}
		if r := query(map[string]string{"subject": eve.ID, "actor": a.adminID}); !strings.Contains(r.Body, eve.ID) || r.StatusCode != 200 {
			t.Fatalf("by subject and actor: %d %s", r.StatusCode, r.Body)
		}
		for _, bad := range []map[string]string{{"cursor": "bm90LWFuLWlk"}, {"user": eve.ID, "subject": "someone-else"}, {"actor": strings.Repeat("x", 201)}} {
			if r := query(bad); r.StatusCode != 400 {
				t.Fatalf("%v: %d %s", bad, r.StatusCode, r.Body)
			}
		}
		manager := roster.Caller{OrgID: a.orgID, UserID: "m", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: a.rootID}}}
		if resp := a.as(t, manager, audit, "GET /audit-events", "", "", nil); resp.StatusCode != 403 {
			t.Fatalf("a manager reading the audit trail: %d", resp.StatusCode)
		}
	})
}
