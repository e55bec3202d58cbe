package api

import (
	"context"
	"time"

	"github.com/roster-app/roster/internal/hours"
	"github.com/roster-app/roster/internal/roster"
)

// HoursView is a group's hours of operation as the API shows and takes them.
type HoursView struct {
	TimeZone        string                    `json:"timeZone"`
	Weekly          map[string][]IntervalView `json:"weekly"`
	Holidays        []HolidayView             `json:"holidays"`
	AfterHoursReply string                    `json:"afterHoursReply"`
}

// IntervalView is an opening, "09:00" to "17:30"; with overnight it runs
// past midnight and ends the next day ("22:00" to "02:00").
type IntervalView struct {
	Start     string `json:"start"`
	End       string `json:"end"`
	Overnight bool   `json:"overnight,omitempty"`
}

// HolidayView is a day whose hours replace the weekly schedule.
type HolidayView struct {
	Date      string         `json:"date"`
	Name      string         `json:"name,omitempty"`
	Closed    bool           `json:"closed"`
	Intervals []IntervalView `json:"intervals,omitempty"`
	EveryYear bool           `json:"everyYear"`
}

// OpenStatusView answers GET /groups/{id}/open.
type OpenStatusView struct {
	Open      bool   `json:"open"`
	Reason    string `json:"reason"`
	At        string `json:"at"`
	Until     string `json:"until,omitempty"`
	TimeZone  string `json:"timeZone,omitempty"`
	LocalTime string `json:"localTime,omitempty"`
}

func viewIntervals(ivs []roster.Interval) []IntervalView {
	out := make([]IntervalView, len(ivs))
	for i, iv := range ivs {
		out[i] = IntervalView{iv.Start.String(), iv.End.String(), iv.Overnight}
	}
	return out
}

func viewHours(h roster.Hours) HoursView {
	v := HoursView{TimeZone: h.TimeZone, Weekly: map[string][]IntervalView{}, Holidays: []HolidayView{}, AfterHoursReply: h.AfterHoursReply}
	for d := time.Sunday; d <= time.Saturday; d++ {
		v.Weekly[roster.WeekdayName(d)] = viewIntervals(h.Weekly[d])
	}
	for _, hd := range h.Holidays {
		hv := HolidayView{Date: hd.Date.String(), Name: hd.Name, Closed: hd.Closed, EveryYear: hd.EveryYear}
		if len(hd.Intervals) > 0 {
			hv.Intervals = viewIntervals(hd.Intervals)
		}
		v.Holidays = append(v.Holidays, hv)
	}
	return v
}

func inputIntervals(ivs []IntervalView) []roster.IntervalInput {
	out := make([]roster.IntervalInput, len(ivs))
	for i, iv := range ivs {
		out[i] = roster.IntervalInput{Start: iv.Start, End: iv.End, Overnight: iv.Overnight}
	}
	return out
}

func (v HoursView) input() roster.HoursInput {
	in := roster.HoursInput{TimeZone: v.TimeZone, Weekly: map[string][]roster.IntervalInput{}, AfterHoursReply: v.AfterHoursReply}
	for day, ivs := range v.Weekly {
		in.Weekly[day] = inputIntervals(ivs)
	}
	for _, hd := range v.Holidays {
		in.Holidays = append(in.Holidays, roster.HolidayInput{Date: hd.Date, Name: hd.Name, Closed: hd.Closed,
			Intervals: inputIntervals(hd.Intervals), EveryYear: hd.EveryYear})
	}
	return in
}

// GetGroupHours is GET /groups/{id}/hours; 404 hours_not_set when none are set.
func GetGroupHours(svc *hours.Viewer) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		h, version, err := svc.Get(ctx, r.Caller, r.PathParameters["id"])
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewHours(h), Headers: map[string]string{"ETag": etag(version)}}, nil
	}
}

// PutGroupHours is PUT /groups/{id}/hours: set or replace them whole.
// If-Match may be left out only while the group has none.
func PutGroupHours(svc *hours.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, false)
		if err != nil {
			return Response{}, err
		}
		var in HoursView
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		h, version, err := svc.Put(ctx, r.Caller, r.PathParameters["id"], in.input(), version)
		if err != nil {
			return Response{}, err
		}
		return Response{Body: viewHours(h), Headers: map[string]string{"ETag": etag(version)}}, nil
	}
}

// GetGroupOpen is GET /groups/{id}/open?at=<RFC 3339>: open or closed at
// that moment (default now), why, and until when.
func GetGroupOpen(svc *hours.Viewer) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var at time.Time
		if s := r.QueryStringParameters["at"]; s != "" {
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return Response{}, invalidField("at", "must be an RFC 3339 time such as 2026-12-24T10:00:00Z")
			}
			at = t
		}
		st, err := svc.StatusAt(ctx, r.Caller, r.PathParameters["id"], at)
		if err != nil {
			return Response{}, err
		}
		v := OpenStatusView{Open: st.Open, Reason: st.Reason, At: rfc3339(st.At), TimeZone: st.TimeZone}
		if !st.Until.IsZero() {
			v.Until = rfc3339(st.Until)
		}
		if st.TimeZone != "" {
			v.LocalTime = st.Local.Format(time.RFC3339)
		}
		return Response{Body: v}, nil
	}
}
