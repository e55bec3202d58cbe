package local

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/roster-app/roster/internal/samtemplate"
)

// buildFunctions compiles every function of the template for this machine
// with one `go build`, which shares the compile cache and builds packages in
// parallel, and returns the binary of each function by logical id.
//
// The binaries are native, not the linux/arm64 ones `sam build` makes: the
// code is the same, and a native binary needs no emulation or container.
func buildFunctions(ctx context.Context, repoRoot, templateDir, binDir string, fns []*samtemplate.Function) (map[string]string, error) {
	binaries := map[string]string{}
	var pkgs []string
	byName := map[string]string{} // binary name -> package, to catch clashes
	for _, fn := range fns {
		dir := filepath.Join(templateDir, fn.CodeURI)
		rel, err := filepath.Rel(repoRoot, dir)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, fmt.Errorf("function %s: CodeUri %s is outside the repository %s", fn.LogicalID, fn.CodeURI, repoRoot)
		}
		pkg := "./" + filepath.ToSlash(rel)
		// go build -o dir/ names each binary after the last element of its
		// package path.
		name := path.Base(pkg)
		if runtime.GOOS == "windows" {
			name += ".exe"
		}
		if other, ok := byName[name]; ok && other != pkg {
			return nil, fmt.Errorf("functions in %s and %s would build to the same binary name %s; rename one folder", other, pkg, name)
		}
		if _, ok := byName[name]; !ok {
			byName[name] = pkg
			pkgs = append(pkgs, pkg)
		}
		binaries[fn.LogicalID] = filepath.Join(binDir, name)
	}
	if len(pkgs) == 0 {
		return binaries, nil
	}
	if err := os.MkdirAll(binDir, 0o755); err != nil {
		return nil, fmt.Errorf("build functions: %w", err)
	}
	// -s -w drops DWARF, which only a debugger reads; linking gets about a
	// third faster. Stack traces keep their file:line.
	args := append([]string{"build", "-tags", "lambda.norpc", "-ldflags=-s -w", "-o", binDir + string(filepath.Separator)}, pkgs...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = repoRoot
	// CGO off as for the Lambda build: no C toolchain needed, same code paths.
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("build functions: %w", ctx.Err())
		}
		return nil, fmt.Errorf("build functions (go %s): %w\n%s", strings.Join(args, " "), err, strings.TrimSpace(out.String()))
	}
	return binaries, nil
}
