package dynamo

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

var _ roster.ContactReader = (*Reader)(nil)

// contactShards is how many partitions one organisation's contacts are
// spread over, so that a large organisation's contacts (and an import
// writing thousands of them) do not all land on one partition key.
const contactShards = 16

// contactShard is the shard of a contact id: one hex digit of its FNV-1a hash.
func contactShard(id string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return int(h.Sum32() % contactShards)
}

func contactShardPK(orgID string, shard int) string {
	return fmt.Sprintf("%s#CONTACTS#%x", orgPK(orgID), shard)
}

func contactKey(orgID, id string) key {
	return key{contactShardPK(orgID, contactShard(id)), "CONTACT#" + id}
}

func phoneKey(orgID, e164 string) key { return key{orgPK(orgID) + "#PHONE#" + e164, "PHONE"} }

// contactItem is a contact. Optional text is omitted when empty and the
// address is flattened, so that no empty list or map is ever written (the
// emulator garbles them).
type contactItem struct {
	key
	contactIndex
	Type          string   `dynamodbav:"type"`
	ID            string   `dynamodbav:"id"`
	OrgID         string   `dynamodbav:"orgId"`
	FirstName     string   `dynamodbav:"firstName"`
	LastName      string   `dynamodbav:"lastName,omitempty"`
	Phone         string   `dynamodbav:"phone"`
	Email         string   `dynamodbav:"email,omitempty"`
	Company       string   `dynamodbav:"company,omitempty"`
	Title         string   `dynamodbav:"title,omitempty"`
	AccountNumber string   `dynamodbav:"accountNumber,omitempty"`
	Line1         string   `dynamodbav:"addrLine1,omitempty"`
	Line2         string   `dynamodbav:"addrLine2,omitempty"`
	City          string   `dynamodbav:"addrCity,omitempty"`
	Region        string   `dynamodbav:"addrRegion,omitempty"`
	PostalCode    string   `dynamodbav:"addrPostalCode,omitempty"`
	Country       string   `dynamodbav:"addrCountry,omitempty"`
	Notes         string   `dynamodbav:"notes,omitempty"`
	Consent       string   `dynamodbav:"consent,omitempty"`
	ConsentAt     string   `dynamodbav:"consentAt,omitempty"`
	ConsentSource string   `dynamodbav:"consentSource,omitempty"`
	AccountReps   []string `dynamodbav:"accountReps,omitempty"`
	Groups        []string `dynamodbav:"groups,omitempty"`
	Version       int64    `dynamodbav:"version"`
	CreatedAt     string   `dynamodbav:"createdAt"`
	UpdatedAt     string   `dynamodbav:"updatedAt"`
}

// phoneClaim makes a phone number unique within an organisation: written
// with its contact, on condition that it does not exist.
type phoneClaim struct {
	key
	Type      string `dynamodbav:"type"`
	OrgID     string `dynamodbav:"orgId"`
	ContactID string `dynamodbav:"contactId"`
}

func toContactItem(c roster.Contact) contactItem {
	a := c.Address
	return contactItem{
		key: contactKey(c.OrgID, c.ID), Type: "Contact", ID: c.ID, OrgID: c.OrgID,
		FirstName: c.FirstName, LastName: c.LastName, Phone: c.Phone, Email: c.Email, Company: c.Company, Title: c.Title,
		AccountNumber: c.AccountNumber, Line1: a.Line1, Line2: a.Line2, City: a.City, Region: a.Region, PostalCode: a.PostalCode,
		Country: a.Country, Notes: c.Notes, Consent: string(c.Consent.Status), ConsentAt: optTS(c.Consent.At), ConsentSource: c.Consent.Source,
		AccountReps: nilIfEmpty(c.AccountReps), Groups: nilIfEmpty(c.Groups), Version: max(c.Version, 1), CreatedAt: ts(c.CreatedAt), UpdatedAt: ts(c.UpdatedAt),
		contactIndex: indexOf(c),
	}
}

// nilIfEmpty makes an empty list nil, which omitempty leaves out: an
// empty but non-nil slice would be written as an empty list, which the
// emulator garbles.
func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func (it contactItem) contact() roster.Contact {
	status := roster.ConsentStatus(it.Consent)
	if status == "" {
		status = roster.ConsentUnknown
	}
	return roster.Contact{
		ID: it.ID, OrgID: it.OrgID, FirstName: it.FirstName, LastName: it.LastName, Phone: it.Phone, Email: it.Email,
		Company: it.Company, Title: it.Title, AccountNumber: it.AccountNumber,
		Address: roster.Address{Line1: it.Line1, Line2: it.Line2, City: it.City, Region: it.Region, PostalCode: it.PostalCode, Country: it.Country},
		Notes:   it.Notes, Consent: roster.Consent{Status: status, At: parseTS(it.ConsentAt), Source: it.ConsentSource},
		AccountReps: it.AccountReps, Groups: it.Groups, Version: max(it.Version, 1),
		CreatedAt: parseTS(it.CreatedAt), UpdatedAt: parseTS(it.UpdatedAt),
	}
}

func decodeContact(item map[string]types.AttributeValue) (roster.Contact, error) {
	var it contactItem
	if err := attributevalue.UnmarshalMap(item, &it); err != nil {
		return roster.Contact{}, fmt.Errorf("decode contact: %w", err)
	}
	return it.contact(), nil
}

func phoneTaken() error {
	return roster.WithReason(roster.EConflict, "phone_taken", "another contact of the organisation has this phone number")
}

func (s *Store) claimPut(c roster.Contact) (types.TransactWriteItem, error) {
	av, err := attributevalue.MarshalMap(phoneClaim{key: phoneKey(c.OrgID, c.Phone), Type: "PhoneClaim", OrgID: c.OrgID, ContactID: c.ID})
	if err != nil {
		return types.TransactWriteItem{}, fmt.Errorf("encode phone claim: %w", err)
	}
	return types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)")}}, nil
}

// claimDelete removes a phone claim if it is this contact's (or already gone).
func (s *Store) claimDelete(orgID, e164, contactID string) types.TransactWriteItem {
	return types.TransactWriteItem{Delete: &types.Delete{
		TableName: &s.table, Key: phoneKey(orgID, e164).av(),
		ConditionExpression:       strp("attribute_not_exists(pk) OR contactId = :id"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":id": &types.AttributeValueMemberS{Value: contactID}},
	}}
}

// CreateContact writes a contact, its phone claim, its copies (one per
// group and account rep) and the audit event, all or nothing. Returns
// EConflict (phone_taken).
func (s *Store) CreateContact(ctx context.Context, c roster.Contact, audit roster.AuditEvent) error {
	av, err := attributevalue.MarshalMap(toContactItem(c))
	if err != nil {
		return fmt.Errorf("encode contact %s: %w", c.ID, err)
	}
	claim, err := s.claimPut(c)
	if err != nil {
		return err
	}
	put, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	copies, err := copyWrites(nil, &c)
	if err != nil {
		return err
	}
	err = s.transactWithCopies(ctx, []types.TransactWriteItem{
		{Put: &types.Put{TableName: &s.table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)")}},
		claim, put,
	}, copies)
	switch {
	case err == nil:
		return nil
	case cancelled(err, 1):
		return phoneTaken()
	case cancelled(err, 0):
		return roster.WithReason(roster.EConflict, "contact_exists", "a contact with this id already exists")
	}
	return fmt.Errorf("create contact %s: %w", c.ID, err)
}

// UpdateContact replaces old, as read (still stored at old.Version), with c
// (whose Version is the next one), moving the phone claim from old.Phone
// when the number changed, rewriting the copies under c's groups and
// account reps and deleting those under groups and reps it left, with the
// audit event, all or nothing. Returns EPreconditionFailed (stale_version)
// when the contact changed or is gone, EConflict (phone_taken).
func (s *Store) UpdateContact(ctx context.Context, old, c roster.Contact, audit roster.AuditEvent) error {
	expectedVersion, oldPhone := old.Version, old.Phone
	av, err := attributevalue.MarshalMap(toContactItem(c))
	if err != nil {
		return fmt.Errorf("encode contact %s: %w", c.ID, err)
	}
	tx := []types.TransactWriteItem{{Put: &types.Put{
		TableName: &s.table, Item: av, ConditionExpression: strp("attribute_exists(pk) AND version = :prev"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":prev": num(expectedVersion)},
	}}}
	claimAt := -1
	if c.Phone != oldPhone {
		claim, err := s.claimPut(c)
		if err != nil {
			return err
		}
		claimAt = len(tx)
		tx = append(tx, claim)
		if oldPhone != "" {
			tx = append(tx, s.claimDelete(c.OrgID, oldPhone, c.ID))
		}
	}
	put, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	tx = append(tx, put)
	copies, err := copyWrites(&old, &c)
	if err != nil {
		return err
	}
	err = s.transactWithCopies(ctx, tx, copies)
	switch {
	case err == nil:
		return nil
	case cancelled(err, 0):
		return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the contact changed since you read it; read it again and retry with the new ETag")
	case claimAt >= 0 && cancelled(err, claimAt):
		return phoneTaken()
	}
	return fmt.Errorf("update contact %s: %w", c.ID, err)
}

// DeleteContact removes a contact, its phone claim and its copies, with
// the audit event. expectedVersion 0 deletes whatever version is stored. Returns
// ENotFound, EPreconditionFailed (stale_version).
func (s *Store) DeleteContact(ctx context.Context, orgID, id string, expectedVersion int64, audit roster.AuditEvent) error {
	put, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	keepClaim := false
	for attempt := 0; ; attempt++ {
		c, err := s.Contact(ctx, orgID, id)
		if err != nil {
			return err
		}
		if expectedVersion != 0 && c.Version != expectedVersion {
			return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the contact changed since you read it; read it again and retry with the new ETag")
		}
		// Conditioned on the version read, so that the claim deleted is the
		// number the contact still has.
		tx := []types.TransactWriteItem{{Delete: &types.Delete{
			TableName: &s.table, Key: contactKey(orgID, id).av(), ConditionExpression: strp("version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(c.Version)},
		}}}
		if !keepClaim {
			tx = append(tx, s.claimDelete(orgID, c.Phone, id))
		}
		copies, err := copyWrites(&c, nil)
		if err != nil {
			return err
		}
		err = s.transactWithCopies(ctx, append(tx, put), copies)
		switch {
		case err == nil:
			return nil
		case !keepClaim && cancelled(err, 1) && attempt < 3:
			// The number's claim names another contact (an import racing an
			// edit can leave two contacts with one number): delete this
			// contact and leave the claim to its holder.
			keepClaim = true
			continue
		case cancelled(err, 0) && expectedVersion == 0 && attempt < 3:
			continue // changed meanwhile; delete the new version
		case cancelled(err, 0):
			return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the contact changed while this request ran; read it again and retry")
		}
		return fmt.Errorf("delete contact %s: %w", id, err)
	}
}

// Contact reads one contact of an organisation. Returns ENotFound.
func (r *Reader) Contact(ctx context.Context, orgID, id string) (roster.Contact, error) {
	var it contactItem
	if err := r.get(ctx, contactKey(orgID, id), &it, "contact"); err != nil {
		return roster.Contact{}, err
	}
	return it.contact(), nil
}

// ContactIDByPhone follows the phone claim of an E.164 number to its
// contact's id. Returns ENotFound.
func (r *Reader) ContactIDByPhone(ctx context.Context, orgID, e164 string) (string, error) {
	var c phoneClaim
	if err := r.get(ctx, phoneKey(orgID, e164), &c, "contact"); err != nil {
		return "", err
	}
	return c.ContactID, nil
}

// ContactsByID reads the contacts of an organisation with these ids; ids
// with no contact are absent from the map.
func (r *Reader) ContactsByID(ctx context.Context, orgID string, ids []string) (map[string]roster.Contact, error) {
	keys := make([]key, len(ids))
	for i, id := range ids {
		keys[i] = contactKey(orgID, id)
	}
	out := make(map[string]roster.Contact, len(ids))
	err := r.batchGet(ctx, keys, func(item map[string]types.AttributeValue) error {
		c, err := decodeContact(item)
		if err == nil && c.OrgID == orgID {
			out[c.ID] = c
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("contacts of %s by id: %w", orgID, err)
	}
	return out, nil
}

// ContactIDsByPhone maps each E.164 number of an organisation that a
// contact has to that contact's id; free numbers are absent from the map.
func (r *Reader) ContactIDsByPhone(ctx context.Context, orgID string, phones []string) (map[string]string, error) {
	keys := make([]key, len(phones))
	for i, p := range phones {
		keys[i] = phoneKey(orgID, p)
	}
	prefix := orgPK(orgID) + "#PHONE#"
	out := make(map[string]string, len(phones))
	err := r.batchGet(ctx, keys, func(item map[string]types.AttributeValue) error {
		var c phoneClaim
		if err := attributevalue.UnmarshalMap(item, &c); err != nil {
			return fmt.Errorf("decode phone claim: %w", err)
		}
		out[strings.TrimPrefix(c.PK, prefix)] = c.ContactID
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("contacts of %s by phone: %w", orgID, err)
	}
	return out, nil
}

// ListContacts returns a page of an organisation's contacts matching q
// (at most q.Limit; 0: all), and the cursor of the next page ("" on the
// last). It reads the index planContacts picks, in parallel where it
// merges several partitions, and checks every filter of q on what it
// reads; a page can be short, even empty, with a cursor, when filters not
// served by the index drop most of what it read. Pages are in id order,
// or with a name prefix in the order of the name that matched. Returns
// EInvalid (field cursor) for a cursor this query did not give.
func (r *Reader) ListContacts(ctx context.Context, orgID string, q roster.ContactQuery) ([]roster.Contact, string, error) {
	plan, err := r.planContacts(orgID, q)
	if err != nil {
		return nil, "", err
	}
	out, next, err := r.mergeContacts(ctx, plan, q)
	if err != nil {
		return nil, "", fmt.Errorf("list contacts of %s: %w", orgID, err)
	}
	return out, next, nil
}

// eachContactPage is how many contacts one Query of EachContact reads.
const eachContactPage = 500

// EachContact calls fn for every contact of an organisation, shard by
// shard (not in id order), a page of 500 a Query, stopping at fn's first
// error.
func (r *Reader) EachContact(ctx context.Context, orgID string, fn func(roster.Contact) error) error {
	for shard := range contactShards {
		s := r.idStream(contactShardPK(orgID, shard), "")
		for !s.done {
			if _, err := s.fetch(ctx, r, eachContactPage); err != nil {
				return fmt.Errorf("contacts of %s: %w", orgID, err)
			}
			for _, it := range s.items {
				if err := fn(it.contact()); err != nil {
					return err
				}
			}
			s.items = nil
		}
	}
	return nil
}

// WriteContacts stores contacts for an import with BatchWriteItem, 25
// requests a call: each contact, its phone claim, its copies (one per
// group and account rep; those of groups and reps an update leaves, read
// from Previous, are deleted), and the deletion of the claim of
// ReleasePhone when set. Writing claims without conditions is
// the caller's risk: the import checks the numbers first
// (ContactIDsByPhone). Requests are collapsed per key first (a claim
// written by one contact wins over its release by another; the last write
// of a contact, or of a copy, wins), so a batch never holds one key twice, the order of
// batches does not matter, and writing the same writes again leaves the
// same state. Unprocessed items are retried with exponential backoff and
// jitter, a bounded number of times.
func (s *Store) WriteContacts(ctx context.Context, writes []roster.ContactWrite) error {
	type req struct {
		wr     types.WriteRequest
		delete bool
	}
	byKey := map[key]req{}
	var order []key
	add := func(k key, r req, claim bool) {
		if old, seen := byKey[k]; !seen {
			order = append(order, k)
		} else if claim && r.delete && !old.delete {
			return // a claim beats the release of the same number
		}
		byKey[k] = r
	}
	for _, w := range writes {
		c := w.Contact
		item, err := attributevalue.MarshalMap(toContactItem(c))
		if err != nil {
			return fmt.Errorf("encode contact %s: %w", c.ID, err)
		}
		claim, err := attributevalue.MarshalMap(phoneClaim{key: phoneKey(c.OrgID, c.Phone), Type: "PhoneClaim", OrgID: c.OrgID, ContactID: c.ID})
		if err != nil {
			return fmt.Errorf("encode phone claim: %w", err)
		}
		if w.ReleasePhone != "" && w.ReleasePhone != c.Phone {
			k := phoneKey(c.OrgID, w.ReleasePhone)
			add(k, req{wr: types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: k.av()}}, delete: true}, true)
		}
		add(contactKey(c.OrgID, c.ID), req{wr: types.WriteRequest{PutRequest: &types.PutRequest{Item: item}}}, false)
		add(phoneKey(c.OrgID, c.Phone), req{wr: types.WriteRequest{PutRequest: &types.PutRequest{Item: claim}}}, true)
		copies, err := copyWrites(w.Previous, &c)
		if err != nil {
			return err
		}
		for _, cw := range copies {
			add(cw.k, req{wr: cw.request(), delete: cw.item == nil}, false)
		}
	}
	reqs := make([]types.WriteRequest, 0, len(order))
	for _, k := range order {
		reqs = append(reqs, byKey[k].wr)
	}
	return s.batchWrite(ctx, reqs, "write contacts")
}
