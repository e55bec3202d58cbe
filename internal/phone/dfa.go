package phone

import (
	"encoding/binary"
	"fmt"
	"regexp/syntax"
	"slices"
)

// A digitDFA answers, for a string of ASCII digits, what Go's regexp answers
// for the same pattern with MatchString: whether the pattern matches some
// prefix of the digits (it is anchored at the start, like every pattern
// libphonenumber matches numbers against: "^(?:…)" or "^(?:…)$").
//
// It is built from the very program regexp would run (regexp/syntax: Parse
// with the Perl flags regexp.Compile uses, Simplify, Compile), by the subset
// construction over the ten digits: each state is the set of the program's
// threads alive after the digits read so far. A match is a boolean of the
// language the program accepts, so regexp's leftmost-first preferences play
// no part. Walking ten digits is ten table lookups, where regexp's
// backtracker on libphonenumber's large alternations costs microseconds.
//
// The only zero-width assertions it supports are the beginning and end of
// the text (and of a line: there are no newlines in digits); a pattern with
// \b or \B is refused when the DFA is built, and the caller then has no
// fast path for it.
type digitDFA struct {
	next []int32 // next[state*10+digit]: the state after reading digit, or dead
	// now[state]: a match ends here, whatever follows (the pattern needs no
	// end of text here). end[state]: a match ends here if the text ends here.
	now, end []bool
}

const (
	dead     = -1
	maxState = 1 << 16 // a pattern whose DFA would be larger gets no fast path
)

// compileDigitDFA builds the DFA for pattern, which must begin with ^ so
// that only matches at the start count (as for regexp.MatchString).
func compileDigitDFA(pattern string) (*digitDFA, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, err
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, err
	}
	const beginFlags = syntax.EmptyBeginText | syntax.EmptyBeginLine
	const endFlags = syntax.EmptyEndText | syntax.EmptyEndLine
	for _, in := range prog.Inst {
		if in.Op == syntax.InstEmptyWidth && syntax.EmptyOp(in.Arg)&^(beginFlags|endFlags) != 0 {
			return nil, fmt.Errorf("%q: zero-width assertion %v is not supported", pattern, syntax.EmptyOp(in.Arg))
		}
	}
	if !startsAnchored(prog, uint32(prog.Start), map[uint32]bool{}) {
		return nil, fmt.Errorf("%q: not anchored at the start", pattern)
	}

	// closure adds to set the threads reachable from pc without reading,
	// at a position where the flags in at hold. A thread waiting on an
	// end-of-text assertion is kept (the end is not known yet); one that
	// needs the beginning of the text elsewhere dies. seen marks the
	// instructions already visited in this closure with its generation.
	seen := make([]uint32, len(prog.Inst))
	gen := uint32(0)
	var closure func(set []uint32, pc uint32, at syntax.EmptyOp) []uint32
	closure = func(set []uint32, pc uint32, at syntax.EmptyOp) []uint32 {
		if seen[pc] == gen {
			return set
		}
		seen[pc] = gen
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			set = closure(set, in.Out, at)
			return closure(set, in.Arg, at)
		case syntax.InstCapture, syntax.InstNop:
			return closure(set, in.Out, at)
		case syntax.InstEmptyWidth:
			need := syntax.EmptyOp(in.Arg)
			switch {
			case need&^at == 0:
				return closure(set, in.Out, at)
			case need&^(at|endFlags) == 0:
				return append(set, pc) // decided at the end of the text
			}
			return set
		case syntax.InstFail:
			return set
		}
		return append(set, pc) // Match or a rune
	}
	// matchesAtEnd: with the text ending here, some thread of set reaches Match.
	matchesAtEnd := func(set []uint32, at syntax.EmptyOp) bool {
		gen++
		var all []uint32
		for _, pc := range set {
			if prog.Inst[pc].Op == syntax.InstEmptyWidth {
				all = closure(all, prog.Inst[pc].Out, at|endFlags)
			} else {
				all = append(all, pc)
			}
		}
		for _, pc := range all {
			if prog.Inst[pc].Op == syntax.InstMatch {
				return true
			}
		}
		return false
	}

	type state struct {
		set   []uint32
		begin bool // the start state: the beginning of the text holds here
	}
	var kb []byte
	key := func(s state) string {
		kb = kb[:0]
		if s.begin {
			kb = append(kb, '^')
		}
		for _, pc := range s.set {
			kb = binary.AppendUvarint(kb, uint64(pc))
		}
		return string(kb)
	}
	d := &digitDFA{}
	index := map[string]int32{}
	var states []state
	add := func(s state) int32 {
		if len(s.set) == 0 {
			return dead
		}
		slices.Sort(s.set)
		k := key(s)
		if i, ok := index[k]; ok {
			return i
		}
		i := int32(len(states))
		index[k] = i
		states = append(states, s)
		return i
	}
	gen++
	start := state{begin: true, set: closure(nil, uint32(prog.Start), beginFlags)}
	add(start)
	for i := 0; i < len(states); i++ {
		if len(states) > maxState {
			return nil, fmt.Errorf("%q: more than %d states", pattern, maxState)
		}
		s := states[i]
		at := syntax.EmptyOp(0)
		if s.begin {
			at = beginFlags
		}
		now := false
		for _, pc := range s.set {
			if prog.Inst[pc].Op == syntax.InstMatch {
				now = true
			}
		}
		d.now = append(d.now, now)
		d.end = append(d.end, now || matchesAtEnd(s.set, at))
		for c := '0'; c <= '9'; c++ {
			gen++
			var next []uint32
			for _, pc := range s.set {
				in := &prog.Inst[pc]
				var ok bool
				switch in.Op { // as regexp's NFA machine steps
				case syntax.InstRune:
					ok = in.MatchRune(c)
				case syntax.InstRune1:
					ok = c == in.Rune[0]
				case syntax.InstRuneAny:
					ok = true
				case syntax.InstRuneAnyNotNL:
					ok = c != '\n'
				}
				if ok {
					next = closure(next, in.Out, 0)
				}
			}
			d.next = append(d.next, add(state{set: next}))
		}
	}
	return d, nil
}

// startsAnchored reports whether every path from pc reads nothing before
// an assertion of the beginning of the text.
func startsAnchored(prog *syntax.Prog, pc uint32, seen map[uint32]bool) bool {
	if seen[pc] {
		return true
	}
	seen[pc] = true
	in := &prog.Inst[pc]
	switch in.Op {
	case syntax.InstAlt, syntax.InstAltMatch:
		return startsAnchored(prog, in.Out, seen) && startsAnchored(prog, in.Arg, seen)
	case syntax.InstCapture, syntax.InstNop:
		return startsAnchored(prog, in.Out, seen)
	case syntax.InstEmptyWidth:
		return syntax.EmptyOp(in.Arg)&(syntax.EmptyBeginText|syntax.EmptyBeginLine) != 0 || startsAnchored(prog, in.Out, seen)
	case syntax.InstFail:
		return true
	}
	return false
}

// match reports whether the pattern matches a prefix of digits (the whole
// of them, for a pattern that ends with $), as regexp.MatchString does.
// digits must be ASCII digits.
func (d *digitDFA) match(digits string) bool {
	s := int32(0)
	for i := 0; i < len(digits); i++ {
		if d.now[s] {
			return true
		}
		s = d.next[int(s)*10+int(digits[i]-'0')]
		if s == dead {
			return false
		}
	}
	return d.end[s]
}
