package local

import (
	"maps"
	"strings"
	"testing"

	"github.com/roster-app/roster/internal/samtemplate"
)

func routesFor(keys map[string]string) *routeTable {
	var routes []samtemplate.FunctionRoute
	for fn, key := range keys {
		r := samtemplate.Route{Path: "$default"}
		if key != "$default" {
			method, path, _ := strings.Cut(key, " ")
			r = samtemplate.Route{Method: method, Path: path}
		}
		routes = append(routes, samtemplate.FunctionRoute{Function: &samtemplate.Function{LogicalID: fn}, Route: r})
	}
	return newRouteTable(routes)
}

func TestRouteMatching(t *testing.T) {
	// The example from API Gateway's documentation, plus the cases around it.
	table := routesFor(map[string]string{
		"Exact":     "GET /pets/dog/1",
		"Param":     "GET /pets/dog/{id}",
		"PetsProxy": "GET /pets/{proxy+}",
		"AnyProxy":  "ANY /{proxy+}",
		"Root":      "GET /",
		"AnyOrders": "ANY /orders",
		"GetOrders": "GET /orders",
		"Nested":    "GET /orgs/{orgId}/users/{userId}",
	})
	tests := []struct {
		name, method, path string
		want               string
		params             map[string]string
	}{
		{"an exact path beats a parameter", "GET", "/pets/dog/1", "Exact", nil},
		{"a parameter beats a greedy variable", "GET", "/pets/dog/2", "Param", map[string]string{"id": "2"}},
		{"a greedy variable takes the rest of the path", "GET", "/pets/cat/1", "PetsProxy", map[string]string{"proxy": "cat/1"}},
		{"a method mismatch falls through to ANY", "POST", "/pets/cat/1", "AnyProxy", map[string]string{"proxy": "pets/cat/1"}},
		{"a method beats ANY on the same path", "GET", "/orders", "GetOrders", nil},
		{"ANY takes the other methods", "DELETE", "/orders", "AnyOrders", nil},
		{"the root path", "GET", "/", "Root", nil},
		{"several parameters", "GET", "/orgs/o-1/users/u-2", "Nested", map[string]string{"orgId": "o-1", "userId": "u-2"}},
		{"parameters are decoded", "GET", "/orgs/a%20b/users/c%2Fd", "Nested", map[string]string{"orgId": "a b", "userId": "c/d"}},
		{"a greedy variable needs at least one segment", "GET", "/pets/", "AnyProxy", map[string]string{"proxy": "pets/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, params := table.match(tt.method, tt.path)
			if r == nil {
				t.Fatalf("no route for %s %s", tt.method, tt.path)
			}
			if r.function != tt.want || !maps.Equal(params, tt.params) {
				t.Errorf("matched %s %v, want %s %v", r.function, params, tt.want, tt.params)
			}
		})
	}
}

func TestRouteMatchingWithoutCatchAll(t *testing.T) {
	table := routesFor(map[string]string{"Me": "GET /me", "Item": "GET /items/{id}"})
	tests := []struct{ name, method, path string }{
		{"an unknown path", "GET", "/nope"},
		{"a known path with another method", "POST", "/me"},
		{"a trailing slash is another path", "GET", "/me/"},
		{"an empty parameter does not match", "GET", "/items/"},
		{"an extra segment does not match", "GET", "/items/1/2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r, _ := table.match(tt.method, tt.path); r != nil {
				t.Errorf("%s %s matched %s", tt.method, tt.path, r.function)
			}
		})
	}
	t.Run("$default catches what nothing else does", func(t *testing.T) {
		table := routesFor(map[string]string{"Me": "GET /me", "Fallback": "$default"})
		if r, _ := table.match("GET", "/nope"); r == nil || r.function != "Fallback" || r.Key() != "$default" {
			t.Errorf("matched %+v", r)
		}
	})
}
