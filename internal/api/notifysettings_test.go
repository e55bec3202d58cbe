package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/notifysettings"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

// settingsApp wires the notification settings operations beside the user
// ones, with users of North and South and a second organisation.
type settingsApp struct {
	*lifecycleApp
	getMine, putMine, getOf, putOf, getDefault, putDefault api.LambdaHandler
	north, south                                           api.GroupView
	northManager, southManager, agent, other               roster.Caller
}

func newSettingsApp(t *testing.T) *settingsApp {
	t.Helper()
	l := newLifecycleApp(t)
	svc := notifysettings.NewService(l.store, time.Now)
	a := &settingsApp{lifecycleApp: l,
		getMine:    api.Authenticated(l.log, api.GetMyNotificationSettings(notifysettings.NewReader(l.store, time.Now))),
		putMine:    api.Authenticated(l.log, api.PutMyNotificationSettings(svc)),
		getOf:      api.Authenticated(l.log, api.GetUserNotificationSettings(notifysettings.NewReader(l.store, time.Now))),
		putOf:      api.Authenticated(l.log, api.PutUserNotificationSettings(svc)),
		getDefault: api.Authenticated(l.log, api.GetDefaultNotificationSettings(notifysettings.NewReader(l.store, time.Now))),
		putDefault: api.Authenticated(l.log, api.PutDefaultNotificationSettings(svc)),
	}
	admin := a.adminCaller()
	a.north = a.mustCreate(t, admin, "North", "location", a.rootID)
	a.south = a.mustCreate(t, admin, "South", "location", a.rootID)
	a.northManager = a.member(t, "mona@acme.example", roster.RoleManager, a.north.ID)
	a.southManager = a.member(t, "sam@acme.example", roster.RoleManager, a.south.ID)
	a.agent = a.member(t, "gus@acme.example", roster.RoleAgent, a.north.ID)

	body := strings.Replace(orgBody, "Ann@Acme.example", "eve@globex.example", 1)
	resp := a.call(t, a.createOrg, "POST /orgs", body, map[string]string{api.OperatorKeyHeader: operatorKey})
	if resp.StatusCode != 201 {
		t.Fatalf("second organisation: %d %s", resp.StatusCode, resp.Body)
	}
	var org api.OrganisationView
	_ = json.Unmarshal([]byte(resp.Body), &org)
	a.other = roster.Caller{OrgID: org.ID, UserID: org.Admin.ID, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: org.RootGroupID}}}
	return a
}

// member creates an active user with one role and returns them as a caller.
func (a *settingsApp) member(t *testing.T, email string, role roster.Role, group string) roster.Caller {
	t.Helper()
	u := a.createActive(t, email, string(role), group)
	return roster.Caller{OrgID: a.orgID, UserID: u.ID, Grants: []roster.Grant{{Role: role, GroupID: group}}}
}

// addRole gives user id the agent role at groups (through PATCH /users/{id}).
func (a *settingsApp) addRole(t *testing.T, id string, groups ...string) {
	t.Helper()
	editor := users.NewEditor(a.store, testPhone, users.NewLifecycle(a.store, users.NewReader(a.store, time.Now), claimReleaser(a.store)))
	update := api.Authenticated(a.log, api.UpdateUser(editor, a.sender))
	var roles []string
	for _, g := range groups {
		roles = append(roles, `{"role":"agent","groupId":"`+g+`"}`)
	}
	etag := a.as(t, a.adminCaller(), a.getUser, "GET /users/{id}", id, "", nil).Headers["ETag"]
	resp := a.as(t, a.adminCaller(), update, "PATCH /users/{id}", id, `{"roles":[`+strings.Join(roles, ",")+`]}`, map[string]string{"If-Match": etag})
	if resp.StatusCode != 200 {
		t.Fatalf("roles of %s: %d %s", id, resp.StatusCode, resp.Body)
	}
}

func settingsBody(sound string, repeat, unclaimed, unread int, extra string) string {
	b, _ := json.Marshal(map[string]any{
		"desktop": map[string]any{"sound": sound, "repeatMinutes": repeat},
		"email":   map[string]any{"enabled": true, "unclaimedMinutes": unclaimed, "unreadMinutes": unread, "limitToHoursOfOperation": false},
	})
	if extra != "" {
		return strings.TrimSuffix(string(b), "}") + "," + extra + "}"
	}
	return string(b)
}

func decodeSettings(t *testing.T, body string) api.NotificationSettingsView {
	t.Helper()
	var v api.NotificationSettingsView
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}

func TestNotificationSettingsDefaultsAndSource(t *testing.T) {
	a := newSettingsApp(t)
	ctx := context.Background()

	resp := a.as(t, a.agent, a.getMine, "GET /me/notification-settings", "", "", nil)
	v := decodeSettings(t, resp.Body)
	d := roster.DefaultNotificationSettings
	if resp.StatusCode != 200 || v.Source != "default" || v.Locked || v.Desktop.Sound != d.DesktopSound || v.Email.UnclaimedMinutes != d.UnclaimedMinutes ||
		v.Email.UnreadMinutes != d.UnreadMinutes || v.Email.LimitToHoursOfOperation != d.LimitToHours || resp.Headers["ETag"] != "" {
		t.Fatalf("a new user's settings: %d %s %v", resp.StatusCode, resp.Body, resp.Headers)
	}

	t.Run("only an organisation administrator sets the default", func(t *testing.T) {
		resp := a.as(t, a.northManager, a.putDefault, "PUT /notification-settings/default", "", settingsBody("bell", 10, 20, 40, ""), nil)
		if resp.StatusCode != 403 {
			t.Fatalf("a manager set the default: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := a.as(t, a.agent, a.getDefault, "GET /notification-settings/default", "", "", nil); resp.StatusCode != 403 {
			t.Fatalf("an agent read the default: %d", resp.StatusCode)
		}
		resp = a.as(t, a.adminCaller(), a.putDefault, "PUT /notification-settings/default", "", settingsBody("bell", 10, 20, 40, ""), nil)
		if v := decodeSettings(t, resp.Body); resp.StatusCode != 200 || v.Source != "organisation" || resp.Headers["ETag"] != `"v1"` {
			t.Fatalf("the admin set the default: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := a.as(t, a.northManager, a.getDefault, "GET /notification-settings/default", "", "", nil); !strings.Contains(resp.Body, `"bell"`) {
			t.Fatalf("a manager reads the default: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a user without settings follows the organisation's default", func(t *testing.T) {
		v := decodeSettings(t, a.as(t, a.agent, a.getMine, "GET /me/notification-settings", "", "", nil).Body)
		if v.Source != "organisation" || v.Desktop.Sound != "bell" || v.Email.UnclaimedMinutes != 20 {
			t.Fatalf("got %+v", v)
		}
		eff, err := a.store.EffectiveNotificationSettings(ctx, a.orgID, a.agent.UserID)
		if err != nil || eff.DesktopSound != "bell" || eff.UnreadMinutes != 40 {
			t.Fatalf("the notifier's view: %+v %v", eff, err)
		}
	})
	t.Run("a user's own settings win, and no sound is none", func(t *testing.T) {
		resp := a.as(t, a.agent, a.putMine, "PUT /me/notification-settings", "", settingsBody("none", 0, 5, 10, ""), nil)
		v := decodeSettings(t, resp.Body)
		if resp.StatusCode != 200 || v.Source != "user" || v.Desktop.Sound != "none" || resp.Headers["ETag"] != `"v1"` {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		eff, err := a.store.EffectiveNotificationSettings(ctx, a.orgID, a.agent.UserID)
		if err != nil || eff.DesktopSound != "" || eff.UnclaimedMinutes != 5 || eff.LimitToHours {
			t.Fatalf("the notifier's view: %+v %v", eff, err)
		}
		other, err := a.store.EffectiveNotificationSettings(ctx, a.orgID, a.northManager.UserID)
		if err != nil || other.DesktopSound != "bell" {
			t.Fatalf("another user is not touched: %+v %v", other, err)
		}
	})
	t.Run("If-Match is optional, and a stale one is 412", func(t *testing.T) {
		resp := a.as(t, a.agent, a.putMine, "PUT /me/notification-settings", "", settingsBody("ping", 1, 5, 10, ""), map[string]string{"If-Match": `"v7"`})
		if resp.StatusCode != 412 {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		resp = a.as(t, a.agent, a.putMine, "PUT /me/notification-settings", "", settingsBody("ping", 1, 5, 10, ""), map[string]string{"If-Match": `"v1"`})
		if resp.StatusCode != 200 || resp.Headers["ETag"] != `"v2"` {
			t.Fatalf("got %d %s %v", resp.StatusCode, resp.Body, resp.Headers)
		}
	})
}

func TestNotificationSettingsLock(t *testing.T) {
	a := newSettingsApp(t)
	path := "PUT /users/{id}/notification-settings"

	resp := a.as(t, a.northManager, a.putOf, path, a.agent.UserID, settingsBody("knock", 5, 15, 30, `"locked":true`), nil)
	if v := decodeSettings(t, resp.Body); resp.StatusCode != 200 || !v.Locked || v.Source != "user" {
		t.Fatalf("the manager locks: %d %s", resp.StatusCode, resp.Body)
	}
	t.Run("while locked the user's own PUT is 403 and changes nothing", func(t *testing.T) {
		resp := a.as(t, a.agent, a.putMine, "PUT /me/notification-settings", "", settingsBody("chime", 0, 60, 60, ""), nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 403 || code != "settings_locked" || !strings.Contains(resp.Body, "locked by a manager") {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		v := decodeSettings(t, a.as(t, a.agent, a.getMine, "GET /me/notification-settings", "", "", nil).Body)
		if !v.Locked || v.Desktop.Sound != "knock" {
			t.Fatalf("the user sees %+v", v)
		}
	})
	t.Run("a manager still changes them, and the lock stays when not sent", func(t *testing.T) {
		resp := a.as(t, a.northManager, a.putOf, path, a.agent.UserID, settingsBody("bell", 5, 15, 30, ""), nil)
		if v := decodeSettings(t, resp.Body); resp.StatusCode != 200 || !v.Locked || v.Desktop.Sound != "bell" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		resp = a.as(t, a.adminCaller(), a.getOf, "GET /users/{id}/notification-settings", a.agent.UserID, "", nil)
		if v := decodeSettings(t, resp.Body); resp.StatusCode != 200 || v.Desktop.Sound != "bell" || resp.Headers["ETag"] != `"v2"` {
			t.Fatalf("the admin reads: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("unlocked again the user can change them", func(t *testing.T) {
		resp := a.as(t, a.adminCaller(), a.putOf, path, a.agent.UserID, settingsBody("bell", 5, 15, 30, `"locked":false`), nil)
		if v := decodeSettings(t, resp.Body); resp.StatusCode != 200 || v.Locked {
			t.Fatalf("unlock: %d %s", resp.StatusCode, resp.Body)
		}
		resp = a.as(t, a.agent, a.putMine, "PUT /me/notification-settings", "", settingsBody("chime", 0, 60, 60, ""), nil)
		if v := decodeSettings(t, resp.Body); resp.StatusCode != 200 || v.Desktop.Sound != "chime" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a user cannot lock or unlock their own settings", func(t *testing.T) {
		resp := a.as(t, a.agent, a.putMine, "PUT /me/notification-settings", "", settingsBody("chime", 0, 60, 60, `"locked":false`), nil)
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != "locked" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
}

func TestNotificationSettingsReach(t *testing.T) {
	a := newSettingsApp(t)
	get := func(c roster.Caller, id string) int {
		return a.as(t, c, a.getOf, "GET /users/{id}/notification-settings", id, "", nil).StatusCode
	}
	put := func(c roster.Caller, id string) (int, string) {
		resp := a.as(t, c, a.putOf, "PUT /users/{id}/notification-settings", id, settingsBody("bell", 5, 15, 30, `"locked":true`), nil)
		code, _ := problemCode(t, resp)
		return resp.StatusCode, code
	}
	if s := get(a.northManager, a.agent.UserID); s != 200 {
		t.Fatalf("North's manager reads North's agent: %d", s)
	}
	// Another subtree's manager does not see the user at all, as for users.
	if s := get(a.southManager, a.agent.UserID); s != 404 {
		t.Fatalf("South's manager reads North's agent: %d", s)
	}
	if s, _ := put(a.southManager, a.agent.UserID); s != 404 {
		t.Fatalf("South's manager locks North's agent: %d", s)
	}
	// An agent manages nobody's settings.
	if s := get(a.agent, a.northManager.UserID); s != 404 {
		t.Fatalf("an agent reads a manager: %d", s)
	}
	// Seen but not managed: a user with a role in South too.
	both := a.createActive(t, "bo@acme.example", "agent", a.north.ID)
	a.addRole(t, both.ID, a.north.ID, a.south.ID)
	if s, code := put(a.northManager, both.ID); s != 403 || code != "out_of_reach" {
		t.Fatalf("North's manager locks a user of South too: %d %s", s, code)
	}
	// Oneself goes through /me.
	if s, code := put(a.northManager, a.northManager.UserID); s != 403 || code != "self" {
		t.Fatalf("a manager locks themself: %d %s", s, code)
	}
	// Another organisation's user does not exist.
	if s := get(a.other, a.agent.UserID); s != 404 {
		t.Fatalf("another organisation's admin reads: %d", s)
	}
	if s, _ := put(a.other, a.agent.UserID); s != 404 {
		t.Fatalf("another organisation's admin locks: %d", s)
	}
	v := decodeSettings(t, a.as(t, a.agent, a.getMine, "GET /me/notification-settings", "", "", nil).Body)
	if v.Locked || v.Source != "default" {
		t.Fatalf("a refused PUT wrote: %+v", v)
	}
}

func TestNotificationSettingsBadInput(t *testing.T) {
	a := newSettingsApp(t)
	tests := []struct {
		name   string
		body   string
		fields []string
	}{
		{"zero unclaimed minutes", settingsBody("chime", 5, 0, 30, ""), []string{"email.unclaimedMinutes"}},
		{"negative unread minutes", settingsBody("chime", 5, 15, -30, ""), []string{"email.unreadMinutes"}},
		{"absurd thresholds", settingsBody("chime", 5, 100000, 1441, ""), []string{"email.unclaimedMinutes", "email.unreadMinutes"}},
		{"a repeat over an hour", settingsBody("chime", 61, 15, 30, ""), []string{"desktop.repeatMinutes"}},
		{"a negative repeat", settingsBody("chime", -1, 15, 30, ""), []string{"desktop.repeatMinutes"}},
		{"an unknown sound", settingsBody("trumpet", 5, 15, 30, ""), []string{"desktop.sound"}},
		{"every bad field at once", settingsBody("trumpet", 99, 0, 0, ""), []string{"desktop.sound", "desktop.repeatMinutes", "email.unclaimedMinutes", "email.unreadMinutes"}},
		{"an unknown field", settingsBody("chime", 5, 15, 30, `"volume":11`), []string{"volume"}},
		{"a missing part", `{"desktop":{"sound":"chime","repeatMinutes":5}}`, []string{"email"}},
		{"a missing field", `{"desktop":{"sound":"chime"},"email":{"enabled":true,"unclaimedMinutes":15,"unreadMinutes":30,"limitToHoursOfOperation":true}}`, []string{"desktop.repeatMinutes"}},
		{"minutes that are not whole", strings.Replace(settingsBody("chime", 5, 15, 30, ""), `"unreadMinutes":30`, `"unreadMinutes":1.5`, 1), []string{"email.unreadMinutes"}},
		{"minutes past any integer", strings.Replace(settingsBody("chime", 5, 15, 30, ""), `"unreadMinutes":30`, `"unreadMinutes":1e30`, 1), []string{"email.unreadMinutes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, call := range []struct {
				caller roster.Caller
				route  string
				id     string
			}{
				{a.agent, "PUT /me/notification-settings", ""},
				{a.northManager, "PUT /users/{id}/notification-settings", a.agent.UserID},
				{a.adminCaller(), "PUT /notification-settings/default", ""},
			} {
				h := map[string]api.LambdaHandler{"PUT /me/notification-settings": a.putMine, "PUT /users/{id}/notification-settings": a.putOf,
					"PUT /notification-settings/default": a.putDefault}[call.route]
				resp := a.as(t, call.caller, h, call.route, call.id, tt.body, nil)
				_, fields := problemCode(t, resp)
				var got []string
				for _, f := range fields {
					got = append(got, f.Field)
				}
				if resp.StatusCode != 400 || strings.Join(got, ",") != strings.Join(tt.fields, ",") {
					t.Fatalf("%s: got %d fields %v, want 400 %v: %s", call.route, resp.StatusCode, got, tt.fields, resp.Body)
				}
			}
		})
	}
	v := decodeSettings(t, a.as(t, a.agent, a.getMine, "GET /me/notification-settings", "", "", nil).Body)
	if v.Source != "default" {
		t.Fatalf("a refused PUT stored settings: %+v", v)
	}
	if v := decodeSettings(t, a.as(t, a.adminCaller(), a.getDefault, "GET /notification-settings/default", "", "", nil).Body); v.Source != "default" {
		t.Fatalf("a refused PUT stored a default: %+v", v)
	}
}
