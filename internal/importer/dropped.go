package importer

import "github.com/roster-app/roster/internal/imports"

// DroppedUploadID is the id of a file dropped into incoming/
// (imports.DroppedUploadID).
func DroppedUploadID(key, etag string) string { return imports.DroppedUploadID(key, etag) }
