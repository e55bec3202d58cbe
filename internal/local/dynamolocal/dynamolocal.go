// Package dynamolocal serves DynamoDB for the local stack: minidyn in server
// mode, plus what the stock AWS SDK client and the stack need on top of it.
//
// On top of minidyn the Server adds:
//
//   - an X-Amz-Crc32 header on every response, because the SDK validates it
//     and logs a warning on every call when it is missing;
//   - ListTables, because minidyn answers it with plain text the SDK cannot
//     parse;
//   - a JSON error for operations minidyn does not know, so the SDK reports
//     UnknownOperationException instead of a deserialization failure;
//   - TableStatus ACTIVE (DELETING for DeleteTable) where minidyn leaves it
//     empty, so dynamodb.TableExistsWaiter and scripts that wait for a table
//     finish instead of timing out;
//   - serialisation of table-level operations (CreateTable, DescribeTable,
//     UpdateTable, DeleteTable), which minidyn runs without its lock and
//     which would otherwise race with item operations on its table map;
//   - Save and Load of a snapshot, and a dirty flag telling the stack when a
//     Save is due;
//   - a meter (meter.go): every call is priced in the read and write
//     request units DynamoDB would charge, summed in Total and reported to
//     an observer with the request that made it.
//
// Table names are learned from the CreateTable and DeleteTable requests the
// Server answers: minidyn's HTTP API is the only way to create a table, so
// that list is complete and Save needs no names from the caller.
package dynamolocal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/truora/minidyn/server"
)

// Server is minidyn in server mode plus what the local stack needs: CRC32
// headers, ListTables, and snapshots. It is safe for concurrent use.
type Server struct {
	md *server.Server

	// ddl is held exclusively by table-level operations and shared by item
	// operations; see the package comment for why.
	ddl sync.RWMutex

	mu      sync.Mutex // guards tables and schemas
	tables  map[string]bool
	schemas map[string]*tableSchema

	total    Tally
	observer atomic.Pointer[func(*http.Request, Usage)]

	// writes counts successful write operations; saved is the value of
	// writes that the file on disk reflects. Counting instead of a bool lets
	// a write that lands during Save keep the server dirty.
	writes atomic.Uint64
	saved  atomic.Uint64

	snapMu sync.Mutex // one Save or Load at a time
}

// New returns an empty Server with no tables.
func New() *Server {
	return &Server{md: server.NewServer(), tables: map[string]bool{}, schemas: map[string]*tableSchema{}}
}

const targetPrefix = "DynamoDB_20120810."

// writeOps change state worth saving; a failed call (for example a
// conditional check that did not hold) changes nothing and is not counted.
var writeOps = map[string]bool{
	"PutItem": true, "UpdateItem": true, "DeleteItem": true,
	"BatchWriteItem": true, "TransactWriteItems": true,
	"CreateTable": true, "UpdateTable": true, "DeleteTable": true,
}

// tableOps are the operations minidyn runs without holding its own lock.
var tableOps = map[string]bool{
	"CreateTable": true, "UpdateTable": true, "DeleteTable": true, "DescribeTable": true,
}

// knownOps are the operations minidyn implements; anything else gets a
// DynamoDB-shaped error rather than minidyn's plain-text reply.
var knownOps = map[string]bool{
	"CreateTable": true, "UpdateTable": true, "DeleteTable": true, "DescribeTable": true,
	"PutItem": true, "DeleteItem": true, "UpdateItem": true, "GetItem": true,
	"Query": true, "Scan": true, "BatchWriteItem": true, "BatchGetItem": true,
	"TransactWriteItems": true, "TransactGetItems": true,
}

// ServeHTTP answers one DynamoDB JSON 1.0 request. The request path is
// ignored, so the Server works behind http.StripPrefix or at the root.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read request: "+err.Error(), http.StatusBadRequest)
		return
	}
	var res *response
	switch {
	case op == "ListTables":
		res = s.listTables(body)
	case !knownOps[op]:
		res = errorResponse(http.StatusBadRequest, "UnknownOperationException",
			fmt.Sprintf("operation %q is not supported by the local DynamoDB", op))
	default:
		plan := s.meterBefore(op, body)
		res = s.do(op, body)
		if res.status < 300 {
			s.afterSuccess(op, body)
			if tableOps[op] {
				res.setBody(setTableStatus(op, res.body.Bytes()))
			}
		}
		s.record(r, s.meterAfter(op, body, plan, res.status < 300, res.body.Bytes()))
		res.writeTo(w)
		return
	}
	s.record(r, Usage{Calls: 1})
	res.writeTo(w)
}

// record adds the usage of one call to the total and tells the observer.
func (s *Server) record(r *http.Request, u Usage) {
	s.total.Add(u)
	if fn := s.observer.Load(); fn != nil {
		(*fn)(r, u)
	}
}

// Total is the usage of every call served over HTTP since the Server
// started (in-process snapshot work is not counted).
func (s *Server) Total() Usage { return s.total.Usage() }

// Observe has fn called with every HTTP request the Server answers and what
// it cost, after the call; the local stack uses the request's path to say
// which function invocation made it. fn must be quick and safe for
// concurrent use. Observe(nil) stops it.
func (s *Server) Observe(fn func(r *http.Request, u Usage)) {
	if fn == nil {
		s.observer.Store(nil)
		return
	}
	s.observer.Store(&fn)
}

// do runs one operation through minidyn without touching the dirty state.
func (s *Server) do(op string, body []byte) *response {
	if tableOps[op] {
		s.ddl.Lock()
		defer s.ddl.Unlock()
	} else {
		s.ddl.RLock()
		defer s.ddl.RUnlock()
	}
	req, err := http.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	if err != nil {
		return errorResponse(http.StatusInternalServerError, "InternalFailure", err.Error())
	}
	req.Header.Set("X-Amz-Target", targetPrefix+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	res := &response{header: http.Header{}}
	s.md.ServeHTTP(res, req)
	if res.status == 0 {
		res.status = http.StatusOK
	}
	return res
}

func (s *Server) afterSuccess(op string, body []byte) {
	if !writeOps[op] {
		return
	}
	s.writes.Add(1)
	if op != "CreateTable" && op != "DeleteTable" {
		return
	}
	var in struct{ TableName string }
	if json.Unmarshal(body, &in) != nil || in.TableName == "" {
		return
	}
	if op == "CreateTable" {
		s.learnSchema(body)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if op == "CreateTable" {
		s.tables[in.TableName] = true
	} else {
		delete(s.tables, in.TableName)
		delete(s.schemas, in.TableName)
	}
}

// setTableStatus fills in the TableStatus that minidyn leaves empty in
// table descriptions. Any reply it cannot parse is returned unchanged.
func setTableStatus(op string, body []byte) []byte {
	field, status := "TableDescription", "ACTIVE"
	switch op {
	case "DescribeTable":
		field = "Table"
	case "DeleteTable":
		status = "DELETING"
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return body
	}
	var desc map[string]json.RawMessage
	if json.Unmarshal(top[field], &desc) != nil || desc == nil {
		return body
	}
	if s := string(desc["TableStatus"]); s != "" && s != `""` && s != "null" {
		return body
	}
	desc["TableStatus"], _ = json.Marshal(status)
	top[field], _ = json.Marshal(desc)
	out, err := json.Marshal(top)
	if err != nil {
		return body
	}
	return out
}

// Tables returns the names of the tables that exist, sorted.
func (s *Server) Tables() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.tables))
	for name := range s.tables {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func (s *Server) listTables(body []byte) *response {
	var in struct {
		ExclusiveStartTableName string
		Limit                   int
	}
	if len(bytes.TrimSpace(body)) > 0 {
		if err := json.Unmarshal(body, &in); err != nil {
			return errorResponse(http.StatusBadRequest, "SerializationException", err.Error())
		}
	}
	names := s.Tables()
	if in.ExclusiveStartTableName != "" {
		i, _ := slices.BinarySearch(names, in.ExclusiveStartTableName)
		for i < len(names) && names[i] <= in.ExclusiveStartTableName {
			i++
		}
		names = names[i:]
	}
	out := struct {
		TableNames             []string
		LastEvaluatedTableName string `json:",omitempty"`
	}{TableNames: names}
	if in.Limit > 0 && len(names) > in.Limit {
		out.TableNames = names[:in.Limit]
		out.LastEvaluatedTableName = names[in.Limit-1]
	}
	return jsonResponse(http.StatusOK, out)
}

// Dirty reports whether a write succeeded since the last Save or Load.
func (s *Server) Dirty() bool {
	return s.writes.Load() != s.saved.Load()
}

// response buffers a whole reply so that its CRC32 can go in a header.
type response struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *response) Header() http.Header { return r.header }

func (r *response) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(p)
}

func (r *response) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *response) setBody(b []byte) {
	r.body = bytes.Buffer{}
	r.body.Write(b)
}

func (r *response) writeTo(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range r.header {
		h[k] = v
	}
	h.Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE(r.body.Bytes())), 10))
	h.Set("Content-Length", strconv.Itoa(r.body.Len()))
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body.Bytes())
}

func jsonResponse(status int, v any) *response {
	res := &response{header: http.Header{}, status: status}
	res.header.Set("Content-Type", "application/x-amz-json-1.0")
	if err := json.NewEncoder(&res.body).Encode(v); err != nil {
		return errorResponse(http.StatusInternalServerError, "InternalFailure", err.Error())
	}
	return res
}

func errorResponse(status int, code, msg string) *response {
	return jsonResponse(status, struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}{"com.amazonaws.dynamodb.v20120810#" + code, msg})
}

// apiError is an error reply from minidyn to an in-process call.
type apiError struct{ Code, Message string }

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// call runs op in-process with in as the request and decodes the reply into
// out. It bypasses ServeHTTP so that Save and Load do not count as writes.
func (s *Server) call(op string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("%s: encode request: %w", op, err)
	}
	res := s.do(op, body)
	if res.status != http.StatusOK {
		var e struct {
			Type    string `json:"__type"`
			Message string `json:"message"`
		}
		if json.Unmarshal(res.body.Bytes(), &e) != nil || e.Type == "" {
			return fmt.Errorf("%s: status %d: %s", op, res.status, bytes.TrimSpace(res.body.Bytes()))
		}
		_, code, _ := strings.Cut(e.Type, "#")
		if code == "" {
			code = e.Type
		}
		return fmt.Errorf("%s: %w", op, &apiError{Code: code, Message: e.Message})
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(res.body.Bytes(), out); err != nil {
		return fmt.Errorf("%s: decode response: %w", op, err)
	}
	return nil
}

func isNotFound(err error) bool {
	var e *apiError
	return errors.As(err, &e) && e.Code == "ResourceNotFoundException"
}

// snapshotLine is one line of a snapshot file: one item of one table, in
// DynamoDB's wire JSON ({"pk":{"S":"x"},...}), so the file is readable and
// goes back in through BatchWriteItem without conversion.
type snapshotLine struct {
	Table string          `json:"table"`
	Item  json.RawMessage `json:"item"`
}

// Save writes every item of every table to path as JSON lines and clears
// the dirty flag. The file is replaced atomically, so a crash mid-save leaves
// the previous snapshot intact. Table definitions are not saved: whoever
// calls Load creates the tables first (from the SAM template).
func (s *Server) Save(path string) error {
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	gen := s.writes.Load()

	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("save snapshot %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed

	bw := bufio.NewWriter(tmp)
	var line []byte
	for _, table := range s.Tables() {
		// A snapshotLine, written by hand: encoding/json's reflection over
		// every attribute value cost seconds of CPU per Save at a few
		// hundred thousand items, and the stack saves every few seconds
		// while writes arrive.
		err := s.eachItem(table, func(item server.StoredItem) error {
			line = append(line[:0], `{"table":`...)
			line = server.AppendJSONString(line, table)
			line = append(line, `,"item":`...)
			line = item.AppendJSON(line)
			line = append(line, "}\n"...)
			_, err := bw.Write(line)
			return err
		})
		var notFound *types.ResourceNotFoundException
		if errors.As(err, &notFound) { // deleted while saving
			continue
		}
		if err != nil {
			tmp.Close()
			return fmt.Errorf("save snapshot %s: table %s: %w", path, table, err)
		}
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("save snapshot %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("save snapshot %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save snapshot %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save snapshot %s: %w", path, err)
	}
	s.saved.Store(gen)
	return nil
}

// eachItem calls fn for every item of table as it was when eachItem was
// called. Why not a Scan: one Scan of the whole table held minidyn's lock
// (every request waits on it) while it copied every item, and the reply was
// then encoded and decoded once more; with a table of a few hundred
// thousand items (a 100,000-row import) that stalled every request for
// seconds at each periodic Save. TableItems holds the lock only while it
// lists the stored items, and ddl is held just as long.
func (s *Server) eachItem(table string, fn func(server.StoredItem) error) error {
	s.ddl.RLock()
	items, err := s.md.TableItems(table)
	s.ddl.RUnlock()
	if err != nil {
		return err
	}
	for item := range items {
		if err := fn(item); err != nil {
			return err
		}
	}
	return nil
}

// LoadResult says what Restore did.
type LoadResult struct {
	Items   int            // items written
	Skipped map[string]int // items not written, by table, because the table does not exist
}

// Load restores a snapshot written by Save; see Restore. Items of tables
// that do not exist are skipped and reported with slog.Warn, because a table
// dropped from the template should not stop the stack from starting.
func (s *Server) Load(path string) error {
	res, err := s.Restore(path)
	for table, n := range res.Skipped {
		slog.Warn("dynamolocal: snapshot items skipped, table does not exist",
			"path", path, "table", table, "items", n)
	}
	return err
}

// batchSize is BatchWriteItem's limit per request.
const batchSize = 25

// Restore puts every item of the snapshot at path into its table with
// BatchWriteItem, over any items already there, and clears the dirty flag.
// A missing file is not an error. Tables must exist already; items of
// tables that do not are counted in LoadResult.Skipped.
func (s *Server) Restore(path string) (LoadResult, error) {
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	gen := s.writes.Load()
	res := LoadResult{Skipped: map[string]int{}}

	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return res, nil
	}
	if err != nil {
		return res, fmt.Errorf("load snapshot %s: %w", path, err)
	}
	defer f.Close()

	exists := map[string]bool{}
	pending := map[string][]json.RawMessage{}
	var npending int
	flush := func() error {
		if npending == 0 {
			return nil
		}
		if err := s.batchPut(pending); err != nil {
			return err
		}
		res.Items += npending
		clear(pending)
		npending = 0
		return nil
	}

	// A json.Decoder rather than a line scanner: items can be up to 400 KB.
	dec := json.NewDecoder(bufio.NewReader(f))
	for n := 1; ; n++ {
		var line snapshotLine
		err := dec.Decode(&line)
		if err == io.EOF {
			break
		}
		if err != nil {
			return res, fmt.Errorf("load snapshot %s: entry %d: %w", path, n, err)
		}
		ok, known := exists[line.Table]
		if !known {
			err := s.call("DescribeTable", map[string]string{"TableName": line.Table}, nil)
			if err != nil && !isNotFound(err) {
				return res, fmt.Errorf("load snapshot %s: table %s: %w", path, line.Table, err)
			}
			ok = err == nil
			exists[line.Table] = ok
		}
		if !ok {
			res.Skipped[line.Table]++
			continue
		}
		pending[line.Table] = append(pending[line.Table], line.Item)
		npending++
		if npending == batchSize {
			if err := flush(); err != nil {
				return res, fmt.Errorf("load snapshot %s: %w", path, err)
			}
		}
	}
	if err := flush(); err != nil {
		return res, fmt.Errorf("load snapshot %s: %w", path, err)
	}
	s.saved.Store(gen)
	return res, nil
}

type writeRequest struct {
	PutRequest struct {
		Item json.RawMessage
	}
}

// batchPut writes up to batchSize items with one BatchWriteItem, resending
// UnprocessedItems (which minidyn only returns under failure emulation).
func (s *Server) batchPut(items map[string][]json.RawMessage) error {
	var in struct {
		RequestItems map[string][]writeRequest
	}
	in.RequestItems = map[string][]writeRequest{}
	for table, list := range items {
		for _, item := range list {
			var wr writeRequest
			wr.PutRequest.Item = item
			in.RequestItems[table] = append(in.RequestItems[table], wr)
		}
	}
	for attempt := 0; len(in.RequestItems) > 0; attempt++ {
		if attempt == 5 {
			return fmt.Errorf("BatchWriteItem: items still unprocessed after %d attempts", attempt)
		}
		var out struct {
			UnprocessedItems map[string][]writeRequest
		}
		if err := s.call("BatchWriteItem", in, &out); err != nil {
			return err
		}
		in.RequestItems = out.UnprocessedItems
	}
	return nil
}
