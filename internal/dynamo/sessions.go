package dynamo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

func sessionKey(id string) key { return key{"SESSION#" + id, "SESSION"} }

// sessionEntryKey is a session's entry in its user's list of sessions: one
// partition per user, entries keyed by the session id, which sorts by
// the time the session began.
func sessionEntryKey(orgID, userID, id string) key {
	return key{sessionsPK(orgID, userID), sessionEntryPrefix + id}
}

func sessionsPK(orgID, userID string) string { return orgPK(orgID) + "#SESSIONS#" + userID }

const sessionEntryPrefix = "SESSION#"

type sessionItem struct {
	key
	expiry
	Type          string `dynamodbav:"type"`
	ID            string `dynamodbav:"id"`
	OrgID         string `dynamodbav:"orgId"`
	UserID        string `dynamodbav:"userId"`
	TokenHash     string `dynamodbav:"tokenHash"`
	PrevTokenHash string `dynamodbav:"prevTokenHash,omitempty"`
	Rotations     int64  `dynamodbav:"rotations"`
	Revoked       bool   `dynamodbav:"revoked"`
	CreatedAt     string `dynamodbav:"createdAt"`
	ExpiresAt     string `dynamodbav:"expiresAt"`
	IP            string `dynamodbav:"ip,omitempty"`
	UserAgent     string `dynamodbav:"userAgent,omitempty"`
	// MFAEnrolmentOnly: roster.Session.MFAEnrolmentOnly.
	MFAEnrolmentOnly bool `dynamodbav:"mfaEnrolmentOnly,omitempty"`
}

// sessionEntryItem is what the user's list shows of a session. It is put
// with the session, put again (with the use) by each rotation and deleted
// by a revocation, each in the session's transaction; it expires with it.
type sessionEntryItem struct {
	key
	expiry
	Type       string `dynamodbav:"type"`
	ID         string `dynamodbav:"id"`
	OrgID      string `dynamodbav:"orgId"`
	UserID     string `dynamodbav:"userId"`
	At         string `dynamodbav:"at"` // when it began: the list's time filter (queryIDPage)
	ExpiresAt  string `dynamodbav:"expiresAt"`
	IP         string `dynamodbav:"ip,omitempty"`
	UserAgent  string `dynamodbav:"userAgent,omitempty"`
	LastUsedAt string `dynamodbav:"lastUsedAt"`
	LastIP     string `dynamodbav:"lastIp,omitempty"`
}

func toSessionEntry(sess roster.Session) sessionEntryItem {
	k := sessionEntryKey(sess.OrgID, sess.UserID, sess.ID)
	used, ip := sess.LastUsedAt, sess.LastIP
	if used.IsZero() {
		used, ip = sess.CreatedAt, sess.IP
	}
	return sessionEntryItem{
		key: k, expiry: expiresAt(sess.ExpiresAt, k), Type: "SessionEntry", ID: sess.ID, OrgID: sess.OrgID, UserID: sess.UserID,
		At: ts(sess.CreatedAt), ExpiresAt: ts(sess.ExpiresAt), IP: sess.IP, UserAgent: sess.UserAgent,
		LastUsedAt: ts(used), LastIP: ip,
	}
}

func (it sessionEntryItem) session() roster.Session {
	return roster.Session{ID: it.ID, OrgID: it.OrgID, UserID: it.UserID, CreatedAt: parseTS(it.At), ExpiresAt: parseTS(it.ExpiresAt),
		IP: it.IP, UserAgent: it.UserAgent, LastUsedAt: parseTS(it.LastUsedAt), LastIP: it.LastIP}
}

// CreateSession stores a new session and its entry in the user's list,
// in one transaction.
func (s *Store) CreateSession(ctx context.Context, sess roster.Session) error {
	k := sessionKey(sess.ID)
	it := sessionItem{
		key: k, expiry: expiresAt(sess.ExpiresAt, k), Type: "Session", ID: sess.ID, OrgID: sess.OrgID,
		UserID: sess.UserID, TokenHash: sess.TokenHash, CreatedAt: ts(sess.CreatedAt), ExpiresAt: ts(sess.ExpiresAt),
		IP: sess.IP, UserAgent: sess.UserAgent,
		MFAEnrolmentOnly: sess.MFAEnrolmentOnly,
	}
	put, err := s.putItem(it, "attribute_not_exists(pk)", "session "+sess.ID)
	if err != nil {
		return err
	}
	entry, err := s.putItem(toSessionEntry(sess), "", "session entry "+sess.ID)
	if err != nil {
		return err
	}
	if err := s.transact(ctx, []types.TransactWriteItem{put, entry}); err != nil {
		if cancelled(err, 0) {
			return roster.Errorf(roster.EConflict, "session %s exists", sess.ID)
		}
		return fmt.Errorf("create session %s: %w", sess.ID, err)
	}
	return nil
}

// Session reads a session. Returns ENotFound.
func (r *Reader) Session(ctx context.Context, id string) (roster.Session, error) {
	var it sessionItem
	if err := r.get(ctx, sessionKey(id), &it, "session"); err != nil {
		return roster.Session{}, err
	}
	return roster.Session{
		ID: it.ID, OrgID: it.OrgID, UserID: it.UserID, TokenHash: it.TokenHash, PrevTokenHash: it.PrevTokenHash,
		Rotations: it.Rotations, Revoked: it.Revoked, CreatedAt: parseTS(it.CreatedAt), ExpiresAt: parseTS(it.ExpiresAt),
		IP: it.IP, UserAgent: it.UserAgent,
		MFAEnrolmentOnly: it.MFAEnrolmentOnly,
	}, nil
}

// RotateSession swaps the token hash if it is still sess.TokenHash and the
// session is not revoked, and puts its list entry again with the use: a
// session begun before the list existed gets an entry this way. Returns
// EConflict.
func (s *Store) RotateSession(ctx context.Context, sess roster.Session, newHash string, at time.Time, ip string) error {
	cond := expression.Name("tokenHash").Equal(expression.Value(sess.TokenHash)).
		And(expression.Name("revoked").Equal(expression.Value(false)))
	upd := expression.Set(expression.Name("tokenHash"), expression.Value(newHash)).
		Set(expression.Name("prevTokenHash"), expression.Value(sess.TokenHash)).
		Add(expression.Name("rotations"), expression.Value(1))
	expr, err := expression.NewBuilder().WithCondition(cond).WithUpdate(upd).Build()
	if err != nil {
		return fmt.Errorf("build rotation of session %s: %w", sess.ID, err)
	}
	sess.LastUsedAt, sess.LastIP = at, ip
	entry, err := s.putItem(toSessionEntry(sess), "", "session entry "+sess.ID)
	if err != nil {
		return err
	}
	err = s.transact(ctx, []types.TransactWriteItem{
		{Update: &types.Update{
			TableName: &s.table, Key: sessionKey(sess.ID).av(),
			ConditionExpression: expr.Condition(), UpdateExpression: expr.Update(),
			ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
		}},
		entry,
	})
	if cancelled(err, 0) {
		return roster.Errorf(roster.EConflict, "session %s was rotated concurrently", sess.ID)
	}
	if err != nil {
		return fmt.Errorf("rotate session %s: %w", sess.ID, err)
	}
	return nil
}

// RevokeSession marks a session of userID in orgID revoked and deletes its
// list entry. Returns ENotFound when that user has no such session.
func (s *Store) RevokeSession(ctx context.Context, orgID, userID, id string) error {
	cond := expression.Name("orgId").Equal(expression.Value(orgID)).And(expression.Name("userId").Equal(expression.Value(userID)))
	upd := expression.Set(expression.Name("revoked"), expression.Value(true))
	expr, err := expression.NewBuilder().WithCondition(cond).WithUpdate(upd).Build()
	if err != nil {
		return fmt.Errorf("build revocation of session %s: %w", id, err)
	}
	err = s.transact(ctx, []types.TransactWriteItem{
		{Update: &types.Update{
			TableName: &s.table, Key: sessionKey(id).av(),
			ConditionExpression: expr.Condition(), UpdateExpression: expr.Update(),
			ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
		}},
		{Delete: &types.Delete{TableName: &s.table, Key: sessionEntryKey(orgID, userID, id).av()}},
	})
	if cancelled(err, 0) {
		return roster.Errorf(roster.ENotFound, "session not found")
	}
	if err != nil {
		return fmt.Errorf("revoke session %s: %w", id, err)
	}
	return nil
}

// UserSessions returns a page of a user's live sessions, newest first: one
// Query of the user's list (Limit q.Limit+2), sessions begun before
// q.ValidAfter left out by the key range and the exact time check, expired
// ones (until the sweep deletes them) in the function. Returns EInvalid
// (field cursor).
func (r *Reader) UserSessions(ctx context.Context, orgID, userID string, q roster.SessionQuery) ([]roster.Session, string, error) {
	now := ts(q.Now)
	p := idPage{pkName: "pk", skName: "sk", pk: sessionsPK(orgID, userID), prefix: sessionEntryPrefix, from: q.ValidAfter,
		after: q.After, limit: q.Limit,
		keep: func(item map[string]types.AttributeValue) bool {
			return q.Now.IsZero() || stringAttr(item, "expiresAt") > now
		}}
	var out []roster.Session
	next, err := r.queryIDPage(ctx, p, "sessions", func(item map[string]types.AttributeValue) error {
		var it sessionEntryItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("decode session entry: %w", err)
		}
		out = append(out, it.session())
		return nil
	})
	return out, next, err
}

// EndUserSessions ends every session u began before at, however many, with
// one write of u (read at u.Version: sessionsValidAfter, the version moved
// on) and the audit event. Returns EConflict (user_changed) when u changed
// since it was read.
func (s *Store) EndUserSessions(ctx context.Context, u roster.User, at time.Time, audit roster.AuditEvent) error {
	put, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	err = s.transact(ctx, []types.TransactWriteItem{
		{Update: &types.Update{
			TableName: &s.table, Key: userKey(u.OrgID, u.ID).av(),
			UpdateExpression:    strp("SET sessionsValidAfter = :at, updatedAt = :at ADD version :one"),
			ConditionExpression: strp("version = :v"),
			ExpressionAttributeValues: map[string]types.AttributeValue{
				":at": &types.AttributeValueMemberS{Value: ts(at)}, ":one": num(1), ":v": num(u.Version),
			},
		}},
		put,
	})
	if cancelled(err, 0) {
		return roster.WithReason(roster.EConflict, "user_changed", "the user changed while this request ran")
	}
	if err != nil {
		return fmt.Errorf("end sessions of user %s: %w", u.ID, err)
	}
	return nil
}

// update applies upd on condition cond, returning onFail when cond fails.
func (s *Store) update(ctx context.Context, k key, cond expression.ConditionBuilder, upd expression.UpdateBuilder, onFail error) error {
	expr, err := expression.NewBuilder().WithCondition(cond).WithUpdate(upd).Build()
	if err != nil {
		return fmt.Errorf("build update of %s/%s: %w", k.PK, k.SK, err)
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: k.av(),
		ConditionExpression: expr.Condition(), UpdateExpression: expr.Update(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return onFail
	}
	if err != nil {
		return fmt.Errorf("update %s/%s: %w", k.PK, k.SK, err)
	}
	return nil
}

func throttleKey(k string) key { return key{"THROTTLE#" + k, "THROTTLE"} }

type attemptsItem struct {
	key
	expiry
	Type         string `dynamodbav:"type"`
	Failures     int    `dynamodbav:"failures"`
	FirstFailure string `dynamodbav:"firstFailure"`
	LastFailure  string `dynamodbav:"lastFailure"`
	Version      int64  `dynamodbav:"version"`
}

// SignInAttempts reads a failed sign-in counter; a missing or expired one is zero.
func (r *Reader) SignInAttempts(ctx context.Context, k string) (roster.SignInAttempts, error) {
	var it attemptsItem
	err := r.get(ctx, throttleKey(k), &it, "sign-in attempts")
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.SignInAttempts{}, nil
	}
	if err != nil {
		return roster.SignInAttempts{}, err
	}
	return roster.SignInAttempts{
		Failures: it.Failures, FirstFailure: parseTS(it.FirstFailure), LastFailure: parseTS(it.LastFailure), Version: it.Version,
	}, nil
}

// SaveSignInAttempts writes a counter if nobody else wrote since it was read
// (optimistic: the stored version must be a.Version-1). Returns EConflict.
func (s *Store) SaveSignInAttempts(ctx context.Context, k string, a roster.SignInAttempts, expires time.Time) error {
	pk := throttleKey(k)
	it := attemptsItem{
		key: pk, expiry: expiresAt(expires, pk), Type: "SignInAttempts", Failures: a.Failures,
		FirstFailure: ts(a.FirstFailure), LastFailure: ts(a.LastFailure), Version: a.Version,
	}
	cond := expression.Name("version").Equal(expression.Value(a.Version - 1))
	if a.Version <= 1 {
		cond = expression.AttributeNotExists(expression.Name("pk")).Or(cond)
	}
	expr, err := expression.NewBuilder().WithCondition(cond).Build()
	if err != nil {
		return fmt.Errorf("build condition: %w", err)
	}
	av, err := attributevalue.MarshalMap(it)
	if err != nil {
		return fmt.Errorf("encode sign-in attempts: %w", err)
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: &s.table, Item: av, ConditionExpression: expr.Condition(),
		ExpressionAttributeNames: expr.Names(), ExpressionAttributeValues: expr.Values(),
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return roster.Errorf(roster.EConflict, "sign-in attempts changed concurrently")
	}
	if err != nil {
		return fmt.Errorf("put sign-in attempts: %w", err)
	}
	return nil
}

// ClearSignInAttempts deletes a counter.
func (s *Store) ClearSignInAttempts(ctx context.Context, k string) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: throttleKey(k).av()})
	if err != nil {
		return fmt.Errorf("delete sign-in attempts: %w", err)
	}
	return nil
}
