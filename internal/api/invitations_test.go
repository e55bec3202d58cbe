package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/jobs"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

func userView(t *testing.T, resp events.APIGatewayV2HTTPResponse) api.UserView {
	t.Helper()
	var u api.UserView
	if err := json.Unmarshal([]byte(resp.Body), &u); err != nil {
		t.Fatalf("not a user: %s", resp.Body)
	}
	return u
}

func TestInviteByEmailAndRoleAlone(t *testing.T) {
	a := newUsersApp(t)
	admin := a.adminCaller()

	resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"Zed.Nameless@acme.example","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
	zed := userView(t, resp)
	if resp.StatusCode != 201 || zed.FirstName != "" || zed.LastName != "" || zed.DisplayName != "zed.nameless@acme.example" ||
		zed.Status != "invited" || zed.Invitation == nil || zed.Invitation.State != "pending" || zed.Invitation.SentAt == "" {
		t.Fatalf("invite by email alone: %d %s", resp.StatusCode, resp.Body)
	}
	mail := a.mail.last()
	if !strings.HasPrefix(mail.Text, "Hello,\n") {
		t.Fatalf("the invitation greets a nameless user as %q", strings.SplitN(mail.Text, "\n", 2)[0])
	}
	token := invitationToken(t, mail)

	t.Run("names stay required with a password set or generated", func(t *testing.T) {
		for _, opt := range []string{`"passwordOption":"set","password":"a long enough password"`, `"passwordOption":"generate"`} {
			resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"named@acme.example",`+opt+`,"roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
			_, fields := problemCode(t, resp)
			if resp.StatusCode != 400 || len(fields) != 2 || fields[0].Field != "firstName" || fields[1].Field != "lastName" {
				t.Fatalf("%s without names: %d %s", opt, resp.StatusCode, resp.Body)
			}
		}
	})
	t.Run("a name given is checked as before", func(t *testing.T) {
		resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"bad@acme.example","firstName":"a\u202eb","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || len(fields) != 1 || fields[0].Field != "firstName" {
			t.Fatalf("a bidi override in a first name: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("the list sorts a nameless user by email and finds them by its start", func(t *testing.T) {
		for _, body := range []string{
			`{"email":"ann.young@acme.example","firstName":"Ann","lastName":"Young","roles":[{"role":"agent","groupId":"` + a.rootID + `"}]}`,
			`{"email":"x@acme.example","firstName":"Xavier","lastName":"Able","roles":[{"role":"agent","groupId":"` + a.rootID + `"}]}`,
		} {
			if resp := a.as(t, admin, a.createUser, "POST /users", "", body, nil); resp.StatusCode != 201 {
				t.Fatalf("create: %d %s", resp.StatusCode, resp.Body)
			}
		}
		var page api.Page[api.UserView]
		_ = json.Unmarshal([]byte(a.as(t, admin, a.listUsers, "GET /users", "", "", nil).Body), &page)
		var order []string
		for _, u := range page.Items {
			order = append(order, u.DisplayName)
		}
		able, young, z := strings.Index(strings.Join(order, "|"), "Xavier Able"), strings.Index(strings.Join(order, "|"), "Ann Young"),
			strings.Index(strings.Join(order, "|"), "zed.nameless@acme.example")
		if able < 0 || young < 0 || z < 0 || !(able < young && young < z) {
			t.Fatalf("by name (Able, Young, then zed.nameless by email): %v", order)
		}
		e := event("GET /users", "", nil)
		e.QueryStringParameters = map[string]string{"q": "zed.na"}
		cctx, _ := api.CallerContext(admin)
		e.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
		ids := map[string]int{}
		for cursor := ""; ; {
			if cursor != "" {
				e.QueryStringParameters["cursor"] = cursor
			}
			r, _ := a.listUsers(t.Context(), e)
			var p api.Page[api.UserView]
			_ = json.Unmarshal([]byte(r.Body), &p)
			for _, u := range p.Items {
				ids[u.ID]++
			}
			if cursor = p.NextCursor; cursor == "" {
				break
			}
		}
		if len(ids) != 1 || ids[zed.ID] != 1 {
			t.Fatalf("q=zed.na found %v, want zed once", ids)
		}
	})
	t.Run("accepting without names when none are stored names the fields", func(t *testing.T) {
		resp := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+token+`","password":"zed chose this one"}`, nil)
		code, fields := problemCode(t, resp)
		if resp.StatusCode != 400 || code != "validation_failed" || len(fields) != 2 || fields[0].Field != "firstName" || fields[1].Field != "lastName" {
			t.Fatalf("accept without names: %d %s", resp.StatusCode, resp.Body)
		}
		resp = a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+token+`","password":"zed chose this one","firstName":"Zed","lastName":"\u0000"}`, nil)
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || len(fields) != 1 || fields[0].Field != "lastName" {
			t.Fatalf("accept with a bad last name: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("accepting with names stores them, and the user signs in", func(t *testing.T) {
		resp := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+token+`","password":"zed chose this one","firstName":" Zed ","lastName":"Zimmer"}`, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("accept: %d %s", resp.StatusCode, resp.Body)
		}
		if _, err := a.authSvc.Login(context.Background(), "zed.nameless@acme.example", "zed chose this one", roster.Client{IP: "192.0.2.1"}); err != nil {
			t.Fatalf("sign in after accepting: %v", err)
		}
		u := userView(t, a.as(t, admin, a.getUser, "GET /users/{id}", zed.ID, "", nil))
		if u.FirstName != "Zed" || u.LastName != "Zimmer" || u.DisplayName != "Zed Zimmer" || u.Status != "active" || u.Invitation.State != "accepted" {
			t.Fatalf("after accepting: %+v", u)
		}
		// The name index follows: a search by the new last name finds Zed.
		e := event("GET /users", "", nil)
		e.QueryStringParameters = map[string]string{"q": "zimm"}
		cctx, _ := api.CallerContext(admin)
		e.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
		r, _ := a.listUsers(t.Context(), e)
		if !strings.Contains(r.Body, zed.ID) {
			t.Fatalf("q=zimm after accepting: %s", r.Body)
		}
	})
	t.Run("names given at acceptance replace the stored ones", func(t *testing.T) {
		resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"yan@acme.example","firstName":"Yan","lastName":"Typo","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
		yan := userView(t, resp)
		tok := invitationToken(t, a.mail.last())
		if r := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+tok+`","password":"yan chose this one"}`, nil); r.StatusCode != 200 {
			t.Fatalf("accept keeping the names: %d %s", r.StatusCode, r.Body)
		}
		if u := userView(t, a.as(t, admin, a.getUser, "GET /users/{id}", yan.ID, "", nil)); u.FirstName != "Yan" || u.LastName != "Typo" {
			t.Fatalf("names kept: %+v", u)
		}
		resp = a.as(t, admin, a.createUser, "POST /users", "", `{"email":"xia@acme.example","firstName":"Xia","lastName":"Typo","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
		xia := userView(t, resp)
		tok = invitationToken(t, a.mail.last())
		if r := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+tok+`","password":"xia chose this one","lastName":"Right"}`, nil); r.StatusCode != 200 {
			t.Fatalf("accept correcting the last name: %d %s", r.StatusCode, r.Body)
		}
		if u := userView(t, a.as(t, admin, a.getUser, "GET /users/{id}", xia.ID, "", nil)); u.FirstName != "Xia" || u.LastName != "Right" {
			t.Fatalf("names corrected: %+v", u)
		}
	})
}

func TestUsersCreatedWithAPasswordAreNotInvited(t *testing.T) {
	a := newLifecycleApp(t)
	before := len(a.mail.sent)
	u := a.createActive(t, "pat@acme.example", "agent", a.rootID)
	if u.Status != "active" || u.Invitation == nil || u.Invitation.State != "none" {
		t.Fatalf("created with a password: %+v", u)
	}
	if len(a.mail.sent) != before+1 || strings.Contains(a.mail.last().Text, "token=") || !strings.HasPrefix(a.mail.last().Subject, "Welcome") {
		t.Fatalf("mail to a user created with a password: %+v", a.mail.sent[before:])
	}
	if resp, _ := a.signIn(t, "pat@acme.example"); resp.StatusCode != 200 {
		t.Fatalf("sign in: %d %s", resp.StatusCode, resp.Body)
	}
	if got := userView(t, a.as(t, a.adminCaller(), a.getUser, "GET /users/{id}", u.ID, "", nil)); got.Invitation.State != "none" {
		t.Fatalf("read back: %+v", got.Invitation)
	}

	t.Run("one created inactive and activated is welcomed, not invited", func(t *testing.T) {
		resp := a.as(t, a.adminCaller(), a.createUser, "POST /users", "", `{"email":"quin@acme.example","firstName":"Q","lastName":"Q","active":false,
		  "passwordOption":"set","password":"a long enough password","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
		quin := userView(t, resp)
		before := len(a.mail.sent)
		got := userView(t, a.as(t, a.adminCaller(), a.activate, "POST /users/{id}/activate", quin.ID, "", nil))
		if got.Status != "active" || got.Invitation.State != "none" || len(a.mail.sent) != before+1 || strings.Contains(a.mail.last().Text, "token=") {
			t.Fatalf("activated: %+v, mails %+v", got, a.mail.sent[before:])
		}
	})
	t.Run("an invitation stored for one by an earlier version reads as none", func(t *testing.T) {
		// Earlier versions queued an invitation for users created with a
		// password, and sent it: the item holds one, never accepted.
		now := time.Now().UTC()
		stored, err := a.store.User(context.Background(), a.orgID, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		old := stored
		old.Invitation = &roster.Invitation{TokenHash: "h", SentAt: now, ExpiresAt: now.Add(roster.InvitationTTL)}
		old.Version++
		if err := a.store.ChangeUser(context.Background(), roster.UserChange{User: old, Audit: roster.AuditEvent{ID: roster.NewID(now), OrgID: a.orgID, ActorID: "test", Type: "test", SubjectID: u.ID, At: now}}); err != nil {
			t.Fatal(err)
		}
		if got := userView(t, a.as(t, a.adminCaller(), a.getUser, "GET /users/{id}", u.ID, "", nil)); got.Invitation.State != "none" {
			t.Fatalf("an earlier version's automatic invitation: %+v", got.Invitation)
		}
	})
}

func TestRevokeInvitation(t *testing.T) {
	a := newLifecycleApp(t)
	admin := a.adminCaller()
	l := users.NewLifecycle(a.store, users.NewReader(a.store, time.Now), claimReleaser(a.store))
	revoke := api.Authenticated(a.log, api.RevokeInvitation(l))
	resend := api.Authenticated(a.log, api.ResendInvitation(l, a.sender))
	audit := api.Authenticated(a.log, api.ListAuditEvents(a.store))

	rex := userView(t, a.as(t, admin, a.createUser, "POST /users", "", `{"email":"rex@acme.example","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil))
	first := invitationToken(t, a.mail.last())

	t.Run("a stale If-Match is refused", func(t *testing.T) {
		resp := a.as(t, admin, revoke, "POST /users/{id}/invitation/revoke", rex.ID, "", map[string]string{"if-match": `"v1"`})
		if code, _ := problemCode(t, resp); resp.StatusCode != 412 || code != "stale_version" {
			t.Fatalf("stale If-Match: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a manager may not revoke an administrator's invitation", func(t *testing.T) {
		ada := userView(t, a.as(t, admin, a.createUser, "POST /users", "", `{"email":"ada@acme.example","roles":[{"role":"admin","groupId":"`+a.rootID+`"}]}`, nil))
		manager := roster.Caller{OrgID: a.orgID, UserID: "m", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: a.rootID}}}
		if resp := a.as(t, manager, revoke, "POST /users/{id}/invitation/revoke", ada.ID, "", nil); resp.StatusCode != 403 {
			t.Fatalf("a manager revoking an admin's invitation: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := a.as(t, manager, revoke, "POST /users/{id}/invitation/revoke", rex.ID, "", map[string]string{"if-match": `"v1"`}); resp.StatusCode != 412 {
			t.Fatalf("a manager revoking an agent's invitation gets as far as the version: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("revoked, the link stops working at once and the user stays invited", func(t *testing.T) {
		cur := a.as(t, admin, a.getUser, "GET /users/{id}", rex.ID, "", nil)
		resp := a.as(t, admin, revoke, "POST /users/{id}/invitation/revoke", rex.ID, "", map[string]string{"if-match": cur.Headers["ETag"]})
		got := userView(t, resp)
		if resp.StatusCode != 200 || got.Invitation.State != "revoked" || got.Invitation.RevokedAt == "" || got.Status != "invited" {
			t.Fatalf("revoke: %d %s", resp.StatusCode, resp.Body)
		}
		r := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+first+`","password":"rex chose this one","firstName":"Rex","lastName":"R"}`, nil)
		if code, _ := problemCode(t, r); r.StatusCode != 410 || code != "invitation_revoked" {
			t.Fatalf("accept a revoked link: %d %s", r.StatusCode, r.Body)
		}
		if again := a.as(t, admin, revoke, "POST /users/{id}/invitation/revoke", rex.ID, "", nil); again.StatusCode != 200 || again.Headers["ETag"] != resp.Headers["ETag"] {
			t.Fatalf("revoking again: %d %s", again.StatusCode, again.Body)
		}
		var page api.Page[api.AuditEventView]
		_ = json.Unmarshal([]byte(a.as(t, admin, audit, "GET /audit-events", "", "", nil).Body), &page)
		if len(page.Items) == 0 || page.Items[0].Type != "user.invitation_revoked" || page.Items[0].SubjectID != rex.ID || page.Items[0].ActorID != a.adminID {
			t.Fatalf("audit: %+v", page.Items)
		}
	})
	t.Run("a revoked invitation gets no reminder, nor a link by forgotten password", func(t *testing.T) {
		before := len(a.mail.sent)
		later := time.Now().Add(roster.InvitationTTL - 20*time.Hour)
		if err := jobs.RemindInvitations(a.store, a.sender, a.log, func() time.Time { return later })(context.Background(), events.CloudWatchEvent{}); err != nil {
			t.Fatal(err)
		}
		if id, err := a.authSvc.ForgotPassword(context.Background(), "rex@acme.example"); err != nil || id != "" {
			t.Fatalf("forgot password of a revoked invitee: %q %v", id, err)
		}
		reminded := false
		for _, m := range a.mail.sent[before:] {
			if m.To[0] == "rex@acme.example" {
				t.Fatalf("mail to a revoked invitee: %+v", m)
			}
			reminded = reminded || m.To[0] == "ada@acme.example"
		}
		if !reminded {
			t.Fatal("the reminder run reminded nobody: the test proves nothing")
		}
	})
	t.Run("a resend after a revocation invites again", func(t *testing.T) {
		resp := a.as(t, admin, resend, "POST /users/{id}/invitation", rex.ID, "", nil)
		if got := userView(t, resp); resp.StatusCode != 202 || got.Invitation.State != "pending" || got.Invitation.RevokedAt != "" {
			t.Fatalf("resend after revoke: %d %s", resp.StatusCode, resp.Body)
		}
		second := invitationToken(t, a.mail.last())
		if r := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+first+`","password":"rex chose this one","firstName":"Rex","lastName":"R"}`, nil); r.StatusCode != 410 {
			t.Fatalf("the revoked link after a resend: %d %s", r.StatusCode, r.Body)
		}
		if r := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+second+`","password":"rex chose this one","firstName":"Rex","lastName":"R"}`, nil); r.StatusCode != 200 {
			t.Fatalf("the new link: %d %s", r.StatusCode, r.Body)
		}
	})
	t.Run("an accepted invitation is not revoked", func(t *testing.T) {
		resp := a.as(t, admin, revoke, "POST /users/{id}/invitation/revoke", rex.ID, "", nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "invitation_accepted" {
			t.Fatalf("revoke accepted: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a user never invited has nothing to revoke", func(t *testing.T) {
		pat := a.createActive(t, "pat@acme.example", "agent", a.rootID)
		resp := a.as(t, admin, revoke, "POST /users/{id}/invitation/revoke", pat.ID, "", nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "not_invited" {
			t.Fatalf("revoke none: %d %s", resp.StatusCode, resp.Body)
		}
	})
}
