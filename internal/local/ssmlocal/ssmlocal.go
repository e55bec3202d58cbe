// Package ssmlocal is the local stack's SSM Parameter Store: the AWS JSON 1.1
// endpoint of GetParameter and PutParameter, which is what the stock
// github.com/aws/aws-sdk-go-v2/service/ssm client speaks (and
// internal/ssmparam, whose tests hold it to that client's requests), so the
// functions read their secrets at start exactly as they do on AWS.
//
// Parameters are kept in memory and in one JSON file (mode 0600: it holds
// the local stack's secrets, as local.json does), rewritten atomically on
// every change, so they survive restarts. Nothing is encrypted: a
// SecureString is stored as given and only its type is remembered, so that
// a read without WithDecryption gets an opaque stand-in for the ciphertext,
// as on AWS, and code that forgets to ask for decryption fails here too.
//
// Values never appear in a log line or an error message of this package.
package ssmlocal

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"
)

// Parameter types.
const (
	TypeString       = "String"
	TypeStringList   = "StringList"
	TypeSecureString = "SecureString"
)

// parameter is one stored parameter.
type parameter struct {
	Type     string    `json:"type"`
	Value    string    `json:"value"`
	Version  int64     `json:"version"`
	Modified time.Time `json:"modified"`
}

// Store is a parameter store backed by a file. It is safe for concurrent use.
type Store struct {
	path      string
	region    string
	accountID string

	mu     sync.Mutex
	params map[string]parameter
}

// Open loads the parameters kept at path, if any. region and accountID make
// up the ARNs GetParameter reports.
func Open(path, region, accountID string) (*Store, error) {
	s := &Store{path: path, region: region, accountID: accountID, params: map[string]parameter{}}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return s, nil
	case err != nil:
		return nil, fmt.Errorf("open parameter store %s: %w", path, err)
	}
	if err := json.Unmarshal(data, &s.params); err != nil {
		// The JSON error may quote a fragment of the file; leave it out.
		return nil, fmt.Errorf("open parameter store %s: not a JSON object of parameters (delete it, or start with --reset)", path)
	}
	return s, nil
}

// namePattern is Parameter Store's rule for names: letters, digits and
// ._-/ , a hierarchy when it starts with a slash.
var namePattern = regexp.MustCompile(`^/?[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]+)*$`)

// Error is a failed call, reported in the JSON protocol's error shape.
type Error struct {
	Status  int
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Put stores a parameter: a new one needs a type, an existing one is only
// replaced when overwrite is set (and keeps its type unless typ says
// otherwise). It returns the new version.
func (s *Store) Put(name, typ, value string, overwrite bool) (int64, error) {
	if !namePattern.MatchString(name) || len(name) > 1011 {
		return 0, &Error{http.StatusBadRequest, "ValidationException", fmt.Sprintf("parameter name %q is not valid", name)}
	}
	if value == "" {
		return 0, &Error{http.StatusBadRequest, "ValidationException", "the value must not be empty"}
	}
	if len(value) > 8192 {
		return 0, &Error{http.StatusBadRequest, "ValidationException", fmt.Sprintf("the value of %s is %d bytes; an advanced parameter holds at most 8192", name, len(value))}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, exists := s.params[name]
	switch {
	case exists && !overwrite:
		return 0, &Error{http.StatusBadRequest, "ParameterAlreadyExists", fmt.Sprintf("parameter %s already exists", name)}
	case typ == "" && !exists:
		return 0, &Error{http.StatusBadRequest, "ValidationException", "a new parameter needs a Type"}
	case typ == "":
		typ = old.Type
	case typ != TypeString && typ != TypeStringList && typ != TypeSecureString:
		return 0, &Error{http.StatusBadRequest, "ValidationException", fmt.Sprintf("type %q is not String, StringList or SecureString", typ)}
	}
	p := parameter{Type: typ, Value: value, Version: old.Version + 1, Modified: time.Now().UTC()}
	s.params[name] = p
	if err := s.saveLocked(); err != nil {
		if exists {
			s.params[name] = old
		} else {
			delete(s.params, name)
		}
		return 0, &Error{http.StatusInternalServerError, "InternalServerError", err.Error()}
	}
	return p.Version, nil
}

// Has says whether a parameter exists.
func (s *Store) Has(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.params[name]
	return ok
}

// get returns a parameter as GetParameter reports it.
func (s *Store) get(name string, decrypt bool) (parameter, error) {
	s.mu.Lock()
	p, ok := s.params[name]
	s.mu.Unlock()
	if !ok {
		return parameter{}, &Error{http.StatusBadRequest, "ParameterNotFound", fmt.Sprintf("parameter %s not found", name)}
	}
	if p.Type == TypeSecureString && !decrypt {
		p.Value = ciphertext(name, p)
	}
	return p, nil
}

// ciphertext stands in for the KMS ciphertext AWS returns for a SecureString
// read without decryption: base64, stable for one version, and carrying
// nothing of the value but a hash mixed with the name and version.
func ciphertext(name string, p parameter) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("ssmlocal\x00%s\x00%d\x00%s", name, p.Version, p.Value)))
	return base64.StdEncoding.EncodeToString(append([]byte("ssmlocal-ciphertext:"), h[:]...))
}

// arn is the parameter's ARN: a name that starts with a slash is appended
// to "parameter", one without gets a slash first.
func (s *Store) arn(name string) string {
	if name[0] != '/' {
		name = "/" + name
	}
	return fmt.Sprintf("arn:aws:ssm:%s:%s:parameter%s", s.region, s.accountID, name)
}

// saveLocked replaces the file atomically; s.mu is held.
func (s *Store) saveLocked() error {
	data, err := json.MarshalIndent(s.params, "", "  ")
	if err != nil {
		return fmt.Errorf("encode parameters: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), ".ssm-*.json")
	if err != nil {
		return fmt.Errorf("save parameters: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("save parameters: %w", err)
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("save parameters: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save parameters: %w", err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("save parameters: %w", err)
	}
	return nil
}

// Handler returns the endpoint. The request path is ignored, so it works
// behind http.StripPrefix or at the root.
func (s *Store) Handler() http.Handler { return http.HandlerFunc(s.serve) }

const targetPrefix = "AmazonSSM."

func (s *Store) serve(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	w.Header().Set("X-Amzn-RequestId", requestID)
	if r.Method != http.MethodPost {
		writeError(w, &Error{http.StatusMethodNotAllowed, "InvalidAction", "SSM requests must be POSTed"})
		return
	}
	target := r.Header.Get("X-Amz-Target")
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	var out any
	var err error
	switch target {
	case targetPrefix + "GetParameter":
		var in struct {
			Name           string
			WithDecryption bool
		}
		if err = decode(r, &in); err == nil {
			out, err = s.getParameter(in.Name, in.WithDecryption)
		}
	case targetPrefix + "PutParameter":
		var in struct {
			Name      string
			Value     string
			Type      string
			Overwrite bool
		}
		if err = decode(r, &in); err == nil {
			var version int64
			version, err = s.Put(in.Name, in.Type, in.Value, in.Overwrite)
			out = map[string]any{"Version": version, "Tier": "Standard"}
		}
	default:
		err = &Error{http.StatusBadRequest, "UnknownOperationException", fmt.Sprintf("operation %q is not supported by the local SSM (GetParameter and PutParameter are)", target)}
	}
	if err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	_ = json.NewEncoder(w).Encode(out)
}

func (s *Store) getParameter(name string, decrypt bool) (any, error) {
	if name == "" {
		return nil, &Error{http.StatusBadRequest, "ValidationException", "Name is required"}
	}
	p, err := s.get(name, decrypt)
	if err != nil {
		return nil, err
	}
	return map[string]any{"Parameter": map[string]any{
		"Name":             name,
		"Type":             p.Type,
		"Value":            p.Value,
		"Version":          p.Version,
		"LastModifiedDate": float64(p.Modified.UnixMilli()) / 1000,
		"ARN":              s.arn(name),
		"DataType":         "text",
	}}, nil
}

// decode reads a request body; a body that is not JSON is the caller's error
// and is not quoted back (it may hold a value being put).
func decode(r *http.Request, v any) error {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		return &Error{http.StatusBadRequest, "SerializationException", "the request body is not the JSON the operation takes"}
	}
	return nil
}

func writeError(w http.ResponseWriter, err error) {
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{http.StatusInternalServerError, "InternalServerError", "internal error"}
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-ErrorType", e.Code)
	w.WriteHeader(e.Status)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": e.Code, "message": e.Message})
}

func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
