package roster

import (
	"strings"
	"time"
)

// OutboundText is a text message to a contact, queued for the messaging
// provider. Roster has no provider yet: texts wait in the table.
type OutboundText struct {
	ID        string // deterministic for texts that must go out once, e.g. "welcome-<contact id>"
	OrgID     string
	ContactID string
	To        string // E.164
	Kind      string // "welcome"
	Body      string
	CreatedAt time.Time
}

// WelcomeText is the text a new contact who opted in gets when an import
// asks for it: one per contact, however often the import is retried.
func WelcomeText(org Organisation, c Contact, now time.Time) OutboundText {
	name := strings.TrimSpace(c.FirstName)
	return OutboundText{
		ID: "welcome-" + c.ID, OrgID: c.OrgID, ContactID: c.ID, To: c.Phone, Kind: "welcome", CreatedAt: now,
		Body: "Hi " + name + ", welcome to " + org.Name + "! You can text us at this number. Reply STOP to opt out.",
	}
}
