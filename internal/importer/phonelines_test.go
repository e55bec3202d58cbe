package importer

import (
	"math/rand/v2"
	"testing"
)

// TestPhoneLinesAgreesWithMap: the packed set answers every lookup exactly
// as a plain map of first lines does, for numbers as files hold them
// (counting up within an area code), random ones over the whole range,
// numbers and lines at the edges of what packs, and repeats.
func TestPhoneLinesAgreesWithMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var numbers []uint64
	for i := range uint64(200_000) {
		numbers = append(numbers, 12015550000+i) // +1 201 555 0000 counting up
	}
	for range 200_000 {
		numbers = append(numbers, rng.Uint64N(1<<keyBits))
	}
	numbers = append(numbers, 0, 1, 1<<keyBits-1, 1<<keyBits, 1<<keyBits+1, 999_999_999_999_999, 1<<64-1)
	// Repeats: a tenth again, in another order.
	for range len(numbers) / 10 {
		numbers = append(numbers, numbers[rng.IntN(len(numbers))])
	}
	rng.Shuffle(len(numbers), func(i, j int) { numbers[i], numbers[j] = numbers[j], numbers[i] })

	var set phoneLines
	want := map[uint64]int{}
	line := 1
	for i, n := range numbers {
		// Lines mostly count up, skipping some; a few reach past what
		// packs in 20 bits.
		line += 1 + rng.IntN(2)
		if i == len(numbers)-20 {
			line = 1<<lineBits - 5
		}
		first, dup := set.first(n, line)
		w, wantDup := want[n]
		if !wantDup {
			want[n] = line
		}
		if dup != wantDup || (dup && first != w) {
			t.Fatalf("number %d on line %d: got (%d, %v), want (%d, %v)", n, line, first, dup, w, wantDup)
		}
	}
	if line <= 1<<lineBits {
		t.Fatalf("last line %d: the test should reach past %d", line, 1<<lineBits)
	}
}

// TestMix50IsABijection: mix50 undone step by step gives the number back,
// so that no two numbers share a shard and entry.
func TestMix50IsABijection(t *testing.T) {
	const mask = 1<<keyBits - 1
	inverse := func(a uint64) uint64 { // of an odd a modulo 2^64 (Newton's method)
		x := a
		for range 6 {
			x *= 2 - a*x
		}
		return x
	}
	unmix := func(x uint64) uint64 {
		x ^= x >> 25
		x = x * inverse(0xBF58476D1CE4E5B9) & mask
		x ^= x >> 25
		return x * inverse(0x9E3779B97F4A7C15) & mask
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 1_000_000 {
		x := uint64(i)
		if i%2 == 1 {
			x = rng.Uint64N(1 << keyBits)
		}
		if m := mix50(x); m > mask || unmix(m) != x {
			t.Fatalf("mix50(%d) = %d, undone %d", x, m, unmix(m))
		}
	}
}
