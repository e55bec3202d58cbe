package roster

import (
	"testing"
	"time"
)

func TestMinIDAtBoundsTheIDsOfItsMillisecond(t *testing.T) {
	for _, at := range []time.Time{time.Unix(0, 0), time.Date(2026, 12, 3, 10, 0, 0, 123456789, time.UTC), time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)} {
		id := NewID(at)
		lo := MinIDAt(at)
		hi := MinIDAt(at.Add(time.Millisecond))
		if !(lo <= id && id < hi) || id[:10] != lo[:10] {
			t.Fatalf("%v: %s %s %s", at, lo, id, hi)
		}
	}
}
