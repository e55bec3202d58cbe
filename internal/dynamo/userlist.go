package dynamo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// The UsersByName index holds every user item once, in the partition of its
// status (ubnPK = ORG#<orgId>#USERS#<status>), sorted by name
// (ubnSK = last name \x01 first name \x01 id, the names lower-cased and
// clipped to nameKeyBytes). \x01 sorts below every character a name may
// hold (names refuse control characters), so the key order is the order of
// (last name, first name, id) compared as lower-case strings.
const usersByName = "UsersByName"

// UsersByFirstName is the same with the names the other way round
// (ubfPK = ubnPK, ubfSK = first name \x01 last name \x01 id).
const usersByFirstName = "UsersByFirstName"

// nameKeyBytes bounds each name in the key, so a key (and the cursor made
// of it) stays short whatever the names: users whose names agree on their
// first 64 bytes sort by id.
const nameKeyBytes = 64

const userNameSep = "\x01"

func usersByNamePK(orgID string, s roster.UserStatus) string {
	return orgPK(orgID) + "#USERS#" + string(s)
}

// userNameKey is a user's sort key in UsersByName.
func userNameKey(last, first, id string) string {
	return clipBytes(strings.ToLower(last), nameKeyBytes) + userNameSep + clipBytes(strings.ToLower(first), nameKeyBytes) + userNameSep + id
}

// clipBytes cuts s to at most n bytes without splitting a character.
func clipBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// validNameKey reports whether s can be a UsersByName sort key: a cursor
// made by UsersByName.
func validNameKey(s string) bool {
	parts := strings.Split(s, userNameSep)
	return utf8.ValidString(s) && len(parts) == 3 && parts[2] != "" &&
		len(parts[0]) <= nameKeyBytes && len(parts[1]) <= nameKeyBytes && len(parts[2]) <= 64
}

// UsersByName returns up to q.Limit users of an organisation in name order
// (first-name order with q.ByFirstName, from UsersByFirstName),
// from the partitions of q.Statuses merged, that keep accepts, and the
// cursor of the next page ("" when no more can follow). Each partition is
// read by one Query of at most q.Limit items; a page is shorter than the
// limit when keep refuses some of them. Returns EInvalid (field cursor) for
// a cursor this method did not make.
func (r *Reader) UsersByName(ctx context.Context, orgID string, q roster.UserPageQuery, keep func(roster.User) bool) (roster.UserPage, error) {
	if q.After != "" && !validNameKey(q.After) {
		return roster.UserPage{}, badCursor()
	}
	if q.Limit < 1 || len(q.Statuses) == 0 {
		return roster.UserPage{}, fmt.Errorf("users by name: need a limit and a status")
	}
	prefix := clipBytes(strings.ToLower(q.Prefix), nameKeyBytes)
	ix := byLastName
	if q.ByFirstName {
		ix = byFirstName
	}
	type part struct {
		users []roster.User
		keys  []string
		more  bool
		err   error
	}
	parts := make([]part, len(q.Statuses))
	var wg sync.WaitGroup
	for i, s := range q.Statuses {
		wg.Go(func() {
			p := &parts[i]
			p.users, p.keys, p.more, p.err = r.usersByNamePart(ctx, ix, usersByNamePK(orgID, s), prefix, q.After, q.Limit)
		})
	}
	wg.Wait()
	// Merge what was read up to the lowest point a partition stopped at:
	// below it every partition is complete, above it one is not.
	type entry struct {
		u roster.User
		k string
	}
	var merged []entry
	frontier := ""
	for _, p := range parts {
		if p.err != nil {
			return roster.UserPage{}, p.err
		}
		for i, u := range p.users {
			merged = append(merged, entry{u, p.keys[i]})
		}
		if p.more && len(p.keys) > 0 && (frontier == "" || p.keys[len(p.keys)-1] < frontier) {
			frontier = p.keys[len(p.keys)-1]
		}
	}
	slices.SortFunc(merged, func(a, b entry) int { return strings.Compare(a.k, b.k) })
	var page roster.UserPage
	for _, e := range merged {
		if frontier != "" && e.k > frontier {
			break
		}
		if len(page.Users) == q.Limit {
			return page, nil // page.Next is the last user returned
		}
		page.Next = e.k
		if keep(e.u) {
			page.Users = append(page.Users, e.u)
		}
	}
	if frontier == "" {
		page.Next = ""
	}
	return page, nil
}

// nameIndex is UsersByName or UsersByFirstName.
type nameIndex struct{ name, pk, sk string }

var (
	byLastName  = nameIndex{usersByName, "ubnPK", "ubnSK"}
	byFirstName = nameIndex{usersByFirstName, "ubfPK", "ubfSK"}
)

func (ix nameIndex) key(it userItem) string {
	if ix == byFirstName {
		return it.UbfSK
	}
	return it.UbnSK
}

// usersByNamePart reads one partition of a name index after the key after,
// with keys (names) starting with prefix.
func (r *Reader) usersByNamePart(ctx context.Context, ix nameIndex, pk, prefix, after string, limit int) ([]roster.User, []string, bool, error) {
	values := map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: pk}}
	cond := ix.pk + " = :pk"
	switch {
	case prefix != "":
		// Between the later of the prefix and just after the cursor, and
		// the prefix followed by the highest character (never in a name).
		lo, hi := prefix, prefix+"\U0010FFFF"
		if after != "" && after+userNameSep > lo {
			lo = after + userNameSep
		}
		if lo > hi {
			return nil, nil, false, nil
		}
		cond += " AND " + ix.sk + " BETWEEN :lo AND :hi"
		values[":lo"], values[":hi"] = &types.AttributeValueMemberS{Value: lo}, &types.AttributeValueMemberS{Value: hi}
	case after != "":
		cond += " AND " + ix.sk + " > :after"
		values[":after"] = &types.AttributeValueMemberS{Value: after}
	}
	out, err := r.db.Query(ctx, &dynamodb.QueryInput{
		TableName: &r.table, IndexName: aws.String(ix.name), KeyConditionExpression: &cond,
		ExpressionAttributeValues: values, Limit: aws.Int32(int32(limit)),
	})
	if err != nil {
		return nil, nil, false, fmt.Errorf("query %s %s: %w", ix.name, pk, err)
	}
	users, keys := make([]roster.User, 0, len(out.Items)), make([]string, 0, len(out.Items))
	for _, item := range out.Items {
		var it userItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return nil, nil, false, fmt.Errorf("decode user: %w", err)
		}
		users, keys = append(users, it.user()), append(keys, ix.key(it))
	}
	return users, keys, out.LastEvaluatedKey != nil, nil
}

// UsersByID reads the users of an organisation with these ids (one
// BatchGetItem per 100); ids with no user are absent from the map.
func (r *Reader) UsersByID(ctx context.Context, orgID string, ids []string) (map[string]roster.User, error) {
	keys := make([]key, len(ids))
	for i, id := range ids {
		keys[i] = userKey(orgID, id)
	}
	out := make(map[string]roster.User, len(ids))
	err := r.batchGet(ctx, keys, func(item map[string]types.AttributeValue) error {
		var it userItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("decode user: %w", err)
		}
		if it.OrgID == orgID {
			out[it.ID] = it.user()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("users of %s by id: %w", orgID, err)
	}
	return out, nil
}

// UsersByEmail reads the users of an organisation with these (normalised)
// email addresses: one BatchGetItem of their email claims, one of the users
// they name, per 100. Addresses no user of the organisation has are absent
// from the map.
func (r *Reader) UsersByEmail(ctx context.Context, orgID string, emails []string) (map[string]roster.User, error) {
	keys := make([]key, len(emails))
	for i, e := range emails {
		keys[i] = emailKey(e)
	}
	var ids []string
	err := r.batchGet(ctx, keys, func(item map[string]types.AttributeValue) error {
		var c emailClaim
		if err := attributevalue.UnmarshalMap(item, &c); err != nil {
			return fmt.Errorf("decode email claim: %w", err)
		}
		if c.OrgID == orgID {
			ids = append(ids, c.UserID)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("email claims: %w", err)
	}
	byID, err := r.UsersByID(ctx, orgID, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]roster.User, len(byID))
	for _, u := range byID {
		out[u.Email] = u
	}
	return out, nil
}
