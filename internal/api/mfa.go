package api

import (
	"context"
	"net/http"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/orgs"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/users"
)

// MFAView is the caller's second factor as GET /me shows it.
type MFAView struct {
	TOTP              bool `json:"totp"`
	RecoveryCodesLeft int  `json:"recoveryCodesLeft"`
}

func viewMFA(f roster.TOTPFactor) *MFAView {
	return &MFAView{TOTP: f.Enrolled(), RecoveryCodesLeft: f.RecoveryCodesLeft()}
}

// EnrolTotp is POST /me/mfa/totp: a new secret for the caller's
// authenticator, pending until confirmed. Allowed during enrolment.
func EnrolTotp(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		e, err := svc.StartTOTPEnrolment(ctx, r.Caller)
		if err != nil {
			return Response{}, err
		}
		return Response{Body: e}, nil
	}
}

type confirmTotpRequest struct {
	Code string `json:"code"`
}

type totpConfirmedBody struct {
	RecoveryCodes []string `json:"recoveryCodes"`
	*auth.Tokens
}

// ConfirmTotp is POST /me/mfa/totp/confirm: a code from the authenticator
// makes the pending secret the caller's second factor. The recovery codes
// are shown this once; a caller whose session could only enrol also gets
// the tokens of a full session (theirs ends).
func ConfirmTotp(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in confirmTotpRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		if in.Code == "" {
			return Response{}, invalidField("code", "is required: the 6 digits the authenticator shows")
		}
		out, err := svc.ConfirmTOTP(ctx, r.Caller, in.Code, clientOf(r))
		if err != nil {
			return Response{}, err
		}
		return Response{Body: totpConfirmedBody{RecoveryCodes: out.RecoveryCodes, Tokens: out.Tokens}}, nil
	}
}

type verifyMfaRequest struct {
	Challenge    string `json:"challenge"`
	Code         string `json:"code"`
	RecoveryCode string `json:"recoveryCode"`
}

// VerifyMfa is POST /auth/mfa/verify: the second step of a sign-in that
// answered mfa_required.
func VerifyMfa(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in verifyMfaRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		tokens, err := svc.VerifyMFA(ctx, in.Challenge, in.Code, in.RecoveryCode, clientOf(r))
		if err != nil {
			return Response{}, err
		}
		return Response{Body: tokens}, nil
	}
}

// ResetUserMfa is DELETE /users/{id}/mfa: an administrator or manager
// removes another user's second factor.
func ResetUserMfa(m *users.MFAReset) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		if err := m.Reset(ctx, r.Caller, r.PathParameters["id"]); err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusNoContent}, nil
	}
}

type orgSecurityBody struct {
	RequireMFAForAdmins *bool `json:"requireMfaForAdmins"`
}

func orgSecurityResponse(sec roster.OrgSecurity) Response {
	v := sec.RequireMFAForAdmins
	return Response{Body: orgSecurityBody{RequireMFAForAdmins: &v}, Headers: map[string]string{"ETag": etag(sec.Version)}}
}

// GetOrgSecurity is GET /org/security.
func GetOrgSecurity(s *orgs.Security) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		sec, err := s.Get(ctx, r.Caller)
		if err != nil {
			return Response{}, err
		}
		return orgSecurityResponse(sec), nil
	}
}

// PutOrgSecurity is PUT /org/security with If-Match.
func PutOrgSecurity(s *orgs.Security) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, true)
		if err != nil {
			return Response{}, err
		}
		var in orgSecurityBody
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		if in.RequireMFAForAdmins == nil {
			return Response{}, invalidField("requireMfaForAdmins", "is required: true or false")
		}
		sec, err := s.Put(ctx, r.Caller, *in.RequireMFAForAdmins, version)
		if err != nil {
			return Response{}, err
		}
		return orgSecurityResponse(sec), nil
	}
}
