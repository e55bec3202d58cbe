package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roster-app/roster/internal/local"
	"github.com/roster-app/roster/internal/race"
)

// The two local-stack rows of docs/performance.md (issue 15), measured on
// the real stack started in-process as TestBundle starts it: the real
// template, the real functions, the demo organisation.

// BenchmarkStackStart is `make run` to GET /health = 200 with a warm Go
// cache: fresh-s starts on an empty data folder (one link of every
// function, the demo organisation created), restart-s starts again on the
// folder the first start left. The figure is from calling local.Start to
// /health answering 200.
//
// A cold Go cache cannot be had cheaply inside a benchmark (the first
// iteration would warm it for the rest, and the test binary itself was
// built from the cache). It is measured by hand, with the compile of
// roster-local included, as a person meets it:
//
//	GOCACHE=$(mktemp -d) go run ./cmd/roster-local --data-dir $(mktemp -d) &
//	time sh -c 'until curl -fs http://127.0.0.1:3000/health; do sleep 0.2; done'
func BenchmarkStackStart(b *testing.B) {
	root := repoRoot(b)
	var fresh, restart time.Duration
	for i := 0; i < b.N; i++ {
		dataDir := filepath.Join(b.TempDir(), "data")
		stack, took := startStack(b, root, dataDir)
		fresh += took
		b.StopTimer()
		if err := stack.Close(); err != nil {
			b.Fatalf("close: %v", err)
		}
		b.StartTimer()
		stack, took = startStack(b, root, dataDir)
		restart += took
		b.StopTimer()
		if err := stack.Close(); err != nil {
			b.Fatalf("close: %v", err)
		}
		b.StartTimer()
	}
	b.ReportMetric(fresh.Seconds()/float64(b.N), "fresh-s")
	b.ReportMetric(restart.Seconds()/float64(b.N), "restart-s")
}

// BenchmarkImportThroughStack is "a 100,000-row import applied through
// `make run`": a file of ROSTER_BENCH_ROWS valid new contacts (default
// 100,000) is uploaded through the import's upload URL and checked, then
// applied while a prober sends GET /me, /contacts?limit=20 and
// /users?limit=20 every 200 ms, as a person using the console would. Only
// the apply is timed; check-s is the check before it, for information.
// slow-or-failed counts the prober's answers that were not 2xx or took
// over a second. Each iteration imports new phone numbers into the same
// stack, so b.N > 1 grows the organisation.
func BenchmarkImportThroughStack(b *testing.B) {
	rows := 100_000
	if s := os.Getenv("ROSTER_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("ROSTER_BENCH_ROWS=%q: want a positive number of rows", s)
		}
		rows = n
	}
	stack, _ := startStack(b, repoRoot(b), b.TempDir())
	defer func() { _ = stack.Close() }()
	c := &benchClient{tb: b, base: stack.URL(), creds: stack.Credentials()}
	c.login()
	header := c.templateHeader()

	var check, apply time.Duration
	var samples []probeSample
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		file := importFile(header, i*rows, rows)
		id, took := c.uploadAndCheck(file, rows)
		check += took
		// The access token lives 15 minutes: a fresh one for the apply, so
		// the prober's 401s can only be the stack's doing.
		c.login()
		b.StartTimer()
		took, s := c.applyWhileProbing(id, rows)
		b.StopTimer()
		apply += took
		samples = append(samples, s...)
	}
	b.ReportMetric(apply.Seconds()/float64(b.N), "apply-s")
	b.ReportMetric(float64(rows*b.N)/apply.Minutes(), "rows/min")
	b.ReportMetric(check.Seconds()/float64(b.N), "check-s")
	reportProbes(b, samples)
}

// giveUp bounds each wait on the stack. It is a guard against a hang, not a
// target: go test's -timeout (10 minutes unless told) usually comes first.
const giveUp = 15 * time.Minute

// startStack starts the stack on dataDir and returns it with the time from
// calling local.Start until GET /health answered 200.
func startStack(b *testing.B, root, dataDir string) (*local.Stack, time.Duration) {
	b.Helper()
	start := time.Now()
	stack, err := local.Start(context.Background(), local.Config{Addr: "127.0.0.1:0", DataDir: dataDir, RepoRoot: root, Log: io.Discard, BuildFlags: race.Flags()})
	if err != nil {
		b.Fatalf("start the stack: %v", err)
	}
	// Start returns once /health says 200; asking proves it for the figure.
	for {
		res, err := http.Get(stack.URL() + "/health")
		if err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(start) > giveUp {
			_ = stack.Close()
			b.Fatalf("/health did not answer 200 (last: %v)", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return stack, time.Since(start)
}

func repoRoot(b *testing.B) string {
	b.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		b.Fatal(err)
	}
	return root
}

// benchClient is the demo administrator talking to the stack. (bundle_test's
// client takes a *testing.T, and fails on any status it did not expect; the
// prober here must record answers, not fail on them.)
type benchClient struct {
	tb    testing.TB
	base  string
	creds local.Credentials
	token string
}

var benchHTTP = &http.Client{Timeout: time.Minute}

// call sends body (JSON unless it is []byte) with the bearer token.
func (c *benchClient) call(method, url string, body any, headers map[string]string) (int, []byte, error) {
	var r io.Reader
	switch body := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(body)
	default:
		j, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		r = bytes.NewReader(j)
		headers = map[string]string{"Content-Type": "application/json"}
	}
	if !strings.HasPrefix(url, "http") {
		url = c.base + url
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		return 0, nil, err
	}
	if c.token != "" && strings.HasPrefix(url, c.base) {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := benchHTTP.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	return res.StatusCode, out, err
}

// must is call that fails the benchmark unless the answer is want, and
// decodes it into out.
func (c *benchClient) must(method, path string, body any, want int, out any) {
	c.tb.Helper()
	code, b, err := c.call(method, path, body, nil)
	if err != nil || code != want {
		c.tb.Fatalf("%s %s = %d %v, want %d: %.500s", method, path, code, err, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.tb.Fatalf("%s %s: decode %.500s: %v", method, path, b, err)
		}
	}
}

func (c *benchClient) login() {
	c.tb.Helper()
	c.token = ""
	var tok struct{ AccessToken string }
	c.must("POST", "/auth/login", map[string]string{"email": c.creds.AdminEmail, "password": c.creds.AdminPassword}, 200, &tok)
	c.token = tok.AccessToken
}

// templateHeader is the header row of the organisation's CSV template.
func (c *benchClient) templateHeader() []string {
	c.tb.Helper()
	code, tpl, err := c.call("GET", "/contacts/template?format=csv", nil, nil)
	if err != nil || code != 200 {
		c.tb.Fatalf("GET /contacts/template = %d %v", code, err)
	}
	header, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(tpl, []byte("\ufeff")))).Read()
	if err != nil {
		c.tb.Fatalf("the template's header: %v", err)
	}
	return header
}

// importFile is a CSV of n valid new contacts, the first with phone number
// index first; each row marks one of the template's group columns (those
// after Contact ID).
func importFile(header []string, first, n int) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(header)
	var groupCols []int
	if id := slices.Index(header, "Contact ID"); id >= 0 {
		for i := id + 1; i < len(header); i++ {
			groupCols = append(groupCols, i)
		}
	}
	row := make([]string, len(header))
	for i := first; i < first+n; i++ {
		clear(row)
		for col, h := range header {
			switch strings.ToLower(h) {
			case "first name":
				row[col] = "First" + strconv.Itoa(i%977)
			case "last name":
				row[col] = "Last" + strconv.Itoa(i%1499)
			case "cell phone":
				row[col] = benchPhone(i)
			case "email":
				row[col] = fmt.Sprintf("p%d@example.com", i)
			case "city":
				row[col] = "Springfield"
			}
		}
		if len(groupCols) > 0 {
			row[groupCols[i%len(groupCols)]] = "X"
		}
		_ = w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

// benchPhone is the i-th of some 158 million distinct valid US numbers:
// 10,000 lines in each exchange of 20 area codes.
func benchPhone(i int) string {
	block := i / 10_000
	return fmt.Sprintf("(%s) %03d-%04d", benchAreaCodes[(block/len(benchExchanges))%len(benchAreaCodes)], benchExchanges[block%len(benchExchanges)], i%10_000)
}

var benchAreaCodes = []string{"201", "202", "203", "205", "206", "207", "208", "209", "210", "212", "213", "214", "215", "216", "217", "218", "219", "224", "225", "228"}

// benchExchanges are 200-999 without the N11 service codes, which are not
// valid exchanges.
var benchExchanges = func() []int {
	var out []int
	for e := 200; e < 1000; e++ {
		if e%100 != 11 {
			out = append(out, e)
		}
	}
	return out
}()

type importView struct {
	Status   string
	Summary  struct{ Rows, New, Errors int }
	Progress struct {
		Done, Total int
	}
	Failure *struct{ Reason, Message string }
}

func (c *benchClient) importStatus(id string) importView {
	c.tb.Helper()
	var v importView
	c.must("GET", "/contacts/imports/"+id, nil, 200, &v)
	return v
}

// uploadAndCheck creates an import, uploads file through its upload URL and
// waits until the check has made it ready, every row new.
func (c *benchClient) uploadAndCheck(file []byte, rows int) (string, time.Duration) {
	c.tb.Helper()
	var imp struct {
		ID     string
		Upload struct {
			URL     string
			Headers map[string]string
		}
	}
	c.must("POST", "/contacts/imports", map[string]any{"mode": "import", "fileName": "bench.csv", "size": len(file)}, 201, &imp)
	code, out, err := c.call("PUT", imp.Upload.URL, file, imp.Upload.Headers)
	if err != nil || code != 200 {
		c.tb.Fatalf("upload = %d %v: %.500s", code, err, out)
	}
	start := time.Now()
	for {
		v := c.importStatus(imp.ID)
		switch {
		case v.Status == "ready":
			if v.Summary.Rows != rows || v.Summary.New != rows || v.Summary.Errors != 0 {
				c.tb.Fatalf("checked %+v, want %d new rows and no errors", v.Summary, rows)
			}
			return imp.ID, time.Since(start)
		case v.Status != "awaiting_upload" && v.Status != "validating":
			c.tb.Fatalf("the check ended %s (%+v)", v.Status, v.Failure)
		case time.Since(start) > giveUp:
			c.tb.Fatalf("the check did not finish in %v (status %s)", giveUp, v.Status)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

type probeSample struct {
	path   string
	status int // -1: no answer
	took   time.Duration
}

// applyWhileProbing applies the import and waits for it to complete, while
// a prober times cheap authenticated reads every 200 ms.
func (c *benchClient) applyWhileProbing(id string, rows int) (time.Duration, []probeSample) {
	c.tb.Helper()
	var (
		mu      sync.Mutex
		samples []probeSample
		wg      sync.WaitGroup
	)
	stop := make(chan struct{})
	stopProbing := sync.OnceFunc(func() {
		close(stop)
		wg.Wait()
	})
	defer stopProbing()
	wg.Add(1)
	go func() {
		defer wg.Done()
		paths := []string{"/me", "/contacts?limit=20", "/users?limit=20"}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			p := paths[n%len(paths)]
			start := time.Now()
			code, _, err := c.call("GET", p, nil, nil)
			if err != nil {
				code = -1
			}
			mu.Lock()
			samples = append(samples, probeSample{p, code, time.Since(start)})
			mu.Unlock()
		}
	}()

	start := time.Now()
	code, out, err := c.call("POST", "/contacts/imports/"+id+"/apply", map[string]any{"sendWelcome": false}, nil)
	if err != nil || code != 202 {
		c.tb.Fatalf("apply = %d %v: %.500s", code, err, out)
	}
	for {
		time.Sleep(500 * time.Millisecond)
		v := c.importStatus(id)
		switch {
		case v.Status == "completed":
			took := time.Since(start)
			if v.Progress.Done != rows {
				c.tb.Fatalf("completed with %d of %d rows written", v.Progress.Done, rows)
			}
			stopProbing()
			return took, samples
		case v.Status != "applying" && v.Status != "ready":
			c.tb.Fatalf("the apply ended %s after %d of %d rows (%+v)", v.Status, v.Progress.Done, rows, v.Failure)
		case time.Since(start) > giveUp:
			c.tb.Fatalf("the apply did not finish in %v: %d of %d rows", giveUp, v.Progress.Done, rows)
		}
	}
}

// reportProbes reports the prober's latency over every iteration, and its
// slow or failed answers per iteration; it logs them by path.
func reportProbes(b *testing.B, samples []probeSample) {
	if len(samples) == 0 {
		b.Fatal("the prober sent nothing during the apply")
	}
	byPath := map[string][]probeSample{}
	for _, s := range samples {
		byPath[s.path] = append(byPath[s.path], s)
	}
	for _, p := range slices.Sorted(maps.Keys(byPath)) {
		p50, p99, worst, bad := probeFigures(byPath[p])
		b.Logf("%-18s n=%d p50=%v p99=%v max=%v slow-or-failed=%d", p, len(byPath[p]), p50, p99, worst, bad)
	}
	p50, p99, worst, bad := probeFigures(samples)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(ms(worst), "max-ms")
	b.ReportMetric(float64(bad)/float64(b.N), "slow-or-failed")
	b.ReportMetric(float64(len(samples))/float64(b.N), "probes")
}

// probeFigures are the median, 99th percentile and slowest answer, and how
// many answers were not 2xx or took over a second (the bound).
func probeFigures(ss []probeSample) (p50, p99, worst time.Duration, bad int) {
	ds := make([]time.Duration, len(ss))
	for i, s := range ss {
		ds[i] = s.took
		if s.status/100 != 2 || s.took > time.Second {
			bad++
		}
	}
	slices.Sort(ds)
	q := func(f float64) time.Duration { return ds[min(len(ds)-1, int(f*float64(len(ds))))] }
	return q(0.5), q(0.99), ds[len(ds)-1], bad
}
