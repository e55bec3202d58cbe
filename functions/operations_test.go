package functions_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// rawResources are template.yaml's resources as written: Type and the
// Properties node, for properties the samtemplate reader has no use for.
func rawResources(t *testing.T, root string) (map[string]rawResource, map[string]*yaml.Node) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	top := doc.Content[0]
	params := map[string]*yaml.Node{}
	if ps := prop(top, "Parameters"); ps != nil {
		for i := 0; i+1 < len(ps.Content); i += 2 {
			params[ps.Content[i].Value] = ps.Content[i+1]
		}
	}
	resources := map[string]rawResource{}
	rs := prop(top, "Resources")
	for i := 0; rs != nil && i+1 < len(rs.Content); i += 2 {
		r := rs.Content[i+1]
		typ := ""
		if n := prop(r, "Type"); n != nil {
			typ = n.Value
		}
		resources[rs.Content[i].Value] = rawResource{Type: typ, Properties: prop(r, "Properties")}
	}
	return resources, params
}

type rawResource struct {
	Type       string
	Properties *yaml.Node
}

// prop is the value of a key of a mapping node, or nil.
func prop(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// TestEveryFunctionLogsToAGroupThatExpires: Lambda's own log groups never
// expire; each function logs to a group of the stack, named as Lambda would
// name it, kept LogRetentionDays.
func TestEveryFunctionLogsToAGroupThatExpires(t *testing.T) {
	tmpl, root := loadTemplate(t)
	resources, params := rawResources(t, root)
	if p := params["LogRetentionDays"]; p == nil || prop(p, "Type") == nil || prop(p, "Type").Value != "Number" {
		t.Fatal("template.yaml has no Number parameter LogRetentionDays")
	}
	used := map[string]bool{}
	for _, fn := range tmpl.Functions {
		props := resources[fn.LogicalID].Properties
		group := prop(prop(props, "LoggingConfig"), "LogGroup")
		if group == nil || group.Tag != "!Ref" {
			t.Errorf("%s: add LoggingConfig: {LogGroup: !Ref %sLogs} and an AWS::Logs::LogGroup %sLogs", fn.LogicalID, fn.LogicalID, fn.LogicalID)
			continue
		}
		used[group.Value] = true
		lg, ok := resources[group.Value]
		if !ok || lg.Type != "AWS::Logs::LogGroup" {
			t.Errorf("%s: LoggingConfig.LogGroup %s is not an AWS::Logs::LogGroup of the template", fn.LogicalID, group.Value)
			continue
		}
		if name, want := prop(lg.Properties, "LogGroupName"), "/aws/lambda/${AWS::StackName}-"+fn.LogicalID; name == nil || name.Tag != "!Sub" || name.Value != want {
			t.Errorf("%s: log group %s must be named !Sub %q", fn.LogicalID, group.Value, want)
		}
		if r := prop(lg.Properties, "RetentionInDays"); r == nil || r.Tag != "!Ref" || r.Value != "LogRetentionDays" {
			t.Errorf("%s: log group %s must have RetentionInDays: !Ref LogRetentionDays", fn.LogicalID, group.Value)
		}
	}
	for id, r := range resources {
		if r.Type == "AWS::Logs::LogGroup" && !used[id] {
			t.Errorf("log group %s belongs to no function", id)
		}
	}
}

// TestSelfTriggeringFunctionsAllowTheirLoop: a function that writes where
// its own S3 events listen starts itself again; Lambda stops such a chain
// after about 16 hops unless RecursiveLoop is Allow. Nothing else may allow
// loops.
func TestSelfTriggeringFunctionsAllowTheirLoop(t *testing.T) {
	tmpl, root := loadTemplate(t)
	resources, _ := rawResources(t, root)
	for _, fn := range tmpl.Functions {
		var loops []string
		for bucket, prefixes := range s3Keys[fn.LogicalID]["s3:PutObject"] {
			for _, ev := range fn.S3Events {
				for _, p := range prefixes {
					if ev.Bucket == bucket && (strings.HasPrefix(p, ev.Prefix) || strings.HasPrefix(ev.Prefix, p)) {
						loops = append(loops, fmt.Sprintf("writes %s%s, which its event %s listens to", bucket+"/", p, ev.Name))
					}
				}
			}
		}
		allow := prop(resources[fn.LogicalID].Properties, "RecursiveLoop")
		switch {
		case len(loops) > 0 && (allow == nil || allow.Value != "Allow"):
			t.Errorf("%s %s: set RecursiveLoop: Allow (with why), or hand over another way", fn.LogicalID, strings.Join(loops, "; "))
		case len(loops) == 0 && allow != nil && allow.Value == "Allow":
			t.Errorf("%s: RecursiveLoop: Allow, but it does not write where its own S3 events listen; remove it", fn.LogicalID)
		}
	}
}

// TestSchedulesDoNotOverlap: a scheduled function whose timeout is not
// shorter than its schedule's period may still be running when the next
// run starts; it must be limited to one run at a time.
func TestSchedulesDoNotOverlap(t *testing.T) {
	tmpl, root := loadTemplate(t)
	resources, _ := rawResources(t, root)
	for _, fn := range tmpl.Functions {
		for _, s := range fn.Schedules {
			period, err := shortestPeriod(s.Expression)
			if err != nil {
				t.Errorf("%s: %v", fn.LogicalID, err)
				continue
			}
			if fn.Timeout < period {
				continue
			}
			rc := prop(resources[fn.LogicalID].Properties, "ReservedConcurrentExecutions")
			if rc == nil || rc.Value != "1" {
				t.Errorf("%s: timeout %s is not shorter than its schedule %s; set ReservedConcurrentExecutions: 1 or a Timeout under %s",
					fn.LogicalID, fn.Timeout, s.Expression, period)
			}
		}
	}
}

// shortestPeriod is the interval of a rate() expression, or the shortest
// a cron() expression can have: a minute unless its minute field is one
// number (an hour), and a day when its hour field is one number too.
func shortestPeriod(expr string) (time.Duration, error) {
	switch {
	case strings.HasPrefix(expr, "rate(") && strings.HasSuffix(expr, ")"):
		n, unit, _ := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(expr, "rate("), ")"), " ")
		v, err := strconv.Atoi(n)
		if err != nil || v < 1 {
			return 0, fmt.Errorf("schedule %s: bad rate", expr)
		}
		units := map[string]time.Duration{"minute": time.Minute, "minutes": time.Minute, "hour": time.Hour, "hours": time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour}
		u, ok := units[unit]
		if !ok {
			return 0, fmt.Errorf("schedule %s: unknown unit %q", expr, unit)
		}
		return time.Duration(v) * u, nil
	case strings.HasPrefix(expr, "cron(") && strings.HasSuffix(expr, ")"):
		fields := strings.Fields(strings.TrimSuffix(strings.TrimPrefix(expr, "cron("), ")"))
		if len(fields) != 6 {
			return 0, fmt.Errorf("schedule %s: a cron expression has 6 fields", expr)
		}
		single := func(f string) bool { _, err := strconv.Atoi(f); return err == nil }
		switch {
		case single(fields[0]) && single(fields[1]):
			return 24 * time.Hour, nil
		case single(fields[0]):
			return time.Hour, nil
		}
		return time.Minute, nil
	}
	return 0, fmt.Errorf("schedule %s is neither rate() nor cron()", expr)
}
