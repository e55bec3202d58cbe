package dynamo_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/roster"
)

// Tenant isolation as a contract (issue 11, point 12): two real
// organisations in one table, and every exported store method that takes an
// organisation called as organisation B with organisation A's ids. A read
// must answer not-found or nothing; a write must change nothing of A's.
// The methods are enumerated by reflection: a new method without an entry
// below fails the test.

// tenantTOTPSecret is the second factor of A's administrator.
const tenantTOTPSecret = "JBSWY3DPEHPK3PXP"

// tenantA is what organisation A holds; B holds only its organisation,
// root group and administrator.
type tenantA struct {
	org      roster.Organisation
	root     roster.Group
	admin    roster.User
	contact  roster.Contact
	template roster.MessageTemplate
	conv     roster.Conversation
	imp      roster.ContactImport
	export   roster.ContactExport
	text     roster.OutboundText // a welcome text, queued
	reply    roster.Message      // an outbound reply of conv, sent (provider id "prov-a")
	optOut   roster.OptOut
	session  roster.Session
}

// textRefs are A's welcome text and reply as org names them.
func (a tenantA) textRefs(org string) []roster.TextRef {
	return []roster.TextRef{{OrgID: org, ID: a.text.ID}, {OrgID: org, ConversationID: a.conv.ID, ID: a.reply.ID}}
}

type tenantFixture struct {
	s    *dynamo.Store
	a    tenantA
	bOrg roster.Organisation
	bAdm roster.User
}

func seedTenants(t *testing.T) *tenantFixture {
	t.Helper()
	ctx := context.Background()
	s := mustStore(t)
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seed %s: %v", what, err)
		}
	}
	var a tenantA
	a.org, a.root, a.admin = newOrg("ann@a.example")
	must("org A", s.CreateOrganisation(ctx, a.org, a.root, a.admin, nil))
	bOrg, bRoot, bAdm := newOrg("bob@b.example")
	bRoot.ID, bOrg.RootGroupID, bAdm.ID = roster.NewID(t0), "", roster.NewID(t0)
	bOrg.RootGroupID = bRoot.ID
	bAdm.Grants = []roster.Grant{{Role: roster.RoleAdmin, GroupID: bRoot.ID}}
	must("org B", s.CreateOrganisation(ctx, bOrg, bRoot, bAdm, nil))

	a.contact = testContact(a.org.ID, "+12015550100", a.root.ID)
	a.contact.AccountReps = []string{a.admin.ID}
	must("contact", s.CreateContact(ctx, a.contact, contactAudit(a.org.ID, "contact.created", a.contact.ID)))
	a.template = roster.MessageTemplate{ID: roster.NewID(t0), OrgID: a.org.ID, Name: "Hello", Body: "Hi", Version: 1,
		CreatedAt: t0, UpdatedAt: t0, CreatedBy: a.admin.ID}
	must("template", s.PutTemplate(ctx, a.template, 0, contactAudit(a.org.ID, "template.created", a.template.ID)))
	must("favourites", s.PutFavoriteTemplates(ctx, a.org.ID, a.admin.ID, []string{a.template.ID}, 0))
	own := roster.DefaultNotificationSettings
	own.UnclaimedMinutes = 7 // unlike the defaults B reads
	must("settings", s.PutNotificationSettings(ctx, a.org.ID, a.admin.ID, roster.StoredNotificationSettings{
		Settings: own, Version: 1, UpdatedAt: t0, UpdatedBy: a.admin.ID}, 0,
		contactAudit(a.org.ID, "settings.changed", a.admin.ID)))
	must("hours", s.PutGroupHours(ctx, a.org.ID, a.root.ID, roster.Hours{TimeZone: "UTC"}, 0,
		contactAudit(a.org.ID, "hours.changed", a.root.ID)))
	a.conv = saveConversation(t, s, a.org.ID, a.root.ID, t0)
	claimed := a.conv
	claimed.ClaimedBy, claimed.ClaimedAt, claimed.Version = a.admin.ID, t0, a.conv.Version+1
	must("claim", s.UpdateConversation(ctx, roster.ConversationChange{Conversation: claimed, PrevVersion: a.conv.Version, Claim: a.admin.ID, Now: t0}))
	a.conv = claimed
	grant, err := roster.NewGrant(a.org.ID, a.admin.ID, roster.GrantInput{Amount: amount(5)}, t0)
	must("grant", err)
	must("grant", s.MoveCredits(ctx, grant))
	consume, err := roster.NewConsumption(a.org.ID, "company", roster.ConsumeInput{Reference: "rec-1"}, t0.Add(time.Second))
	must("consume", err)
	must("consume", s.MoveCredits(ctx, consume))
	must("webhook secret", s.SetWebhookSecret(ctx, a.org.ID, "secret-a", t0, contactAudit(a.org.ID, "webhook.secret", a.org.ID)))
	// A's administrator has a second factor with recovery codes, and A requires them.
	must("mfa pending", s.StartTOTPEnrolment(ctx, a.org.ID, a.admin.ID, tenantTOTPSecret, t0))
	must("mfa", s.ConfirmTOTP(ctx, a.org.ID, a.admin.ID, tenantTOTPSecret, roster.TOTPFactor{Secret: tenantTOTPSecret, EnrolledAt: t0,
		LastStep: 100, RecoveryCodes: []string{"hash-0", "hash-1"}}, contactAudit(a.org.ID, "user.mfa_enrolled", a.admin.ID)))
	must("security", s.SetOrgSecurity(ctx, a.org.ID, roster.OrgSecurity{RequireMFAForAdmins: true, Version: 2}, contactAudit(a.org.ID, "organisation.security_changed", a.org.ID)))
	a.admin, err = s.User(ctx, a.org.ID, a.admin.ID)
	must("admin after enrolment", err)
	a.imp = roster.ContactImport{ID: roster.NewID(t0), OrgID: a.org.ID, Mode: roster.ImportNew, Source: roster.UploadViaAPI,
		ObjectKey: "incoming/a.csv", FileName: "a.csv", UploaderID: a.admin.ID, UploaderEmail: a.admin.Email,
		Status: roster.ImportAwaitingUpload, Version: 1, CreatedAt: t0, UpdatedAt: t0}
	must("import", s.CreateImport(ctx, a.imp, nil))
	a.export = roster.ContactExport{ID: roster.NewID(t0), OrgID: a.org.ID, RequestedBy: a.admin.ID, Format: "csv",
		Status: roster.ExportQueued, Version: 1, CreatedAt: t0, UpdatedAt: t0}
	must("export", s.SaveExport(ctx, a.export, nil))
	a.text = roster.OutboundText{ID: "welcome-" + a.contact.ID, OrgID: a.org.ID, ContactID: a.contact.ID, To: a.contact.Phone,
		Kind: roster.TextWelcome, Body: "hi", CreatedAt: t0, Status: roster.TextQueued, StatusAt: t0, NextAttemptAt: t0}
	must("text", s.QueueTexts(ctx, []roster.OutboundText{a.text}))
	a.reply = roster.Message{ID: roster.NewID(t0), OrgID: a.org.ID, ConversationID: a.conv.ID, Direction: roster.Outbound, Body: "hello",
		To: a.conv.ContactPhone, UserID: a.admin.ID, At: t0, Status: roster.TextQueued, StatusAt: t0}
	must("reply", s.SaveOutbound(ctx, a.reply))
	must("reply sent", s.TextSent(ctx, roster.TextRef{OrgID: a.org.ID, ConversationID: a.conv.ID, ID: a.reply.ID}, "prov-a", t0))
	a.optOut = roster.OptOut{OrgID: a.org.ID, Phone: "+12015550177", At: t0, MessageID: roster.NewID(t0)}
	must("opt-out", s.SetOptOut(ctx, a.optOut, nil))
	must("texting settings", s.SetTextingSettings(ctx, a.org.ID, roster.TextingSettings{OriginationIdentity: "+12015550000", HelpText: "A help"}, 0,
		contactAudit(a.org.ID, "organisation.texting_changed", a.org.ID)))
	a.session = roster.Session{ID: roster.NewID(t0), OrgID: a.org.ID, UserID: a.admin.ID, TokenHash: "h", CreatedAt: t0,
		ExpiresAt: t0.Add(time.Hour), IP: "192.0.2.1", UserAgent: "curl/8.5.0"}
	must("session", s.CreateSession(ctx, a.session))
	pending := a.admin // a change of email waiting for its link, which SetEmailChangeToken would complete
	pending.PendingEmail = &roster.EmailChange{Email: "ann.new@a.example", RequestedAt: t0, ExpiresAt: t0.Add(roster.EmailChangeTTL)}
	pending.Version++
	must("pending email", s.UpdateUser(ctx, a.admin, roster.UserChange{User: pending, Audit: contactAudit(a.org.ID, "user.email_change_requested", a.admin.ID)}, nil))
	a.admin = pending
	return &tenantFixture{s: s, a: a, bOrg: bOrg, bAdm: bAdm}
}

// snapshotA reads what A holds through the store as A.
func (f *tenantFixture) snapshotA(t *testing.T) map[string]any {
	t.Helper()
	ctx, s, a := context.Background(), f.s, f.a
	snap := map[string]any{}
	get := func(name string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("read A's %s as A: %v", name, err)
		}
		snap[name] = v
	}
	v1, e := s.Organisation(ctx, a.org.ID)
	get("organisation", v1, e)
	v2, e := s.Groups(ctx, a.org.ID)
	get("groups", v2, e)
	v3, e := s.User(ctx, a.org.ID, a.admin.ID)
	get("admin", v3, e)
	v4, e := s.Contact(ctx, a.org.ID, a.contact.ID)
	get("contact", v4, e)
	v5, e := s.Template(ctx, a.org.ID, a.template.ID)
	get("template", v5, e)
	ids, ver, e := s.FavoriteTemplates(ctx, a.org.ID, a.admin.ID)
	get("favourites", [2]any{ids, ver}, e)
	v6, e := s.NotificationSettingsOf(ctx, a.org.ID, a.admin.ID)
	get("settings", v6, e)
	h, hv, e := s.GroupHours(ctx, a.org.ID, a.root.ID)
	get("hours", [2]any{h, hv}, e)
	v7, e := s.Conversation(ctx, a.org.ID, a.conv.ID)
	get("conversation", v7, e)
	v8, e := s.CreditAccount(ctx, a.org.ID, "company")
	get("credits", v8, e)
	v9, e := s.Import(ctx, a.org.ID, a.imp.ID)
	get("import", v9, e)
	v10, e := s.Export(ctx, a.org.ID, a.export.ID)
	get("export", v10, e)
	v11, e := s.WebhookSecret(ctx, a.org.ID)
	get("secret", v11, e)
	v12, e := s.AuditEvents(ctx, a.org.ID)
	get("audit", len(v12), e)
	v13, _, e := s.UserSessions(ctx, a.org.ID, a.admin.ID, roster.SessionQuery{Limit: 10})
	get("session list", v13, e)
	v14, e := s.Session(ctx, a.session.ID)
	get("session", v14, e)
	v15, e := s.OrgSecurity(ctx, a.org.ID)
	get("security", v15, e)
	for i, ref := range a.textRefs(a.org.ID) {
		v, e := s.Text(ctx, ref)
		get(fmt.Sprintf("text %d", i), v, e)
	}
	v16, e := s.OptOutOf(ctx, a.org.ID, a.optOut.Phone)
	get("opt-out", v16, e)
	v17, e := s.TextingSettings(ctx, a.org.ID)
	get("texting settings", v17, e)
	return snap
}

type tenantCheck struct {
	// global says why the method has no organisation to cross.
	global string
	// read calls the method as org with A's ids and returns what it found
	// of A's (nil, an empty collection or a not-found error pass). Called
	// as A too, where it must find something: the control that the call
	// would see A's data if the organisation were ignored.
	read      func(ctx context.Context, f *tenantFixture, org string) (any, error)
	noControl bool
	// write calls the method as B with A's ids; A must be unchanged after.
	write func(ctx context.Context, f *tenantFixture) error
}

func tenantContract() map[string]tenantCheck {
	type F = tenantFixture
	type C = context.Context
	r := func(fn func(C, *F, string) (any, error)) tenantCheck { return tenantCheck{read: fn} }
	// own marks reads whose answer as A is not told apart from B's own
	// (counts and defaults every organisation has): no positive control.
	own := func(c tenantCheck) tenantCheck { c.noControl = true; return c }
	w := func(fn func(C, *F) error) tenantCheck { return tenantCheck{write: fn} }
	g := func(why string) tenantCheck { return tenantCheck{global: why} }
	auditB := func(f *F, subject string) roster.AuditEvent {
		return contactAudit(f.bOrg.ID, "x", subject)
	}
	return map[string]tenantCheck{
		// reads
		"Contact":          r(func(c C, f *F, org string) (any, error) { return f.s.Contact(c, org, f.a.contact.ID) }),
		"ContactIDByPhone": r(func(c C, f *F, org string) (any, error) { return f.s.ContactIDByPhone(c, org, f.a.contact.Phone) }),
		"ContactsByID": r(func(c C, f *F, org string) (any, error) {
			return f.s.ContactsByID(c, org, []string{f.a.contact.ID})
		}),
		"ContactIDsByPhone": r(func(c C, f *F, org string) (any, error) {
			return f.s.ContactIDsByPhone(c, org, []string{f.a.contact.Phone})
		}),
		"ListContacts": r(func(c C, f *F, org string) (any, error) {
			var all []roster.Contact
			for _, q := range []roster.ContactQuery{{}, {NamePrefix: "cy"}, {Phone: f.a.contact.Phone}, {Phone: "0100"},
				{Email: f.a.contact.Email}, {GroupIDs: []string{f.a.root.ID}}, {AccountRep: f.a.admin.ID}} {
				q.Limit = 10
				got, _, err := f.s.ListContacts(c, org, q)
				if err != nil {
					return nil, err
				}
				all = append(all, got...)
			}
			return all, nil
		}),
		"EachContact": r(func(c C, f *F, org string) (any, error) {
			var all []roster.Contact
			err := f.s.EachContact(c, org, func(x roster.Contact) error { all = append(all, x); return nil })
			return all, err
		}),
		"InboundLookup": r(func(c C, f *F, org string) (any, error) {
			l, err := f.s.InboundLookup(c, org, "p-"+f.a.conv.ID, f.a.root.ID, f.a.contact.Phone)
			if l.Seen || l.GroupExists || l.ContactID != "" || l.ConversationID != "" {
				return l, err
			}
			return nil, err
		}),
		"Message": r(func(c C, f *F, org string) (any, error) {
			return f.s.Message(c, org, f.a.conv.ID, f.a.conv.LastInboundID)
		}),
		"InboundMessage": r(func(c C, f *F, org string) (any, error) { return f.s.InboundMessage(c, org, "p-"+f.a.conv.ID) }),
		"Conversation":   r(func(c C, f *F, org string) (any, error) { return f.s.Conversation(c, org, f.a.conv.ID) }),
		"ConversationWith": r(func(c C, f *F, org string) (any, error) {
			return f.s.ConversationWith(c, org, f.a.conv.ContactID, f.a.root.ID)
		}),
		"ListConversations": r(func(c C, f *F, org string) (any, error) {
			var all []roster.Conversation
			for _, q := range []roster.ConversationList{{}, {Filter: roster.FilterUnclaimed}, {Groups: []string{f.a.root.ID}}} {
				q.Limit = 10
				got, _, err := f.s.ListConversations(c, org, q)
				if err != nil {
					return nil, err
				}
				all = append(all, got...)
			}
			return all, nil
		}),
		"Messages": r(func(c C, f *F, org string) (any, error) {
			m, _, err := f.s.Messages(c, org, f.a.conv.ID, "", 10)
			return m, err
		}),
		"ClaimedConversations": r(func(c C, f *F, org string) (any, error) {
			return f.s.ClaimedConversations(c, org, f.a.admin.ID)
		}),
		"WebhookSecret": r(func(c C, f *F, org string) (any, error) { return f.s.WebhookSecret(c, org) }),
		"CreditAccount": r(func(c C, f *F, org string) (any, error) {
			a, err := f.s.CreditAccount(c, org, "company")
			if a.Balance != 0 || a.Consumed != 0 {
				return a, err
			}
			return nil, err
		}),
		"CreditAccountsOf": r(func(c C, f *F, org string) (any, error) {
			m, err := f.s.CreditAccountsOf(c, org, []string{"company", f.a.admin.ID})
			for _, a := range m {
				if a.Balance != 0 || a.Consumed != 0 {
					return m, err
				}
			}
			return nil, err
		}),
		"Unlock": r(func(c C, f *F, org string) (any, error) { return f.s.Unlock(c, org, "rec-1") }),
		"Ledger": r(func(c C, f *F, org string) (any, error) {
			var all []roster.LedgerEntry
			for _, q := range []roster.LedgerQuery{{}, {Account: "company"}, {Kind: roster.LedgerGrant}} {
				q.Limit = 10
				got, _, err := f.s.Ledger(c, org, q)
				if err != nil {
					return nil, err
				}
				all = append(all, got...)
			}
			return all, nil
		}),
		"Export": r(func(c C, f *F, org string) (any, error) { return f.s.Export(c, org, f.a.export.ID) }),
		"Import": r(func(c C, f *F, org string) (any, error) { return f.s.Import(c, org, f.a.imp.ID) }),
		"Text": r(func(c C, f *F, org string) (any, error) {
			var found []roster.OutboundText
			for _, ref := range f.a.textRefs(org) {
				t, err := f.s.Text(c, ref)
				if err != nil && roster.ErrorCodeOf(err) != roster.ENotFound {
					return nil, err
				}
				if err == nil {
					found = append(found, t)
				}
			}
			return found, nil
		}),
		"OptOutOf":        r(func(c C, f *F, org string) (any, error) { return f.s.OptOutOf(c, org, f.a.optOut.Phone) }),
		"TextingSettings": r(func(c C, f *F, org string) (any, error) { return f.s.TextingSettings(c, org) }),
		"Groups": r(func(c C, f *F, org string) (any, error) {
			gs, err := f.s.Groups(c, org)
			return onlyB(f, gs, err)
		}),
		"TreeVersion": own(r(func(c C, f *F, org string) (any, error) { return nil, errOf(f.s.TreeVersion(c, org)) })),
		"UsersGrantedAt": r(func(c C, f *F, org string) (any, error) {
			n, err := f.s.UsersGrantedAt(c, org, []string{f.a.root.ID})
			if n != 0 {
				return n, err
			}
			return nil, err
		}),
		"GroupHours": r(func(c C, f *F, org string) (any, error) {
			h, v, err := f.s.GroupHours(c, org, f.a.root.ID)
			if v != 0 || h.TimeZone != "" {
				return h, err
			}
			return nil, err
		}),
		"AdminGuard": own(r(func(c C, f *F, org string) (any, error) {
			// B's own count: one administrator, whatever A holds.
			g, err := f.s.AdminGuard(c, org)
			if err != nil || g.Active != 1 {
				return g, err
			}
			return nil, nil
		})),
		"NotifiableMembers": r(func(c C, f *F, org string) (any, error) {
			m, _, err := f.s.NotifiableMembers(c, org, f.a.root.ID, 1, roster.MaxThresholdMinutes, "", 10)
			return m, err
		}),
		"Template":  r(func(c C, f *F, org string) (any, error) { return f.s.Template(c, org, f.a.template.ID) }),
		"Templates": r(func(c C, f *F, org string) (any, error) { return f.s.Templates(c, org) }),
		"TemplatesByID": r(func(c C, f *F, org string) (any, error) {
			return f.s.TemplatesByID(c, org, []string{f.a.template.ID})
		}),
		"FavoriteTemplates": r(func(c C, f *F, org string) (any, error) {
			ids, v, err := f.s.FavoriteTemplates(c, org, f.a.admin.ID)
			if len(ids) != 0 || v != 0 {
				return ids, err
			}
			return nil, err
		}),
		"NotificationSettingsOf": r(func(c C, f *F, org string) (any, error) {
			s, err := f.s.NotificationSettingsOf(c, org, f.a.admin.ID)
			if s.Version != 0 || s.UpdatedBy != "" {
				return s, err
			}
			return nil, err
		}),
		"EffectiveNotificationSettings": r(func(c C, f *F, org string) (any, error) {
			// B knows no such user: it reads the defaults, not A's own settings.
			got, err := f.s.EffectiveNotificationSettings(c, org, f.a.admin.ID)
			if got != roster.DefaultNotificationSettings {
				return got, err
			}
			return nil, err
		}),
		"OrgNotificationSettings": own(r(func(c C, f *F, org string) (any, error) {
			s, err := f.s.OrgNotificationSettings(c, org)
			if s.Version != 0 {
				return s, err
			}
			return nil, err
		})),
		"AuditEvents": r(func(c C, f *F, org string) (any, error) { return f.s.AuditEvents(c, org) }),
		"AuditPage": r(func(c C, f *F, org string) (any, error) {
			var all []roster.AuditEvent
			for _, q := range []roster.AuditQuery{{}, {ActorID: "ann"}, {SubjectID: f.a.contact.ID}, {Type: "contact.created"}} {
				q.Limit = 10
				got, _, err := f.s.AuditPage(c, org, q)
				if err != nil {
					return nil, err
				}
				all = append(all, got...)
			}
			return all, nil
		}),
		"UsersByName": r(func(c C, f *F, org string) (any, error) {
			p, err := f.s.UsersByName(c, org, roster.UserPageQuery{Statuses: roster.AllStatuses, Limit: 10},
				func(roster.User) bool { return true })
			for _, u := range p.Users {
				if u.OrgID != org || u.ID == f.a.admin.ID {
					return p.Users, err
				}
			}
			return nil, err
		}),
		"UsersByID": r(func(c C, f *F, org string) (any, error) { return f.s.UsersByID(c, org, []string{f.a.admin.ID}) }),
		"UsersByEmail": r(func(c C, f *F, org string) (any, error) {
			return f.s.UsersByEmail(c, org, []string{f.a.admin.Email})
		}),
		"User": r(func(c C, f *F, org string) (any, error) { return f.s.User(c, org, f.a.admin.ID) }),
		"UserSessions": r(func(c C, f *F, org string) (any, error) {
			got, _, err := f.s.UserSessions(c, org, f.a.admin.ID, roster.SessionQuery{Limit: 10})
			return got, err
		}),
		"Organisation": own(r(func(c C, f *F, org string) (any, error) {
			// The id is the organisation: B's id reads B.
			o, err := f.s.Organisation(c, org)
			if o.ID != f.bOrg.ID {
				return o, err
			}
			return nil, err
		})),

		// writes
		"CreateContact": w(func(c C, f *F) error {
			x := f.a.contact
			x.OrgID = f.bOrg.ID
			x.Phone = "+12015550199"
			return f.s.CreateContact(c, x, auditB(f, x.ID))
		}),
		"UpdateContact": w(func(c C, f *F) error {
			old, x := f.a.contact, f.a.contact
			old.OrgID, x.OrgID, x.FirstName, x.Version = f.bOrg.ID, f.bOrg.ID, "Mallory", x.Version+1
			return f.s.UpdateContact(c, old, x, auditB(f, x.ID))
		}),
		"DeleteContact": w(func(c C, f *F) error {
			return f.s.DeleteContact(c, f.bOrg.ID, f.a.contact.ID, f.a.contact.Version, auditB(f, f.a.contact.ID))
		}),
		"WriteContacts": w(func(c C, f *F) error {
			x := f.a.contact
			x.OrgID, x.FirstName = f.bOrg.ID, "Mallory"
			return f.s.WriteContacts(c, []roster.ContactWrite{{Contact: x}})
		}),
		"SaveInbound": w(func(c C, f *F) error {
			conv := f.a.conv
			conv.OrgID = f.bOrg.ID
			m := roster.Message{ID: roster.NewID(t0), OrgID: f.bOrg.ID, ConversationID: conv.ID, Direction: roster.Inbound,
				Body: "x", From: conv.ContactPhone, ProviderID: "p-b", At: t0}
			return f.s.SaveInbound(c, roster.InboundWrite{Message: m, Conversation: conv, PrevVersion: conv.Version})
		}),
		"SaveOutbound": w(func(c C, f *F) error {
			return f.s.SaveOutbound(c, roster.Message{ID: roster.NewID(t0), OrgID: f.bOrg.ID, ConversationID: f.a.conv.ID,
				Direction: roster.Outbound, Body: "x", At: t0})
		}),
		"UpdateConversation": w(func(c C, f *F) error {
			conv := f.a.conv
			conv.OrgID, conv.ClaimedBy, conv.Version = f.bOrg.ID, f.bAdm.ID, conv.Version+1
			return f.s.UpdateConversation(c, roster.ConversationChange{Conversation: conv, PrevVersion: f.a.conv.Version, Claim: f.bAdm.ID, Now: t0})
		}),
		"DropClaim": w(func(c C, f *F) error { return f.s.DropClaim(c, f.bOrg.ID, f.a.admin.ID, f.a.conv.ID) }),
		"SetWebhookSecret": w(func(c C, f *F) error {
			return f.s.SetWebhookSecret(c, f.bOrg.ID, "secret-b", t0, auditB(f, f.bOrg.ID))
		}),
		"MoveCredits": w(func(c C, f *F) error {
			m, err := roster.NewConsumption(f.bOrg.ID, "company", roster.ConsumeInput{Reference: "rec-1"}, t0)
			if err != nil {
				return err
			}
			return f.s.MoveCredits(c, m)
		}),
		"SaveExport": w(func(c C, f *F) error {
			e := f.a.export
			e.OrgID, e.Status, e.Version = f.bOrg.ID, roster.ExportFailed, e.Version+1
			return f.s.SaveExport(c, e, nil)
		}),
		"EndExport": w(func(c C, f *F) error {
			e := f.a.export
			e.OrgID, e.Status, e.Version = f.bOrg.ID, roster.ExportFailed, e.Version+1
			return f.s.EndExport(c, e, nil)
		}),
		"ChangeGroups": w(func(c C, f *F) error {
			grp := f.a.root
			grp.OrgID, grp.Name, grp.Version = f.bOrg.ID, "Mallory", grp.Version+1
			return f.s.ChangeGroups(c, f.bOrg.ID, roster.GroupChange{TreeVersion: 1, Put: &grp, Audit: auditB(f, grp.ID)})
		}),
		"PutGroupHours": w(func(c C, f *F) error {
			return f.s.PutGroupHours(c, f.bOrg.ID, f.a.root.ID, roster.Hours{TimeZone: "Europe/Paris"}, 1, auditB(f, f.a.root.ID))
		}),
		"CreateImport": w(func(c C, f *F) error {
			imp := f.a.imp
			imp.OrgID = f.bOrg.ID
			return f.s.CreateImport(c, imp, nil)
		}),
		"SaveImport": w(func(c C, f *F) error {
			imp := f.a.imp
			imp.OrgID, imp.Status, imp.Version = f.bOrg.ID, roster.ImportFailed, imp.Version+1
			return f.s.SaveImport(c, imp, nil, nil)
		}),
		"OrgSecurity": own(r(func(c C, f *F, org string) (any, error) {
			// B's own policy (never set), whatever A's says.
			sec, err := f.s.OrgSecurity(c, org)
			if err != nil || sec.RequireMFAForAdmins {
				return sec, err
			}
			return nil, nil
		})),
		"SetOrgSecurity": w(func(c C, f *F) error {
			return f.s.SetOrgSecurity(c, f.bOrg.ID, roster.OrgSecurity{RequireMFAForAdmins: true, Version: 2}, auditB(f, f.bOrg.ID))
		}),
		"StartTOTPEnrolment": w(func(c C, f *F) error {
			return f.s.StartTOTPEnrolment(c, f.bOrg.ID, f.a.admin.ID, "MALLORYMALLORY23", t0)
		}),
		"ConfirmTOTP": w(func(c C, f *F) error {
			return f.s.ConfirmTOTP(c, f.bOrg.ID, f.a.admin.ID, tenantTOTPSecret, roster.TOTPFactor{Secret: "MALLORYMALLORY23", LastStep: 1}, auditB(f, f.a.admin.ID))
		}),
		"AcceptTOTPStep": w(func(c C, f *F) error {
			return f.s.AcceptTOTPStep(c, f.bOrg.ID, f.a.admin.ID, tenantTOTPSecret, 1<<40)
		}),
		"UseRecoveryCode": w(func(c C, f *F) error {
			return f.s.UseRecoveryCode(c, f.bOrg.ID, f.a.admin.ID, 0, "hash-0")
		}),
		"ResetMFA": w(func(c C, f *F) error {
			return f.s.ResetMFA(c, f.bOrg.ID, f.a.admin.ID, f.a.admin.Version, auditB(f, f.a.admin.ID))
		}),
		"ChangeUser": w(func(c C, f *F) error {
			u := f.a.admin
			u.OrgID, u.Status, u.Version = f.bOrg.ID, roster.UserDeactivated, u.Version+1
			return f.s.ChangeUser(c, roster.UserChange{User: u, Audit: auditB(f, u.ID)})
		}),
		"PurgeUser": w(func(c C, f *F) error {
			u := f.a.admin
			u.OrgID = f.bOrg.ID
			return f.s.PurgeUser(c, u, nil, auditB(f, u.ID))
		}),
		"UpdateUser": w(func(c C, f *F) error {
			old, u := f.a.admin, f.a.admin
			old.OrgID, u.OrgID, u.FirstName, u.Version = f.bOrg.ID, f.bOrg.ID, "Mallory", u.Version+1
			return f.s.UpdateUser(c, old, roster.UserChange{User: u, Audit: auditB(f, u.ID)}, nil)
		}),
		"PutTemplate": w(func(c C, f *F) error {
			m := f.a.template
			m.OrgID, m.Name, m.Version = f.bOrg.ID, "Mallory", m.Version+1
			return f.s.PutTemplate(c, m, f.a.template.Version, auditB(f, m.ID))
		}),
		"DeleteTemplate": w(func(c C, f *F) error {
			return f.s.DeleteTemplate(c, f.bOrg.ID, f.a.template.ID, f.a.template.Version, auditB(f, f.a.template.ID))
		}),
		"PutFavoriteTemplates": w(func(c C, f *F) error {
			return f.s.PutFavoriteTemplates(c, f.bOrg.ID, f.a.admin.ID, nil, 1)
		}),
		"PutNotificationSettings": w(func(c C, f *F) error {
			return f.s.PutNotificationSettings(c, f.bOrg.ID, f.a.admin.ID, roster.StoredNotificationSettings{
				Settings: roster.DefaultNotificationSettings, Locked: true, Version: 2, UpdatedAt: t0}, 1, auditB(f, f.a.admin.ID))
		}),
		"RequestPasswordReset": w(func(c C, f *F) error {
			u := f.a.admin
			u.OrgID = f.bOrg.ID
			return f.s.RequestPasswordReset(c, u, roster.PasswordReset{TokenHash: "h", ExpiresAt: t0.Add(time.Hour)},
				roster.OutboxMail{ID: roster.NewID(t0), OrgID: f.bOrg.ID, UserID: u.ID})
		}),
		"SetPasswordResetToken": w(func(c C, f *F) error {
			return f.s.SetPasswordResetToken(c, f.bOrg.ID, f.a.admin.ID, f.a.admin.Email, "h", t0.Add(time.Hour))
		}),
		"SetEmailChangeToken": w(func(c C, f *F) error {
			return f.s.SetEmailChangeToken(c, f.bOrg.ID, f.a.admin.ID, f.a.admin.PendingEmail.Email, "h", t0)
		}),
		"ResetPassword": w(func(c C, f *F) error {
			return f.s.ResetPassword(c, f.bOrg.ID, f.a.admin.ID, "h", "$argon2id$mallory", t0, auditB(f, f.a.admin.ID))
		}),
		"QueueTexts": w(func(c C, f *F) error {
			x := f.a.text
			x.OrgID, x.Body = f.bOrg.ID, "mallory"
			return f.s.QueueTexts(c, []roster.OutboundText{x})
		}),
		"ClaimText": w(func(c C, f *F) error {
			for _, ref := range f.a.textRefs(f.bOrg.ID) {
				_, _ = f.s.ClaimText(c, ref, t0.Add(time.Hour), time.Minute)
			}
			return nil
		}),
		"TextSent": w(func(c C, f *F) error {
			for _, ref := range f.a.textRefs(f.bOrg.ID) {
				_ = f.s.TextSent(c, ref, "prov-b", t0)
			}
			return nil
		}),
		"TextFailed": w(func(c C, f *F) error {
			for _, ref := range f.a.textRefs(f.bOrg.ID) {
				_ = f.s.TextFailed(c, ref, "mallory", t0)
			}
			return nil
		}),
		"RetryText": w(func(c C, f *F) error {
			x := f.a.text
			x.OrgID, x.Attempts, x.NextAttemptAt = f.bOrg.ID, 3, t0.Add(time.Hour)
			return f.s.RetryText(c, x)
		}),
		"TextEvent": w(func(c C, f *F) error {
			for _, ref := range f.a.textRefs(f.bOrg.ID) {
				_ = f.s.TextEvent(c, ref, "prov-a", roster.TextFailed, "mallory", t0)
			}
			return nil
		}),
		"SetOptOut": w(func(c C, f *F) error {
			// B's own opt-out of the same number, and B's own text of the same id.
			x, text := f.a.optOut, f.a.text
			x.OrgID, text.OrgID, text.Body = f.bOrg.ID, f.bOrg.ID, "mallory"
			return f.s.SetOptOut(c, x, &text)
		}),
		"ClearOptOut": w(func(c C, f *F) error {
			return f.s.ClearOptOut(c, f.bOrg.ID, f.a.optOut.Phone, nil)
		}),
		"SetTextingSettings": w(func(c C, f *F) error {
			return f.s.SetTextingSettings(c, f.bOrg.ID, roster.TextingSettings{HelpText: "mallory"}, 1, auditB(f, f.bOrg.ID))
		}),
		"CreateOrganisation": w(func(c C, f *F) error {
			org, root, admin := f.a.org, f.a.root, f.a.admin
			admin.Email = "mallory@b.example"
			return f.s.CreateOrganisation(c, org, root, admin, nil)
		}),
		"CreateUser": w(func(c C, f *F) error {
			u := f.a.admin
			u.OrgID, u.Email = f.bOrg.ID, "mallory@b.example"
			return f.s.CreateUser(c, u, nil, auditB(f, u.ID))
		}),
		"SetInvitationToken": w(func(c C, f *F) error {
			return f.s.SetInvitationToken(c, f.bOrg.ID, f.a.admin.ID, f.a.admin.Email, "h", t0.Add(time.Hour))
		}),
		"InvitationSent": w(func(c C, f *F) error {
			return f.s.InvitationSent(c, f.bOrg.ID, f.a.admin.ID, "h", t0)
		}),
		"RevokeSession": w(func(c C, f *F) error {
			return f.s.RevokeSession(c, f.bOrg.ID, f.a.admin.ID, f.a.session.ID)
		}),
		"EndUserSessions": w(func(c C, f *F) error {
			u := f.a.admin
			u.OrgID = f.bOrg.ID
			return f.s.EndUserSessions(c, u, t0.Add(time.Minute), auditB(f, u.ID))
		}),
		"AcceptInvitation": w(func(c C, f *F) error {
			return f.s.AcceptInvitation(c, f.bOrg.ID, f.a.admin.ID, "h", "$argon2id$mallory", roster.AcceptNames{FirstName: "Mallory"}, t0)
		}),

		// no organisation to cross: keyed by a secret, a deployment-wide id or time
		"UserByEmail":         g("an email is unique across the deployment; the user found carries its organisation"),
		"NotifyCursor":        g("one cursor for the deployment"),
		"AdvanceNotifyCursor": g("one cursor for the deployment"),
		"DueNotifications":    g("a minute's due items, of every organisation, for the notifier"),
		"QueueNotification":   g("acts on a due item the notifier read; carries its organisation"),
		"RefileNotification":  g("acts on a due item the notifier read"),
		"DropNotification":    g("acts on a due item the notifier read"),
		"NotificationFailed":  g("acts on a due item the notifier read"),
		"AbandonNotification": g("acts on a due item the notifier read"),
		"BeginIdempotent":     g("keyed by an idempotency key the caller scopes"),
		"FinishIdempotent":    g("keyed by an idempotency key the caller scopes"),
		"AbandonIdempotent":   g("keyed by an idempotency key the caller scopes"),
		"ActiveImports":       g("the imports in progress of the deployment, for the worker"),
		"ActiveExports":       g("the exports in progress of the deployment, for the sweep"),
		"DueMail":             g("the outbox of the deployment"),
		"DueTexts":            g("the queued texts of every organisation, for the sender: each names its organisation, and the writes that follow use it"),
		"TakeSendSlot":        g("the deployment's texts per second: one counter a second for every organisation, as the provider's limit is the account's"),
		"ClaimMail":           g("the outbox of the deployment"),
		"MailSent":            g("the outbox of the deployment"),
		"MailFailed":          g("the outbox of the deployment"),
		"CreateSession":       g("a session id is a secret of the deployment"),
		"Session":             g("a session id is a secret of the deployment"),
		"RotateSession":       g("acts on a session read by its id, on condition of the hash of the refresh token presented"),
		"MFAChallenge":        g("a sign-in challenge is a secret of the deployment, found before any organisation is known"),
		"CreateMFAChallenge":  g("a sign-in challenge is a secret of the deployment, found before any organisation is known"),
		"ConsumeMFAChallenge": g("a sign-in challenge is a secret of the deployment, found before any organisation is known"),
		"SignInAttempts":      g("throttling by email hash or IP, before any organisation is known"),
		"SaveSignInAttempts":  g("throttling by email hash or IP, before any organisation is known"),
		"ClearSignInAttempts": g("throttling by email hash or IP, before any organisation is known"),
		"SweepExpired":        g("deletes expired items of the whole table"),
		"InvitationsExpiring": g("the reminder schedule's day of every organisation"),
	}
}

func errOf[T any](_ T, err error) error { return err }

// onlyB passes groups that are all B's.
func onlyB(f *tenantFixture, gs []roster.Group, err error) (any, error) {
	for _, g := range gs {
		if g.OrgID != f.bOrg.ID || g.ID == f.a.root.ID {
			return gs, err
		}
	}
	return nil, err
}

// empty says whether v found nothing: nil, a zero value, or an empty slice or map.
func empty(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Map:
		return rv.Len() == 0
	}
	return rv.IsZero()
}

func TestTenantIsolationContract(t *testing.T) {
	contract := tenantContract()
	var methods []string
	for _, typ := range []reflect.Type{reflect.TypeFor[*dynamo.Store](), reflect.TypeFor[*dynamo.Reader]()} {
		for m := range typ.Methods() {
			methods = append(methods, m.Name)
		}
	}
	sort.Strings(methods)
	methods = compactStrings(methods)
	for _, name := range methods {
		if _, ok := contract[name]; !ok {
			t.Errorf("store method %s has no tenant-isolation contract entry: add one to tenantContract (a read as organisation B with A's ids, a write, or why it has no organisation)", name)
		}
	}
	known := map[string]bool{}
	for _, name := range methods {
		known[name] = true
	}
	for name := range contract {
		if !known[name] {
			t.Errorf("tenantContract has an entry for %s, which the store no longer has", name)
		}
	}

	ctx := context.Background()
	for _, name := range methods {
		check, ok := contract[name]
		if !ok || check.global != "" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			f := seedTenants(t)
			if check.read != nil {
				if !check.noControl {
					got, err := check.read(ctx, f, f.a.org.ID)
					if err != nil || empty(got) {
						t.Fatalf("control: as organisation A the call found nothing (%v, %v): the fixture does not exercise it", got, err)
					}
				}
				got, err := check.read(ctx, f, f.bOrg.ID)
				if err != nil && roster.ErrorCodeOf(err) != roster.ENotFound {
					t.Fatalf("as organisation B: %v, want not found or nothing", err)
				}
				if err == nil && !empty(got) {
					t.Fatalf("as organisation B, read organisation A's data: %+v", got)
				}
				return
			}
			before := f.snapshotA(t)
			_ = check.write(ctx, f) // refused or confined to B: either way A is unchanged
			after := f.snapshotA(t)
			for k, v := range before {
				if !reflect.DeepEqual(v, after[k]) {
					t.Errorf("a write as organisation B changed organisation A's %s:\nbefore %+v\nafter  %+v", k, v, after[k])
				}
			}
		})
	}
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
