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
)

func TestInvitationReminders(t *testing.T) {
	a := newUsersApp(t)
	resp := a.as(t, a.adminCaller(), a.createUser, "POST /users", "", `{"email":"hal@acme.example","firstName":"Hal","lastName":"H","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
	var hal api.UserView
	_ = json.Unmarshal([]byte(resp.Body), &hal)
	first := invitationToken(t, a.mail.last())
	clock := time.Now()
	a.sender.Now = func() time.Time { return clock }
	remind := jobs.RemindInvitations(a.store, a.sender, a.log, func() time.Time { return clock })
	run := func() {
		t.Helper()
		if err := remind(context.Background(), events.CloudWatchEvent{}); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("nobody is reminded while the link has days left", func(t *testing.T) {
		before := len(a.mail.sent)
		run()
		if len(a.mail.sent) != before {
			t.Fatal("reminded too early")
		}
	})
	t.Run("a day before expiry the user is reminded once, with a new link to the same deadline", func(t *testing.T) {
		clock = clock.Add(roster.InvitationTTL - 20*time.Hour)
		before := len(a.mail.sent)
		run()
		run() // a second run the same day sends nothing more
		if len(a.mail.sent) != before+1 || !strings.HasPrefix(a.mail.last().Subject, "Reminder:") || a.mail.last().To[0] != "hal@acme.example" {
			t.Fatalf("reminders: %+v", a.mail.sent[before:])
		}
		second := invitationToken(t, a.mail.last())
		if second == first {
			t.Fatal("the reminder carried the old link")
		}
		got := a.as(t, a.adminCaller(), a.getUser, "GET /users/{id}", hal.ID, "", nil)
		var u api.UserView
		_ = json.Unmarshal([]byte(got.Body), &u)
		if u.Invitation == nil || u.Invitation.ExpiresAt != hal.Invitation.ExpiresAt {
			t.Fatalf("the reminder moved the deadline: %+v vs %+v", u.Invitation, hal.Invitation)
		}
	})
	t.Run("an accepted invitation gets no reminder", func(t *testing.T) {
		resp := a.as(t, a.adminCaller(), a.createUser, "POST /users", "", `{"email":"ivy@acme.example","firstName":"Ivy","lastName":"I","roles":[{"role":"agent","groupId":"`+a.rootID+`"}]}`, nil)
		if resp.StatusCode != 201 {
			t.Fatal(resp.Body)
		}
		tok := invitationToken(t, a.mail.last())
		if r := a.call(t, a.accept, "POST /auth/invitations/accept", `{"token":"`+tok+`","password":"ivy's own password"}`, nil); r.StatusCode != 200 {
			t.Fatalf("accept: %d %s", r.StatusCode, r.Body)
		}
		clock = clock.Add(roster.InvitationTTL - 20*time.Hour)
		before := len(a.mail.sent)
		run()
		for _, m := range a.mail.sent[before:] {
			if m.To[0] == "ivy@acme.example" {
				t.Fatal("an accepted invitation was reminded")
			}
		}
	})
}
