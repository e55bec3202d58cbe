package local

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// localState is local.json in the data folder: the secrets the stack made
// up on its first start and must keep, so that the operator key and the demo
// administrator's password stay valid across restarts. (The token signing
// keyring lives in the local parameter store, ssm.json, where the functions
// read it; a tokenSigningSecret left in an older local.json is ignored.)
type localState struct {
	OperatorKey   string `json:"operatorKey"`
	AdminEmail    string `json:"adminEmail"`
	AdminPassword string `json:"adminPassword"`
	// DemoOrgCreated records that POST /orgs succeeded, so a restart does
	// not try to create the demo organisation again.
	DemoOrgCreated bool `json:"demoOrgCreated"`
	// Tables is the fingerprint of the template's table definitions (keys
	// and indexes) that the DynamoDB snapshot was written under; see
	// tablesFingerprint.
	Tables string `json:"tables,omitempty"`
}

const defaultAdminEmail = "admin@demo.roster.local"

func loadLocalState(path string) (*localState, error) {
	st := &localState{}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", path, err)
	default:
		if err := json.Unmarshal(data, st); err != nil {
			return nil, fmt.Errorf("read %s: %w (delete it, or start with --reset)", path, err)
		}
	}
	if st.OperatorKey == "" {
		st.OperatorKey = "rok_" + randomString(32, alphanumeric)
	}
	if st.AdminEmail == "" {
		st.AdminEmail = defaultAdminEmail
	}
	if st.AdminPassword == "" {
		st.AdminPassword = strongPassword()
	}
	return st, nil
}

// save replaces the file atomically: a crash mid-write must not lose the
// secrets the snapshot's data depends on.
func (st *localState) save(path string) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("encode local state: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".local-*.json")
	if err != nil {
		return fmt.Errorf("save local state: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("save local state: %w", err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("save local state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save local state: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save local state: %w", err)
	}
	return nil
}

const (
	alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	lower        = "abcdefghijkmnopqrstuvwxyz"
	upper        = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	digits       = "23456789"
)

// randomString draws n characters uniformly from alphabet.
func randomString(n int, alphabet string) string {
	out := make([]byte, n)
	buf := make([]byte, 1)
	limit := 256 - 256%len(alphabet) // reject bytes that would bias the draw
	for i := 0; i < n; {
		_, _ = rand.Read(buf)
		if int(buf[0]) >= limit {
			continue
		}
		out[i] = alphabet[int(buf[0])%len(alphabet)]
		i++
	}
	return string(out)
}

// strongPassword makes a password that satisfies any reasonable policy
// (length, upper, lower, digit, symbol) and is easy to type: four groups
// of five joined by dashes, about 110 bits of entropy.
func strongPassword() string {
	groups := make([]string, 4)
	for i := range groups {
		groups[i] = randomString(5, lower+upper+digits)
	}
	// Guarantee each character class appears at least once.
	groups[0] = randomString(1, upper) + groups[0][1:]
	groups[1] = randomString(1, digits) + groups[1][1:]
	groups[2] = randomString(1, lower) + groups[2][1:]
	return groups[0] + "-" + groups[1] + "-" + groups[2] + "-" + groups[3]
}

// resetDataDir deletes the data folder, refusing a folder that holds
// anything but the stack's data: --data-dir pointed at the wrong place
// must not cost anyone their files.
func resetDataDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reset %s: %w", dir, err)
	}
	if len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dir, "local.json")); err != nil {
			return fmt.Errorf("reset: refusing to delete %s, which has no local.json and so is not a local stack's data folder", dir)
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("reset %s: %w", dir, err)
	}
	return nil
}

func (s *Stack) loadState() (*localState, error) {
	path := s.path("local.json")
	st, err := loadLocalState(path)
	if err != nil {
		return nil, err
	}
	if s.cfg.OperatorKey != "" {
		st.OperatorKey = s.cfg.OperatorKey
	}
	for _, o := range []struct {
		given string
		kept  *string
		what  string
	}{
		{s.cfg.AdminEmail, &st.AdminEmail, "email"},
		{s.cfg.AdminPassword, &st.AdminPassword, "password"},
	} {
		switch {
		case o.given == "" || o.given == *o.kept:
		case st.DemoOrgCreated:
			s.log.Printf("the demo administrator already exists; the %s given now applies after --reset", o.what)
		default:
			*o.kept = o.given
		}
	}
	if err := st.save(path); err != nil {
		return nil, err
	}
	return st, nil
}
