package roster

import (
	"testing"
	"time"
)

func TestNextStatus(t *testing.T) {
	tests := []struct {
		from        UserStatus
		action      LifecycleAction
		before      UserStatus
		hasPassword bool
		want        UserStatus
		reason      string
	}{
		{UserActive, Deactivate, "", true, UserDeactivated, ""},
		{UserInvited, Deactivate, "", false, UserDeactivated, ""},
		{UserDeactivated, Deactivate, "", true, UserDeactivated, ""},
		{UserDeleted, Deactivate, UserActive, true, "", "user_deleted"},
		{UserDeactivated, Activate, "", true, UserActive, ""},
		{UserDeactivated, Activate, "", false, UserInvited, ""},
		{UserActive, Activate, "", true, UserActive, ""},
		{UserInvited, Activate, "", false, UserInvited, ""},
		{UserDeleted, Activate, UserActive, true, "", "user_deleted"},
		{UserActive, Delete, "", true, UserDeleted, ""},
		{UserDeactivated, Delete, "", true, UserDeleted, ""},
		{UserDeleted, Delete, UserActive, true, UserDeleted, ""},
		{UserDeleted, Undelete, UserActive, true, UserActive, ""},
		{UserDeleted, Undelete, UserInvited, false, UserInvited, ""},
		{UserDeleted, Undelete, UserDeactivated, true, UserDeactivated, ""},
		{UserDeleted, Undelete, "", true, UserDeactivated, ""},
		{UserActive, Undelete, "", true, "", "not_deleted"},
	}
	for _, tt := range tests {
		t.Run(string(tt.action)+" from "+string(tt.from), func(t *testing.T) {
			got, err := NextStatus(tt.from, tt.action, tt.before, tt.hasPassword)
			if tt.reason != "" {
				if ReasonOf(err) != tt.reason || ErrorCodeOf(err) != EConflict {
					t.Fatalf("err = %v, want conflict %s", err, tt.reason)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("NextStatus = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := NextStatus(UserActive, "promote", "", true); ErrorCodeOf(err) != EInvalid {
		t.Fatalf("unknown action: %v", err)
	}
}

func TestReducesAdmins(t *testing.T) {
	if !ReducesAdmins(UserActive, UserDeactivated) || !ReducesAdmins(UserActive, UserDeleted) {
		t.Fatal("taking an active user away must count")
	}
	if ReducesAdmins(UserInvited, UserDeactivated) || ReducesAdmins(UserDeactivated, UserActive) {
		t.Fatal("only an active user leaving counts")
	}
}

func TestInvitationState(t *testing.T) {
	now := mustTime("2026-11-23T10:00:00Z")
	var none *Invitation
	sent := &Invitation{SentAt: now.Add(-hour), ExpiresAt: now.Add(6 * day)}
	tests := map[string]struct {
		inv  *Invitation
		want InvitationState
	}{
		"never invited":            {none, InvitationNone},
		"queued":                   {&Invitation{}, InvitationQueued},
		"pending":                  {sent, InvitationPending},
		"expired":                  {&Invitation{SentAt: now.Add(-8 * day), ExpiresAt: now.Add(-day)}, InvitationExpired},
		"accepted":                 {&Invitation{SentAt: now.Add(-day), ExpiresAt: now.Add(day), AcceptedAt: now}, InvitationAccepted},
		"revoked":                  {&Invitation{SentAt: now.Add(-day), ExpiresAt: now.Add(day), RevokedAt: now}, InvitationRevoked},
		"revoked after it expired": {&Invitation{SentAt: now.Add(-8 * day), ExpiresAt: now.Add(-day), RevokedAt: now}, InvitationRevoked},
	}
	for name, tt := range tests {
		if got := tt.inv.State(now); got != tt.want {
			t.Errorf("%s: %s, want %s", name, got, tt.want)
		}
	}
	if sent.NeedsReminder(now) {
		t.Error("reminded with six days left")
	}
	if !sent.NeedsReminder(now.Add(5*day + 2*hour)) {
		t.Error("not reminded with 22 hours left")
	}
	reminded := *sent
	reminded.RemindedAt = now
	if reminded.NeedsReminder(now.Add(5*day + 2*hour)) {
		t.Error("reminded twice")
	}
}

const (
	hour = time.Hour
	day  = 24 * time.Hour
)

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
