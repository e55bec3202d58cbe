package auth

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/roster-app/roster/internal/roster"
)

// Second factor: TOTP (RFC 6238) as authenticator apps expect it: 30-second
// steps, 6 digits, HMAC-SHA1, a code of the step before or after accepted
// too (clock drift), and never a step at or before the last one accepted,
// so that a code seen over a shoulder cannot be used again.

// TOTPIssuer names Roster in authenticator apps.
const TOTPIssuer = "Roster"

const totpPeriod = 30

// totpStep is checked one step at a time (Skew 0) rather than with Skew 1 in
// one call, because the step a code matched is what stops its reuse.
var totpStep = totp.ValidateOpts{Period: totpPeriod, Skew: 0, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

var sixDigits = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{6}$`) })

// matchTOTP returns the time step within one of now's that code is right for
// secret, later than after; ok is false when there is none.
func matchTOTP(secret, code string, now time.Time, after int64) (step int64, ok bool) {
	if !sixDigits().MatchString(code) {
		return 0, false
	}
	cur := now.Unix() / totpPeriod
	for _, s := range []int64{cur, cur - 1, cur + 1} {
		if s <= after {
			continue
		}
		if good, err := totp.ValidateCustom(code, secret, time.Unix(s*totpPeriod, 0), totpStep); err == nil && good {
			return s, true
		}
	}
	return 0, false
}

// TOTPCode is the code an authenticator shows for secret at t (the local
// stack's stand-in for an authenticator app, and tests).
func TOTPCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totpStep)
}

func mfaThrottleKey(orgID, userID string) string { return "mfa#" + orgID + "#" + userID }

// TOTPEnrolment is what starting an enrolment shows once: the secret to
// type in, and the same as an otpauth:// URI for a QR code.
type TOTPEnrolment struct {
	Secret     string `json:"secret"`
	OtpauthURI string `json:"otpauthUri"`
}

// StartTOTPEnrolment makes a new TOTP secret for the caller and keeps it
// pending until confirmed with a code; a pending one is replaced.
// Returns EConflict (mfa_enrolled), ENotFound.
func (s *Service) StartTOTPEnrolment(ctx context.Context, c roster.Caller) (TOTPEnrolment, error) {
	u, err := s.store.User(ctx, c.OrgID, c.UserID)
	if err != nil {
		return TOTPEnrolment{}, err
	}
	if u.MFA.Enrolled() {
		return TOTPEnrolment{}, roster.WithReason(roster.EConflict, "mfa_enrolled", "a second factor is already active; an administrator can reset it")
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: TOTPIssuer, AccountName: u.Email, Period: totpPeriod, SecretSize: 20,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return TOTPEnrolment{}, err
	}
	if err := s.store.StartTOTPEnrolment(ctx, u.OrgID, u.ID, key.Secret(), s.now()); err != nil {
		return TOTPEnrolment{}, err
	}
	return TOTPEnrolment{Secret: key.Secret(), OtpauthURI: key.URL()}, nil
}

// TOTPConfirmed is the answer to a confirmed enrolment: the recovery codes,
// shown this once, and, when the caller's session could only enrol, the
// tokens of a new session that can do everything (the old one is ended).
type TOTPConfirmed struct {
	RecoveryCodes []string
	Tokens        *Tokens
}

// ConfirmTOTP activates the caller's pending secret with a code from their
// authenticator. Wrong codes count against the caller's throttle (a locked
// source IP is refused too).
// Returns EInvalid (field code), EConflict (mfa_enrolled,
// mfa_enrolment_not_started, mfa_enrolment_changed), ETooManyRequests.
func (s *Service) ConfirmTOTP(ctx context.Context, c roster.Caller, code string, client roster.Client) (TOTPConfirmed, error) {
	now := s.now()
	userKey, ipKey := mfaThrottleKey(c.OrgID, c.UserID), "ip#"+client.IP
	if err := s.checkThrottle(ctx, now, userKey, ipKey); err != nil {
		return TOTPConfirmed{}, err
	}
	u, err := s.store.User(ctx, c.OrgID, c.UserID)
	if err != nil {
		return TOTPConfirmed{}, err
	}
	switch {
	case u.MFA.Enrolled():
		return TOTPConfirmed{}, roster.WithReason(roster.EConflict, "mfa_enrolled", "a second factor is already active")
	case u.MFA.PendingSecret == "":
		return TOTPConfirmed{}, roster.WithReason(roster.EConflict, "mfa_enrolment_not_started", "start an enrolment with POST /me/mfa/totp first")
	}
	if !sixDigits().MatchString(code) {
		return TOTPConfirmed{}, codeField("code", "must be the 6 digits the authenticator shows")
	}
	step, ok := matchTOTP(u.MFA.PendingSecret, code, now, 0)
	if !ok {
		// The caller is signed in: the failure counts against them, not
		// against everyone behind their IP.
		s.recordFailure(ctx, now, userKey, roster.MFAThrottle)
		return TOTPConfirmed{}, codeField("code", "is not the code the authenticator shows now (6 digits)")
	}
	codes, hashes, err := newRecoveryCodes()
	if err != nil {
		return TOTPConfirmed{}, err
	}
	f := roster.TOTPFactor{Secret: u.MFA.PendingSecret, EnrolledAt: now, LastStep: step, RecoveryCodes: hashes}
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: u.OrgID, ActorID: u.ID, Type: "user.mfa_enrolled", SubjectID: u.ID, At: now,
		After: map[string]string{"mfa": "totp"}}
	if err := s.store.ConfirmTOTP(ctx, u.OrgID, u.ID, u.MFA.PendingSecret, f, audit); err != nil {
		return TOTPConfirmed{}, err
	}
	if err := s.store.ClearSignInAttempts(ctx, userKey); err != nil {
		s.log.WarnContext(ctx, "clear second-factor attempts", "err", err)
	}
	out := TOTPConfirmed{RecoveryCodes: codes}
	if c.MFAEnrolmentOnly {
		u.MFA = f
		t, err := s.startSession(ctx, u, now, client)
		if err != nil {
			return TOTPConfirmed{}, err
		}
		// The restricted session ends, so that the gateway's cached
		// decision for its access token does not outlive the enrolment.
		if err := s.store.RevokeSession(ctx, c.OrgID, c.UserID, c.SessionID); err != nil && roster.ErrorCodeOf(err) != roster.ENotFound {
			return TOTPConfirmed{}, err
		}
		out.Tokens = &t
	}
	return out, nil
}

func codeField(field, msg string) error {
	e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
	e.Fields = []roster.FieldError{{Field: field, Message: msg}}
	return e
}

var recoveryEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newRecoveryCodes returns RecoveryCodeCount codes of 80 random bits, shown
// as xxxx-xxxx-xxxx-xxxx, and their hashes.
func newRecoveryCodes() (codes, hashes []string, err error) {
	for range roster.RecoveryCodeCount {
		b := make([]byte, 10)
		if _, err := rand.Read(b); err != nil {
			return nil, nil, err
		}
		raw := strings.ToLower(recoveryEncoding.EncodeToString(b)) // 16 characters
		codes = append(codes, raw[0:4]+"-"+raw[4:8]+"-"+raw[8:12]+"-"+raw[12:16])
		hashes = append(hashes, HashToken(raw))
	}
	return codes, hashes, nil
}

// normaliseRecoveryCode forgives case, spaces and dashes as people copy them.
func normaliseRecoveryCode(code string) string {
	return strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(code))
}

// secondFactorRequired starts the second step of a sign-in whose password
// was right: a single-use challenge, stored hashed, that POST
// /auth/mfa/verify answers with a code. It returns the EUnauthorized
// (mfa_required) problem carrying the challenge.
func (s *Service) secondFactorRequired(ctx context.Context, u roster.User, now time.Time) error {
	challenge, err := RandomToken(32)
	if err != nil {
		return err
	}
	if err := s.store.CreateMFAChallenge(ctx, roster.MFAChallenge{Hash: HashToken(challenge), OrgID: u.OrgID, UserID: u.ID,
		ExpiresAt: now.Add(roster.MFAChallengeTTL)}); err != nil {
		return err
	}
	e := roster.WithReason(roster.EUnauthorized, "mfa_required", "the password is right; now send a code from the authenticator app, or a recovery code, to POST /auth/mfa/verify with this challenge")
	e.Extra = map[string]any{"challenge": challenge, "challengeExpiresIn": int(roster.MFAChallengeTTL.Seconds())}
	return e
}

// mustEnrol reports whether a session begun now for u may only enrol a
// second factor (roster.MustEnrolMFA); the policy is read only for an
// administrator without a factor.
func (s *Service) mustEnrol(ctx context.Context, u roster.User) (bool, error) {
	if u.MFA.Enrolled() || !roster.HoldsAdmin(u.Grants) {
		return false, nil
	}
	sec, err := s.store.OrgSecurity(ctx, u.OrgID)
	if err != nil {
		return false, err
	}
	return roster.MustEnrolMFA(u, sec), nil
}

var errChallengeInvalid = roster.WithReason(roster.EUnauthorized, "mfa_challenge_invalid", "this sign-in expired or was finished already; sign in with the password again")

var errBadCode = roster.WithReason(roster.EUnauthorized, "invalid_mfa_code", "the code is wrong or was used already")

// VerifyMFA finishes a sign-in that answered mfa_required, with a TOTP code
// or one of the recovery codes (each works once), and starts the session.
// Wrong codes count against the user's and the source IP's throttles.
// Returns EInvalid (fields challenge, code, recoveryCode), EUnauthorized
// (mfa_challenge_invalid, invalid_mfa_code), ETooManyRequests
// (too_many_attempts).
func (s *Service) VerifyMFA(ctx context.Context, challenge, code, recoveryCode string, client roster.Client) (Tokens, error) {
	var v roster.Validation
	if challenge == "" {
		v.Add("challenge", "is required: the challenge of the mfa_required answer")
	}
	switch {
	case code == "" && recoveryCode == "":
		v.Add("code", "is required, or recoveryCode instead")
	case code != "" && recoveryCode != "":
		v.Add("recoveryCode", "send either code or recoveryCode, not both")
	case code != "" && !sixDigits().MatchString(code):
		v.Add("code", "must be the 6 digits the authenticator shows")
	case len(recoveryCode) > 64:
		v.Add("recoveryCode", "is not a recovery code")
	}
	if len(challenge) > 128 {
		v.Add("challenge", "is not a challenge")
	}
	if err := v.Err(); err != nil {
		return Tokens{}, err
	}
	now := s.now()
	hash := HashToken(challenge)
	ch, err := s.store.MFAChallenge(ctx, hash)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return Tokens{}, errChallengeInvalid
	} else if err != nil {
		return Tokens{}, err
	}
	if !ch.Valid(now) {
		return Tokens{}, errChallengeInvalid
	}
	userKey, ipKey := mfaThrottleKey(ch.OrgID, ch.UserID), "ip#"+client.IP
	if err := s.checkThrottle(ctx, now, userKey, ipKey); err != nil {
		return Tokens{}, err
	}
	u, err := s.store.User(ctx, ch.OrgID, ch.UserID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return Tokens{}, errChallengeInvalid
	} else if err != nil {
		return Tokens{}, err
	}
	if !u.Status.MaySignIn() || !u.MFA.Enrolled() {
		return Tokens{}, errChallengeInvalid // deactivated, or the factor was reset meanwhile
	}
	fail := func() (Tokens, error) {
		s.recordFailure(ctx, now, userKey, roster.MFAThrottle)
		s.recordFailure(ctx, now, ipKey, roster.IPThrottle)
		return Tokens{}, errBadCode
	}
	if code != "" {
		step, ok := matchTOTP(u.MFA.Secret, code, now, u.MFA.LastStep)
		if !ok {
			return fail()
		}
		if err := s.store.AcceptTOTPStep(ctx, u.OrgID, u.ID, u.MFA.Secret, step); roster.ErrorCodeOf(err) == roster.EConflict {
			return fail() // a concurrent sign-in used this step
		} else if err != nil {
			return Tokens{}, err
		}
	} else {
		h := HashToken(normaliseRecoveryCode(recoveryCode))
		index := -1
		for i, stored := range u.MFA.RecoveryCodes {
			if equalHash(h, stored) {
				index = i
			}
		}
		if index < 0 {
			return fail()
		}
		if err := s.store.UseRecoveryCode(ctx, u.OrgID, u.ID, index, h); roster.ErrorCodeOf(err) == roster.EConflict {
			return fail()
		} else if err != nil {
			return Tokens{}, err
		}
	}
	if err := s.store.ConsumeMFAChallenge(ctx, hash); roster.ErrorCodeOf(err) == roster.ENotFound {
		return Tokens{}, errChallengeInvalid // answered meanwhile: it works once
	} else if err != nil {
		return Tokens{}, err
	}
	if err := s.store.ClearSignInAttempts(ctx, userKey); err != nil {
		s.log.WarnContext(ctx, "clear second-factor attempts", "err", err)
	}
	return s.startSession(ctx, u, now, client)
}
