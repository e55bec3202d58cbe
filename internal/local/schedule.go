package local

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/roster-app/roster/internal/samtemplate"
)

// scheduledJob is one Schedule event of one function.
type scheduledJob struct {
	function string
	schedule samtemplate.Schedule
	expr     scheduleExpr
}

// scheduler stands in for EventBridge rules: it runs each enabled Schedule
// event on its expression, and any of them on demand through
// POST /_local/schedules/{FunctionLogicalId}.
type scheduler struct {
	jobs      []*scheduledJob
	invoke    invokeFunc
	accountID string
	region    string
	logf      func(format string, args ...any)

	stop     chan struct{}
	mu       sync.Mutex
	closed   bool
	inflight sync.WaitGroup // timer loops and runs in progress
}

// newScheduler reads every Schedule event of the template, failing on an
// expression it cannot run rather than silently never running it.
func newScheduler(tpl *samtemplate.Template, start time.Time, invoke invokeFunc, logf func(string, ...any)) (*scheduler, error) {
	s := &scheduler{
		invoke:    invoke,
		accountID: tpl.Resolver.AccountID,
		region:    tpl.Resolver.Region,
		logf:      logf,
		stop:      make(chan struct{}),
	}
	for _, fn := range tpl.Functions {
		for _, sched := range fn.Schedules {
			expr, err := parseScheduleExpr(sched.Expression, start)
			if err != nil {
				return nil, fmt.Errorf("function %s, event %s: %w", fn.LogicalID, sched.Name, err)
			}
			if sched.Input != "" && !json.Valid([]byte(sched.Input)) {
				return nil, fmt.Errorf("function %s, event %s: Input is not JSON", fn.LogicalID, sched.Name)
			}
			s.jobs = append(s.jobs, &scheduledJob{function: fn.LogicalID, schedule: sched, expr: expr})
		}
	}
	return s, nil
}

func (s *scheduler) start() {
	for _, job := range s.jobs {
		if !job.schedule.Enabled {
			continue
		}
		s.inflight.Add(1)
		go s.loop(job)
	}
}

func (s *scheduler) loop(job *scheduledJob) {
	defer s.inflight.Done()
	t := time.Now()
	for {
		at, ok := job.expr.next(t)
		if !ok {
			return
		}
		timer := time.NewTimer(time.Until(at))
		select {
		case <-s.stop:
			timer.Stop()
			return
		case <-timer.C:
		}
		if s.begin() {
			go func() {
				defer s.inflight.Done()
				s.run(context.Background(), job, at)
			}()
		}
		// After the machine slept, carry on from now instead of firing every
		// run that was missed at once.
		t = at
		if now := time.Now(); now.Sub(at) > time.Minute {
			t = now
		}
	}
}

// begin counts a run in, unless the scheduler is closing.
func (s *scheduler) begin() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.inflight.Add(1)
	return true
}

// run delivers the event EventBridge would send for a firing at the given time.
func (s *scheduler) run(ctx context.Context, job *scheduledJob, at time.Time) Invocation {
	payload := []byte(job.schedule.Input)
	if job.schedule.Input == "" {
		var err error
		payload, err = json.Marshal(events.CloudWatchEvent{
			Version:    "0",
			ID:         newRequestID(),
			DetailType: "Scheduled Event",
			Source:     "aws.events",
			AccountID:  s.accountID,
			Time:       at.UTC().Truncate(time.Second),
			Region:     s.region,
			Resources:  []string{fmt.Sprintf("arn:aws:events:%s:%s:rule/%s", s.region, s.accountID, job.schedule.RuleName)},
			Detail:     json.RawMessage("{}"),
		})
		if err != nil {
			return Invocation{Function: job.function, Trigger: TriggerSchedule, Err: fmt.Errorf("encode scheduled event: %w", err)}
		}
	}
	_, inv := s.invoke(ctx, job.function, TriggerSchedule, job.schedule.Expression, payload)
	outcome := "ok"
	if inv.Err != nil {
		outcome = "failed: " + inv.Err.Error()
	}
	s.logf("schedule %s %s %s %dms", job.schedule.Expression, job.function, outcome, inv.Duration.Milliseconds())
	return inv
}

// close stops the timers and waits for runs in progress, or for ctx.
func (s *scheduler) close(ctx context.Context) error {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.stop)
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() {
		s.inflight.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for scheduled runs: %w", ctx.Err())
	}
}

// job returns the first Schedule event of a function.
func (s *scheduler) job(function string) *scheduledJob {
	for _, j := range s.jobs {
		if j.function == function {
			return j
		}
	}
	return nil
}

// runNow runs a function's (first) schedule immediately and waits for it.
func (s *scheduler) runNow(ctx context.Context, function string) (Invocation, error) {
	job := s.job(function)
	if job == nil {
		return Invocation{}, fmt.Errorf("function %s has no Schedule event", function)
	}
	if !s.begin() {
		return Invocation{}, errStopping
	}
	defer s.inflight.Done()
	return s.run(ctx, job, time.Now()), nil
}

// ServeHTTP serves /_local/schedules/: GET lists the schedules and their
// next runs; POST /{FunctionLogicalId} runs one now and reports how it went.
func (s *scheduler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := strings.Trim(r.URL.Path, "/")
	w.Header().Set("Content-Type", "application/json")
	switch {
	case id == "" && r.Method == http.MethodGet:
		type entry struct {
			Function   string     `json:"function"`
			Event      string     `json:"event"`
			Expression string     `json:"expression"`
			Enabled    bool       `json:"enabled"`
			NextRun    *time.Time `json:"nextRun,omitempty"`
		}
		list := []entry{}
		now := time.Now()
		for _, j := range s.jobs {
			e := entry{Function: j.function, Event: j.schedule.Name, Expression: j.schedule.Expression, Enabled: j.schedule.Enabled}
			if next, ok := j.expr.next(now); ok && j.schedule.Enabled {
				e.NextRun = &next
			}
			list = append(list, e)
		}
		_ = json.NewEncoder(w).Encode(list)
	case id != "" && r.Method == http.MethodPost:
		if s.job(id) == nil {
			w.WriteHeader(http.StatusNotFound)
			_ = json.NewEncoder(w).Encode(map[string]string{"message": "no function " + id + " with a Schedule event"})
			return
		}
		inv, err := s.runNow(r.Context(), id)
		if err == nil {
			err = inv.Err
		}
		resp := struct {
			Function   string `json:"function"`
			DurationMs int64  `json:"durationMs"`
			Error      string `json:"error,omitempty"`
		}{Function: id, DurationMs: inv.Duration.Milliseconds()}
		if err != nil {
			resp.Error = err.Error()
		}
		_ = json.NewEncoder(w).Encode(resp)
	default:
		w.Header().Set("Allow", "GET, POST")
		w.WriteHeader(http.StatusMethodNotAllowed)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": "GET /_local/schedules/ or POST /_local/schedules/{FunctionLogicalId}"})
	}
}
