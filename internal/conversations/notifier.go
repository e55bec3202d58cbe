package conversations

import (
	"context"
	"log/slog"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// NotifierStore is what the scheduled notifier needs.
type NotifierStore interface {
	roster.GroupLister
	User(ctx context.Context, orgID, userID string) (roster.User, error)
	Contact(ctx context.Context, orgID, id string) (roster.Contact, error)
	Conversation(ctx context.Context, orgID, id string) (roster.Conversation, error)
	// NotifyCursor is the last UTC minute fully processed; ok false before the first run.
	NotifyCursor(ctx context.Context) (minute time.Time, ok bool, err error)
	// AdvanceNotifyCursor never moves the cursor back.
	AdvanceNotifyCursor(ctx context.Context, minute time.Time) error
	// DueNotifications reads one minute's partition.
	DueNotifications(ctx context.Context, minute time.Time) ([]roster.DueNotification, error)
	// QueueNotification writes the once-only marker, the mail and deletes the
	// due item together. Returns EConflict (already_notified, concurrent_update).
	QueueNotification(ctx context.Context, d roster.DueNotification, m roster.OutboxMail) error
	DropNotification(ctx context.Context, d roster.DueNotification) error
	// NotificationFailed records when a run first failed on d (a later
	// failure keeps it) and returns that time. Returns ENotFound when d is gone.
	NotificationFailed(ctx context.Context, d roster.DueNotification, at time.Time) (time.Time, error)
	// AbandonNotification gives d an expiry: it is left for an operator until then.
	AbandonNotification(ctx context.Context, d roster.DueNotification, expires time.Time) error
}

// Deliverer sends one queued mail (outbox.Sender).
type Deliverer interface {
	Deliver(ctx context.Context, id string) error
}

// Notifier emails users about inbound messages left waiting. Run it every
// minute; runs may overlap or repeat: each (message, user, kind) is emailed
// at most once.
type Notifier struct {
	Store    NotifierStore
	Settings roster.NotificationSettingsReader
	Hours    roster.GroupHoursReader
	Mail     Deliverer
	Log      *slog.Logger
	Now      func() time.Time
}

const (
	// FirstRunLookback is how far back the first run ever (no cursor) looks.
	FirstRunLookback = 60 * time.Minute
	// MaxMinutesPerRun bounds one run after an outage; the next runs catch up.
	MaxMinutesPerRun = 120
	// MaxHold is how long, from its first failure, a failing notification
	// may hold the cursor at its minute: past it the cursor moves on and the
	// item is left for an operator, with AbandonedTTL to live.
	MaxHold = 15 * time.Minute
	// AbandonedTTL is how long a due item the notifier gave up on is kept.
	AbandonedTTL = 7 * 24 * time.Hour
	// DeadlineReserve is how much of the invocation's time a run leaves
	// unused: it stops before reading another minute when its context's
	// deadline is closer than that, and the next run goes on from there.
	DeadlineReserve = 10 * time.Second
)

// RunStats says what one run did.
type RunStats struct {
	Minutes   int  // minute partitions read (one Query each)
	Due       int  // due items read
	Queued    int  // emails queued by this run
	Dropped   int  // due items no longer relevant, or already emailed by another run
	Sent      int  // emails sent by this run
	Failed    int  // due items that failed in this run
	Abandoned int  // failed items given up on (held MaxHold since their first failure)
	Stopped   bool // the run stopped early, its deadline near
}

// runCache keeps what one run reads more than once.
type runCache struct {
	trees    map[string]roster.GroupTree
	users    map[[2]string]roster.User
	settings map[[2]string]roster.NotificationSettings
	status   map[[2]string]roster.OpenStatus
	contacts map[[2]string]roster.Contact
}

// Run reads the minute partitions after the cursor up to the last complete
// minute (usually one), handles every due item in them and moves the
// cursor past each minute once it is finished. A minute with an item that
// failed holds the cursor (later minutes are still handled, and read again
// next run) until MaxHold has passed since that item's first failure; the
// item is then given an expiry and left. The run stops early, leaving the
// rest to the next, when its context's deadline is within DeadlineReserve.
// Only a failure to read a partition or to move the cursor fails the run.
func (n *Notifier) Run(ctx context.Context) (RunStats, error) {
	var st RunStats
	now := n.Now().UTC()
	last := now.Truncate(time.Minute).Add(-time.Minute) // the last complete minute
	cursor, ok, err := n.Store.NotifyCursor(ctx)
	if err != nil {
		return st, err
	}
	if !ok {
		cursor = last.Add(-FirstRunLookback)
	}
	if !cursor.Before(last) {
		return st, nil
	}
	to := cursor.Add(MaxMinutesPerRun * time.Minute)
	if to.After(last) {
		to = last
	}
	c := &runCache{trees: map[string]roster.GroupTree{}, users: map[[2]string]roster.User{}, settings: map[[2]string]roster.NotificationSettings{},
		status: map[[2]string]roster.OpenStatus{}, contacts: map[[2]string]roster.Contact{}}
	holding := false // a failing minute holds the cursor
	for m := cursor.Add(time.Minute); !m.After(to); m = m.Add(time.Minute) {
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < DeadlineReserve {
			st.Stopped = true
			break
		}
		items, err := n.Store.DueNotifications(ctx, m)
		st.Minutes++
		if err != nil {
			return st, err
		}
		st.Due += len(items)
		for _, d := range items {
			if err := n.handle(ctx, c, d, now, &st); err != nil {
				st.Failed++
				if n.failed(ctx, d, now, err, &st) {
					holding = true
				}
			}
		}
		if !holding {
			if err := n.Store.AdvanceNotifyCursor(ctx, m); err != nil {
				return st, err
			}
		}
	}
	return st, nil
}

// failed records that d failed and reports whether it holds the cursor:
// until MaxHold after its first failure. After that d is given an expiry
// and left for an operator.
func (n *Notifier) failed(ctx context.Context, d roster.DueNotification, now time.Time, cause error, st *RunStats) bool {
	first := d.FirstFailedAt
	if first.IsZero() {
		at, err := n.Store.NotificationFailed(ctx, d, now)
		switch {
		case roster.ErrorCodeOf(err) == roster.ENotFound:
			return false // handled by another run meanwhile
		case err != nil:
			n.Log.WarnContext(ctx, "record a due notification's failure", "messageId", d.MessageID, "userId", d.UserID, "err", err)
			at = now
		}
		first = at
	}
	if now.Sub(first) < MaxHold {
		n.Log.WarnContext(ctx, "due notification left for the next run", "orgId", d.OrgID, "messageId", d.MessageID,
			"userId", d.UserID, "kind", d.Kind, "failingSince", first, "err", cause)
		return true
	}
	st.Abandoned++
	n.Log.ErrorContext(ctx, "due notification given up on; left for an operator", "orgId", d.OrgID, "messageId", d.MessageID,
		"userId", d.UserID, "kind", d.Kind, "filed", d.Filed, "failingSince", first, "err", cause)
	if err := n.Store.AbandonNotification(ctx, d, now.Add(AbandonedTTL)); err != nil {
		n.Log.WarnContext(ctx, "give an abandoned due notification an expiry", "messageId", d.MessageID, "userId", d.UserID, "err", err)
	}
	return false
}

// handle emails d's user, or drops d when it no longer applies.
func (n *Notifier) handle(ctx context.Context, c *runCache, d roster.DueNotification, now time.Time, st *RunStats) error {
	conv, keep, err := n.relevant(ctx, c, d, now)
	if err != nil {
		return err
	}
	if !keep {
		st.Dropped++
		return n.Store.DropNotification(ctx, d)
	}
	mail, err := n.mail(ctx, c, d, conv, now)
	if err != nil {
		return err
	}
	for attempt := 0; ; attempt++ {
		err = n.Store.QueueNotification(ctx, d, mail)
		if roster.ReasonOf(err) != "concurrent_update" || attempt == 4 {
			break
		}
		select { // another run is writing the same items: let it finish
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(10<<attempt) * time.Millisecond):
		}
	}
	switch roster.ReasonOf(err) {
	case "":
	case "already_notified":
		st.Dropped++
		return nil
	default:
		return err
	}
	st.Queued++
	if err := n.Mail.Deliver(ctx, mail.ID); err != nil {
		// Recorded on the entry; the SendMail schedule retries it.
		n.Log.WarnContext(ctx, "notification queued but not sent yet", "mailId", mail.ID, "err", err)
		return nil
	}
	st.Sent++
	return nil
}

// relevant reports whether d should still be emailed now.
func (n *Notifier) relevant(ctx context.Context, c *runCache, d roster.DueNotification, now time.Time) (conv roster.Conversation, ok bool, err error) {
	conv, err = n.Store.Conversation(ctx, d.OrgID, d.ConversationID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return conv, false, nil
	} else if err != nil {
		return conv, false, err
	}
	switch d.Kind {
	case roster.NotifyUnclaimed:
		if conv.ClaimedBy != "" {
			return conv, false, nil
		}
	case roster.NotifyUnread:
		// Only the latest inbound message is emailed about: an older one's
		// item goes, the latest has its own.
		if conv.ClaimedBy != d.UserID || d.MessageID != conv.LastInboundID || !conv.ReadAt.Before(d.ReceivedAt) {
			return conv, false, nil
		}
	default:
		return conv, false, nil
	}
	u, err := cached(c.users, [2]string{d.OrgID, d.UserID}, func() (roster.User, error) { return n.Store.User(ctx, d.OrgID, d.UserID) })
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return conv, false, nil
	} else if err != nil {
		return conv, false, err
	}
	t, err := cached(c.trees, d.OrgID, func() (roster.GroupTree, error) { return roster.LoadGroupTree(ctx, n.Store, d.OrgID) })
	if err != nil {
		return conv, false, err
	}
	if !mayAnswer(u, t, d.GroupID) {
		return conv, false, nil // deactivated, deleted, or no longer a member of the group
	}
	set, err := cached(c.settings, [2]string{d.OrgID, d.UserID}, func() (roster.NotificationSettings, error) {
		return n.Settings.EffectiveNotificationSettings(ctx, d.OrgID, d.UserID)
	})
	if err != nil {
		return conv, false, err
	}
	if !set.EmailEnabled {
		return conv, false, nil
	}
	if set.LimitToHours {
		status, err := cached(c.status, [2]string{d.OrgID, d.GroupID}, func() (roster.OpenStatus, error) {
			s, _, err := n.Hours.GroupStatusAt(ctx, d.OrgID, d.GroupID, now)
			return s, err
		})
		if err != nil {
			return conv, false, err
		}
		if status.HoursSet() && !status.Open {
			return conv, false, nil // closed now (a group without hours sends as usual)
		}
	}
	return conv, true, nil
}

// mail is the outbox entry for d: what the email shows is fixed now, the
// time waited is worked out when it is sent.
func (n *Notifier) mail(ctx context.Context, c *runCache, d roster.DueNotification, conv roster.Conversation, now time.Time) (roster.OutboxMail, error) {
	name, phone := conv.ContactPhone, conv.ContactPhone
	ct, err := cached(c.contacts, [2]string{d.OrgID, conv.ContactID}, func() (roster.Contact, error) { return n.Store.Contact(ctx, d.OrgID, conv.ContactID) })
	switch roster.ErrorCodeOf(err) {
	case "":
		name, phone = trimmed(ct.FirstName+" "+ct.LastName), ct.Phone
	case roster.ENotFound:
	default:
		return roster.OutboxMail{}, err
	}
	t := c.trees[d.OrgID]
	group := d.GroupID
	if g, ok := t.Group(d.GroupID); ok {
		group = g.Name
	}
	kind := roster.MailMessageUnclaimed
	if d.Kind == roster.NotifyUnread {
		kind = roster.MailMessageUnread
	}
	return roster.OutboxMail{ID: roster.NewID(now), Kind: kind, OrgID: d.OrgID, UserID: d.UserID, NextAttemptAt: now, CreatedAt: now,
		Data: map[string]string{"conversationId": d.ConversationID, "messageId": d.MessageID, "contactName": name, "contactPhone": phone,
			"groupName": group, "receivedAt": d.ReceivedAt.UTC().Format(time.RFC3339)}}, nil
}

func cached[K comparable, V any](m map[K]V, k K, load func() (V, error)) (V, error) {
	if v, ok := m[k]; ok {
		return v, nil
	}
	v, err := load()
	if err == nil {
		m[k] = v
	}
	return v, err
}
