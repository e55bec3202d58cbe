package local

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/roster-app/roster/internal/local/dynamolocal"
)

// The Lambda Runtime API, as one function process sees it. Each process gets
// its own listener, so the API always knows which instance is asking and
// needs no bookkeeping to route /next to the right pending invocation.
//
// Reference: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html

// maxResponseSize is Lambda's limit on a synchronous invocation's response.
const maxResponseSize = 6 << 20

// invocation is one event handed to an instance.
type invocation struct {
	id      string
	payload []byte
	timeout time.Duration
	// result receives exactly one outcome from the runtime; buffered so the
	// Runtime API handler never blocks on an invoker that gave up.
	result chan invokeResult
	// tally sums this invocation's DynamoDB calls; parent (may be nil) is
	// the tally of what started it, such as an HTTP request.
	tally, parent *dynamolocal.Tally
}

type invokeResult struct {
	payload []byte
	err     error
}

func (inst *instance) runtimeAPI() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2018-06-01/runtime/invocation/next", inst.next)
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/response", inst.response)
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/error", inst.invocationError)
	mux.HandleFunc("POST /2018-06-01/runtime/init/error", inst.initError)
	// aws-lambda-go registers an internal extension when a function asks for
	// SIGTERM handlers; answering keeps such a function from logging errors.
	mux.HandleFunc("POST /2020-01-01/extension/register", inst.registerExtension)
	mux.HandleFunc("GET /2020-01-01/extension/event/next", inst.extensionEvent)
	return mux
}

// next hands the runtime its next event, blocking until there is one. The
// first call also means the process finished its init phase.
func (inst *instance) next(w http.ResponseWriter, r *http.Request) {
	inst.readyOnce.Do(func() { close(inst.ready) })
	select {
	case inv := <-inst.pending:
		deadline := time.Now().Add(inv.timeout)
		inst.mu.Lock()
		inst.current = inv
		inst.mu.Unlock()
		h := w.Header()
		h.Set("Lambda-Runtime-Aws-Request-Id", inv.id)
		h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(deadline.UnixMilli(), 10))
		h.Set("Lambda-Runtime-Invoked-Function-Arn", inst.fn.arn)
		h.Set("Lambda-Runtime-Trace-Id", traceID())
		h.Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(inv.payload)
	case <-inst.stopping:
		http.Error(w, "instance is stopping", http.StatusGone)
	case <-r.Context().Done():
	}
}

// finish delivers the outcome of the invocation the runtime names, and
// refuses ids that are not the one in flight, as Lambda does.
func (inst *instance) finish(w http.ResponseWriter, id string, res invokeResult) {
	inst.mu.Lock()
	inv := inst.current
	if inv != nil && inv.id == id {
		inst.current = nil
	}
	inst.mu.Unlock()
	if inv == nil || inv.id != id {
		writeRuntimeError(w, http.StatusBadRequest, "InvalidRequestID", "invocation "+id+" is not in progress")
		return
	}
	inv.result <- res
	w.WriteHeader(http.StatusAccepted)
	_, _ = io.WriteString(w, `{"status":"OK"}`)
}

func (inst *instance) response(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxResponseSize+1))
	if err != nil {
		inst.finish(w, r.PathValue("id"), invokeResult{err: &FunctionError{Type: "Runtime.ResponseError", Message: err.Error()}})
		return
	}
	if len(body) > maxResponseSize {
		inst.finish(w, r.PathValue("id"), invokeResult{err: &FunctionError{
			Type:    "Function.ResponseSizeTooLarge",
			Message: fmt.Sprintf("response payload size exceeded maximum allowed payload size (%d bytes)", maxResponseSize),
		}})
		return
	}
	// aws-lambda-go streams io.Reader responses and reports a failed Read
	// in trailers rather than in the body.
	if typ := r.Trailer.Get("Lambda-Runtime-Function-Error-Type"); typ != "" {
		fe := &FunctionError{Type: typ, Message: "error while streaming the response"}
		if raw, err := base64.StdEncoding.DecodeString(r.Trailer.Get("Lambda-Runtime-Function-Error-Body")); err == nil {
			_ = json.Unmarshal(raw, fe)
		}
		inst.finish(w, r.PathValue("id"), invokeResult{err: fe})
		return
	}
	inst.finish(w, r.PathValue("id"), invokeResult{payload: body})
}

func (inst *instance) invocationError(w http.ResponseWriter, r *http.Request) {
	inst.finish(w, r.PathValue("id"), invokeResult{err: readFunctionError(r)})
}

func (inst *instance) initError(w http.ResponseWriter, r *http.Request) {
	fe := readFunctionError(r)
	inst.mu.Lock()
	inst.initErr = fe
	inst.mu.Unlock()
	w.WriteHeader(http.StatusAccepted)
	_, _ = io.WriteString(w, `{"status":"OK"}`)
}

func readFunctionError(r *http.Request) *FunctionError {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxResponseSize))
	fe := &FunctionError{}
	if err := json.Unmarshal(body, fe); err != nil || (fe.Type == "" && fe.Message == "") {
		fe.Message = string(bytes.TrimSpace(body))
	}
	if fe.Type == "" {
		fe.Type = r.Header.Get("Lambda-Runtime-Function-Error-Type")
	}
	return fe
}

func (inst *instance) registerExtension(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Lambda-Extension-Identifier", newRequestID())
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{
		"functionName":    inst.fn.name,
		"functionVersion": "$LATEST",
		"handler":         "bootstrap",
	})
}

// extensionEvent blocks until the instance stops: an extension registered
// for no events is only ever told about shutdown.
func (inst *instance) extensionEvent(w http.ResponseWriter, r *http.Request) {
	select {
	case <-inst.stopping:
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"eventType":"SHUTDOWN","shutdownReason":"spindown"}`)
	case <-r.Context().Done():
	}
}

func writeRuntimeError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(FunctionError{Type: typ, Message: msg})
}
