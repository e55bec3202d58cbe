// Package samtemplate reads an AWS SAM template into plain Go values: the
// functions with their events, the HTTP API and its authorizers, the tables
// and the buckets. Globals are merged and intrinsic functions resolved, so
// that the local stack and the template's own tests read the template the way
// SAM and CloudFormation would, without restating any of it by hand.
package samtemplate

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Template is a parsed SAM template with intrinsics resolved.
type Template struct {
	Description string
	Parameters  []Parameter
	Functions   []*Function
	// HTTPAPI is the one HTTP API the functions' HttpApi events attach to:
	// the template's AWS::Serverless::HttpApi, or SAM's implicit
	// ServerlessHttpApi when routes name no ApiId. Nil when there are no routes.
	HTTPAPI *HTTPAPI
	Tables  []*Table
	Buckets []*Bucket

	// Resolver is the one the template was resolved with, defaults filled in.
	Resolver Resolver
	scope    *scope
}

// Parameter is one entry of the template's Parameters section.
type Parameter struct {
	Name           string
	Type           string
	Description    string
	Default        string
	HasDefault     bool
	NoEcho         bool
	AllowedValues  []string
	AllowedPattern string
	MinLength      int
	MaxLength      int
}

// ParseFile reads and parses the template at path.
func ParseFile(path string, r Resolver) (*Template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read template: %w", err)
	}
	t, err := Parse(data, r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// Parse parses a SAM template. Every parameter without a Default needs a value
// in r.Parameters; values are checked against AllowedValues, AllowedPattern
// and the length limits the way CloudFormation checks them at deploy time.
func Parse(data []byte, r Resolver) (*Template, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse YAML: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || deref(doc.Content[0]).Kind != yaml.MappingNode {
		return nil, fmt.Errorf("template is not a YAML mapping")
	}
	root := deref(doc.Content[0])
	if err := checkTags(root, ""); err != nil {
		return nil, err
	}
	r = r.withDefaults()
	t := &Template{Resolver: r}
	t.Description, _ = literal(field(root, "Description"), "Description")

	params, err := t.readParameters(field(root, "Parameters"), r.Parameters)
	if err != nil {
		return nil, err
	}
	resources := map[string]resource{}
	var order []string
	resourcesNode := field(root, "Resources")
	if resourcesNode == nil {
		return nil, fmt.Errorf("template has no Resources")
	}
	for _, p := range pairs(resourcesNode) {
		path := "Resources." + p.Key
		typ, err := literal(field(p.Value, "Type"), path+".Type")
		if err != nil {
			return nil, err
		}
		if typ == "" {
			return nil, errorAt(p.Value, path, "resource has no Type")
		}
		// A condition decides whether a resource exists; the local stack
		// cannot leave out what it runs, but may ignore a conditional
		// resource it does not read (an alarm's mail subscription).
		if field(p.Value, "Condition") != nil && readTypes[typ] {
			return nil, errorAt(p.Value, path+".Condition", "conditional resources are not supported by samtemplate")
		}
		resources[p.Key] = resource{Type: typ, Properties: field(p.Value, "Properties")}
		order = append(order, p.Key)
	}
	t.scope = &scope{
		r:         r,
		params:    params,
		resources: resources,
		names:     map[string]string{},
		resolving: map[string]bool{},
	}

	globals := field(root, "Globals")
	globalFunction := field(globals, "Function")
	globalAPI := field(globals, "HttpApi")
	for _, id := range order {
		res := resources[id]
		var err error
		switch res.Type {
		case "AWS::Serverless::Function":
			var fn *Function
			fn, err = t.readFunction(id, mergeGlobals(globalFunction, res.Properties))
			if fn != nil {
				t.Functions = append(t.Functions, fn)
			}
		case "AWS::Serverless::HttpApi":
			if t.HTTPAPI != nil {
				//lint:ignore ST1005 errors here start with the template path, Resources.<id>
				return nil, fmt.Errorf("Resources.%s: a second AWS::Serverless::HttpApi (%s is the first); the local stack serves one API", id, t.HTTPAPI.LogicalID)
			}
			t.HTTPAPI, err = t.readHTTPAPI(id, mergeGlobals(globalAPI, res.Properties))
		case "AWS::DynamoDB::Table":
			var table *Table
			table, err = t.readTable(id, res.Properties)
			if table != nil {
				t.Tables = append(t.Tables, table)
			}
		case "AWS::S3::Bucket":
			var name string
			name, err = t.scope.physicalName(id)
			t.Buckets = append(t.Buckets, &Bucket{LogicalID: id, Name: name})
		}
		if err != nil {
			return nil, err
		}
	}
	if err := t.link(globalAPI); err != nil {
		return nil, err
	}
	return t, nil
}

// readTypes are the resource types samtemplate reads.
var readTypes = map[string]bool{
	"AWS::Serverless::Function": true, "AWS::Serverless::HttpApi": true, "AWS::DynamoDB::Table": true, "AWS::S3::Bucket": true,
}

// ReadParameters lists the parameters a template declares, so that a caller
// can decide which values to pass to Parse.
func ReadParameters(data []byte) ([]Parameter, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse YAML: %w", err)
	}
	if len(doc.Content) != 1 {
		return nil, fmt.Errorf("template is not a YAML mapping")
	}
	return readParameterDecls(field(doc.Content[0], "Parameters"))
}

func readParameterDecls(n *yaml.Node) ([]Parameter, error) {
	var out []Parameter
	for _, p := range pairs(n) {
		path := "Parameters." + p.Key
		param := Parameter{Name: p.Key}
		var err error
		str := func(key string) string {
			if err != nil {
				return ""
			}
			var v string
			v, err = literal(field(p.Value, key), path+"."+key)
			return v
		}
		param.Type = str("Type")
		param.Description = str("Description")
		param.AllowedPattern = str("AllowedPattern")
		if d := field(p.Value, "Default"); d != nil && err == nil {
			param.Default, err = literal(d, path+".Default")
			param.HasDefault = true
		}
		if noEcho := str("NoEcho"); noEcho != "" && err == nil {
			param.NoEcho, err = parseBool(noEcho)
		}
		if v := str("MinLength"); v != "" && err == nil {
			param.MinLength, err = strconv.Atoi(v)
		}
		if v := str("MaxLength"); v != "" && err == nil {
			param.MaxLength, err = strconv.Atoi(v)
		}
		if err == nil {
			param.AllowedValues, err = literalList(field(p.Value, "AllowedValues"), path+".AllowedValues")
		}
		if err != nil {
			return nil, errorAt(p.Value, path, "%w", err)
		}
		out = append(out, param)
	}
	return out, nil
}

// readParameters declares the parameters and resolves their values: the
// given value, else the Default.
func (t *Template) readParameters(n *yaml.Node, values map[string]string) (map[string]any, error) {
	decls, err := readParameterDecls(n)
	if err != nil {
		return nil, err
	}
	t.Parameters = decls
	resolved := map[string]any{}
	var missing []string
	for _, param := range decls {
		value, given := values[param.Name]
		if !given {
			if !param.HasDefault {
				missing = append(missing, param.Name)
				continue
			}
			value = param.Default
		}
		if err := param.check(value); err != nil {
			return nil, errorAt(field(n, param.Name), "Parameters."+param.Name, "%w", err)
		}
		if param.Type == "CommaDelimitedList" || strings.HasPrefix(param.Type, "List<") {
			var list []any
			for _, item := range strings.Split(value, ",") {
				list = append(list, strings.TrimSpace(item))
			}
			resolved[param.Name] = list
		} else {
			resolved[param.Name] = value
		}
	}
	for name := range values {
		if field(n, name) == nil {
			return nil, fmt.Errorf("a value was given for parameter %s, which the template does not declare", name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("parameters without a Default need a value: %s", strings.Join(missing, ", "))
	}
	return resolved, nil
}

// checkTags refuses a tag that is no intrinsic function anywhere in the
// template, even where nothing is resolved (Outputs, policies): a typo such
// as !Reff would otherwise go unnoticed until deploy time.
func checkTags(n *yaml.Node, path string) error {
	if n == nil {
		return nil
	}
	if isCustomTag(n.Tag) && !knownTags[n.Tag] && !knownUnsupported[n.Tag] {
		return errorAt(n, strings.TrimPrefix(path, "."), "unknown tag %s", n.Tag)
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := checkTags(n.Content[i+1], path+"."+n.Content[i].Value); err != nil {
				return err
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if err := checkTags(c, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// check applies the constraints CloudFormation applies when a stack is
// deployed, so that a local value that AWS would refuse is refused here too.
func (p Parameter) check(value string) error {
	if len(p.AllowedValues) > 0 && !slices.Contains(p.AllowedValues, value) {
		return fmt.Errorf("value %q is not one of %v", maskIf(p.NoEcho, value), p.AllowedValues)
	}
	if p.MinLength > 0 && len(value) < p.MinLength {
		return fmt.Errorf("value is %d characters, MinLength is %d", len(value), p.MinLength)
	}
	if p.MaxLength > 0 && len(value) > p.MaxLength {
		return fmt.Errorf("value is %d characters, MaxLength is %d", len(value), p.MaxLength)
	}
	if p.AllowedPattern != "" {
		re, err := regexp.Compile("^(?:" + p.AllowedPattern + ")$")
		if err != nil {
			return fmt.Errorf("AllowedPattern: %w", err)
		}
		if !re.MatchString(value) {
			return fmt.Errorf("value %q does not match AllowedPattern %s", maskIf(p.NoEcho, value), p.AllowedPattern)
		}
	}
	return nil
}

func maskIf(noEcho bool, v string) string {
	if noEcho {
		return "****"
	}
	return v
}

// link checks the references between resources that SAM resolves at
// transform time: routes to the API, authorizers to functions, S3 events to
// buckets.
func (t *Template) link(globalAPI *yaml.Node) error {
	var routed bool
	for _, fn := range t.Functions {
		for _, route := range fn.Routes {
			routed = true
			switch {
			case route.APIID == "" && t.HTTPAPI != nil && t.HTTPAPI.LogicalID != implicitAPI:
				return fmt.Errorf("Resources.%s.Properties.Events.%s: HttpApi event without ApiId would create SAM's implicit API next to %s; set ApiId: !Ref %s",
					fn.LogicalID, route.EventName, t.HTTPAPI.LogicalID, t.HTTPAPI.LogicalID)
			case route.APIID != "" && (t.HTTPAPI == nil || route.APIID != t.HTTPAPI.LogicalID):
				return fmt.Errorf("Resources.%s.Properties.Events.%s.Properties.ApiId: %s is not an AWS::Serverless::HttpApi of this template",
					fn.LogicalID, route.EventName, route.APIID)
			}
			if route.Authorizer != "" && !route.AuthNone {
				if t.HTTPAPI == nil || t.HTTPAPI.Authorizers[route.Authorizer] == nil {
					return fmt.Errorf("Resources.%s.Properties.Events.%s.Properties.Auth.Authorizer: no authorizer named %s on the API",
						fn.LogicalID, route.EventName, route.Authorizer)
				}
			}
		}
		for _, ev := range fn.S3Events {
			if t.Bucket(ev.Bucket) == nil {
				return fmt.Errorf("Resources.%s.Properties.Events.%s.Properties.Bucket: %s is not an AWS::S3::Bucket of this template (SAM requires a !Ref to one)",
					fn.LogicalID, ev.Name, ev.Bucket)
			}
		}
	}
	if routed && t.HTTPAPI == nil {
		api, err := t.readHTTPAPI(implicitAPI, mergeGlobals(globalAPI, nil))
		if err != nil {
			return err
		}
		t.HTTPAPI = api
	}
	if t.HTTPAPI != nil {
		for _, a := range t.HTTPAPI.Authorizers {
			if a.FunctionLogicalID != "" && t.Function(a.FunctionLogicalID) == nil {
				return fmt.Errorf("Resources.%s.Properties.Auth.Authorizers.%s.FunctionArn: %s is not an AWS::Serverless::Function of this template",
					t.HTTPAPI.LogicalID, a.Name, a.FunctionLogicalID)
			}
		}
	}
	return nil
}

// Function returns the function with the given logical id, or nil.
func (t *Template) Function(logicalID string) *Function {
	for _, fn := range t.Functions {
		if fn.LogicalID == logicalID {
			return fn
		}
	}
	return nil
}

// Bucket returns the bucket with the given logical id, or nil.
func (t *Template) Bucket(logicalID string) *Bucket {
	for _, b := range t.Buckets {
		if b.LogicalID == logicalID {
			return b
		}
	}
	return nil
}

// Table returns the table with the given logical id, or nil.
func (t *Template) Table(logicalID string) *Table {
	for _, tb := range t.Tables {
		if tb.LogicalID == logicalID {
			return tb
		}
	}
	return nil
}

// Routes lists every HTTP route of every function, sorted by route key.
func (t *Template) Routes() []FunctionRoute {
	var out []FunctionRoute
	for _, fn := range t.Functions {
		for _, r := range fn.Routes {
			out = append(out, FunctionRoute{Function: fn, Route: r})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Route.Key() < out[j].Route.Key() })
	return out
}

// FunctionRoute pairs a route with the function it invokes.
type FunctionRoute struct {
	Function *Function
	Route    Route
}

// Resolve resolves any template value, such as a function's RawEnv entry or
// a piece of a policy, with the same parameters and names as the template.
// Strings come back as string, lists as []any, mappings as map[string]any.
func (t *Template) Resolve(n *yaml.Node) (any, error) {
	return t.scope.value(n, "value")
}

// Bucket is an AWS::S3::Bucket.
type Bucket struct {
	LogicalID string
	// Name is the resolved BucketName, or a predictable generated one.
	Name string
}

// mergeGlobals applies SAM's Globals rules: mappings merge key by key with
// the resource's own value winning, lists are additive (global entries
// first), and anything else - including intrinsic functions - is replaced.
func mergeGlobals(global, local *yaml.Node) *yaml.Node {
	global, local = deref(global), deref(local)
	switch {
	case global == nil:
		return local
	case local == nil:
		return global
	case isIntrinsic(global) || isIntrinsic(local):
		return local
	case global.Kind == yaml.MappingNode && local.Kind == yaml.MappingNode:
		merged := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: local.Line, Column: local.Column}
		for _, p := range pairs(global) {
			v := p.Value
			if lv := field(local, p.Key); lv != nil {
				v = mergeGlobals(p.Value, lv)
			}
			merged.Content = append(merged.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: p.Key}, v)
		}
		for _, p := range pairs(local) {
			if field(global, p.Key) == nil {
				merged.Content = append(merged.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: p.Key}, p.Value)
			}
		}
		return merged
	case global.Kind == yaml.SequenceNode && local.Kind == yaml.SequenceNode:
		merged := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: local.Line, Column: local.Column}
		merged.Content = append(append(merged.Content, global.Content...), local.Content...)
		return merged
	default:
		return local
	}
}
