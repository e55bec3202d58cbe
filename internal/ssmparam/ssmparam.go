// Package ssmparam reads the secrets a function needs from SSM Parameter
// Store, once, when the function starts. Only the parameter's name travels
// in the function's environment; the value stays in memory and is never
// logged or put in an error message.
package ssmparam

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
)

// GetParameterAPI is the part of the SSM client this package uses.
type GetParameterAPI interface {
	GetParameter(ctx context.Context, in *ssm.GetParameterInput, optFns ...func(*ssm.Options)) (*ssm.GetParameterOutput, error)
}

var _ GetParameterAPI = (*ssm.Client)(nil)

// Get returns the decrypted value of a SecureString (or String) parameter.
// Errors name the parameter, never its value.
func Get(ctx context.Context, client GetParameterAPI, name string) (string, error) {
	out, err := client.GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String(name), WithDecryption: aws.Bool(true)})
	if err != nil {
		return "", fmt.Errorf("get parameter %s: %w", name, err)
	}
	if out.Parameter == nil || aws.ToString(out.Parameter.Value) == "" {
		return "", fmt.Errorf("get parameter %s: %w", name, errEmpty)
	}
	return aws.ToString(out.Parameter.Value), nil
}

var errEmpty = errors.New("no value")

// MustGet is Get for a function's start: it logs how long the call took
// (one call per cold start) and stops the function when the parameter
// cannot be read, as lambdaenv.Must does for a missing variable.
func MustGet(ctx context.Context, client GetParameterAPI, name string, log *slog.Logger) string {
	start := time.Now()
	v, err := Get(ctx, client, name)
	if err != nil {
		log.Error("start: read secret parameter", "parameter", name, "err", err)
		os.Exit(1)
	}
	log.Info("read secret parameter", "parameter", name, "ms", float64(time.Since(start).Microseconds())/1000)
	return v
}
