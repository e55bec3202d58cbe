package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/roster"
)

const password = "bench password, long enough"

// person is a user the benchmark acts as.
type person struct {
	id     string
	email  string
	caller roster.Caller
	authz  map[string]any // the authorizer's context for their token
}

// org is a seeded organisation and the handles the measured calls need.
type org struct {
	size   size
	id     string
	root   string
	groups map[string]string // support, desk, sales, field

	admin   person
	agent   person   // a support agent: "mine", claim, release
	holder  person   // a support agent who holds 50 claims, to deactivate
	target  string   // a support agent whose roles are changed
	manager string   // a sales manager: the account rep of some contacts
	rare    string   // the one user whose last name starts "Zyzz"
	credit  string   // a user whose credit account has entries
	deskers []string // desk agents with email on

	secret    string
	unclaimed []string // unclaimed support conversations
	phone     string   // a contact's phone
	email     string   // a contact's email

	seeded struct {
		Users, Contacts, Conversations, LedgerEntries, AuditEvents int
	}
}

// parallel runs fn(i) for i in [0, n) on a few goroutines and returns the
// first error.
func parallel(n int, fn func(i int) error) error {
	var next atomic.Int64
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := fn(i); err != nil {
					once.Do(func() { first = fmt.Errorf("item %d: %w", i, err) })
					next.Store(int64(n))
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// lastNames are ordinary names, so that name order and prefixes look like
// a real organisation's.
var lastNames = []string{"Adams", "Baker", "Clark", "Davis", "Evans", "Foster", "Garcia", "Hughes", "Ito", "Jones",
	"Khan", "Lopez", "Miller", "Nguyen", "Olsen", "Patel", "Quinn", "Reyes", "Smith", "Turner", "Ueda", "Vargas", "Walsh", "Young"}

func phoneOf(i int) string { return fmt.Sprintf("+1212%07d", 2000000+i) }

func (e *env) signIn(ctx context.Context, email string) (map[string]any, error) {
	tok, err := e.authSvc.Login(ctx, email, password, roster.Client{IP: "192.0.2.1"})
	if err != nil {
		return nil, fmt.Errorf("sign in %s: %w", email, err)
	}
	return e.authorizerContext(ctx, tok.AccessToken)
}

func (e *env) seed(ctx context.Context, sz size) (*org, error) {
	o := &org{size: sz, groups: map[string]string{}}
	e.clock.set(time.Now())

	created, err := e.orgSvc.Create(ctx, roster.NewOrganisationInput{
		Name: "Bench " + sz.Name, DefaultRegion: "us", TimeZone: "America/Chicago",
		Admin: roster.NewUserInput{Email: "admin@" + sz.Name + ".example", FirstName: "Ada", LastName: "Admin", Password: password},
	})
	if err != nil {
		return nil, fmt.Errorf("create organisation: %w", err)
	}
	o.id, o.root = created.Organisation.ID, created.RootGroup.ID
	o.admin = person{id: created.Admin.ID, email: created.Admin.Email,
		caller: roster.Caller{OrgID: o.id, UserID: created.Admin.ID, Grants: created.Admin.Grants}}
	if o.admin.authz, err = e.signIn(ctx, o.admin.email); err != nil {
		return nil, err
	}
	for _, name := range []string{"support", "desk", "sales", "field"} {
		n, kind := strings.ToUpper(name[:1])+name[1:], "department"
		g, err := e.groupSvc.Create(ctx, o.admin.caller, roster.GroupInput{Name: &n, Kind: &kind, ParentID: &o.root})
		if err != nil {
			return nil, fmt.Errorf("create group %s: %w", name, err)
		}
		o.groups[name] = g.ID
	}
	// Email notifications are off by default here, so that seeded messages
	// mail no one; the desk agents turn theirs on.
	off := roster.DefaultNotificationSettings
	off.EmailEnabled = false
	if _, err := e.settings.PutDefault(ctx, o.admin.caller, off, 0); err != nil {
		return nil, fmt.Errorf("default notification settings: %w", err)
	}

	if err := e.seedUsers(ctx, o); err != nil {
		return nil, err
	}
	if o.secret, err = e.convs.RotateSecret(ctx, o.admin.caller); err != nil {
		return nil, fmt.Errorf("webhook secret: %w", err)
	}
	if err := e.seedConversations(ctx, o); err != nil {
		return nil, err
	}
	if err := e.seedContacts(ctx, o); err != nil {
		return nil, err
	}
	if err := e.seedLedger(ctx, o); err != nil {
		return nil, err
	}
	return o, nil
}

func (e *env) seedUsers(ctx context.Context, o *org) error {
	sz := o.size
	type plan struct {
		group string
		role  roster.Role
		desk  bool
	}
	roleOf := func(i int) plan {
		switch {
		case i < sz.SupportAgents:
			return plan{"support", roster.RoleAgent, false}
		case i < sz.SupportAgents+5:
			return plan{"desk", roster.RoleAgent, true}
		case i < sz.SupportAgents+5+sz.DeskSilent:
			return plan{"desk", roster.RoleAgent, false}
		case i < sz.SupportAgents+5+sz.DeskSilent+10:
			return plan{"sales", roster.RoleManager, false}
		case i%2 == 0:
			return plan{"field", roster.RoleViewer, false}
		default:
			return plan{"sales", roster.RoleAgent, false}
		}
	}
	n := sz.Users - 1 // the administrator exists
	ids := make([]string, n)
	emails := make([]string, n)
	on := roster.DefaultNotificationSettings
	on.EmailEnabled, on.UnclaimedMinutes, on.LimitToHours = true, 1, false
	err := parallel(n, func(i int) error {
		p := roleOf(i)
		last := lastNames[i%len(lastNames)]
		if i == n-1 {
			last = "Zyzzyva"
		}
		in := roster.CreateUserInput{
			Email:     fmt.Sprintf("u%05d@%s.example", i, sz.Name),
			FirstName: fmt.Sprintf("User%05d", i), LastName: last,
			Roles:          []roster.Grant{{Role: p.role, GroupID: o.groups[p.group]}},
			PasswordOption: roster.PasswordSet, Password: password,
		}
		c, err := e.userSvc.Create(ctx, o.admin.caller, in)
		if err != nil {
			return err
		}
		ids[i], emails[i] = c.User.ID, c.User.Email
		if p.desk {
			if _, err := e.settings.Put(ctx, o.admin.caller, c.User.ID, on, nil, 0); err != nil {
				return fmt.Errorf("desk agent settings: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("create users: %w", err)
	}
	o.seeded.Users = sz.Users
	o.seeded.AuditEvents += n
	o.target = ids[1]
	o.manager = ids[sz.SupportAgents+5+sz.DeskSilent]
	o.rare = ids[n-1]
	o.credit = ids[n-2]
	for i := range 5 {
		o.deskers = append(o.deskers, ids[sz.SupportAgents+i])
	}
	callerOf := func(i int) person {
		return person{id: ids[i], email: emails[i], caller: roster.Caller{OrgID: o.id, UserID: ids[i],
			Grants: []roster.Grant{{Role: roleOf(i).role, GroupID: o.groups[roleOf(i).group]}}}}
	}
	o.agent, o.holder = callerOf(0), callerOf(2)
	var err2 error
	if o.agent.authz, err2 = e.signIn(ctx, o.agent.email); err2 != nil {
		return err2
	}
	return nil
}

// seedConversations receives one message from each of Conversations new
// customers (which makes their contacts), spread over the support, sales
// and field groups, and gives the holder 50 support claims.
func (e *env) seedConversations(ctx context.Context, o *org) error {
	sz := o.size
	groupsOf := []string{"support", "sales", "field"}
	ids := make([]string, sz.Conversations)
	err := parallel(sz.Conversations, func(i int) error {
		msg, _, err := e.convs.Receive(ctx, o.id, conversations.Inbound{
			ProviderID: fmt.Sprintf("seed-%s-%d", sz.Name, i), From: phoneOf(i),
			GroupID: o.groups[groupsOf[i%3]], Text: "Hello, is anyone there?",
		})
		if err != nil {
			return err
		}
		ids[i] = msg.ConversationID
		return nil
	})
	if err != nil {
		return fmt.Errorf("receive messages: %w", err)
	}
	o.seeded.Conversations = sz.Conversations
	o.seeded.Contacts += sz.Conversations
	claims := 0
	for i, id := range ids {
		if i%3 != 0 {
			continue
		}
		switch {
		case claims < 50:
			if _, err := e.convs.Claim(ctx, o.holder.caller, id); err != nil {
				return fmt.Errorf("claim for the holder: %w", err)
			}
			claims++
		default:
			o.unclaimed = append(o.unclaimed, id)
		}
	}
	if claims < 50 || len(o.unclaimed) < 2 {
		return fmt.Errorf("too few support conversations (%d) for 50 claims and two more", sz.Conversations/3)
	}
	return nil
}

// seedContacts makes the rest of the contacts: some through the API's
// service (each audited), the rest as an import writes them.
func (e *env) seedContacts(ctx context.Context, o *org) error {
	sz := o.size
	rest := sz.Contacts - o.seeded.Contacts
	audited := min(rest, max(0, sz.AuditEvents-o.seeded.AuditEvents-sz.LedgerEntries))
	base := sz.Conversations
	inputOf := func(i int) roster.ContactInput {
		in := roster.ContactInput{
			FirstName: fmt.Sprintf("Customer%06d", i), LastName: lastNames[(i*7)%len(lastNames)],
			Phone: phoneOf(base + i), Email: fmt.Sprintf("c%06d@customer.example", i),
			Groups: []string{o.groups[[]string{"sales", "field"}[i%2]]},
		}
		if i%50 == 0 {
			in.AccountReps = []string{o.manager}
		}
		return in
	}
	err := parallel(audited, func(i int) error {
		_, err := e.contacts.Create(ctx, o.admin.caller, inputOf(i))
		return err
	})
	if err != nil {
		return fmt.Errorf("create contacts: %w", err)
	}
	o.seeded.AuditEvents += audited
	now := e.clock.Now()
	const batch = 100
	for from := audited; from < rest; from += batch {
		var writes []roster.ContactWrite
		for i := from; i < min(rest, from+batch); i++ {
			in := inputOf(i)
			if err := roster.ValidateContactInput(&in, nil, "US", func(s, _ string) (string, error) { return s, nil }); err != nil {
				return err
			}
			writes = append(writes, roster.ContactWrite{Contact: roster.NewContact(o.id, roster.NewID(now), in, now)})
		}
		if err := e.store.WriteContacts(ctx, writes); err != nil {
			return fmt.Errorf("write contacts: %w", err)
		}
	}
	o.seeded.Contacts = sz.Contacts
	o.phone, o.email = phoneOf(base+7), "c000007@customer.example"
	return nil
}

func (e *env) seedLedger(ctx context.Context, o *org) error {
	sz := o.size
	amount := float64(sz.LedgerEntries)
	if _, err := e.credits.Grant(ctx, o.admin.caller, roster.GrantInput{Amount: &amount, Note: "bought"}); err != nil {
		return fmt.Errorf("grant: %w", err)
	}
	one := 1.0
	err := parallel(sz.LedgerEntries-1, func(i int) error {
		_, err := e.credits.Transfer(ctx, o.admin.caller, roster.TransferInput{From: "company", To: o.credit, Amount: &one, Note: "monthly"})
		return err
	})
	if err != nil {
		return fmt.Errorf("transfer: %w", err)
	}
	o.seeded.LedgerEntries = sz.LedgerEntries
	o.seeded.AuditEvents += sz.LedgerEntries
	return nil
}
