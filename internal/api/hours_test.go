package api_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/hours"
	"github.com/roster-app/roster/internal/roster"
)

type hoursApp struct {
	*groupsApp
	getHours, putHours, open api.LambdaHandler
}

func newHoursApp(t *testing.T) *hoursApp {
	t.Helper()
	g := newGroupsApp(t)
	svc := &hours.Service{Store: g.store, Now: time.Now}
	return &hoursApp{groupsApp: g,
		getHours: api.Authenticated(g.log, api.GetGroupHours(svc.Viewer())),
		putHours: api.Authenticated(g.log, api.PutGroupHours(svc)),
		open:     api.Authenticated(g.log, api.GetGroupOpen(svc.Viewer())),
	}
}

// openAt calls GET /groups/{id}/open?at=.
func (h *hoursApp) openAt(t *testing.T, c roster.Caller, id, at string) (events.APIGatewayV2HTTPResponse, api.OpenStatusView) {
	t.Helper()
	ev := event("GET /groups/{id}/open", "", nil)
	ev.PathParameters = map[string]string{"id": id}
	ev.RawPath = strings.Replace(ev.RawPath, "{id}", id, 1)
	if at != "" {
		ev.QueryStringParameters = map[string]string{"at": at}
	}
	cctx, _ := api.CallerContext(c)
	ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{Lambda: cctx}
	resp, err := h.open(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	h.spec.checkResponse(t, "GET /groups/{id}/open", resp)
	var v api.OpenStatusView
	_ = json.Unmarshal([]byte(resp.Body), &v)
	return resp, v
}

const londonHours = `{"timeZone":"Europe/London",
 "weekly":{"monday":[{"start":"09:00","end":"17:00"}],"thursday":[{"start":"09:00","end":"17:00"}],"friday":[{"start":"09:00","end":"17:00"},{"start":"20:00","end":"01:00","overnight":true}]},
 "holidays":[{"date":"2026-12-25","name":"Christmas","closed":true,"everyYear":true},
             {"date":"2026-12-24","name":"Christmas Eve","intervals":[{"start":"09:00","end":"12:00"}]}],
 "afterHoursReply":"We are closed; we answer from 09:00."}`

func TestGroupHoursAPI(t *testing.T) {
	h := newHoursApp(t)
	admin := h.admin()
	north := h.mustCreate(t, admin, "North", "location", h.rootID)
	south := h.mustCreate(t, admin, "South", "location", h.rootID)
	manager := roster.Caller{OrgID: h.orgID, UserID: "m", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: north.ID}}}
	agent := roster.Caller{OrgID: h.orgID, UserID: "a", Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: north.ID}}}
	resp := h.call(t, h.createOrg, "POST /orgs", strings.NewReplacer("Acme Supply", "Other Co", "Ann@Acme", "olga@other").Replace(orgBody),
		map[string]string{api.OperatorKeyHeader: operatorKey})
	var other api.OrganisationView
	if err := json.Unmarshal([]byte(resp.Body), &other); err != nil || resp.StatusCode != 201 {
		t.Fatalf("second organisation: %d %s", resp.StatusCode, resp.Body)
	}
	stranger := roster.Caller{OrgID: other.ID, UserID: "x", Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: other.RootGroupID}}}

	t.Run("no hours set is its own 404, and the open check says so", func(t *testing.T) {
		resp := h.as(t, agent, h.getHours, "GET /groups/{id}/hours", north.ID, "", nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 404 || code != "hours_not_set" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		resp, v := h.openAt(t, agent, north.ID, "")
		if resp.StatusCode != 200 || v.Open || v.Reason != roster.OpenNoHours || v.TimeZone != "" || v.At == "" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("an agent may not set hours", func(t *testing.T) {
		resp := h.as(t, agent, h.putHours, "PUT /groups/{id}/hours", north.ID, londonHours, nil)
		if code, _ := problemCode(t, resp); resp.StatusCode != 403 || code != "forbidden" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a manager of another subtree may not set them", func(t *testing.T) {
		resp := h.as(t, manager, h.putHours, "PUT /groups/{id}/hours", south.ID, londonHours, nil)
		if resp.StatusCode != 403 {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		if resp := h.as(t, manager, h.getHours, "GET /groups/{id}/hours", south.ID, "", nil); resp.StatusCode != 403 {
			t.Fatalf("reading: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("another organisation's caller finds nothing", func(t *testing.T) {
		for _, op := range []struct {
			h     api.LambdaHandler
			route string
			body  string
		}{{h.putHours, "PUT /groups/{id}/hours", londonHours}, {h.getHours, "GET /groups/{id}/hours", ""}} {
			if resp := h.as(t, stranger, op.h, op.route, north.ID, op.body, nil); resp.StatusCode != 404 {
				t.Fatalf("%s: %d %s", op.route, resp.StatusCode, resp.Body)
			}
		}
		if resp, _ := h.openAt(t, stranger, north.ID, ""); resp.StatusCode != 404 {
			t.Fatalf("open: %d", resp.StatusCode)
		}
	})

	var etag string
	t.Run("the manager of North sets them without If-Match the first time", func(t *testing.T) {
		resp := h.as(t, manager, h.putHours, "PUT /groups/{id}/hours", north.ID, londonHours, nil)
		if resp.StatusCode != 200 || resp.Headers["ETag"] != `"v1"` {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		etag = resp.Headers["ETag"]
		var v api.HoursView
		_ = json.Unmarshal([]byte(resp.Body), &v)
		if len(v.Weekly) != 7 || len(v.Weekly["friday"]) != 2 || !v.Weekly["friday"][1].Overnight || v.Weekly["friday"][0].Overnight || len(v.Weekly["sunday"]) != 0 || len(v.Holidays) != 2 || !v.Holidays[0].EveryYear {
			t.Fatalf("answered %+v", v)
		}
	})
	t.Run("an agent of North reads them", func(t *testing.T) {
		resp := h.as(t, agent, h.getHours, "GET /groups/{id}/hours", north.ID, "", nil)
		var v api.HoursView
		_ = json.Unmarshal([]byte(resp.Body), &v)
		if resp.StatusCode != 200 || resp.Headers["ETag"] != etag || v.TimeZone != "Europe/London" || v.Holidays[1].Intervals[0].End != "12:00" {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("replacing them needs a current If-Match", func(t *testing.T) {
		if resp := h.as(t, manager, h.putHours, "PUT /groups/{id}/hours", north.ID, londonHours, nil); resp.StatusCode != 428 {
			t.Fatalf("without: %d %s", resp.StatusCode, resp.Body)
		}
		if resp := h.as(t, manager, h.putHours, "PUT /groups/{id}/hours", north.ID, londonHours, map[string]string{"If-Match": `"v9"`}); resp.StatusCode != 412 {
			t.Fatalf("stale: %d %s", resp.StatusCode, resp.Body)
		}
		resp := h.as(t, admin, h.putHours, "PUT /groups/{id}/hours", north.ID, londonHours, map[string]string{"If-Match": etag})
		if resp.StatusCode != 200 || resp.Headers["ETag"] != `"v2"` {
			t.Fatalf("current: %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("an ETag for hours that do not exist is stale", func(t *testing.T) {
		resp := h.as(t, admin, h.putHours, "PUT /groups/{id}/hours", south.ID, londonHours, map[string]string{"If-Match": `"v1"`})
		if resp.StatusCode != 412 {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
	})

	t.Run("bad input names each field and stores nothing", func(t *testing.T) {
		for _, c := range []struct {
			name, body string
			fields     []string
		}{
			{"unknown zone", `{"timeZone":"Europe/Atlantis"}`, []string{"timeZone"}},
			{"overlap", `{"timeZone":"UTC","weekly":{"monday":[{"start":"09:00","end":"12:00"},{"start":"11:00","end":"13:00"}]}}`, []string{"weekly.monday[1]"}},
			{"overnight into the next day's first interval", `{"timeZone":"UTC","weekly":{"sunday":[{"start":"22:00","end":"03:00","overnight":true}],"monday":[{"start":"02:00","end":"05:00"}]}}`, []string{"weekly.monday[0]"}},
			{"inverted without overnight", `{"timeZone":"UTC","weekly":{"monday":[{"start":"17:00","end":"09:00"}]}}`, []string{"weekly.monday[0].end"}},
			{"overnight that does not cross midnight", `{"timeZone":"UTC","weekly":{"monday":[{"start":"09:00","end":"17:00","overnight":true}]},"holidays":[{"date":"2026-12-31","intervals":[{"start":"22:00","end":"02:00"}]}]}`,
				[]string{"weekly.monday[0].end", "holidays[0].intervals[0].end"}},
			{"empty and malformed", `{"timeZone":"UTC","weekly":{"tuesday":[{"start":"10:00","end":"10:00"},{"start":"7am","end":"25:00"}]}}`,
				[]string{"weekly.tuesday[0].end", "weekly.tuesday[1].start", "weekly.tuesday[1].end"}},
			{"impossible date", `{"timeZone":"UTC","holidays":[{"date":"2026-02-30","closed":true}]}`, []string{"holidays[0].date"}},
			{"closed with hours", `{"timeZone":"UTC","holidays":[{"date":"2026-12-24","closed":true,"intervals":[{"start":"09:00","end":"12:00"}]}]}`, []string{"holidays[0].intervals"}},
			{"all at once", `{"timeZone":"Nowhere","weekly":{"friday":[{"start":"09:00","end":"09:00"}]},"holidays":[{"date":"2026-02-30","closed":true}],"afterHoursReply":"` + strings.Repeat("x", 1001) + `"}`,
				[]string{"timeZone", "weekly.friday[0].end", "holidays[0].date", "afterHoursReply"}},
			{"unknown field", `{"timeZone":"UTC","weekdays":{}}`, []string{"weekdays"}},
		} {
			resp := h.as(t, admin, h.putHours, "PUT /groups/{id}/hours", south.ID, c.body, nil)
			code, fields := problemCode(t, resp)
			var got []string
			for _, f := range fields {
				got = append(got, f.Field)
			}
			slices.Sort(got)
			slices.Sort(c.fields)
			if resp.StatusCode != 400 || code != "validation_failed" || !slices.Equal(got, c.fields) {
				t.Errorf("%s: %d %s; want fields %v", c.name, resp.StatusCode, resp.Body, c.fields)
			}
		}
		if resp := h.as(t, admin, h.getHours, "GET /groups/{id}/hours", south.ID, "", nil); resp.StatusCode != 404 {
			t.Fatalf("something was stored: %d %s", resp.StatusCode, resp.Body)
		}
	})

	t.Run("open across a holiday", func(t *testing.T) {
		for _, c := range []struct {
			at, reason, until, local string
			open                     bool
		}{
			{"2026-12-24T10:00:00Z", roster.OpenHolidayHours, "2026-12-24T12:00:00Z", "2026-12-24T10:00:00Z", true},
			{"2026-12-24T15:00:00Z", roster.ClosedHolidayOff, "2026-12-28T09:00:00Z", "2026-12-24T15:00:00Z", false},
			{"2026-12-25T10:00:00Z", roster.ClosedHoliday, "2026-12-28T09:00:00Z", "2026-12-25T10:00:00Z", false},
			{"2027-12-24T21:00:00Z", roster.OpenRegularHours, "2027-12-25T01:00:00Z", "2027-12-24T21:00:00Z", true},      // Friday's late shift runs into Christmas
			{"2026-07-03T08:30:00Z", roster.OpenRegularHours, "2026-07-03T16:00:00Z", "2026-07-03T09:30:00+01:00", true}, // summer time: 09:00 BST
			{"2026-07-02T12:00:00+02:00", roster.OpenRegularHours, "2026-07-02T16:00:00Z", "2026-07-02T11:00:00+01:00", true},
		} {
			resp, v := h.openAt(t, agent, north.ID, c.at)
			if resp.StatusCode != 200 || v.Open != c.open || v.Reason != c.reason || v.Until != c.until || v.LocalTime != c.local || v.TimeZone != "Europe/London" {
				t.Errorf("at %s: %d %s", c.at, resp.StatusCode, resp.Body)
			}
		}
		resp, _ := h.openAt(t, agent, north.ID, "yesterday")
		if _, fields := problemCode(t, resp); resp.StatusCode != 400 || fields[0].Field != "at" {
			t.Fatalf("a bad at: %d %s", resp.StatusCode, resp.Body)
		}
	})
}
