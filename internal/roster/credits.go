package roster

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"sync"
	"time"
)

// CompanyAccount names the organisation's own credit account; every other
// account is named by its user's id (ids are 26 characters, never "company").
const CompanyAccount = "company"

// MaxCreditAmount bounds one movement: more than this in one go is a typo.
const MaxCreditAmount = 1_000_000

// MaxNoteLength bounds the note of a movement.
const MaxNoteLength = 500

// LedgerKind says what a ledger entry records.
type LedgerKind string

// Ledger kinds.
const (
	LedgerGrant    LedgerKind = "grant"    // credits added to the company account (bought)
	LedgerTransfer LedgerKind = "transfer" // credits moved between the company account and users, or between users
	LedgerConsume  LedgerKind = "consume"  // a user spent credits on a record
)

// Valid reports whether k is one of the known kinds.
func (k LedgerKind) Valid() bool {
	return k == LedgerGrant || k == LedgerTransfer || k == LedgerConsume
}

// OperatorActor is the actor of grants made with the operator key
// (purchases made elsewhere).
const OperatorActor = "operator"

// LedgerEntry is one immutable movement of credits. From is empty for a
// grant (credits come from outside); To is empty for a consumption (credits
// leave the organisation).
type LedgerEntry struct {
	ID        string
	OrgID     string
	At        time.Time
	ActorID   string
	Kind      LedgerKind
	Amount    int64
	From      string // CompanyAccount, a user id, or "" for a grant
	To        string // CompanyAccount, a user id, or "" for a consumption
	Reference string // the record a consumption paid for
	Note      string
}

// Delta is how the entry moves account's balance: negative when it leaves.
func (e LedgerEntry) Delta(account string) int64 {
	var d int64
	if e.To == account {
		d += e.Amount
	}
	if e.From == account {
		d -= e.Amount
	}
	return d
}

// CreditAccount is the balance of one account.
type CreditAccount struct {
	Account  string // CompanyAccount or a user id
	Balance  int64
	Consumed int64 // credits this user ever spent on records: a user who consumed cannot be purged
}

// Unlock records that an organisation has a record: the first consumption
// of its reference paid for it, and everyone in the organisation sees it.
type Unlock struct {
	Reference string
	UserID    string // who paid
	EntryID   string
	Amount    int64
	At        time.Time
}

// CreditMovement is a checked grant, transfer or consumption, ready to write.
type CreditMovement struct {
	Entry LedgerEntry
	Audit *AuditEvent // grants and transfers are audited; consumptions are their own record
}

// referencePattern keeps record references safe in a URL path and a key.
// It is compiled on first use: its {1,200} makes a 194 KB program, which
// compiled at init would cost every function's cold start, most of which
// never check a reference.
var referencePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9._:-]{1,200}$`) })

// checkAmount records what is wrong with an amount: it must be a whole
// number from 1 to MaxCreditAmount. Returns the amount as an integer.
func checkAmount(v *Validation, field string, amount *float64, dflt int64) int64 {
	if amount == nil {
		if dflt > 0 {
			return dflt
		}
		v.Add(field, "is required")
		return 0
	}
	a := *amount
	switch {
	case math.IsNaN(a) || a != math.Trunc(a):
		v.Add(field, "must be a whole number of credits")
	case a <= 0:
		v.Add(field, "must be at least 1")
	case a > MaxCreditAmount:
		v.Add(field, fmt.Sprintf("must be at most %d", MaxCreditAmount))
	default:
		return int64(a)
	}
	return 0
}

func checkNote(v *Validation, note string) string {
	note = strings.TrimSpace(note)
	if len([]rune(note)) > MaxNoteLength {
		v.Add("note", fmt.Sprintf("must be at most %d characters", MaxNoteLength))
	}
	return note
}

// GrantInput is a grant of bought credits to the company account.
type GrantInput struct {
	Amount *float64
	Note   string
}

// NewGrant checks a grant by actor (a user id or OperatorActor) and makes
// its entry and audit event. Returns EInvalid (fields amount, note).
func NewGrant(orgID, actor string, in GrantInput, now time.Time) (CreditMovement, error) {
	var v Validation
	amount := checkAmount(&v, "amount", in.Amount, 0)
	note := checkNote(&v, in.Note)
	if err := v.Err(); err != nil {
		return CreditMovement{}, err
	}
	e := LedgerEntry{ID: NewID(now), OrgID: orgID, At: now, ActorID: actor, Kind: LedgerGrant, Amount: amount, To: CompanyAccount, Note: note}
	return CreditMovement{Entry: e, Audit: &AuditEvent{ID: NewID(now), OrgID: orgID, ActorID: actor, Type: "credits.granted",
		SubjectID: CompanyAccount, At: now, After: map[string]string{"amount": fmt.Sprint(amount), "entryId": e.ID}}}, nil
}

// TransferInput is a transfer between two accounts.
type TransferInput struct {
	From   string
	To     string
	Amount *float64
	Note   string
}

// NewTransfer checks a transfer's input and makes its entry and audit event;
// that the accounts exist and may take part is the service's to check.
// Returns EInvalid (fields from, to, amount, note; reason "same_account" as a
// field message when from and to are the same).
func NewTransfer(orgID, actor string, in TransferInput, now time.Time) (CreditMovement, error) {
	var v Validation
	in.From, in.To = strings.TrimSpace(in.From), strings.TrimSpace(in.To)
	if in.From == "" {
		v.Add("from", `is required: "company" or a user id`)
	}
	if in.To == "" {
		v.Add("to", `is required: "company" or a user id`)
	}
	if in.From != "" && in.From == in.To {
		v.Add("to", "must differ from from: a transfer to the same account moves nothing")
	}
	amount := checkAmount(&v, "amount", in.Amount, 0)
	note := checkNote(&v, in.Note)
	if err := v.Err(); err != nil {
		return CreditMovement{}, err
	}
	e := LedgerEntry{ID: NewID(now), OrgID: orgID, At: now, ActorID: actor, Kind: LedgerTransfer, Amount: amount, From: in.From, To: in.To, Note: note}
	return CreditMovement{Entry: e, Audit: &AuditEvent{ID: NewID(now), OrgID: orgID, ActorID: actor, Type: "credits.transferred",
		SubjectID: e.ID, At: now, After: map[string]string{"amount": fmt.Sprint(amount), "from": in.From, "to": in.To}}}, nil
}

// ConsumeInput is a user spending credits on a record.
type ConsumeInput struct {
	Reference string
	Amount    *float64 // default 1
}

// NewConsumption checks a consumption by user and makes its entry.
// Returns EInvalid (fields reference, amount).
func NewConsumption(orgID, user string, in ConsumeInput, now time.Time) (CreditMovement, error) {
	var v Validation
	ref := strings.TrimSpace(in.Reference)
	if err := CheckReference(ref); err != nil {
		v.Add("reference", err.Error())
	}
	amount := checkAmount(&v, "amount", in.Amount, 1)
	if err := v.Err(); err != nil {
		return CreditMovement{}, err
	}
	return CreditMovement{Entry: LedgerEntry{ID: NewID(now), OrgID: orgID, At: now, ActorID: user, Kind: LedgerConsume,
		Amount: amount, From: user, Reference: ref}}, nil
}

// CheckReference says what is wrong with a record reference, nil if nothing.
func CheckReference(ref string) error {
	if !referencePattern().MatchString(ref) {
		return fmt.Errorf("must be 1 to 200 letters, digits, '.', '_', ':' or '-'")
	}
	return nil
}

// TransferTarget says whether a user in status s may receive credits:
// credits given to a deactivated or deleted user would be stuck there.
// Returns nil or EConflict (reason "recipient_inactive").
func TransferTarget(s UserStatus) error {
	if s == UserDeactivated || s == UserDeleted {
		return WithReason(EConflict, "recipient_inactive", fmt.Sprintf("the user is %s and cannot receive credits; activate them first", s))
	}
	return nil
}

// InsufficientCredits is the refusal of a movement the source cannot pay:
// EConflict (reason "insufficient_credits") with the available balance.
func InsufficientCredits(account string, available, wanted int64) *Error {
	who := "the user"
	if account == CompanyAccount {
		who = "the company account"
	}
	e := WithReason(EConflict, "insufficient_credits", fmt.Sprintf("%s has %d credits; %d are needed", who, available, wanted))
	e.Extra = map[string]any{"available": available}
	return e
}

// CheckDeactivation is the rule that a user holding credits is not
// deactivated: the credits would be stuck in an account nobody uses.
// Returns nil or EConflict (reason "unused_credits", with the balance).
func CheckDeactivation(a CreditAccount) error {
	if a.Balance <= 0 {
		return nil
	}
	e := WithReason(EConflict, "unused_credits", fmt.Sprintf(
		"the user holds %d unused credits: transfer them to the company account or to another user first, then deactivate", a.Balance))
	e.Extra = map[string]any{"balance": a.Balance}
	return e
}

// CheckPurge is the rule that a user who ever consumed credits is not
// purged (their downloads stay part of the organisation's history), and
// that a purge does not destroy credits. Returns nil or EConflict (reasons
// "credits_consumed", "unused_credits").
func CheckPurge(a CreditAccount) error {
	if a.Consumed > 0 {
		return WithReason(EConflict, "credits_consumed", "the user has consumed credits, so their history must stay: deactivate them instead of deleting them for good")
	}
	if a.Balance > 0 {
		e := WithReason(EConflict, "unused_credits", fmt.Sprintf(
			"the user holds %d unused credits: transfer them to the company account or to another user first", a.Balance))
		e.Extra = map[string]any{"balance": a.Balance}
		return e
	}
	return nil
}

// LedgerQuery selects ledger entries, newest first. Zero fields do not filter.
type LedgerQuery struct {
	Account string // the history of one account: CompanyAccount or a user id
	Kind    LedgerKind
	From    time.Time // at or after
	To      time.Time // before
	After   string    // the id of the last entry of the previous page
	Limit   int
}
