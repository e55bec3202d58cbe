package samtemplate

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Error is a problem found at one place in the template. Path names the
// property the way a reader would look for it ("Resources.Login.Properties.Timeout").
type Error struct {
	Path string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("template line %d: %s: %v", e.Line, e.Path, e.Err)
	}
	return fmt.Sprintf("template: %s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

func errorAt(n *yaml.Node, path, format string, args ...any) error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// deref follows YAML aliases so the rest of the code never sees an AliasNode.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// field returns the value of key in a mapping node, or nil when the key is
// absent (or the node is not a mapping).
func field(m *yaml.Node, key string) *yaml.Node {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return deref(m.Content[i+1])
		}
	}
	return nil
}

// pair is one key of a mapping node in file order.
type pair struct {
	Key   string
	Value *yaml.Node
}

func pairs(m *yaml.Node) []pair {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	out := make([]pair, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		out = append(out, pair{Key: m.Content[i].Value, Value: deref(m.Content[i+1])})
	}
	return out
}

// isIntrinsic reports whether n is a CloudFormation intrinsic function in
// either spelling: a short-form tag (!Ref) or a one-key mapping (Ref, Fn::Sub).
func isIntrinsic(n *yaml.Node) bool {
	n = deref(n)
	if n == nil {
		return false
	}
	if isCustomTag(n.Tag) {
		return true
	}
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
		k := n.Content[0].Value
		return k == "Ref" || strings.HasPrefix(k, "Fn::") || k == "Condition"
	}
	return false
}

// isCustomTag tells a short-form intrinsic (!Ref) from YAML's own resolved
// tags (!!str, !!map) and the non-specific tag "!".
func isCustomTag(tag string) bool {
	return strings.HasPrefix(tag, "!") && !strings.HasPrefix(tag, "!!") && tag != "!"
}

// literal returns the text of a plain scalar, refusing intrinsics so that a
// property which must be spelled out says so instead of being misread.
func literal(n *yaml.Node, path string) (string, error) {
	n = deref(n)
	if n == nil {
		return "", nil
	}
	if isIntrinsic(n) {
		return "", errorAt(n, path, "must be a plain value here, not an intrinsic function")
	}
	if n.Kind != yaml.ScalarNode {
		return "", errorAt(n, path, "must be a single value, found a %s", kindName(n))
	}
	return n.Value, nil
}

func literalList(n *yaml.Node, path string) ([]string, error) {
	n = deref(n)
	if n == nil {
		return nil, nil
	}
	if n.Kind == yaml.ScalarNode && !isIntrinsic(n) {
		return []string{n.Value}, nil
	}
	if n.Kind != yaml.SequenceNode || isIntrinsic(n) {
		return nil, errorAt(n, path, "must be a list of plain values")
	}
	out := make([]string, 0, len(n.Content))
	for i, item := range n.Content {
		v, err := literal(item, fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "value"
	default:
		return "node"
	}
}

func parseBool(s string) (bool, error) {
	b, err := strconv.ParseBool(strings.ToLower(s))
	if err != nil {
		return false, fmt.Errorf("%q is not true or false", s)
	}
	return b, nil
}
