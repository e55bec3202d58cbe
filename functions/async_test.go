package functions_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// templateResourceNodes is template.yaml's Resources as written, for the resources
// samtemplate does not read (queues, alarms).
func templateResourceNodes(t *testing.T, root string) map[string]yaml.Node {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Resources map[string]yaml.Node `yaml:"Resources"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Resources
}

type queueProps struct {
	Type       string `yaml:"Type"`
	Properties struct {
		SqsManagedSseEnabled   bool   `yaml:"SqsManagedSseEnabled"`
		KmsMasterKeyID         string `yaml:"KmsMasterKeyId"`
		MessageRetentionPeriod int    `yaml:"MessageRetentionPeriod"`
	} `yaml:"Properties"`
}

type alarmProps struct {
	Type       string `yaml:"Type"`
	Properties struct {
		Namespace  string `yaml:"Namespace"`
		Dimensions []struct {
			Name  string    `yaml:"Name"`
			Value yaml.Node `yaml:"Value"`
		} `yaml:"Dimensions"`
		AlarmActions []yaml.Node `yaml:"AlarmActions"`
	} `yaml:"Properties"`
}

// TestNoAsyncWorkIsLost holds issue 11: every function Lambda invokes
// asynchronously (S3 events, schedules, EventBridge rules) sends what it gives up on to an
// SQS queue, which a function consumes; every queue is encrypted, keeps
// messages 14 days and has an alarm that notifies someone.
func TestNoAsyncWorkIsLost(t *testing.T) {
	tmpl, root := loadTemplate(t)
	res := templateResourceNodes(t, root)
	queues := map[string]queueProps{}
	alarmed := map[string]bool{}
	for id, n := range res {
		var q queueProps
		if err := n.Decode(&q); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		switch q.Type {
		case "AWS::SQS::Queue":
			queues[id] = q
		case "AWS::CloudWatch::Alarm":
			var a alarmProps
			if err := n.Decode(&a); err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			for _, d := range a.Properties.Dimensions {
				if a.Properties.Namespace == "AWS/SQS" && d.Name == "QueueName" && d.Value.Tag == "!GetAtt" && len(a.Properties.AlarmActions) > 0 {
					target, _, _ := strings.Cut(d.Value.Value, ".")
					alarmed[target] = true
				}
			}
		}
	}
	consumed := map[string]bool{}
	async := 0
	for _, fn := range tmpl.Functions {
		for _, ev := range fn.SQSEvents {
			if !ev.ReportBatchItemFailures {
				t.Errorf("%s consumes %s without ReportBatchItemFailures: one bad record would fail the batch", fn.LogicalID, ev.Queue)
			}
			consumed[ev.Queue] = true
		}
		if len(fn.S3Events) == 0 && len(fn.Schedules) == 0 && len(fn.Rules) == 0 {
			continue
		}
		async++
		ei := fn.EventInvoke
		switch {
		case ei == nil || ei.OnFailure == nil:
			t.Errorf("%s is invoked asynchronously but has no EventInvokeConfig on-failure destination", fn.LogicalID)
		case ei.OnFailure.Type != "SQS" || queues[ei.OnFailure.Target].Type == "":
			t.Errorf("%s sends failures to %+v, not to an SQS queue of the template", fn.LogicalID, *ei.OnFailure)
		default:
			if !consumed[ei.OnFailure.Target] {
				defer func(q, fn string) {
					if !consumed[q] {
						t.Errorf("%s sends failures to %s, which no function consumes", fn, q)
					}
				}(ei.OnFailure.Target, fn.LogicalID)
			}
		}
	}
	if async < 9 {
		t.Errorf("found %d asynchronously invoked functions, want at least 9 (2 S3-triggered, 6 scheduled, 1 EventBridge rule)", async)
	}
	for id, q := range queues {
		if !q.Properties.SqsManagedSseEnabled && q.Properties.KmsMasterKeyID == "" {
			t.Errorf("queue %s is not encrypted", id)
		}
		if q.Properties.MessageRetentionPeriod != 14*24*3600 {
			t.Errorf("queue %s keeps messages %d s, want 14 days", id, q.Properties.MessageRetentionPeriod)
		}
		if !alarmed[id] {
			t.Errorf("queue %s has no CloudWatch alarm with an action", id)
		}
	}
}
