package roster

import (
	"context"
	"time"
)

// NotificationSettings say how and when a user is told about customer
// messages that wait (seed 000): a desktop sound repeated until the
// message is claimed or read, and an email when an inbound message stays
// unclaimed, or a claimed conversation's latest inbound message stays
// unread, past a number of minutes; optionally only while the
// conversation's group is open.
type NotificationSettings struct {
	DesktopSound         string // a sound name; "" plays none
	DesktopRepeatMinutes int    // 0: play once
	EmailEnabled         bool
	UnclaimedMinutes     int  // email when an inbound message is unclaimed this long
	UnreadMinutes        int  // email the claimer when the latest inbound is unread this long
	LimitToHours         bool // send those emails only while the group is open
}

// DefaultNotificationSettings apply to a user until their own or their
// organisation's default are set.
var DefaultNotificationSettings = NotificationSettings{
	DesktopSound: "chime", DesktopRepeatMinutes: 5,
	EmailEnabled: true, UnclaimedMinutes: 15, UnreadMinutes: 30, LimitToHours: true,
}

// NotificationSettingsReader gives the settings that apply to a user: their
// own, else the organisation's default, else DefaultNotificationSettings.
type NotificationSettingsReader interface {
	EffectiveNotificationSettings(ctx context.Context, orgID, userID string) (NotificationSettings, error)
}

// Reasons an OpenStatus gives.
const (
	OpenNoHours      = "no_hours"             // the group has no hours set: neither open nor closed
	OpenRegularHours = "regular_hours"        // within the weekly schedule
	ClosedRegular    = "closed"               // outside the weekly schedule
	ClosedHoliday    = "holiday"              // a holiday closed all day
	OpenHolidayHours = "holiday_hours"        // within a holiday's special hours
	ClosedHolidayOff = "holiday_closed_hours" // a holiday with special hours, outside them
)

// OpenStatus is whether a group is open at a moment, and why.
type OpenStatus struct {
	Open   bool
	Reason string    // one of the reasons above
	Until  time.Time // when the status next changes (UTC); zero with no hours set, or when it does not change within 400 days (Hours.StatusAt)
}

// HoursSet reports whether the group has hours at all: a group without
// hours is not "always closed", it has none.
func (s OpenStatus) HoursSet() bool { return s.Reason != OpenNoHours }

// GroupHoursReader answers whether a group is open at a moment, with its
// after-hours auto-reply text.
type GroupHoursReader interface {
	GroupStatusAt(ctx context.Context, orgID, groupID string, t time.Time) (status OpenStatus, autoReply string, err error)
}
