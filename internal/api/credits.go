package api

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"

	"github.com/roster-app/roster/internal/credits"
	"github.com/roster-app/roster/internal/roster"
)

// LedgerEntryView is a ledger entry as the API shows it. From and To are
// "company" or a user id; a grant has no from, a consumption no to.
type LedgerEntryView struct {
	ID        string `json:"id"`
	At        string `json:"at"`
	ActorID   string `json:"actorId"`
	Kind      string `json:"kind"`
	Amount    int64  `json:"amount"`
	From      string `json:"from,omitempty"`
	To        string `json:"to,omitempty"`
	Reference string `json:"reference,omitempty"`
	Note      string `json:"note,omitempty"`
}

func viewEntry(e roster.LedgerEntry) LedgerEntryView {
	return LedgerEntryView{ID: e.ID, At: rfc3339(e.At), ActorID: e.ActorID, Kind: string(e.Kind), Amount: e.Amount,
		From: e.From, To: e.To, Reference: e.Reference, Note: e.Note}
}

func viewEntries(r *Request, s cursorScope, es []roster.LedgerEntry, next string) (Page[LedgerEntryView], error) {
	page := Page[LedgerEntryView]{Items: make([]LedgerEntryView, 0, len(es))}
	for _, e := range es {
		page.Items = append(page.Items, viewEntry(e))
	}
	var err error
	page.NextCursor, err = r.sealCursor(s, next)
	return page, err
}

// Amounts are decoded as numbers of any kind so that the domain, not the
// decoder, says what is wrong with 2.5 or -1.
type grantRequest struct {
	Amount *float64 `json:"amount"`
	Note   string   `json:"note"`
}

type transferRequest struct {
	From   string   `json:"from"`
	To     string   `json:"to"`
	Amount *float64 `json:"amount"`
	Note   string   `json:"note"`
}

type consumeRequest struct {
	Reference string   `json:"reference"`
	Amount    *float64 `json:"amount"`
}

// GrantCredits is POST /credits/grants: an organisation administrator adds
// bought credits to the company account.
func GrantCredits(svc *credits.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in grantRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		e, err := svc.Grant(ctx, r.Caller, roster.GrantInput{Amount: in.Amount, Note: in.Note})
		if err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusCreated, Body: viewEntry(e)}, nil
	}
}

// GrantOrgCredits is POST /orgs/{id}/credits/grants, guarded by the operator
// key as POST /orgs is: credits bought elsewhere.
func GrantOrgCredits(svc *credits.Service, operatorKeyHash string) Operation {
	want, _ := hex.DecodeString(operatorKeyHash)
	return func(ctx context.Context, r *Request) (Response, error) {
		got := sha256.Sum256([]byte(r.Header(OperatorKeyHeader)))
		if len(want) != sha256.Size || r.Header(OperatorKeyHeader) == "" || subtle.ConstantTimeCompare(got[:], want) != 1 {
			return Response{}, roster.WithReason(roster.EUnauthorized, "invalid_operator_key", "send the operator key in the X-Operator-Key header")
		}
		var in grantRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		e, err := svc.GrantByOperator(ctx, r.PathParameters["id"], roster.GrantInput{Amount: in.Amount, Note: in.Note})
		if err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusCreated, Body: viewEntry(e)}, nil
	}
}

// TransferCredits is POST /credits/transfers.
func TransferCredits(svc *credits.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in transferRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		e, err := svc.Transfer(ctx, r.Caller, roster.TransferInput{From: in.From, To: in.To, Amount: in.Amount, Note: in.Note})
		if err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusCreated, Body: viewEntry(e)}, nil
	}
}

// ConsumptionView is the outcome of POST /credits/consume.
type ConsumptionView struct {
	Reference       string           `json:"reference"`
	Charged         int64            `json:"charged"`
	AlreadyUnlocked bool             `json:"alreadyUnlocked"`
	UnlockedBy      string           `json:"unlockedBy"`
	UnlockedAt      string           `json:"unlockedAt"`
	Balance         int64            `json:"balance"`
	Entry           *LedgerEntryView `json:"entry,omitempty"`
}

// ConsumeCredits is POST /credits/consume: the caller spends their own
// credits on a record, or nothing when the organisation already has it.
func ConsumeCredits(svc *credits.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in consumeRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		c, err := svc.Consume(ctx, r.Caller, roster.ConsumeInput{Reference: in.Reference, Amount: in.Amount})
		if err != nil {
			return Response{}, err
		}
		v := ConsumptionView{Reference: c.Unlock.Reference, Charged: c.Charged, AlreadyUnlocked: c.Entry == nil,
			UnlockedBy: c.Unlock.UserID, UnlockedAt: rfc3339(c.Unlock.At), Balance: c.Balance}
		if c.Entry != nil {
			e := viewEntry(*c.Entry)
			v.Entry = &e
		}
		return Response{Body: v}, nil
	}
}

// UnlockView says whether the organisation has a record.
type UnlockView struct {
	Reference  string `json:"reference"`
	Unlocked   bool   `json:"unlocked"`
	UnlockedBy string `json:"unlockedBy,omitempty"`
	UnlockedAt string `json:"unlockedAt,omitempty"`
	Amount     int64  `json:"amount,omitempty"`
}

// GetUnlock is GET /credits/unlocks/{reference}, for everyone in the organisation.
func GetUnlock(svc *credits.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		ref := r.PathParameters["reference"]
		u, err := svc.Unlock(ctx, r.Caller, ref)
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			return Response{Body: UnlockView{Reference: ref}}, nil
		}
		if err != nil {
			return Response{}, err
		}
		return Response{Body: UnlockView{Reference: u.Reference, Unlocked: true, UnlockedBy: u.UserID, UnlockedAt: rfc3339(u.At), Amount: u.Amount}}, nil
	}
}

// UserBalanceView is one user's balance in the overview.
type UserBalanceView struct {
	UserID    string `json:"userId"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	// DisplayName is the first and last name, or the email while both are missing.
	DisplayName string `json:"displayName"`
	Status      string `json:"status"`
	Balance     int64  `json:"balance"`
}

// CreditsView is GET /credits: Items and NextCursor (a page of users in
// name order) only for organisation administrators.
type CreditsView struct {
	CompanyBalance int64             `json:"companyBalance"`
	Balance        int64             `json:"balance"`
	Items          []UserBalanceView `json:"items,omitempty"`
	NextCursor     string            `json:"nextCursor,omitempty"`
}

// GetCredits is GET /credits?limit=&cursor=: the company balance and the
// caller's; for organisation administrators a page of every user's too.
func GetCredits(svc *credits.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		s := scope("credits")
		limit, after, err := pageParams(r, s)
		if err != nil {
			return Response{}, err
		}
		o, err := svc.Overview(ctx, r.Caller, after, limit)
		if err != nil {
			return Response{}, err
		}
		v := CreditsView{CompanyBalance: o.Company, Balance: o.Own}
		if v.NextCursor, err = r.sealCursor(s, o.Next); err != nil {
			return Response{}, err
		}
		if o.Users != nil {
			v.Items = make([]UserBalanceView, 0, len(o.Users))
		}
		for _, u := range o.Users {
			v.Items = append(v.Items, UserBalanceView{UserID: u.User.ID, FirstName: u.User.FirstName, LastName: u.User.LastName,
				DisplayName: u.User.DisplayName(), Status: string(u.User.Status), Balance: u.Balance})
		}
		return Response{Body: v}, nil
	}
}

// UserCreditsView is GET /users/{id}/credits.
type UserCreditsView struct {
	UserID     string            `json:"userId"`
	Balance    int64             `json:"balance"`
	Consumed   int64             `json:"consumed"`
	Items      []LedgerEntryView `json:"items"`
	NextCursor string            `json:"nextCursor,omitempty"`
}

// GetUserCredits is GET /users/{id}/credits?limit=&cursor=: a balance and
// its history, newest first.
func GetUserCredits(svc *credits.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		s := scope("user-credits", "id", r.PathParameters["id"])
		limit, after, err := pageParams(r, s)
		if err != nil {
			return Response{}, err
		}
		h, err := svc.UserHistory(ctx, r.Caller, r.PathParameters["id"], roster.LedgerQuery{After: after, Limit: limit})
		if err != nil {
			return Response{}, err
		}
		page, err := viewEntries(r, s, h.Entries, h.Next)
		if err != nil {
			return Response{}, err
		}
		return Response{Body: UserCreditsView{UserID: r.PathParameters["id"], Balance: h.Account.Balance, Consumed: h.Account.Consumed,
			Items: page.Items, NextCursor: page.NextCursor}}, nil
	}
}

// ListCreditLedger is GET /credits/ledger?user=&kind=&from=&to=&limit=&cursor=,
// newest first, for organisation administrators.
func ListCreditLedger(svc *credits.Reader) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		q := r.QueryStringParameters
		from, to, err := timeRange(r)
		if err != nil {
			return Response{}, err
		}
		s := scope("credit-ledger", "user", q["user"], "kind", q["kind"], "from", canonicalTime(from), "to", canonicalTime(to))
		limit, after, err := pageParams(r, s)
		if err != nil {
			return Response{}, err
		}
		es, next, err := svc.Entries(ctx, r.Caller, roster.LedgerQuery{Account: q["user"], Kind: roster.LedgerKind(q["kind"]),
			From: from, To: to, After: after, Limit: limit})
		if err != nil {
			return Response{}, err
		}
		page, err := viewEntries(r, s, es, next)
		if err != nil {
			return Response{}, err
		}
		return Response{Body: page}, nil
	}
}
