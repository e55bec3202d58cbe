package local

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// runtimeHarness is an instance without a process: the test plays the
// runtime against the Runtime API.
type runtimeHarness struct {
	inst *instance
	url  string
}

func newRuntimeHarness(t *testing.T) *runtimeHarness {
	t.Helper()
	logs, err := openLogSink(filepath.Join(t.TempDir(), "f.log"), "F", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = logs.close() })
	inst := &instance{
		fn:       &function{logicalID: "F", name: "stack-F", arn: "arn:aws:lambda:us-east-1:000000000000:function:stack-F", logs: logs},
		pending:  make(chan *invocation),
		ready:    make(chan struct{}),
		stopping: make(chan struct{}),
		exited:   make(chan struct{}),
	}
	srv := httptest.NewServer(inst.runtimeAPI())
	t.Cleanup(srv.Close)
	return &runtimeHarness{inst: inst, url: srv.URL + "/2018-06-01/runtime"}
}

// next plays the runtime asking for work; the returned channel yields the response.
func (h *runtimeHarness) next() <-chan *http.Response {
	ch := make(chan *http.Response, 1)
	go func() {
		resp, err := http.Get(h.url + "/invocation/next")
		if err != nil {
			close(ch)
			return
		}
		ch <- resp
	}()
	return ch
}

func (h *runtimeHarness) post(t *testing.T, path, body string, header http.Header) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.url+path, strings.NewReader(body))
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestRuntimeAPI(t *testing.T) {
	t.Run("next hands out the invocation with Lambda's headers", func(t *testing.T) {
		h := newRuntimeHarness(t)
		got := h.next()
		inv := &invocation{id: "req-1", payload: []byte(`{"a":1}`), timeout: 3 * time.Second, result: make(chan invokeResult, 1)}
		h.inst.pending <- inv
		resp := <-got
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(body) != `{"a":1}` || resp.Header.Get("Lambda-Runtime-Aws-Request-Id") != "req-1" {
			t.Errorf("body %s, request id %q", body, resp.Header.Get("Lambda-Runtime-Aws-Request-Id"))
		}
		if resp.Header.Get("Lambda-Runtime-Invoked-Function-Arn") != h.inst.fn.arn || resp.Header.Get("Lambda-Runtime-Trace-Id") == "" {
			t.Errorf("headers %v", resp.Header)
		}
		ms, _ := strconv.ParseInt(resp.Header.Get("Lambda-Runtime-Deadline-Ms"), 10, 64)
		if d := time.Until(time.UnixMilli(ms)); d < 2*time.Second || d > 3*time.Second {
			t.Errorf("deadline is %v away, want about 3s", d)
		}
		select {
		case <-h.inst.ready:
		default:
			t.Error("the first /next did not mark the instance ready")
		}
	})

	t.Run("a response is delivered to the invoker", func(t *testing.T) {
		h := newRuntimeHarness(t)
		got := h.next()
		inv := &invocation{id: "req-2", timeout: time.Second, result: make(chan invokeResult, 1)}
		h.inst.pending <- inv
		(<-got).Body.Close()
		if status := h.post(t, "/invocation/req-2/response", `"done"`, nil); status != http.StatusAccepted {
			t.Fatalf("status %d", status)
		}
		res := <-inv.result
		if res.err != nil || string(res.payload) != `"done"` {
			t.Errorf("result %q %v", res.payload, res.err)
		}
	})

	t.Run("an unknown request id is refused", func(t *testing.T) {
		h := newRuntimeHarness(t)
		if status := h.post(t, "/invocation/nope/response", `{}`, nil); status != http.StatusBadRequest {
			t.Errorf("status %d, want 400", status)
		}
	})

	t.Run("an error report becomes a FunctionError", func(t *testing.T) {
		h := newRuntimeHarness(t)
		got := h.next()
		inv := &invocation{id: "req-3", timeout: time.Second, result: make(chan invokeResult, 1)}
		h.inst.pending <- inv
		(<-got).Body.Close()
		h.post(t, "/invocation/req-3/error", `{"errorMessage":"bad input","errorType":"ValidationError"}`, nil)
		res := <-inv.result
		var fe *FunctionError
		if !errors.As(res.err, &fe) || fe.Type != "ValidationError" || fe.Message != "bad input" {
			t.Errorf("err = %#v", res.err)
		}
	})

	t.Run("a response over 6 MB is a function error", func(t *testing.T) {
		h := newRuntimeHarness(t)
		got := h.next()
		inv := &invocation{id: "req-4", timeout: time.Second, result: make(chan invokeResult, 1)}
		h.inst.pending <- inv
		(<-got).Body.Close()
		h.post(t, "/invocation/req-4/response", `"`+strings.Repeat("x", maxResponseSize)+`"`, nil)
		res := <-inv.result
		var fe *FunctionError
		if !errors.As(res.err, &fe) || fe.Type != "Function.ResponseSizeTooLarge" {
			t.Errorf("err = %v", res.err)
		}
	})

	t.Run("an init error is kept for when the process exits", func(t *testing.T) {
		h := newRuntimeHarness(t)
		h.post(t, "/init/error", `{"errorMessage":"no config","errorType":"InitError"}`, nil)
		close(h.inst.exited)
		var fe *FunctionError
		if err := h.inst.exitError(); !errors.As(err, &fe) || fe.Type != "InitError" {
			t.Errorf("exit error = %v", err)
		}
	})
}
