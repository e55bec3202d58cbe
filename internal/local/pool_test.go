package local

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func invokeJSON(t *testing.T, f *function, payload string) (json.RawMessage, Invocation) {
	t.Helper()
	out, inv := f.invoke(context.Background(), TriggerDirect, "test", []byte(payload))
	return out, inv
}

func TestFunctionInvocation(t *testing.T) {
	f := newTestFunction(t, 5*time.Second, 2)

	t.Run("the event reaches the handler and its answer comes back", func(t *testing.T) {
		out, inv := invokeJSON(t, f, `{"hello":"world"}`)
		if inv.Err != nil {
			t.Fatal(inv.Err)
		}
		if string(out) != `{"hello":"world"}` {
			t.Errorf("response = %s", out)
		}
	})

	t.Run("a warm instance is reused", func(t *testing.T) {
		_, first := invokeJSON(t, f, `{"action":"context"}`)
		out, second := invokeJSON(t, f, `{"action":"context"}`)
		if first.Err != nil || second.Err != nil {
			t.Fatal(first.Err, second.Err)
		}
		if second.ColdStart {
			t.Error("second invocation was a cold start")
		}
		var got struct {
			RequestID  string `json:"requestId"`
			ARN        string `json:"arn"`
			DeadlineMs int64  `json:"deadlineMs"`
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatal(err)
		}
		if got.RequestID != second.RequestID || got.ARN != f.arn {
			t.Errorf("handler saw request %q arn %q, want %q %q", got.RequestID, got.ARN, second.RequestID, f.arn)
		}
		deadline := time.UnixMilli(got.DeadlineMs)
		if deadline.Before(second.Start.Add(4*time.Second)) || deadline.After(second.Start.Add(6*time.Second)) {
			t.Errorf("deadline %v is not about 5s after %v", deadline, second.Start)
		}
	})

	t.Run("a function error keeps the instance warm", func(t *testing.T) {
		_, inv := invokeJSON(t, f, `{"action":"fail"}`)
		var fe *FunctionError
		if !errors.As(inv.Err, &fe) || fe.Message != "boom" || fe.Type != "errorString" {
			t.Fatalf("err = %#v, want the function's error", inv.Err)
		}
		_, next := invokeJSON(t, f, `{}`)
		if next.Err != nil || next.ColdStart {
			t.Errorf("after an error: err %v cold %v", next.Err, next.ColdStart)
		}
	})

	t.Run("a crash fails the invocation and the next one starts afresh", func(t *testing.T) {
		_, inv := invokeJSON(t, f, `{"action":"crash"}`)
		var fe *FunctionError
		if !errors.As(inv.Err, &fe) || fe.Type != "Runtime.ExitError" || !strings.Contains(fe.Message, "exit status 3") {
			t.Fatalf("err = %v, want Runtime.ExitError with exit status 3", inv.Err)
		}
		_, next := invokeJSON(t, f, `{}`)
		if next.Err != nil || !next.ColdStart {
			t.Errorf("after a crash: err %v cold %v", next.Err, next.ColdStart)
		}
	})

	t.Run("every invocation is recorded", func(t *testing.T) {
		all := f.journal.all()
		if len(all) < 6 {
			t.Fatalf("journal has %d invocations", len(all))
		}
		for _, inv := range all {
			if inv.Function != "TestFunc" || inv.Trigger != TriggerDirect || inv.RequestID == "" || inv.Duration <= 0 {
				t.Errorf("journal entry %+v", inv)
			}
		}
	})
}

func TestFunctionTimeout(t *testing.T) {
	f := newTestFunction(t, 300*time.Millisecond, 1)
	if _, warm := invokeJSON(t, f, `{}`); warm.Err != nil {
		t.Fatal(warm.Err)
	}
	_, inv := invokeJSON(t, f, `{"action":"sleep","ms":10000}`)
	if !errors.Is(inv.Err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", inv.Err)
	}
	if inv.Duration > 5*time.Second {
		t.Errorf("the timed-out invocation took %v", inv.Duration)
	}
	_, next := invokeJSON(t, f, `{}`)
	if next.Err != nil || !next.ColdStart {
		t.Errorf("after a timeout: err %v cold %v, want a fresh instance", next.Err, next.ColdStart)
	}
}

func TestFunctionConcurrencyIsCapped(t *testing.T) {
	f := newTestFunction(t, 10*time.Second, 2)
	var wg sync.WaitGroup
	invs := make([]Invocation, 5)
	for i := range invs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, invs[i] = invokeJSON(t, f, `{"action":"sleep","ms":200}`)
		}()
	}
	wg.Wait()
	cold := 0
	for _, inv := range invs {
		if inv.Err != nil {
			t.Fatal(inv.Err)
		}
		if inv.ColdStart {
			cold++
		}
	}
	if cold != 2 {
		t.Errorf("%d cold starts for 5 concurrent invocations, want the cap of 2", cold)
	}
	f.mu.Lock()
	live := len(f.live)
	f.mu.Unlock()
	if live != 2 {
		t.Errorf("%d live instances, want 2", live)
	}
}

func TestFunctionEnvironmentIsLambdas(t *testing.T) {
	f := newTestFunction(t, 5*time.Second, 1)
	out, inv := invokeJSON(t, f, `{"action":"env"}`)
	if inv.Err != nil {
		t.Fatal(inv.Err)
	}
	var list []string
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	for _, kv := range list {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	want := map[string]string{
		"MY_VAR":                                 "mine",
		"AWS_REGION":                             "us-east-1", // Lambda's value wins over the template's
		"AWS_DEFAULT_REGION":                     "us-east-1",
		"AWS_ACCESS_KEY_ID":                      "local",
		"AWS_SECRET_ACCESS_KEY":                  "local",
		"AWS_EC2_METADATA_DISABLED":              "true",
		"AWS_LAMBDA_FUNCTION_NAME":               "roster-local-TestFunc",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE":        "256",
		"AWS_LAMBDA_FUNCTION_VERSION":            "$LATEST",
		"AWS_LAMBDA_LOG_FORMAT":                  "JSON",
		"AWS_LAMBDA_LOG_LEVEL":                   "INFO",
		"TZ":                                     "UTC",
		"AWS_ENDPOINT_URL_DYNAMODB":              "http://127.0.0.1:1/_local/dynamodb",
		"AWS_ENDPOINT_URL_S3":                    "http://127.0.0.1:1/_local/s3",
		"AWS_ENDPOINT_URL_SES":                   "http://127.0.0.1:1/_local/ses",
		"AWS_ENDPOINT_URL_SSM":                   "http://127.0.0.1:1/_local/ssm",
		"AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2": "http://127.0.0.1:1/_local/smsvoice",
	}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("%s = %q, want %q", k, env[k], v)
		}
	}
	if !strings.HasPrefix(env["AWS_LAMBDA_RUNTIME_API"], "127.0.0.1:") {
		t.Errorf("AWS_LAMBDA_RUNTIME_API = %q", env["AWS_LAMBDA_RUNTIME_API"])
	}
	allowed := map[string]bool{
		"PATH": true, "PWD": true, "LANG": true, "_HANDLER": true, "LAMBDA_TASK_ROOT": true,
		"AWS_LAMBDA_RUNTIME_API": true, "AWS_LAMBDA_LOG_STREAM_NAME": true, "AWS_LAMBDA_LOG_GROUP_NAME": true,
		"AWS_LAMBDA_INITIALIZATION_TYPE": true, "_X_AMZN_TRACE_ID": true,
	}
	for k := range env {
		if _, expected := want[k]; !expected && !allowed[k] {
			t.Errorf("unexpected variable %s from the host", k)
		}
	}
}

func TestWaitingForAnInstanceRespectsTheContext(t *testing.T) {
	f := newTestFunction(t, 10*time.Second, 1)
	f.slots <- struct{}{} // the one instance is busy
	defer func() { <-f.slots }()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, inv := f.invoke(ctx, TriggerDirect, "test", []byte(`{}`))
	if !errors.Is(inv.Err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", inv.Err)
	}
}

func TestClosedFunctionRefusesWork(t *testing.T) {
	f := newTestFunction(t, 5*time.Second, 1)
	if _, inv := invokeJSON(t, f, `{}`); inv.Err != nil {
		t.Fatal(inv.Err)
	}
	f.close()
	if _, inv := invokeJSON(t, f, `{}`); !errors.Is(inv.Err, errStopping) {
		t.Errorf("err = %v, want errStopping", inv.Err)
	}
}
