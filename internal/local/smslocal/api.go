package smslocal

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// targetPrefix is the X-Amz-Target prefix of the pinpointsmsvoicev2 API
// (its serializers set "PinpointSMSVoiceV2.<Operation>").
const targetPrefix = "PinpointSMSVoiceV2."

// APIHandler returns the SendTextMessage endpoint. The request path is
// ignored, so it works behind http.StripPrefix or at the root.
func (s *Server) APIHandler() http.Handler {
	return http.HandlerFunc(s.serveAPI)
}

// apiError is an error in the shape the AWS JSON 1.0 protocol gives it:
// the code in X-Amzn-ErrorType and "__type", the message, and the
// exception's own members (Reason, Fields, ResourceType, ...).
type apiError struct {
	status  int
	code    string
	message string
	members map[string]any
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

type fieldError struct {
	Name    string `json:"Name"`
	Message string `json:"Message"`
}

func validation(reason string, fields ...fieldError) *apiError {
	msgs := make([]string, len(fields))
	for i, f := range fields {
		msgs[i] = f.Name + ": " + f.Message
	}
	return &apiError{http.StatusBadRequest, "ValidationException", strings.Join(msgs, "; "),
		map[string]any{"Reason": reason, "Fields": fields}}
}

// sendTextInput is the SendTextMessage request, by its member names.
type sendTextInput struct {
	DestinationPhoneNumber *string
	OriginationIdentity    *string
	MessageBody            *string
	MessageType            string
	ConfigurationSetName   string
	Context                map[string]string
	DryRun                 bool
}

// Limits of the SendTextMessage request (the API's model).
const (
	maxBodyLength    = 1600
	maxContextItems  = 5
	maxContextKey    = 100
	maxContextValue  = 800
	maxIdentityChars = 256
)

var (
	identityPattern = regexp.MustCompile(`^[A-Za-z0-9_:/+-]+$`)
	namePattern     = regexp.MustCompile(`^[A-Za-z0-9_:/-]+$`)
)

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	requestID := NewID()
	w.Header().Set("X-Amzn-RequestId", requestID)
	if r.Method != http.MethodPost {
		writeAPIError(w, &apiError{http.StatusMethodNotAllowed, "UnknownOperationException", "requests must be POSTed", nil})
		return
	}
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	if !ok || op != "SendTextMessage" {
		writeAPIError(w, &apiError{http.StatusBadRequest, "UnknownOperationException",
			fmt.Sprintf("operation %q is not emulated by the local stack; only %sSendTextMessage is", r.Header.Get("X-Amz-Target"), targetPrefix), nil})
		return
	}
	var in sendTextInput
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
	if err := dec.Decode(&in); err != nil {
		writeAPIError(w, &apiError{http.StatusBadRequest, "SerializationException", "cannot read the request body: " + err.Error(), nil})
		return
	}
	t, err := s.sendText(in)
	if err != nil {
		writeAPIError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	_ = json.NewEncoder(w).Encode(map[string]string{"MessageId": t.ID})
}

// sendText validates a request as AWS does, applies an injected failure,
// and accepts the text.
func (s *Server) sendText(in sendTextInput) (Text, error) {
	if err := validate(in); err != nil {
		return Text{}, err
	}
	to := *in.DestinationPhoneNumber
	if in.DryRun {
		return Text{ID: NewID()}, nil
	}
	unreachable := false
	switch s.takeFailure(to) {
	case ModeThrottle:
		return Text{}, &apiError{http.StatusBadRequest, "ThrottlingException", "Rate exceeded (emulated for " + to + ")", nil}
	case ModeError:
		return Text{}, &apiError{http.StatusInternalServerError, "InternalServerException", "Internal service error (emulated for " + to + ")",
			map[string]any{"RequestId": NewID()}}
	case ModeOptedOut:
		return Text{}, &apiError{http.StatusBadRequest, "ConflictException", "The destination phone number " + to + " is opted out (emulated)",
			map[string]any{"Reason": "DESTINATION_PHONE_NUMBER_OPTED_OUT", "ResourceType": "opted-out-number", "ResourceId": to}}
	case ModeUndeliverable:
		unreachable = true
	}
	messageType := in.MessageType
	if messageType == "" {
		messageType = "TRANSACTIONAL"
	}
	t, err := s.accept(Text{
		From: *in.OriginationIdentity, To: to, Body: *in.MessageBody, Context: in.Context,
		ConfigurationSet: in.ConfigurationSetName, MessageType: messageType,
	}, unreachable)
	if err != nil {
		return Text{}, &apiError{http.StatusInternalServerError, "InternalServerException", err.Error(), nil}
	}
	return t, nil
}

// validate applies the checks AWS makes before accepting a text. Unlike the
// API's model, which lets AWS choose an origination identity, the emulator
// requires OriginationIdentity and MessageBody: Roster always sends both,
// and a text without them is a bug to be seen locally.
func validate(in sendTextInput) error {
	var missing []fieldError
	if in.DestinationPhoneNumber == nil || *in.DestinationPhoneNumber == "" {
		missing = append(missing, fieldError{"DestinationPhoneNumber", "is required"})
	}
	if in.OriginationIdentity == nil || *in.OriginationIdentity == "" {
		missing = append(missing, fieldError{"OriginationIdentity", "is required"})
	}
	if in.MessageBody == nil || *in.MessageBody == "" {
		missing = append(missing, fieldError{"MessageBody", "is required"})
	}
	if len(missing) > 0 {
		return validation("MISSING_PARAMETER", missing...)
	}
	var invalid []fieldError
	if !ValidNumber(*in.DestinationPhoneNumber) {
		invalid = append(invalid, fieldError{"DestinationPhoneNumber", fmt.Sprintf("%q is not an E.164 phone number like +15555550123", *in.DestinationPhoneNumber)})
	}
	if id := *in.OriginationIdentity; len(id) > maxIdentityChars || !identityPattern.MatchString(id) {
		invalid = append(invalid, fieldError{"OriginationIdentity", fmt.Sprintf("%q is not a phone number, sender id, pool id or ARN", id)})
	}
	if n := utf8.RuneCountInString(*in.MessageBody); n > maxBodyLength {
		invalid = append(invalid, fieldError{"MessageBody", fmt.Sprintf("has %d characters; at most %d are allowed", n, maxBodyLength)})
	}
	switch in.MessageType {
	case "", "TRANSACTIONAL", "PROMOTIONAL":
	default:
		invalid = append(invalid, fieldError{"MessageType", fmt.Sprintf("%q is neither TRANSACTIONAL nor PROMOTIONAL", in.MessageType)})
	}
	if c := in.ConfigurationSetName; c != "" && (len(c) > maxIdentityChars || !namePattern.MatchString(c)) {
		invalid = append(invalid, fieldError{"ConfigurationSetName", fmt.Sprintf("%q is not a configuration set name or ARN", c)})
	}
	if len(in.Context) > maxContextItems {
		invalid = append(invalid, fieldError{"Context", fmt.Sprintf("has %d entries; at most %d are allowed", len(in.Context), maxContextItems)})
	}
	for _, k := range slices.Sorted(maps.Keys(in.Context)) {
		v := in.Context[k]
		if k == "" || utf8.RuneCountInString(k) > maxContextKey || strings.IndexFunc(k, unicode.IsSpace) >= 0 {
			invalid = append(invalid, fieldError{"Context", fmt.Sprintf("key %q must be 1 to %d characters without spaces", k, maxContextKey)})
		}
		if v == "" || utf8.RuneCountInString(v) > maxContextValue || strings.TrimSpace(v) != v {
			invalid = append(invalid, fieldError{"Context", fmt.Sprintf("value of %q must be 1 to %d characters, not starting or ending with a space", k, maxContextValue)})
		}
	}
	if len(invalid) > 0 {
		return validation("FIELD_VALIDATION_FAILED", invalid...)
	}
	return nil
}

func writeAPIError(w http.ResponseWriter, err error) {
	e, ok := err.(*apiError)
	if !ok {
		e = &apiError{http.StatusInternalServerError, "InternalServerException", err.Error(), nil}
	}
	body := map[string]any{"__type": e.code, "message": e.message}
	for k, v := range e.members {
		body[k] = v
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.Header().Set("X-Amzn-ErrorType", e.code)
	w.WriteHeader(e.status)
	_ = json.NewEncoder(w).Encode(body)
}
