package local

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/roster-app/roster/internal/local/dynamolocal"
)

// Trigger says what started an invocation.
type Trigger string

// The event sources the local stack emulates, plus direct calls from code.
const (
	TriggerHTTP        Trigger = "http"
	TriggerAuthorizer  Trigger = "authorizer"
	TriggerS3          Trigger = "s3"
	TriggerSchedule    Trigger = "schedule"
	TriggerSQS         Trigger = "sqs"
	TriggerEventBridge Trigger = "eventbridge"
	TriggerDirect      Trigger = "direct"
)

// Invocation records one finished run of a function.
type Invocation struct {
	// Function is the logical id in the template.
	Function string
	Trigger  Trigger
	// Detail says which event: "GET /me", "s3://bucket/key", "rate(1 hour)".
	Detail    string
	RequestID string
	Start     time.Time
	Duration  time.Duration
	// ColdStart is set when a new process had to be started for this run.
	ColdStart bool
	// DB is what the invocation's DynamoDB calls cost.
	DB dynamolocal.Usage
	// Err is nil on success, a *FunctionError when the function reported an
	// error or crashed, and wraps ErrTimeout when it ran out of time.
	Err error
}

// ErrTimeout is wrapped by the error of an invocation that ran past the
// function's Timeout; the process is killed, as Lambda does.
var ErrTimeout = errors.New("function timed out")

// errStopping refuses work once the stack is shutting down.
var errStopping = errors.New("local stack is shutting down")

// FunctionError is an error reported by the function through the Runtime
// API, or a crash of its process.
type FunctionError struct {
	Type    string `json:"errorType"`
	Message string `json:"errorMessage"`
}

func (e *FunctionError) Error() string {
	if e.Type == "" {
		return e.Message
	}
	return e.Type + ": " + e.Message
}

// journal keeps recent invocations so that tests and tools can see what
// ran, including work started in the background by S3 and schedules.
type journal struct {
	mu      sync.Mutex
	entries []Invocation
	// changed is closed and replaced on every record, waking all waiters.
	changed chan struct{}
	observe func(Invocation)
}

// journalSize bounds memory in a long-running `make run`; tests look at far
// fewer invocations than this.
const journalSize = 1000

func newJournal(observe func(Invocation)) *journal {
	return &journal{changed: make(chan struct{}), observe: observe}
}

func (j *journal) record(inv Invocation) {
	j.mu.Lock()
	if len(j.entries) == journalSize {
		j.entries = append(j.entries[:0:0], j.entries[journalSize/2:]...)
	}
	j.entries = append(j.entries, inv)
	close(j.changed)
	j.changed = make(chan struct{})
	j.mu.Unlock()
	if j.observe != nil {
		j.observe(inv)
	}
}

func (j *journal) all() []Invocation {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]Invocation(nil), j.entries...)
}

// wait returns the first recorded invocation that matches, waiting for one
// to be recorded if none has been yet.
func (j *journal) wait(ctx context.Context, match func(Invocation) bool) (Invocation, error) {
	for {
		j.mu.Lock()
		for _, inv := range j.entries {
			if match(inv) {
				j.mu.Unlock()
				return inv, nil
			}
		}
		changed := j.changed
		j.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return Invocation{}, fmt.Errorf("wait for invocation: %w", ctx.Err())
		}
	}
}
