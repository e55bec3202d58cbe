package apifuzz

import (
	"encoding/json"
	"strings"
)

// learnedCap bounds each pool of learned values.
const learnedCap = 32

// Learn remembers a value an answer showed organisation org: an id of a
// kind ("groups", "users", ...) or a cursor (kind "cursor"). Mutations then
// send real ids and cursors where they do not belong: the other
// organisation's, another kind's, another list's. What is learned depends
// on the answers, so a replay with the same seed is exact only against a
// fresh stack.
func (g *Generator) Learn(org int, kind, value string) {
	if value == "" || len(value) > 512 {
		return
	}
	if g.learned == nil {
		g.learned = map[string]*[2][]string{}
	}
	pool := g.learned[kind]
	if pool == nil {
		pool = &[2][]string{}
		g.learned[kind] = pool
		g.learnedKinds = append(g.learnedKinds, kind)
	}
	for _, v := range pool[org] {
		if v == value {
			return
		}
	}
	if len(pool[org]) < learnedCap {
		pool[org] = append(pool[org], value)
		return
	}
	pool[org][len(value)%learnedCap] = value
}

// learnedValue is a value learned for org of kind ("" for any kind), and
// whether there was one.
func (g *Generator) learnedValue(org int, kind string) (string, bool) {
	if kind == "" && len(g.learnedKinds) > 0 {
		kind = g.learnedKinds[g.rng.Intn(len(g.learnedKinds))]
	}
	pool := g.learned[kind]
	if pool == nil || len(pool[org]) == 0 {
		return "", false
	}
	return pool[org][g.rng.Intn(len(pool[org]))], true
}

// LearnFrom takes the ids and cursors out of an answer to route (a route
// key, "POST /groups") seen by organisation org.
func (g *Generator) LearnFrom(org int, route string, body []byte) {
	var v any
	if len(body) == 0 || len(body) > 1<<20 || json.Unmarshal(body, &v) != nil {
		return
	}
	_, path, _ := strings.Cut(route, " ")
	g.walk(org, pathKind(path), v)
}

func (g *Generator) walk(org int, kind string, v any) {
	switch v := v.(type) {
	case map[string]any:
		if v["current"] == true {
			// The caller's own session (GET /me/sessions): ending it
			// would sign the fuzzer out, which no answer may do.
			kind = ""
		}
		for k, x := range v {
			s, isString := x.(string)
			switch {
			case !isString:
				g.walk(org, kind, x)
			case k == "id" && kind != "":
				g.Learn(org, kind, s)
			case k == "nextCursor":
				g.Learn(org, "cursor", s)
			case fieldIDKinds[strings.ToLower(k)] != "":
				g.Learn(org, fieldIDKinds[strings.ToLower(k)], s)
			}
		}
	case []any:
		for _, x := range v {
			g.walk(org, kind, x)
		}
	}
}

// pathKind is the kind of the objects a path lists or names: its segments
// before the first parameter ("/contacts/imports/{id}/apply" →
// "contacts/imports"); /me is a user.
func pathKind(path string) string {
	path, _, _ = strings.Cut(path, "?")
	if path == "/me" {
		return "users"
	}
	before, _, _ := strings.Cut(path, "/{")
	return strings.TrimPrefix(before, "/")
}
