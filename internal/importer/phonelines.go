package importer

// phoneLines remembers the first line of each distinct phone number of a
// file, for the duplicate check. It is what grows with the file: a
// map[uint64]int32 took about 25 bytes a number, and the garbage collector
// lets the heap grow to twice what is live (75 MB of peak heap at 1M rows);
// this takes 8 at 1M numbers (12 at 100k, with its 384 KB of shards).
//
// A number's digits (E.164: at most 15, so under 2^50) are mixed by a
// bijection of 50-bit values. The top 14 bits of the result pick one of
// 16,384 shards; the other 36, above the line (20 bits), make a 7-byte
// entry kept in the shard's sorted byte slice. Since the mix is a
// bijection, shard and entry together are the number: nothing is hashed
// away and no two numbers are ever taken for one. The mix spreads the
// numbers of a file (often one area code, counting up) evenly over the
// shards: at 1M rows a shard holds about 60, and an insert moves that
// many bytes times seven at most. A number or line too large to pack goes
// to a small map.
type phoneLines struct {
	shards [1 << shardBits][]byte
	other  map[uint64]int32
}

const (
	keyBits   = 50
	shardBits = 14
	restBits  = keyBits - shardBits
	lineBits  = 20 // line-1: up to 1,048,576, Excel's (and MaxSheetRows') last row
	entrySize = (restBits + lineBits) / 8
)

// first returns the line that had the number first; if none did, it
// records line as that one and returns ok false.
func (p *phoneLines) first(number uint64, line int) (first int, ok bool) {
	packs := number < 1<<keyBits
	var shard *[]byte
	var rest uint64
	var at int
	if packs {
		var found bool
		if shard, rest, at, found = p.find(number); found {
			return int(entryAt((*shard)[at:])&(1<<lineBits-1)) + 1, true
		}
	}
	if f, ok := p.other[number]; ok {
		return int(f), true
	}
	if !packs || line < 1 || line > 1<<lineBits {
		if p.other == nil {
			p.other = map[uint64]int32{}
		}
		p.other[number] = int32(line)
		return 0, false
	}
	s := *shard
	if len(s)+entrySize > cap(s) {
		// Grow by about an eighth, to the end of the allocator's size
		// class (appending to nil rounds up to it): doubling would leave a
		// quarter of the memory unused on average.
		grown := append([]byte(nil), make([]byte, len(s)+len(s)/8+entrySize)...)
		copy(grown, s)
		s = grown[:len(s)]
	}
	s = s[:len(s)+entrySize]
	copy(s[at+entrySize:], s[at:])
	putEntry(s[at:], rest<<lineBits|uint64(line-1))
	*shard = s
	return 0, false
}

// find returns the number's shard, the bits the entry keeps of it, and the
// offset of its entry, or of where it belongs in sorted order.
func (p *phoneLines) find(number uint64) (shard *[]byte, rest uint64, at int, found bool) {
	h := mix50(number)
	shard, rest = &p.shards[h>>restBits], h&(1<<restBits-1)
	s := *shard
	lo, hi := 0, len(s)/entrySize
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if entryAt(s[mid*entrySize:])>>lineBits < rest {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	at = lo * entrySize
	return shard, rest, at, at < len(s) && entryAt(s[at:])>>lineBits == rest
}

// entryAt reads the entry at the start of b (big-endian, so that entries
// sort as bytes and as numbers alike).
func entryAt(b []byte) uint64 {
	var e uint64
	for _, c := range b[:entrySize] {
		e = e<<8 | uint64(c)
	}
	return e
}

func putEntry(b []byte, e uint64) {
	for i := entrySize - 1; i >= 0; i-- {
		b[i] = byte(e)
		e >>= 8
	}
}

// mix50 is a bijection of 50-bit values that spreads neighbouring numbers
// apart: multiplying by an odd number is invertible modulo 2^50, and so is
// x ^ x>>25 (it is its own inverse, as 2×25 ≥ 50).
func mix50(x uint64) uint64 {
	const mask = 1<<keyBits - 1
	x = x * 0x9E3779B97F4A7C15 & mask
	x ^= x >> 25
	x = x * 0xBF58476D1CE4E5B9 & mask
	x ^= x >> 25
	return x
}
