package roster

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Hours of operation of a group (issue 6): a time zone, a weekly schedule,
// holidays that replace the schedule for a day, and the text an inbound
// message gets while the group is closed.
//
// How they are read (StatusAt):
//
//   - Every time is wall-clock time in TimeZone, so 09:00–17:00 means 09:00
//     local on both sides of a daylight-saving change.
//   - An interval belongs to the day it starts on and ends after it starts
//     on that day (09:00–17:00; 24:00 ends it at midnight, so 00:00–24:00 is
//     the whole day), unless it is marked Overnight: then it ends on the
//     next day, at or before its start time (22:00–02:00). An End at or
//     before Start without Overnight is refused rather than guessed at, so
//     that a typo (17:00–09:00) is not stored as 16 hours open.
//   - A holiday (its date, or, with EveryYear, that month and day in its year
//     and every later one) replaces the weekly schedule of that calendar day:
//     closed all day, or open only in its own intervals. It replaces only the
//     intervals that start that day: the previous day's overnight interval
//     still runs past midnight into the holiday, as the people working that
//     shift would expect. A one-off holiday wins over an every-year one on
//     the same day; an every-year holiday on 29 February applies in leap
//     years only.
//   - A boundary in the hour repeated when clocks go back happens at its
//     first occurrence (01:30 is the first 01:30). A boundary in the hour
//     skipped when clocks go forward happens when the clock jumps (02:30 on a
//     spring-forward night in New York is 03:00 EDT), so an interval lying
//     wholly inside the gap is not open at all that day.
type Hours struct {
	TimeZone        string        // an IANA name, e.g. America/New_York
	Weekly          [7][]Interval // by time.Weekday: Weekly[time.Monday]
	Holidays        []Holiday     // at most MaxHolidays, dates unique
	AfterHoursReply string        // at most MaxAfterHoursReply characters; "" sends none
}

// Limits of Hours.
const (
	MaxIntervalsPerDay = 10
	MaxHolidays        = 366
	MaxAfterHoursReply = 1000 // characters
	MaxHolidayName     = 100  // characters

	// StatusHorizonDays is how far ahead StatusAt looks for the next change.
	StatusHorizonDays = 400
)

// ClockTime is a time of day in minutes after midnight: 0 ("00:00") to 1440
// ("24:00", which only ends an interval).
type ClockTime int

// EndOfDay is "24:00".
const EndOfDay ClockTime = 24 * 60

// ParseClockTime reads "HH:MM" (two digits each, 00:00 to 24:00).
func ParseClockTime(s string) (ClockTime, error) {
	if len(s) != 5 || s[2] != ':' || !isDigits(s[:2]) || !isDigits(s[3:]) {
		return 0, fmt.Errorf("%q is not a time of day like 09:30", s)
	}
	h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	if h > 24 || m > 59 || h == 24 && m != 0 {
		return 0, fmt.Errorf("%q is not a time of day: use 00:00 to 23:59, or 24:00 to end at midnight", s)
	}
	return ClockTime(h*60 + m), nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// String is "HH:MM".
func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// MarshalText writes "HH:MM".
func (c ClockTime) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads "HH:MM".
func (c *ClockTime) UnmarshalText(b []byte) error {
	v, err := ParseClockTime(string(b))
	*c = v
	return err
}

// Interval is an opening from Start to End on one day (Start < End), or,
// when Overnight, from Start on one day to End on the next (0 < End <=
// Start: 22:00–02:00, or 09:00–09:00 for 24 hours).
type Interval struct {
	Start, End ClockTime
	Overnight  bool // runs past midnight into the next day
}

// length is the interval's length in minutes of wall-clock time.
func (i Interval) length() int {
	if i.Overnight {
		return int(EndOfDay-i.Start) + int(i.End)
	}
	return int(i.End - i.Start)
}

func (i Interval) String() string {
	if i.Overnight {
		return i.Start.String() + "–" + i.End.String() + " overnight"
	}
	return i.Start.String() + "–" + i.End.String()
}

// Date is a calendar date without a time or a zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads "2026-12-25"; an impossible date (2026-02-30) is an error.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date like 2026-12-25", s)
	}
	return DateOf(t), nil
}

// DateOf is the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Valid reports whether the date exists (no 30 February) and lies in years
// 1970 to 9999.
func (d Date) Valid() bool {
	if d.Year < 1970 || d.Year > 9999 {
		return false
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return DateOf(t) == d
}

// AddDays is the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Weekday()
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// MarshalText writes "2026-12-25".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "2026-12-25".
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	*d = v
	return err
}

// Holiday replaces the weekly schedule for one calendar day: closed all day,
// or open in its own Intervals.
type Holiday struct {
	Date      Date
	Name      string
	Closed    bool
	Intervals []Interval
	EveryYear bool // also on this month and day of every later year
}

// WeekdayName is the lower-case English name of d, as JSON spells it.
func WeekdayName(d time.Weekday) string { return strings.ToLower(d.String()) }

// ParseWeekday reads a lower-case English day name.
func ParseWeekday(s string) (time.Weekday, bool) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if WeekdayName(d) == s {
			return d, true
		}
	}
	return 0, false
}

// HoursInput is hours as a request sends them, every value still text.
type HoursInput struct {
	TimeZone        string
	Weekly          map[string][]IntervalInput // "monday" … "sunday"; missing days are closed
	Holidays        []HolidayInput
	AfterHoursReply string
}

// IntervalInput is an interval as text: "09:00", "17:30"; Overnight for one
// that runs past midnight ("22:00", "02:00").
type IntervalInput struct {
	Start, End string
	Overnight  bool
}

// HolidayInput is a holiday as text.
type HolidayInput struct {
	Date      string
	Name      string
	Closed    bool
	Intervals []IntervalInput
	EveryYear bool
}

// ParseHours reads and checks in, reporting every bad field at once with
// its JSON path (weekly.monday[1].end, holidays[2].date). Returns EInvalid.
func ParseHours(in HoursInput) (Hours, error) {
	var v Validation
	h := Hours{TimeZone: strings.TrimSpace(in.TimeZone), AfterHoursReply: strings.TrimSpace(in.AfterHoursReply)}
	keys := make([]string, 0, len(in.Weekly))
	for k := range in.Weekly {
		keys = append(keys, k)
	}
	// Days in week order, then unknown names alphabetically: a stable report.
	sort.Slice(keys, func(i, j int) bool {
		di, iok := ParseWeekday(keys[i])
		dj, jok := ParseWeekday(keys[j])
		if iok != jok {
			return iok
		}
		if iok {
			return (di+6)%7 < (dj+6)%7 // Monday first
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		day, ok := ParseWeekday(k)
		if !ok {
			v.Add("weekly."+k, "is not a day of the week: use monday … sunday in lower case")
			continue
		}
		h.Weekly[day] = parseIntervals(&v, "weekly."+k, in.Weekly[k])
	}
	for i, hi := range in.Holidays {
		path := fmt.Sprintf("holidays[%d]", i)
		hd := Holiday{Name: strings.TrimSpace(hi.Name), Closed: hi.Closed, EveryYear: hi.EveryYear}
		if d, err := ParseDate(strings.TrimSpace(hi.Date)); err != nil {
			v.Add(path+".date", "must be a real date like 2026-12-25")
			hd.Date = Date{} // invalid: reported once, skipped below
		} else {
			hd.Date = d
		}
		hd.Intervals = parseIntervals(&v, path+".intervals", hi.Intervals)
		h.Holidays = append(h.Holidays, hd)
	}
	validateHours(&v, &h)
	if err := v.Err(); err != nil {
		return Hours{}, err
	}
	return h, nil
}

// parseIntervals reads intervals; a bad time is reported and kept as -1 so
// that the checks after it skip that interval without renumbering the rest.
func parseIntervals(v *Validation, path string, in []IntervalInput) []Interval {
	if len(in) == 0 {
		return nil
	}
	out := make([]Interval, len(in))
	for i, iv := range in {
		p := fmt.Sprintf("%s[%d]", path, i)
		s, err := ParseClockTime(strings.TrimSpace(iv.Start))
		if err != nil {
			v.Add(p+".start", "must be a time of day HH:MM from 00:00 to 23:59")
			s = -1
		}
		e, err := ParseClockTime(strings.TrimSpace(iv.End))
		if err != nil {
			v.Add(p+".end", "must be a time of day HH:MM from 00:00 to 24:00")
			e = -1
		}
		out[i] = Interval{Start: s, End: e, Overnight: iv.Overnight}
	}
	return out
}

// ValidateHours checks h, reporting every bad field with its JSON path.
// Returns EInvalid (reason validation_failed) or nil.
func ValidateHours(h *Hours) error {
	var v Validation
	validateHours(&v, h)
	return v.Err()
}

func validateHours(v *Validation, h *Hours) {
	switch {
	case h.TimeZone == "":
		v.Add("timeZone", "is required: an IANA time zone such as America/New_York")
	case h.TimeZone == "Local":
		v.Add("timeZone", `"Local" is not a time zone; name one such as America/New_York`)
	default:
		if _, err := loadZone(h.TimeZone); err != nil {
			v.Add("timeZone", fmt.Sprintf("%q is not a known IANA time zone (such as America/New_York, Europe/London, UTC)", h.TimeZone))
		}
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		checkIntervals(v, "weekly."+WeekdayName(d), h.Weekly[d])
	}
	checkWeekOverlaps(v, h)
	if len(h.Holidays) > MaxHolidays {
		v.Add("holidays", fmt.Sprintf("has %d holidays; at most %d", len(h.Holidays), MaxHolidays))
	}
	byDate := map[Date]int{}
	byMonthDay := map[[2]int]int{}
	for i, hd := range h.Holidays {
		path := fmt.Sprintf("holidays[%d]", i)
		switch {
		case v.has(path + ".date"): // unreadable, reported by the parser
		case !hd.Date.Valid():
			v.Add(path+".date", fmt.Sprintf("%s is not a real date from 1970 to 9999", hd.Date))
		default:
			if j, dup := byDate[hd.Date]; dup {
				v.Add(path+".date", fmt.Sprintf("repeats holidays[%d]: give each date once", j))
			} else {
				byDate[hd.Date] = i
			}
			if hd.EveryYear {
				md := [2]int{int(hd.Date.Month), hd.Date.Day}
				if j, dup := byMonthDay[md]; dup {
					v.Add(path+".date", fmt.Sprintf("holidays[%d] is already on this day every year", j))
				} else {
					byMonthDay[md] = i
				}
			}
		}
		if utf8.RuneCountInString(hd.Name) > MaxHolidayName {
			v.Add(path+".name", fmt.Sprintf("is longer than %d characters", MaxHolidayName))
		}
		switch {
		case hd.Closed && len(hd.Intervals) > 0:
			v.Add(path+".intervals", "a holiday closed all day has no hours: drop closed or the intervals")
		case !hd.Closed && len(hd.Intervals) == 0:
			v.Add(path+".closed", "say closed: true for a day closed all day, or give the day's special hours in intervals")
		}
		checkIntervals(v, path+".intervals", hd.Intervals)
		checkDayOverlaps(v, path+".intervals", hd.Intervals)
	}
	if n := utf8.RuneCountInString(h.AfterHoursReply); n > MaxAfterHoursReply {
		v.Add("afterHoursReply", fmt.Sprintf("is %d characters; at most %d", n, MaxAfterHoursReply))
	}
}

// has reports whether field already has an error.
func (v *Validation) has(field string) bool {
	return slices.ContainsFunc(v.fields, func(f FieldError) bool { return f.Field == field })
}

// usable reports whether an interval parsed, is in range and is consistent
// with its Overnight: bad ones are reported once and left out of the
// overlap checks, and never open.
func (i Interval) usable() bool {
	if i.Start < 0 || i.Start >= EndOfDay || i.End < 0 || i.End > EndOfDay {
		return false
	}
	if i.Overnight {
		return i.End > 0 && i.End <= i.Start
	}
	return i.End > i.Start
}

func checkIntervals(v *Validation, path string, ivs []Interval) {
	if len(ivs) > MaxIntervalsPerDay {
		v.Add(path, fmt.Sprintf("has %d intervals; at most %d a day", len(ivs), MaxIntervalsPerDay))
	}
	for i, iv := range ivs {
		p := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case iv.Start < 0 || iv.End < 0: // reported by the parser
		case iv.Start >= EndOfDay:
			v.Add(p+".start", "must be from 00:00 to 23:59: 24:00 only ends an interval")
		case iv.End > EndOfDay:
			v.Add(p+".end", "must be from 00:00 to 24:00")
		case !iv.Overnight && iv.End == iv.Start:
			v.Add(p+".end", fmt.Sprintf("equals start (%s): an interval cannot be empty; for the whole day use 00:00 to 24:00", iv.Start))
		case !iv.Overnight && iv.End < iv.Start:
			v.Add(p+".end", fmt.Sprintf(`is before start (%s): for an interval that runs past midnight into the next day set "overnight": true; to close at midnight use 24:00`, iv.Start))
		case iv.Overnight && iv.End == EndOfDay:
			v.Add(p+".end", `24:00 ends the interval at midnight, not past it: drop "overnight"`)
		case iv.Overnight && iv.End == 0:
			v.Add(p+".end", `00:00 ends the interval at midnight, not past it: drop "overnight" and end at 24:00`)
		case iv.Overnight && iv.End > iv.Start:
			v.Add(p+".end", fmt.Sprintf(`is after start (%s), so the interval does not run past midnight: drop "overnight", or give the time it ends the next day (at or before %s)`, iv.Start, iv.Start))
		}
	}
}

// span is an interval placed on a line of minutes: [from, to).
type span struct {
	from, to int
	path     string
	iv       Interval
}

// checkDayOverlaps refuses intervals of one day (a holiday's) that overlap.
func checkDayOverlaps(v *Validation, path string, ivs []Interval) {
	var spans []span
	for i, iv := range ivs {
		if iv.usable() {
			spans = append(spans, span{int(iv.Start), int(iv.Start) + iv.length(), fmt.Sprintf("%s[%d]", path, i), iv})
		}
	}
	reportOverlaps(v, spans, 0)
}

// checkWeekOverlaps refuses weekly intervals that overlap, including an
// overnight one spilling into the next day's first interval, and Saturday
// night into Sunday morning (the week wraps).
func checkWeekOverlaps(v *Validation, h *Hours) {
	var spans []span
	for d := time.Sunday; d <= time.Saturday; d++ {
		for i, iv := range h.Weekly[d] {
			if iv.usable() {
				from := int(d)*int(EndOfDay) + int(iv.Start)
				spans = append(spans, span{from, from + iv.length(), fmt.Sprintf("weekly.%s[%d]", WeekdayName(d), i), iv})
			}
		}
	}
	reportOverlaps(v, spans, 7*int(EndOfDay))
}

// reportOverlaps reports each span that starts inside an earlier one; with
// a period, spans lie on a circle of that many minutes, so one running past
// the end (Saturday night) also overlaps those at the start (Sunday morning).
func reportOverlaps(v *Validation, spans []span, period int) {
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	reported := map[string]bool{}
	report := func(late, early span, note string) {
		if !reported[late.path] {
			reported[late.path] = true
			v.Add(late.path, fmt.Sprintf("%s overlaps %s (%s)%s", late.iv, early.path, early.iv, note))
		}
	}
	for j := range spans {
		for i := range j {
			if spans[j].from < spans[i].to {
				report(spans[j], spans[i], "")
			}
		}
	}
	if period == 0 {
		return
	}
	for _, early := range spans {
		if early.to <= period {
			continue
		}
		for _, late := range spans {
			if late.path != early.path && late.from < early.to-period {
				report(late, early, ", which runs past the end of the week")
			}
		}
	}
}

var zones sync.Map // name -> *time.Location

// loadZone loads an IANA zone once per process. Functions that evaluate
// hours embed the zone database (package hours imports time/tzdata).
func loadZone(name string) (*time.Location, error) {
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location), nil
	}
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("no time zone")
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, l)
	return l, nil
}

// Location is the group's time zone; UTC when it cannot be loaded, which
// ValidateHours does not let happen.
func (h Hours) Location() *time.Location {
	l, err := loadZone(h.TimeZone)
	if err != nil {
		return time.UTC
	}
	return l
}

// calendar answers which intervals a day has, with the holidays indexed by
// date and, for the every-year ones, by month and day.
type calendar struct {
	h      *Hours
	loc    *time.Location
	dated  map[Date]int     // the first holiday dated d
	yearly map[[2]int][]int // every-year holidays by month and day, in list order
}

func (h *Hours) calendar() *calendar {
	c := &calendar{h: h, loc: h.Location()}
	if len(h.Holidays) == 0 {
		return c
	}
	c.dated, c.yearly = make(map[Date]int, len(h.Holidays)), map[[2]int][]int{}
	for i, hd := range h.Holidays {
		if _, dup := c.dated[hd.Date]; !dup {
			c.dated[hd.Date] = i
		}
		if hd.EveryYear {
			md := [2]int{int(hd.Date.Month), hd.Date.Day}
			c.yearly[md] = append(c.yearly[md], i)
		}
	}
	return c
}

// holidayOn returns the holiday on d: one dated d, else an every-year one
// on d's month and day from an earlier year.
func (c *calendar) holidayOn(d Date) (Holiday, bool) {
	if c.dated == nil {
		return Holiday{}, false
	}
	if i, ok := c.dated[d]; ok {
		return c.h.Holidays[i], true
	}
	for _, i := range c.yearly[[2]int{int(d.Month), d.Day}] {
		if c.h.Holidays[i].Date.Year < d.Year {
			return c.h.Holidays[i], true
		}
	}
	return Holiday{}, false
}

// opening is one interval of one day placed in time: [from, to).
type opening struct {
	from, to time.Time
	reason   string // OpenRegularHours or OpenHolidayHours
}

// openings appends to dst the intervals that start on day d, placed in time
// and in order of opening. A day closed all day costs no time arithmetic.
func (c *calendar) openings(dst []opening, d Date) []opening {
	ivs, reason := c.h.Weekly[d.Weekday()], OpenRegularHours
	if hd, ok := c.holidayOn(d); ok {
		ivs, reason = hd.Intervals, OpenHolidayHours
		if hd.Closed {
			ivs = nil
		}
	}
	n := len(dst)
	for _, iv := range ivs {
		if !iv.usable() {
			continue
		}
		endDay := d
		if iv.Overnight {
			endDay = d.AddDays(1)
		}
		from, to := wallInstant(c.loc, d, iv.Start), wallInstant(c.loc, endDay, iv.End)
		if to.After(from) { // an interval inside a skipped hour is empty
			dst = append(dst, opening{from, to, reason})
		}
	}
	slices.SortStableFunc(dst[n:], func(a, b opening) int { return a.from.Compare(b.from) })
	return dst
}

// wallInstant is the instant the wall clock of loc reaches minute m of day
// d: the first occurrence of a time repeated when clocks go back, and the
// moment of the jump for a time skipped when they go forward.
func wallInstant(loc *time.Location, d Date, m ClockTime) time.Time {
	wall := time.Date(d.Year, d.Month, d.Day, 0, int(m), 0, 0, time.UTC) // the wall time, read as if UTC
	// Walk the zone's periods from before the earliest possible instant
	// (offsets are at most 14 hours either way): the first period whose
	// offset puts wall inside it holds the first occurrence.
	at := wall.Add(-15 * time.Hour).In(loc)
	for range 8 {
		_, off := at.Zone()
		start, end := at.ZoneBounds()
		u := wall.Add(-time.Duration(off) * time.Second)
		switch {
		case !start.IsZero() && u.Before(start):
			return start.In(loc) // wall falls in a gap just before this period
		case end.IsZero() || u.Before(end):
			return u.In(loc)
		}
		at = end.In(loc)
	}
	return time.Date(d.Year, d.Month, d.Day, 0, int(m), 0, 0, loc) // not reached for real zones
}

// StatusAt says whether the group is open at t, why, and until when: the
// next moment it opens or closes, in UTC, looking up to StatusHorizonDays
// (400) days ahead. Until is zero when the status never changes within
// them: open around the clock, or no opening at all in the next 400 days.
// A change of reason without a change of open or closed (a regular shift
// running into a holiday's special hours) is not a change, and neither are
// adjacent intervals (one ending as the next starts).
func (h Hours) StatusAt(t time.Time) OpenStatus {
	c := h.calendar()
	today := DateOf(t.In(c.loc))
	horizon := t.Add(StatusHorizonDays * 24 * time.Hour)

	// An opening covering t starts today or earlier (none runs past the
	// day after its own; two days back allows for zones that skip one).
	var ops []opening
	for n := -2; n <= 0; n++ {
		ops = c.openings(ops, today.AddDays(n))
	}
	st := OpenStatus{Reason: ClosedRegular}
	for _, o := range ops { // later days last: the day's own reason wins
		if !t.Before(o.from) && t.Before(o.to) {
			st.Open, st.Reason = true, o.reason
		}
	}
	if !st.Open {
		if hd, ok := c.holidayOn(today); ok {
			st.Reason = ClosedHolidayOff
			if hd.Closed {
				st.Reason = ClosedHoliday
			}
		}
	}

	// Openings come in order of their start, day after day. Closed, the
	// status changes at the first start after t; open, at the end of the run
	// of openings that covers t and continues without a gap.
	end := t // while open: how far the run covering t reaches so far
	var until time.Time
	found := false
	scan := func(ops []opening) {
		for _, o := range ops {
			switch {
			case !st.Open && o.from.After(t):
				until, found = o.from, true
			case st.Open && o.from.After(end):
				until, found = end, true
			case st.Open && o.to.After(end):
				end = o.to
			}
			if found {
				return
			}
		}
	}
	scan(ops)
	// Days past the horizon are looked at too (one more, as a zone may skip
	// a whole day), so that a run ending just inside it is seen to end.
	for n := 1; !found && n <= StatusHorizonDays+2; n++ {
		if st.Open && end.After(horizon) {
			break
		}
		ops = c.openings(ops[:0], today.AddDays(n))
		scan(ops)
	}
	if !found && st.Open {
		until = end
	}
	if !until.IsZero() && until.After(t) && !until.After(horizon) {
		st.Until = until.UTC()
	}
	return st
}

// GroupHoursStore keeps each group's hours: one item per group, versioned
// for If-Match.
type GroupHoursStore interface {
	// GroupHours returns ENotFound when the group has no hours set.
	GroupHours(ctx context.Context, orgID, groupID string) (Hours, int64, error)
	// PutGroupHours stores h at version expectedVersion+1 with the audit
	// event; expectedVersion 0 means none may be stored yet. Returns
	// EPreconditionFailed when the stored version differs, ENotFound when
	// the group is gone.
	PutGroupHours(ctx context.Context, orgID, groupID string, h Hours, expectedVersion int64, audit AuditEvent) error
}
