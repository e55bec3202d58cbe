// Package texts sends the texts Roster queues (roster.OutboundText) through
// the messaging provider and records what the carriers say of them.
//
// A text is queued in the write that causes it. The function that wrote it
// hands it to Deliver at once; the SendTexts schedule hands every text
// still due to DeliverDue. Each send:
//
//  1. claims the text with a lease, so two senders never both send it, and
//     marks it as being sent: a claim that finds that mark from an earlier
//     attempt cannot know whether the text went out, and fails it rather
//     than risk a duplicate (at most once, per text id);
//  2. skips numbers that opted out (but the confirmation of the opt-out),
//     and holds welcome texts until their group is open;
//  3. takes a slot of the deployment's messages per second;
//  4. sends, then records sent with the provider's id, or retries a
//     transient refusal with backoff (Sender.Retry), or marks the
//     text failed with the reason.
package texts

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// Store is what sending needs.
type Store interface {
	roster.TextStore
	Organisation(ctx context.Context, orgID string) (roster.Organisation, error)
}

// Sender sends queued texts.
type Sender struct {
	Store    Store
	Provider roster.TextProvider
	Hours    roster.GroupHoursReader // for welcome texts; nil sends them at any hour
	// DefaultFrom is the origination identity of organisations that set
	// none (the template's DefaultOriginationIdentity).
	DefaultFrom string
	// PerSecond is the account's messages-per-second limit, shared by every
	// sender of the deployment through the table (Store.TakeSendSlot).
	PerSecond int
	// Retry is how refused texts are retried; zero is roster.DefaultTextRetry.
	Retry roster.TextRetry
	Log   *slog.Logger
	Now   func() time.Time
	Sleep func(context.Context, time.Duration) error // waits for a rate slot; nil: a timer
}

// Result says what became of a text handed to Deliver.
type Result struct {
	Status roster.TextStatus // "" when another sender holds it or it is gone
	Reason string
}

func (s *Sender) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

func (s *Sender) sleep(ctx context.Context, d time.Duration) error {
	if s.Sleep != nil {
		return s.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// inlineSlotWaits is how many seconds Deliver waits for a rate slot before
// it leaves the text to the schedule: a reply should not hold its request.
const inlineSlotWaits = 2

// Deliver sends one text now if nobody else is sending it, and says what
// became of it. A text it could not send yet stays queued for the
// schedule; only storage errors are returned.
func (s *Sender) Deliver(ctx context.Context, ref roster.TextRef) (Result, error) {
	return s.deliver(ctx, ref, inlineSlotWaits)
}

// DeliverDue sends the texts that are due, until none is left or ctx is
// within margin of its deadline, and counts what happened. A failure of one
// text does not stop the others.
func (s *Sender) DeliverDue(ctx context.Context, margin time.Duration) (sent, failed, waiting int, err error) {
	deadline, hasDeadline := ctx.Deadline()
	seen := map[roster.TextRef]bool{}
	for {
		due, err := s.Store.DueTexts(ctx, s.now(), 100)
		if err != nil {
			return sent, failed, waiting, err
		}
		progress := false
		for _, t := range due {
			if hasDeadline && time.Until(deadline) < margin {
				return sent, failed, waiting, nil
			}
			if seen[t.Ref()] {
				continue // still due: it went back to the queue in this run
			}
			seen[t.Ref()] = true
			progress = true
			r, err := s.deliver(ctx, t.Ref(), -1)
			switch {
			case err != nil:
				s.log().WarnContext(ctx, "text not handled", "orgId", t.OrgID, "textId", t.ID, "err", err)
				failed++
			case r.Status == roster.TextSent:
				sent++
			case r.Status == roster.TextFailed:
				failed++
			case r.Status == roster.TextQueued:
				waiting++
			}
		}
		if !progress {
			return sent, failed, waiting, nil
		}
	}
}

func (s *Sender) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

// deliver handles one text; slotWaits is how many one-second waits for a
// rate slot it may make (-1: as many as it takes).
func (s *Sender) deliver(ctx context.Context, ref roster.TextRef, slotWaits int) (Result, error) {
	now := s.now()
	t, err := s.Store.ClaimText(ctx, ref, now, roster.TextLease)
	switch roster.ErrorCodeOf(err) {
	case "":
	case roster.EConflict, roster.ENotFound:
		return Result{}, nil // another sender has it, or it is no longer queued
	default:
		return Result{}, err
	}
	l := s.log().With("orgId", t.OrgID, "textId", t.ID, "kind", t.Kind, "attempt", t.Attempts+1)
	fail := func(reason string) (Result, error) {
		l.InfoContext(ctx, "text failed", "reason", reason)
		return Result{Status: roster.TextFailed, Reason: reason}, s.Store.TextFailed(ctx, ref, reason, s.now())
	}
	// requeue gives the text back, untouched, after a storage error.
	requeue := func(err error) (Result, error) { return Result{}, errors.Join(err, s.Store.RetryText(ctx, t)) }
	wait := func(until time.Time, reason string) (Result, error) {
		t.NextAttemptAt, t.StatusReason = until, reason
		return Result{Status: roster.TextQueued, Reason: reason}, s.Store.RetryText(ctx, t)
	}
	if !t.SendingSince.IsZero() {
		return fail("an earlier attempt stopped before the provider answered; not sent again, to avoid sending it twice")
	}
	if !t.Kind.ToOptedOut() {
		_, err := s.Store.OptOutOf(ctx, t.OrgID, t.To)
		switch roster.ErrorCodeOf(err) {
		case "":
			return fail("the number opted out (replied STOP)")
		case roster.ENotFound:
		default:
			return requeue(err)
		}
	}
	if t.Kind == roster.TextWelcome && t.GroupID != "" && s.Hours != nil {
		status, _, err := s.Hours.GroupStatusAt(ctx, t.OrgID, t.GroupID, now)
		if err != nil && roster.ErrorCodeOf(err) != roster.ENotFound {
			return requeue(err)
		}
		if err == nil && status.HoursSet() && !status.Open {
			until := status.Until
			if !until.After(now) {
				until = now.Add(time.Hour)
			}
			return wait(until, "waiting for the group to open")
		}
	}
	settings, err := s.Store.TextingSettings(ctx, t.OrgID)
	if err != nil && roster.ErrorCodeOf(err) != roster.ENotFound {
		return requeue(err)
	}
	from := settings.OriginationIdentity
	if from == "" {
		from = s.DefaultFrom
	}
	if from == "" {
		return fail("no origination identity: set one with PUT /org/texting, or the template's DefaultOriginationIdentity")
	}
	for waits := 0; ; waits++ {
		err := s.Store.TakeSendSlot(ctx, s.now(), max(s.PerSecond, 1))
		if err == nil {
			break
		}
		if roster.ErrorCodeOf(err) != roster.EConflict {
			return requeue(err)
		}
		next := s.now().Truncate(time.Second).Add(time.Second)
		if slotWaits >= 0 && waits >= slotWaits {
			return wait(next, "waiting for the messages-per-second limit")
		}
		if err := s.sleep(ctx, time.Until(next)); err != nil {
			return requeue(err)
		}
	}
	// The context comes back with the delivery events (ParseEvent); the
	// provider takes no empty values.
	echo := map[string]string{"orgId": t.OrgID, "textId": t.ID}
	if t.ConversationID != "" {
		echo["conversationId"] = t.ConversationID
	}
	id, err := s.Provider.SendText(ctx, roster.TextSend{From: from, To: t.To, Body: t.Body, Context: echo})
	if err == nil {
		l.InfoContext(ctx, "text sent", "providerId", id)
		return Result{Status: roster.TextSent}, s.Store.TextSent(ctx, ref, id, s.now())
	}
	var se *roster.TextSendError
	switch {
	case !errors.As(err, &se) || se.Unknown:
		return fail("the provider did not answer; not sent again, to avoid sending it twice: " + err.Error())
	case se.Transient:
		retry := s.Retry
		if retry.Base <= 0 || retry.MaxAttempts <= 0 {
			retry = roster.DefaultTextRetry
		}
		t.Attempts++
		if t.Attempts >= retry.MaxAttempts {
			return fail(se.Reason)
		}
		l.WarnContext(ctx, "text refused for now; will retry", "reason", se.Reason)
		return wait(s.now().Add(retry.Delay(t.Attempts)), se.Reason)
	default:
		return fail(se.Reason)
	}
}

// Record applies a delivery event to its text. Events that move nothing,
// arrive late (the text has moved on) or name a text that is gone are
// dropped; an event for a text whose provider id is not stored yet is an
// error, so that the event is delivered again.
func (s *Sender) Record(ctx context.Context, ev roster.TextEvent) error {
	status, reason, ok := ev.Outcome()
	if !ok || ev.Ref.OrgID == "" || ev.Ref.ID == "" {
		return nil
	}
	err := s.Store.TextEvent(ctx, ev.Ref, ev.ProviderID, status, reason, ev.At)
	switch {
	case err == nil:
		s.log().InfoContext(ctx, "text status", "orgId", ev.Ref.OrgID, "textId", ev.Ref.ID, "status", status)
		return nil
	case roster.ErrorCodeOf(err) == roster.ENotFound, roster.ReasonOf(err) == "text_event_out_of_order":
		return nil
	}
	return err
}
