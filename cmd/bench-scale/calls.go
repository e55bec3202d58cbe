package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/local/dynamolocal"
	"github.com/roster-app/roster/internal/roster"
)

// request is one API request as API Gateway hands it to a function.
type request struct {
	route   string // "GET /users"
	as      *person
	path    map[string]string
	query   map[string]string
	headers map[string]string
	body    string
}

func (e *env) authorizerContext(ctx context.Context, token string) (map[string]any, error) {
	dec, err := e.authorize(ctx, events.APIGatewayV2CustomAuthorizerV2Request{
		Type: "REQUEST", RouteKey: "GET /me", Headers: map[string]string{"authorization": "Bearer " + token},
	})
	if err != nil || !dec.IsAuthorized {
		return nil, fmt.Errorf("authorizer refused the token: %v", err)
	}
	return dec.Context, nil
}

// do runs a request's function handler and fails on anything but a 2xx.
func (e *env) do(ctx context.Context, r request) (events.APIGatewayV2HTTPResponse, error) {
	h := e.handlers[r.route]
	if h == nil {
		return events.APIGatewayV2HTTPResponse{}, fmt.Errorf("no handler for %s", r.route)
	}
	method, path, _ := strings.Cut(r.route, " ")
	for k, v := range r.path {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	headers := map[string]string{"content-type": "application/json"}
	for k, v := range r.headers {
		headers[strings.ToLower(k)] = v
	}
	ev := events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: r.route, RawPath: path, Headers: headers,
		QueryStringParameters: r.query, PathParameters: r.path, Body: r.body}
	ev.RequestContext.HTTP.Method = method
	ev.RequestContext.HTTP.SourceIP = "192.0.2.1"
	ev.RequestContext.RequestID = "bench"
	if r.as != nil {
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: r.as.authz}
	}
	resp, err := h(ctx, ev)
	if err != nil {
		return resp, err
	}
	if resp.StatusCode/100 != 2 {
		return resp, fmt.Errorf("%s %s: status %d: %s", r.route, path, resp.StatusCode, resp.Body)
	}
	return resp, nil
}

// call is one measured row: prep runs first, unmeasured (a first page, to
// get the cursor of the second); run is what is measured.
type call struct {
	name    string
	prep    func(ctx context.Context) error
	run     func(ctx context.Context) error
	maxCall int // when set, the most DynamoDB calls allowed
}

type measured struct {
	dynamolocal.Usage
	err string // the call failed: why
}

func (e *env) measure(ctx context.Context, c call) (measured, error) {
	if c.prep != nil {
		if err := c.prep(ctx); err != nil {
			return measured{}, fmt.Errorf("prepare: %w", err)
		}
	}
	before := e.srv.Total()
	err := c.run(ctx)
	return measured{Usage: e.srv.Total().Sub(before)}, err
}

// listCalls are the first and a later page of a list route, unfiltered and
// with each filter.
func (e *env) listCalls(name, route string, as *person, filters map[string]map[string]string, order []string) []call {
	var out []call
	for _, f := range append([]string{""}, order...) {
		q := map[string]string{"limit": "50"}
		for k, v := range filters[f] {
			q[k] = v
		}
		label := name
		if f != "" {
			label += " ?" + f
		}
		var cursor string
		first := request{route: route, as: as, query: q}
		out = append(out,
			call{name: label + " (first page)", run: func(ctx context.Context) error {
				_, err := e.do(ctx, first)
				return err
			}},
			call{name: label + " (later page)",
				prep: func(ctx context.Context) error {
					resp, err := e.do(ctx, first)
					if err != nil {
						return err
					}
					var page struct {
						NextCursor string `json:"nextCursor"`
					}
					_ = json.Unmarshal([]byte(resp.Body), &page)
					cursor = page.NextCursor
					return nil
				},
				run: func(ctx context.Context) error {
					if cursor == "" {
						return nil // a single page: nothing more to read
					}
					q2 := map[string]string{"cursor": cursor}
					for k, v := range q {
						q2[k] = v
					}
					_, err := e.do(ctx, request{route: route, as: as, query: q2})
					return err
				}},
		)
	}
	return out
}

// calls are the measured rows for one organisation, in the order of the
// table.
func (e *env) calls(o *org) []call {
	var out []call
	var token string
	out = append(out, call{name: "authorizer (cache miss)",
		prep: func(ctx context.Context) error {
			tok, err := e.authSvc.Login(ctx, o.admin.email, password, roster.Client{IP: "192.0.2.1"})
			token = tok.AccessToken
			return err
		},
		run: func(ctx context.Context) error {
			_, err := e.authorizerContext(ctx, token)
			return err
		}})
	out = append(out, e.listCalls("GET /users", "GET /users", &o.admin, map[string]map[string]string{
		"group":  {"group": o.groups["desk"]},
		"role":   {"role": "manager"},
		"status": {"status": "deactivated"},
		"q":      {"q": "zyzz"},
	}, []string{"group", "role", "status", "q"})...)
	out = append(out, e.listCalls("GET /contacts", "GET /contacts", &o.admin, map[string]map[string]string{
		"q":          {"q": "customer000001"},
		"email":      {"email": o.email},
		"phone":      {"phone": o.phone},
		"group":      {"group": o.groups["field"]},
		"accountRep": {"accountRep": o.manager},
	}, []string{"q", "email", "phone", "group", "accountRep"})...)
	out = append(out, e.listCalls("GET /audit-events", "GET /audit-events", &o.admin, map[string]map[string]string{
		"actor": {"actor": o.agent.id},
		"user":  {"user": o.rare},
		"type":  {"type": "user.deactivated"},
	}, []string{"actor", "user", "type"})...)
	out = append(out, e.listCalls("GET /conversations", "GET /conversations", &o.agent, map[string]map[string]string{
		"unclaimed": {"filter": "unclaimed"},
		"mine":      {"filter": "mine"},
	}, []string{"unclaimed", "mine"})...)
	out = append(out, e.listCalls("GET /credits/ledger", "GET /credits/ledger", &o.admin, map[string]map[string]string{
		"kind": {"kind": "grant"},
		"user": {"user": o.rare},
	}, []string{"kind", "user"})...)
	out = append(out, e.listCalls("GET /credits", "GET /credits", &o.admin, nil, nil)...)
	out = append(out, call{name: "GET /groups", run: func(ctx context.Context) error {
		_, err := e.do(ctx, request{route: "GET /groups", as: &o.admin})
		return err
	}})

	// An inbound message to the support group (3,000 agents in the large
	// organisation), from a new customer.
	var n int
	out = append(out, call{name: "POST /webhooks/messages/inbound (to the agents' group)", maxCall: 6, run: func(ctx context.Context) error {
		n++
		return e.inbound(ctx, o, fmt.Sprintf("bench-%d", n), phoneOf(9000000+n), o.groups["support"])
	}})
	out = append(out, call{name: "POST /conversations/{id}/claim", run: func(ctx context.Context) error {
		_, err := e.do(ctx, request{route: "POST /conversations/{id}/claim", as: &o.agent, path: map[string]string{"id": o.unclaimed[0]}})
		return err
	}})
	out = append(out, call{name: "POST /conversations/{id}/release", run: func(ctx context.Context) error {
		_, err := e.do(ctx, request{route: "POST /conversations/{id}/release", as: &o.agent, path: map[string]string{"id": o.unclaimed[0]}})
		return err
	}})
	var etag string
	out = append(out, call{name: "PATCH /users/{id} (roles)",
		prep: func(ctx context.Context) error {
			u, err := e.store.User(ctx, o.id, o.target)
			etag = `"v` + strconv.FormatInt(u.Version, 10) + `"`
			return err
		},
		run: func(ctx context.Context) error {
			body := fmt.Sprintf(`{"roles":[{"role":"manager","groupId":%q}]}`, o.groups["support"])
			_, err := e.do(ctx, request{route: "PATCH /users/{id}", as: &o.admin, path: map[string]string{"id": o.target},
				headers: map[string]string{"If-Match": etag}, body: body})
			return err
		}})
	out = append(out, call{name: "POST /users/{id}/deactivate (an agent holding 50 claims)", run: func(ctx context.Context) error {
		_, err := e.do(ctx, request{route: "POST /users/{id}/deactivate", as: &o.admin, path: map[string]string{"id": o.holder.id}})
		return err
	}})
	out = append(out, e.notifierCall(o))
	return out
}

// inbound posts a signed inbound message as the provider would.
func (e *env) inbound(ctx context.Context, o *org, providerID, from, group string) error {
	body, _ := json.Marshal(map[string]string{"messageId": providerID, "from": from, "groupId": group, "text": "Are you open today?"})
	ts := strconv.FormatInt(e.clock.Now().Unix(), 10)
	_, err := e.do(ctx, request{route: "POST /webhooks/messages/inbound", body: string(body), headers: map[string]string{
		"X-Roster-Org": o.id, "X-Roster-Timestamp": ts, "X-Roster-Signature": conversations.Sign(o.secret, ts, body),
	}})
	return err
}

// notifierCall measures the scheduled notifier's run for one minute's
// messages: five messages to the desk group (five agents with email on in
// both organisations; the large one has hundreds more with email off) in
// one minute, and the run once they are due. The clock is moved rather
// than waited for.
func (e *env) notifierCall(o *org) call {
	var due time.Time
	return call{name: "NotifyWaitingMessages (5 messages × 5 agents with email on)",
		prep: func(ctx context.Context) error {
			// Start from a fresh minute past everything seeded and let
			// the notifier catch up to it, unmeasured.
			t0 := e.clock.Now().Add(3 * time.Hour).Truncate(time.Minute)
			for range 5 {
				e.clock.set(t0)
				if _, err := e.notifier.Run(ctx); err != nil {
					return err
				}
			}
			e.clock.set(t0.Add(5 * time.Second))
			for i := range 5 {
				if err := e.inbound(ctx, o, fmt.Sprintf("desk-%d", i), phoneOf(9500000+i), o.groups["desk"]); err != nil {
					return err
				}
			}
			due = t0.Add(4 * time.Minute)
			return nil
		},
		run: func(ctx context.Context) error {
			e.clock.set(due)
			st, err := e.notifier.Run(ctx)
			if err != nil {
				return err
			}
			if st.Queued != 25 {
				return fmt.Errorf("the notifier queued %d mails, want 25 (5 messages × 5 agents): %+v", st.Queued, st)
			}
			return nil
		}}
}

// report is the Markdown table: one row per call, the small and the large
// organisation side by side, and whether the large one stays within
// 1.2 × small + 4 units.
func report(order []string, results map[string][2]measured, small, large size) (string, int) {
	var b strings.Builder
	fmt.Fprintf(&b, "Small organisation: %d users, %d contacts, %d conversations, %d ledger entries. "+
		"Large: %d users (%d agents in one group), %d contacts, ≥ %d audit events, %d conversations, %d ledger entries.\n\n",
		small.Users, small.Contacts, small.Conversations, small.LedgerEntries,
		large.Users, large.SupportAgents, large.Contacts, large.AuditEvents, large.Conversations, large.LedgerEntries)
	b.WriteString("| call | small: calls / RRU / WRU | large: calls / RRU / WRU | within 1.2 × small + 4 |\n|---|---|---|---|\n")
	failed := 0
	for _, name := range order {
		r := results[name]
		s, l := r[0], r[1]
		note := "yes"
		if s.Calls == 0 && l.Calls > 0 && strings.HasSuffix(name, "(later page)") {
			// The small organisation has one page only: its first page
			// is the one to compare with.
			s = results[strings.TrimSuffix(name, "(later page)")+"(first page)"][0]
			note = "yes (small: one page, its first compared)"
		}
		ok := within(l.RRU, s.RRU) && within(l.WRU, s.WRU)
		if !ok {
			note = "**" + strings.Replace(note, "yes", "no", 1) + "**"
		}
		if s.err != "" || l.err != "" {
			ok, note = false, "**failed: "+strings.TrimSpace(s.err+" "+l.err)+"**"
		}
		if name == "POST /webhooks/messages/inbound (to the agents' group)" && l.Calls > 6 {
			ok, note = false, fmt.Sprintf("**no: %d calls > 6**", l.Calls)
		}
		if !ok {
			failed++
		}
		fmt.Fprintf(&b, "| %s | %d / %s / %s | %d / %s / %s | %s |\n", name, s.Calls, num(s.RRU), num(s.WRU), l.Calls, num(l.RRU), num(l.WRU), note)
	}
	return b.String(), failed
}

func within(large, small float64) bool { return large <= 1.2*small+4 }

func num(f float64) string {
	if f == math.Trunc(f) {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}
