package api

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/roster-app/roster/internal/auth"
)

// Authorizer is the HTTP API Lambda REQUEST authorizer (payload 2.0, simple
// responses). A missing, malformed, expired or wrongly signed token, a
// revoked session or a user who may no longer sign in is denied; an allowed
// caller's organisation, user, session and grants go to the handlers.
// Storage failures are returned as errors (the gateway answers 500), not as
// denials, so an outage is not mistaken for a bad token.
func Authorizer(svc *auth.Verifier, log *slog.Logger) func(context.Context, events.APIGatewayV2CustomAuthorizerV2Request) (events.APIGatewayV2CustomAuthorizerSimpleResponse, error) {
	return func(ctx context.Context, req events.APIGatewayV2CustomAuthorizerV2Request) (events.APIGatewayV2CustomAuthorizerSimpleResponse, error) {
		deny := events.APIGatewayV2CustomAuthorizerSimpleResponse{IsAuthorized: false}
		l := log.With("requestId", req.RequestContext.RequestID, "route", req.RouteKey)
		token, ok := bearer(req.Headers["authorization"])
		if !ok {
			l.InfoContext(ctx, "denied", "reason", "no bearer token")
			return deny, nil
		}
		caller, err := svc.Authorize(ctx, token)
		if errors.Is(err, auth.ErrNotAuthorized) {
			l.InfoContext(ctx, "denied", "reason", err.Error())
			return deny, nil
		}
		if err != nil {
			l.ErrorContext(ctx, "authorize", "err", err)
			return deny, err
		}
		cctx, err := AuthorizerContext(caller, svc.CursorKey(caller.OrgID))
		if err != nil {
			return deny, err
		}
		l.InfoContext(ctx, "allowed", "orgId", caller.OrgID, "userId", caller.UserID)
		return events.APIGatewayV2CustomAuthorizerSimpleResponse{IsAuthorized: true, Context: cctx}, nil
	}
}

func bearer(h string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(h), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", false
	}
	return token, true
}
