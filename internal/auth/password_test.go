package auth

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
)

// cheapArgon keeps hashing fast in tests; the cost does not change behaviour.
var cheapArgon = Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func mustHash(t *testing.T, password string, p Argon2Params) string {
	t.Helper()
	h, err := HashPassword(password, p)
	if err != nil {
		t.Fatalf("HashPassword: %v", err)
	}
	return h
}

func TestHashPasswordRoundTrip(t *testing.T) {
	passwords := []struct {
		name     string
		password string
	}{
		{"ASCII password", "correct horse battery staple"},
		{"multi-byte password", "пароль-🔑-mot-de-passe"},
		{"password with spaces at its ends", "  spaced out  "},
		{"password of 128 four-byte characters", strings.Repeat("🔑", 128)},
		{"empty password", ""},
	}
	for _, tt := range passwords {
		t.Run(tt.name+" verifies", func(t *testing.T) {
			h := mustHash(t, tt.password, cheapArgon)
			ok, err := VerifyPassword(tt.password, h)
			if err != nil || !ok {
				t.Fatalf("VerifyPassword(right password) = %v, %v; want true", ok, err)
			}
		})
	}
	wrong := []struct {
		name  string
		guess string
	}{
		{"wrong password does not verify", "incorrect horse battery staple"},
		{"password differing in case does not verify", "Correct horse battery staple"},
		{"password with a trailing space does not verify", "correct horse battery staple "},
		{"prefix of the password does not verify", "correct horse"},
		{"empty password does not verify", ""},
	}
	h := mustHash(t, "correct horse battery staple", cheapArgon)
	for _, tt := range wrong {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := VerifyPassword(tt.guess, h)
			if err != nil || ok {
				t.Fatalf("VerifyPassword(%q) = %v, %v; want false, nil", tt.guess, ok, err)
			}
		})
	}
}

func TestHashPasswordFormat(t *testing.T) {
	p := Argon2Params{MemoryKiB: 128, Time: 3, Threads: 2, SaltLen: 16, KeyLen: 32}
	h := mustHash(t, "correct horse battery staple", p)
	parts := strings.Split(h, "$")
	if len(parts) != 6 || parts[0] != "" {
		t.Fatalf("hash %q has %d $-separated parts, want $argon2id$v$params$salt$key", h, len(parts))
	}
	b64 := base64.RawStdEncoding
	salt, saltErr := b64.DecodeString(parts[4])
	key, keyErr := b64.DecodeString(parts[5])
	checks := []struct {
		name string
		ok   bool
		got  string
	}{
		{"algorithm is argon2id", parts[1] == "argon2id", parts[1]},
		{"version is 19 (0x13)", parts[2] == "v=19", parts[2]},
		{"parameters are recorded as m,t,p", parts[3] == "m=128,t=3,p=2", parts[3]},
		{"salt is unpadded base64 of SaltLen bytes", saltErr == nil && len(salt) == 16 && !strings.Contains(parts[4], "="), parts[4]},
		{"key is unpadded base64 of KeyLen bytes", keyErr == nil && len(key) == 32 && !strings.Contains(parts[5], "="), parts[5]},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if !c.ok {
				t.Fatalf("hash %q: got %q", h, c.got)
			}
		})
	}
	t.Run("hash made with other parameters verifies with the ones it records", func(t *testing.T) {
		if ok, err := VerifyPassword("correct horse battery staple", h); err != nil || !ok {
			t.Fatalf("VerifyPassword = %v, %v; want true", ok, err)
		}
	})
}

func TestHashPasswordSaltsEveryHash(t *testing.T) {
	a := mustHash(t, "correct horse battery staple", cheapArgon)
	b := mustHash(t, "correct horse battery staple", cheapArgon)
	if a == b {
		t.Fatalf("two hashes of one password are equal: %q", a)
	}
	if strings.Split(a, "$")[4] == strings.Split(b, "$")[4] {
		t.Fatalf("two hashes share a salt: %q, %q", a, b)
	}
}

func TestOWASPArgon2(t *testing.T) {
	want := Argon2Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
	if OWASPArgon2 != want {
		t.Fatalf("OWASPArgon2 = %+v, want %+v (19 MiB, t=2, p=1)", OWASPArgon2, want)
	}
	h := mustHash(t, "correct horse battery staple", OWASPArgon2)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not record the OWASP parameters", h)
	}
	if ok, err := VerifyPassword("correct horse battery staple", h); err != nil || !ok {
		t.Fatalf("VerifyPassword = %v, %v; want true", ok, err)
	}
}

func TestHashPasswordRefusesBadParameters(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *Argon2Params)
	}{
		{"zero passes are refused", func(p *Argon2Params) { p.Time = 0 }},
		{"more than 16 passes are refused", func(p *Argon2Params) { p.Time = 17 }},
		{"zero lanes are refused", func(p *Argon2Params) { p.Threads = 0 }},
		{"more than 1 GiB of memory is refused", func(p *Argon2Params) { p.MemoryKiB = 1<<20 + 1 }},
		{"salt shorter than 8 bytes is refused", func(p *Argon2Params) { p.SaltLen = 7 }},
		{"no salt is refused", func(p *Argon2Params) { p.SaltLen = 0 }},
		{"key shorter than 16 bytes is refused", func(p *Argon2Params) { p.KeyLen = 15 }},
		{"no key is refused", func(p *Argon2Params) { p.KeyLen = 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := cheapArgon
			tt.change(&p)
			h, err := HashPassword("correct horse battery staple", p)
			if err == nil {
				t.Fatalf("HashPassword(%+v) = %q, want an error", p, h)
			}
		})
	}
}

func TestVerifyPasswordRefusesMalformedHashes(t *testing.T) {
	const password = "correct horse battery staple"
	good := mustHash(t, password, cheapArgon)
	parts := strings.Split(good, "$") // "", argon2id, v=19, m=64,t=1,p=1, salt, key
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	b64 := base64.RawStdEncoding
	key, _ := b64.DecodeString(parts[5])
	salt, _ := b64.DecodeString(parts[4])
	flipped := append([]byte(nil), key...)
	flipped[0] ^= 1
	tests := []struct {
		name    string
		encoded string
	}{
		{"empty hash is refused", ""},
		{"plain text is refused", password},
		{"bcrypt hash is refused", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"argon2i hash is refused", with(1, "argon2i")},
		{"argon2d hash is refused", with(1, "argon2d")},
		{"hash missing its key is refused", strings.Join(parts[:5], "$")},
		{"hash with an extra field is refused", good + "$extra"},
		{"version 16 is refused", with(2, "v=16")},
		{"missing version is refused", with(2, "m=64,t=1,p=1")},
		{"garbled parameters are refused", with(3, "m=64;t=1;p=1")},
		{"parameters out of order are refused", with(3, "t=1,m=64,p=1")},
		{"negative memory is refused", with(3, "m=-64,t=1,p=1")},
		{"zero passes are refused", with(3, "m=64,t=0,p=1")},
		{"more than 16 passes are refused", with(3, "m=64,t=17,p=1")},
		{"zero lanes are refused", with(3, "m=64,t=1,p=0")},
		{"more than 255 lanes are refused", with(3, "m=64,t=1,p=256")},
		{"more than 1 GiB of memory is refused", with(3, fmt.Sprintf("m=%d,t=1,p=1", 1<<20+1))},
		{"salt that is not base64 is refused", with(4, "not*base64")},
		{"empty salt is refused", with(4, "")},
		{"salt shorter than 8 bytes is refused", with(4, b64.EncodeToString(salt[:7]))},
		{"key that is not base64 is refused", with(5, "not*base64")},
		{"padded key is refused", with(5, base64.StdEncoding.EncodeToString(key[:31]))},
		{"empty key is refused", with(5, "")},
		{"key truncated to one byte is refused", with(5, b64.EncodeToString(key[:1]))},
		{"key shorter than 16 bytes is refused", with(5, b64.EncodeToString(key[:15]))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := VerifyPassword(password, tt.encoded)
			if err == nil || ok {
				t.Fatalf("VerifyPassword(%q) = %v, %v; want false and an error", tt.encoded, ok, err)
			}
		})
	}

	tampered := []struct {
		name    string
		encoded string
	}{
		{"flipped key bit does not match", with(5, b64.EncodeToString(flipped))},
		{"changed salt does not match", with(4, b64.EncodeToString(append(salt[1:], salt[0])))},
		{"raised pass count does not match", with(3, "m=64,t=2,p=1")},
		{"changed memory does not match", with(3, "m=128,t=1,p=1")},
		{"changed lane count does not match", with(3, "m=64,t=1,p=2")},
	}
	for _, tt := range tampered {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := VerifyPassword(password, tt.encoded)
			if err != nil || ok {
				t.Fatalf("VerifyPassword(%q) = %v, %v; want false, nil", tt.encoded, ok, err)
			}
		})
	}
}

// BenchmarkVerifyPasswordOWASP measures what one sign-in pays for the
// production cost (19 MiB, 2 passes, 1 lane).
func BenchmarkVerifyPasswordOWASP(b *testing.B) {
	h, err := HashPassword("correct horse battery staple", OWASPArgon2)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := VerifyPassword("correct horse battery staple", h); err != nil || !ok {
			b.Fatalf("VerifyPassword = %v, %v", ok, err)
		}
	}
}
