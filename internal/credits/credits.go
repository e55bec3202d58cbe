// Package credits is the organisation's CreditLedger: credits bought into
// the company account, moved to and between users, and spent on records.
// The rules are roster's (NewTransfer, CheckDeactivation); this package
// reads what they need and writes each movement in one transaction.
package credits

import (
	"context"
	"strings"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// ReadStore is what reading credits needs.
type ReadStore interface {
	Groups(ctx context.Context, orgID string) ([]roster.Group, error)
	User(ctx context.Context, orgID, userID string) (roster.User, error)
	// UsersByName returns a page of users in name order; EInvalid (field
	// cursor) for a cursor it did not make.
	UsersByName(ctx context.Context, orgID string, q roster.UserPageQuery, keep func(roster.User) bool) (roster.UserPage, error)
	// CreditAccount reads a balance; an unused account is zero, never ENotFound.
	CreditAccount(ctx context.Context, orgID, account string) (roster.CreditAccount, error)
	// CreditAccountsOf reads several accounts at once; unused ones are zero.
	CreditAccountsOf(ctx context.Context, orgID string, accounts []string) (map[string]roster.CreditAccount, error)
	// Ledger returns a page of entries, newest first, and the cursor of the
	// next page ("" on the last). Returns EInvalid (field cursor).
	Ledger(ctx context.Context, orgID string, q roster.LedgerQuery) ([]roster.LedgerEntry, string, error)
	// Unlock returns ENotFound when the organisation does not have the record.
	Unlock(ctx context.Context, orgID, reference string) (roster.Unlock, error)
}

// Store is what moving credits needs.
type Store interface {
	ReadStore
	// MoveCredits returns EConflict (insufficient_credits, recipient_inactive,
	// already_unlocked) or ENotFound (organisation or recipient gone).
	MoveCredits(ctx context.Context, m roster.CreditMovement) error
}

// Reader reads balances, the ledger and unlocks.
type Reader struct {
	store ReadStore
}

// NewReader returns a Reader.
func NewReader(store ReadStore) *Reader { return &Reader{store: store} }

// Service moves credits.
type Service struct {
	*Reader
	store Store
	now   func() time.Time
}

// NewService returns a Service.
func NewService(store Store, now func() time.Time) *Service {
	return &Service{Reader: NewReader(store), store: store, now: now}
}

func (r *Reader) tree(ctx context.Context, orgID string) (roster.GroupTree, error) {
	return roster.LoadGroupTree(ctx, r.store, orgID)
}

// requireManager checks that c manages the organisation's credits.
// Returns EForbidden.
func (r *Reader) requireManager(ctx context.Context, c roster.Caller) error {
	t, err := r.tree(ctx, c.OrgID)
	if err != nil {
		return err
	}
	return roster.Require(c, t, roster.ActManageCredits, t.Root().ID)
}

// isManager reports whether c manages the organisation's credits.
func (r *Reader) isManager(ctx context.Context, c roster.Caller) (bool, error) {
	err := r.requireManager(ctx, c)
	if roster.ErrorCodeOf(err) == roster.EForbidden {
		return false, nil
	}
	return err == nil, err
}

// Grant adds bought credits to c's organisation's company account.
// Returns EForbidden, EInvalid.
func (l *Service) Grant(ctx context.Context, c roster.Caller, in roster.GrantInput) (roster.LedgerEntry, error) {
	if err := l.requireManager(ctx, c); err != nil {
		return roster.LedgerEntry{}, err
	}
	return l.grant(ctx, c.OrgID, c.UserID, in)
}

// GrantByOperator adds credits bought elsewhere to an organisation's company
// account; the caller proved the operator key. Returns EInvalid, ENotFound.
func (l *Service) GrantByOperator(ctx context.Context, orgID string, in roster.GrantInput) (roster.LedgerEntry, error) {
	return l.grant(ctx, orgID, roster.OperatorActor, in)
}

func (l *Service) grant(ctx context.Context, orgID, actor string, in roster.GrantInput) (roster.LedgerEntry, error) {
	m, err := roster.NewGrant(orgID, actor, in, l.now().UTC())
	if err != nil {
		return roster.LedgerEntry{}, err
	}
	if err := l.store.MoveCredits(ctx, m); err != nil {
		return roster.LedgerEntry{}, err
	}
	return m.Entry, nil
}

// account checks that a named account exists in c's organisation: the
// company, or a user of it. Returns the user (zero for the company) or
// EInvalid naming field for an unknown user (another organisation's user is
// unknown here).
func (r *Reader) account(ctx context.Context, orgID, field, name string) (roster.User, error) {
	if name == roster.CompanyAccount {
		return roster.User{}, nil
	}
	u, err := r.store.User(ctx, orgID, name)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return u, roster.Errorf(roster.ENotFound, "%s: no user %q in your organisation", field, name)
	}
	return u, err
}

// Transfer moves credits between the company account and users, or between
// users. Returns EForbidden, EInvalid, ENotFound (an unknown user),
// EConflict (insufficient_credits with the available amount, recipient_inactive).
func (l *Service) Transfer(ctx context.Context, c roster.Caller, in roster.TransferInput) (roster.LedgerEntry, error) {
	if err := l.requireManager(ctx, c); err != nil {
		return roster.LedgerEntry{}, err
	}
	m, err := roster.NewTransfer(c.OrgID, c.UserID, in, l.now().UTC())
	if err != nil {
		return roster.LedgerEntry{}, err
	}
	e := m.Entry
	if _, err := l.account(ctx, c.OrgID, "from", e.From); err != nil {
		return roster.LedgerEntry{}, err
	}
	to, err := l.account(ctx, c.OrgID, "to", e.To)
	if err != nil {
		return roster.LedgerEntry{}, err
	}
	if e.To != roster.CompanyAccount {
		if err := roster.TransferTarget(to.Status); err != nil {
			return roster.LedgerEntry{}, err
		}
	}
	if err := l.store.MoveCredits(ctx, m); err != nil {
		return roster.LedgerEntry{}, err
	}
	return e, nil
}

// Consumption is the outcome of spending credits on a record.
type Consumption struct {
	Unlock  roster.Unlock
	Charged int64 // 0 when the organisation already had the record
	Entry   *roster.LedgerEntry
	Balance int64 // the caller's balance afterwards
}

// Consume spends the caller's credits on a record: the first consumption of
// a reference unlocks it for the organisation; consuming a record the
// organisation already has costs nothing. Returns EInvalid, EConflict
// (insufficient_credits with the available amount).
func (l *Service) Consume(ctx context.Context, c roster.Caller, in roster.ConsumeInput) (Consumption, error) {
	m, err := roster.NewConsumption(c.OrgID, c.UserID, in, l.now().UTC())
	if err != nil {
		return Consumption{}, err
	}
	free := func() (Consumption, error) {
		u, err := l.store.Unlock(ctx, c.OrgID, m.Entry.Reference)
		if err != nil {
			return Consumption{}, err
		}
		a, err := l.store.CreditAccount(ctx, c.OrgID, c.UserID)
		return Consumption{Unlock: u, Balance: a.Balance}, err
	}
	if _, err := l.store.Unlock(ctx, c.OrgID, m.Entry.Reference); err == nil {
		return free()
	} else if roster.ErrorCodeOf(err) != roster.ENotFound {
		return Consumption{}, err
	}
	err = l.store.MoveCredits(ctx, m)
	if roster.ReasonOf(err) == "already_unlocked" {
		return free() // someone else paid for it meanwhile
	}
	if err != nil {
		return Consumption{}, err
	}
	e := m.Entry
	a, err := l.store.CreditAccount(ctx, c.OrgID, c.UserID)
	if err != nil {
		return Consumption{}, err
	}
	return Consumption{Unlock: roster.Unlock{Reference: e.Reference, UserID: e.From, EntryID: e.ID, Amount: e.Amount, At: e.At},
		Charged: e.Amount, Entry: &e, Balance: a.Balance}, nil
}

// Unlock says whether c's organisation has a record, and who paid for it
// when. Returns EInvalid for a malformed reference, ENotFound when the
// organisation does not have it.
func (r *Reader) Unlock(ctx context.Context, c roster.Caller, reference string) (roster.Unlock, error) {
	if err := roster.CheckReference(reference); err != nil {
		e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
		e.Fields = []roster.FieldError{{Field: "reference", Message: err.Error()}}
		return roster.Unlock{}, e
	}
	return r.store.Unlock(ctx, c.OrgID, reference)
}

// UserBalance is a user's balance as an administrator sees it.
type UserBalance struct {
	User    roster.User
	Balance int64
}

// Overview is the organisation's credits as c may see them.
type Overview struct {
	Company int64
	Own     int64
	// Users is a page of every user not purged, in name order, with their
	// balances: only for those who manage credits.
	Users []UserBalance
	Next  string // the cursor of the next page of Users, "" at the end
}

// Overview returns the company balance and c's own; to credit managers, a
// page of users (up to limit, after the cursor after) with their balances
// as well. Returns EInvalid (cursor).
func (r *Reader) Overview(ctx context.Context, c roster.Caller, after string, limit int) (Overview, error) {
	manager, err := r.isManager(ctx, c)
	if err != nil {
		return Overview{}, err
	}
	if !manager {
		company, err := r.store.CreditAccount(ctx, c.OrgID, roster.CompanyAccount)
		if err != nil {
			return Overview{}, err
		}
		own, err := r.store.CreditAccount(ctx, c.OrgID, c.UserID)
		if err != nil {
			return Overview{}, err
		}
		return Overview{Company: company.Balance, Own: own.Balance}, nil
	}
	page, err := r.store.UsersByName(ctx, c.OrgID, roster.UserPageQuery{Statuses: roster.AllStatuses, After: after, Limit: limit},
		func(roster.User) bool { return true })
	if err != nil {
		return Overview{}, err
	}
	accounts := []string{roster.CompanyAccount, c.UserID}
	for _, u := range page.Users {
		accounts = append(accounts, u.ID)
	}
	balances, err := r.store.CreditAccountsOf(ctx, c.OrgID, accounts)
	if err != nil {
		return Overview{}, err
	}
	out := Overview{Company: balances[roster.CompanyAccount].Balance, Own: balances[c.UserID].Balance, Next: page.Next,
		Users: make([]UserBalance, 0, len(page.Users))}
	for _, u := range page.Users {
		out.Users = append(out.Users, UserBalance{User: u, Balance: balances[u.ID].Balance})
	}
	return out, nil
}

// History is one account's balance and a page of its entries.
type History struct {
	Account roster.CreditAccount
	Entries []roster.LedgerEntry
	Next    string // the cursor of the next page; "" on the last
}

// UserHistory returns a user's balance and a page of their entries, newest
// first: a user reads their own, credit managers anyone's in the
// organisation. Returns ENotFound, EForbidden.
func (r *Reader) UserHistory(ctx context.Context, c roster.Caller, userID string, q roster.LedgerQuery) (History, error) {
	if userID != c.UserID {
		if err := r.requireManager(ctx, c); err != nil {
			return History{}, err
		}
	}
	if _, err := r.store.User(ctx, c.OrgID, userID); err != nil {
		return History{}, err
	}
	a, err := r.store.CreditAccount(ctx, c.OrgID, userID)
	if err != nil {
		return History{}, err
	}
	q.Account = userID
	entries, next, err := r.store.Ledger(ctx, c.OrgID, q)
	if err != nil {
		return History{}, err
	}
	return History{Account: a, Entries: entries, Next: next}, nil
}

// Entries returns a page of the organisation's ledger, newest first, for
// credit managers; q.Account narrows it to one account's entries.
// Returns EForbidden, EInvalid (kind).
func (r *Reader) Entries(ctx context.Context, c roster.Caller, q roster.LedgerQuery) ([]roster.LedgerEntry, string, error) {
	if err := r.requireManager(ctx, c); err != nil {
		return nil, "", err
	}
	var v roster.Validation
	if q.Kind != "" && !q.Kind.Valid() {
		v.Add("kind", "must be grant, transfer or consume")
	}
	// The account becomes part of a sort key: bound it before DynamoDB does.
	if len(q.Account) > 64 || strings.ContainsFunc(q.Account, func(r rune) bool { return r < '0' || r > 'z' }) {
		v.Add("user", "must be a user id or company")
	}
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	return r.store.Ledger(ctx, c.OrgID, q)
}
