package server

import "encoding/json"

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
	switch {
	case av.L != nil && len(av.L) == 0:
		return []byte(`{"L":[]}`), nil
	case av.M != nil && len(av.M) == 0:
		return []byte(`{"M":{}}`), nil
	case av.B != nil && len(av.B) == 0:
		return []byte(`{"B":""}`), nil
	}

	type plain AttributeValue // without this method

	return json.Marshal(plain(av))
}
