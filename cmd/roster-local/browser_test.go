package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser is headless Chromium driving the console, as a person would, with
// two checks on every page it is asked to check: axe-core finds no serious
// or critical accessibility violation, and the page logged no error (a
// script exception, a failed asset, a Content-Security-Policy refusal).
type browser struct {
	t    *testing.T
	ctx  context.Context
	axe  string // the axe-core source, injected into pages
	base string // the console's address

	mu       sync.Mutex
	problems []string // errors the pages logged since the last check
}

// chromiumPath finds Debian's chromium (or another Chrome), or says how to
// install it: the browser tests are part of make test, never skipped.
func chromiumPath(t *testing.T) string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium on this machine: `make browser` installs Debian's chromium (make test runs it first), or set CHROMIUM to a Chrome binary")
	return ""
}

func newBrowser(t *testing.T, root, base string) *browser {
	axe, err := os.ReadFile(filepath.Join(root, "third_party", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox, // tests run as root in CI
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	b := &browser{t: t, ctx: ctx, axe: string(axe), base: base}
	messages := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			switch {
			case m.IsException():
				b.problem(m.String())
			case m.Type == chromedp.ConsoleError && !expectedLogError(m):
				b.problem(m.String() + " " + m.URL)
			}
		}
	}()
	t.Cleanup(func() { cancel(); cancelAlloc(); <-done })
	return b
}

// expectedLogError: the browser logs every 4xx answer of a fetch as an
// error. The console shows those problems to the user (they are part of
// what is tested); only other errors are the console's fault.
func expectedLogError(m chromedp.ConsoleMessage) bool {
	return len(m.Args) == 0 && strings.Contains(m.Text, "the server responded with a status of 4")
}

func (b *browser) problem(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, s)
}

// run performs actions, failing the test at the first that fails.
func (b *browser) run(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v (page errors so far: %v)", err, b.takeProblems())
	}
}

func (b *browser) takeProblems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.problems
	b.problems = nil
	return p
}

// open navigates to a console path and waits for the selector.
func (b *browser) open(path, waitFor string) {
	b.t.Helper()
	b.run(chromedp.Navigate(b.base+path), chromedp.WaitVisible(chromedp.CSS(waitFor)))
}

// waitText waits until an element matching sel contains want. No deadline
// of its own (a busy machine is slow, not wrong): go test's -timeout bounds
// a page that never shows it, and its goroutine dump names this line.
func (b *browser) waitText(sel, want string) {
	b.t.Helper()
	js := fmt.Sprintf(`[...document.querySelectorAll(%q)].some(e => e.innerText.includes(%q))`, sel, want)
	b.run(chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(0)))
}

// axeViolation is one failed axe-core rule.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// check runs axe-core on the page as it stands and fails on serious or
// critical violations, and on any error the page logged since the last
// check. name says which page in the failure.
func (b *browser) check(name string) {
	b.t.Helper()
	script := b.axe + `;
		axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))`
	raw := value(b, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		b.t.Fatalf("axe on %s: %v", name, err)
	}
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprint(n.Target...))
			}
			b.t.Errorf("axe on %s: %s (%s): %s at %s", name, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
		}
	}
	for _, p := range b.takeProblems() {
		b.t.Errorf("%s logged %s", name, p)
	}
}

// screenshot saves the page to docs/screenshots/<name>.jpg when
// ROSTER_SCREENSHOTS names that folder (make screenshots), so that the
// README's pictures are made by the same run that checks the pages.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	dir := os.Getenv("ROSTER_SCREENSHOTS")
	if dir == "" {
		return
	}
	jpg := value(b, chromedp.FullScreenshot(90)) // quality 90: JPEG
	if err := os.WriteFile(filepath.Join(dir, name+".jpg"), jpg, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// nodes counts the elements matching sel right now.
func (b *browser) count(sel string) int {
	b.t.Helper()
	return len(value(b, chromedp.Nodes(chromedp.CSSAll(sel), chromedp.AtLeast(0))))
}

// value runs one action that returns a value, failing the test if it fails.
func value[T any](b *browser, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.t.Fatalf("browser: %v (page errors so far: %v)", err, b.takeProblems())
	}
	return v
}
