package core

import (
	"maps"
	"strings"
	"time"

	"github.com/truora/minidyn/types"
)

type indexType string

const (
	indexTypeGlobal indexType = "global"
	indexTypeLocal  indexType = "local"
)

type index struct {
	keySchema keySchema
	// entries holds one entry per item in the index, sorted by index key
	// and then by table key (patched: kept sorted incrementally, replacing
	// upstream's sortedKeys + per-query sortedRefs).
	entries    *sortedList[indexEntry]
	typ        indexType
	projection *types.Projection
	Table      *Table
	refs       map[string]string // table key -> index key, for items in the index
	createdAt  time.Time
}

// indexEntry is one item of an index: its index key and its table key.
type indexEntry struct {
	key string // index key
	ref string // table key
}

func (e indexEntry) less(o indexEntry) bool {
	return e.key < o.key || (e.key == o.key && e.ref < o.ref)
}

func compareIndexEntries(a, b indexEntry) int {
	if c := strings.Compare(a.key, b.key); c != 0 {
		return c
	}

	return strings.Compare(a.ref, b.ref)
}

func newIndex(t *Table, typ indexType, ks keySchema) *index {
	ks.Secondary = true

	return &index{
		keySchema: ks,
		entries:   newSortedList(compareIndexEntries),
		typ:       typ,
		Table:     t,
		refs:      map[string]string{},
	}
}

func (i *index) Clear() {
	i.entries = newSortedList(compareIndexEntries)
	i.refs = map[string]string{}
}

type indexSnapshot struct {
	entries *sortedList[indexEntry]
	refs    map[string]string
}

func (i *index) snapshot() indexSnapshot {
	refs := make(map[string]string, len(i.refs))
	maps.Copy(refs, i.refs)

	return indexSnapshot{entries: i.entries.Clone(), refs: refs}
}

func (i *index) restore(s indexSnapshot) {
	i.entries = s.entries
	i.refs = s.refs
}

// set makes the index reflect item, stored under table key key: the item
// enters, moves within or leaves the index (sparse indexes). It replaces
// upstream's putData/updateData, which re-sorted the whole key list and
// left stale entries behind when an item lost its index key.
func (i *index) set(key string, item map[string]*types.Item) error {
	indexKey, err := i.keySchema.GetKey(i.Table.AttributesDef, item)
	if err != nil {
		return err
	}

	old, exists := i.refs[key]
	if exists && old == indexKey {
		return nil
	}

	if exists {
		i.removeEntry(indexEntry{key: old, ref: key})
		delete(i.refs, key)
	}

	if indexKey == "" {
		return nil
	}

	i.refs[key] = indexKey
	e := indexEntry{key: indexKey, ref: key}
	i.entries.Insert(e)

	return nil
}

func (i *index) removeEntry(e indexEntry) {
	i.entries.Delete(e)
}

func (i *index) putData(key string, item map[string]*types.Item) error {
	return i.set(key, item)
}

func (i *index) updateData(key string, item, _ map[string]*types.Item) error {
	return i.set(key, item)
}

// delete removes the item stored under table key key from the index.
func (i *index) delete(key string, _ map[string]*types.Item) error {
	if old, ok := i.refs[key]; ok {
		i.removeEntry(indexEntry{key: old, ref: key})
		delete(i.refs, key)
	}

	return nil
}

// ProjectItem returns the attributes visible through this index's projection (ALL, KEYS_ONLY, INCLUDE).
// For ALL or unknown types, it returns a full shallow copy of the item.
func (i *index) ProjectItem(item map[string]*types.Item) map[string]*types.Item {
	if i == nil || i.projection == nil {
		return copyItem(item)
	}

	pt := ""
	if i.projection.ProjectionType != nil {
		pt = *i.projection.ProjectionType
	}

	switch pt {
	case "", "ALL":
		return copyItem(item)
	case "KEYS_ONLY":
		return i.projectKeysOnly(item)
	case "INCLUDE":
		return i.projectInclude(item)
	default:
		return copyItem(item)
	}
}

func (i *index) projectKeysOnly(item map[string]*types.Item) map[string]*types.Item {
	out := make(map[string]*types.Item)
	maps.Copy(out, i.Table.KeySchema.getKeyItem(item))
	maps.Copy(out, i.keySchema.getKeyItem(item))

	return out
}

func (i *index) projectInclude(item map[string]*types.Item) map[string]*types.Item {
	out := i.projectKeysOnly(item)

	for _, namePtr := range i.projection.NonKeyAttributes {
		if namePtr == nil {
			continue
		}

		name := *namePtr
		if v, ok := item[name]; ok {
			out[name] = v
		}
	}

	return out
}

func (i *index) count() int64 {
	return int64(i.entries.Len())
}
