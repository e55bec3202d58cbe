// Package apifuzz sends every route of docs/openapi.yaml malformed,
// wrong-typed, null, huge, deeply nested, invalid-UTF-8 and boundary input
// (bodies, path and query parameters, headers) and judges each answer: no
// 5xx, every 4xx Roster sends is an RFC 9457 problem with a code, and after
// every request well-formed reads of two organisations still answer 200.
//
// The generator (Generator) is plain Go without I/O: a seeded RNG and the
// document give the same sequence of requests every time, so a failure is
// reproduced by the seed and the request's index. The runner (Runner) sends
// them to one running stack over HTTP.
package apifuzz

import (
	"fmt"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Operation is one route of the document, with what the generator needs.
type Operation struct {
	Method string // GET, POST, ...
	Path   string // the template, /groups/{id}
	// Kind names the objects the path's parameter refers to: the path's
	// segments before the first parameter ("groups", "contacts/imports").
	Kind   string
	Params []*openapi3.Parameter // path, query and header parameters
	Body   *openapi3.Schema      // nil when the operation takes no JSON body
	// Auth is "bearer", "operator" or "" (none), from the operation's security.
	Auth string
}

// Key is the route key, "POST /groups".
func (o Operation) Key() string { return o.Method + " " + o.Path }

// Load reads and validates an OpenAPI document and lists its operations in
// a stable order.
func Load(path string) ([]Operation, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("%s is not a valid OpenAPI document: %w", path, err)
	}
	return Operations(doc), nil
}

// Operations lists the document's operations, sorted by route key.
func Operations(doc *openapi3.T) []Operation {
	var ops []Operation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			o := Operation{Method: method, Path: path, Kind: kindOf(path), Auth: authOf(doc, op)}
			for _, p := range append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...) {
				if p != nil && p.Value != nil {
					o.Params = append(o.Params, p.Value)
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
					o.Body = mt.Schema.Value
				}
			}
			ops = append(ops, o)
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].Key() < ops[j].Key() })
	return ops
}

func kindOf(path string) string {
	before, _, found := strings.Cut(path, "/{")
	if !found {
		return ""
	}
	return strings.TrimPrefix(before, "/")
}

func authOf(doc *openapi3.T, op *openapi3.Operation) string {
	sec := doc.Security
	if op.Security != nil {
		sec = *op.Security
	}
	for _, req := range sec {
		if _, ok := req["operatorKey"]; ok {
			return "operator"
		}
		if _, ok := req["bearer"]; ok {
			return "bearer"
		}
	}
	return ""
}
