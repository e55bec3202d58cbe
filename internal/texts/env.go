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
)

// NewSender builds a function's sender from its environment (getenv is
// os.Getenv). Returns an error when TEXTS_PER_SECOND is not a whole number
// from 1 to 1000.
func NewSender(store Store, provider roster.TextProvider, hours roster.GroupHoursReader, log *slog.Logger, getenv func(string) string) (*Sender, error) {
	n, err := strconv.Atoi(getenv(EnvPerSecond))
	if err != nil || n < 1 || n > 1000 {
		return nil, fmt.Errorf("environment variable %s must be a whole number from 1 to 1000, not %q", EnvPerSecond, getenv(EnvPerSecond))
	}
	return &Sender{Store: store, Provider: provider, Hours: hours, DefaultFrom: getenv(EnvDefaultFrom), PerSecond: n, Log: log, Now: time.Now}, nil
}
