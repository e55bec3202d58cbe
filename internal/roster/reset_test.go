package roster

import (
	"strings"
	"testing"
	"time"
)

func TestPasswordResetRequest(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	sent := &PasswordReset{TokenHash: "h", ExpiresAt: t0.Add(time.Hour), RequestedAt: t0, WindowStart: t0, Requests: 1}
	full := &PasswordReset{TokenHash: "h", ExpiresAt: t0.Add(time.Hour), RequestedAt: t0.Add(20 * time.Minute), WindowStart: t0, Requests: MaxResetMails}
	tests := []struct {
		name      string
		r         *PasswordReset
		now       time.Time
		ok        bool
		requests  int
		windowAt  time.Time
		tokenHash string
	}{
		{"a first request opens a window", nil, t0, true, 1, t0, ""},
		{"a second one within the hour counts on, and the sent link stays until replaced", sent, t0.Add(5 * time.Minute), true, 2, t0, "h"},
		{"the fourth within the hour is withheld", full, t0.Add(59 * time.Minute), false, MaxResetMails, t0, "h"},
		{"an hour after the window opened a new one opens", full, t0.Add(ResetMailWindow), true, 1, t0.Add(ResetMailWindow), "h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before PasswordReset
			if tt.r != nil {
				before = *tt.r
			}
			next, ok := tt.r.Request(tt.now)
			if ok != tt.ok || next.Requests != tt.requests || !next.WindowStart.Equal(tt.windowAt) || next.TokenHash != tt.tokenHash {
				t.Fatalf("Request = %+v, %v", next, ok)
			}
			if ok && !next.RequestedAt.Equal(tt.now) {
				t.Fatalf("RequestedAt = %v, want %v", next.RequestedAt, tt.now)
			}
			if tt.r != nil && *tt.r != before {
				t.Fatal("Request changed the state it was given")
			}
		})
	}
}

func TestResetToken(t *testing.T) {
	secret := strings.Repeat("s", 43)
	tok := ResetToken{OrgID: "o1", UserID: "u1", Secret: secret}
	if got, ok := ParseResetToken(" " + tok.String() + "\n"); !ok || got != tok {
		t.Fatalf("round trip = %+v, %v", got, ok)
	}
	for _, bad := range []string{"", "nonsense", "o1.u1", "o1.u1.short", ".u1." + secret, "o1.." + secret, "o1.u1." + secret + ".x", "o1.u1." + strings.Repeat("s", 300)} {
		if _, ok := ParseResetToken(bad); ok {
			t.Errorf("ParseResetToken(%q) accepted", bad)
		}
	}
}
