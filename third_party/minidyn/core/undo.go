package core

// Patched (not in upstream minidyn v0.8.2): transactions roll back with an
// undo log of the items they touch instead of a deep copy of every table
// they name (Snapshot/Restore, still available).

import (
	"slices"

	"github.com/truora/minidyn/types"
)

type undoRecord struct {
	key     string
	item    map[string]*types.Item // deep copy of the item before the first write
	existed bool
}

type undoLog struct {
	records []undoRecord
	seen    map[string]bool
}

// BeginUndo starts recording the state of every item the table changes
// until Rollback or EndUndo.
func (t *Table) BeginUndo() {
	t.undo = &undoLog{seen: map[string]bool{}}
}

// EndUndo stops recording and keeps the changes.
func (t *Table) EndUndo() {
	t.undo = nil
}

// Rollback undoes every change since BeginUndo, in the table and its
// indexes, and stops recording.
func (t *Table) Rollback() {
	u := t.undo
	t.undo = nil

	if u == nil {
		return
	}

	for _, r := range slices.Backward(u.records) {
		if r.existed {
			t.setItem(r.key, r.item)

			for _, idx := range t.Indexes {
				_ = idx.set(r.key, r.item) // the item was indexed before: its keys are valid
			}

			continue
		}

		delete(t.Data, r.key)

		t.SortedKeys.Delete(r.key)

		for _, idx := range t.Indexes {
			_ = idx.delete(r.key, nil)
		}
	}
}

// remember records the item stored under key before its first change since
// BeginUndo.
func (t *Table) remember(key string) {
	if t.undo == nil || t.undo.seen[key] {
		return
	}

	t.undo.seen[key] = true
	item, ok := t.Data[key]
	t.undo.records = append(t.undo.records, undoRecord{key: key, item: deepCopyItemMap(item), existed: ok})
}
