package groups_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/groups"
	"github.com/roster-app/roster/internal/roster"
)

func setup(t *testing.T) (*groups.Service, roster.Caller) {
	t.Helper()
	db, table := dynamotest.MustOpen(t)
	store := dynamo.NewStore(db, table)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	org := roster.Organisation{ID: roster.NewID(now), Name: "Acme", DefaultRegion: "US", TimeZone: "UTC", CreatedAt: now}
	root := roster.Group{ID: roster.NewID(now), OrgID: org.ID, Name: "Acme", Kind: roster.GroupRoot, CreatedAt: now}
	org.RootGroupID = root.ID
	admin := roster.User{ID: roster.NewID(now), OrgID: org.ID, Email: "ann@acme.example", FirstName: "Ann", LastName: "A",
		Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: root.ID}}, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := store.CreateOrganisation(context.Background(), org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	return groups.NewService(store, time.Now), roster.Caller{OrgID: org.ID, UserID: admin.ID, Grants: admin.Grants}
}

func ptr(s string) *string { return &s }

// TestConcurrentTreeChanges: changes race on the tree version; the losers
// re-check against the new tree, so concurrent creates all succeed and two
// groups can never be moved under each other.
func TestConcurrentTreeChanges(t *testing.T) {
	ctx := context.Background()
	svc, admin := setup(t)
	root := admin.Grants[0].GroupID

	t.Run("concurrent creates of different groups all succeed", func(t *testing.T) {
		var wg sync.WaitGroup
		errs := make(chan error, 3)
		for _, name := range []string{"North", "South", "East"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := svc.Create(ctx, admin, roster.GroupInput{Name: ptr(name), Kind: ptr("location"), ParentID: ptr(root)})
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("create: %v", err)
			}
		}
		all, _ := svc.List(ctx, admin)
		if len(all) != 4 {
			t.Fatalf("%d groups, want 4", len(all))
		}
	})
	t.Run("two groups moved under each other at once never form a cycle", func(t *testing.T) {
		a, err := svc.Create(ctx, admin, roster.GroupInput{Name: ptr("A"), Kind: ptr("team"), ParentID: ptr(root)})
		if err != nil {
			t.Fatal(err)
		}
		b, err := svc.Create(ctx, admin, roster.GroupInput{Name: ptr("B"), Kind: ptr("team"), ParentID: ptr(root)})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, _ = svc.Update(ctx, admin, a.ID, roster.GroupInput{ParentID: ptr(b.ID)}, a.Version)
		}()
		go func() {
			defer wg.Done()
			_, _ = svc.Update(ctx, admin, b.ID, roster.GroupInput{ParentID: ptr(a.ID)}, b.Version)
		}()
		wg.Wait()
		// The tree still loads, which it would not with a cycle.
		all, err := svc.List(ctx, admin)
		if err != nil {
			t.Fatalf("tree after the race: %v", err)
		}
		if len(all) != 6 {
			t.Fatalf("%d groups visible, want 6", len(all))
		}
	})
}
