package api_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

type profileApp struct {
	*lifecycleApp
	updateMe, changePassword, requestEmail, confirmEmail, updateUser api.LambdaHandler
}

func newProfileApp(t *testing.T) *profileApp {
	t.Helper()
	l := newLifecycleApp(t)
	editor := users.NewEditor(l.store, testPhone, users.NewLifecycle(l.store, users.NewReader(l.store, time.Now), claimReleaser(l.store)))
	return &profileApp{lifecycleApp: l,
		updateMe:       api.Authenticated(l.log, api.UpdateMe(editor)),
		changePassword: api.Authenticated(l.log, api.ChangeMyPassword(l.authSvc)),
		requestEmail:   api.Authenticated(l.log, api.RequestEmailChange(l.authSvc, l.sender)),
		confirmEmail:   api.Public(l.log, api.ConfirmEmailChange(l.authSvc)),
		updateUser:     api.Authenticated(l.log, api.UpdateUser(editor, l.sender)),
	}
}

func profileCaller(u api.UserView) roster.Caller {
	return roster.Caller{OrgID: u.OrgID, UserID: u.ID, Grants: u.Roles}
}

func (a *profileApp) me(t *testing.T, c roster.Caller) (api.MeView, string) {
	t.Helper()
	resp := a.as(t, c, a.getMe, "GET /me", "", "", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("GET /me: %d %s", resp.StatusCode, resp.Body)
	}
	var v api.MeView
	_ = json.Unmarshal([]byte(resp.Body), &v)
	return v, resp.Headers["ETag"]
}

func TestMyProfile(t *testing.T) {
	a := newProfileApp(t)
	carol := a.createActive(t, "carol@acme.example", "agent", a.rootID)
	c := profileCaller(carol)
	patch := func(body, etag string) (int, string, []roster.FieldError, string) {
		t.Helper()
		h := map[string]string{}
		if etag != "" {
			h["If-Match"] = etag
		}
		resp := a.as(t, c, a.updateMe, "PATCH /me", "", body, h)
		var code string
		var fields []roster.FieldError
		if resp.StatusCode >= 400 {
			code, fields = problemCode(t, resp)
		}
		return resp.StatusCode, code, fields, resp.Body
	}

	_, etag := a.me(t, c)
	if etag == "" {
		t.Fatal("GET /me has no ETag")
	}
	t.Run("without If-Match the edit is refused", func(t *testing.T) {
		if st, code, _, _ := patch(`{"jobTitle":"Buyer"}`, ""); st != 428 || code != "if_match_required" {
			t.Fatalf("%d %s", st, code)
		}
	})
	t.Run("with a stale ETag the edit is refused", func(t *testing.T) {
		if st, code, _, _ := patch(`{"jobTitle":"Buyer"}`, `"v999"`); st != 412 || code != "stale_version" {
			t.Fatalf("%d %s", st, code)
		}
	})
	for _, tc := range []struct{ name, body, field string }{
		{"the email is refused by name: it has its own route", `{"email":"carol@new.example"}`, "email"},
		{"roles are refused by name", `{"roles":[{"role":"admin","groupId":"` + a.rootID + `"}]}`, "roles"},
		{"the internal title is refused by name", `{"internalTitle":"Star"}`, "internalTitle"},
		{"the status is refused by name", `{"status":"active"}`, "status"},
		{"a bad phone is refused by name", `{"cellPhone":"12"}`, "cellPhone"},
		{"an empty last name is refused by name", `{"lastName":" "}`, "lastName"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, _, fields, body := patch(tc.body, etag)
			if st != 400 || len(fields) != 1 || fields[0].Field != tc.field {
				t.Fatalf("%d %s", st, body)
			}
		})
	}
	t.Run("names, job title and phone change with If-Match", func(t *testing.T) {
		resp := a.as(t, c, a.updateMe, "PATCH /me", "", `{"firstName":"Carol","lastName":"Profile","jobTitle":" Buyer ","cellPhone":"(201) 555-0123"}`,
			map[string]string{"If-Match": etag})
		var v api.MeView
		_ = json.Unmarshal([]byte(resp.Body), &v)
		if resp.StatusCode != 200 || v.FirstName != "Carol" || v.JobTitle != "Buyer" || v.CellPhone != "+12015550123" || v.Email != "carol@acme.example" {
			t.Fatalf("%d %s", resp.StatusCode, resp.Body)
		}
		if resp.Headers["ETag"] == etag || resp.Headers["ETag"] == "" {
			t.Fatalf("ETag %q after an edit from %q", resp.Headers["ETag"], etag)
		}
		if got, e := a.me(t, c); got.LastName != "Profile" || e != resp.Headers["ETag"] {
			t.Fatalf("GET /me after the edit: %+v %s", got, e)
		}
		events, err := a.store.AuditEvents(t.Context(), a.orgID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(events, func(e roster.AuditEvent) bool {
			return e.Type == "user.updated" && e.ActorID == carol.ID && e.SubjectID == carol.ID && e.After["jobTitle"] == "Buyer"
		}) {
			t.Fatalf("no audit event of the edit: %+v", events)
		}
	})
	t.Run("an administrator still edits themself here, not through /users/{id}", func(t *testing.T) {
		admin := a.adminCaller()
		self := a.as(t, admin, a.getUser, "GET /users/{id}", a.adminID, "", nil)
		if resp := a.as(t, admin, a.updateUser, "PATCH /users/{id}", a.adminID, `{"jobTitle":"Boss"}`, map[string]string{"If-Match": self.Headers["ETag"]}); resp.StatusCode != 403 {
			t.Fatalf("PATCH /users/{self}: %d", resp.StatusCode)
		}
		_, e := a.me(t, admin)
		if resp := a.as(t, admin, a.updateMe, "PATCH /me", "", `{"jobTitle":"Boss"}`, map[string]string{"If-Match": e}); resp.StatusCode != 200 {
			t.Fatalf("PATCH /me: %d %s", resp.StatusCode, resp.Body)
		}
	})
}

func TestChangeMyPassword(t *testing.T) {
	a := newProfileApp(t)
	dan := a.createActive(t, "dan@acme.example", "agent", a.rootID)
	c := profileCaller(dan)
	_, other := a.signIn(t, "dan@acme.example")
	post := func(body string) (int, string, []roster.FieldError, auth.Tokens) {
		t.Helper()
		resp := a.as(t, c, a.changePassword, "POST /me/password", "", body, nil)
		var tok auth.Tokens
		var code string
		var fields []roster.FieldError
		if resp.StatusCode >= 400 {
			code, fields = problemCode(t, resp)
		} else {
			_ = json.Unmarshal([]byte(resp.Body), &tok)
		}
		return resp.StatusCode, code, fields, tok
	}
	t.Run("a wrong current password is 403 naming it", func(t *testing.T) {
		st, code, fields, _ := post(`{"currentPassword":"not the password","newPassword":"dan's new passphrase"}`)
		if st != 403 || code != "invalid_current_password" || len(fields) != 1 || fields[0].Field != "currentPassword" {
			t.Fatalf("%d %s %v", st, code, fields)
		}
	})
	t.Run("a weak new password is 400 naming it", func(t *testing.T) {
		st, _, fields, _ := post(`{"currentPassword":"a long enough password","newPassword":"short"}`)
		if st != 400 || len(fields) != 1 || fields[0].Field != "newPassword" {
			t.Fatalf("%d %v", st, fields)
		}
	})
	var fresh auth.Tokens
	t.Run("the change answers with tokens of a new session", func(t *testing.T) {
		var st int
		st, _, _, fresh = post(`{"currentPassword":"a long enough password","newPassword":"dan's new passphrase"}`)
		if st != 200 || fresh.AccessToken == "" || fresh.RefreshToken == "" || fresh.TokenType != "Bearer" {
			t.Fatalf("%d %+v", st, fresh)
		}
		if resp, ok := a.authorized(t, a.getMe, "GET /me", fresh.AccessToken); !ok || resp.StatusCode != 200 {
			t.Fatal("the new access token is refused")
		}
	})
	t.Run("other sessions end", func(t *testing.T) {
		if _, ok := a.authorized(t, a.getMe, "GET /me", other.AccessToken); ok {
			t.Fatal("another session's access token still passes the authorizer")
		}
		if r := a.call(t, a.refresh, "POST /auth/refresh", `{"refreshToken":"`+other.RefreshToken+`"}`, nil); r.StatusCode != 401 {
			t.Fatalf("another session's refresh: %d", r.StatusCode)
		}
	})
	t.Run("the new password signs in", func(t *testing.T) {
		if r := a.call(t, a.login, "POST /auth/login", `{"email":"dan@acme.example","password":"dan's new passphrase"}`, nil); r.StatusCode != 200 {
			t.Fatalf("login: %d", r.StatusCode)
		}
	})
	t.Run("guessing is throttled like sign-in", func(t *testing.T) {
		st := 0
		for range roster.EmailThrottle.SlowAfter + 1 {
			if st, _, _, _ = post(`{"currentPassword":"a wrong guess","newPassword":"dan's newer passphrase"}`); st == 429 {
				break
			}
		}
		if st != 429 {
			t.Fatalf("after %d wrong guesses: %d", roster.EmailThrottle.SlowAfter+1, st)
		}
	})
}

func TestChangeMyEmail(t *testing.T) {
	a := newProfileApp(t)
	erin := a.createActive(t, "erin@acme.example", "agent", a.rootID)
	a.createActive(t, "taken@acme.example", "agent", a.rootID)
	c := profileCaller(erin)
	_, session := a.signIn(t, "erin@acme.example")
	post := func(body string) (int, string, string) {
		t.Helper()
		resp := a.as(t, c, a.requestEmail, "POST /me/email", "", body, nil)
		code := ""
		if resp.StatusCode >= 400 {
			code, _ = problemCode(t, resp)
		}
		return resp.StatusCode, code, resp.Body
	}
	for _, tc := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"a taken address is 409", `{"email":"taken@acme.example","password":"a long enough password"}`, 409, "email_taken"},
		{"the current address is 400", `{"email":"Erin@acme.example","password":"a long enough password"}`, 400, "validation_failed"},
		{"a malformed address is 400", `{"email":"erin","password":"a long enough password"}`, 400, "validation_failed"},
		{"a wrong password is 403", `{"email":"erin@new.example","password":"not the password"}`, 403, "invalid_current_password"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if st, code, body := post(tc.body); st != tc.status || code != tc.code {
				t.Fatalf("%d %s", st, body)
			}
		})
	}
	sent := len(a.mail.sent)
	st, _, body := post(`{"email":"Erin@New.example","password":"a long enough password"}`)
	var pending api.EmailChangeView
	_ = json.Unmarshal([]byte(body), &pending)
	if st != 202 || pending.PendingEmail != "erin@new.example" || pending.ExpiresAt == "" {
		t.Fatalf("request: %d %s", st, body)
	}
	var link string
	t.Run("a link goes to the new address and a notice to the old one", func(t *testing.T) {
		mails := a.mail.sent[sent:]
		if len(mails) != 2 {
			t.Fatalf("%d mails", len(mails))
		}
		for _, m := range mails {
			switch m.To[0] {
			case "erin@new.example":
				if !strings.Contains(m.Text, "https://app.example/confirm-email?token=") {
					t.Fatalf("confirmation = %q", m.Text)
				}
				link = invitationToken(t, m)
			case "erin@acme.example":
				if !strings.Contains(m.Text, "erin@new.example") || !strings.Contains(m.Text, "If it wasn't you, change your password") {
					t.Fatalf("notice = %q", m.Text)
				}
			default:
				t.Fatalf("mail to %v", m.To)
			}
		}
	})
	t.Run("nothing changes until the link is used; GET /me shows the pending address", func(t *testing.T) {
		me, _ := a.me(t, c)
		if me.Email != "erin@acme.example" || me.PendingEmail != "erin@new.example" || me.PendingEmailExpiresAt != pending.ExpiresAt {
			t.Fatalf("me = %+v", me)
		}
		if r, _ := a.signIn(t, "erin@acme.example"); r.StatusCode != 200 {
			t.Fatalf("sign in with the old address: %d", r.StatusCode)
		}
	})
	t.Run("a malformed token is 400, a forged one 410", func(t *testing.T) {
		if r := a.call(t, a.confirmEmail, "POST /auth/email/confirm", `{"token":"nope"}`, nil); r.StatusCode != 400 {
			t.Fatalf("malformed: %d", r.StatusCode)
		}
		forged := roster.EmailChangeToken{OrgID: a.orgID, UserID: erin.ID, Secret: strings.Repeat("x", 43)}.String()
		r := a.call(t, a.confirmEmail, "POST /auth/email/confirm", `{"token":"`+forged+`"}`, nil)
		if code, _ := problemCode(t, r); r.StatusCode != 410 || code != "email_change_invalid" {
			t.Fatalf("forged: %d %s", r.StatusCode, r.Body)
		}
	})
	t.Run("the link changes the email and ends every session", func(t *testing.T) {
		if r := a.call(t, a.confirmEmail, "POST /auth/email/confirm", `{"token":"`+link+`"}`, nil); r.StatusCode != 204 {
			t.Fatalf("confirm: %d %s", r.StatusCode, r.Body)
		}
		if _, ok := a.authorized(t, a.getMe, "GET /me", session.AccessToken); ok {
			t.Fatal("a session survived the change of email")
		}
		if r, _ := a.signIn(t, "erin@new.example"); r.StatusCode != 200 {
			t.Fatalf("sign in with the new address: %d", r.StatusCode)
		}
		if r, _ := a.signIn(t, "erin@acme.example"); r.StatusCode != 401 {
			t.Fatalf("sign in with the old address: %d", r.StatusCode)
		}
		if me, _ := a.me(t, c); me.Email != "erin@new.example" || me.PendingEmail != "" {
			t.Fatalf("me = %+v", me)
		}
	})
	t.Run("the link works once", func(t *testing.T) {
		r := a.call(t, a.confirmEmail, "POST /auth/email/confirm", `{"token":"`+link+`"}`, nil)
		if code, _ := problemCode(t, r); r.StatusCode != 410 || code != "email_change_invalid" {
			t.Fatalf("again: %d %s", r.StatusCode, r.Body)
		}
	})
	t.Run("the old address is free again", func(t *testing.T) {
		a.createActive(t, "erin@acme.example", "agent", a.rootID)
	})
}
