package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Access tokens are HS256 JWTs. The algorithm is pinned when parsing, so a
// token that names another algorithm ("none", RS256 with the secret as a
// public key) is refused before its signature is looked at.
const (
	tokenIssuer   = "roster"
	tokenAudience = "roster-api"
	signingMethod = "HS256"
)

// AccessClaims is what an access token says about its bearer.
type AccessClaims struct {
	OrgID     string `json:"org"`
	SessionID string `json:"sid"`
	jwt.RegisteredClaims
}

// Signer issues access tokens with the current key of a Keyring and
// verifies them with the key each token names.
type Signer struct {
	ring Keyring
	ttl  time.Duration
	now  func() time.Time
}

// MinSigningKeyLength is the shortest key a Keyring accepts: 256 bits for HS256.
const MinSigningKeyLength = 32

// NewSigner returns a Signer for ring; tokens live for ttl.
func NewSigner(ring Keyring, ttl time.Duration) (*Signer, error) {
	if _, ok := ring.key(ring.current); !ok {
		return nil, fmt.Errorf("%w: empty", ErrKeyring)
	}
	return &Signer{ring: ring, ttl: ttl, now: time.Now}, nil
}

// CursorKey is the key that seals an organisation's list cursors:
// HMAC-SHA256 of "cursor:" and the organisation id under the current
// signing key of the keyring.
// The authorizer hands it to the handlers, which have no signing key of
// their own; a cursor sealed for one organisation does not open for another,
// and making a new key current ends every cursor (the next page answers
// 400 invalid_cursor: start again).
func (s *Signer) CursorKey(orgID string) []byte {
	key, _ := s.ring.key(s.ring.current) // NewSigner checked it is there
	m := hmac.New(sha256.New, key)
	m.Write([]byte("cursor:" + orgID))
	return m.Sum(nil)
}

// TTL is how long issued access tokens live.
func (s *Signer) TTL() time.Duration { return s.ttl }

// Issue returns a signed access token for a user's session.
func (s *Signer) Issue(orgID, userID, sessionID string) (string, error) {
	now := s.now()
	id, err := RandomToken(16)
	if err != nil {
		return "", err
	}
	claims := AccessClaims{
		OrgID:     orgID,
		SessionID: sessionID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    tokenIssuer,
			Audience:  jwt.ClaimStrings{tokenAudience},
			Subject:   userID,
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(s.ttl)),
			ID:        id,
		},
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	tok.Header["kid"] = s.ring.current
	key, _ := s.ring.key(s.ring.current)
	signed, err := tok.SignedString(key)
	if err != nil {
		return "", fmt.Errorf("sign access token: %w", err)
	}
	return signed, nil
}

// Verify parses and checks an access token: algorithm, signature, issuer,
// audience, expiry and the presence of subject, organisation and session.
// The token's kid header picks the key; a token without one, or naming a key
// the ring no longer (or never) had, is refused.
func (s *Signer) Verify(token string) (AccessClaims, error) {
	var claims AccessClaims
	_, err := jwt.ParseWithClaims(token, &claims, s.keyFor,
		jwt.WithValidMethods([]string{signingMethod}),
		jwt.WithIssuer(tokenIssuer),
		jwt.WithAudience(tokenAudience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(s.now),
		jwt.WithLeeway(5*time.Second),
	)
	if err != nil {
		return AccessClaims{}, fmt.Errorf("verify access token: %w", err)
	}
	if claims.Subject == "" || claims.OrgID == "" || claims.SessionID == "" {
		return AccessClaims{}, errors.New("verify access token: missing subject, organisation or session")
	}
	return claims, nil
}

// keyFor finds the key a token names. The algorithm has been checked by
// then (WithValidMethods), so an HMAC key is never handed to another method.
func (s *Signer) keyFor(t *jwt.Token) (any, error) {
	kid, ok := t.Header["kid"].(string)
	if !ok || kid == "" {
		return nil, errors.New("token names no key (kid)")
	}
	key, ok := s.ring.key(kid)
	if !ok {
		// The id is the sender's, so it stays out of the message (and the logs).
		return nil, errors.New("token names a key that is not in the keyring")
	}
	return key, nil
}

// RandomToken returns n random bytes, URL-safe base64 encoded.
func RandomToken(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("read random: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// HashToken returns the hex SHA-256 of a high-entropy token. A fast hash is
// right here (unlike for passwords): the token has 256 random bits, so there
// is nothing to guess.
func HashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// A refresh token is "<session id>.<secret>": the id finds the session, the
// secret proves possession; only the secret's hash is stored.
func formatRefreshToken(sessionID, secret string) string { return sessionID + "." + secret }

func parseRefreshToken(token string) (sessionID, secret string, ok bool) {
	sessionID, secret, ok = strings.Cut(token, ".")
	if !ok || sessionID == "" || len(secret) < 32 || len(token) > 256 {
		return "", "", false
	}
	return sessionID, secret, true
}

func subtleEqual(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }
