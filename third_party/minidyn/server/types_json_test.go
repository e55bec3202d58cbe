package server

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// refTree is what encoding/json is given for av in the reference: a tree of
// maps (encoding/json sorts map keys, and the AttributeValue members sort
// in field order) with the same members left out.
func refTree(av *AttributeValue) any {
	if av == nil {
		return nil
	}

	switch {
	case av.L != nil && len(av.L) == 0:
		return map[string]any{"L": []any{}}
	case av.M != nil && len(av.M) == 0:
		return map[string]any{"M": map[string]any{}}
	case av.B != nil && len(av.B) == 0:
		return map[string]any{"B": ""}
	}

	m := map[string]any{}
	if len(av.B) > 0 {
		m["B"] = av.B
	}

	if av.BOOL != nil {
		m["BOOL"] = *av.BOOL
	}

	if len(av.BS) > 0 {
		m["BS"] = av.BS
	}

	if len(av.L) > 0 {
		l := []any{}
		for _, v := range av.L {
			l = append(l, refTree(v))
		}

		m["L"] = l
	}

	if len(av.M) > 0 {
		mm := map[string]any{}
		for k, v := range av.M {
			mm[k] = refTree(v)
		}

		m["M"] = mm
	}

	if av.N != nil {
		m["N"] = *av.N
	}

	if len(av.NS) > 0 {
		m["NS"] = av.NS
	}

	if av.NULL != nil {
		m["NULL"] = *av.NULL
	}

	if av.S != nil {
		m["S"] = *av.S
	}

	if len(av.SS) > 0 {
		m["SS"] = av.SS
	}

	return m
}

var jsonPieces = []string{"a", "Zz", "0", " ", "\x00", "\x1f", "\x7f", "\"", "\\", "/", "<", ">", "&", "\b", "\f", "\n", "\r", "\t",
	"\u2028", "\u2029", "é", "日本", "😀", "\xff", "\xe2\x82", "\ufffd", "%", "+1201"}

func randString(r *rand.Rand) string {
	s := ""
	for range r.IntN(6) {
		s += jsonPieces[r.IntN(len(jsonPieces))]
	}

	return s
}

func randValue(r *rand.Rand, depth int) *AttributeValue {
	str := func() *string { s := randString(r); return &s }
	strs := func() []*string {
		out := []*string{}
		for range r.IntN(4) {
			out = append(out, str())
		}

		return out
	}
	bin := func() []byte {
		b := make([]byte, r.IntN(5))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}

		return b
	}
	t := true
	f := false

	av := &AttributeValue{}
	// Usually one type, sometimes several or none: the encoder must write
	// whatever the struct holds, as encoding/json did.
	for range 1 + r.IntN(2) {
		switch r.IntN(10) {
		case 0:
			av.S = str()
		case 1:
			av.N = str()
		case 2:
			av.B = bin()
		case 3:
			av.BOOL = []*bool{&t, &f}[r.IntN(2)]
		case 4:
			av.NULL = &t
		case 5:
			av.SS = strs()
		case 6:
			av.NS = strs()
		case 7:
			for range r.IntN(3) {
				av.BS = append(av.BS, bin())
			}
		case 8:
			av.L = []*AttributeValue{}
			for range r.IntN(3) * min(depth, 1) {
				av.L = append(av.L, randValue(r, depth-1))
			}
		case 9:
			av.M = map[string]*AttributeValue{}
			for range r.IntN(3) * min(depth, 1) {
				av.M[randString(r)] = randValue(r, depth-1)
			}
		}
	}

	return av
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))

	for i := range 20000 {
		item := map[string]*AttributeValue{}
		for range 1 + r.IntN(4) {
			item[randString(r)] = randValue(r, 3)
		}

		want := map[string]any{}
		for k, v := range item {
			want[k] = refTree(v)
		}

		wantJSON, err := json.Marshal(want)
		require.NoError(t, err)
		require.Equal(t, string(wantJSON), string(AppendItemJSON(nil, item)), "item %d", i)

		// from the stored form, as snapshots are written
		stored := StoredItem{mapAttributeValueMapToTypes(item)}
		require.Equal(t, string(wantJSON), string(stored.AppendJSON(nil)), "item %d stored", i)

		// through encoding/json, as responses are written
		gotJSON, err := json.Marshal(item)
		require.NoError(t, err)
		require.Equal(t, string(wantJSON), string(gotJSON), "item %d via json.Marshal", i)
	}
}
