package deadletter

import (
	"context"
	"errors"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"
)

// Imports ends the import an upload-bucket object belongs to
// (imports.Abandoner).
type Imports interface {
	Abandon(ctx context.Context, key, etag string) error
}

// Exports ends the export an export-bucket request object asks for
// (exports.Abandoner).
type Exports interface {
	Abandon(ctx context.Context, key string) error
}

// Handler consumes the failure queue.
type Handler struct {
	Buckets Buckets
	Imports Imports
	Exports Exports
	Log     *slog.Logger
}

// Handle reads each message's record and acts on it. A message that
// cannot be read, or whose action failed (storage trouble), is reported
// as a batch item failure: the queue delivers it again, and after a few
// receives parks it in the parking queue, whose alarm tells an operator.
// The others are deleted.
func (h *Handler) Handle(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	for _, m := range ev.Records {
		if err := h.handle(ctx, m); err != nil {
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
		}
	}
	return resp, nil
}

func (h *Handler) handle(ctx context.Context, m events.SQSMessage) error {
	f, err := Parse([]byte(m.Body), h.Buckets)
	if err != nil {
		// The body is not logged: it may hold a spreadsheet's key or a
		// payload; the message stays in the queue for an operator.
		h.Log.ErrorContext(ctx, "unreadable failure record; left for the parking queue", "messageId", m.MessageId,
			"receiveCount", m.Attributes["ApproximateReceiveCount"], "err", err)
		return err
	}
	l := h.Log.With("messageId", m.MessageId, "function", f.Function, "condition", f.Condition, "attempts", f.Attempts, "errorType", f.ErrorType)
	var errs []error
	for _, a := range f.Actions {
		switch a.Kind {
		case KindImport:
			l.ErrorContext(ctx, "import event given up by Lambda; ending the import", "key", a.Key)
			errs = append(errs, h.Imports.Abandon(ctx, a.Key, a.ETag))
		case KindExport:
			l.ErrorContext(ctx, "export event given up by Lambda; ending the export", "key", a.Key)
			errs = append(errs, h.Exports.Abandon(ctx, a.Key))
		case KindSchedule:
			l.ErrorContext(ctx, "scheduled run failed after its retries; the next run starts afresh", "rule", a.Rule)
		case KindTextEvent:
			// The text keeps the status it had (sent, most often): what the
			// carrier said is not known, and guessing would be worse.
			l.ErrorContext(ctx, "delivery event not recorded after its retries; the text keeps its status", "eventType", a.EventType, "textId", a.TextID)
		default:
			l.ErrorContext(ctx, "failed event for a bucket of no import or export; nothing to end", "bucket", a.Bucket)
		}
	}
	if err := errors.Join(errs...); err != nil {
		l.ErrorContext(ctx, "could not act on a failure record; it will be delivered again", "err", err)
		return err
	}
	return nil
}
