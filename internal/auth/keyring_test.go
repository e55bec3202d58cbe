package auth

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	oldKey = []byte("old key, thirty-two bytes long!!")
	newKey = []byte("new key, thirty-two bytes long!!")
)

func b64(k []byte) string { return base64.StdEncoding.EncodeToString(k) }

// ringText is a keyring's JSON with the given current id and keys.
func ringText(current string, keys map[string][]byte) string {
	enc := map[string]string{}
	for id, k := range keys {
		enc[id] = b64(k)
	}
	b, _ := json.Marshal(map[string]any{"current": current, "keys": enc})
	return string(b)
}

func TestParseKeyring(t *testing.T) {
	t.Run("two keys, the current one named", func(t *testing.T) {
		ring, err := ParseKeyring(ringText("2026-12", map[string][]byte{"2026-12": newKey, "2026-09": oldKey}))
		if err != nil {
			t.Fatal(err)
		}
		if ring.Current() != "2026-12" || !slices.Equal(ring.IDs(), []string{"2026-09", "2026-12"}) {
			t.Fatalf("ring = %v", ring)
		}
		if k, _ := ring.key("2026-09"); string(k) != string(oldKey) {
			t.Fatalf("old key decoded to %q", k)
		}
	})
	t.Run("MarshalKeyring's text parses back to the same ring", func(t *testing.T) {
		ring, err := NewKeyring("b", map[string][]byte{"a": oldKey, "b": newKey})
		if err != nil {
			t.Fatal(err)
		}
		text, err := MarshalKeyring(ring)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseKeyring(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"a", "b"} {
			k1, _ := ring.key(id)
			k2, _ := back.key(id)
			if string(k1) != string(k2) {
				t.Fatalf("key %s changed in the round trip", id)
			}
		}
		if back.Current() != "b" {
			t.Fatalf("current = %q", back.Current())
		}
	})

	secretish := b64([]byte("THIS-IS-KEY-MATERIAL-32-BYTES-!!"))
	tests := []struct {
		name, text, wantErr string
	}{
		{"empty text is refused", "", "not JSON"},
		{"a bare key (the old single secret) is refused", "s3cr3t-" + secretish, "not JSON"},
		{"truncated JSON is refused", `{"current":"k1","keys":{"k1":"` + secretish, "not JSON"},
		{"JSON that is not an object is refused", `["k1"]`, "want {"},
		{"keys that are not strings are refused", `{"current":"k1","keys":{"k1":12}}`, "want {"},
		{"an unknown field is refused", `{"current":"k1","keys":{"k1":"` + secretish + `"},"previous":"k0"}`, "want {"},
		{"text after the object is refused", `{"current":"k1","keys":{"k1":"` + secretish + `"}} {}`, "text after"},
		{"no current id is refused", `{"keys":{"k1":"` + secretish + `"}}`, "no current key"},
		{"no keys are refused", `{"current":"k1","keys":{}}`, "no keys"},
		{"a current id without its key is refused", `{"current":"k2","keys":{"k1":"` + secretish + `"}}`, `current key "k2" is not among the keys [k1]`},
		{"a key that is not base64 is refused", `{"current":"k1","keys":{"k1":"not base64!THIS-IS-KEY-MATERIAL"}}`, `key "k1" is not standard base64`},
		{"URL-safe base64 is refused", `{"current":"k1","keys":{"k1":"` + base64.URLEncoding.EncodeToString([]byte(strings.Repeat("\xff", 32))) + `"}}`, "not standard base64"},
		{"a 31-byte key is refused", ringText("k1", map[string][]byte{"k1": []byte(strings.Repeat("k", 31))}), `key "k1" is 31 bytes; at least 32`},
		{"a short old key is refused too", ringText("k2", map[string][]byte{"k2": newKey, "k1": []byte("short")}), `key "k1" is 5 bytes`},
		{"a key id with a space is refused", ringText("k 1", map[string][]byte{"k 1": newKey}), "key id"},
		{"a key id of 65 characters is refused", ringText(strings.Repeat("k", 65), map[string][]byte{strings.Repeat("k", 65): newKey}), "key id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ring, err := ParseKeyring(tt.text)
			if err == nil {
				t.Fatalf("ParseKeyring = %v, want an error", ring)
			}
			if !errors.Is(err, ErrKeyring) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want ErrKeyring mentioning %q", err, tt.wantErr)
			}
			for _, leak := range []string{secretish, "THIS-IS-KEY-MATERIAL", b64(newKey), string(newKey)} {
				if strings.Contains(err.Error(), leak) {
					t.Fatalf("error %q quotes key material", err)
				}
			}
		})
	}
}

func TestKeyringNeverPrintsKeys(t *testing.T) {
	ring, err := NewKeyring("k2", map[string][]byte{"k2": newKey, "k1": oldKey})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(format, ring)
		if strings.Contains(out, string(newKey)) || strings.Contains(out, b64(newKey)) || strings.Contains(out, string(oldKey)) ||
			!strings.Contains(out, "k1") || !strings.Contains(out, "k2") {
			t.Errorf("Sprintf(%q) = %s; want the ids and no key", format, out)
		}
	}
	signer, err := NewSigner(ring, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if out := fmt.Sprintf("%+v", *signer); strings.Contains(out, string(newKey)) || strings.Contains(out, string(oldKey)) {
		t.Errorf("a formatted Signer shows a key: %s", out)
	}
}

func TestNewKeyringKeepsItsOwnCopy(t *testing.T) {
	key := []byte(string(newKey))
	ring, err := NewKeyring("k1", map[string][]byte{"k1": key})
	if err != nil {
		t.Fatal(err)
	}
	key[0] ^= 1
	if k, _ := ring.key("k1"); string(k) != string(newKey) {
		t.Fatal("changing the caller's slice changed the ring's key")
	}
}

// TestKeyRotation follows the documented procedure: a new key becomes
// current beside the old one, and the old one is removed once the longest
// token lifetime has passed.
func TestKeyRotation(t *testing.T) {
	signerFor := func(t *testing.T, current string, keys map[string][]byte) *Signer {
		t.Helper()
		ring, err := ParseKeyring(ringText(current, keys))
		if err != nil {
			t.Fatal(err)
		}
		s, err := NewSigner(ring, AccessTokenTTL)
		if err != nil {
			t.Fatal(err)
		}
		s.now = func() time.Time { return tokenClock }
		return s
	}
	before := signerFor(t, "k1", map[string][]byte{"k1": oldKey})
	during := signerFor(t, "k2", map[string][]byte{"k2": newKey, "k1": oldKey})
	after := signerFor(t, "k2", map[string][]byte{"k2": newKey})

	oldToken, err := before.Issue("org1", "user1", "sess1")
	if err != nil {
		t.Fatal(err)
	}
	newToken, err := during.Issue("org1", "user1", "sess1")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("new tokens are signed with the current key and name it", func(t *testing.T) {
		kid, key := headerKID(t, newToken), []byte(nil)
		if kid != "k2" {
			t.Fatalf("kid = %q, want k2", kid)
		}
		key, _ = during.ring.key("k2")
		only := signerFor(t, "k2", map[string][]byte{"k2": key})
		if _, err := only.Verify(newToken); err != nil {
			t.Fatalf("a ring holding only k2 does not verify the new token: %v", err)
		}
		withoutCurrent := signerFor(t, "k1", map[string][]byte{"k1": oldKey})
		if _, err := withoutCurrent.Verify(newToken); err == nil {
			t.Fatal("a ring without k2 verifies a token signed with k2")
		}
	})
	t.Run("the old key still verifies the tokens it signed", func(t *testing.T) {
		if headerKID(t, oldToken) != "k1" {
			t.Fatalf("old token's kid = %q", headerKID(t, oldToken))
		}
		if _, err := during.Verify(oldToken); err != nil {
			t.Fatalf("old token refused during the rotation: %v", err)
		}
	})
	t.Run("the old ring refuses tokens signed with the new key", func(t *testing.T) {
		if _, err := before.Verify(newToken); err == nil {
			t.Fatal("a function that has not reloaded the ring accepts a token naming a key it does not know")
		}
	})
	t.Run("once the old key is removed its tokens are refused", func(t *testing.T) {
		if _, err := after.Verify(oldToken); err == nil {
			t.Fatal("old token accepted after its key was removed")
		}
		if _, err := after.Verify(newToken); err != nil {
			t.Fatalf("new token refused after the old key was removed: %v", err)
		}
	})
	t.Run("a token naming one key but signed with another is refused", func(t *testing.T) {
		// k1's id on a token signed with k2: each key verifies only what it signed.
		parts := strings.Split(newToken, ".")
		h, _ := json.Marshal(map[string]any{"alg": "HS256", "typ": "JWT", "kid": "k1"})
		forged := base64.RawURLEncoding.EncodeToString(h) + "." + parts[1] + "." + parts[2]
		if _, err := during.Verify(forged); err == nil {
			t.Fatal("the kid was not bound to the signature")
		}
	})
}

func headerKID(t *testing.T, token string) string {
	t.Helper()
	h, err := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[0])
	if err != nil {
		t.Fatal(err)
	}
	var header struct {
		KID string `json:"kid"`
	}
	if err := json.Unmarshal(h, &header); err != nil {
		t.Fatal(err)
	}
	return header.KID
}

func TestGenerateKeyring(t *testing.T) {
	a, err := GenerateKeyring("local-1")
	if err != nil {
		t.Fatal(err)
	}
	b, err := GenerateKeyring("local-1")
	if err != nil {
		t.Fatal(err)
	}
	ka, _ := a.key("local-1")
	kb, _ := b.key("local-1")
	if a.Current() != "local-1" || len(ka) != 32 || string(ka) == string(kb) {
		t.Fatalf("GenerateKeyring gave %v with a %d-byte key (two calls equal: %v)", a, len(ka), string(ka) == string(kb))
	}
	if _, err := GenerateKeyring("bad id"); err == nil {
		t.Fatal("GenerateKeyring accepted an id with a space")
	}
}

func TestNewSignerRefusesAnEmptyRing(t *testing.T) {
	if s, err := NewSigner(Keyring{}, time.Minute); err == nil || !errors.Is(err, ErrKeyring) {
		t.Fatalf("NewSigner(Keyring{}) = %v, %v; want ErrKeyring", s, err)
	}
}
