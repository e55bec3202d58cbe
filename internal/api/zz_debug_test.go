package api_test

import (
	"context"
	"testing"

	"github.com/roster-app/roster/internal/roster"
)

func TestZZDebug(t *testing.T) {
	a := newContactsApp(t)
	admin := a.adminCaller()
	north := a.mustCreate(t, admin, "North", "location", a.rootID)
	south := a.mustCreate(t, admin, "South", "location", a.rootID)
	check := func(step string) {
		if _, err := a.store.Groups(context.Background(), a.orgID); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	manager := roster.Caller{OrgID: a.orgID, UserID: "m", Grants: []roster.Grant{{Role: roster.RoleManager, GroupID: north.ID}}}
	a.mustCreateContact(t, admin, contactBody("InSouth", "2015550102", south.ID))
	check("create")
	resp := a.as(t, admin, a.createContact, "POST /contacts", "", contactBody("Dup", "2015550102", north.ID), nil)
	t.Log(resp.StatusCode, resp.Body)
	check("dup admin")
	resp = a.as(t, manager, a.createContact, "POST /contacts", "", contactBody("Dup", "2015550102", north.ID), nil)
	t.Log(resp.StatusCode, resp.Body)
	check("dup manager")
}
