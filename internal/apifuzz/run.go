package apifuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Session is a signed-in administrator of one of the two organisations.
type Session struct{ AccessToken, RefreshToken string }

// Finding is a request whose answer Check refused, or after which a
// well-formed read failed.
type Finding struct {
	Request Request
	Status  int
	Problem string
}

func (f Finding) String() string { return f.Request.String() + "\n    → " + f.Problem }

// Result is what a run saw.
type Result struct {
	Sent     int
	ByStatus map[int]int
	Findings []Finding
	// Broken is set when, after a request, a well-formed read of either
	// organisation stopped answering 200; the run stops there.
	Broken  *Finding
	Elapsed time.Duration
}

// Runner sends a generator's requests to one running stack.
type Runner struct {
	Base   string // http://127.0.0.1:port
	Client *http.Client
	Gen    *Generator
	// Sessions are the two administrators' sessions; their access tokens are
	// the generator's Env tokens, refreshed here when they expire.
	Sessions [2]Session
	// Reads are the paths read (GET) as each organisation after every
	// request; each must answer 200.
	Reads []string
	// MaxFindings stops the run after that many findings (0: no limit).
	MaxFindings int
	// Parallel sends that many requests at once (0 or 1: one at a time),
	// then checks the reads: concurrent writes meet in the emulator and in
	// warm function instances as they do under real traffic. A break is then
	// pinned to a batch, whose requests the finding lists.
	Parallel int
}

// Run sends n requests.
func (r *Runner) Run(ctx context.Context, n int) Result {
	start := time.Now()
	res := Result{ByStatus: map[int]int{}}
	batch := max(r.Parallel, 1)
	for sent := 0; sent < n && ctx.Err() == nil; sent += batch {
		reqs := make([]Request, min(batch, n-sent))
		for i := range reqs {
			reqs[i] = r.Gen.Next()
		}
		answers := make([]answer, len(reqs))
		var wg sync.WaitGroup
		for i, req := range reqs {
			wg.Go(func() {
				a := &answers[i]
				a.status, a.header, a.body, a.err = r.send(ctx, req.Method, req.Target, req.Header, req.Body)
			})
		}
		wg.Wait()
		for i, req := range reqs {
			a := answers[i]
			res.Sent++
			if a.err != nil {
				res.Findings = append(res.Findings, Finding{Request: req, Problem: "no answer: " + a.err.Error()})
				continue
			}
			res.ByStatus[a.status]++
			r.Gen.LearnFrom(0, req.Op, a.body)
			if err := Check(a.status, a.header, a.body); err != nil {
				res.Findings = append(res.Findings, Finding{Request: req, Status: a.status, Problem: err.Error()})
			} else if why := req.Refusal(); why != "" && a.status < 400 {
				res.Findings = append(res.Findings, Finding{Request: req, Status: a.status,
					Problem: fmt.Sprintf("answered %d, but %s: %s", a.status, why, cut(string(a.body), 200))})
			}
		}
		if problem := r.readsHold(ctx); problem != "" {
			last := reqs[len(reqs)-1]
			if len(reqs) > 1 {
				var all []string
				for _, q := range reqs {
					all = append(all, q.String())
				}
				problem += "\n    the batch sent at once:\n      " + strings.Join(all, "\n      ")
			}
			res.Broken = &Finding{Request: last, Status: answers[len(reqs)-1].status, Problem: problem}
			break
		}
		if r.MaxFindings > 0 && len(res.Findings) >= r.MaxFindings {
			break
		}
	}
	res.Elapsed = time.Since(start)
	return res
}

type answer struct {
	status int
	header http.Header
	body   []byte
	err    error
}

// readsHold reads every path as each organisation; it says what failed, or "".
func (r *Runner) readsHold(ctx context.Context) string {
	for org := range r.Sessions {
		for _, path := range r.Reads {
			status, body, err := r.read(ctx, org, path)
			if err == nil && status == http.StatusForbidden && r.refresh(ctx, org) == nil {
				status, body, err = r.read(ctx, org, path)
			}
			if err != nil || status != http.StatusOK {
				return fmt.Sprintf("afterwards GET %s as organisation %d's administrator answered %d (%v): %s",
					path, org, status, err, cut(string(body), 400))
			}
		}
	}
	return ""
}

func (r *Runner) read(ctx context.Context, org int, path string) (int, []byte, error) {
	status, _, body, err := r.send(ctx, "GET", path, map[string]string{"Authorization": "Bearer " + r.Sessions[org].AccessToken}, nil)
	if err == nil && status == http.StatusOK {
		r.Gen.LearnFrom(org, "GET "+path, body)
	}
	return status, body, err
}

// refresh renews an expired access token (they live 15 minutes; a long run
// outlives them).
func (r *Runner) refresh(ctx context.Context, org int) error {
	b, _ := json.Marshal(map[string]string{"refreshToken": r.Sessions[org].RefreshToken})
	status, _, body, err := r.send(ctx, "POST", "/auth/refresh", map[string]string{"Content-Type": "application/json"}, b)
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return fmt.Errorf("refresh answered %d: %s", status, body)
	}
	var tok struct{ AccessToken, RefreshToken string }
	if err := json.Unmarshal(body, &tok); err != nil {
		return err
	}
	r.Sessions[org] = Session{tok.AccessToken, tok.RefreshToken}
	r.Gen.env.Orgs[org].Token = tok.AccessToken
	return nil
}

func (r *Runner) send(ctx context.Context, method, target string, header map[string]string, body []byte) (int, http.Header, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, r.Base+target, rd)
	if err != nil {
		return 0, nil, nil, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if body == nil && method != "GET" {
		req.ContentLength = 0
	}
	client := r.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b, err
}

// Summary is one line of figures for a test log.
func (res Result) Summary() string {
	var parts []string
	for _, s := range []int{200, 201, 202, 204, 400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428, 429, 500, 502, 503} {
		if n := res.ByStatus[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d×%d", n, s))
		}
	}
	return fmt.Sprintf("%d requests in %s (%s); %d findings", res.Sent, res.Elapsed.Round(time.Millisecond), strings.Join(parts, " "), len(res.Findings))
}
