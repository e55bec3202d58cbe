package linkonce

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// build links the given testdata packages into one binary.
func build(t *testing.T, pkgs ...string) (string, error) {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var dirs []string
	for _, p := range pkgs {
		dirs = append(dirs, filepath.Join("internal/local/linkonce/testdata", p))
	}
	bin := filepath.Join(dir, "multi")
	err = Build{ModuleRoot: root, Packages: dirs, Output: bin, WorkDir: filepath.Join(dir, "gen")}.Run(context.Background())
	return bin, err
}

func TestOneBinaryRunsEachMain(t *testing.T) {
	bin, err := build(t, "hello", "goodbye")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "hello").CombinedOutput()
	if err != nil || string(out) != "hello 1\n" {
		t.Errorf("hello: %q, %v; want \"hello 1\\n\" (its own name only in os.Args)", out, err)
	}
	out, err = exec.Command(bin, "goodbye").CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 3 || string(out) != "goodbye\n" {
		t.Errorf("goodbye: %q, %v; want \"goodbye\\n\" and exit code 3", out, err)
	}
	out, err = exec.Command(bin, "nobody").CombinedOutput()
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(out), "usage:") {
		t.Errorf("unknown name: %q, %v; want usage and exit code 2", out, err)
	}
}

func TestRefusesInit(t *testing.T) {
	_, err := build(t, "hello", "withinit")
	if err == nil || !strings.Contains(err.Error(), "declares init()") || !strings.Contains(err.Error(), "withinit/main.go") {
		t.Fatalf("err = %v; want a refusal naming withinit/main.go's init()", err)
	}
}

func TestRefusesComputedPackageVariables(t *testing.T) {
	_, err := build(t, "withvar")
	if err == nil || !strings.Contains(err.Error(), "computes a package-level variable") {
		t.Fatalf("err = %v; want a refusal of withvar's package-level os.Getenv", err)
	}
}

func TestCompileErrorsNameTheRealFile(t *testing.T) {
	_, err := build(t, "hello", "broken")
	if err == nil || !strings.Contains(err.Error(), filepath.FromSlash("internal/local/linkonce/testdata/broken/main.go:5")) {
		t.Fatalf("err = %v; want the compiler's error at internal/local/linkonce/testdata/broken/main.go:5", err)
	}
}

func TestRefusesClashingNames(t *testing.T) {
	root, _ := filepath.Abs("../../..")
	dir := t.TempDir()
	err := Build{ModuleRoot: root, Packages: []string{"internal/local/linkonce/testdata/hello", "internal/local/linkonce/testdata/hello/"},
		Output: filepath.Join(dir, "multi"), WorkDir: dir}.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), `two packages would run as "hello"`) {
		t.Fatalf("err = %v; want a clash on hello", err)
	}
}

func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{"create-user": "fn_create_user", "import": "fn_import", "x.y": "fn_x_y"} {
		if got := packageName(in); got != want {
			t.Errorf("packageName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRefusesClashingPackageNames(t *testing.T) {
	_, err := build(t, "two-words", "two_words")
	if err == nil || !strings.Contains(err.Error(), "would both be package fn_two_words") {
		t.Fatalf("err = %v; want a refusal of two folders sharing package fn_two_words", err)
	}
}

// TestModuleRootThroughSymlink builds from a module root reached through a
// symbolic link, from another working directory (this package's): the go
// command resolves the real path, and the overlay must agree with it.
func TestModuleRootThroughSymlink(t *testing.T) {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	link := filepath.Join(dir, "repo")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "multi")
	err = Build{ModuleRoot: link, Packages: []string{"internal/local/linkonce/testdata/hello"}, Output: bin,
		WorkDir: filepath.Join(dir, "gen"), Env: os.Environ()}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "hello").CombinedOutput(); err != nil || string(out) != "hello 1\n" {
		t.Errorf("hello: %q, %v", out, err)
	}
}
