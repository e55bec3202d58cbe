package dynamo_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// Member items follow every write of a user and of their own settings:
// present for an active user who may answer at the group, under the
// default (D#) or their own threshold (T#), absent with email off.
func TestMemberItemsFollowUsersAndSettings(t *testing.T) {
	s := mustStore(t)
	ctx := context.Background()
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	audit := func() roster.AuditEvent {
		return roster.AuditEvent{ID: roster.NewID(t0), OrgID: org.ID, ActorID: admin.ID, Type: "test", At: t0}
	}
	// members lists "D:<id>" for members using the default and
	// "T<minutes>:<id>" for members with their own threshold.
	members := func() []string {
		t.Helper()
		var out []string
		for _, from := range []int{0, 1} {
			page, _, err := s.NotifiableMembers(ctx, org.ID, root.ID, from, roster.MaxThresholdMinutes, "", 100)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range page {
				if m.UsesDefault {
					out = append(out, "D:"+m.UserID)
				} else {
					out = append(out, "T"+strconv.Itoa(m.UnclaimedMinutes)+":"+m.UserID)
				}
			}
		}
		return out
	}
	expect := func(step string, want ...string) {
		t.Helper()
		if got := members(); !slices.Equal(got, want) {
			t.Fatalf("%s: members %v, want %v", step, got, want)
		}
	}
	expect("organisation created", "D:"+admin.ID)

	ada := roster.User{ID: roster.NewID(t0), OrgID: org.ID, Email: "ada@acme.example", FirstName: "Ada", LastName: "Agent",
		Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: root.ID}}, Version: 1, CreatedAt: t0, UpdatedAt: t0}
	if err := s.CreateUser(ctx, ada, nil, audit()); err != nil {
		t.Fatal(err)
	}
	expect("agent created", "D:"+admin.ID, "D:"+ada.ID)

	settings := func(v roster.NotificationSettings) {
		t.Helper()
		cur, err := s.NotificationSettingsOf(ctx, org.ID, ada.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.PutNotificationSettings(ctx, org.ID, ada.ID, roster.StoredNotificationSettings{Settings: v, Version: cur.Version + 1,
			UpdatedAt: t0, UpdatedBy: admin.ID}, cur.Version, audit()); err != nil {
			t.Fatal(err)
		}
	}
	own := roster.NotificationSettings{EmailEnabled: true, UnclaimedMinutes: 25, UnreadMinutes: 30}
	settings(own)
	expect("own settings", "D:"+admin.ID, "T25:"+ada.ID)
	own.EmailEnabled = false
	settings(own)
	expect("email off", "D:"+admin.ID)
	own.EmailEnabled, own.UnclaimedMinutes = true, 5
	settings(own)
	expect("email on again", "D:"+admin.ID, "T5:"+ada.ID)
	// The organisation's default moves nothing.
	if err := s.PutNotificationSettings(ctx, org.ID, "", roster.StoredNotificationSettings{Settings: roster.DefaultNotificationSettings,
		Version: 1, UpdatedAt: t0}, 0, audit()); err != nil {
		t.Fatal(err)
	}
	expect("default set", "D:"+admin.ID, "T5:"+ada.ID)

	change := func(step string, u *roster.User, status roster.UserStatus) {
		t.Helper()
		u.Status, u.Version = status, u.Version+1
		if err := s.ChangeUser(ctx, roster.UserChange{User: *u, Audit: audit()}); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	change("deactivate", &ada, roster.UserDeactivated)
	expect("deactivated", "D:"+admin.ID)
	change("activate", &ada, roster.UserActive)
	expect("active again", "D:"+admin.ID, "T5:"+ada.ID)

	edit := func(step string, grants ...roster.Grant) {
		t.Helper()
		old := ada
		ada.Grants, ada.Version = grants, ada.Version+1
		if err := s.UpdateUser(ctx, old, roster.UserChange{User: ada, Audit: audit()}, nil); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	edit("viewer", roster.Grant{Role: roster.RoleViewer, GroupID: root.ID})
	expect("made a viewer", "D:"+admin.ID)
	edit("manager", roster.Grant{Role: roster.RoleManager, GroupID: root.ID})
	expect("made a manager", "D:"+admin.ID, "T5:"+ada.ID)

	change("delete", &ada, roster.UserDeleted)
	change("undelete", &ada, roster.UserActive)
	expect("undeleted", "D:"+admin.ID, "T5:"+ada.ID)
	if err := s.PurgeUser(ctx, ada, nil, audit()); err != nil {
		t.Fatal(err)
	}
	expect("purged", "D:"+admin.ID)

	bob := roster.User{ID: roster.NewID(t0), OrgID: org.ID, Email: "bob@acme.example", FirstName: "Bob", LastName: "Invited",
		Status: roster.UserInvited, Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: root.ID}}, Version: 1, CreatedAt: t0, UpdatedAt: t0,
		Invitation: &roster.Invitation{TokenHash: "hash", ExpiresAt: t0.Add(time.Hour)}}
	if err := s.CreateUser(ctx, bob, nil, audit()); err != nil {
		t.Fatal(err)
	}
	expect("invited", "D:"+admin.ID)
	if err := s.AcceptInvitation(ctx, org.ID, bob.ID, "hash", "$argon2id$hash", roster.AcceptNames{}, t0); err != nil {
		t.Fatal(err)
	}
	expect("invitation accepted", "D:"+admin.ID, "D:"+bob.ID)
}
