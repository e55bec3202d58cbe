package core

// Patched (see PATCHES.md, "Writes refused as DynamoDB refuses them"):
// upstream stored items DynamoDB itself refuses (a key attribute of the wrong
// type or empty, an index key attribute empty or of the wrong type, an item
// over 400 KB). The messages are DynamoDB's own.

import (
	"fmt"
	"sort"

	"github.com/truora/minidyn/types"
)

// MaxItemSize is DynamoDB's limit on an item: 400 KB, attribute names included.
const MaxItemSize = 400 * 1024

//nolint:revive,staticcheck // error-strings / ST1005 — messages aligned with AWS.
const (
	msgItemTooLarge      = "Item size has exceeded the maximum allowed size"
	msgUpdateTooLarge    = "Item size to update has exceeded the maximum allowed size"
	msgKeyNotMatchSchema = "The provided key element does not match the schema"
	msgMissingKey        = "One or more parameter values were invalid: Missing the key %s in the item"
	msgKeyTypeMismatch   = "One or more parameter values were invalid: Type mismatch for key %s expected: %s actual: %s"
	msgKeyEmpty          = "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty %s value. Key: %s"
	msgIndexKeyMismatch  = "One or more parameter values were invalid: Type mismatch for Index Key %s Expected: %s Actual: %s IndexName: %s"
	msgHashKeyTooLarge   = "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"
	msgRangeKeyTooLarge  = "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
	msgIndexKeyTooLarge  = "One or more parameter values were invalid: Size limit exceeded for Index Key %s Actual Size: %d bytes Max Size: %d bytes IndexName: %s"
	msgIndexKeyEmpty     = "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty %s value. IndexName: %s, IndexKey: %s"
)

// Key size limits: 2048 bytes for a partition key, 1024 for a sort key.
const (
	maxHashKeySize  = 2048
	maxRangeKeySize = 1024
)

func (ks keySchema) maxSize(attr string) int {
	if attr == ks.HashKey {
		return maxHashKeySize
	}

	return maxRangeKeySize
}

// tableKeyTooLarge returns DynamoDB's error for a table key value over its limit.
func (t *Table) tableKeyTooLarge(name string, av *types.Item) error {
	if valueSize(av) <= t.KeySchema.maxSize(name) {
		return nil
	}

	if name == t.KeySchema.HashKey {
		return validationError(msgHashKeyTooLarge)
	}

	return validationError(msgRangeKeyTooLarge)
}

func validationError(format string, args ...any) error {
	return types.NewError("ValidationException", fmt.Sprintf(format, args...), nil)
}

// emptyKind says "string" or "binary" when av is an empty S or B, else "".
func emptyKind(av *types.Item) string {
	switch {
	case av.S != nil && *av.S == "":
		return "string"
	case av.B != nil && len(av.B) == 0:
		return "binary"
	}

	return ""
}

func (ks keySchema) attributes() []string {
	if ks.RangeKey == "" {
		return []string{ks.HashKey}
	}

	return []string{ks.HashKey, ks.RangeKey}
}

// ValidatePutItem checks an item about to be stored whole (PutItem, a Put in
// BatchWriteItem or TransactWriteItems): its attribute values, the table's
// key attributes (present, of their defined type, not empty), every index key
// attribute it carries (of its type, not empty) and its size.
func (t *Table) ValidatePutItem(item map[string]*types.Item) error {
	if err := types.ValidateItemMap(item); err != nil {
		return types.NewError("ValidationException", err.Error(), nil)
	}

	for _, name := range t.KeySchema.attributes() {
		av, ok := item[name]
		if !ok || av == nil {
			return validationError(msgMissingKey, name)
		}

		want := t.AttributesDef[name]
		if got := types.TypeOf(av); got != want {
			return validationError(msgKeyTypeMismatch, name, want, got)
		}

		if kind := emptyKind(av); kind != "" {
			return validationError(msgKeyEmpty, kind, name)
		}

		if err := t.tableKeyTooLarge(name, av); err != nil {
			return err
		}
	}

	if err := t.validateIndexKeys(item); err != nil {
		return err
	}

	if itemSize(item) > MaxItemSize {
		return validationError(msgItemTooLarge)
	}

	return nil
}

// validateKeyMap checks the Key of UpdateItem and DeleteItem.
func (t *Table) validateKeyMap(key map[string]*types.Item) error {
	for _, name := range t.KeySchema.attributes() {
		av := key[name]
		if av == nil || types.TypeOf(av) != t.AttributesDef[name] {
			return validationError(msgKeyNotMatchSchema)
		}

		if kind := emptyKind(av); kind != "" {
			return validationError(msgKeyEmpty, kind, name)
		}

		if err := t.tableKeyTooLarge(name, av); err != nil {
			return err
		}
	}

	return nil
}

// validateUpdatedItem checks an item as an update expression left it.
func (t *Table) validateUpdatedItem(item map[string]*types.Item) error {
	if err := types.ValidateItemMap(item); err != nil {
		return types.NewError("ValidationException", err.Error(), nil)
	}

	if err := t.validateIndexKeys(item); err != nil {
		return err
	}

	if itemSize(item) > MaxItemSize {
		return validationError(msgUpdateTooLarge)
	}

	return nil
}

func (t *Table) validateIndexKeys(item map[string]*types.Item) error {
	names := make([]string, 0, len(t.Indexes))
	for name := range t.Indexes {
		names = append(names, name)
	}

	sort.Strings(names) // the same index is named whatever the map order

	for _, name := range names {
		for _, attr := range t.Indexes[name].keySchema.attributes() {
			av, ok := item[attr]
			if !ok || av == nil {
				continue // sparse: the item is not in this index
			}

			want := t.AttributesDef[attr]
			if got := types.TypeOf(av); got != want {
				return validationError(msgIndexKeyMismatch, attr, want, got, name)
			}

			if kind := emptyKind(av); kind != "" {
				return validationError(msgIndexKeyEmpty, kind, name, attr)
			}

			ks := t.Indexes[name].keySchema
			if size, limit := valueSize(av), ks.maxSize(attr); size > limit {
				return validationError(msgIndexKeyTooLarge, attr, size, limit, name)
			}
		}
	}

	return nil
}

// dropEmptiedSets removes top-level sets an update left without elements:
// DynamoDB removes an attribute whose last element a DELETE took out.
func dropEmptiedSets(item map[string]*types.Item) {
	for name, av := range item {
		if av == nil {
			continue
		}

		if (av.SS != nil && len(av.SS) == 0) || (av.NS != nil && len(av.NS) == 0) || (av.BS != nil && len(av.BS) == 0) {
			delete(item, name)
		}
	}
}

// itemSize follows DynamoDB's sizing: attribute names plus values; a number
// about one byte per two digits plus one; lists and maps 3 bytes plus one a
// element plus their elements.
func itemSize(item map[string]*types.Item) int {
	n := 0
	for name, av := range item {
		n += len(name) + valueSize(av)
	}

	return n
}

func valueSize(av *types.Item) int {
	if av == nil {
		return 0
	}

	n := 0

	switch {
	case av.S != nil:
		n = len(*av.S)
	case av.N != nil:
		n = numberSize(*av.N)
	case av.B != nil:
		n = len(av.B)
	case av.BOOL != nil, av.NULL != nil:
		n = 1
	case av.SS != nil:
		for _, s := range av.SS {
			n += len(types.StringValue(s))
		}
	case av.NS != nil:
		for _, s := range av.NS {
			n += numberSize(types.StringValue(s))
		}
	case av.BS != nil:
		for _, b := range av.BS {
			n += len(b)
		}
	case av.L != nil:
		n = 3
		for _, e := range av.L {
			n += 1 + valueSize(e)
		}
	case av.M != nil:
		n = 3
		for k, e := range av.M {
			n += 1 + len(k) + valueSize(e)
		}
	}

	return n
}

func numberSize(s string) int {
	digits := 0

	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}

	return (digits+1)/2 + 1
}
