package apifuzz

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
)

// gatewayAnswers are the API Gateway's own error answers, which are not
// Roster's problems: {"message": "..."} with these statuses and messages.
var gatewayAnswers = map[int]string{
	http.StatusUnauthorized:          "Unauthorized", // no Authorization header (the authorizer's identity source)
	http.StatusForbidden:             "Forbidden",    // the authorizer refused the token
	http.StatusNotFound:              "Not Found",    // no route matches
	http.StatusRequestEntityTooLarge: "Request Entity Too Large",
}

// Check judges one answer: an error says what is wrong with it.
//   - no 5xx, whoever sent it;
//   - a 4xx is either one of the gateway's own answers (gatewayAnswers) or
//     Roster's RFC 9457 problem: application/problem+json, a non-empty
//     `code`, `status` equal to the HTTP status, and each of `errors` naming
//     a field;
//   - a 2xx with a body that says it is JSON is JSON.
func Check(status int, header http.Header, body []byte) error {
	ct, _, _ := mime.ParseMediaType(header.Get("Content-Type"))
	switch {
	case status >= 500:
		return fmt.Errorf("answered %d (a 5xx on a client's input): %s", status, cut(string(body), 300))
	case status >= 400:
		var gw struct {
			Message *string `json:"message"`
		}
		if ct == "application/json" && json.Unmarshal(body, &gw) == nil && gw.Message != nil {
			if want, ok := gatewayAnswers[status]; ok && *gw.Message == want {
				return nil
			}
			return fmt.Errorf("answered %d {\"message\": %q}, which is neither a gateway answer nor a problem", status, *gw.Message)
		}
		if ct != "application/problem+json" {
			return fmt.Errorf("answered %d with Content-Type %q, want application/problem+json: %s", status, header.Get("Content-Type"), cut(string(body), 300))
		}
		var p struct {
			Code   string `json:"code"`
			Status int    `json:"status"`
			Errors []struct {
				Field   *string `json:"field"`
				Message string  `json:"message"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(body, &p); err != nil {
			return fmt.Errorf("answered %d with a problem that is not JSON (%v): %s", status, err, cut(string(body), 300))
		}
		if p.Code == "" {
			return fmt.Errorf("answered %d with a problem without a code: %s", status, cut(string(body), 300))
		}
		if p.Status != status {
			return fmt.Errorf("answered %d with a problem whose status is %d", status, p.Status)
		}
		for _, e := range p.Errors {
			if e.Field == nil || e.Message == "" {
				return fmt.Errorf("answered %d with an error without a field or message: %s", status, cut(string(body), 300))
			}
		}
	case status >= 200 && status < 300 && ct == "application/json" && len(body) > 0:
		if !json.Valid(body) {
			return fmt.Errorf("answered %d with Content-Type application/json and a body that is not JSON: %s", status, cut(string(body), 300))
		}
	}
	return nil
}
