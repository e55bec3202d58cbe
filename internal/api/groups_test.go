package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/groups"
	"github.com/roster-app/roster/internal/roster"
)

// groupsApp wires the group operations beside the sign-in ones.
type groupsApp struct {
	*app
	store                           *dynamo.Store
	list, get, create, update, del  api.LambdaHandler
	orgID, rootID, adminAccessToken string
}

func newGroupsApp(t *testing.T) *groupsApp {
	t.Helper()
	a := newApp(t)
	svc := groups.NewService(a.store, time.Now)
	log := a.log
	g := &groupsApp{app: a, store: a.store,
		list:   api.Authenticated(log, api.ListGroups(groups.NewReader(a.store))),
		get:    api.Authenticated(log, api.GetGroup(groups.NewReader(a.store))),
		create: api.Authenticated(log, api.Idempotent(a.store, time.Now, api.CreateGroup(svc))),
		update: api.Authenticated(log, api.UpdateGroup(svc)),
		del:    api.Authenticated(log, api.DeleteGroup(svc)),
	}
	resp := a.call(t, a.createOrg, "POST /orgs", orgBody, map[string]string{api.OperatorKeyHeader: operatorKey})
	var org api.OrganisationView
	_ = json.Unmarshal([]byte(resp.Body), &org)
	g.orgID, g.rootID = org.ID, org.RootGroupID
	resp = a.call(t, a.login, "POST /auth/login", `{"email":"ann@acme.example","password":"a long enough password"}`, nil)
	var tok auth.Tokens
	_ = json.Unmarshal([]byte(resp.Body), &tok)
	g.adminAccessToken = tok.AccessToken
	return g
}

// secondOrg creates another organisation in the same table through POST
// /orgs and returns its administrator: a real tenant for isolation tests,
// whose ids and groups exist (a made-up organisation id would pass whatever
// the code does).
func (g *groupsApp) secondOrg(t *testing.T) roster.Caller {
	t.Helper()
	body := `{"name":"Beta Works","defaultRegion":"us","timeZone":"UTC",
 "admin":{"email":"bea@beta.example","firstName":"Bea","lastName":"Beta","password":"a long enough password"}}`
	resp := g.call(t, g.createOrg, "POST /orgs", body, map[string]string{api.OperatorKeyHeader: operatorKey})
	if resp.StatusCode != 201 {
		t.Fatalf("create the second organisation: %d %s", resp.StatusCode, resp.Body)
	}
	var org api.OrganisationView
	if err := json.Unmarshal([]byte(resp.Body), &org); err != nil || org.ID == "" || org.ID == g.orgID {
		t.Fatalf("second organisation %q: %v", resp.Body, err)
	}
	admin, err := g.store.UserByEmail(context.Background(), "bea@beta.example")
	if err != nil || admin.OrgID != org.ID {
		t.Fatalf("second organisation's admin: %+v %v", admin, err)
	}
	return roster.Caller{OrgID: org.ID, UserID: admin.ID, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: org.RootGroupID}}}
}

// as calls an authenticated operation as a caller with the given grants,
// through the authorizer context the gateway would pass.
func (g *groupsApp) as(t *testing.T, c roster.Caller, h api.LambdaHandler, routeKey, id, body string, headers map[string]string) events.APIGatewayV2HTTPResponse {
	t.Helper()
	ev := event(routeKey, body, headers)
	if id != "" {
		ev.PathParameters = map[string]string{"id": id}
		ev.RawPath = strings.Replace(ev.RawPath, "{id}", id, 1)
	}
	cctx, err := api.CallerContext(c)
	if err != nil {
		t.Fatal(err)
	}
	ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
	resp, err := h(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	g.spec.checkResponse(t, routeKey, resp)
	return resp
}

func (g *groupsApp) admin() roster.Caller {
	return roster.Caller{OrgID: g.orgID, UserID: "admin", Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: g.rootID}}}
}

func (g *groupsApp) mustCreate(t *testing.T, c roster.Caller, name, kind, parent string) api.GroupView {
	t.Helper()
	resp := g.as(t, c, g.create, "POST /groups", "", `{"name":"`+name+`","kind":"`+kind+`","parentId":"`+parent+`"}`, nil)
	if resp.StatusCode != 201 {
		t.Fatalf("create %s: %d %s", name, resp.StatusCode, resp.Body)
	}
	var v api.GroupView
	_ = json.Unmarshal([]byte(resp.Body), &v)
	return v
}

func TestGroupTree(t *testing.T) {
	g := newGroupsApp(t)
	admin := g.admin()
	north := g.mustCreate(t, admin, "North", "location", g.rootID)
	south := g.mustCreate(t, admin, "South", "location", g.rootID)
	sales := g.mustCreate(t, admin, "Sales", "department", north.ID)
	northManager := roster.Caller{OrgID: g.orgID, UserID: "m", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: north.ID}}}
	northAdmin := roster.Caller{OrgID: g.orgID, UserID: "na", Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: north.ID}}}

	t.Run("an admin of North manages the groups below North, not North itself", func(t *testing.T) {
		team := g.mustCreate(t, northAdmin, "Night shift", "team", north.ID)
		resp := g.as(t, northAdmin, g.update, "PATCH /groups/{id}", team.ID, `{"name":"Late shift"}`, map[string]string{"If-Match": `"v1"`})
		if resp.StatusCode != 200 {
			t.Fatalf("renaming a group below: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := g.as(t, northAdmin, g.update, "PATCH /groups/{id}", north.ID, `{"name":"Northern"}`, map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 403 {
			t.Fatalf("renaming North itself: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := g.as(t, northAdmin, g.del, "DELETE /groups/{id}", team.ID, "", nil); resp.StatusCode != 204 {
			t.Fatalf("deleting a group below: %d %s", resp.StatusCode, resp.Body)
		}
	})

	t.Run("an admin lists the whole tree, parents first", func(t *testing.T) {
		var page api.Page[api.GroupView]
		_ = json.Unmarshal([]byte(g.as(t, admin, g.list, "GET /groups", "", "", nil).Body), &page)
		if len(page.Items) != 4 || page.Items[0].ID != g.rootID {
			t.Fatalf("items = %+v", page.Items)
		}
	})
	t.Run("a manager of North sees only North's subtree", func(t *testing.T) {
		var page api.Page[api.GroupView]
		_ = json.Unmarshal([]byte(g.as(t, northManager, g.list, "GET /groups", "", "", nil).Body), &page)
		if len(page.Items) != 2 || page.Items[0].ID != north.ID || page.Items[1].ID != sales.ID {
			t.Fatalf("items = %+v", page.Items)
		}
		if resp := g.as(t, northManager, g.get, "GET /groups/{id}", south.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("a group out of reach: %d", resp.StatusCode)
		}
	})
	t.Run("pages follow the cursor", func(t *testing.T) {
		var ev func(q map[string]string) []api.GroupView
		ev = func(q map[string]string) []api.GroupView {
			e := event("GET /groups", "", nil)
			e.QueryStringParameters = q
			cctx, _ := api.CallerContext(admin)
			e.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
			resp, _ := g.list(context.Background(), e)
			g.spec.checkResponse(t, "GET /groups", resp)
			var page api.Page[api.GroupView]
			_ = json.Unmarshal([]byte(resp.Body), &page)
			if page.NextCursor != "" {
				return append(page.Items, ev(map[string]string{"limit": q["limit"], "cursor": page.NextCursor})...)
			}
			return page.Items
		}
		if all := ev(map[string]string{"limit": "1"}); len(all) != 4 {
			t.Fatalf("paged through %d groups, want 4", len(all))
		}
	})
	t.Run("a manager cannot create groups", func(t *testing.T) {
		resp := g.as(t, northManager, g.create, "POST /groups", "", `{"name":"X","kind":"team","parentId":"`+north.ID+`"}`, nil)
		if resp.StatusCode != 403 {
			t.Fatalf("got %d", resp.StatusCode)
		}
	})
	t.Run("an admin of North cannot create under South, which it cannot see", func(t *testing.T) {
		resp := g.as(t, northAdmin, g.create, "POST /groups", "", `{"name":"X","kind":"team","parentId":"`+south.ID+`"}`, nil)
		if code, fields := problemCode(t, resp); resp.StatusCode != 400 || code != "validation_failed" || fields[0].Field != "parentId" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("sibling names are unique", func(t *testing.T) {
		resp := g.as(t, admin, g.create, "POST /groups", "", `{"name":"north","kind":"location","parentId":"`+g.rootID+`"}`, nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "name_taken" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a group never moves under its own descendant", func(t *testing.T) {
		resp := g.as(t, admin, g.update, "PATCH /groups/{id}", north.ID, `{"parentId":"`+sales.ID+`"}`, map[string]string{"If-Match": `"v1"`})
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != "parentId" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("updates need a current If-Match", func(t *testing.T) {
		if resp := g.as(t, admin, g.update, "PATCH /groups/{id}", sales.ID, `{"name":"Field Sales"}`, nil); resp.StatusCode != 428 {
			t.Fatalf("without If-Match: %d", resp.StatusCode)
		}
		resp := g.as(t, admin, g.update, "PATCH /groups/{id}", sales.ID, `{"name":"Field Sales","parentId":"`+south.ID+`"}`, map[string]string{"If-Match": `"v1"`})
		if resp.StatusCode != 200 || resp.Headers["ETag"] != `"v2"` {
			t.Fatalf("move and rename: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := g.as(t, admin, g.update, "PATCH /groups/{id}", sales.ID, `{"name":"Sales again"}`, map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 412 {
			t.Fatalf("stale If-Match: %d", resp.StatusCode)
		}
	})
	t.Run("the root group does not move or go away", func(t *testing.T) {
		if resp := g.as(t, admin, g.update, "PATCH /groups/{id}", g.rootID, `{"parentId":"`+north.ID+`"}`, map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 400 {
			t.Fatalf("moving the root: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := g.as(t, admin, g.del, "DELETE /groups/{id}", g.rootID, "", nil); resp.StatusCode != 409 {
			t.Fatalf("deleting the root: %d", resp.StatusCode)
		}
	})
	t.Run("a group with something in it is not deleted, and says what", func(t *testing.T) {
		resp := g.as(t, admin, g.del, "DELETE /groups/{id}", south.ID, "", nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "not_empty" || !strings.Contains(resp.Body, "Field Sales") {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		resp = g.as(t, admin, g.del, "DELETE /groups/{id}", g.rootID, "", nil)
		if code, _ := problemCode(t, resp); code != "root_group" {
			t.Fatalf("got %s", resp.Body)
		}
	})
	t.Run("an empty group is deleted", func(t *testing.T) {
		if resp := g.as(t, admin, g.del, "DELETE /groups/{id}", north.ID, "", nil); resp.StatusCode != 204 {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		if resp := g.as(t, admin, g.get, "GET /groups/{id}", north.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("deleted group still readable: %d", resp.StatusCode)
		}
	})
	t.Run("another organisation's group is not found", func(t *testing.T) {
		// A real second organisation in the same table: were the organisation
		// ignored, its administrator would find the group (and be refused it
		// with 403, or change it) instead of not finding it.
		other := g.secondOrg(t)
		before := g.as(t, admin, g.get, "GET /groups/{id}", south.ID, "", nil)
		for _, c := range []struct {
			h           api.LambdaHandler
			route, body string
			headers     map[string]string
		}{
			{g.get, "GET /groups/{id}", "", nil},
			{g.update, "PATCH /groups/{id}", `{"name":"Taken"}`, map[string]string{"If-Match": `"v1"`}},
			{g.del, "DELETE /groups/{id}", "", nil},
		} {
			resp := g.as(t, other, c.h, c.route, south.ID, c.body, c.headers)
			if code, _ := problemCode(t, resp); resp.StatusCode != 404 || code != "not_found" {
				t.Fatalf("%s as another organisation: got %d %s, want 404 not_found", c.route, resp.StatusCode, resp.Body)
			}
		}
		resp := g.as(t, other, g.create, "POST /groups", "", `{"name":"Inside","kind":"department","parentId":"`+south.ID+`"}`, nil)
		if resp.StatusCode/100 != 4 || resp.StatusCode == 403 {
			t.Fatalf("a group under another organisation's group: got %d %s, want refused as unknown", resp.StatusCode, resp.Body)
		}
		if after := g.as(t, admin, g.get, "GET /groups/{id}", south.ID, "", nil); after.StatusCode != 200 || after.Body != before.Body {
			t.Fatalf("another organisation changed the group: %s, then %d %s", before.Body, after.StatusCode, after.Body)
		}
		if list := g.as(t, other, g.list, "GET /groups", "", "", nil); list.StatusCode != 200 || strings.Contains(list.Body, south.ID) || strings.Contains(list.Body, g.rootID) {
			t.Fatalf("another organisation's group list: %d %s", list.StatusCode, list.Body)
		}
	})
	t.Run("bad input names the fields", func(t *testing.T) {
		resp := g.as(t, admin, g.create, "POST /groups", "", `{"name":"","kind":"Not A Kind!"}`, nil)
		_, fields := problemCode(t, resp)
		if resp.StatusCode != 400 || len(fields) != 3 {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
}

func TestGroupChangesAreAudited(t *testing.T) {
	g := newGroupsApp(t)
	admin := g.admin()
	west := g.mustCreate(t, admin, "West", "location", g.rootID)
	if resp := g.as(t, admin, g.update, "PATCH /groups/{id}", west.ID, `{"name":"Far West"}`, map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 200 {
		t.Fatal(resp.Body)
	}
	if resp := g.as(t, admin, g.del, "DELETE /groups/{id}", west.ID, "", nil); resp.StatusCode != 204 {
		t.Fatal(resp.Body)
	}
	events, err := g.store.AuditEvents(context.Background(), g.orgID)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, e := range events {
		types = append(types, e.Type)
		if e.Type == "group.updated" && (e.Before["name"] != "West" || e.After["name"] != "Far West") {
			t.Fatalf("rename recorded as %v -> %v", e.Before, e.After)
		}
	}
	if strings.Join(types, ",") != "group.created,group.updated,group.deleted" {
		t.Fatalf("audit = %v", types)
	}
}
