package roster

import "context"

// Mail is one email message. Text is required; HTML is optional.
type Mail struct {
	To      []string
	Subject string
	Text    string
	HTML    string
}

// Mailer sends mail: SES in AWS, the local outbox under `make run` (through
// the same SES API), a recording fake in tests.
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}
