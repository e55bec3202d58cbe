package dynamolocal

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"
)

// Usage is what DynamoDB calls cost: the calls made and the read and write
// request units an on-demand table would charge for them.
//
// The units follow DynamoDB's rules as documented for on-demand capacity:
//   - a read is 1 unit per 4 KB, strongly consistent, or half that for an
//     eventually consistent read (every GSI read is eventual); GetItem and
//     each key of a BatchGetItem round up per item; Query and Scan round up
//     the sum of the items they examined, including those a FilterExpression
//     then drops (the meter asks the emulator for the page again without the
//     filter and the projection); a read that finds nothing costs the
//     minimum, 1 (or 0.5) unit;
//   - a write is 1 unit per 1 KB of the larger of the item before and after,
//     at least 1, plus one write per global secondary index the change
//     touches (2 when the item's index key changes: a delete and a put),
//     sized by what the index projects;
//   - inside TransactGetItems and TransactWriteItems every unit counts
//     twice; a ConditionCheck is charged as a write of its item;
//   - a conditional write whose condition fails still costs its item's
//     units (no index writes happen).
//
// Sizes are DynamoDB's: attribute names plus values (strings in UTF-8,
// numbers about one byte per two digits plus one, binary as bytes, 1 byte
// for booleans and nulls, 3 bytes plus one per element for lists and maps).
type Usage struct {
	Calls int     `json:"calls"`
	RRU   float64 `json:"rru"`
	WRU   float64 `json:"wru"`
}

// Add adds v to u.
func (u *Usage) Add(v Usage) {
	u.Calls += v.Calls
	u.RRU += v.RRU
	u.WRU += v.WRU
}

// Sub returns u minus v.
func (u Usage) Sub(v Usage) Usage {
	return Usage{Calls: u.Calls - v.Calls, RRU: u.RRU - v.RRU, WRU: u.WRU - v.WRU}
}

// String is the value of the local X-Roster-Db header:
// "calls=3; rru=2.5; wru=4".
func (u Usage) String() string {
	return fmt.Sprintf("calls=%d; rru=%s; wru=%s", u.Calls, units(u.RRU), units(u.WRU))
}

func units(f float64) string {
	if f == math.Trunc(f) {
		return fmt.Sprintf("%.0f", f)
	}
	return fmt.Sprintf("%.1f", f)
}

// Tally sums Usage from concurrent calls.
type Tally struct {
	mu sync.Mutex
	u  Usage
}

// Add adds v to the tally. A nil Tally ignores it.
func (t *Tally) Add(v Usage) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.u.Add(v)
	t.mu.Unlock()
}

// Usage returns the sum so far.
func (t *Tally) Usage() Usage {
	if t == nil {
		return Usage{}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.u
}

// tableSchema is what the meter needs of a table: its key attributes and
// its global secondary indexes.
type tableSchema struct {
	hash, rng string
	indexes   map[string]indexSchema
}

type indexSchema struct {
	hash, rng  string
	projection string // ALL, KEYS_ONLY or INCLUDE
	include    []string
}

type keySchemaElement struct {
	AttributeName string
	KeyType       string
}

func keysOf(ks []keySchemaElement) (hash, rng string) {
	for _, k := range ks {
		switch k.KeyType {
		case "HASH":
			hash = k.AttributeName
		case "RANGE":
			rng = k.AttributeName
		}
	}
	return hash, rng
}

// learnSchema records a table's keys and indexes from its CreateTable
// request.
func (s *Server) learnSchema(body []byte) {
	var in struct {
		TableName              string
		KeySchema              []keySchemaElement
		GlobalSecondaryIndexes []struct {
			IndexName  string
			KeySchema  []keySchemaElement
			Projection struct {
				ProjectionType   string
				NonKeyAttributes []string
			}
		}
	}
	if json.Unmarshal(body, &in) != nil || in.TableName == "" {
		return
	}
	ts := &tableSchema{indexes: map[string]indexSchema{}}
	ts.hash, ts.rng = keysOf(in.KeySchema)
	for _, g := range in.GlobalSecondaryIndexes {
		is := indexSchema{projection: g.Projection.ProjectionType, include: g.Projection.NonKeyAttributes}
		is.hash, is.rng = keysOf(g.KeySchema)
		if is.projection == "" {
			is.projection = "ALL"
		}
		ts.indexes[g.IndexName] = is
	}
	s.mu.Lock()
	s.schemas[in.TableName] = ts
	s.mu.Unlock()
}

func (s *Server) schema(table string) *tableSchema {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.schemas[table]
}

// item is an item in DynamoDB's wire JSON.
type item = map[string]json.RawMessage

// itemSize is DynamoDB's size of an item in bytes.
func itemSize(it item) int {
	n := 0
	for name, v := range it {
		n += len(name) + valueSize(v)
	}
	return n
}

// wireValue is one attribute value in DynamoDB's wire JSON, decoded in one
// pass (the meter sizes every attribute of every item written, and the
// stack writes hundreds of items a second during an import).
type wireValue struct {
	S, N, B    *string
	BOOL, NULL *bool
	SS, NS, BS []string
	L          []json.RawMessage
	M          map[string]json.RawMessage
}

func valueSize(raw json.RawMessage) int {
	var av wireValue
	if json.Unmarshal(raw, &av) != nil {
		return len(raw)
	}
	switch {
	case av.S != nil:
		return len(*av.S)
	case av.N != nil:
		return numberSize(*av.N)
	case av.B != nil:
		return binarySize(*av.B)
	case av.BOOL != nil, av.NULL != nil:
		return 1
	case av.SS != nil:
		return setSize(av.SS, func(s string) int { return len(s) })
	case av.NS != nil:
		return setSize(av.NS, numberSize)
	case av.BS != nil:
		return setSize(av.BS, binarySize)
	case av.L != nil:
		n := 3
		for _, e := range av.L {
			n += 1 + valueSize(e)
		}
		return n
	case av.M != nil:
		n := 3
		for k, e := range av.M {
			n += 1 + len(k) + valueSize(e)
		}
		return n
	}
	return 0
}

// setSize is the size of a set (SS, NS or BS): the sum of its members.
func setSize(ss []string, size func(string) int) int {
	n := 0
	for _, s := range ss {
		n += size(s)
	}
	return n
}

// binarySize is the size of base64-encoded bytes.
func binarySize(s string) int { return base64.StdEncoding.DecodedLen(len(s)) }

// numberSize approximates DynamoDB's number size: one byte per two
// significant digits, plus one.
func numberSize(s string) int {
	digits := 0
	for _, r := range strings.TrimLeft(strings.TrimLeft(s, "-+"), "0.") {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return (digits+1)/2 + 1
}

func readUnits(bytes int, consistent bool) float64 {
	u := math.Max(1, math.Ceil(float64(bytes)/4096))
	if !consistent {
		return u / 2
	}
	return u
}

func writeUnits(bytes int) float64 {
	return math.Max(1, math.Ceil(float64(bytes)/1024))
}

// keyOf returns the primary key attributes of it under ts.
func (ts *tableSchema) keyOf(it item) item {
	k := item{}
	if v, ok := it[ts.hash]; ok {
		k[ts.hash] = v
	}
	if ts.rng != "" {
		if v, ok := it[ts.rng]; ok {
			k[ts.rng] = v
		}
	}
	return k
}

// projected returns what index is keeps of it, or nil when it is not in
// the index (a sparse index skips items without its key attributes).
func (ts *tableSchema) projected(is indexSchema, it item) item {
	if it == nil {
		return nil
	}
	if _, ok := it[is.hash]; !ok {
		return nil
	}
	if is.rng != "" {
		if _, ok := it[is.rng]; !ok {
			return nil
		}
	}
	if is.projection == "ALL" {
		return it
	}
	out := ts.keyOf(it)
	out[is.hash] = it[is.hash]
	if is.rng != "" {
		out[is.rng] = it[is.rng]
	}
	if is.projection == "INCLUDE" {
		for _, a := range is.include {
			if v, ok := it[a]; ok {
				out[a] = v
			}
		}
	}
	return out
}

// indexWriteUnits is what a change of one item from before to after (nil
// when absent) costs in the table's global secondary indexes. sizeBefore
// and sizeAfter are the items' sizes, which an index projecting ALL
// attributes shares (sizing an item decodes every attribute: done once, not
// once per index).
func (ts *tableSchema) indexWriteUnits(before, after item, sizeBefore, sizeAfter int) float64 {
	var u float64
	for _, is := range ts.indexes {
		pb, pa := ts.projected(is, before), ts.projected(is, after)
		size := func(p item, whole int) int {
			if is.projection == "ALL" {
				return whole
			}
			return itemSize(p)
		}
		switch {
		case pb == nil && pa == nil:
		case pb == nil:
			u += writeUnits(size(pa, sizeAfter))
		case pa == nil:
			u += writeUnits(size(pb, sizeBefore))
		case !sameValue(pb[is.hash], pa[is.hash]) || is.rng != "" && !sameValue(pb[is.rng], pa[is.rng]):
			u += writeUnits(size(pb, sizeBefore)) + writeUnits(size(pa, sizeAfter))
		case !sameItem(pb, pa):
			u += writeUnits(size(pa, sizeAfter))
		}
	}
	return u
}

func sameValue(a, b json.RawMessage) bool {
	return canonical(a) == canonical(b)
}

func sameItem(a, b item) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !sameValue(v, w) {
			return false
		}
	}
	return true
}

// canonical re-encodes JSON with sorted object keys, so that equal values
// compare equal whatever order they were written in.
func canonical(raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// getFull reads an item in-process, unmetered, consistently and whole.
// Nil when absent or on any error (the meter never fails a call).
func (s *Server) getFull(table string, key item) item {
	var out struct{ Item item }
	if err := s.call("GetItem", map[string]any{"TableName": table, "Key": key, "ConsistentRead": true}, &out); err != nil {
		return nil
	}
	if len(out.Item) == 0 {
		return nil
	}
	return out.Item
}

// writeAction is one write of a request, as the meter sees it.
type writeAction struct {
	table  string
	key    item
	put    item // the new item, for a put
	update bool
	delete bool
	check  bool // a ConditionCheck
}

// pendingWrite is a write with the item as it was before the call.
type pendingWrite struct {
	writeAction
	before item
}

// meterPlan is what the meter notes before a call so that it can price the
// call after it: the items writes will replace.
type meterPlan struct {
	writes []pendingWrite
}

// before prepares the metering of a call; it reads the items a write will
// change. It returns nil for reads.
func (s *Server) meterBefore(op string, body []byte) *meterPlan {
	actions := s.writeActions(op, body)
	if len(actions) == 0 {
		return nil
	}
	p := &meterPlan{}
	for _, a := range actions {
		p.writes = append(p.writes, pendingWrite{writeAction: a, before: s.getFull(a.table, a.key)})
	}
	return p
}

func (s *Server) writeActions(op string, body []byte) []writeAction {
	type single struct {
		TableName string
		Item      item
		Key       item
	}
	keyed := func(table string, it item, k item) writeAction {
		a := writeAction{table: table, key: k}
		if it != nil {
			if ts := s.schema(table); ts != nil {
				a.key = ts.keyOf(it)
			}
			a.put = it
		}
		return a
	}
	switch op {
	case "PutItem", "UpdateItem", "DeleteItem":
		var in single
		if json.Unmarshal(body, &in) != nil {
			return nil
		}
		a := keyed(in.TableName, in.Item, in.Key)
		a.update, a.delete = op == "UpdateItem", op == "DeleteItem"
		return []writeAction{a}
	case "BatchWriteItem":
		var in struct {
			RequestItems map[string][]struct {
				PutRequest    *struct{ Item item }
				DeleteRequest *struct{ Key item }
			}
		}
		if json.Unmarshal(body, &in) != nil {
			return nil
		}
		var out []writeAction
		for table, reqs := range in.RequestItems {
			for _, r := range reqs {
				switch {
				case r.PutRequest != nil:
					out = append(out, keyed(table, r.PutRequest.Item, nil))
				case r.DeleteRequest != nil:
					a := keyed(table, nil, r.DeleteRequest.Key)
					a.delete = true
					out = append(out, a)
				}
			}
		}
		return out
	case "TransactWriteItems":
		var in struct {
			TransactItems []struct {
				Put            *single
				Update         *single
				Delete         *single
				ConditionCheck *single
			}
		}
		if json.Unmarshal(body, &in) != nil {
			return nil
		}
		var out []writeAction
		for _, t := range in.TransactItems {
			switch {
			case t.Put != nil:
				out = append(out, keyed(t.Put.TableName, t.Put.Item, nil))
			case t.Update != nil:
				a := keyed(t.Update.TableName, nil, t.Update.Key)
				a.update = true
				out = append(out, a)
			case t.Delete != nil:
				a := keyed(t.Delete.TableName, nil, t.Delete.Key)
				a.delete = true
				out = append(out, a)
			case t.ConditionCheck != nil:
				a := keyed(t.ConditionCheck.TableName, nil, t.ConditionCheck.Key)
				a.check = true
				out = append(out, a)
			}
		}
		return out
	}
	return nil
}

// meterAfter prices a finished call. ok tells whether it succeeded; resp
// is its reply.
func (s *Server) meterAfter(op string, body []byte, p *meterPlan, ok bool, resp []byte) Usage {
	u := Usage{Calls: 1}
	switch op {
	case "GetItem":
		u.RRU = s.getItemUnits(body, resp)
	case "BatchGetItem":
		u.RRU = s.batchGetUnits(body, resp)
	case "TransactGetItems":
		u.RRU = 2 * s.transactGetUnits(body)
	case "Query", "Scan":
		if ok {
			u.RRU = s.searchUnits(op, body, resp)
		}
	}
	if p != nil {
		factor := 1.0
		if op == "TransactWriteItems" {
			factor = 2
		}
		for _, w := range p.writes {
			u.WRU += factor * s.writeCost(w, ok)
		}
	}
	return u
}

func (s *Server) writeCost(w pendingWrite, ok bool) float64 {
	var after item
	switch {
	case w.check, w.delete:
	case w.put != nil:
		after = w.put
	case w.update:
		if ok {
			after = s.getFull(w.table, w.key)
		} else {
			after = w.before
		}
	}
	sizeBefore, sizeAfter := itemSize(w.before), itemSize(after)
	units := writeUnits(max(sizeBefore, sizeAfter))
	if !ok || w.check {
		return units
	}
	if ts := s.schema(w.table); ts != nil {
		units += ts.indexWriteUnits(w.before, after, sizeBefore, sizeAfter)
	}
	return units
}

func (s *Server) getItemUnits(body, resp []byte) float64 {
	var in struct {
		TableName            string
		Key                  item
		ConsistentRead       bool
		ProjectionExpression string
	}
	if json.Unmarshal(body, &in) != nil {
		return 0
	}
	var it item
	if in.ProjectionExpression == "" {
		var out struct{ Item item }
		_ = json.Unmarshal(resp, &out)
		it = out.Item
	} else {
		it = s.getFull(in.TableName, in.Key)
	}
	return readUnits(itemSize(it), in.ConsistentRead)
}

func (s *Server) batchGetUnits(body, resp []byte) float64 {
	var in struct {
		RequestItems map[string]struct {
			Keys                 []item
			ConsistentRead       bool
			ProjectionExpression string
			AttributesToGet      []string
		}
	}
	var out struct {
		Responses       map[string][]item
		UnprocessedKeys map[string]struct{ Keys []item }
	}
	if json.Unmarshal(body, &in) != nil {
		return 0
	}
	_ = json.Unmarshal(resp, &out)
	var u float64
	for table, req := range in.RequestItems {
		skipped := map[string]bool{}
		for _, k := range out.UnprocessedKeys[table].Keys {
			skipped[canonicalItem(k)] = true
		}
		// Without a projection (nor the legacy AttributesToGet) the reply
		// holds the whole items: size those (by key) rather than read each
		// key again, which cost an in-process GetItem per key, 100 per call.
		var found map[string]item
		if ts := s.schema(table); ts != nil && req.ProjectionExpression == "" && len(req.AttributesToGet) == 0 {
			found = map[string]item{}
			for _, it := range out.Responses[table] {
				found[canonicalItem(ts.keyOf(it))] = it
			}
		}
		for _, k := range req.Keys {
			ck := canonicalItem(k)
			if skipped[ck] {
				continue
			}
			if found != nil {
				u += readUnits(itemSize(found[ck]), req.ConsistentRead) // nil: not found, the minimum
				continue
			}
			u += readUnits(itemSize(s.getFull(table, k)), req.ConsistentRead)
		}
	}
	return u
}

func (s *Server) transactGetUnits(body []byte) float64 {
	var in struct {
		TransactItems []struct {
			Get struct {
				TableName string
				Key       item
			}
		}
	}
	if json.Unmarshal(body, &in) != nil {
		return 0
	}
	var u float64
	for _, t := range in.TransactItems {
		u += readUnits(itemSize(s.getFull(t.Get.TableName, t.Get.Key)), true)
	}
	return u
}

func canonicalItem(it item) string {
	b, _ := json.Marshal(it)
	return canonical(b)
}

var placeholder = regexp.MustCompile(`[#:][A-Za-z0-9_]+`)

// searchUnits prices a Query or Scan by the items it examined: the same
// page read again without the filter and the projection.
func (s *Server) searchUnits(op string, body, resp []byte) float64 {
	var in map[string]json.RawMessage
	if json.Unmarshal(body, &in) != nil {
		return 0
	}
	var consistent bool
	_ = json.Unmarshal(in["ConsistentRead"], &consistent)
	var sel string
	_ = json.Unmarshal(in["Select"], &sel)
	_, filtered := in["FilterExpression"]
	_, projected := in["ProjectionExpression"]

	var items []item
	if !filtered && !projected && (sel == "" || sel == "ALL_ATTRIBUTES" || sel == "ALL_PROJECTED_ATTRIBUTES") {
		var out struct{ Items []item }
		_ = json.Unmarshal(resp, &out)
		items = out.Items
	} else {
		again := map[string]any{}
		for _, k := range []string{"TableName", "IndexName", "KeyConditionExpression", "ExclusiveStartKey", "Limit", "ScanIndexForward", "ConsistentRead", "Segment", "TotalSegments"} {
			if v, ok := in[k]; ok {
				again[k] = v
			}
		}
		// Keep only the names and values the key condition uses: the
		// emulator refuses unused ones, as DynamoDB does.
		var keyCond string
		_ = json.Unmarshal(in["KeyConditionExpression"], &keyCond)
		used := map[string]bool{}
		for _, p := range placeholder.FindAllString(keyCond, -1) {
			used[p] = true
		}
		for _, field := range []string{"ExpressionAttributeNames", "ExpressionAttributeValues"} {
			var m map[string]json.RawMessage
			_ = json.Unmarshal(in[field], &m)
			kept := map[string]json.RawMessage{}
			for k, v := range m {
				if used[k] {
					kept[k] = v
				}
			}
			if len(kept) > 0 {
				again[field] = kept
			}
		}
		var out struct{ Items []item }
		if err := s.call(op, again, &out); err != nil {
			return readUnits(0, consistent)
		}
		items = out.Items
	}
	size := 0
	for _, it := range items {
		size += itemSize(it)
	}
	return readUnits(size, consistent)
}
