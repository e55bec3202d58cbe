package dynamo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/dynamo/dynamotest"
	"github.com/roster-app/roster/internal/local/dynamolocal"
	"github.com/roster-app/roster/internal/roster"
)

// TestTextCosts measures what each TextStore call costs on the meter
// (docs/table-design.md quotes the log), and holds that reading the due
// texts costs 16 Queries and a page however many are queued.
func TestTextCosts(t *testing.T) {
	ctx := context.Background()
	db := dynamotest.Open(t)
	s := dynamo.NewStore(db.Client, db.Table)
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	report := func(what string, u dynamolocal.Usage) dynamolocal.Usage {
		t.Helper()
		t.Logf("%-52s %2d calls %5.1f RRU %5.1f WRU", what, u.Calls, u.RRU, u.WRU)
		return u
	}
	measure := func(what string, fn func()) dynamolocal.Usage { t.Helper(); return report(what, db.Measure(fn)) }

	x := roster.WelcomeText(org, roster.Contact{ID: roster.NewID(t0), OrgID: org.ID, FirstName: "Ada", Phone: "+12015550100",
		Groups: []string{root.ID}}, t0)
	measure("QueueTexts, 1 new text", func() { must(s.QueueTexts(ctx, []roster.OutboundText{x})) })
	measure("QueueTexts, the same text again", func() { must(s.QueueTexts(ctx, []roster.OutboundText{x})) })
	measure("Text", func() { _, err := s.Text(ctx, x.Ref()); must(err) })
	measure("DueTexts, 1 queued, limit 25", func() { _, err := s.DueTexts(ctx, t0, 25); must(err) })
	measure("ClaimText", func() { _, err := s.ClaimText(ctx, x.Ref(), t0, roster.TextLease); must(err) })
	measure("ClaimText, leased (refused, then a GetItem)", func() { _, _ = s.ClaimText(ctx, x.Ref(), t0, roster.TextLease) })
	retry := x
	retry.Attempts, retry.NextAttemptAt, retry.StatusReason = 1, t0.Add(time.Minute), "throttled"
	measure("RetryText", func() { must(s.RetryText(ctx, retry)) })
	measure("TextSent", func() { must(s.TextSent(ctx, x.Ref(), "prov-1", t0)) })
	measure("TextEvent, delivered", func() { must(s.TextEvent(ctx, x.Ref(), "prov-1", roster.TextDelivered, "", t0)) })
	measure("TextEvent, out of order (refused, then a GetItem)", func() {
		_ = s.TextEvent(ctx, x.Ref(), "prov-1", roster.TextFailed, "late", t0)
	})
	y := welcome(org.ID, "y", t0)
	must(s.QueueTexts(ctx, []roster.OutboundText{y}))
	measure("TextFailed", func() { must(s.TextFailed(ctx, y.Ref(), "opted_out", t0)) })

	measure("TakeSendSlot, first of its second", func() { must(s.TakeSendSlot(ctx, t0, 2)) })
	measure("TakeSendSlot, second of its second", func() { must(s.TakeSendSlot(ctx, t0, 2)) })
	measure("TakeSendSlot, refused", func() { _ = s.TakeSendSlot(ctx, t0, 2) })

	c := saveConversation(t, s, org.ID, root.ID, t0)
	reply := func(status roster.TextStatus) roster.Message {
		return roster.Message{ID: roster.NewID(t0), OrgID: org.ID, ConversationID: c.ID, Direction: roster.Outbound, Body: "on our way",
			To: c.ContactPhone, UserID: admin.ID, At: t0, Status: status, StatusAt: t0}
	}
	measure("SaveOutbound, no status (as before issue 13)", func() { must(s.SaveOutbound(ctx, reply(""))) })
	measure("SaveOutbound, queued", func() { must(s.SaveOutbound(ctx, reply(roster.TextQueued))) })
	inbound := func(status roster.TextStatus) {
		in := roster.Message{ID: roster.NewID(t0), OrgID: org.ID, ConversationID: c.ID, Direction: roster.Inbound, Body: "hello?",
			From: c.ContactPhone, ProviderID: roster.NewID(t0), At: t0}
		auto := reply(status)
		auto.AutoReply, auto.UserID = true, ""
		conv := c
		conv.LastInboundID, conv.Version = in.ID, c.Version+1
		must(s.SaveInbound(ctx, roster.InboundWrite{Message: in, AutoReply: &auto, Conversation: conv, PrevVersion: c.Version,
			Due: roster.DueNotification{OrgID: org.ID, ConversationID: c.ID, MessageID: in.ID, Kind: roster.NotifyUnclaimed, GroupID: root.ID,
				ReceivedAt: t0, DueAt: t0.Add(time.Minute)}}))
		c = conv
	}
	measure("SaveInbound with an auto-reply, no status", func() { inbound("") })
	measure("SaveInbound with an auto-reply, queued", func() { inbound(roster.TextQueued) })

	phone := "+12015550123"
	confirm := func(id string) *roster.OutboundText {
		return &roster.OutboundText{ID: id, OrgID: org.ID, To: phone, Kind: roster.TextOptOutReply, Body: roster.OptOutConfirmation(org), CreatedAt: t0}
	}
	measure("OptOutOf, none", func() { _, _ = s.OptOutOf(ctx, org.ID, phone) })
	measure("SetOptOut with its confirmation", func() {
		must(s.SetOptOut(ctx, roster.OptOut{OrgID: org.ID, Phone: phone, At: t0, MessageID: "m1"}, confirm("c1")))
	})
	measure("SetOptOut, already opted out (refused)", func() {
		_ = s.SetOptOut(ctx, roster.OptOut{OrgID: org.ID, Phone: phone, At: t0, MessageID: "m2"}, confirm("c2"))
	})
	measure("ClearOptOut with its confirmation", func() { must(s.ClearOptOut(ctx, org.ID, phone, confirm("c3"))) })
	measure("SetOptOut without a confirmation", func() {
		must(s.SetOptOut(ctx, roster.OptOut{OrgID: org.ID, Phone: phone, At: t0, MessageID: "m4"}, nil))
	})
	measure("TextingSettings", func() { _, err := s.TextingSettings(ctx, org.ID); must(err) })
	measure("SetTextingSettings", func() {
		must(s.SetTextingSettings(ctx, org.ID, roster.TextingSettings{HelpText: "Call us"}, 0, contactAudit(org.ID, "organisation.texting_changed", org.ID)))
	})

	// The due texts: 16 Queries, each reading at most limit items, so the
	// units stop growing once every shard holds limit due texts.
	var many []roster.OutboundText
	for i := range 2000 {
		many = append(many, welcome(org.ID, fmt.Sprintf("w%04d", i), t0.Add(time.Duration(i)*time.Millisecond)))
	}
	queue100 := measure("QueueTexts, 100 new texts", func() { must(s.QueueTexts(ctx, many[:100])) })
	if queue100.Calls != 100 {
		t.Errorf("QueueTexts of 100: %d calls", queue100.Calls)
	}
	empty := measure("DueTexts, none due, limit 25", func() { _, err := s.DueTexts(ctx, t0.Add(-time.Hour), 25); must(err) })
	small := measure("DueTexts, ~100 queued, limit 25", func() { _, err := s.DueTexts(ctx, t0.Add(time.Hour), 25); must(err) })
	must(s.QueueTexts(ctx, many[100:1000]))
	large := measure("DueTexts, ~1,000 queued, limit 25", func() { _, err := s.DueTexts(ctx, t0.Add(time.Hour), 25); must(err) })
	must(s.QueueTexts(ctx, many[1000:]))
	larger := measure("DueTexts, ~2,000 queued, limit 25", func() { _, err := s.DueTexts(ctx, t0.Add(time.Hour), 25); must(err) })
	for _, u := range []dynamolocal.Usage{empty, small, large, larger} {
		if u.Calls != 16 {
			t.Errorf("DueTexts made %d calls, want 16", u.Calls)
		}
	}
	if empty.RRU != 8 || larger.RRU != large.RRU {
		t.Errorf("DueTexts: %.1f RRU with none due, %.1f with 1,000 queued, %.1f with 2,000", empty.RRU, large.RRU, larger.RRU)
	}
}
