package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/msgtemplates"
	"github.com/roster-app/roster/internal/roster"
)

// templatesApp wires the template and favourite operations.
type templatesApp struct {
	*settingsApp
	listT, createT, getT, updateT, deleteT         api.LambdaHandler
	getMyFavs, putMyFavs, getUserFavs, putUserFavs api.LambdaHandler
	southAgent                                     roster.Caller
}

func newTemplatesApp(t *testing.T) *templatesApp {
	t.Helper()
	s := newSettingsApp(t)
	svc := msgtemplates.NewService(s.store, time.Now)
	rd := msgtemplates.NewReader(s.store, time.Now)
	a := &templatesApp{settingsApp: s,
		listT:       api.Authenticated(s.log, api.ListTemplates(rd)),
		createT:     api.Authenticated(s.log, api.Idempotent(s.store, time.Now, api.CreateTemplate(svc))),
		getT:        api.Authenticated(s.log, api.GetTemplate(rd)),
		updateT:     api.Authenticated(s.log, api.UpdateTemplate(svc)),
		deleteT:     api.Authenticated(s.log, api.DeleteTemplate(svc)),
		getMyFavs:   api.Authenticated(s.log, api.GetMyFavoriteTemplates(rd)),
		putMyFavs:   api.Authenticated(s.log, api.PutMyFavoriteTemplates(svc)),
		getUserFavs: api.Authenticated(s.log, api.GetUserFavoriteTemplates(rd)),
		putUserFavs: api.Authenticated(s.log, api.PutUserFavoriteTemplates(svc)),
	}
	a.southAgent = a.member(t, "sue@acme.example", roster.RoleAgent, a.south.ID)
	return a
}

func templateBody(name, body, group string) string {
	m := map[string]string{"name": name, "body": body}
	if group != "" {
		m["groupId"] = group
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func (a *templatesApp) mustTemplate(t *testing.T, c roster.Caller, name, body, group string) api.TemplateView {
	t.Helper()
	resp := a.as(t, c, a.createT, "POST /templates", "", templateBody(name, body, group), nil)
	if resp.StatusCode != 201 {
		t.Fatalf("create %s: %d %s", name, resp.StatusCode, resp.Body)
	}
	var v api.TemplateView
	_ = json.Unmarshal([]byte(resp.Body), &v)
	return v
}

func (a *templatesApp) listNames(t *testing.T, c roster.Caller, query string) []string {
	t.Helper()
	e := withCaller(event("GET /templates", "", nil), c, "")
	if query != "" {
		e.QueryStringParameters = map[string]string{"group": query}
	}
	ev, err := a.listT(t.Context(), e)
	if err != nil {
		t.Fatal(err)
	}
	a.spec.checkResponse(t, "GET /templates", ev)
	if ev.StatusCode != 200 {
		t.Fatalf("list: %d %s", ev.StatusCode, ev.Body)
	}
	var page api.Page[api.TemplateView]
	_ = json.Unmarshal([]byte(ev.Body), &page)
	var names []string
	for _, m := range page.Items {
		names = append(names, m.Name)
	}
	return names
}

func TestTemplatesReachAndRoles(t *testing.T) {
	a := newTemplatesApp(t)
	admin := a.adminCaller()
	org := a.mustTemplate(t, admin, "Greeting", "Hi {{firstName}}, this is {{userFirstName}} at {{company}}.", "")
	north := a.mustTemplate(t, a.northManager, "North hours", "Our North desk opens at 8.", a.north.ID)
	south := a.mustTemplate(t, a.southManager, "South hours", "Our South desk opens at 9.", a.south.ID)
	if org.GroupID != "" || north.GroupID != a.north.ID {
		t.Fatalf("created %+v %+v", org, north)
	}

	t.Run("an agent reads organisation and own-group templates but creates none", func(t *testing.T) {
		if got := a.listNames(t, a.agent, ""); strings.Join(got, ",") != "Greeting,North hours" {
			t.Fatalf("North's agent lists %v", got)
		}
		if got := a.listNames(t, a.southAgent, ""); strings.Join(got, ",") != "Greeting,South hours" {
			t.Fatalf("South's agent lists %v", got)
		}
		if resp := a.as(t, a.agent, a.getT, "GET /templates/{id}", north.ID, "", nil); resp.StatusCode != 200 || resp.Headers["ETag"] != `"v1"` {
			t.Fatalf("North's agent reads North's template: %d", resp.StatusCode)
		}
		if resp := a.as(t, a.agent, a.getT, "GET /templates/{id}", south.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("North's agent reads South's template: %d", resp.StatusCode)
		}
		resp := a.as(t, a.agent, a.createT, "POST /templates", "", templateBody("Mine", "text", a.north.ID), nil)
		if resp.StatusCode != 403 {
			t.Fatalf("an agent creates a template: %d %s", resp.StatusCode, resp.Body)
		}
		resp = a.as(t, a.agent, a.updateT, "PATCH /templates/{id}", north.ID, `{"name":"Hijacked"}`, map[string]string{"If-Match": `"v1"`})
		if resp.StatusCode != 403 {
			t.Fatalf("an agent edits a template: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := a.as(t, a.agent, a.deleteT, "DELETE /templates/{id}", north.ID, "", nil); resp.StatusCode != 403 {
			t.Fatalf("an agent deletes a template: %d", resp.StatusCode)
		}
	})
	t.Run("a group's templates serve the groups below it", func(t *testing.T) {
		sales := a.mustCreate(t, admin, "Sales", "department", a.north.ID)
		clerk := a.member(t, "cal@acme.example", roster.RoleAgent, sales.ID)
		if got := a.listNames(t, clerk, ""); strings.Join(got, ",") != "Greeting,North hours" {
			t.Fatalf("Sales' agent lists %v", got)
		}
		if got := a.listNames(t, a.northManager, sales.ID); strings.Join(got, ",") != "Greeting,North hours" {
			t.Fatalf("templates for Sales: %v", got)
		}
		if got := a.listNames(t, admin, a.south.ID); strings.Join(got, ",") != "Greeting,South hours" {
			t.Fatalf("templates for South: %v", got)
		}
	})
	t.Run("a manager manages templates only in their subtree", func(t *testing.T) {
		if resp := a.as(t, a.northManager, a.createT, "POST /templates", "", templateBody("Org", "text", ""), nil); resp.StatusCode != 403 {
			t.Fatalf("North's manager creates an organisation template: %d", resp.StatusCode)
		}
		if resp := a.as(t, a.northManager, a.createT, "POST /templates", "", templateBody("S", "text", a.south.ID), nil); resp.StatusCode != 400 {
			t.Fatalf("North's manager creates in South, which they cannot see: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := a.as(t, a.northManager, a.updateT, "PATCH /templates/{id}", org.ID, `{"name":"Hello"}`, map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 403 {
			t.Fatalf("North's manager edits an organisation template: %d", resp.StatusCode)
		}
	})
	t.Run("edits need a fresh If-Match", func(t *testing.T) {
		path := "PATCH /templates/{id}"
		if resp := a.as(t, a.northManager, a.updateT, path, north.ID, `{"name":"North opening"}`, nil); resp.StatusCode != 428 {
			t.Fatalf("no If-Match: %d", resp.StatusCode)
		}
		resp := a.as(t, a.northManager, a.updateT, path, north.ID, `{"name":"North opening"}`, map[string]string{"If-Match": `"v1"`})
		if resp.StatusCode != 200 || resp.Headers["ETag"] != `"v2"` || !strings.Contains(resp.Body, "North opening") {
			t.Fatalf("edit: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := a.as(t, a.northManager, a.updateT, path, north.ID, `{"body":"x"}`, map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 412 {
			t.Fatalf("stale: %d", resp.StatusCode)
		}
		if resp := a.as(t, a.northManager, a.updateT, path, north.ID, `{"groupId":"`+a.south.ID+`"}`, map[string]string{"If-Match": `"v2"`}); resp.StatusCode != 400 {
			t.Fatalf("a template moved: %d", resp.StatusCode)
		}
	})
	t.Run("another organisation's template does not exist", func(t *testing.T) {
		if resp := a.as(t, a.other, a.getT, "GET /templates/{id}", org.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("read: %d", resp.StatusCode)
		}
		if resp := a.as(t, a.other, a.deleteT, "DELETE /templates/{id}", org.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("delete: %d", resp.StatusCode)
		}
		if got := a.listNames(t, a.other, ""); len(got) != 0 {
			t.Fatalf("the other organisation lists %v", got)
		}
	})
	t.Run("a retried create with the same key makes one template", func(t *testing.T) {
		key := map[string]string{"Idempotency-Key": "tpl-1"}
		first := a.as(t, admin, a.createT, "POST /templates", "", templateBody("Once", "text", ""), key)
		again := a.as(t, admin, a.createT, "POST /templates", "", templateBody("Once", "text", ""), key)
		if first.StatusCode != 201 || again.StatusCode != 201 || again.Headers["Idempotent-Replayed"] != "true" || first.Body != again.Body {
			t.Fatalf("first %d, again %d %v", first.StatusCode, again.StatusCode, again.Headers)
		}
		if got := a.listNames(t, admin, ""); strings.Count(strings.Join(got, ","), "Once") != 1 {
			t.Fatalf("list %v", got)
		}
	})
}

func TestTemplateBadInput(t *testing.T) {
	a := newTemplatesApp(t)
	admin := a.adminCaller()
	tests := []struct {
		name, body, field, says string
	}{
		{"a template over the size limit", templateBody("Long", strings.Repeat("é", roster.MaxTemplateBodyLength+1), ""), "body", "size limit"},
		{"an unknown placeholder", templateBody("P", "Hi {{nickname}}", ""), "body", "{{nickname}}"},
		{"an unclosed placeholder", templateBody("P", "Hi {{firstName", ""), "body", "not closed"},
		{"an empty body", templateBody("P", "  ", ""), "body", "required"},
		{"an empty name", templateBody(" ", "text", ""), "name", "required"},
		{"a long name", templateBody(strings.Repeat("n", 101), "text", ""), "name", "limit"},
		{"an unknown group", templateBody("G", "text", "nope"), "groupId", "no such group"},
		{"an unknown field", `{"name":"U","body":"text","tags":["a"]}`, "tags", "not a known field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := a.as(t, admin, a.createT, "POST /templates", "", tt.body, nil)
			_, fields := problemCode(t, resp)
			if resp.StatusCode != 400 || len(fields) == 0 || fields[0].Field != tt.field || !strings.Contains(fields[0].Message, tt.says) {
				t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
			}
		})
	}
	if got := a.listNames(t, admin, ""); len(got) != 0 {
		t.Fatalf("refused templates were stored: %v", got)
	}
	ok := a.mustTemplate(t, admin, "Exactly", strings.Repeat("é", roster.MaxTemplateBodyLength), "")
	resp := a.as(t, admin, a.updateT, "PATCH /templates/{id}", ok.ID, templateBody("Exactly", strings.Repeat("é", roster.MaxTemplateBodyLength+1), ""),
		map[string]string{"If-Match": `"v1"`})
	if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != "body" || !strings.Contains(fields[0].Message, "size limit") {
		t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
	}
	resp = a.as(t, admin, a.updateT, "PATCH /templates/{id}", ok.ID, `{"body":"{{firstName}} {{surname}}"}`, map[string]string{"If-Match": `"v1"`})
	if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != "body" {
		t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
	}
}

func favoriteNames(t *testing.T, body string) []string {
	t.Helper()
	var v api.FavoriteTemplatesView
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	names := []string{}
	for _, m := range v.Templates {
		names = append(names, m.Name)
	}
	return names
}

func TestFavoriteTemplates(t *testing.T) {
	a := newTemplatesApp(t)
	admin := a.adminCaller()
	one := a.mustTemplate(t, admin, "One", "1", "")
	two := a.mustTemplate(t, a.northManager, "Two", "2", a.north.ID)
	three := a.mustTemplate(t, admin, "Three", "3", "")
	southOnly := a.mustTemplate(t, a.southManager, "South", "s", a.south.ID)
	ids := func(list ...string) string {
		if list == nil {
			list = []string{}
		}
		b, _ := json.Marshal(map[string]any{"templateIds": list})
		return string(b)
	}

	if resp := a.as(t, a.agent, a.getMyFavs, "GET /me/favorite-templates", "", "", nil); resp.StatusCode != 200 || len(favoriteNames(t, resp.Body)) != 0 {
		t.Fatalf("no favourites yet: %d %s", resp.StatusCode, resp.Body)
	}
	t.Run("a user sets their own, and the order is kept", func(t *testing.T) {
		resp := a.as(t, a.agent, a.putMyFavs, "PUT /me/favorite-templates", "", ids(three.ID, one.ID, two.ID), nil)
		if got := favoriteNames(t, resp.Body); resp.StatusCode != 200 || strings.Join(got, ",") != "Three,One,Two" {
			t.Fatalf("put: %d %s", resp.StatusCode, resp.Body)
		}
		resp = a.as(t, a.agent, a.getMyFavs, "GET /me/favorite-templates", "", "", nil)
		if got := favoriteNames(t, resp.Body); strings.Join(got, ",") != "Three,One,Two" || resp.Headers["ETag"] != `"v1"` {
			t.Fatalf("get: %v %v", got, resp.Headers)
		}
	})
	t.Run("bad lists are refused, naming the entry, and change nothing", func(t *testing.T) {
		many := make([]string, roster.MaxFavoriteTemplates+1)
		for i := range many {
			many[i] = fmt.Sprintf("t%d", i)
		}
		for name, tt := range map[string]struct{ body, field string }{
			"a repeat":                {ids(one.ID, two.ID, one.ID), "templateIds[2]"},
			"an unknown template":     {ids(one.ID, "nope"), "templateIds[1]"},
			"a template out of reach": {ids(southOnly.ID), "templateIds[0]"},
			"more than the limit":     {ids(many...), "templateIds"},
			"no list":                 {`{}`, "templateIds"},
		} {
			resp := a.as(t, a.agent, a.putMyFavs, "PUT /me/favorite-templates", "", tt.body, nil)
			if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != tt.field {
				t.Errorf("%s: got %d %s", name, resp.StatusCode, resp.Body)
			}
		}
		if got := favoriteNames(t, a.as(t, a.agent, a.getMyFavs, "GET /me/favorite-templates", "", "", nil).Body); strings.Join(got, ",") != "Three,One,Two" {
			t.Fatalf("after refusals: %v", got)
		}
	})
	t.Run("a deleted template disappears from favourites", func(t *testing.T) {
		if resp := a.as(t, admin, a.deleteT, "DELETE /templates/{id}", one.ID, "", map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 204 {
			t.Fatalf("delete: %d %s", resp.StatusCode, resp.Body)
		}
		if got := favoriteNames(t, a.as(t, a.agent, a.getMyFavs, "GET /me/favorite-templates", "", "", nil).Body); strings.Join(got, ",") != "Three,Two" {
			t.Fatalf("after the delete: %v", got)
		}
		if got := favoriteNames(t, a.as(t, a.northManager, a.getUserFavs, "GET /users/{id}/favorite-templates", a.agent.UserID, "", nil).Body); strings.Join(got, ",") != "Three,Two" {
			t.Fatalf("the manager's view after the delete: %v", got)
		}
		if resp := a.as(t, a.agent, a.getT, "GET /templates/{id}", one.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("the deleted template: %d", resp.StatusCode)
		}
	})
	t.Run("a manager sets another user's favourites", func(t *testing.T) {
		path := "PUT /users/{id}/favorite-templates"
		resp := a.as(t, a.northManager, a.putUserFavs, path, a.agent.UserID, ids(two.ID, three.ID), map[string]string{"If-Match": `"v1"`})
		if got := favoriteNames(t, resp.Body); resp.StatusCode != 200 || strings.Join(got, ",") != "Two,Three" || resp.Headers["ETag"] != `"v2"` {
			t.Fatalf("put: %d %s", resp.StatusCode, resp.Body)
		}
		if got := favoriteNames(t, a.as(t, a.agent, a.getMyFavs, "GET /me/favorite-templates", "", "", nil).Body); strings.Join(got, ",") != "Two,Three" {
			t.Fatalf("the user sees %v", got)
		}
		if resp := a.as(t, a.northManager, a.putUserFavs, path, a.agent.UserID, ids(three.ID), map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 412 {
			t.Fatalf("stale: %d", resp.StatusCode)
		}
		// Only templates the owner reads: South's is not North's agent's.
		if resp := a.as(t, admin, a.putUserFavs, path, a.agent.UserID, ids(southOnly.ID), nil); resp.StatusCode != 400 {
			t.Fatalf("a template the owner cannot read: %d", resp.StatusCode)
		}
		if resp := a.as(t, a.southManager, a.putUserFavs, path, a.agent.UserID, ids(three.ID), nil); resp.StatusCode != 404 {
			t.Fatalf("another subtree's manager: %d", resp.StatusCode)
		}
		if resp := a.as(t, a.southManager, a.getUserFavs, "GET /users/{id}/favorite-templates", a.agent.UserID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("another subtree's manager reads: %d", resp.StatusCode)
		}
		if resp := a.as(t, a.other, a.getUserFavs, "GET /users/{id}/favorite-templates", a.agent.UserID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("another organisation reads: %d", resp.StatusCode)
		}
		if resp := a.as(t, a.southAgent, a.putUserFavs, path, a.agent.UserID, ids(three.ID), nil); resp.StatusCode != 404 {
			t.Fatalf("an agent sets another's: %d", resp.StatusCode)
		}
		if resp := a.as(t, a.agent, a.putMyFavs, "PUT /me/favorite-templates", "", ids(), nil); resp.StatusCode != 200 || len(favoriteNames(t, resp.Body)) != 0 {
			t.Fatalf("clearing: %d %s", resp.StatusCode, resp.Body)
		}
	})
}
