package local

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/roster-app/roster/internal/samtemplate"
)

const scheduleTemplate = `
Resources:
  Sweep:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: f
      Events:
        Hourly: {Type: Schedule, Properties: {Schedule: rate(1 hour)}}
  Report:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: f
      Events:
        Nightly: {Type: Schedule, Properties: {Schedule: "cron(0 2 * * ? *)", Enabled: false, Input: '{"kind":"nightly"}'}}
  Broken:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: f
`

// soon fires once, a moment after it is asked.
type soon struct{ fired bool }

func (s *soon) next(t time.Time) (time.Time, bool) {
	if s.fired {
		return time.Time{}, false
	}
	s.fired = true
	return time.Now().Add(10 * time.Millisecond), true
}

func newTestScheduler(t *testing.T, fns *fakeFunctions) *scheduler {
	t.Helper()
	tpl, err := samtemplate.Parse([]byte(scheduleTemplate), samtemplate.Resolver{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := newScheduler(tpl, time.Now(), fns.invoke, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.close(context.Background()) })
	return s
}

func TestSchedulerDeliversEventBridgeEvents(t *testing.T) {
	called := make(chan fakeCall, 1)
	fns := &fakeFunctions{handlers: map[string]func([]byte) ([]byte, error){
		"Sweep":  func([]byte) ([]byte, error) { return []byte(`null`), nil },
		"Report": func([]byte) ([]byte, error) { return nil, &FunctionError{Type: "errorString", Message: "no data"} },
	}}
	s := newTestScheduler(t, fns)

	t.Run("an enabled schedule fires on its expression", func(t *testing.T) {
		fns.handlers["Sweep"] = func(p []byte) ([]byte, error) {
			called <- fakeCall{function: "Sweep", payload: p}
			return []byte(`null`), nil
		}
		s.jobs[0].expr = &soon{}
		s.start()
		call := <-called // a schedule that never fires: go test's -timeout reports the hang
		var ev events.CloudWatchEvent
		if err := json.Unmarshal(call.payload, &ev); err != nil {
			t.Fatal(err)
		}
		if ev.DetailType != "Scheduled Event" || ev.Source != "aws.events" || ev.Version != "0" || ev.AccountID != "000000000000" || ev.Region != "us-east-1" {
			t.Errorf("event %+v", ev)
		}
		if len(ev.Resources) != 1 || ev.Resources[0] != "arn:aws:events:us-east-1:000000000000:rule/roster-local-SweepHourly" {
			t.Errorf("resources %v", ev.Resources)
		}
		if string(ev.Detail) != "{}" || ev.ID == "" || ev.Time.IsZero() {
			t.Errorf("detail %s id %q time %v", ev.Detail, ev.ID, ev.Time)
		}
	})

	srv := httptest.NewServer(mount("/_local/schedules", s))
	t.Cleanup(srv.Close)
	post := func(path string) (int, map[string]any) {
		resp, err := http.Post(srv.URL+path, "application/json", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		body, _ := io.ReadAll(resp.Body)
		_ = json.Unmarshal(body, &out)
		return resp.StatusCode, out
	}

	t.Run("a disabled schedule still runs on demand, with its Input", func(t *testing.T) {
		status, out := post("/_local/schedules/Report")
		if status != 200 || out["function"] != "Report" || out["error"] != "errorString: no data" {
			t.Errorf("status %d body %v", status, out)
		}
		if _, ok := out["durationMs"]; !ok {
			t.Error("no durationMs")
		}
		calls := fns.callsTo("Report")
		if len(calls) != 1 || string(calls[0].payload) != `{"kind":"nightly"}` || calls[0].trigger != TriggerSchedule {
			t.Errorf("calls %+v", calls)
		}
	})

	t.Run("a successful run has no error", func(t *testing.T) {
		status, out := post("/_local/schedules/Sweep")
		if _, hasErr := out["error"]; status != 200 || hasErr {
			t.Errorf("status %d body %v", status, out)
		}
	})

	t.Run("a function without a schedule is not found", func(t *testing.T) {
		for _, id := range []string{"Broken", "Nope"} {
			if status, _ := post("/_local/schedules/" + id); status != 404 {
				t.Errorf("%s: status %d, want 404", id, status)
			}
		}
	})

	t.Run("the list shows next runs of enabled schedules", func(t *testing.T) {
		resp, err := http.Get(srv.URL + "/_local/schedules")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var list []map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&list)
		if len(list) != 2 || list[1]["function"] != "Report" || list[1]["nextRun"] != nil {
			t.Errorf("list %v", list)
		}
	})
}

func TestSchedulerRefusesBadExpressionsAtStartup(t *testing.T) {
	src := strings.Replace(scheduleTemplate, "rate(1 hour)", `"cron(0 0 L * ? *)"`, 1)
	tpl, err := samtemplate.Parse([]byte(src), samtemplate.Resolver{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = newScheduler(tpl, time.Now(), nil, t.Logf)
	if err == nil || !strings.Contains(err.Error(), "function Sweep, event Hourly") || !strings.Contains(err.Error(), "not supported") {
		t.Errorf("err = %v", err)
	}
}
