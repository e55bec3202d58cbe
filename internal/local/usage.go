package local

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/roster-app/roster/internal/local/dynamolocal"
)

// DBHeader is the local-only response header that says what an API request
// cost in DynamoDB: "calls=3; rru=2.5; wru=4" (see dynamolocal.Usage).
const DBHeader = "X-Roster-Db"

// usageMeter says which invocation made each DynamoDB call, and sums the
// calls per route and per function.
//
// Every function process gets its own DynamoDB endpoint,
// /_local/dynamodb/i/<instance>, and runs one invocation at a time, so the
// path of a call names the invocation in flight. An invocation adds its
// calls to its own tally and to the tally of what started it (the HTTP
// request, for the authorizer and the handler of one request).
type usageMeter struct {
	mu        sync.Mutex
	next      uint64
	instances map[string]*instance
	routes    map[string]*usageSum
	functions map[string]*usageSum
}

// usageSum is what one route or function cost so far.
type usageSum struct {
	Count int `json:"count"`
	dynamolocal.Usage
}

func newUsageMeter() *usageMeter {
	return &usageMeter{instances: map[string]*instance{}, routes: map[string]*usageSum{}, functions: map[string]*usageSum{}}
}

// register gives inst its id, the last segment of its DynamoDB endpoint.
func (m *usageMeter) register(inst *instance) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next++
	id := strconv.FormatUint(m.next, 10)
	m.instances[id] = inst
	return id
}

func (m *usageMeter) unregister(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.instances, id)
}

// observe is the DynamoDB emulator's observer: r.URL.Path is what follows
// /_local/dynamodb.
func (m *usageMeter) observe(r *http.Request, u dynamolocal.Usage) {
	id, ok := strings.CutPrefix(r.URL.Path, "/i/")
	if !ok {
		return
	}
	id, _, _ = strings.Cut(id, "/")
	m.mu.Lock()
	inst := m.instances[id]
	m.mu.Unlock()
	if inst == nil {
		return
	}
	inst.mu.Lock()
	inv := inst.current
	inst.mu.Unlock()
	if inv == nil {
		return // a call from init, outside any invocation
	}
	inv.tally.Add(u)
	inv.parent.Add(u)
}

func (m *usageMeter) add(into map[string]*usageSum, key string, u dynamolocal.Usage) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := into[key]
	if s == nil {
		s = &usageSum{}
		into[key] = s
	}
	s.Count++
	s.Usage.Add(u)
}

func (m *usageMeter) addRoute(route string, u dynamolocal.Usage) { m.add(m.routes, route, u) }

func (m *usageMeter) addFunction(fn string, u dynamolocal.Usage) { m.add(m.functions, fn, u) }

// UsageReport is GET /_local/usage: DynamoDB calls and units per API route
// (authorizer and handler together, as in X-Roster-Db), per function (every
// invocation, whatever started it), and in all since the stack started
// (including the stack's own calls, such as creating the demo organisation).
type UsageReport struct {
	Routes    map[string]usageSum `json:"routes"`
	Functions map[string]usageSum `json:"functions"`
	Total     dynamolocal.Usage   `json:"total"`
}

func (m *usageMeter) report(total dynamolocal.Usage) UsageReport {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := UsageReport{Routes: map[string]usageSum{}, Functions: map[string]usageSum{}, Total: total}
	for k, v := range m.routes {
		r.Routes[k] = *v
	}
	for k, v := range m.functions {
		r.Functions[k] = *v
	}
	return r
}

func (m *usageMeter) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	clear(m.routes)
	clear(m.functions)
}

// serveUsage answers /_local/usage: GET the report as JSON, DELETE to start
// the sums again.
func (s *Stack) serveUsage(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(s.usage.report(s.dynamo.Total()))
	case http.MethodDelete:
		s.usage.reset()
		w.WriteHeader(http.StatusNoContent)
	default:
		w.Header().Set("Allow", "GET, DELETE")
		writeMessage(w, http.StatusMethodNotAllowed, "Method Not Allowed")
	}
}

// Usage returns what GET /_local/usage answers.
func (s *Stack) Usage() UsageReport { return s.usage.report(s.dynamo.Total()) }

type tallyKey struct{}

// withTally makes invocations started with ctx add their DynamoDB usage to t.
func withTally(ctx context.Context, t *dynamolocal.Tally) context.Context {
	return context.WithValue(ctx, tallyKey{}, t)
}

func tallyFrom(ctx context.Context) *dynamolocal.Tally {
	t, _ := ctx.Value(tallyKey{}).(*dynamolocal.Tally)
	return t
}

// dbHeaderWriter sets X-Roster-Db from a tally when the response starts;
// by then every invocation of the request has finished.
type dbHeaderWriter struct {
	http.ResponseWriter
	tally   *dynamolocal.Tally
	written bool
}

func (w *dbHeaderWriter) WriteHeader(status int) {
	if !w.written {
		w.written = true
		w.Header().Set(DBHeader, w.tally.Usage().String())
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *dbHeaderWriter) Write(p []byte) (int, error) {
	if !w.written {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(p)
}
