package api_test

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/jobs"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

type usersApp struct {
	*groupsApp
	sender                         *outbox.Sender
	createUser, getUser, listUsers api.LambdaHandler
	accept                         api.LambdaHandler
	sendMail                       func(context.Context, events.CloudWatchEvent) error
	adminID                        string
}

// testPhone stands in for the phone package in the API tests: it accepts
// US numbers written as ten digits, which is all these tests need.
func testPhone(raw, region string) (string, error) {
	d := regexp.MustCompile(`\D`).ReplaceAllString(raw, "")
	if len(d) != 10 {
		return "", &roster.Error{Code: roster.EInvalid, Message: "is not a valid phone number for " + region}
	}
	return "+1" + d, nil
}

func newUsersApp(t *testing.T) *usersApp {
	t.Helper()
	g := newGroupsApp(t)
	sender := &outbox.Sender{Store: g.store, Mail: g.mail, AppBaseURL: "https://app.example", Log: g.log, Now: time.Now}
	svc := users.NewService(g.store, testPhone, cheapArgon, time.Now)
	a := &usersApp{groupsApp: g, sender: sender,
		createUser: api.Authenticated(g.log, api.Idempotent(g.store, time.Now, api.CreateUser(svc, sender))),
		getUser:    api.Authenticated(g.log, api.GetUser(users.NewReader(g.store, time.Now))),
		listUsers:  api.Authenticated(g.log, api.ListUsers(users.NewReader(g.store, time.Now))),
		accept:     api.Public(g.log, api.AcceptInvitation(g.authSvc)),
		sendMail:   jobs.SendMail(sender, g.log),
	}
	page, err := g.store.UsersByName(context.Background(), g.orgID, roster.UserPageQuery{Statuses: roster.AllStatuses, Limit: 10},
		func(roster.User) bool { return true })
	all := page.Users
	if err != nil || len(all) != 1 {
		t.Fatalf("users after org creation: %v %v", all, err)
	}
	a.adminID = all[0].ID
	return a
}

func (a *usersApp) adminCaller() roster.Caller {
	return roster.Caller{OrgID: a.orgID, UserID: a.adminID, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: a.rootID}}}
}

var tokenInLink = regexp.MustCompile(`token=([^\s"&<]+)`)

func invitationToken(t *testing.T, m roster.Mail) string {
	t.Helper()
	match := tokenInLink.FindStringSubmatch(m.Text)
	if match == nil {
		t.Fatalf("no invitation link in %q", m.Text)
	}
	tok, err := url.QueryUnescape(match[1])
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestInvitationJourney(t *testing.T) {
	a := newUsersApp(t)
	admin := a.adminCaller()
	north := a.mustCreate(t, admin, "North", "location", a.rootID)

	body := `{"email":"Bob@Acme.example","firstName":"Bob","lastName":"Baker","cellPhone":"(201) 555-0123",
	  "jobTitle":"Counter sales","internalTitle":"Probation","roles":[{"role":"agent","groupId":"` + north.ID + `"}]}`
	resp := a.as(t, admin, a.createUser, "POST /users", "", body, nil)
	if resp.StatusCode != 201 {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Body)
	}
	var bob api.CreatedUserView
	_ = json.Unmarshal([]byte(resp.Body), &bob)
	if bob.Email != "bob@acme.example" || bob.CellPhone != "+12015550123" || bob.Status != "invited" || bob.Invitation == nil || bob.Invitation.State != "pending" {
		t.Fatalf("created = %+v %+v", bob, bob.Invitation)
	}
	mail := a.mail.last()
	if mail.To[0] != "bob@acme.example" || !strings.Contains(mail.Text, "Ann Admin has invited you to Acme Supply") || mail.HTML == "" {
		t.Fatalf("invitation mail = %+v", mail)
	}
	token := invitationToken(t, mail)

	t.Run("an invited user cannot sign in before accepting", func(t *testing.T) {
		resp := a.call(t, a.login, "POST /auth/login", `{"email":"bob@acme.example","password":"bob's new password"}`, nil)
		if resp.StatusCode != 401 {
			t.Fatalf("got %d", resp.StatusCode)
		}
	})
	t.Run("a weak password is refused and the link still works", func(t *testing.T) {
		resp := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+token+`","password":"short"}`, nil)
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != "password" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("accepting sets the password and signs in", func(t *testing.T) {
		resp := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+token+`","password":"bob's new password"}`, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("accept: %d %s", resp.StatusCode, resp.Body)
		}
		var tok auth.Tokens
		_ = json.Unmarshal([]byte(resp.Body), &tok)
		me, ok := a.authorized(t, a.getMe, "GET /me", tok.AccessToken)
		if !ok || !strings.Contains(me.Body, `"status":"active"`) || strings.Contains(me.Body, "Probation") {
			t.Fatalf("me after accept: %v %s (an agent must not see internal titles)", ok, me.Body)
		}
		if resp := a.call(t, a.login, "POST /auth/login", `{"email":"bob@acme.example","password":"bob's new password"}`, nil); resp.StatusCode != 200 {
			t.Fatalf("sign in after accept: %d", resp.StatusCode)
		}
	})
	t.Run("a used link is 410 and signs nobody in", func(t *testing.T) {
		resp := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+token+`","password":"another password 1"}`, nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 410 || code != "invitation_used" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a forged link is 410, a garbled one 400", func(t *testing.T) {
		forged := a.orgID + "." + bob.ID + "." + strings.Repeat("A", 43)
		if resp := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+forged+`","password":"another password 1"}`, nil); resp.StatusCode != 410 {
			t.Fatalf("forged: %d", resp.StatusCode)
		}
		if resp := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"nonsense","password":"another password 1"}`, nil); resp.StatusCode != 400 {
			t.Fatalf("garbled: %d", resp.StatusCode)
		}
	})
	t.Run("the list shows the invitation state and respects reach", func(t *testing.T) {
		var page api.Page[api.UserView]
		_ = json.Unmarshal([]byte(a.as(t, admin, a.listUsers, "GET /users", "", "", nil).Body), &page)
		if len(page.Items) != 2 || page.Items[0].LastName != "Admin" || page.Items[1].Invitation.State != "accepted" {
			t.Fatalf("admin's list = %+v", page.Items)
		}
		agent := roster.Caller{OrgID: a.orgID, UserID: bob.ID, Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: north.ID}}}
		_ = json.Unmarshal([]byte(a.as(t, agent, a.listUsers, "GET /users", "", "", nil).Body), &page)
		if len(page.Items) != 1 || page.Items[0].ID != bob.ID {
			t.Fatalf("an agent sees %d users, want only themself", len(page.Items))
		}
		if resp := a.as(t, agent, a.getUser, "GET /users/{id}", a.adminID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("an agent reading the admin: %d", resp.StatusCode)
		}
	})
	t.Run("pages in name order; q is a last-name prefix or a whole email", func(t *testing.T) {
		list := func(q map[string]string) (int, api.Page[api.UserView], string) {
			e := event("GET /users", "", nil)
			e.QueryStringParameters = q
			cctx, _ := api.CallerContext(admin)
			e.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
			resp, err := a.listUsers(t.Context(), e)
			if err != nil {
				t.Fatal(err)
			}
			var page api.Page[api.UserView]
			_ = json.Unmarshal([]byte(resp.Body), &page)
			return resp.StatusCode, page, resp.Body
		}
		_, first, _ := list(map[string]string{"limit": "1"})
		_, second, _ := list(map[string]string{"limit": "1", "cursor": first.NextCursor})
		if len(first.Items) != 1 || first.Items[0].LastName != "Admin" || first.NextCursor == "" ||
			len(second.Items) != 1 || second.Items[0].ID != bob.ID {
			t.Fatalf("pages of one: %+v then %+v", first, second)
		}
		// every page of q, in pages of one
		search := func(q string) (ids []string) {
			for cursor, pages := "", 0; ; pages++ {
				code, page, body := list(map[string]string{"q": q, "limit": "1", "cursor": cursor})
				if code != 200 || pages > 5 {
					t.Fatalf("q=%s: %d %s", q, code, body)
				}
				for _, u := range page.Items {
					ids = append(ids, u.ID)
				}
				if cursor = page.NextCursor; cursor == "" {
					return ids
				}
			}
		}
		for q, want := range map[string][]string{
			"ad": {a.adminID}, "BAK": {bob.ID}, "bo": {bob.ID}, "a": {a.adminID}, "b": {bob.ID},
			"bob@acme.example": {bob.ID}, "dmi": nil, "nobody@acme.example": nil,
		} {
			if got := search(q); !slices.Equal(got, want) {
				t.Errorf("q=%s: %v, want %v", q, got, want)
			}
		}
		if code, _, body := list(map[string]string{"cursor": "bm90LWEta2V5"}); code != 400 || !strings.Contains(body, `"cursor"`) {
			t.Errorf("a cursor of another list: %d %s", code, body)
		}
	})
}

func TestCreateUserRules(t *testing.T) {
	a := newUsersApp(t)
	admin := a.adminCaller()
	north := a.mustCreate(t, admin, "North", "location", a.rootID)
	south := a.mustCreate(t, admin, "South", "location", a.rootID)
	manager := roster.Caller{OrgID: a.orgID, UserID: a.adminID, Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: north.ID}}}
	user := func(email, role, group string) string {
		return `{"email":"` + email + `","firstName":"F","lastName":"L","roles":[{"role":"` + role + `","groupId":"` + group + `"}]}`
	}
	tests := []struct {
		name   string
		caller roster.Caller
		body   string
		status int
		code   string
		field  string
	}{
		{"a manager creates an agent in reach", manager, user("a1@acme.example", "agent", north.ID), 201, "", ""},
		{"a manager cannot grant admin", manager, user("a2@acme.example", "admin", north.ID), 403, "cannot_grant_admin", "roles[0]"},
		{"a manager cannot grant outside reach", manager, user("a3@acme.example", "agent", south.ID), 403, "", "roles[0]"},
		{"an unknown group is named", admin, user("a4@acme.example", "agent", "nope"), 400, "", "roles[0]"},
		{"a taken email is 409 and writes nothing", admin, user("ANN@acme.example", "agent", north.ID), 409, "email_taken", ""},
		{"every bad field at once", admin, `{"email":"x","firstName":"","lastName":"L","cellPhone":"12","roles":[{"role":"boss","groupId":""}],"passwordOption":"magic"}`, 400, "validation_failed", ""},
		{"a password only with passwordOption set", admin, `{"email":"p@acme.example","firstName":"F","lastName":"L","password":"a long enough password","roles":[{"role":"agent","groupId":"` + north.ID + `"}]}`, 400, "validation_failed", "password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := a.as(t, tt.caller, a.createUser, "POST /users", "", tt.body, nil)
			if resp.StatusCode != tt.status {
				t.Fatalf("got %d, want %d: %s", resp.StatusCode, tt.status, resp.Body)
			}
			if tt.status >= 400 {
				code, fields := problemCode(t, resp)
				if tt.code != "" && code != tt.code {
					t.Fatalf("code %q, want %q: %s", code, tt.code, resp.Body)
				}
				if tt.field != "" && (len(fields) == 0 || fields[0].Field != tt.field) {
					t.Fatalf("fields %+v, want %q", fields, tt.field)
				}
			}
		})
	}
	t.Run("a generated password is shown once and works at once", func(t *testing.T) {
		resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"gen@acme.example","firstName":"G","lastName":"L","passwordOption":"generate","roles":[{"role":"viewer","groupId":"`+south.ID+`"}]}`, nil)
		var u api.CreatedUserView
		_ = json.Unmarshal([]byte(resp.Body), &u)
		if resp.StatusCode != 201 || len(u.GeneratedPassword) < 20 || u.Status != "active" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		if r := a.call(t, a.login, "POST /auth/login", `{"email":"gen@acme.example","password":"`+u.GeneratedPassword+`"}`, nil); r.StatusCode != 200 {
			t.Fatalf("sign in with the generated password: %d", r.StatusCode)
		}
		again := a.as(t, admin, a.getUser, "GET /users/{id}", u.ID, "", nil)
		if strings.Contains(again.Body, u.GeneratedPassword) {
			t.Fatal("the generated password is shown again")
		}
	})
	t.Run("an inactive user gets no mail", func(t *testing.T) {
		before := len(a.mail.sent)
		resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"idle@acme.example","firstName":"I","lastName":"L","active":false,"roles":[{"role":"viewer","groupId":"`+south.ID+`"}]}`, nil)
		if resp.StatusCode != 201 || len(a.mail.sent) != before || !strings.Contains(resp.Body, `"status":"deactivated"`) {
			t.Fatalf("got %d %s, %d mails", resp.StatusCode, resp.Body, len(a.mail.sent)-before)
		}
	})
	t.Run("a group with users cannot be deleted", func(t *testing.T) {
		resp := a.as(t, admin, a.del, "DELETE /groups/{id}", south.ID, "", nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "not_empty" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
}

func TestInvitationMailSurvivesSESFailure(t *testing.T) {
	a := newUsersApp(t)
	admin := a.adminCaller()
	a.mail.failures = 1
	before := len(a.mail.sent)
	resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"late@acme.example","firstName":"L","lastName":"L","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
	// Not sent yet, yet pending to the inviter; no sentAt until it goes out.
	if resp.StatusCode != 201 || !strings.Contains(resp.Body, `"state":"pending"`) || strings.Contains(resp.Body, `"sentAt"`) {
		t.Fatalf("create while SES fails: %d %s", resp.StatusCode, resp.Body)
	}
	if len(a.mail.sent) != before {
		t.Fatal("a mail went out although SES failed")
	}
	// Not due yet: the first retry waits a minute.
	if err := a.sendMail(context.Background(), events.CloudWatchEvent{}); err != nil || len(a.mail.sent) != before {
		t.Fatalf("early run: %v, %d mails", err, len(a.mail.sent)-before)
	}
	a.sender.Now = func() time.Time { return time.Now().Add(roster.MailRetryDelay(1) + time.Second) }
	if err := a.sendMail(context.Background(), events.CloudWatchEvent{}); err != nil {
		t.Fatal(err)
	}
	if len(a.mail.sent) != before+1 || a.mail.last().To[0] != "late@acme.example" {
		t.Fatalf("the schedule did not send the queued invitation: %+v", a.mail.sent)
	}
	if err := a.sendMail(context.Background(), events.CloudWatchEvent{}); err != nil || len(a.mail.sent) != before+1 {
		t.Fatalf("a sent mail went out again: %v", err)
	}
	token := invitationToken(t, a.mail.last())
	if resp := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+token+`","password":"finally arrived 1"}`, nil); resp.StatusCode != 200 {
		t.Fatalf("accept the retried invitation: %d %s", resp.StatusCode, resp.Body)
	}
}

func TestInvitationLifetimeIsConfigurable(t *testing.T) {
	a := newUsersApp(t)
	a.sender.InvitationTTL = 48 * time.Hour
	resp := a.as(t, a.adminCaller(), a.createUser, "POST /users", "", `{"email":"kim@acme.example","firstName":"K","lastName":"K","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
	var u api.UserView
	_ = json.Unmarshal([]byte(resp.Body), &u)
	expires, err := time.Parse(time.RFC3339, u.Invitation.ExpiresAt)
	if err != nil {
		t.Fatalf("expiresAt %q: %v", u.Invitation.ExpiresAt, err)
	}
	if d := time.Until(expires); d < 47*time.Hour || d > 49*time.Hour {
		t.Fatalf("the link expires in %v, want about 48h", d)
	}
}

func TestGeneratedPasswordIsNotReplayed(t *testing.T) {
	a := newUsersApp(t)
	body := `{"email":"gen2@acme.example","firstName":"G","lastName":"G","passwordOption":"generate","roles":[{"role":"agent","groupId":"` + a.rootID + `"}]}`
	first := a.as(t, a.adminCaller(), a.createUser, "POST /users", "", body, map[string]string{"Idempotency-Key": "k1"})
	again := a.as(t, a.adminCaller(), a.createUser, "POST /users", "", body, map[string]string{"Idempotency-Key": "k1"})
	var u1, u2 api.CreatedUserView
	_ = json.Unmarshal([]byte(first.Body), &u1)
	_ = json.Unmarshal([]byte(again.Body), &u2)
	if first.StatusCode != 201 || u1.GeneratedPassword == "" {
		t.Fatalf("first: %d %s", first.StatusCode, first.Body)
	}
	if again.StatusCode != 201 || again.Headers["Idempotent-Replayed"] != "true" || u2.ID != u1.ID || u2.GeneratedPassword != "" {
		t.Fatalf("replay: %d %s", again.StatusCode, again.Body)
	}
	page, _ := a.store.UsersByName(context.Background(), a.orgID, roster.UserPageQuery{Statuses: roster.AllStatuses, Limit: 10},
		func(roster.User) bool { return true })
	if all := page.Users; len(all) != 2 {
		t.Fatalf("%d users; the retry created another", len(all))
	}
}
