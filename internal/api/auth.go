package api

import (
	"context"
	"net/http"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/roster"
)

// clientOf is who sent r, as a session records it: the address API
// Gateway saw and the User-Agent.
func clientOf(r *Request) roster.Client {
	ua := r.RequestContext.HTTP.UserAgent
	if ua == "" {
		ua = r.Header("User-Agent")
	}
	return roster.NewClient(r.RequestContext.HTTP.SourceIP, ua)
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type refreshRequest struct {
	RefreshToken string `json:"refreshToken"`
}

// Login is POST /auth/login.
func Login(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in loginRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		tokens, err := svc.Login(ctx, in.Email, in.Password, clientOf(r))
		if err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusOK, Body: tokens}, nil
	}
}

// Refresh is POST /auth/refresh.
func Refresh(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in refreshRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		tokens, err := svc.Refresh(ctx, in.RefreshToken, clientOf(r))
		if err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusOK, Body: tokens}, nil
	}
}

// Logout is POST /auth/logout: it revokes the refresh token's session, which
// also stops its access tokens at the authorizer.
func Logout(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in refreshRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		// An unknown or revoked token is a 204 (logging out twice is fine);
		// none at all is a client that sent the wrong body.
		if in.RefreshToken == "" {
			return Response{}, invalidField("refreshToken", "is required")
		}
		if err := svc.Logout(ctx, in.RefreshToken); err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusNoContent}, nil
	}
}
