package conversations

import (
	"context"
	"errors"
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
	// OrgNotificationSettings is the organisation's default (Roster's when none is set).
	OrgNotificationSettings(ctx context.Context, orgID string) (roster.StoredNotificationSettings, error)
	// NotifiableMembers reads a page of a group's member items: with their
	// own settings and an unclaimed threshold from fromMinutes to toMinutes,
	// lowest first; or (fromMinutes 0) those using the organisation's default.
	NotifiableMembers(ctx context.Context, orgID, groupID string, fromMinutes, toMinutes int, after string, limit int) ([]roster.Notifiable, string, error)
	// NotifyCursor is the last UTC minute fully processed; ok false before the first run.
	NotifyCursor(ctx context.Context) (minute time.Time, ok bool, err error)
	// AdvanceNotifyCursor never moves the cursor back.
	AdvanceNotifyCursor(ctx context.Context, minute time.Time) error
	// DueNotifications reads one minute's partition.
	DueNotifications(ctx context.Context, minute time.Time) ([]roster.DueNotification, error)
	// QueueNotification writes the once-only marker and the mail together,
	// deleting d when it was read from storage (Filed). Returns EConflict
	// (already_notified, concurrent_update).
	QueueNotification(ctx context.Context, d roster.DueNotification, m roster.OutboxMail) error
	DropNotification(ctx context.Context, d roster.DueNotification) error
	// RefileNotification files next (a later look at the same message)
	// under its RefileMinute at now (the time of the write) and deletes d.
	RefileNotification(ctx context.Context, d, next roster.DueNotification, now time.Time) error
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
//
// A due item is one of two kinds. A claimer's (unread) names its user: the
// notifier reads the user and their settings (Settings) and, once their
// threshold has passed, emails them. An unclaimed message's names no user:
// the notifier reads the member items of the conversation's group and its
// ancestors (the groups whose roles reach it), each partition sorted by
// threshold, so one Query range gives exactly the members whose threshold
// passed since the item was last looked at; members using the
// organisation's default are read only when the default's threshold has
// just passed. It mails those, then files the item again at the next
// threshold, or deletes it when none is left. A run's cost therefore grows
// with the mails it sends and the messages it looks at, not with the
// organisation.
type Notifier struct {
	Store    NotifierStore
	Settings roster.NotificationSettingsReader
	Hours    roster.GroupHoursReader
	Mail     Deliverer
	Log      *slog.Logger
	Now      func() time.Time
}

// memberPage is how many member items one Query reads.
const memberPage = 100

// errStopped ends a run whose deadline is near in the middle of a minute:
// that minute is read again by the next run.
var errStopped = errors.New("the run's deadline is near")

// near reports whether ctx's deadline is within DeadlineReserve.
func near(ctx context.Context) bool {
	deadline, ok := ctx.Deadline()
	return ok && time.Until(deadline) < DeadlineReserve
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
	Dropped   int  // due items no longer relevant, and mails found already queued by another run
	Refiled   int  // due items filed again for a later threshold
	Sent      int  // emails sent by this run
	Failed    int  // due items that failed in this run
	Abandoned int  // failed items given up on (held MaxHold since their first failure)
	Stopped   bool // the run stopped early, its deadline near
}

// runCache keeps what one run reads more than once.
type runCache struct {
	defaults map[string]roster.NotificationSettings
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
	c := &runCache{defaults: map[string]roster.NotificationSettings{}, trees: map[string]roster.GroupTree{}, users: map[[2]string]roster.User{}, settings: map[[2]string]roster.NotificationSettings{},
		status: map[[2]string]roster.OpenStatus{}, contacts: map[[2]string]roster.Contact{}}
	holding := false // a failing minute holds the cursor
	for m := cursor.Add(time.Minute); !m.After(to); m = m.Add(time.Minute) {
		if near(ctx) {
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
			err := n.handle(ctx, c, d, now, last, &st)
			if errors.Is(err, errStopped) {
				st.Stopped = true // this minute is not finished: the cursor stays before it
				return st, nil
			}
			if err != nil {
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

// handle emails whom d concerns and whose threshold has passed by last
// (the last complete minute), or files d again for later, or drops it
// when it no longer applies.
func (n *Notifier) handle(ctx context.Context, c *runCache, d roster.DueNotification, now, last time.Time, st *RunStats) error {
	conv, ok, err := n.waiting(ctx, d)
	if err != nil {
		return err
	}
	if !ok {
		return n.drop(ctx, d, st)
	}
	if d.UserID == "" {
		return n.fanOut(ctx, c, d, conv, now, last, st)
	}
	u, err := cached(c.users, [2]string{d.OrgID, d.UserID}, func() (roster.User, error) { return n.Store.User(ctx, d.OrgID, d.UserID) })
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return n.drop(ctx, d, st)
	} else if err != nil {
		return err
	}
	t, err := n.tree(ctx, c, d.OrgID)
	if err != nil {
		return err
	}
	if !mayAnswer(u, t, d.GroupID) {
		return n.drop(ctx, d, st) // deactivated, deleted, or no longer a member of the group
	}
	set, err := cached(c.settings, [2]string{d.OrgID, d.UserID}, func() (roster.NotificationSettings, error) {
		return n.Settings.EffectiveNotificationSettings(ctx, d.OrgID, d.UserID)
	})
	if err != nil {
		return err
	}
	if !set.EmailEnabled {
		return n.drop(ctx, d, st)
	}
	wait, since := set.UnclaimedMinutes, d.Since
	if d.Kind == roster.NotifyUnread {
		wait = set.UnreadMinutes
	}
	if since.IsZero() {
		since = d.ReceivedAt
	}
	if due := since.Add(minutes(wait)); due.UTC().Truncate(time.Minute).After(last) {
		next := d
		next.DueAt = due
		st.Refiled++
		return n.Store.RefileNotification(ctx, d, next, n.Now())
	}
	if open, err := n.open(ctx, c, d, set.LimitToHours, now); err != nil || !open {
		if err != nil {
			return err
		}
		return n.drop(ctx, d, st)
	}
	return n.send(ctx, c, d, conv, now, st)
}

func (n *Notifier) drop(ctx context.Context, d roster.DueNotification, st *RunStats) error {
	st.Dropped++
	return n.Store.DropNotification(ctx, d)
}

// fanOut handles an unclaimed message's look at its group's members: it
// mails every member of the group or an ancestor whose threshold passed
// since d.Checked (by last), and files d again at the next threshold.
// A member who cannot be mailed now does not stop the others; d is then
// left as it is (failed) and the next run goes over it again, finding the
// mails already queued.
func (n *Notifier) fanOut(ctx context.Context, c *runCache, d roster.DueNotification, conv roster.Conversation, now, last time.Time, st *RunStats) error {
	t, err := n.tree(ctx, c, d.OrgID)
	if err != nil {
		return err
	}
	if _, ok := t.Group(d.GroupID); !ok {
		return n.drop(ctx, d, st)
	}
	def, err := cached(c.defaults, d.OrgID, func() (roster.NotificationSettings, error) {
		s, err := n.Store.OrgNotificationSettings(ctx, d.OrgID)
		return s.Settings, err
	})
	if err != nil {
		return err
	}
	groups := append([]string{d.GroupID}, t.Ancestors(d.GroupID)...)
	arrived := d.ReceivedAt.UTC().Truncate(time.Minute)
	elapsed := int(last.Sub(arrived) / time.Minute) // thresholds up to this have passed
	next := 0                                       // the lowest threshold still to pass; 0: none
	later := func(m int) {
		if m > elapsed && (next == 0 || m < next) {
			next = m
		}
	}
	done := map[string]bool{d.Except: true}
	var first error // the first member who could not be mailed
	mail := func(userID string, limitToHours bool) error {
		if done[userID] {
			return nil // also a member of another group on the way up
		}
		done[userID] = true
		if near(ctx) {
			return errStopped
		}
		err := func() error {
			if open, err := n.open(ctx, c, d, limitToHours, now); err != nil || !open {
				return err // closed now: not emailed about this message
			}
			to := d
			to.UserID, to.Filed = userID, ""
			return n.send(ctx, c, to, conv, now, st)
		}()
		if err != nil && first == nil {
			first = err
		}
		return nil
	}
	// each calls fn for every member of every group in the range (only the
	// first of each group with limit 1).
	each := func(from, to, limit int, fn func(roster.Notifiable) error) error {
		for _, g := range groups {
			after := ""
			for {
				page, cursor, err := n.Store.NotifiableMembers(ctx, d.OrgID, g, from, to, after, limit)
				if err != nil {
					return err
				}
				for _, m := range page {
					if err := fn(m); err != nil {
						return err
					}
				}
				if cursor == "" || limit == 1 {
					break
				}
				after = cursor
			}
		}
		return nil
	}
	if elapsed > d.Checked { // members with their own thresholds, passed since the last look
		if err := each(d.Checked+1, elapsed, memberPage, func(m roster.Notifiable) error {
			return mail(m.UserID, m.LimitToHours)
		}); err != nil {
			return err
		}
	}
	if elapsed < roster.MaxThresholdMinutes {
		if err := each(elapsed+1, roster.MaxThresholdMinutes, 1, func(m roster.Notifiable) error {
			later(m.UnclaimedMinutes) // the first of each group is the lowest there
			return nil
		}); err != nil {
			return err
		}
	}
	if def.EmailEnabled {
		switch td := max(def.UnclaimedMinutes, 1); {
		case td > elapsed:
			later(td)
		case td > d.Checked:
			open, err := n.open(ctx, c, d, def.LimitToHours, now)
			if err != nil {
				return err
			}
			if open { // closed: the default's members are not read at all
				if err := each(0, 0, memberPage, func(m roster.Notifiable) error { return mail(m.UserID, false) }); err != nil {
					return err
				}
			}
		}
	}
	if first != nil {
		return first
	}
	if next == 0 {
		return n.Store.DropNotification(ctx, d) // everyone it concerns is handled
	}
	again := d
	again.Checked, again.DueAt = elapsed, arrived.Add(time.Duration(next)*time.Minute)
	st.Refiled++
	return n.Store.RefileNotification(ctx, d, again, n.Now())
}

// send queues and sends the mail of d to d.UserID.
func (n *Notifier) send(ctx context.Context, c *runCache, d roster.DueNotification, conv roster.Conversation, now time.Time, st *RunStats) error {
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

// waiting reports whether d's message still waits as d says: unclaimed,
// or (unread) claimed by d's user, the latest inbound message and unread.
func (n *Notifier) waiting(ctx context.Context, d roster.DueNotification) (roster.Conversation, bool, error) {
	conv, err := n.Store.Conversation(ctx, d.OrgID, d.ConversationID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return conv, false, nil
	} else if err != nil {
		return conv, false, err
	}
	switch d.Kind {
	case roster.NotifyUnclaimed:
		return conv, conv.ClaimedBy == "", nil
	case roster.NotifyUnread:
		// Only the latest inbound message is emailed about: an older one's
		// item goes, the latest has its own.
		return conv, conv.ClaimedBy == d.UserID && d.MessageID == conv.LastInboundID && conv.ReadAt.Before(d.ReceivedAt), nil
	}
	return conv, false, nil
}

func (n *Notifier) tree(ctx context.Context, c *runCache, orgID string) (roster.GroupTree, error) {
	return cached(c.trees, orgID, func() (roster.GroupTree, error) { return roster.LoadGroupTree(ctx, n.Store, orgID) })
}

// open reports whether email about d may go now to someone whose settings
// limit it to hours: false while d's group is closed (a group with no hours
// sends as usual). Always true without the limit.
func (n *Notifier) open(ctx context.Context, c *runCache, d roster.DueNotification, limitToHours bool, now time.Time) (bool, error) {
	if !limitToHours {
		return true, nil
	}
	status, err := cached(c.status, [2]string{d.OrgID, d.GroupID}, func() (roster.OpenStatus, error) {
		s, _, err := n.Hours.GroupStatusAt(ctx, d.OrgID, d.GroupID, now)
		return s, err
	})
	if err != nil {
		return false, err
	}
	return !status.HoursSet() || status.Open, nil
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
