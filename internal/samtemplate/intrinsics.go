package samtemplate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Resolver holds what intrinsic functions resolve against outside the
// template itself: parameter values and the pseudo parameters of the stack.
// Zero fields take the local defaults (stack roster-local in us-east-1 of
// account 000000000000).
type Resolver struct {
	// Parameters are values for the template's Parameters; a parameter left
	// out takes its Default.
	Parameters map[string]string
	StackName  string
	AccountID  string
	Region     string
	Partition  string
	URLSuffix  string
}

// Local pseudo parameter values, chosen to look like a real stack so that
// code which parses ARNs or bucket names keeps working.
const (
	DefaultStackName = "roster-local"
	DefaultAccountID = "000000000000"
	DefaultRegion    = "us-east-1"
)

func (r Resolver) withDefaults() Resolver {
	if r.StackName == "" {
		r.StackName = DefaultStackName
	}
	if r.AccountID == "" {
		r.AccountID = DefaultAccountID
	}
	if r.Region == "" {
		r.Region = DefaultRegion
	}
	if r.Partition == "" {
		r.Partition = "aws"
	}
	if r.URLSuffix == "" {
		r.URLSuffix = "amazonaws.com"
	}
	return r
}

func (r Resolver) pseudo(name string) (string, bool) {
	switch name {
	case "AWS::StackName":
		return r.StackName, true
	case "AWS::StackId":
		return fmt.Sprintf("arn:%s:cloudformation:%s:%s:stack/%s/00000000-0000-0000-0000-000000000000",
			r.Partition, r.Region, r.AccountID, r.StackName), true
	case "AWS::AccountId":
		return r.AccountID, true
	case "AWS::Region":
		return r.Region, true
	case "AWS::Partition":
		return r.Partition, true
	case "AWS::URLSuffix":
		return r.URLSuffix, true
	}
	return "", false
}

// resource is a template resource as far as intrinsics need to know it.
type resource struct {
	Type       string
	Properties *yaml.Node
}

// scope resolves intrinsic functions for one template. Physical names of
// resources are computed on first use and cached; resolving guards against
// a resource whose name refers back to itself.
type scope struct {
	r         Resolver
	params    map[string]any
	resources map[string]resource
	names     map[string]string
	resolving map[string]bool
}

// knownTags are the intrinsic functions samtemplate resolves.
var knownTags = map[string]bool{"!Ref": true, "!GetAtt": true, "!Sub": true, "!Join": true}

// Unsupported short-form tags get a clearer message than "unknown tag":
// they are real CloudFormation, just not something the local stack needs yet.
var knownUnsupported = map[string]bool{
	"!If": true, "!Select": true, "!Split": true, "!FindInMap": true, "!Base64": true,
	"!Cidr": true, "!GetAZs": true, "!ImportValue": true, "!Equals": true, "!And": true,
	"!Or": true, "!Not": true, "!Condition": true, "!Transform": true, "!Length": true,
	"!ToJsonString": true,
}

// value resolves n into plain Go values: string, []any or map[string]any.
// Scalars stay strings whatever YAML thinks they are, which is how
// CloudFormation treats them once they reach a resource property.
func (s *scope) value(n *yaml.Node, path string) (any, error) {
	n = deref(n)
	if n == nil {
		return nil, nil
	}
	if isCustomTag(n.Tag) {
		// The tagged node is also the function's argument; without the tag
		// it reads as the plain value or list the function takes.
		arg := *n
		arg.Tag = ""
		return s.intrinsic(n.Tag, &arg, path)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			v, err := s.value(item, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		if len(n.Content) == 2 {
			k := n.Content[0].Value
			switch {
			case k == "Ref":
				return s.intrinsic("!Ref", deref(n.Content[1]), path)
			case strings.HasPrefix(k, "Fn::"):
				return s.intrinsic("!"+strings.TrimPrefix(k, "Fn::"), deref(n.Content[1]), path)
			}
		}
		out := make(map[string]any, len(n.Content)/2)
		for _, p := range pairs(n) {
			v, err := s.value(p.Value, path+"."+p.Key)
			if err != nil {
				return nil, err
			}
			out[p.Key] = v
		}
		return out, nil
	}
	return nil, errorAt(n, path, "cannot read this YAML node")
}

// str resolves n and insists on a single string.
func (s *scope) str(n *yaml.Node, path string) (string, error) {
	v, err := s.value(n, path)
	if err != nil {
		return "", err
	}
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	default:
		return "", errorAt(n, path, "must resolve to a single value, got %T", v)
	}
}

func (s *scope) intrinsic(tag string, arg *yaml.Node, path string) (any, error) {
	switch tag {
	case "!Ref":
		name, err := literal(arg, path+" (!Ref)")
		if err != nil {
			return nil, err
		}
		return s.ref(arg, name, path)
	case "!GetAtt":
		return s.getAttNode(arg, path)
	case "!Sub":
		return s.sub(arg, path)
	case "!Join":
		return s.join(arg, path)
	}
	if knownUnsupported[tag] {
		return nil, errorAt(arg, path, "intrinsic function %s is not supported by samtemplate", tag)
	}
	return nil, errorAt(arg, path, "unknown tag %s", tag)
}

func (s *scope) ref(n *yaml.Node, name, path string) (any, error) {
	if v, ok := s.r.pseudo(name); ok {
		return v, nil
	}
	if name == "AWS::NoValue" || name == "AWS::NotificationARNs" {
		return nil, errorAt(n, path, "pseudo parameter %s is not supported by samtemplate", name)
	}
	if v, ok := s.params[name]; ok {
		return v, nil
	}
	if _, ok := s.resources[name]; ok {
		return s.physicalName(name)
	}
	return nil, errorAt(n, path, "!Ref %s: no parameter or resource has that name", name)
}

// physicalName is what !Ref of a resource returns. CloudFormation appends a
// random suffix to generated names; locally the name stays predictable so
// that it is the same after every restart.
func (s *scope) physicalName(logicalID string) (string, error) {
	if name, ok := s.names[logicalID]; ok {
		return name, nil
	}
	if s.resolving[logicalID] {
		return "", fmt.Errorf("resource %s: its name refers back to itself", logicalID)
	}
	s.resolving[logicalID] = true
	defer delete(s.resolving, logicalID)

	res := s.resources[logicalID]
	props := res.Properties
	base := "Resources." + logicalID + ".Properties."
	explicit := func(key string) (string, bool, error) {
		n := field(props, key)
		if n == nil {
			return "", false, nil
		}
		v, err := s.str(n, base+key)
		return v, v != "", err
	}
	var name string
	var err error
	var ok bool
	switch res.Type {
	case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable":
		if name, ok, err = explicit("TableName"); !ok && err == nil {
			name = s.r.StackName + "-" + logicalID
		}
	case "AWS::S3::Bucket":
		if name, ok, err = explicit("BucketName"); !ok && err == nil {
			name = strings.ToLower(s.r.StackName + "-" + logicalID)
		}
	case "AWS::Serverless::Function", "AWS::Lambda::Function":
		if name, ok, err = explicit("FunctionName"); !ok && err == nil {
			name = s.r.StackName + "-" + logicalID
		}
	case "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api", "AWS::Serverless::Api":
		name = apiID(s.r.StackName, logicalID)
	default:
		name = s.r.StackName + "-" + logicalID
	}
	if err != nil {
		return "", err
	}
	s.names[logicalID] = name
	return name, nil
}

// apiID makes a stable 10-character id shaped like API Gateway's.
func apiID(stack, logicalID string) string {
	sum := sha256.Sum256([]byte(stack + "/" + logicalID))
	return hex.EncodeToString(sum[:])[:10]
}

func (s *scope) getAttNode(arg *yaml.Node, path string) (any, error) {
	var target, attr string
	switch arg.Kind {
	case yaml.ScalarNode:
		var ok bool
		target, attr, ok = strings.Cut(arg.Value, ".")
		if !ok {
			return nil, errorAt(arg, path, "!GetAtt %q: expected Resource.Attribute", arg.Value)
		}
	case yaml.SequenceNode:
		if len(arg.Content) != 2 {
			return nil, errorAt(arg, path, "!GetAtt takes [Resource, Attribute]")
		}
		var err error
		if target, err = literal(arg.Content[0], path+" (!GetAtt)"); err != nil {
			return nil, err
		}
		if attr, err = s.str(arg.Content[1], path+" (!GetAtt)"); err != nil {
			return nil, err
		}
	default:
		return nil, errorAt(arg, path, "!GetAtt takes Resource.Attribute or [Resource, Attribute]")
	}
	v, err := s.getAtt(target, attr)
	if err != nil {
		return nil, errorAt(arg, path, "%w", err)
	}
	return v, nil
}

// getAtt returns plausible values for the attributes code commonly reads:
// ARNs mostly, in the exact shape the real service uses.
func (s *scope) getAtt(target, attr string) (string, error) {
	res, ok := s.resources[target]
	if !ok {
		return "", fmt.Errorf("!GetAtt %s.%s: no resource named %s", target, attr, target)
	}
	name, err := s.physicalName(target)
	if err != nil {
		return "", err
	}
	r := s.r
	switch res.Type + "." + attr {
	case "AWS::DynamoDB::Table.Arn", "AWS::Serverless::SimpleTable.Arn":
		return fmt.Sprintf("arn:%s:dynamodb:%s:%s:table/%s", r.Partition, r.Region, r.AccountID, name), nil
	case "AWS::S3::Bucket.Arn":
		return fmt.Sprintf("arn:%s:s3:::%s", r.Partition, name), nil
	case "AWS::S3::Bucket.DomainName":
		return fmt.Sprintf("%s.s3.%s", name, r.URLSuffix), nil
	case "AWS::S3::Bucket.RegionalDomainName":
		return fmt.Sprintf("%s.s3.%s.%s", name, r.Region, r.URLSuffix), nil
	case "AWS::Serverless::Function.Arn", "AWS::Lambda::Function.Arn":
		return fmt.Sprintf("arn:%s:lambda:%s:%s:function:%s", r.Partition, r.Region, r.AccountID, name), nil
	case "AWS::Serverless::HttpApi.ApiEndpoint", "AWS::ApiGatewayV2::Api.ApiEndpoint":
		return fmt.Sprintf("https://%s.execute-api.%s.%s", name, r.Region, r.URLSuffix), nil
	case "AWS::Serverless::HttpApi.ApiId", "AWS::ApiGatewayV2::Api.ApiId":
		return name, nil
	}
	return "", fmt.Errorf("!GetAtt %s.%s: attribute %s of a %s is not known to samtemplate", target, attr, attr, res.Type)
}

func (s *scope) sub(arg *yaml.Node, path string) (any, error) {
	format := arg
	vars := map[string]string{}
	if arg.Kind == yaml.SequenceNode {
		if len(arg.Content) != 2 {
			return nil, errorAt(arg, path, "!Sub takes a string or [string, {variables}]")
		}
		format = deref(arg.Content[0])
		for _, p := range pairs(arg.Content[1]) {
			v, err := s.str(p.Value, path+" (!Sub variable "+p.Key+")")
			if err != nil {
				return nil, err
			}
			vars[p.Key] = v
		}
	}
	text, err := literal(format, path+" (!Sub)")
	if err != nil {
		return nil, err
	}
	var out strings.Builder
	for {
		start := strings.Index(text, "${")
		if start < 0 {
			out.WriteString(text)
			return out.String(), nil
		}
		out.WriteString(text[:start])
		end := strings.Index(text[start:], "}")
		if end < 0 {
			return nil, errorAt(format, path, "!Sub: unterminated ${ in %q", text)
		}
		name := text[start+2 : start+end]
		text = text[start+end+1:]
		// ${!Literal} is CloudFormation's escape for a literal ${Literal}.
		if strings.HasPrefix(name, "!") {
			out.WriteString("${" + name[1:] + "}")
			continue
		}
		v, err := s.subVariable(format, name, vars, path)
		if err != nil {
			return nil, err
		}
		out.WriteString(v)
	}
}

func (s *scope) subVariable(n *yaml.Node, name string, vars map[string]string, path string) (string, error) {
	name = strings.TrimSpace(name)
	if v, ok := vars[name]; ok {
		return v, nil
	}
	if target, attr, ok := strings.Cut(name, "."); ok && !strings.HasPrefix(name, "AWS::") {
		v, err := s.getAtt(target, attr)
		if err != nil {
			return "", errorAt(n, path, "!Sub ${%s}: %w", name, err)
		}
		return v, nil
	}
	v, err := s.ref(n, name, path)
	if err != nil {
		return "", err
	}
	str, ok := v.(string)
	if !ok {
		return "", errorAt(n, path, "!Sub ${%s} is a list; use !Join", name)
	}
	return str, nil
}

func (s *scope) join(arg *yaml.Node, path string) (any, error) {
	if arg.Kind != yaml.SequenceNode || len(arg.Content) != 2 {
		return nil, errorAt(arg, path, "!Join takes [delimiter, [values]]")
	}
	delim, err := literal(arg.Content[0], path+" (!Join delimiter)")
	if err != nil {
		return nil, err
	}
	items, err := s.value(arg.Content[1], path+" (!Join values)")
	if err != nil {
		return nil, err
	}
	list, ok := items.([]any)
	if !ok {
		return nil, errorAt(arg, path, "!Join values must be a list")
	}
	parts := make([]string, 0, len(list))
	for i, item := range list {
		str, ok := item.(string)
		if !ok {
			return nil, errorAt(arg, path, "!Join value %d is not a single value", i)
		}
		parts = append(parts, str)
	}
	return strings.Join(parts, delim), nil
}
