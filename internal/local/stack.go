// Package local runs the whole SAM bundle on one port of this machine: the
// template's functions as real processes speaking the Lambda Runtime API,
// an API Gateway HTTP API in front of them, S3 notifications, EventBridge
// schedules and EventBridge rules that invoke them, and emulators for
// DynamoDB, S3, SES, End User Messaging SMS and SSM Parameter Store that
// they reach through the ordinary SDK endpoint variables.
//
// Reading order: stack.go (start and stop), template.go (read the template
// with local values), build.go (compile the functions), pool.go,
// instance.go and runtime.go (run them as Lambda does), gateway.go,
// routes.go, httpevent.go and authorizer.go (API Gateway), s3events.go,
// schedule.go, cron.go and eventbridge.go (the other event sources),
// emulators.go, texts.go, localstate.go and demo.go (data, local-only
// routes and first start).
package local

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/local/dynamolocal"
	"github.com/roster-app/roster/internal/local/s3local"
	"github.com/roster-app/roster/internal/local/seslocal"
	"github.com/roster-app/roster/internal/local/smslocal"
	"github.com/roster-app/roster/internal/local/ssmlocal"
	"github.com/roster-app/roster/internal/samtemplate"
)

// Config says where and how to run the stack. Zero values take the
// defaults noted on each field.
type Config struct {
	// Addr is the address to listen on; "127.0.0.1:0" picks a free port.
	// Default 127.0.0.1:3000.
	Addr string
	// DataDir holds everything that survives a restart. Default .roster.
	DataDir string
	// RepoRoot is the Go module the functions are built in. Default ".".
	RepoRoot string
	// TemplatePath is the SAM template. Default <RepoRoot>/template.yaml.
	TemplatePath string
	// Reset deletes DataDir before starting.
	Reset bool

	// AdminEmail, AdminPassword and OperatorKey replace the generated
	// values kept in local.json. The administrator's email and password
	// only take effect when the demo organisation is created.
	AdminEmail    string
	AdminPassword string
	OperatorKey   string
	// SkipDemoOrg does not create the demo organisation, for templates
	// that have no POST /orgs.
	SkipDemoOrg bool

	// Log receives one line per API request, S3 delivery and scheduled
	// run, and the stack's own notes. Default os.Stderr.
	Log io.Writer
	// FunctionLogs, when set, receives a copy of every function's output
	// (which always goes to <DataDir>/logs/<LogicalId>.log).
	FunctionLogs io.Writer
	// OnInvocation, when set, is called after every function invocation.
	OnInvocation func(Invocation)
	// MaxInstances bounds each function's concurrent instances. Default 4.
	MaxInstances int
	// BuildFlags go to `go build` of the functions after the stack's own
	// (-tags lambda.norpc, -ldflags=-s -w). Tests pass -race when they run
	// under the race detector (internal/race): the functions then reuse
	// the packages go test compiled, and run under the detector too.
	BuildFlags []string
}

func (c Config) withDefaults() (Config, error) {
	if c.Addr == "" {
		c.Addr = "127.0.0.1:3000"
	}
	if c.DataDir == "" {
		c.DataDir = ".roster"
	}
	if c.RepoRoot == "" {
		c.RepoRoot = "."
	}
	if c.TemplatePath == "" {
		c.TemplatePath = filepath.Join(c.RepoRoot, "template.yaml")
	}
	if c.Log == nil {
		c.Log = os.Stderr
	}
	if c.MaxInstances <= 0 {
		c.MaxInstances = defaultMaxInstances
	}
	for _, p := range []*string{&c.DataDir, &c.RepoRoot, &c.TemplatePath} {
		abs, err := filepath.Abs(*p)
		if err != nil {
			return c, fmt.Errorf("config: %w", err)
		}
		*p = abs
	}
	return c, nil
}

// Credentials are what a person needs to use the running stack.
type Credentials struct {
	AdminEmail    string
	AdminPassword string
	OperatorKey   string
}

// Stack is the running local stack.
type Stack struct {
	cfg     Config
	log     *log.Logger
	url     string
	tpl     *samtemplate.Template
	state   *localState
	journal *journal

	server *http.Server
	// routes is nil until every part is up; requests before that get 503.
	routes atomic.Pointer[stackRoutes]
	ready  atomic.Bool

	functions map[string]*function
	usage     *usageMeter
	gateway   *gateway
	notifier  *s3Notifier
	bus       *eventBus
	scheduler *scheduler
	dynamo    *dynamolocal.Server
	restored  bool // the DynamoDB snapshot was loaded, so saving cannot lose it
	s3        *s3local.Server
	outbox    *seslocal.Outbox
	texts     *smslocal.Server
	ssm       *ssmlocal.Store
	// webhookSecrets reads organisations' webhook secrets for
	// POST /_local/texts/inbound; nil when the template has no webhook.
	webhookSecrets *dynamo.Reader

	snapshotStop chan struct{}
	snapshotDone chan struct{}

	closeOnce sync.Once
	closeErr  error
}

// stackRoutes are the handlers behind the one port.
type stackRoutes struct {
	api, dynamodb, s3, ses, ssm, mail, schedules, smsvoice, texts http.Handler
	console                                                       *console
}

// Start brings the stack up and returns once it answers /health with 200
// and the demo organisation exists. ctx bounds the startup only (the build
// can take a while on a cold cache); Close stops the stack.
func Start(ctx context.Context, cfg Config) (_ *Stack, err error) {
	cfg, err = cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	s := &Stack{
		cfg:       cfg,
		log:       log.New(cfg.Log, "", log.Ltime),
		journal:   newJournal(cfg.OnInvocation),
		functions: map[string]*function{},
		usage:     newUsageMeter(),
	}
	defer func() {
		if err != nil {
			_ = s.Close()
		}
	}()

	if cfg.Reset {
		if err := resetDataDir(cfg.DataDir); err != nil {
			return nil, err
		}
	}
	for _, dir := range []string{cfg.DataDir, s.path("bin"), s.path("logs")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create data folder: %w", err)
		}
	}
	if s.state, err = s.loadState(); err != nil {
		return nil, err
	}

	// Listen first: the port is part of the functions' environment and of
	// AppBaseUrl, and /health should answer 503 while the rest starts.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	s.url = "http://" + publicHostPort(ln.Addr().(*net.TCPAddr))
	s.server = &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second}
	go func() {
		if err := s.server.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			s.log.Printf("HTTP server stopped: %v", err)
		}
	}()

	if s.tpl, err = s.readTemplate(); err != nil {
		return nil, err
	}
	if err := checkSupported(s.tpl); err != nil {
		return nil, err
	}
	async := newAsyncInvoker(s.tpl, s.invoke, s.log.Printf)
	if s.scheduler, err = newScheduler(s.tpl, time.Now(), async.run, s.log.Printf); err != nil {
		return nil, err
	}

	// Compile while the emulators load their data.
	type buildResult struct {
		programs map[string]program
		err      error
	}
	built := make(chan buildResult, 1)
	buildStart := time.Now()
	buildCtx, cancelBuild := context.WithCancel(ctx)
	defer cancelBuild()
	go func() {
		b, err := buildFunctions(buildCtx, cfg.RepoRoot, filepath.Dir(cfg.TemplatePath), s.path("bin"), s.tpl.Functions, cfg.BuildFlags)
		built <- buildResult{b, err}
	}()
	s.notifier = newS3Notifier(s.tpl, async.run, s.log.Printf)
	s.bus = newEventBus(s.tpl, async.run, s.log.Printf)
	if err := s.startEmulators(); err != nil {
		cancelBuild()
		<-built
		return nil, err
	}
	b := <-built
	if b.err != nil {
		return nil, b.err
	}
	s.log.Printf("built %d functions in %.1fs", len(s.tpl.Functions), time.Since(buildStart).Seconds())
	if err := s.startFunctions(b.programs); err != nil {
		return nil, err
	}

	s.gateway = &gateway{
		api:        s.tpl.HTTPAPI,
		routes:     newRouteTable(s.tpl.Routes()),
		invoke:     s.invoke,
		authCache:  newAuthCache(),
		accountID:  s.tpl.Resolver.AccountID,
		region:     s.tpl.Resolver.Region,
		publicPort: fmt.Sprint(ln.Addr().(*net.TCPAddr).Port),
		logf:       s.log.Printf,
		usage:      s.usage,
	}
	if s.gateway.api == nil {
		s.gateway.api = &samtemplate.HTTPAPI{}
	}
	console, err := newConsole()
	if err != nil {
		return nil, fmt.Errorf("the console's built files: %w", err)
	}
	s.routes.Store(&stackRoutes{
		console:   console,
		api:       s.gateway,
		dynamodb:  mount("/_local/dynamodb", s.dynamo),
		s3:        mount("/_local/s3", s.s3),
		ses:       mount("/_local/ses", s.outbox.SESHandler()),
		ssm:       mount("/_local/ssm", s.ssm.Handler()),
		mail:      mount("/_local/mail", s.outbox.PagesHandler()),
		schedules: mount("/_local/schedules", s.scheduler),
		smsvoice:  mount("/_local/smsvoice", s.texts.APIHandler()),
		texts:     mount("/_local/texts", s.textsHandler()),
	})
	s.scheduler.start()
	s.snapshotStop, s.snapshotDone = make(chan struct{}), make(chan struct{})
	go s.snapshotLoop()

	if !cfg.SkipDemoOrg && !s.state.DemoOrgCreated {
		if err := s.createDemoOrg(ctx); err != nil {
			return nil, err
		}
	}
	s.ready.Store(true)
	return s, nil
}

func (s *Stack) path(name ...string) string {
	return filepath.Join(append([]string{s.cfg.DataDir}, name...)...)
}

// publicHostPort is how functions and people reach a listener: a wildcard
// address (":3000") is reached on loopback.
func publicHostPort(addr *net.TCPAddr) string {
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, fmt.Sprint(addr.Port))
}

// invoke runs a function by logical id; every event source goes through it.
func (s *Stack) invoke(ctx context.Context, id string, trigger Trigger, detail string, payload []byte) ([]byte, Invocation) {
	fn := s.functions[id]
	if fn == nil {
		return nil, Invocation{Function: id, Trigger: trigger, Detail: detail, Err: fmt.Errorf("no function %s in the template", id)}
	}
	return fn.invoke(ctx, trigger, detail, payload)
}

// ServeHTTP dispatches the one port. Paths are matched by prefix, not with
// http.ServeMux, which would clean paths and redirect: S3 keys and API paths
// must reach their handlers exactly as sent.
func (s *Stack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if p == "/health" {
		s.health(w)
		return
	}
	routes := s.routes.Load()
	if routes == nil {
		writeMessage(w, http.StatusServiceUnavailable, "Service Unavailable")
		return
	}
	for _, m := range []struct {
		prefix string
		h      http.Handler
	}{
		{"/_local/dynamodb", routes.dynamodb},
		{"/_local/s3", routes.s3},
		{"/_local/ses", routes.ses},
		{"/_local/ssm", routes.ssm},
		{"/_local/mail", routes.mail},
		{"/_local/smsvoice", routes.smsvoice},
		{"/_local/texts", routes.texts},
		{"/_local/schedules", routes.schedules},
		{"/_local/usage", http.HandlerFunc(s.serveUsage)},
		{"/_local/totp", http.HandlerFunc(s.serveTOTP)},
	} {
		if p == m.prefix || strings.HasPrefix(p, m.prefix+"/") {
			m.h.ServeHTTP(w, r)
			return
		}
	}
	if p == "/_local" || strings.HasPrefix(p, "/_local/") {
		writeMessage(w, http.StatusNotFound, "Not Found: the local endpoints are /_local/dynamodb, /_local/s3, /_local/ses, /_local/smsvoice, /_local/ssm, /_local/mail, /_local/texts, /_local/schedules, /_local/usage and /_local/totp")
		return
	}
	// The console calls the API under /api, as it does behind CloudFront.
	if p == "/api" || strings.HasPrefix(p, "/api/") {
		mount("/api", routes.api).ServeHTTP(w, r)
		return
	}
	if routes.console.wants(r) {
		routes.console.ServeHTTP(w, r)
		return
	}
	routes.api.ServeHTTP(w, r)
}

func (s *Stack) health(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	if !s.ready.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = json.NewEncoder(w).Encode(map[string]string{"status": "starting"})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
}

// mount serves h below prefix, as if at the root.
func mount(prefix string, h http.Handler) http.Handler {
	return http.StripPrefix(prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" {
			r.URL.Path = "/"
			r.URL.RawPath = ""
		}
		h.ServeHTTP(w, r)
	}))
}

// URL is the base URL of the API, such as http://127.0.0.1:3000.
func (s *Stack) URL() string { return s.url }

// MailURL is the page listing the mail the functions sent.
func (s *Stack) MailURL() string { return s.url + "/_local/mail" }

// TextsURL is the page listing the texts the functions sent and the
// customers sent in.
func (s *Stack) TextsURL() string { return s.url + "/_local/texts" }

// DataDir is the folder holding the stack's state.
func (s *Stack) DataDir() string { return s.cfg.DataDir }

// Credentials returns the demo administrator's sign-in and the operator key.
func (s *Stack) Credentials() Credentials {
	return Credentials{AdminEmail: s.state.AdminEmail, AdminPassword: s.state.AdminPassword, OperatorKey: s.state.OperatorKey}
}

// Template is the template the stack runs, resolved with its local values.
func (s *Stack) Template() *samtemplate.Template { return s.tpl }

// Invoke runs a function directly with the given event, as
// `aws lambda invoke` would, and returns its response payload.
func (s *Stack) Invoke(ctx context.Context, function string, payload []byte) ([]byte, error) {
	out, inv := s.invoke(ctx, function, TriggerDirect, "invoke", payload)
	return out, inv.Err
}

// RunSchedule runs a function's Schedule event now and waits for it,
// like POST /_local/schedules/{function}.
func (s *Stack) RunSchedule(ctx context.Context, function string) (Invocation, error) {
	return s.scheduler.runNow(ctx, function)
}

// Invocations returns the invocations that finished so far, oldest first
// (the most recent ones, in a long run).
func (s *Stack) Invocations() []Invocation { return s.journal.all() }

// WaitForInvocation returns the first finished invocation that matches,
// waiting for it if need be: the way to observe work that S3 events and
// schedules start in the background.
func (s *Stack) WaitForInvocation(ctx context.Context, match func(Invocation) bool) (Invocation, error) {
	return s.journal.wait(ctx, match)
}

// shutdownGrace bounds how long Close waits for requests and background
// invocations to finish before it stops the functions under them.
const shutdownGrace = 30 * time.Second

// Close shuts the stack down cleanly: new API requests are refused, those
// in flight and background invocations finish, the function processes are
// stopped, and the data is saved.
func (s *Stack) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.close() })
	return s.closeErr
}

func (s *Stack) close() error {
	s.ready.Store(false)
	var errs []error
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if s.gateway != nil {
		errs = append(errs, s.gateway.drain(ctx))
	}
	if s.scheduler != nil {
		errs = append(errs, s.scheduler.close(ctx))
	}
	if s.notifier != nil {
		errs = append(errs, s.notifier.close(ctx))
	}
	if s.texts != nil {
		// No more delivery events; those already on the bus are delivered.
		errs = append(errs, s.texts.Close())
	}
	if s.bus != nil {
		errs = append(errs, s.bus.close(ctx))
	}
	var wg sync.WaitGroup
	for _, fn := range s.functions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn.close()
		}()
	}
	wg.Wait()
	if s.snapshotStop != nil {
		close(s.snapshotStop)
		<-s.snapshotDone
	}
	if s.server != nil {
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if err := s.server.Shutdown(shutdownCtx); err != nil {
			errs = append(errs, fmt.Errorf("stop HTTP server: %w", err))
			_ = s.server.Close()
		}
		cancel()
	}
	errs = append(errs, s.stopEmulators())
	for _, fn := range s.functions {
		errs = append(errs, fn.logs.close())
	}
	return errors.Join(errs...)
}
