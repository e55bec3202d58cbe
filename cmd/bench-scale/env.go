package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/api"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/contacts"
	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/credits"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/groups"
	"github.com/roster-app/roster/internal/hours"
	"github.com/roster-app/roster/internal/local/dynamolocal"
	"github.com/roster-app/roster/internal/notifysettings"
	"github.com/roster-app/roster/internal/orgs"
	"github.com/roster-app/roster/internal/outbox"
	"github.com/roster-app/roster/internal/phone"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/samtemplate"
	"github.com/roster-app/roster/internal/users"
)

// cheapArgon keeps seeding 10,000 users with passwords quick; the cost of
// a sign-in is not what this benchmark measures.
var cheapArgon = auth.Argon2Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// clock is the time every service of the benchmark sees. It follows the
// wall clock from an offset, so that the notifier's minutes can be moved
// through without waiting for them.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// set makes Now return t (and run on from there).
func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = time.Until(t)
}

// discardMail is a Mailer that accepts everything: mail is not what is
// measured (its outbox writes are).
type discardMail struct{}

func (discardMail) Send(context.Context, roster.Mail) error { return nil }

// env is one emulator with Roster's table, and the services and handlers
// of the functions measured, wired as their main.go wires them.
type env struct {
	srv    *dynamolocal.Server
	http   *httptest.Server
	db     *dynamodb.Client
	table  string
	store  *dynamo.Store
	clock  *clock
	log    *slog.Logger
	signer *auth.Signer

	authSvc   *auth.Service
	orgSvc    *orgs.Service
	groupSvc  *groups.Service
	userSvc   *users.Service
	settings  *notifysettings.Service
	contacts  *contacts.Service
	credits   *credits.Service
	convs     *conversations.Service
	notifier  *conversations.Notifier
	authorize func(context.Context, events.APIGatewayV2CustomAuthorizerV2Request) (events.APIGatewayV2CustomAuthorizerSimpleResponse, error)

	handlers map[string]api.LambdaHandler
}

func openEnv(ctx context.Context, log *slog.Logger) (*env, error) {
	tmpl, err := samtemplate.ParseFile("template.yaml", samtemplate.Resolver{})
	if err != nil {
		return nil, fmt.Errorf("read template.yaml (run from the repository root): %w", err)
	}
	table := tmpl.Table("Table")
	if table == nil {
		return nil, errors.New("template.yaml has no Table")
	}
	e := &env{srv: dynamolocal.New(), clock: &clock{}, log: log, table: table.Name}
	e.http = httptest.NewServer(e.srv)
	e.db = dynamodb.New(dynamodb.Options{
		Region:                          "us-east-1",
		BaseEndpoint:                    aws.String(e.http.URL),
		Credentials:                     credentials.NewStaticCredentialsProvider("bench", "bench", ""),
		DisableValidateResponseChecksum: true,
	})
	if _, err := e.db.CreateTable(ctx, table.CreateTableInput()); err != nil {
		e.close()
		return nil, fmt.Errorf("create table: %w", err)
	}
	e.store = dynamo.NewStore(e.db, e.table)
	ring, err := auth.GenerateKeyring("bench")
	if err != nil {
		return nil, err
	}
	if e.signer, err = auth.NewSigner(ring, auth.AccessTokenTTL); err != nil {
		return nil, err
	}
	now := e.clock.Now
	store := e.store
	sender := outbox.New(store, discardMail{}, "https://app.example", 7*24*time.Hour, log)
	sender.Now = now
	e.authSvc = auth.NewService(store, e.signer, cheapArgon, log)
	e.orgSvc = &orgs.Service{Store: store, Sender: sender, Argon: cheapArgon, Log: log, Now: now}
	e.groupSvc = groups.NewService(store, now)
	e.userSvc = users.NewService(store, phone.Normalise, cheapArgon, now)
	e.settings = notifysettings.NewService(store, now)
	e.contacts = &contacts.Service{Store: store, Now: now, Phone: phone.Normalise}
	e.credits = credits.NewService(store, now)
	e.convs = &conversations.Service{Store: store, Hours: hours.NewReader(store), Now: now}
	e.notifier = &conversations.Notifier{Store: store, Settings: store, Hours: hours.NewReader(store), Mail: sender, Log: log, Now: now}
	e.authorize = api.Authorizer(auth.NewVerifier(store, e.signer), log)

	reader := dynamo.NewReader(e.db, e.table)
	lifecycle := users.NewLifecycle(store, users.NewReader(store, now), e.convs)
	editor := users.NewEditor(store, phone.Normalise, users.NewLifecycle(store, users.NewReader(store, now), nil))
	e.handlers = map[string]api.LambdaHandler{
		"GET /users":                         api.Authenticated(log, api.ListUsers(users.NewReader(reader, now))),
		"GET /contacts":                      api.Authenticated(log, api.ListContacts(&contacts.Reader{Store: reader})),
		"GET /audit-events":                  api.Authenticated(log, api.ListAuditEvents(reader)),
		"GET /conversations":                 api.Authenticated(log, api.ListConversations(&conversations.Reader{Store: reader})),
		"GET /credits/ledger":                api.Authenticated(log, api.ListCreditLedger(credits.NewReader(reader))),
		"GET /credits":                       api.Authenticated(log, api.GetCredits(credits.NewReader(reader))),
		"GET /groups":                        api.Authenticated(log, api.ListGroups(groups.NewReader(reader))),
		"POST /webhooks/messages/inbound":    api.Public(log, api.ReceiveInboundMessage(e.convs)),
		"POST /conversations/{id}/claim":     api.Authenticated(log, api.ClaimConversation(e.convs)),
		"POST /conversations/{id}/release":   api.Authenticated(log, api.ReleaseConversation(e.convs)),
		"GET /conversations/{id}/messages":   api.Authenticated(log, api.ListConversationMessages(&conversations.Reader{Store: reader})),
		"PATCH /users/{id}":                  api.Authenticated(log, api.UpdateUser(editor, sender)),
		"POST /users/{id}/deactivate":        api.Authenticated(log, api.ChangeUserStatus(lifecycle, roster.Deactivate, nil)),
		"GET /me":                            api.Authenticated(log, api.GetMe(reader)),
		"PUT /notification-settings/default": api.Authenticated(log, api.PutDefaultNotificationSettings(e.settings)),
	}
	return e, nil
}

func (e *env) close() { e.http.Close() }
