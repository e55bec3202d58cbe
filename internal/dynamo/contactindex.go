package dynamo

// How contacts are found without reading the organisation's contacts
// (docs/table-design.md, "Contacts: indexes and copies"):
//
//   - ContactsByName and ContactsByLastName (GSIs on the contact item):
//     the lower-cased "first last" and "last first" (the latter only with a
//     last name), partitioned by organisation and the name's first
//     character, sorted by name then id. A name prefix reads both from the
//     prefix and merges them by name.
//   - ContactsByEmail (GSI on the contact item, only with an email): one
//     partition per organisation and email, sorted by id.
//   - ContactsByPhoneDigits (GSI on the contact item): the number's digits
//     reversed, partitioned by organisation and last digit, so the digits
//     a number ends with are a prefix.
//   - ContactCopy items: a copy of the contact under each of its groups
//     (`ORG#<org>#CGROUP#<group>`) and account reps (`ORG#<org>#CREP#<user>`),
//     sorted by id, written and deleted with the contact. A GSI cannot index
//     a list; a copy (not a key-only pointer) costs the same write unit while
//     the contact is under 1 KB and lets a page be read with one Query
//     instead of a BatchGetItem of every item.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"golang.org/x/sync/errgroup"

	"github.com/roster-app/roster/internal/roster"
)

// Index names (template.yaml).
const (
	indexContactsByName     = "ContactsByName"
	indexContactsByLastName = "ContactsByLastName"
	indexContactsByEmail    = "ContactsByEmail"
	indexContactsByDigits   = "ContactsByPhoneDigits"
)

// maxNameKey bounds the bytes of a name in an index key: a GSI sort key
// holds at most 1 KB, and two names of 200 characters may not fit. Longer
// names are cut (at a character boundary); the query's prefix is cut the
// same way and the full match is checked in Go.
const maxNameKey = 100

// nameSep ends the name in an index sort key, before the id. It sorts
// before every character a name may hold (names refuse control
// characters), so "ann" comes before "ann b" and "anna".
const nameSep = "\x1f"

// nameKey is the indexed form of a name: lower-cased, cut to maxNameKey bytes.
func nameKey(s string) string {
	s = strings.ToLower(s)
	if len(s) <= maxNameKey {
		return s
	}
	cut := maxNameKey
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// firstLast is a contact's "first last" as ContactQuery.Matches reads it.
func firstLast(first, last string) string {
	if last == "" {
		return nameKey(first)
	}
	return nameKey(first + " " + last)
}

// namePK partitions a name index by organisation and the name's first
// character, so that an import's index writes spread over many partition
// keys; a prefix, never empty, always falls in one.
func namePK(orgID, index, name string) string {
	r, _ := utf8.DecodeRuneInString(name)
	return orgPK(orgID) + "#" + index + "#" + string(r)
}

func emailPK(orgID, email string) string { return orgPK(orgID) + "#CEMAIL#" + email }

// reversedDigits is the digits of a number, last first.
func reversedDigits(phone string) string {
	b := make([]byte, 0, len(phone))
	for i := len(phone) - 1; i >= 0; i-- {
		if phone[i] >= '0' && phone[i] <= '9' {
			b = append(b, phone[i])
		}
	}
	return string(b)
}

func groupCopyPK(orgID, groupID string) string { return orgPK(orgID) + "#CGROUP#" + groupID }

func repCopyPK(orgID, userID string) string { return orgPK(orgID) + "#CREP#" + userID }

// contactIndex is the index attributes of a contact item; copies carry none.
type contactIndex struct {
	CbnPK string `dynamodbav:"cbnPK,omitempty"`
	CbnSK string `dynamodbav:"cbnSK,omitempty"`
	CblPK string `dynamodbav:"cblPK,omitempty"`
	CblSK string `dynamodbav:"cblSK,omitempty"`
	CbePK string `dynamodbav:"cbePK,omitempty"`
	CbeSK string `dynamodbav:"cbeSK,omitempty"`
	CbdPK string `dynamodbav:"cbdPK,omitempty"`
	CbdSK string `dynamodbav:"cbdSK,omitempty"`
}

func indexOf(c roster.Contact) contactIndex {
	var x contactIndex
	fl := firstLast(c.FirstName, c.LastName)
	x.CbnPK, x.CbnSK = namePK(c.OrgID, "CBN", fl), fl+nameSep+c.ID
	if c.LastName != "" {
		lf := nameKey(c.LastName + " " + c.FirstName)
		x.CblPK, x.CblSK = namePK(c.OrgID, "CBL", lf), lf+nameSep+c.ID
	}
	if c.Email != "" {
		x.CbePK, x.CbeSK = emailPK(c.OrgID, c.Email), c.ID
	}
	if d := reversedDigits(c.Phone); d != "" {
		x.CbdPK, x.CbdSK = namePK(c.OrgID, "CBD", d), d+nameSep+c.ID
	}
	return x
}

// copyKeys are the keys of a contact's copies: one per group and account
// rep (each once: a transaction may not touch an item twice).
func copyKeys(c roster.Contact) []key {
	keys := make([]key, 0, len(c.Groups)+len(c.AccountReps))
	for _, g := range c.Groups {
		keys = append(keys, key{groupCopyPK(c.OrgID, g), "CONTACT#" + c.ID})
	}
	for _, u := range c.AccountReps {
		keys = append(keys, key{repCopyPK(c.OrgID, u), "CONTACT#" + c.ID})
	}
	slices.SortFunc(keys, func(a, b key) int { return strings.Compare(a.PK, b.PK) })
	return slices.Compact(keys)
}

// copyWrite puts or (item nil) deletes one copy.
type copyWrite struct {
	k    key
	item map[string]types.AttributeValue
}

// copyWrites are the writes that bring a contact's copies from old (nil
// for a new contact) to c (nil for a deleted one): every copy of c is put
// (it holds the whole contact), the copies of groups and reps it left are
// deleted.
func copyWrites(old, c *roster.Contact) ([]copyWrite, error) {
	var out []copyWrite
	keep := map[key]bool{}
	if c != nil {
		it := toContactItem(*c)
		it.contactIndex = contactIndex{}
		it.Type = "ContactCopy"
		for _, k := range copyKeys(*c) {
			it.key = k
			av, err := attributevalue.MarshalMap(it)
			if err != nil {
				return nil, fmt.Errorf("encode contact copy %s: %w", c.ID, err)
			}
			keep[k] = true
			out = append(out, copyWrite{k: k, item: av})
		}
	}
	if old != nil {
		for _, k := range copyKeys(*old) {
			if !keep[k] {
				keep[k] = true
				out = append(out, copyWrite{k: k})
			}
		}
	}
	return out, nil
}

func (w copyWrite) request() types.WriteRequest {
	if w.item == nil {
		return types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: w.k.av()}}
	}
	return types.WriteRequest{PutRequest: &types.PutRequest{Item: w.item}}
}

func (s *Store) copyTx(w copyWrite) types.TransactWriteItem {
	if w.item == nil {
		return types.TransactWriteItem{Delete: &types.Delete{TableName: &s.table, Key: w.k.av()}}
	}
	return types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: w.item}}
}

// contactTxItems is TransactWriteItems' limit on items.
const contactTxItems = 100

// transactWithCopies runs tx with the copy writes added, as many as fit in
// one transaction; the rest (a contact in more than about 95 groups and
// reps) are batch-written right after it succeeds. Writing them again is
// harmless, so a failure there is an error the caller may retry.
func (s *Store) transactWithCopies(ctx context.Context, tx []types.TransactWriteItem, copies []copyWrite) error {
	fit := min(len(copies), contactTxItems-len(tx))
	for _, w := range copies[:fit] {
		tx = append(tx, s.copyTx(w))
	}
	if err := s.transact(ctx, tx); err != nil {
		return err
	}
	if fit == len(copies) {
		return nil
	}
	rest := make([]types.WriteRequest, 0, len(copies)-fit)
	for _, w := range copies[fit:] {
		rest = append(rest, w.request())
	}
	return s.batchWrite(ctx, rest, "write contact copies")
}

// Cursors. A page's cursor is where the next page starts in the order
// the page was read in: "i" and the last contact id examined (id order),
// "n" and the last name-index sort key examined (name order), or "d" and
// the last phone-digits sort key examined. Storage
// builds every key from the caller's organisation, so a cursor can only
// move within it.
const (
	cursorByID     = "i"
	cursorByName   = "n"
	cursorByDigits = "d"
)

// parseCursor returns the position in a cursor of kind kind.
func parseCursor(after, kind string) (string, error) {
	if after == "" {
		return "", nil
	}
	pos, ok := strings.CutPrefix(after, kind)
	if !ok || pos == "" || !utf8.ValidString(pos) {
		return "", badCursor()
	}
	return pos, nil
}

// contactStream reads one partition (of the table or an index) in key
// order, a page at a time.
type contactStream struct {
	in      *dynamodb.QueryInput
	sortKey func(contactItem) string // the position of an item in the merged order
	skip    func(contactItem) bool   // items another stream of the merge returns
	items   []contactItem
	done    bool
}

// fetch reads the stream's next page of at most limit items.
func (s *contactStream) fetch(ctx context.Context, r *Reader, limit int) (int, error) {
	s.in.Limit = aws.Int32(int32(limit))
	out, err := r.db.Query(ctx, s.in)
	if err != nil {
		var pk string
		if v, ok := s.in.ExpressionAttributeValues[":pk"].(*types.AttributeValueMemberS); ok {
			pk = v.Value
		}
		return 0, fmt.Errorf("query %s %s: %w", aws.ToString(s.in.IndexName), pk, err)
	}
	for _, item := range out.Items {
		var it contactItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return 0, fmt.Errorf("decode contact: %w", err)
		}
		s.items = append(s.items, it)
	}
	s.in.ExclusiveStartKey = out.LastEvaluatedKey
	s.done = len(out.LastEvaluatedKey) == 0
	return len(out.Items), nil
}

func strAV(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }

func byID(it contactItem) string { return it.ID }

// idStream reads a table partition of contacts or copies (sk CONTACT#<id>,
// nothing else in it) from just after the contact id after.
func (r *Reader) idStream(pk, after string) *contactStream {
	return &contactStream{sortKey: byID, in: &dynamodb.QueryInput{
		TableName: &r.table, ConsistentRead: aws.Bool(true),
		KeyConditionExpression:    strp("pk = :pk AND sk > :after"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": strAV(pk), ":after": strAV("CONTACT#" + after)},
	}}
}

// maxRune sorts after every character (U+10FFFF): prefix+maxRune is past
// every key that begins with prefix.
const maxRune = "\U0010FFFF"

// nameStream reads a name index from the prefix, or from just after the
// sort key after (which begins with the prefix), to the prefix's end.
// "\x01" after a key is the next possible key: no key extends another
// with a byte below it.
func (r *Reader) nameStream(index, pkAttr, skAttr, pk, prefix, after string) *contactStream {
	lo := prefix
	if after != "" {
		lo = after + "\x01"
	}
	return &contactStream{in: &dynamodb.QueryInput{
		TableName: &r.table, IndexName: aws.String(index),
		KeyConditionExpression:    strp(pkAttr + " = :pk AND " + skAttr + " BETWEEN :lo AND :hi"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": strAV(pk), ":lo": strAV(lo), ":hi": strAV(prefix + maxRune)},
	}}
}

// within reports whether a cursor's key (or none) is a place in the
// range of keys that begin with prefix, so that nameStream's bounds are in
// order (DynamoDB refuses BETWEEN a higher and a lower bound).
func within(after, prefix string) bool {
	return after == "" || strings.HasPrefix(after, prefix) && after+"\x01" <= prefix+maxRune
}

// maxGroupStreams is the most group partitions one page merges. A larger
// set of groups (a subtree near the root, the reach of a viewer at the
// root) holds most contacts anyway: the 16 shards are read instead and
// the groups checked in Go.
const maxGroupStreams = 32

// contactPlan is how a query reads: its streams and the cursor kind.
type contactPlan struct {
	streams []*contactStream
	kind    string
}

// planContacts picks the index for q: an exact email, else the digits a
// number ends with, else a name prefix, else an account rep, else the
// groups (the filter's or the caller's reach, whichever is fewer), else
// the 16 shards. Every filter is checked
// in Go as well (ContactQuery.Matches): the index only decides what is
// read, and every contact that matches q is in what it reads.
func (r *Reader) planContacts(orgID string, q roster.ContactQuery) (contactPlan, error) {
	if prefix := reversedDigits(q.Phone); prefix != "" && !strings.HasPrefix(q.Phone, "+") && q.Email == "" {
		after, err := parseCursor(q.After, cursorByDigits)
		if err != nil || !within(after, prefix) {
			return contactPlan{}, badCursor()
		}
		s := r.nameStream(indexContactsByDigits, "cbdPK", "cbdSK", namePK(orgID, "CBD", prefix), prefix, after)
		s.sortKey = func(it contactItem) string { return it.CbdSK }
		return contactPlan{streams: []*contactStream{s}, kind: cursorByDigits}, nil
	}
	if q.NamePrefix != "" && q.Email == "" {
		prefix := nameKey(q.NamePrefix)
		after, err := parseCursor(q.After, cursorByName)
		if err != nil || !within(after, prefix) {
			return contactPlan{}, badCursor()
		}
		first := r.nameStream(indexContactsByName, "cbnPK", "cbnSK", namePK(orgID, "CBN", prefix), prefix, after)
		first.sortKey = func(it contactItem) string { return it.CbnSK }
		last := r.nameStream(indexContactsByLastName, "cblPK", "cblSK", namePK(orgID, "CBL", prefix), prefix, after)
		last.sortKey = func(it contactItem) string { return it.CblSK }
		// A contact whose "first last" has the prefix comes from the first
		// stream, at that key, once.
		last.skip = func(it contactItem) bool { return strings.HasPrefix(firstLast(it.FirstName, it.LastName), prefix) }
		return contactPlan{streams: []*contactStream{first, last}, kind: cursorByName}, nil
	}
	after, err := parseCursor(q.After, cursorByID)
	if err != nil {
		return contactPlan{}, err
	}
	one := func(s *contactStream) (contactPlan, error) {
		return contactPlan{streams: []*contactStream{s}, kind: cursorByID}, nil
	}
	switch {
	case q.Email != "":
		s := &contactStream{sortKey: byID, in: &dynamodb.QueryInput{
			TableName: &r.table, IndexName: aws.String(indexContactsByEmail),
			KeyConditionExpression:    strp("cbePK = :pk"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": strAV(emailPK(orgID, q.Email))},
		}}
		if after != "" { // a key condition may not compare with ""
			s.in.KeyConditionExpression = strp("cbePK = :pk AND cbeSK > :after")
			s.in.ExpressionAttributeValues[":after"] = strAV(after)
		}
		return one(s)
	case q.AccountRep != "":
		return one(r.idStream(repCopyPK(orgID, q.AccountRep), after))
	}
	groups := q.GroupIDs
	if q.VisibleGroups != nil && (groups == nil || len(q.VisibleGroups) < len(groups)) {
		groups = q.VisibleGroups
	}
	plan := contactPlan{kind: cursorByID}
	if groups != nil && len(groups) <= maxGroupStreams {
		// No groups at all: nothing can match, and nothing is read.
		for _, g := range slices.Compact(slices.Sorted(slices.Values(groups))) {
			plan.streams = append(plan.streams, r.idStream(groupCopyPK(orgID, g), after))
		}
		return plan, nil
	}
	for shard := range contactShards {
		plan.streams = append(plan.streams, r.idStream(contactShardPK(orgID, shard), after))
	}
	return plan, nil
}

// queryWorkers bounds the Queries one page has in flight.
const queryWorkers = 16

// fetchAll fetches the streams in parallel, at most queryWorkers at once;
// the first error cancels the rest and is returned. It returns the items read.
func (r *Reader) fetchAll(ctx context.Context, streams []*contactStream, limit int) (int, error) {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(queryWorkers)
	var read atomic.Int64
	for _, s := range streams {
		g.Go(func() error {
			n, err := s.fetch(gctx, r, limit)
			read.Add(int64(n))
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return int(read.Load()), err
	}
	return int(read.Load()), ctx.Err()
}

// mergeContacts merges the streams by sort key, drops repeats (a contact
// in two groups read) and what q does not match, and returns at most
// limit contacts (0: all) and the cursor of the next page. Every stream
// is read from its first page in parallel; a stream that runs dry is
// read again (with those that ran dry with it) only while the page needs
// it. With a limit, it stops reading after about 3 × (limit + 1) + 2 per
// stream items and returns a short page, with a cursor, when filters
// checked in Go dropped most of what it read.
func (r *Reader) mergeContacts(ctx context.Context, plan contactPlan, q roster.ContactQuery) ([]roster.Contact, string, error) {
	streams, limit := plan.streams, q.Limit
	if len(streams) == 0 {
		return nil, "", nil
	}
	pageSize, budget := 500, -1
	if limit > 0 {
		pageSize = min((limit+len(streams)-1)/len(streams)+2, limit+1)
		budget = 3*(limit+1) + 2*len(streams)
	}
	read, err := r.fetchAll(ctx, streams, pageSize)
	if err != nil {
		return nil, "", err
	}
	var out []roster.Contact
	var lastKey, lastOut string
	for {
		var dry []*contactStream
		for _, s := range streams {
			if len(s.items) == 0 && !s.done {
				dry = append(dry, s)
			}
		}
		if len(dry) > 0 {
			if budget >= 0 && read >= budget && lastKey != "" {
				return out, plan.kind + lastKey, nil // a short page; there may be more
			}
			size := 500
			if limit > 0 {
				size = max(limit+1-len(out), 2)
			}
			n, err := r.fetchAll(ctx, dry, size)
			read += n
			if err != nil {
				return nil, "", err
			}
			continue
		}
		var least *contactStream
		for _, s := range streams {
			if len(s.items) > 0 && (least == nil || s.sortKey(s.items[0]) < least.sortKey(least.items[0])) {
				least = s
			}
		}
		if least == nil {
			return out, "", nil
		}
		it := least.items[0]
		least.items = least.items[1:]
		k := least.sortKey(it)
		if k == lastKey || least.skip != nil && least.skip(it) {
			continue
		}
		lastKey = k
		c := it.contact()
		if !q.Matches(c) {
			continue
		}
		if limit > 0 && len(out) == limit {
			return out, plan.kind + lastOut, nil // another match: the page is full and there is a next one
		}
		out, lastOut = append(out, c), k
	}
}
