package api

import (
	"context"

	"github.com/roster-app/roster/internal/orgs"
	"github.com/roster-app/roster/internal/roster"
)

type textingBody struct {
	OriginationIdentity *string `json:"originationIdentity"`
	HelpText            *string `json:"helpText"`
}

func textingResponse(s roster.TextingSettings) Response {
	return Response{Body: textingBody{OriginationIdentity: &s.OriginationIdentity, HelpText: &s.HelpText},
		Headers: map[string]string{"ETag": etag(s.Version)}}
}

// GetOrgTexting is GET /org/texting.
func GetOrgTexting(s *orgs.Texting) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		t, err := s.Get(ctx, r.Caller)
		if err != nil {
			return Response{}, err
		}
		return textingResponse(t), nil
	}
}

// PutOrgTexting is PUT /org/texting with If-Match: both fields, each ""
// for the default.
func PutOrgTexting(s *orgs.Texting) Operation {
	return func(ctx context.Context, r *Request) (Response, error) {
		version, err := ifMatch(r, true)
		if err != nil {
			return Response{}, err
		}
		var in textingBody
		if err := DecodeJSON(r, &in); err != nil {
			return Response{}, err
		}
		var v roster.Validation
		if in.OriginationIdentity == nil {
			v.Add("originationIdentity", `is required: the number to text from, or "" for the deployment's default`)
		}
		if in.HelpText == nil {
			v.Add("helpText", `is required: the answer to HELP, or "" for Roster's`)
		}
		if err := v.Err(); err != nil {
			return Response{}, err
		}
		t, err := s.Put(ctx, r.Caller, roster.TextingSettings{OriginationIdentity: *in.OriginationIdentity, HelpText: *in.HelpText}, version)
		if err != nil {
			return Response{}, err
		}
		return textingResponse(t), nil
	}
}
