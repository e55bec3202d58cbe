package local

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/roster-app/roster/internal/local/dynamolocal"
)

// defaultMaxInstances bounds each function's concurrency: enough to show
// that handlers do not share state between requests, few enough that a
// laptop does not start dozens of processes. Requests beyond it queue.
const defaultMaxInstances = 4

// function runs one template function as a small pool of instances,
// started on demand (a cold start) and reused while warm.
type function struct {
	logicalID string
	name      string
	arn       string
	program   program
	dir       string
	env       []string
	timeout   time.Duration
	logs      *logSink
	journal   *journal
	// dynamoURL is the DynamoDB endpoint; each instance gets its own path
	// below it so that usage knows which invocation made a call.
	dynamoURL string
	usage     *usageMeter

	// slots holds one token per invocation in progress.
	slots chan struct{}

	mu      sync.Mutex
	idle    []*instance // most recently used last
	live    map[*instance]bool
	closed  bool
	running sync.WaitGroup
}

// invoke runs the function once and returns its response payload, with
// the record of the invocation (whose Err says how it ended). Once started,
// an invocation runs to its end even if ctx is cancelled - as in Lambda,
// where a client hanging up does not stop the function; ctx only bounds how
// long the caller waits for a free instance and for the result.
func (f *function) invoke(ctx context.Context, trigger Trigger, detail string, payload []byte) ([]byte, Invocation) {
	abandoned := Invocation{Function: f.logicalID, Trigger: trigger, Detail: detail, Start: time.Now()}
	select {
	case f.slots <- struct{}{}:
	case <-ctx.Done():
		abandoned.Err = ctx.Err()
		return nil, abandoned
	}
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		<-f.slots
		abandoned.Err = errStopping
		return nil, abandoned
	}
	f.running.Add(1)
	f.mu.Unlock()

	type outcome struct {
		payload []byte
		inv     Invocation
	}
	done := make(chan outcome, 1)
	go func() {
		defer f.running.Done()
		out, inv := f.run(trigger, detail, payload, tallyFrom(ctx))
		<-f.slots
		f.journal.record(inv)
		done <- outcome{out, inv}
	}()
	select {
	case o := <-done:
		return o.payload, o.inv
	case <-ctx.Done():
		abandoned.Err = ctx.Err()
		abandoned.Duration = time.Since(abandoned.Start)
		return nil, abandoned
	}
}

func (f *function) run(trigger Trigger, detail string, payload []byte, parent *dynamolocal.Tally) ([]byte, Invocation) {
	inv := Invocation{Function: f.logicalID, Trigger: trigger, Detail: detail, RequestID: newRequestID(), Start: time.Now()}
	inst, cold, err := f.take()
	if err != nil {
		inv.Err = err
		inv.Duration = time.Since(inv.Start)
		return nil, inv
	}
	inv.ColdStart = cold
	f.logs.note("START RequestId: %s Version: $LATEST", inv.RequestID)
	tally := &dynamolocal.Tally{}
	out, err := inst.invoke(&invocation{
		id:      inv.RequestID,
		payload: payload,
		timeout: f.timeout,
		result:  make(chan invokeResult, 1),
		tally:   tally,
		parent:  parent,
	})
	inv.Duration = time.Since(inv.Start)
	inv.DB = tally.Usage()
	if f.usage != nil {
		f.usage.addFunction(f.logicalID, inv.DB)
	}
	inv.Err = err
	if errors.Is(err, ErrTimeout) {
		f.logs.note("%s Task timed out after %.2f seconds", inv.RequestID, f.timeout.Seconds())
	}
	f.logs.note("END RequestId: %s", inv.RequestID)
	f.logs.note("REPORT RequestId: %s\tDuration: %.2f ms\tCold start: %v\tTrigger: %s %s",
		inv.RequestID, float64(inv.Duration.Microseconds())/1000, cold, trigger, detail)
	f.put(inst)
	return out, inv
}

// take returns a warm instance, or starts a new one.
func (f *function) take() (*instance, bool, error) {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return nil, false, errStopping
	}
	for len(f.idle) > 0 {
		inst := f.idle[len(f.idle)-1]
		f.idle = f.idle[:len(f.idle)-1]
		if inst.alive() {
			f.mu.Unlock()
			return inst, false, nil
		}
		delete(f.live, inst)
	}
	f.mu.Unlock()

	inst, err := startInstance(f)
	if err != nil {
		return nil, false, err
	}
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		inst.stop()
		return nil, false, errStopping
	}
	f.live[inst] = true
	f.mu.Unlock()
	return inst, true, nil
}

// put returns an instance to the pool; one that crashed or timed out is
// dropped, so the next invocation gets a fresh process.
func (f *function) put(inst *instance) {
	f.mu.Lock()
	if !f.closed && inst.alive() {
		f.idle = append(f.idle, inst)
		f.mu.Unlock()
		return
	}
	delete(f.live, inst)
	f.mu.Unlock()
	inst.stop()
}

// close stops every instance, failing any invocation still in progress,
// and waits for them to finish. Callers drain the work they care about first.
func (f *function) close() {
	f.mu.Lock()
	f.closed = true
	live := make([]*instance, 0, len(f.live))
	for inst := range f.live {
		live = append(live, inst)
	}
	f.live = map[*instance]bool{}
	f.idle = nil
	f.mu.Unlock()
	var wg sync.WaitGroup
	for _, inst := range live {
		wg.Add(1)
		go func() {
			defer wg.Done()
			inst.stop()
		}()
	}
	wg.Wait()
	f.running.Wait()
}

// startFunctions sets up a pool for every function of the template; no
// process starts until the first invocation.
func (s *Stack) startFunctions(programs map[string]program) error {
	ep := emulatorEndpoints{
		DynamoDB: s.url + "/_local/dynamodb",
		S3:       s.url + "/_local/s3",
		SES:      s.url + "/_local/ses",
		SSM:      s.url + "/_local/ssm",
		SMS:      s.url + "/_local/smsvoice",
	}
	region := s.tpl.Resolver.Region
	for _, spec := range s.tpl.Functions {
		logs, err := openLogSink(s.path("logs", spec.LogicalID+".log"), spec.LogicalID, s.cfg.FunctionLogs)
		if err != nil {
			return err
		}
		prog := programs[spec.LogicalID]
		s.functions[spec.LogicalID] = &function{
			logicalID: spec.LogicalID,
			name:      spec.Name,
			arn:       fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", region, s.tpl.Resolver.AccountID, spec.Name),
			program:   prog,
			dir:       filepath.Dir(prog.binary),
			env:       lambdaEnv(spec, region, filepath.Dir(prog.binary), ep),
			timeout:   spec.Timeout,
			logs:      logs,
			journal:   s.journal,
			dynamoURL: ep.DynamoDB,
			usage:     s.usage,
			slots:     make(chan struct{}, s.cfg.MaxInstances),
			live:      map[*instance]bool{},
		}
	}
	return nil
}
