package roster

import (
	"context"
	"time"
)

// MailKind says which mail an outbox entry will render when it is sent.
type MailKind string

// Mail kinds.
const (
	MailInvitation         MailKind = "invitation"          // welcome with a link to finish setting up
	MailInvitationReminder MailKind = "invitation_reminder" // the link expires within a day
	MailWelcome            MailKind = "welcome"             // an account with a password set for them: no link, nothing to accept
	MailImportReady        MailKind = "import_ready"        // a contact import waits for review; Data: importId
	MailImportFailed       MailKind = "import_failed"       // a contact file could not be used; Data: importId
	MailImportCompleted    MailKind = "import_completed"    // a contact import was written; Data: importId
	MailExportReady        MailKind = "export_ready"        // a contact export can be downloaded; Data: exportId, link
	MailExportFailed       MailKind = "export_failed"       // a contact export could not be written; Data: exportId, reason
)

// OutboxMail is mail that must go out because of a change, written in the
// same transaction as the change so that a failed send loses nothing: the
// mail is sent right after the change and, if that fails, by the SendMail
// schedule. It holds no secret: tokens are made when the mail is rendered.
type OutboxMail struct {
	ID            string
	Kind          MailKind
	OrgID         string
	UserID        string
	ActorName     string            // who caused it, e.g. the inviter, shown in the mail
	Data          map[string]string // what the mail needs that the user no longer has, e.g. an old address
	Attempts      int
	NextAttemptAt time.Time
	LastError     string // kind of the last failure, for operators; never a body
	CreatedAt     time.Time
}

// MailRetryDelay is how long to wait after attempt n (1-based) failed:
// 1, 2, 4 … minutes, at most an hour. After MaxMailAttempts the entry stays
// for an operator to look at.
func MailRetryDelay(n int) time.Duration {
	d := time.Minute << min(max(n-1, 0), 6)
	return min(d, time.Hour)
}

// MaxMailAttempts bounds retries: about a day at the hourly cap.
const MaxMailAttempts = 30

// AuditEvent records one change: who, what, when, and the fields before and
// after.
type AuditEvent struct {
	ID        string
	OrgID     string
	ActorID   string
	Type      string // "user.created", "group.moved", …
	SubjectID string
	Before    map[string]string
	After     map[string]string
	At        time.Time
}

// OutboxStore keeps mail waiting to be sent.
type OutboxStore interface {
	// DueMail lists entries whose next attempt is at or before now.
	DueMail(ctx context.Context, now time.Time, limit int) ([]OutboxMail, error)
	// ClaimMail leases an entry for lease so that two senders do not both
	// send it. Returns EConflict when someone else holds it, ENotFound when
	// it was sent and removed.
	ClaimMail(ctx context.Context, id string, now time.Time, lease time.Duration) (OutboxMail, error)
	// MailSent removes a sent entry.
	MailSent(ctx context.Context, id string) error
	// MailFailed records a failed attempt and when to try again.
	MailFailed(ctx context.Context, m OutboxMail) error
}
