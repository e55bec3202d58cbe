package auth

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/roster"
)

// testArgon is cheap so the suite stays fast; cost does not change behaviour.
var testArgon = Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

type fixture struct {
	store    *dynamo.Store
	svc      *Service
	verifier *Verifier
	clock    *time.Time
	org      roster.Organisation
	admin    roster.User
}

const adminPassword = "correct horse battery staple"

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, table := dynamotest.MustOpen(t)
	store := dynamo.NewStore(db, table)
	signer, err := NewSigner(testRing(t, "0123456789abcdef0123456789abcdef"), AccessTokenTTL)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	signer.now = now
	svc := NewService(store, signer, testArgon, slog.New(slog.NewTextHandler(io.Discard, nil)))
	svc.now = now
	v := NewVerifier(store, signer)
	v.now = now
	f := &fixture{store: store, svc: svc, verifier: v, clock: &clock}
	f.org, f.admin = f.createOrg(t, "ann@acme.example", roster.UserActive)
	return f
}

func (f *fixture) createOrg(t *testing.T, email string, status roster.UserStatus) (roster.Organisation, roster.User) {
	t.Helper()
	hash, err := HashPassword(adminPassword, testArgon)
	if err != nil {
		t.Fatal(err)
	}
	now := *f.clock
	org := roster.Organisation{ID: roster.NewID(now), Name: "Acme", DefaultRegion: "US", TimeZone: "UTC", CreatedAt: now}
	root := roster.Group{ID: roster.NewID(now), OrgID: org.ID, Name: "Acme", Kind: roster.GroupRoot, CreatedAt: now}
	org.RootGroupID = root.ID
	u := roster.User{ID: roster.NewID(now), OrgID: org.ID, Email: email, FirstName: "Ann", LastName: "Admin", Status: status,
		Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: root.ID}}, PasswordHash: hash, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := f.store.CreateOrganisation(context.Background(), org, root, u, nil); err != nil {
		t.Fatal(err)
	}
	return org, u
}

func TestLogin(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.createOrg(t, "gone@acme.example", roster.UserDeactivated)

	t.Run("right password signs in, whatever the email's case and spaces", func(t *testing.T) {
		tok, err := f.svc.Login(ctx, "  Ann@ACME.example ", adminPassword, roster.Client{IP: "10.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		if tok.AccessToken == "" || tok.RefreshToken == "" || tok.ExpiresIn != 900 || tok.TokenType != "Bearer" {
			t.Fatalf("tokens = %+v", tok)
		}
		c, err := f.verifier.Authorize(ctx, tok.AccessToken)
		if err != nil || c.UserID != f.admin.ID || c.OrgID != f.org.ID || len(c.Grants) != 1 {
			t.Fatalf("Authorize = %+v, %v", c, err)
		}
	})
	for _, tc := range []struct{ name, email, password string }{
		{"wrong password is refused", "ann@acme.example", "not the password at all"},
		{"unknown email is refused the same way", "nobody@acme.example", adminPassword},
		{"deactivated user is refused the same way", "gone@acme.example", adminPassword},
		{"malformed email is refused the same way", "not-an-email", adminPassword},
		{"empty password is refused the same way", "ann@acme.example", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.Login(ctx, tc.email, tc.password, roster.Client{IP: "10.0.0.2"})
			if roster.ReasonOf(err) != "invalid_credentials" || roster.ErrorCodeOf(err) != roster.EUnauthorized {
				t.Fatalf("err = %v, want invalid_credentials", err)
			}
		})
	}
}

func TestLoginThrottling(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	fail := func(ip string) error {
		_, err := f.svc.Login(ctx, "ann@acme.example", "wrong password here", roster.Client{IP: ip})
		return err
	}
	t.Run("the first failures are not slowed", func(t *testing.T) {
		for i := range roster.EmailThrottle.SlowAfter {
			if err := fail("10.0.0.1"); roster.ReasonOf(err) != "invalid_credentials" {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
		}
	})
	t.Run("then the email must wait, even with the right password", func(t *testing.T) {
		_, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.9"})
		var e *roster.Error
		if !errors.As(err, &e) || e.Code != roster.ETooManyRequests || e.RetryAfter != time.Second {
			t.Fatalf("err = %v, want 429 with a 1s wait", err)
		}
	})
	t.Run("after waiting, the right password works and resets the count", func(t *testing.T) {
		*f.clock = f.clock.Add(time.Second)
		if _, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.9"}); err != nil {
			t.Fatal(err)
		}
		if err := fail("10.0.0.1"); roster.ReasonOf(err) != "invalid_credentials" {
			t.Fatalf("after reset: %v", err)
		}
	})
	t.Run("enough failures lock the email for the lock period", func(t *testing.T) {
		// One failure is already counted; each further one waits out its delay.
		for i := 1; i < roster.EmailThrottle.LockAfter; i++ {
			*f.clock = f.clock.Add(roster.EmailThrottle.MaxDelay)
			if err := fail("10.0.0.1"); roster.ReasonOf(err) != "invalid_credentials" {
				t.Fatalf("failure %d: %v", i+1, err)
			}
		}
		_, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.9"})
		var e *roster.Error
		if !errors.As(err, &e) || e.Code != roster.ETooManyRequests || e.RetryAfter != roster.EmailThrottle.LockFor {
			t.Fatalf("err = %v, want locked for %v", err, roster.EmailThrottle.LockFor)
		}
		*f.clock = f.clock.Add(roster.EmailThrottle.LockFor)
		if _, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.9"}); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
	})
	t.Run("unknown emails are throttled like known ones", func(t *testing.T) {
		for range roster.EmailThrottle.SlowAfter {
			_, _ = f.svc.Login(ctx, "ghost@acme.example", "whatever password", roster.Client{IP: "10.0.0.3"})
		}
		_, err := f.svc.Login(ctx, "ghost@acme.example", "whatever password", roster.Client{IP: "10.0.0.3"})
		if roster.ErrorCodeOf(err) != roster.ETooManyRequests {
			t.Fatalf("err = %v, want throttled", err)
		}
	})
	t.Run("one IP guessing many emails is slowed", func(t *testing.T) {
		var err error
		for i := range roster.IPThrottle.SlowAfter + 1 {
			_, err = f.svc.Login(ctx, "user"+string(rune('a'+i%26))+string(rune('a'+i/26))+"@acme.example", "whatever password", roster.Client{IP: "10.9.9.9"})
		}
		if roster.ErrorCodeOf(err) != roster.ETooManyRequests {
			t.Fatalf("err = %v, want the IP throttled", err)
		}
	})
}

func TestRefreshAndLogout(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	login := func() Tokens {
		tok, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}

	t.Run("refresh rotates: the new token works, the old one does not", func(t *testing.T) {
		first := login()
		second, err := f.svc.Refresh(ctx, first.RefreshToken, roster.Client{})
		if err != nil {
			t.Fatal(err)
		}
		if second.RefreshToken == first.RefreshToken {
			t.Fatal("refresh token did not rotate")
		}
		if _, err := f.svc.Refresh(ctx, second.RefreshToken, roster.Client{}); err != nil {
			t.Fatalf("rotated token refused: %v", err)
		}
	})
	t.Run("replaying a rotated token revokes the whole session", func(t *testing.T) {
		first := login()
		second, err := f.svc.Refresh(ctx, first.RefreshToken, roster.Client{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Refresh(ctx, first.RefreshToken, roster.Client{}); roster.ReasonOf(err) != "invalid_refresh_token" {
			t.Fatalf("replay: %v", err)
		}
		if _, err := f.svc.Refresh(ctx, second.RefreshToken, roster.Client{}); roster.ReasonOf(err) != "invalid_refresh_token" {
			t.Fatalf("the thief's or owner's newer token still works after replay: %v", err)
		}
		if _, err := f.verifier.Authorize(ctx, second.AccessToken); !errors.Is(err, ErrNotAuthorized) {
			t.Fatalf("access token of a revoked session: %v", err)
		}
	})
	t.Run("logout revokes refresh and access tokens", func(t *testing.T) {
		tok := login()
		if err := f.svc.Logout(ctx, tok.RefreshToken); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Refresh(ctx, tok.RefreshToken, roster.Client{}); roster.ReasonOf(err) != "invalid_refresh_token" {
			t.Fatalf("refresh after logout: %v", err)
		}
		if _, err := f.verifier.Authorize(ctx, tok.AccessToken); !errors.Is(err, ErrNotAuthorized) {
			t.Fatalf("access after logout: %v", err)
		}
	})
	t.Run("logout with a garbage or wrong token is harmless", func(t *testing.T) {
		tok := login()
		id, _, _ := parseRefreshToken(tok.RefreshToken)
		for _, bad := range []string{"", "garbage", id + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
			if err := f.svc.Logout(ctx, bad); err != nil {
				t.Fatalf("Logout(%q) = %v", bad, err)
			}
		}
		if _, err := f.svc.Refresh(ctx, tok.RefreshToken, roster.Client{}); err != nil {
			t.Fatalf("a wrong secret revoked the session: %v", err)
		}
	})
	t.Run("a session past its absolute lifetime cannot refresh", func(t *testing.T) {
		tok := login()
		*f.clock = f.clock.Add(SessionTTL + time.Second)
		if _, err := f.svc.Refresh(ctx, tok.RefreshToken, roster.Client{}); roster.ReasonOf(err) != "invalid_refresh_token" {
			t.Fatalf("expired session: %v", err)
		}
	})
}

func TestAuthorizeDenies(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	tok, err := f.svc.Login(ctx, "ann@acme.example", adminPassword, roster.Client{IP: "10.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := NewSigner(testRing(t, "another-key-another-key-another-key!"), AccessTokenTTL)
	if err != nil {
		t.Fatal(err)
	}
	forged, _ := other.Issue(f.org.ID, f.admin.ID, "sid")
	for _, tc := range []struct{ name, token string }{
		{"garbage", "not.a.token"},
		{"signed with another key", forged},
		{"empty", ""},
	} {
		t.Run(tc.name+" is denied", func(t *testing.T) {
			if _, err := f.verifier.Authorize(ctx, tc.token); !errors.Is(err, ErrNotAuthorized) {
				t.Fatalf("err = %v", err)
			}
		})
	}
	t.Run("an expired token is denied", func(t *testing.T) {
		saved := *f.clock
		*f.clock = f.clock.Add(AccessTokenTTL + time.Minute)
		defer func() { *f.clock = saved }()
		if _, err := f.verifier.Authorize(ctx, tok.AccessToken); !errors.Is(err, ErrNotAuthorized) {
			t.Fatalf("err = %v", err)
		}
	})
}
