package roster

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestNewID(t *testing.T) {
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		check func(t *testing.T)
	}{
		{"id is 26 characters of the lower-case Crockford alphabet", func(t *testing.T) {
			for range 1000 {
				id := NewID(at)
				if len(id) != 26 {
					t.Fatalf("NewID = %q, %d characters, want 26", id, len(id))
				}
				if i := strings.IndexFunc(id, func(r rune) bool { return !strings.ContainsRune(crockford, r) }); i >= 0 {
					t.Fatalf("NewID = %q has %q outside %q", id, id[i], crockford)
				}
			}
		}},
		{"alphabet has no i, l, o or u and is in ascending byte order", func(t *testing.T) {
			if len(crockford) != 32 || strings.ContainsAny(crockford, "ilou") {
				t.Fatalf("crockford = %q", crockford)
			}
			if !slices.IsSorted([]byte(crockford)) {
				t.Fatalf("crockford = %q is not sorted, so ids would not sort by time", crockford)
			}
		}},
		{"first 10 characters encode the millisecond", func(t *testing.T) {
			a, b := NewID(at), NewID(at.Add(999*time.Microsecond))
			if a[:10] != b[:10] {
				t.Errorf("ids in the same millisecond differ in their time part: %q, %q", a, b)
			}
			if got := decodeIDMillis(t, a); got != at.UnixMilli() {
				t.Errorf("time part of %q = %d ms, want %d", a, got, at.UnixMilli())
			}
			if c := NewID(at.Add(time.Millisecond)); c[:10] == a[:10] {
				t.Errorf("ids a millisecond apart share their time part: %q, %q", a, c)
			}
		}},
		{"ids made at increasing milliseconds sort in time order", func(t *testing.T) {
			steps := []time.Duration{0, time.Millisecond, 2 * time.Millisecond, time.Second, time.Hour,
				24 * time.Hour, 365 * 24 * time.Hour, 50 * 365 * 24 * time.Hour}
			var ids []string
			for _, s := range steps {
				ids = append(ids, NewID(at.Add(s)))
			}
			// The Unix epoch and a time before this one sort first as well.
			ids = append([]string{NewID(time.UnixMilli(0)), NewID(at.Add(-time.Millisecond))}, ids...)
			if !slices.IsSorted(ids) {
				t.Errorf("ids made in time order do not sort: %q", ids)
			}
		}},
		{"100k ids made in one millisecond are unique", func(t *testing.T) {
			seen := make(map[string]struct{}, 100_000)
			for range 100_000 {
				id := NewID(at)
				if _, dup := seen[id]; dup {
					t.Fatalf("duplicate id %q after %d ids", id, len(seen))
				}
				seen[id] = struct{}{}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
}

// decodeIDMillis reads the 48-bit millisecond timestamp back out of an id:
// its first 10 characters hold 50 bits, the top two zero.
func decodeIDMillis(t *testing.T, id string) int64 {
	t.Helper()
	var v int64
	for _, c := range id[:10] {
		d := strings.IndexRune(crockford, c)
		if d < 0 {
			t.Fatalf("id %q has %q outside the alphabet", id, c)
		}
		v = v<<5 | int64(d)
	}
	return v
}

func TestNewIDIncreasesWithinAMillisecond(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	prev := NewID(now)
	for range 1000 {
		next := NewID(now)
		if next <= prev {
			t.Fatalf("%s after %s: ids made in one millisecond must increase", next, prev)
		}
		prev = next
	}
}
