package dynamo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

var _ roster.GroupHoursStore = (*Store)(nil)

func hoursKey(orgID, groupID string) key { return key{orgPK(orgID), "HOURS#" + groupID} }

// hoursItem is a group's hours of operation: one item per group, the hours
// as one JSON attribute (they are read and written whole).
type hoursItem struct {
	key
	Type      string `dynamodbav:"type"`
	OrgID     string `dynamodbav:"orgId"`
	GroupID   string `dynamodbav:"groupId"`
	Hours     string `dynamodbav:"hours"`
	Version   int64  `dynamodbav:"version"`
	UpdatedAt string `dynamodbav:"updatedAt"`
}

// hoursDoc is the stored JSON: the API's shape, so a person reading the
// table recognises it.
type hoursDoc struct {
	TimeZone        string                   `json:"timeZone"`
	Weekly          map[string][]intervalDoc `json:"weekly,omitempty"`
	Holidays        []holidayDoc             `json:"holidays,omitempty"`
	AfterHoursReply string                   `json:"afterHoursReply,omitempty"`
}

// intervalDoc is an interval as the API spells it, overnight left out when
// false.
type intervalDoc struct {
	Start     roster.ClockTime `json:"start"`
	End       roster.ClockTime `json:"end"`
	Overnight bool             `json:"overnight,omitempty"`
}

func intervalDocs(ivs []roster.Interval) []intervalDoc {
	if len(ivs) == 0 {
		return nil
	}
	out := make([]intervalDoc, len(ivs))
	for i, iv := range ivs {
		out[i] = intervalDoc{iv.Start, iv.End, iv.Overnight}
	}
	return out
}

func intervals(docs []intervalDoc) []roster.Interval {
	if len(docs) == 0 {
		return nil
	}
	out := make([]roster.Interval, len(docs))
	for i, d := range docs {
		out[i] = roster.Interval{Start: d.Start, End: d.End, Overnight: d.Overnight}
	}
	return out
}

type holidayDoc struct {
	Date      roster.Date   `json:"date"`
	Name      string        `json:"name,omitempty"`
	Closed    bool          `json:"closed,omitempty"`
	Intervals []intervalDoc `json:"intervals,omitempty"`
	EveryYear bool          `json:"everyYear,omitempty"`
}

func encodeHours(h roster.Hours) (string, error) {
	doc := hoursDoc{TimeZone: h.TimeZone, Weekly: map[string][]intervalDoc{}, AfterHoursReply: h.AfterHoursReply}
	for d, ivs := range h.Weekly {
		if len(ivs) > 0 {
			doc.Weekly[roster.WeekdayName(time.Weekday(d))] = intervalDocs(ivs)
		}
	}
	for _, hd := range h.Holidays {
		doc.Holidays = append(doc.Holidays, holidayDoc{hd.Date, hd.Name, hd.Closed, intervalDocs(hd.Intervals), hd.EveryYear})
	}
	b, err := json.Marshal(doc)
	return string(b), err
}

func decodeHours(s string) (roster.Hours, error) {
	var doc hoursDoc
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		return roster.Hours{}, err
	}
	h := roster.Hours{TimeZone: doc.TimeZone, AfterHoursReply: doc.AfterHoursReply}
	for name, ivs := range doc.Weekly {
		d, ok := roster.ParseWeekday(name)
		if !ok {
			return roster.Hours{}, fmt.Errorf("unknown day %q", name)
		}
		h.Weekly[d] = intervals(ivs)
	}
	for _, hd := range doc.Holidays {
		h.Holidays = append(h.Holidays, roster.Holiday{Date: hd.Date, Name: hd.Name, Closed: hd.Closed, Intervals: intervals(hd.Intervals), EveryYear: hd.EveryYear})
	}
	return h, nil
}

// GroupHours reads a group's hours and their version. Returns ENotFound
// when none are set.
func (r *Reader) GroupHours(ctx context.Context, orgID, groupID string) (roster.Hours, int64, error) {
	var it hoursItem
	if err := r.get(ctx, hoursKey(orgID, groupID), &it, "hours of operation"); err != nil {
		return roster.Hours{}, 0, err
	}
	h, err := decodeHours(it.Hours)
	if err != nil {
		return roster.Hours{}, 0, fmt.Errorf("decode hours of %s/%s: %w", orgID, groupID, err)
	}
	return h, it.Version, nil
}

// PutGroupHours stores a group's hours at expectedVersion+1 (expectedVersion
// 0: none may be stored yet), with the audit event, in one transaction that
// also checks the group still exists. Returns EPreconditionFailed (reason
// stale_version) when the stored version differs, ENotFound when the group
// is gone, EConflict (concurrent_update) on a transaction conflict.
func (s *Store) PutGroupHours(ctx context.Context, orgID, groupID string, h roster.Hours, expectedVersion int64, audit roster.AuditEvent) error {
	doc, err := encodeHours(h)
	if err != nil {
		return fmt.Errorf("encode hours of %s/%s: %w", orgID, groupID, err)
	}
	at := audit.At
	if at.IsZero() {
		at = time.Now()
	}
	av, err := attributevalue.MarshalMap(hoursItem{key: hoursKey(orgID, groupID), Type: "GroupHours", OrgID: orgID, GroupID: groupID,
		Hours: doc, Version: expectedVersion + 1, UpdatedAt: ts(at)})
	if err != nil {
		return fmt.Errorf("encode hours item: %w", err)
	}
	put := &types.Put{TableName: &s.table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)")}
	if expectedVersion > 0 {
		put.ConditionExpression = strp("version = :v")
		put.ExpressionAttributeValues = map[string]types.AttributeValue{":v": num(expectedVersion)}
	}
	tx := []types.TransactWriteItem{
		{Put: put},
		{ConditionCheck: &types.ConditionCheck{TableName: &s.table, Key: groupKey(orgID, groupID).av(), ConditionExpression: strp("attribute_exists(pk)")}},
	}
	if audit.ID != "" {
		a, err := auditPut(s.table, audit)
		if err != nil {
			return err
		}
		tx = append(tx, a)
	}
	err = s.transact(ctx, tx)
	switch {
	case cancelled(err, 0):
		return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the hours changed since you read them; read them again and retry with their new ETag")
	case cancelled(err, 1):
		return roster.Errorf(roster.ENotFound, "group not found")
	case err != nil && roster.ErrorCodeOf(err) != roster.EInternal:
		return err
	case err != nil:
		return fmt.Errorf("put hours of %s/%s: %w", orgID, groupID, err)
	}
	return nil
}
