package orgs

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/roster-app/roster/internal/roster"
)

// TextingStore is what the organisation's texting settings need.
type TextingStore interface {
	roster.GroupLister
	TextingSettings(ctx context.Context, orgID string) (roster.TextingSettings, error)
	SetTextingSettings(ctx context.Context, orgID string, s roster.TextingSettings, prev int64, audit roster.AuditEvent) error
}

// Texting reads and sets how an organisation texts, for its administrators
// (roster.ActManageOrganisation).
type Texting struct {
	Store TextingStore
	Now   func() time.Time
}

// MaxHelpTextLength is the longest answer to HELP, in characters: two SMS
// segments.
const MaxHelpTextLength = 306

// originationIdentity is what AWS End User Messaging SMS takes as
// OriginationIdentity: a phone number (E.164), a sender id (1 to 11
// letters and digits), a phone number or pool id, or an ARN of one.
// Compiled on first use: its repeats make a 236 KB program, which compiled
// at init would cost the cold start of every function that links orgs.
var originationIdentity = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\+[1-9][0-9]{6,14}|[A-Za-z0-9]{1,11}|(phone|pool|senderid)-[A-Za-z0-9]{1,64}|arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9:/_-]{1,200})$`)
})

// ValidateTexting reports every bad field at once. Returns EInvalid.
func ValidateTexting(s roster.TextingSettings) error {
	var v roster.Validation
	if s.OriginationIdentity != "" && !originationIdentity().MatchString(s.OriginationIdentity) {
		v.Add("originationIdentity", "must be a phone number in E.164 form (+15555550123), a sender id of 1 to 11 letters and digits, a phone or pool id, or the ARN of one")
	}
	switch n := utf8.RuneCountInString(s.HelpText); {
	case !utf8.ValidString(s.HelpText):
		v.Add("helpText", "must be valid UTF-8 text")
	case n > MaxHelpTextLength:
		v.Add("helpText", fmt.Sprintf("is %d characters; the limit is %d (two text messages)", n, MaxHelpTextLength))
	case strings.ContainsFunc(s.HelpText, func(r rune) bool { return r < ' ' && r != '\n' }):
		v.Add("helpText", "must not contain control characters")
	}
	return v.Err()
}

func (s *Texting) allowed(ctx context.Context, c roster.Caller) error {
	t, err := roster.LoadGroupTree(ctx, s.Store, c.OrgID)
	if err != nil {
		return err
	}
	return roster.Require(c, t, roster.ActManageOrganisation, t.Root().ID)
}

// The settings' ETag is their stored version plus one: "v1" until first
// set (storage counts from 0), as an ETag of "v0" is not one a client may
// send back.

// Get returns the settings. Returns EForbidden.
func (s *Texting) Get(ctx context.Context, c roster.Caller) (roster.TextingSettings, error) {
	if err := s.allowed(ctx, c); err != nil {
		return roster.TextingSettings{}, err
	}
	cur, err := s.Store.TextingSettings(ctx, c.OrgID)
	cur.Version++
	return cur, err
}

// Put replaces the settings read at version ifMatch (their ETag) and audits
// the change. Returns EInvalid, EForbidden, EPreconditionFailed.
func (s *Texting) Put(ctx context.Context, c roster.Caller, next roster.TextingSettings, ifMatch int64) (roster.TextingSettings, error) {
	next.OriginationIdentity, next.HelpText = strings.TrimSpace(next.OriginationIdentity), strings.TrimSpace(next.HelpText)
	if err := ValidateTexting(next); err != nil {
		return roster.TextingSettings{}, err
	}
	if err := s.allowed(ctx, c); err != nil {
		return roster.TextingSettings{}, err
	}
	cur, err := s.Store.TextingSettings(ctx, c.OrgID)
	if err != nil {
		return roster.TextingSettings{}, err
	}
	if cur.Version+1 != ifMatch {
		return roster.TextingSettings{}, roster.WithReason(roster.EPreconditionFailed, "stale_version", "the texting settings changed since you read them; read them again and retry with the new ETag")
	}
	next.Version = cur.Version + 1
	now := s.Now()
	shown := next
	shown.Version++
	audit := roster.AuditEvent{ID: roster.NewID(now), OrgID: c.OrgID, ActorID: c.UserID, Type: "organisation.texting_changed", SubjectID: c.OrgID, At: now,
		Before: map[string]string{"originationIdentity": cur.OriginationIdentity, "helpText": cur.HelpText},
		After:  map[string]string{"originationIdentity": next.OriginationIdentity, "helpText": next.HelpText}}
	if err := s.Store.SetTextingSettings(ctx, c.OrgID, next, cur.Version, audit); err != nil {
		return roster.TextingSettings{}, err
	}
	return shown, nil
}
