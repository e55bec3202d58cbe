package roster_test

import (
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the same zone data the Lambdas embed

	"github.com/roster-app/roster/internal/roster"
)

func iv(start, end string) roster.IntervalInput { return roster.IntervalInput{Start: start, End: end} }

// night is an interval that runs past midnight into the next day.
func night(start, end string) roster.IntervalInput {
	return roster.IntervalInput{Start: start, End: end, Overnight: true}
}

func mustHours(t *testing.T, in roster.HoursInput) roster.Hours {
	t.Helper()
	h, err := roster.ParseHours(in)
	if err != nil {
		t.Fatalf("ParseHours: %v %+v", err, fieldsOf(err))
	}
	return h
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

type statusCase struct {
	name   string
	at     string // RFC 3339
	open   bool
	reason string
	until  string // RFC 3339 UTC; "" for zero
}

func checkStatuses(t *testing.T, h roster.Hours, cases []statusCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := h.StatusAt(utc(c.at))
			var until time.Time
			if c.until != "" {
				until = utc(c.until)
			}
			if got.Open != c.open || got.Reason != c.reason || !got.Until.Equal(until) {
				t.Fatalf("at %s (%s local): got open=%v reason=%s until=%s; want open=%v reason=%s until=%s",
					c.at, utc(c.at).In(h.Location()).Format("Mon 2006-01-02 15:04 MST"), got.Open, got.Reason, got.Until.Format(time.RFC3339),
					c.open, c.reason, until.Format(time.RFC3339))
			}
			if !got.Until.IsZero() && got.Until.Location() != time.UTC {
				t.Fatalf("until %v is not in UTC", got.Until)
			}
		})
	}
}

// New York: 2026-03-08 (Sunday) clocks go 02:00 EST -> 03:00 EDT; 2026-11-01
// (Sunday) 02:00 EDT -> 01:00 EST.
func TestStatusAtNewYorkAcrossDaylightSaving(t *testing.T) {
	weekday := []roster.IntervalInput{iv("09:00", "17:00")}
	h := mustHours(t, roster.HoursInput{TimeZone: "America/New_York", Weekly: map[string][]roster.IntervalInput{
		"monday": weekday, "tuesday": weekday, "wednesday": weekday, "thursday": weekday, "friday": weekday,
		"saturday": {night("22:00", "02:00")}, // runs into Sunday: across the week boundary
		"sunday":   {night("23:00", "01:00")}, // Sunday night into Monday
	}})
	checkStatuses(t, h, []statusCase{
		{"Friday before the change, just before opening", "2026-03-06T13:59:00Z", false, roster.ClosedRegular, "2026-03-06T14:00:00Z"},
		{"Friday 09:00 EST", "2026-03-06T14:00:00Z", true, roster.OpenRegularHours, "2026-03-06T22:00:00Z"},
		{"Monday after the change opens at 09:00 EDT", "2026-03-09T13:00:00Z", true, roster.OpenRegularHours, "2026-03-09T21:00:00Z"},
		{"Monday 08:30 EDT is still closed", "2026-03-09T12:30:00Z", false, roster.ClosedRegular, "2026-03-09T13:00:00Z"},
		{"Saturday night shift into Sunday ends at 02:00, the moment of the jump", "2026-03-08T04:30:00Z", true, roster.OpenRegularHours, "2026-03-08T07:00:00Z"},
		{"Sunday 03:00 EDT closed until the night", "2026-03-08T07:00:00Z", false, roster.ClosedRegular, "2026-03-09T03:00:00Z"},
		{"Sunday 23:00 EDT opens the night into Monday", "2026-03-09T03:00:00Z", true, roster.OpenRegularHours, "2026-03-09T05:00:00Z"},
		{"Monday 00:30 EDT, on Sunday's interval", "2026-03-09T04:30:00Z", true, roster.OpenRegularHours, "2026-03-09T05:00:00Z"},
		{"Monday 01:00 EDT closed until 09:00", "2026-03-09T05:00:00Z", false, roster.ClosedRegular, "2026-03-09T13:00:00Z"},

		{"Saturday night before the fall-back runs to 02:00 EST, an hour longer", "2026-11-01T03:00:00Z", true, roster.OpenRegularHours, "2026-11-01T07:00:00Z"},
		{"the repeated 01:15 (EST) is still on Saturday's interval", "2026-11-01T06:15:00Z", true, roster.OpenRegularHours, "2026-11-01T07:00:00Z"},
		{"Sunday 02:00 EST closed until 23:00 EST", "2026-11-01T07:00:00Z", false, roster.ClosedRegular, "2026-11-02T04:00:00Z"},
		{"Monday after the fall-back opens at 09:00 EST", "2026-11-02T14:00:00Z", true, roster.OpenRegularHours, "2026-11-02T22:00:00Z"},
		{"Friday 17:00 EDT closes until the night shift", "2026-10-30T21:00:00Z", false, roster.ClosedRegular, "2026-11-01T02:00:00Z"},
	})
}

// A boundary in the repeated hour happens at its first occurrence: no
// flicker when the clock goes back through it.
func TestStatusAtRepeatedHourHasNoFlicker(t *testing.T) {
	h := mustHours(t, roster.HoursInput{TimeZone: "America/New_York", Weekly: map[string][]roster.IntervalInput{
		"sunday": {iv("01:30", "05:00")},
	}})
	checkStatuses(t, h, []statusCase{
		{"01:29 EDT", "2026-11-01T05:29:00Z", false, roster.ClosedRegular, "2026-11-01T05:30:00Z"},
		{"first 01:30 (EDT) opens", "2026-11-01T05:30:00Z", true, roster.OpenRegularHours, "2026-11-01T10:00:00Z"},
		{"second 01:10 (EST) stays open", "2026-11-01T06:10:00Z", true, roster.OpenRegularHours, "2026-11-01T10:00:00Z"},
	})
	across := mustHours(t, roster.HoursInput{TimeZone: "America/New_York", Weekly: map[string][]roster.IntervalInput{
		"sunday": {iv("02:30", "03:30")}, // 02:30 lies in the spring-forward gap of 2026-03-08
	}})
	checkStatuses(t, across, []statusCase{
		{"01:59 EST: opens when the clock jumps to 03:00 EDT", "2026-03-08T06:59:00Z", false, roster.ClosedRegular, "2026-03-08T07:00:00Z"},
		{"03:10 EDT inside 02:30-03:30", "2026-03-08T07:10:00Z", true, roster.OpenRegularHours, "2026-03-08T07:30:00Z"},
		{"after the fall-back, 02:30 EST", "2026-11-01T07:45:00Z", true, roster.OpenRegularHours, "2026-11-01T08:30:00Z"},
	})
	gap := mustHours(t, roster.HoursInput{TimeZone: "America/New_York", Weekly: map[string][]roster.IntervalInput{
		"sunday": {iv("02:10", "02:40")}, // wholly inside the skipped hour on 2026-03-08
	}})
	checkStatuses(t, gap, []statusCase{
		{"an interval inside the gap never opens that day; next Sunday it does", "2026-03-08T06:00:00Z", false, roster.ClosedRegular, "2026-03-15T06:10:00Z"},
	})
}

// London, with holidays on weekdays and weekends, one-off and every year,
// special hours, and overnight shifts running into a holiday.
func TestStatusAtLondonHolidays(t *testing.T) {
	day := []roster.IntervalInput{iv("09:00", "17:00")}
	late := []roster.IntervalInput{iv("09:00", "17:00"), night("20:00", "01:00")}
	h := mustHours(t, roster.HoursInput{TimeZone: "Europe/London",
		Weekly: map[string][]roster.IntervalInput{"monday": day, "tuesday": day, "wednesday": day, "thursday": late, "friday": late},
		Holidays: []roster.HolidayInput{
			{Date: "2026-12-25", Name: "Christmas", Closed: true, EveryYear: true}, // a Friday in 2026, a Saturday in 2027
			{Date: "2026-12-24", Name: "Christmas Eve", Intervals: []roster.IntervalInput{iv("09:00", "12:00")}},
			{Date: "2026-12-26", Name: "Boxing Day", Closed: true}, // a Saturday
			{Date: "2025-01-01", Name: "New Year", Closed: true, EveryYear: true},
			{Date: "2026-12-31", Name: "New Year's Eve", Intervals: []roster.IntervalInput{iv("10:00", "14:00"), night("22:00", "02:00")}},
		}})
	checkStatuses(t, h, []statusCase{
		{"Christmas Eve special hours", "2026-12-24T10:00:00Z", true, roster.OpenHolidayHours, "2026-12-24T12:00:00Z"},
		{"Christmas Eve after its hours: closed through Christmas, Boxing Day, Sunday", "2026-12-24T13:00:00Z", false, roster.ClosedHolidayOff, "2026-12-28T09:00:00Z"},
		{"Christmas Eve evening: its special hours replace Thursday's late shift", "2026-12-24T21:00:00Z", false, roster.ClosedHolidayOff, "2026-12-28T09:00:00Z"},
		{"Christmas Day, a Friday, closed all day", "2026-12-25T10:00:00Z", false, roster.ClosedHoliday, "2026-12-28T09:00:00Z"},
		{"Boxing Day on a Saturday", "2026-12-26T10:00:00Z", false, roster.ClosedHoliday, "2026-12-28T09:00:00Z"},
		{"Christmas every year: 2027 falls on a Saturday", "2027-12-25T10:00:00Z", false, roster.ClosedHoliday, "2027-12-27T09:00:00Z"},
		{"every year starts in its own year: 2025-12-25 was an ordinary Thursday", "2025-12-25T10:00:00Z", true, roster.OpenRegularHours, "2025-12-25T17:00:00Z"},
		{"New Year's Eve night shift, special hours", "2026-12-31T23:00:00Z", true, roster.OpenHolidayHours, "2027-01-01T02:00:00Z"},
		{"New Year's Day (every year since 2025): the eve's shift runs past midnight into it", "2027-01-01T01:30:00Z", true, roster.OpenHolidayHours, "2027-01-01T02:00:00Z"},
		{"New Year's Day after the shift: closed for the holiday", "2027-01-01T02:00:00Z", false, roster.ClosedHoliday, "2027-01-04T09:00:00Z"},
		{"Thursday's late shift runs into Friday", "2026-12-18T00:30:00Z", true, roster.OpenRegularHours, "2026-12-18T01:00:00Z"},
		{"Friday's late shift into Saturday", "2026-12-19T00:59:00Z", true, roster.OpenRegularHours, "2026-12-19T01:00:00Z"},
		{"London spring forward (2026-03-29): Monday 09:00 BST", "2026-03-30T08:00:00Z", true, roster.OpenRegularHours, "2026-03-30T16:00:00Z"},
		{"the Friday before: 09:00 GMT", "2026-03-27T09:00:00Z", true, roster.OpenRegularHours, "2026-03-27T17:00:00Z"},
		{"Thursday's late shift ends at 01:00 GMT", "2026-03-27T00:30:00Z", true, roster.OpenRegularHours, "2026-03-27T01:00:00Z"},
	})
	// A regular shift running past midnight into a holiday closed all day.
	shift := mustHours(t, roster.HoursInput{TimeZone: "Europe/London",
		Weekly:   map[string][]roster.IntervalInput{"thursday": late},
		Holidays: []roster.HolidayInput{{Date: "2026-12-25", Closed: true}}})
	checkStatuses(t, shift, []statusCase{
		{"the holiday does not cut the night before short", "2026-12-25T00:30:00Z", true, roster.OpenRegularHours, "2026-12-25T01:00:00Z"},
		{"then the holiday", "2026-12-25T01:00:00Z", false, roster.ClosedHoliday, "2026-12-31T09:00:00Z"},
	})
}

func TestStatusAtAroundTheClockAndNever(t *testing.T) {
	all := map[string][]roster.IntervalInput{}
	for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		all[d] = []roster.IntervalInput{iv("00:00", "24:00")}
	}
	checkStatuses(t, mustHours(t, roster.HoursInput{TimeZone: "America/New_York", Weekly: all}), []statusCase{
		{"open 24/7 never changes, even across DST", "2026-03-08T06:30:00Z", true, roster.OpenRegularHours, ""},
	})
	checkStatuses(t, mustHours(t, roster.HoursInput{TimeZone: "UTC"}), []statusCase{
		{"no intervals at all: closed, never opens", "2026-03-08T06:30:00Z", false, roster.ClosedRegular, ""},
	})
	adjacent := mustHours(t, roster.HoursInput{TimeZone: "UTC", Weekly: map[string][]roster.IntervalInput{
		"monday": {iv("09:00", "12:00"), iv("12:00", "17:00")}}})
	checkStatuses(t, adjacent, []statusCase{
		{"adjacent intervals are one opening", "2026-03-09T10:00:00Z", true, roster.OpenRegularHours, "2026-03-09T17:00:00Z"},
		{"a week to the next opening", "2026-03-09T18:00:00Z", false, roster.ClosedRegular, "2026-03-16T09:00:00Z"},
	})
	rare := mustHours(t, roster.HoursInput{TimeZone: "UTC", Holidays: []roster.HolidayInput{{Date: "2026-06-01", Intervals: []roster.IntervalInput{iv("09:00", "10:00")}}}})
	checkStatuses(t, rare, []statusCase{
		{"an opening a month ahead", "2026-05-01T00:00:00Z", false, roster.ClosedRegular, "2026-06-01T09:00:00Z"},
		{"nothing after it: never opens again", "2026-06-02T10:00:00Z", false, roster.ClosedRegular, ""},
	})
	far := mustHours(t, roster.HoursInput{TimeZone: "UTC", Holidays: []roster.HolidayInput{
		{Date: "2027-06-01", Intervals: []roster.IntervalInput{iv("09:00", "10:00")}},
		{Date: "2027-06-02", Intervals: []roster.IntervalInput{iv("09:00", "10:00")}}}})
	checkStatuses(t, far, []statusCase{
		{"399 days ahead is found", "2026-04-28T09:00:00Z", false, roster.ClosedRegular, "2027-06-01T09:00:00Z"},
		{"400 days ahead is found", "2026-04-27T09:00:00Z", false, roster.ClosedRegular, "2027-06-01T09:00:00Z"},
		{"beyond 400 days: zero", "2026-04-27T08:59:00Z", false, roster.ClosedRegular, ""},
	})
	allBut := mustHours(t, roster.HoursInput{TimeZone: "Europe/London", Weekly: all, Holidays: []roster.HolidayInput{
		{Date: "2027-03-01", Closed: true}}})
	checkStatuses(t, allBut, []statusCase{
		{"open around the clock until a holiday months ahead", "2026-06-01T12:00:00Z", true, roster.OpenRegularHours, "2027-03-01T00:00:00Z"},
		{"the holiday ends at midnight", "2027-03-01T12:00:00Z", false, roster.ClosedHoliday, "2027-03-02T00:00:00Z"},
	})
}

// The README's example: Christmas (a Friday, every year) replaces that
// night's shift, and Monday is open all day.
func TestStatusAtReadmeExample(t *testing.T) {
	h := mustHours(t, roster.HoursInput{TimeZone: "America/New_York", Weekly: map[string][]roster.IntervalInput{
		"monday": {iv("00:00", "24:00")}, "tuesday": {iv("09:00", "17:00")}, "friday": {night("22:00", "02:00")}},
		Holidays: []roster.HolidayInput{{Date: "2026-12-25", Name: "Christmas", Closed: true, EveryYear: true}}})
	checkStatuses(t, h, []statusCase{
		{"Christmas afternoon", "2026-12-25T15:00:00Z", false, roster.ClosedHoliday, "2026-12-28T05:00:00Z"},
		{"the Friday before: the night shift runs into Saturday", "2026-12-19T05:00:00Z", true, roster.OpenRegularHours, "2026-12-19T07:00:00Z"},
	})
}

// A three-week closure of consecutive holidays: the closed period runs to
// the reopening, so the after-hours auto-reply goes once for all of it.
func TestStatusAtLongHolidayRun(t *testing.T) {
	day := []roster.IntervalInput{iv("09:00", "17:00")}
	in := roster.HoursInput{TimeZone: "America/New_York", Weekly: map[string][]roster.IntervalInput{
		"monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": day,
		"saturday": {night("22:00", "02:00")}}}
	// Closed from Monday 2026-07-06 to Sunday 2026-07-26: 21 days.
	for d := time.Date(2026, 7, 6, 0, 0, 0, 0, time.UTC); d.Day() <= 26; d = d.AddDate(0, 0, 1) {
		in.Holidays = append(in.Holidays, roster.HolidayInput{Date: d.Format(time.DateOnly), Name: "Summer closure", Closed: true})
	}
	h := mustHours(t, in)
	checkStatuses(t, h, []statusCase{
		{"Friday before, open", "2026-07-03T15:00:00Z", true, roster.OpenRegularHours, "2026-07-03T21:00:00Z"},
		{"Sunday's night shift before the closure still runs", "2026-07-05T05:00:00Z", true, roster.OpenRegularHours, "2026-07-05T06:00:00Z"},
		{"first day of the closure: closed until the reopening", "2026-07-06T14:00:00Z", false, roster.ClosedHoliday, "2026-07-27T13:00:00Z"},
		{"mid-closure, a Saturday night with no shift", "2026-07-19T03:00:00Z", false, roster.ClosedHoliday, "2026-07-27T13:00:00Z"},
		{"last day of the closure", "2026-07-26T20:00:00Z", false, roster.ClosedHoliday, "2026-07-27T13:00:00Z"},
		{"the Monday after reopens at 09:00 EDT", "2026-07-27T13:00:00Z", true, roster.OpenRegularHours, "2026-07-27T21:00:00Z"},
	})
}

func TestParseHoursRefusesBadInput(t *testing.T) {
	good := func() roster.HoursInput {
		return roster.HoursInput{TimeZone: "America/New_York", Weekly: map[string][]roster.IntervalInput{"monday": {iv("09:00", "17:00")}}}
	}
	many := make([]roster.IntervalInput, 11)
	for i := range many {
		many[i] = iv(time.Date(0, 1, 1, i, 0, 0, 0, time.UTC).Format("15:04"), time.Date(0, 1, 1, i, 30, 0, 0, time.UTC).Format("15:04"))
	}
	manyHolidays := make([]roster.HolidayInput, 367)
	for i := range manyHolidays {
		manyHolidays[i] = roster.HolidayInput{Date: time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), Closed: true}
	}
	cases := []struct {
		name   string
		change func(*roster.HoursInput)
		fields []string // nil: accepted
	}{
		{"a good week", func(*roster.HoursInput) {}, nil},
		{"unknown zone", func(in *roster.HoursInput) { in.TimeZone = "Mars/Olympus_Mons" }, []string{"timeZone"}},
		{"no zone", func(in *roster.HoursInput) { in.TimeZone = "" }, []string{"timeZone"}},
		{"Local is not a zone", func(in *roster.HoursInput) { in.TimeZone = "Local" }, []string{"timeZone"}},
		{"UTC is a zone", func(in *roster.HoursInput) { in.TimeZone = "UTC" }, nil},
		{"malformed time", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{iv("9:00", "17:00")} }, []string{"weekly.monday[0].start"}},
		{"no such time", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{iv("09:00", "24:30")} }, []string{"weekly.monday[0].end"}},
		{"24:00 starts nothing", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{iv("24:00", "02:00")} }, []string{"weekly.monday[0].start"}},
		{"zero length", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{iv("09:00", "09:00")} }, []string{"weekly.monday[0].end"}},
		{"00:00-00:00 is not all day", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{iv("00:00", "00:00")} }, []string{"weekly.monday[0].end"}},
		{"00:00-24:00 is all day", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{iv("00:00", "24:00")} }, nil},
		{"inverted is refused, not read as overnight", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{iv("17:00", "09:00")} }, []string{"weekly.monday[0].end"}},
		{"00:00 end without overnight is refused: 24:00 ends at midnight", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{iv("22:00", "00:00")} }, []string{"weekly.monday[0].end"}},
		{"overnight is accepted", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{night("17:00", "09:00")} }, nil},
		{"overnight for 24 hours", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{night("09:00", "09:00")} }, nil},
		{"overnight that does not cross midnight", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{night("09:00", "17:00")} }, []string{"weekly.monday[0].end"}},
		{"overnight ending at 24:00", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{night("22:00", "24:00")} }, []string{"weekly.monday[0].end"}},
		{"overnight ending at 00:00", func(in *roster.HoursInput) { in.Weekly["monday"] = []roster.IntervalInput{night("22:00", "00:00")} }, []string{"weekly.monday[0].end"}},
		{"overnight holiday hours", func(in *roster.HoursInput) {
			in.Holidays = []roster.HolidayInput{{Date: "2026-12-31", Intervals: []roster.IntervalInput{iv("10:00", "14:00"), night("22:00", "02:00")}}}
		}, nil},
		{"inverted holiday hours", func(in *roster.HoursInput) {
			in.Holidays = []roster.HolidayInput{{Date: "2026-12-31", Intervals: []roster.IntervalInput{iv("22:00", "02:00")}}}
		}, []string{"holidays[0].intervals[0].end"}},
		{"overlap in a day", func(in *roster.HoursInput) {
			in.Weekly["monday"] = []roster.IntervalInput{iv("09:00", "12:00"), iv("11:00", "13:00")}
		}, []string{"weekly.monday[1]"}},
		{"overlap listed out of order", func(in *roster.HoursInput) {
			in.Weekly["monday"] = []roster.IntervalInput{iv("11:00", "13:00"), iv("09:00", "12:00")}
		}, []string{"weekly.monday[0]"}},
		{"adjacent is not overlap", func(in *roster.HoursInput) {
			in.Weekly["monday"] = []roster.IntervalInput{iv("09:00", "12:00"), iv("12:00", "17:00"), night("22:00", "02:00")}
			in.Weekly["tuesday"] = []roster.IntervalInput{iv("02:00", "05:00")}
		}, nil},
		{"overnight spills into the next day's first interval", func(in *roster.HoursInput) {
			in.Weekly["monday"] = []roster.IntervalInput{night("22:00", "02:00")}
			in.Weekly["tuesday"] = []roster.IntervalInput{iv("01:00", "05:00")}
		}, []string{"weekly.tuesday[0]"}},
		{"Saturday night spills into Sunday", func(in *roster.HoursInput) {
			in.Weekly["saturday"] = []roster.IntervalInput{night("22:00", "02:00")}
			in.Weekly["sunday"] = []roster.IntervalInput{iv("01:00", "05:00")}
		}, []string{"weekly.sunday[0]"}},
		{"overnight overlapping a later one the same evening", func(in *roster.HoursInput) {
			in.Weekly["monday"] = []roster.IntervalInput{iv("09:00", "17:00"), night("16:00", "01:00")}
		}, []string{"weekly.monday[1]"}},
		{"more than 10 a day", func(in *roster.HoursInput) { in.Weekly["tuesday"] = many }, []string{"weekly.tuesday"}},
		{"unknown day", func(in *roster.HoursInput) { in.Weekly["Funday"] = []roster.IntervalInput{iv("09:00", "10:00")} }, []string{"weekly.Funday"}},
		{"impossible date", func(in *roster.HoursInput) {
			in.Holidays = []roster.HolidayInput{{Date: "2026-02-30", Closed: true}}
		}, []string{"holidays[0].date"}},
		{"29 February of a leap year", func(in *roster.HoursInput) {
			in.Holidays = []roster.HolidayInput{{Date: "2028-02-29", Closed: true, EveryYear: true}}
		}, nil},
		{"closed and with hours", func(in *roster.HoursInput) {
			in.Holidays = []roster.HolidayInput{{Date: "2026-12-24", Closed: true, Intervals: []roster.IntervalInput{iv("09:00", "12:00")}}}
		}, []string{"holidays[0].intervals"}},
		{"neither closed nor hours", func(in *roster.HoursInput) {
			in.Holidays = []roster.HolidayInput{{Date: "2026-12-24"}}
		}, []string{"holidays[0].closed"}},
		{"holiday hours overlapping", func(in *roster.HoursInput) {
			in.Holidays = []roster.HolidayInput{{Date: "2026-12-24", Intervals: []roster.IntervalInput{iv("09:00", "12:00"), iv("10:00", "11:00")}}}
		}, []string{"holidays[0].intervals[1]"}},
		{"duplicate date", func(in *roster.HoursInput) {
			in.Holidays = []roster.HolidayInput{{Date: "2026-12-25", Closed: true}, {Date: "2026-12-25", Closed: true}}
		}, []string{"holidays[1].date"}},
		{"two every-year holidays on one day", func(in *roster.HoursInput) {
			in.Holidays = []roster.HolidayInput{{Date: "2026-12-25", Closed: true, EveryYear: true}, {Date: "2027-12-25", Closed: true, EveryYear: true}}
		}, []string{"holidays[1].date"}},
		{"too many holidays", func(in *roster.HoursInput) { in.Holidays = manyHolidays }, []string{"holidays"}},
		{"reply too long", func(in *roster.HoursInput) { in.AfterHoursReply = strings.Repeat("é", 1001) }, []string{"afterHoursReply"}},
		{"reply of 1000 characters", func(in *roster.HoursInput) { in.AfterHoursReply = strings.Repeat("é", 1000) }, nil},
		{"every bad field at once", func(in *roster.HoursInput) {
			in.TimeZone = "Nowhere/Special"
			in.Weekly["monday"] = []roster.IntervalInput{iv("09:00", "12:00"), iv("11:00", "x")}
			in.Weekly["friday"] = []roster.IntervalInput{iv("10:00", "11:00"), iv("10:30", "12:00")}
			in.Holidays = []roster.HolidayInput{{Date: "2026-13-01", Closed: true}, {Date: "2026-12-24", Closed: true, Intervals: []roster.IntervalInput{iv("09:00", "09:00")}}}
		}, []string{"timeZone", "weekly.monday[1].end", "weekly.friday[1]", "holidays[0].date", "holidays[1].intervals", "holidays[1].intervals[0].end"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := good()
			c.change(&in)
			_, err := roster.ParseHours(in)
			got := fieldsOf(err)
			if c.fields == nil {
				if err != nil {
					t.Fatalf("refused: %v %v", err, got)
				}
				return
			}
			if roster.ErrorCodeOf(err) != roster.EInvalid {
				t.Fatalf("got %v, want EInvalid", err)
			}
			slices.Sort(got)
			want := slices.Clone(c.fields)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("fields %v, want %v (%v)", got, want, err)
			}
		})
	}
}

func TestValidateHoursChecksParsedValues(t *testing.T) {
	h := roster.Hours{TimeZone: "UTC", Holidays: []roster.Holiday{{Date: roster.Date{Year: 2026, Month: 2, Day: 30}, Closed: true}}}
	h.Weekly[time.Monday] = []roster.Interval{{Start: 600, End: 600}}
	if got := fieldsOf(roster.ValidateHours(&h)); !slices.Equal(got, []string{"weekly.monday[0].end", "holidays[0].date"}) {
		t.Fatalf("fields %v", got)
	}
}

func TestClockTimeAndDateText(t *testing.T) {
	for _, s := range []string{"00:00", "09:30", "23:59", "24:00"} {
		c, err := roster.ParseClockTime(s)
		if err != nil || c.String() != s {
			t.Errorf("%s: %v %v", s, c, err)
		}
	}
	for _, s := range []string{"", "9:30", "09:60", "25:00", "24:01", "09-30", "0930a", "٠٩:٣٠"} {
		if _, err := roster.ParseClockTime(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
	if d, err := roster.ParseDate("2028-02-29"); err != nil || d.String() != "2028-02-29" || d.Weekday() != time.Tuesday {
		t.Errorf("leap day: %v %v", d, err)
	}
	if _, err := roster.ParseDate("2027-02-29"); err == nil {
		t.Error("2027-02-29 accepted")
	}
}
