package samtemplate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Function is an AWS::Serverless::Function with Globals.Function merged in.
type Function struct {
	LogicalID string
	// Name is the deployed function name: FunctionName, or a predictable
	// "<stack>-<LogicalID>" where CloudFormation would add a random suffix.
	Name string
	// CodeURI is the folder the function is built from, relative to the template.
	CodeURI       string
	Handler       string
	Runtime       string
	Architectures []string
	Timeout       time.Duration
	MemorySize    int
	// LogFormat and LogLevel come from LoggingConfig (LogFormat and
	// ApplicationLogLevel); Lambda hands them to the runtime.
	LogFormat string
	LogLevel  string
	// Env is Environment.Variables with intrinsics resolved.
	Env map[string]string
	// RawEnv is Environment.Variables as written, for tests that check which
	// resource a variable refers to.
	RawEnv map[string]*yaml.Node
	// Policies is the Policies property as written.
	Policies *yaml.Node

	Routes    []Route
	S3Events  []S3Event
	Schedules []Schedule
	SQSEvents []SQSEvent
	// Rules are the EventBridgeRule events (eventrule.go).
	Rules []EventRule

	// EventInvoke is EventInvokeConfig: what Lambda does with an
	// asynchronous invocation (S3 and schedule events) that fails. Nil when
	// the function does not set it.
	EventInvoke *EventInvoke
}

// EventInvoke is a function's EventInvokeConfig.
type EventInvoke struct {
	// MaximumRetryAttempts is how often Lambda retries a failed event (0-2;
	// 2 when not set).
	MaximumRetryAttempts int
	// OnFailure is where Lambda sends the invocation record once it gives up.
	OnFailure *Destination
}

// Destination is an EventInvokeConfig destination.
type Destination struct {
	Type string // SQS, SNS, S3, Lambda or EventBridge
	// Target is the logical id of the template resource Destination names
	// with !GetAtt or !Ref ("" for an ARN outside the template).
	Target string
}

// SQSEvent is an SQS event source: the function consumes Queue.
type SQSEvent struct {
	Name string
	// Queue is the logical id of the AWS::SQS::Queue.
	Queue                   string
	BatchSize               int
	ReportBatchItemFailures bool
}

// Route is an HttpApi event.
type Route struct {
	EventName string
	// Method is upper case; "ANY" matches every method.
	Method string
	// Path is the route path ("/orgs/{orgId}"), or "$default" for the catch-all.
	Path string
	// AuthNone is set for Auth: {Authorizer: NONE}: the route is public even
	// when the API has a DefaultAuthorizer.
	AuthNone bool
	// Authorizer names an authorizer chosen for this route; empty means the
	// API's DefaultAuthorizer.
	Authorizer string
	// APIID is the logical id the event's ApiId refers to ("" when absent).
	APIID string
	// IntegrationTimeout is TimeoutInMillis: how long API Gateway waits for
	// the function (30 s unless set).
	IntegrationTimeout time.Duration
}

// Key is the route key API Gateway uses: "GET /me", or "$default".
func (r Route) Key() string {
	if r.Path == "$default" {
		return "$default"
	}
	return r.Method + " " + r.Path
}

// S3Event is an S3 event: objects landing in Bucket invoke the function.
type S3Event struct {
	Name string
	// Bucket is the logical id of the AWS::S3::Bucket.
	Bucket string
	// Events are S3 event types such as "s3:ObjectCreated:*".
	Events []string
	Prefix string
	Suffix string
}

// Schedule is a Schedule (EventBridge rule) event.
type Schedule struct {
	Name string
	// RuleName is the rule's Name, or the name SAM generates when none is set.
	RuleName string
	// Expression is "rate(...)" or "cron(...)".
	Expression string
	Enabled    bool
	// Input, when set, is the JSON EventBridge sends instead of the event.
	Input       string
	Description string
}

// Lambda's defaults when neither the function nor Globals set a value.
const (
	defaultTimeout            = 3 * time.Second
	defaultMemorySize         = 128
	defaultIntegrationTimeout = 30 * time.Second
)

func (t *Template) readFunction(id string, props *yaml.Node) (*Function, error) {
	base := "Resources." + id + ".Properties"
	s := t.scope
	fn := &Function{LogicalID: id, Timeout: defaultTimeout, MemorySize: defaultMemorySize, Env: map[string]string{}, RawEnv: map[string]*yaml.Node{}}
	var err error
	if fn.Name, err = s.physicalName(id); err != nil {
		return nil, fmt.Errorf("%s: %w", base, err)
	}
	for _, unsupported := range []string{"InlineCode", "ImageUri"} {
		if field(props, unsupported) != nil {
			return nil, errorAt(field(props, unsupported), base+"."+unsupported, "only functions built from a CodeUri folder are supported")
		}
	}
	code := field(props, "CodeUri")
	if code == nil {
		return nil, errorAt(props, base, "function has no CodeUri")
	}
	if code.Kind != yaml.ScalarNode {
		return nil, errorAt(code, base+".CodeUri", "must be a local folder, not an S3 location")
	}
	if fn.CodeURI, err = s.str(code, base+".CodeUri"); err != nil {
		return nil, err
	}
	if fn.Handler, err = s.str(field(props, "Handler"), base+".Handler"); err != nil {
		return nil, err
	}
	if fn.Runtime, err = s.str(field(props, "Runtime"), base+".Runtime"); err != nil {
		return nil, err
	}
	if archs := field(props, "Architectures"); archs != nil {
		v, err := s.value(archs, base+".Architectures")
		if err != nil {
			return nil, err
		}
		if fn.Architectures, err = stringList(v); err != nil {
			return nil, errorAt(archs, base+".Architectures", "%w", err)
		}
	}
	if n := field(props, "Timeout"); n != nil {
		secs, err := t.intValue(n, base+".Timeout")
		if err != nil {
			return nil, err
		}
		fn.Timeout = time.Duration(secs) * time.Second
	}
	if n := field(props, "MemorySize"); n != nil {
		if fn.MemorySize, err = t.intValue(n, base+".MemorySize"); err != nil {
			return nil, err
		}
	}
	logging := field(props, "LoggingConfig")
	if fn.LogFormat, err = s.str(field(logging, "LogFormat"), base+".LoggingConfig.LogFormat"); err != nil {
		return nil, err
	}
	if fn.LogLevel, err = s.str(field(logging, "ApplicationLogLevel"), base+".LoggingConfig.ApplicationLogLevel"); err != nil {
		return nil, err
	}
	for _, p := range pairs(field(field(props, "Environment"), "Variables")) {
		path := base + ".Environment.Variables." + p.Key
		fn.RawEnv[p.Key] = p.Value
		if fn.Env[p.Key], err = s.str(p.Value, path); err != nil {
			return nil, err
		}
	}
	fn.Policies = field(props, "Policies")
	if cfg := field(props, "EventInvokeConfig"); cfg != nil {
		if fn.EventInvoke, err = t.readEventInvoke(cfg, base+".EventInvokeConfig"); err != nil {
			return nil, err
		}
	}

	for _, ev := range pairs(field(props, "Events")) {
		if err := t.readEvent(fn, ev.Key, ev.Value, base+".Events."+ev.Key); err != nil {
			return nil, err
		}
	}
	return fn, nil
}

func (t *Template) intValue(n *yaml.Node, path string) (int, error) {
	v, err := t.scope.str(n, path)
	if err != nil {
		return 0, err
	}
	i, err := strconv.Atoi(v)
	if err != nil {
		return 0, errorAt(n, path, "%q is not a whole number", v)
	}
	return i, nil
}

func (t *Template) readEvent(fn *Function, name string, ev *yaml.Node, path string) error {
	typ, err := literal(field(ev, "Type"), path+".Type")
	if err != nil {
		return err
	}
	props := field(ev, "Properties")
	path += ".Properties"
	switch typ {
	case "HttpApi":
		route, err := t.readRoute(name, props, path)
		if err != nil {
			return err
		}
		fn.Routes = append(fn.Routes, route)
	case "S3":
		event, err := t.readS3Event(name, props, path)
		if err != nil {
			return err
		}
		fn.S3Events = append(fn.S3Events, event)
	case "Schedule":
		schedule, err := t.readSchedule(fn, name, props, path)
		if err != nil {
			return err
		}
		fn.Schedules = append(fn.Schedules, schedule)
	case "SQS":
		event, err := t.readSQSEvent(name, props, path)
		if err != nil {
			return err
		}
		fn.SQSEvents = append(fn.SQSEvents, event)
	case "EventBridgeRule":
		rule, err := t.readEventRule(fn, name, props, path)
		if err != nil {
			return err
		}
		fn.Rules = append(fn.Rules, rule)
	default:
		return errorAt(ev, path, "event type %q is not supported by samtemplate (HttpApi, S3, Schedule, SQS and EventBridgeRule are)", typ)
	}
	return nil
}

func (t *Template) readRoute(name string, props *yaml.Node, path string) (Route, error) {
	s := t.scope
	route := Route{EventName: name, IntegrationTimeout: defaultIntegrationTimeout}
	var err error
	if route.Method, err = s.str(field(props, "Method"), path+".Method"); err != nil {
		return route, err
	}
	if route.Path, err = s.str(field(props, "Path"), path+".Path"); err != nil {
		return route, err
	}
	switch {
	case route.Method == "" && route.Path == "":
		route.Path = "$default"
	case route.Method == "" || route.Path == "":
		return route, errorAt(props, path, "Method and Path go together (leave both out for the $default route)")
	}
	route.Method = strings.ToUpper(route.Method)
	if route.Method == "*" {
		route.Method = "ANY"
	}
	if route.Path != "$default" {
		if err := checkRoutePath(route.Path); err != nil {
			return route, errorAt(field(props, "Path"), path+".Path", "%w", err)
		}
	}
	if api := field(props, "ApiId"); api != nil {
		if route.APIID, err = refTarget(api, path+".ApiId"); err != nil {
			return route, err
		}
	}
	if auth := field(field(props, "Auth"), "Authorizer"); auth != nil {
		if route.Authorizer, err = literal(auth, path+".Auth.Authorizer"); err != nil {
			return route, err
		}
		route.AuthNone = route.Authorizer == "NONE"
	}
	if v := field(props, "PayloadFormatVersion"); v != nil {
		version, err := s.str(v, path+".PayloadFormatVersion")
		if err != nil {
			return route, err
		}
		if version != "2.0" {
			return route, errorAt(v, path+".PayloadFormatVersion", "only payload format 2.0 is supported, got %q", version)
		}
	}
	if v := field(props, "TimeoutInMillis"); v != nil {
		ms, err := t.intValue(v, path+".TimeoutInMillis")
		if err != nil {
			return route, err
		}
		route.IntegrationTimeout = time.Duration(ms) * time.Millisecond
	}
	return route, nil
}

// checkRoutePath applies API Gateway's rules for route paths: a leading
// slash, {name} variables as whole segments, and {name+} only at the end.
func checkRoutePath(p string) error {
	if !strings.HasPrefix(p, "/") {
		return fmt.Errorf("route path %q must start with /", p)
	}
	segments := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, seg := range segments {
		open, close := strings.Contains(seg, "{"), strings.Contains(seg, "}")
		if !open && !close {
			continue
		}
		if !strings.HasPrefix(seg, "{") || !strings.HasSuffix(seg, "}") || len(seg) < 3 {
			return fmt.Errorf("route path %q: a path variable must be a whole segment like {id}", p)
		}
		if strings.HasSuffix(seg, "+}") && i != len(segments)-1 {
			return fmt.Errorf("route path %q: a greedy variable %s must be the last segment", p, seg)
		}
	}
	return nil
}

// refTarget returns the logical id a !Ref names, for properties SAM insists
// be a reference to a resource in the same template.
func refTarget(n *yaml.Node, path string) (string, error) {
	n = deref(n)
	var arg *yaml.Node
	switch {
	case n.Tag == "!Ref":
		arg = n
	case n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Value == "Ref":
		arg = deref(n.Content[1])
	default:
		return "", errorAt(n, path, "must be a !Ref to a resource of this template")
	}
	if arg.Kind != yaml.ScalarNode {
		return "", errorAt(n, path, "!Ref takes a name")
	}
	return arg.Value, nil
}

func (t *Template) readS3Event(name string, props *yaml.Node, path string) (S3Event, error) {
	s := t.scope
	event := S3Event{Name: name}
	var err error
	bucket := field(props, "Bucket")
	if bucket == nil {
		return event, errorAt(props, path, "S3 event has no Bucket")
	}
	if event.Bucket, err = refTarget(bucket, path+".Bucket"); err != nil {
		return event, err
	}
	events := field(props, "Events")
	if events == nil {
		return event, errorAt(props, path, "S3 event has no Events")
	}
	v, err := s.value(events, path+".Events")
	if err != nil {
		return event, err
	}
	if event.Events, err = stringList(v); err != nil {
		return event, errorAt(events, path+".Events", "%w", err)
	}
	for _, e := range event.Events {
		if !strings.HasPrefix(e, "s3:") {
			return event, errorAt(events, path+".Events", "%q is not an S3 event type like s3:ObjectCreated:*", e)
		}
	}
	rules := field(field(field(props, "Filter"), "S3Key"), "Rules")
	if rules != nil && rules.Kind != yaml.SequenceNode {
		return event, errorAt(rules, path+".Filter.S3Key.Rules", "must be a list of {Name, Value}")
	}
	if rules != nil {
		for i, rule := range rules.Content {
			rulePath := fmt.Sprintf("%s.Filter.S3Key.Rules[%d]", path, i)
			ruleName, err := literal(field(rule, "Name"), rulePath+".Name")
			if err != nil {
				return event, err
			}
			value, err := s.str(field(rule, "Value"), rulePath+".Value")
			if err != nil {
				return event, err
			}
			switch strings.ToLower(ruleName) {
			case "prefix":
				event.Prefix = value
			case "suffix":
				event.Suffix = value
			default:
				return event, errorAt(rule, rulePath+".Name", "filter rule %q is neither prefix nor suffix", ruleName)
			}
		}
	}
	return event, nil
}

func (t *Template) readSchedule(fn *Function, name string, props *yaml.Node, path string) (Schedule, error) {
	s := t.scope
	sched := Schedule{Name: name, Enabled: true}
	var err error
	if sched.Expression, err = s.str(field(props, "Schedule"), path+".Schedule"); err != nil {
		return sched, err
	}
	if sched.Expression == "" {
		return sched, errorAt(props, path, "Schedule event has no Schedule expression")
	}
	if sched.RuleName, err = s.str(field(props, "Name"), path+".Name"); err != nil {
		return sched, err
	}
	if sched.RuleName == "" {
		sched.RuleName = t.Resolver.StackName + "-" + fn.LogicalID + name
	}
	if sched.Description, err = s.str(field(props, "Description"), path+".Description"); err != nil {
		return sched, err
	}
	if sched.Input, err = s.str(field(props, "Input"), path+".Input"); err != nil {
		return sched, err
	}
	if n := field(props, "Enabled"); n != nil {
		v, err := s.str(n, path+".Enabled")
		if err != nil {
			return sched, err
		}
		if sched.Enabled, err = parseBool(v); err != nil {
			return sched, errorAt(n, path+".Enabled", "%w", err)
		}
	}
	if n := field(props, "State"); n != nil {
		v, err := s.str(n, path+".State")
		if err != nil {
			return sched, err
		}
		sched.Enabled = strings.EqualFold(v, "ENABLED")
	}
	return sched, nil
}

func stringList(v any) ([]string, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		return []string{v}, nil
	case []any:
		out := make([]string, 0, len(v))
		for _, item := range v {
			str, ok := item.(string)
			if !ok {
				return nil, fmt.Errorf("list item %v is not a single value", item)
			}
			out = append(out, str)
		}
		return out, nil
	}
	return nil, fmt.Errorf("expected a value or a list, got %T", v)
}

func (t *Template) readEventInvoke(cfg *yaml.Node, path string) (*EventInvoke, error) {
	ei := &EventInvoke{MaximumRetryAttempts: 2}
	if n := field(cfg, "MaximumRetryAttempts"); n != nil {
		var err error
		if ei.MaximumRetryAttempts, err = t.intValue(n, path+".MaximumRetryAttempts"); err != nil {
			return nil, err
		}
		if ei.MaximumRetryAttempts < 0 || ei.MaximumRetryAttempts > 2 {
			return nil, errorAt(n, path+".MaximumRetryAttempts", "must be 0, 1 or 2")
		}
	}
	if f := field(field(cfg, "DestinationConfig"), "OnFailure"); f != nil {
		p := path + ".DestinationConfig.OnFailure"
		typ, err := literal(field(f, "Type"), p+".Type")
		if err != nil {
			return nil, err
		}
		ei.OnFailure = &Destination{Type: typ}
		if d := field(f, "Destination"); d != nil {
			if ei.OnFailure.Target, err = resourceTarget(d, p+".Destination"); err != nil {
				return nil, err
			}
			if _, ok := t.scope.resources[ei.OnFailure.Target]; !ok {
				return nil, errorAt(d, p+".Destination", "no resource named %s", ei.OnFailure.Target)
			}
		}
	}
	return ei, nil
}

func (t *Template) readSQSEvent(name string, props *yaml.Node, path string) (SQSEvent, error) {
	event := SQSEvent{Name: name, BatchSize: 10}
	q := field(props, "Queue")
	if q == nil {
		return event, errorAt(props, path, "SQS event has no Queue")
	}
	var err error
	if event.Queue, err = resourceTarget(q, path+".Queue"); err != nil {
		return event, err
	}
	if res, ok := t.scope.resources[event.Queue]; !ok || res.Type != "AWS::SQS::Queue" {
		return event, errorAt(q, path+".Queue", "%s is not an AWS::SQS::Queue of this template", event.Queue)
	}
	if n := field(props, "BatchSize"); n != nil {
		if event.BatchSize, err = t.intValue(n, path+".BatchSize"); err != nil {
			return event, err
		}
	}
	types, err := literalList(field(props, "FunctionResponseTypes"), path+".FunctionResponseTypes")
	if err != nil {
		return event, err
	}
	event.ReportBatchItemFailures = slices.Contains(types, "ReportBatchItemFailures")
	return event, nil
}

// resourceTarget is the logical id a !GetAtt X.Attr or !Ref X names.
func resourceTarget(n *yaml.Node, path string) (string, error) {
	d := deref(n)
	if d.Tag == "!GetAtt" && d.Kind == yaml.ScalarNode {
		id, _, ok := strings.Cut(d.Value, ".")
		if !ok {
			return "", errorAt(n, path, "!GetAtt takes Resource.Attribute")
		}
		return id, nil
	}
	return refTarget(n, path)
}
