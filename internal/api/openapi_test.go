package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/samtemplate"
)

// spec is docs/openapi.yaml, loaded and validated once per test binary.
type spec struct {
	doc *openapi3.T
}

func loadSpec(t testing.TB) *spec {
	t.Helper()
	path := filepath.Join(filepath.Dir(dynamotest.TemplatePath(t)), "docs", "openapi.yaml")
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("%s is not a valid OpenAPI document: %v", path, err)
	}
	return &spec{doc: doc}
}

// checkResponse fails the test unless resp is a response the document allows
// for the route ("POST /auth/login"): status, content type, headers and body
// schema.
func (s *spec) checkResponse(t *testing.T, routeKey string, resp events.APIGatewayV2HTTPResponse) {
	t.Helper()
	if err := s.validate(routeKey, resp); err != nil {
		t.Fatalf("%s answered %d, which docs/openapi.yaml does not allow: %v\nbody: %s", routeKey, resp.StatusCode, err, resp.Body)
	}
}

func (s *spec) validate(routeKey string, resp events.APIGatewayV2HTTPResponse) error {
	method, path, _ := strings.Cut(routeKey, " ")
	item := s.doc.Paths.Find(path)
	if item == nil || item.GetOperation(method) == nil {
		return fmt.Errorf("docs/openapi.yaml has no operation %s", routeKey)
	}
	req := httptest.NewRequest(method, path, nil)
	header := http.Header{}
	for k, v := range resp.Headers {
		header.Set(k, v)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: req,
			Route:   &routers.Route{Spec: s.doc, Path: path, PathItem: item, Method: method, Operation: item.GetOperation(method)},
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
		},
		Status:  resp.StatusCode,
		Header:  header,
		Body:    io.NopCloser(strings.NewReader(resp.Body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	return openapi3filter.ValidateResponse(context.Background(), in)
}

// TestSpecCatchesDrift shows the validator is not a rubber stamp.
func TestSpecCatchesDrift(t *testing.T) {
	s := loadSpec(t)
	jsonResp := func(status int, body string) events.APIGatewayV2HTTPResponse {
		return events.APIGatewayV2HTTPResponse{StatusCode: status, Headers: map[string]string{"Content-Type": "application/json"}, Body: body}
	}
	good := `{"accessToken":"a","refreshToken":"r","expiresIn":900,"tokenType":"Bearer"}`
	if err := s.validate("POST /auth/login", jsonResp(200, good)); err != nil {
		t.Fatalf("a documented response was refused: %v", err)
	}
	for name, resp := range map[string]events.APIGatewayV2HTTPResponse{
		"an undocumented status":     jsonResp(418, good),
		"an undocumented field":      jsonResp(200, strings.TrimSuffix(good, "}")+`,"extra":1}`),
		"a missing required field":   jsonResp(200, `{"accessToken":"a"}`),
		"a field of the wrong type":  jsonResp(200, strings.Replace(good, "900", `"900"`, 1)),
		"a problem without its code": {StatusCode: 401, Headers: map[string]string{"Content-Type": "application/problem+json"}, Body: `{"type":"t","title":"t","status":401,"detail":"d"}`},
	} {
		if err := s.validate("POST /auth/login", resp); err == nil {
			t.Errorf("%s passed validation", name)
		}
	}
	if err := s.validate("GET /nowhere", jsonResp(200, "{}")); err == nil {
		t.Error("an undocumented route passed validation")
	}
}

// TestOpenAPIMatchesTemplate keeps docs/openapi.yaml and template.yaml's
// routes equal, in both directions.
func TestOpenAPIMatchesTemplate(t *testing.T) {
	s := loadSpec(t)
	tmpl, err := samtemplate.ParseFile(dynamotest.TemplatePath(t), samtemplate.Resolver{})
	if err != nil {
		t.Fatal(err)
	}
	inTemplate := map[string]bool{}
	for _, r := range tmpl.Routes() {
		inTemplate[r.Route.Key()] = true
	}
	inSpec := map[string]bool{}
	for path, item := range s.doc.Paths.Map() {
		for method := range item.Operations() {
			inSpec[method+" "+path] = true
		}
	}
	if missing := difference(inTemplate, inSpec); len(missing) > 0 {
		t.Errorf("routes in template.yaml but not in docs/openapi.yaml: %v", missing)
	}
	if extra := difference(inSpec, inTemplate); len(extra) > 0 {
		t.Errorf("routes in docs/openapi.yaml but not in template.yaml: %v", extra)
	}
	if len(inTemplate) == 0 {
		t.Fatal("the template has no routes; the reader is broken")
	}
}

func difference(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// TestSecuredOperationsListTheGatewaysAnswers: every route behind the
// authorizer in template.yaml is an operation secured by the bearer token
// in docs/openapi.yaml that lists API Gateway's own 401 and 403 (and, where
// it has a 404, the one that covers the gateway's), and every public route
// says it needs no token.
func TestSecuredOperationsListTheGatewaysAnswers(t *testing.T) {
	s := loadSpec(t)
	tmpl, err := samtemplate.ParseFile(dynamotest.TemplatePath(t), samtemplate.Resolver{})
	if err != nil {
		t.Fatal(err)
	}
	const refs = "#/components/responses/"
	secured := 0
	for _, r := range tmpl.Routes() {
		item := s.doc.Paths.Find(r.Route.Path)
		if item == nil || item.GetOperation(r.Route.Method) == nil {
			t.Errorf("%s is not in docs/openapi.yaml", r.Route.Key())
			continue
		}
		op := item.GetOperation(r.Route.Method)
		security := s.doc.Security
		if op.Security != nil {
			security = *op.Security
		}
		bearer := slices.ContainsFunc(security, func(req openapi3.SecurityRequirement) bool { _, ok := req["bearer"]; return ok })
		if r.Route.AuthNone {
			if bearer {
				t.Errorf("%s is public in template.yaml but needs a bearer token in docs/openapi.yaml", r.Route.Key())
			}
			continue
		}
		secured++
		if !bearer {
			t.Errorf("%s is behind the authorizer but docs/openapi.yaml does not say it needs a bearer token", r.Route.Key())
		}
		for code, want := range map[string]string{"401": "Unauthorized", "403": "Forbidden"} {
			if resp := op.Responses.Value(code); resp == nil || resp.Ref != refs+want {
				t.Errorf("%s: %s should be $ref %s%s, the gateway's answer", r.Route.Key(), code, refs, want)
			}
		}
		if resp := op.Responses.Value("404"); resp != nil && resp.Ref != refs+"NotFound" {
			t.Errorf("%s: 404 should be $ref %sNotFound, which covers the gateway's", r.Route.Key(), refs)
		}
		for status, body := range map[int]string{401: `{"message":"Unauthorized"}`, 403: `{"message":"Forbidden"}`} {
			resp := events.APIGatewayV2HTTPResponse{StatusCode: status, Headers: map[string]string{"Content-Type": "application/json"}, Body: body}
			if err := s.validate(r.Route.Key(), resp); err != nil {
				t.Errorf("%s: the gateway's %d %s is refused: %v", r.Route.Key(), status, body, err)
			}
		}
	}
	if secured < 10 {
		t.Fatalf("only %d routes behind the authorizer; the template reader is broken", secured)
	}
	gateway403 := events.APIGatewayV2HTTPResponse{StatusCode: 403, Headers: map[string]string{"Content-Type": "application/json"}, Body: `{"message":"Unauthorized"}`}
	if err := s.validate("GET /me", gateway403); err == nil {
		t.Error("a 403 with the 401's message passed validation")
	}
}
