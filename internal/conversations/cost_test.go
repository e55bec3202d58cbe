package conversations_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/conversations"
	hoursreader "github.com/roster-app/roster/internal/hours"
	"github.com/roster-app/roster/internal/local/dynamolocal"
	"github.com/roster-app/roster/internal/roster"
)

// within reports whether large costs at most 1.2 × small + 4 units.
func within(small, large dynamolocal.Usage) bool {
	return large.RRU <= 1.2*small.RRU+4 && large.WRU <= 1.2*small.WRU+4
}

// addGroup adds a group below the root with agents: mailed use the
// organisation's default; later have their own settings with a one-hour
// threshold; off have email off.
func (f *fixture) addGroup(t *testing.T, name string, mailed, later, off int) roster.Group {
	t.Helper()
	ctx := context.Background()
	now := f.clock.Now()
	tv, err := f.store.TreeVersion(ctx, f.org.ID)
	if err != nil {
		t.Fatal(err)
	}
	g := roster.Group{ID: roster.NewID(now), OrgID: f.org.ID, Name: name, Kind: "location", ParentID: f.root.ID, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := f.store.ChangeGroups(ctx, f.org.ID, roster.GroupChange{TreeVersion: tv, Put: &g,
		Audit: roster.AuditEvent{ID: roster.NewID(now), OrgID: f.org.ID, ActorID: f.admin.ID, Type: "group.created", SubjectID: g.ID, At: now}}); err != nil {
		t.Fatal(err)
	}
	for i := range mailed + later + off {
		u := roster.User{ID: roster.NewID(now), OrgID: f.org.ID, Email: fmt.Sprintf("%s%03d@acme.example", name, i), FirstName: "Agent", LastName: name,
			Status: roster.UserActive, Grants: []roster.Grant{{Role: roster.RoleAgent, GroupID: g.ID}}, Version: 1, CreatedAt: now, UpdatedAt: now}
		if err := f.store.CreateUser(ctx, u, nil, roster.AuditEvent{ID: roster.NewID(now), OrgID: f.org.ID, ActorID: f.admin.ID,
			Type: "user.created", SubjectID: u.ID, At: now}); err != nil {
			t.Fatal(err)
		}
		switch {
		case i >= mailed+later:
			own := base
			own.EmailEnabled = false
			f.setSettings(t, u.ID, own)
		case i >= mailed:
			own := base
			own.UnclaimedMinutes = 60
			f.setSettings(t, u.ID, own)
		}
	}
	return g
}

// An inbound message, a claim and a release cost the same whatever the
// size of the group; a notifier run costs with the mails it sends, not
// with the members it does not mail.
func TestCostsDoNotGrowWithTheGroup(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.store.AdvanceNotifyCursor(ctx, start.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	small := f.addGroup(t, "small", 3, 0, 0)
	large := f.addGroup(t, "large", 3, 30, 30) // 63 agents, 3 of them mailed at 10 minutes
	secret, err := f.svc.RotateSecret(ctx, f.caller(f.admin))
	if err != nil {
		t.Fatal(err)
	}
	svc := &conversations.Service{Store: f.store, Hours: hoursreader.NewReader(f.store), Now: f.clock.Now}

	// Authenticate and receive, as the webhook does.
	inbound := func(g roster.Group, from string) (roster.Message, dynamolocal.Usage) {
		var m roster.Message
		u := f.meter.Measure(func() {
			body := []byte(`{"messageId":"` + nextProviderID() + `"}`)
			ts := strconv.FormatInt(f.clock.Now().Unix(), 10)
			if err := svc.Authenticate(ctx, f.org.ID, ts, conversations.Sign(secret, ts, body), body); err != nil {
				t.Fatal(err)
			}
			var created bool
			m, created, err = svc.Receive(ctx, f.org.ID, conversations.Inbound{ProviderID: nextProviderID(), From: from, GroupID: g.ID, Text: "hello"})
			if err != nil || !created {
				t.Fatalf("receive: %v", err)
			}
		})
		return m, u
	}
	// Each group gets a message from a new number, then one more in the
	// open conversation: the small group's at 10:00, the large group's at 10:02.
	ms, newSmall := inbound(small, "+15555550501")
	_, againSmall := inbound(small, "+15555550501")
	f.clock.set(start.Add(2 * time.Minute))
	ml, newLarge := inbound(large, "+15555550502")
	_, againLarge := inbound(large, "+15555550502")
	t.Logf("inbound, new contact: %d agents %+v; %d agents %+v", 3, newSmall, 63, newLarge)
	t.Logf("inbound, open conversation: %d agents %+v; %d agents %+v", 3, againSmall, 63, againLarge)
	if newSmall.Calls > 6 || newLarge.Calls != newSmall.Calls || !within(newSmall, newLarge) {
		t.Fatalf("inbound from a new number: small %+v, large %+v", newSmall, newLarge)
	}
	if againSmall.Calls > 6 || againLarge.Calls != againSmall.Calls || !within(againSmall, againLarge) {
		t.Fatalf("inbound to an open conversation: small %+v, large %+v", againSmall, againLarge)
	}

	// The notifier: the small group's two messages are due at 10:10 (its 3
	// agents and Ann), the large group's at 10:12 (3 of its 63 agents and Ann).
	f.runs(t, 1, 10)
	f.mail.take()
	var runSmall, runLarge dynamolocal.Usage
	var stSmall, stLarge conversations.RunStats
	runSmall = f.meter.Measure(func() { stSmall = f.run(t, at(11)) })
	f.run(t, at(12))
	runLarge = f.meter.Measure(func() { stLarge = f.run(t, at(13)) })
	f.mail.take()
	t.Logf("notifier run, small group: %+v, %+v", stSmall, runSmall)
	t.Logf("notifier run, large group: %+v, %+v", stLarge, runLarge)
	if stSmall.Sent != 8 || stLarge.Sent != 8 || !within(runSmall, runLarge) {
		t.Fatalf("notifier runs: small %+v %+v, large %+v %+v", stSmall, runSmall, stLarge, runLarge)
	}

	// Claim and release, no per-user reads or writes.
	var claimSmall, claimLarge, releaseSmall, releaseLarge dynamolocal.Usage
	f.clock.set(at(20))
	for _, c := range []struct {
		conv           string
		claim, release *dynamolocal.Usage
	}{{ms.ConversationID, &claimSmall, &releaseSmall}, {ml.ConversationID, &claimLarge, &releaseLarge}} {
		*c.claim = f.meter.Measure(func() {
			if _, err := svc.Claim(ctx, f.caller(f.admin), c.conv); err != nil {
				t.Fatal(err)
			}
		})
		*c.release = f.meter.Measure(func() {
			if _, err := svc.Release(ctx, f.caller(f.admin), c.conv); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Logf("claim: small %+v, large %+v; release: small %+v, large %+v", claimSmall, claimLarge, releaseSmall, releaseLarge)
	if !within(claimSmall, claimLarge) || !within(releaseSmall, releaseLarge) {
		t.Fatal("claim or release grows with the group")
	}
}

// A notifier run's cost grows with the mails it sends.
func TestNotifierCostGrowsWithMails(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if err := f.store.AdvanceNotifyCursor(ctx, start.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	few := f.addGroup(t, "few", 3, 0, 0)
	many := f.addGroup(t, "many", 30, 0, 0)
	f.receive(t, "+15555550601", few, "hello")
	f.clock.set(at(2))
	f.receive(t, "+15555550602", many, "hello")
	f.runs(t, 1, 10)
	var uFew, uMany dynamolocal.Usage
	var stFew, stMany conversations.RunStats
	uFew = f.meter.Measure(func() { stFew = f.run(t, at(11)) })
	f.run(t, at(12))
	uMany = f.meter.Measure(func() { stMany = f.run(t, at(13)) })
	t.Logf("notifier run, %d mails: %+v; %d mails: %+v", stFew.Sent, uFew, stMany.Sent, uMany)
	if stFew.Sent != 4 || stMany.Sent != 31 {
		t.Fatalf("mails: %+v, %+v", stFew, stMany)
	}
	perMail := (uMany.RRU + uMany.WRU - uFew.RRU - uFew.WRU) / float64(stMany.Sent-stFew.Sent)
	t.Logf("units per extra mail: %.1f", perMail)
}
