package dynamo

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/roster-app/roster/internal/roster"
)

// mfaItem is a user's second factor, the map attribute "mfa" of the user
// item (docs/table-design.md, User). Either the pending fields or the
// active ones are set, so the map is never empty. Recovery codes are a map
// from r0…r9 to the code's hash, or usedRecoveryCode once spent: entries
// are never removed, which keeps the map from ever becoming empty.
type mfaItem struct {
	PendingSecret string            `dynamodbav:"pendingSecret,omitempty"`
	PendingAt     string            `dynamodbav:"pendingAt,omitempty"`
	Secret        string            `dynamodbav:"secret,omitempty"`
	EnrolledAt    string            `dynamodbav:"enrolledAt,omitempty"`
	LastStep      int64             `dynamodbav:"lastStep,omitempty"`
	Recovery      map[string]string `dynamodbav:"recovery,omitempty"`
}

const usedRecoveryCode = "used"

// mfaNames are the attribute names of the factor's writes, all given as
// placeholders so that no reserved word can break an expression; only those
// an expression uses (DynamoDB refuses unused ones).
func mfaNames(placeholders ...string) map[string]string {
	all := map[string]string{"#mfa": "mfa", "#secret": "secret", "#pending": "pendingSecret", "#step": "lastStep"}
	out := map[string]string{}
	for _, p := range placeholders {
		out[p] = all[p]
	}
	return out
}

func recoverySlot(i int) string { return "r" + strconv.Itoa(i) }

func toMFAItem(f roster.TOTPFactor) *mfaItem {
	if f.PendingSecret == "" && f.Secret == "" {
		return nil
	}
	it := &mfaItem{PendingSecret: f.PendingSecret, PendingAt: optTS(f.PendingAt), Secret: f.Secret, EnrolledAt: optTS(f.EnrolledAt), LastStep: f.LastStep}
	if len(f.RecoveryCodes) > 0 {
		it.Recovery = map[string]string{}
		for i, h := range f.RecoveryCodes {
			if h == "" {
				h = usedRecoveryCode
			}
			it.Recovery[recoverySlot(i)] = h
		}
	}
	return it
}

func (it *mfaItem) factor() roster.TOTPFactor {
	if it == nil {
		return roster.TOTPFactor{}
	}
	f := roster.TOTPFactor{PendingSecret: it.PendingSecret, PendingAt: parseTS(it.PendingAt), Secret: it.Secret,
		EnrolledAt: parseTS(it.EnrolledAt), LastStep: it.LastStep}
	if len(it.Recovery) > 0 {
		f.RecoveryCodes = make([]string, len(it.Recovery))
		for i := range f.RecoveryCodes {
			if h := it.Recovery[recoverySlot(i)]; h != usedRecoveryCode {
				f.RecoveryCodes[i] = h
			}
		}
	}
	return f
}

// Every write of a user's factor bumps the user's version: a whole-user
// write (ChangeUser, UpdateUser) made from an older read then fails instead
// of bringing back a used code or a removed factor.

// StartTOTPEnrolment stores a pending secret, replacing a pending one.
// Returns EConflict (mfa_enrolled), ENotFound.
func (s *Store) StartTOTPEnrolment(ctx context.Context, orgID, userID, secret string, now time.Time) error {
	m, err := attributevalue.Marshal(mfaItem{PendingSecret: secret, PendingAt: ts(now)})
	if err != nil {
		return fmt.Errorf("encode pending factor: %w", err)
	}
	_, err = s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: userKey(orgID, userID).av(),
		UpdateExpression:          strp("SET #mfa = :m ADD version :one"),
		ConditionExpression:       strp("attribute_exists(pk) AND attribute_not_exists(#mfa.#secret)"),
		ExpressionAttributeNames:  mfaNames("#mfa", "#secret"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":m": m, ":one": num(1)},
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		if _, rerr := s.User(ctx, orgID, userID); roster.ErrorCodeOf(rerr) == roster.ENotFound {
			return rerr
		}
		return errMFAEnrolled
	}
	if err != nil {
		return fmt.Errorf("start enrolment of %s: %w", userID, err)
	}
	return nil
}

var errMFAEnrolled = roster.WithReason(roster.EConflict, "mfa_enrolled", "a second factor is already active; an administrator can reset it")

// ConfirmTOTP makes the pending secret the active factor, with the audit
// event. Returns EConflict (mfa_enrolment_changed).
func (s *Store) ConfirmTOTP(ctx context.Context, orgID, userID, pendingSecret string, f roster.TOTPFactor, audit roster.AuditEvent) error {
	f.PendingSecret, f.PendingAt = "", time.Time{}
	m, err := attributevalue.Marshal(toMFAItem(f))
	if err != nil {
		return fmt.Errorf("encode factor: %w", err)
	}
	put, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	err = s.transact(ctx, []types.TransactWriteItem{{Update: &types.Update{
		TableName: &s.table, Key: userKey(orgID, userID).av(),
		UpdateExpression:         strp("SET #mfa = :m ADD version :one"),
		ConditionExpression:      strp("#mfa.#pending = :p AND attribute_not_exists(#mfa.#secret)"),
		ExpressionAttributeNames: mfaNames("#mfa", "#pending", "#secret"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":m": m, ":one": num(1),
			":p": &types.AttributeValueMemberS{Value: pendingSecret}},
	}}, put})
	if cancelled(err, 0) {
		return roster.WithReason(roster.EConflict, "mfa_enrolment_changed", "the enrolment was replaced or finished meanwhile; start it again")
	}
	if err != nil {
		return fmt.Errorf("confirm factor of %s: %w", userID, err)
	}
	return nil
}

var errCodeUsed = roster.WithReason(roster.EConflict, "mfa_code_used", "this code was used already")

// AcceptTOTPStep records step as the last one a code was accepted for.
// Returns EConflict (mfa_code_used).
func (s *Store) AcceptTOTPStep(ctx context.Context, orgID, userID, secret string, step int64) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: userKey(orgID, userID).av(),
		UpdateExpression:         strp("SET #mfa.#step = :step ADD version :one"),
		ConditionExpression:      strp("#mfa.#secret = :s AND #mfa.#step < :step"),
		ExpressionAttributeNames: mfaNames("#mfa", "#secret", "#step"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":step": num(step), ":one": num(1),
			":s": &types.AttributeValueMemberS{Value: secret}},
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return errCodeUsed
	}
	if err != nil {
		return fmt.Errorf("accept code of %s: %w", userID, err)
	}
	return nil
}

// UseRecoveryCode spends one recovery code. Returns EConflict (mfa_code_used).
func (s *Store) UseRecoveryCode(ctx context.Context, orgID, userID string, index int, hash string) error {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: userKey(orgID, userID).av(),
		UpdateExpression:         strp("SET #mfa.#rec.#slot = :used ADD version :one"),
		ConditionExpression:      strp("#mfa.#rec.#slot = :h"),
		ExpressionAttributeNames: map[string]string{"#mfa": "mfa", "#rec": "recovery", "#slot": recoverySlot(index)},
		ExpressionAttributeValues: map[string]types.AttributeValue{":used": &types.AttributeValueMemberS{Value: usedRecoveryCode},
			":h": &types.AttributeValueMemberS{Value: hash}, ":one": num(1)},
	})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return errCodeUsed
	}
	if err != nil {
		return fmt.Errorf("use recovery code of %s: %w", userID, err)
	}
	return nil
}

// ResetMFA removes a user's factor and recovery codes, with the audit
// event. Returns EConflict (user_changed).
func (s *Store) ResetMFA(ctx context.Context, orgID, userID string, version int64, audit roster.AuditEvent) error {
	put, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	err = s.transact(ctx, []types.TransactWriteItem{{Update: &types.Update{
		TableName: &s.table, Key: userKey(orgID, userID).av(),
		UpdateExpression:          strp("REMOVE #mfa ADD version :one"),
		ConditionExpression:       strp("version = :v"),
		ExpressionAttributeNames:  map[string]string{"#mfa": "mfa"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":v": num(version), ":one": num(1)},
	}}, put})
	if cancelled(err, 0) {
		return roster.WithReason(roster.EConflict, "user_changed", "the user changed while this request ran; retry")
	}
	if err != nil {
		return fmt.Errorf("reset factor of %s: %w", userID, err)
	}
	return nil
}

func mfaChallengeKey(hash string) key { return key{"MFACHALLENGE#" + hash, "MFACHALLENGE"} }

type mfaChallengeItem struct {
	key
	expiry
	Type      string `dynamodbav:"type"`
	OrgID     string `dynamodbav:"orgId"`
	UserID    string `dynamodbav:"userId"`
	ExpiresAt string `dynamodbav:"expiresAt"`
}

// CreateMFAChallenge stores a sign-in challenge until it expires.
func (s *Store) CreateMFAChallenge(ctx context.Context, c roster.MFAChallenge) error {
	k := mfaChallengeKey(c.Hash)
	return s.put(ctx, mfaChallengeItem{key: k, expiry: expiresAt(c.ExpiresAt, k), Type: "MFAChallenge",
		OrgID: c.OrgID, UserID: c.UserID, ExpiresAt: ts(c.ExpiresAt)}, strp("attribute_not_exists(pk)"), "sign-in challenge")
}

// MFAChallenge reads a challenge by its hash. Returns ENotFound.
func (r *Reader) MFAChallenge(ctx context.Context, hash string) (roster.MFAChallenge, error) {
	var it mfaChallengeItem
	if err := r.get(ctx, mfaChallengeKey(hash), &it, "sign-in challenge"); err != nil {
		return roster.MFAChallenge{}, err
	}
	return roster.MFAChallenge{Hash: hash, OrgID: it.OrgID, UserID: it.UserID, ExpiresAt: parseTS(it.ExpiresAt)}, nil
}

// ConsumeMFAChallenge deletes a challenge. Returns ENotFound when it is gone.
func (s *Store) ConsumeMFAChallenge(ctx context.Context, hash string) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: mfaChallengeKey(hash).av(),
		ConditionExpression: strp("attribute_exists(pk)")})
	var ccf *types.ConditionalCheckFailedException
	if errors.As(err, &ccf) {
		return roster.Errorf(roster.ENotFound, "sign-in challenge not found")
	}
	if err != nil {
		return fmt.Errorf("delete sign-in challenge: %w", err)
	}
	return nil
}

// OrgSecurity reads the organisation's sign-in policy from its item.
// Returns ENotFound.
func (r *Reader) OrgSecurity(ctx context.Context, orgID string) (roster.OrgSecurity, error) {
	var it struct {
		RequireMFAForAdmins bool  `dynamodbav:"requireMfaForAdmins"`
		SecurityVersion     int64 `dynamodbav:"securityVersion"`
	}
	if err := r.get(ctx, orgKey(orgID), &it, "organisation"); err != nil {
		return roster.OrgSecurity{}, err
	}
	// Version 1 is the policy as every organisation starts, never written.
	return roster.OrgSecurity{RequireMFAForAdmins: it.RequireMFAForAdmins, Version: max(it.SecurityVersion, 1)}, nil
}

// SetOrgSecurity writes the policy at sec.Version if the stored version is
// sec.Version-1, with the audit event. Returns EPreconditionFailed.
func (s *Store) SetOrgSecurity(ctx context.Context, orgID string, sec roster.OrgSecurity, audit roster.AuditEvent) error {
	put, err := auditPut(s.table, audit)
	if err != nil {
		return err
	}
	err = s.transact(ctx, []types.TransactWriteItem{{Update: &types.Update{
		TableName: &s.table, Key: orgKey(orgID).av(),
		UpdateExpression: strp("SET requireMfaForAdmins = :r, securityVersion = :v"),
		ConditionExpression: strp("attribute_exists(pk) AND (securityVersion = :prev OR " +
			"(attribute_not_exists(securityVersion) AND :prev = :one))"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":r": &types.AttributeValueMemberBOOL{Value: sec.RequireMFAForAdmins}, ":v": num(sec.Version),
			":prev": num(sec.Version - 1), ":one": num(1)},
	}}, put})
	if cancelled(err, 0) {
		return roster.WithReason(roster.EPreconditionFailed, "stale_version", "the security settings changed since you read them; read them again and retry with the new ETag")
	}
	if err != nil {
		return fmt.Errorf("set security of %s: %w", orgID, err)
	}
	return nil
}
