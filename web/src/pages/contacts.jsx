// Contacts: search and page through them (GET /contacts), add one, edit or
// delete one (PATCH with If-Match, DELETE), and the ways into importing,
// updating from a spreadsheet and exporting (imports.jsx, exports.jsx).
// Also a few helpers those two pages share with this one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, download } from '../api.js';
import { Link, navigate, useLocation } from '../router.jsx';
import { useSession } from '../session.jsx';
import { useGroups, GroupSelect } from '../groups.jsx';
import { Badge, ConfirmButton, Field, Loading, Notice, Page, Problem, Time, useForm, useId, useIdempotencyKey, useResource } from '../ui.jsx';
import './contacts.css';

/**
 * The API lists neither imports nor exports, so this browser remembers the
 * ones its user started (newest first, ten at most) to link back to them.
 */
export function remember(kind, userId, entry) {
  const key = `roster.recent.${kind}.${userId}`;
  let list = [];
  try {
    list = JSON.parse(localStorage.getItem(key)) || [];
  } catch {
    list = [];
  }
  list = [entry, ...list.filter((e) => e.id !== entry.id)].slice(0, 10);
  localStorage.setItem(key, JSON.stringify(list));
}

export function recent(kind, userId) {
  try {
    return JSON.parse(localStorage.getItem(`roster.recent.${kind}.${userId}`)) || [];
  } catch {
    return [];
  }
}

/**
 * Loads fn() and loads it again every `every` ms while wanted(data) says
 * so (an import being checked, an export being written). A failed poll
 * keeps what was shown; a network or server failure is retried more
 * slowly. Returns {data, error, loading, at (when data came), reload, setData}.
 */
export function usePolled(fn, deps, wanted, every = 1000) {
  const [state, setState] = useState({ data: null, error: null, at: 0 });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    let timer;
    const run = async () => {
      try {
        const r = await fn();
        if (!live) return;
        setState({ data: r.data, error: null, at: Date.now() });
        if (wanted(r.data)) timer = setTimeout(run, every);
      } catch (e) {
        if (!live) return;
        setState((s) => ({ ...s, error: e }));
        if (e.status === 0 || e.status >= 500) timer = setTimeout(run, every * 5);
      }
    };
    run();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [...deps, round]);
  return {
    ...state,
    loading: !state.data && !state.error,
    reload: () => setRound((n) => n + 1),
    // An answer in hand (a POST's): show it, then poll again from it.
    setData: (data) => {
      setState({ data, error: null, at: Date.now() });
      setRound((n) => n + 1);
    },
  };
}

/** Bytes as people read them: 812 bytes, 14.2 KB, 3.1 MB. */
export function size(n) {
  if (n < 1000) return `${n} bytes`;
  if (n < 1e6) return `${(n / 1000).toFixed(1)} KB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

function name(c) {
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || '(no name)';
}

/** The group names of a contact, as the user sees them. */
function groupNames(ids, byId) {
  return (ids || []).map((g) => (byId[g] ? byId[g].path : 'a group you cannot see')).join(', ');
}

/**
 * One search box for the three ways the API finds contacts: an email
 * address (has @), a phone number or its last digits (digits, spaces,
 * + ( ) - .), else the start of a name.
 */
function searchQuery(text) {
  const t = text.trim();
  if (!t) return {};
  if (t.includes('@')) return { email: t };
  if (/^\+?[\d\s().-]+$/.test(t) && /\d/.test(t)) {
    const digits = t.replace(/\D/g, '');
    return { phone: t.startsWith('+') ? '+' + digits : digits };
  }
  return { q: t };
}

/**
 * Pages of contacts. A page can hold fewer than `limit` contacts (even none)
 * and still go on, so a load follows the cursor, a few hops at most, until
 * it has a screenful or the list ends.
 */
function useContactList(query) {
  const key = JSON.stringify(query);
  const [state, setState] = useState({ items: [], cursor: '', error: null, loading: true });
  const seq = useRef(0);
  const load = async (cursor, append) => {
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null, items: append ? s.items : [] }));
    let got = [];
    try {
      for (let hops = 0; hops < 8; hops++) {
        const r = await api('/contacts', { query: { ...query, limit: 50, cursor } });
        if (n !== seq.current) return;
        got = got.concat(r.data.items || []);
        cursor = r.data.nextCursor || '';
        if (!cursor || got.length >= 25) break;
      }
      setState((s) => ({ items: append ? s.items.concat(got) : got, cursor, error: null, loading: false }));
    } catch (e) {
      if (n === seq.current) setState((s) => ({ ...s, items: append ? s.items.concat(got) : got, error: e, loading: false }));
    }
  };
  useEffect(() => {
    load('', false);
  }, [key]);
  return { ...state, more: state.cursor ? () => load(state.cursor, true) : null, reload: () => load('', false) };
}

export function Contacts() {
  const { query } = useLocation();
  const { me, can } = useSession();
  const { byId } = useGroups();
  const manage = can('manage_contacts');
  const text = query.get('search') || '';
  const group = query.get('group') || '';
  const subgroups = query.get('subgroups') !== 'no';
  const apiQuery = { ...searchQuery(text), group: group || undefined, includeSubgroups: group && !subgroups ? 'false' : undefined };
  const list = useContactList(apiQuery);

  const [draft, setDraft] = useState({ text, group, subgroups });
  useEffect(() => setDraft({ text, group, subgroups }), [text, group, subgroups]);
  const search = (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (draft.text.trim()) p.set('search', draft.text.trim());
    if (draft.group) p.set('group', draft.group);
    if (draft.group && !draft.subgroups) p.set('subgroups', 'no');
    navigate('/contacts' + (p.toString() ? '?' + p : ''));
  };

  const [actionError, setActionError] = useState(null);
  const [busy, setBusy] = useState('');
  const run = (what, fn) => async () => {
    setBusy(what);
    setActionError(null);
    try {
      await fn();
    } catch (e) {
      setActionError(e instanceof ApiError ? e : new ApiError(0, { title: 'Something went wrong', detail: String(e && e.message) }));
    } finally {
      setBusy('');
    }
  };
  const startExport = run('export', async () => {
    const body = { format: 'xlsx', group: group || undefined };
    const r = await api('/contacts/exports', { method: 'POST', body });
    remember('exports', me.id, { id: r.data.id, at: r.data.createdAt });
    navigate('/contacts/exports/' + r.data.id);
  });

  const actions = manage ? (
    <>
      <button type="button" onClick={() => navigate('/contacts/new' + (group ? '?group=' + encodeURIComponent(group) : ''))}>
        Add contact
      </button>
      <button type="button" class="secondary" onClick={() => navigate('/contacts/imports/new')}>
        Import contacts
      </button>
      <button type="button" class="secondary" onClick={() => navigate('/contacts/imports/new?mode=update')}>
        Update contacts from a spreadsheet
      </button>
    </>
  ) : null;

  return (
    <Page title="Contacts" actions={actions}>
      {manage ? (
        <div class="toolbar">
          <button type="button" class="secondary" disabled={!!busy} onClick={run('template', () => download('/contacts/template', 'contacts template.xlsx', { format: 'xlsx' }))}>
            Download template
          </button>
          <button type="button" class="secondary" disabled={!!busy} onClick={run('template', () => download('/contacts/template', 'contacts template.csv', { format: 'csv' }))}>
            Download template (CSV)
          </button>
          <button type="button" class="secondary" disabled={!!busy} onClick={startExport} data-testid="contacts-export">
            {busy === 'export' ? 'Starting export…' : group ? 'Export this group' : 'Export'}
          </button>
          <Link href="/contacts/exports">Exports</Link>
        </div>
      ) : null}
      <Problem error={actionError} />

      <form class="panel search" role="search" onSubmit={search} aria-label="Search contacts">
        <div class="row">
          <Field
            label="Search"
            hint="The start of a name, a phone number (or the digits it ends with), or an email address"
            type="search"
            name="search"
            value={draft.text}
            onInput={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
          />
          <GroupSelect label="Group" empty="All groups" value={draft.group} onChange={(v) => setDraft({ ...draft, group: v })} />
          <button type="submit">Search</button>
        </div>
        {draft.group ? (
          <Field
            type="checkbox"
            label="Include the groups below it"
            value={draft.subgroups}
            onInput={(e) => setDraft({ ...draft, subgroups: e.currentTarget.checked })}
          />
        ) : null}
      </form>

      <Problem error={list.error} shown={[]} />
      <table data-testid="contacts-table">
        <caption class="sr-only">Contacts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Phone</th>
            <th scope="col">Email</th>
            <th scope="col">Company</th>
            <th scope="col">Groups</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((c) => (
            <tr key={c.id}>
              <td>
                <Link href={'/contacts/' + c.id}>{name(c)}</Link>
              </td>
              <td>{c.phone}</td>
              <td>{c.email}</td>
              <td>{c.company}</td>
              <td>{groupNames(c.groups, byId)}</td>
            </tr>
          ))}
          {!list.loading && !list.items.length && !list.more ? (
            <tr>
              <td colSpan={5} class="muted">
                {text || group ? 'No contact matches.' : 'No contacts yet.'}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {list.loading ? <Loading /> : null}
      {!list.loading && list.more ? (
        <button type="button" class="secondary more" onClick={list.more}>
          Load more
        </button>
      ) : null}
    </Page>
  );
}

// The form's values are flat; "address.city" and "consent.status" are
// named as the API's problems name them, so each error lands on its field.
const textFields = ['firstName', 'lastName', 'phone', 'email', 'company', 'title', 'accountNumber', 'notes'];
const addressParts = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'];

function toForm(c) {
  const v = {};
  for (const k of textFields) v[k] = (c && c[k]) || '';
  for (const p of addressParts) v['address.' + p] = (c && c.address && c.address[p]) || '';
  v['consent.status'] = (c && c.consent && c.consent.status) || 'unknown';
  v['consent.source'] = (c && c.consent && c.consent.source) || '';
  v.accountReps = (c && c.accountReps) || [];
  v.groups = (c && c.groups) || [];
  return v;
}

const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

/** A merge patch of what changed: emptied text becomes null (cleared). */
function patchOf(before, after) {
  const p = {};
  const val = (s) => (s.trim() === '' ? null : s);
  for (const k of textFields) if (after[k] !== before[k]) p[k] = val(after[k]);
  const address = {};
  for (const part of addressParts) if (after['address.' + part] !== before['address.' + part]) address[part] = val(after['address.' + part]);
  if (Object.keys(address).length) p.address = address;
  const consent = {};
  if (after['consent.status'] !== before['consent.status']) consent.status = after['consent.status'];
  if (after['consent.source'] !== before['consent.source']) consent.source = val(after['consent.source']);
  if (Object.keys(consent).length) p.consent = consent;
  if (!sameSet(after.accountReps, before.accountReps)) p.accountReps = after.accountReps;
  if (!sameSet(after.groups, before.groups)) p.groups = after.groups;
  return p;
}

/** The body of POST /contacts: the fields filled in. */
function inputOf(v) {
  const b = {};
  for (const k of textFields) if (v[k].trim()) b[k] = v[k];
  const address = {};
  for (const part of addressParts) if (v['address.' + part].trim()) address[part] = v['address.' + part];
  if (Object.keys(address).length) b.address = address;
  if (v['consent.status'] !== 'unknown' || v['consent.source'].trim()) {
    b.consent = { status: v['consent.status'] };
    if (v['consent.source'].trim()) b.consent.source = v['consent.source'];
  }
  if (v.accountReps.length) b.accountReps = v.accountReps;
  b.groups = v.groups;
  return b;
}

const consentOptions = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'opted_in', label: 'Opted in' },
  { value: 'opted_out', label: 'Opted out' },
];

/** The contact's groups: a checkbox per group the user sees, indented as the tree. */
function GroupChecks({ value, onChange, error, disabled }) {
  const { groups, loading } = useGroups();
  const id = useId('groups');
  const toggle = (g) => onChange(value.includes(g) ? value.filter((x) => x !== g) : value.concat(g));
  return (
    <fieldset class="checks" aria-describedby={error ? id + '-error' : undefined} data-testid="contact-groups">
      <legend>Groups</legend>
      {loading ? <Loading /> : null}
      <ul>
        {groups.map((g) => (
          <li key={g.id} class={'depth-' + Math.min(g.depth, 6)}>
            <input type="checkbox" id={id + g.id} checked={value.includes(g.id)} disabled={disabled} onChange={() => toggle(g.id)} />
            <label for={id + g.id}>{g.name}</label>
          </li>
        ))}
      </ul>
      {value
        .filter((g) => !groups.some((x) => x.id === g))
        .map((g) => (
          <p class="muted" key={g}>
            Also in a group you cannot see ({g}).
          </p>
        ))}
      {error ? (
        <small id={id + '-error'} class="error" role="alert">
          {error}
        </small>
      ) : null}
    </fieldset>
  );
}

// Names of users by id, shared by every picker on the page.
const userNames = {};

function useUserName(id) {
  const [label, setLabel] = useState(userNames[id] || '');
  useEffect(() => {
    if (userNames[id]) return;
    let live = true;
    api('/users/' + encodeURIComponent(id)).then(
      (r) => {
        userNames[id] = `${r.data.displayName} (${r.data.email})`;
        if (live) setLabel(userNames[id]);
      },
      () => live && setLabel('A user you cannot see'),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return label || '…';
}

function Rep({ id, onRemove, disabled }) {
  const label = useUserName(id);
  return (
    <li>
      <span>{label}</span>{' '}
      {disabled ? null : (
        <button type="button" class="link" onClick={onRemove} aria-label={'Remove ' + label + ' as account rep'}>
          Remove
        </button>
      )}
    </li>
  );
}

/** Account reps: the chosen users, and a search (GET /users?q=) to add one. */
function RepPicker({ value, onChange, error, disabled }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState({ items: [], error: null, busy: false, asked: '' });
  const find = async () => {
    if (!q.trim()) return;
    setFound({ items: [], error: null, busy: true, asked: q });
    try {
      const r = await api('/users', { query: { q: q.trim(), limit: 10 } });
      setFound({ items: (r.data.items || []).filter((u) => u.status === 'active' || u.status === 'invited'), error: null, busy: false, asked: q });
    } catch (e) {
      setFound({ items: [], error: e, busy: false, asked: q });
    }
  };
  return (
    <fieldset class="reps" data-testid="contact-reps">
      <legend>Account reps</legend>
      {value.length ? (
        <ul>
          {value.map((id) => (
            <Rep key={id} id={id} disabled={disabled} onRemove={() => onChange(value.filter((x) => x !== id))} />
          ))}
        </ul>
      ) : (
        <p class="muted">None.</p>
      )}
      {error ? (
        <small class="error" role="alert">
          {error}
        </small>
      ) : null}
      {disabled || value.length >= 10 ? null : (
        <div class="row">
          <Field
            label="Find a user to add"
            hint="The start of their first or last name, or their whole email address"
            type="search"
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                find();
              }
            }}
          />
          <button type="button" class="secondary" onClick={find} disabled={found.busy}>
            Find user
          </button>
        </div>
      )}
      <Problem error={found.error} />
      {found.asked && !found.busy && !found.error && !found.items.length ? <p class="muted">No active or invited user matches.</p> : null}
      {found.items.length ? (
        <ul class="found">
          {found.items.map((u) => {
            userNames[u.id] = `${u.displayName} (${u.email})`;
            return (
              <li key={u.id}>
                {u.displayName} ({u.email}){' '}
                <button type="button" class="secondary" disabled={value.includes(u.id)} onClick={() => onChange(value.concat(u.id))}>
                  {value.includes(u.id) ? 'Added' : 'Add ' + (u.displayName || u.email)}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </fieldset>
  );
}

const shownFields = ['firstName', 'lastName', 'phone', 'email', 'company', 'title', 'accountNumber', 'address', 'notes', 'consent', 'accountReps', 'groups'];

/** The form of a contact, for adding one and for editing one. */
function ContactForm({ initial, onSubmit, submitLabel, readOnly, extra }) {
  const f = useForm(initial);
  // A fresh read (after a save or a reload) replaces the values, and the stale problem goes.
  useEffect(() => {
    f.setValues(initial);
    f.setError(null);
  }, [initial]);
  const field = (n) => ({ ...f.field(n), disabled: readOnly });
  const err = f.error;
  const taken = err && err.code === 'phone_taken' && err.problem.contactId;
  return (
    <form onSubmit={f.submit((v) => onSubmit(v, f))} class="contact-form" data-testid="contact-form" noValidate>
      <Problem error={err} shown={shownFields} />
      <div class="panel tight">
        <h2>Name and number</h2>
        <div class="row">
          <Field label="First name" autoComplete="off" {...field('firstName')} required />
          <Field label="Last name" autoComplete="off" {...field('lastName')} />
        </div>
        <div class="row">
          <Field label="Cell phone" type="tel" hint="Any common notation; read in the contact's country" autoComplete="off" {...field('phone')} required>
            {taken ? (
              <Link href={'/contacts/' + err.problem.contactId} data-testid="contact-phone-owner">
                Open the contact who has this number
              </Link>
            ) : null}
          </Field>
          <Field label="Email" type="email" autoComplete="off" {...field('email')} />
        </div>
      </div>
      <div class="panel tight">
        <h2>Company</h2>
        <div class="row">
          <Field label="Company" {...field('company')} />
          <Field label="Title" {...field('title')} />
          <Field label="Account number" {...field('accountNumber')} />
        </div>
      </div>
      <div class="panel tight">
        <h2>Address</h2>
        <div class="row">
          <Field label="Address line 1" {...field('address.line1')} />
          <Field label="Address line 2" {...field('address.line2')} />
        </div>
        <div class="row">
          <Field label="City" {...field('address.city')} />
          <Field label="State or region" {...field('address.region')} />
          <Field label="Postal code" {...field('address.postalCode')} />
          <Field label="Country" hint="A name or code: United States, US, DEU" {...field('address.country')} />
        </div>
      </div>
      <div class="panel tight">
        <h2>Texting consent</h2>
        <div class="row">
          <Field label="Consent" as="select" options={consentOptions} {...field('consent.status')} />
          <Field label="How consent was given" {...field('consent.source')} />
        </div>
        {extra}
      </div>
      <div class="panel tight">
        <h2>People and groups</h2>
        <RepPicker value={f.values.accountReps} onChange={(v) => f.set('accountReps', v)} error={err ? err.fieldError('accountReps') : ''} disabled={readOnly} />
        <GroupChecks value={f.values.groups} onChange={(v) => f.set('groups', v)} error={err ? err.fieldError('groups') : ''} disabled={readOnly} />
      </div>
      <div class="panel tight">
        <h2>Notes</h2>
        <Field label="Notes" as="textarea" {...field('notes')} />
      </div>
      {readOnly ? null : (
        <div class="row">
          <button type="submit" disabled={f.busy} data-testid="contact-save">
            {f.busy ? 'Saving…' : submitLabel}
          </button>
          <Notice>{f.done}</Notice>
        </div>
      )}
    </form>
  );
}

function NewContact() {
  const { query } = useLocation();
  const keyFor = useIdempotencyKey();
  const group = query.get('group');
  const [initial] = useState(() => ({ ...toForm(null), groups: group ? [group] : [] }));
  const submit = async (v) => {
    const body = inputOf(v);
    const r = await api('/contacts', { method: 'POST', body, idempotencyKey: keyFor(body) });
    keyFor.reset();
    navigate('/contacts/' + r.data.id, { replace: true });
  };
  return (
    <Page title="Add contact">
      <p>
        <Link href="/contacts">Back to contacts</Link>
      </p>
      <ContactForm initial={initial} onSubmit={submit} submitLabel="Add contact" />
    </Page>
  );
}

function ExistingContact({ id }) {
  const { can } = useSession();
  const manage = can('manage_contacts');
  const res = useResource(() => api('/contacts/' + encodeURIComponent(id)), [id]);
  const [initial, setInitial] = useState(null);
  const [deleteError, setDeleteError] = useState(null);
  useEffect(() => {
    if (res.data) setInitial(toForm(res.data));
  }, [res.data]);

  if (res.error) {
    return (
      <Page title="Contact">
        <Problem error={res.error} />
        <p>
          <Link href="/contacts">Back to contacts</Link>
        </p>
      </Page>
    );
  }
  if (!res.data || !initial) return <Loading />;
  const c = res.data;

  const save = async (v, f) => {
    const patch = patchOf(initial, v);
    if (!Object.keys(patch).length) return 'Nothing to save.';
    try {
      const r = await api('/contacts/' + encodeURIComponent(id), { method: 'PATCH', body: patch, ifMatch: res.etag });
      res.setData(r.data, r.etag);
      return 'Saved.';
    } catch (e) {
      // Someone else saved it meanwhile: say so in words; Reload shows their version.
      if (e.status === 412) {
        e.problem.title = 'Someone else changed this contact';
        e.problem.detail = 'It changed after you opened it. Reload the contact to see the latest version, then make your change again.';
      }
      throw e;
    }
  };
  const remove = async () => {
    setDeleteError(null);
    try {
      await api('/contacts/' + encodeURIComponent(id), { method: 'DELETE', ifMatch: res.etag });
      navigate('/contacts', { replace: true });
    } catch (e) {
      setDeleteError(e);
    }
  };

  const consentAt = c.consent && c.consent.at ? (
    <p class="muted">
      Consent last changed <Time value={c.consent.at} />.
    </p>
  ) : null;

  return (
    <Page
      title={name(c)}
      actions={
        manage ? <ConfirmButton label="Delete contact" confirmLabel="Yes, delete this contact" onConfirm={remove} /> : null
      }
    >
      <p>
        <Link href="/contacts">Back to contacts</Link>
        {' · '}
        <button type="button" class="link" onClick={res.reload} data-testid="contact-reload">
          Reload
        </button>
      </p>
      <Problem error={deleteError} />
      {c.textOptOut ? (
        <div class="optout" role="note" data-testid="contact-optout">
          <Badge tone="failed">Texts stopped</Badge> This number replied STOP <Time value={c.textOptOut.at} />: nothing is texted to it until it texts START.
        </div>
      ) : null}
      {!manage ? <p class="muted">Your roles let you see this contact, not change it.</p> : null}
      <ContactForm initial={initial} onSubmit={save} submitLabel="Save contact" readOnly={!manage} extra={consentAt} />
      <p class="muted">
        Added <Time value={c.createdAt} />, last changed <Time value={c.updatedAt} />.
      </p>
    </Page>
  );
}

export function ContactDetail({ params }) {
  const { can } = useSession();
  // /contacts/new has no route of its own: /contacts/:id takes it (ids are never "new").
  if (params.id === 'new') {
    if (!can('manage_contacts')) return <Page title="Add contact"><p>Your roles do not let you add contacts.</p></Page>;
    return <NewContact />;
  }
  return <ExistingContact id={params.id} />;
}
