package roster

import (
	"testing"
	"time"
)

var throttleStart = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// failNTimes records n failures, one every step from throttleStart, and
// returns the counter and the expiry the last failure was saved with.
func failNTimes(p ThrottlePolicy, n int, step time.Duration) (SignInAttempts, time.Time) {
	var a SignInAttempts
	var expires time.Time
	for i := range n {
		a, expires = p.Fail(a, throttleStart.Add(time.Duration(i)*step))
	}
	return a, expires
}

func TestThrottlePolicyWait(t *testing.T) {
	policies := []struct {
		name   string
		policy ThrottlePolicy
		delays map[int]time.Duration // wait right after n failures
	}{
		{"email", EmailThrottle, map[int]time.Duration{
			0: 0, 1: 0, 2: 0,
			3: time.Second, 4: 2 * time.Second, 5: 4 * time.Second, 6: 8 * time.Second,
			7: 16 * time.Second, 8: 32 * time.Second, 9: time.Minute,
			10: 15 * time.Minute, 11: 15 * time.Minute,
		}},
		{"ip", IPThrottle, map[int]time.Duration{
			0: 0, 1: 0, 19: 0,
			20: time.Second, 21: 2 * time.Second, 22: 4 * time.Second, 25: 32 * time.Second,
			26: time.Minute, 50: time.Minute, 99: time.Minute,
			100: 15 * time.Minute,
		}},
	}
	for _, pc := range policies {
		t.Run(pc.name, func(t *testing.T) {
			for n, want := range pc.delays {
				// All failures at one instant, so the wait is measured from them.
				a, _ := failNTimes(pc.policy, n, 0)
				if got := pc.policy.Wait(a, throttleStart); got != want {
					t.Errorf("after %d failures: Wait = %v, want %v", n, got, want)
				}
			}
		})
	}
}

func TestThrottlePolicyBehaviour(t *testing.T) {
	p := EmailThrottle
	tests := []struct {
		name  string
		check func(t *testing.T)
	}{
		{"no wait before SlowAfter failures", func(t *testing.T) {
			for n := range p.SlowAfter {
				a, _ := failNTimes(p, n, 0)
				if w := p.Wait(a, throttleStart); w != 0 {
					t.Errorf("after %d failures: Wait = %v, want 0", n, w)
				}
			}
		}},
		{"delays double from one second", func(t *testing.T) {
			prev := time.Duration(0)
			for n := p.SlowAfter; n < p.LockAfter; n++ {
				a, _ := failNTimes(p, n, 0)
				w := p.Wait(a, throttleStart)
				switch {
				case n == p.SlowAfter && w != time.Second:
					t.Errorf("after %d failures: Wait = %v, want 1s", n, w)
				case n > p.SlowAfter && w != min(2*prev, p.MaxDelay):
					t.Errorf("after %d failures: Wait = %v, want %v", n, w, min(2*prev, p.MaxDelay))
				}
				prev = w
			}
		}},
		{"delay never exceeds MaxDelay below the lock", func(t *testing.T) {
			wide := ThrottlePolicy{Window: time.Hour, SlowAfter: 1, MaxDelay: 5 * time.Minute, LockAfter: 1000, LockFor: time.Hour}
			for _, n := range []int{1, 9, 10, 100, 999} {
				a, _ := failNTimes(wide, n, 0)
				if w := wide.Wait(a, throttleStart); w > wide.MaxDelay || w <= 0 {
					t.Errorf("after %d failures: Wait = %v, want in (0, %v]", n, w, wide.MaxDelay)
				}
			}
		}},
		{"delay counts down from the last failure", func(t *testing.T) {
			a, _ := failNTimes(p, 5, 0) // 4s
			for _, c := range []struct {
				after time.Duration
				want  time.Duration
			}{{0, 4 * time.Second}, {time.Second, 3 * time.Second}, {4 * time.Second, 0}, {time.Hour, 0}} {
				if w := p.Wait(a, throttleStart.Add(c.after)); w != c.want {
					t.Errorf("%v after the 5th failure: Wait = %v, want %v", c.after, w, c.want)
				}
			}
		}},
		{"key is locked for LockFor after LockAfter failures", func(t *testing.T) {
			a, _ := failNTimes(p, p.LockAfter, time.Second)
			last := a.LastFailure
			for _, c := range []struct {
				at   time.Time
				want time.Duration
			}{
				{last, p.LockFor},
				{last.Add(p.LockFor - time.Second), time.Second},
				{last.Add(p.LockFor), 0},
			} {
				if w := p.Wait(a, c.at); w != c.want {
					t.Errorf("%v after the locking failure: Wait = %v, want %v", c.at.Sub(last), w, c.want)
				}
			}
		}},
		{"lock outlasts the window it started in", func(t *testing.T) {
			// Nine failures at the start of the window, the locking tenth just
			// before it ends: the lock still runs its full LockFor.
			a, _ := failNTimes(p, p.LockAfter-1, 0)
			a, _ = p.Fail(a, throttleStart.Add(p.Window-time.Minute))
			at := throttleStart.Add(p.Window + time.Minute)
			if w, want := p.Wait(a, at), p.LockFor-2*time.Minute; w != want {
				t.Errorf("Wait = %v, want %v", w, want)
			}
		}},
		{"window forgets old failures", func(t *testing.T) {
			a, _ := failNTimes(p, p.LockAfter-1, 0)
			later := throttleStart.Add(max(p.Window, p.LockFor))
			if w := p.Wait(a, later); w != 0 {
				t.Errorf("Wait after the window = %v, want 0", w)
			}
			next, _ := p.Fail(a, later)
			if next.Failures != 1 || !next.FirstFailure.Equal(later) {
				t.Errorf("Fail after the window = %d failures since %v, want 1 since %v", next.Failures, next.FirstFailure, later)
			}
		}},
		{"failures inside the window are kept", func(t *testing.T) {
			a, _ := failNTimes(p, 2, 0)
			just := throttleStart.Add(p.Window - time.Second)
			next, _ := p.Fail(a, just)
			if next.Failures != 3 || !next.FirstFailure.Equal(throttleStart) {
				t.Errorf("Fail inside the window = %d failures since %v, want 3 since %v", next.Failures, next.FirstFailure, throttleStart)
			}
			if w := p.Wait(next, just); w != time.Second {
				t.Errorf("Wait = %v, want 1s", w)
			}
		}},
		{"window is measured from the first failure", func(t *testing.T) {
			long := ThrottlePolicy{Window: time.Hour, SlowAfter: 3, MaxDelay: time.Minute, LockAfter: 10, LockFor: 15 * time.Minute}
			a, _ := failNTimes(long, 2, 0)
			next, _ := long.Fail(a, throttleStart.Add(30*time.Minute))
			if next.Failures != 3 {
				t.Errorf("30 minutes into a 1-hour window: %d failures, want 3", next.Failures)
			}
			next, _ = long.Fail(a, throttleStart.Add(time.Hour))
			if next.Failures != 1 {
				t.Errorf("an hour after the first failure: %d failures, want 1", next.Failures)
			}
		}},
		{"Fail sets FirstFailure once and bumps Version", func(t *testing.T) {
			a := SignInAttempts{Version: 7} // a counter that was cleared before
			a, _ = p.Fail(a, throttleStart)
			second := throttleStart.Add(time.Minute)
			a, _ = p.Fail(a, second)
			want := SignInAttempts{Failures: 2, FirstFailure: throttleStart, LastFailure: second, Version: 9}
			if a != want {
				t.Errorf("after two failures: %+v, want %+v", a, want)
			}
		}},
		{"forgetting keeps the version so the conditional write lines up", func(t *testing.T) {
			a, _ := failNTimes(p, 4, 0)
			next, _ := p.Fail(a, throttleStart.Add(time.Hour))
			if next.Version != a.Version+1 {
				t.Errorf("Version after forgetting = %d, want %d", next.Version, a.Version+1)
			}
		}},
		{"expiry covers the window and the lock", func(t *testing.T) {
			for _, pol := range []ThrottlePolicy{
				EmailThrottle, IPThrottle,
				{Window: time.Hour, SlowAfter: 1, MaxDelay: time.Minute, LockAfter: 2, LockFor: 5 * time.Minute},
				{Window: 5 * time.Minute, SlowAfter: 1, MaxDelay: time.Minute, LockAfter: 2, LockFor: time.Hour},
			} {
				var a SignInAttempts
				var expires time.Time
				for i := range pol.LockAfter {
					now := throttleStart.Add(time.Duration(i) * time.Second)
					a, expires = pol.Fail(a, now)
					if lockEnd := now.Add(pol.Wait(a, now)); expires.Before(lockEnd) {
						t.Errorf("%+v after %d failures: expires %v, before the wait ends at %v", pol, i+1, expires, lockEnd)
					}
					if windowEnd := a.FirstFailure.Add(pol.Window); expires.Before(windowEnd) {
						t.Errorf("%+v after %d failures: expires %v, before the window ends at %v", pol, i+1, expires, windowEnd)
					}
				}
				// Once expired, the counter is worth nothing: it would be forgotten anyway.
				if next, _ := pol.Fail(a, expires); next.Failures != 1 {
					t.Errorf("%+v: a failure at expiry counts %d failures, want 1", pol, next.Failures)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
}

func TestThrottleWindowCountsFromTheFirstFailure(t *testing.T) {
	p := EmailThrottle
	start := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	t.Run("failures spread wider than the window never pile up to a lock", func(t *testing.T) {
		var a SignInAttempts
		now := start
		for range 3 * p.LockAfter {
			a, _ = p.Fail(a, now)
			now = now.Add(p.Window - time.Minute)
		}
		if a.Failures >= p.LockAfter || p.Wait(a, now) == p.LockFor {
			t.Fatalf("slow failures locked the key: %+v", a)
		}
	})
	t.Run("a lock lasts its full period even after the window", func(t *testing.T) {
		var a SignInAttempts
		now := start
		for range p.LockAfter {
			a, _ = p.Fail(a, now)
			now = now.Add(time.Minute)
		}
		last := a.LastFailure
		if w := p.Wait(a, last.Add(p.LockFor-time.Second)); w != time.Second {
			t.Fatalf("wait just before the lock ends = %v, want 1s", w)
		}
		if w := p.Wait(a, last.Add(p.LockFor)); w != 0 {
			t.Fatalf("wait after the lock = %v, want 0", w)
		}
	})
}
