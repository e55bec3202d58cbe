package local

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// EventBridge schedule expressions: rate(value unit) and the six-field
// cron(minutes hours day-of-month month day-of-week year), evaluated in UTC.
// Reference: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html

// scheduleExpr computes when a schedule fires next.
type scheduleExpr interface {
	// next returns the first firing time strictly after t, and false when
	// there is none (a cron whose years have all passed).
	next(t time.Time) (time.Time, bool)
}

// parseScheduleExpr parses a schedule; a rate counts its intervals from start.
func parseScheduleExpr(expr string, start time.Time) (scheduleExpr, error) {
	expr = strings.TrimSpace(expr)
	switch {
	case strings.HasPrefix(expr, "rate(") && strings.HasSuffix(expr, ")"):
		r, err := parseRate(expr[len("rate(") : len(expr)-1])
		if err != nil {
			return nil, err
		}
		r.start = start
		return r, nil
	case strings.HasPrefix(expr, "cron(") && strings.HasSuffix(expr, ")"):
		return parseCron(expr[len("cron(") : len(expr)-1])
	}
	return nil, fmt.Errorf("schedule %q is neither rate(...) nor cron(...)", expr)
}

// rate fires every interval, counted from when the schedule started.
type rate struct {
	every time.Duration
	start time.Time
}

func parseRate(body string) (*rate, error) {
	fields := strings.Fields(body)
	if len(fields) != 2 {
		return nil, fmt.Errorf("rate(%s): want rate(value unit), such as rate(5 minutes)", body)
	}
	n, err := strconv.Atoi(fields[0])
	if err != nil || n <= 0 {
		return nil, fmt.Errorf("rate(%s): %q is not a positive whole number", body, fields[0])
	}
	units := map[string]time.Duration{"minute": time.Minute, "hour": time.Hour, "day": 24 * time.Hour}
	unit := fields[1]
	singular := strings.TrimSuffix(unit, "s")
	d, ok := units[singular]
	if !ok {
		return nil, fmt.Errorf("rate(%s): unit %q is not minute(s), hour(s) or day(s)", body, unit)
	}
	// EventBridge refuses "rate(1 minutes)" and "rate(5 minute)".
	if (n == 1) != (unit == singular) {
		want := singular
		if n != 1 {
			want += "s"
		}
		return nil, fmt.Errorf("rate(%s): EventBridge wants rate(%d %s)", body, n, want)
	}
	return &rate{every: time.Duration(n) * d}, nil
}

func (r *rate) next(t time.Time) (time.Time, bool) {
	if t.Before(r.start) {
		return r.start.Add(r.every), true
	}
	periods := t.Sub(r.start)/r.every + 1
	return r.start.Add(periods * r.every), true
}

// cron is a parsed six-field cron expression; each field is the set of
// values it allows.
type cron struct {
	minutes, hours, daysOfMonth, months, daysOfWeek [64]bool
	years                                           map[int]bool
	anyDayOfMonth, anyDayOfWeek                     bool // the field was ?
}

const (
	minYear = 1970
	maxYear = 2199
)

var (
	monthNames = map[string]int{"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12}
	// EventBridge numbers the days of the week from Sunday = 1.
	dayNames = map[string]int{"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}
)

func parseCron(body string) (*cron, error) {
	fields := strings.Fields(body)
	if len(fields) != 6 {
		return nil, fmt.Errorf("cron(%s): want six fields (minutes hours day-of-month month day-of-week year), got %d", body, len(fields))
	}
	c := &cron{years: map[int]bool{}}
	type spec struct {
		name     string
		min, max int
		names    map[string]int
		set      func(int)
		any      *bool
	}
	specs := []spec{
		{"minutes", 0, 59, nil, func(v int) { c.minutes[v] = true }, nil},
		{"hours", 0, 23, nil, func(v int) { c.hours[v] = true }, nil},
		{"day-of-month", 1, 31, nil, func(v int) { c.daysOfMonth[v] = true }, &c.anyDayOfMonth},
		{"month", 1, 12, monthNames, func(v int) { c.months[v] = true }, nil},
		{"day-of-week", 1, 7, dayNames, func(v int) { c.daysOfWeek[v] = true }, &c.anyDayOfWeek},
		{"year", minYear, maxYear, nil, func(v int) { c.years[v] = true }, nil},
	}
	for i, s := range specs {
		field := fields[i]
		if field == "?" {
			if s.any == nil {
				return nil, fmt.Errorf("cron(%s): ? is only allowed in day-of-month or day-of-week", body)
			}
			*s.any = true
			continue
		}
		if err := parseCronField(field, s.min, s.max, s.names, s.set); err != nil {
			return nil, fmt.Errorf("cron(%s): %s: %w", body, s.name, err)
		}
	}
	if c.anyDayOfMonth == c.anyDayOfWeek {
		return nil, fmt.Errorf("cron(%s): exactly one of day-of-month and day-of-week must be ?", body)
	}
	return c, nil
}

// parseCronField reads a comma-separated list of *, values, ranges (a-b)
// and steps (*/n, a/n, a-b/n), calling set for each value it allows.
func parseCronField(field string, min, max int, names map[string]int, set func(int)) error {
	value := func(s string) (int, error) {
		if v, ok := names[strings.ToUpper(s)]; ok {
			return v, nil
		}
		v, err := strconv.Atoi(s)
		if err != nil && strings.ContainsAny(strings.ToUpper(s), "LW#") {
			return 0, fmt.Errorf("%q: L, W and # are not supported by the local scheduler; use values, ranges, lists and steps", s)
		}
		if err != nil {
			return 0, fmt.Errorf("%q is not a value", s)
		}
		if v < min || v > max {
			return 0, fmt.Errorf("%d is outside %d-%d", v, min, max)
		}
		return v, nil
	}
	for _, item := range strings.Split(field, ",") {
		base, stepText, hasStep := strings.Cut(item, "/")
		step := 1
		if hasStep {
			var err error
			if step, err = strconv.Atoi(stepText); err != nil || step <= 0 {
				return fmt.Errorf("step %q is not a positive whole number", stepText)
			}
		}
		lo, hi := min, max
		switch {
		case base == "*":
		case strings.Contains(base, "-"):
			a, b, _ := strings.Cut(base, "-")
			var err error
			if lo, err = value(a); err != nil {
				return err
			}
			if hi, err = value(b); err != nil {
				return err
			}
			if lo > hi {
				return fmt.Errorf("range %s runs backwards", base)
			}
		default:
			v, err := value(base)
			if err != nil {
				return err
			}
			lo = v
			if !hasStep {
				hi = v // a lone value; with a step, a/n runs from a to the maximum
			}
		}
		for v := lo; v <= hi; v += step {
			set(v)
		}
	}
	return nil
}

func (c *cron) dayMatches(t time.Time) bool {
	if c.anyDayOfMonth {
		return c.daysOfWeek[int(t.Weekday())+1]
	}
	return c.daysOfMonth[t.Day()]
}

func (c *cron) next(after time.Time) (time.Time, bool) {
	t := after.UTC().Truncate(time.Minute).Add(time.Minute)
	for t.Year() <= maxYear {
		switch {
		case !c.years[t.Year()]:
			t = time.Date(t.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
		case !c.months[int(t.Month())]:
			t = time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
		case !c.dayMatches(t):
			t = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, time.UTC)
		case !c.hours[t.Hour()]:
			t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour()+1, 0, 0, 0, time.UTC)
		case !c.minutes[t.Minute()]:
			t = t.Add(time.Minute)
		default:
			return t, true
		}
	}
	return time.Time{}, false
}
