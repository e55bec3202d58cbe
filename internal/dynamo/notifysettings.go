package dynamo

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

var _ roster.NotificationSettingsReader = (*Reader)(nil)

func notifyKey(orgID, userID string) key { return key{orgPK(orgID), "NOTIFY#" + userID} }
func notifyDefaultKey(orgID string) key  { return key{orgPK(orgID), "NOTIFYDEFAULT"} }

// settingsMap is NotificationSettings as stored; no field is omitted, so the
// map is never empty (the emulator garbles empty maps).
type settingsMap struct {
	Sound            string `dynamodbav:"sound"`
	RepeatMinutes    int    `dynamodbav:"repeatMinutes"`
	EmailEnabled     bool   `dynamodbav:"emailEnabled"`
	UnclaimedMinutes int    `dynamodbav:"unclaimedMinutes"`
	UnreadMinutes    int    `dynamodbav:"unreadMinutes"`
	LimitToHours     bool   `dynamodbav:"limitToHours"`
}

// notifyItem is a user's own settings (NOTIFY#<userId>) or the
// organisation's default (NOTIFYDEFAULT, never locked).
type notifyItem struct {
	key
	Type      string      `dynamodbav:"type"`
	OrgID     string      `dynamodbav:"orgId"`
	UserID    string      `dynamodbav:"userId,omitempty"`
	Settings  settingsMap `dynamodbav:"settings"`
	Locked    bool        `dynamodbav:"locked"`
	Version   int64       `dynamodbav:"version"`
	UpdatedAt string      `dynamodbav:"updatedAt"`
	UpdatedBy string      `dynamodbav:"updatedBy"`
}

func (it notifyItem) stored(source string) roster.StoredNotificationSettings {
	s := it.Settings
	return roster.StoredNotificationSettings{
		Settings: roster.NotificationSettings{DesktopSound: s.Sound, DesktopRepeatMinutes: s.RepeatMinutes, EmailEnabled: s.EmailEnabled,
			UnclaimedMinutes: s.UnclaimedMinutes, UnreadMinutes: s.UnreadMinutes, LimitToHours: s.LimitToHours},
		Source: source, Locked: it.Locked, Version: it.Version, UpdatedAt: parseTS(it.UpdatedAt), UpdatedBy: it.UpdatedBy,
	}
}

func toSettingsMap(s roster.NotificationSettings) settingsMap {
	return settingsMap{Sound: s.DesktopSound, RepeatMinutes: s.DesktopRepeatMinutes, EmailEnabled: s.EmailEnabled,
		UnclaimedMinutes: s.UnclaimedMinutes, UnreadMinutes: s.UnreadMinutes, LimitToHours: s.LimitToHours}
}

// NotificationSettingsOf returns the settings that apply to a user and
// where they come from: their own, else the organisation's default, else
// roster.DefaultNotificationSettings. One BatchGetItem (consistent) reads
// both items: 1 read unit each at most.
func (r *Reader) NotificationSettingsOf(ctx context.Context, orgID, userID string) (roster.StoredNotificationSettings, error) {
	var own, org *notifyItem
	err := r.batchGet(ctx, []key{notifyKey(orgID, userID), notifyDefaultKey(orgID)}, func(item map[string]types.AttributeValue) error {
		var it notifyItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("decode notification settings: %w", err)
		}
		if it.SK == notifyDefaultKey(orgID).SK {
			org = &it
		} else {
			own = &it
		}
		return nil
	})
	if err != nil {
		return roster.StoredNotificationSettings{}, fmt.Errorf("notification settings of %s: %w", userID, err)
	}
	switch {
	case own != nil:
		return own.stored(roster.SettingsFromUser), nil
	case org != nil:
		s := org.stored(roster.SettingsFromOrganisation)
		s.Locked, s.Version = false, 0 // the user has no settings of their own to lock or match
		return s, nil
	}
	return roster.StoredNotificationSettings{Settings: roster.DefaultNotificationSettings, Source: roster.SettingsFromDefault}, nil
}

// EffectiveNotificationSettings is roster.NotificationSettingsReader: the
// user's own settings, else the organisation's default, else
// roster.DefaultNotificationSettings.
func (r *Reader) EffectiveNotificationSettings(ctx context.Context, orgID, userID string) (roster.NotificationSettings, error) {
	s, err := r.NotificationSettingsOf(ctx, orgID, userID)
	return s.Settings, err
}

// OrgNotificationSettings returns the organisation's default, with source
// "organisation" and its version, or roster.DefaultNotificationSettings
// with source "default" and version 0 when none is set.
func (r *Reader) OrgNotificationSettings(ctx context.Context, orgID string) (roster.StoredNotificationSettings, error) {
	var it notifyItem
	err := r.get(ctx, notifyDefaultKey(orgID), &it, "notification settings")
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.StoredNotificationSettings{Settings: roster.DefaultNotificationSettings, Source: roster.SettingsFromDefault}, nil
	}
	if err != nil {
		return roster.StoredNotificationSettings{}, err
	}
	return it.stored(roster.SettingsFromOrganisation), nil
}

// PutNotificationSettings writes a user's own settings (userID != "") or
// the organisation's default (userID == "") with version s.Version, on
// condition that the stored version is prev (0: none stored yet), with the
// audit event. Returns EConflict (settings_changed) otherwise. A user's own
// settings move their member items (members.go) in the same transaction,
// with a check that the user is still as read (a user changed meanwhile:
// read again and try again). The default moves nothing: member items using
// it say so, and the notifier reads it.
func (s *Store) PutNotificationSettings(ctx context.Context, orgID, userID string, v roster.StoredNotificationSettings, prev int64, audit roster.AuditEvent) error {
	k, typ := notifyKey(orgID, userID), "NotificationSettings"
	if userID == "" {
		k, typ = notifyDefaultKey(orgID), "OrgNotificationSettings"
	}
	av, err := attributevalue.MarshalMap(notifyItem{key: k, Type: typ, OrgID: orgID, UserID: userID, Settings: toSettingsMap(v.Settings),
		Locked: v.Locked, Version: v.Version, UpdatedAt: ts(v.UpdatedAt), UpdatedBy: v.UpdatedBy})
	if err != nil {
		return fmt.Errorf("encode notification settings: %w", err)
	}
	put := &types.Put{TableName: &s.table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)")}
	if prev > 0 {
		put.ConditionExpression = strp("version = :prev")
		put.ExpressionAttributeValues = map[string]types.AttributeValue{":prev": num(prev)}
	}
	a, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	changed := roster.WithReason(roster.EConflict, "settings_changed", "the notification settings changed meanwhile")
	for range 3 {
		tx := []types.TransactWriteItem{{Put: put}, a}
		if userID != "" {
			from, version, err := s.ownSettings(ctx, orgID, userID)
			if err != nil {
				return err
			}
			if version != prev {
				return changed
			}
			to := v.Settings
			members, err := s.settingsMembers(ctx, orgID, userID, from, &to)
			if err != nil {
				return err
			}
			tx = append(tx, members...)
		}
		err = s.transact(ctx, tx)
		switch {
		case err == nil:
			return nil
		case cancelled(err, 0):
			return changed
		case userID != "" && cancelled(err, 2):
			continue // the user changed since read: their member items with them
		}
		return fmt.Errorf("put notification settings %s: %w", k.SK, err)
	}
	return roster.WithReason(roster.EConflict, "concurrent_update", "the user changed at the same moment; retry")
}
