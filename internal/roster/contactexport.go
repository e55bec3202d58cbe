package roster

import "time"

// ExportStatus is where a contact export is.
type ExportStatus string

// Export statuses: queued → running → completed, or failed.
const (
	ExportQueued    ExportStatus = "queued"
	ExportRunning   ExportStatus = "running"
	ExportCompleted ExportStatus = "completed"
	ExportFailed    ExportStatus = "failed"
)

// ContactExport is a spreadsheet of contacts written in the background
// and delivered by a link in an email.
type ContactExport struct {
	ID          string
	OrgID       string
	RequestedBy string // user id
	Format      string // "xlsx" or "csv"
	GroupID     string // "" for every group the requester manages contacts in
	Status      ExportStatus
	Rows        int
	ObjectKey   string // in the export bucket, once written
	FileName    string
	Failure     string
	LeaseUntil  time.Time
	Attempt     int // workers that took it; the third failure ends it failed
	Version     int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	FinishedAt  time.Time
}

// A worker holds an export for up to its lease; Lambda retries a failed
// event twice within about three minutes of the failure, and a retried
// event takes an export whose lease ran out. ExportRetryWindow is how long
// after the lease an export still running, or still queued after its
// request, can be taken by a retry: past it, nobody will (the last try
// crashed, or Lambda dropped the event), and the sweep ends it failed.
const ExportRetryWindow = 15 * time.Minute

// ExportAbandoned is the message an export ended by the sweep or by the
// failure queue carries.
const ExportAbandoned = "The export stopped and could not be finished; ask for it again."

// Stalled reports whether no worker will ever finish e: running with its
// lease run out more than ExportRetryWindow ago, or queued that long
// without a worker taking it.
func (e ContactExport) Stalled(now time.Time) bool {
	switch e.Status {
	case ExportRunning:
		return !now.Before(e.LeaseUntil.Add(ExportRetryWindow))
	case ExportQueued:
		return !now.Before(e.UpdatedAt.Add(ExportRetryWindow))
	}
	return false
}

// Active reports whether a worker may still take or hold e.
func (e ContactExport) Active() bool { return e.Status == ExportQueued || e.Status == ExportRunning }

// Fail ends e failed with message for the requester.
func (e *ContactExport) Fail(message string, now time.Time) {
	e.Status, e.Failure, e.LeaseUntil, e.FinishedAt, e.UpdatedAt = ExportFailed, Clip(message, MaxFailureMessage), time.Time{}, now, now
	e.Version++
}

// ExportFailedMail tells the requester that e ended failed, and why.
func ExportFailedMail(e ContactExport, now time.Time) OutboxMail {
	return OutboxMail{ID: NewID(now), Kind: MailExportFailed, OrgID: e.OrgID, UserID: e.RequestedBy, NextAttemptAt: now, CreatedAt: now,
		Data: map[string]string{"exportId": e.ID, "reason": e.Failure}}
}
