package local

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/roster-app/roster/internal/samtemplate"
)

// Lambda REQUEST authorizers with simple responses, as API Gateway HTTP
// APIs run them.
// Reference: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

// authCache holds authorizer decisions for ReauthorizeEvery, keyed by the
// authorizer and the values of its identity sources. Denials are cached
// too, as API Gateway caches them.
type authCache struct {
	mu      sync.Mutex
	entries map[string]authDecision
	now     func() time.Time
}

type authDecision struct {
	allowed bool
	context map[string]any
	expires time.Time
}

// authCacheLimit keeps a long-running stack from holding every token it
// ever saw; expired entries are dropped when the cache reaches it.
const authCacheLimit = 10000

func newAuthCache() *authCache {
	return &authCache{entries: map[string]authDecision{}, now: time.Now}
}

func (c *authCache) get(key string) (authDecision, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.entries[key]
	if !ok || !c.now().Before(d.expires) {
		return authDecision{}, false
	}
	return d, true
}

func (c *authCache) put(key string, d authDecision, ttl time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if len(c.entries) >= authCacheLimit {
		for k, e := range c.entries {
			if !now.Before(e.expires) {
				delete(c.entries, k)
			}
		}
	}
	d.expires = now.Add(ttl)
	c.entries[key] = d
}

// authFailure is how API Gateway answers a request the authorizer did not let through.
type authFailure struct {
	status  int
	message string
}

var (
	errUnauthorized  = &authFailure{http.StatusUnauthorized, "Unauthorized"}
	errForbidden     = &authFailure{http.StatusForbidden, "Forbidden"}
	errAuthorizerRun = &authFailure{http.StatusInternalServerError, "Internal Server Error"}
)

// authorize runs the route's authorizer and returns the context it attached
// to an allowed request. A request missing an identity source is refused
// with 401 without running anything, as API Gateway does.
func (g *gateway) authorize(ctx context.Context, a *samtemplate.Authorizer, req *apiRequest, ev *events.APIGatewayV2HTTPRequest) (map[string]any, *authFailure) {
	var identity []string
	for _, h := range a.IdentityHeaders {
		v := ev.Headers[strings.ToLower(h)]
		if v == "" {
			return nil, errUnauthorized
		}
		identity = append(identity, v)
	}
	for _, q := range a.IdentityQueryStrings {
		v := ev.QueryStringParameters[q]
		if v == "" {
			return nil, errUnauthorized
		}
		identity = append(identity, v)
	}
	// API Gateway only caches with identity sources to key the cache by;
	// without them one decision would be served to everyone.
	cacheable := a.ReauthorizeEvery > 0 && len(identity) > 0
	key := a.Name + "\x00" + strings.Join(identity, "\x00")
	if cacheable {
		if d, ok := g.authCache.get(key); ok {
			if !d.allowed {
				return nil, errForbidden
			}
			return d.context, nil
		}
	}

	payload, err := json.Marshal(events.APIGatewayV2CustomAuthorizerV2Request{
		Version:               "2.0",
		Type:                  "REQUEST",
		RouteArn:              g.routeARN(req),
		IdentitySource:        identity,
		RouteKey:              ev.RouteKey,
		RawPath:               ev.RawPath,
		RawQueryString:        ev.RawQueryString,
		Cookies:               ev.Cookies,
		Headers:               ev.Headers,
		QueryStringParameters: ev.QueryStringParameters,
		RequestContext:        ev.RequestContext,
		PathParameters:        ev.PathParameters,
	})
	if err != nil {
		g.logf("authorizer %s: encode request: %v", a.Name, err)
		return nil, errAuthorizerRun
	}
	out, inv := g.invoke(ctx, a.FunctionLogicalID, TriggerAuthorizer, ev.RouteKey, payload)
	if inv.Err != nil {
		g.logf("authorizer %s (%s) failed: %v", a.Name, a.FunctionLogicalID, inv.Err)
		return nil, errAuthorizerRun
	}
	var resp struct {
		IsAuthorized *bool          `json:"isAuthorized"`
		Context      map[string]any `json:"context"`
	}
	if err := json.Unmarshal(out, &resp); err != nil || resp.IsAuthorized == nil {
		g.logf("authorizer %s (%s) answered %s, not a simple response {isAuthorized, context}", a.Name, a.FunctionLogicalID, truncate(out, 200))
		return nil, errAuthorizerRun
	}
	d := authDecision{allowed: *resp.IsAuthorized, context: resp.Context}
	if cacheable {
		g.authCache.put(key, d, a.ReauthorizeEvery)
	}
	if !d.allowed {
		return nil, errForbidden
	}
	return d.context, nil
}

func (g *gateway) routeARN(req *apiRequest) string {
	return fmt.Sprintf("arn:aws:execute-api:%s:%s:%s/$default/%s%s",
		g.region, g.accountID, g.api.ID, req.r.Method, req.r.URL.EscapedPath())
}

func truncate(b []byte, n int) string {
	if len(b) <= n {
		return string(b)
	}
	return string(b[:n]) + "..."
}
