package functions_test

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"
)

// The analysis on two small programs (functions/testdata/awscalls): what
// it must follow, and what it must not count.
func TestAWSAnalysis(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	uses, err := analyseAWSUses(root, "./functions/testdata/awscalls/...")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("follows paginators, transactions, callbacks from code without bodies and standard interfaces", func(t *testing.T) {
		use := uses["reaches"]
		for _, op := range []string{"dynamodb.Query", "dynamodb.GetItem", "dynamodb.TransactWriteItems", "s3.GetObject"} {
			if !use.Ops[op] {
				t.Errorf("%s not found; found %v", op, slices.Sorted(maps.Keys(use.Ops)))
			}
		}
		for _, f := range []string{"dynamodb.QueryInput.IndexName", "dynamodb/types.TransactWriteItem.Put", "dynamodb/types.TransactWriteItem.ConditionCheck"} {
			if !use.Fields[f] {
				t.Errorf("field %s not found", f)
			}
		}
		if use.Fields["dynamodb/types.TransactWriteItem.Delete"] {
			t.Error("TransactWriteItem.Delete is never set, but was found")
		}
	})
	t.Run("counts only what main reaches", func(t *testing.T) {
		if got := slices.Sorted(maps.Keys(uses["precise"].Ops)); !slices.Equal(got, []string{"dynamodb.PutItem"}) {
			t.Errorf("ops %v; want only dynamodb.PutItem (DeleteItem's type never becomes a saver, Scan's function is never called)", got)
		}
	})
}
