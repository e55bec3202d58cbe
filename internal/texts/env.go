package texts

import (
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// Environment variables of the functions that send texts (template.yaml).
const (
	EnvPerSecond   = "TEXTS_PER_SECOND"             // the account's messages per second
	EnvDefaultFrom = "DEFAULT_ORIGINATION_IDENTITY" // for organisations that set none; may be empty
	EnvConfigSet   = "SMS_CONFIGURATION_SET"        // may be empty
	EnvRetryBase   = "TEXT_RETRY_BASE_SECONDS"      // the first retry's delay; empty: 30
	EnvMaxAttempts = "TEXT_MAX_ATTEMPTS"            // attempts before a refused text fails; empty: 8
)

// NewSender builds a function's sender from its environment (getenv is
// os.Getenv). Returns an error when TEXTS_PER_SECOND is not a whole number
// from 1 to 1000.
func NewSender(store Store, provider roster.TextProvider, hours roster.GroupHoursReader, log *slog.Logger, getenv func(string) string) (*Sender, error) {
	n, err := strconv.Atoi(getenv(EnvPerSecond))
	if err != nil || n < 1 || n > 1000 {
		return nil, fmt.Errorf("environment variable %s must be a whole number from 1 to 1000, not %q", EnvPerSecond, getenv(EnvPerSecond))
	}
	retry := roster.DefaultTextRetry
	if v := getenv(EnvRetryBase); v != "" {
		secs, err := strconv.Atoi(v)
		if err != nil || secs < 1 || secs > 3600 {
			return nil, fmt.Errorf("environment variable %s must be a whole number of seconds from 1 to 3600, not %q", EnvRetryBase, v)
		}
		retry.Base = time.Duration(secs) * time.Second
	}
	if v := getenv(EnvMaxAttempts); v != "" {
		m, err := strconv.Atoi(v)
		if err != nil || m < 1 || m > 20 {
			return nil, fmt.Errorf("environment variable %s must be a whole number from 1 to 20, not %q", EnvMaxAttempts, v)
		}
		retry.MaxAttempts = m
	}
	return &Sender{Store: store, Provider: provider, Hours: hours, DefaultFrom: getenv(EnvDefaultFrom), PerSecond: n, Retry: retry,
		Log: log, Now: time.Now}, nil
}
