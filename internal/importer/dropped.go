package importer

import (
	"crypto/sha256"
	"encoding/hex"
)

// DroppedUploadID is the id of a file dropped into incoming/: it has no
// import id yet, so one is derived from the object's key and version, and a
// redelivered event finds the same upload.
func DroppedUploadID(key, etag string) string {
	sum := sha256.Sum256([]byte(key + "\x00" + etag))
	return hex.EncodeToString(sum[:13])
}
