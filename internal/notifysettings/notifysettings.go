// Package notifysettings is how and when each user is told about customer
// messages that wait: their own settings, those a manager sets and locks
// for them, and the organisation's default. The rules of who may do what
// are roster's (Allowed, CanManageUser); this package applies them.
package notifysettings

import (
	"context"
	"strconv"
	"time"

	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

// ReadStore is what reading settings needs.
type ReadStore interface {
	users.ReadStore
	// NotificationSettingsOf returns the settings that apply to a user and
	// where they come from (Version 0 when the user has none of their own).
	NotificationSettingsOf(ctx context.Context, orgID, userID string) (roster.StoredNotificationSettings, error)
	// OrgNotificationSettings returns the organisation's default, or
	// roster.DefaultNotificationSettings with source "default" and version 0.
	OrgNotificationSettings(ctx context.Context, orgID string) (roster.StoredNotificationSettings, error)
}

// Store is what changing settings needs.
type Store interface {
	ReadStore
	// PutNotificationSettings writes a user's settings (the organisation's
	// default for userID "") if the stored version is prev (0: none).
	// Returns EConflict (settings_changed).
	PutNotificationSettings(ctx context.Context, orgID, userID string, s roster.StoredNotificationSettings, prev int64, audit roster.AuditEvent) error
}

// Reader reads notification settings.
type Reader struct {
	store ReadStore
	users *users.Reader
}

// NewReader returns a Reader.
func NewReader(store ReadStore, now func() time.Time) *Reader {
	return &Reader{store: store, users: users.NewReader(store, now)}
}

// GetMine returns the settings that apply to the caller.
func (r *Reader) GetMine(ctx context.Context, c roster.Caller) (roster.StoredNotificationSettings, error) {
	return r.store.NotificationSettingsOf(ctx, c.OrgID, c.UserID)
}

// Get returns the settings that apply to user id, for a manager or admin
// over them. Returns ENotFound (a user c cannot see), EForbidden (reasons
// of roster.CanManageUser, or "forbidden").
func (r *Reader) Get(ctx context.Context, c roster.Caller, id string) (roster.StoredNotificationSettings, error) {
	if _, err := r.target(ctx, c, id); err != nil {
		return roster.StoredNotificationSettings{}, err
	}
	return r.store.NotificationSettingsOf(ctx, c.OrgID, id)
}

// GetDefault returns the organisation's default, for organisation
// administrators and for managers (who set users' settings against it).
// Returns EForbidden.
func (r *Reader) GetDefault(ctx context.Context, c roster.Caller) (roster.StoredNotificationSettings, error) {
	t, err := roster.LoadGroupTree(ctx, r.store, c.OrgID)
	if err != nil {
		return roster.StoredNotificationSettings{}, err
	}
	if err := roster.RequireSomewhere(c, t, roster.ActManageNotifications); err != nil {
		return roster.StoredNotificationSettings{}, err
	}
	return r.store.OrgNotificationSettings(ctx, c.OrgID)
}

// target reads user id for c to manage their settings: c must see them
// (else ENotFound, as for users), manage them (roster.CanManageUser, which
// refuses c themself: they use /me) and manage notifications at every
// group they hold a role at.
func (r *Reader) target(ctx context.Context, c roster.Caller, id string) (roster.User, error) {
	u, err := r.users.Get(ctx, c, id)
	if err != nil {
		return roster.User{}, err
	}
	t, err := roster.LoadGroupTree(ctx, r.store, c.OrgID)
	if err != nil {
		return roster.User{}, err
	}
	if err := roster.CanManageUser(c, t, u); err != nil {
		return roster.User{}, err
	}
	for _, g := range u.Grants {
		if err := roster.Require(c, t, roster.ActManageNotifications, g.GroupID); err != nil {
			return roster.User{}, err
		}
	}
	return u, nil
}

// Service changes notification settings.
type Service struct {
	*Reader
	store Store
	now   func() time.Time
}

// NewService returns a Service.
func NewService(store Store, now func() time.Time) *Service {
	return &Service{Reader: NewReader(store, now), store: store, now: now}
}

// PutMine replaces the caller's own settings. ifMatch is the version the
// caller read (0: not checked). Returns EInvalid, EForbidden
// (settings_locked while a manager has locked them), EPreconditionFailed.
func (s *Service) PutMine(ctx context.Context, c roster.Caller, in roster.NotificationSettings, ifMatch int64) (roster.StoredNotificationSettings, error) {
	if err := roster.ValidateNotificationSettings(&in); err != nil {
		return roster.StoredNotificationSettings{}, err
	}
	return s.put(ctx, c, c.UserID, ifMatch, func(cur roster.StoredNotificationSettings) (roster.StoredNotificationSettings, error) {
		if cur.Locked {
			return cur, roster.ErrSettingsLocked()
		}
		return roster.StoredNotificationSettings{Settings: in, Source: roster.SettingsFromUser}, nil
	})
}

// Put replaces user id's settings for a manager or admin over them, and
// locks or unlocks them (locked nil keeps the lock as it is). Returns
// EInvalid, ENotFound, EForbidden, EPreconditionFailed.
func (s *Service) Put(ctx context.Context, c roster.Caller, id string, in roster.NotificationSettings, locked *bool, ifMatch int64) (roster.StoredNotificationSettings, error) {
	if err := roster.ValidateNotificationSettings(&in); err != nil {
		return roster.StoredNotificationSettings{}, err
	}
	if _, err := s.target(ctx, c, id); err != nil {
		return roster.StoredNotificationSettings{}, err
	}
	return s.put(ctx, c, id, ifMatch, func(cur roster.StoredNotificationSettings) (roster.StoredNotificationSettings, error) {
		next := roster.StoredNotificationSettings{Settings: in, Source: roster.SettingsFromUser, Locked: cur.Locked}
		if locked != nil {
			next.Locked = *locked
		}
		return next, nil
	})
}

// PutDefault replaces the organisation's default, for organisation
// administrators. Users without settings of their own follow it at once.
// Returns EInvalid, EForbidden, EPreconditionFailed.
func (s *Service) PutDefault(ctx context.Context, c roster.Caller, in roster.NotificationSettings, ifMatch int64) (roster.StoredNotificationSettings, error) {
	if err := roster.ValidateNotificationSettings(&in); err != nil {
		return roster.StoredNotificationSettings{}, err
	}
	t, err := roster.LoadGroupTree(ctx, s.store, c.OrgID)
	if err != nil {
		return roster.StoredNotificationSettings{}, err
	}
	if err := roster.Require(c, t, roster.ActManageOrganisation, t.Root().ID); err != nil {
		return roster.StoredNotificationSettings{}, err
	}
	return s.put(ctx, c, "", ifMatch, func(roster.StoredNotificationSettings) (roster.StoredNotificationSettings, error) {
		return roster.StoredNotificationSettings{Settings: in, Source: roster.SettingsFromOrganisation}, nil
	})
}

// put reads the stored settings of userID ("" for the organisation's
// default), lets next decide the new ones and writes them at the version
// read. A concurrent write makes it read and decide again (a lock set
// meanwhile is seen), unless the caller sent a version: then it is 412.
func (s *Service) put(ctx context.Context, c roster.Caller, userID string, ifMatch int64,
	next func(cur roster.StoredNotificationSettings) (roster.StoredNotificationSettings, error)) (roster.StoredNotificationSettings, error) {
	var err error
	for range 3 {
		var cur roster.StoredNotificationSettings
		if userID == "" {
			cur, err = s.store.OrgNotificationSettings(ctx, c.OrgID)
		} else {
			cur, err = s.store.NotificationSettingsOf(ctx, c.OrgID, userID)
		}
		if err != nil {
			return cur, err
		}
		if ifMatch != 0 && cur.Version != ifMatch {
			return cur, stale()
		}
		var out roster.StoredNotificationSettings
		if out, err = next(cur); err != nil {
			return cur, err
		}
		now := s.now().UTC()
		out.Version, out.UpdatedAt, out.UpdatedBy = cur.Version+1, now, c.UserID
		typ, subject := "notification_settings.updated", userID
		if userID == "" {
			typ, subject = "notification_settings.default_updated", c.OrgID
		}
		audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: typ, SubjectID: subject, At: now,
			Before: describe(cur), After: describe(out)}
		err = s.store.PutNotificationSettings(ctx, c.OrgID, userID, out, cur.Version, audit)
		if roster.ReasonOf(err) != "settings_changed" && roster.ReasonOf(err) != "concurrent_update" {
			return out, err
		}
		if ifMatch != 0 {
			return cur, stale()
		}
	}
	return roster.StoredNotificationSettings{}, err
}

func stale() error {
	return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the notification settings changed since you read them; read them again and retry with the new ETag")
}

// describe is settings as an audit event shows them.
func describe(s roster.StoredNotificationSettings) map[string]string {
	v := s.Settings
	return map[string]string{
		"source": s.Source, "locked": strconv.FormatBool(s.Locked),
		"desktopSound": v.DesktopSound, "desktopRepeatMinutes": strconv.Itoa(v.DesktopRepeatMinutes),
		"emailEnabled": strconv.FormatBool(v.EmailEnabled), "unclaimedMinutes": strconv.Itoa(v.UnclaimedMinutes),
		"unreadMinutes": strconv.Itoa(v.UnreadMinutes), "limitToHours": strconv.FormatBool(v.LimitToHours),
	}
}
