// Command benchcold times the rows of docs/performance.md's issue 15 table
// that no Go benchmark can, because they start from a fresh Go build cache:
//
//   - `make run` to the first 200 from GET /health, with a fresh build cache
//     and a fresh data folder (what a new machine's first start costs, apart
//     from downloading modules);
//   - `make run` again on the same folder, the cache now warm (a restart);
//   - `make test` in a fresh clone of this repository's committed HEAD, with
//     a fresh build cache.
//
// The module cache is the machine's own: downloading modules is network
// time, not this measure's. Each figure is one run on a machine that should
// be otherwise idle; the build is compile-bound, so a busy machine stretches
// it. Run from the repository's root:
//
//	make bench-cold               # all three (about 15 minutes on 2 cores)
//	go run ./cmd/benchcold -test=false   # the two make run figures
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	runTest := flag.Bool("test", true, "also time make test in a fresh clone with a fresh build cache")
	keep := flag.Bool("keep", false, "keep the temporary folder (caches, data, clone, logs)")
	flag.Parse()
	if _, err := os.Stat("go.mod"); err != nil {
		fail(errors.New("run benchcold from the repository's root"))
	}
	tmp, err := os.MkdirTemp("", "benchcold-")
	if err != nil {
		fail(err)
	}
	err = run(tmp, *runTest)
	if err != nil || *keep {
		fmt.Fprintln(os.Stderr, "benchcold: caches, data, clone and logs kept in", tmp)
	} else {
		os.RemoveAll(tmp)
	}
	if err != nil {
		fail(err)
	}
}

// run prints each figure as it is measured.
func run(tmp string, runTest bool) error {
	cache, data := filepath.Join(tmp, "gocache"), filepath.Join(tmp, "data")
	cold, err := timeRun(cache, data, filepath.Join(tmp, "run-cold.log"))
	if err != nil {
		return fmt.Errorf("make run, cold: %w (log: %s)", err, filepath.Join(tmp, "run-cold.log"))
	}
	fmt.Printf("make run to /health, fresh Go build cache and data folder: %.1f s\n", cold.Seconds())
	warm, err := timeRun(cache, data, filepath.Join(tmp, "run-restart.log"))
	if err != nil {
		return fmt.Errorf("make run, restart: %w (log: %s)", err, filepath.Join(tmp, "run-restart.log"))
	}
	fmt.Printf("make run to /health, restart on the same folder: %.1f s\n", warm.Seconds())
	if !runTest {
		return nil
	}
	clone := filepath.Join(tmp, "clone")
	if out, err := exec.Command("git", "clone", "-q", ".", clone).CombinedOutput(); err != nil {
		return fmt.Errorf("git clone: %w\n%s", err, out)
	}
	logPath := filepath.Join(tmp, "make-test.log")
	d, err := timeTest(clone, filepath.Join(tmp, "gocache-test"), logPath)
	if err != nil {
		return fmt.Errorf("make test in a fresh clone: %w after %.0f s (log: %s)", err, d.Seconds(), logPath)
	}
	fmt.Printf("make test, fresh clone and Go build cache: %.0f s (%d min %d s)\n", d.Seconds(), int(d.Minutes()), int(d.Seconds())%60)
	return nil
}

// timeRun starts `make run` on a free port with the given build cache and
// data folder, and returns the time to the first 200 from GET /health. It
// then stops the stack as Ctrl-C does and waits for it to save and exit.
func timeRun(cache, data, logPath string) (time.Duration, error) {
	addr, err := freeAddr()
	if err != nil {
		return 0, err
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return 0, err
	}
	defer logFile.Close()
	cmd := exec.Command("make", "run", "ARGS=-addr "+addr+" -data-dir "+data)
	cmd.Env = append(os.Environ(), "GOCACHE="+cache)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Its own process group, so that the interrupt reaches make, go run and
	// the stack, as a terminal's Ctrl-C does.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// make reports the interrupt as a failure; the stack's own log says
	// whether it saved and stopped.
	stop := func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
		<-exited
	}
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		select {
		case err := <-exited:
			return 0, fmt.Errorf("make run exited before /health answered: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
		resp, err := client.Get("http://" + addr + "/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				d := time.Since(start)
				stop()
				return d, nil
			}
		}
	}
}

// timeTest runs `make test` in dir with a fresh build cache.
func timeTest(dir, cache, logPath string) (time.Duration, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return 0, err
	}
	defer logFile.Close()
	cmd := exec.Command("make", "test")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOCACHE="+cache)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	err = cmd.Run()
	return time.Since(start), err
}

// freeAddr is a loopback address with a port nothing listens on.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchcold:", err)
	os.Exit(1)
}
