// Groups: the organisation's tree as the caller sees it (GET /groups,
// parents before children), with create below a group, rename / re-kind /
// move (PATCH /groups/{id} with If-Match from GET /groups/{id}) and delete.
// Managing needs the admin role at the group or above (manage_groups); the
// buttons show only where the caller holds it.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { Link } from '../router.jsx';
import { useSession } from '../session.jsx';
import { invalidateGroups, useGroups } from '../groups.jsx';
import { ConfirmButton, Field, Loading, Notice, Page, Problem, useForm, useIdempotencyKey, useResource } from '../ui.jsx';
import { strongestAt } from './users.jsx';
import './users.css';

const KINDS = ['location', 'department', 'queue', 'team'];
const OTHER = '_other';

/** The kind as a select of the usual ones plus a word of one's own. */
function KindField({ kind, onKind, error }) {
  const usual = KINDS.includes(kind);
  const [own, setOwn] = useState(!usual);
  const options = KINDS.map((k) => ({ value: k, label: k[0].toUpperCase() + k.slice(1) })).concat({ value: OTHER, label: 'Another kind…' });
  return (
    <div class="row">
      <Field
        as="select"
        label="Kind"
        value={own ? OTHER : kind}
        options={options}
        error={own ? '' : error}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setOwn(v === OTHER);
          onKind(v === OTHER ? '' : v);
        }}
      />
      {own ? (
        <Field
          label="Your own kind"
          hint="One word: lower-case letters, digits, - or _ (e.g. region)"
          value={kind}
          onInput={(e) => onKind(e.currentTarget.value)}
          error={error}
          required
        />
      ) : null}
    </div>
  );
}

/** Every group at or below id (a group never moves under itself or its descendants). */
function subtreeOf(id, groups) {
  const out = new Set([id]);
  // groups come parents first, so one pass finds every descendant.
  for (const g of groups) if (g.parentId && out.has(g.parentId)) out.add(g.id);
  return out;
}

function AddGroup({ parent, onDone, onCancel }) {
  const f = useForm({ name: '', kind: 'location' });
  // One Idempotency-Key per attempt; a changed form is a new request.
  const keyFor = useIdempotencyKey();
  const onSubmit = f.submit(async (v) => {
    const body = { name: v.name.trim(), kind: v.kind.trim(), parentId: parent.id };
    const r = await api('/groups', { method: 'POST', body, idempotencyKey: keyFor(body) });
    onDone(`Created ${r.data.name} under ${parent.name}.`);
  });
  return (
    <form class="group-form" onSubmit={onSubmit} aria-label={'New group below ' + parent.name} data-testid="add-group-form" noValidate>
      <Problem error={f.error} shown={['name', 'kind']} />
      <Field label="Name of the new group" required {...f.field('name')} />
      <KindField kind={f.values.kind} onKind={(k) => f.set('kind', k)} error={f.field('kind').error} />
      <div class="form-buttons">
        <button type="submit" disabled={f.busy}>
          Create group
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function EditGroup({ group, groups, byId, me, onDone, onCancel }) {
  // The ETag comes from a fresh read of the group, not from the list.
  const res = useResource(() => api('/groups/' + encodeURIComponent(group.id)), [group.id]);
  if (!res.data) {
    return <div class="group-form">{res.error ? <Problem error={res.error} /> : <Loading />}</div>;
  }
  return <EditGroupForm key={res.etag} current={res.data} etag={res.etag} groups={groups} byId={byId} me={me} onDone={onDone} onCancel={onCancel} reload={res.reload} />;
}

function EditGroupForm({ current, etag, groups, byId, me, onDone, onCancel, reload }) {
  const root = !current.parentId;
  const f = useForm({ name: current.name, kind: current.kind, parentId: current.parentId || '' });
  // A group moves only below a group where the caller is admin, never below itself.
  const inside = subtreeOf(current.id, groups);
  const parents = groups
    .filter((g) => !inside.has(g.id) && strongestAt(me, byId, g.id) === 'admin')
    .map((g) => ({ value: g.id, label: '\u00a0\u00a0'.repeat(g.depth) + g.name }));
  // Staying where it is must always be possible, even below a parent the caller cannot manage or see.
  if (current.parentId && !parents.some((o) => o.value === current.parentId)) {
    parents.unshift({ value: current.parentId, label: byId[current.parentId] ? byId[current.parentId].name : 'Where it is now' });
  }
  const onSubmit = f.submit(async (v) => {
    const body = {};
    if (v.name.trim() !== current.name) body.name = v.name.trim();
    if (!root && v.kind.trim() !== current.kind) body.kind = v.kind.trim();
    if (!root && v.parentId !== current.parentId) body.parentId = v.parentId;
    if (!Object.keys(body).length) return onCancel();
    const r = await api('/groups/' + encodeURIComponent(current.id), { method: 'PATCH', body, ifMatch: etag });
    onDone(body.parentId ? `Moved ${r.data.name} below ${byId[r.data.parentId] ? byId[r.data.parentId].name : 'its new parent'}.` : `Saved ${r.data.name}.`);
  });
  const stale = f.error && f.error.status === 412;
  return (
    <form class="group-form" onSubmit={onSubmit} aria-label={'Change ' + current.name} data-testid="edit-group-form" noValidate>
      <Problem error={f.error} shown={['name', 'kind', 'parentId']} />
      {stale ? (
        <p>
          <button type="button" class="secondary" onClick={reload}>
            Load the latest version
          </button>
        </p>
      ) : null}
      <Field label="Name" required {...f.field('name')} />
      {root ? (
        <p class="hint">This is the organisation's root group: it can be renamed, not moved.</p>
      ) : (
        <>
          <KindField kind={f.values.kind} onKind={(k) => f.set('kind', k)} error={f.field('kind').error} />
          <Field as="select" label="Below" options={parents} {...f.field('parentId')} onInput={undefined} onChange={(e) => f.set('parentId', e.currentTarget.value)} />
        </>
      )}
      <div class="form-buttons">
        <button type="submit" disabled={f.busy}>
          Save group
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function Groups() {
  const { me, can } = useSession();
  const { groups, byId, error, loading } = useGroups();
  const [open, setOpen] = useState(null); // {mode: 'add' | 'edit', id}: one form at a time
  const [notice, setNotice] = useState('');
  const [failed, setFailed] = useState(null); // {id, error} of a refused delete

  const done = (message) => {
    setOpen(null);
    setNotice(message);
    invalidateGroups();
  };
  const openForm = (mode, id) => {
    setFailed(null);
    setNotice('');
    setOpen({ mode, id });
  };
  const remove = async (g) => {
    setFailed(null);
    setNotice('');
    try {
      await api('/groups/' + encodeURIComponent(g.id), { method: 'DELETE' });
      done(`Deleted ${g.name}.`);
    } catch (e) {
      setFailed({ id: g.id, error: e });
    }
  };

  // Children by parent; the top is every group whose parent the caller does not see.
  const kids = {};
  for (const g of groups) {
    const p = g.parentId && byId[g.parentId] ? g.parentId : '';
    (kids[p] = kids[p] || []).push(g);
  }
  const mayManage = can('manage_groups');

  const node = (g) => {
    const manage = mayManage && strongestAt(me, byId, g.id) === 'admin';
    const isOpen = (mode) => open && open.id === g.id && open.mode === mode;
    const below = kids[g.id] || [];
    return (
      <li class="group-node" key={g.id} data-testid={'group-node-' + g.id}>
        <div class="group-line">
          <span class="group-name">{g.name}</span>
          <span class="group-kind">{g.kind}</span>
          {can('view_users') ? (
            <Link href={'/users?group=' + encodeURIComponent(g.id)}>
              Users<span class="sr-only"> of {g.name}</span>
            </Link>
          ) : null}
          {manage ? (
            <span class="group-actions">
              <button type="button" class="secondary" onClick={() => openForm('add', g.id)} aria-expanded={isOpen('add') ? 'true' : 'false'}>
                Add group below
              </button>
              <button type="button" class="secondary" onClick={() => openForm('edit', g.id)} aria-expanded={isOpen('edit') ? 'true' : 'false'}>
                Rename or move
              </button>
              {g.parentId ? <ConfirmButton label="Delete group" onConfirm={() => remove(g)} /> : null}
            </span>
          ) : null}
        </div>
        {failed && failed.id === g.id ? <Problem error={failed.error} /> : null}
        {isOpen('add') ? <AddGroup parent={g} onDone={done} onCancel={() => setOpen(null)} /> : null}
        {isOpen('edit') ? <EditGroup group={g} groups={groups} byId={byId} me={me} onDone={done} onCancel={() => setOpen(null)} /> : null}
        {below.length ? <ul>{below.map(node)}</ul> : null}
      </li>
    );
  };

  return (
    <Page title="Groups">
      <p class="muted">
        Locations, departments, queues and teams. A role at a group reaches every group below it.
        {mayManage ? '' : ' Only an admin can change the groups.'}
      </p>
      <Notice>{notice}</Notice>
      {error ? <Problem error={error} /> : null}
      {loading ? <Loading /> : null}
      <div class="panel">
        <ul class="group-tree" data-testid="group-tree">
          {(kids[''] || []).map(node)}
        </ul>
      </div>
    </Page>
  );
}
