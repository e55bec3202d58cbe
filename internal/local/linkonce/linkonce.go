// Package linkonce builds many Go main packages into one binary, so that
// the local stack links once instead of once per function.
//
// Linking dominates a build of ~100 small Lambda functions that share one
// dependency graph: the compiler's work is cached and shared, but every
// binary is linked on its own (about a second each on two cores). Here each
// main package is presented to the compiler as an importable copy whose
// `func main` is renamed `Main`, and a generated main runs the one its
// first argument names:
//
//	bin/functions create-user
//
// The copies exist only for the build: `go build -overlay` maps them to
// paths inside the module (under this package's folder) that are not on
// disk, so the source tree is never written. The function's own code is
// compiled unchanged apart from those two names; what differs is that every
// function's package-level state shares the one binary, so a function that
// declares init() or computes package-level variables is refused: in one
// binary it would run in every function's process.
package linkonce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"
)

// Build describes one build of several main packages into one binary.
type Build struct {
	// ModuleRoot is the folder holding go.mod.
	ModuleRoot string
	// Packages are the folders of the main packages, relative to
	// ModuleRoot or absolute; each must lie inside the module. Each is run
	// by its folder's base name (Name), which must therefore be unique.
	Packages []string
	// Output is the binary to write.
	Output string
	// WorkDir receives the generated files and the overlay.
	WorkDir string
	// Flags go to `go build` before the package, e.g. -tags, -ldflags.
	Flags []string
	// Env is the build's environment (nil: this process's).
	Env []string
}

// Name is the argument that runs the main package in folder dir.
func Name(dir string) string { return filepath.Base(filepath.Clean(dir)) }

// generatedDir is where, relative to the module root, the copies appear to
// the compiler. It must not exist on disk.
const generatedDir = "internal/local/linkonce/generated"

// Run generates the copies and the dispatching main, and builds them.
func (b Build) Run(ctx context.Context) error {
	modData, err := os.ReadFile(filepath.Join(b.ModuleRoot, "go.mod"))
	if err != nil {
		return fmt.Errorf("linkonce: %w", err)
	}
	modPath := modfile.ModulePath(modData)
	if modPath == "" {
		return errors.New("linkonce: go.mod names no module")
	}
	root, err := filepath.Abs(b.ModuleRoot)
	if err == nil {
		// The go command resolves its working directory to the real path,
		// so the overlay must name files by that path too.
		root, err = filepath.EvalSymlinks(root)
	}
	if err != nil {
		return fmt.Errorf("linkonce: %w", err)
	}
	env := b.Env
	if env == nil {
		env = os.Environ()
	}
	// With Env set, os/exec leaves PWD as it was; go would then trust a PWD
	// that names another folder only if it matches, so give it the root.
	env = append(env[:len(env):len(env)], "PWD="+root)
	pkgNames := map[string]string{} // Go package name of a copy -> run name
	for _, given := range b.Packages {
		name := Name(given)
		pkgName := packageName(name)
		if other, dup := pkgNames[pkgName]; dup {
			if other == name {
				return fmt.Errorf("linkonce: two packages would run as %q; rename one folder", name)
			}
			return fmt.Errorf("linkonce: folders %q and %q would both be package %s; rename one", other, name, pkgName)
		}
		pkgNames[pkgName] = name
	}
	sources, err := listSources(ctx, root, env, b.Flags, b.Packages)
	if err != nil {
		return err
	}
	virtualRoot := filepath.Join(root, filepath.FromSlash(generatedDir))
	if _, err := os.Stat(virtualRoot); err == nil {
		return fmt.Errorf("linkonce: %s exists on disk; it is reserved for the build's generated packages", virtualRoot)
	}
	if err := os.MkdirAll(b.WorkDir, 0o755); err != nil {
		return fmt.Errorf("linkonce: %w", err)
	}

	overlay := map[string]string{}
	entries := map[string]string{} // run name -> Go package name of its copy
	folders := map[string]string{} // folder as given -> Go package name of its copy
	for i, given := range b.Packages {
		name := Name(given)
		pkgName := packageName(name)
		files, err := rewritePackage(sources[i], pkgName)
		if err != nil {
			return err
		}
		genDir := filepath.Join(b.WorkDir, pkgName)
		if err := os.MkdirAll(genDir, 0o755); err != nil {
			return fmt.Errorf("linkonce: %w", err)
		}
		for base, src := range files {
			real := filepath.Join(genDir, base)
			if err := os.WriteFile(real, src, 0o644); err != nil {
				return fmt.Errorf("linkonce: %w", err)
			}
			overlay[filepath.Join(virtualRoot, pkgName, base)] = real
		}
		entries[name] = pkgName
		folders[filepath.Clean(given)] = pkgName
	}

	mainSrc, err := dispatcher(modPath, entries)
	if err != nil {
		return err
	}
	mainReal := filepath.Join(b.WorkDir, "main.go")
	if err := os.WriteFile(mainReal, mainSrc, 0o644); err != nil {
		return fmt.Errorf("linkonce: %w", err)
	}
	overlay[filepath.Join(virtualRoot, "main.go")] = mainReal

	overlayJSON, err := json.Marshal(struct{ Replace map[string]string }{overlay})
	if err != nil {
		return fmt.Errorf("linkonce: %w", err)
	}
	overlayPath := filepath.Join(b.WorkDir, "overlay.json")
	if err := os.WriteFile(overlayPath, overlayJSON, 0o644); err != nil {
		return fmt.Errorf("linkonce: %w", err)
	}

	args := append([]string{"build", "-overlay", overlayPath}, b.Flags...)
	args = append(args, "-o", b.Output, modPath+"/"+generatedDir)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("linkonce: build: %w", ctx.Err())
		}
		// The compiler names the copies by where they are written; name
		// the real folders instead, so an error points at the file to fix.
		msg := strings.TrimSpace(out.String())
		// go prints a path relative to its working directory when that
		// is shorter, so replace both forms.
		for dir, pkgName := range folders {
			gen, err := filepath.Abs(filepath.Join(b.WorkDir, pkgName))
			if err != nil {
				continue
			}
			msg = strings.ReplaceAll(msg, gen+string(filepath.Separator), dir+string(filepath.Separator))
			if rel, err := filepath.Rel(root, gen); err == nil {
				msg = strings.ReplaceAll(msg, rel+string(filepath.Separator), dir+string(filepath.Separator))
			}
		}
		return fmt.Errorf("linkonce: go %s: %w\n%s", strings.Join(args, " "), err, msg)
	}
	return nil
}

// packageName turns a folder name such as create-user into an identifier
// that cannot clash with a keyword or with the packages it imports.
func packageName(folder string) string {
	var sb strings.Builder
	sb.WriteString("fn_")
	for _, r := range folder {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			sb.WriteRune(r)
		default:
			sb.WriteByte('_')
		}
	}
	return sb.String()
}

// source is what go list says a main package's build compiles.
type source struct {
	Dir        string
	Name       string
	GoFiles    []string
	CgoFiles   []string
	EmbedFiles []string
	SFiles     []string
	SysoFiles  []string
	Error      *struct{ Err string }
}

// listSources asks go list, with the build's environment and flags, which
// files each package's build compiles (build constraints applied), in the
// order of dirs.
func listSources(ctx context.Context, root string, env, flags, dirs []string) ([]source, error) {
	args := append([]string{"list", "-e", "-json=Dir,Name,GoFiles,CgoFiles,EmbedFiles,SFiles,SysoFiles,Error"}, flags...)
	for _, dir := range dirs {
		if !filepath.IsAbs(dir) {
			dir = "." + string(filepath.Separator) + filepath.Clean(dir)
		}
		args = append(args, dir)
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("linkonce: go list: %w\n%s", err, strings.TrimSpace(stderr.String()))
	}
	var list []source
	for d := json.NewDecoder(bytes.NewReader(out)); d.More(); {
		var s source
		if err := d.Decode(&s); err != nil {
			return nil, fmt.Errorf("linkonce: go list: %w", err)
		}
		list = append(list, s)
	}
	if len(list) != len(dirs) {
		return nil, fmt.Errorf("linkonce: go list gave %d packages for %d folders", len(list), len(dirs))
	}
	return list, nil
}

// rewritePackage returns the Go files the package's build compiles,
// renamed to package pkgName with main renamed Main, by file name. Only
// plain Go is supported: embedded files, cgo and assembly would need the
// copy to sit beside them.
func rewritePackage(src source, pkgName string) (map[string][]byte, error) {
	dir := src.Dir
	if src.Error != nil {
		return nil, fmt.Errorf("linkonce: %s", src.Error.Err)
	}
	if len(src.CgoFiles)+len(src.EmbedFiles)+len(src.SFiles)+len(src.SysoFiles) > 0 {
		return nil, fmt.Errorf("linkonce: %s uses cgo, assembly or //go:embed, which a copy cannot; keep such code in an imported package", dir)
	}
	if src.Name != "main" {
		return nil, fmt.Errorf("linkonce: %s is package %s, not main", dir, src.Name)
	}
	fset := token.NewFileSet()
	out := map[string][]byte{}
	hasMain := false
	for _, base := range src.GoFiles {
		p := filepath.Join(dir, base)
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("linkonce: %w", err)
		}
		f.Name.Name = pkgName // go list has checked that every file is package main
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil {
					continue
				}
				switch d.Name.Name {
				case "main":
					d.Name.Name = "Main"
					hasMain = true
				case "Main":
					return nil, fmt.Errorf("linkonce: %s declares Main, the name main is given in the shared binary", fset.Position(d.Pos()))
				case "init":
					return nil, fmt.Errorf("linkonce: %s declares init(), which would run in every function's process of the shared binary; do that work in main", fset.Position(d.Pos()))
				}
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, spec := range d.Specs {
					for _, v := range spec.(*ast.ValueSpec).Values {
						if containsCall(v) {
							return nil, fmt.Errorf("linkonce: %s computes a package-level variable, which would run in every function's process of the shared binary; compute it in main", fset.Position(v.Pos()))
						}
					}
				}
			}
		}
		var buf bytes.Buffer
		if err := format.Node(&buf, fset, f); err != nil {
			return nil, fmt.Errorf("linkonce: %s: %w", p, err)
		}
		out[base] = buf.Bytes()
	}
	if !hasMain {
		return nil, fmt.Errorf("linkonce: %s has no func main", dir)
	}
	return out, nil
}

// containsCall reports whether an expression calls anything (a conversion
// counts too, which errs on the side of refusing).
func containsCall(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false // a function value is not run at init
		}
		if _, ok := n.(*ast.CallExpr); ok {
			found = true
		}
		return !found
	})
	return found
}

// dispatcher is the shared binary's main: it runs the Main its first
// argument names.
func dispatcher(modPath string, entries map[string]string) ([]byte, error) {
	names := make([]string, 0, len(entries))
	for name := range entries {
		names = append(names, name)
	}
	sort.Strings(names)
	var src bytes.Buffer
	src.WriteString("// Code generated by internal/local/linkonce. DO NOT EDIT.\n\npackage main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\n")
	for _, name := range names {
		fmt.Fprintf(&src, "\t%s %s\n", entries[name], strconv.Quote(path.Join(modPath, generatedDir, entries[name])))
	}
	src.WriteString(")\n\nvar mains = map[string]func(){\n")
	for _, name := range names {
		fmt.Fprintf(&src, "\t%s: %s.Main,\n", strconv.Quote(name), entries[name])
	}
	src.WriteString(`}

func main() {
	if len(os.Args) == 2 {
		if run, ok := mains[os.Args[1]]; ok {
			os.Args = os.Args[:1] // as the function's own binary sees them
			run()
			return
		}
	}
	fmt.Fprintf(os.Stderr, "usage: %s <function>; one of %d functions built into this binary\n", os.Args[0], len(mains))
	os.Exit(2)
}
`)
	formatted, err := format.Source(src.Bytes())
	if err != nil {
		return nil, fmt.Errorf("linkonce: generated main: %w", err)
	}
	return formatted, nil
}
