package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"math/bits"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/roster-app/roster/internal/roster"
)

const (
	testSigningKey = "0123456789abcdef0123456789abcdef"
	testKeyID      = "k1"
)

// testRing is a keyring of one key: testSigningKey under testKeyID.
func testRing(t testing.TB, key string) Keyring {
	t.Helper()
	ring, err := NewKeyring(testKeyID, map[string][]byte{testKeyID: []byte(key)})
	if err != nil {
		t.Fatalf("NewKeyring: %v", err)
	}
	return ring
}

var tokenClock = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// newTestSigner returns a Signer whose clock is fixed at tokenClock.
func newTestSigner(t *testing.T, key string) *Signer {
	t.Helper()
	s, err := NewSigner(testRing(t, key), AccessTokenTTL)
	if err != nil {
		t.Fatalf("NewSigner: %v", err)
	}
	s.now = func() time.Time { return tokenClock }
	return s
}

// validClaims are the claims Issue makes at tokenClock.
func validClaims() AccessClaims {
	return AccessClaims{
		OrgID:     "org1",
		SessionID: "sess1",
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    tokenIssuer,
			Audience:  jwt.ClaimStrings{tokenAudience},
			Subject:   "user1",
			IssuedAt:  jwt.NewNumericDate(tokenClock),
			NotBefore: jwt.NewNumericDate(tokenClock),
			ExpiresAt: jwt.NewNumericDate(tokenClock.Add(AccessTokenTTL)),
			ID:        "jti1",
		},
	}
}

// sign signs claims with key under the header kid testKeyID.
func sign(t *testing.T, method jwt.SigningMethod, key any, claims AccessClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	tok.Header["kid"] = testKeyID
	signed, err := tok.SignedString(key)
	if err != nil {
		t.Fatalf("sign with %s: %v", method.Alg(), err)
	}
	return signed
}

// hs256WithHeader signs claims with HMAC-SHA256 under any header, so that a
// header can lie about the algorithm while the signature is right for the key.
func hs256WithHeader(t *testing.T, header map[string]any, claims AccessClaims) string {
	t.Helper()
	enc := base64.RawURLEncoding
	h, err := json.Marshal(header)
	if err != nil {
		t.Fatal(err)
	}
	c, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	signingInput := enc.EncodeToString(h) + "." + enc.EncodeToString(c)
	mac := hmac.New(sha256.New, []byte(testSigningKey))
	mac.Write([]byte(signingInput))
	return signingInput + "." + enc.EncodeToString(mac.Sum(nil))
}

func TestSignerRoundTrip(t *testing.T) {
	s := newTestSigner(t, testSigningKey)
	tok, err := s.Issue("org1", "user1", "sess1")
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	got, err := s.Verify(tok)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"organisation is kept", got.OrgID == "org1"},
		{"subject is the user", got.Subject == "user1"},
		{"session is kept", got.SessionID == "sess1"},
		{"issuer is roster", got.Issuer == "roster"},
		{"audience is roster-api", len(got.Audience) == 1 && got.Audience[0] == "roster-api"},
		{"issued now", got.IssuedAt.Equal(tokenClock) && got.NotBefore.Equal(tokenClock)},
		{"expires after the TTL", got.ExpiresAt.Equal(tokenClock.Add(AccessTokenTTL))},
		{"has a token id", len(got.ID) == 22},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if !c.ok {
				t.Fatalf("claims = %+v", got)
			}
		})
	}
	t.Run("header names HS256, JWT and the current key", func(t *testing.T) {
		h, err := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[0])
		if err != nil {
			t.Fatal(err)
		}
		var header map[string]any
		if err := json.Unmarshal(h, &header); err != nil || header["alg"] != "HS256" || header["typ"] != "JWT" || header["kid"] != testKeyID {
			t.Fatalf("header = %s", h)
		}
	})
	t.Run("two tokens for one session differ by id", func(t *testing.T) {
		other, err := s.Issue("org1", "user1", "sess1")
		if err != nil {
			t.Fatal(err)
		}
		if other == tok {
			t.Fatalf("two issued tokens are equal")
		}
	})
}

func TestSignerVerifyTime(t *testing.T) {
	issuer := newTestSigner(t, testSigningKey)
	tok, err := issuer.Issue("org1", "user1", "sess1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		at      time.Time
		wantErr bool
	}{
		{"token is valid when issued", tokenClock, false},
		{"token is valid a second before it expires", tokenClock.Add(AccessTokenTTL - time.Second), false},
		{"token is valid within the 5-second leeway after expiry", tokenClock.Add(AccessTokenTTL + 4*time.Second), false},
		{"expired token is refused", tokenClock.Add(AccessTokenTTL + 6*time.Second), true},
		{"token a day old is refused", tokenClock.Add(24 * time.Hour), true},
		{"token is valid within the leeway before it was issued", tokenClock.Add(-4 * time.Second), false},
		{"token issued in the future is refused", tokenClock.Add(-time.Minute), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := newTestSigner(t, testSigningKey)
			v.now = func() time.Time { return tt.at }
			_, err := v.Verify(tok)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Verify at %v = %v, want error %v", tt.at.Sub(tokenClock), err, tt.wantErr)
			}
		})
	}
}

func TestSignerVerifyRefuses(t *testing.T) {
	s := newTestSigner(t, testSigningKey)
	good := sign(t, jwt.SigningMethodHS256, []byte(testSigningKey), validClaims())
	if _, err := s.Verify(good); err != nil {
		t.Fatalf("a well-made token does not verify, so the refusals below prove nothing: %v", err)
	}
	claimsWith := func(change func(c *AccessClaims)) AccessClaims {
		c := validClaims()
		change(&c)
		return c
	}
	enc := base64.RawURLEncoding
	parts := strings.Split(good, ".")
	tamperedPayload := func() string {
		c := validClaims()
		c.OrgID = "org2"
		body, _ := json.Marshal(c)
		return parts[0] + "." + enc.EncodeToString(body) + "." + parts[2]
	}()
	sig, _ := enc.DecodeString(parts[2])
	sig[0] ^= 1
	tamperedSignature := parts[0] + "." + parts[1] + "." + enc.EncodeToString(sig)

	tests := []struct {
		name  string
		token string
	}{
		{"token signed with another key is refused", sign(t, jwt.SigningMethodHS256, []byte("another key, also 32 bytes long!"), validClaims())},
		{"token with a changed payload is refused", tamperedPayload},
		{"token with a changed signature is refused", tamperedSignature},
		{"token without a signature is refused", parts[0] + "." + parts[1] + "."},
		{"token with alg none is refused", sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, validClaims())},
		{"token with alg none and the original signature is refused", hs256WithHeader(t, map[string]any{"alg": "none", "typ": "JWT", "kid": testKeyID}, validClaims())},
		{"token signed with HS384 is refused", sign(t, jwt.SigningMethodHS384, []byte(testSigningKey), validClaims())},
		{"token signed with HS512 is refused", sign(t, jwt.SigningMethodHS512, []byte(testSigningKey), validClaims())},
		{"token claiming RS256 with an HMAC signature is refused", hs256WithHeader(t, map[string]any{"alg": "RS256", "typ": "JWT", "kid": testKeyID}, validClaims())},
		{"token claiming lower-case hs256 is refused", hs256WithHeader(t, map[string]any{"alg": "hs256", "typ": "JWT", "kid": testKeyID}, validClaims())},
		{"token without a key id is refused", hs256WithHeader(t, map[string]any{"alg": "HS256", "typ": "JWT"}, validClaims())},
		{"token naming an unknown key id is refused", hs256WithHeader(t, map[string]any{"alg": "HS256", "typ": "JWT", "kid": "k0"}, validClaims())},
		{"token with a numeric key id is refused", hs256WithHeader(t, map[string]any{"alg": "HS256", "typ": "JWT", "kid": 1}, validClaims())},
		{"token from another issuer is refused", sign(t, jwt.SigningMethodHS256, []byte(testSigningKey), claimsWith(func(c *AccessClaims) { c.Issuer = "someone-else" }))},
		{"token without an issuer is refused", sign(t, jwt.SigningMethodHS256, []byte(testSigningKey), claimsWith(func(c *AccessClaims) { c.Issuer = "" }))},
		{"token for another audience is refused", sign(t, jwt.SigningMethodHS256, []byte(testSigningKey), claimsWith(func(c *AccessClaims) { c.Audience = jwt.ClaimStrings{"other-api"} }))},
		{"token without an audience is refused", sign(t, jwt.SigningMethodHS256, []byte(testSigningKey), claimsWith(func(c *AccessClaims) { c.Audience = nil }))},
		{"token without an expiry is refused", sign(t, jwt.SigningMethodHS256, []byte(testSigningKey), claimsWith(func(c *AccessClaims) { c.ExpiresAt = nil }))},
		{"token not valid before a later time is refused", sign(t, jwt.SigningMethodHS256, []byte(testSigningKey), claimsWith(func(c *AccessClaims) {
			c.NotBefore = jwt.NewNumericDate(tokenClock.Add(time.Minute))
		}))},
		{"token without a subject is refused", sign(t, jwt.SigningMethodHS256, []byte(testSigningKey), claimsWith(func(c *AccessClaims) { c.Subject = "" }))},
		{"token without an organisation is refused", sign(t, jwt.SigningMethodHS256, []byte(testSigningKey), claimsWith(func(c *AccessClaims) { c.OrgID = "" }))},
		{"token without a session is refused", sign(t, jwt.SigningMethodHS256, []byte(testSigningKey), claimsWith(func(c *AccessClaims) { c.SessionID = "" }))},
		{"empty string is refused", ""},
		{"plain text is refused", "not a token"},
		{"three dots are refused", "..."},
		{"three garbage parts are refused", "a.b.c"},
		{"two parts are refused", parts[0] + "." + parts[1]},
		{"four parts are refused", good + ".extra"},
		{"token with white space around it is refused", " " + good + " "},
		{"Bearer prefix is refused", "Bearer " + good},
		{"refresh token is refused", "01jd0000000000000000000000." + strings.Repeat("x", 43)},
		{"payload that is not JSON is refused", parts[0] + "." + enc.EncodeToString([]byte("not json")) + "." + parts[2]},
		{"header that is not base64 is refused", "!!!." + parts[1] + "." + parts[2]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			claims, err := s.Verify(tt.token)
			if err == nil {
				t.Fatalf("Verify(%q) = %+v, want an error", tt.token, claims)
			}
			if !reflect.DeepEqual(claims, AccessClaims{}) {
				t.Fatalf("Verify(%q) returned claims %+v with its error", tt.token, claims)
			}
		})
	}
}

func TestRandomToken(t *testing.T) {
	for _, tt := range []struct {
		name    string
		n       int
		wantLen int
	}{
		{"16 bytes are 22 characters", 16, 22},
		{"32 bytes are 43 characters", 32, 43},
		{"zero bytes are an empty token", 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := RandomToken(tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if len(tok) != tt.wantLen {
				t.Fatalf("RandomToken(%d) = %q, %d characters, want %d", tt.n, tok, len(tok), tt.wantLen)
			}
			b, err := base64.RawURLEncoding.DecodeString(tok)
			if err != nil || len(b) != tt.n {
				t.Fatalf("RandomToken(%d) = %q decodes to %d bytes, %v", tt.n, tok, len(b), err)
			}
		})
	}
	t.Run("tokens are URL-safe and unique", func(t *testing.T) {
		seen := map[string]bool{}
		for range 1000 {
			tok, err := RandomToken(32)
			if err != nil {
				t.Fatal(err)
			}
			if strings.ContainsAny(tok, "+/=.") {
				t.Fatalf("token %q is not URL-safe or holds the refresh-token separator", tok)
			}
			if seen[tok] {
				t.Fatalf("duplicate token %q", tok)
			}
			seen[tok] = true
		}
	})
	t.Run("about half the bits are set", func(t *testing.T) {
		// 1000 tokens of 32 bytes are 256,000 bits; for random bits the share
		// of ones is 0.5 with a standard deviation of 0.001.
		ones, total := 0, 0
		for range 1000 {
			tok, _ := RandomToken(32)
			b, _ := base64.RawURLEncoding.DecodeString(tok)
			for _, c := range b {
				ones += bits.OnesCount8(c)
			}
			total += 8 * len(b)
		}
		if share := float64(ones) / float64(total); share < 0.49 || share > 0.51 {
			t.Fatalf("share of one bits = %.4f, want 0.5 ± 0.01", share)
		}
	})
}

func TestHashToken(t *testing.T) {
	tests := []struct {
		name   string
		secret string
		want   string
	}{
		{"hash of abc is its SHA-256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"hash of the empty string is its SHA-256", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HashToken(tt.secret); got != tt.want {
				t.Fatalf("HashToken(%q) = %q, want %q", tt.secret, got, tt.want)
			}
		})
	}
	t.Run("same secret gives the same lower-case hex hash", func(t *testing.T) {
		secret, _ := RandomToken(32)
		a, b := HashToken(secret), HashToken(secret)
		if a != b {
			t.Fatalf("HashToken is not deterministic: %q, %q", a, b)
		}
		if raw, err := hex.DecodeString(a); err != nil || len(raw) != 32 || a != strings.ToLower(a) {
			t.Fatalf("HashToken = %q, want 64 lower-case hex digits", a)
		}
	})
	t.Run("secrets differing in one character hash apart", func(t *testing.T) {
		if HashToken("secret-a") == HashToken("secret-b") {
			t.Fatal("different secrets hash alike")
		}
	})
}

func TestParseRefreshToken(t *testing.T) {
	secret32 := strings.Repeat("s", 32)
	tests := []struct {
		name       string
		token      string
		wantID     string
		wantSecret string
		wantOK     bool
	}{
		{"session id and secret are split at the dot", "sess1." + secret32, "sess1", secret32, true},
		{"secret may hold further dots", "sess1." + secret32 + ".x", "sess1", secret32 + ".x", true},
		{"256 characters are accepted", "s." + strings.Repeat("x", 254), "s", strings.Repeat("x", 254), true},
		{"257 characters are refused", "s." + strings.Repeat("x", 255), "", "", false},
		{"secret of 31 characters is refused", "sess1." + secret32[:31], "", "", false},
		{"empty token is refused", "", "", "", false},
		{"token without a dot is refused", "sess1" + secret32, "", "", false},
		{"empty session id is refused", "." + secret32, "", "", false},
		{"empty secret is refused", "sess1.", "", "", false},
		{"lone dot is refused", ".", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, secret, ok := parseRefreshToken(tt.token)
			if id != tt.wantID || secret != tt.wantSecret || ok != tt.wantOK {
				t.Fatalf("parseRefreshToken(%q) = %q, %q, %v; want %q, %q, %v", tt.token, id, secret, ok, tt.wantID, tt.wantSecret, tt.wantOK)
			}
		})
	}
	t.Run("issued refresh tokens parse back", func(t *testing.T) {
		for range 100 {
			id := roster.NewID(tokenClock)
			secret, err := RandomToken(32)
			if err != nil {
				t.Fatal(err)
			}
			gotID, gotSecret, ok := parseRefreshToken(formatRefreshToken(id, secret))
			if !ok || gotID != id || gotSecret != secret {
				t.Fatalf("parseRefreshToken(formatRefreshToken(%q, %q)) = %q, %q, %v", id, secret, gotID, gotSecret, ok)
			}
		}
	})
}

func TestSubtleEqual(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"equal strings are equal", "abc", "abc", true},
		{"empty strings are equal", "", "", true},
		{"strings differing in one byte differ", "abc", "abd", false},
		{"prefix differs from the whole", "ab", "abc", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := subtleEqual(tt.a, tt.b); got != tt.want {
				t.Fatalf("subtleEqual(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestCursorKey(t *testing.T) {
	s := newTestSigner(t, testSigningKey)
	other := newTestSigner(t, strings.Repeat("k", 32))
	a := s.CursorKey("org1")
	want := hmac.New(sha256.New, []byte(testSigningKey))
	want.Write([]byte("cursor:org1"))
	checks := []struct {
		name string
		ok   bool
	}{
		{"is HMAC-SHA256 of cursor:<org> under the signing key", hmac.Equal(a, want.Sum(nil))},
		{"is 256 bits", len(a) == 32},
		{"is the same each time", hmac.Equal(a, s.CursorKey("org1"))},
		{"differs between organisations", !hmac.Equal(a, s.CursorKey("org2"))},
		{"changes with the signing key", !hmac.Equal(a, other.CursorKey("org1"))},
		{"is not the signing key", !strings.Contains(string(a), testSigningKey)},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if !c.ok {
				t.Fatalf("key %x", a)
			}
		})
	}
}
