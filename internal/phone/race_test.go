//go:build race

package phone

// The race detector makes the differential tests some twenty times slower;
// under it (make test) they check fewer numbers. Without it (go test), all.
func init() { raceEnabled = true }
