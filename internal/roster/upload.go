package roster

import (
	"strings"
	"time"
)

// UploadSource says how a spreadsheet reached the upload bucket.
type UploadSource string

// Upload sources.
const (
	// UploadViaAPI: PUT to a presigned URL from POST /contacts/imports,
	// under imports/<organisation id>/<import id>/<file name>.
	UploadViaAPI UploadSource = "api"
	// UploadDropped: an admin put the file straight into the bucket, under
	// incoming/<organisation id>/<file name>, naming themself in the
	// object's "uploader" metadata.
	UploadDropped UploadSource = "dropped"
)

// Upload is a spreadsheet that landed in the upload bucket, the first step
// of a contact import.
type Upload struct {
	ID         string
	OrgID      string
	Source     UploadSource
	Key        string
	FileName   string
	Size       int64
	ETag       string
	UploadedBy string // the uploader's email, as the object's metadata says
	Status     string // "received" until the import reads it
	ReceivedAt time.Time
}

// UploadKey is what an object key in the upload bucket says.
type UploadKey struct {
	Source   UploadSource
	OrgID    string
	ImportID string // only for UploadViaAPI
	FileName string
}

// ParseUploadKey reads an upload bucket key; ok is false for keys outside
// the two layouts, which the pipeline ignores.
func ParseUploadKey(k string) (UploadKey, bool) {
	parts := strings.Split(k, "/")
	switch {
	case len(parts) == 3 && parts[0] == "incoming" && parts[1] != "" && parts[2] != "":
		return UploadKey{Source: UploadDropped, OrgID: parts[1], FileName: parts[2]}, true
	case len(parts) == 4 && parts[0] == "imports" && parts[1] != "" && parts[2] != "" && parts[3] != "":
		return UploadKey{Source: UploadViaAPI, OrgID: parts[1], ImportID: parts[2], FileName: parts[3]}, true
	}
	return UploadKey{}, false
}
