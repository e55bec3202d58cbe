package local

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/roster-app/roster/internal/conversations"
	"github.com/roster-app/roster/internal/dynamo"
	"github.com/roster-app/roster/internal/local/smslocal"
	"github.com/roster-app/roster/internal/roster"
)

// The webhook the messaging provider calls with a customer's text, and the
// headers that authenticate it (internal/api's Webhook*Header).
const (
	inboundWebhookRoute = "POST /webhooks/messages/inbound"
	webhookOrgHeader    = "X-Roster-Org"
	webhookTimeHeader   = "X-Roster-Timestamp"
	webhookSigHeader    = "X-Roster-Signature"
)

// textsHandler serves /_local/texts: the SMS emulator's pages and failure
// injection, and /inbound, where a person texts in as a customer.
func (s *Stack) textsHandler() http.Handler {
	pages := s.texts.PagesHandler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/inbound" {
			s.serveInbound(w, r)
			return
		}
		pages.ServeHTTP(w, r)
	})
}

// inboundText is the body of POST /_local/texts/inbound.
type inboundText struct {
	OrgID   string `json:"orgId"`
	GroupID string `json:"groupId"`
	From    string `json:"from"`
	Text    string `json:"text"`
}

// webhookBody is what the provider posts to the webhook, in this order.
type webhookBody struct {
	MessageID string `json:"messageId"`
	From      string `json:"from"`
	GroupID   string `json:"groupId"`
	Text      string `json:"text"`
}

// serveInbound is POST /_local/texts/inbound: it plays the messaging
// provider for a customer's text. The text is signed with the
// organisation's webhook secret, read from the local DynamoDB, exactly as
// conversations.Sign does, posted to the stack's own POST
// /webhooks/messages/inbound, and the webhook's answer is passed back. The
// text is recorded in the emulator's list too (direction inbound; status
// refused when the webhook did not take it), so that /_local/texts shows
// the whole conversation.
func (s *Stack) serveInbound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		smslocal.WriteProblem(w, http.StatusMethodNotAllowed, `text in as a customer with POST and {"orgId", "groupId", "from", "text"}`)
		return
	}
	var in inboundText
	dec := json.NewDecoder(io.LimitReader(r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		smslocal.WriteProblem(w, http.StatusBadRequest, `the body must be JSON like {"orgId": "…", "groupId": "…", "from": "+15555550123", "text": "Hi"}: `+err.Error())
		return
	}
	var missing []string
	for _, f := range []struct{ name, value string }{{"orgId", in.OrgID}, {"from", in.From}, {"text", in.Text}} {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.name)
		}
	}
	switch {
	case len(missing) > 0:
		smslocal.WriteProblem(w, http.StatusBadRequest, "missing "+strings.Join(missing, ", ")+" (groupId may be left out)")
		return
	case !smslocal.ValidNumber(in.From):
		smslocal.WriteProblem(w, http.StatusBadRequest, fmt.Sprintf("from %q is not an E.164 phone number like +15555550123", in.From))
		return
	case s.webhookSecrets == nil:
		smslocal.WriteProblem(w, http.StatusNotFound, "the template has no "+inboundWebhookRoute+" route with a TABLE_NAME to read webhook secrets from")
		return
	}
	secret, err := s.webhookSecrets.WebhookSecret(r.Context(), in.OrgID)
	switch {
	case roster.ErrorCodeOf(err) == roster.ENotFound:
		smslocal.WriteProblem(w, http.StatusConflict, fmt.Sprintf("organisation %s has no webhook secret yet: create one with POST /webhooks/secret (as an organisation administrator) first", in.OrgID))
		return
	case err != nil:
		smslocal.WriteProblem(w, http.StatusInternalServerError, "read the organisation's webhook secret: "+err.Error())
		return
	}

	rec, err := s.texts.RecordInbound(smslocal.Text{From: in.From, Body: in.Text, OrgID: in.OrgID, GroupID: in.GroupID})
	if err != nil {
		smslocal.WriteProblem(w, http.StatusInternalServerError, err.Error())
		return
	}
	body, err := json.Marshal(webhookBody{MessageID: "local-" + rec.ID, From: in.From, GroupID: in.GroupID, Text: in.Text})
	if err != nil {
		smslocal.WriteProblem(w, http.StatusInternalServerError, err.Error())
		return
	}
	status, header, answer, err := s.postWebhook(r.Context(), in.OrgID, secret, body)
	if err != nil {
		_ = s.texts.SetStatus(rec.ID, smslocal.StatusRefused, err.Error())
		smslocal.WriteProblem(w, http.StatusBadGateway, inboundWebhookRoute+": "+err.Error())
		return
	}
	if status < 200 || status > 299 {
		reason := fmt.Sprintf("%s answered %d: %s", inboundWebhookRoute, status, strings.TrimSpace(string(answer)))
		if err := s.texts.SetStatus(rec.ID, smslocal.StatusRefused, reason); err != nil {
			s.log.Printf("texts: %v", err)
		}
	}
	for _, h := range []string{"Content-Type", DBHeader} {
		if v := header.Get(h); v != "" {
			w.Header().Set(h, v)
		}
	}
	w.WriteHeader(status)
	_, _ = w.Write(answer)
}

// postWebhook signs body and posts it to the stack's own webhook route.
func (s *Stack) postWebhook(ctx context.Context, orgID, secret string, body []byte) (int, http.Header, []byte, error) {
	timestamp := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url+"/webhooks/messages/inbound", bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(webhookOrgHeader, orgID)
	req.Header.Set(webhookTimeHeader, timestamp)
	req.Header.Set(webhookSigHeader, conversations.Sign(secret, timestamp, body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, nil, nil, err
	}
	return resp.StatusCode, resp.Header, answer, nil
}

// inboundSecrets is a reader of the table the inbound webhook's function
// uses (its TABLE_NAME), through the local DynamoDB in process; nil when
// the template has no such route.
func (s *Stack) inboundSecrets() *dynamo.Reader {
	table := ""
	for _, fr := range s.tpl.Routes() {
		if fr.Route.Key() == inboundWebhookRoute {
			table = fr.Function.Env["TABLE_NAME"]
		}
	}
	if table == "" {
		return nil
	}
	client := dynamodb.New(dynamodb.Options{
		Region:                          s.tpl.Resolver.Region,
		BaseEndpoint:                    aws.String("http://dynamodb.local"),
		Credentials:                     aws.AnonymousCredentials{},
		HTTPClient:                      handlerClient{s.dynamo},
		RetryMaxAttempts:                1,
		DisableValidateResponseChecksum: true,
	})
	return dynamo.NewReader(client, table)
}
