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
