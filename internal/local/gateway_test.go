package local

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/roster-app/roster/internal/samtemplate"
)

const gatewayTemplate = `
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Bearer
        Authorizers:
          Bearer:
            FunctionArn: !GetAtt Auth.Arn
            AuthorizerPayloadFormatVersion: "2.0"
            EnableSimpleResponses: true
            Identity: {Headers: [Authorization], ReauthorizeEvery: 30}
  Auth:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: f}
  Items:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: f
      Events:
        Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: GET, Path: "/items/{id}"}}
        Post: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: POST, Path: /items}}
  Public:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: f
      Events:
        Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: GET, Path: /public, Auth: {Authorizer: NONE}}}
`

// fakeFunctions stands in for the function pools: each function is a Go
// func, and every call is recorded.
type fakeFunctions struct {
	mu       sync.Mutex
	calls    []fakeCall
	handlers map[string]func(payload []byte) ([]byte, error)
}

type fakeCall struct {
	function string
	trigger  Trigger
	payload  []byte
}

func (f *fakeFunctions) invoke(ctx context.Context, fn string, trigger Trigger, detail string, payload []byte) ([]byte, Invocation) {
	f.mu.Lock()
	f.calls = append(f.calls, fakeCall{fn, trigger, payload})
	h := f.handlers[fn]
	f.mu.Unlock()
	out, err := h(payload)
	return out, Invocation{Function: fn, Trigger: trigger, Detail: detail, Err: err}
}

func (f *fakeFunctions) callsTo(fn string) []fakeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeCall
	for _, c := range f.calls {
		if c.function == fn {
			out = append(out, c)
		}
	}
	return out
}

// echoResponse answers with the event it got as the JSON body.
func echoResponse(payload []byte) ([]byte, error) {
	return json.Marshal(events.APIGatewayV2HTTPResponse{
		StatusCode: 200,
		Headers:    map[string]string{"Content-Type": "application/json"},
		Body:       string(payload),
	})
}

// testAuthorizer allows "Bearer good", fails on "Bearer error", denies the rest.
func testAuthorizer(payload []byte) ([]byte, error) {
	var req events.APIGatewayV2CustomAuthorizerV2Request
	if err := json.Unmarshal(payload, &req); err != nil {
		return nil, err
	}
	switch req.Headers["authorization"] {
	case "Bearer good", "Bearer other":
		return json.Marshal(events.APIGatewayV2CustomAuthorizerSimpleResponse{IsAuthorized: true, Context: map[string]any{"userId": "u-1"}})
	case "Bearer error":
		return nil, &FunctionError{Type: "errorString", Message: "broken"}
	}
	return []byte(`{"isAuthorized":false}`), nil
}

type gatewayHarness struct {
	tpl   *samtemplate.Template
	gw    *gateway
	fns   *fakeFunctions
	url   string
	clock time.Time
}

func newGatewayHarness(t *testing.T, items func([]byte) ([]byte, error)) *gatewayHarness {
	t.Helper()
	tpl, err := samtemplate.Parse([]byte(gatewayTemplate), samtemplate.Resolver{})
	if err != nil {
		t.Fatal(err)
	}
	h := &gatewayHarness{tpl: tpl, clock: time.Now()}
	h.fns = &fakeFunctions{handlers: map[string]func([]byte) ([]byte, error){
		"Auth":   testAuthorizer,
		"Items":  items,
		"Public": echoResponse,
	}}
	cache := newAuthCache()
	cache.now = func() time.Time { return h.clock }
	h.gw = &gateway{
		api:        tpl.HTTPAPI,
		routes:     newRouteTable(tpl.Routes()),
		invoke:     h.fns.invoke,
		authCache:  cache,
		accountID:  tpl.Resolver.AccountID,
		region:     tpl.Resolver.Region,
		publicPort: "3000",
		logf:       t.Logf,
	}
	srv := httptest.NewServer(h.gw)
	t.Cleanup(srv.Close)
	h.url = srv.URL
	return h
}

func (h *gatewayHarness) do(t *testing.T, method, path string, body []byte, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, h.url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	return resp, got
}

var goodToken = http.Header{"Authorization": {"Bearer good"}}

func TestGatewayBuildsTheEvent(t *testing.T) {
	h := newGatewayHarness(t, echoResponse)
	header := http.Header{
		"Authorization": {"Bearer good"},
		"X-Multi":       {"1", "2"},
		"Cookie":        {"a=1; b=2"},
		"User-Agent":    {"test-agent"},
	}
	before := time.Now()
	resp, body := h.do(t, "GET", "/items/4%202?tag=a&tag=b&q=x%20y", nil, header)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(body, &ev); err != nil {
		t.Fatal(err)
	}
	rc := ev.RequestContext
	checks := []struct {
		name      string
		got, want any
	}{
		{"version", ev.Version, "2.0"},
		{"route key", ev.RouteKey, "GET /items/{id}"},
		{"raw path", ev.RawPath, "/items/4%202"},
		{"raw query string", ev.RawQueryString, "tag=a&tag=b&q=x%20y"},
		{"repeated query parameters are joined", ev.QueryStringParameters["tag"], "a,b"},
		{"query parameters are decoded", ev.QueryStringParameters["q"], "x y"},
		{"path parameters are decoded", ev.PathParameters["id"], "4 2"},
		{"repeated headers are joined", ev.Headers["x-multi"], "1,2"},
		{"header names are lower case", ev.Headers["authorization"], "Bearer good"},
		{"cookies are split out", strings.Join(ev.Cookies, "|"), "a=1|b=2"},
		{"the cookie header is not repeated", ev.Headers["cookie"], ""},
		{"host header", ev.Headers["host"], strings.TrimPrefix(h.url, "http://")},
		{"forwarded for", ev.Headers["x-forwarded-for"], "127.0.0.1"},
		{"stage", rc.Stage, "$default"},
		{"context route key", rc.RouteKey, "GET /items/{id}"},
		{"api id", rc.APIID, h.tpl.HTTPAPI.ID},
		{"account", rc.AccountID, "000000000000"},
		{"method", rc.HTTP.Method, "GET"},
		{"path", rc.HTTP.Path, "/items/4%202"},
		{"protocol", rc.HTTP.Protocol, "HTTP/1.1"},
		{"source ip", rc.HTTP.SourceIP, "127.0.0.1"},
		{"user agent", rc.HTTP.UserAgent, "test-agent"},
		{"request id matches the response header", rc.RequestID, resp.Header.Get("Apigw-Requestid")},
		{"authorizer context", rc.Authorizer.Lambda["userId"], "u-1"},
		{"no body", ev.Body, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if rc.RequestID == "" {
		t.Error("no request id")
	}
	when, err := time.Parse(requestTimeFormat, rc.Time)
	if err != nil || when.Before(before.Add(-time.Second)) || rc.TimeEpoch < before.UnixMilli() {
		t.Errorf("time %q (%v) epoch %d", rc.Time, err, rc.TimeEpoch)
	}
}

func TestGatewayBodies(t *testing.T) {
	h := newGatewayHarness(t, echoResponse)
	binary := []byte{0x89, 'P', 'N', 'G', 0}
	tests := []struct {
		name        string
		contentType string
		body        []byte
		wantBase64  bool
	}{
		{"JSON is text", "application/json; charset=utf-8", []byte(`{"a":1}`), false},
		{"problem JSON is text", "application/problem+json", []byte(`{"a":1}`), false},
		{"a form is text", "application/x-www-form-urlencoded", []byte("a=1&b=2"), false},
		{"plain text is text", "text/csv", []byte("a,b\n1,2\n"), false},
		{"XML is text", "application/xml", []byte("<a/>"), false},
		{"an image is base64", "image/png", binary, true},
		{"a spreadsheet is base64", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", binary, true},
		{"no content type is base64", "", []byte("x"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header := http.Header{"Authorization": {"Bearer good"}}
			if tt.contentType != "" {
				header.Set("Content-Type", tt.contentType)
			}
			resp, body := h.do(t, "POST", "/items", tt.body, header)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			var ev events.APIGatewayV2HTTPRequest
			if err := json.Unmarshal(body, &ev); err != nil {
				t.Fatal(err)
			}
			got := []byte(ev.Body)
			if ev.IsBase64Encoded {
				got, _ = base64.StdEncoding.DecodeString(ev.Body)
			}
			if ev.IsBase64Encoded != tt.wantBase64 || !bytes.Equal(got, tt.body) {
				t.Errorf("isBase64Encoded %v body %q, want %v %q", ev.IsBase64Encoded, got, tt.wantBase64, tt.body)
			}
		})
	}
	t.Run("a body over 10 MB is refused", func(t *testing.T) {
		resp, body := h.do(t, "POST", "/items", bytes.Repeat([]byte("x"), maxRequestBody+1), goodToken)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || string(body) != `{"message":"Request Entity Too Large"}`+"\n" {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
	})
}

func TestGatewayAuthorizer(t *testing.T) {
	t.Run("a missing identity header is refused without running the authorizer", func(t *testing.T) {
		h := newGatewayHarness(t, echoResponse)
		resp, body := h.do(t, "GET", "/items/1", nil, nil)
		if resp.StatusCode != 401 || !strings.Contains(string(body), `"Unauthorized"`) {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
		if n := len(h.fns.callsTo("Auth")); n != 0 {
			t.Errorf("authorizer ran %d times", n)
		}
	})

	t.Run("a denied request gets 403 and never reaches the function", func(t *testing.T) {
		h := newGatewayHarness(t, echoResponse)
		resp, body := h.do(t, "GET", "/items/1", nil, http.Header{"Authorization": {"Bearer bad"}})
		if resp.StatusCode != 403 || !strings.Contains(string(body), `"Forbidden"`) {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
		if n := len(h.fns.callsTo("Items")); n != 0 {
			t.Errorf("function ran %d times", n)
		}
	})

	t.Run("a failing authorizer gives 500", func(t *testing.T) {
		h := newGatewayHarness(t, echoResponse)
		resp, _ := h.do(t, "GET", "/items/1", nil, http.Header{"Authorization": {"Bearer error"}})
		if resp.StatusCode != 500 {
			t.Errorf("status %d", resp.StatusCode)
		}
	})

	t.Run("the authorizer gets the REQUEST event", func(t *testing.T) {
		h := newGatewayHarness(t, echoResponse)
		h.do(t, "GET", "/items/7?x=1", nil, goodToken)
		calls := h.fns.callsTo("Auth")
		if len(calls) != 1 || calls[0].trigger != TriggerAuthorizer {
			t.Fatalf("calls %+v", calls)
		}
		var req events.APIGatewayV2CustomAuthorizerV2Request
		if err := json.Unmarshal(calls[0].payload, &req); err != nil {
			t.Fatal(err)
		}
		wantARN := "arn:aws:execute-api:us-east-1:000000000000:" + h.tpl.HTTPAPI.ID + "/$default/GET/items/7"
		if req.Version != "2.0" || req.Type != "REQUEST" || req.RouteArn != wantARN || req.RouteKey != "GET /items/{id}" {
			t.Errorf("request %+v", req)
		}
		if !slices.Equal(req.IdentitySource, []string{"Bearer good"}) || req.PathParameters["id"] != "7" || req.RawQueryString != "x=1" {
			t.Errorf("identity %v path %v query %q", req.IdentitySource, req.PathParameters, req.RawQueryString)
		}
	})

	t.Run("decisions are cached per identity for ReauthorizeEvery", func(t *testing.T) {
		h := newGatewayHarness(t, echoResponse)
		steps := []struct {
			name    string
			token   string
			advance time.Duration
			want    int
		}{
			{"first request", "Bearer good", 0, 1},
			{"same token within the TTL", "Bearer good", 10 * time.Second, 1},
			{"another token", "Bearer other", 0, 2},
			{"same token after the TTL", "Bearer good", 25 * time.Second, 3},
		}
		for _, s := range steps {
			h.clock = h.clock.Add(s.advance)
			if resp, _ := h.do(t, "GET", "/items/1", nil, http.Header{"Authorization": {s.token}}); resp.StatusCode != 200 {
				t.Fatalf("%s: status %d", s.name, resp.StatusCode)
			}
			if n := len(h.fns.callsTo("Auth")); n != s.want {
				t.Errorf("%s: authorizer ran %d times, want %d", s.name, n, s.want)
			}
		}
	})

	t.Run("a public route skips the authorizer", func(t *testing.T) {
		h := newGatewayHarness(t, echoResponse)
		resp, body := h.do(t, "GET", "/public", nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
		var ev events.APIGatewayV2HTTPRequest
		_ = json.Unmarshal(body, &ev)
		if ev.RequestContext.Authorizer != nil || len(h.fns.callsTo("Auth")) != 0 {
			t.Errorf("authorizer involved in a public route: %+v", ev.RequestContext.Authorizer)
		}
	})
}

func TestGatewayResponses(t *testing.T) {
	tests := []struct {
		name       string
		answer     func([]byte) ([]byte, error)
		wantStatus int
		wantBody   string
		check      func(t *testing.T, resp *http.Response)
	}{
		{
			name: "a structured response with cookies and headers",
			answer: func([]byte) ([]byte, error) {
				return []byte(`{"statusCode":201,"headers":{"Location":"/items/1","Content-Type":"application/json"},
					"multiValueHeaders":{"X-Many":["a","b"]},"cookies":["s=1; HttpOnly","t=2"],"body":"{\"id\":1}"}`), nil
			},
			wantStatus: 201,
			wantBody:   `{"id":1}`,
			check: func(t *testing.T, resp *http.Response) {
				if resp.Header.Get("Location") != "/items/1" || !slices.Equal(resp.Header.Values("X-Many"), []string{"a", "b"}) {
					t.Errorf("headers %v", resp.Header)
				}
				if !slices.Equal(resp.Header.Values("Set-Cookie"), []string{"s=1; HttpOnly", "t=2"}) {
					t.Errorf("Set-Cookie %v", resp.Header.Values("Set-Cookie"))
				}
			},
		},
		{
			name: "a base64 body is decoded",
			answer: func([]byte) ([]byte, error) {
				return []byte(`{"statusCode":200,"headers":{"Content-Type":"application/octet-stream"},"isBase64Encoded":true,"body":"AAEC/w=="}`), nil
			},
			wantStatus: 200,
			wantBody:   "\x00\x01\x02\xff",
		},
		{
			name:       "JSON without statusCode is a 200 JSON body",
			answer:     func([]byte) ([]byte, error) { return []byte(`{"hello":"world"}`), nil },
			wantStatus: 200,
			wantBody:   `{"hello":"world"}`,
			check: func(t *testing.T, resp *http.Response) {
				if resp.Header.Get("Content-Type") != "application/json" {
					t.Errorf("content type %q", resp.Header.Get("Content-Type"))
				}
			},
		},
		{
			name:       "a payload that is not JSON is a 500",
			answer:     func([]byte) ([]byte, error) { return []byte(`hello`), nil },
			wantStatus: 500,
			wantBody:   `{"message":"Internal Server Error"}` + "\n",
		},
		{
			name:       "a function error is a 500",
			answer:     func([]byte) ([]byte, error) { return nil, &FunctionError{Type: "errorString", Message: "boom"} },
			wantStatus: 500,
			wantBody:   `{"message":"Internal Server Error"}` + "\n",
		},
		{
			name:       "a timeout is a 503",
			answer:     func([]byte) ([]byte, error) { return nil, ErrTimeout },
			wantStatus: 503,
			wantBody:   `{"message":"Service Unavailable"}` + "\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newGatewayHarness(t, tt.answer)
			resp, body := h.do(t, "GET", "/items/1", nil, goodToken)
			if resp.StatusCode != tt.wantStatus || string(body) != tt.wantBody {
				t.Errorf("status %d body %q, want %d %q", resp.StatusCode, body, tt.wantStatus, tt.wantBody)
			}
			if resp.Header.Get("Apigw-Requestid") == "" {
				t.Error("no apigw-requestid header")
			}
			if tt.check != nil {
				tt.check(t, resp)
			}
		})
	}
}

func TestGatewayNotFoundAndShutdown(t *testing.T) {
	h := newGatewayHarness(t, echoResponse)
	t.Run("an unknown route is API Gateway's 404", func(t *testing.T) {
		resp, body := h.do(t, "GET", "/nope", nil, goodToken)
		if resp.StatusCode != 404 || string(body) != `{"message":"Not Found"}`+"\n" || resp.Header.Get("Apigw-Requestid") == "" {
			t.Errorf("status %d body %s", resp.StatusCode, body)
		}
	})
	t.Run("a draining gateway refuses new requests", func(t *testing.T) {
		if err := h.gw.drain(context.Background()); err != nil {
			t.Fatal(err)
		}
		resp, _ := h.do(t, "GET", "/public", nil, nil)
		if resp.StatusCode != 503 {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
}

func TestDecodeFunctionResponseRejectsBadShapes(t *testing.T) {
	for _, payload := range []string{`{"statusCode":"200"}`, `{"statusCode":42}`, `{"statusCode":200,"isBase64Encoded":true,"body":"%%%"}`} {
		if _, err := decodeFunctionResponse([]byte(payload)); !errors.Is(err, errMalformedResponse) {
			t.Errorf("%s: err = %v, want errMalformedResponse", payload, err)
		}
	}
}
