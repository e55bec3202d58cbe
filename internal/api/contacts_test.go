package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/contacts"
	"github.com/roster-app/roster/internal/phone"
	"github.com/roster-app/roster/internal/roster"
)

type contactsApp struct {
	*usersApp
	createContact, getContact, listContacts, updateContact, deleteContact api.LambdaHandler
}

func newContactsApp(t *testing.T) *contactsApp {
	t.Helper()
	u := newUsersApp(t)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("logs:\n%s", u.logs.String())
		}
	})
	svc := &contacts.Service{Store: u.store, Now: time.Now, Phone: testPhone}
	reader := &contacts.Reader{Store: u.store}
	return &contactsApp{usersApp: u,
		createContact: api.Authenticated(u.log, api.Idempotent(u.store, time.Now, api.CreateContact(svc))),
		getContact:    api.Authenticated(u.log, api.GetContact(reader)),
		listContacts:  api.Authenticated(u.log, api.ListContacts(reader)),
		updateContact: api.Authenticated(u.log, api.UpdateContact(svc)),
		deleteContact: api.Authenticated(u.log, api.DeleteContact(svc)),
	}
}

func contactBody(first, phone string, groups ...string) string {
	gs, _ := json.Marshal(groups)
	return `{"firstName":"` + first + `","lastName":"Doe","phone":"` + phone + `","groups":` + string(gs) + `}`
}

func (a *contactsApp) mustCreateContact(t *testing.T, c roster.Caller, body string) api.ContactView {
	t.Helper()
	resp := a.as(t, c, a.createContact, "POST /contacts", "", body, nil)
	if resp.StatusCode != 201 {
		t.Fatalf("create contact: %d %s", resp.StatusCode, resp.Body)
	}
	var v api.ContactView
	_ = json.Unmarshal([]byte(resp.Body), &v)
	return v
}

// list calls GET /contacts with a query string, checked against the document.
func (a *contactsApp) list(t *testing.T, c roster.Caller, query string) (int, api.Page[api.ContactView], string) {
	t.Helper()
	ev := event("GET /contacts", "", nil)
	values, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	ev.QueryStringParameters = map[string]string{}
	for k := range values {
		ev.QueryStringParameters[k] = values.Get(k)
	}
	ev.RawQueryString = query
	cctx, err := api.CallerContext(c)
	if err != nil {
		t.Fatal(err)
	}
	ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
	resp, err := a.listContacts(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	a.spec.checkResponse(t, "GET /contacts", resp)
	var page api.Page[api.ContactView]
	_ = json.Unmarshal([]byte(resp.Body), &page)
	return resp.StatusCode, page, resp.Body
}

// listAll follows the cursors and returns every first name, in order.
func (a *contactsApp) listAll(t *testing.T, c roster.Caller, query string) []string {
	t.Helper()
	var names []string
	cursor := ""
	for range 100 {
		q := query
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		status, page, body := a.list(t, c, strings.TrimPrefix(q, "&"))
		if status != 200 {
			t.Fatalf("list %q: %d %s", q, status, body)
		}
		for _, v := range page.Items {
			names = append(names, v.FirstName)
		}
		if page.NextCursor == "" {
			return names
		}
		cursor = page.NextCursor
	}
	t.Fatal("the cursors never end")
	return nil
}

func TestCreateContactValidation(t *testing.T) {
	a := newContactsApp(t)
	admin := a.adminCaller()
	north := a.mustCreate(t, admin, "North", "location", a.rootID)

	t.Run("every bad field is named", func(t *testing.T) {
		body := `{"firstName":" ","phone":"12","email":"not-an-email","address":{"city":"` + strings.Repeat("x", 201) + `"},
		  "notes":"a\u0000b","consent":{"status":"maybe","source":"` + strings.Repeat("s", 201) + `"},"groups":[]}`
		resp := a.as(t, admin, a.createContact, "POST /contacts", "", body, nil)
		code, fields := problemCode(t, resp)
		if resp.StatusCode != 400 || code != "validation_failed" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		var names []string
		for _, f := range fields {
			names = append(names, f.Field)
		}
		for _, want := range []string{"firstName", "phone", "email", "address.city", "notes", "consent.status", "consent.source", "groups"} {
			if !slices.Contains(names, want) {
				t.Errorf("%s is not named in %v", want, names)
			}
		}
	})
	t.Run("an unknown field and a wrong type are named", func(t *testing.T) {
		resp := a.as(t, admin, a.createContact, "POST /contacts", "", `{"firstName":"A","phone":"2015550100","groups":["`+north.ID+`"],"nickname":"x"}`, nil)
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != "nickname" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		resp = a.as(t, admin, a.createContact, "POST /contacts", "", `{"firstName":"A","phone":"2015550100","groups":["`+north.ID+`"],"address":{"city":5}}`, nil)
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != "address.city" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("unknown groups and account reps are named by index", func(t *testing.T) {
		resp := a.as(t, admin, a.createContact, "POST /contacts", "", contactBody("A", "2015550100", north.ID, "nope"), nil)
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != "groups[1]" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		body := `{"firstName":"A","phone":"2015550100","groups":["` + north.ID + `"],"accountReps":["` + a.adminID + `","ghost"]}`
		resp = a.as(t, admin, a.createContact, "POST /contacts", "", body, nil)
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || len(fields) != 1 || fields[0].Field != "accountReps[1]" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a deactivated user cannot be an account rep", func(t *testing.T) {
		resp := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"idle@acme.example","firstName":"I","lastName":"L","active":false,"roles":[{"role":"agent","groupId":"`+north.ID+`"}]}`, nil)
		var idle api.UserView
		_ = json.Unmarshal([]byte(resp.Body), &idle)
		body := `{"firstName":"A","phone":"2015550100","groups":["` + north.ID + `"],"accountReps":["` + idle.ID + `"]}`
		resp = a.as(t, admin, a.createContact, "POST /contacts", "", body, nil)
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != "accountReps[0]" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a created contact is normalised and reads back", func(t *testing.T) {
		body := `{"firstName":" Cy ","lastName":"Doe","phone":"(201) 555-0100","email":"Cy@Example.COM","company":"Acme",
		  "address":{"line1":"1 Main St","city":"Boston","postalCode":"02108"},"consent":{"status":"opted_in","source":"paper form"},
		  "accountReps":["` + a.adminID + `"],"groups":["` + north.ID + `","` + north.ID + `"]}`
		resp := a.as(t, admin, a.createContact, "POST /contacts", "", body, nil)
		if resp.StatusCode != 201 || resp.Headers["ETag"] != `"v1"` || !strings.HasPrefix(resp.Headers["Location"], "/contacts/") {
			t.Fatalf("got %d %v %s", resp.StatusCode, resp.Headers, resp.Body)
		}
		var v api.ContactView
		_ = json.Unmarshal([]byte(resp.Body), &v)
		if v.FirstName != "Cy" || v.Phone != "+12015550100" || v.Email != "cy@example.com" || v.Address.PostalCode != "02108" ||
			v.Consent.Status != "opted_in" || v.Consent.At == "" || !slices.Equal(v.Groups, []string{north.ID}) || !slices.Equal(v.AccountReps, []string{a.adminID}) {
			t.Fatalf("created %+v", v)
		}
		got := a.as(t, admin, a.getContact, "GET /contacts/{id}", v.ID, "", nil)
		if got.StatusCode != 200 || got.Headers["ETag"] != `"v1"` || !strings.Contains(got.Body, `"city":"Boston"`) {
			t.Fatalf("get: %d %s", got.StatusCode, got.Body)
		}
	})
	t.Run("a duplicate phone is 409 with the holder's id", func(t *testing.T) {
		resp := a.as(t, admin, a.createContact, "POST /contacts", "", contactBody("Dup", "201.555.0100", north.ID), nil)
		code, fields := problemCode(t, resp)
		if resp.StatusCode != 409 || code != "phone_taken" || len(fields) != 1 || fields[0].Field != "phone" || !strings.Contains(resp.Body, `"contactId":"`) {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a retry with the same Idempotency-Key creates once", func(t *testing.T) {
		h := map[string]string{"Idempotency-Key": "c-1"}
		first := a.as(t, admin, a.createContact, "POST /contacts", "", contactBody("Idem", "2015550199", north.ID), h)
		again := a.as(t, admin, a.createContact, "POST /contacts", "", contactBody("Idem", "2015550199", north.ID), h)
		if first.StatusCode != 201 || again.StatusCode != 201 || again.Headers["Idempotent-Replayed"] != "true" || again.Body != first.Body {
			t.Fatalf("first %d, again %d %v", first.StatusCode, again.StatusCode, again.Headers)
		}
	})
}

func TestContactReach(t *testing.T) {
	a := newContactsApp(t)
	admin := a.adminCaller()
	north := a.mustCreate(t, admin, "North", "location", a.rootID)
	sales := a.mustCreate(t, admin, "Sales", "department", north.ID)
	south := a.mustCreate(t, admin, "South", "location", a.rootID)
	manager := roster.Caller{OrgID: a.orgID, UserID: "m", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: north.ID}}}
	agent := roster.Caller{OrgID: a.orgID, UserID: "g", Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: north.ID}}}
	viewer := roster.Caller{OrgID: a.orgID, UserID: "v", Grants: []roster.Grant{{Role: roster.RoleViewer, GroupID: sales.ID}}}
	inSales := a.mustCreateContact(t, admin, contactBody("InSales", "2015550101", sales.ID))
	inSouth := a.mustCreateContact(t, admin, contactBody("InSouth", "2015550102", south.ID))

	t.Run("a manager creates and edits within their groups", func(t *testing.T) {
		v := a.mustCreateContact(t, manager, contactBody("ByManager", "2015550103", sales.ID))
		resp := a.as(t, manager, a.updateContact, "PATCH /contacts/{id}", v.ID, `{"groups":["`+north.ID+`"]}`, map[string]string{"If-Match": `"v1"`})
		if resp.StatusCode != 200 || !strings.Contains(resp.Body, north.ID) {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("another group's contact is 404 to a manager", func(t *testing.T) {
		if resp := a.as(t, manager, a.getContact, "GET /contacts/{id}", inSouth.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("get: %d", resp.StatusCode)
		}
		if resp := a.as(t, manager, a.updateContact, "PATCH /contacts/{id}", inSouth.ID, `{"notes":"x"}`, map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 404 {
			t.Fatalf("patch: %d", resp.StatusCode)
		}
		if resp := a.as(t, manager, a.deleteContact, "DELETE /contacts/{id}", inSouth.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("delete: %d", resp.StatusCode)
		}
	})
	t.Run("a duplicate phone does not reveal a contact out of reach", func(t *testing.T) {
		resp := a.as(t, manager, a.createContact, "POST /contacts", "", contactBody("Dup", "2015550102", north.ID), nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 409 || code != "phone_taken" || strings.Contains(resp.Body, "contactId") {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a manager cannot put a contact outside their reach", func(t *testing.T) {
		resp := a.as(t, manager, a.createContact, "POST /contacts", "", contactBody("Out", "2015550104", north.ID, south.ID), nil)
		if _, fields := problemCode(t, resp); resp.StatusCode != 403 || fields[0].Field != "groups[1]" {
			t.Fatalf("create: %d %s", resp.StatusCode, resp.Body)
		}
		resp = a.as(t, manager, a.updateContact, "PATCH /contacts/{id}", inSales.ID, `{"groups":["`+sales.ID+`","`+south.ID+`"]}`, map[string]string{"If-Match": `"v1"`})
		if resp.StatusCode != 403 {
			t.Fatalf("patch: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("agents and viewers read but do not write", func(t *testing.T) {
		for _, c := range []roster.Caller{agent, viewer} {
			if resp := a.as(t, c, a.getContact, "GET /contacts/{id}", inSales.ID, "", nil); resp.StatusCode != 200 {
				t.Fatalf("%s get: %d", c.UserID, resp.StatusCode)
			}
			if resp := a.as(t, c, a.createContact, "POST /contacts", "", contactBody("No", "2015550105", sales.ID), nil); resp.StatusCode != 403 {
				t.Fatalf("%s create: %d %s", c.UserID, resp.StatusCode, resp.Body)
			}
			if resp := a.as(t, c, a.updateContact, "PATCH /contacts/{id}", inSales.ID, `{"notes":"x"}`, map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 403 {
				t.Fatalf("%s patch: %d %s", c.UserID, resp.StatusCode, resp.Body)
			}
			if resp := a.as(t, c, a.deleteContact, "DELETE /contacts/{id}", inSales.ID, "", nil); resp.StatusCode != 403 {
				t.Fatalf("%s delete: %d %s", c.UserID, resp.StatusCode, resp.Body)
			}
		}
	})
	t.Run("lists show only what the caller may see", func(t *testing.T) {
		if got := a.listAll(t, admin, ""); !slices.Equal(got, []string{"InSales", "InSouth", "ByManager"}) {
			t.Fatalf("admin sees %v", got)
		}
		if got := a.listAll(t, manager, ""); !slices.Equal(got, []string{"InSales", "ByManager"}) {
			t.Fatalf("manager sees %v", got)
		}
		if got := a.listAll(t, viewer, ""); !slices.Equal(got, []string{"InSales"}) {
			t.Fatalf("viewer of Sales sees %v", got)
		}
		if got := a.listAll(t, roster.Caller{OrgID: a.orgID, UserID: "x"}, ""); len(got) != 0 {
			t.Fatalf("a caller without roles sees %v", got)
		}
	})
	t.Run("another organisation's contact is 404", func(t *testing.T) {
		body := strings.Replace(orgBody, "Ann@Acme.example", "eve@globex.example", 1)
		resp := a.call(t, a.createOrg, "POST /orgs", body, map[string]string{api.OperatorKeyHeader: operatorKey})
		var org api.OrganisationView
		_ = json.Unmarshal([]byte(resp.Body), &org)
		if resp.StatusCode != 201 {
			t.Fatalf("second organisation: %d %s", resp.StatusCode, resp.Body)
		}
		eve := roster.Caller{OrgID: org.ID, UserID: org.Admin.ID, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: org.RootGroupID}}}
		if resp := a.as(t, eve, a.getContact, "GET /contacts/{id}", inSales.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("get: %d", resp.StatusCode)
		}
		if resp := a.as(t, eve, a.updateContact, "PATCH /contacts/{id}", inSales.ID, `{"notes":"x"}`, map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 404 {
			t.Fatalf("patch: %d", resp.StatusCode)
		}
		if resp := a.as(t, eve, a.deleteContact, "DELETE /contacts/{id}", inSales.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("delete: %d", resp.StatusCode)
		}
		if got := a.listAll(t, eve, ""); len(got) != 0 {
			t.Fatalf("lists %v", got)
		}
		// The same number is free in another organisation.
		a.mustCreateContact(t, eve, contactBody("Eve's", "2015550101", org.RootGroupID))
	})
}

func TestEditContact(t *testing.T) {
	a := newContactsApp(t)
	admin := a.adminCaller()
	north := a.mustCreate(t, admin, "North", "location", a.rootID)
	body := `{"firstName":"Cy","lastName":"Doe","phone":"2015550100","email":"cy@example.com",
	  "address":{"line1":"1 Main St","city":"Boston"},"consent":{"status":"opted_in","source":"form"},"groups":["` + north.ID + `"]}`
	cy := a.mustCreateContact(t, admin, body)
	other := a.mustCreateContact(t, admin, contactBody("Other", "2015550101", north.ID))
	patch := func(id, body, etag string) (int, api.ContactView, string) {
		t.Helper()
		var h map[string]string
		if etag != "" {
			h = map[string]string{"If-Match": etag}
		}
		resp := a.as(t, admin, a.updateContact, "PATCH /contacts/{id}", id, body, h)
		var v api.ContactView
		_ = json.Unmarshal([]byte(resp.Body), &v)
		return resp.StatusCode, v, resp.Body
	}

	t.Run("If-Match is required and must be current", func(t *testing.T) {
		if status, _, _ := patch(cy.ID, `{"notes":"x"}`, ""); status != 428 {
			t.Fatalf("missing: %d", status)
		}
		if status, _, _ := patch(cy.ID, `{"notes":"x"}`, `"v7"`); status != 412 {
			t.Fatalf("stale: %d", status)
		}
	})
	t.Run("absent fields stay; the address merges part by part", func(t *testing.T) {
		status, v, body := patch(cy.ID, `{"phone":"201-555-0199","address":{"city":"Salem","postalCode":"01970"},"company":"Acme"}`, `"v1"`)
		if status != 200 || v.Phone != "+12015550199" || v.Address.Line1 != "1 Main St" || v.Address.City != "Salem" ||
			v.Address.PostalCode != "01970" || v.Email != "cy@example.com" || v.Company != "Acme" || v.Consent.Status != "opted_in" {
			t.Fatalf("got %d %s", status, body)
		}
		// The old number is free again.
		a.mustCreateContact(t, admin, contactBody("Reuse", "2015550100", north.ID))
	})
	t.Run("null clears; consent merges", func(t *testing.T) {
		status, v, body := patch(cy.ID, `{"email":null,"address":{"line1":null},"consent":{"status":"opted_out"}}`, `"v2"`)
		if status != 200 || v.Email != "" || v.Address.Line1 != "" || v.Address.City != "Salem" ||
			v.Consent.Status != "opted_out" || v.Consent.Source != "form" {
			t.Fatalf("got %d %s", status, body)
		}
	})
	t.Run("a patch that changes nothing keeps the version", func(t *testing.T) {
		resp := a.as(t, admin, a.updateContact, "PATCH /contacts/{id}", cy.ID, `{"firstName":"Cy"}`, map[string]string{"If-Match": `"v3"`})
		if resp.StatusCode != 200 || resp.Headers["ETag"] != `"v3"` {
			t.Fatalf("got %d %v", resp.StatusCode, resp.Headers)
		}
	})
	t.Run("bad fields are named as the API names them", func(t *testing.T) {
		status, _, body := patch(cy.ID, `{"firstName":"","address":{"city":"`+strings.Repeat("x", 201)+`"},"consent":{"status":"maybe"},"groups":[]}`, `"v3"`)
		var p struct{ Errors []roster.FieldError }
		_ = json.Unmarshal([]byte(body), &p)
		var names []string
		for _, f := range p.Errors {
			names = append(names, f.Field)
		}
		slices.Sort(names)
		if status != 400 || !slices.Equal(names, []string{"address.city", "consent.status", "firstName", "groups"}) {
			t.Fatalf("got %d %v %s", status, names, body)
		}
	})
	t.Run("moving to a taken phone is 409 and changes nothing", func(t *testing.T) {
		status, _, body := patch(cy.ID, `{"phone":"2015550101","notes":"changed"}`, `"v3"`)
		if status != 409 || problemCodeOf(body) != "phone_taken" || !strings.Contains(body, other.ID) {
			t.Fatalf("got %d %s", status, body)
		}
		if got := a.as(t, admin, a.getContact, "GET /contacts/{id}", cy.ID, "", nil); strings.Contains(got.Body, "changed") {
			t.Fatal("half-written")
		}
	})
	t.Run("delete: a stale If-Match is 412, then 204, then 404", func(t *testing.T) {
		if resp := a.as(t, admin, a.deleteContact, "DELETE /contacts/{id}", cy.ID, "", map[string]string{"If-Match": `"v1"`}); resp.StatusCode != 412 {
			t.Fatalf("stale: %d", resp.StatusCode)
		}
		if resp := a.as(t, admin, a.deleteContact, "DELETE /contacts/{id}", cy.ID, "", map[string]string{"If-Match": `"v3"`}); resp.StatusCode != 204 {
			t.Fatalf("delete: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := a.as(t, admin, a.getContact, "GET /contacts/{id}", cy.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("after delete: %d", resp.StatusCode)
		}
		if resp := a.as(t, admin, a.deleteContact, "DELETE /contacts/{id}", other.ID, "", nil); resp.StatusCode != 204 {
			t.Fatalf("delete without If-Match: %d", resp.StatusCode)
		}
		a.mustCreateContact(t, admin, contactBody("Again", "2015550199", north.ID)) // the deleted contact's phone is free
	})
	t.Run("every change is audited with before and after", func(t *testing.T) {
		events, err := a.store.AuditEvents(context.Background(), a.orgID)
		if err != nil {
			t.Fatal(err)
		}
		var types []string
		for _, e := range events {
			if strings.HasPrefix(e.Type, "contact.") && e.SubjectID == cy.ID {
				types = append(types, e.Type)
				if e.Type == "contact.updated" && e.Before["phone"] != "" && (e.Before["phone"] != "+12015550100" || e.After["phone"] != "+12015550199") {
					t.Errorf("phone change recorded as %v → %v", e.Before, e.After)
				}
			}
		}
		if !slices.Equal(types, []string{"contact.created", "contact.updated", "contact.updated", "contact.deleted"}) {
			t.Fatalf("audit = %v", types)
		}
	})
}

func TestSearchContacts(t *testing.T) {
	a := newContactsApp(t)
	admin := a.adminCaller()
	north := a.mustCreate(t, admin, "North", "location", a.rootID)
	sales := a.mustCreate(t, admin, "Sales", "department", north.ID)
	south := a.mustCreate(t, admin, "South", "location", a.rootID)
	rep := a.as(t, admin, a.createUser, "POST /users", "", `{"email":"rep@acme.example","firstName":"R","lastName":"Rep","roles":[{"role":"agent","groupId":"`+north.ID+`"}]}`, nil)
	var repUser api.UserView
	_ = json.Unmarshal([]byte(rep.Body), &repUser)
	for _, c := range []string{
		`{"firstName":"Mary","lastName":"Jones","phone":"2015550111","email":"mary@example.com","groups":["` + north.ID + `"]}`,
		`{"firstName":"Marc","lastName":"Smith","phone":"2015550122","groups":["` + sales.ID + `"],"accountReps":["` + repUser.ID + `"]}`,
		`{"firstName":"Bob","lastName":"Marley","phone":"2015550133","groups":["` + south.ID + `"]}`,
		`{"firstName":"Ann","lastName":"Lee","phone":"2015550144","email":"ann.lee@example.com","groups":["` + sales.ID + `","` + south.ID + `"]}`,
	} {
		a.mustCreateContact(t, admin, c)
	}
	tests := []struct {
		query string
		want  []string
	}{
		// A name prefix lists in the order of the name that matched ("marc
		// smith", "marley bob", "mary jones"), not in creation order.
		{"q=mar", []string{"Marc", "Bob", "Mary"}},
		{"q=MARY%20J", []string{"Mary"}},
		{"q=smi", []string{"Marc"}},
		{"q=ar", nil},
		{"phone=%2B12015550122", []string{"Marc"}},
		{"phone=%2B1%20201%20555%200133", []string{"Bob"}},
		{"phone=0144", []string{"Ann"}},
		{"phone=555-0111", []string{"Mary"}},
		{"phone=4", []string{"Ann"}},
		{"phone=%2B19999999999", nil},
		{"email=Mary@Example.com", []string{"Mary"}},
		{"group=" + north.ID, []string{"Mary", "Marc", "Ann"}},
		{"group=" + north.ID + "&includeSubgroups=false", []string{"Mary"}},
		{"group=" + south.ID + "&q=a", []string{"Ann"}},
		{"accountRep=" + repUser.ID, []string{"Marc"}},
		{"q=mar&group=" + north.ID + "&limit=1", []string{"Marc", "Mary"}},
		{"q=lee&email=ANN.LEE@example.com", []string{"Ann"}},
		{"q=ann&accountRep=" + repUser.ID, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if got := a.listAll(t, admin, tt.query); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	// A cursor of a name search names a position in names: foreign to a
	// search by another prefix or to a list in id order.
	_, namePage, _ := a.list(t, admin, "q=mar&limit=1")
	_, idPage, _ := a.list(t, admin, "limit=1")
	if namePage.NextCursor == "" || idPage.NextCursor == "" {
		t.Fatalf("cursors %q, %q", namePage.NextCursor, idPage.NextCursor)
	}
	for _, bad := range []string{"limit=0", "limit=201", "includeSubgroups=maybe", "group=nope", "cursor=%25%25", "phone=abc",
		"cursor=" + namePage.NextCursor, "q=bob&cursor=" + namePage.NextCursor, "q=mar&cursor=" + idPage.NextCursor, "cursor=bm9wZQ"} {
		t.Run("refused: "+bad, func(t *testing.T) {
			status, _, body := a.list(t, admin, bad)
			if status != 400 || strings.Contains(bad, "cursor=") && !strings.Contains(body, `"field":"cursor"`) {
				t.Fatalf("got %d %s", status, body)
			}
		})
	}
	t.Run("a manager's group filter stays within their reach", func(t *testing.T) {
		manager := roster.Caller{OrgID: a.orgID, UserID: "m", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: sales.ID}}}
		if got := a.listAll(t, manager, ""); !slices.Equal(got, []string{"Marc", "Ann"}) {
			t.Fatalf("got %v", got)
		}
		if status, _, _ := a.list(t, manager, "group="+south.ID); status != 400 {
			t.Fatalf("a group out of sight: %d", status)
		}
	})
}

func TestContactPagination(t *testing.T) {
	a := newContactsApp(t)
	admin := a.adminCaller()
	var want []string
	for i := range 30 {
		name := fmt.Sprintf("P%02d", i)
		a.mustCreateContact(t, admin, contactBody(name, fmt.Sprintf("20155502%02d", i), a.rootID))
		want = append(want, name)
	}
	var got []string
	cursor, pages := "", 0
	for {
		q := "limit=7"
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		status, page, body := a.list(t, admin, q)
		if status != 200 || len(page.Items) > 7 || len(page.Items) == 0 {
			t.Fatalf("page %d: %d %s", pages, status, body)
		}
		pages++
		for _, v := range page.Items {
			got = append(got, v.FirstName)
		}
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	if pages != 5 || !slices.Equal(got, want) {
		t.Fatalf("%d pages, got %v", pages, got)
	}
	if _, page, _ := a.list(t, admin, ""); len(page.Items) != 30 || page.NextCursor != "" {
		t.Fatalf("the default page holds %d, next %q", len(page.Items), page.NextCursor)
	}
}

func TestContactPhoneIsReadInItsCountry(t *testing.T) {
	a := newContactsApp(t) // a US organisation
	// The real phone rules: the test is about which country they read in.
	svc := &contacts.Service{Store: a.store, Now: time.Now, Phone: phone.Normalise}
	a.createContact = api.Authenticated(a.log, api.CreateContact(svc))
	a.updateContact = api.Authenticated(a.log, api.UpdateContact(svc))
	admin := a.adminCaller()
	north := a.mustCreate(t, admin, "North", "location", a.rootID)
	withCountry := func(first, phone, country string) string {
		return `{"firstName":"` + first + `","phone":"` + phone + `","address":{"country":"` + country + `"},"groups":["` + north.ID + `"]}`
	}
	refused := func(t *testing.T, resp events.APIGatewayV2HTTPResponse, field, message string) {
		t.Helper()
		code, fields := problemCode(t, resp)
		if resp.StatusCode != 400 || code != "validation_failed" || len(fields) != 1 || fields[0].Field != field || fields[0].Message != message {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	}
	t.Run("a number without a code is read in the contact's country", func(t *testing.T) {
		for _, tc := range []struct{ phone, country, want string }{
			{"8123456789", "India", "+918123456789"},
			{"15123456789", "DE", "+4915123456789"},
			{"07400 123456", "U.K.", "+447400123456"},
			{"(506) 234-5678", "Canada", "+15062345678"},
		} {
			v := a.mustCreateContact(t, admin, withCountry("C", tc.phone, tc.country))
			if v.Phone != tc.want || v.Address.Country != tc.country {
				t.Errorf("%s in %s: stored %s in %q", tc.phone, tc.country, v.Phone, v.Address.Country)
			}
		}
	})
	t.Run("a number of another country is refused", func(t *testing.T) {
		resp := a.as(t, admin, a.createContact, "POST /contacts", "", withCountry("G", "+49 30 123456", "India"), nil)
		refused(t, resp, "phone", "+4930123456 is a +49 (Germany) number, but the country is India (+91)")
	})
	t.Run("a country that names none is refused", func(t *testing.T) {
		resp := a.as(t, admin, a.createContact, "POST /contacts", "", withCountry("A", "2015550160", "Atlantis"), nil)
		refused(t, resp, "address.country", "is not a country: write its name or its ISO code, such as India or IN")
	})
	t.Run("a patch is judged with the country after it", func(t *testing.T) {
		us := a.mustCreateContact(t, admin, withCountry("U", "2015550170", "USA"))
		resp := a.as(t, admin, a.updateContact, "PATCH /contacts/{id}", us.ID, `{"address":{"country":"Deutschland"}}`, map[string]string{"If-Match": `"v1"`})
		refused(t, resp, "phone", "+12015550170 is a +1 (United States and others) number, but the country is Germany (+49)")
		resp = a.as(t, admin, a.updateContact, "PATCH /contacts/{id}", us.ID, `{"phone":"030 1234567","address":{"country":"Deutschland"}}`, map[string]string{"If-Match": `"v1"`})
		var v api.ContactView
		_ = json.Unmarshal([]byte(resp.Body), &v)
		if resp.StatusCode != 200 || v.Phone != "+49301234567" || v.Address.Country != "Deutschland" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
}
