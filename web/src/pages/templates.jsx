// Message templates (GET/POST /templates, PATCH/DELETE /templates/{id}) and
// favourite templates in the user's own order (GET/PUT
// /me/favorite-templates). The favourites editor is shared with the
// Notifications page, where a manager sets another user's favourites (seed 000).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { useSession } from '../session.jsx';
import { useGroups, GroupSelect } from '../groups.jsx';
import { Page, Field, Problem, Notice, Loading, useForm, useResource, usePagedList, More, ConfirmButton, Time, useIdempotencyKey } from '../ui.jsx';
import './settings.css';

const PLACEHOLDERS = '{{firstName}}, {{lastName}}, {{company}}, {{userFirstName}}';

/** Every template the caller may read (all pages), for pickers. */
export function useAllTemplates() {
  return useResource(async () => {
    const items = [];
    let cursor = '';
    do {
      const r = await api('/templates', { query: { limit: 500, cursor } });
      items.push(...(r.data.items || []));
      cursor = r.data.nextCursor || '';
    } while (cursor);
    return { data: items, etag: '' };
  }, []);
}

/**
 * A favourites list at `path` (/me/favorite-templates or
 * /users/{id}/favorite-templates). Changes show at once and are saved in
 * order: quick clicks while a save runs are folded into the next PUT, so
 * the keyboard never waits and the last order wins. A refused save puts the
 * saved order back and keeps the problem (with the list it was about).
 */
export function useFavorites(path) {
  const res = useResource(() => api(path), [path]);
  const [local, setLocal] = useState(null); // the order shown while it differs from the saved one
  const [error, setError] = useState(null);
  const [attempted, setAttempted] = useState([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const etag = useRef('');
  const saved = useRef([]);
  const wanted = useRef(null);
  const running = useRef(false);

  useEffect(() => {
    etag.current = res.etag;
    saved.current = (res.data && res.data.templates) || [];
  }, [res.data, res.etag]);

  const flush = async () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      while (wanted.current) {
        const want = wanted.current;
        wanted.current = null;
        try {
          const r = await api(path, { method: 'PUT', body: { templateIds: want.list.map((t) => t.id) }, ifMatch: etag.current || undefined });
          etag.current = r.etag;
          saved.current = r.data.templates || [];
          res.setData(r.data, r.etag);
          if (!wanted.current) {
            setLocal(null);
            setDone(want.what);
          }
        } catch (e) {
          wanted.current = null;
          setLocal(null);
          setAttempted(want.list);
          setError(e);
        }
      }
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  const list = local || (res.data && res.data.templates) || [];
  /** Shows `next` at once and saves it; `what` is said when saved ("Moved …"). */
  const change = (next, what) => {
    setError(null);
    setDone('');
    setLocal(next);
    wanted.current = { list: next, what };
    flush();
  };
  return { list, loading: res.loading, loadError: res.error, error, attempted, busy, done, change, reload: res.reload };
}

/** Moves item `from` to index `to` of a copy of list. */
function moved(list, from, to) {
  const next = list.slice();
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x);
  return next;
}

/**
 * The favourites in order: drag and drop, or "Move up"/"Move down" with the
 * keyboard (focus follows the moved template), "Remove", and a picker to add
 * one of `templates` (when given).
 */
export function FavoritesEditor({ fav, templates, testid = 'favorites' }) {
  const { list, error, attempted } = fav;
  const [drag, setDrag] = useState(-1);
  const [over, setOver] = useState(-1);
  const [pick, setPick] = useState('');
  const [spoken, setSpoken] = useState('');
  const focusNext = useRef(null); // {id, act}: the button to focus after a move
  const listRef = useRef(null);

  useEffect(() => {
    const f = focusNext.current;
    if (!f || !listRef.current) return;
    focusNext.current = null;
    const li = listRef.current.querySelector(`[data-fav-id="${CSS.escape(f.id)}"]`);
    if (!li) return;
    let b = li.querySelector(`[data-act="${f.act}"]`);
    if (!b || b.disabled) b = li.querySelector(`[data-act="${f.act === 'up' ? 'down' : 'up'}"]`);
    if (b && !b.disabled) b.focus();
  });

  const move = (from, to, act) => {
    if (to < 0 || to >= list.length || from === to) return;
    const t = list[from];
    focusNext.current = act ? { id: t.id, act } : null;
    const msg = `Moved "${t.name}" to position ${to + 1} of ${list.length}.`;
    setSpoken(msg);
    fav.change(moved(list, from, to), msg);
  };
  const remove = (i) => {
    const t = list[i];
    setSpoken(`Removed "${t.name}" from the favourites.`);
    fav.change(
      list.filter((_, j) => j !== i),
      `Removed "${t.name}" from the favourites.`,
    );
  };
  const candidates = (templates || []).filter((t) => !list.some((f) => f.id === t.id));
  const add = (e) => {
    e.preventDefault();
    const t = candidates.find((x) => x.id === pick) || candidates[0];
    if (!t) return;
    setPick('');
    fav.change([...list, t], `Added "${t.name}" to the favourites.`);
  };

  // templateIds[i] names a position in the list that was sent: say which template.
  const named = error
    ? error.errors
        .filter((e) => /^templateIds\[\d+\]$/.test(e.field || ''))
        .map((e) => {
          const i = Number(e.field.slice(12, -1));
          return { key: e.field, text: `${attempted[i] ? attempted[i].name : e.field}: ${e.message}` };
        })
    : [];

  if (fav.loading && !list.length && !fav.loadError) return <Loading />;
  return (
    <div data-testid={testid}>
      <Problem error={fav.loadError} />
      {error ? (
        <div>
          <Problem error={error} shown={named.length ? ['templateIds'] : []} />
          {named.length ? (
            <ul class="error">
              {named.map((n) => (
                <li key={n.key}>{n.text}</li>
              ))}
            </ul>
          ) : null}
          <p class="muted">The favourites were not changed.</p>
        </div>
      ) : null}
      {list.length ? (
        <ol class="favorites" ref={listRef} aria-label="Favourite templates, in order" data-testid={testid + '-list'}>
          {list.map((t, i) => (
            <li
              key={t.id}
              data-fav-id={t.id}
              draggable
              class={(drag === i ? 'dragging ' : '') + (over === i && drag !== i ? 'drop-target' : '')}
              onDragStart={(e) => {
                setDrag(i);
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', t.id);
              }}
              onDragOver={(e) => {
                if (drag < 0) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                if (over !== i) setOver(i);
              }}
              onDragLeave={() => over === i && setOver(-1)}
              onDrop={(e) => {
                e.preventDefault();
                const from = drag;
                setDrag(-1);
                setOver(-1);
                if (from >= 0) move(from, i, null);
              }}
              onDragEnd={() => {
                setDrag(-1);
                setOver(-1);
              }}
            >
              <span class="grip" aria-hidden="true">
                ⠿
              </span>
              <span class="fav-name">{t.name}</span>
              <button type="button" class="secondary small" data-act="up" disabled={i === 0} onClick={() => move(i, i - 1, 'up')}>
                Move up<span class="sr-only"> {t.name}</span>
              </button>
              <button type="button" class="secondary small" data-act="down" disabled={i === list.length - 1} onClick={() => move(i, i + 1, 'down')}>
                Move down<span class="sr-only"> {t.name}</span>
              </button>
              <button type="button" class="secondary small" data-act="remove" onClick={() => remove(i)}>
                Remove<span class="sr-only"> {t.name} from the favourites</span>
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted" data-testid={testid + '-empty'}>
          No favourite templates yet.
        </p>
      )}
      <p class="hint">Drag a template to reorder, or use Move up and Move down.</p>
      <p class="sr-only" aria-live="polite">
        {spoken}
      </p>
      <p role="status" class="muted" data-testid={testid + '-status'}>
        {fav.busy ? 'Saving…' : fav.done ? 'Favourites saved.' : ''}
      </p>
      {templates ? (
        <form class="row" onSubmit={add}>
          <Field
            as="select"
            label="Add a favourite"
            value={pick || (candidates[0] ? candidates[0].id : '')}
            onChange={(e) => setPick(e.currentTarget.value)}
            options={candidates.length ? candidates.map((t) => ({ value: t.id, label: t.name })) : [{ value: '', label: 'Every template is a favourite' }]}
            data-testid={testid + '-pick'}
          />
          <div class="buttons">
            <button type="submit" class="secondary" disabled={!candidates.length || list.length >= 50}>
              Add to favourites
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

export function Templates() {
  const { can } = useSession();
  const canEdit = can('manage_settings');
  const { byId } = useGroups();
  const [group, setGroup] = useState('');
  const list = usePagedList('/templates', { group }, 50);
  const all = useAllTemplates();
  const fav = useFavorites('/me/favorite-templates');
  const [editing, setEditing] = useState(null); // a template id
  const [deleteError, setDeleteError] = useState(null);
  const [deleted, setDeleted] = useState('');

  const changed = () => {
    list.reload();
    all.reload();
    fav.reload();
  };
  const groupName = (id) => (id ? (byId[id] ? byId[id].path : 'A group you cannot see') : 'Whole organisation');
  const favIds = new Set(fav.list.map((t) => t.id));

  const del = async (t) => {
    setDeleteError(null);
    setDeleted('');
    try {
      await api(`/templates/${encodeURIComponent(t.id)}`, { method: 'DELETE' });
      if (editing === t.id) setEditing(null);
      setDeleted(`Deleted "${t.name}".`);
      changed();
    } catch (e) {
      setDeleteError(e);
    }
  };

  return (
    <Page title="Message templates">
      <div class="settings-page">
        <section class="panel" aria-labelledby="fav-h">
          <h2 id="fav-h">My favourite templates</h2>
          <p class="muted">Your favourites come first when you answer a conversation, in this order.</p>
          <FavoritesEditor fav={fav} templates={all.data || []} testid="my-favorites" />
        </section>

        {editing ? <EditTemplate key={editing} id={editing} onDone={() => setEditing(null)} onSaved={changed} /> : null}

        <section aria-labelledby="tpl-h">
          <h2 id="tpl-h">Templates</h2>
          <div class="row">
            <GroupSelect label="Show templates for" empty="Every group I can see" value={group} onChange={setGroup} data-testid="templates-group" />
          </div>
          <Problem error={list.error} />
          <Problem error={deleteError} />
          <Notice>{deleted}</Notice>
          {!list.loading && !list.items.length && !list.error ? <p class="muted">No templates yet.</p> : null}
          {list.items.length ? (
            <table data-testid="templates-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">For</th>
                  <th scope="col">Message</th>
                  <th scope="col">Updated</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((t) => (
                  <tr key={t.id} data-testid={'template-' + t.id}>
                    <th scope="row">{t.name}</th>
                    <td>{groupName(t.groupId)}</td>
                    <td>
                      <p class="template-body">{t.body}</p>
                    </td>
                    <td>
                      <Time value={t.updatedAt} />
                    </td>
                    <td>
                      <div class="buttons">
                        <button
                          type="button"
                          class="secondary small"
                          disabled={favIds.has(t.id) || fav.list.length >= 50}
                          onClick={() => fav.change([...fav.list, t], `Added "${t.name}" to the favourites.`)}
                        >
                          {favIds.has(t.id) ? 'In favourites' : 'Add to favourites'}
                          <span class="sr-only"> {t.name}</span>
                        </button>
                        {canEdit ? (
                          <>
                            <button type="button" class="secondary small" onClick={() => setEditing(t.id)}>
                              Edit<span class="sr-only"> {t.name}</span>
                            </button>
                            <ConfirmButton class="danger small" label="Delete" confirmLabel={`Confirm: delete "${t.name}"`} onConfirm={() => del(t)} />
                          </>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <More list={list} />
        </section>

        {canEdit ? <NewTemplate onCreated={changed} /> : <p class="muted">Creating and editing templates needs the manager or admin role.</p>}
      </div>
    </Page>
  );
}

/** POST /templates with one Idempotency-Key per attempt (kept while the same template is retried). */
function NewTemplate({ onCreated }) {
  const f = useForm({ name: '', groupId: '', body: '' });
  const keyFor = useIdempotencyKey();
  return (
    <section class="panel" aria-labelledby="new-tpl-h">
      <h2 id="new-tpl-h">New template</h2>
      <form
        data-testid="new-template-form"
        novalidate
        onSubmit={f.submit(async (v) => {
          const body = { name: v.name, body: v.body, ...(v.groupId ? { groupId: v.groupId } : {}) };
          const r = await api('/templates', { method: 'POST', body, idempotencyKey: keyFor(body) });
          keyFor.reset();
          f.setValues({ name: '', groupId: v.groupId, body: '' });
          onCreated();
          return `Created "${r.data.name}".`;
        })}
      >
        <Problem error={f.error} shown={['name', 'groupId', 'body']} />
        <div class="row">
          <Field label="Name" maxLength={100} required {...f.field('name')} data-testid="new-template-name" />
          <GroupSelect label="For" empty="Whole organisation" value={f.values.groupId} onChange={(id) => f.set('groupId', id)} error={f.field('groupId').error} data-testid="new-template-group" />
        </div>
        <Field as="textarea" label="Message" maxLength={1600} required hint={`Up to 1600 characters. Placeholders: ${PLACEHOLDERS}.`} {...f.field('body')} data-testid="new-template-body" />
        <Notice>{f.done}</Notice>
        <div class="buttons">
          <button type="submit" disabled={f.busy}>
            Create template
          </button>
        </div>
      </form>
    </section>
  );
}

/** PATCH /templates/{id} with If-Match from its read. */
function EditTemplate({ id, onDone, onSaved }) {
  const t = useResource(() => api(`/templates/${encodeURIComponent(id)}`), [id]);
  const f = useForm({ name: '', body: '' });
  const focused = useRef(false);
  // Each read (the first, after a save, or after a 412's reload) fills the form.
  useEffect(() => {
    if (!t.data) return;
    f.setValues({ name: t.data.name, body: t.data.body });
    if (!focused.current) {
      // Bring the form to the keyboard user who pressed Edit in the table.
      focused.current = true;
      setTimeout(() => {
        const el = document.querySelector('[data-testid="edit-template-name"]');
        if (el) el.focus();
      }, 0);
    }
  }, [t.etag, t.data && t.data.id]);
  return (
    <section class="panel" aria-labelledby="edit-tpl-h">
      <h2 id="edit-tpl-h">Edit template{t.data ? ` "${t.data.name}"` : ''}</h2>
      {t.error ? <Problem error={t.error} /> : null}
      {t.loading && !t.data ? <Loading /> : null}
      {t.data ? (
        <form
          data-testid="edit-template-form"
          novalidate
          onSubmit={f.submit(async (v) => {
            const r = await api(`/templates/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name: v.name, body: v.body }, ifMatch: t.etag });
            t.setData(r.data, r.etag);
            onSaved();
            return 'Template saved.';
          })}
        >
          <Problem error={f.error} shown={['name', 'body']} />
          {f.error && f.error instanceof ApiError && f.error.status === 412 ? (
            <p>
              Someone changed this template since you opened it.{' '}
              <button type="button" class="secondary small" onClick={t.reload}>
                Load the latest version
              </button>
            </p>
          ) : null}
          <Field label="Name" maxLength={100} required {...f.field('name')} data-testid="edit-template-name" />
          <Field as="textarea" label="Message" maxLength={1600} required hint={`Placeholders: ${PLACEHOLDERS}.`} {...f.field('body')} data-testid="edit-template-body" />
          <Notice>{f.done}</Notice>
          <div class="buttons">
            <button type="submit" disabled={f.busy}>
              Save template
            </button>
            <button type="button" class="secondary" onClick={onDone}>
              Close
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
