package samtemplate_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/roster-app/roster/internal/samtemplate"
)

const ruleHead = `
Resources:
  Dead:
    Type: AWS::SQS::Queue
  Bucket:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: fn/
      Events:
`

func TestEventBridgeRules(t *testing.T) {
	tests := []struct {
		name    string
		events  string
		check   func(t *testing.T, rules []samtemplate.EventRule)
		wantErr string
	}{
		{
			name: "source and detail-type patterns are read with the SAM rule name",
			events: `        Delivery:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [aws.sms-voice]
              detail-type: [Text Message Delivery Status Updated]
`,
			check: func(t *testing.T, rules []samtemplate.EventRule) {
				r := rules[0]
				if r.Name != "Delivery" || r.RuleName != "roster-local-FnDelivery" || !r.Enabled {
					t.Errorf("rule = %+v", r)
				}
				if !slices.Equal(r.Sources, []string{"aws.sms-voice"}) || !slices.Equal(r.DetailTypes, []string{"Text Message Delivery Status Updated"}) {
					t.Errorf("pattern = %v %v", r.Sources, r.DetailTypes)
				}
				if r.RetryPolicy != nil || r.DeadLetter != nil {
					t.Errorf("retry policy %+v, dead letter %+v; want none", r.RetryPolicy, r.DeadLetter)
				}
			},
		},
		{
			name: "a JSON pattern, a name, a state, a retry policy and a dead-letter queue",
			events: `        Any:
          Type: EventBridgeRule
          Properties:
            RuleName: sms-events
            State: DISABLED
            EventBusName: default
            Pattern: '{"source": ["aws.sms-voice", "aws.ses"]}'
            RetryPolicy: {MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 300}
            DeadLetterConfig: {Arn: !GetAtt Dead.Arn}
            Target: {Id: SmsTarget}
`,
			check: func(t *testing.T, rules []samtemplate.EventRule) {
				r := rules[0]
				if r.RuleName != "sms-events" || r.Enabled || r.DetailTypes != nil || len(r.Sources) != 2 {
					t.Errorf("rule = %+v", r)
				}
				if r.RetryPolicy == nil || *r.RetryPolicy != (samtemplate.EventRetryPolicy{MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 300}) {
					t.Errorf("retry policy = %+v", r.RetryPolicy)
				}
				if r.DeadLetter == nil || *r.DeadLetter != (samtemplate.Destination{Type: "SQS", Target: "Dead"}) {
					t.Errorf("dead letter = %+v", r.DeadLetter)
				}
			},
		},
		{
			name: "a dead-letter queue SAM creates, and the retry policy's defaults",
			events: `        Q:
          Type: EventBridgeRule
          Properties:
            Pattern: {detail-type: [X]}
            RetryPolicy: {MaximumRetryAttempts: 0}
            DeadLetterConfig: {Type: SQS, QueueLogicalId: RuleQueue}
`,
			check: func(t *testing.T, rules []samtemplate.EventRule) {
				r := rules[0]
				if r.RetryPolicy == nil || *r.RetryPolicy != (samtemplate.EventRetryPolicy{MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 86400}) {
					t.Errorf("retry policy = %+v", r.RetryPolicy)
				}
				if r.DeadLetter == nil || *r.DeadLetter != (samtemplate.Destination{Type: "SQS", Target: "RuleQueue"}) {
					t.Errorf("dead letter = %+v", r.DeadLetter)
				}
			},
		},
		{
			name:    "a pattern on detail is refused",
			events:  "        A: {Type: EventBridgeRule, Properties: {Pattern: {source: [aws.sms-voice], detail: {eventType: [TEXT_DELIVERED]}}}}\n",
			wantErr: `Events.A.Properties.Pattern.detail: pattern key "detail" is not supported`,
		},
		{
			name:    "a content filter is refused",
			events:  "        A: {Type: EventBridgeRule, Properties: {Pattern: {source: [{prefix: aws.}]}}}\n",
			wantErr: "only exact values are supported",
		},
		{
			name:    "a pattern value that is not a list is refused",
			events:  "        A: {Type: EventBridgeRule, Properties: {Pattern: {source: aws.sms-voice}}}\n",
			wantErr: "must be a non-empty list",
		},
		{
			name:    "a rule without a pattern is refused",
			events:  "        A: {Type: EventBridgeRule, Properties: {RuleName: x}}\n",
			wantErr: "has no Pattern",
		},
		{
			name:    "an input transformer is refused",
			events:  "        A: {Type: EventBridgeRule, Properties: {Pattern: {source: [a]}, InputPath: $.detail}}\n",
			wantErr: "InputPath is not supported",
		},
		{
			name:    "another event bus is refused",
			events:  "        A: {Type: EventBridgeRule, Properties: {Pattern: {source: [a]}, EventBusName: custom}}\n",
			wantErr: "only the default event bus",
		},
		{
			name:    "a dead-letter target must be a queue",
			events:  "        A: {Type: EventBridgeRule, Properties: {Pattern: {source: [a]}, DeadLetterConfig: {Arn: !GetAtt Bucket.Arn}}}\n",
			wantErr: "Bucket is not an AWS::SQS::Queue",
		},
		{
			name:    "too many EventBridge retries are refused",
			events:  "        A: {Type: EventBridgeRule, Properties: {Pattern: {source: [a]}, RetryPolicy: {MaximumRetryAttempts: 186}}}\n",
			wantErr: "between 0 and 185",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl, err := samtemplate.Parse([]byte(ruleHead+tt.events), samtemplate.Resolver{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, tpl.Function("Fn").Rules)
		})
	}
}

func TestEventRuleMatches(t *testing.T) {
	sms := samtemplate.EventRule{Enabled: true, Sources: []string{"aws.sms-voice"}, DetailTypes: []string{"Text Message Delivery Status Updated"}}
	anyFromSMS := samtemplate.EventRule{Enabled: true, Sources: []string{"aws.sms-voice"}}
	disabled := sms
	disabled.Enabled = false
	tests := []struct {
		name               string
		rule               samtemplate.EventRule
		source, detailType string
		want               bool
	}{
		{"both keys match", sms, "aws.sms-voice", "Text Message Delivery Status Updated", true},
		{"another detail-type", sms, "aws.sms-voice", "Voice Message Delivery Status Updated", false},
		{"another source", sms, "aws.ses", "Text Message Delivery Status Updated", false},
		{"values are case-sensitive", sms, "AWS.SMS-VOICE", "Text Message Delivery Status Updated", false},
		{"a key left out matches any value", anyFromSMS, "aws.sms-voice", "Registration Status Change", true},
		{"a disabled rule matches nothing", disabled, "aws.sms-voice", "Text Message Delivery Status Updated", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rule.Matches(tt.source, tt.detailType); got != tt.want {
				t.Errorf("Matches = %v, want %v", got, tt.want)
			}
		})
	}
}
