package apifuzz

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// Org is one organisation the fuzzer knows: a token of an administrator and
// the ids of a few of its objects, by the Kind of the paths that name them
// ("groups", "users", "contacts", "templates", "orgs", ...).
type Org struct {
	Token string
	IDs   map[string]string
}

// Env is what requests are made of. Requests are sent as Orgs[0]'s
// administrator; Orgs[1]'s ids and token are what a request must not reach.
type Env struct {
	Orgs         [2]Org
	OperatorKey  string
	RefreshToken string // of a session the fuzzer may spend (refresh, logout)
}

// Request is one generated request.
type Request struct {
	Index    int    // its place in the generator's sequence
	Op       string // the route key, "POST /groups"
	Method   string
	Target   string // escaped path and query, "/groups/x?limit=0"
	Header   map[string]string
	Body     []byte
	Mutation string // what was done to the well-formed request

	schema *openapi3.Schema // of the operation's JSON body, for Refusal
}

// String shows the request as a curl command line, long values cut.
func (r Request) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %s [%s]: curl -X %s '%s'", r.Index, r.Op, r.Mutation, r.Method, r.Target)
	keys := make([]string, 0, len(r.Header))
	for k := range r.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, " -H '%s: %s'", k, cut(redact(k, r.Header[k]), 80))
	}
	if r.Body != nil {
		fmt.Fprintf(&b, " --data-binary %q", cut(string(r.Body), 300))
	}
	return b.String()
}

// redact hides credentials in a printed request: the operator key and
// tokens are secrets even on a test stack (the mutation says what was sent).
func redact(header, v string) string {
	switch strings.ToLower(header) {
	case "authorization":
		scheme, rest, found := strings.Cut(v, " ")
		if !found {
			return fmt.Sprintf("<%d bytes>", len(v))
		}
		return fmt.Sprintf("%s <%d bytes>", scheme, len(rest))
	case "x-operator-key":
		return fmt.Sprintf("<%d bytes>", len(v))
	}
	return v
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return fmt.Sprintf("%s…(%d bytes)", s[:n], len(s))
}

// Generator makes requests for the operations, deterministically from its
// seed: the nth request is the same on every run with the same seed, env
// and document.
type Generator struct {
	ops  []Operation
	env  Env
	seed int64
	rng  *rand.Rand
	n    int

	learned      map[string]*[2][]string // kind → per organisation
	learnedKinds []string                // in the order first learned
}

// NewGenerator returns a generator of requests for ops.
func NewGenerator(ops []Operation, env Env, seed int64) *Generator {
	return &Generator{ops: ops, env: env, seed: seed, rng: rand.New(rand.NewSource(seed))}
}

// Seed is the generator's seed.
func (g *Generator) Seed() int64 { return g.seed }

// Next returns the next request. The operations take turns, so every route
// is hit once in each len(ops) requests; the first round sends each one
// well-formed.
func (g *Generator) Next() Request {
	i := g.n
	g.n++
	op := g.ops[i%len(g.ops)]
	r := g.baseline(op)
	r.Index = i
	r.Mutation = "well-formed"
	if i >= len(g.ops) {
		g.mutate(op, &r)
	}
	return r.finish(op)
}

// request is a request under construction.
type request struct {
	Request
	path  map[string]string // raw (already escaped) path parameter values
	query url.Values
	body  any // nil: no body
	raw   map[string]string
}

func (g *Generator) baseline(op Operation) request {
	r := request{Request: Request{Op: op.Key(), Method: op.Method, Header: map[string]string{}},
		path: map[string]string{}, query: url.Values{}, raw: map[string]string{}}
	switch op.Auth {
	case "bearer":
		r.Header["Authorization"] = "Bearer " + g.env.Orgs[0].Token
	case "operator":
		r.Header["X-Operator-Key"] = g.env.OperatorKey
	}
	for _, p := range op.Params {
		switch p.In {
		case "path":
			r.path[p.Name] = url.PathEscape(g.idFor(0, op.Kind))
		case "header":
			switch strings.ToLower(p.Name) {
			case "if-match":
				r.Header[p.Name] = `"v1"`
			case "idempotency-key":
				r.Header[p.Name] = fmt.Sprintf("fuzz-%d-%d", g.seed, g.n)
			default:
				if p.Required {
					r.Header[p.Name] = "x"
				}
			}
		case "query":
			if p.Required && p.Schema != nil {
				r.query.Set(p.Name, fmt.Sprint(g.value(p.Schema.Value, p.Name, 0)))
			}
		}
	}
	if op.Body != nil {
		r.Header["Content-Type"] = "application/json"
		r.body = g.value(op.Body, "", 0)
	}
	return r
}

// idFor is org's id of the kind, or a made-up one when it has none.
func (g *Generator) idFor(org int, kind string) string {
	if id := g.env.Orgs[org].IDs[kind]; id != "" {
		return id
	}
	return "01FUZZ" + strings.ToUpper(strings.ReplaceAll(kind, "/", "")) + "0000000000"
}

// value is a well-formed value of schema s for a field called name.
func (g *Generator) value(s *openapi3.Schema, name string, depth int) any {
	if s == nil || depth > 8 {
		return "x"
	}
	if s.Const != nil {
		return s.Const
	}
	if len(s.Enum) > 0 {
		return s.Enum[g.rng.Intn(len(s.Enum))]
	}
	for _, alts := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf, s.AllOf} {
		if len(alts) > 0 && alts[0].Value != nil && (s.Type == nil || s.Type.IsEmpty()) {
			return g.value(alts[g.rng.Intn(len(alts))].Value, name, depth+1)
		}
	}
	switch {
	case s.Type.Includes("object") || (s.Type.IsEmpty() && len(s.Properties) > 0):
		obj := map[string]any{}
		required := map[string]bool{}
		for _, k := range s.Required {
			required[k] = true
		}
		keys := make([]string, 0, len(s.Properties))
		for k := range s.Properties {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if required[k] || g.rng.Intn(2) == 0 {
				obj[k] = g.value(s.Properties[k].Value, k, depth+1)
			}
		}
		return obj
	case s.Type.Includes("array"):
		n := int(s.MinItems)
		if n == 0 {
			n = 1
		}
		out := make([]any, n)
		for i := range out {
			var item *openapi3.Schema
			if s.Items != nil {
				item = s.Items.Value
			}
			out[i] = g.value(item, name, depth+1)
		}
		return out
	case s.Type.Includes("integer"):
		if s.Min != nil {
			return int64(*s.Min)
		}
		return 1
	case s.Type.Includes("number"):
		if s.Min != nil {
			return *s.Min
		}
		return 1
	case s.Type.Includes("boolean"):
		return g.rng.Intn(2) == 0
	}
	return g.stringFor(s, name)
}

var fieldIDKinds = map[string]string{
	"groupid": "groups", "parentid": "groups", "group": "groups", "groups": "groups",
	"userid": "users", "user": "users", "accountrep": "users", "accountreps": "users",
	"contactid": "contacts", "templateid": "templates", "templateids": "templates",
}

func (g *Generator) stringFor(s *openapi3.Schema, name string) string {
	lower := strings.ToLower(name)
	var v string
	switch {
	case fieldIDKinds[lower] != "":
		v = g.idFor(0, fieldIDKinds[lower])
	case s.Format == "email" || strings.Contains(lower, "email"):
		v = fmt.Sprintf("fuzz%d@example.com", g.rng.Intn(1e6))
	case s.Format == "date-time" || lower == "at" || lower == "from" || lower == "to":
		v = "2026-12-04T10:00:00Z"
	case s.Format == "date" || lower == "date":
		v = "2026-12-25"
	case strings.Contains(lower, "timezone"):
		v = "America/Chicago"
	case lower == "start":
		v = "09:00"
	case lower == "end":
		v = "17:00"
	case strings.Contains(lower, "phone"):
		v = "+12015550123"
	case strings.Contains(lower, "password"):
		v = "a long enough password"
	case strings.Contains(lower, "region"), strings.Contains(lower, "country"):
		v = "US"
	default:
		v = "fuzz"
	}
	if s.Pattern != "" {
		if re, err := regexp.Compile(s.Pattern); err == nil && !re.MatchString(v) {
			for _, try := range []string{"location", "abc", "A1", "US", "x", "123456"} {
				if re.MatchString(try) {
					v = try
					break
				}
			}
		}
	}
	for uint64(len(v)) < s.MinLength {
		v += "x"
	}
	return v
}

// mutate changes one part of a well-formed request.
func (g *Generator) mutate(op Operation, r *request) {
	var places []func()
	if op.Body != nil || op.Method != "GET" {
		places = append(places, func() { g.mutateBody(op, r) }, func() { g.mutateBody(op, r) }, func() { g.mutateBody(op, r) })
	}
	if len(r.path) > 0 {
		places = append(places, func() { g.mutatePath(op, r) }, func() { g.mutatePath(op, r) })
	}
	places = append(places, func() { g.mutateQuery(op, r) }, func() { g.mutateHeader(op, r) })
	places[g.rng.Intn(len(places))]()
}

// oneMB is the size of the "huge" strings.
const oneMB = 1 << 20

var bodyMutations = []struct {
	name string
	body []byte // nil: no body at all
}{
	{"no body", nil},
	{"empty body", []byte{}},
	{"body null", []byte("null")},
	{"body []", []byte("[]")},
	{"body a string", []byte(`"x"`)},
	{"body a number", []byte("1")},
	{"body true", []byte("true")},
	{"body {}", []byte("{}")},
	{"body truncated", []byte(`{"name":`)},
	{"body not JSON", []byte("name=x&kind=y")},
	{"body two objects", []byte("{}{}")},
	{"body with BOM", []byte("\xef\xbb\xbf{}")},
	{"body invalid UTF-8", []byte("\xff\xfe\xfd")},
	{"body 1 MB of spaces", append(bytes.Repeat([]byte(" "), oneMB), "{}"...)},
	{"body nested 100000 deep", append(bytes.Repeat([]byte("["), 100000), bytes.Repeat([]byte("]"), 100000)...)},
	{"body object nested 20000 deep", []byte(strings.Repeat(`{"a":`, 20000) + "1" + strings.Repeat("}", 20000))},
}

// fieldValues replace one field of a well-formed body; raw ones are JSON
// text put in as is.
var fieldValues = []struct {
	name string
	v    any
	raw  string
}{
	{name: "null", raw: "null"},
	{name: "a number", v: 123},
	{name: "a string", v: "x"},
	{name: "true", v: true},
	{name: "[]", v: []any{}},
	{name: "{}", v: map[string]any{}},
	{name: `[null]`, v: []any{nil}},
	{name: `{"":null}`, v: map[string]any{"": nil}},
	{name: "empty string", v: ""},
	{name: "spaces", v: "   "},
	{name: "1 MB string", v: strings.Repeat("x", oneMB)},
	{name: "1 MB array", raw: "[" + strings.Repeat("1,", oneMB/2) + "1]"},
	{name: "nested 5000 deep", raw: strings.Repeat("[", 5000) + strings.Repeat("]", 5000)},
	{name: "object nested 1000 deep", raw: strings.Repeat(`{"a":`, 1000) + "1" + strings.Repeat("}", 1000)},
	{name: "invalid UTF-8", raw: "\"a\xff\xfeb\""},
	{name: "lone surrogate", raw: `"a\ud800b"`},
	{name: "NUL", v: "a\x00b"},
	{name: "bidi override", v: "\u202egnp.exe"},
	{name: "zero-width and combining", v: "\u200b\u0301\ufeff"},
	{name: "a # separator", v: "x#USER#y"},
	{name: "a key of another org", v: "ORG#other"},
	{name: "number 1e400", raw: "1e400"},
	{name: "number -1e400", raw: "-1e400"},
	{name: "number 2^63", raw: "9223372036854775808"},
	{name: "number -2^63-1", raw: "-9223372036854775809"},
	{name: "number 1e-400", raw: "1e-400"},
	{name: "number -1", v: -1},
	{name: "number 0", v: 0},
	{name: "number 0.5", v: 0.5},
	{name: "number -0", raw: "-0"},
	{name: "number 1e2", raw: "1e2"},
	{name: "number 2^53+1", raw: "9007199254740993"},
}

func (g *Generator) mutateBody(op Operation, r *request) {
	if op.Body == nil || g.rng.Intn(4) == 0 {
		m := bodyMutations[g.rng.Intn(len(bodyMutations))]
		r.Mutation = m.name
		r.body = nil
		if m.body != nil {
			r.Request.Body = m.body
			r.Header["Content-Type"] = "application/json"
		} else {
			r.Request.Body = nil
		}
		r.raw = nil
		return
	}
	places := nodes(r.body, "")
	place := places[g.rng.Intn(len(places))]
	switch k := g.rng.Intn(10); {
	case k == 0 && place.path != "":
		r.Mutation = place.path + " missing"
		r.body = remove(r.body, place.keys)
	case k == 1:
		r.Mutation = place.path + " plus an unknown field"
		r.body = set(r.body, place.keys, map[string]any{"unknownFuzzField": 1, "x": place.value})
		if m, ok := place.value.(map[string]any); ok {
			c := copyMap(m)
			c["unknownFuzzField"] = 1
			r.body = set(r.body, place.keys, c)
		}
	case k == 2:
		r.Mutation = place.path + " at a boundary length"
		r.body = set(r.body, place.keys, g.boundary(op.Body, place.keys))
	case k == 3:
		org := g.rng.Intn(2)
		if v, ok := g.learnedValue(org, ""); ok {
			r.Mutation = fmt.Sprintf("%s = a learned id or cursor of organisation %d", place.path, org)
			r.body = set(r.body, place.keys, v)
			break
		}
		fallthrough
	default:
		fv := fieldValues[g.rng.Intn(len(fieldValues))]
		r.Mutation = place.path + " = " + fv.name
		v := fv.v
		if fv.raw != "" {
			ph := fmt.Sprintf("@@fuzz-raw-%d@@", len(r.raw))
			r.raw[ph] = fv.raw
			v = ph
		}
		r.body = set(r.body, place.keys, v)
	}
	if r.Mutation != "" && r.Mutation[0] == ' ' {
		r.Mutation = "the body" + r.Mutation
	}
}

// boundary is a string one past the field's maxLength, or at it, or at
// minLength-1; fields without bounds get 201 and 1025 characters.
func (g *Generator) boundary(s *openapi3.Schema, keys []any) any {
	for _, k := range keys {
		if s == nil {
			break
		}
		switch k := k.(type) {
		case string:
			if p := s.Properties[k]; p != nil {
				s = p.Value
			} else {
				s = nil
			}
		case int:
			if s.Items != nil {
				s = s.Items.Value
			} else {
				s = nil
			}
		}
	}
	var lens []int
	if s != nil && s.MaxLength != nil {
		lens = append(lens, int(*s.MaxLength), int(*s.MaxLength)+1)
	}
	if s != nil && s.MinLength > 0 {
		lens = append(lens, int(s.MinLength)-1)
	}
	if s != nil && (s.Type.Is("integer") || s.Type.Is("number")) {
		var nums []any
		if s.Max != nil {
			nums = append(nums, *s.Max, *s.Max+1)
		}
		if s.Min != nil {
			nums = append(nums, *s.Min, *s.Min-1)
		}
		if len(nums) > 0 {
			return nums[g.rng.Intn(len(nums))]
		}
	}
	if s != nil && s.Type.Is("array") && s.MaxItems != nil {
		out := make([]any, int(*s.MaxItems)+1)
		for i := range out {
			out[i] = g.value(s.Items.Value, "", 1)
		}
		return out
	}
	if len(lens) == 0 {
		lens = []int{201, 1025, 70000}
	}
	n := max(lens[g.rng.Intn(len(lens))], 0)
	if g.rng.Intn(3) == 0 {
		return strings.Repeat("é", n) // characters, not bytes, count
	}
	return strings.Repeat("x", n)
}

var pathValues = []struct{ name, raw string }{
	{"garbage", "garbage"},
	{"empty segment", ""},
	{"2000 characters", strings.Repeat("a", 2000)},
	{"%00", "%00"},
	{"..", ".."},
	{"%2e%2e", "%2e%2e"},
	{"%2F", "a%2Fb"},
	{"%23 key separator", "x%23USER%23y"},
	{"invalid UTF-8", "%FF%FE"},
	{"bidi", "%E2%80%AEabc"},
	{"spaces", "%20%20"},
	{"a ULID that exists nowhere", "01JZZZZZZZZZZZZZZZZZZZZZZZ"},
}

func (g *Generator) mutatePath(op Operation, r *request) {
	names := make([]string, 0, len(r.path))
	for k := range r.path {
		names = append(names, k)
	}
	sort.Strings(names)
	name := names[g.rng.Intn(len(names))]
	switch g.rng.Intn(6) {
	case 0, 1:
		r.Mutation = "{" + name + "} = the other organisation's id"
		r.path[name] = url.PathEscape(g.idFor(1, op.Kind))
		if v, ok := g.learnedValue(1, op.Kind); ok && g.rng.Intn(2) == 0 {
			r.Mutation = "{" + name + "} = an id the other organisation was shown"
			r.path[name] = url.PathEscape(v)
		}
		return
	case 2:
		if v, ok := g.learnedValue(g.rng.Intn(2), ""); ok {
			r.Mutation = "{" + name + "} = a learned id or cursor of any kind"
			r.path[name] = url.PathEscape(v)
			return
		}
	}
	pv := pathValues[g.rng.Intn(len(pathValues))]
	r.Mutation = "{" + name + "} = " + pv.name
	r.path[name] = pv.raw
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

var queryValues = []struct{ name, raw string }{
	{"empty", ""},
	{"garbage", "garbage"},
	{"%00", "%00"},
	{"invalid UTF-8", "%FF%FE"},
	{"10000 characters", strings.Repeat("a", 10000)},
	{"-1", "-1"},
	{"0", "0"},
	{"501", "501"},
	{"2^63", "9223372036854775808"},
	{"1e9", "1000000000"},
	{"1.5", "1.5"},
	{"a date far away", "9999-12-31T23:59:59Z"},
	{"year 0", "0000-01-01T00:00:00Z"},
	{"base64 {}", b64("{}")},
	{"base64 []", b64("[]")},
	{"base64 null", b64("null")},
	{`base64 ""`, b64(`""`)},
	{"base64 a key map of NULLs", b64(`{"pk":{"NULL":true},"sk":{"NULL":true}}`)},
	{"base64 a key of another org", b64(`{"pk":{"S":"ORG#x"},"sk":{"S":"GROUP#y"}}`)},
	{"base64 of garbage bytes", base64.StdEncoding.EncodeToString([]byte{0xff, 0, 0xfe})},
	{"std base64 with padding", base64.StdEncoding.EncodeToString([]byte(`{"a":1}`))},
	{"%23 separator", "x%23USER%23y"},
}

func (g *Generator) mutateQuery(op Operation, r *request) {
	var names []string
	for _, p := range op.Params {
		if p.In == "query" {
			names = append(names, p.Name)
		}
	}
	if len(names) == 0 || g.rng.Intn(6) == 0 {
		names = append(names, "unknownFuzzParam")
	}
	name := names[g.rng.Intn(len(names))]
	qv := queryValues[g.rng.Intn(len(queryValues))]
	if k := g.rng.Intn(3); k > 0 && name != "unknownFuzzParam" {
		// A real cursor or id, of the other organisation, another list or
		// another kind, or one with a byte changed.
		kind := "cursor"
		if name != "cursor" {
			kind = ""
		}
		org := g.rng.Intn(2)
		if v, ok := g.learnedValue(org, kind); ok {
			qv.name = fmt.Sprintf("a learned value of organisation %d", org)
			if k == 2 && len(v) > 0 {
				i := g.rng.Intn(len(v))
				v = v[:i] + string(rune('!'+g.rng.Intn(90))) + v[i+1:]
				qv.name += " with a byte changed"
			}
			qv.raw = url.QueryEscape(v)
		}
	}
	r.Mutation = "?" + name + "=" + qv.name
	if g.rng.Intn(8) == 0 {
		r.Mutation += " (twice)"
		r.raw["?dup"] = name + "=" + qv.raw + "&" + name + "=x"
		return
	}
	r.raw["?"+name] = qv.raw
}

var headerValues = map[string][]struct{ name, v string }{
	"If-Match": {{"missing", ""}, {`""`, `""`}, {"*", "*"}, {"weak", `W/"v1"`}, {"garbage", "garbage"},
		{"huge version", `"v99999999999999999999999"`}, {"negative version", `"v-1"`}, {"8 KB", strings.Repeat("a", 8192)},
		{"two ETags", `"v1", "v2"`}, {"unquoted", "v1"}},
	"Idempotency-Key": {{"empty", ""}, {"256 characters", strings.Repeat("k", 256)}, {"non-ASCII", "clé"},
		{"spaces", "   "}, {"8 KB", strings.Repeat("k", 8192)}},
	"Content-Type": {{"missing", ""}, {"text/plain", "text/plain"}, {"utf-16", "application/json; charset=utf-16"},
		{"garbage", ";;;"}, {"multipart", "multipart/form-data; boundary=x"}, {"problem+json", "application/problem+json"}},
	"Authorization": {{"missing", ""}, {"Bearer alone", "Bearer"}, {"Bearer and a space", "Bearer "},
		{"garbage token", "Bearer garbage"}, {"Basic", "Basic dXNlcjpwYXNz"}, {"lower-case scheme", "bearer TOKEN"},
		{"the other organisation's token", "Bearer OTHER"}, {"token with a byte changed", "Bearer TOKENx"},
		{"8 KB token", "Bearer " + strings.Repeat("a", 8192)}, {"three dots", "Bearer a.b.c"}},
	"X-Operator-Key": {{"missing", ""}, {"wrong", "wrong"}, {"8 KB", strings.Repeat("k", 8192)}},
}

func (g *Generator) mutateHeader(op Operation, r *request) {
	names := []string{"Authorization", "Content-Type"}
	for _, p := range op.Params {
		if p.In == "header" && headerValues[p.Name] != nil {
			names = append(names, p.Name, p.Name)
		}
	}
	if op.Auth == "operator" {
		names = append(names, "X-Operator-Key")
	}
	name := names[g.rng.Intn(len(names))]
	vals := headerValues[name]
	hv := vals[g.rng.Intn(len(vals))]
	r.Mutation = name + ": " + hv.name
	v := strings.NewReplacer("TOKEN", g.env.Orgs[0].Token, "OTHER", g.env.Orgs[1].Token).Replace(hv.v)
	if v == "" && hv.name == "missing" {
		delete(r.Header, name)
		return
	}
	r.Header[name] = v
}

// finish renders the request's target and body.
func (r *request) finish(op Operation) Request {
	target := op.Path
	for name, v := range r.path {
		target = strings.ReplaceAll(target, "{"+name+"}", v)
	}
	q := r.query.Encode()
	rawKeys := make([]string, 0, len(r.raw))
	for k := range r.raw {
		rawKeys = append(rawKeys, k)
	}
	sort.Strings(rawKeys)
	for _, k := range rawKeys {
		if !strings.HasPrefix(k, "?") {
			continue
		}
		part := strings.TrimPrefix(k, "?") + "=" + r.raw[k]
		if k == "?dup" {
			part = r.raw[k]
		}
		if q != "" {
			q += "&"
		}
		q += part
	}
	if q != "" {
		target += "?" + q
	}
	out := r.Request
	out.Target = target
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			panic(fmt.Sprintf("apifuzz: marshal a generated body: %v", err))
		}
		for ph, raw := range r.raw {
			b = bytes.Replace(b, []byte(`"`+ph+`"`), []byte(raw), 1)
		}
		out.Body = b
	}
	out.schema = op.Body
	return out
}

// maxJudged is the largest body Refusal judges against the schema (Roster
// takes up to 64 KB; validating megabytes of generated values is slow).
const maxJudged = 64 << 10

// Refusal says why the request must be refused (any 4xx): its body is
// missing, not UTF-8, not JSON, or breaks the operation's schema in
// docs/openapi.yaml. "" when the document does not say.
func (r Request) Refusal() string {
	if r.schema == nil || r.Header["Content-Type"] != "application/json" {
		return ""
	}
	if len(r.Body) == 0 {
		return "the request body is required"
	}
	if len(r.Body) > maxJudged {
		return "" // refused for its size or not, it must not be a 5xx
	}
	if !utf8.Valid(r.Body) {
		return "the body is not UTF-8"
	}
	var v any
	if err := json.Unmarshal(r.Body, &v); err != nil {
		return "the body is not JSON (" + cut(err.Error(), 80) + ")"
	}
	if err := r.schema.VisitJSON(v); err != nil {
		return "the body breaks the schema: " + cut(strings.ReplaceAll(err.Error(), "\n", " "), 200)
	}
	return ""
}
