// Users: the list (filters, cursor paging), inviting a user, and one user's
// page (edit, deactivate/activate, delete/undelete/purge, the invitation,
// sessions, the second factor). Everything is GET/POST/PATCH/DELETE /users…
// as docs/openapi.yaml describes it; the server checks every request, and the
// page shows only what the caller's roles allow (GET /me's roles over the
// group tree, with the server's own rules mirrored below).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { Link, navigate, useLocation } from '../router.jsx';
import { useSession } from '../session.jsx';
import { GroupSelect, useGroups } from '../groups.jsx';
import { Badge, ConfirmButton, Field, Loading, More, Notice, Page, Problem, Time, useForm, useIdempotencyKey, usePagedList, useResource } from '../ui.jsx';
import './users.css';

// ---------------------------------------------------------------------------
// Who may do what (internal/roster/access.go, mirrored for showing and hiding)

const rank = { viewer: 1, agent: 2, manager: 3, admin: 4 };

/** The caller's strongest role at a group: a grant there or at any group above it counts; '' for none. */
export function strongestAt(me, byId, groupId) {
  const grants = (me && me.roles) || [];
  let best = '';
  const seen = new Set();
  for (let g = byId[groupId]; g && !seen.has(g.id); g = byId[g.parentId]) {
    seen.add(g.id);
    for (const r of grants) {
      if (r.groupId === g.id && (rank[r.role] || 0) > (rank[best] || 0)) best = r.role;
    }
  }
  return best;
}

/** Whether the caller holds admin at the organisation's root group (the one without a parent). */
function isOrgAdmin(me, byId) {
  return ((me && me.roles) || []).some((r) => r.role === 'admin' && byId[r.groupId] && !byId[r.groupId].parentId);
}

/** Whether the caller holds admin anywhere: managers cannot grant admin. */
function holdsAdmin(me) {
  return ((me && me.roles) || []).some((r) => r.role === 'admin');
}

/**
 * Why the caller may not change this user, as the server would say it
 * (roster.CanManageUser): 'self', 'out_of_reach', 'target_is_admin'; '' when
 * they may.
 */
function whyNotManage(me, byId, user) {
  if (me.id === user.id) return 'self';
  const roles = user.roles || [];
  if (!roles.length) return isOrgAdmin(me, byId) ? '' : 'out_of_reach';
  const targetIsAdmin = roles.some((g) => g.role === 'admin');
  for (const g of roles) {
    const mine = strongestAt(me, byId, g.groupId);
    if (mine !== 'admin' && mine !== 'manager') return 'out_of_reach';
    if (targetIsAdmin && mine !== 'admin') return 'target_is_admin';
  }
  return '';
}

/** The first group where the caller manages users: the natural default for a new role. */
function firstManagedGroup(me) {
  const g = ((me && me.roles) || []).find((r) => r.role === 'admin' || r.role === 'manager');
  return g ? g.groupId : '';
}

// ---------------------------------------------------------------------------
// Small pieces shared by the three pages

const ROLES = [
  { value: 'admin', label: 'Admin' },
  { value: 'manager', label: 'Manager' },
  { value: 'agent', label: 'Agent' },
  { value: 'viewer', label: 'Viewer' },
];

/** "admin at Acme, agent at North". */
function rolesText(roles, byId) {
  if (!roles || !roles.length) return 'No roles';
  return roles.map((g) => `${g.role} at ${byId[g.groupId] ? byId[g.groupId].name : 'a group you cannot see'}`).join(', ');
}

const invitationWords = {
  none: 'Not invited',
  pending: 'Invitation pending',
  expired: 'Invitation expired',
  accepted: 'Invitation accepted',
  revoked: 'Invitation revoked',
};
const invitationTone = { none: 'none', pending: 'pending', expired: 'expired', accepted: 'accepted', revoked: 'revoked' };

function InvitationBadge({ invitation }) {
  const state = (invitation && invitation.state) || 'none';
  if (state === 'none') return <span class="muted">Not invited</span>;
  return <Badge tone={invitationTone[state]}>{invitationWords[state] || state}</Badge>;
}

/** The message of exactly this field (ApiError.fieldError also matches fields below a name). */
function exactError(error, name) {
  const hit = error && (error.errors || []).find((e) => e.field === name);
  return hit ? hit.message : '';
}

/** Messages for fields under roles[i] that have no control of their own (roles[1] for a duplicate, say). */
function rowErrors(error, i) {
  const pre = `roles[${i}]`;
  return ((error && error.errors) || [])
    .filter((e) => (e.field === pre || e.field.startsWith(pre + '.')) && e.field !== pre + '.role' && e.field !== pre + '.groupId')
    .map((e) => e.message)
    .join('; ');
}

/**
 * Roles at groups: one row per grant (a role select and a group select),
 * with rows added and removed. rows: [{role, groupId}].
 */
function RolesEditor({ rows, onChange, error, allowAdmin, defaultGroup }) {
  const set = (i, patch) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const whole = exactError(error, 'roles');
  return (
    <fieldset class="roles" data-testid="roles">
      <legend>Roles at groups</legend>
      <p class="hint">A role at a group reaches every group below it. A user can hold several roles.{allowAdmin ? '' : ' Only an admin can grant the admin role.'}</p>
      {rows.map((r, i) => {
        const options = ROLES.filter((o) => allowAdmin || o.value !== 'admin' || r.role === 'admin');
        const other = rowErrors(error, i);
        return (
          <div class="role-row" key={i}>
            <Field
              as="select"
              label="Role"
              value={r.role}
              onChange={(e) => set(i, { role: e.currentTarget.value })}
              options={options}
              error={exactError(error, `roles[${i}].role`)}
              data-testid={`role-${i}`}
            />
            <GroupSelect
              label="At group"
              empty="Choose a group"
              value={r.groupId}
              onChange={(v) => set(i, { groupId: v })}
              error={exactError(error, `roles[${i}].groupId`)}
              data-testid={`group-${i}`}
            />
            <button type="button" class="secondary" disabled={rows.length === 1} onClick={() => onChange(rows.filter((_, j) => j !== i))} data-testid={`remove-role-${i}`}>
              Remove this role
            </button>
            {other ? (
              <small class="error role-row-error" role="alert">
                {other}
              </small>
            ) : null}
          </div>
        );
      })}
      {whole ? (
        <small class="error" role="alert">
          {whole}
        </small>
      ) : null}
      <div>
        <button type="button" class="secondary" onClick={() => onChange([...rows, { role: 'agent', groupId: defaultGroup || '' }])}>
          Add another role
        </button>
      </div>
    </fieldset>
  );
}

/** email_taken (409) names no field, but it belongs beside the email all the same. */
function emailError(f) {
  return f.field('email').error || (f.error && f.error.code === 'email_taken' ? f.error.problem.detail || 'is taken by another user' : '');
}
const bannerError = (error) => (error && error.code === 'email_taken' ? null : error);

// What NewUser wants UserDetail to say once (a generated password is shown
// this once and never again: it is kept in memory only, never in the URL).
const sayOnce = new Map();

// ---------------------------------------------------------------------------
// /users

const STATUSES = [
  { value: '', label: 'Any status but deleted' },
  { value: 'active', label: 'Active' },
  { value: 'invited', label: 'Invited' },
  { value: 'deactivated', label: 'Deactivated' },
  { value: 'deleted', label: 'Deleted' },
];

export function Users() {
  const { can } = useSession();
  const { byId } = useGroups();
  const { query } = useLocation();
  const filters = { status: query.get('status') || '', role: query.get('role') || '', group: query.get('group') || '', q: query.get('q') || '' };
  const list = usePagedList('/users', filters, 50);
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);

  // The filters live in the address, so that a filtered list can be linked to and survives a reload.
  const setFilters = (patch) => {
    const next = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const s = next.toString();
    navigate('/users' + (s ? '?' + s : ''), { replace: true });
  };
  const filtered = Object.values(filters).some(Boolean);

  return (
    <Page
      title="Users"
      actions={
        can('manage_users') ? (
          <Link href="/users/new" class="button-link" data-testid="invite-user">
            Invite user
          </Link>
        ) : null
      }
    >
      <form
        class="filters"
        role="search"
        aria-label="Filter users"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ q: q.trim() });
        }}
      >
        <Field
          label="Name or email"
          hint="The start of a first or last name, or a whole email address"
          type="search"
          name="q"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          error={list.error ? list.error.fieldError('q') : ''}
        />
        <Field as="select" label="Status" value={filters.status} options={STATUSES} onChange={(e) => setFilters({ status: e.currentTarget.value })} />
        <Field
          as="select"
          label="Role"
          value={filters.role}
          options={[{ value: '', label: 'Any role' }, ...ROLES]}
          onChange={(e) => setFilters({ role: e.currentTarget.value })}
        />
        <GroupSelect label="Group" empty="Any group" value={filters.group} onChange={(v) => setFilters({ group: v })} hint="Roles at this group or below it" />
        <div class="filter-buttons">
          <button type="submit">Search</button>
          {filtered ? (
            <button type="button" class="secondary" onClick={() => setFilters({ q: '', status: '', role: '', group: '' })}>
              Clear filters
            </button>
          ) : null}
        </div>
      </form>
      <Problem error={list.error} shown={['q']} />
      {list.items.length ? (
        <table class="users" data-testid="users-table">
          <caption class="sr-only">Users{filtered ? ' matching the filters' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Status</th>
              <th scope="col">Roles</th>
              <th scope="col">Invitation</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link href={'/users/' + u.id}>{u.displayName || u.email}</Link>
                  {u.jobTitle ? <div class="muted small">{u.jobTitle}</div> : null}
                </td>
                <td>{u.email}</td>
                <td>
                  <Badge>{u.status}</Badge>
                </td>
                <td>{rolesText(u.roles, byId)}</td>
                <td>
                  <InvitationBadge invitation={u.invitation} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {!list.loading && !list.error && !list.items.length ? (
        <p class="muted">{list.more ? 'No users on this page match; load more to look further.' : filtered ? 'No users match these filters.' : 'No users yet.'}</p>
      ) : null}
      <div class="more">
        <More list={list} />
      </div>
    </Page>
  );
}

// ---------------------------------------------------------------------------
// /users/new

const PASSWORD_OPTIONS = [
  { value: 'invitation', label: 'Invite by email: they choose a password through the link' },
  { value: 'set', label: 'Set a password now' },
  { value: 'generate', label: 'Generate a strong password (shown once)' },
];

const NEW_USER_FIELDS = ['email', 'firstName', 'lastName', 'jobTitle', 'internalTitle', 'cellPhone', 'roles', 'passwordOption', 'password', 'active'];

export function NewUser() {
  const { me } = useSession();
  const f = useForm({ email: '', firstName: '', lastName: '', jobTitle: '', internalTitle: '', cellPhone: '', passwordOption: 'invitation', password: '', active: true });
  const [roles, setRoles] = useState(() => [{ role: 'agent', groupId: firstManagedGroup(me) }]);
  // One Idempotency-Key per attempt: a retry of the same request reuses it
  // (a lost answer does not create the user twice); a changed form is a new request.
  const keyFor = useIdempotencyKey();

  const v = f.values;
  const invite = v.passwordOption === 'invitation';
  const submitLabel = invite && v.active ? 'Invite user' : 'Create user';

  const onSubmit = f.submit(async (values) => {
    const body = { email: values.email.trim(), roles, passwordOption: values.passwordOption, active: !!values.active };
    for (const k of ['firstName', 'lastName', 'jobTitle', 'internalTitle', 'cellPhone']) {
      if (values[k].trim()) body[k] = values[k].trim();
    }
    if (values.passwordOption === 'set') body.password = values.password;
    const r = await api('/users', { method: 'POST', body, idempotencyKey: keyFor(body) });
    const u = r.data;
    let message;
    if (u.generatedPassword) message = 'Created. They can sign in at once with the generated password below.';
    else if (!body.active) message = 'Created, deactivated and without mail. Activate them to send the welcome mail.';
    else if (invite) message = `Invited. The invitation is on its way to ${u.email}.`;
    else message = 'Created. They can sign in at once with the password you set; a welcome mail is on its way.';
    sayOnce.set(u.id, { message, password: u.generatedPassword || '' });
    navigate('/users/' + u.id);
  });

  return (
    <Page title="Invite user" actions={<Link href="/users">All users</Link>}>
      <form onSubmit={onSubmit} class="panel user-form" data-testid="invite-form" noValidate>
        <Problem error={bannerError(f.error)} shown={NEW_USER_FIELDS} />
        <Field label="Email" type="email" autocomplete="off" required {...f.field('email')} error={emailError(f)} />
        <div class="row">
          <Field label="First name" required={!invite} hint={invite ? 'Optional: asked for when they accept' : undefined} {...f.field('firstName')} />
          <Field label="Last name" required={!invite} hint={invite ? 'Optional: asked for when they accept' : undefined} {...f.field('lastName')} />
        </div>
        <div class="row">
          <Field label="Job title" {...f.field('jobTitle')} />
          <Field label="Internal title" hint="Shown only to admins and managers" {...f.field('internalTitle')} />
          <Field label="Cell phone" type="tel" autocomplete="off" hint="Any common notation" {...f.field('cellPhone')} />
        </div>
        <RolesEditor rows={roles} onChange={setRoles} error={f.error} allowAdmin={holdsAdmin(me)} defaultGroup={firstManagedGroup(me)} />
        <fieldset class="choices">
          <legend>How they get a password</legend>
          {PASSWORD_OPTIONS.map((o) => (
            <div class="field-check" key={o.value}>
              <input
                type="radio"
                id={'password-option-' + o.value}
                name="passwordOption"
                value={o.value}
                checked={v.passwordOption === o.value}
                onChange={() => f.set('passwordOption', o.value)}
              />
              <label for={'password-option-' + o.value}>{o.label}</label>
            </div>
          ))}
          {f.field('passwordOption').error ? (
            <small class="error" role="alert">
              {f.field('passwordOption').error}
            </small>
          ) : null}
          {!invite ? <p class="hint">With a password the user is active at once, needs both names, and gets a welcome mail without a link.</p> : null}
          {v.passwordOption === 'set' ? (
            <Field label="Password" type="password" autocomplete="new-password" hint="At least 12 characters" required {...f.field('password')} />
          ) : null}
        </fieldset>
        <Field
          label="Active: send the welcome mail now"
          type="checkbox"
          hint="Untick to create the user deactivated and send nothing; activating them later sends the mail."
          {...f.field('active')}
        />
        <div>
          <button type="submit" disabled={f.busy} data-testid="invite-submit">
            {f.busy ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
    </Page>
  );
}

// ---------------------------------------------------------------------------
// /users/{id}

const TEXT_FIELDS = ['firstName', 'lastName', 'email', 'jobTitle', 'internalTitle', 'cellPhone'];
const valuesOf = (u) => Object.fromEntries(TEXT_FIELDS.map((k) => [k, u[k] || '']));
const sameRoles = (a, b) => JSON.stringify(a.map((g) => [g.role, g.groupId])) === JSON.stringify(b.map((g) => [g.role, g.groupId]));

const notManagedBecause = {
  self: null, // said with a link to the profile instead
  out_of_reach: 'They hold a role outside the groups where you manage users, so you can see them but not change them.',
  target_is_admin: 'They hold the admin role, so only an admin over all their groups can change them.',
};

export function UserDetail({ params }) {
  const id = params.id;
  const { me, can } = useSession();
  const { byId, loading: groupsLoading } = useGroups();
  const res = useResource(() => api('/users/' + encodeURIComponent(id)), [id]);
  const [once] = useState(() => {
    const o = sayOnce.get(id);
    sayOnce.delete(id);
    return o || null;
  });
  const [purged, setPurged] = useState('');

  if (purged) {
    return (
      <Page title="User removed">
        <Notice>{purged} was removed for good; their email address is free again.</Notice>
        <p>
          <Link href="/users">Back to users</Link>
        </p>
      </Page>
    );
  }
  if (!res.data) {
    return (
      <Page title="User" actions={<Link href="/users">All users</Link>}>
        {res.error ? <Problem error={res.error} /> : <Loading />}
      </Page>
    );
  }
  const user = res.data;
  const why = groupsLoading ? 'loading' : whyNotManage(me, byId, user);
  const manage = can('manage_users') && why === '';

  return (
    <Page
      title={user.displayName || user.email}
      actions={
        <Link href="/users" class="back">
          All users
        </Link>
      }
    >
      {once ? <Created once={once} /> : null}
      <section class="panel" aria-labelledby="user-status">
        <h2 id="user-status">Status</h2>
        <dl class="facts">
          <dt>Status</dt>
          <dd>
            <Badge>{user.status}</Badge>
          </dd>
          <dt>Invitation</dt>
          <dd>
            <InvitationBadge invitation={user.invitation} /> <InvitationTimes invitation={user.invitation} />
          </dd>
          <dt>Roles</dt>
          <dd>{rolesText(user.roles, byId)}</dd>
          <dt>Created</dt>
          <dd>
            <Time value={user.createdAt} />
          </dd>
          <dt>Last changed</dt>
          <dd>
            <Time value={user.updatedAt} />
          </dd>
        </dl>
        {why === 'self' ? (
          <p>
            This is you. Change your own name, email, password and sessions on <Link href="/profile">My profile</Link>.
          </p>
        ) : null}
        {can('manage_users') && notManagedBecause[why] ? <p class="muted">{notManagedBecause[why]}</p> : null}
      </section>
      {/* A deleted user is restored before being edited. */}
      {manage && user.status !== 'deleted' ? <EditUser user={user} etag={res.etag} onSaved={res.setData} reload={res.reload} /> : <ReadOnlyDetails user={user} />}
      {manage ? <Lifecycle user={user} etag={res.etag} onChanged={res.setData} reload={res.reload} onPurged={setPurged} /> : null}
    </Page>
  );
}

/** What NewUser had to say, once: the generated password is never shown again. */
function Created({ once }) {
  const [copied, setCopied] = useState('');
  return (
    <div class="notice created" role="status" data-testid="created-notice">
      <p>{once.message}</p>
      {once.password ? (
        <p>
          Generated password, shown only this once:{' '}
          <code class="secret" data-testid="generated-password">
            {once.password}
          </code>{' '}
          <button
            type="button"
            class="secondary"
            onClick={() =>
              navigator.clipboard.writeText(once.password).then(
                () => setCopied('Copied.'),
                () => setCopied('Copying failed: select the password and copy it yourself.'),
              )
            }
          >
            Copy password
          </button>{' '}
          {copied}
          <br />
          Give it to them in a safe way; Roster does not keep it.
        </p>
      ) : null}
    </div>
  );
}

function InvitationTimes({ invitation }) {
  if (!invitation) return null;
  const parts = [];
  if (invitation.sentAt) parts.push(['sent', invitation.sentAt]);
  if (invitation.expiresAt && invitation.state !== 'accepted' && invitation.state !== 'revoked') {
    parts.push([invitation.state === 'expired' ? 'expired' : 'expires', invitation.expiresAt]);
  }
  if (invitation.revokedAt) parts.push(['revoked', invitation.revokedAt]);
  if (!parts.length) return null;
  return (
    <span class="muted">
      {parts.map(([word, at], i) => (
        <span key={word}>
          {i ? '; ' : '('}
          {word} <Time value={at} />
        </span>
      ))}
      )
    </span>
  );
}

function ReadOnlyDetails({ user }) {
  return (
    <section class="panel" aria-labelledby="user-details">
      <h2 id="user-details">Details</h2>
      <dl class="facts">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>First name</dt>
        <dd>{user.firstName || '—'}</dd>
        <dt>Last name</dt>
        <dd>{user.lastName || '—'}</dd>
        <dt>Job title</dt>
        <dd>{user.jobTitle || '—'}</dd>
        {user.internalTitle ? (
          <>
            <dt>Internal title</dt>
            <dd>{user.internalTitle}</dd>
          </>
        ) : null}
        <dt>Cell phone</dt>
        <dd>{user.cellPhone || '—'}</dd>
      </dl>
    </section>
  );
}

/** PATCH /users/{id} with If-Match: only the fields that changed are sent. */
function EditUser({ user, etag, onSaved, reload }) {
  const { me } = useSession();
  const f = useForm(valuesOf(user));
  const [roles, setRoles] = useState(() => user.roles.map((g) => ({ ...g })));
  // A newer version of the user (saved here, or changed by an action below) resets the form to it.
  useEffect(() => {
    f.setValues(valuesOf(user));
    setRoles(user.roles.map((g) => ({ ...g })));
  }, [user.updatedAt, etag]);

  const onSubmit = f.submit(async (v) => {
    const body = {};
    for (const k of TEXT_FIELDS) {
      if (v[k].trim() !== (user[k] || '')) body[k] = v[k].trim();
    }
    if (!sameRoles(roles, user.roles)) body.roles = roles;
    if (!Object.keys(body).length) return 'Nothing changed.';
    const r = await api('/users/' + encodeURIComponent(user.id), { method: 'PATCH', body, ifMatch: etag });
    onSaved(r.data, r.etag);
    return body.email ? 'Saved. The old and the new address are both told of the new email.' : 'Saved.';
  });

  const stale = f.error && f.error.status === 412;
  return (
    <section class="panel" aria-labelledby="user-edit">
      <h2 id="user-edit">Details</h2>
      <form onSubmit={onSubmit} class="user-form" data-testid="edit-user-form" noValidate>
        <Problem error={bannerError(f.error)} shown={TEXT_FIELDS.concat('roles')} />
        {stale ? (
          <p>
            Someone changed this user while you were editing.{' '}
            <button
              type="button"
              class="secondary"
              onClick={() => {
                f.setError(null);
                reload();
              }}
            >
              Load the latest version
            </button>
          </p>
        ) : null}
        <div class="row">
          <Field label="First name" {...f.field('firstName')} />
          <Field label="Last name" {...f.field('lastName')} />
        </div>
        <Field label="Email" type="email" autocomplete="off" hint="A new address must not be taken by another user" {...f.field('email')} error={emailError(f)} />
        <div class="row">
          <Field label="Job title" {...f.field('jobTitle')} />
          <Field label="Internal title" hint="Shown only to admins and managers" {...f.field('internalTitle')} />
          <Field label="Cell phone" type="tel" autocomplete="off" hint="Empty removes it" {...f.field('cellPhone')} />
        </div>
        <RolesEditor rows={roles} onChange={setRoles} error={f.error} allowAdmin={holdsAdmin(me)} defaultGroup={firstManagedGroup(me)} />
        <div>
          <button type="submit" disabled={f.busy}>
            {f.busy ? 'Saving…' : 'Save changes'}
          </button>
        </div>
        <Notice>{f.done}</Notice>
      </form>
    </section>
  );
}

/** A refused lifecycle action; unused credits get their way out (the Credits page). */
function ActionProblem({ error, user }) {
  if (!error) return null;
  if (error.code === 'unused_credits') {
    const n = error.problem.balance;
    return (
      <div class="problem" role="alert" data-testid="unused-credits">
        <strong>
          {user.displayName} still holds {typeof n === 'number' ? `${n} unused credit${n === 1 ? '' : 's'}` : 'unused credits'}.
        </strong>
        <p>
          Transfer them to the company account or to another user first, then try again: <Link href="/credits">go to Credits</Link>. Their history
          stays either way.
        </p>
      </div>
    );
  }
  return <Problem error={error} />;
}

/**
 * The actions that apply to the user's status and invitation: deactivate or
 * activate, delete or undelete, remove for good, send or revoke the
 * invitation, remove the second factor, and their sessions.
 */
function Lifecycle({ user, etag, onChanged, reload, onPurged }) {
  const [state, setState] = useState({ busy: '', error: null, done: '' });
  const [sessionsRun, setSessionsRun] = useState(0);
  const base = '/users/' + encodeURIComponent(user.id);

  // Runs one action. Actions that answer the user update the page with it;
  // those that answer 204 read the user again (status and ETag moved on).
  const run = async (name, call, done) => {
    setState({ busy: name, error: null, done: '' });
    try {
      const r = await call();
      if (r.data && r.data.id) onChanged(r.data, r.etag);
      else await reload();
      setState({ busy: '', error: null, done });
    } catch (e) {
      setState({ busy: '', error: e, done: '' });
    }
  };

  const s = user.status;
  const inv = (user.invitation && user.invitation.state) || 'none';
  const live = s === 'active' || s === 'invited';
  const busy = !!state.busy;

  return (
    <>
      <section class="panel actions-panel" aria-labelledby="user-access">
        <h2 id="user-access">Access</h2>
        <ActionProblem error={state.error} user={user} />
        <Notice>{state.done}</Notice>
        <ul class="actions">
          {live && inv !== 'accepted' ? (
            <li>
              <button
                type="button"
                class="secondary"
                disabled={busy}
                onClick={() =>
                  run('resend', () => api(base + '/invitation', { method: 'POST' }), `A new invitation link is on its way to ${user.email}; the previous link stops working.`)
                }
              >
                {inv === 'none' ? 'Send invitation' : 'Resend invitation'}
              </button>
              <span class="hint">At most 3 times an hour.</span>
            </li>
          ) : null}
          {inv === 'pending' || inv === 'expired' ? (
            <li>
              <ConfirmButton
                label="Revoke invitation"
                disabled={busy}
                onConfirm={() =>
                  run('revoke', () => api(base + '/invitation/revoke', { method: 'POST', ifMatch: etag }), 'Invitation revoked: its link no longer works.')
                }
              />
              <span class="hint">The link stops working at once; a resend invites them again.</span>
            </li>
          ) : null}
          {s === 'active' ? (
            <li>
              <ConfirmButton
                label="End all sessions"
                disabled={busy}
                onConfirm={async () => {
                  await run('sessions', () => api(base + '/sessions/end', { method: 'POST' }), 'Every session ended: they must sign in again.');
                  setSessionsRun((n) => n + 1);
                }}
              />
              <span class="hint">Signs them out everywhere; they stay active and may sign in again.</span>
            </li>
          ) : null}
          {s === 'active' || s === 'deactivated' ? (
            <li>
              <ConfirmButton
                label="Remove second factor"
                disabled={busy}
                onConfirm={() =>
                  run('mfa', () => api(base + '/mfa', { method: 'DELETE' }), 'They have no second factor now: they sign in with their password (and enrol again if your organisation requires it).')
                }
              />
              <span class="hint">For a lost phone. If they have no authenticator app enrolled, nothing changes.</span>
            </li>
          ) : null}
          {live ? (
            <li>
              <ConfirmButton
                label="Deactivate user"
                disabled={busy}
                onConfirm={() => run('deactivate', () => api(base + '/deactivate', { method: 'POST' }), 'Deactivated: they can no longer sign in.')}
              />
              <span class="hint">They can no longer sign in; their history stays. Only with no unused credits.</span>
            </li>
          ) : null}
          {s === 'deactivated' ? (
            <li>
              <button
                type="button"
                disabled={busy}
                onClick={() => run('activate', () => api(base + '/activate', { method: 'POST' }), 'Activated.')}
              >
                Activate user
              </button>
              <span class="hint">
                {inv === 'none' ? 'Gives access back; a user who never had a password is invited now.' : 'Gives access back.'}
              </span>
            </li>
          ) : null}
          {s !== 'deleted' ? (
            <li>
              <ConfirmButton
                label="Delete user"
                disabled={busy}
                onConfirm={() => run('delete', () => api(base, { method: 'DELETE' }), 'Deleted: they cannot sign in and leave the lists. Undelete restores them.')}
              />
              <span class="hint">They cannot sign in and leave the lists; conversations and history stay; you can undelete them.</span>
            </li>
          ) : (
            <li>
              <button type="button" disabled={busy} onClick={() => run('undelete', () => api(base + '/undelete', { method: 'POST' }), 'Undeleted.')}>
                Undelete user
              </button>
              <span class="hint">Restores them with the status they had before.</span>
            </li>
          )}
          <li>
            <ConfirmButton
              label="Remove for good"
              disabled={busy}
              onConfirm={async () => {
                setState({ busy: 'purge', error: null, done: '' });
                try {
                  await api(base, { method: 'DELETE', query: { purge: true } });
                  onPurged(user.displayName || user.email);
                } catch (e) {
                  setState({ busy: '', error: e, done: '' });
                }
              }}
            />
            <span class="hint">Removes them and frees their email address. Not possible once they have used credits: deactivate them instead.</span>
          </li>
        </ul>
      </section>
      <section class="panel" aria-labelledby="user-sessions">
        <h2 id="user-sessions">Sessions</h2>
        <UserSessions key={sessionsRun + ':' + etag} id={user.id} />
      </section>
    </>
  );
}

function UserSessions({ id }) {
  const list = usePagedList('/users/' + encodeURIComponent(id) + '/sessions', {}, 20);
  if (list.error) return <Problem error={list.error} />;
  if (!list.items.length) return list.loading ? <Loading /> : <p class="muted">No live sessions.</p>;
  return (
    <>
      <table data-testid="sessions-table">
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">IP address</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last used</th>
            <th scope="col">Ends</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((s) => (
            <tr key={s.id}>
              <td title={s.userAgent}>{s.device}</td>
              <td>{s.ip}</td>
              <td>
                <Time value={s.createdAt} />
              </td>
              <td>
                <Time value={s.lastUsedAt} />
              </td>
              <td>
                <Time value={s.expiresAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <More list={list} />
    </>
  );
}
