package local

import (
	"net/url"
	"sort"
	"strings"

	"github.com/roster-app/roster/internal/samtemplate"
)

// routeTable picks the route for a request the way API Gateway HTTP APIs
// do: a full match (literal segments, then {param} segments) beats a greedy
// {proxy+} match, a method beats ANY, and $default catches the rest.
type routeTable struct {
	routes       []*apiRoute // most specific first
	defaultRoute *apiRoute
}

type apiRoute struct {
	samtemplate.Route
	function string // logical id
	segments []routeSegment
}

type segmentKind int

// Ordered from most to least specific.
const (
	literalSegment segmentKind = iota
	paramSegment
	greedySegment
)

type routeSegment struct {
	kind  segmentKind
	value string // the literal, or the parameter name
}

func newRouteTable(routes []samtemplate.FunctionRoute) *routeTable {
	t := &routeTable{}
	for _, fr := range routes {
		r := &apiRoute{Route: fr.Route, function: fr.Function.LogicalID}
		if r.Path == "$default" {
			t.defaultRoute = r
			continue
		}
		for _, s := range strings.Split(strings.TrimPrefix(r.Path, "/"), "/") {
			switch {
			case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "+}"):
				r.segments = append(r.segments, routeSegment{greedySegment, s[1 : len(s)-2]})
			case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}"):
				r.segments = append(r.segments, routeSegment{paramSegment, s[1 : len(s)-1]})
			default:
				r.segments = append(r.segments, routeSegment{literalSegment, s})
			}
		}
		t.routes = append(t.routes, r)
	}
	sort.SliceStable(t.routes, func(i, j int) bool { return moreSpecific(t.routes[i], t.routes[j]) })
	return t
}

func (r *apiRoute) greedy() bool {
	return len(r.segments) > 0 && r.segments[len(r.segments)-1].kind == greedySegment
}

func moreSpecific(a, b *apiRoute) bool {
	if a.greedy() != b.greedy() {
		return !a.greedy()
	}
	for i := 0; i < len(a.segments) && i < len(b.segments); i++ {
		if a.segments[i].kind != b.segments[i].kind {
			return a.segments[i].kind < b.segments[i].kind
		}
	}
	if len(a.segments) != len(b.segments) {
		return len(a.segments) > len(b.segments)
	}
	return a.Method != "ANY" && b.Method == "ANY"
}

// match finds the route for a request. escapedPath is the path as sent;
// segments are decoded one by one, so an encoded slash stays inside its
// segment, and path parameters reach the function decoded, as API Gateway
// decodes them.
func (t *routeTable) match(method, escapedPath string) (*apiRoute, map[string]string) {
	parts := strings.Split(strings.TrimPrefix(escapedPath, "/"), "/")
	decoded := make([]string, len(parts))
	for i, p := range parts {
		d, err := url.PathUnescape(p)
		if err != nil {
			d = p
		}
		decoded[i] = d
	}
	for _, r := range t.routes {
		if r.Method != "ANY" && r.Method != method {
			continue
		}
		if params, ok := r.matchPath(decoded); ok {
			return r, params
		}
	}
	return t.defaultRoute, nil
}

func (r *apiRoute) matchPath(parts []string) (map[string]string, bool) {
	var params map[string]string
	set := func(k, v string) {
		if params == nil {
			params = map[string]string{}
		}
		params[k] = v
	}
	for i, seg := range r.segments {
		if seg.kind == greedySegment {
			rest := strings.Join(parts[i:], "/")
			if i >= len(parts) || rest == "" {
				return nil, false
			}
			set(seg.value, rest)
			return params, true
		}
		if i >= len(parts) {
			return nil, false
		}
		switch seg.kind {
		case literalSegment:
			if parts[i] != seg.value {
				return nil, false
			}
		case paramSegment:
			if parts[i] == "" {
				return nil, false
			}
			set(seg.value, parts[i])
		}
	}
	if len(parts) != len(r.segments) {
		return nil, false
	}
	return params, true
}
