package samtemplate

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// EventRule is an EventBridgeRule event: events on the default event bus
// that match the rule's pattern invoke the function asynchronously.
//
// Only patterns on source and detail-type, each a list of exact values,
// are read (what a subscription to an AWS service's events needs, such as
// {source: [aws.sms-voice], detail-type: [Text Message Delivery Status
// Updated]}); other pattern keys and content filters are refused, and so
// are Input, InputPath and InputTransformer, which would change the event
// the function gets, and buses other than the default one.
type EventRule struct {
	Name string
	// RuleName is the rule's RuleName, or the name SAM generates when none
	// is set.
	RuleName string
	// Sources and DetailTypes are the pattern's source and detail-type
	// lists; nil when the pattern leaves the key out (any value matches).
	Sources     []string
	DetailTypes []string
	// Enabled is false for State: DISABLED.
	Enabled bool
	// RetryPolicy and DeadLetter are EventBridge's own retries and
	// dead-letter queue for events it fails to hand to Lambda (a missing
	// function, missing permission). Errors of the function itself follow
	// its EventInvokeConfig, as for every asynchronous invocation. Nil when
	// not set.
	RetryPolicy *EventRetryPolicy
	DeadLetter  *Destination
}

// EventRetryPolicy is an EventBridgeRule's RetryPolicy.
type EventRetryPolicy struct {
	MaximumRetryAttempts     int // 0-185
	MaximumEventAgeInSeconds int // 60-86400
}

// Matches reports whether an event with this source and detail-type
// matches the rule: each pattern key the rule has must list the event's
// value exactly. A disabled rule matches nothing.
func (r EventRule) Matches(source, detailType string) bool {
	if !r.Enabled {
		return false
	}
	if r.Sources != nil && !slices.Contains(r.Sources, source) {
		return false
	}
	return r.DetailTypes == nil || slices.Contains(r.DetailTypes, detailType)
}

// eventRuleRefused are EventBridgeRule properties that would change what
// the function gets; they are refused rather than ignored.
var eventRuleRefused = map[string]string{
	"Input":            "the local stack delivers the matched event itself",
	"InputPath":        "the local stack delivers the matched event itself",
	"InputTransformer": "the local stack delivers the matched event itself",
}

func (t *Template) readEventRule(fn *Function, name string, props *yaml.Node, path string) (EventRule, error) {
	s := t.scope
	rule := EventRule{Name: name, Enabled: true}
	for _, p := range pairs(props) {
		if why, ok := eventRuleRefused[p.Key]; ok {
			return rule, errorAt(p.Value, path+"."+p.Key, "%s is not supported by samtemplate: %s", p.Key, why)
		}
	}
	var err error
	if rule.RuleName, err = s.str(field(props, "RuleName"), path+".RuleName"); err != nil {
		return rule, err
	}
	if rule.RuleName == "" {
		rule.RuleName = t.Resolver.StackName + "-" + fn.LogicalID + name
	}
	if bus := field(props, "EventBusName"); bus != nil {
		v, err := s.str(bus, path+".EventBusName")
		if err != nil {
			return rule, err
		}
		if v != "default" {
			return rule, errorAt(bus, path+".EventBusName", "only the default event bus is supported by samtemplate, got %q", v)
		}
	}
	if n := field(props, "State"); n != nil {
		v, err := s.str(n, path+".State")
		if err != nil {
			return rule, err
		}
		switch strings.ToUpper(v) {
		case "ENABLED":
		case "DISABLED":
			rule.Enabled = false
		default:
			return rule, errorAt(n, path+".State", "must be ENABLED or DISABLED, got %q", v)
		}
	}
	pattern := field(props, "Pattern")
	if pattern == nil {
		return rule, errorAt(props, path, "EventBridgeRule event has no Pattern")
	}
	if rule.Sources, rule.DetailTypes, err = t.readEventPattern(pattern, path+".Pattern"); err != nil {
		return rule, err
	}
	if n := field(props, "RetryPolicy"); n != nil {
		rp := &EventRetryPolicy{MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400}
		if v := field(n, "MaximumRetryAttempts"); v != nil {
			if rp.MaximumRetryAttempts, err = t.intValue(v, path+".RetryPolicy.MaximumRetryAttempts"); err != nil {
				return rule, err
			}
			if rp.MaximumRetryAttempts < 0 || rp.MaximumRetryAttempts > 185 {
				return rule, errorAt(v, path+".RetryPolicy.MaximumRetryAttempts", "must be between 0 and 185")
			}
		}
		if v := field(n, "MaximumEventAgeInSeconds"); v != nil {
			if rp.MaximumEventAgeInSeconds, err = t.intValue(v, path+".RetryPolicy.MaximumEventAgeInSeconds"); err != nil {
				return rule, err
			}
			if rp.MaximumEventAgeInSeconds < 60 || rp.MaximumEventAgeInSeconds > 86400 {
				return rule, errorAt(v, path+".RetryPolicy.MaximumEventAgeInSeconds", "must be between 60 and 86400")
			}
		}
		rule.RetryPolicy = rp
	}
	if n := field(props, "DeadLetterConfig"); n != nil {
		if rule.DeadLetter, err = t.readRuleDeadLetter(n, path+".DeadLetterConfig"); err != nil {
			return rule, err
		}
	}
	return rule, nil
}

// readEventPattern reads a pattern of exact source and detail-type values,
// written as a mapping or as a JSON string.
func (t *Template) readEventPattern(n *yaml.Node, path string) (sources, detailTypes []string, err error) {
	v, err := t.scope.value(n, path)
	if err != nil {
		return nil, nil, err
	}
	if text, ok := v.(string); ok {
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			return nil, nil, errorAt(n, path, "is neither a mapping nor a JSON object: %v", err)
		}
	}
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return nil, nil, errorAt(n, path, "must be a non-empty mapping such as {source: [aws.sms-voice], detail-type: [...]}")
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k != "source" && k != "detail-type" {
			return nil, nil, errorAt(n, path+"."+k, "pattern key %q is not supported by samtemplate (only source and detail-type, with exact values)", k)
		}
		list, ok := m[k].([]any)
		if !ok || len(list) == 0 {
			return nil, nil, errorAt(n, path+"."+k, "must be a non-empty list of values, as EventBridge requires")
		}
		values := make([]string, 0, len(list))
		for _, item := range list {
			str, ok := item.(string)
			if !ok {
				return nil, nil, errorAt(n, path+"."+k, "%v: only exact values are supported by samtemplate, not content filters", item)
			}
			values = append(values, str)
		}
		if k == "source" {
			sources = values
		} else {
			detailTypes = values
		}
	}
	return sources, detailTypes, nil
}

// readRuleDeadLetter reads DeadLetterConfig: Arn (a !GetAtt of a queue of
// the template, or an ARN outside it), or Type SQS with an optional
// QueueLogicalId for the queue SAM creates.
func (t *Template) readRuleDeadLetter(n *yaml.Node, path string) (*Destination, error) {
	arn, typ := field(n, "Arn"), field(n, "Type")
	switch {
	case arn != nil && typ != nil:
		return nil, errorAt(n, path, "set Arn or Type, not both")
	case arn != nil:
		d := &Destination{Type: "SQS"}
		if deref(arn).Tag == "!GetAtt" {
			target, err := resourceTarget(arn, path+".Arn")
			if err != nil {
				return nil, err
			}
			if res, ok := t.scope.resources[target]; !ok || res.Type != "AWS::SQS::Queue" {
				return nil, errorAt(arn, path+".Arn", "%s is not an AWS::SQS::Queue of this template", target)
			}
			d.Target = target
		} else if _, err := t.scope.str(arn, path+".Arn"); err != nil {
			return nil, err
		}
		return d, nil
	case typ != nil:
		v, err := literal(typ, path+".Type")
		if err != nil {
			return nil, err
		}
		if v != "SQS" {
			return nil, errorAt(typ, path+".Type", "must be SQS, got %q", v)
		}
		id, err := literal(field(n, "QueueLogicalId"), path+".QueueLogicalId")
		if err != nil {
			return nil, err
		}
		return &Destination{Type: "SQS", Target: id}, nil
	}
	return nil, errorAt(n, path, "DeadLetterConfig needs Arn or Type")
}
