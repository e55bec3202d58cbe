package roster

import "time"

// AuditQuery selects audit events, newest first. Zero fields do not filter.
// An event's id is made from its time (NewID(At)), so a time range is a
// range of ids.
type AuditQuery struct {
	ActorID   string // who made the change
	SubjectID string // what it was about: a user, group, contact, template…
	Type      string // "user.created", …
	From      time.Time
	To        time.Time // before
	After     string    // the cursor of the previous page
	Limit     int
}

// ConversationList says which conversations one page of the inbox reads,
// newest inbound message first.
type ConversationList struct {
	Filter ConversationFilter // FilterAll ("" too), FilterUnclaimed or FilterMine
	UserID string             // the claimer, for FilterMine
	// Groups, when not nil, are the only groups whose conversations are
	// read (one key each); nil reads the organisation's.
	Groups []string
	// Keep drops conversations read but not to be shown (outside the
	// caller's reach); nil keeps all. A page can then be short.
	Keep  func(Conversation) bool
	After string // the cursor of the previous page
	Limit int
}
