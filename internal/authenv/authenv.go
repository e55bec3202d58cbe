// Package authenv is what the functions that sign or verify access tokens
// need at start. It stands apart from lambdaenv so that a function with no
// use for tokens (HandleFailedEvents) does not link the auth package.
package authenv

import (
	"log/slog"
	"os"

	"github.com/roster-app/roster/internal/auth"
)

// MustSigner makes the access-token signer from the keyring a function
// read at start (ssmparam.MustGet, called in its main so that the secret
// checks see it), or stops the function: a keyring it cannot use is
// cheapest to notice before the first request.
func MustSigner(keyring string, log *slog.Logger) *auth.Signer {
	signer, err := auth.SignerFromKeyring(keyring, auth.AccessTokenTTL)
	if err != nil {
		log.Error("start", "err", err)
		os.Exit(1)
	}
	return signer
}
