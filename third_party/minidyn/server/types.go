package server

import (
	"encoding/base64"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/truora/minidyn/types"
)

// AttributeValue is a concrete representation of DynamoDB's AttributeValue
// that works with standard json encoding/decoding.
type AttributeValue struct {
	B    []byte                     `json:"B,omitempty"`
	BOOL *bool                      `json:"BOOL,omitempty"`
	BS   [][]byte                   `json:"BS,omitempty"`
	L    []*AttributeValue          `json:"L,omitempty"`
	M    map[string]*AttributeValue `json:"M,omitempty"`
	N    *string                    `json:"N,omitempty"`
	NS   []*string                  `json:"NS,omitempty"`
	NULL *bool                      `json:"NULL,omitempty"`
	S    *string                    `json:"S,omitempty"`
	SS   []*string                  `json:"SS,omitempty"`
}

// MarshalJSON keeps an empty list, map or binary as the value it is
// (patched: `omitempty` wrote them as {}, a value of no type, so responses
// carried no value and a snapshot read back an item no Query could read).
func (av AttributeValue) MarshalJSON() ([]byte, error) {
	return av.AppendJSON(nil), nil
}

// AppendJSON appends the value's JSON to dst: the members encoding/json
// would write for the struct (in field order, empty ones left out), except
// that an empty list, map or binary is written as such (see MarshalJSON).
// Patched in: upstream's MarshalJSON (and the first patched one) ran
// json.Marshal through reflection for every value, nested ones included, and
// encoding/json then re-validated each result; responses and the local
// stack's snapshots of a few hundred thousand items spent most of their time
// there. Strings are escaped as encoding/json escapes them.
func (av AttributeValue) AppendJSON(dst []byte) []byte {
	switch {
	case av.L != nil && len(av.L) == 0:
		return append(dst, `{"L":[]}`...)
	case av.M != nil && len(av.M) == 0:
		return append(dst, `{"M":{}}`...)
	case av.B != nil && len(av.B) == 0:
		return append(dst, `{"B":""}`...)
	}

	dst = append(dst, '{')
	first := true
	member := func(name string) {
		if !first {
			dst = append(dst, ',')
		}

		first = false
		dst = append(dst, '"')
		dst = append(dst, name...)
		dst = append(dst, '"', ':')
	}

	if len(av.B) > 0 {
		member("B")
		dst = appendBase64(dst, av.B)
	}

	if av.BOOL != nil {
		member("BOOL")
		dst = strconv.AppendBool(dst, *av.BOOL)
	}

	if len(av.BS) > 0 {
		member("BS")
		dst = append(dst, '[')

		for i, b := range av.BS {
			if i > 0 {
				dst = append(dst, ',')
			}

			dst = appendBase64(dst, b)
		}

		dst = append(dst, ']')
	}

	if len(av.L) > 0 {
		member("L")
		dst = append(dst, '[')

		for i, v := range av.L {
			if i > 0 {
				dst = append(dst, ',')
			}

			dst = appendValue(dst, v)
		}

		dst = append(dst, ']')
	}

	if len(av.M) > 0 {
		member("M")
		dst = AppendItemJSON(dst, av.M)
	}

	if av.N != nil {
		member("N")
		dst = AppendJSONString(dst, *av.N)
	}

	if len(av.NS) > 0 {
		member("NS")
		dst = appendStrings(dst, av.NS)
	}

	if av.NULL != nil {
		member("NULL")
		dst = strconv.AppendBool(dst, *av.NULL)
	}

	if av.S != nil {
		member("S")
		dst = AppendJSONString(dst, *av.S)
	}

	if len(av.SS) > 0 {
		member("SS")
		dst = appendStrings(dst, av.SS)
	}

	return append(dst, '}')
}

// AppendItemJSON appends an item (or a map value) as a JSON object with
// its names sorted, as encoding/json writes maps.
func AppendItemJSON(dst []byte, item map[string]*AttributeValue) []byte {
	names := make([]string, 0, len(item))
	for name := range item {
		names = append(names, name)
	}

	slices.Sort(names)
	dst = append(dst, '{')

	for i, name := range names {
		if i > 0 {
			dst = append(dst, ',')
		}

		dst = AppendJSONString(dst, name)
		dst = append(dst, ':')
		dst = appendValue(dst, item[name])
	}

	return append(dst, '}')
}

func appendValue(dst []byte, v *AttributeValue) []byte {
	if v == nil {
		return append(dst, "null"...)
	}

	return v.AppendJSON(dst)
}

func appendStrings(dst []byte, ss []*string) []byte {
	dst = append(dst, '[')

	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}

		if s == nil {
			dst = append(dst, "null"...)
		} else {
			dst = AppendJSONString(dst, *s)
		}
	}

	return append(dst, ']')
}

func appendBase64(dst []byte, b []byte) []byte {
	dst = append(dst, '"')
	dst = base64.StdEncoding.AppendEncode(dst, b)

	return append(dst, '"')
}

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it: quotes, backslashes and control characters; <, > and & (its
// HTML escaping); U+2028 and U+2029; invalid UTF-8 becomes U+FFFD.
func AppendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0

	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}

			dst = append(dst, s[start:i]...)

			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}

			i++
			start = i

			continue
		}

		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i

			continue
		}

		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i

			continue
		}

		i += size
	}

	dst = append(dst, s[start:]...)

	return append(dst, '"')
}

// appendStoredItemJSON writes a stored item as AppendItemJSON writes its
// wire form (mapTypesMapToAttributeValue), without building the wire form:
// a snapshot of a few hundred thousand items spent most of its time
// allocating those values. Scalars go through AttributeValue.AppendJSON on
// a value that stays on the stack; lists and maps recurse here.
func appendStoredItemJSON(dst []byte, item map[string]*types.Item) []byte {
	names := make([]string, 0, len(item))
	for name := range item {
		names = append(names, name)
	}

	slices.Sort(names)
	dst = append(dst, '{')

	for i, name := range names {
		if i > 0 {
			dst = append(dst, ',')
		}

		dst = AppendJSONString(dst, name)
		dst = append(dst, ':')
		dst = appendStoredValueJSON(dst, item[name])
	}

	return append(dst, '}')
}

func appendStoredValueJSON(dst []byte, it *types.Item) []byte {
	if it == nil {
		return append(dst, "null"...)
	}

	if it.L == nil && it.M == nil {
		av := AttributeValue{B: it.B, BOOL: it.BOOL, BS: it.BS, N: it.N, NS: it.NS, NULL: it.NULL, S: it.S, SS: it.SS}

		return av.AppendJSON(dst)
	}

	// A list or a map (alone, as DynamoDB stores them; with other members
	// too, it is written whole through the wire form, in field order).
	if it.L != nil && it.M == nil && it.B == nil && it.BOOL == nil && it.BS == nil && it.N == nil &&
		it.NS == nil && it.NULL == nil && it.S == nil && it.SS == nil {
		dst = append(dst, `{"L":[`...)

		for i, v := range it.L {
			if i > 0 {
				dst = append(dst, ',')
			}

			dst = appendStoredValueJSON(dst, v)
		}

		return append(dst, ']', '}')
	}

	if it.M != nil && it.L == nil && it.B == nil && it.BOOL == nil && it.BS == nil && it.N == nil &&
		it.NS == nil && it.NULL == nil && it.S == nil && it.SS == nil {
		dst = append(dst, `{"M":`...)
		dst = appendStoredItemJSON(dst, it.M)

		return append(dst, '}')
	}

	return mapTypesToAttributeValue(it).AppendJSON(dst)
}
