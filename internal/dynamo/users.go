package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

func orgPK(orgID string) string     { return "ORG#" + orgID }
func userKey(orgID, id string) key  { return key{orgPK(orgID), "USER#" + id} }
func groupKey(orgID, id string) key { return key{orgPK(orgID), "GROUP#" + id} }
func orgKey(orgID string) key       { return key{orgPK(orgID), "ORG"} }
func emailKey(email string) key     { return key{"EMAIL#" + email, "EMAIL"} }

type orgItem struct {
	key
	Type          string `dynamodbav:"type"`
	ID            string `dynamodbav:"id"`
	Name          string `dynamodbav:"name"`
	DefaultRegion string `dynamodbav:"defaultRegion"`
	TimeZone      string `dynamodbav:"timeZone"`
	RootGroupID   string `dynamodbav:"rootGroupId"`
	CreatedAt     string `dynamodbav:"createdAt"`
	// ActiveAdmins counts the active users holding admin at the root group
	// (roster.CountsAsAdmin): every user write that changes it ADDs to it in
	// its transaction. Absent on organisations created before it existed.
	ActiveAdmins int64 `dynamodbav:"activeAdmins"`
}

type grantItem struct {
	Role    string `dynamodbav:"role"`
	GroupID string `dynamodbav:"groupId"`
}

type userItem struct {
	key
	Type          string      `dynamodbav:"type"`
	ID            string      `dynamodbav:"id"`
	OrgID         string      `dynamodbav:"orgId"`
	Email         string      `dynamodbav:"email"`
	FirstName     string      `dynamodbav:"firstName"`
	LastName      string      `dynamodbav:"lastName"`
	JobTitle      string      `dynamodbav:"jobTitle,omitempty"`
	InternalTitle string      `dynamodbav:"internalTitle,omitempty"`
	CellPhone     string      `dynamodbav:"cellPhone,omitempty"`
	Status        string      `dynamodbav:"status"`
	StatusBefore  string      `dynamodbav:"statusBefore,omitempty"`
	Grants        []grantItem `dynamodbav:"grants,omitempty"` // omitempty: the emulator garbles empty lists
	PasswordHash  string      `dynamodbav:"passwordHash,omitempty"`
	Invitation    *inviteItem `dynamodbav:"invitation,omitempty"`
	Version       int64       `dynamodbav:"version"`
	CreatedAt     string      `dynamodbav:"createdAt"`
	UpdatedAt     string      `dynamodbav:"updatedAt"`

	PasswordReset      *resetItem `dynamodbav:"passwordReset,omitempty"`
	SessionsValidAfter string     `dynamodbav:"sessionsValidAfter,omitempty"`
	MFA                *mfaItem   `dynamodbav:"mfa,omitempty"` // mfa.go
	// PendingEmail is the user's unconfirmed change of email (emailchange.go).
	PendingEmail *emailChangeItem `dynamodbav:"pendingEmail,omitempty"`

	// The user's place in the UsersByName index (userlist.go): a partition
	// per status, sorted by name. Every write of the item sets them.
	UbnPK string `dynamodbav:"ubnPK,omitempty"`
	UbnSK string `dynamodbav:"ubnSK,omitempty"`
	// The same in UsersByFirstName, sorted by first name.
	UbfPK string `dynamodbav:"ubfPK,omitempty"`
	UbfSK string `dynamodbav:"ubfSK,omitempty"`
}

// inviteItem is a user's invitation; QueuedAt is always set, so the map is
// never empty (the emulator garbles empty maps).
type inviteItem struct {
	QueuedAt   string `dynamodbav:"queuedAt"`
	TokenHash  string `dynamodbav:"tokenHash,omitempty"`
	SentAt     string `dynamodbav:"sentAt,omitempty"`
	ExpiresAt  string `dynamodbav:"expiresAt,omitempty"`
	AcceptedAt string `dynamodbav:"acceptedAt,omitempty"`
	Resends    int    `dynamodbav:"resends,omitempty"`
	ResendWin  string `dynamodbav:"resendWindow,omitempty"`
	RemindedAt string `dynamodbav:"remindedAt,omitempty"`
	RevokedAt  string `dynamodbav:"revokedAt,omitempty"`
}

func optTS(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return ts(t)
}

// emailClaim makes an email unique across the deployment: it is written in
// the same transaction as its user, on condition that it does not exist.
type emailClaim struct {
	key
	Type   string `dynamodbav:"type"`
	OrgID  string `dynamodbav:"orgId"`
	UserID string `dynamodbav:"userId"`
}

func toUserItem(u roster.User) userItem {
	grants := make([]grantItem, len(u.Grants))
	for i, g := range u.Grants {
		grants[i] = grantItem{Role: string(g.Role), GroupID: g.GroupID}
	}
	var inv *inviteItem
	if i := u.Invitation; i != nil {
		inv = &inviteItem{QueuedAt: ts(u.CreatedAt), TokenHash: i.TokenHash, SentAt: optTS(i.SentAt), ExpiresAt: optTS(i.ExpiresAt),
			AcceptedAt: optTS(i.AcceptedAt), Resends: i.Resends, ResendWin: optTS(i.ResendWindow), RemindedAt: optTS(i.RemindedAt),
			RevokedAt: optTS(i.RevokedAt)}
	}
	last, first := u.SortNames()
	return userItem{
		Invitation: inv,
		key:        userKey(u.OrgID, u.ID), Type: "User", ID: u.ID, OrgID: u.OrgID, Email: u.Email,
		FirstName: u.FirstName, LastName: u.LastName, JobTitle: u.JobTitle, InternalTitle: u.InternalTitle,
		CellPhone: u.CellPhone, Status: string(u.Status), StatusBefore: string(u.StatusBefore), Grants: grants, PasswordHash: u.PasswordHash,
		Version: u.Version, CreatedAt: ts(u.CreatedAt), UpdatedAt: ts(u.UpdatedAt),
		PasswordReset: toResetItem(u.PasswordReset), SessionsValidAfter: optTS(u.SessionsValidAfter), MFA: toMFAItem(u.MFA),
		PendingEmail: toEmailChangeItem(u.PendingEmail),
		UbnPK:        usersByNamePK(u.OrgID, u.Status), UbnSK: userNameKey(last, first, u.ID),
		UbfPK: usersByNamePK(u.OrgID, u.Status), UbfSK: userNameKey(first, last, u.ID),
	}
}

func (it userItem) user() roster.User {
	grants := make([]roster.Grant, len(it.Grants))
	for i, g := range it.Grants {
		grants[i] = roster.Grant{Role: roster.Role(g.Role), GroupID: g.GroupID}
	}
	var inv *roster.Invitation
	if i := it.Invitation; i != nil {
		inv = &roster.Invitation{TokenHash: i.TokenHash, SentAt: parseTS(i.SentAt), ExpiresAt: parseTS(i.ExpiresAt),
			AcceptedAt: parseTS(i.AcceptedAt), Resends: i.Resends, ResendWindow: parseTS(i.ResendWin), RemindedAt: parseTS(i.RemindedAt),
			RevokedAt: parseTS(i.RevokedAt)}
	}
	u := roster.User{
		Invitation: inv,
		ID:         it.ID, OrgID: it.OrgID, Email: it.Email, FirstName: it.FirstName, LastName: it.LastName,
		JobTitle: it.JobTitle, InternalTitle: it.InternalTitle, CellPhone: it.CellPhone,
		Status: roster.UserStatus(it.Status), StatusBefore: roster.UserStatus(it.StatusBefore), Grants: grants, PasswordHash: it.PasswordHash,
		Version: it.Version, CreatedAt: parseTS(it.CreatedAt), UpdatedAt: parseTS(it.UpdatedAt),
		PasswordReset: it.PasswordReset.reset(), SessionsValidAfter: parseTS(it.SessionsValidAfter), MFA: it.MFA.factor(),
		PendingEmail: it.PendingEmail.change(),
	}
	roster.ForgetAutomaticInvitation(&u)
	return u
}

// User reads one user of an organisation. Returns ENotFound.
func (r *Reader) User(ctx context.Context, orgID, userID string) (roster.User, error) {
	var it userItem
	if err := r.get(ctx, userKey(orgID, userID), &it, "user"); err != nil {
		return roster.User{}, err
	}
	return it.user(), nil
}

// UserByEmail follows the email claim to its user. Returns ENotFound.
func (r *Reader) UserByEmail(ctx context.Context, email string) (roster.User, error) {
	var c emailClaim
	if err := r.get(ctx, emailKey(email), &c, "user"); err != nil {
		return roster.User{}, err
	}
	return r.User(ctx, c.OrgID, c.UserID)
}

// Organisation reads an organisation. Returns ENotFound.
func (r *Reader) Organisation(ctx context.Context, orgID string) (roster.Organisation, error) {
	var it orgItem
	if err := r.get(ctx, orgKey(orgID), &it, "organisation"); err != nil {
		return roster.Organisation{}, err
	}
	return roster.Organisation{
		ID: it.ID, Name: it.Name, DefaultRegion: it.DefaultRegion, TimeZone: it.TimeZone,
		RootGroupID: it.RootGroupID, CreatedAt: parseTS(it.CreatedAt),
	}, nil
}

// CreateOrganisation writes the organisation, its root group, its first
// administrator and the email claim in one transaction, so that either all
// exist or none does. Returns EConflict (email_taken).
func (s *Store) CreateOrganisation(ctx context.Context, org roster.Organisation, root roster.Group, admin roster.User, invitation *roster.OutboxMail) error {
	items := []any{
		orgItem{key: orgKey(org.ID), Type: "Organisation", ID: org.ID, Name: org.Name, DefaultRegion: org.DefaultRegion,
			TimeZone: org.TimeZone, RootGroupID: org.RootGroupID, CreatedAt: ts(org.CreatedAt), ActiveAdmins: activeAdminOf(admin, root.ID)},
		rootWithAdmin(root),
		toUserItem(admin),
		emailClaim{key: emailKey(admin.Email), Type: "EmailClaim", OrgID: org.ID, UserID: admin.ID},
	}
	if invitation != nil {
		items = append(items, toOutboxItem(*invitation))
	}
	tx := make([]types.TransactWriteItem, len(items))
	for i, item := range items {
		av, err := attributevalue.MarshalMap(item)
		if err != nil {
			return fmt.Errorf("encode organisation %s: %w", org.ID, err)
		}
		tx[i] = types.TransactWriteItem{Put: &types.Put{
			TableName: &s.table, Item: av, ConditionExpression: strp("attribute_not_exists(pk)"),
		}}
	}
	tx, members, err := s.appendMembers(ctx, tx, roster.User{}, admin, true)
	if err != nil {
		return err
	}
	err = s.transact(ctx, tx)
	if err := members.conflict(err); err != nil {
		return err
	}
	if cancelled(err, 3) {
		return roster.WithReason(roster.EConflict, "email_taken", "a user with this email already exists")
	}
	if err != nil {
		return fmt.Errorf("create organisation %s: %w", org.ID, err)
	}
	return nil
}

// activeAdminOf is 1 when u is an active administrator at the root group
// root, else 0: roster.CountsAsAdmin without the tree.
func activeAdminOf(u roster.User, root string) int64 {
	if u.Status != roster.UserActive {
		return 0
	}
	for _, g := range u.Grants {
		if g.Role == roster.RoleAdmin && g.GroupID == root {
			return 1
		}
	}
	return 0
}

// cancelled reports whether err is a transaction cancelled because the
// condition of item index failed.
func cancelled(err error, index int) bool {
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) || index >= len(tce.CancellationReasons) {
		return false
	}
	code := tce.CancellationReasons[index].Code
	return code != nil && *code == "ConditionalCheckFailed"
}

func strp(s string) *string { return &s }

// rootWithAdmin is the root group item as an organisation starts: its first
// administrator holds a role there, and counts as its one member.
func rootWithAdmin(root roster.Group) groupItem {
	it := toGroupItem(root)
	it.Members = 1
	return it
}
