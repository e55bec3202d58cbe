package local

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/roster-app/roster/internal/local/linkonce"
	"github.com/roster-app/roster/internal/samtemplate"
)

// program is how a function's process is started: the binary and its
// arguments.
type program struct {
	binary string
	args   []string
}

// buildFunctions compiles every function of the template for this machine
// into one binary (internal/local/linkonce: one link instead of one per
// function), started once per function process with the function's folder
// name, and returns how to start each function by logical id.
//
// The binary is native, not the linux/arm64 ones `sam build` makes: the
// code is the same, and a native binary needs no emulation or container.
// flags are the caller's extra go build flags (Config.BuildFlags).
func buildFunctions(ctx context.Context, repoRoot, templateDir, binDir string, fns []*samtemplate.Function, flags []string) (map[string]program, error) {
	programs := map[string]program{}
	binary := filepath.Join(binDir, "functions")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	// Several functions may share a folder; linkonce refuses two folders
	// that would run by the same name.
	var dirs []string
	for _, fn := range fns {
		dir := filepath.Join(templateDir, fn.CodeURI)
		rel, err := filepath.Rel(repoRoot, dir)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, fmt.Errorf("function %s: CodeUri %s is outside the repository %s", fn.LogicalID, fn.CodeURI, repoRoot)
		}
		if !slices.Contains(dirs, rel) {
			dirs = append(dirs, rel)
		}
		programs[fn.LogicalID] = program{binary: binary, args: []string{linkonce.Name(rel)}}
	}
	if len(dirs) == 0 {
		return programs, nil
	}
	build := linkonce.Build{
		ModuleRoot: repoRoot,
		Packages:   dirs,
		Output:     binary,
		WorkDir:    filepath.Join(binDir, "generated"),
		// -s -w drops DWARF, which only a debugger reads; linking gets
		// about a third faster. Stack traces keep their file:line.
		Flags: append([]string{"-tags", "lambda.norpc", "-ldflags=-s -w"}, flags...),
		// The environment as it is (CGO as go build sees it here), not
		// CGO_ENABLED=0 as for Lambda: then this build reuses every
		// package the build of cmd/roster-local compiled (with -race in
		// tests, every package go test -race and go vet -race compiled),
		// instead of compiling the SDK and the rest a second time. The
		// functions' own code is the same either way; cgo only changes how
		// net and os/user look things up, which a function calling the
		// emulators at 127.0.0.1 never does. The Lambda build itself is
		// held by functions' TestEveryFunctionBuildsForLambda.
		Env: os.Environ(),
	}
	if err := build.Run(ctx); err != nil {
		return nil, fmt.Errorf("build functions: %w", err)
	}
	return programs, nil
}
