package local

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"time"
)

// initTimeout is Lambda's limit on a function's init phase: the time from
// process start to its first call to /next.
const initTimeout = 10 * time.Second

// instance is one running function process (a Lambda execution
// environment): it serves one invocation at a time.
type instance struct {
	fn     *function
	cmd    *exec.Cmd
	server *http.Server
	stdout *lineWriter
	stderr *lineWriter

	// pending is unbuffered: a send completes only when the runtime is
	// waiting in /next, which is the moment the invocation starts.
	pending   chan *invocation
	ready     chan struct{}
	readyOnce sync.Once
	stopping  chan struct{}
	stopOnce  sync.Once
	exited    chan struct{}
	exitErr   error // set before exited is closed

	// usageID names the instance in its DynamoDB endpoint (usage.go).
	usageID string

	mu      sync.Mutex
	current *invocation
	initErr *FunctionError
}

func startInstance(fn *function) (*instance, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start %s: listen for its Runtime API: %w", fn.logicalID, err)
	}
	inst := &instance{
		fn:       fn,
		pending:  make(chan *invocation),
		ready:    make(chan struct{}),
		stopping: make(chan struct{}),
		exited:   make(chan struct{}),
		stdout:   fn.logs.lineWriter(),
		stderr:   fn.logs.lineWriter(),
	}
	inst.server = &http.Server{Handler: inst.runtimeAPI(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = inst.server.Serve(ln) }()

	cmd := exec.Command(fn.program.binary, fn.program.args...)
	cmd.Dir = fn.dir
	cmd.Env = append(append([]string(nil), fn.env...),
		"AWS_LAMBDA_RUNTIME_API="+ln.Addr().String(),
		"AWS_LAMBDA_LOG_STREAM_NAME="+logStreamName(),
	)
	if fn.usage != nil && fn.dynamoURL != "" {
		// The last value of a variable wins (os/exec keeps the last).
		inst.usageID = fn.usage.register(inst)
		cmd.Env = append(cmd.Env, "AWS_ENDPOINT_URL_DYNAMODB="+fn.dynamoURL+"/i/"+inst.usageID)
	}
	cmd.Stdout = inst.stdout
	cmd.Stderr = inst.stderr
	cmd.SysProcAttr = childSysProcAttr()
	// A grandchild holding the output pipes open must not stall Wait.
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		if inst.usageID != "" {
			fn.usage.unregister(inst.usageID)
		}
		_ = inst.server.Close()
		return nil, fmt.Errorf("start %s: %w", fn.logicalID, err)
	}
	inst.cmd = cmd
	go func() {
		inst.exitErr = cmd.Wait()
		if inst.usageID != "" {
			fn.usage.unregister(inst.usageID)
		}
		inst.stdout.flush()
		inst.stderr.flush()
		close(inst.exited)
		_ = inst.server.Close()
	}()
	return inst, nil
}

// invoke runs one invocation to its end: a result, a function error, a
// crash, or the timeout, after which the process is killed as Lambda kills
// it. On a cold start the wait for init is not counted in the timeout.
func (inst *instance) invoke(inv *invocation) ([]byte, error) {
	var initExpired <-chan time.Time
	select {
	case <-inst.ready:
	default:
		t := time.NewTimer(initTimeout)
		defer t.Stop()
		initExpired = t.C
	}
	select {
	case inst.pending <- inv:
	case <-inst.exited:
		return nil, inst.exitError()
	case <-initExpired:
		inst.stop()
		return nil, &FunctionError{Type: "Runtime.InitTimeout", Message: fmt.Sprintf("init did not reach the Runtime API within %s", initTimeout)}
	case <-inst.stopping:
		return nil, errStopping
	}

	timer := time.NewTimer(inv.timeout)
	defer timer.Stop()
	select {
	case res := <-inv.result:
		return res.payload, res.err
	case <-inst.exited:
		// The response may have been posted just before the process exited.
		select {
		case res := <-inv.result:
			return res.payload, res.err
		default:
		}
		return nil, inst.exitError()
	case <-timer.C:
		inst.stop()
		return nil, fmt.Errorf("%w after %.2f seconds", ErrTimeout, inv.timeout.Seconds())
	case <-inst.stopping:
		return nil, errStopping
	}
}

func (inst *instance) exitError() error {
	inst.mu.Lock()
	initErr := inst.initErr
	inst.mu.Unlock()
	if initErr != nil {
		return initErr
	}
	return &FunctionError{Type: "Runtime.ExitError", Message: fmt.Sprintf("runtime exited: %v", inst.exitErr)}
}

func (inst *instance) alive() bool {
	select {
	case <-inst.exited:
		return false
	case <-inst.stopping:
		return false
	default:
		return true
	}
}

// stop kills the process and waits for it to be gone. Lambda sends SIGKILL
// to a function without extensions too, so there is no graceful phase to
// emulate.
func (inst *instance) stop() {
	inst.stopOnce.Do(func() {
		close(inst.stopping)
		if err := inst.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
			inst.fn.logs.note("kill %s: %v", inst.fn.logicalID, err)
		}
	})
	<-inst.exited
}
