package local

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/roster-app/roster/internal/auth"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/local/dynamolocal"
	"github.com/roster-app/roster/internal/local/s3local"
	"github.com/roster-app/roster/internal/local/seslocal"
	"github.com/roster-app/roster/internal/local/smslocal"
	"github.com/roster-app/roster/internal/local/ssmlocal"
	"github.com/roster-app/roster/internal/samtemplate"
)

// Files in the data folder.
const (
	dynamoSnapshotFile = "dynamodb.jsonl"
	s3File             = "s3.bolt"
	outboxFile         = "outbox.jsonl"
	ssmFile            = "ssm.json"
	textsFile          = "texts.jsonl"
)

// textDeliveryDelay is how long after accepting a text the SMS emulator
// emits its delivery event: long enough for the sending function to record
// the text as sent first, as the seconds a real carrier takes are.
const textDeliveryDelay = time.Second

// snapshotEvery is how often unsaved DynamoDB writes are written to disk,
// so that a crash (rather than Ctrl-C) loses at most this much (or ten
// times the last save's own time, when that is longer).
const snapshotEvery = 10 * time.Second

// startEmulators starts DynamoDB (with the template's tables and the last
// snapshot), S3 (with the template's buckets), the SES outbox, the SMS
// emulator (whose delivery events go to the event bus) and the SSM
// parameter store (with the secrets the template names).
func (s *Stack) startEmulators() error {
	s.dynamo = dynamolocal.New()
	s.dynamo.Observe(s.usage.observe)
	if err := createTables(s.dynamo, s.tpl.Tables, s.tpl.Resolver.Region); err != nil {
		return err
	}
	if err := s.checkTableLayout(); err != nil {
		return err
	}
	loaded, err := s.dynamo.Restore(s.path(dynamoSnapshotFile))
	if err != nil {
		// A snapshot saved before the emulator kept empty lists and maps
		// holds typeless attributes, which it now refuses as DynamoDB does.
		return fmt.Errorf("load DynamoDB snapshot: %w (if it holds items DynamoDB refuses, start clean with --reset)", err)
	}
	s.restored = true
	for table, n := range loaded.Skipped {
		s.log.Printf("DynamoDB snapshot: skipped %d items of table %s, which the template no longer has", n, table)
	}

	if s.s3, err = s3local.Open(s.path(s3File), s.notifier.objectCreated); err != nil {
		return err
	}
	for _, b := range s.tpl.Buckets {
		if err := s.s3.EnsureBucket(b.Name); err != nil {
			return fmt.Errorf("bucket %s: %w", b.LogicalID, err)
		}
	}

	if s.outbox, err = seslocal.Open(s.path(outboxFile)); err != nil {
		return err
	}

	if s.texts, err = smslocal.Open(s.path(textsFile), s.bus.smsEvent); err != nil {
		return err
	}
	s.texts.SetDeliveryDelay(textDeliveryDelay)
	s.webhookSecrets = s.inboundSecrets()

	if s.ssm, err = ssmlocal.Open(s.path(ssmFile), s.tpl.Resolver.Region, s.tpl.Resolver.AccountID); err != nil {
		return err
	}
	return s.putSecrets()
}

// Template parameters that name the SSM parameters holding secrets.
const (
	signingKeysParameter     = "TokenSigningKeysParameter"
	operatorKeyHashParameter = "OperatorKeyHashParameter"
)

// putSecrets puts the secrets the template names into the local parameter
// store, as an operator does before deploying: a token signing keyring of
// one fresh key on the first start (kept afterwards, so tokens outlive a
// restart, and rotated by putting a new keyring as on AWS), and the hash of
// the operator key in use. A template that names neither needs neither.
func (s *Stack) putSecrets() error {
	if name := s.templateParameter(signingKeysParameter); name != "" && !s.ssm.Has(name) {
		ring, err := auth.GenerateKeyring("local-1")
		if err != nil {
			return err
		}
		text, err := auth.MarshalKeyring(ring)
		if err != nil {
			return err
		}
		if _, err := s.ssm.Put(name, ssmlocal.TypeSecureString, text, false); err != nil {
			return fmt.Errorf("put the token signing keyring in parameter %s: %w", name, err)
		}
	}
	if name := s.templateParameter(operatorKeyHashParameter); name != "" {
		sum := sha256.Sum256([]byte(s.state.OperatorKey))
		if _, err := s.ssm.Put(name, ssmlocal.TypeSecureString, hex.EncodeToString(sum[:]), true); err != nil {
			return fmt.Errorf("put the operator key hash in parameter %s: %w", name, err)
		}
	}
	return nil
}

// templateParameter is the value a template parameter has in the running
// stack, "" when the template does not declare it.
func (s *Stack) templateParameter(name string) string {
	if v, ok := s.tpl.Resolver.Parameters[name]; ok {
		return v
	}
	for _, p := range s.tpl.Parameters {
		if p.Name == name {
			return p.Default
		}
	}
	return ""
}

func (s *Stack) stopEmulators() error {
	var errs []error
	if s.dynamo != nil && s.restored && s.dynamo.Dirty() {
		if err := s.dynamo.Save(s.path(dynamoSnapshotFile)); err != nil {
			errs = append(errs, fmt.Errorf("save DynamoDB snapshot: %w", err))
		}
	}
	if s.s3 != nil {
		errs = append(errs, s.s3.Close())
	}
	if s.texts != nil {
		errs = append(errs, s.texts.Close())
	}
	return errors.Join(errs...)
}

func (s *Stack) snapshotLoop() {
	defer close(s.snapshotDone)
	wait := time.NewTimer(snapshotEvery)
	defer wait.Stop()
	for {
		select {
		case <-s.snapshotStop:
			return
		case <-wait.C:
			next := snapshotEvery
			if s.dynamo.Dirty() {
				start := time.Now()
				if err := s.dynamo.Save(s.path(dynamoSnapshotFile)); err != nil {
					s.log.Printf("save DynamoDB snapshot: %v", err)
				}
				// A save of a large table (300,000 items after a 100k-row
				// import: about 200 MB) takes seconds of a core; while
				// writes keep coming, saving every 10 s would spend a
				// good share of the machine on it. Waiting ten times the
				// save's own time keeps it under a tenth.
				next = max(next, 10*time.Since(start))
			}
			wait.Reset(next)
		}
	}
}

// createTables creates the template's tables through the DynamoDB API, the
// only way dynamolocal learns of them. The client talks to the handler in
// process: the port is not serving the emulators yet. TTL is left out: the
// emulator does not expire items (SweepExpired does that work anyway).
func createTables(db http.Handler, tables []*samtemplate.Table, region string) error {
	client := dynamodb.New(dynamodb.Options{
		Region:                          region,
		BaseEndpoint:                    aws.String("http://dynamodb.local"),
		Credentials:                     aws.AnonymousCredentials{},
		HTTPClient:                      handlerClient{db},
		RetryMaxAttempts:                1,
		DisableValidateResponseChecksum: true,
	})
	for _, t := range tables {
		if _, err := client.CreateTable(context.Background(), t.CreateTableInput()); err != nil {
			return fmt.Errorf("create table %s (%s): %w", t.LogicalID, t.Name, err)
		}
	}
	return nil
}

// handlerClient sends SDK requests straight to an http.Handler.
type handlerClient struct{ h http.Handler }

func (c handlerClient) Do(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// tablesFingerprint names the template's table definitions (key schemas,
// attribute definitions and indexes) and Roster's item layout. Items
// written under others may lack the attributes an index needs (and so be
// missing from it) or items kept beside them.
func tablesFingerprint(tables []*samtemplate.Table) string {
	h := sha256.New()
	fmt.Fprintf(h, "layout %d\n", dynamo.ItemLayout)
	for _, t := range tables {
		in := t.CreateTableInput()
		def := struct {
			Name                   string
			KeySchema              any
			AttributeDefinitions   any
			GlobalSecondaryIndexes any
			LocalSecondaryIndexes  any
		}{t.Name, in.KeySchema, in.AttributeDefinitions, in.GlobalSecondaryIndexes, in.LocalSecondaryIndexes}
		b, _ := json.Marshal(def)
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// checkTableLayout refuses a DynamoDB snapshot written under other table
// definitions than the template's (for example before an index was added:
// its items would be missing from the new index, and lists would quietly
// leave them out), and records the current definitions otherwise.
func (s *Stack) checkTableLayout() error {
	current := tablesFingerprint(s.tpl.Tables)
	info, err := os.Stat(s.path(dynamoSnapshotFile))
	hasData := err == nil && info.Size() > 0
	if hasData && s.state.Tables != current {
		return fmt.Errorf("the local data in %s was written for other table keys, indexes or item layout than this build uses "+
			"(an index added since, for instance, would miss the old items); start clean with `make run ARGS=--reset` "+
			"(this deletes the local data)", s.cfg.DataDir)
	}
	if s.state.Tables == current {
		return nil
	}
	s.state.Tables = current
	return s.state.save(s.path("local.json"))
}
