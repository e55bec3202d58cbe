// Package smsclient sends Roster's texts through AWS End User Messaging SMS
// (the pinpointsmsvoicev2 API): it is the roster.TextProvider of the
// functions that send texts.
//
// Every failure is a *roster.TextSendError saying whether the same text may
// be sent again: Transient when the provider refused it for now (throttled,
// its own error) or the request never left (connection refused), Unknown
// when the request may have reached the provider without an answer (a
// timeout, a broken connection: sending again could send it twice), and
// neither when the provider refused the text for good (the number opted
// out, a malformed request, an origination identity that does not exist,
// no permission). The client makes one attempt: the SDK's own retries are
// off, because Roster's sender retries with backoff and an SDK retry after
// a timeout could send a text twice.
package smsclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/pinpointsmsvoicev2"
	"github.com/aws/aws-sdk-go-v2/service/pinpointsmsvoicev2/types"
	"github.com/aws/smithy-go"

	"github.com/roster-app/roster/internal/roster"
)

// Client sends texts. It is safe for concurrent use.
type Client struct {
	api              *pinpointsmsvoicev2.Client
	configurationSet string
}

var _ roster.TextProvider = (*Client)(nil)

// New returns a client sending through c, with configurationSet (the
// configuration set whose event destination publishes delivery events;
// "" for none) on every text. c should make one attempt per call
// (RetryMaxAttempts 1), as NewFromConfig's does.
func New(c *pinpointsmsvoicev2.Client, configurationSet string) *Client {
	return &Client{api: c, configurationSet: configurationSet}
}

// NewFromConfig returns a client built from cfg, with the SDK's retries
// off (RetryMaxAttempts 1).
func NewFromConfig(cfg aws.Config, configurationSet string) *Client {
	return New(pinpointsmsvoicev2.NewFromConfig(cfg, func(o *pinpointsmsvoicev2.Options) {
		o.RetryMaxAttempts = 1
	}), configurationSet)
}

// SendText sends t as a transactional text and returns the provider's
// message id, or a *roster.TextSendError.
func (c *Client) SendText(ctx context.Context, t roster.TextSend) (string, error) {
	in := &pinpointsmsvoicev2.SendTextMessageInput{
		OriginationIdentity:    aws.String(t.From),
		DestinationPhoneNumber: aws.String(t.To),
		MessageBody:            aws.String(t.Body),
		MessageType:            types.MessageTypeTransactional,
		Context:                t.Context,
	}
	if c.configurationSet != "" {
		in.ConfigurationSetName = aws.String(c.configurationSet)
	}
	// Whether any of the request was written decides, for an error without
	// an answer, between "not sent" and "perhaps sent".
	var wrote atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteHeaderField: func(string, []string) { wrote.Store(true) },
		WroteHeaders:     func() { wrote.Store(true) },
	})
	out, err := c.api.SendTextMessage(ctx, in)
	if err != nil {
		return "", classify(err, wrote.Load())
	}
	id := aws.ToString(out.MessageId)
	if id == "" {
		return "", &roster.TextSendError{Unknown: true, Reason: "the provider accepted the text without a message id",
			Err: errors.New("SendTextMessage answered without MessageId")}
	}
	return id, nil
}

// classify turns an error of SendTextMessage into a *roster.TextSendError.
// written says whether any of the request had been written to the
// connection when it failed.
func classify(err error, written bool) *roster.TextSendError {
	var api smithy.APIError
	if errors.As(err, &api) {
		return classifyAPIError(err, api)
	}
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) && respErr.HTTPStatusCode() != 0 {
		// An answer came but could not be read: the text may have been
		// accepted.
		return &roster.TextSendError{Unknown: true, Reason: fmt.Sprintf("the provider's answer (HTTP %d) could not be read, the text may have been sent", respErr.HTTPStatusCode()), Err: err}
	}
	if !written {
		if isNetworkError(err) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return &roster.TextSendError{Transient: true, Reason: "the provider could not be reached, nothing was sent: " + transportMessage(err), Err: err}
		}
		return &roster.TextSendError{Reason: "the request to the provider could not be made: " + transportMessage(err), Err: err}
	}
	reason := "no answer from the provider, the text may have been sent: "
	switch {
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		reason = "the provider did not answer in time, the text may have been sent"
	case errors.Is(err, context.Canceled):
		reason = "the send was cancelled after the request was sent, the text may have been sent"
	default:
		reason += transportMessage(err)
	}
	return &roster.TextSendError{Unknown: true, Reason: reason, Err: err}
}

func classifyAPIError(err error, api smithy.APIError) *roster.TextSendError {
	code, msg := api.ErrorCode(), api.ErrorMessage()
	detail := func(reason string) string {
		d := code
		if reason != "" {
			d += " " + reason
		}
		if msg != "" && msg != code {
			d += ": " + msg
		}
		return d
	}
	e := &roster.TextSendError{Err: err}
	var (
		conflict *types.ConflictException
		valid    *types.ValidationException
		notFound *types.ResourceNotFoundException
		denied   *types.AccessDeniedException
		quota    *types.ServiceQuotaExceededException
	)
	switch {
	case errors.As(err, new(*types.ThrottlingException)):
		e.Transient, e.Reason = true, "the provider throttled the send ("+detail("")+")"
	case errors.As(err, new(*types.InternalServerException)):
		e.Transient, e.Reason = true, "the provider failed ("+detail("")+")"
	case errors.As(err, &conflict):
		if conflict.Reason == types.ConflictExceptionReasonDestinationPhoneNumberOptedOut {
			e.Reason = "the number opted out at the provider (" + detail(string(conflict.Reason)) + ")"
		} else {
			e.Reason = "the provider refused the text (" + detail(string(conflict.Reason)) + ")"
		}
	case errors.As(err, &valid):
		e.Reason = "the provider refused the text as invalid (" + detail(string(valid.Reason)) + ")"
	case errors.As(err, &notFound):
		what := "the origination identity"
		if notFound.ResourceType == types.ResourceTypeConfigurationSet {
			what = "the configuration set"
		}
		e.Reason = what + " does not exist at the provider (" + detail(strings.TrimSpace(string(notFound.ResourceType)+" "+aws.ToString(notFound.ResourceId))) + ")"
	case errors.As(err, &denied):
		e.Reason = "the provider does not let this account send texts (" + detail(string(denied.Reason)) + ")"
	case errors.As(err, &quota):
		e.Reason = "a quota of the provider is used up (" + detail(string(quota.Reason)) + ")"
	default:
		// An error the API does not model, from AWS's front end: 5xx are
		// answers given before the text was taken, except a gateway
		// timeout, which says nothing of what happened behind it.
		status := 0
		var respErr *awshttp.ResponseError
		if errors.As(err, &respErr) {
			status = respErr.HTTPStatusCode()
		}
		switch {
		case status == 504:
			e.Unknown, e.Reason = true, fmt.Sprintf("the provider timed out (HTTP 504, %s), the text may have been sent", detail(""))
		case status >= 500:
			e.Transient, e.Reason = true, fmt.Sprintf("the provider failed (HTTP %d, %s)", status, detail(""))
		default:
			e.Reason = "the provider refused the text (" + detail("") + ")"
		}
	}
	return e
}

func isNetworkError(err error) bool {
	var netErr net.Error
	var opErr *net.OpError
	var dnsErr *net.DNSError
	return errors.As(err, &netErr) || errors.As(err, &opErr) || errors.As(err, &dnsErr)
}

func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

// transportMessage says what went wrong below the SDK ("dial tcp …:
// connect: connection refused", "EOF"), without the SDK's wrapping, which
// repeats the operation name.
func transportMessage(err error) string {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err.Error()
	}
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}
