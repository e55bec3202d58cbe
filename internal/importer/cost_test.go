package importer_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/roster-app/roster/internal/roster"
)

// TestRepsAreReadForTheRowsThatNameThem checks a file naming account reps,
// then exports it, in an organisation of 30 and one of 600 more users: what
// both cost does not depend on the users, only on the reps the rows name.
func TestRepsAreReadForTheRowsThatNameThem(t *testing.T) {
	measure := func(n int) (check, export float64) {
		f := newFixture(t)
		ctx := context.Background()
		now := f.clock.Now()
		for i := range n {
			u := roster.User{ID: roster.NewID(now), OrgID: f.org.ID, Email: fmt.Sprintf("u%d@acme.example", i), FirstName: "U", LastName: fmt.Sprint(i),
				Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: f.boston.ID}}, Version: 1, CreatedAt: now, UpdatedAt: now}
			if err := f.store.CreateUser(ctx, u, nil, roster.AuditEvent{ID: roster.NewID(now), OrgID: f.org.ID, At: now}); err != nil {
				t.Fatal(err)
			}
		}
		h := f.header()
		boston := roster.GroupPath(f.tree, f.boston.ID)
		rows := [][]string{h}
		for i := range 20 {
			rows = append(rows, f.row(h, map[string]string{"First Name": fmt.Sprint("C", i), "Cell Phone": fmt.Sprintf("20155501%02d", i),
				"Account Rep Email": []string{"mo@acme.example", "u1@acme.example", "ann@acme.example"}[i%3], boston: "X"}))
		}
		var imp roster.ContactImport
		use := f.db.Measure(func() { imp = f.upload(f.admin, roster.ImportNew, "reps.csv", csvOf(rows...)) })
		if imp.Status != roster.ImportReady || imp.Summary.New != 20 {
			t.Fatalf("check: %s %+v", imp.Status, imp.Summary)
		}
		if imp = f.apply(f.admin, imp.ID); imp.Status != roster.ImportCompleted {
			t.Fatalf("apply: %s", imp.Status)
		}
		exp := f.db.Measure(func() {
			e, err := f.exportsv.Start(ctx, f.caller(f.admin), "csv", "")
			if err != nil {
				t.Fatal(err)
			}
			f.pump()
			if e, err = f.store.Export(ctx, f.org.ID, e.ID); err != nil || e.Status != roster.ExportCompleted || e.Rows != 20 {
				t.Fatalf("export %+v, %v", e, err)
			}
		})
		t.Logf("among %d users: checking 20 rows naming 3 reps %d calls %.1f RRU; exporting them %d calls %.1f RRU",
			n+2, use.Calls, use.RRU, exp.Calls, exp.RRU)
		return use.RRU, exp.RRU
	}
	sc, se := measure(30)
	lc, le := measure(600)
	if lc > 1.2*sc+4 || le > 1.2*se+4 {
		t.Errorf("among 602 users: check %.1f, export %.1f RRU; among 32: %.1f, %.1f", lc, le, sc, se)
	}
}
