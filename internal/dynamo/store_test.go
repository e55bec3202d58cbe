package dynamo_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/roster"
)

func mustStore(t *testing.T) *dynamo.Store {
	t.Helper()
	db, table := dynamotest.MustOpen(t)
	return dynamo.NewStore(db, table)
}

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func newOrg(email string) (roster.Organisation, roster.Group, roster.User) {
	org := roster.Organisation{ID: roster.NewID(t0), Name: "Acme", DefaultRegion: "US", TimeZone: "UTC", CreatedAt: t0}
	root := roster.Group{ID: roster.NewID(t0), OrgID: org.ID, Name: "Acme", Kind: roster.GroupRoot, CreatedAt: t0}
	org.RootGroupID = root.ID
	admin := roster.User{ID: roster.NewID(t0), OrgID: org.ID, Email: email, FirstName: "Ann", LastName: "Admin",
		Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAdmin, GroupID: root.ID}},
		PasswordHash: "$argon2id$hash", Version: 1, CreatedAt: t0, UpdatedAt: t0}
	return org, root, admin
}

func TestCreateOrganisation(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatalf("CreateOrganisation: %v", err)
	}

	t.Run("the user reads back by id and by email", func(t *testing.T) {
		u, err := s.User(ctx, org.ID, admin.ID)
		if err != nil {
			t.Fatal(err)
		}
		byEmail, err := s.UserByEmail(ctx, "ann@acme.example")
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != admin.Email || byEmail.ID != admin.ID || len(u.Grants) != 1 || u.Grants[0] != admin.Grants[0] ||
			!u.CreatedAt.Equal(t0) || u.PasswordHash != admin.PasswordHash || u.Status != roster.UserActive {
			t.Fatalf("read back %+v / %+v", u, byEmail)
		}
	})
	t.Run("the organisation reads back", func(t *testing.T) {
		o, err := s.Organisation(ctx, org.ID)
		if err != nil || o.Name != "Acme" || o.RootGroupID != root.ID {
			t.Fatalf("Organisation = %+v, %v", o, err)
		}
	})
	t.Run("another organisation's id finds nothing", func(t *testing.T) {
		_, err := s.User(ctx, roster.NewID(t0), admin.ID)
		if roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("err = %v, want not found", err)
		}
	})
	t.Run("a second organisation with the same email is refused and writes nothing", func(t *testing.T) {
		org2, root2, admin2 := newOrg("ann@acme.example")
		err := s.CreateOrganisation(ctx, org2, root2, admin2, nil)
		if roster.ReasonOf(err) != "email_taken" {
			t.Fatalf("err = %v, want email_taken", err)
		}
		if _, err := s.Organisation(ctx, org2.ID); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("half-written organisation: %v", err)
		}
	})
}

func TestConcurrentCreatesClaimAnEmailOnce(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	var wg sync.WaitGroup
	results := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			org, root, admin := newOrg("race@acme.example")
			results <- s.CreateOrganisation(ctx, org, root, admin, nil)
		}()
	}
	wg.Wait()
	close(results)
	won := 0
	for err := range results {
		switch roster.ReasonOf(err) {
		case "":
			won++
		case "email_taken":
		default:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d creates won the same email, want 1", won)
	}
}

func TestSessions(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	sess := roster.Session{ID: roster.NewID(t0), OrgID: "o", UserID: "u", TokenHash: "h1", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	if err := s.CreateSession(ctx, sess); err != nil {
		t.Fatal(err)
	}
	t.Run("rotation needs the current hash", func(t *testing.T) {
		if err := s.RotateSession(ctx, sess, "h2", t0, ""); err != nil {
			t.Fatal(err)
		}
		if err := s.RotateSession(ctx, sess, "h3", t0, ""); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("second rotation from h1: %v, want conflict", err)
		}
		got, _ := s.Session(ctx, sess.ID)
		if got.TokenHash != "h2" || got.PrevTokenHash != "h1" || got.Rotations != 1 {
			t.Fatalf("session = %+v", got)
		}
	})
	t.Run("a revoked session cannot rotate", func(t *testing.T) {
		if err := s.RevokeSession(ctx, "o", "u", sess.ID); err != nil {
			t.Fatal(err)
		}
		rotated := sess
		rotated.TokenHash = "h2"
		if err := s.RotateSession(ctx, rotated, "h4", t0, ""); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("rotation of revoked session: %v", err)
		}
	})
	t.Run("revoking an unknown session is not found", func(t *testing.T) {
		if err := s.RevokeSession(ctx, "o", "u", "nope"); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestSignInAttempts(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	p := roster.EmailThrottle
	a, err := s.SignInAttempts(ctx, "email#x")
	if err != nil || a.Failures != 0 {
		t.Fatalf("fresh counter = %+v, %v", a, err)
	}
	next, exp := p.Fail(a, t0)
	if err := s.SaveSignInAttempts(ctx, "email#x", next, exp); err != nil {
		t.Fatal(err)
	}
	t.Run("a stale writer loses", func(t *testing.T) {
		stale, exp := p.Fail(a, t0) // built from the same read as the first write
		if err := s.SaveSignInAttempts(ctx, "email#x", stale, exp); roster.ErrorCodeOf(err) != roster.EConflict {
			t.Fatalf("stale write: %v, want conflict", err)
		}
	})
	t.Run("counts read back and clear", func(t *testing.T) {
		got, _ := s.SignInAttempts(ctx, "email#x")
		if got.Failures != 1 || !got.LastFailure.Equal(t0) || got.Version != 1 {
			t.Fatalf("counter = %+v", got)
		}
		if err := s.ClearSignInAttempts(ctx, "email#x"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.SignInAttempts(ctx, "email#x"); got.Failures != 0 {
			t.Fatalf("after clear = %+v", got)
		}
	})
}

func TestSweepExpired(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	mk := func(expires time.Time) string {
		id := roster.NewID(t0)
		if err := s.CreateSession(ctx, roster.Session{ID: id, OrgID: "o", UserID: "u", TokenHash: "h", CreatedAt: t0, ExpiresAt: expires}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	now := t0.Add(48 * time.Hour)
	expired := []string{mk(now.Add(-time.Minute)), mk(now.Add(-26 * time.Hour)), mk(now.Add(-70 * time.Hour))}
	live := []string{mk(now.Add(time.Minute)), mk(now.Add(30 * 24 * time.Hour))}
	n, err := s.SweepExpired(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2*len(expired) {
		t.Fatalf("swept %d, want %d (each session and its entry in the user's list)", n, 2*len(expired))
	}
	for _, id := range expired {
		if _, err := s.Session(ctx, id); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Errorf("expired session %s still there: %v", id, err)
		}
	}
	for _, id := range live {
		if _, err := s.Session(ctx, id); err != nil {
			t.Errorf("live session %s swept: %v", id, err)
		}
	}
	if n, err := s.SweepExpired(ctx, now); err != nil || n != 0 {
		t.Fatalf("second sweep = %d, %v; want 0", n, err)
	}
}

func TestImportsAreCreatedOnceAndSavedByVersion(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	imp := roster.ContactImport{ID: "imp1", OrgID: "o1", Mode: roster.ImportNew, Source: roster.UploadDropped,
		ObjectKey: "incoming/o1/a.csv", FileName: "a.csv", ObjectETag: `"e"`, UploaderID: "u1", UploaderEmail: "ann@acme.example",
		Status: roster.ImportAwaitingUpload, Version: 1, CreatedAt: t0, UpdatedAt: t0}
	if err := s.CreateImport(ctx, imp, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateImport(ctx, imp, nil); roster.ErrorCodeOf(err) != roster.EConflict {
		t.Fatalf("second create: %v, want conflict (a repeated S3 event)", err)
	}
	imp.Status, imp.Version = roster.ImportReady, 2
	imp.Summary = roster.ImportSummary{Rows: 3, New: 2, Errors: 1}
	imp.SampleErrors = []roster.ImportRowError{{Line: 3, Problems: []roster.FieldError{{Field: "Cell Phone", Message: "is required"}}}}
	imp.SampleChanges = []roster.ImportChange{{Line: 2, ContactID: "c1", Name: "Ann", Changes: []roster.ContactChange{{Field: "City", Old: "A", New: "B"}}}}
	if err := s.SaveImport(ctx, imp, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveImport(ctx, imp, nil, nil); roster.ErrorCodeOf(err) != roster.EConflict {
		t.Fatalf("save with a stale version: %v, want conflict", err)
	}
	got, err := s.Import(ctx, "o1", "imp1")
	if err != nil || !reflect.DeepEqual(got, imp) {
		t.Fatalf("Import =\n%+v, %v; want\n%+v", got, err, imp)
	}
}

func TestStoredTimesSortAsStrings(t *testing.T) {
	// Conditions compare stored times as strings; they must order like times.
	a := time.Date(2026, 11, 23, 10, 0, 5, 0, time.UTC)
	b := a.Add(500 * time.Millisecond)
	if !(dynamo.TS(a) < dynamo.TS(b)) {
		t.Fatalf("%s does not sort before %s", dynamo.TS(a), dynamo.TS(b))
	}
}

func TestConcurrentUsersClaimAnEmailOnce(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := roster.User{ID: roster.NewID(t0), OrgID: org.ID, Email: "same@acme.example", FirstName: "S", LastName: "S",
				Status: roster.UserInvited, Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: root.ID}}, Version: 1, CreatedAt: t0, UpdatedAt: t0}
			audit := roster.AuditEvent{ID: roster.NewID(t0), OrgID: org.ID, ActorID: admin.ID, Type: "user.created", SubjectID: u.ID, At: t0}
			results <- s.CreateUser(ctx, u, nil, audit)
		}()
	}
	wg.Wait()
	close(results)
	won := 0
	for err := range results {
		switch roster.ReasonOf(err) {
		case "":
			won++
		case "email_taken":
		default:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	page, _ := s.UsersByName(ctx, org.ID, roster.UserPageQuery{Statuses: roster.AllStatuses, Limit: 10}, func(roster.User) bool { return true })
	if all := page.Users; won != 1 || len(all) != 2 {
		t.Fatalf("%d creates won, %d users stored; want exactly one new user", won, len(all))
	}
	events, _ := s.AuditEvents(ctx, org.ID)
	if len(events) != 1 {
		t.Fatalf("%d audit events; the losers must write none", len(events))
	}
}

func TestRootGroupCountsItsFirstAdministrator(t *testing.T) {
	ctx := context.Background()
	db, table := dynamotest.MustOpen(t)
	s := dynamo.NewStore(db, table)
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &table, Key: map[string]types.AttributeValue{
		"pk": &types.AttributeValueMemberS{Value: "ORG#" + org.ID}, "sk": &types.AttributeValueMemberS{Value: "GROUP#" + root.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := out.Item["members"].(*types.AttributeValueMemberN); !ok || n.Value != "1" {
		t.Fatalf("root members = %v, want 1", out.Item["members"])
	}
}

// Issue 11: 100 sample changes of rows whose every field is at its longest
// made an import item over DynamoDB's 400 KB, and saving it failed. The
// samples now keep the first rows that fit.
func TestImportSamplesStayUnderTheItemLimit(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	long := strings.Repeat("é", roster.MaxContactTextLength)
	var changes []roster.ImportChange
	for i := range roster.MaxImportSamples {
		c := roster.ImportChange{Line: i + 2, ContactID: fmt.Sprint("c", i), Name: long}
		for _, f := range []string{"firstName", "lastName", "company", "title", "accountNumber", "addrLine1", "addrLine2", "addrCity"} {
			c.Changes = append(c.Changes, roster.ContactChange{Field: f, Old: long, New: long + "x"})
		}
		changes = append(changes, c)
	}
	imp := roster.ContactImport{ID: "imp-big", OrgID: "o1", Mode: roster.ImportUpdate, Source: roster.UploadViaAPI,
		ObjectKey: "imports/o1/imp-big/a.csv", FileName: "a.csv", UploaderID: "u1", UploaderEmail: "ann@acme.example",
		Status: roster.ImportReady, SampleChanges: changes, Version: 1, CreatedAt: t0, UpdatedAt: t0}
	if err := s.CreateImport(ctx, imp, nil); err != nil {
		t.Fatalf("create an import with long samples: %v", err)
	}
	imp.Version = 2
	if err := s.SaveImport(ctx, imp, nil, nil); err != nil {
		t.Fatalf("save an import with long samples: %v", err)
	}
	got, err := s.Import(ctx, "o1", "imp-big")
	if err != nil {
		t.Fatal(err)
	}
	n := len(got.SampleChanges)
	if n == 0 || n >= len(changes) || !reflect.DeepEqual(got.SampleChanges, changes[:n]) {
		t.Fatalf("kept %d samples, want the first ones that fit, fewer than %d", n, len(changes))
	}
}
