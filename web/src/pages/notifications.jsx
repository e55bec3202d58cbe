// Notification settings (seed 000): the caller's own (GET/PUT
// /me/notification-settings), a user's with the lock a manager sets
// (GET/PUT /users/{id}/notification-settings) and their favourite templates
// (GET/PUT /users/{id}/favorite-templates), and the organisation's defaults
// (GET/PUT /notification-settings/default). The caller's own favourites are
// on the Templates page, next to the templates.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { useSession } from '../session.jsx';
import { Link, navigate, useLocation } from '../router.jsx';
import { Page, Field, Problem, Notice, Loading, useForm, useResource } from '../ui.jsx';
import { FavoritesEditor, useFavorites, useAllTemplates } from './templates.jsx';
import './settings.css';

const SOUNDS = [
  { value: 'none', label: 'No sound' },
  { value: 'chime', label: 'Chime' },
  { value: 'bell', label: 'Bell' },
  { value: 'ping', label: 'Ping' },
  { value: 'knock', label: 'Knock' },
];

/** The form's values, one per API field, named as the API names them in problems. */
function flat(s) {
  return {
    'desktop.sound': s.desktop.sound || 'none',
    'desktop.repeatMinutes': String(s.desktop.repeatMinutes),
    'email.enabled': !!s.email.enabled,
    'email.unclaimedMinutes': String(s.email.unclaimedMinutes),
    'email.unreadMinutes': String(s.email.unreadMinutes),
    'email.limitToHoursOfOperation': !!s.email.limitToHoursOfOperation,
    locked: !!s.locked,
  };
}

/** Whole minutes as a number; anything else as typed, for the API to name the field. */
const minutes = (v) => (/^\s*\d+\s*$/.test(v) ? Number(v) : v);

function nested(v) {
  return {
    desktop: { sound: v['desktop.sound'], repeatMinutes: minutes(v['desktop.repeatMinutes']) },
    email: {
      enabled: !!v['email.enabled'],
      unclaimedMinutes: minutes(v['email.unclaimedMinutes']),
      unreadMinutes: minutes(v['email.unreadMinutes']),
      limitToHoursOfOperation: !!v['email.limitToHoursOfOperation'],
    },
  };
}

const SOURCES = {
  me: { user: 'These are your own settings.', organisation: "You follow your organisation's default settings; saving makes these your own.", default: "You follow Roster's default settings; saving makes these your own." },
  user: { user: 'These are their own settings.', organisation: "They follow the organisation's default settings; saving gives them their own.", default: "They follow Roster's default settings; saving gives them their own." },
  default: { user: '', organisation: "These are the organisation's own defaults.", default: "Roster's defaults apply until you save the organisation's own." },
};

/**
 * One settings form. mode: me (locked ones are read-only), user (with the
 * lock toggle) or default. onSave(body) returns the api() result.
 */
function SettingsForm({ res, mode, who, canEdit, onSave, submitLabel, testid }) {
  const s = res.data;
  const f = useForm(flat(s));
  // A new read (after a save) refills the form.
  useEffect(() => {
    f.setValues(flat(s));
  }, [res.etag, s]);
  const lockedForMe = mode === 'me' && s.locked;
  const disabled = !canEdit || lockedForMe || f.busy;
  const lockHint = lockedForMe ? 'Locked by your manager' : undefined;
  const field = (name) => ({ ...f.field(name), disabled, hint: lockHint });
  const shown = ['desktop.sound', 'desktop.repeatMinutes', 'email.enabled', 'email.unclaimedMinutes', 'email.unreadMinutes', 'email.limitToHoursOfOperation', 'locked'];
  return (
    <form
      data-testid={testid}
      novalidate
      onSubmit={f.submit(async (v) => {
        const body = nested(v);
        if (mode === 'user') body.locked = !!v.locked;
        const r = await onSave(body);
        res.setData(r.data, r.etag);
        return 'Notification settings saved.';
      })}
    >
      <p class="muted" data-testid={testid + '-source'}>
        {SOURCES[mode][s.source] || ''}
      </p>
      {lockedForMe ? (
        <p class="notice" role="status" data-testid={testid + '-locked'}>
          These settings are locked by your manager: only a manager or administrator can change them.
        </p>
      ) : null}
      <Problem error={f.error} shown={shown} />
      {mode === 'user' ? (
        <Field
          type="checkbox"
          label={`Lock these settings (${who} cannot change them)`}
          {...field('locked')}
          hint="Turn this on to control how often they are notified; they will see their settings as locked by their manager."
          data-testid={testid + '-lock'}
        />
      ) : null}
      <fieldset>
        <legend>Desktop notifications</legend>
        <div class="row">
          <Field as="select" label="Sound" options={SOUNDS} {...field('desktop.sound')} onChange={f.field('desktop.sound').onInput} data-testid={testid + '-sound'} />
          <Field
            label="Repeat every (minutes)"
            type="number"
            min="0"
            max="60"
            {...field('desktop.repeatMinutes')}
            hint={lockHint || 'Until the message is claimed or read; 0 plays once. 0 to 60.'}
            data-testid={testid + '-repeat'}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Email notifications</legend>
        <Field type="checkbox" label="Send email notifications" {...field('email.enabled')} data-testid={testid + '-email'} />
        <div class="row">
          <Field
            label="Email when a message stays unclaimed for (minutes)"
            type="number"
            min="1"
            max="1440"
            {...field('email.unclaimedMinutes')}
            hint={lockHint || '1 to 1440 (a day).'}
            data-testid={testid + '-unclaimed'}
          />
          <Field
            label="Email when a claimed conversation stays unread for (minutes)"
            type="number"
            min="1"
            max="1440"
            {...field('email.unreadMinutes')}
            hint={lockHint || '1 to 1440 (a day).'}
            data-testid={testid + '-unread'}
          />
        </div>
        <Field
          type="checkbox"
          label="Limit email notifications to the group's hours of operation"
          {...field('email.limitToHoursOfOperation')}
          hint={lockHint || "Checks the conversation's group's hours and holidays before sending; a group without hours is always in hours."}
          data-testid={testid + '-limit'}
        />
      </fieldset>
      <Notice>{f.done}</Notice>
      {canEdit && !lockedForMe ? (
        <div class="buttons">
          <button type="submit" disabled={f.busy}>
            {f.busy ? 'Saving…' : submitLabel}
          </button>
        </div>
      ) : null}
    </form>
  );
}

/** Loads settings and shows their form. */
function SettingsSection({ path, mode, who, canEdit, submitLabel, testid }) {
  const res = useResource(() => api(path), [path]);
  if (res.error) return <Problem error={res.error} />;
  if (!res.data) return <Loading />;
  return (
    <SettingsForm
      res={res}
      mode={mode}
      who={who}
      canEdit={canEdit}
      submitLabel={submitLabel}
      testid={testid}
      onSave={(body) => api(path, { method: 'PUT', body, ifMatch: res.etag || undefined })}
    />
  );
}

export function Notifications() {
  const { can } = useSession();
  const { query } = useLocation();
  const userId = query.get('user') || '';
  return (
    <Page title="Notifications">
      <div class="settings-page">
        <section class="panel" aria-labelledby="mine-h">
          <h2 id="mine-h">My notification settings</h2>
          <SettingsSection path="/me/notification-settings" mode="me" canEdit submitLabel="Save my notification settings" testid="my-settings" />
          <p>
            Your favourite templates are on the <Link href="/templates">Templates</Link> page.
          </p>
        </section>

        {can('manage_notifications') ? (
          <section class="panel" aria-labelledby="users-h">
            <h2 id="users-h">A user's notifications and favourite templates</h2>
            <UserPicker selected={userId} />
            {userId ? <UserSection key={userId} id={userId} /> : null}
          </section>
        ) : null}

        {can('manage_notifications') || can('manage_organisation') ? (
          <section class="panel" aria-labelledby="default-h">
            <h2 id="default-h">Organisation defaults</h2>
            <p class="muted">Users who have not saved settings of their own follow these at once.{can('manage_organisation') ? '' : ' Only organisation administrators can change them.'}</p>
            <SettingsSection path="/notification-settings/default" mode="default" canEdit={can('manage_organisation')} submitLabel="Save organisation defaults" testid="default-settings" />
          </section>
        ) : null}
      </div>
    </Page>
  );
}

/**
 * GET /users?q=…: a page may hold none of the matches and still go on
 * (last-name matches come before first-name ones), so read on until some
 * turn up or a few pages were read.
 */
async function searchUsers(q) {
  const found = [];
  let cursor = '';
  let pages = 0;
  do {
    const r = await api('/users', { query: { q: q.trim(), limit: 100, cursor } });
    found.push(...(r.data.items || []));
    cursor = r.data.nextCursor || '';
    pages++;
  } while (cursor && found.length < 20 && pages < 10);
  return { users: found, more: !!cursor };
}

/** Find a user by name or email and choose them (?user=ID, so the choice can be linked to). */
function UserPicker({ selected }) {
  const { me } = useSession();
  const f = useForm({ q: '' });
  const [result, setResult] = useState(null);
  const choose = (id) => navigate('/notifications?user=' + encodeURIComponent(id));
  return (
    <div>
      <form
        class="row"
        role="search"
        onSubmit={f.submit(async (v) => {
          setResult(await searchUsers(v.q));
        })}
      >
        <Field label="Find a user" hint="The start of a first or last name, or a whole email address." {...f.field('q')} data-testid="user-search" />
        <div class="buttons">
          <button type="submit" class="secondary" disabled={f.busy}>
            Search users
          </button>
        </div>
      </form>
      <Problem error={f.error} shown={['q']} />
      {result ? (
        result.users.length ? (
          <ul class="user-results" data-testid="user-results">
            {result.users.map((u) => (
              <li key={u.id}>
                {me && u.id === me.id ? (
                  <span>
                    {u.displayName} <span class="muted">(you: use My notification settings above)</span>
                  </span>
                ) : (
                  <button type="button" class="link" aria-current={u.id === selected ? 'true' : undefined} onClick={() => choose(u.id)}>
                    {u.displayName}
                  </button>
                )}
                <span class="muted">{u.email}</span>
              </li>
            ))}
            {result.more ? <li class="muted">More users match: type more of the name.</li> : null}
          </ul>
        ) : (
          <p class="muted" role="status">
            No user matches.
          </p>
        )
      ) : null}
    </div>
  );
}

/** The chosen user's settings (with the lock) and favourite templates. */
function UserSection({ id }) {
  const user = useResource(() => api(`/users/${encodeURIComponent(id)}`), [id]);
  const fav = useFavorites(`/users/${encodeURIComponent(id)}/favorite-templates`);
  const templates = useAllTemplates();
  if (user.error) return <Problem error={user.error} />;
  if (!user.data) return <Loading />;
  const who = user.data.displayName;
  return (
    <div data-testid="user-section">
      <h3>Notification settings of {who}</h3>
      <SettingsSection
        path={`/users/${encodeURIComponent(id)}/notification-settings`}
        mode="user"
        who={who}
        canEdit
        submitLabel={`Save settings of ${who}`}
        testid="user-settings"
      />
      <h3>Favourite templates of {who}</h3>
      <p class="muted">Each must be a template {who} may read.</p>
      <FavoritesEditor fav={fav} templates={templates.data || []} testid="user-favorites" />
    </div>
  );
}
