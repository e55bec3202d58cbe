package apifuzz

import (
	"fmt"
	"sort"
)

// node is one place in a generated JSON value: the keys (string for an
// object member, int for an array element) that lead to it.
type node struct {
	keys  []any
	path  string // "/admin/email"; "" for the root
	value any
}

// nodes lists every place in v, the root first, in a stable order.
func nodes(v any, path string, keys ...any) []node {
	out := []node{{keys: append([]any(nil), keys...), path: path, value: v}}
	switch v := v.(type) {
	case map[string]any:
		names := make([]string, 0, len(v))
		for k := range v {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			out = append(out, nodes(v[k], path+"/"+k, append(append([]any(nil), keys...), k)...)...)
		}
	case []any:
		for i, e := range v {
			out = append(out, nodes(e, fmt.Sprintf("%s/%d", path, i), append(append([]any(nil), keys...), i)...)...)
		}
	}
	return out
}

// set returns v with the value at keys replaced by x; v is not changed.
func set(v any, keys []any, x any) any {
	if len(keys) == 0 {
		return x
	}
	switch c := v.(type) {
	case map[string]any:
		m := copyMap(c)
		k := keys[0].(string)
		m[k] = set(c[k], keys[1:], x)
		return m
	case []any:
		l := append([]any(nil), c...)
		i := keys[0].(int)
		l[i] = set(c[i], keys[1:], x)
		return l
	}
	return v
}

// remove returns v without the value at keys (an object member deleted, an
// array element cut out).
func remove(v any, keys []any) any {
	if len(keys) == 0 {
		return nil
	}
	switch c := v.(type) {
	case map[string]any:
		m := copyMap(c)
		k := keys[0].(string)
		if len(keys) == 1 {
			delete(m, k)
		} else {
			m[k] = remove(c[k], keys[1:])
		}
		return m
	case []any:
		i := keys[0].(int)
		if len(keys) == 1 {
			return append(append([]any(nil), c[:i]...), c[i+1:]...)
		}
		l := append([]any(nil), c...)
		l[i] = remove(c[i], keys[1:])
		return l
	}
	return v
}

func copyMap(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
