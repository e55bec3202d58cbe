package conversations

import (
	"context"
	"log/slog"

	"github.com/roster-app/roster/internal/roster"
	"github.com/roster-app/roster/internal/texts"
)

// send hands a queued text to the sender, if there is one. A text it could
// not send stays queued for the SendTexts schedule, so an error here is
// logged, not returned: the write that queued the text has succeeded.
func (s *Service) send(ctx context.Context, ref roster.TextRef) texts.Result {
	if s.Texts == nil {
		return texts.Result{}
	}
	r, err := s.Texts.Deliver(ctx, ref)
	if err != nil {
		s.log().WarnContext(ctx, "text left to the schedule", "orgId", ref.OrgID, "textId", ref.ID, "err", err)
	}
	return r
}

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

// answerKeyword does what an inbound text's keyword asks (roster.KeywordOf):
// STOP and its synonyms opt the number out of the organisation's texts and
// confirm it once; START opts it back in and confirms; HELP answers with
// the organisation's help text. The answer's id comes from the inbound
// message's, so a webhook delivered again answers nothing twice. Returns
// storage errors only.
func (s *Service) answerKeyword(ctx context.Context, orgID, contactID string, msg roster.Message) error {
	kw := roster.KeywordOf(msg.Body)
	if kw == roster.NoKeyword {
		return nil
	}
	org, err := s.Store.Organisation(ctx, orgID)
	if err != nil {
		return err
	}
	now := s.now()
	text := func(kind roster.TextKind, body string) roster.OutboundText {
		return roster.OutboundText{ID: string(kind) + "-" + msg.ID, OrgID: orgID, ContactID: contactID, To: msg.From, Kind: kind, Body: body,
			CreatedAt: now, Status: roster.TextQueued, StatusAt: now, NextAttemptAt: now}
	}
	var t roster.OutboundText
	switch kw {
	case roster.KeywordOptOut:
		t = text(roster.TextOptOutReply, roster.OptOutConfirmation(org))
		err := s.Store.SetOptOut(ctx, roster.OptOut{OrgID: orgID, Phone: msg.From, At: now, MessageID: msg.ID}, &t)
		if roster.ReasonOf(err) == "opted_out" {
			return nil // already out: confirmed once, when it opted out
		} else if err != nil {
			return err
		}
	case roster.KeywordOptIn:
		t = text(roster.TextOptInReply, roster.OptInConfirmation(org))
		err := s.Store.ClearOptOut(ctx, orgID, msg.From, &t)
		if roster.ErrorCodeOf(err) == roster.ENotFound {
			return nil // was not out
		} else if err != nil {
			return err
		}
	case roster.KeywordHelp:
		settings, err := s.Store.TextingSettings(ctx, orgID)
		if err != nil && roster.ErrorCodeOf(err) != roster.ENotFound {
			return err
		}
		t = text(roster.TextHelpReply, roster.HelpTextFor(settings, org))
		if err := s.Store.QueueTexts(ctx, []roster.OutboundText{t}); err != nil {
			return err
		}
	}
	s.send(ctx, t.Ref())
	return nil
}
