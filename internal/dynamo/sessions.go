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
	// MFAEnrolmentOnly: roster.Session.MFAEnrolmentOnly.
	MFAEnrolmentOnly bool `dynamodbav:"mfaEnrolmentOnly,omitempty"`
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess roster.Session) error {
	k := sessionKey(sess.ID)
	it := sessionItem{
		key: k, expiry: expiresAt(sess.ExpiresAt, k), Type: "Session", ID: sess.ID, OrgID: sess.OrgID,
		UserID: sess.UserID, TokenHash: sess.TokenHash, CreatedAt: ts(sess.CreatedAt), ExpiresAt: ts(sess.ExpiresAt),
		MFAEnrolmentOnly: sess.MFAEnrolmentOnly,
	}
	return s.put(ctx, it, strp("attribute_not_exists(pk)"), "session "+sess.ID)
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
		MFAEnrolmentOnly: it.MFAEnrolmentOnly,
	}, nil
}

// RotateSession swaps the token hash if it is still oldHash. Returns EConflict.
func (s *Store) RotateSession(ctx context.Context, id, oldHash, newHash string) error {
	cond := expression.Name("tokenHash").Equal(expression.Value(oldHash)).
		And(expression.Name("revoked").Equal(expression.Value(false)))
	upd := expression.Set(expression.Name("tokenHash"), expression.Value(newHash)).
		Set(expression.Name("prevTokenHash"), expression.Value(oldHash)).
		Add(expression.Name("rotations"), expression.Value(1))
	return s.update(ctx, sessionKey(id), cond, upd, roster.Errorf(roster.EConflict, "session %s was rotated concurrently", id))
}

// RevokeSession marks a session revoked. Returns ENotFound.
func (s *Store) RevokeSession(ctx context.Context, id string) error {
	cond := expression.AttributeExists(expression.Name("pk"))
	upd := expression.Set(expression.Name("revoked"), expression.Value(true))
	return s.update(ctx, sessionKey(id), cond, upd, roster.Errorf(roster.ENotFound, "session not found"))
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
