package local

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// The translation between HTTP and API Gateway's payload format 2.0, in
// both directions.
// Reference: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html

// apiRequest is what the gateway knows about a request once it has matched
// a route and read the body.
type apiRequest struct {
	r          *http.Request
	body       []byte
	route      *apiRoute
	pathParams map[string]string
	requestID  string
	received   time.Time
}

// requestTimeFormat is API Gateway's requestContext.time layout.
const requestTimeFormat = "02/Jan/2006:15:04:05 -0700"

// httpEvent builds the event API Gateway sends to a route's function.
func (g *gateway) httpEvent(req *apiRequest) events.APIGatewayV2HTTPRequest {
	r := req.r
	headers, cookies := eventHeaders(r, g.publicPort)
	ev := events.APIGatewayV2HTTPRequest{
		Version:               "2.0",
		RouteKey:              req.route.Key(),
		RawPath:               r.URL.EscapedPath(),
		RawQueryString:        r.URL.RawQuery,
		Cookies:               cookies,
		Headers:               headers,
		QueryStringParameters: queryParameters(r.URL.RawQuery),
		PathParameters:        req.pathParams,
		RequestContext:        g.requestContext(req),
	}
	if len(req.body) > 0 {
		if isTextContent(r.Header.Get("Content-Type")) {
			ev.Body = string(req.body)
		} else {
			ev.Body = base64.StdEncoding.EncodeToString(req.body)
			ev.IsBase64Encoded = true
		}
	}
	return ev
}

func (g *gateway) requestContext(req *apiRequest) events.APIGatewayV2HTTPRequestContext {
	r := req.r
	host := r.Host
	prefix, _, _ := strings.Cut(host, ".")
	sourceIP, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		sourceIP = r.RemoteAddr
	}
	return events.APIGatewayV2HTTPRequestContext{
		RouteKey:     req.route.Key(),
		AccountID:    g.accountID,
		Stage:        "$default",
		RequestID:    req.requestID,
		APIID:        g.api.ID,
		DomainName:   host,
		DomainPrefix: prefix,
		Time:         req.received.UTC().Format(requestTimeFormat),
		TimeEpoch:    req.received.UnixMilli(),
		HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{
			Method:    r.Method,
			Path:      r.URL.EscapedPath(),
			Protocol:  r.Proto,
			SourceIP:  sourceIP,
			UserAgent: r.UserAgent(),
		},
	}
}

// eventHeaders lower-cases header names and joins repeated headers with
// commas, as API Gateway does; cookies travel separately, one per entry.
// The forwarding headers are the ones API Gateway adds in front of Lambda.
func eventHeaders(r *http.Request, port string) (map[string]string, []string) {
	headers := map[string]string{}
	var cookies []string
	for name, values := range r.Header {
		lower := strings.ToLower(name)
		if lower == "cookie" {
			for _, v := range values {
				for _, c := range strings.Split(v, ";") {
					if c = strings.TrimSpace(c); c != "" {
						cookies = append(cookies, c)
					}
				}
			}
			continue
		}
		headers[lower] = strings.Join(values, ",")
	}
	headers["host"] = r.Host
	sourceIP, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		sourceIP = r.RemoteAddr
	}
	if prior := headers["x-forwarded-for"]; prior != "" {
		headers["x-forwarded-for"] = prior + ", " + sourceIP
	} else {
		headers["x-forwarded-for"] = sourceIP
	}
	headers["x-forwarded-proto"] = "http"
	headers["x-forwarded-port"] = port
	headers["x-amzn-trace-id"] = strings.SplitN(traceID(), ";", 2)[0]
	if headers["content-length"] == "" && r.ContentLength > 0 {
		headers["content-length"] = strconv.FormatInt(r.ContentLength, 10)
	}
	return headers, cookies
}

// queryParameters decodes the query string; a parameter given more than
// once has its values joined with commas.
func queryParameters(raw string) map[string]string {
	if raw == "" {
		return nil
	}
	values, _ := url.ParseQuery(raw) // like API Gateway, keep what parses
	if len(values) == 0 {
		return nil
	}
	out := make(map[string]string, len(values))
	for k, v := range values {
		out[k] = strings.Join(v, ",")
	}
	return out
}

// isTextContent says whether API Gateway passes a body as text; any other
// body arrives base64-encoded with isBase64Encoded set.
func isTextContent(contentType string) bool {
	if contentType == "" {
		return false
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "text/"),
		mt == "application/json",
		strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"),
		mt == "application/xml",
		mt == "application/x-www-form-urlencoded":
		return true
	}
	return false
}

// apiResponse is a function's answer turned into HTTP.
type apiResponse struct {
	status  int
	headers http.Header
	body    []byte
}

var errMalformedResponse = errors.New("malformed Lambda proxy response")

// decodeFunctionResponse interprets a function's payload as API Gateway
// does for format 2.0: an object with statusCode is a structured response;
// any other valid JSON is the body of a 200 application/json response.
func decodeFunctionResponse(payload []byte) (*apiResponse, error) {
	trimmed := bytes.TrimSpace(payload)
	if !json.Valid(trimmed) {
		return nil, fmt.Errorf("%w: not JSON", errMalformedResponse)
	}
	var probe map[string]json.RawMessage
	if trimmed[0] != '{' || json.Unmarshal(trimmed, &probe) != nil || probe["statusCode"] == nil {
		return &apiResponse{
			status:  http.StatusOK,
			headers: http.Header{"Content-Type": {"application/json"}},
			body:    trimmed,
		}, nil
	}
	var fr events.APIGatewayV2HTTPResponse
	if err := json.Unmarshal(trimmed, &fr); err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformedResponse, err)
	}
	if fr.StatusCode < 100 || fr.StatusCode > 599 {
		return nil, fmt.Errorf("%w: statusCode %d", errMalformedResponse, fr.StatusCode)
	}
	resp := &apiResponse{status: fr.StatusCode, headers: http.Header{}}
	for k, vs := range fr.MultiValueHeaders {
		for _, v := range vs {
			resp.headers.Add(k, v)
		}
	}
	// Sorted so that a header given in both maps ends up the same every time.
	names := make([]string, 0, len(fr.Headers))
	for k := range fr.Headers {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		resp.headers.Set(k, fr.Headers[k])
	}
	for _, c := range fr.Cookies {
		resp.headers.Add("Set-Cookie", c)
	}
	// The server computes framing headers for what it actually sends.
	resp.headers.Del("Content-Length")
	resp.headers.Del("Transfer-Encoding")
	resp.headers.Del("Connection")
	if fr.IsBase64Encoded {
		body, err := base64.StdEncoding.DecodeString(fr.Body)
		if err != nil {
			return nil, fmt.Errorf("%w: isBase64Encoded body: %v", errMalformedResponse, err)
		}
		resp.body = body
	} else {
		resp.body = []byte(fr.Body)
	}
	return resp, nil
}
