// Package functions_test checks every function in template.yaml against its
// code: the folder exists and builds for Lambda, every environment variable
// it reads is set for it, and its policies grant what it calls and no more.
package functions_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/roster-app/roster/internal/local/linkonce"
	"github.com/roster-app/roster/internal/samtemplate"
)

func loadTemplate(t *testing.T) (*samtemplate.Template, string) {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := samtemplate.ParseFile(filepath.Join(root, "template.yaml"), samtemplate.Resolver{})
	if err != nil {
		t.Fatalf("read template.yaml: %v", err)
	}
	if len(tmpl.Functions) == 0 {
		t.Fatal("template.yaml has no functions")
	}
	return tmpl, root
}

// wiring is what a function's main.go reads and builds.
type wiring struct {
	env   []string        // lambdaenv.Must("X"), lambdaenv.MustDays("X")
	calls map[string]bool // "dynamo.NewStore", "sesmail.New", ...
	// envOf maps a constructor call to the env variables in its arguments,
	// e.g. s3store.New -> UPLOAD_BUCKET.
	envOf map[string][]string
}

func readWiring(t *testing.T, dir string) wiring {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(dir, "main.go"), nil, 0)
	if err != nil {
		t.Fatalf("parse %s/main.go: %v", dir, err)
	}
	w := wiring{calls: map[string]bool{}, envOf: map[string][]string{}}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		name := callName(call)
		w.calls[name] = true
		if name == "lambdaenv.Must" || name == "lambdaenv.MustDays" {
			if lit, ok := call.Args[0].(*ast.BasicLit); ok {
				v, _ := strconv.Unquote(lit.Value)
				w.env = append(w.env, v)
			} else {
				t.Errorf("%s: lambdaenv.Must with a non-literal name; the template check cannot follow it", dir)
			}
			return true
		}
		ast.Inspect(call, func(m ast.Node) bool {
			if inner, ok := m.(*ast.CallExpr); ok && inner != call && (callName(inner) == "lambdaenv.Must" || callName(inner) == "lambdaenv.MustDays") {
				v, _ := strconv.Unquote(inner.Args[0].(*ast.BasicLit).Value)
				w.envOf[name] = append(w.envOf[name], v)
			}
			return true
		})
		return true
	})
	return w
}

func callName(call *ast.CallExpr) string {
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		if id, ok := sel.X.(*ast.Ident); ok {
			return id.Name + "." + sel.Sel.Name
		}
	}
	return ""
}

var upperBoundary = regexp.MustCompile(`([a-z0-9])([A-Z])`)

func kebab(logicalID string) string {
	return strings.ToLower(upperBoundary.ReplaceAllString(logicalID, "$1-$2"))
}

func TestEveryFunctionHasItsFolder(t *testing.T) {
	tmpl, root := loadTemplate(t)
	inTemplate := map[string]bool{}
	for _, fn := range tmpl.Functions {
		want := "functions/" + kebab(fn.LogicalID)
		if strings.TrimSuffix(fn.CodeURI, "/") != want {
			t.Errorf("%s: CodeUri is %q; the Makefile's build-%s rule builds %s", fn.LogicalID, fn.CodeURI, fn.LogicalID, want)
		}
		if _, err := os.Stat(filepath.Join(root, fn.CodeURI, "main.go")); err != nil {
			t.Errorf("%s: no main.go in CodeUri %s", fn.LogicalID, fn.CodeURI)
		}
		if fn.Runtime != "provided.al2023" || fn.Handler != "bootstrap" || !slices.Equal(fn.Architectures, []string{"arm64"}) {
			t.Errorf("%s: runtime %s handler %s architectures %v; want provided.al2023, bootstrap, [arm64]", fn.LogicalID, fn.Runtime, fn.Handler, fn.Architectures)
		}
		inTemplate[filepath.Base(fn.CodeURI)] = true
	}
	dirs, _ := filepath.Glob(filepath.Join(root, "functions", "*", "main.go"))
	for _, d := range dirs {
		if name := filepath.Base(filepath.Dir(d)); !inTemplate[name] {
			t.Errorf("functions/%s is not a function of template.yaml", name)
		}
	}
}

// TestEveryFunctionBuildsForLambda compiles every function for Lambda
// (linux/arm64, CGO off, lambda.norpc, as the Makefile's build-% rule) and
// links them once, into one binary (internal/local/linkonce), rather than
// 98 times: the compile of each function's code is the same, and a link
// error is a toolchain matter, not a function's. `make build` and
// `make size` link each function's own bootstrap.
func TestEveryFunctionBuildsForLambda(t *testing.T) {
	tmpl, root := loadTemplate(t)
	var dirs []string
	for _, fn := range tmpl.Functions {
		dirs = append(dirs, fn.CodeURI)
	}
	out := t.TempDir()
	build := linkonce.Build{
		ModuleRoot: root,
		Packages:   dirs,
		Output:     filepath.Join(out, "functions"),
		WorkDir:    filepath.Join(out, "generated"),
		Flags:      []string{"-tags", "lambda.norpc", "-trimpath", "-ldflags=-s -w"},
		Env:        append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=arm64"),
	}
	if err := build.Run(context.Background()); err != nil {
		t.Fatalf("arm64 Lambda build failed: %v", err)
	}
}

func TestEveryEnvironmentVariableIsSet(t *testing.T) {
	tmpl, root := loadTemplate(t)
	for _, fn := range tmpl.Functions {
		t.Run(fn.LogicalID, func(t *testing.T) {
			w := readWiring(t, filepath.Join(root, fn.CodeURI))
			// lambdaenv.Logger reads LOG_LEVEL for every function.
			for _, name := range append(w.env, "LOG_LEVEL") {
				if _, ok := fn.Env[name]; !ok {
					t.Errorf("reads %s, which template.yaml does not set for it", name)
				}
			}
			if w.calls["dynamo.NewStore"] || w.calls["dynamo.NewReader"] {
				if raw := fn.RawEnv["TABLE_NAME"]; raw == nil || raw.Tag != "!Ref" || raw.Value != "Table" {
					t.Errorf("TABLE_NAME must be !Ref Table")
				}
			}
			for _, secret := range []string{"TOKEN_SIGNING_KEYS_PARAMETER", "OPERATOR_KEY_HASH_PARAMETER"} {
				if _, set := fn.Env[secret]; set && !slices.Contains(w.env, secret) {
					t.Errorf("is given %s but does not use it; secrets go only where they are needed", secret)
				}
			}
		})
	}
}

// TestEnvironmentIsReadOnlyInMain keeps configuration visible: only
// lambdaenv and programs that are not Lambdas read the environment.
func TestEnvironmentIsReadOnlyInMain(t *testing.T) {
	_, root := loadTemplate(t)
	getenv := regexp.MustCompile(`os\.(Getenv|LookupEnv|Environ)\(`)
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if strings.HasPrefix(rel, "internal/lambdaenv/") || strings.HasPrefix(rel, "internal/local/") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if getenv.Match(b) {
			t.Errorf("%s reads the environment; read it in functions/<op>/main.go through lambdaenv", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// heavyLibraries add megabytes to a binary (phone parsing ~4 MiB, excelize
// 2 – 3 MiB, stripped arm64) and work to its start (excelize's package init
// is 5 – 8 ms); only the functions listed may link them. Writing a workbook
// does not need excelize (internal/sheetwrite); reading one does.
var heavyLibraries = map[string][]string{
	"github.com/nyaruka/phonenumbers": {"CreateUser", "UpdateUser", "UpdateMe", "CreateContact", "UpdateContact", "ImportContacts"},
	"github.com/xuri/excelize/v2":     {"ImportContacts"},
}

func TestHeavyLibrariesOnlyWhereNeeded(t *testing.T) {
	tmpl, root := loadTemplate(t)
	// One go list for every function: each line is a function's folder and
	// every package it links.
	cmd := exec.Command("go", "list", "-tags", "lambda.norpc", "-f", "{{.Dir}}\t{{join .Deps \" \"}}", "./functions/...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list ./functions/...: %v", err)
	}
	depsOf := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		dir, deps, _ := strings.Cut(line, "\t")
		depsOf[dir] = strings.Fields(deps)
	}
	for _, fn := range tmpl.Functions {
		deps, ok := depsOf[filepath.Join(root, fn.CodeURI)]
		if !ok {
			t.Fatalf("go list ./functions/... did not list %s", fn.CodeURI)
		}
		for lib, allowed := range heavyLibraries {
			if slices.ContainsFunc(deps, func(d string) bool { return d == lib || strings.HasPrefix(d, lib+"/") }) && !slices.Contains(allowed, fn.LogicalID) {
				t.Errorf("%s links %s; add it to heavyLibraries only if it must", fn.LogicalID, lib)
			}
		}
	}
}
