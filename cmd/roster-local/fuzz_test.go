package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/roster-app/roster/internal/apifuzz"
	"github.com/roster-app/roster/internal/local"
)

// defaultFuzzRequests is the size of the fuzz run in `make test`;
// ROSTER_FUZZ_REQUESTS asks for another.
const defaultFuzzRequests = 600

// defaultFuzzParallel is how many requests `make test` sends at once before
// it reads both organisations back: concurrent writes meet in the emulator
// and in warm function instances as under real traffic, and the reads (eight
// a batch) no longer outnumber the fuzzed requests eight to one. A break is
// pinned to a batch of four, which the finding lists; ROSTER_FUZZ_PARALLEL=1
// pins it to one request.
const defaultFuzzParallel = 4

// fuzzAPI creates two organisations of its own on a running stack and sends
// every route of docs/openapi.yaml bad input as the first one's
// administrator, checking every answer and, after each batch of requests
// sent at once, that both organisations can still read their groups, users,
// contacts and themselves. ROSTER_FUZZ_SEED replays a run; the seed is
// always logged. ROSTER_FUZZ_PARALLEL sends that many requests at once
// (defaultFuzzParallel unless set).
func fuzzAPI(t *testing.T, stack *local.Stack, root string) {
	n := defaultFuzzRequests
	if v := os.Getenv("ROSTER_FUZZ_REQUESTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatalf("ROSTER_FUZZ_REQUESTS=%q: %v", v, err)
		}
	}
	seed := int64(1)
	if v := os.Getenv("ROSTER_FUZZ_SEED"); v != "" {
		var err error
		if seed, err = strconv.ParseInt(v, 10, 64); err != nil {
			t.Fatalf("ROSTER_FUZZ_SEED=%q: %v", v, err)
		}
	}
	parallel := defaultFuzzParallel
	if v := os.Getenv("ROSTER_FUZZ_PARALLEL"); v != "" {
		var err error
		if parallel, err = strconv.Atoi(v); err != nil {
			t.Fatalf("ROSTER_FUZZ_PARALLEL=%q: %v", v, err)
		}
	}
	ops, err := apifuzz.Load(filepath.Join(root, "docs", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	c := client{t: t, base: stack.URL()}
	operator := map[string]string{"X-Operator-Key": stack.Credentials().OperatorKey}
	var env apifuzz.Env
	var sessions [2]apifuzz.Session
	for i, name := range []string{"fuzz-a", "fuzz-b"} {
		c.do("POST", "/orgs", `{"name":"`+name+`","admin":{"email":"admin@`+name+`.example","firstName":"Fuzz","lastName":"Admin","password":"fuzzing password 1"}}`, operator, 201, nil)
		var tok struct{ AccessToken, RefreshToken string }
		c.do("POST", "/auth/login", `{"email":"admin@`+name+`.example","password":"fuzzing password 1"}`, nil, 200, &tok)
		sessions[i] = apifuzz.Session{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken}
		bearer := map[string]string{"Authorization": "Bearer " + tok.AccessToken}
		ids := map[string]string{}
		var me struct{ ID, OrgID string }
		c.do("GET", "/me", "", bearer, 200, &me)
		ids["orgs"] = me.OrgID
		var groups struct{ Items []struct{ ID string } }
		c.do("GET", "/groups", "", bearer, 200, &groups)
		var created struct{ ID string }
		c.do("POST", "/groups", `{"name":"Fuzzed","kind":"location","parentId":"`+groups.Items[0].ID+`"}`, bearer, 201, &created)
		ids["groups"] = created.ID
		c.do("POST", "/users", `{"email":"agent@`+name+`.example","firstName":"Fuzz","lastName":"Agent","roles":[{"role":"agent","groupId":"`+created.ID+`"}]}`, bearer, 201, &created)
		ids["users"] = created.ID
		c.do("POST", "/contacts", `{"firstName":"Fuzz","phone":"(201) 555-01`+strconv.Itoa(10+i)+`","groups":["`+ids["groups"]+`"]}`, bearer, 201, &created)
		ids["contacts"] = created.ID
		c.do("POST", "/templates", `{"name":"Fuzz","body":"Hello"}`, bearer, 201, &created)
		ids["templates"] = created.ID
		c.do("POST", "/contacts/imports", `{"mode":"import","fileName":"fuzz.csv","size":10}`, bearer, 201, &created)
		ids["contacts/imports"] = created.ID
		c.do("POST", "/contacts/exports", `{"format":"csv"}`, bearer, 202, &created)
		ids["contacts/exports"] = created.ID
		ids["credits/unlocks"] = "record-1"
		env.Orgs[i] = apifuzz.Org{Token: tok.AccessToken, IDs: ids}
	}
	var spare struct{ RefreshToken string }
	c.do("POST", "/auth/login", `{"email":"admin@fuzz-a.example","password":"fuzzing password 1"}`, nil, 200, &spare)
	env.RefreshToken = spare.RefreshToken
	env.OperatorKey = stack.Credentials().OperatorKey

	gen := apifuzz.NewGenerator(ops, env, seed)
	r := apifuzz.Runner{Base: stack.URL(), Gen: gen, Sessions: sessions,
		Reads: []string{"/groups?limit=1", "/users?limit=1", "/contacts?limit=1", "/me"}, MaxFindings: 200, Parallel: parallel}
	t.Logf("fuzzing %d requests with seed %d, %d at a time (ROSTER_FUZZ_SEED=%d ROSTER_FUZZ_REQUESTS=%d ROSTER_FUZZ_PARALLEL=%d to replay)",
		n, seed, parallel, seed, n, parallel)
	res := r.Run(context.Background(), n)
	t.Log(res.Summary())
	for _, f := range res.Findings {
		t.Errorf("finding: %s", f)
	}
	if res.Broken != nil {
		t.Errorf("THE STACK BROKE after this request (seed %d, request #%d): %s", seed, res.Broken.Request.Index, res.Broken)
	}
}
