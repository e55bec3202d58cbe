package core

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestSortedListMatchesSlice checks the patched sortedList against a sorted
// slice through random inserts and deletes, across block splits.
func TestSortedListMatchesSlice(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	l := newSortedList(strings.Compare)
	var want []string

	for step := range 20000 {
		v := strconv.Itoa(rng.IntN(5000))
		pos, found := slices.BinarySearch(want, v)

		if rng.IntN(3) == 0 {
			if l.Delete(v) != found {
				t.Fatalf("step %d: Delete(%s) disagrees (found %v)", step, v, found)
			}

			if found {
				want = slices.Delete(want, pos, pos+1)
			}
		} else if !found {
			l.Insert(v)
			want = slices.Insert(want, pos, v)
		}

		if l.Len() != len(want) {
			t.Fatalf("step %d: Len %d, want %d", step, l.Len(), len(want))
		}

		if got := l.LowerBound(v); got != pos {
			t.Fatalf("step %d: LowerBound(%s) = %d, want %d", step, v, got, pos)
		}

		if step%1000 == 0 {
			c := l.Clone()
			for i, w := range want {
				if l.At(i) != w || c.At(i) != w {
					t.Fatalf("step %d: At(%d) = %s / clone %s, want %s", step, i, l.At(i), c.At(i), w)
				}
			}
		}
	}

	if len(l.blocks) < 2 {
		t.Fatalf("only %d blocks: the test never split one", len(l.blocks))
	}
}
