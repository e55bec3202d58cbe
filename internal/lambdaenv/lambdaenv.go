// Package lambdaenv is what every function's main needs to start: its
// environment variables, the AWS configuration and a JSON logger. Functions
// read the environment only through Must and Optional, so a test can list
// what each function reads and check the template sets it.
package lambdaenv

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
)

// Must returns an environment variable or stops the function at start, when
// a missing setting is cheapest to notice.
func Must(name string) string {
	v := os.Getenv(name)
	if v == "" {
		fmt.Fprintf(os.Stderr, "environment variable %s is not set\n", name)
		os.Exit(1)
	}
	return v
}

// MustDays reads a whole number of days (1 to 365) and stops the function
// at start when it is missing or out of range.
func MustDays(name string) time.Duration {
	n, err := strconv.Atoi(Must(name))
	if err != nil || n < 1 || n > 365 {
		fmt.Fprintf(os.Stderr, "environment variable %s must be a number of days from 1 to 365\n", name)
		os.Exit(1)
	}
	return time.Duration(n) * 24 * time.Hour
}

// AWSConfig loads the SDK configuration: region and credentials from the
// Lambda environment, endpoints from AWS_ENDPOINT_URL_* when the local stack
// points them at its emulators.
func AWSConfig(ctx context.Context) aws.Config {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		fmt.Fprintf(os.Stderr, "load AWS configuration: %v\n", err)
		os.Exit(1)
	}
	return cfg
}

// Logger returns a JSON logger at the level in LOG_LEVEL (default INFO),
// the format Lambda's JSON log configuration expects on stdout.
func Logger() *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(strings.ToUpper(os.Getenv("LOG_LEVEL")))); err != nil {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: level})).
		With("function", os.Getenv("AWS_LAMBDA_FUNCTION_NAME"))
}
