package outbox

import (
	"context"
	"fmt"
	"html"
	"strings"

	"github.com/roster-app/roster/internal/roster"
)

// contactsNotice tells a user about their contact import or export. The
// import's figures are read when the mail is rendered, so a retried send
// says what is true then.
func (s *Sender) contactsNotice(ctx context.Context, m roster.OutboxMail) (roster.Mail, error) {
	u, err := s.Store.User(ctx, m.OrgID, m.UserID)
	if roster.ErrorCodeOf(err) == roster.ENotFound {
		return roster.Mail{}, errObsolete
	} else if err != nil {
		return roster.Mail{}, err
	}
	if u.Status != roster.UserActive {
		return roster.Mail{}, fmt.Errorf("%w: the user is no longer active", errObsolete)
	}
	base := strings.TrimRight(s.AppBaseURL, "/")
	var subject, text, link string
	switch m.Kind {
	case roster.MailExportFailed:
		link = base + "/contacts/exports/" + m.Data["exportId"]
		subject = "Your contact export could not be written"
		text = "Your contact export could not be written.\nReason: " + m.Data["reason"]
	case roster.MailExportReady:
		link = m.Data["link"]
		subject = "Your contact export is ready"
		text = fmt.Sprintf("Your contact export (%s) is ready. Download it here; the link works for %s:", m.Data["fileName"], m.Data["validFor"])
		if page := base + "/contacts/exports/" + m.Data["exportId"]; link == "" {
			link = page
		}
	default:
		imp, err := s.Store.Import(ctx, m.OrgID, m.Data["importId"])
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			return roster.Mail{}, errObsolete
		} else if err != nil {
			return roster.Mail{}, err
		}
		link = base + "/contacts/imports/" + imp.ID
		subject, text = importNotice(m.Kind, imp)
	}
	h := html.EscapeString
	body := fmt.Sprintf(`<p>Hello %s,</p><p>%s</p><p><a href="%s">%s</a></p>`,
		h(u.FirstName), strings.ReplaceAll(h(text), "\n", "<br>"), h(link), h(link))
	return roster.Mail{To: []string{u.Email}, Subject: subject, Text: fmt.Sprintf("Hello %s,\n\n%s\n\n%s\n", u.FirstName, text, link), HTML: body}, nil
}

func importNotice(kind roster.MailKind, imp roster.ContactImport) (subject, text string) {
	s := imp.Summary
	what := "import"
	if imp.Mode == roster.ImportUpdate {
		what = "update"
	}
	switch kind {
	case roster.MailImportReady:
		subject = fmt.Sprintf("Contact %s %s is ready to review", what, imp.FileName)
		text = fmt.Sprintf("%s has been checked: %s, %d new, %d updated, %d unchanged, %d with errors.\n"+
			"Review it and apply it here:", imp.FileName, plural(s.Rows, "row"), s.New, s.Updated, s.Unchanged, s.Errors)
	case roster.MailImportFailed:
		subject = fmt.Sprintf("Contact %s %s could not be used", what, imp.FileName)
		text = fmt.Sprintf("%s could not be imported, and nothing was changed.\nReason: %s", imp.FileName, imp.FailureMessage)
	default:
		p := imp.Progress
		subject = fmt.Sprintf("Contact %s %s is complete", what, imp.FileName)
		text = fmt.Sprintf("%s has been applied: %s written", imp.FileName, plural(p.Done, "contact"))
		if p.Skipped > 0 {
			text += fmt.Sprintf(", %d skipped because they changed after the review", p.Skipped)
		}
		text += "."
	}
	return subject, text
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
