package local

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/race"
	"github.com/roster-app/roster/internal/samtemplate"
)

// testBin holds binaries built once for the whole test run.
var testBin struct {
	dir  string
	once sync.Once
	prog program
	err  error
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "local-test-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	testBin.dir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// repoRoot is the module root, two levels up from this package.
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// testFunctionBinary builds testdata/testfunc the way the stack builds
// functions, once per test run.
func testFunctionBinary(t testing.TB) program {
	t.Helper()
	testBin.once.Do(func() {
		ctx := context.Background() // bounded by go test -timeout, not by a guess at build time
		root := repoRoot(t)
		spec := &samtemplate.Function{LogicalID: "TestFunc", CodeURI: "internal/local/testdata/testfunc"}
		bins, err := buildFunctions(ctx, root, root, testBin.dir, []*samtemplate.Function{spec}, race.Flags())
		testBin.prog, testBin.err = bins["TestFunc"], err
	})
	if testBin.err != nil {
		t.Fatal(testBin.err)
	}
	return testBin.prog
}

// newTestFunction returns a pool running testfunc with the given timeout
// and instance limit, logging to a file in the test's temp dir.
func newTestFunction(t *testing.T, timeout time.Duration, maxInstances int) *function {
	t.Helper()
	prog := testFunctionBinary(t)
	spec := &samtemplate.Function{
		LogicalID:  "TestFunc",
		Name:       "roster-local-TestFunc",
		Handler:    "bootstrap",
		MemorySize: 256,
		Timeout:    timeout,
		LogFormat:  "JSON",
		LogLevel:   "INFO",
		Env:        map[string]string{"MY_VAR": "mine", "AWS_REGION": "eu-west-1"},
	}
	logs, err := openLogSink(filepath.Join(t.TempDir(), "TestFunc.log"), spec.LogicalID, nil)
	if err != nil {
		t.Fatal(err)
	}
	ep := emulatorEndpoints{DynamoDB: "http://127.0.0.1:1/_local/dynamodb", S3: "http://127.0.0.1:1/_local/s3", SES: "http://127.0.0.1:1/_local/ses", SSM: "http://127.0.0.1:1/_local/ssm", SMS: "http://127.0.0.1:1/_local/smsvoice"}
	f := &function{
		logicalID: spec.LogicalID,
		name:      spec.Name,
		arn:       "arn:aws:lambda:us-east-1:000000000000:function:" + spec.Name,
		program:   prog,
		dir:       filepath.Dir(prog.binary),
		env:       lambdaEnv(spec, "us-east-1", filepath.Dir(prog.binary), ep),
		timeout:   timeout,
		logs:      logs,
		journal:   newJournal(nil),
		slots:     make(chan struct{}, maxInstances),
		live:      map[*instance]bool{},
	}
	t.Cleanup(func() {
		f.close()
		_ = logs.close()
	})
	return f
}
