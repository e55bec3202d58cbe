// Command roster-local runs the whole Roster bundle on this machine (`make
// run`): every function of template.yaml behind a local API Gateway, with
// DynamoDB, S3 and SES emulated, until Ctrl-C.
//
// Each setting is a flag or the environment variable beside it:
//
//	--addr            ROSTER_ADDR            listen address (127.0.0.1:3000)
//	--data-dir        ROSTER_DATA_DIR        state kept across restarts (.roster)
//	--admin-email     ROSTER_ADMIN_EMAIL     demo administrator (admin@demo.roster.local)
//	--admin-password  ROSTER_ADMIN_PASSWORD  demo administrator's password (generated)
//	--operator-key    ROSTER_OPERATOR_KEY    key for POST /orgs (generated)
//	--reset                                  delete the data folder first
//	-v                                       show function logs on the console
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/roster-app/roster/internal/local"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "roster-local:", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	cfg := local.Config{RepoRoot: root, Log: os.Stdout}
	flag.StringVar(&cfg.Addr, "addr", env("ROSTER_ADDR", "127.0.0.1:3000"), "address to listen on (ROSTER_ADDR)")
	flag.StringVar(&cfg.DataDir, "data-dir", env("ROSTER_DATA_DIR", filepath.Join(root, ".roster")), "folder for the state kept across restarts (ROSTER_DATA_DIR)")
	flag.StringVar(&cfg.AdminEmail, "admin-email", os.Getenv("ROSTER_ADMIN_EMAIL"), "demo administrator's email (ROSTER_ADMIN_EMAIL; default admin@demo.roster.local)")
	flag.StringVar(&cfg.AdminPassword, "admin-password", os.Getenv("ROSTER_ADMIN_PASSWORD"), "demo administrator's password (ROSTER_ADMIN_PASSWORD; default generated)")
	flag.StringVar(&cfg.OperatorKey, "operator-key", os.Getenv("ROSTER_OPERATOR_KEY"), "key for POST /orgs (ROSTER_OPERATOR_KEY; default generated)")
	flag.BoolVar(&cfg.Reset, "reset", false, "delete the data folder and start from nothing")
	verbose := flag.Bool("v", false, "show function logs on the console too")
	flag.Parse()
	if *verbose {
		cfg.FunctionLogs = os.Stdout
	}

	// The first Ctrl-C (or SIGTERM) shuts down cleanly; a second one gives up.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	started := time.Now()
	fmt.Printf("Starting Roster from %s ...\n", filepath.Join(root, "template.yaml"))
	stack, err := local.Start(ctx, cfg)
	if err != nil {
		return err
	}
	printBanner(stack, time.Since(started))

	<-ctx.Done()
	stop()
	fmt.Println("\nShutting down: finishing requests in flight, saving data (Ctrl-C again to quit at once) ...")
	force := make(chan os.Signal, 1)
	signal.Notify(force, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-force
		fmt.Fprintln(os.Stderr, "roster-local: stopped without saving")
		os.Exit(1)
	}()
	if err := stack.Close(); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	fmt.Println("Stopped.")
	return nil
}

func printBanner(stack *local.Stack, took time.Duration) {
	c := stack.Credentials()
	fmt.Printf(`
Roster is running at %s  (up in %.1fs)

  Console:       %s/   (open it in a browser and sign in)
  Sign in:       %s
  Password:      %s
  Operator key:  %s   (X-Operator-Key for POST /orgs)
  Outbox:        %s
  Texts:         %s   (POST …/inbound texts in as a customer)
  Schedules:     POST %s/_local/schedules/{FunctionLogicalId} runs one now
  Data:          %s   (--reset starts over; function logs in logs/)

Press Ctrl-C to stop.

`, stack.URL(), took.Seconds(), stack.URL(), c.AdminEmail, c.AdminPassword, c.OperatorKey, stack.MailURL(), stack.TextsURL(), stack.URL(), stack.DataDir())
}

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// moduleRoot finds the folder with go.mod at or above the working
// directory, so the command works from anywhere in the repository.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod at or above the working directory; run from the Roster repository")
		}
		dir = parent
	}
}
