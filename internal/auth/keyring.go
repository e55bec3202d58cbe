package auth

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"sync"
	"time"
)

// A Keyring is the set of HMAC keys access tokens are signed and verified
// with, so that the signing key can be replaced without signing everybody
// out: tokens are signed with the current key and name it in their `kid`
// header; a token verifies with whichever key of the ring it names. Rotation
// adds a new key as current and keeps the old one until the tokens it signed
// have expired (AccessTokenTTL), then drops it.
//
// Its text form, kept in the SSM SecureString parameter, is JSON with the
// keys base64-encoded (standard alphabet, padded), each at least
// MinSigningKeyLength bytes once decoded:
//
//	{"current":"2026-12","keys":{"2026-12":"<base64>","2026-09":"<base64>"}}
type Keyring struct {
	current string
	keys    map[string][]byte
}

// keyIDPattern keeps key ids short and printable: they travel in every
// token's header and are compared as they are.
var keyIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`) })

// ErrKeyring is returned (wrapped) for a keyring that cannot be used. Its
// messages name key ids and lengths, never key material.
var ErrKeyring = errors.New("token signing keyring")

// NewKeyring checks and returns a keyring whose current key is current.
func NewKeyring(current string, keys map[string][]byte) (Keyring, error) {
	if len(keys) == 0 {
		return Keyring{}, fmt.Errorf("%w: no keys", ErrKeyring)
	}
	ring := Keyring{current: current, keys: make(map[string][]byte, len(keys))}
	for id, key := range keys {
		if !keyIDPattern().MatchString(id) {
			return Keyring{}, fmt.Errorf("%w: key id %q is not 1 to 64 letters, digits, '.', '_' or '-'", ErrKeyring, id)
		}
		if len(key) < MinSigningKeyLength {
			return Keyring{}, fmt.Errorf("%w: key %q is %d bytes; at least %d are needed for HS256", ErrKeyring, id, len(key), MinSigningKeyLength)
		}
		ring.keys[id] = bytes.Clone(key)
	}
	if _, ok := ring.keys[current]; !ok {
		return Keyring{}, fmt.Errorf("%w: current key %q is not among the keys %v", ErrKeyring, current, ring.IDs())
	}
	return ring, nil
}

// ParseKeyring reads a keyring's JSON form. Errors never quote the text,
// which holds the keys.
func ParseKeyring(text string) (Keyring, error) {
	var doc struct {
		Current string            `json:"current"`
		Keys    map[string]string `json:"keys"`
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(text)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		// json's syntax errors quote at most a character or a field name;
		// type errors name the field. Neither reaches a key's value, but
		// say only where, to be sure.
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return Keyring{}, fmt.Errorf("%w: not JSON (syntax error at byte %d)", ErrKeyring, syntax.Offset)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return Keyring{}, fmt.Errorf("%w: not JSON (empty or cut short)", ErrKeyring)
		}
		return Keyring{}, fmt.Errorf("%w: want {\"current\": \"<id>\", \"keys\": {\"<id>\": \"<base64>\"}}", ErrKeyring)
	}
	if dec.More() {
		return Keyring{}, fmt.Errorf("%w: text after the JSON object", ErrKeyring)
	}
	if doc.Current == "" {
		return Keyring{}, fmt.Errorf("%w: no current key id", ErrKeyring)
	}
	keys := make(map[string][]byte, len(doc.Keys))
	for id, enc := range doc.Keys {
		key, err := base64.StdEncoding.DecodeString(enc)
		if err != nil {
			return Keyring{}, fmt.Errorf("%w: key %q is not standard base64", ErrKeyring, id)
		}
		keys[id] = key
	}
	return NewKeyring(doc.Current, keys)
}

// Current is the id of the key new tokens are signed with.
func (r Keyring) Current() string { return r.current }

// IDs lists the key ids, sorted.
func (r Keyring) IDs() []string {
	ids := make([]string, 0, len(r.keys))
	for id := range r.keys {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// key returns the key with the given id.
func (r Keyring) key(id string) ([]byte, bool) {
	k, ok := r.keys[id]
	return k, ok
}

// String keeps key material out of logs and error messages that format a
// keyring by accident.
func (r Keyring) String() string {
	return fmt.Sprintf("Keyring{current: %s, keys: %v}", r.current, r.IDs())
}

// MarshalKeyring is the JSON form ParseKeyring reads: what the local stack
// stores and what an operator puts in the parameter.
func MarshalKeyring(r Keyring) (string, error) {
	doc := struct {
		Current string            `json:"current"`
		Keys    map[string]string `json:"keys"`
	}{r.current, map[string]string{}}
	for id, k := range r.keys {
		doc.Keys[id] = base64.StdEncoding.EncodeToString(k)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return "", fmt.Errorf("encode keyring: %w", err)
	}
	return string(b), nil
}

// GoString is String, for %#v.
func (r Keyring) GoString() string { return r.String() }

// GenerateKeyring returns a keyring of one fresh random key of 256 bits
// with the given id: a first keyring, such as the local stack makes.
func GenerateKeyring(id string) (Keyring, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return Keyring{}, fmt.Errorf("read random: %w", err)
	}
	return NewKeyring(id, map[string][]byte{id: key})
}

// SignerFromKeyring parses a keyring's text and returns a Signer for it.
func SignerFromKeyring(text string, ttl time.Duration) (*Signer, error) {
	ring, err := ParseKeyring(text)
	if err != nil {
		return nil, err
	}
	return NewSigner(ring, ttl)
}
