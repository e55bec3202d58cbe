package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// IdempotencyKeyHeader lets a client retry a create safely.
const IdempotencyKeyHeader = "Idempotency-Key"

// Idempotent makes op safe to retry: a request with an Idempotency-Key runs
// once; a retry with the same key and the same request gets the first
// response again (with Idempotent-Replayed: true); the same key with a
// different request gets 422; a retry while the first is still running gets
// 409. Only outcomes that a retry would repeat are kept: successes and
// refusals of the input. Failures to authenticate, throttling and internal
// errors are forgotten, so the retry runs for real.
// fingerprint names what else besides the body identifies the request, such
// as a credential.
func Idempotent(store roster.IdempotencyStore, now func() time.Time, op Operation) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		key := r.Header(IdempotencyKeyHeader)
		if key == "" {
			return op(ctx, r)
		}
		if len(key) > 255 || !printableASCII(key) {
			e := roster.WithReason(roster.EInvalid, "validation_failed", "the request has invalid fields")
			e.Fields = []roster.FieldError{{Field: IdempotencyKeyHeader, Message: "must be 1 to 255 printable ASCII characters"}}
			return Response{}, e
		}
		// Keys are per caller: two users (or the operator) may pick the same
		// key. They are per path too: the operator granting credits to two
		// organisations with one key and body is two requests.
		scoped := r.RouteKey + "\x00" + r.RawPath + "\x00" + r.Caller.OrgID + "\x00" + r.Caller.UserID + "\x00" + key
		sum := sha256.Sum256([]byte(scoped))
		storeKey := hex.EncodeToString(sum[:])
		fp := sha256.Sum256([]byte(r.Header(OperatorKeyHeader) + "\x00" + r.Body))
		fingerprint := hex.EncodeToString(fp[:])

		rec, started, err := store.BeginIdempotent(ctx, storeKey, fingerprint, now())
		if err != nil {
			return Response{}, err
		}
		if !started {
			switch {
			case rec.Fingerprint != fingerprint:
				return Response{}, roster.WithReason(roster.EUnprocessable, "idempotency_key_reused",
					"this Idempotency-Key was used for a different request; use a new key")
			case !rec.Done:
				e := roster.WithReason(roster.EConflict, "idempotency_in_progress", "a request with this Idempotency-Key is still running; retry shortly")
				e.RetryAfter = time.Second
				return Response{}, e
			}
			return replay(rec.Result), nil
		}
		resp, opErr := op(ctx, r)
		result, keep := keepable(resp, opErr, r.RequestContext.RequestID)
		if !keep {
			if err := store.AbandonIdempotent(ctx, storeKey); err != nil {
				r.Log.ErrorContext(ctx, "abandon idempotency key", "err", err)
			}
			return resp, opErr
		}
		if err := store.FinishIdempotent(ctx, storeKey, result, now()); err != nil {
			// The work is done; failing now would invite a retry that runs it twice.
			r.Log.ErrorContext(ctx, "store idempotent result", "err", err)
		}
		return resp, opErr
	}
}

// keepable decides whether an outcome is kept for replay, and renders it.
func keepable(resp Response, opErr error, requestID string) (roster.IdempotentResult, bool) {
	if opErr != nil {
		status := StatusFor(roster.ErrorCodeOf(opErr))
		// Refusals that depend on the state (409, 412) or the caller (401,
		// 403, 429) may change on retry; only refusals of the input are kept.
		if status >= 500 || status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusTooManyRequests ||
			status == http.StatusConflict || status == http.StatusPreconditionFailed {
			return roster.IdempotentResult{}, false
		}
		p := problemResponse(opErr, requestID)
		return roster.IdempotentResult{Status: p.StatusCode, Headers: p.Headers, Body: p.Body}, true
	}
	if resp.Replay != nil {
		resp.Body = resp.Replay
	}
	out, err := encode(resp)
	if err != nil {
		return roster.IdempotentResult{}, false
	}
	return roster.IdempotentResult{Status: out.StatusCode, Headers: out.Headers, Body: out.Body}, true
}

// replay answers with a kept result, headers (Content-Type among them) as
// they were.
func replay(res roster.IdempotentResult) Response {
	headers := map[string]string{"Idempotent-Replayed": "true"}
	for k, v := range res.Headers {
		headers[k] = v
	}
	out := Response{Status: res.Status, Headers: headers}
	if res.Body != "" {
		out.Body = json.RawMessage(res.Body)
	}
	return out
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
