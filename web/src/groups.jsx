// The organisation's groups as the signed-in user sees them (GET /groups,
// parents before children), shared by every page that picks a group.
import { useEffect, useState } from 'preact/hooks';
import { fetchAll } from './api.js';
import { Field } from './ui.jsx';

let cache = null; // {promise, at}
const subscribers = new Set();

/** Forgets the cached groups (after a create, rename, move or delete). */
export function invalidateGroups() {
  cache = null;
  subscribers.forEach((f) => f());
}

/**
 * {groups, byId, error, loading}: every group the user sees, each with
 * depth (0 for the top ones the user sees) and path ("Acme › North › Sales").
 */
export function useGroups() {
  const [state, setState] = useState({ groups: [], byId: {}, error: null, loading: true });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const f = () => setVersion((v) => v + 1);
    subscribers.add(f);
    return () => subscribers.delete(f);
  }, []);
  useEffect(() => {
    if (!cache) cache = fetchAll('/groups', {}, 500, Infinity);
    let live = true;
    cache.then(
      (items) => {
        if (!live) return;
        const byId = {};
        for (const g of items) {
          const parent = g.parentId && byId[g.parentId];
          byId[g.id] = { ...g, depth: parent ? parent.depth + 1 : 0, path: parent ? parent.path + ' › ' + g.name : g.name };
        }
        setState({ groups: items.map((g) => byId[g.id]), byId, error: null, loading: false });
      },
      (error) => {
        cache = null;
        if (live) setState({ groups: [], byId: {}, error, loading: false });
      },
    );
    return () => {
      live = false;
    };
  }, [version]);
  return state;
}

/** A select of groups, indented by depth. `empty` adds a first choice with that label and value "". */
export function GroupSelect({ label = 'Group', empty, value, onChange, error, ...props }) {
  const { groups } = useGroups();
  const options = (empty ? [{ value: '', label: empty }] : []).concat(
    groups.map((g) => ({ value: g.id, label: '\u00a0\u00a0'.repeat(g.depth) + g.name + (g.kind && g.kind !== 'organisation' ? ` (${g.kind})` : '') })),
  );
  return <Field as="select" label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} options={options} error={error} {...props} />;
}
