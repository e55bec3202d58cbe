package smsclient_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/roster-app/roster/internal/local/smslocal"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/smsclient"
)

// client is a Client as the functions build it, pointed at url.
func client(url string) *smsclient.Client {
	cfg := aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("local", "local", ""),
		BaseEndpoint: aws.String(url),
	}
	return smsclient.NewFromConfig(cfg, "roster-texts")
}

var text = roster.TextSend{From: "+15555550100", To: "+15555550123", Body: "Your table is ready", Context: map[string]string{"org": "o1", "text": "t1"}}

// emulator is the local stack's SMS emulator behind an HTTP server, with
// the events it emits.
func emulator(t *testing.T) (*smslocal.Server, string, chan smslocal.Event) {
	t.Helper()
	events := make(chan smslocal.Event, 16)
	s, err := smslocal.Open(filepath.Join(t.TempDir(), "texts.jsonl"), func(ev smslocal.Event) { events <- ev })
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.APIHandler())
	t.Cleanup(func() {
		srv.Close()
		_ = s.Close()
	})
	return s, srv.URL, events
}

func TestSendTextThroughTheEmulator(t *testing.T) {
	s, url, events := emulator(t)
	c := client(url)
	id, err := c.SendText(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := s.Text(id)
	if !ok {
		t.Fatalf("the emulator has no text %s", id)
	}
	if got.From != text.From || got.To != text.To || got.Body != text.Body || got.MessageType != "TRANSACTIONAL" ||
		got.ConfigurationSet != "roster-texts" || got.Context["org"] != "o1" || got.Context["text"] != "t1" {
		t.Errorf("the emulator got %+v", got)
	}
	if ev := <-events; ev.MessageID != id || ev.EventType != "TEXT_DELIVERED" || ev.Context["text"] != "t1" {
		t.Errorf("event %+v", ev)
	}

	t.Run("the emulator's refusals are permanent", func(t *testing.T) {
		if err := s.InjectFailure(smslocal.Failure{Number: "+15555550124", Mode: smslocal.ModeOptedOut}); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			to, reason string
		}{
			{"+15555550124", "the number opted out at the provider (ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT: "},
			{"5555550124", "the provider refused the text as invalid (ValidationException FIELD_VALIDATION_FAILED: DestinationPhoneNumber: "},
		} {
			bad := text
			bad.To = tt.to
			_, err := c.SendText(context.Background(), bad)
			var se *roster.TextSendError
			if !errors.As(err, &se) || se.Transient || se.Unknown || !strings.HasPrefix(se.Reason, tt.reason) {
				t.Errorf("to %s: err %#v, want a permanent error starting %q", tt.to, err, tt.reason)
			}
		}
	})
	t.Run("no configuration set is sent when none is configured", func(t *testing.T) {
		cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("local", "local", ""), BaseEndpoint: aws.String(url)}
		id, err := smsclient.NewFromConfig(cfg, "").SendText(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		<-events
		if got, _ := s.Text(id); got.ConfigurationSet != "" {
			t.Errorf("configuration set %q", got.ConfigurationSet)
		}
	})
}

// TestOneAttemptPerSend checks that NewFromConfig turns the SDK's retries
// off: a throttled or failed call is reported at once, and the emulator
// counts exactly one call for it.
func TestOneAttemptPerSend(t *testing.T) {
	s, url, events := emulator(t)
	c := client(url)
	for _, mode := range []smslocal.Mode{smslocal.ModeThrottle, smslocal.ModeError} {
		t.Run(string(mode), func(t *testing.T) {
			if err := s.InjectFailure(smslocal.Failure{Number: text.To, Mode: mode, Times: 1}); err != nil {
				t.Fatal(err)
			}
			_, err := c.SendText(context.Background(), text)
			var se *roster.TextSendError
			if !errors.As(err, &se) || !se.Transient || se.Unknown {
				t.Fatalf("err = %#v, want a transient TextSendError", err)
			}
			// The SDK would have retried into the one injected failure and
			// succeeded; with one attempt the failure is used up only now.
			if _, err := c.SendText(context.Background(), text); err != nil {
				t.Fatalf("the next send: %v", err)
			}
			<-events
			if n := len(s.Texts()); n == 0 {
				t.Error("nothing recorded")
			}
		})
	}
}

// cannedServer answers every request with status, the AWS JSON 1.0 error
// body and, when errorType is set, the X-Amzn-ErrorType header.
func cannedServer(t *testing.T, status int, errorType, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if r.Header.Get("X-Amz-Target") != "PinpointSMSVoiceV2.SendTextMessage" {
			t.Errorf("target %q", r.Header.Get("X-Amz-Target"))
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		if errorType != "" {
			w.Header().Set("X-Amzn-ErrorType", errorType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

type outcome int

const (
	permanent outcome = iota
	transient
	unknown
)

func (o outcome) String() string { return [...]string{"permanent", "transient", "unknown"}[o] }

func outcomeOf(e *roster.TextSendError) outcome {
	switch {
	case e.Transient && e.Unknown:
		return -1
	case e.Transient:
		return transient
	case e.Unknown:
		return unknown
	}
	return permanent
}

func TestErrorClassification(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		errorType string
		body      string
		want      outcome
		reason    []string // the reason must contain each
	}{
		{"throttled", 400, "", `{"__type":"com.amazonaws.pinpointsmsvoicev2#ThrottlingException","message":"Rate exceeded"}`,
			transient, []string{"throttled", "ThrottlingException", "Rate exceeded"}},
		{"the service's own error", 500, "InternalServerException", `{"message":"Internal failure","RequestId":"r1"}`,
			transient, []string{"provider failed", "InternalServerException", "Internal failure"}},
		{"the number opted out", 400, "ConflictException", `{"message":"The destination phone number is opted out","Reason":"DESTINATION_PHONE_NUMBER_OPTED_OUT","ResourceType":"opted-out-number","ResourceId":"+15555550123"}`,
			permanent, []string{"the number opted out at the provider", "ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT", "is opted out"}},
		{"another conflict", 400, "ConflictException", `{"message":"Resource not active","Reason":"RESOURCE_NOT_ACTIVE"}`,
			permanent, []string{"refused the text", "ConflictException RESOURCE_NOT_ACTIVE", "Resource not active"}},
		{"an invalid request", 400, "ValidationException", `{"message":"Invalid destination","Reason":"INVALID_PARAMETER","Fields":[{"Name":"DestinationPhoneNumber","Message":"bad"}]}`,
			permanent, []string{"invalid", "ValidationException INVALID_PARAMETER", "Invalid destination"}},
		{"an origination identity that does not exist", 404, "ResourceNotFoundException", `{"message":"Phone number not found","ResourceType":"phone-number","ResourceId":"phone-123"}`,
			permanent, []string{"the origination identity does not exist", "ResourceNotFoundException phone-number phone-123", "not found"}},
		{"a configuration set that does not exist", 404, "ResourceNotFoundException", `{"message":"Configuration set not found","ResourceType":"configuration-set","ResourceId":"roster-texts"}`,
			permanent, []string{"the configuration set does not exist", "roster-texts"}},
		{"access denied", 403, "AccessDeniedException", `{"message":"Account disabled","Reason":"ACCOUNT_DISABLED"}`,
			permanent, []string{"does not let this account send", "AccessDeniedException ACCOUNT_DISABLED", "Account disabled"}},
		{"the monthly spend limit", 402, "ServiceQuotaExceededException", `{"message":"Spend limit reached","Reason":"MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT"}`,
			permanent, []string{"quota", "MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT"}},
		{"an unmodelled 503", 503, "ServiceUnavailable", `{"message":"Service unavailable"}`,
			transient, []string{"HTTP 503", "ServiceUnavailable"}},
		{"a gateway timeout", 504, "", `{"message":"Gateway timeout"}`,
			unknown, []string{"HTTP 504", "may have been sent"}},
		{"an unmodelled client error", 400, "UnrecognizedClientException", `{"message":"The security token included in the request is invalid"}`,
			permanent, []string{"refused the text", "UnrecognizedClientException", "security token"}},
		{"an answer that does not parse", 200, "", `{"MessageId": `,
			unknown, []string{"could not be read", "may have been sent"}},
		{"an answer without a message id", 200, "", `{}`,
			unknown, []string{"without a message id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := cannedServer(t, tt.status, tt.errorType, tt.body)
			id, err := client(url).SendText(context.Background(), text)
			var se *roster.TextSendError
			if !errors.As(err, &se) {
				t.Fatalf("id %q, err %#v; want a *roster.TextSendError", id, err)
			}
			t.Logf("%s: %s", outcomeOf(se), se.Reason)
			if got := outcomeOf(se); got != tt.want {
				t.Errorf("%s, want %s (%s)", got, tt.want, se.Reason)
			}
			for _, part := range tt.reason {
				if !strings.Contains(se.Reason, part) {
					t.Errorf("reason %q does not mention %q", se.Reason, part)
				}
			}
			if se.Err == nil || se.Error() != se.Reason {
				t.Errorf("Err %v, Error() %q", se.Err, se.Error())
			}
		})
	}
}

func TestTransportFailures(t *testing.T) {
	check := func(t *testing.T, err error, want outcome, mention string) {
		t.Helper()
		var se *roster.TextSendError
		if !errors.As(err, &se) {
			t.Fatalf("err %#v; want a *roster.TextSendError", err)
		}
		t.Logf("%s: %s", outcomeOf(se), se.Reason)
		if got := outcomeOf(se); got != want {
			t.Errorf("%s, want %s (%s)", got, want, se.Reason)
		}
		if !strings.Contains(se.Reason, mention) {
			t.Errorf("reason %q does not mention %q", se.Reason, mention)
		}
	}

	t.Run("a refused connection sent nothing", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		_, err = client("http://"+addr).SendText(context.Background(), text)
		check(t, err, transient, "connection refused")
	})

	t.Run("a context cancelled before the call sent nothing", func(t *testing.T) {
		var calls sync.WaitGroup
		srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			calls.Add(1)
			defer calls.Done()
			t.Error("the request reached the server")
		}))
		defer srv.Close()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := client(srv.URL).SendText(ctx, text)
		check(t, err, transient, "nothing was sent")
	})

	t.Run("a connection broken after the request was read may have sent it", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			conn.Close()
		}))
		defer srv.Close()
		_, err := client(srv.URL).SendText(context.Background(), text)
		check(t, err, unknown, "may have been sent")
	})

	// The server holds each request until its client gives up; expire makes
	// the caller's context give up once the server has the request.
	hold := func(t *testing.T, expire func()) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			expire()
			<-r.Context().Done()
		}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	t.Run("a context cancelled after the request was written may have sent it", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_, err := client(hold(t, cancel)).SendText(ctx, text)
		check(t, err, unknown, "cancelled after the request was sent")
	})
	t.Run("a deadline passed after the request was written may have sent it", func(t *testing.T) {
		ctx := newExpiringContext()
		_, err := client(hold(t, ctx.expire)).SendText(ctx, text)
		check(t, err, unknown, "did not answer in time")
	})
}

// expiringContext is a context whose deadline passes when expire is
// called, so that a test of a timeout needs no clock.
type expiringContext struct {
	context.Context
	done chan struct{}
	once sync.Once
}

func newExpiringContext() *expiringContext {
	return &expiringContext{Context: context.Background(), done: make(chan struct{})}
}

func (c *expiringContext) expire()                     { c.once.Do(func() { close(c.done) }) }
func (c *expiringContext) Done() <-chan struct{}       { return c.done }
func (c *expiringContext) Deadline() (time.Time, bool) { return time.Time{}, false }
func (c *expiringContext) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}
