// Package race says whether the running binary was built with the race
// detector, so that a test which builds more Go code (the local stack's
// functions, the functions' type analysis) builds it the same way: then it
// reuses every package `go test -race` and `go vet -race` compiled instead of
// compiling the dependency graph a second time, and the code it builds runs
// under the race detector too.
package race

// Flags are the go build flags that match this binary's race setting.
func Flags() []string {
	if Enabled {
		return []string{"-race"}
	}
	return nil
}
