package api

import (
	"context"

	"github.com/roster-app/roster/internal/notifysettings"
	"github.com/roster-app/roster/internal/roster"
)

// DesktopNotificationsView is the desktop part of notification settings.
type DesktopNotificationsView struct {
	Sound         string `json:"sound"` // "none" for no sound
	RepeatMinutes int    `json:"repeatMinutes"`
}

// EmailNotificationsView is the email part of notification settings.
type EmailNotificationsView struct {
	Enabled                 bool `json:"enabled"`
	UnclaimedMinutes        int  `json:"unclaimedMinutes"`
	UnreadMinutes           int  `json:"unreadMinutes"`
	LimitToHoursOfOperation bool `json:"limitToHoursOfOperation"`
}

// NotificationSettingsView is the settings that apply to a user (or the
// organisation's default) and where they come from: user, organisation or
// default.
type NotificationSettingsView struct {
	Desktop DesktopNotificationsView `json:"desktop"`
	Email   EmailNotificationsView   `json:"email"`
	Locked  bool                     `json:"locked"`
	Source  string                   `json:"source"`
}

func viewNotificationSettings(s roster.StoredNotificationSettings) NotificationSettingsView {
	v := s.Settings
	sound := v.DesktopSound
	if sound == "" {
		sound = roster.NoSound
	}
	return NotificationSettingsView{
		Desktop: DesktopNotificationsView{Sound: sound, RepeatMinutes: v.DesktopRepeatMinutes},
		Email: EmailNotificationsView{Enabled: v.EmailEnabled, UnclaimedMinutes: v.UnclaimedMinutes, UnreadMinutes: v.UnreadMinutes,
			LimitToHoursOfOperation: v.LimitToHours},
		Locked: s.Locked, Source: s.Source,
	}
}

// settingsResponse answers with settings and, when they are stored (a
// user's own, or the organisation's default), their ETag.
func settingsResponse(s roster.StoredNotificationSettings) Response {
	resp := Response{Body: viewNotificationSettings(s)}
	if s.Version > 0 {
		resp.Headers = map[string]string{"ETag": etag(s.Version)}
	}
	return resp
}

type desktopRequest struct {
	Sound         *string `json:"sound"`
	RepeatMinutes *int    `json:"repeatMinutes"`
}

type emailRequest struct {
	Enabled                 *bool `json:"enabled"`
	UnclaimedMinutes        *int  `json:"unclaimedMinutes"`
	UnreadMinutes           *int  `json:"unreadMinutes"`
	LimitToHoursOfOperation *bool `json:"limitToHoursOfOperation"`
}

// notificationSettingsRequest is a whole settings object: a PUT replaces
// every field, so every field is required.
type notificationSettingsRequest struct {
	Desktop *desktopRequest `json:"desktop"`
	Email   *emailRequest   `json:"email"`
}

// userNotificationSettingsRequest is what a manager or admin sends for
// another user: the settings and, optionally, the lock.
// (Not embedding notificationSettingsRequest: the decoder would name a bad
// field "notificationSettingsRequest.email.…".)
type userNotificationSettingsRequest struct {
	Desktop *desktopRequest `json:"desktop"`
	Email   *emailRequest   `json:"email"`
	Locked  *bool           `json:"locked"`
}

// settings returns the request as settings, or EInvalid naming every
// missing field.
func (in notificationSettingsRequest) settings() (roster.NotificationSettings, error) {
	var v roster.Validation
	var out roster.NotificationSettings
	need := func(field string, present bool) bool {
		if !present {
			v.Add(field, "is required: a PUT replaces the whole settings object")
		}
		return present
	}
	if need("desktop", in.Desktop != nil) {
		d := in.Desktop
		if need("desktop.sound", d.Sound != nil) {
			out.DesktopSound = *d.Sound
		}
		if need("desktop.repeatMinutes", d.RepeatMinutes != nil) {
			out.DesktopRepeatMinutes = *d.RepeatMinutes
		}
	}
	if need("email", in.Email != nil) {
		e := in.Email
		if need("email.enabled", e.Enabled != nil) {
			out.EmailEnabled = *e.Enabled
		}
		if need("email.unclaimedMinutes", e.UnclaimedMinutes != nil) {
			out.UnclaimedMinutes = *e.UnclaimedMinutes
		}
		if need("email.unreadMinutes", e.UnreadMinutes != nil) {
			out.UnreadMinutes = *e.UnreadMinutes
		}
		if need("email.limitToHoursOfOperation", e.LimitToHoursOfOperation != nil) {
			out.LimitToHours = *e.LimitToHoursOfOperation
		}
	}
	return out, v.Err()
}

// GetMyNotificationSettings is GET /me/notification-settings.
func GetMyNotificationSettings(svc *notifysettings.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		s, err := svc.GetMine(ctx, r.Caller)
		if err != nil {
			return Response{}, err
		}
		return settingsResponse(s), nil
	}
}

// PutMyNotificationSettings is PUT /me/notification-settings, If-Match
// optional; 403 settings_locked while a manager has locked them.
func PutMyNotificationSettings(svc *notifysettings.Service) Operation {
	return putSettings(svc.PutMine)
}

// GetUserNotificationSettings is GET /users/{id}/notification-settings.
func GetUserNotificationSettings(svc *notifysettings.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		s, err := svc.Get(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		return settingsResponse(s), nil
	}
}

// PutUserNotificationSettings is PUT /users/{id}/notification-settings,
// If-Match optional; the body may lock or unlock them.
func PutUserNotificationSettings(svc *notifysettings.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, false)
		if err != nil {
			return Response{}, err
		}
		var in userNotificationSettingsRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		settings, err := notificationSettingsRequest{Desktop: in.Desktop, Email: in.Email}.settings()
		if err != nil {
			return Response{}, err
		}
		s, err := svc.Put(ctx, r.Caller, r.PathParameters["id"], settings, in.Locked, version)
		if err != nil {
			return Response{}, err
		}
		return settingsResponse(s), nil
	}
}

// GetDefaultNotificationSettings is GET /notification-settings/default.
func GetDefaultNotificationSettings(svc *notifysettings.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		s, err := svc.GetDefault(ctx, r.Caller)
		if err != nil {
			return Response{}, err
		}
		return settingsResponse(s), nil
	}
}

// PutDefaultNotificationSettings is PUT /notification-settings/default,
// for organisation administrators; If-Match optional.
func PutDefaultNotificationSettings(svc *notifysettings.Service) Operation {
	return putSettings(svc.PutDefault)
}

// putSettings is a PUT of a whole settings object, If-Match optional.
func putSettings(put func(context.Context, roster.Caller, roster.NotificationSettings, int64) (roster.StoredNotificationSettings, error)) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, false)
		if err != nil {
			return Response{}, err
		}
		var in notificationSettingsRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		settings, err := in.settings()
		if err != nil {
			return Response{}, err
		}
		s, err := put(ctx, r.Caller, settings, version)
		if err != nil {
			return Response{}, err
		}
		return settingsResponse(s), nil
	}
}
