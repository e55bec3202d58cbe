package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2Params are the argon2id cost parameters. OWASP's first recommended
// set: 19 MiB of memory, 2 passes, 1 lane.
type Argon2Params struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
	SaltLen   uint32
	KeyLen    uint32
}

// OWASPArgon2 is the production cost.
var OWASPArgon2 = Argon2Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Bounds on argon2 parameters, for hashing and for verifying alike. argon2
// panics on zero passes or lanes; the upper bounds keep a tampered hash from
// making one verification arbitrarily expensive; a salt under 8 bytes (the
// PHC string format's minimum) allows precomputation, and a key under 16
// bytes lets a wrong password match by chance (1 in 256 for a 1-byte key).
const (
	maxArgonMemoryKiB = 1 << 20
	maxArgonTime      = 16
	minArgonSaltLen   = 8
	minArgonKeyLen    = 16
)

func checkArgon2(memoryKiB, passes uint32, threads uint8, saltLen, keyLen int) error {
	if memoryKiB > maxArgonMemoryKiB || passes == 0 || passes > maxArgonTime || threads == 0 {
		return errors.New("argon2 parameters out of range")
	}
	if saltLen < minArgonSaltLen || keyLen < minArgonKeyLen {
		return errors.New("argon2 salt or key too short")
	}
	return nil
}

// HashPassword returns an argon2id hash in the PHC string format
// ($argon2id$v=19$m=...,t=...,p=...$salt$key), which records its own
// parameters so that they can be raised later without breaking old hashes.
func HashPassword(password string, p Argon2Params) (string, error) {
	if err := checkArgon2(p.MemoryKiB, p.Time, p.Threads, int(p.SaltLen), int(p.KeyLen)); err != nil {
		return "", err
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("read salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, p.KeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.MemoryKiB, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches a hash made by HashPassword.
// A malformed hash is an error, never a match.
func VerifyPassword(password, encoded string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("unsupported argon2 version %q", parts[2])
	}
	var p Argon2Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil {
		return false, fmt.Errorf("parse argon2 parameters: %w", err)
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("decode salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, errors.New("decode key")
	}
	if err := checkArgon2(p.MemoryKiB, p.Time, p.Threads, len(salt), len(want)); err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// passwordAlphabet leaves out characters that are easy to misread (0/O, 1/l/I).
const passwordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random password of 20 characters (about 116
// bits) in four groups of five, for a creator to hand over once.
func GeneratePassword() (string, error) {
	var b strings.Builder
	max := big.NewInt(int64(len(passwordAlphabet)))
	for i := range 20 {
		if i > 0 && i%5 == 0 {
			b.WriteByte('-')
		}
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", fmt.Errorf("read random: %w", err)
		}
		b.WriteByte(passwordAlphabet[n.Int64()])
	}
	return b.String(), nil
}
