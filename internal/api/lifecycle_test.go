package api_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

// claimReleaser is what the deactivate and delete functions wire in.
func claimReleaser(store *dynamo.Store) users.ClaimReleaser {
	return &conversations.Service{Store: store, Now: time.Now}
}

type lifecycleApp struct {
	*usersApp
	deactivate, activate, undelete, remove api.LambdaHandler
}

func newLifecycleApp(t *testing.T) *lifecycleApp {
	t.Helper()
	u := newUsersApp(t)
	l := users.NewLifecycle(u.store, users.NewReader(u.store, time.Now), claimReleaser(u.store))
	return &lifecycleApp{usersApp: u,
		deactivate: api.Authenticated(u.log, api.ChangeUserStatus(l, roster.Deactivate, nil)),
		activate:   api.Authenticated(u.log, api.ChangeUserStatus(l, roster.Activate, u.sender)),
		undelete:   api.Authenticated(u.log, api.ChangeUserStatus(l, roster.Undelete, nil)),
		remove:     api.Authenticated(u.log, api.DeleteUser(l)),
	}
}

// createActive makes a user with a password who can sign in at once.
func (a *lifecycleApp) createActive(t *testing.T, email, role, group string) api.UserView {
	t.Helper()
	resp := a.as(t, a.adminCaller(), a.createUser, "POST /users", "", `{"email":"`+email+`","firstName":"F","lastName":"`+email+`",
	  "passwordOption":"set","password":"a long enough password","roles":[{"role":"`+role+`","groupId":"`+group+`"}]}`, nil)
	if resp.StatusCode != 201 {
		t.Fatalf("create %s: %d %s", email, resp.StatusCode, resp.Body)
	}
	var u api.UserView
	_ = json.Unmarshal([]byte(resp.Body), &u)
	return u
}

func (a *lifecycleApp) signIn(t *testing.T, email string) (events.APIGatewayV2HTTPResponse, auth.Tokens) {
	t.Helper()
	resp := a.call(t, a.login, "POST /auth/login", `{"email":"`+email+`","password":"a long enough password"}`, nil)
	var tok auth.Tokens
	_ = json.Unmarshal([]byte(resp.Body), &tok)
	return resp, tok
}

func status(t *testing.T, resp events.APIGatewayV2HTTPResponse) string {
	t.Helper()
	var u api.UserView
	_ = json.Unmarshal([]byte(resp.Body), &u)
	return u.Status
}

func TestLifecycle(t *testing.T) {
	a := newLifecycleApp(t)
	admin := a.adminCaller()
	carl := a.createActive(t, "carl@acme.example", "agent", a.rootID)
	_, tok := a.signIn(t, "carl@acme.example")

	t.Run("a deactivated user is refused at sign-in and at the authorizer", func(t *testing.T) {
		resp := a.as(t, admin, a.deactivate, "POST /users/{id}/deactivate", carl.ID, "", nil)
		if resp.StatusCode != 200 || status(t, resp) != "deactivated" {
			t.Fatalf("deactivate: %d %s", resp.StatusCode, resp.Body)
		}
		if r, _ := a.signIn(t, "carl@acme.example"); r.StatusCode != 401 {
			t.Fatalf("sign in while deactivated: %d", r.StatusCode)
		}
		if _, ok := a.authorized(t, a.getMe, "GET /me", tok.AccessToken); ok {
			t.Fatal("a deactivated user's token passes the authorizer")
		}
		if r := a.call(t, a.refresh, "POST /auth/refresh", `{"refreshToken":"`+tok.RefreshToken+`"}`, nil); r.StatusCode != 401 {
			t.Fatalf("refresh while deactivated: %d", r.StatusCode)
		}
	})
	t.Run("deactivating twice changes nothing and succeeds", func(t *testing.T) {
		if resp := a.as(t, admin, a.deactivate, "POST /users/{id}/deactivate", carl.ID, "", nil); resp.StatusCode != 200 {
			t.Fatalf("got %d", resp.StatusCode)
		}
	})
	t.Run("reactivated, they sign in again", func(t *testing.T) {
		resp := a.as(t, admin, a.activate, "POST /users/{id}/activate", carl.ID, "", nil)
		if resp.StatusCode != 200 || status(t, resp) != "active" {
			t.Fatalf("activate: %d %s", resp.StatusCode, resp.Body)
		}
		if r, _ := a.signIn(t, "carl@acme.example"); r.StatusCode != 200 {
			t.Fatalf("sign in after activation: %d", r.StatusCode)
		}
	})
	t.Run("deleted, they vanish from lists and cannot sign in; undeleted, they are back as they were", func(t *testing.T) {
		if resp := a.as(t, admin, a.remove, "DELETE /users/{id}", carl.ID, "", nil); resp.StatusCode != 204 {
			t.Fatalf("delete: %d %s", resp.StatusCode, resp.Body)
		}
		if r, _ := a.signIn(t, "carl@acme.example"); r.StatusCode != 401 {
			t.Fatalf("sign in while deleted: %d", r.StatusCode)
		}
		list := a.as(t, admin, a.listUsers, "GET /users", "", "", nil)
		if strings.Contains(list.Body, carl.ID) {
			t.Fatal("a deleted user is listed")
		}
		ev := func(status string) string {
			e := event("GET /users", "", nil)
			e.QueryStringParameters = map[string]string{"status": status}
			cctx, _ := api.CallerContext(admin)
			e.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
			resp, _ := a.listUsers(t.Context(), e)
			return resp.Body
		}
		if !strings.Contains(ev("deleted"), carl.ID) {
			t.Fatal("status=deleted does not list the deleted user")
		}
		if resp := a.as(t, admin, a.deactivate, "POST /users/{id}/deactivate", carl.ID, "", nil); resp.StatusCode != 409 {
			t.Fatalf("deactivating a deleted user: %d", resp.StatusCode)
		}
		if resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"carl@acme.example","firstName":"C","lastName":"C","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil); resp.StatusCode != 409 {
			t.Fatalf("the email of a deleted user was reused: %d", resp.StatusCode)
		}
		resp := a.as(t, admin, a.undelete, "POST /users/{id}/undelete", carl.ID, "", nil)
		if resp.StatusCode != 200 || status(t, resp) != "active" {
			t.Fatalf("undelete: %d %s", resp.StatusCode, resp.Body)
		}
		if r, _ := a.signIn(t, "carl@acme.example"); r.StatusCode != 200 {
			t.Fatalf("sign in after undelete: %d", r.StatusCode)
		}
		if resp := a.as(t, admin, a.undelete, "POST /users/{id}/undelete", carl.ID, "", nil); resp.StatusCode != 409 {
			t.Fatalf("undeleting a user who is not deleted: %d", resp.StatusCode)
		}
	})
	t.Run("purging frees the email", func(t *testing.T) {
		if resp := a.as(t, admin, a.remove, "DELETE /users/{id}", carl.ID, "", nil); resp.StatusCode != 204 {
			t.Fatal(resp.Body)
		}
		e := event("DELETE /users/{id}", "", nil)
		e.PathParameters = map[string]string{"id": carl.ID}
		e.QueryStringParameters = map[string]string{"purge": "true"}
		cctx, _ := api.CallerContext(admin)
		e.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
		if resp, _ := a.remove(t.Context(), e); resp.StatusCode != 204 {
			t.Fatalf("purge: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := a.as(t, admin, a.getUser, "GET /users/{id}", carl.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("a purged user is readable: %d", resp.StatusCode)
		}
		a.createActive(t, "carl@acme.example", "agent", a.rootID)
	})
}

func TestLifecycleRefusals(t *testing.T) {
	a := newLifecycleApp(t)
	admin := a.adminCaller()
	north := a.mustCreate(t, admin, "North", "location", a.rootID)
	south := a.mustCreate(t, admin, "South", "location", a.rootID)
	dora := a.createActive(t, "dora@acme.example", "agent", south.ID)
	boss := a.createActive(t, "boss@acme.example", "admin", north.ID)
	northManager := roster.Caller{OrgID: a.orgID, UserID: "m", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: north.ID}}}
	agent := roster.Caller{OrgID: a.orgID, UserID: "ag", Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: a.rootID}}}

	for _, tc := range []struct {
		name   string
		caller roster.Caller
		h      api.LambdaHandler
		route  string
		id     string
		status int
		code   string
	}{
		{"a manager of North cannot deactivate a user of South", northManager, a.deactivate, "POST /users/{id}/deactivate", dora.ID, 404, ""},
		{"a manager cannot deactivate an admin", northManager, a.deactivate, "POST /users/{id}/deactivate", boss.ID, 403, "target_is_admin"},
		{"an agent, who cannot see other users, gets 404", agent, a.deactivate, "POST /users/{id}/deactivate", dora.ID, 404, ""},
		{"nobody deactivates themself here", admin, a.deactivate, "POST /users/{id}/deactivate", a.adminID, 403, "self"},
		{"an unknown user is 404", admin, a.deactivate, "POST /users/{id}/deactivate", "nobody", 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := a.as(t, tc.caller, tc.h, tc.route, tc.id, "", nil)
			code, _ := problemCode(t, resp)
			if resp.StatusCode != tc.status || tc.code != "" && code != tc.code {
				t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
			}
		})
	}
	t.Run("the last organisation administrator cannot be deactivated or deleted", func(t *testing.T) {
		second := a.createActive(t, "second@acme.example", "admin", a.rootID)
		secondCaller := roster.Caller{OrgID: a.orgID, UserID: second.ID, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: a.rootID}}}
		// Two admins deactivate each other at once: exactly one may win.
		var wg sync.WaitGroup
		results := make([]int, 2)
		for i, pair := range [][2]any{{admin, second.ID}, {secondCaller, a.adminID}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, _ := a.deactivate(t.Context(), withCaller(event("POST /users/{id}/deactivate", "", nil), pair[0].(roster.Caller), pair[1].(string)))
				results[i] = resp.StatusCode
			}()
		}
		wg.Wait()
		if !(results[0] == 200 && results[1] == 409 || results[0] == 409 && results[1] == 200) {
			t.Fatalf("concurrent deactivations of the last two admins: %v", results)
		}
	})
	t.Run("a user created inactive is invited when activated", func(t *testing.T) {
		resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"later@acme.example","firstName":"L","lastName":"L","active":false,"roles":[{"role":"viewer","groupId":"`+north.ID+`"}]}`, nil)
		var u api.UserView
		_ = json.Unmarshal([]byte(resp.Body), &u)
		before := len(a.mail.sent)
		resp = a.as(t, admin, a.activate, "POST /users/{id}/activate", u.ID, "", nil)
		if resp.StatusCode != 200 || status(t, resp) != "invited" || len(a.mail.sent) != before+1 || a.mail.last().To[0] != "later@acme.example" {
			t.Fatalf("activate: %d %s; %d mails", resp.StatusCode, resp.Body, len(a.mail.sent)-before)
		}
		if !strings.Contains(resp.Body, `"state":"pending"`) {
			t.Fatalf("invitation not pending after activation: %s", resp.Body)
		}
	})
}

func withCaller(e events.APIGatewayV2HTTPRequest, c roster.Caller, id string) events.APIGatewayV2HTTPRequest {
	e.PathParameters = map[string]string{"id": id}
	cctx, _ := api.CallerContext(c)
	e.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
	return e
}
