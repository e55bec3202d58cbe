package dynamo_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/roster"
)

func newSession(org, user string, at time.Time, ua string) roster.Session {
	return roster.Session{ID: roster.NewID(at), OrgID: org, UserID: user, TokenHash: "h-" + ua, CreatedAt: at,
		ExpiresAt: at.Add(30 * 24 * time.Hour), IP: "192.0.2.1", UserAgent: ua}
}

// allSessions pages through a user's list, limit at a time.
func allSessions(t *testing.T, s *dynamo.Store, org, user string, q roster.SessionQuery) [][]roster.Session {
	t.Helper()
	var pages [][]roster.Session
	for range 20 {
		got, next, err := s.UserSessions(context.Background(), org, user, q)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, got)
		if next == "" {
			return pages
		}
		q.After = next
	}
	t.Fatal("the list does not end")
	return nil
}

func TestUserSessions(t *testing.T) {
	ctx := context.Background()
	db := dynamotest.Open(t)
	s := dynamo.NewStore(db.Client, db.Table)
	var made []roster.Session
	for i := range 5 {
		sess := newSession("o", "u", t0.Add(time.Duration(i)*time.Minute), "ua-"+string(rune('a'+i)))
		if err := s.CreateSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
		made = append(made, sess)
	}
	other := newSession("o", "someone-else", t0, "theirs")
	if err := s.CreateSession(ctx, other); err != nil {
		t.Fatal(err)
	}

	t.Run("a new session is listed as it began, with where from", func(t *testing.T) {
		got, next, err := s.UserSessions(ctx, "o", "u", roster.SessionQuery{Limit: 1})
		if err != nil || len(got) != 1 || next == "" {
			t.Fatalf("UserSessions = %+v, %q, %v", got, next, err)
		}
		want := made[4]
		g := got[0]
		if g.ID != want.ID || g.UserAgent != want.UserAgent || g.IP != want.IP || !g.CreatedAt.Equal(want.CreatedAt) ||
			!g.LastUsedAt.Equal(want.CreatedAt) || g.LastIP != want.IP || !g.ExpiresAt.Equal(want.ExpiresAt) || g.TokenHash != "" {
			t.Fatalf("listed %+v, want %+v used at its start and no token hash", g, want)
		}
	})
	t.Run("pages of two, newest first, every session once", func(t *testing.T) {
		pages := allSessions(t, s, "o", "u", roster.SessionQuery{Limit: 2})
		var ids []string
		for _, p := range pages {
			if len(p) > 2 {
				t.Fatalf("a page of %d", len(p))
			}
			for _, x := range p {
				ids = append(ids, x.ID)
			}
		}
		if len(ids) != 5 {
			t.Fatalf("listed %d sessions, want 5: %v", len(ids), ids)
		}
		for i, id := range ids {
			if id != made[4-i].ID {
				t.Fatalf("position %d is %s, want %s (newest first)", i, id, made[4-i].ID)
			}
		}
	})
	t.Run("a rotation records the use and the address", func(t *testing.T) {
		used := t0.Add(time.Hour)
		if err := s.RotateSession(ctx, made[1], "h-new", used, "198.51.100.7"); err != nil {
			t.Fatal(err)
		}
		got := find(t, s, made[1].ID)
		if !got.LastUsedAt.Equal(used) || got.LastIP != "198.51.100.7" || got.IP != "192.0.2.1" || got.UserAgent != made[1].UserAgent {
			t.Fatalf("after rotation: %+v", got)
		}
		if sess, _ := s.Session(ctx, made[1].ID); sess.TokenHash != "h-new" || sess.UserAgent != made[1].UserAgent {
			t.Fatalf("session after rotation: %+v", sess)
		}
	})
	t.Run("a revoked session leaves the list", func(t *testing.T) {
		if err := s.RevokeSession(ctx, "o", "u", made[2].ID); err != nil {
			t.Fatal(err)
		}
		if sess, _ := s.Session(ctx, made[2].ID); !sess.Revoked {
			t.Fatalf("session not revoked: %+v", sess)
		}
		for _, p := range allSessions(t, s, "o", "u", roster.SessionQuery{Limit: 10}) {
			for _, x := range p {
				if x.ID == made[2].ID {
					t.Fatal("revoked session still listed")
				}
			}
		}
		if err := s.RevokeSession(ctx, "o", "u", made[2].ID); err != nil {
			t.Fatalf("revoking twice: %v", err)
		}
	})
	t.Run("another user's session is not found and stays", func(t *testing.T) {
		if err := s.RevokeSession(ctx, "o", "u", other.ID); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("revoke another user's session: %v, want not found", err)
		}
		if sess, _ := s.Session(ctx, other.ID); sess.Revoked {
			t.Fatal("another user's session was revoked")
		}
		got, _, err := s.UserSessions(ctx, "o", "someone-else", roster.SessionQuery{Limit: 10})
		if err != nil || len(got) != 1 || got[0].ID != other.ID {
			t.Fatalf("their list = %+v, %v", got, err)
		}
	})
	t.Run("sessions ended all at once and expired ones are left out", func(t *testing.T) {
		got, _, err := s.UserSessions(ctx, "o", "u", roster.SessionQuery{ValidAfter: made[3].CreatedAt, Limit: 10})
		if err != nil || len(got) != 2 || got[0].ID != made[4].ID || got[1].ID != made[3].ID {
			t.Fatalf("valid after the 4th = %+v, %v", got, err)
		}
		got, _, err = s.UserSessions(ctx, "o", "u", roster.SessionQuery{Now: made[0].ExpiresAt, Limit: 10})
		if err != nil || len(got) != 3 || got[2].ID != made[1].ID {
			t.Fatalf("at the first one's expiry = %+v, %v", got, err)
		}
	})
	t.Run("a page costs one Query whatever the number of sessions", func(t *testing.T) {
		u := db.Measure(func() {
			if _, _, err := s.UserSessions(ctx, "o", "u", roster.SessionQuery{Limit: 2}); err != nil {
				t.Fatal(err)
			}
		})
		if u.Calls != 1 || u.RRU != 1 {
			t.Fatalf("a page of 2 cost %+v, want 1 call, 1 RRU", u)
		}
		create := db.Measure(func() {
			if err := s.CreateSession(ctx, newSession("o", "u", t0.Add(time.Hour), "costly")); err != nil {
				t.Fatal(err)
			}
		})
		rotate := db.Measure(func() {
			if err := s.RotateSession(ctx, made[4], "h-x", t0.Add(time.Hour), "192.0.2.9"); err != nil {
				t.Fatal(err)
			}
		})
		revoke := db.Measure(func() {
			if err := s.RevokeSession(ctx, "o", "u", made[4].ID); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("create %+v, rotate %+v, revoke %+v", create, rotate, revoke)
		if create.Calls != 1 || rotate.Calls != 1 || revoke.Calls != 1 {
			t.Fatalf("each write should be one transaction: %+v %+v %+v", create, rotate, revoke)
		}
	})
	t.Run("a cursor that is not an id is refused", func(t *testing.T) {
		_, _, err := s.UserSessions(ctx, "o", "u", roster.SessionQuery{After: "SESSION#x", Limit: 2})
		if roster.ErrorCodeOf(err) != roster.EInvalid {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("the sweep deletes an expired session's entry too", func(t *testing.T) {
		if _, err := s.SweepExpired(ctx, made[4].ExpiresAt.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got, _, err := s.UserSessions(ctx, "o", "u", roster.SessionQuery{Limit: 10}); err != nil || len(got) != 0 {
			t.Fatalf("after the sweep: %+v, %v", got, err)
		}
	})
}

// find reads one session of user u as the list shows it.
func find(t *testing.T, s *dynamo.Store, id string) roster.Session {
	t.Helper()
	for _, p := range allSessions(t, s, "o", "u", roster.SessionQuery{Limit: 10}) {
		for _, x := range p {
			if x.ID == id {
				return x
			}
		}
	}
	t.Fatalf("session %s not listed", id)
	return roster.Session{}
}

func TestASessionFromBeforeTheListIsListedAfterItsNextRefresh(t *testing.T) {
	ctx := context.Background()
	db := dynamotest.Open(t)
	s := dynamo.NewStore(db.Client, db.Table)
	old := roster.Session{ID: roster.NewID(t0), OrgID: "o", UserID: "u", TokenHash: "h1", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	// As the previous build wrote it: the session item alone.
	item, err := attributevalue.MarshalMap(map[string]any{"pk": "SESSION#" + old.ID, "sk": "SESSION", "type": "Session", "id": old.ID,
		"orgId": "o", "userId": "u", "tokenHash": "h1", "rotations": 0, "revoked": false,
		"createdAt": "2026-11-23T10:00:00.000000000Z", "expiresAt": "2026-11-23T11:00:00.000000000Z"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Client.PutItem(ctx, &dynamodb.PutItemInput{TableName: &db.Table, Item: item}); err != nil {
		t.Fatal(err)
	}
	if got, _, err := s.UserSessions(ctx, "o", "u", roster.SessionQuery{Limit: 10}); err != nil || len(got) != 0 {
		t.Fatalf("before a refresh: %+v, %v", got, err)
	}
	read, err := s.Session(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RotateSession(ctx, read, "h2", t0.Add(time.Minute), "192.0.2.3"); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.UserSessions(ctx, "o", "u", roster.SessionQuery{Limit: 10})
	if err != nil || len(got) != 1 || got[0].ID != old.ID || got[0].LastIP != "192.0.2.3" || got[0].UserAgent != "" {
		t.Fatalf("after a refresh: %+v, %v", got, err)
	}
}
