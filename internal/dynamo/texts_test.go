package dynamo_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/roster"
)

// welcome is a queued text of its own, due at due.
func welcome(orgID, id string, due time.Time) roster.OutboundText {
	return roster.OutboundText{ID: id, OrgID: orgID, ContactID: "c-" + id, GroupID: "g1", To: "+12015550100", Kind: roster.TextWelcome,
		Body: "Hi, welcome", CreatedAt: t0, Status: roster.TextQueued, StatusAt: t0, NextAttemptAt: due}
}

func textIDs(ts []roster.OutboundText) []string {
	return ids(ts, func(t roster.OutboundText) string { return t.ID })
}

func wantCode(t *testing.T, what string, err error, code roster.ErrorCode, reason string) {
	t.Helper()
	if roster.ErrorCodeOf(err) != code || reason != "" && roster.ReasonOf(err) != reason {
		t.Fatalf("%s: %v, want %s %s", what, err, code, reason)
	}
}

func mustDue(t *testing.T, s *dynamo.Store, now time.Time, limit int) []roster.OutboundText {
	t.Helper()
	due, err := s.DueTexts(context.Background(), now, limit)
	if err != nil {
		t.Fatal(err)
	}
	return due
}

func TestQueueTextsOnce(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org := roster.NewID(t0)
	first := welcome(org, "welcome-1", t0)
	if err := s.QueueTexts(ctx, []roster.OutboundText{first}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Text(ctx, first.Ref())
	if err != nil {
		t.Fatal(err)
	}
	if got != first {
		t.Fatalf("read back\n%+v\nwant\n%+v", got, first)
	}

	again := first
	again.Body = "a second import's text"
	t.Run("a second queue leaves the first", func(t *testing.T) {
		if err := s.QueueTexts(ctx, []roster.OutboundText{again, again}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Text(ctx, first.Ref()); got.Body != first.Body {
			t.Fatalf("body %q after queueing again", got.Body)
		}
	})
	t.Run("even once it was sent", func(t *testing.T) {
		if err := s.TextSent(ctx, first.Ref(), "prov-1", t0.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		if err := s.QueueTexts(ctx, []roster.OutboundText{again}); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Text(ctx, first.Ref())
		if got.Status != roster.TextSent || got.Body != first.Body || got.ProviderID != "prov-1" {
			t.Fatalf("after queueing a sent text again: %+v", got)
		}
		if due := mustDue(t, s, t0.Add(time.Hour), 10); len(due) != 0 {
			t.Fatalf("due: %v", textIDs(due))
		}
	})
	t.Run("many at once, without a status: queued, due when created", func(t *testing.T) {
		var many []roster.OutboundText
		for i := range 40 {
			many = append(many, roster.OutboundText{ID: fmt.Sprintf("welcome-m%02d", i), OrgID: org, To: "+12015550100",
				Kind: roster.TextWelcome, Body: "hi", CreatedAt: t0.Add(time.Duration(i) * time.Second)})
		}
		if err := s.QueueTexts(ctx, many); err != nil {
			t.Fatal(err)
		}
		due := mustDue(t, s, t0.Add(time.Hour), 100)
		if len(due) != 40 || due[0].Status != roster.TextQueued || !due[0].NextAttemptAt.Equal(t0) || !due[0].StatusAt.Equal(t0) {
			t.Fatalf("%d due, first %+v", len(due), due[0])
		}
	})
	t.Run("a message of a conversation is refused", func(t *testing.T) {
		x := welcome(org, "x", t0)
		x.ConversationID = "conv"
		wantCode(t, "queue a reply", s.QueueTexts(ctx, []roster.OutboundText{x}), roster.EInvalid, "")
	})
}

func TestDueTextsOrderAndLimit(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	orgs := []string{roster.NewID(t0), roster.NewID(t0)}
	// 48 texts due a second apart in a shuffled order, over both
	// organisations and most shards, and 5 due later.
	var texts []roster.OutboundText
	for i := range 48 {
		j := (i * 31) % 48
		texts = append(texts, welcome(orgs[j%2], fmt.Sprintf("t%02d", j), t0.Add(time.Duration(j)*time.Second)))
	}
	for i := range 5 {
		texts = append(texts, welcome(orgs[0], fmt.Sprintf("later%d", i), t0.Add(time.Hour)))
	}
	if err := s.QueueTexts(ctx, texts); err != nil {
		t.Fatal(err)
	}
	shards := map[string]bool{}
	for _, x := range texts[:48] {
		shards[dynamo.TextsDuePK(x.ID)] = true
	}
	if len(shards) < 12 {
		t.Fatalf("the texts fall in %d shards: the test needs most of the 16", len(shards))
	}
	var want []string
	for i := range 48 {
		want = append(want, fmt.Sprintf("t%02d", i))
	}
	now := t0.Add(47 * time.Second) // t47 is due exactly now
	t.Run("all due, oldest first, none of the later", func(t *testing.T) {
		if got := textIDs(mustDue(t, s, now, 100)); !slices.Equal(got, want) {
			t.Fatalf("due %v\nwant %v", got, want)
		}
	})
	t.Run("the limit keeps the oldest across shards", func(t *testing.T) {
		for _, limit := range []int{1, 5, 20} {
			if got := textIDs(mustDue(t, s, now, limit)); !slices.Equal(got, want[:limit]) {
				t.Fatalf("limit %d: %v, want %v", limit, got, want[:limit])
			}
		}
	})
	t.Run("not yet due", func(t *testing.T) {
		if got := textIDs(mustDue(t, s, t0.Add(9*time.Second+time.Millisecond), 100)); !slices.Equal(got, want[:10]) {
			t.Fatalf("due at t0+9s: %v", got)
		}
		if got := mustDue(t, s, t0.Add(-time.Second), 100); len(got) != 0 {
			t.Fatalf("due before any: %v", textIDs(got))
		}
	})
}

func TestClaimText(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org := roster.NewID(t0)
	x := welcome(org, "welcome-1", t0)
	if err := s.QueueTexts(ctx, []roster.OutboundText{x}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ClaimText(ctx, x.Ref(), t0, roster.TextLease)
	if err != nil {
		t.Fatal(err)
	}
	if got != x {
		t.Fatalf("claim returned %+v, want the text as it was %+v", got, x)
	}
	t.Run("a held lease keeps others out", func(t *testing.T) {
		_, err := s.ClaimText(ctx, x.Ref(), t0.Add(time.Minute), roster.TextLease)
		wantCode(t, "second claim", err, roster.EConflict, "text_leased")
	})
	t.Run("an expired lease: the claim sees the earlier attempt's SendingSince", func(t *testing.T) {
		later := t0.Add(roster.TextLease + time.Second)
		got, err := s.ClaimText(ctx, x.Ref(), later, roster.TextLease)
		if err != nil {
			t.Fatal(err)
		}
		if !got.SendingSince.Equal(t0) {
			t.Fatalf("SendingSince %v, want the first claim's %v", got.SendingSince, t0)
		}
		if now, _ := s.Text(ctx, x.Ref()); !now.SendingSince.Equal(later) {
			t.Fatalf("stored SendingSince %v, want %v", now.SendingSince, later)
		}
	})
	t.Run("gone or not queued: not found", func(t *testing.T) {
		_, err := s.ClaimText(ctx, roster.TextRef{OrgID: org, ID: "nothing"}, t0, roster.TextLease)
		wantCode(t, "claim of an unknown text", err, roster.ENotFound, "")
		if err := s.TextFailed(ctx, x.Ref(), "unknown outcome", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		_, err = s.ClaimText(ctx, x.Ref(), t0.Add(2*time.Hour), roster.TextLease)
		wantCode(t, "claim of a failed text", err, roster.ENotFound, "")
	})
}

func TestTextTransitions(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org := roster.NewID(t0)
	sent, failed, retried := welcome(org, "sent", t0), welcome(org, "failed", t0), welcome(org, "retried", t0)
	if err := s.QueueTexts(ctx, []roster.OutboundText{sent, failed, retried}); err != nil {
		t.Fatal(err)
	}
	for _, x := range []roster.OutboundText{sent, failed, retried} {
		if _, err := s.ClaimText(ctx, x.Ref(), t0, roster.TextLease); err != nil {
			t.Fatal(err)
		}
	}
	at := t0.Add(time.Second)
	if err := s.TextSent(ctx, sent.Ref(), "prov-1", at); err != nil {
		t.Fatal(err)
	}
	if err := s.TextFailed(ctx, failed.Ref(), "opted_out", at); err != nil {
		t.Fatal(err)
	}
	retried.Attempts, retried.NextAttemptAt, retried.StatusReason = 1, t0.Add(roster.TextRetryDelay(1)), "throttled"
	if err := s.RetryText(ctx, retried); err != nil {
		t.Fatal(err)
	}

	t.Run("sent and failed leave the index; a retry waits for its time", func(t *testing.T) {
		if due := mustDue(t, s, at, 10); len(due) != 0 {
			t.Fatalf("due right after: %v", textIDs(due))
		}
		due := mustDue(t, s, t0.Add(roster.TextRetryDelay(1)), 10)
		if len(due) != 1 || due[0].ID != "retried" || due[0].Attempts != 1 || due[0].StatusReason != "throttled" ||
			!due[0].SendingSince.IsZero() {
			t.Fatalf("due after the delay: %+v", due)
		}
	})
	t.Run("what each reads back", func(t *testing.T) {
		got, _ := s.Text(ctx, sent.Ref())
		if got.Status != roster.TextSent || got.ProviderID != "prov-1" || !got.StatusAt.Equal(at) || !got.SendingSince.IsZero() {
			t.Fatalf("sent: %+v", got)
		}
		got, _ = s.Text(ctx, failed.Ref())
		if got.Status != roster.TextFailed || got.StatusReason != "opted_out" || !got.StatusAt.Equal(at) {
			t.Fatalf("failed: %+v", got)
		}
	})
	t.Run("a retried text's lease is released", func(t *testing.T) {
		if _, err := s.ClaimText(ctx, retried.Ref(), t0.Add(time.Minute), roster.TextLease); err != nil {
			t.Fatalf("claim after the retry, within the old lease: %v", err)
		}
	})
	t.Run("only a queued text moves", func(t *testing.T) {
		wantCode(t, "sent twice", s.TextSent(ctx, sent.Ref(), "prov-2", at), roster.ENotFound, "")
		wantCode(t, "fail a sent text", s.TextFailed(ctx, sent.Ref(), "x", at), roster.ENotFound, "")
		wantCode(t, "retry a failed text", s.RetryText(ctx, failed), roster.ENotFound, "")
		wantCode(t, "an unknown text", s.TextSent(ctx, roster.TextRef{OrgID: org, ID: "nothing"}, "p", at), roster.ENotFound, "")
		if got, _ := s.Text(ctx, sent.Ref()); got.ProviderID != "prov-1" {
			t.Fatalf("provider id %q", got.ProviderID)
		}
	})
}

func TestTextEvents(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org := roster.NewID(t0)
	x, early := welcome(org, "x", t0), welcome(org, "early", t0)
	if err := s.QueueTexts(ctx, []roster.OutboundText{x, early}); err != nil {
		t.Fatal(err)
	}
	if err := s.TextSent(ctx, x.Ref(), "prov-x", t0); err != nil {
		t.Fatal(err)
	}
	at := t0.Add(time.Minute)
	t.Run("another provider id", func(t *testing.T) {
		wantCode(t, "event", s.TextEvent(ctx, x.Ref(), "prov-other", roster.TextDelivered, "", at), roster.EConflict, "provider_id_mismatch")
	})
	t.Run("before TextSent stored the id", func(t *testing.T) {
		wantCode(t, "event", s.TextEvent(ctx, early.Ref(), "prov-early", roster.TextDelivered, "", at), roster.EConflict, "provider_id_mismatch")
	})
	t.Run("an unknown text", func(t *testing.T) {
		wantCode(t, "event", s.TextEvent(ctx, roster.TextRef{OrgID: org, ID: "nothing"}, "p", roster.TextDelivered, "", at), roster.ENotFound, "")
	})
	t.Run("sent again: nothing moves", func(t *testing.T) {
		wantCode(t, "event", s.TextEvent(ctx, x.Ref(), "prov-x", roster.TextSent, "", at), roster.EConflict, "text_event_out_of_order")
	})
	t.Run("delivered, then only forward", func(t *testing.T) {
		if err := s.TextEvent(ctx, x.Ref(), "prov-x", roster.TextDelivered, "", at); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "failed after delivered", s.TextEvent(ctx, x.Ref(), "prov-x", roster.TextFailed, "carrier_unreachable", at.Add(time.Second)),
			roster.EConflict, "text_event_out_of_order")
		wantCode(t, "delivered twice", s.TextEvent(ctx, x.Ref(), "prov-x", roster.TextDelivered, "", at.Add(time.Second)),
			roster.EConflict, "text_event_out_of_order")
		got, _ := s.Text(ctx, x.Ref())
		if got.Status != roster.TextDelivered || !got.StatusAt.Equal(at) || got.StatusReason != "" {
			t.Fatalf("after the events: %+v", got)
		}
	})
	t.Run("a sent text fails with the reason", func(t *testing.T) {
		y := welcome(org, "y", t0)
		if err := s.QueueTexts(ctx, []roster.OutboundText{y}); err != nil {
			t.Fatal(err)
		}
		if err := s.TextSent(ctx, y.Ref(), "prov-y", t0); err != nil {
			t.Fatal(err)
		}
		if err := s.TextEvent(ctx, y.Ref(), "prov-y", roster.TextFailed, "blocked: spam", at); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Text(ctx, y.Ref()); got.Status != roster.TextFailed || got.StatusReason != "blocked: spam" {
			t.Fatalf("after the event: %+v", got)
		}
	})
}

func TestRepliesAreTexts(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org := roster.NewID(t0)
	c := saveConversation(t, s, org, "g1", t0)
	at := t0.Add(time.Minute)
	reply := roster.Message{ID: roster.NewID(at), OrgID: org, ConversationID: c.ID, Direction: roster.Outbound, Body: "on our way",
		To: c.ContactPhone, UserID: "ann", At: at, Status: roster.TextQueued, StatusAt: at}
	if err := s.SaveOutbound(ctx, reply); err != nil {
		t.Fatal(err)
	}
	ref := roster.TextRef{OrgID: org, ConversationID: c.ID, ID: reply.ID}

	t.Run("a queued reply is due and reads as a text", func(t *testing.T) {
		due := mustDue(t, s, at, 10)
		want := roster.OutboundText{ID: reply.ID, OrgID: org, ConversationID: c.ID, To: c.ContactPhone, Kind: roster.TextReply,
			Body: reply.Body, CreatedAt: at, Status: roster.TextQueued, StatusAt: at, NextAttemptAt: at}
		if len(due) != 1 || due[0] != want {
			t.Fatalf("due %+v\nwant %+v", due, want)
		}
		if got, err := s.Text(ctx, ref); err != nil || got != want {
			t.Fatalf("Text = %+v, %v", got, err)
		}
	})
	t.Run("its status is in the conversation's messages", func(t *testing.T) {
		if _, err := s.ClaimText(ctx, ref, at, roster.TextLease); err != nil {
			t.Fatal(err)
		}
		if err := s.TextSent(ctx, ref, "prov-r", at.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		msgs, _, err := s.Messages(ctx, org, c.ID, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) != 2 || msgs[1].ID != reply.ID || msgs[1].Status != roster.TextSent || msgs[1].ProviderID != "prov-r" ||
			!msgs[1].StatusAt.Equal(at.Add(time.Second)) || msgs[0].Status != "" {
			t.Fatalf("messages %+v", msgs)
		}
		if m, err := s.Message(ctx, org, c.ID, reply.ID); err != nil || m.Status != roster.TextSent {
			t.Fatalf("Message = %+v, %v", m, err)
		}
		if due := mustDue(t, s, at.Add(time.Hour), 10); len(due) != 0 {
			t.Fatalf("due after sent: %v", textIDs(due))
		}
	})
	t.Run("an inbound message is not a text", func(t *testing.T) {
		_, err := s.Text(ctx, roster.TextRef{OrgID: org, ConversationID: c.ID, ID: c.LastInboundID})
		wantCode(t, "Text of an inbound message", err, roster.ENotFound, "")
		_, err = s.ClaimText(ctx, roster.TextRef{OrgID: org, ConversationID: c.ID, ID: c.LastInboundID}, at, roster.TextLease)
		wantCode(t, "claim of an inbound message", err, roster.ENotFound, "")
	})
	t.Run("a reply without a status (before issue 13) is not due", func(t *testing.T) {
		old := reply
		old.ID, old.Status, old.StatusAt = roster.NewID(at), "", time.Time{}
		if err := s.SaveOutbound(ctx, old); err != nil {
			t.Fatal(err)
		}
		if due := mustDue(t, s, at.Add(time.Hour), 10); len(due) != 0 {
			t.Fatalf("due: %v", textIDs(due))
		}
	})
	t.Run("an auto-reply is due, with the conversation's contact", func(t *testing.T) {
		in := t0.Add(2 * time.Hour)
		m := roster.Message{ID: roster.NewID(in), OrgID: org, ConversationID: c.ID, Direction: roster.Inbound, Body: "hello?",
			From: c.ContactPhone, ProviderID: "p-2", At: in}
		auto := roster.Message{ID: roster.NewID(in), OrgID: org, ConversationID: c.ID, Direction: roster.Outbound, Body: "we are closed",
			To: c.ContactPhone, AutoReply: true, At: in, Status: roster.TextQueued, StatusAt: in}
		conv := c
		conv.LastInboundAt, conv.LastInboundID, conv.Version = in, m.ID, c.Version+1
		if err := s.SaveInbound(ctx, roster.InboundWrite{Message: m, AutoReply: &auto, Conversation: conv, PrevVersion: c.Version,
			Due: roster.DueNotification{OrgID: org, ConversationID: c.ID, MessageID: m.ID, Kind: roster.NotifyUnclaimed, GroupID: "g1",
				ReceivedAt: in, DueAt: in.Add(time.Minute)}}); err != nil {
			t.Fatal(err)
		}
		due := mustDue(t, s, in, 10)
		if len(due) != 1 || due[0].ID != auto.ID || due[0].Kind != roster.TextAutoReply || due[0].ContactID != c.ContactID ||
			due[0].ConversationID != c.ID {
			t.Fatalf("due %+v", due)
		}
	})
}

func TestTakeSendSlot(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	sec := t0.Add(500 * time.Millisecond)
	for i := range 3 {
		if err := s.TakeSendSlot(ctx, sec.Add(time.Duration(i)*100*time.Millisecond), 3); err != nil {
			t.Fatalf("slot %d: %v", i, err)
		}
	}
	wantCode(t, "a fourth in the second", s.TakeSendSlot(ctx, sec.Add(400*time.Millisecond), 3), roster.EConflict, "rate_limited")
	if err := s.TakeSendSlot(ctx, t0.Add(time.Second), 3); err != nil {
		t.Fatalf("the next second: %v", err)
	}
	if err := s.TakeSendSlot(ctx, sec, 4); err != nil {
		t.Fatalf("a higher limit: %v", err)
	}
}

func TestOptOuts(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org := roster.NewID(t0)
	phone := "+12015550123"
	if _, err := s.OptOutOf(ctx, org, phone); roster.ErrorCodeOf(err) != roster.ENotFound {
		t.Fatalf("before: %v", err)
	}
	o := roster.OptOut{OrgID: org, Phone: phone, At: t0, MessageID: "m1"}
	confirm := roster.OutboundText{ID: "opt-out-m1", OrgID: org, To: phone, Kind: roster.TextOptOutReply, Body: "unsubscribed", CreatedAt: t0}
	if err := s.SetOptOut(ctx, o, &confirm); err != nil {
		t.Fatal(err)
	}
	t.Run("the opt-out and its confirmation, in one write", func(t *testing.T) {
		if got, err := s.OptOutOf(ctx, org, phone); err != nil || got != o {
			t.Fatalf("OptOutOf = %+v, %v", got, err)
		}
		due := mustDue(t, s, t0, 10)
		if len(due) != 1 || due[0].ID != confirm.ID || due[0].Kind != roster.TextOptOutReply || due[0].Status != roster.TextQueued {
			t.Fatalf("due %+v", due)
		}
	})
	t.Run("twice: opted_out, and no second confirmation", func(t *testing.T) {
		again := roster.OutboundText{ID: "opt-out-m2", OrgID: org, To: phone, Kind: roster.TextOptOutReply, Body: "unsubscribed", CreatedAt: t0}
		wantCode(t, "second opt-out", s.SetOptOut(ctx, roster.OptOut{OrgID: org, Phone: phone, At: t0.Add(time.Minute), MessageID: "m2"}, &again),
			roster.EConflict, "opted_out")
		if _, err := s.Text(ctx, again.Ref()); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("second confirmation: %v", err)
		}
		if got, _ := s.OptOutOf(ctx, org, phone); got.MessageID != "m1" {
			t.Fatalf("opt-out now %+v", got)
		}
	})
	t.Run("cleared, with its confirmation", func(t *testing.T) {
		back := roster.OutboundText{ID: "opt-in-m3", OrgID: org, To: phone, Kind: roster.TextOptInReply, Body: "subscribed", CreatedAt: t0}
		if err := s.ClearOptOut(ctx, org, phone, &back); err != nil {
			t.Fatal(err)
		}
		if _, err := s.OptOutOf(ctx, org, phone); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("after clearing: %v", err)
		}
		if got, err := s.Text(ctx, back.Ref()); err != nil || got.Status != roster.TextQueued {
			t.Fatalf("confirmation %+v, %v", got, err)
		}
	})
	t.Run("cleared when not opted out: not found, nothing queued", func(t *testing.T) {
		back := roster.OutboundText{ID: "opt-in-m4", OrgID: org, To: phone, Kind: roster.TextOptInReply, Body: "subscribed", CreatedAt: t0}
		wantCode(t, "clear", s.ClearOptOut(ctx, org, phone, &back), roster.ENotFound, "")
		if _, err := s.Text(ctx, back.Ref()); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("confirmation: %v", err)
		}
		wantCode(t, "clear without a confirmation", s.ClearOptOut(ctx, org, phone, nil), roster.ENotFound, "")
	})
	t.Run("a confirmation queued before: nothing written", func(t *testing.T) {
		wantCode(t, "opt out again with the first confirmation", s.SetOptOut(ctx, o, &confirm), roster.EConflict, "duplicate_text")
		if _, err := s.OptOutOf(ctx, org, phone); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("opt-out written: %v", err)
		}
		if err := s.SetOptOut(ctx, o, nil); err != nil {
			t.Fatal(err)
		}
	})
}

func TestTextingSettings(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org, root, admin := newOrg("ann@acme.example")
	if err := s.CreateOrganisation(ctx, org, root, admin, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := s.TextingSettings(ctx, org.ID); err != nil || got != (roster.TextingSettings{}) {
		t.Fatalf("never set: %+v, %v", got, err)
	}
	audit := func() roster.AuditEvent { return contactAudit(org.ID, "organisation.texting_changed", org.ID) }
	set := roster.TextingSettings{OriginationIdentity: "+12015550000", HelpText: "Call us"}
	if err := s.SetTextingSettings(ctx, org.ID, set, 0, audit()); err != nil {
		t.Fatal(err)
	}
	set.Version = 1
	if got, _ := s.TextingSettings(ctx, org.ID); got != set {
		t.Fatalf("read back %+v, want %+v", got, set)
	}
	wantCode(t, "a write from version 0 again", s.SetTextingSettings(ctx, org.ID, roster.TextingSettings{}, 0, audit()),
		roster.EPreconditionFailed, "stale_version")
	if err := s.SetTextingSettings(ctx, org.ID, roster.TextingSettings{}, 1, audit()); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.TextingSettings(ctx, org.ID); got != (roster.TextingSettings{Version: 2}) {
		t.Fatalf("cleared: %+v", got)
	}
	if events, _ := s.AuditEvents(ctx, org.ID); len(events) != 2 {
		t.Fatalf("%d audit events, want 2 (none for the refused write)", len(events))
	}
	wantCode(t, "an unknown organisation", s.SetTextingSettings(ctx, "nothing", set, 0, audit()), roster.EPreconditionFailed, "")
	if _, err := s.TextingSettings(ctx, "nothing"); roster.ErrorCodeOf(err) != roster.ENotFound {
		t.Fatalf("unknown organisation: %v", err)
	}
	if o, _ := s.Organisation(ctx, org.ID); o.Name != org.Name {
		t.Fatalf("organisation after: %+v", o)
	}
}
