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
// starts below, in whichever partition or index the filters chose.

// badCursor is the 400 for a cursor that is not one of the list's.
func badCursor() error {
	var v roster.Validation
	v.Add("cursor", "is not a cursor of this list; start again without it")
	return v.Err()
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
	// filter holds the conditions the key does not serve (ANDed), with
	// their values; names are taken as #name → name.
	filter []string
	values map[string]types.AttributeValue
	names  []string
}

// queryIDPage reads one page: a Query of sort keys in [lo, hi] (lo from
// q.from; hi the cursor, else from q.to) with Limit q.limit+1 (+1 for the
// cursor's own item), the time range made exact on "at" by a filter. It
// calls fn with each item kept and returns the next page's cursor: the id
// of the last item returned when more followed, else of the last item
// examined when DynamoDB stopped early (a filter can make a page short),
// else "".
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
	values := map[string]types.AttributeValue{
		":pk": &types.AttributeValueMemberS{Value: q.pk},
		":lo": &types.AttributeValueMemberS{Value: lo}, ":hi": &types.AttributeValueMemberS{Value: hi},
	}
	names := map[string]string{"#pk": q.pkName, "#sk": q.skName}
	filter := q.filter
	for k, v := range q.values {
		values[k] = v
	}
	for _, n := range q.names {
		names["#"+n] = n
	}
	if !q.from.IsZero() {
		filter, names["#at"], values[":from"] = append(filter, "#at >= :from"), "at", &types.AttributeValueMemberS{Value: ts(q.from)}
	}
	if !q.to.IsZero() {
		filter, names["#at"], values[":to"] = append(filter, "#at < :to"), "at", &types.AttributeValueMemberS{Value: ts(q.to)}
	}
	limit := max(q.limit, 1)
	in := &dynamodb.QueryInput{
		TableName:                 &r.table,
		KeyConditionExpression:    strp("#pk = :pk AND #sk BETWEEN :lo AND :hi"),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: values,
		ScanIndexForward:          aws.Bool(false),
		Limit:                     aws.Int32(int32(limit + 2)),
	}
	if len(filter) > 0 {
		in.FilterExpression = strp(strings.Join(filter, " AND "))
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
	n, last := 0, ""
	for _, item := range res.Items {
		sk, _ := item[q.skName].(*types.AttributeValueMemberS)
		if sk == nil {
			return "", fmt.Errorf("query %s of %s: an item without %s", what, q.pk, q.skName)
		}
		id := strings.TrimPrefix(sk.Value, q.prefix)
		if id == q.after {
			continue
		}
		if n == limit {
			return last, nil
		}
		if err := fn(item); err != nil {
			return "", err
		}
		n, last = n+1, id
	}
	if sk, ok := res.LastEvaluatedKey[q.skName].(*types.AttributeValueMemberS); ok {
		return strings.TrimPrefix(sk.Value, q.prefix), nil
	}
	return "", nil
}
