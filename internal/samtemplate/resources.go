package samtemplate

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// implicitAPI is the logical id SAM gives the API it creates for HttpApi
// events that name no ApiId.
const implicitAPI = "ServerlessHttpApi"

// HTTPAPI is an AWS::Serverless::HttpApi (with Globals.HttpApi merged).
type HTTPAPI struct {
	LogicalID string
	// ID is what !Ref of the API resolves to: a stable 10-character id.
	ID                string
	DefaultAuthorizer string
	Authorizers       map[string]*Authorizer
}

// Authorizer is a Lambda REQUEST authorizer of an HTTP API.
type Authorizer struct {
	Name string
	// FunctionLogicalID is the function FunctionArn points at (!GetAtt X.Arn).
	FunctionLogicalID string
	// IdentityHeaders and IdentityQueryStrings are the identity sources:
	// a request missing any of them is refused with 401 before the
	// authorizer runs, and their values key the authorizer's cache.
	IdentityHeaders      []string
	IdentityQueryStrings []string
	// ReauthorizeEvery is how long a decision is cached; zero disables caching.
	ReauthorizeEvery      time.Duration
	EnableSimpleResponses bool
	PayloadFormatVersion  string
	// JWT marks a JwtConfiguration authorizer, which runs no function.
	JWT bool
}

func (t *Template) readHTTPAPI(id string, props *yaml.Node) (*HTTPAPI, error) {
	base := "Resources." + id + ".Properties"
	api := &HTTPAPI{LogicalID: id, ID: apiID(t.Resolver.StackName, id), Authorizers: map[string]*Authorizer{}}
	auth := field(props, "Auth")
	var err error
	if api.DefaultAuthorizer, err = literal(field(auth, "DefaultAuthorizer"), base+".Auth.DefaultAuthorizer"); err != nil {
		return nil, err
	}
	for _, p := range pairs(field(auth, "Authorizers")) {
		a, err := t.readAuthorizer(p.Key, p.Value, base+".Auth.Authorizers."+p.Key)
		if err != nil {
			return nil, err
		}
		api.Authorizers[p.Key] = a
	}
	if api.DefaultAuthorizer != "" && api.Authorizers[api.DefaultAuthorizer] == nil {
		return nil, errorAt(field(auth, "DefaultAuthorizer"), base+".Auth.DefaultAuthorizer", "no authorizer named %s", api.DefaultAuthorizer)
	}
	return api, nil
}

func (t *Template) readAuthorizer(name string, n *yaml.Node, path string) (*Authorizer, error) {
	s := t.scope
	a := &Authorizer{Name: name, PayloadFormatVersion: "2.0"}
	if field(n, "JwtConfiguration") != nil {
		a.JWT = true
		return a, nil
	}
	arn := field(n, "FunctionArn")
	if arn == nil {
		return nil, errorAt(n, path, "authorizer has neither FunctionArn nor JwtConfiguration")
	}
	target, err := getAttTarget(arn, "Arn")
	if err != nil {
		return nil, errorAt(arn, path+".FunctionArn", "%w", err)
	}
	a.FunctionLogicalID = target
	if v := field(n, "AuthorizerPayloadFormatVersion"); v != nil {
		if a.PayloadFormatVersion, err = s.str(v, path+".AuthorizerPayloadFormatVersion"); err != nil {
			return nil, err
		}
	}
	if v := field(n, "EnableSimpleResponses"); v != nil {
		str, err := s.str(v, path+".EnableSimpleResponses")
		if err != nil {
			return nil, err
		}
		if a.EnableSimpleResponses, err = parseBool(str); err != nil {
			return nil, errorAt(v, path+".EnableSimpleResponses", "%w", err)
		}
	}
	identity := field(n, "Identity")
	if a.IdentityHeaders, err = literalList(field(identity, "Headers"), path+".Identity.Headers"); err != nil {
		return nil, err
	}
	if a.IdentityQueryStrings, err = literalList(field(identity, "QueryStrings"), path+".Identity.QueryStrings"); err != nil {
		return nil, err
	}
	if v := field(identity, "ReauthorizeEvery"); v != nil {
		secs, err := t.intValue(v, path+".Identity.ReauthorizeEvery")
		if err != nil {
			return nil, err
		}
		a.ReauthorizeEvery = time.Duration(secs) * time.Second
	}
	return a, nil
}

// getAttTarget returns X from !GetAtt X.<attr> in either spelling.
func getAttTarget(n *yaml.Node, attr string) (string, error) {
	n = deref(n)
	arg := n
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Value == "Fn::GetAtt" {
		arg = deref(n.Content[1])
	} else if n.Tag != "!GetAtt" {
		return "", fmt.Errorf("must be !GetAtt <Function>.%s", attr)
	}
	switch arg.Kind {
	case yaml.ScalarNode:
		target, got, ok := strings.Cut(arg.Value, ".")
		if ok && got == attr {
			return target, nil
		}
	case yaml.SequenceNode:
		if len(arg.Content) == 2 && deref(arg.Content[1]).Value == attr {
			return deref(arg.Content[0]).Value, nil
		}
	}
	return "", fmt.Errorf("must be !GetAtt <Function>.%s", attr)
}

// Table is an AWS::DynamoDB::Table, with what CreateTable needs.
type Table struct {
	LogicalID string
	// Name is the resolved TableName, or "<stack>-<LogicalID>".
	Name                   string
	BillingMode            string
	AttributeDefinitions   []AttributeDefinition
	KeySchema              []KeyElement
	GlobalSecondaryIndexes []SecondaryIndex
	LocalSecondaryIndexes  []SecondaryIndex
	// TTLAttribute is the TimeToLiveSpecification attribute when enabled.
	TTLAttribute string
}

// AttributeDefinition declares the type (S, N or B) of a key attribute.
type AttributeDefinition struct {
	Name string
	Type string
}

// KeyElement is one part of a key schema; KeyType is HASH or RANGE.
type KeyElement struct {
	AttributeName string
	KeyType       string
}

// SecondaryIndex is a GSI or LSI.
type SecondaryIndex struct {
	Name       string
	KeySchema  []KeyElement
	Projection Projection
}

// Projection says which attributes an index copies: KEYS_ONLY, INCLUDE
// (with NonKeyAttributes) or ALL.
type Projection struct {
	Type             string
	NonKeyAttributes []string
}

func (t *Template) readTable(id string, props *yaml.Node) (*Table, error) {
	base := "Resources." + id + ".Properties"
	s := t.scope
	table := &Table{LogicalID: id}
	var err error
	if table.Name, err = s.physicalName(id); err != nil {
		return nil, fmt.Errorf("%s: %w", base, err)
	}
	if table.BillingMode, err = s.str(field(props, "BillingMode"), base+".BillingMode"); err != nil {
		return nil, err
	}
	if table.BillingMode == "" {
		table.BillingMode = "PROVISIONED"
	}
	defs := field(props, "AttributeDefinitions")
	for i, d := range seq(defs) {
		path := fmt.Sprintf("%s.AttributeDefinitions[%d]", base, i)
		var def AttributeDefinition
		if def.Name, err = s.str(field(d, "AttributeName"), path+".AttributeName"); err != nil {
			return nil, err
		}
		if def.Type, err = s.str(field(d, "AttributeType"), path+".AttributeType"); err != nil {
			return nil, err
		}
		table.AttributeDefinitions = append(table.AttributeDefinitions, def)
	}
	if table.KeySchema, err = t.readKeySchema(field(props, "KeySchema"), base+".KeySchema"); err != nil {
		return nil, err
	}
	if len(table.KeySchema) == 0 {
		return nil, errorAt(props, base, "table has no KeySchema")
	}
	if table.GlobalSecondaryIndexes, err = t.readIndexes(field(props, "GlobalSecondaryIndexes"), base+".GlobalSecondaryIndexes"); err != nil {
		return nil, err
	}
	if table.LocalSecondaryIndexes, err = t.readIndexes(field(props, "LocalSecondaryIndexes"), base+".LocalSecondaryIndexes"); err != nil {
		return nil, err
	}
	if ttl := field(props, "TimeToLiveSpecification"); ttl != nil {
		enabled, err := s.str(field(ttl, "Enabled"), base+".TimeToLiveSpecification.Enabled")
		if err != nil {
			return nil, err
		}
		if on, _ := parseBool(enabled); on {
			if table.TTLAttribute, err = s.str(field(ttl, "AttributeName"), base+".TimeToLiveSpecification.AttributeName"); err != nil {
				return nil, err
			}
		}
	}
	return table, nil
}

func (t *Template) readKeySchema(n *yaml.Node, path string) ([]KeyElement, error) {
	var out []KeyElement
	for i, k := range seq(n) {
		p := fmt.Sprintf("%s[%d]", path, i)
		var el KeyElement
		var err error
		if el.AttributeName, err = t.scope.str(field(k, "AttributeName"), p+".AttributeName"); err != nil {
			return nil, err
		}
		if el.KeyType, err = t.scope.str(field(k, "KeyType"), p+".KeyType"); err != nil {
			return nil, err
		}
		out = append(out, el)
	}
	return out, nil
}

func (t *Template) readIndexes(n *yaml.Node, path string) ([]SecondaryIndex, error) {
	var out []SecondaryIndex
	for i, idx := range seq(n) {
		p := fmt.Sprintf("%s[%d]", path, i)
		var index SecondaryIndex
		var err error
		if index.Name, err = t.scope.str(field(idx, "IndexName"), p+".IndexName"); err != nil {
			return nil, err
		}
		if index.KeySchema, err = t.readKeySchema(field(idx, "KeySchema"), p+".KeySchema"); err != nil {
			return nil, err
		}
		proj := field(idx, "Projection")
		if index.Projection.Type, err = t.scope.str(field(proj, "ProjectionType"), p+".Projection.ProjectionType"); err != nil {
			return nil, err
		}
		if nka := field(proj, "NonKeyAttributes"); nka != nil {
			v, err := t.scope.value(nka, p+".Projection.NonKeyAttributes")
			if err != nil {
				return nil, err
			}
			if index.Projection.NonKeyAttributes, err = stringList(v); err != nil {
				return nil, errorAt(nka, p+".Projection.NonKeyAttributes", "%w", err)
			}
		}
		out = append(out, index)
	}
	return out, nil
}

func seq(n *yaml.Node) []*yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = deref(c)
	}
	return out
}
