package roster

import (
	"testing"
	"time"
)

func TestKeywordOf(t *testing.T) {
	for body, want := range map[string]Keyword{
		"STOP": KeywordOptOut, "stop": KeywordOptOut, " Stop. ": KeywordOptOut, "STOP!": KeywordOptOut, "unsubscribe": KeywordOptOut,
		"Cancel": KeywordOptOut, "END": KeywordOptOut, "quit": KeywordOptOut, "STOPALL": KeywordOptOut, "opt-out": KeywordOptOut,
		"START": KeywordOptIn, "unstop": KeywordOptIn, "HELP": KeywordHelp, "help?": KeywordHelp, "Info": KeywordHelp,
		"please stop": NoKeyword, "stop texting me": NoKeyword, "STOPP": NoKeyword, "": NoKeyword, "Is my order ready?": NoKeyword,
		"STOP\nSTOP": NoKeyword,
	} {
		if got := KeywordOf(body); got != want {
			t.Errorf("KeywordOf(%q) = %d, want %d", body, got, want)
		}
	}
}

func TestTextStatusMovesForwardOnly(t *testing.T) {
	for _, tc := range []struct {
		from, to TextStatus
		ok       bool
	}{
		{TextQueued, TextSent, true}, {TextQueued, TextDelivered, true}, {TextSent, TextDelivered, true}, {TextSent, TextFailed, true},
		{TextSent, TextSent, false}, {TextDelivered, TextFailed, false}, {TextFailed, TextDelivered, false}, {TextDelivered, TextSent, false},
	} {
		if got := tc.from.MayBecome(tc.to); got != tc.ok {
			t.Errorf("%s.MayBecome(%s) = %v", tc.from, tc.to, got)
		}
	}
}

func TestTextRetryDelay(t *testing.T) {
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 16 * time.Minute, 30 * time.Minute, 30 * time.Minute}
	for i, w := range want {
		if got := TextRetryDelay(i + 1); got != w {
			t.Errorf("TextRetryDelay(%d) = %v, want %v", i+1, got, w)
		}
	}
}

func TestTextEventOutcome(t *testing.T) {
	for _, tc := range []struct {
		typ, desc string
		status    TextStatus
		reason    string
		ok        bool
	}{
		{"TEXT_DELIVERED", "", TextDelivered, "", true},
		{"TEXT_SUCCESSFUL", "", TextSent, "", true},
		{"TEXT_PENDING", "", "", "", false},
		{"TEXT_CARRIER_UNREACHABLE", "no signal", TextFailed, "carrier_unreachable: no signal", true},
		{"TEXT_BLOCKED", "", TextFailed, "blocked", true},
		{"VOICE_ANSWERED", "", "", "", false},
	} {
		s, r, ok := TextEvent{Type: tc.typ, Description: tc.desc}.Outcome()
		if s != tc.status || r != tc.reason || ok != tc.ok {
			t.Errorf("%s: %q %q %v", tc.typ, s, r, ok)
		}
	}
}

func TestWelcomeText(t *testing.T) {
	now := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
	w := WelcomeText(Organisation{Name: "Acme"}, Contact{ID: "c1", OrgID: "o1", FirstName: " Ada ", Phone: "+12015550123", Groups: []string{"g1", "g2"}}, now)
	if w.ID != "welcome-c1" || w.GroupID != "g1" || w.Status != TextQueued || w.Kind != TextWelcome || w.Body[:7] != "Hi Ada," {
		t.Fatalf("%+v", w)
	}
	if n := WelcomeText(Organisation{Name: "Acme"}, Contact{ID: "c2"}, now); n.Body[:3] != "Hi," {
		t.Fatalf("without a name: %q", n.Body)
	}
}
