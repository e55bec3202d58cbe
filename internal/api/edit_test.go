package api_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

func TestEditUser(t *testing.T) {
	a := newLifecycleApp(t)
	admin := a.adminCaller()
	editor := users.NewEditor(a.store, testPhone, users.NewLifecycle(a.store, users.NewReader(a.store, time.Now), claimReleaser(a.store)))
	update := api.Authenticated(a.log, api.UpdateUser(editor, a.sender))
	north := a.mustCreate(t, admin, "North", "location", a.rootID)
	south := a.mustCreate(t, admin, "South", "location", a.rootID)
	gil := a.createActive(t, "gil@acme.example", "agent", north.ID)
	etagOf := func(id string) string {
		return a.as(t, admin, a.getUser, "GET /users/{id}", id, "", nil).Headers["ETag"]
	}
	patch := func(c roster.Caller, id, body, etag string) (int, string) {
		resp := a.as(t, c, update, "PATCH /users/{id}", id, body, map[string]string{"If-Match": etag})
		return resp.StatusCode, resp.Body
	}

	t.Run("a new email moves the claim and both addresses are told", func(t *testing.T) {
		before := len(a.mail.sent)
		status, body := patch(admin, gil.ID, `{"email":"Gil.New@Acme.example","cellPhone":"201 555 0199"}`, etagOf(gil.ID))
		if status != 200 || !strings.Contains(body, `"email":"gil.new@acme.example"`) || !strings.Contains(body, `"cellPhone":"+12015550199"`) {
			t.Fatalf("got %d %s", status, body)
		}
		var to []string
		for _, m := range a.mail.sent[before:] {
			to = append(to, m.To[0])
		}
		if len(to) != 2 || !(to[0] == "gil@acme.example" && to[1] == "gil.new@acme.example") {
			t.Fatalf("told %v, want the old then the new address", to)
		}
		if r := a.call(t, a.login, "POST /auth/login", `{"email":"gil.new@acme.example","password":"a long enough password"}`, nil); r.StatusCode != 200 {
			t.Fatalf("sign in with the new email: %d", r.StatusCode)
		}
		a.createActive(t, "gil@acme.example", "agent", north.ID) // the old address is free again
	})
	t.Run("an email in use is refused and nothing changes", func(t *testing.T) {
		status, body := patch(admin, gil.ID, `{"email":"ann@acme.example","firstName":"Changed"}`, etagOf(gil.ID))
		if code := problemCodeOf(body); status != 409 || code != "email_taken" {
			t.Fatalf("got %d %s", status, body)
		}
		if r := a.as(t, admin, a.getUser, "GET /users/{id}", gil.ID, "", nil); strings.Contains(r.Body, "Changed") {
			t.Fatal("half-written: the name changed although the email was refused")
		}
	})
	t.Run("a stale If-Match is 412, none is 428", func(t *testing.T) {
		if status, _ := patch(admin, gil.ID, `{"firstName":"Gilbert"}`, `"v1"`); status != 412 {
			t.Fatalf("stale: %d", status)
		}
		resp := a.as(t, admin, update, "PATCH /users/{id}", gil.ID, `{"firstName":"Gilbert"}`, nil)
		if resp.StatusCode != 428 {
			t.Fatalf("missing: %d", resp.StatusCode)
		}
	})
	t.Run("roles move between groups with the member counts", func(t *testing.T) {
		status, body := patch(admin, gil.ID, `{"roles":[{"role":"manager","groupId":"`+south.ID+`"}]}`, etagOf(gil.ID))
		if status != 200 || !strings.Contains(body, south.ID) || strings.Contains(body, north.ID) {
			t.Fatalf("got %d %s", status, body)
		}
		// North still has the second gil@…, South now has Gil: neither may go.
		for _, g := range []string{north.ID, south.ID} {
			if resp := a.as(t, admin, a.del, "DELETE /groups/{id}", g, "", nil); resp.StatusCode != 409 {
				t.Fatalf("deleting a group with members: %d", resp.StatusCode)
			}
		}
	})
	t.Run("a manager cannot grant admin or edit outside their reach", func(t *testing.T) {
		manager := roster.Caller{OrgID: a.orgID, UserID: "m", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: south.ID}}}
		if status, body := patch(manager, gil.ID, `{"roles":[{"role":"admin","groupId":"`+south.ID+`"}]}`, etagOf(gil.ID)); status != 403 {
			t.Fatalf("grant admin: %d %s", status, body)
		}
		// North is out of the manager's sight: to them it does not exist.
		if status, body := patch(manager, gil.ID, `{"roles":[{"role":"agent","groupId":"`+north.ID+`"}]}`, etagOf(gil.ID)); status != 400 || problemCodeOf(body) != "validation_failed" {
			t.Fatalf("grant outside reach: %d %s", status, body)
		}
	})
	t.Run("the last administrator keeps admin at the root", func(t *testing.T) {
		other := roster.Caller{OrgID: a.orgID, UserID: "x", Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: a.rootID}}}
		status, body := patch(other, a.adminID, `{"roles":[{"role":"manager","groupId":"`+a.rootID+`"}]}`, etagOf(a.adminID))
		if code := problemCodeOf(body); status != 409 || code != "last_admin" {
			t.Fatalf("got %d %s", status, body)
		}
	})
	t.Run("every bad field at once", func(t *testing.T) {
		status, body := patch(admin, gil.ID, `{"email":"nope","firstName":"","cellPhone":"12","roles":[]}`, etagOf(gil.ID))
		var p struct{ Errors []roster.FieldError }
		_ = json.Unmarshal([]byte(body), &p)
		if status != 400 || len(p.Errors) != 4 {
			t.Fatalf("got %d %s", status, body)
		}
	})
}

func problemCodeOf(body string) string {
	var p struct{ Code string }
	_ = json.Unmarshal([]byte(body), &p)
	return p.Code
}

func TestEmailChangeKillsAPendingInvitationLink(t *testing.T) {
	a := newLifecycleApp(t)
	admin := a.adminCaller()
	editor := users.NewEditor(a.store, testPhone, users.NewLifecycle(a.store, users.NewReader(a.store, time.Now), claimReleaser(a.store)))
	update := api.Authenticated(a.log, api.UpdateUser(editor, a.sender))
	resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"typo@wrong.example","firstName":"T","lastName":"T","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
	var u api.UserView
	_ = json.Unmarshal([]byte(resp.Body), &u)
	oldLink := invitationToken(t, a.mail.last())
	etag := a.as(t, admin, a.getUser, "GET /users/{id}", u.ID, "", nil).Headers["ETag"]
	if r := a.as(t, admin, update, "PATCH /users/{id}", u.ID, `{"email":"right@acme.example"}`, map[string]string{"If-Match": etag}); r.StatusCode != 200 {
		t.Fatalf("fix the email: %d %s", r.StatusCode, r.Body)
	}
	if r := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+oldLink+`","password":"taken over password"}`, nil); r.StatusCode != 410 {
		t.Fatalf("the link mailed to the old address still works: %d %s", r.StatusCode, r.Body)
	}
	last := a.mail.last()
	if last.To[0] != "right@acme.example" || !strings.Contains(last.Text, "invitations/accept?token=") {
		t.Fatalf("the new address got no fresh invitation: %+v", last)
	}
	if r := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+invitationToken(t, last)+`","password":"a fresh strong passphrase"}`, nil); r.StatusCode != 200 {
		t.Fatalf("the fresh link: %d %s", r.StatusCode, r.Body)
	}
}
