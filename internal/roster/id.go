package roster

import (
	"crypto/rand"
	"encoding/binary"
	"sync"
	"time"
)

// crockford is Crockford's base32 alphabet in lower case: no i, l, o, u, so
// ids survive being read aloud or retyped.
const crockford = "0123456789abcdefghjkmnpqrstvwxyz"

// ids keeps NewID monotonic within a process: ids made in the same
// millisecond count up from the first one's random part (the ULID
// monotonic rule), so that a ledger or an audit trail written by one
// function sorts in the order it was written.
var ids struct {
	sync.Mutex
	ms   uint64
	rand [10]byte
}

// NewID returns a 26-character opaque id: 48 bits of milliseconds then 80
// random bits (the ULID layout), so ids sort by creation time, and within a
// process strictly increase (for the same or a later time).
func NewID(now time.Time) string {
	ms := uint64(now.UnixMilli())
	ids.Lock()
	if ms == ids.ms {
		for i := len(ids.rand) - 1; i >= 0; i-- { // +1, carrying
			ids.rand[i]++
			if ids.rand[i] != 0 {
				break
			}
		}
	} else {
		ids.ms = ms
		if _, err := rand.Read(ids.rand[:]); err != nil {
			ids.Unlock()
			panic("crypto/rand failed: " + err.Error()) // the OS has no entropy; nothing can be done safely
		}
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], ms<<16)
	copy(b[6:], ids.rand[:])
	ids.Unlock()
	// 128 bits as 26 base32 digits, most significant first.
	hi := binary.BigEndian.Uint64(b[:8])
	lo := binary.BigEndian.Uint64(b[8:])
	var out [26]byte
	for i := 25; i >= 0; i-- {
		out[i] = crockford[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return string(out[:])
}

// MinIDAt is the smallest id NewID can make at t's millisecond (its random
// part all zeros): ids made at or after t sort at or after it, so a time
// range over items keyed by id is a key range.
func MinIDAt(t time.Time) string {
	v := uint64(t.UnixMilli()) // the first 10 digits: 2 zero bits, then the 48 bits of ms
	var out [26]byte
	for i := range out {
		out[i] = '0'
	}
	for i := 9; i >= 0; i-- {
		out[i] = crockford[v&31]
		v >>= 5
	}
	return string(out[:])
}
