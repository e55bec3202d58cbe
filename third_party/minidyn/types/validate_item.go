package types

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// ValidateItemAttributeValue walks an attribute value, including nested List (L) and Map (M)
// entries, and returns an error when any String Set (SS), Number Set (NS), or Binary Set (BS)
// contains duplicate members. The error message matches the DynamoDB ValidationException body:
// Callers typically wrap the result with NewError("ValidationException", msg, nil).
//
// Nil av is valid. NS duplicates are detected by exact wire string equality of each element
// (e.g. "1" and "1.0" are not duplicates). SS uses the same string comparison as StringValue.
// BS duplicates use bytes.Equal (nil and empty slices compare equal).
func ValidateItemAttributeValue(av *Item) error {
	if av == nil {
		return nil
	}

	// Patched: the shape checks below (one data type set, NULL true, no
	// empty set) are refused by DynamoDB on every request; upstream stored
	// such values, and a stored one broke every later Query that met it.
	if err := validateItemShape(av); err != nil {
		return err
	}

	if err := validateItemScalarSets(av); err != nil {
		return err
	}

	return validateItemNested(av)
}

func validateItemScalarSets(av *Item) error {
	if err := validateStringSet(av.SS); err != nil {
		return err
	}

	if err := validateNumberSet(av.NS); err != nil {
		return err
	}

	return validateBinarySet(av.BS)
}

func validateItemNested(av *Item) error {
	for _, elem := range av.L {
		if err := ValidateItemAttributeValue(elem); err != nil {
			return err
		}
	}

	for _, v := range av.M {
		if err := ValidateItemAttributeValue(v); err != nil {
			return err
		}
	}

	return nil
}

// DynamoDB's messages for attribute values it refuses whatever the request.
//
//nolint:revive,staticcheck // error-strings / ST1005 — messages aligned with AWS.
var (
	ErrEmptyAttributeValue     = errors.New("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
	ErrMultiTypeAttributeValue = errors.New("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
	ErrNullNotTrue             = errors.New("One or more parameter values were invalid: Null attribute value types must have the value of true")
	ErrEmptyStringSet          = errors.New("One or more parameter values were invalid: An string set  may not be empty")
	ErrEmptyNumberSet          = errors.New("One or more parameter values were invalid: An number set  may not be empty")
	ErrEmptyBinarySet          = errors.New("One or more parameter values were invalid: Binary sets should not be empty")
)

// TypeOf names the data type av holds ("S", "N", "B", "BOOL", "NULL", "SS",
// "NS", "BS", "L", "M"), or "" when none is set. Use after
// ValidateItemAttributeValue, which refuses values with none or several.
func TypeOf(av *Item) string {
	names := setTypes(av)
	if len(names) == 0 {
		return ""
	}

	return names[0]
}

func setTypes(av *Item) []string {
	var names []string

	add := func(set bool, name string) {
		if set {
			names = append(names, name)
		}
	}
	add(av.S != nil, "S")
	add(av.N != nil, "N")
	add(av.B != nil, "B")
	add(av.BOOL != nil, "BOOL")
	add(av.NULL != nil, "NULL")
	add(av.SS != nil, "SS")
	add(av.NS != nil, "NS")
	add(av.BS != nil, "BS")
	add(av.L != nil, "L")
	add(av.M != nil, "M")

	return names
}

func validateItemShape(av *Item) error {
	switch n := len(setTypes(av)); {
	case n == 0:
		return ErrEmptyAttributeValue
	case n > 1:
		return ErrMultiTypeAttributeValue
	}

	switch {
	case av.NULL != nil && !*av.NULL:
		return ErrNullNotTrue
	case av.SS != nil && len(av.SS) == 0:
		return ErrEmptyStringSet
	case av.NS != nil && len(av.NS) == 0:
		return ErrEmptyNumberSet
	case av.BS != nil && len(av.BS) == 0:
		return ErrEmptyBinarySet
	}

	return nil
}

// ValidateExpressionAttributeValues is ValidateItemMap for
// ExpressionAttributeValues, with DynamoDB's wording that names the
// placeholder.
func ValidateExpressionAttributeValues(m map[string]*Item) error {
	for k, v := range m {
		if v == nil {
			continue
		}

		if err := ValidateItemAttributeValue(v); err != nil {
			return fmt.Errorf("ExpressionAttributeValues contains invalid value: %w for key %s", err, k)
		}
	}

	return nil
}

// ValidateItemMap runs ValidateItemAttributeValue on every value in m.
// Nil or empty maps are valid.
func ValidateItemMap(m map[string]*Item) error {
	if m == nil {
		return nil
	}

	for _, v := range m {
		if err := ValidateItemAttributeValue(v); err != nil {
			return err
		}
	}

	return nil
}

func duplicateCollectionError(displayParts []string) error {
	inner := strings.Join(displayParts, ", ")

	// Wording matches DynamoDB ValidationException; linters prefer generic Go error style.
	//nolint:revive,staticcheck // error-strings / ST1005 — message aligned with AWS.
	return fmt.Errorf("One or more parameter values were invalid: Input collection [%s] contains duplicates.", inner)
}

func validateStringSet(ss []*string) error {
	if len(ss) < 2 {
		return nil
	}

	parts := make([]string, len(ss))
	for i, p := range ss {
		parts[i] = StringValue(p)
	}

	seen := make(map[string]struct{}, len(parts))
	for _, v := range parts {
		if _, ok := seen[v]; ok {
			return duplicateCollectionError(parts)
		}

		seen[v] = struct{}{}
	}

	return nil
}

func validateNumberSet(ns []*string) error {
	if len(ns) < 2 {
		return nil
	}

	// Duplicates follow DynamoDB wire encoding: compared as the exact string sent for each N.
	parts := make([]string, len(ns))
	for i, p := range ns {
		parts[i] = StringValue(p)
	}

	seen := make(map[string]struct{}, len(parts))
	for _, v := range parts {
		if _, ok := seen[v]; ok {
			return duplicateCollectionError(parts)
		}

		seen[v] = struct{}{}
	}

	return nil
}

func validateBinarySet(bs [][]byte) error {
	if len(bs) < 2 {
		return nil
	}

	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = base64.StdEncoding.EncodeToString(b)
	}

	for i := range bs {
		for j := i + 1; j < len(bs); j++ {
			if bytes.Equal(bs[i], bs[j]) {
				return duplicateCollectionError(parts)
			}
		}
	}

	return nil
}
