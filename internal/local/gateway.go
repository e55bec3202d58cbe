package local

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/roster-app/roster/internal/local/dynamolocal"
	"github.com/roster-app/roster/internal/samtemplate"
)

// maxRequestBody is API Gateway's payload limit for HTTP APIs.
const maxRequestBody = 10 << 20

// invokeFunc runs a function of the stack by logical id.
type invokeFunc func(ctx context.Context, function string, trigger Trigger, detail string, payload []byte) ([]byte, Invocation)

// gateway is the HTTP API: it matches routes, runs authorizers, and turns
// requests into the events API Gateway sends and responses back into HTTP.
type gateway struct {
	api        *samtemplate.HTTPAPI
	routes     *routeTable
	invoke     invokeFunc
	authCache  *authCache
	accountID  string
	region     string
	publicPort string
	logf       func(format string, args ...any)
	usage      *usageMeter

	// In-flight requests, so shutdown can let them finish; once closing,
	// new requests get 503 while function calls to the emulators on the
	// same port keep working.
	mu       sync.Mutex
	closing  bool
	inflight sync.WaitGroup
}

func (g *gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	requestID := apigwRequestID()
	w.Header().Set("Apigw-Requestid", requestID)
	// Every invocation this request starts adds its DynamoDB usage to
	// tally, which the response reports in X-Roster-Db.
	tally := &dynamolocal.Tally{}
	r = r.WithContext(withTally(r.Context(), tally))
	w = &dbHeaderWriter{ResponseWriter: w, tally: tally}
	status, function, problem := g.serve(w, r, requestID, start)
	if g.usage != nil {
		route := "(no route)"
		if rt, _ := g.routes.match(r.Method, r.URL.EscapedPath()); rt != nil {
			route = rt.Key()
		}
		g.usage.addRoute(route, tally.Usage())
	}
	line := fmt.Sprintf("%s %s %d %s %dms", r.Method, r.URL.EscapedPath(), status, function, time.Since(start).Milliseconds())
	if problem != nil {
		line += " (" + problem.Error() + ")"
	}
	g.logf("%s", line)
}

// serve answers one request and reports the status, the function that
// served it ("-" when none did) and, for failures, why.
func (g *gateway) serve(w http.ResponseWriter, r *http.Request, requestID string, received time.Time) (int, string, error) {
	if !g.enter() {
		return writeMessage(w, http.StatusServiceUnavailable, "Service Unavailable"), "-", errStopping
	}
	defer g.inflight.Done()

	route, params := g.routes.match(r.Method, r.URL.EscapedPath())
	if route == nil {
		return writeMessage(w, http.StatusNotFound, "Not Found"), "-", nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	if err != nil {
		return writeMessage(w, http.StatusBadRequest, "Bad Request"), route.function, fmt.Errorf("read body: %w", err)
	}
	if len(body) > maxRequestBody {
		return writeMessage(w, http.StatusRequestEntityTooLarge, "Request Entity Too Large"), route.function, nil
	}
	req := &apiRequest{r: r, body: body, route: route, pathParams: params, requestID: requestID, received: received}
	ev := g.httpEvent(req)

	if a := g.authorizerFor(route); a != nil {
		authContext, fail := g.authorize(r.Context(), a, req, &ev)
		if fail != nil {
			return writeMessage(w, fail.status, fail.message), route.function, nil
		}
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: authContext}
	}

	payload, err := json.Marshal(ev)
	if err != nil {
		return writeMessage(w, http.StatusInternalServerError, "Internal Server Error"), route.function, fmt.Errorf("encode event: %w", err)
	}
	ctx, cancel := context.WithTimeout(r.Context(), route.IntegrationTimeout)
	defer cancel()
	out, inv := g.invoke(ctx, route.function, TriggerHTTP, route.Key(), payload)
	switch {
	case inv.Err == nil:
	case errors.Is(inv.Err, ErrTimeout), errors.Is(inv.Err, context.DeadlineExceeded):
		return writeMessage(w, http.StatusServiceUnavailable, "Service Unavailable"), route.function, inv.Err
	case errors.Is(inv.Err, context.Canceled):
		// The client hung up; there is no one to answer.
		return 499, route.function, errors.New("client closed the request")
	default:
		return writeMessage(w, http.StatusInternalServerError, "Internal Server Error"), route.function, inv.Err
	}
	resp, err := decodeFunctionResponse(out)
	if err != nil {
		return writeMessage(w, http.StatusInternalServerError, "Internal Server Error"), route.function, err
	}
	for k, vs := range resp.headers {
		w.Header()[k] = vs
	}
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body)
	return resp.status, route.function, nil
}

// authorizerFor returns the authorizer guarding a route, or nil for a
// public one.
func (g *gateway) authorizerFor(route *apiRoute) *samtemplate.Authorizer {
	if route.AuthNone {
		return nil
	}
	name := route.Authorizer
	if name == "" {
		name = g.api.DefaultAuthorizer
	}
	if name == "" {
		return nil
	}
	return g.api.Authorizers[name]
}

func (g *gateway) enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closing {
		return false
	}
	g.inflight.Add(1)
	return true
}

// drain refuses new requests and waits for those in flight, or for ctx.
func (g *gateway) drain(ctx context.Context) error {
	g.mu.Lock()
	g.closing = true
	g.mu.Unlock()
	done := make(chan struct{})
	go func() {
		g.inflight.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for in-flight API requests: %w", ctx.Err())
	}
}

// writeMessage writes API Gateway's own error body, {"message": "..."}.
func writeMessage(w http.ResponseWriter, status int, message string) int {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": message})
	return status
}

// apigwRequestID has the shape of API Gateway's request ids ("Dm5cPgjQoAMEbQw=").
func apigwRequestID() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}
