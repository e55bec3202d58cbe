package auth

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

const (
	firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
	iphone  = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)

func TestMySessions(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	login := func(c roster.Client) (Tokens, roster.Caller) {
		t.Helper()
		tok, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, c)
		if err != nil {
			t.Fatal(err)
		}
		caller, err := f.verifier.Authorize(ctx, tok.AccessToken)
		if err != nil {
			t.Fatal(err)
		}
		*f.clock = f.clock.Add(time.Minute)
		return tok, caller
	}
	list := func(c roster.Caller) []roster.Session {
		t.Helper()
		got, _, err := f.svc.MySessions(ctx, c, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	laptop, laptopCaller := login(roster.NewClient("198.51.100.1", firefox))
	phone, phoneCaller := login(roster.NewClient("203.0.113.9", iphone))

	t.Run("each sign-in is listed with where it came from, newest first", func(t *testing.T) {
		got := list(laptopCaller)
		if len(got) != 2 || got[0].ID != phoneCaller.SessionID || got[1].ID != laptopCaller.SessionID {
			t.Fatalf("sessions = %+v", got)
		}
		if got[0].UserAgent != iphone || got[0].IP != "203.0.113.9" || got[1].UserAgent != firefox || got[1].IP != "198.51.100.1" {
			t.Fatalf("sessions = %+v", got)
		}
	})
	t.Run("a refresh moves last used and the address", func(t *testing.T) {
		next, err := f.svc.Refresh(ctx, laptop.RefreshToken, roster.NewClient("198.51.100.77", firefox))
		if err != nil {
			t.Fatal(err)
		}
		laptop = next
		got := list(laptopCaller)
		if !got[1].LastUsedAt.Equal(*f.clock) || got[1].LastIP != "198.51.100.77" || got[1].IP != "198.51.100.1" {
			t.Fatalf("after a refresh at %v: %+v", *f.clock, got[1])
		}
	})
	t.Run("another user's session is not found and keeps working", func(t *testing.T) {
		f.createOrg(t, "bob@other.example", roster.UserActive)
		bobTok, err := f.svc.Login(ctx, "bob@other.example", adminPassword, roster.Client{IP: "192.0.2.50"})
		if err != nil {
			t.Fatal(err)
		}
		bob, err := f.verifier.Authorize(ctx, bobTok.AccessToken)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.EndMySession(ctx, laptopCaller, bob.SessionID); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("ending Bob's session as Ann: %v, want not found", err)
		}
		if _, err := f.svc.Refresh(ctx, bobTok.RefreshToken, roster.Client{}); err != nil {
			t.Fatalf("Bob's session stopped: %v", err)
		}
		for _, id := range []string{"", "nope", string(make([]byte, 100))} {
			if err := f.svc.EndMySession(ctx, laptopCaller, id); roster.ErrorCodeOf(err) != roster.ENotFound {
				t.Fatalf("EndMySession(%q) = %v, want not found", id, err)
			}
		}
	})
	t.Run("ending a session stops its refresh and access tokens at once, and no other", func(t *testing.T) {
		if err := f.svc.EndMySession(ctx, laptopCaller, phoneCaller.SessionID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Refresh(ctx, phone.RefreshToken, roster.Client{}); roster.ReasonOf(err) != "invalid_refresh_token" {
			t.Fatalf("refresh of an ended session: %v", err)
		}
		if _, err := f.verifier.Authorize(ctx, phone.AccessToken); !errors.Is(err, ErrNotAuthorized) {
			t.Fatalf("access token of an ended session: %v", err)
		}
		if _, err := f.verifier.Authorize(ctx, laptop.AccessToken); err != nil {
			t.Fatalf("the session that ended the other one stopped: %v", err)
		}
		if got := list(laptopCaller); len(got) != 1 || got[0].ID != laptopCaller.SessionID {
			t.Fatalf("after ending the phone's: %+v", got)
		}
		if err := f.svc.EndMySession(ctx, laptopCaller, phoneCaller.SessionID); err != nil {
			t.Fatalf("ending it again: %v", err)
		}
	})
	t.Run("signing out takes the session off the list", func(t *testing.T) {
		tok, c := login(roster.Client{IP: "192.0.2.2", UserAgent: "curl/8.5.0"})
		if got := list(c); len(got) != 2 {
			t.Fatalf("before signing out: %+v", got)
		}
		if err := f.svc.Logout(ctx, tok.RefreshToken); err != nil {
			t.Fatal(err)
		}
		if got := list(laptopCaller); len(got) != 1 {
			t.Fatalf("after signing out: %+v", got)
		}
	})
	t.Run("the current session may end itself", func(t *testing.T) {
		if err := f.svc.EndMySession(ctx, laptopCaller, laptopCaller.SessionID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.verifier.Authorize(ctx, laptop.AccessToken); !errors.Is(err, ErrNotAuthorized) {
			t.Fatalf("access token after ending itself: %v", err)
		}
		if _, err := f.svc.Refresh(ctx, laptop.RefreshToken, roster.Client{}); roster.ReasonOf(err) != "invalid_refresh_token" {
			t.Fatalf("refresh after ending itself: %v", err)
		}
	})
	t.Run("sessions ended all at once are not listed and stop", func(t *testing.T) {
		tok, c := login(roster.Client{IP: "192.0.2.3"})
		u, err := f.store.User(ctx, f.org.ID, f.admin.ID)
		if err != nil {
			t.Fatal(err)
		}
		audit := roster.AuditEvent{ID: roster.NewID(*f.clock), OrgID: f.org.ID, ActorID: "someone", Type: "user.sessions_ended", SubjectID: u.ID, At: *f.clock}
		if err := f.store.EndUserSessions(ctx, u, *f.clock, audit); err != nil {
			t.Fatal(err)
		}
		if got := list(c); len(got) != 0 {
			t.Fatalf("listed after ending all: %+v", got)
		}
		if _, err := f.svc.Refresh(ctx, tok.RefreshToken, roster.Client{}); roster.ReasonOf(err) != "invalid_refresh_token" {
			t.Fatalf("refresh after ending all: %v", err)
		}
		if _, err := f.verifier.Authorize(ctx, tok.AccessToken); !errors.Is(err, ErrNotAuthorized) {
			t.Fatalf("access after ending all: %v", err)
		}
		_, fresh := login(roster.Client{IP: "192.0.2.4"})
		if got := list(fresh); len(got) != 1 || got[0].ID != fresh.SessionID {
			t.Fatalf("a sign-in after ending all: %+v", got)
		}
	})
}

func TestASessionKeepsItsClientCleaned(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	tok, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.NewClient("192.0.2.8", "curl/8.5.0\n"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.verifier.Authorize(ctx, tok.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	sess, err := f.store.Session(ctx, c.SessionID)
	if err != nil || sess.UserAgent != "curl/8.5.0" || sess.IP != "192.0.2.8" {
		t.Fatalf("session = %+v, %v", sess, err)
	}
}
