package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

// forgotFloor stands in for api.ForgotPasswordMinDuration: long enough
// that a queued and sent mail fits under it, short enough for the suite.
const forgotFloor = 200 * time.Millisecond

type passwordApp struct {
	*lifecycleApp
	forgot, reset api.LambdaHandler
}

func newPasswordApp(t *testing.T) *passwordApp {
	t.Helper()
	l := newLifecycleApp(t)
	return &passwordApp{lifecycleApp: l,
		forgot: api.Public(l.log, api.ForgotPassword(l.authSvc, l.sender, forgotFloor)),
		reset:  api.Public(l.log, api.ResetPassword(l.authSvc)),
	}
}

// askReset calls POST /auth/password/forgot and returns the response, how
// long it took, and the mail it sent, if any.
func (a *passwordApp) askReset(t *testing.T, email string) (events.APIGatewayV2HTTPResponse, time.Duration, *roster.Mail) {
	t.Helper()
	before := len(a.mail.sent)
	start := time.Now()
	resp := a.call(t, a.forgot, "POST /auth/password/forgot", `{"email":"`+email+`"}`, nil)
	took := time.Since(start)
	switch len(a.mail.sent) - before {
	case 0:
		return resp, took, nil
	case 1:
		m := a.mail.last()
		return resp, took, &m
	}
	t.Fatalf("one request sent %d mails", len(a.mail.sent)-before)
	return resp, took, nil
}

// resetToken asks for a reset of email's password and returns the token
// of the link in the mail.
func (a *passwordApp) resetToken(t *testing.T, email string) string {
	t.Helper()
	resp, _, m := a.askReset(t, email)
	if resp.StatusCode != 202 || m == nil {
		t.Fatalf("forgot %s: %d, mail %v", email, resp.StatusCode, m)
	}
	if !strings.Contains(m.Text, "https://app.example/password/reset?token=") || !strings.Contains(m.HTML, "/password/reset?token=") {
		t.Fatalf("no reset link in %q", m.Text)
	}
	return invitationToken(t, *m)
}

func (a *passwordApp) resetTo(t *testing.T, token, password string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	return a.call(t, a.reset, "POST /auth/password/reset", `{"token":"`+token+`","password":"`+password+`"}`, nil)
}

func TestForgotPasswordNeverTells(t *testing.T) {
	a := newPasswordApp(t)
	admin := a.adminCaller()
	a.createActive(t, "carl@acme.example", "agent", a.rootID)
	dora := a.createActive(t, "dora@acme.example", "agent", a.rootID)
	if resp := a.as(t, admin, a.deactivate, "POST /users/{id}/deactivate", dora.ID, "", nil); resp.StatusCode != 200 {
		t.Fatalf("deactivate: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"ivy@acme.example","firstName":"Ivy","lastName":"Invited","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil); resp.StatusCode != 201 {
		t.Fatalf("create invited: %d %s", resp.StatusCode, resp.Body)
	}

	var first string
	tests := []struct {
		name  string
		email string
		link  string // the path of the link mailed; "" for no mail
	}{
		{"an unknown address gets no mail", "nobody@acme.example", ""},
		{"an active user gets a reset link", " Carl@Acme.example", "/password/reset?token="},
		{"an invited user gets the invitation again", "ivy@acme.example", "/invitations/accept?token="},
		{"a deactivated user gets no mail", "dora@acme.example", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, took, m := a.askReset(t, tt.email)
			if resp.StatusCode != 202 {
				t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
			}
			if first == "" {
				first = resp.Body
			}
			if resp.Body != first {
				t.Fatalf("body %s differs from %s", resp.Body, first)
			}
			if took < forgotFloor {
				t.Fatalf("answered in %v, under the %v floor", took, forgotFloor)
			}
			switch {
			case tt.link == "" && m != nil:
				t.Fatalf("mail sent: %+v", m)
			case tt.link != "" && (m == nil || !strings.Contains(m.Text, tt.link) || m.HTML == "" || m.To[0] != strings.ToLower(strings.TrimSpace(tt.email))):
				t.Fatalf("mail = %+v, want a link with %s", m, tt.link)
			}
		})
	}
	t.Run("something that is not an address is 400", func(t *testing.T) {
		resp := a.call(t, a.forgot, "POST /auth/password/forgot", `{"email":"not-an-email"}`, nil)
		if code, fields := problemCode(t, resp); resp.StatusCode != 400 || code != "validation_failed" || fields[0].Field != "email" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		if resp := a.call(t, a.forgot, "POST /auth/password/forgot", `{"email":"carl@acme.example","extra":1}`, nil); resp.StatusCode != 400 {
			t.Fatalf("unknown field: %d", resp.StatusCode)
		}
	})
	t.Run("the fourth request within the hour is answered alike and sends nothing", func(t *testing.T) {
		for i := 2; i <= roster.MaxResetMails; i++ {
			if _, _, m := a.askReset(t, "carl@acme.example"); m == nil {
				t.Fatalf("request %d sent no mail", i)
			}
		}
		resp, took, m := a.askReset(t, "carl@acme.example")
		if resp.StatusCode != 202 || resp.Body != first || took < forgotFloor || m != nil {
			t.Fatalf("over the limit: %d %s in %v, mail %v", resp.StatusCode, resp.Body, took, m)
		}
	})
}

func TestPasswordResetJourney(t *testing.T) {
	a := newPasswordApp(t)
	const newPassword = "a brand new passphrase"
	a.createActive(t, "carl@acme.example", "agent", a.rootID)
	_, before := a.signIn(t, "carl@acme.example")
	if _, ok := a.authorized(t, a.getMe, "GET /me", before.AccessToken); !ok {
		t.Fatal("the access token does not pass before the reset")
	}
	token := a.resetToken(t, "carl@acme.example")

	t.Run("a weak password is refused and the link still works", func(t *testing.T) {
		resp := a.resetTo(t, token, "short")
		if code, fields := problemCode(t, resp); resp.StatusCode != 400 || code != "validation_failed" || fields[0].Field != "password" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a forged link is 410, a garbled one 400", func(t *testing.T) {
		orgID, rest, _ := strings.Cut(token, ".")
		userID, _, _ := strings.Cut(rest, ".")
		resp := a.resetTo(t, orgID+"."+userID+"."+strings.Repeat("A", 43), newPassword)
		if code, _ := problemCode(t, resp); resp.StatusCode != 410 || code != "reset_invalid" {
			t.Fatalf("forged: %d %s", resp.StatusCode, resp.Body)
		}
		resp = a.resetTo(t, "nonsense", newPassword)
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != "token" {
			t.Fatalf("garbled: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("the link sets the new password and signs nobody in", func(t *testing.T) {
		resp := a.resetTo(t, token, newPassword)
		if resp.StatusCode != 204 || resp.Body != "" {
			t.Fatalf("reset: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("the old password is refused, the new one works", func(t *testing.T) {
		if resp := a.call(t, a.login, "POST /auth/login", `{"email":"carl@acme.example","password":"a long enough password"}`, nil); resp.StatusCode != 401 {
			t.Fatalf("old password: %d", resp.StatusCode)
		}
		if resp := a.call(t, a.login, "POST /auth/login", `{"email":"carl@acme.example","password":"`+newPassword+`"}`, nil); resp.StatusCode != 200 {
			t.Fatalf("new password: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("tokens from before the reset are refused", func(t *testing.T) {
		if resp := a.call(t, a.refresh, "POST /auth/refresh", `{"refreshToken":"`+before.RefreshToken+`"}`, nil); resp.StatusCode != 401 {
			t.Fatalf("refresh: %d %s", resp.StatusCode, resp.Body)
		}
		if _, ok := a.authorized(t, a.getMe, "GET /me", before.AccessToken); ok {
			t.Fatal("the access token still passes the authorizer")
		}
	})
	t.Run("a used link is 410", func(t *testing.T) {
		resp := a.resetTo(t, token, "yet another passphrase")
		if code, _ := problemCode(t, resp); resp.StatusCode != 410 || code != "reset_invalid" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a second request replaces the first link", func(t *testing.T) {
		a.createActive(t, "erin@acme.example", "agent", a.rootID)
		older := a.resetToken(t, "erin@acme.example")
		newer := a.resetToken(t, "erin@acme.example")
		if resp := a.resetTo(t, older, newPassword); resp.StatusCode != 410 {
			t.Fatalf("older link: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := a.resetTo(t, newer, newPassword); resp.StatusCode != 204 {
			t.Fatalf("newer link: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("an expired link is 410 reset_expired", func(t *testing.T) {
		a.createActive(t, "fay@acme.example", "agent", a.rootID)
		a.sender.Now = func() time.Time { return time.Now().Add(-roster.PasswordResetTTL - time.Minute) } // sent long ago
		defer func() { a.sender.Now = time.Now }()
		resp := a.resetTo(t, a.resetToken(t, "fay@acme.example"), newPassword)
		if code, _ := problemCode(t, resp); resp.StatusCode != 410 || code != "reset_expired" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})

	logs := a.logs.String()
	_, secret, _ := strings.Cut(strings.TrimPrefix(token, strings.SplitN(token, ".", 2)[0]+"."), ".")
	for name, s := range map[string]string{"reset token secret": secret, "new password": newPassword} {
		if strings.Contains(logs, s) {
			t.Errorf("the %s appears in the logs", name)
		}
	}
}

func TestResetMailSurvivesSESFailure(t *testing.T) {
	a := newPasswordApp(t)
	a.createActive(t, "carl@acme.example", "agent", a.rootID)
	a.mail.failures = 1
	resp, _, m := a.askReset(t, "carl@acme.example")
	if resp.StatusCode != 202 || m != nil {
		t.Fatalf("while SES fails: %d, mail %v", resp.StatusCode, m)
	}
	a.sender.Now = func() time.Time { return time.Now().Add(roster.MailRetryDelay(1) + time.Second) }
	before := len(a.mail.sent)
	if err := a.sendMail(context.Background(), events.CloudWatchEvent{}); err != nil {
		t.Fatal(err)
	}
	if len(a.mail.sent) != before+1 || !strings.Contains(a.mail.last().Text, "/password/reset?token=") {
		t.Fatalf("the schedule did not send the reset mail: %+v", a.mail.sent[before:])
	}
	if resp := a.resetTo(t, invitationToken(t, a.mail.last()), "a brand new passphrase"); resp.StatusCode != 204 {
		t.Fatalf("the retried link: %d %s", resp.StatusCode, resp.Body)
	}
}

func TestEmailChangeKillsAPendingResetLink(t *testing.T) {
	a := newPasswordApp(t)
	admin := a.adminCaller()
	jo := a.createActive(t, "jo@acme.example", "agent", a.rootID)
	token := a.resetToken(t, "jo@acme.example")
	editor := users.NewEditor(a.store, testPhone, users.NewLifecycle(a.store, users.NewReader(a.store, time.Now), claimReleaser(a.store)))
	update := api.Authenticated(a.log, api.UpdateUser(editor, a.sender))
	etag := a.as(t, admin, a.getUser, "GET /users/{id}", jo.ID, "", nil).Headers["ETag"]
	if resp := a.as(t, admin, update, "PATCH /users/{id}", jo.ID, `{"email":"jo.new@acme.example"}`, map[string]string{"If-Match": etag}); resp.StatusCode != 200 {
		t.Fatalf("change email: %d %s", resp.StatusCode, resp.Body)
	}
	resp := a.resetTo(t, token, "taken over password")
	if resp.StatusCode != 410 {
		t.Fatalf("a reset link mailed to the old address still works after the email changed: %d %s", resp.StatusCode, resp.Body)
	}
}
