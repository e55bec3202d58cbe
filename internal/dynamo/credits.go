package dynamo

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// Credit items live in the organisation's partition:
//
//	CREDITS#<account>           the balance of "company" or a user
//	LEDGER#<entryId>            every entry, ids sorting by time
//	LEDGERBY#<account>#<entryId> a copy per account the entry moves, for its history
//	UNLOCK#<reference>          the record the organisation paid for
//
// Entries and their copies are also in the LedgerByKind index: an entry
// under ORG#<orgId>#<kind>, a copy under ORG#<orgId>#<kind>#<account>,
// sorted by entry id.
func creditKey(orgID, account string) key { return key{orgPK(orgID), "CREDITS#" + account} }
func ledgerKey(orgID, id string) key      { return key{orgPK(orgID), "LEDGER#" + id} }
func ledgerByPrefix(account string) string {
	return "LEDGERBY#" + account + "#"
}
func unlockKey(orgID, ref string) key { return key{orgPK(orgID), "UNLOCK#" + ref} }

type creditItem struct {
	key
	Type     string `dynamodbav:"type"`
	Account  string `dynamodbav:"account"`
	Balance  int64  `dynamodbav:"balance"`
	Consumed int64  `dynamodbav:"consumed"`
}

type ledgerItem struct {
	key
	Type      string `dynamodbav:"type"`
	ID        string `dynamodbav:"id"`
	OrgID     string `dynamodbav:"orgId"`
	At        string `dynamodbav:"at"`
	ActorID   string `dynamodbav:"actorId"`
	Kind      string `dynamodbav:"kind"`
	Amount    int64  `dynamodbav:"amount"`
	From      string `dynamodbav:"from,omitempty"`
	To        string `dynamodbav:"to,omitempty"`
	Reference string `dynamodbav:"reference,omitempty"`
	Note      string `dynamodbav:"note,omitempty"`
	LbkPK     string `dynamodbav:"lbkPK"`
	LbkSK     string `dynamodbav:"lbkSK"`
}

// ledgerKindPK is the LedgerByKind partition of an organisation's entries
// of a kind, or with account of that account's copies of them.
func ledgerKindPK(orgID string, kind roster.LedgerKind, account string) string {
	pk := orgPK(orgID) + "#" + string(kind)
	if account != "" {
		pk += "#" + account
	}
	return pk
}

// toLedgerItem is the one place a ledger entry becomes an item: the entry
// itself (account "") or its copy in an account's history.
func toLedgerItem(orgID string, e roster.LedgerEntry, account string) ledgerItem {
	k := ledgerKey(orgID, e.ID)
	if account != "" {
		k = key{orgPK(orgID), ledgerByPrefix(account) + e.ID}
	}
	return ledgerItem{key: k, Type: "LedgerEntry", ID: e.ID, OrgID: e.OrgID, At: ts(e.At), ActorID: e.ActorID, Kind: string(e.Kind),
		Amount: e.Amount, From: e.From, To: e.To, Reference: e.Reference, Note: e.Note,
		LbkPK: ledgerKindPK(orgID, e.Kind, account), LbkSK: e.ID}
}

func (it ledgerItem) entry() roster.LedgerEntry {
	return roster.LedgerEntry{ID: it.ID, OrgID: it.OrgID, At: parseTS(it.At), ActorID: it.ActorID, Kind: roster.LedgerKind(it.Kind),
		Amount: it.Amount, From: it.From, To: it.To, Reference: it.Reference, Note: it.Note}
}

type unlockItem struct {
	key
	Type      string `dynamodbav:"type"`
	Reference string `dynamodbav:"reference"`
	UserID    string `dynamodbav:"userId"`
	EntryID   string `dynamodbav:"entryId"`
	Amount    int64  `dynamodbav:"amount"`
	At        string `dynamodbav:"at"`
}

// CreditAccount reads an account's balance; an account never used has
// none and reads as zero.
func (r *Reader) CreditAccount(ctx context.Context, orgID, account string) (roster.CreditAccount, error) {
	var it creditItem
	err := r.get(ctx, creditKey(orgID, account), &it, "credit account")
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.CreditAccount{Account: account}, nil
	}
	if err != nil {
		return roster.CreditAccount{}, err
	}
	return roster.CreditAccount{Account: account, Balance: it.Balance, Consumed: it.Consumed}, nil
}

// CreditAccountsOf reads these accounts of an organisation (one
// BatchGetItem per 100); an account never used reads as zero.
func (r *Reader) CreditAccountsOf(ctx context.Context, orgID string, accounts []string) (map[string]roster.CreditAccount, error) {
	keys := make([]key, len(accounts))
	out := make(map[string]roster.CreditAccount, len(accounts))
	for i, a := range accounts {
		keys[i] = creditKey(orgID, a)
		out[a] = roster.CreditAccount{Account: a}
	}
	err := r.batchGet(ctx, keys, func(item map[string]types.AttributeValue) error {
		var it creditItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("decode credit account: %w", err)
		}
		if _, asked := out[it.Account]; asked {
			out[it.Account] = roster.CreditAccount{Account: it.Account, Balance: it.Balance, Consumed: it.Consumed}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("credit accounts of %s: %w", orgID, err)
	}
	return out, nil
}

// Unlock reads the unlock of a record. Returns ENotFound.
func (r *Reader) Unlock(ctx context.Context, orgID, reference string) (roster.Unlock, error) {
	var it unlockItem
	if err := r.get(ctx, unlockKey(orgID, reference), &it, "unlock"); err != nil {
		return roster.Unlock{}, err
	}
	return roster.Unlock{Reference: it.Reference, UserID: it.UserID, EntryID: it.EntryID, Amount: it.Amount, At: parseTS(it.At)}, nil
}

// Ledger returns up to q.Limit entries, newest first, after the entry
// q.After (a cursor: the id of the last entry of the previous page), and
// the cursor of the next page ("" on the last). One Query: with q.Kind of
// LedgerByKind (the organisation's entries of that kind, or one account's),
// else of the LEDGER# items, or with q.Account the account's LEDGERBY#
// copies; the time range is a range of ids. Returns EInvalid (cursor).
func (r *Reader) Ledger(ctx context.Context, orgID string, q roster.LedgerQuery) ([]roster.LedgerEntry, string, error) {
	p := idPage{pkName: "pk", skName: "sk", pk: orgPK(orgID), prefix: "LEDGER#", from: q.From, to: q.To, after: q.After, limit: q.Limit}
	switch {
	case q.Kind != "":
		p.index, p.pkName, p.skName, p.pk, p.prefix = "LedgerByKind", "lbkPK", "lbkSK", ledgerKindPK(orgID, q.Kind, q.Account), ""
	case q.Account != "":
		p.prefix = ledgerByPrefix(q.Account)
	}
	var out []roster.LedgerEntry
	next, err := r.queryIDPage(ctx, p, "ledger", func(item map[string]types.AttributeValue) error {
		var it ledgerItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("decode ledger entry: %w", err)
		}
		out = append(out, it.entry())
		return nil
	})
	return out, next, err
}

// MoveCredits writes a movement in one transaction: the entry, the source's
// balance down on condition that it holds enough, the destination's up, the
// entry's copy in each account's history, the unlock of a consumed record,
// and the audit event. A user receiving credits must exist and be invited or
// active; a grant's organisation must exist.
// Returns EConflict (insufficient_credits with the available amount,
// recipient_inactive, already_unlocked) or ENotFound (the organisation or
// recipient is gone).
func (s *Store) MoveCredits(ctx context.Context, m roster.CreditMovement) error {
	e := m.Entry
	entry, err := attributevalue.MarshalMap(toLedgerItem(e.OrgID, e, ""))
	if err != nil {
		return fmt.Errorf("encode ledger entry: %w", err)
	}
	tx := []types.TransactWriteItem{{Put: &types.Put{TableName: &s.table, Item: entry, ConditionExpression: strp("attribute_not_exists(pk)")}}}
	fromAt, recipientAt, orgAt, unlockAt := -1, -1, -1, -1
	if e.From != "" {
		fromAt = len(tx)
		expr := "SET #type = :type, account = :account ADD balance :minus"
		values := map[string]types.AttributeValue{":minus": num(-e.Amount), ":amount": num(e.Amount),
			":type": &types.AttributeValueMemberS{Value: "CreditAccount"}, ":account": &types.AttributeValueMemberS{Value: e.From}}
		names := map[string]string{"#type": "type"}
		if e.Kind == roster.LedgerConsume {
			expr += ", #consumed :amount" // CONSUMED is a reserved word
			names["#consumed"] = "consumed"
		}
		tx = append(tx, types.TransactWriteItem{Update: &types.Update{
			TableName: &s.table, Key: creditKey(e.OrgID, e.From).av(), UpdateExpression: &expr,
			ConditionExpression:      strp("balance >= :amount"),
			ExpressionAttributeNames: names, ExpressionAttributeValues: values,
		}})
	}
	if e.To != "" {
		tx = append(tx, types.TransactWriteItem{Update: &types.Update{
			TableName: &s.table, Key: creditKey(e.OrgID, e.To).av(),
			UpdateExpression:         strp("SET #type = :type, account = :account ADD balance :amount"),
			ExpressionAttributeNames: map[string]string{"#type": "type"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":amount": num(e.Amount),
				":type": &types.AttributeValueMemberS{Value: "CreditAccount"}, ":account": &types.AttributeValueMemberS{Value: e.To}},
		}})
		if e.To != roster.CompanyAccount {
			recipientAt = len(tx)
			tx = append(tx, types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
				TableName: &s.table, Key: userKey(e.OrgID, e.To).av(),
				ConditionExpression:      strp("attribute_exists(pk) AND (#status = :invited OR #status = :active)"),
				ExpressionAttributeNames: map[string]string{"#status": "status"},
				ExpressionAttributeValues: map[string]types.AttributeValue{
					":invited": &types.AttributeValueMemberS{Value: string(roster.UserInvited)}, ":active": &types.AttributeValueMemberS{Value: string(roster.UserActive)}},
			}})
		}
	}
	if e.Kind == roster.LedgerGrant {
		orgAt = len(tx)
		tx = append(tx, types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
			TableName: &s.table, Key: orgKey(e.OrgID).av(), ConditionExpression: strp("attribute_exists(pk)")}})
	}
	if e.Kind == roster.LedgerConsume {
		u, err := attributevalue.MarshalMap(unlockItem{key: unlockKey(e.OrgID, e.Reference), Type: "Unlock", Reference: e.Reference,
			UserID: e.From, EntryID: e.ID, Amount: e.Amount, At: ts(e.At)})
		if err != nil {
			return fmt.Errorf("encode unlock: %w", err)
		}
		unlockAt = len(tx)
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: u, ConditionExpression: strp("attribute_not_exists(pk)")}})
	}
	for _, account := range []string{e.From, e.To} {
		if account == "" {
			continue
		}
		copyAV, err := attributevalue.MarshalMap(toLedgerItem(e.OrgID, e, account))
		if err != nil {
			return fmt.Errorf("encode ledger entry: %w", err)
		}
		tx = append(tx, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: copyAV}})
	}
	if m.Audit != nil {
		put, err := auditPut(s.table, *m.Audit)
		if err != nil {
			return err
		}
		tx = append(tx, put)
	}
	err = s.transact(ctx, tx)
	switch {
	case err == nil:
		return nil
	case unlockAt >= 0 && cancelled(err, unlockAt):
		return roster.WithReason(roster.EConflict, "already_unlocked", "the organisation already has this record")
	case fromAt >= 0 && cancelled(err, fromAt):
		a, rerr := s.CreditAccount(ctx, e.OrgID, e.From)
		if rerr != nil {
			return rerr
		}
		return roster.InsufficientCredits(e.From, a.Balance, e.Amount)
	case recipientAt >= 0 && cancelled(err, recipientAt):
		u, rerr := s.User(ctx, e.OrgID, e.To)
		if rerr != nil {
			return rerr
		}
		if terr := roster.TransferTarget(u.Status); terr != nil {
			return terr
		}
		return roster.WithReason(roster.EConflict, "recipient_changed", "the recipient changed while this request ran; retry")
	case orgAt >= 0 && cancelled(err, orgAt):
		return roster.Errorf(roster.ENotFound, "organisation not found")
	}
	return fmt.Errorf("move %d credits (%s) in %s: %w", e.Amount, e.Kind, e.OrgID, err)
}

// creditsEmptyCheck is the condition, written with a deactivation, that the
// user still holds no credits: a transfer to them between the read and the
// write cancels the deactivation instead of stranding the credits.
func (s *Store) creditsEmptyCheck(orgID, userID string) types.TransactWriteItem {
	return types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
		TableName: &s.table, Key: creditKey(orgID, userID).av(),
		ConditionExpression:       strp("attribute_not_exists(pk) OR balance <= :zero"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":zero": num(0)},
	}}
}

// creditsPurge deletes a purged user's account, on condition that it holds
// nothing and never paid for a record.
func (s *Store) creditsPurge(orgID, userID string) types.TransactWriteItem {
	return types.TransactWriteItem{Delete: &types.Delete{
		TableName: &s.table, Key: creditKey(orgID, userID).av(),
		ConditionExpression:       strp("attribute_not_exists(pk) OR (balance <= :zero AND (attribute_not_exists(#consumed) OR #consumed <= :zero))"),
		ExpressionAttributeNames:  map[string]string{"#consumed": "consumed"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":zero": num(0)},
	}}
}
