package roster

import "testing"

func TestDeviceName(t *testing.T) {
	for _, tc := range []struct{ name, ua, want string }{
		{"Firefox on Linux", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Linux"},
		{"Firefox on Ubuntu", "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0", "Firefox on Linux"},
		{"Safari on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iPhone"},
		{"Chrome on iPhone says CriOS", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", "Chrome on iPhone"},
		{"Firefox on iPad says FxiOS", "Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15", "Firefox on iPad"},
		{"Chrome on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on Windows"},
		{"Edge on Windows, though it says Chrome", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows"},
		{"Opera on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0", "Opera on Windows"},
		{"Safari on macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari on macOS"},
		{"Chrome on macOS is not Safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on macOS"},
		{"Chrome on Android is not Linux", "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android"},
		{"Samsung Internet", "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", "Samsung Internet on Android"},
		{"Chrome on ChromeOS", "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on ChromeOS"},
		{"curl", "curl/8.5.0", "curl"},
		{"Postman", "PostmanRuntime/7.42.0", "Postman"},
		{"Go's HTTP client", "Go-http-client/1.1", "Go HTTP client"},
		{"Python requests", "python-requests/2.32.3", "Python requests"},
		{"an operating system alone", "Mozilla/5.0 (X11; Linux x86_64)", "A browser on Linux"},
		{"none sent", "", "Unknown device"},
		{"nothing recognisable", "my-own-script", "Unknown device"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DeviceName(tc.ua); got != tc.want {
				t.Errorf("DeviceName(%q) = %q, want %q", tc.ua, got, tc.want)
			}
		})
	}
}

func TestNewClient(t *testing.T) {
	t.Run("control characters, bidi overrides and bad UTF-8 are dropped", func(t *testing.T) {
		c := NewClient("10.0.0.1\n", "  curl/8.5.0\x00\r\n\u202eX\xff ")
		if c.IP != "10.0.0.1" || c.UserAgent != "curl/8.5.0X" {
			t.Fatalf("NewClient = %+v", c)
		}
	})
	t.Run("a long User-Agent is cut at a character boundary", func(t *testing.T) {
		ua := ""
		for len(ua) < 2*MaxUserAgentLength {
			ua += "é"
		}
		ua = "a" + ua // é is 2 bytes: the cut falls inside one
		c := NewClient("", ua)
		if len(c.UserAgent) != MaxUserAgentLength-1 || c.UserAgent[len(c.UserAgent)-2:] != "é" {
			t.Fatalf("len %d, ends %q", len(c.UserAgent), c.UserAgent[len(c.UserAgent)-4:])
		}
	})
}
