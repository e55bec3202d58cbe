package roster

import "time"

// SignInAttempts counts failed sign-ins for one key (an email or a source IP)
// within a window.
type SignInAttempts struct {
	Failures     int
	FirstFailure time.Time
	LastFailure  time.Time
	Version      int64
}

// ThrottlePolicy decides how failed sign-ins slow down and then lock a key.
// After SlowAfter failures within Window each further attempt must wait
// twice as long as the one before (capped at MaxDelay); after LockAfter the
// key is locked for LockFor.
type ThrottlePolicy struct {
	Window    time.Duration
	SlowAfter int
	MaxDelay  time.Duration
	LockAfter int
	LockFor   time.Duration
}

// Throttle policies for the two keys. An IP gets more room because offices
// and carriers put many people behind one address.
var (
	EmailThrottle = ThrottlePolicy{Window: 15 * time.Minute, SlowAfter: 3, MaxDelay: time.Minute, LockAfter: 10, LockFor: 15 * time.Minute}
	IPThrottle    = ThrottlePolicy{Window: 15 * time.Minute, SlowAfter: 20, MaxDelay: time.Minute, LockAfter: 100, LockFor: 15 * time.Minute}
)

// current returns a with failures outside the window forgotten: once the
// window since the first failure has passed, the count starts again, unless
// the key is locked, which lasts its full LockFor.
func (p ThrottlePolicy) current(a SignInAttempts, now time.Time) SignInAttempts {
	locked := a.Failures >= p.LockAfter && now.Sub(a.LastFailure) < p.LockFor
	if a.Failures > 0 && !locked && now.Sub(a.FirstFailure) >= p.Window {
		return SignInAttempts{Version: a.Version}
	}
	return a
}

// Wait returns how long the key must wait before its next attempt is
// considered; zero when an attempt may go ahead now.
func (p ThrottlePolicy) Wait(a SignInAttempts, now time.Time) time.Duration {
	a = p.current(a, now)
	var next time.Time
	switch {
	case a.Failures >= p.LockAfter:
		next = a.LastFailure.Add(p.LockFor)
	case a.Failures >= p.SlowAfter:
		next = a.LastFailure.Add(p.delay(a.Failures))
	default:
		return 0
	}
	if w := next.Sub(now); w > 0 {
		return w
	}
	return 0
}

func (p ThrottlePolicy) delay(failures int) time.Duration {
	d := time.Second
	for i := p.SlowAfter; i < failures && d < p.MaxDelay; i++ {
		d *= 2
	}
	return min(d, p.MaxDelay)
}

// Fail returns the counter after one more failure at now, and when it may be
// forgotten.
func (p ThrottlePolicy) Fail(a SignInAttempts, now time.Time) (SignInAttempts, time.Time) {
	a = p.current(a, now)
	if a.Failures == 0 {
		a.FirstFailure = now
	}
	a.Failures++
	a.LastFailure = now
	a.Version++
	return a, now.Add(max(p.Window, p.LockFor))
}
