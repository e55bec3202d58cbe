package roster

import (
	"strings"
	"time"
)

// ImportMode says what a contact spreadsheet does: add new contacts, or
// change existing ones (a file exported, edited and uploaded again).
type ImportMode string

// Import modes.
const (
	ImportNew    ImportMode = "import"
	ImportUpdate ImportMode = "update"
)

// Valid reports whether m is a known mode.
func (m ImportMode) Valid() bool { return m == ImportNew || m == ImportUpdate }

// ImportStatus is where an import is. The happy path is
// awaiting_upload → validating → ready → applying → completed; a file that
// cannot be read ends failed, and a person may cancel a ready import.
type ImportStatus string

// Import statuses.
const (
	ImportAwaitingUpload ImportStatus = "awaiting_upload" // created by the API; the file is not there yet
	ImportValidating     ImportStatus = "validating"      // the file is being read and checked
	ImportReady          ImportStatus = "ready"           // checked; waiting for a person to review and apply
	ImportFailed         ImportStatus = "failed"          // the file could not be used; nothing was written
	ImportApplying       ImportStatus = "applying"        // writing contacts, in chunks
	ImportCompleted      ImportStatus = "completed"       // every change was written
	ImportCancelled      ImportStatus = "cancelled"       // discarded by a person before applying
)

// Limits of the import pipeline.
const (
	MaxImportBytes    = 100 << 20 // 100 MiB, the upload URL's content-length bound
	MaxImportSamples  = 100       // changes and errors kept on the import for review; the rest are in the reports
	MaxFileNameBytes  = 200
	MaxFailureMessage = 2000
)

// ImportSummary counts what a file does. Rows counts data rows; every row is
// exactly one of New, Updated, Unchanged or Errors (conflicts are errors
// too, also counted in Conflicts).
type ImportSummary struct {
	Rows      int
	New       int
	Updated   int
	Unchanged int
	Errors    int
	Conflicts int
}

// ImportProgress says how far applying got. Part and Line say where to
// resume in the plan: the next line to write is Line of part Part.
type ImportProgress struct {
	Done    int // rows written or found already written
	Total   int // rows to write: New + Updated
	Skipped int // rows not written because the contact changed after review
	Part    int
	Line    int
}

// ImportRowError is one row the import refuses, with every reason.
type ImportRowError struct {
	Line     int
	Problems []FieldError // Field is the column header as the file has it
}

// ImportChange is one contact an update row changes, field by field.
type ImportChange struct {
	Line      int
	ContactID string
	Name      string
	Changes   []ContactChange
}

// ContactImport is one spreadsheet on its way to becoming contacts.
type ContactImport struct {
	ID             string
	OrgID          string
	Mode           ImportMode
	Source         UploadSource
	FileName       string
	DeclaredSize   int64  // what the uploader announced (API uploads)
	ObjectKey      string // where the file is in the upload bucket
	ObjectETag     string // the version of the object that was read
	Format         string // "csv" or "xlsx", once read
	UploaderID     string
	UploaderEmail  string
	Status         ImportStatus
	FailureReason  string // stable code, e.g. "missing_columns"
	FailureMessage string // for a person
	Summary        ImportSummary
	Progress       ImportProgress
	SampleErrors   []ImportRowError // the first MaxImportSamples
	SampleChanges  []ImportChange   // the first MaxImportSamples
	ErrorReportKey string           // original rows plus an Errors column, when some rows have errors
	PlanParts      int              // plan files written by validation
	SendWelcome    bool
	AppliedBy      string    // the user who asked to apply
	LeaseUntil     time.Time // a worker holds the import until then
	Attempt        int       // bumped each time a worker takes the import over
	Version        int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
	ReadyAt        time.Time
	ApplyStartedAt time.Time // also the creation time of every contact it adds
	FinishedAt     time.Time
}

// Leased reports whether a worker holds the import at now.
func (imp ContactImport) Leased(now time.Time) bool { return now.Before(imp.LeaseUntil) }

// Fail ends an import that could not be used. The message is kept to
// MaxFailureMessage characters.
func (imp *ContactImport) Fail(reason, message string, now time.Time) {
	message = Clip(message, MaxFailureMessage)
	imp.Status, imp.FailureReason, imp.FailureMessage = ImportFailed, reason, message
	imp.LeaseUntil, imp.FinishedAt = time.Time{}, now
}

// CheckImportFileName refuses names that cannot be an object key's last
// part. Returns EInvalid naming field.
func CheckImportFileName(field, name string) error {
	var v Validation
	switch {
	case strings.TrimSpace(name) == "":
		v.Add(field, "is required")
	case len(name) > MaxFileNameBytes:
		v.Add(field, "must be at most 200 bytes")
	case strings.ContainsAny(name, "/\\") || strings.ContainsFunc(name, isControl) || name == "." || name == "..":
		v.Add(field, "must be a file name without slashes or control characters")
	}
	return v.Err()
}

// ImportRef names an import.
type ImportRef struct {
	OrgID string
	ID    string
}
