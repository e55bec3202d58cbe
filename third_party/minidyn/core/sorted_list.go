package core

// Patched (not in upstream minidyn v0.8.2): table keys and index entries are
// kept in a sortedList instead of one slice. Inserting into a slice of
// 300,000 keys moves half of it on average (and, for pointer-holding
// elements, runs write barriers over it); the list keeps its elements in
// blocks of at most 2*sortedBlockMax, so an insert or delete moves at most
// one block.

import (
	"slices"
	"sort"
)

const sortedBlockMax = 512

type sortedList[T any] struct {
	cmp    func(a, b T) int
	blocks [][]T
	starts []int // starts[i] is the position of blocks[i][0]; rebuilt when dirty
	dirty  bool
	n      int
}

func newSortedList[T any](cmp func(a, b T) int, items ...T) *sortedList[T] {
	l := &sortedList[T]{cmp: cmp}
	for _, it := range items {
		l.Insert(it)
	}

	return l
}

// Len returns the number of elements.
func (l *sortedList[T]) Len() int {
	return l.n
}

// block returns the block where v belongs: the first whose last element is
// not less than v, or the last block.
func (l *sortedList[T]) block(v T) int {
	b := sort.Search(len(l.blocks), func(i int) bool {
		blk := l.blocks[i]

		return l.cmp(blk[len(blk)-1], v) >= 0
	})
	if b == len(l.blocks) {
		b--
	}

	return b
}

func (l *sortedList[T]) searchBlock(blk []T, v T) int {
	return sort.Search(len(blk), func(i int) bool { return l.cmp(blk[i], v) >= 0 })
}

// Insert adds v at its place. v must not be in the list yet.
func (l *sortedList[T]) Insert(v T) {
	l.dirty = true
	l.n++

	if len(l.blocks) == 0 {
		l.blocks = [][]T{{v}}

		return
	}

	b := l.block(v)
	blk := slices.Insert(l.blocks[b], l.searchBlock(l.blocks[b], v), v)

	if len(blk) > 2*sortedBlockMax {
		half := slices.Clone(blk[sortedBlockMax:])
		clear(blk[sortedBlockMax:])
		l.blocks[b] = blk[:sortedBlockMax]
		l.blocks = slices.Insert(l.blocks, b+1, half)

		return
	}

	l.blocks[b] = blk
}

// Delete removes v and reports whether it was there.
func (l *sortedList[T]) Delete(v T) bool {
	if len(l.blocks) == 0 {
		return false
	}

	b := l.block(v)
	blk := l.blocks[b]

	i := l.searchBlock(blk, v)
	if i == len(blk) || l.cmp(blk[i], v) != 0 {
		return false
	}

	l.dirty = true
	l.n--

	blk = slices.Delete(blk, i, i+1)
	if len(blk) == 0 {
		l.blocks = slices.Delete(l.blocks, b, b+1)
	} else {
		l.blocks[b] = blk
	}

	return true
}

func (l *sortedList[T]) index() {
	if !l.dirty && len(l.starts) == len(l.blocks) {
		return
	}

	l.starts = l.starts[:0]
	pos := 0

	for _, blk := range l.blocks {
		l.starts = append(l.starts, pos)
		pos += len(blk)
	}

	l.dirty = false
}

// At returns the element at position pos (0 <= pos < Len()).
func (l *sortedList[T]) At(pos int) T {
	l.index()
	b := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > pos }) - 1

	return l.blocks[b][pos-l.starts[b]]
}

// LowerBound returns the position of the first element not less than v.
func (l *sortedList[T]) LowerBound(v T) int {
	if len(l.blocks) == 0 {
		return 0
	}

	l.index()
	b := l.block(v)

	return l.starts[b] + l.searchBlock(l.blocks[b], v)
}

// Clone returns a copy that shares no blocks with l.
func (l *sortedList[T]) Clone() *sortedList[T] {
	c := &sortedList[T]{cmp: l.cmp, n: l.n, dirty: true, blocks: make([][]T, len(l.blocks))}
	for i, blk := range l.blocks {
		c.blocks[i] = slices.Clone(blk)
	}

	return c
}
