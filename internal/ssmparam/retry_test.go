package ssmparam

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// replies serves the given status and body to each call in turn (the last
// one again once they run out) and counts the calls.
func replies(t *testing.T, rs ...[2]string) (*Client, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i >= len(rs) {
			i = len(rs) - 1
		}
		status := map[string]int{"200": 200, "400": 400, "500": 500, "503": 503}[rs[i][0]]
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(status)
		io.WriteString(w, rs[i][1])
	}))
	t.Cleanup(ts.Close)
	t.Setenv("AWS_ENDPOINT_URL_SSM", ts.URL)
	c, err := New(aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
	if err != nil {
		t.Fatal(err)
	}
	c.wait = func(int) time.Duration { return 0 }
	return c, &n
}

const ok = `{"Parameter":{"Name":"/p","Type":"SecureString","Value":"s3cr3t-value","Version":1}}`

func TestRetries(t *testing.T) {
	for _, tc := range []struct {
		name    string
		replies [][2]string
		calls   int32
		code    string // "" for success
	}{
		{"a server error is retried", [][2]string{{"503", `{"__type":"InternalServerError","message":"x"}`}, {"200", ok}}, 2, ""},
		{"throttling is retried", [][2]string{{"400", `{"__type":"ThrottlingException","message":"Rate exceeded"}`}, {"400", `{"__type":"ThrottlingException","message":"Rate exceeded"}`}, {"200", ok}}, 3, ""},
		{"three failures are the end", [][2]string{{"500", `{"__type":"InternalServerError","message":"x"}`}}, 3, "InternalServerError"},
		{"a missing parameter is not retried", [][2]string{{"400", `{"__type":"com.amazonaws.ssm#ParameterNotFound","message":"nope"}`}}, 1, "ParameterNotFound"},
		{"access denied is not retried", [][2]string{{"400", `{"__type":"AccessDeniedException","Message":"no"}`}}, 1, "AccessDeniedException"},
		{"a reply without a body names the status", [][2]string{{"400", ``}}, 1, "Bad Request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, n := replies(t, tc.replies...)
			v, err := c.GetParameter(context.Background(), "/p")
			if n.Load() != tc.calls {
				t.Errorf("%d calls; want %d", n.Load(), tc.calls)
			}
			var apiErr *APIError
			switch {
			case tc.code == "" && (err != nil || v != "s3cr3t-value"):
				t.Errorf("GetParameter = %q, %v; want the value", v, err)
			case tc.code != "" && (!errors.As(err, &apiErr) || apiErr.Code != tc.code || v != ""):
				t.Errorf("GetParameter = %q, %v; want an APIError %s", v, err, tc.code)
			}
		})
	}
}

func TestAReplyThatHoldsTheSecretIsNotQuoted(t *testing.T) {
	for _, body := range []string{
		`{"Parameter":{"Value":"s3cr3t-value"`, // cut short
		`{"Parameter":{"Value":["s3cr3t-value"]}}`,
	} {
		c, _ := replies(t, [2]string{"200", body})
		_, err := c.GetParameter(context.Background(), "/p")
		if err == nil || strings.Contains(err.Error(), "s3cr3t") || !strings.Contains(err.Error(), "/p") {
			t.Errorf("reply %s: error %v; want one naming the parameter, not quoting the reply", body, err)
		}
	}
	c, _ := replies(t, [2]string{"200", `{"Parameter":{"Name":"/p","Value":""}}`})
	if _, err := c.GetParameter(context.Background(), "/p"); !errors.Is(err, errEmpty) {
		t.Errorf("an empty value: %v; want errEmpty", err)
	}
}

func TestAnEndedContextStopsTheRetries(t *testing.T) {
	c, n := replies(t, [2]string{"503", `{"__type":"ServiceUnavailable"}`})
	c.wait = func(int) time.Duration { return time.Hour }
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for n.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, err := c.GetParameter(ctx, "/p")
	if !errors.Is(err, context.Canceled) || n.Load() != 1 {
		t.Fatalf("GetParameter = %v after %d calls; want context.Canceled after 1", err, n.Load())
	}
}

func TestEndpointFor(t *testing.T) {
	for _, tc := range []struct {
		region, base string
		env          map[string]string
		want         string // "" for an error
	}{
		{"eu-west-1", "", nil, "https://ssm.eu-west-1.amazonaws.com"},
		{"us-gov-west-1", "", nil, "https://ssm.us-gov-west-1.amazonaws.com"},
		{"cn-north-1", "", nil, "https://ssm.cn-north-1.amazonaws.com.cn"},
		{"eu-west-1", "http://base", nil, "http://base"},
		{"eu-west-1", "http://base", map[string]string{"AWS_ENDPOINT_URL_SSM": "http://ssm"}, "http://ssm"},
		{"eu-west-1", "http://base", map[string]string{"AWS_ENDPOINT_URL_SSM": "http://ssm", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, "https://ssm.eu-west-1.amazonaws.com"},
		{"us-iso-east-1", "", nil, ""},
		{"us-iso-east-1", "", map[string]string{"AWS_ENDPOINT_URL_SSM": "https://ssm.us-iso-east-1.c2s.ic.gov"}, "https://ssm.us-iso-east-1.c2s.ic.gov"},
	} {
		got, err := endpointFor(tc.region, tc.base, func(k string) string { return tc.env[k] })
		if got != tc.want || (err != nil) != (tc.want == "") {
			t.Errorf("endpointFor(%s, %q, %v) = %q, %v; want %q", tc.region, tc.base, tc.env, got, err, tc.want)
		}
	}
}
