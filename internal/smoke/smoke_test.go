//go:build integration

package smoke

import (
	"flag"
	"os"
	"testing"
	"time"
)

// The deployment to drive, from the environment (what `make smoke` passes)
// or from flags.
var (
	apiURL   = flag.String("smoke.url", os.Getenv("API_URL"), "the API's base URL (API_URL)")
	email    = flag.String("smoke.email", os.Getenv("SMOKE_EMAIL"), "an organisation administrator's email (SMOKE_EMAIL)")
	password = flag.String("smoke.password", os.Getenv("SMOKE_PASSWORD"), "their password (SMOKE_PASSWORD)")
	wait     = flag.Duration("smoke.wait", envDuration("SMOKE_WAIT", DefaultWait), "how long to wait for an import check, an apply or an export (SMOKE_WAIT)")
)

func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil {
		return d
	}
	return def
}

// TestDeployment runs the smoke suite against the stack at API_URL.
func TestDeployment(t *testing.T) {
	Run(t, Config{URL: *apiURL, Email: *email, Password: *password, Wait: *wait})
}
