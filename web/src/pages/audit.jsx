// The audit log: who changed what, newest first (GET /audit-events), for
// organisation administrators. The filters live in the address, so that
// other pages can link to one subject's history: /audit?subject=<id>.
import { useState, useEffect } from 'preact/hooks';
import { Link, navigate, useLocation } from '../router.jsx';
import { useSession } from '../session.jsx';
import { useGroups } from '../groups.jsx';
import { Field, Loading, Page, Problem, Time, usePagedList } from '../ui.jsx';
import { Person, useUserDirectory } from './conversations.jsx';
import './inbox.css';

const FILTERS = ['subject', 'actor', 'type', 'from', 'to'];

// The event types Roster records, offered as suggestions (the filter takes any text).
const TYPES = [
  'user.created', 'user.updated', 'user.activated', 'user.deactivated', 'user.deleted', 'user.undeleted', 'user.purged',
  'user.invitation_resent', 'user.invitation_reminded', 'user.invitation_revoked', 'user.invitation_accepted',
  'user.password_changed', 'user.password_reset', 'user.email_change_requested', 'user.email_changed',
  'user.mfa_enrolled', 'user.mfa_reset', 'user.sessions_ended',
  'group.created', 'group.updated', 'group.moved', 'group.deleted', 'group.hours_set',
  'contact.created', 'contact.updated', 'contact.deleted', 'contacts.imported',
  'template.created', 'template.updated', 'template.deleted',
  'notification_settings.updated', 'notification_settings.default_updated',
  'credits.granted', 'credits.transferred',
  'organisation.security_changed', 'organisation.texting_changed', 'webhook.secret_rotated',
];

/** A datetime-local value as RFC 3339 (UTC), or '' when empty. */
function isoOf(v) {
  if (!v) return '';
  const d = new Date(v);
  return isNaN(d) ? v : d.toISOString();
}

/** An RFC 3339 time as a datetime-local value in the reader's zone. */
function localOf(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function auditHref(changes) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(changes)) if (v) q.set(k, v);
  const s = q.toString();
  return '/audit' + (s ? '?' + s : '');
}

export function Audit() {
  const { query } = useLocation();
  const { me } = useSession();
  const applied = {};
  FILTERS.forEach((k) => (applied[k] = query.get(k) || ''));
  const list = usePagedList('/audit-events', applied, 50);
  const people = useUserDirectory(true);
  const { byId: groups } = useGroups();

  // The form edits a copy; "Show events" puts it in the address.
  const [draft, setDraft] = useState({ ...applied, from: localOf(applied.from), to: localOf(applied.to) });
  const appliedKey = JSON.stringify(applied);
  useEffect(() => setDraft({ ...applied, from: localOf(applied.from), to: localOf(applied.to) }), [appliedKey]);
  const bind = (name) => ({ name, value: draft[name], onInput: (e) => setDraft({ ...draft, [name]: e.currentTarget.value }), error: list.error ? list.error.fieldError(name) : '' });

  const actorOptions = [
    { value: '', label: 'Anyone' },
    ...people.users.map((u) => ({ value: u.id, label: u.displayName + (u.status === 'active' ? '' : ` (${u.status})`) })),
    { value: 'system', label: 'System (schedules)' },
    { value: 'webhook', label: 'Messaging webhook' },
    { value: 'operator', label: 'Operator' },
  ];
  if (draft.actor && !actorOptions.some((o) => o.value === draft.actor)) actorOptions.push({ value: draft.actor, label: draft.actor });

  // What an event was about, named when the console knows it.
  const subjectName = (ev) => {
    const id = ev.subjectId;
    if (people.byId[id]) return { label: people.byId[id].displayName, href: '/users/' + encodeURIComponent(id) };
    if (groups[id]) return { label: groups[id].path, href: '/groups' };
    if (me && id === me.orgId) return { label: 'The organisation', href: '/settings' };
    if (id === 'company') return { label: 'Company account', href: '/credits' };
    if (ev.type.startsWith('contact.')) return { label: 'Contact', href: '/contacts/' + encodeURIComponent(id) };
    if (ev.type.startsWith('template.')) return { label: 'Template', href: '/templates' };
    if (ev.type.startsWith('credits.')) return { label: 'Ledger entry', href: '/credits' };
    return null;
  };
  // Ids inside recorded values ("agent@<group id>", "from": "<user id>") read as names.
  const named = (value) =>
    String(value).replace(/\b[0-9a-z]{26}\b/g, (id) => (people.byId[id] ? people.byId[id].displayName : groups[id] ? groups[id].name : id));

  return (
    <Page title="Audit log">
      <form
        class="panel"
        data-testid="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(auditHref({ ...draft, subject: draft.subject.trim(), type: draft.type.trim(), from: isoOf(draft.from), to: isoOf(draft.to) }), { replace: true });
        }}
      >
        <div class="row top">
          <Field label="Subject" hint="The id of a user, group, contact, template…" list="audit-subjects" {...bind('subject')} />
          <Field as="select" label="Actor" options={actorOptions} {...bind('actor')} />
          <Field label="Type" hint="For example user.deactivated" list="audit-types" {...bind('type')} />
        </div>
        <div class="row">
          <Field label="From (at or after)" type="datetime-local" {...bind('from')} />
          <Field label="To (before)" type="datetime-local" {...bind('to')} />
          <div class="row-actions">
            <button type="submit">Show events</button>
            <button type="button" class="secondary" onClick={() => navigate('/audit', { replace: true })}>
              Clear filters
            </button>
          </div>
        </div>
        <datalist id="audit-types">
          {TYPES.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <datalist id="audit-subjects">
          {people.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}
            </option>
          ))}
          {Object.values(groups).map((g) => (
            <option key={g.id} value={g.id}>
              {g.path}
            </option>
          ))}
        </datalist>
      </form>
      <Problem error={list.error} shown={FILTERS} />
      <Problem error={people.error} />
      {list.items.length ? (
        <table data-testid="audit">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Type</th>
              <th scope="col">Subject</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((ev) => {
              const subject = subjectName(ev);
              return (
                <tr key={ev.id} data-testid="audit-event">
                  <td>
                    <Time value={ev.at} />
                  </td>
                  <td>
                    <Link href={auditHref({ ...applied, actor: ev.actorId })} title="Only this actor's events">
                      <Person id={ev.actorId} byId={people.byId} />
                    </Link>
                  </td>
                  <td>
                    <Link href={auditHref({ ...applied, type: ev.type })} title="Only events of this type">
                      <code>{ev.type}</code>
                    </Link>
                  </td>
                  <td>
                    {subject ? <Link href={subject.href}>{subject.label}</Link> : null}
                    <div>
                      <Link href={auditHref({ subject: ev.subjectId })} class="small" title="Every event about this subject">
                        <code class="id">{ev.subjectId}</code>
                      </Link>
                    </div>
                  </td>
                  <td>
                    <Changes before={ev.before} after={ev.after} named={named} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {list.loading ? <Loading /> : null}
      {!list.loading && !list.items.length && !list.more && !list.error ? <p class="muted">No events match these filters.</p> : null}
      {!list.loading && list.more ? (
        <p>
          {!list.items.length ? <span class="muted">No matching events in the part of the log read so far. </span> : null}
          <button type="button" class="secondary" onClick={list.more}>
            Load older events
          </button>
        </p>
      ) : null}
    </Page>
  );
}

/** What an event changed: each field's value before and after. */
function Changes({ before = {}, after = {}, named = (v) => v }) {
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])].sort();
  if (!keys.length) return <span class="muted">—</span>;
  return (
    <dl class="changes">
      {keys.map((k) => {
        const b = before && before[k] !== undefined ? named(before[k]) : undefined;
        const a = after && after[k] !== undefined ? named(after[k]) : undefined;
        return [
          <dt key={k + ':k'}>{k}</dt>,
          <dd key={k + ':v'}>
            {b !== undefined && a !== undefined && b !== a ? (
              <>
                <del>{b || '(empty)'}</del> → <ins>{a || '(empty)'}</ins>
              </>
            ) : b !== undefined && a === undefined ? (
              <del>{b || '(empty)'}</del>
            ) : (
              <span>{a || '(empty)'}</span>
            )}
          </dd>,
        ];
      })}
    </dl>
  );
}
