package local

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// createDemoOrg creates the demo organisation and its administrator by
// calling the real API through the stack's own gateway, so that what a
// developer signs in to was made by the same code as in production.
func (s *Stack) createDemoOrg(ctx context.Context) error {
	body, err := json.Marshal(map[string]any{
		"name":          "Demo Company",
		"defaultRegion": "US",
		"timeZone":      "America/Chicago",
		"admin": map[string]string{
			"email":     s.state.AdminEmail,
			"firstName": "Demo",
			"lastName":  "Admin",
			"password":  s.state.AdminPassword,
		},
	})
	if err != nil {
		return fmt.Errorf("create demo organisation: %w", err)
	}
	// Generous: the first call is a cold start and hashes a password.
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url+"/orgs", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("create demo organisation: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Operator-Key", s.state.OperatorKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("create demo organisation: POST /orgs: %w", err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode != http.StatusCreated {
		logFile := "the function logs"
		for _, fr := range s.tpl.Routes() {
			if fr.Route.Key() == "POST /orgs" {
				logFile = s.path("logs", fr.Function.LogicalID+".log")
			}
		}
		return fmt.Errorf("create demo organisation: POST /orgs answered %d, want 201: %s (see %s)",
			resp.StatusCode, strings.TrimSpace(string(answer)), logFile)
	}

	s.state.DemoOrgCreated = true
	if err := s.state.save(s.path("local.json")); err != nil {
		return err
	}
	// Save now rather than in up to ten seconds: local.json already says
	// the organisation exists.
	if err := s.dynamo.Save(s.path(dynamoSnapshotFile)); err != nil {
		return fmt.Errorf("save DynamoDB snapshot: %w", err)
	}
	s.log.Printf("created the demo organisation with administrator %s", s.state.AdminEmail)
	return nil
}
