package dynamo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// Paged lists. Every list a request reads is one Query with a Limit (or a
// few, one per key, merged), so a call costs a page whatever the size of
// the organisation. Items listed newest first are keyed by their id (ids
// sort by creation time, roster.NewID), so a time range is a key range
// and the cursor is the id of the last item seen: the key the next page
// starts below, in whichever partition or index the filters chose. A
// cursor that is not one is badCursor: a 400 naming it.

// badCursor is the answer to a cursor this list did not make (or made for
// other filters): a 400 naming the field, for every list of the store.
func badCursor() error {
	e := roster.Errorf(roster.EInvalid, "the request has invalid fields")
	e.Fields = []roster.FieldError{{Field: "cursor", Message: "is not a cursor of this list; start again without it"}}
	return e
}

// validID reports whether s looks like an id NewID made (26 digits of
// Crockford base32 in lower case): a cursor must be one.
func validID(s string) bool {
	if len(s) != 26 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

// idPage is one page of items whose sort key is prefix + id, newest first,
// from the table or from an index.
type idPage struct {
	index          string // "" for the table
	pkName, skName string // the key attributes of the table or index
	pk, prefix     string
	from, to       time.Time // on the item's "at" attribute; zero: open
	after          string    // the cursor: the id the page starts below
	limit          int
	// equal holds the conditions the key does not serve: attribute name →
	// the string it must equal.
	equal map[string]string
	// keep, when set, is one more condition an item must meet.
	keep func(map[string]types.AttributeValue) bool
}

// queryIDPage reads one page: a Query of sort keys in [lo, hi] (lo from
// q.from; hi the cursor, else from q.to) with Limit q.limit+2 (one for the
// cursor's own item, one to know whether more follow). It calls fn with
// each item that is in the time range (exactly: ids are precise to the
// millisecond) and meets q.equal, and returns the next page's cursor: the
// id of the last item returned when more followed, else of the last item
// examined when the Query stopped at its Limit, else "". The conditions are
// checked here rather than in a FilterExpression: DynamoDB charges for the
// items a filter drops all the same, and a page is short either way.
func (r *Reader) queryIDPage(ctx context.Context, q idPage, what string, fn func(map[string]types.AttributeValue) error) (string, error) {
	if q.after != "" && !validID(q.after) {
		return "", badCursor()
	}
	lo, hi := q.prefix, q.prefix+"~" // "~" sorts after every id digit
	if !q.from.IsZero() {
		lo = q.prefix + roster.MinIDAt(q.from)
	}
	if !q.to.IsZero() {
		hi = q.prefix + roster.MinIDAt(q.to.Add(time.Millisecond))
	}
	if q.after != "" && q.prefix+q.after < hi {
		hi = q.prefix + q.after
	}
	if hi < lo {
		return "", nil
	}
	limit := max(q.limit, 1)
	in := &dynamodb.QueryInput{
		TableName:                &r.table,
		KeyConditionExpression:   strp("#pk = :pk AND #sk BETWEEN :lo AND :hi"),
		ExpressionAttributeNames: map[string]string{"#pk": q.pkName, "#sk": q.skName},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": &types.AttributeValueMemberS{Value: q.pk},
			":lo": &types.AttributeValueMemberS{Value: lo}, ":hi": &types.AttributeValueMemberS{Value: hi},
		},
		ScanIndexForward: aws.Bool(false),
		Limit:            aws.Int32(int32(limit + 2)),
	}
	if q.index != "" {
		in.IndexName = &q.index // indexes are read eventually consistent
	} else {
		in.ConsistentRead = aws.Bool(true)
	}
	res, err := r.db.Query(ctx, in)
	if err != nil {
		return "", fmt.Errorf("query %s of %s: %w", what, q.pk, err)
	}
	from, to := ts(q.from), ts(q.to)
	n, last := 0, ""
	for _, item := range res.Items {
		id := strings.TrimPrefix(stringAttr(item, q.skName), q.prefix)
		if id == q.after {
			continue
		}
		if n == limit {
			return last, nil
		}
		at := stringAttr(item, "at")
		keep := (q.from.IsZero() || at >= from) && (q.to.IsZero() || at < to)
		for name, want := range q.equal {
			keep = keep && stringAttr(item, name) == want
		}
		if !keep || q.keep != nil && !q.keep(item) {
			continue
		}
		if err := fn(item); err != nil {
			return "", err
		}
		n, last = n+1, id
	}
	if lek := stringAttr(res.LastEvaluatedKey, q.skName); lek != "" {
		return strings.TrimPrefix(lek, q.prefix), nil
	}
	return "", nil
}

// stringAttr is the string attribute name of item, or "".
func stringAttr(item map[string]types.AttributeValue, name string) string {
	if v, ok := item[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}
