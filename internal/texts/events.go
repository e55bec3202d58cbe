package texts

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/roster-app/roster/internal/roster"
)

// EventSource and EventDetailType select AWS End User Messaging SMS's
// delivery events on EventBridge's default bus (template.yaml's rule).
const (
	EventSource     = "aws.sms-voice"
	EventDetailType = "Text Message Delivery Status Updated"
)

// eventDetail is the part of the event's detail Roster reads.
type eventDetail struct {
	EventType                string            `json:"eventType"`
	EventTimestamp           int64             `json:"eventTimestamp"` // unix milliseconds
	MessageID                string            `json:"messageId"`
	MessageStatusDescription string            `json:"messageStatusDescription"`
	Context                  map[string]string `json:"context"`
}

// ParseEvent reads the detail of a delivery event. The context Roster sent
// with the text (Sender.deliver) names it; an event without one is for a
// text Roster did not send and has an empty Ref.
func ParseEvent(detail []byte) (roster.TextEvent, error) {
	var d eventDetail
	if err := json.Unmarshal(detail, &d); err != nil {
		return roster.TextEvent{}, fmt.Errorf("decode delivery event: %w", err)
	}
	at := time.UnixMilli(d.EventTimestamp).UTC()
	if d.EventTimestamp == 0 {
		at = time.Now().UTC()
	}
	return roster.TextEvent{
		Type: d.EventType, ProviderID: d.MessageID, Description: d.MessageStatusDescription, At: at,
		Ref: roster.TextRef{OrgID: d.Context["orgId"], ConversationID: d.Context["conversationId"], ID: d.Context["textId"]},
	}, nil
}
