// Command coldstart measures what a function's own code adds to a cold start:
// the time from starting its binary to its first poll of the Lambda Runtime
// API (GET /2018-06-01/runtime/invocation/next), which is the init phase
// Lambda bills and the caller waits for. It serves that API itself on a local
// port, with the function's environment from template.yaml, and answers the
// SSM GetParameter call that nine functions make at start. Every binary is
// started n times, round robin so that the machine's load falls on all of
// them alike, and the median is compared with the median of bin/bare (a
// function that only builds the DynamoDB, S3 and SES clients,
// cmd/coldstart/bare). bare-secret, when named, is the yardstick of the
// functions that read a secret at start: the DynamoDB client and one
// GetParameter. It also gives the CPU time (user + system) each start used,
// which a busy machine stretches less than the wall-clock time: on a shared
// machine compare those.
//
//	make coldstart    # builds the functions for this machine, then runs
//	go run ./cmd/coldstart -bin DIR -n 41 bare get-group login ...
//
// The binaries are built for the machine it runs on (Lambda runs arm64), so
// read the ratios, not the milliseconds.
package main

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/roster-app/roster/internal/samtemplate"
)

func main() {
	bin := flag.String("bin", "bin-native", "folder with <function>/bootstrap for each function named")
	runs := flag.Int("n", 21, "starts of each binary")
	tmplPath := flag.String("template", "template.yaml", "the SAM template, for each function's environment")
	flag.Parse()
	names := flag.Args()
	if len(names) == 0 || !slices.Contains(names, "bare") {
		fmt.Fprintln(os.Stderr, "usage: coldstart [-bin DIR] [-n RUNS] bare <function folder>...")
		os.Exit(2)
	}
	envs, err := environments(*tmplPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	rt := newRuntimeAPI()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go http.Serve(ln, rt)

	wall, cpu := map[string][]time.Duration{}, map[string][]time.Duration{}
	for i := 0; i < *runs; i++ {
		for _, name := range names {
			d, c, err := start(rt, filepath.Join(*bin, name, "bootstrap"), ln.Addr().String(), envs[name])
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
				os.Exit(1)
			}
			wall[name] = append(wall[name], d)
			cpu[name] = append(cpu[name], c)
		}
	}
	bareWall, bareCPU := median(wall["bare"]), median(cpu["bare"])
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "function\tmedian ms\tmin ms\tratio to bare\tCPU median ms\tCPU ratio\t\n")
	for _, name := range names {
		m, c := median(wall[name]), median(cpu[name])
		fmt.Fprintf(w, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t\n", name, ms(m), ms(slices.Min(wall[name])), float64(m)/float64(bareWall), ms(c), float64(c)/float64(bareCPU))
	}
	w.Flush()
}

// start runs one cold start: it returns the time from starting the binary
// to its first poll of the Runtime API and the CPU time the process used
// (it is stopped as soon as it polls, so that is its start's), and stops it.
func start(rt *runtimeAPI, path, addr string, env []string) (wall, cpu time.Duration, err error) {
	cmd := exec.Command(path)
	cmd.Env = append(env, "AWS_LAMBDA_RUNTIME_API="+addr, "AWS_ENDPOINT_URL=http://"+addr)
	var stderr strings.Builder
	cmd.Stdout = io.Discard
	cmd.Stderr = &stderr
	polled := rt.expect()
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case t1 := <-polled:
		cmd.Process.Kill()
		<-exited
		return t1.Sub(t0), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
	case err := <-exited:
		return 0, 0, fmt.Errorf("exited before polling the Runtime API (%v): %s", err, stderr.String())
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-exited
		return 0, 0, errors.New("no poll of the Runtime API in 30 s")
	}
}

// runtimeAPI is the part of the Lambda Runtime API a starting function
// reaches, and the SSM endpoint for the secrets some read at start.
type runtimeAPI struct {
	mu     sync.Mutex
	polled chan time.Time
	keys   string
}

func newRuntimeAPI() *runtimeAPI {
	key := make([]byte, 32)
	rand.Read(key)
	keys, _ := json.Marshal(map[string]any{"current": "k1", "keys": map[string]string{"k1": base64.StdEncoding.EncodeToString(key)}})
	return &runtimeAPI{keys: string(keys)}
}

func (rt *runtimeAPI) expect() <-chan time.Time {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	rt.polled = make(chan time.Time, 1)
	return rt.polled
}

func (rt *runtimeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/2018-06-01/runtime/invocation/next":
		rt.mu.Lock()
		select {
		case rt.polled <- now:
		default:
		}
		rt.mu.Unlock()
		<-r.Context().Done() // the process is stopped while it waits for an event
	case r.Header.Get("X-Amz-Target") == "AmazonSSM.GetParameter":
		var in struct{ Name string }
		json.NewDecoder(r.Body).Decode(&in)
		// A token keyring is the one secret a function parses at start.
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		json.NewEncoder(w).Encode(map[string]any{"Parameter": map[string]any{"Name": in.Name, "Type": "SecureString", "Value": rt.keys, "Version": 1}})
	default:
		http.Error(w, "coldstart serves only the Runtime API's next and SSM GetParameter", http.StatusNotImplemented)
	}
}

var kebabBoundary = regexp.MustCompile(`([a-z0-9])([A-Z])`)

// environments gives each function folder, and bare, the environment its
// main.go reads: the template's variables, with a stand-in where the
// template refers to a resource, and dummy credentials so that no lookup
// leaves the machine.
func environments(path string) (map[string][]string, error) {
	tmpl, err := samtemplate.ParseFile(path, samtemplate.Resolver{})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	base := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir(),
		"AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=coldstart", "AWS_SECRET_ACCESS_KEY=coldstart",
		"AWS_LAMBDA_FUNCTION_NAME=coldstart", "AWS_EC2_METADATA_DISABLED=true",
	}
	// bare-secret reads the parameter the secret readers read.
	envs := map[string][]string{"bare": base, "bare-secret": append(slices.Clone(base), "TOKEN_SIGNING_KEYS_PARAMETER=coldstart")}
	for _, fn := range tmpl.Functions {
		env := slices.Clone(base)
		for k, v := range fn.Env {
			if v == "" {
				v = standIn(k)
			}
			env = append(env, k+"="+v)
		}
		envs[strings.ToLower(kebabBoundary.ReplaceAllString(fn.LogicalID, "$1-$2"))] = env
	}
	return envs, nil
}

func standIn(name string) string {
	switch {
	case strings.HasSuffix(name, "_DAYS"), strings.HasSuffix(name, "_SECONDS"), strings.HasSuffix(name, "_ATTEMPTS"):
		return "7"
	case strings.HasSuffix(name, "_URL"):
		return "https://roster.example"
	default:
		return "coldstart"
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
