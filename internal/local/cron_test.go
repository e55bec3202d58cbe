package local

import (
	"strings"
	"testing"
	"time"
)

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestScheduleNextRun(t *testing.T) {
	start := utc("2026-03-10 12:34")
	tests := []struct {
		name  string
		expr  string
		after string
		want  []string // successive runs
	}{
		{"rate counts intervals from the start", "rate(1 hour)", "2026-03-10 12:34",
			[]string{"2026-03-10 13:34", "2026-03-10 14:34"}},
		{"rate after a gap keeps its rhythm", "rate(5 minutes)", "2026-03-10 12:50",
			[]string{"2026-03-10 12:54", "2026-03-10 12:59"}},
		{"rate in days", "rate(2 days)", "2026-03-10 12:34",
			[]string{"2026-03-12 12:34"}},
		{"cron every day at 03:00", "cron(0 3 * * ? *)", "2026-03-10 12:34",
			[]string{"2026-03-11 03:00", "2026-03-12 03:00"}},
		{"cron every 15 minutes", "cron(0/15 * * * ? *)", "2026-03-10 12:34",
			[]string{"2026-03-10 12:45", "2026-03-10 13:00", "2026-03-10 13:15"}},
		{"cron on weekdays by name", "cron(0 9 ? * MON-FRI *)", "2026-03-13 10:00", // a Friday
			[]string{"2026-03-16 09:00", "2026-03-17 09:00"}},
		{"cron with day numbers: 1 is Sunday", "cron(30 8 ? * 1 *)", "2026-03-10 00:00",
			[]string{"2026-03-15 08:30", "2026-03-22 08:30"}},
		{"cron with lists of hours", "cron(0 8,17 * * ? *)", "2026-03-10 12:34",
			[]string{"2026-03-10 17:00", "2026-03-11 08:00"}},
		{"cron on the first of some months", "cron(0 0 1 JAN,JUL ? *)", "2026-03-10 12:34",
			[]string{"2026-07-01 00:00", "2027-01-01 00:00"}},
		{"cron on day 31 skips short months", "cron(0 0 31 * ? *)", "2026-03-31 00:00",
			[]string{"2026-05-31 00:00", "2026-07-31 00:00"}},
		{"cron on 29 February", "cron(0 12 29 2 ? *)", "2026-03-10 12:34",
			[]string{"2028-02-29 12:00"}},
		{"cron limited to a year range", "cron(0 0 1 1 ? 2027-2028)", "2026-03-10 12:34",
			[]string{"2027-01-01 00:00", "2028-01-01 00:00"}},
		{"cron with a stepped range", "cron(10-40/10 * * * ? *)", "2026-03-10 12:34",
			[]string{"2026-03-10 12:40", "2026-03-10 13:10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expr, err := parseScheduleExpr(tt.expr, start)
			if err != nil {
				t.Fatal(err)
			}
			at := utc(tt.after)
			for _, want := range tt.want {
				next, ok := expr.next(at)
				if !ok || !next.Equal(utc(want)) {
					t.Fatalf("next after %v = %v (%v), want %s", at, next, ok, want)
				}
				at = next
			}
		})
	}
	t.Run("a cron whose years are over never runs", func(t *testing.T) {
		expr, err := parseScheduleExpr("cron(0 0 1 1 ? 2020)", start)
		if err != nil {
			t.Fatal(err)
		}
		if next, ok := expr.next(start); ok {
			t.Errorf("next = %v", next)
		}
	})
}

func TestScheduleExpressionErrors(t *testing.T) {
	tests := []struct{ expr, want string }{
		{"every hour", "neither rate"},
		{"rate(1 hours)", "wants rate(1 hour)"},
		{"rate(5 minute)", "wants rate(5 minutes)"},
		{"rate(0 minutes)", "positive"},
		{"rate(3 weeks)", "unit"},
		{"cron(0 3 * * *)", "six fields"},
		{"cron(0 3 * * * *)", "exactly one of day-of-month and day-of-week must be ?"},
		{"cron(0 3 ? * ? *)", "exactly one of"},
		{"cron(0 3 L * ? *)", "L, W and # are not supported"},
		{"cron(0 3 15W * ? *)", "L, W and # are not supported"},
		{"cron(0 3 ? * 6#3 *)", "L, W and # are not supported"},
		{"cron(0 3 ? * 6L *)", "L, W and # are not supported"},
		{"cron(60 3 * * ? *)", "outside 0-59"},
		{"cron(0 20-4 * * ? *)", "runs backwards"},
		{"cron(0 ? * * * *)", "? is only allowed"},
		{"cron(0/0 3 * * ? *)", "step"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			_, err := parseScheduleExpr(tt.expr, time.Now())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}
