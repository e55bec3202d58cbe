// Package sesmail sends Roster's mail through Amazon SES (API v1 SendEmail).
// Under `make run` the same client talks to the local outbox, which speaks
// the SES API.
package sesmail

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/ses"
	"github.com/aws/aws-sdk-go-v2/service/ses/types"

	"github.com/roster-app/roster/internal/roster"
)

// Mailer sends from one verified sender address.
type Mailer struct {
	client *ses.Client
	from   string
}

var _ roster.Mailer = (*Mailer)(nil)

// New returns a Mailer sending as from.
func New(client *ses.Client, from string) *Mailer {
	return &Mailer{client: client, from: from}
}

// Send sends m. The message body is never logged or put in errors.
func (m *Mailer) Send(ctx context.Context, mail roster.Mail) error {
	if len(mail.To) == 0 || mail.Text == "" {
		return errors.New("send mail: a recipient and a text body are required")
	}
	body := &types.Body{Text: &types.Content{Data: &mail.Text, Charset: strp("UTF-8")}}
	if mail.HTML != "" {
		body.Html = &types.Content{Data: &mail.HTML, Charset: strp("UTF-8")}
	}
	_, err := m.client.SendEmail(ctx, &ses.SendEmailInput{
		Source:      &m.from,
		Destination: &types.Destination{ToAddresses: mail.To},
		Message:     &types.Message{Subject: &types.Content{Data: &mail.Subject, Charset: strp("UTF-8")}, Body: body},
	})
	if err != nil {
		return fmt.Errorf("send mail %q to %d recipients: %w", mail.Subject, len(mail.To), err)
	}
	return nil
}

func strp(s string) *string { return &s }
