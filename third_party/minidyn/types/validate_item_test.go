package types

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestValidateItemAttributeValue_nil(t *testing.T) {
	t.Parallel()

	require.NoError(t, ValidateItemAttributeValue(nil))
}

func TestValidateItemAttributeValue_stringSet(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name    string
		item    *Item
		wantErr string
	}{
		{
			name: "unique SS",
			item: &Item{SS: []*string{new("a"), new("b")}},
		},
		{
			name:    "empty SS",
			item:    &Item{SS: []*string{}},
			wantErr: "One or more parameter values were invalid: An string set  may not be empty",
		},
		{
			name:    "nil SS slice (no type set)",
			item:    &Item{SS: nil},
			wantErr: "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
		},
		{
			name:    "duplicate SS top-level",
			item:    &Item{SS: []*string{new("x"), new("y"), new("x")}},
			wantErr: "One or more parameter values were invalid: Input collection [x, y, x] contains duplicates.",
		},
		{
			name:    "duplicate SS via nil pointers (empty string)",
			item:    &Item{SS: []*string{nil, nil}},
			wantErr: "One or more parameter values were invalid: Input collection [, ] contains duplicates.",
		},
		{
			name: "nested duplicate SS inside M",
			item: &Item{M: map[string]*Item{
				"inner": {SS: []*string{new("p"), new("p")}},
			}},
			wantErr: "One or more parameter values were invalid: Input collection [p, p] contains duplicates.",
		},
		{
			name: "nested duplicate SS inside L",
			item: &Item{L: []*Item{
				{S: new("skip")},
				{SS: []*string{new("a"), new("b"), new("a")}},
			}},
			wantErr: "One or more parameter values were invalid: Input collection [a, b, a] contains duplicates.",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			err := ValidateItemAttributeValue(tt.item)
			if tt.wantErr == "" {
				require.NoError(t, err)

				return
			}

			require.Error(t, err)
			require.Equal(t, tt.wantErr, err.Error())
		})
	}
}

func TestValidateItemAttributeValue_numberSet(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name    string
		item    *Item
		wantErr string
	}{
		{
			name: "unique NS wire strings",
			item: &Item{NS: []*string{new("1"), new("1.0")}},
		},
		{
			name:    "duplicate NS compares wire encoding only",
			item:    &Item{NS: []*string{new("42"), new("42")}},
			wantErr: "One or more parameter values were invalid: Input collection [42, 42] contains duplicates.",
		},
		{
			name:    "empty NS",
			item:    &Item{NS: []*string{}},
			wantErr: "One or more parameter values were invalid: An number set  may not be empty",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			err := ValidateItemAttributeValue(tt.item)
			if tt.wantErr == "" {
				require.NoError(t, err)

				return
			}

			require.Error(t, err)
			require.Equal(t, tt.wantErr, err.Error())
		})
	}
}

func TestValidateItemAttributeValue_binarySet(t *testing.T) {
	t.Parallel()

	dup := []byte{1, 2, 3}

	tests := []struct {
		name    string
		item    *Item
		wantErr string
	}{
		{
			name: "unique BS",
			item: &Item{BS: [][]byte{{1}, {2}}},
		},
		{
			name:    "duplicate BS same bytes",
			item:    &Item{BS: [][]byte{dup, {9}, dup}},
			wantErr: "One or more parameter values were invalid: Input collection [AQID, CQ==, AQID] contains duplicates.",
		},
		{
			name:    "empty BS",
			item:    &Item{BS: [][]byte{}},
			wantErr: "One or more parameter values were invalid: Binary sets should not be empty",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			err := ValidateItemAttributeValue(tt.item)
			if tt.wantErr == "" {
				require.NoError(t, err)

				return
			}

			require.Error(t, err)
			require.Equal(t, tt.wantErr, err.Error())
		})
	}
}

func TestValidateItemMap(t *testing.T) {
	t.Parallel()

	require.NoError(t, ValidateItemMap(nil))
	require.NoError(t, ValidateItemMap(map[string]*Item{}))
	require.NoError(t, ValidateItemMap(map[string]*Item{
		"k": {SS: []*string{new("only")}},
	}))

	err := ValidateItemMap(map[string]*Item{
		"colors": {SS: []*string{new("red"), new("red")}},
	})
	require.Error(t, err)
	require.Equal(t,
		"One or more parameter values were invalid: Input collection [red, red] contains duplicates.",
		err.Error())
}

// Patched: the shapes DynamoDB refuses on every request (PATCHES.md, change 8).
func TestValidateItemAttributeValue_shape(t *testing.T) {
	t.Parallel()

	yes, no := true, false
	tests := []struct {
		name    string
		item    *Item
		wantErr string
	}{
		{name: "no type set", item: &Item{}, wantErr: ErrEmptyAttributeValue.Error()},
		{name: "two types set", item: &Item{S: new("a"), N: new("1")}, wantErr: ErrMultiTypeAttributeValue.Error()},
		{name: "NULL false", item: &Item{NULL: &no}, wantErr: ErrNullNotTrue.Error()},
		{name: "NULL true", item: &Item{NULL: &yes}},
		{name: "empty string", item: &Item{S: new("")}},
		{name: "empty binary", item: &Item{B: []byte{}}},
		{name: "empty list", item: &Item{L: []*Item{}}},
		{name: "empty map", item: &Item{M: map[string]*Item{}}},
		{name: "empty value inside a map", item: &Item{M: map[string]*Item{"x": {}}}, wantErr: ErrEmptyAttributeValue.Error()},
		{name: "empty set inside a list", item: &Item{L: []*Item{{SS: []*string{}}}}, wantErr: ErrEmptyStringSet.Error()},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			err := ValidateItemAttributeValue(tt.item)
			if tt.wantErr == "" {
				require.NoError(t, err)

				return
			}

			require.EqualError(t, err, tt.wantErr)
		})
	}
}

func TestValidateExpressionAttributeValuesNamesTheKey(t *testing.T) {
	t.Parallel()

	err := ValidateExpressionAttributeValues(map[string]*Item{":ok": {S: new("a")}, ":v": {SS: []*string{}}})
	require.EqualError(t, err, "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v")
}
