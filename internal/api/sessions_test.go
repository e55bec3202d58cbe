package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

const (
	firefoxUA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
	iphoneUA  = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)

type sessionsApp struct {
	*usersApp
	listMine, endMine, endUsers, listUsers api.LambdaHandler
	otherAdmin                             *roster.Caller
}

func newSessionsApp(t *testing.T) *sessionsApp {
	t.Helper()
	u := newUsersApp(t)
	l := users.NewLifecycle(u.store, users.NewReader(u.store, time.Now), &conversations.Service{Store: u.store, Now: time.Now})
	return &sessionsApp{usersApp: u,
		listMine:  api.Authenticated(u.log, api.ListMySessions(u.authSvc)),
		endMine:   api.Authenticated(u.log, api.EndMySession(u.authSvc)),
		endUsers:  api.Authenticated(u.log, api.EndUserSessions(l)),
		listUsers: api.Authenticated(u.log, api.ListUserSessions(l)),
	}
}

// signIn signs email in from a device and returns its tokens.
func (a *sessionsApp) signIn(t *testing.T, email, password, userAgent string) auth.Tokens {
	t.Helper()
	resp := a.call(t, a.login, "POST /auth/login", `{"email":"`+email+`","password":"`+password+`"}`, map[string]string{"user-agent": userAgent})
	if resp.StatusCode != 200 {
		t.Fatalf("sign in %s: %d %s", email, resp.StatusCode, resp.Body)
	}
	var tok auth.Tokens
	_ = json.Unmarshal([]byte(resp.Body), &tok)
	return tok
}

// with runs h behind the real authorizer with token, as the gateway would;
// ok is false when the authorizer refuses the token.
func (a *sessionsApp) with(t *testing.T, token string, h api.LambdaHandler, routeKey, id string, query map[string]string) (events.APIGatewayV2HTTPResponse, bool) {
	t.Helper()
	dec, err := a.authorizer(context.Background(), events.APIGatewayV2CustomAuthorizerV2Request{
		Type: "REQUEST", RouteKey: routeKey, Headers: map[string]string{"authorization": "Bearer " + token},
	})
	if err != nil {
		t.Fatalf("authorizer error: %v", err)
	}
	if !dec.IsAuthorized {
		return events.APIGatewayV2HTTPResponse{}, false
	}
	ev := event(routeKey, "", nil)
	if id != "" {
		ev.PathParameters = map[string]string{"id": id}
		ev.RawPath = strings.Replace(ev.RawPath, "{id}", id, 1)
	}
	ev.QueryStringParameters = query
	ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: dec.Context}
	resp, err := h(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	a.spec.checkResponse(t, routeKey, resp)
	return resp, true
}

func (a *sessionsApp) sessions(t *testing.T, token string, query map[string]string) api.Page[api.SessionView] {
	t.Helper()
	resp, ok := a.with(t, token, a.listMine, "GET /me/sessions", "", query)
	if !ok || resp.StatusCode != 200 {
		t.Fatalf("GET /me/sessions: allowed %v, %d %s", ok, resp.StatusCode, resp.Body)
	}
	var p api.Page[api.SessionView]
	if err := json.Unmarshal([]byte(resp.Body), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func (a *sessionsApp) refreshes(t *testing.T, tok auth.Tokens) bool {
	t.Helper()
	resp := a.call(t, a.refresh, "POST /auth/refresh", `{"refreshToken":"`+tok.RefreshToken+`"}`, nil)
	return resp.StatusCode == 200
}

func TestSessionsJourney(t *testing.T) {
	a := newSessionsApp(t)
	admin := a.adminCaller()
	resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"bob@acme.example","firstName":"Bob","lastName":"Baker",
	  "passwordOption":"set","password":"bob's long password","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
	if resp.StatusCode != 201 {
		t.Fatalf("create Bob: %d %s", resp.StatusCode, resp.Body)
	}
	var bob api.CreatedUserView
	_ = json.Unmarshal([]byte(resp.Body), &bob)
	laptop := a.signIn(t, "bob@acme.example", "bob's long password", firefoxUA)
	phone := a.signIn(t, "bob@acme.example", "bob's long password", iphoneUA)
	ann := a.signIn(t, "ann@acme.example", "a long enough password", "curl/8.5.0")

	var phoneID, laptopID string
	t.Run("the list names each device, newest first, and marks the current one", func(t *testing.T) {
		p := a.sessions(t, laptop.AccessToken, nil)
		if len(p.Items) != 2 || p.NextCursor != "" {
			t.Fatalf("sessions = %+v", p)
		}
		first, second := p.Items[0], p.Items[1]
		if first.Device != "Safari on iPhone" || first.Current || first.UserAgent != iphoneUA || first.IP != "192.0.2.1" {
			t.Fatalf("newest = %+v", first)
		}
		if second.Device != "Firefox on Linux" || !second.Current || second.CreatedAt == "" || second.LastUsedAt != second.CreatedAt {
			t.Fatalf("oldest = %+v", second)
		}
		phoneID, laptopID = first.ID, second.ID
		if p := a.sessions(t, phone.AccessToken, nil); !p.Items[0].Current || p.Items[1].Current {
			t.Fatalf("as the phone: %+v", p.Items)
		}
	})
	t.Run("pages of one with a sealed cursor", func(t *testing.T) {
		p := a.sessions(t, laptop.AccessToken, map[string]string{"limit": "1"})
		if len(p.Items) != 1 || p.Items[0].ID != phoneID || p.NextCursor == "" {
			t.Fatalf("first page = %+v", p)
		}
		p = a.sessions(t, laptop.AccessToken, map[string]string{"limit": "1", "cursor": p.NextCursor})
		if len(p.Items) != 1 || p.Items[0].ID != laptopID {
			t.Fatalf("second page = %+v", p)
		}
		for name, q := range map[string]map[string]string{
			"cursor": {"cursor": "not-a-cursor"},
			"limit":  {"limit": "0"},
		} {
			resp, _ := a.with(t, laptop.AccessToken, a.listMine, "GET /me/sessions", "", q)
			if _, fields := problemCode(t, resp); resp.StatusCode != 400 || len(fields) != 1 || fields[0].Field != name {
				t.Fatalf("bad %s: %d %s", name, resp.StatusCode, resp.Body)
			}
		}
	})
	t.Run("someone else's session is not found and goes on", func(t *testing.T) {
		annSessions := a.sessions(t, ann.AccessToken, nil)
		// Two: the app signed her in once already, without a User-Agent.
		if len(annSessions.Items) != 2 || annSessions.Items[0].Device != "curl" || annSessions.Items[1].Device != "Unknown device" {
			t.Fatalf("Ann's sessions = %+v", annSessions)
		}
		for _, id := range []string{annSessions.Items[0].ID, "01jzzzzzzzzzzzzzzzzzzzzzzz", strings.Repeat("x", 300)} {
			resp, _ := a.with(t, laptop.AccessToken, a.endMine, "DELETE /me/sessions/{id}", id, nil)
			if resp.StatusCode != 404 {
				t.Fatalf("DELETE %s as Bob: %d %s", id, resp.StatusCode, resp.Body)
			}
		}
		if _, ok := a.with(t, ann.AccessToken, a.getMe, "GET /me", "", nil); !ok {
			t.Fatal("Ann's session stopped")
		}
	})
	t.Run("ending a session stops its tokens and no other", func(t *testing.T) {
		resp, _ := a.with(t, laptop.AccessToken, a.endMine, "DELETE /me/sessions/{id}", phoneID, nil)
		if resp.StatusCode != 204 {
			t.Fatalf("DELETE: %d %s", resp.StatusCode, resp.Body)
		}
		if a.refreshes(t, phone) {
			t.Fatal("the ended session's refresh token still works")
		}
		if _, ok := a.with(t, phone.AccessToken, a.getMe, "GET /me", "", nil); ok {
			t.Fatal("the ended session's access token still passes the authorizer")
		}
		if p := a.sessions(t, laptop.AccessToken, nil); len(p.Items) != 1 || p.Items[0].ID != laptopID {
			t.Fatalf("after ending the phone's: %+v", p.Items)
		}
	})
	t.Run("a refreshed session stays listed as the current one", func(t *testing.T) {
		resp := a.call(t, a.refresh, "POST /auth/refresh", `{"refreshToken":"`+laptop.RefreshToken+`"}`, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("refresh: %d %s", resp.StatusCode, resp.Body)
		}
		_ = json.Unmarshal([]byte(resp.Body), &laptop)
		p := a.sessions(t, laptop.AccessToken, nil)
		// The view is to the second; auth's TestMySessions checks the move itself.
		if len(p.Items) != 1 || !p.Items[0].Current || p.Items[0].LastUsedAt < p.Items[0].CreatedAt {
			t.Fatalf("after a refresh: %+v", p.Items[0])
		}
	})
	t.Run("an administrator reads a user's sessions; nobody else does", func(t *testing.T) {
		resp, _ := a.with(t, ann.AccessToken, a.listUsers, "GET /users/{id}/sessions", bob.ID, map[string]string{"limit": "1"})
		var p api.Page[api.SessionView]
		_ = json.Unmarshal([]byte(resp.Body), &p)
		if resp.StatusCode != 200 || len(p.Items) != 1 || p.Items[0].ID != laptopID || p.Items[0].Current || p.NextCursor != "" {
			t.Fatalf("Bob's sessions as Ann: %d %s", resp.StatusCode, resp.Body)
		}
		resp, _ = a.with(t, laptop.AccessToken, a.listUsers, "GET /users/{id}/sessions", a.adminID, nil)
		if resp.StatusCode != 404 {
			t.Fatalf("the admin's sessions as an agent: %d %s", resp.StatusCode, resp.Body)
		}
		resp = a.as(t, a.other(t), a.listUsers, "GET /users/{id}/sessions", bob.ID, "", nil)
		if resp.StatusCode != 404 {
			t.Fatalf("Bob's sessions as another organisation's admin: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("only whoever may deactivate the user ends all their sessions", func(t *testing.T) {
		resp, _ := a.with(t, laptop.AccessToken, a.endUsers, "POST /users/{id}/sessions/end", a.adminID, nil)
		if resp.StatusCode != 404 {
			t.Fatalf("an agent (who may not see other users) ending the admin's sessions: %d %s", resp.StatusCode, resp.Body)
		}
		resp, _ = a.with(t, ann.AccessToken, a.endUsers, "POST /users/{id}/sessions/end", a.adminID, nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 403 || code != "self" {
			t.Fatalf("the admin ending her own: %d %s", resp.StatusCode, resp.Body)
		}
		other := a.other(t)
		resp = a.as(t, other, a.endUsers, "POST /users/{id}/sessions/end", bob.ID, "", nil)
		if resp.StatusCode != 404 {
			t.Fatalf("another organisation's admin: %d %s", resp.StatusCode, resp.Body)
		}
		if !a.refreshesNoRotate(t, laptop) {
			t.Fatal("a refused request ended Bob's sessions")
		}
	})
	t.Run("an administrator ends all of a user's sessions, audited", func(t *testing.T) {
		second := a.signIn(t, "bob@acme.example", "bob's long password", "curl/8.5.0")
		resp, _ := a.with(t, ann.AccessToken, a.endUsers, "POST /users/{id}/sessions/end", bob.ID, nil)
		if resp.StatusCode != 204 {
			t.Fatalf("end all: %d %s", resp.StatusCode, resp.Body)
		}
		for _, tok := range []auth.Tokens{laptop, second} {
			if a.refreshes(t, tok) {
				t.Fatal("a refresh token works after ending all")
			}
			if _, ok := a.with(t, tok.AccessToken, a.getMe, "GET /me", "", nil); ok {
				t.Fatal("an access token passes after ending all")
			}
		}
		events, err := a.store.AuditEvents(context.Background(), a.orgID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range events {
			found = found || e.Type == "user.sessions_ended" && e.SubjectID == bob.ID && e.ActorID == a.adminID
		}
		if !found {
			t.Fatalf("no user.sessions_ended event: %+v", events)
		}
		fresh := a.signIn(t, "bob@acme.example", "bob's long password", firefoxUA)
		if p := a.sessions(t, fresh.AccessToken, nil); len(p.Items) != 1 || !p.Items[0].Current {
			t.Fatalf("after signing in again: %+v", p.Items)
		}
	})
	t.Run("the current session may end itself", func(t *testing.T) {
		p := a.sessions(t, ann.AccessToken, nil)
		resp, _ := a.with(t, ann.AccessToken, a.endMine, "DELETE /me/sessions/{id}", p.Items[0].ID, nil)
		if resp.StatusCode != 204 {
			t.Fatalf("DELETE the current session: %d %s", resp.StatusCode, resp.Body)
		}
		if _, ok := a.with(t, ann.AccessToken, a.getMe, "GET /me", "", nil); ok {
			t.Fatal("the access token passes after ending its own session")
		}
	})
}

// other is the second organisation's administrator, made once.
func (a *sessionsApp) other(t *testing.T) roster.Caller {
	t.Helper()
	if a.otherAdmin == nil {
		c := a.secondOrg(t)
		a.otherAdmin = &c
	}
	return *a.otherAdmin
}

// refreshesNoRotate reports whether tok's session still stands, without
// using its refresh token up: its access token passes the authorizer.
func (a *sessionsApp) refreshesNoRotate(t *testing.T, tok auth.Tokens) bool {
	t.Helper()
	_, ok := a.with(t, tok.AccessToken, a.getMe, "GET /me", "", nil)
	return ok
}

func TestAcceptingAnInvitationRecordsTheDevice(t *testing.T) {
	a := newSessionsApp(t)
	resp := a.as(t, a.adminCaller(), a.createUser, "POST /users", "", `{"email":"cy@acme.example","firstName":"Cy","lastName":"Cole",
	  "roles":[{"role":"viewer","groupId":"`+a.rootID+`"}]}`, nil)
	if resp.StatusCode != 201 {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Body)
	}
	token := invitationToken(t, a.mail.last())
	resp = a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+token+`","password":"cy's long password"}`,
		map[string]string{"user-agent": iphoneUA})
	if resp.StatusCode != 200 {
		t.Fatalf("accept: %d %s", resp.StatusCode, resp.Body)
	}
	var tok auth.Tokens
	_ = json.Unmarshal([]byte(resp.Body), &tok)
	if p := a.sessions(t, tok.AccessToken, nil); len(p.Items) != 1 || p.Items[0].Device != "Safari on iPhone" {
		t.Fatalf("sessions after accepting = %+v", p.Items)
	}
}
