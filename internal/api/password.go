package api

import (
	"context"
	"net/http"
	"time"

	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/roster"
)

type forgotPasswordRequest struct {
	Email string `json:"email"`
}

// forgotPasswordAccepted is the one answer to every well-formed
// POST /auth/password/forgot.
var forgotPasswordAccepted = struct {
	Message string `json:"message"`
}{
	Message: "If an account uses this address, an email with what to do next is on its way. It can take a few minutes.",
}

// ForgotPasswordMinDuration is the least time POST /auth/password/forgot
// takes. Queueing and sending a mail takes longer than finding no user; the
// floor, well above a send to SES, hides which of the two happened.
const ForgotPasswordMinDuration = time.Second

// ForgotPassword is POST /auth/password/forgot. Every well-formed request
// gets the same 202 after at least minDuration, whether a mail was queued
// and sent, withheld by the per-user limit, or there is no such user; even a
// failure to queue is only logged, since a 500 for known addresses alone
// would tell them apart. The mail is sent at once; if SES fails, the
// SendMail schedule retries it.
func ForgotPassword(svc *auth.Service, sender *outbox.Sender, minDuration time.Duration) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		start := time.Now()
		var in forgotPasswordRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		mailID, err := svc.ForgotPassword(ctx, in.Email)
		switch {
		case roster.ErrorCodeOf(err) == roster.EInvalid:
			return Response{}, err
		case err != nil:
			r.Log.ErrorContext(ctx, "password reset not queued", "err", err)
		case mailID != "":
			if err := sender.Deliver(ctx, mailID); err != nil {
				r.Log.WarnContext(ctx, "password reset mail not sent yet; the SendMail schedule retries it", "err", err)
			}
		}
		wait := time.NewTimer(minDuration - time.Since(start))
		defer wait.Stop()
		select {
		case <-wait.C:
		case <-ctx.Done():
		}
		return Response{Status: http.StatusAccepted, Body: forgotPasswordAccepted}, nil
	}
}

type resetPasswordRequest struct {
	Token    string `json:"token"`
	Password string `json:"password"`
}

// ResetPassword is POST /auth/password/reset: a new password from the link
// in the reset mail. Every session of the user ends; they sign in again
// with the new password.
func ResetPassword(svc *auth.Service) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		var in resetPasswordRequest
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		if err := svc.ResetPassword(ctx, in.Token, in.Password); err != nil {
			return Response{}, err
		}
		return Response{Status: http.StatusNoContent}, nil
	}
}
