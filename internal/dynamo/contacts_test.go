package dynamo_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/roster"
)

func testContact(orgID, phone string, groups ...string) roster.Contact {
	c := roster.NewContact(orgID, roster.NewID(t0), roster.ContactInput{
		FirstName: "Cy", LastName: "Contact", Phone: phone, Email: "cy@example.com",
		Address: roster.Address{City: "Boston"}, Consent: roster.ConsentOptedIn, ConsentSource: "paper form", Groups: groups,
	}, t0)
	return c
}

func contactAudit(orgID, typ, subject string) roster.AuditEvent {
	return roster.AuditEvent{ID: roster.NewID(t0), OrgID: orgID, ActorID: "ann", Type: typ, SubjectID: subject, At: t0}
}

func TestContactWrites(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org := roster.NewID(t0)
	c := testContact(org, "+12015550100", "g1", "g2")
	if err := s.CreateContact(ctx, c, contactAudit(org, "contact.created", c.ID)); err != nil {
		t.Fatalf("CreateContact: %v", err)
	}

	t.Run("reads back by id and phone", func(t *testing.T) {
		got, err := s.Contact(ctx, org, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Phone != c.Phone || got.Address.City != "Boston" || got.Consent != c.Consent || !got.Consent.At.Equal(t0) ||
			!slices.Equal(got.Groups, c.Groups) || got.Version != 1 || !got.CreatedAt.Equal(t0) || got.OrgID != org {
			t.Fatalf("read back %+v", got)
		}
		id, err := s.ContactIDByPhone(ctx, org, c.Phone)
		if err != nil || id != c.ID {
			t.Fatalf("ContactIDByPhone = %q, %v", id, err)
		}
	})
	t.Run("another organisation finds nothing", func(t *testing.T) {
		if _, err := s.Contact(ctx, roster.NewID(t0), c.ID); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("err = %v", err)
		}
		if _, err := s.ContactIDByPhone(ctx, roster.NewID(t0), c.Phone); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a taken phone is refused and writes nothing", func(t *testing.T) {
		dup := testContact(org, c.Phone, "g1")
		if err := s.CreateContact(ctx, dup, contactAudit(org, "contact.created", dup.ID)); roster.ReasonOf(err) != "phone_taken" {
			t.Fatalf("err = %v, want phone_taken", err)
		}
		if _, err := s.Contact(ctx, org, dup.ID); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("half-written contact: %v", err)
		}
	})
	t.Run("the same phone in another organisation is fine", func(t *testing.T) {
		other := roster.NewID(t0)
		o := testContact(other, c.Phone, "g1")
		if err := s.CreateContact(ctx, o, contactAudit(other, "contact.created", o.ID)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("an update moves the phone claim", func(t *testing.T) {
		in := c.Input()
		in.Phone, in.Address = "+12015550101", roster.Address{}
		next := c.Updated(in, t0.Add(time.Minute))
		if err := s.UpdateContact(ctx, c, next, contactAudit(org, "contact.updated", c.ID)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ContactIDByPhone(ctx, org, c.Phone); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("old claim still there: %v", err)
		}
		if id, _ := s.ContactIDByPhone(ctx, org, next.Phone); id != c.ID {
			t.Fatalf("new claim points at %q", id)
		}
		got, _ := s.Contact(ctx, org, c.ID)
		if got.Version != 2 || got.Address.City != "" || got.Phone != next.Phone {
			t.Fatalf("after update %+v", got)
		}
		c = got
	})
	t.Run("a stale version is a failed precondition", func(t *testing.T) {
		next := c.Updated(c.Input(), t0)
		stale := c
		stale.Version = 1
		err := s.UpdateContact(ctx, stale, next, contactAudit(org, "contact.updated", c.ID))
		if roster.ErrorCodeOf(err) != roster.EPreconditionFailed {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("moving to a taken phone is refused and keeps the old claim", func(t *testing.T) {
		other := testContact(org, "+12015550102", "g1")
		if err := s.CreateContact(ctx, other, contactAudit(org, "contact.created", other.ID)); err != nil {
			t.Fatal(err)
		}
		in := c.Input()
		in.Phone = other.Phone
		err := s.UpdateContact(ctx, c, c.Updated(in, t0), contactAudit(org, "contact.updated", c.ID))
		if roster.ReasonOf(err) != "phone_taken" {
			t.Fatalf("err = %v", err)
		}
		if id, _ := s.ContactIDByPhone(ctx, org, c.Phone); id != c.ID {
			t.Fatal("the old claim was lost")
		}
	})
	t.Run("delete checks the version and frees the phone", func(t *testing.T) {
		if err := s.DeleteContact(ctx, org, c.ID, 1, contactAudit(org, "contact.deleted", c.ID)); roster.ErrorCodeOf(err) != roster.EPreconditionFailed {
			t.Fatalf("stale delete: %v", err)
		}
		if err := s.DeleteContact(ctx, org, c.ID, 0, contactAudit(org, "contact.deleted", c.ID)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Contact(ctx, org, c.ID); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("still there: %v", err)
		}
		if _, err := s.ContactIDByPhone(ctx, org, c.Phone); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("claim still there: %v", err)
		}
		if err := s.DeleteContact(ctx, org, c.ID, 0, contactAudit(org, "contact.deleted", c.ID)); roster.ErrorCodeOf(err) != roster.ENotFound {
			t.Fatalf("second delete: %v", err)
		}
	})
	t.Run("empty lists are left out, not garbled", func(t *testing.T) {
		e := testContact(org, "+12015550103", "g1")
		e.AccountReps = []string{}
		if err := s.CreateContact(ctx, e, contactAudit(org, "contact.created", e.ID)); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Contact(ctx, org, e.ID); err != nil || len(got.AccountReps) != 0 {
			t.Fatalf("read back %+v, %v", got, err)
		}
		// A failed transaction next to a garbled item used to break the
		// emulator's queries of the organisation's partition.
		dup := testContact(org, e.Phone, "g1")
		if err := s.CreateContact(ctx, dup, contactAudit(org, "contact.created", dup.ID)); roster.ReasonOf(err) != "phone_taken" {
			t.Fatalf("err = %v", err)
		}
		if _, err := s.Groups(ctx, org); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteContact(ctx, org, e.ID, 0, contactAudit(org, "contact.deleted", e.ID)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("every write is audited", func(t *testing.T) {
		events, err := s.AuditEvents(ctx, org)
		if err != nil {
			t.Fatal(err)
		}
		var types []string
		for _, e := range events {
			types = append(types, e.Type)
		}
		want := []string{"contact.created", "contact.updated", "contact.created", "contact.deleted", "contact.created", "contact.deleted"}
		if !slices.Equal(types, want) {
			t.Fatalf("audit = %v, want %v", types, want)
		}
	})
}

// seedContacts writes n contacts of org through WriteContacts, in id order,
// phones +1201555xxxx from 1000, every third one in group "b".
func seedContacts(t *testing.T, s *dynamo.Store, org string, n int) []roster.Contact {
	t.Helper()
	var out []roster.Contact
	var writes []roster.ContactWrite
	for i := range n {
		group := "a"
		if i%3 == 0 {
			group = "b"
		}
		c := testContact(org, fmt.Sprintf("+1201555%04d", 1000+i), group)
		c.FirstName = fmt.Sprintf("N%03d", i)
		out = append(out, c)
		writes = append(writes, roster.ContactWrite{Contact: c})
	}
	if err := s.WriteContacts(context.Background(), writes); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteContactsAndBatchReads(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org := roster.NewID(t0)
	all := seedContacts(t, s, org, 130) // 260 requests: 11 batches of writes, 2 batch reads
	ids := make([]string, 0, len(all)+1)
	phones := make([]string, 0, len(all)+1)
	for _, c := range all {
		ids, phones = append(ids, c.ID), append(phones, c.Phone)
	}
	ids, phones = append(ids, "missing", all[0].ID), append(phones, "+19999999999")

	byID, err := s.ContactsByID(ctx, org, ids)
	if err != nil || len(byID) != len(all) || byID[all[77].ID].Phone != all[77].Phone {
		t.Fatalf("ContactsByID: %d contacts, %v", len(byID), err)
	}
	byPhone, err := s.ContactIDsByPhone(ctx, org, phones)
	if err != nil || len(byPhone) != len(all) || byPhone[all[129].Phone] != all[129].ID {
		t.Fatalf("ContactIDsByPhone: %d, %v", len(byPhone), err)
	}
	if other, _ := s.ContactsByID(ctx, roster.NewID(t0), ids); len(other) != 0 {
		t.Fatalf("another organisation reads %d contacts", len(other))
	}

	t.Run("an update releases the old phone; writing twice changes nothing", func(t *testing.T) {
		// Contact 0 moves to a new number; contact 1 takes contact 0's old one.
		in0, in1 := all[0].Input(), all[1].Input()
		in0.Phone, in1.Phone = "+12025550000", all[0].Phone
		writes := []roster.ContactWrite{
			{Contact: all[1].Updated(in1, t0), ReleasePhone: all[1].Phone},
			{Contact: all[0].Updated(in0, t0), ReleasePhone: all[0].Phone},
		}
		for range 2 {
			if err := s.WriteContacts(ctx, writes); err != nil {
				t.Fatal(err)
			}
			got, _ := s.ContactIDsByPhone(ctx, org, []string{all[0].Phone, all[1].Phone, "+12025550000"})
			want := map[string]string{all[0].Phone: all[1].ID, "+12025550000": all[0].ID}
			if len(got) != len(want) || got[all[0].Phone] != want[all[0].Phone] || got["+12025550000"] != all[0].ID {
				t.Fatalf("claims = %v, want %v", got, want)
			}
		}
		c1, _ := s.Contact(ctx, org, all[1].ID)
		if c1.Phone != all[0].Phone || c1.Version != 2 {
			t.Fatalf("contact 1 = %+v", c1)
		}
	})
	t.Run("EachContact streams every contact once", func(t *testing.T) {
		seen := map[string]int{}
		if err := s.EachContact(ctx, org, func(c roster.Contact) error { seen[c.ID]++; return nil }); err != nil {
			t.Fatal(err)
		}
		if len(seen) != len(all) {
			t.Fatalf("saw %d contacts, want %d", len(seen), len(all))
		}
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("%s seen %d times", id, n)
			}
		}
		stop := fmt.Errorf("stop")
		if err := s.EachContact(ctx, org, func(roster.Contact) error { return stop }); err != stop {
			t.Fatalf("fn's error = %v", err)
		}
	})
}

func TestListContacts(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	org := roster.NewID(t0)
	all := seedContacts(t, s, org, 40)
	seedContacts(t, s, roster.NewID(t0), 5) // another organisation

	page := func(q roster.ContactQuery) []string {
		t.Helper()
		var got []string
		for range 100 {
			items, next, err := s.ListContacts(ctx, org, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range items {
				got = append(got, c.ID)
			}
			if q.Limit > 0 && len(items) > q.Limit {
				t.Fatalf("%d items over limit %d", len(items), q.Limit)
			}
			if next == "" {
				return got
			}
			// A filter no index serves (phone digits) may read a page's
			// worth and return fewer, even none, with a cursor.
			q.After = next
		}
		t.Fatal("pagination does not end")
		return nil
	}
	var want []string
	for _, c := range all {
		want = append(want, c.ID)
	}
	slices.Sort(want)
	tests := []struct {
		name  string
		q     roster.ContactQuery
		match func(i int) bool
	}{
		{"every contact in id order, no limit", roster.ContactQuery{}, func(int) bool { return true }},
		{"pages of 7", roster.ContactQuery{Limit: 7}, func(int) bool { return true }},
		{"pages of 1", roster.ContactQuery{Limit: 1}, func(int) bool { return true }},
		{"a group, paged", roster.ContactQuery{GroupIDs: []string{"b"}, Limit: 4}, func(i int) bool { return i%3 == 0 }},
		{"a name prefix", roster.ContactQuery{NamePrefix: "n01", Limit: 3}, func(i int) bool { return i >= 10 && i < 20 }},
		{"first and last name", roster.ContactQuery{NamePrefix: "N005 con"}, func(i int) bool { return i == 5 }},
		{"phone digits at the end", roster.ContactQuery{Phone: "5551003"}, func(i int) bool { return i == 3 }},
		{"phone digits at the end, paged", roster.ContactQuery{Phone: "3", Limit: 1}, func(i int) bool { return i%10 == 3 }},
		{"a check no index serves, paged", roster.ContactQuery{Visible: func(c roster.Contact) bool { return c.FirstName == "N037" }, Limit: 1}, func(i int) bool { return i == 37 }},
		{"a group and a reach, paged", roster.ContactQuery{GroupIDs: []string{"a"}, VisibleGroups: []string{"a", "b"}, Limit: 3}, func(i int) bool { return i%3 != 0 }},
		{"an exact phone", roster.ContactQuery{Phone: "+12015551004"}, func(i int) bool { return i == 4 }},
		{"visibility", roster.ContactQuery{Visible: func(c roster.Contact) bool { return c.FirstName < "N010" }, Limit: 5}, func(i int) bool { return i < 10 }},
		{"nothing matches", roster.ContactQuery{Email: "nobody@example.com", Limit: 5}, func(int) bool { return false }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var exp []string
			for i, c := range all {
				if tt.match(i) {
					exp = append(exp, c.ID)
				}
			}
			slices.Sort(exp)
			if got := page(tt.q); !slices.Equal(got, exp) {
				t.Fatalf("got %d ids %v\nwant %d %v", len(got), got, len(exp), exp)
			}
		})
	}
}

func TestDeleteAContactWhoseNumberIsClaimedByAnother(t *testing.T) {
	ctx := context.Background()
	s := mustStore(t)
	in := roster.ContactInput{FirstName: "A", Phone: "+12015550100", Consent: roster.ConsentUnknown, Groups: []string{"g1"}}
	a := roster.NewContact("o1", "c-a", in, t0)
	b := roster.NewContact("o1", "c-b", in, t0)
	// Unconditional batch writes (an import racing an edit) can leave two
	// contacts with one number; the claim names the last written.
	if err := s.WriteContacts(ctx, []roster.ContactWrite{{Contact: a}}); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteContacts(ctx, []roster.ContactWrite{{Contact: b}}); err != nil {
		t.Fatal(err)
	}
	audit := roster.AuditEvent{ID: "ev1", OrgID: "o1", ActorID: "u1", Type: "contact.deleted", SubjectID: "c-a", At: t0}
	if err := s.DeleteContact(ctx, "o1", "c-a", 0, audit); err != nil {
		t.Fatalf("delete the contact that lost its claim: %v", err)
	}
	if _, err := s.Contact(ctx, "o1", "c-a"); roster.ErrorCodeOf(err) != roster.ENotFound {
		t.Fatalf("contact still there: %v", err)
	}
	if id, err := s.ContactIDByPhone(ctx, "o1", "+12015550100"); err != nil || id != "c-b" {
		t.Fatalf("claim = %q, %v; want it left to c-b", id, err)
	}
}
