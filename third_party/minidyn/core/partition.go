package core

// Patched (not in upstream minidyn v0.8.2): Query reads one partition.
//
// Keys are stored as strings: the hash value alone, or hash + "." + range
// (key_schema.go). The keys of one partition therefore all start with
// hash + "." and are contiguous in sorted order, in range order. Other
// partitions can share that prefix (hash "a.b" and "a" with range "b.x"
// both give "a.b.x"), so every key in the prefix range is still checked
// against the key condition, exactly as upstream checks every key of the
// table.

import (
	"sort"
	"strings"

	"github.com/truora/minidyn/interpreter"
	"github.com/truora/minidyn/interpreter/language"
	"github.com/truora/minidyn/types"
)

// searchSchema returns the index a query reads (nil for the table) and its
// key schema.
func (t *Table) searchSchema(input QueryInput) (*index, keySchema) {
	if input.Index != "" {
		if idx, ok := t.Indexes[input.Index]; ok {
			return idx, idx.keySchema
		}

		return nil, keySchema{}
	}

	return nil, t.KeySchema
}

// fixedHashKey returns the stored form of the hash key value when the key
// condition requires `hashKey = :value` at its top level (alone or joined
// with AND). Anything else, including expressions that do not parse, is
// left to the full walk, which reports errors as upstream does.
func (t *Table) fixedHashKey(input QueryInput, ks keySchema) (string, bool) {
	if ks.HashKey == "" || input.KeyConditionExpression == "" {
		return "", false
	}

	// Numbers are stored as the text they were written with, but compared
	// by value ("1" = "1.0"): a number hash key keeps the full walk.
	if t.AttributesDef[ks.HashKey] == "N" {
		return "", false
	}

	p := language.NewParser(language.NewLexer(input.KeyConditionExpression))

	cond := p.ParseConditionalExpression()
	if len(p.Errors()) != 0 || cond.Expression == nil {
		return "", false
	}

	name := func(e language.Expression) string {
		id, ok := e.(*language.Identifier)
		if !ok {
			return ""
		}

		if strings.HasPrefix(id.Value, "#") {
			return input.Aliases[id.Value]
		}

		return id.Value
	}

	var value *types.Item

	var find func(e language.Expression) bool

	find = func(e language.Expression) bool {
		infix, ok := e.(*language.InfixExpression)
		if !ok {
			return false
		}

		switch infix.Operator {
		case language.AND:
			return find(infix.Left) || find(infix.Right)
		case language.EQ:
			l, r := name(infix.Left), name(infix.Right)
			if l != ks.HashKey {
				l, r = r, l
			}

			if l != ks.HashKey || !strings.HasPrefix(r, ":") {
				return false
			}

			value = input.ExpressionAttributeValues[r]

			return value != nil
		}

		return false
	}

	if !find(cond.Expression) {
		return "", false
	}

	hash, err := keySchema{HashKey: ks.HashKey}.getKeyValue(t.AttributesDef, map[string]*types.Item{ks.HashKey: value})
	if err != nil {
		return "", false
	}

	return hash, true
}

// rangeBounds is what a key condition says of the range key, as bounds on
// its stored string: from lo (inclusive unless loOpen) up to hi (inclusive
// unless hiOpen), or every value beginning with prefix. Empty fields do
// not bound.
type rangeBounds struct {
	lo, hi         string
	loOpen, hiOpen bool
	hasLo, hasHi   bool
	prefix         string
	hasPrefix      bool
}

// fixedRangeBounds reads the range key's condition at the top level of the
// key condition (=, <, <=, >, >=, BETWEEN or begins_with on a string range
// key). Anything else leaves the whole partition to read. The key
// condition is still checked on every key read, so bounds only skip keys
// that cannot match.
func (t *Table) fixedRangeBounds(input QueryInput, ks keySchema) (rangeBounds, bool) {
	var b rangeBounds
	if ks.RangeKey == "" || input.KeyConditionExpression == "" || t.AttributesDef[ks.RangeKey] != "S" {
		return b, false
	}

	p := language.NewParser(language.NewLexer(input.KeyConditionExpression))

	cond := p.ParseConditionalExpression()
	if len(p.Errors()) != 0 || cond.Expression == nil {
		return b, false
	}

	name := func(e language.Expression) string {
		id, ok := e.(*language.Identifier)
		if !ok {
			return ""
		}

		if strings.HasPrefix(id.Value, "#") {
			return input.Aliases[id.Value]
		}

		return id.Value
	}
	value := func(e language.Expression) (string, bool) {
		id, ok := e.(*language.Identifier)
		if !ok || !strings.HasPrefix(id.Value, ":") {
			return "", false
		}

		v := input.ExpressionAttributeValues[id.Value]
		if v == nil || v.S == nil {
			return "", false
		}

		return *v.S, true
	}

	var find func(e language.Expression) bool

	find = func(e language.Expression) bool {
		switch x := e.(type) {
		case *language.InfixExpression:
			if x.Operator == language.AND {
				l := find(x.Left)
				r := find(x.Right)

				return l || r
			}

			op := x.Operator
			left, right := x.Left, x.Right

			if name(left) != ks.RangeKey {
				left, right = right, left
				op = map[string]string{language.LT: language.GT, language.LTE: language.GTE,
					language.GT: language.LT, language.GTE: language.LTE, language.EQ: language.EQ}[op]
			}

			v, ok := value(right)
			if name(left) != ks.RangeKey || !ok {
				return false
			}

			switch op {
			case language.EQ:
				b.lo, b.hasLo, b.hi, b.hasHi = v, true, v, true
			case language.GT, language.GTE:
				b.lo, b.hasLo, b.loOpen = v, true, op == language.GT
			case language.LT, language.LTE:
				b.hi, b.hasHi, b.hiOpen = v, true, op == language.LT
			default:
				return false
			}

			return true
		case *language.BetweenExpression:
			lo, ok1 := value(x.Range[0])
			hi, ok2 := value(x.Range[1])

			if name(x.Left) != ks.RangeKey || !ok1 || !ok2 {
				return false
			}

			b.lo, b.hasLo, b.hi, b.hasHi = lo, true, hi, true

			return true
		case *language.CallExpression:
			fn, ok := x.Function.(*language.Identifier)
			if !ok || fn.Value != "begins_with" || len(x.Arguments) != 2 || name(x.Arguments[0]) != ks.RangeKey {
				return false
			}

			v, ok := value(x.Arguments[1])
			if !ok {
				return false
			}

			b.prefix, b.hasPrefix = v, true

			return true
		}

		return false
	}

	if !find(cond.Expression) {
		return b, false
	}

	return b, true
}

// narrow shrinks the positions [lo, hi) of partition hash (keys stored as
// hash + "." + range) to those whose range can satisfy b.
func (t *Table) narrow(idx *index, hash string, b rangeBounds, lo, hi int) (int, int) {
	prefix := hash + "."
	at := func(n int) string { return t.sortKeyAt(idx, n) }
	first := func(pred func(string) bool) int {
		return lo + sort.Search(hi-lo, func(n int) bool { return pred(at(lo + n)) })
	}

	if b.hasPrefix {
		p := prefix + b.prefix
		l := first(func(k string) bool { return k >= p })
		h := l + sort.Search(hi-l, func(n int) bool { return !strings.HasPrefix(at(l+n), p) })

		lo, hi = l, h
	}

	if b.hasLo {
		v := prefix + b.lo
		if b.loOpen {
			lo = max(lo, first(func(k string) bool { return k > v }))
		} else {
			lo = max(lo, first(func(k string) bool { return k >= v }))
		}
	}

	if b.hasHi {
		v := prefix + b.hi
		if b.hiOpen {
			hi = min(hi, first(func(k string) bool { return k >= v }))
		} else {
			hi = min(hi, first(func(k string) bool { return k > v }))
		}
	}

	if hi < lo {
		hi = lo
	}

	return lo, hi
}

// partitionBounds returns the positions [lo, hi) of the keys that can
// belong to partition hash in the table or index order.
func (t *Table) partitionBounds(idx *index, ks keySchema, hash string, size int) (int, int) {
	if ks.RangeKey == "" {
		lo := sort.Search(size, func(n int) bool { return t.sortKeyAt(idx, n) >= hash })
		hi := sort.Search(size, func(n int) bool { return t.sortKeyAt(idx, n) > hash })

		return lo, hi
	}

	prefix := hash + "."
	lo := sort.Search(size, func(n int) bool { return t.sortKeyAt(idx, n) >= prefix })
	hi := lo + sort.Search(size-lo, func(n int) bool { return !strings.HasPrefix(t.sortKeyAt(idx, lo+n), prefix) })

	return lo, hi
}

// startAfter returns, for a query that resumes after exclusiveStartKey, the
// first position to read in [lo, hi) going forward, or the last one plus one
// going backward. An ExclusiveStartKey whose item is gone still resumes at
// its place (upstream returned nothing when the item was gone).
func (t *Table) startAfter(idx *index, startKey string, esk map[string]*types.Item, lo, hi int, forward bool) int {
	less := func(n int) bool { return t.SortedKeys.At(n) < startKey }
	equal := func(n int) bool { return t.SortedKeys.At(n) == startKey }

	if idx != nil {
		e := indexEntry{ref: startKey}
		if k, err := idx.keySchema.GetKey(t.AttributesDef, esk); err == nil && k != "" {
			e.key = k
		} else {
			e.key = idx.refs[startKey]
		}

		less = func(n int) bool { return idx.entries.At(n).less(e) }
		equal = func(n int) bool { return idx.entries.At(n) == e }
	}

	pos := lo + sort.Search(hi-lo, func(n int) bool { return !less(lo + n) })
	if forward && pos < hi && equal(pos) {
		pos++
	}

	return pos
}

// searchPartition answers a query on partition hash: it reads only the keys
// of that partition, in order, from after the ExclusiveStartKey, and stops
// at Limit. Items of other partitions that share the key prefix fail the key
// condition and are skipped without being counted. Limit counts the items
// the key condition selects, before the FilterExpression, as DynamoDB does;
// LastEvaluatedKey is the last of them when Limit was reached.
func (t *Table) searchPartition(input QueryInput, idx *index, ks keySchema, hash string) ([]map[string]*types.Item, map[string]*types.Item, error) { //nolint:gocognit // paging and filters
	items := []map[string]*types.Item{}
	last := map[string]*types.Item{}
	_, size := t.fetchQueryData(input)
	lo, hi := t.partitionBounds(idx, ks, hash, size)

	if b, ok := t.fixedRangeBounds(input, ks); ok {
		lo, hi = t.narrow(idx, hash, b, lo, hi)
	}

	forward := input.ScanIndexForward

	start, end, step := lo, hi, 1
	if !forward {
		start, end, step = hi-1, lo-1, -1
	}

	if startKey := t.parseStartKey(t.KeySchema, input.ExclusiveStartKey); startKey != "" {
		pos := t.startAfter(idx, startKey, input.ExclusiveStartKey, lo, hi, forward)
		if forward {
			start = pos
		} else {
			start = pos - 1
		}
	}

	input.started = true

	var count int64

	for pos := start; pos != end && pos >= lo && pos < hi; pos += step {
		stored, ok := t.Data[t.keyAt(idx, pos)]
		if !ok {
			continue
		}

		matched, err := t.InterpreterMatch(interpreter.MatchInput{
			TableName:      t.Name,
			Expression:     input.KeyConditionExpression,
			ExpressionType: interpreter.ExpressionTypeKey,
			Item:           stored,
			Aliases:        input.Aliases,
			Attributes:     input.ExpressionAttributeValues,
		})
		if err != nil {
			return nil, nil, types.NewError("ValidationException", err.Error(), nil)
		}

		if !matched {
			continue
		}

		count++
		last = stored

		if input.FilterExpression != "" {
			matched, err = t.InterpreterMatch(interpreter.MatchInput{
				TableName:      t.Name,
				Expression:     input.FilterExpression,
				ExpressionType: interpreter.ExpressionTypeFilter,
				Item:           stored,
				Aliases:        input.Aliases,
				Attributes:     input.ExpressionAttributeValues,
			})
			if err != nil {
				return nil, nil, types.NewError("ValidationException", err.Error(), nil)
			}
		}

		if matched {
			item, err := t.outputItem(&input, stored, idx)
			if err != nil {
				return nil, nil, types.NewError("ValidationException", err.Error(), nil)
			}

			items = append(items, item)
		}

		if shouldBreakPage(count, input.Limit) {
			break
		}
	}

	return items, t.getLastKey(last, input.Limit, count, 0, int64(size), idx), nil
}
