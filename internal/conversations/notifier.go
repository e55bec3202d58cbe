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
	// MaxHold is how far behind a failing notification may hold the cursor:
	// past it the cursor moves on and the item is left for an operator.
	MaxHold = 15 * time.Minute
)

// RunStats says what one run did.
type RunStats struct {
	Minutes int // minute partitions read (one Query each)
	Due     int // due items read
	Queued  int // emails queued by this run
	Dropped int // due items no longer relevant, or already emailed by another run
	Sent    int // emails sent by this run
	Failed  int // due items left for the next run
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
// cursor on. Only a failure to read a partition fails the run.
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
	done := cursor // the cursor may advance to done
	holding := false
	var readErr error
	for m := cursor.Add(time.Minute); !m.After(to); m = m.Add(time.Minute) {
		items, err := n.Store.DueNotifications(ctx, m)
		st.Minutes++
		if err != nil {
			readErr = err
			break
		}
		st.Due += len(items)
		failed := false
		for _, d := range items {
			if err := n.handle(ctx, c, d, now, &st); err != nil {
				n.Log.WarnContext(ctx, "due notification left for the next run", "orgId", d.OrgID, "messageId", d.MessageID,
					"userId", d.UserID, "kind", d.Kind, "err", err)
				st.Failed++
				failed = true
			}
		}
		if failed && !holding && now.Sub(m) < MaxHold {
			holding = true // read this minute again next run
		}
		if !holding {
			done = m
		}
	}
	if done.After(cursor) {
		if err := n.Store.AdvanceNotifyCursor(ctx, done); err != nil {
			return st, err
		}
	}
	return st, readErr
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
		if conv.ClaimedBy != d.UserID || !conv.ReadAt.Before(d.ReceivedAt) {
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
