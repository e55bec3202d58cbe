package sesmail_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ses"

	"github.com/roster-app/roster/internal/local/seslocal"
	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/sesmail"
)

// TestSendThroughTheSESAPI sends with the stock SES client to the local
// outbox, which speaks the SES API, as the functions do under `make run`.
func TestSendThroughTheSESAPI(t *testing.T) {
	box, err := seslocal.Open(filepath.Join(t.TempDir(), "outbox.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(box.SESHandler())
	defer srv.Close()
	client := ses.New(ses.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	m := sesmail.New(client, "roster@example.com")

	err = m.Send(context.Background(), roster.Mail{To: []string{"ann@acme.example"}, Subject: "Welcome — é", Text: "Hello", HTML: "<p>Hello</p>"})
	if err != nil {
		t.Fatal(err)
	}
	got := box.Messages()
	if len(got) != 1 {
		t.Fatalf("%d messages in the outbox, want 1", len(got))
	}
	if g := got[0]; g.From != "roster@example.com" || g.To[0] != "ann@acme.example" || g.Subject != "Welcome — é" || g.Text != "Hello" || g.HTML != "<p>Hello</p>" {
		t.Fatalf("message = %+v", g)
	}

	t.Run("a message without a recipient or text is refused before SES", func(t *testing.T) {
		for _, bad := range []roster.Mail{{Subject: "s", Text: "t"}, {To: []string{"a@b.co"}, Subject: "s"}} {
			if err := m.Send(context.Background(), bad); err == nil {
				t.Errorf("Send(%+v) succeeded", bad)
			}
		}
	})
	t.Run("an SES error reaches the caller", func(t *testing.T) {
		broken := sesmail.New(client, "")
		if err := broken.Send(context.Background(), roster.Mail{To: []string{"a@b.co"}, Subject: "s", Text: "t"}); err == nil {
			t.Fatal("a send SES refused (empty Source) reported success")
		}
	})
}
