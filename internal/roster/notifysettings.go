package roster

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Limits of notification settings. Thresholds are checked even while email
// is off, so that turning email on never activates a value nobody checked.
const (
	MaxRepeatMinutes    = 60   // the desktop sound repeats at most hourly
	MinThresholdMinutes = 1    // an email no sooner than a minute after the message
	MaxThresholdMinutes = 1440 // and no later than a day
)

// NoSound is how the API names the absence of a desktop sound; it is
// stored as "".
const NoSound = "none"

// NotificationSounds are the desktop sounds a user may pick.
var NotificationSounds = []string{"chime", "bell", "ping", "knock"}

// Where the settings that apply to a user come from.
const (
	SettingsFromUser         = "user"         // the user's own (set by them or by a manager)
	SettingsFromOrganisation = "organisation" // the organisation's default
	SettingsFromDefault      = "default"      // DefaultNotificationSettings
)

// StoredNotificationSettings are the settings that apply to a user and
// where they come from. Locked and Version are those of the user's own
// settings; Version is 0 when the user has none.
type StoredNotificationSettings struct {
	Settings  NotificationSettings
	Source    string // SettingsFrom…
	Locked    bool
	Version   int64
	UpdatedAt time.Time
	UpdatedBy string
}

// ValidateNotificationSettings checks s and normalises its sound ("none"
// becomes ""). Returns EInvalid naming every bad field as the API spells it
// (desktop.sound, desktop.repeatMinutes, email.unclaimedMinutes,
// email.unreadMinutes).
func ValidateNotificationSettings(s *NotificationSettings) error {
	var v Validation
	s.DesktopSound = strings.TrimSpace(s.DesktopSound)
	if s.DesktopSound == NoSound {
		s.DesktopSound = ""
	}
	if s.DesktopSound != "" && !slices.Contains(NotificationSounds, s.DesktopSound) {
		v.Add("desktop.sound", fmt.Sprintf("unknown sound %q: must be none, %s", s.DesktopSound, strings.Join(NotificationSounds, ", ")))
	}
	if s.DesktopRepeatMinutes < 0 || s.DesktopRepeatMinutes > MaxRepeatMinutes {
		v.Add("desktop.repeatMinutes", fmt.Sprintf("must be 0 (play once) to %d minutes", MaxRepeatMinutes))
	}
	for _, f := range []struct {
		name string
		val  int
	}{{"email.unclaimedMinutes", s.UnclaimedMinutes}, {"email.unreadMinutes", s.UnreadMinutes}} {
		if f.val < MinThresholdMinutes || f.val > MaxThresholdMinutes {
			v.Add(f.name, fmt.Sprintf("must be %d to %d minutes (a day)", MinThresholdMinutes, MaxThresholdMinutes))
		}
	}
	return v.Err()
}

// ErrSettingsLocked refuses a user's change to their own settings while a
// manager or admin has locked them.
func ErrSettingsLocked() *Error {
	return WithReason(EForbidden, "settings_locked",
		"your notification settings are locked by a manager or admin; ask them to change or unlock them")
}
