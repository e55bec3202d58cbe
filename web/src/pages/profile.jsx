// My profile (/profile), for every signed-in user: my details, password,
// email, two-factor sign-in and sessions. It also serves a session that may
// only enrol a second factor (an organisation requiring one for its
// administrators): then only the two-factor part is shown.
import { useState } from 'preact/hooks';
import { api, ApiError, setTokens } from '../api.js';
import { useSession } from '../session.jsx';
import { Badge, ConfirmButton, Field, Loading, More, Notice, Page, Problem, Time, useForm, usePagedList } from '../ui.jsx';
import { withRetryAfter } from './auth.jsx';
import './profile.css';

/** api(), with a 429 saying when to try again (as far as the error carries Retry-After). */
async function call(path, opts) {
  try {
    return await api(path, opts);
  } catch (e) {
    const h = e && e.headers && typeof e.headers.get === 'function' ? e.headers.get('Retry-After') : e && e.retryAfter;
    throw withRetryAfter(e, h ? String(h) : '');
  }
}

export function Profile() {
  const { me } = useSession();
  // GET /me says when this session may only enrol a second factor (every
  // other operation would answer 403 mfa_enrolment_required).
  const enrolOnly = !!me.mfaEnrolmentRequired;
  const sessions = usePagedList(enrolOnly ? '' : '/me/sessions', {}, 20);

  if (enrolOnly) {
    return (
      <Page title="My profile">
        <div class="problem" role="alert" data-testid="mfa-enrolment-required">
          <strong>Your organisation requires two-factor sign-in</strong>
          <p>
            Administrators of your organisation must sign in with a code from an authenticator app as well as their password. Set up an app below
            to continue: until then the rest of Roster is closed to you.
          </p>
        </div>
        <TwoFactor key="two-factor" onEnrolled={sessions.reload} />
      </Page>
    );
  }
  return (
    <Page title="My profile">
      <p class="muted">
        Signed in as <strong>{me.displayName || me.email}</strong> ({me.email}).
      </p>
      <Details />
      <Password onChanged={sessions.reload} />
      <Email />
      {/* The same key as above: enrolling ends the enrolment-only view, and the recovery codes must stay on screen. */}
      <TwoFactor key="two-factor" onEnrolled={sessions.reload} />
      <Sessions list={sessions} />
    </Page>
  );
}

const detailFields = ['firstName', 'lastName', 'jobTitle', 'cellPhone'];

function detailsOf(me) {
  const v = {};
  detailFields.forEach((k) => (v[k] = me[k] || ''));
  return v;
}

function Details() {
  const { me, meEtag, reload } = useSession();
  const f = useForm(detailsOf(me));
  return (
    <section class="panel" aria-labelledby="details-h">
      <h2 id="details-h">My details</h2>
      <form
        onSubmit={f.submit(async (v) => {
          const body = {};
          detailFields.forEach((k) => (body[k] = v[k].trim()));
          try {
            const r = await call('/me', { method: 'PATCH', body, ifMatch: meEtag });
            f.setValues(detailsOf(r.data)); // the phone comes back normalised
          } catch (e) {
            if (e.status === 412) {
              // Changed elsewhere (another tab, an administrator): show the latest.
              const fresh = await reload();
              if (fresh) f.setValues(detailsOf(fresh));
              throw new ApiError(412, { ...e.problem, detail: 'Your details were changed elsewhere meanwhile. The latest version is shown now: check it and save again.' });
            }
            throw e;
          }
          await reload();
          return 'Your details are saved.';
        })}
      >
        <Problem error={f.error} shown={detailFields} />
        <div class="row">
          <Field label="First name" autocomplete="given-name" maxlength={200} {...f.field('firstName')} />
          <Field label="Last name" autocomplete="family-name" maxlength={200} {...f.field('lastName')} />
        </div>
        <div class="row">
          <Field label="Job title" autocomplete="organization-title" maxlength={200} {...f.field('jobTitle')} />
          <Field
            label="Cell phone"
            type="tel"
            autocomplete="tel"
            hint="Any common notation; saved in international form. Leave empty to remove it."
            {...f.field('cellPhone')}
          />
        </div>
        <p class="hint">Your email is changed below; your roles and internal title are set by an administrator.</p>
        <Notice>{f.done}</Notice>
        <div>
          <button type="submit" disabled={f.busy}>
            Save details
          </button>
        </div>
      </form>
    </section>
  );
}

const passwordHint = 'At least 12 characters. A few unrelated words make a strong one; not your email address.';

function Password({ onChanged }) {
  const f = useForm({ currentPassword: '', newPassword: '', confirm: '' });
  const [mismatch, setMismatch] = useState('');
  return (
    <section class="panel" aria-labelledby="password-h">
      <h2 id="password-h">Password</h2>
      <form
        onSubmit={f.submit(async (v) => {
          if (v.newPassword !== v.confirm) {
            setMismatch('does not match the new password; type it again');
            return;
          }
          setMismatch('');
          const r = await call('/me/password', { method: 'POST', body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
          // Every session ended, this one's tokens too: the answer holds a new session's.
          setTokens(r.data);
          f.setValues({ currentPassword: '', newPassword: '', confirm: '' });
          onChanged();
          return 'Your password is changed. You were signed out on your other devices.';
        })}
      >
        <p>Changing it signs you out on every other device.</p>
        <Problem error={f.error} shown={['currentPassword', 'newPassword']} />
        <Field label="Current password" type="password" autocomplete="current-password" required {...f.field('currentPassword')} />
        <div class="row">
          <Field
            label="New password"
            type="password"
            autocomplete="new-password"
            required
            minlength={12}
            maxlength={128}
            hint={passwordHint}
            {...f.field('newPassword')}
          />
          <Field label="Confirm new password" type="password" autocomplete="new-password" required {...f.field('confirm')} error={mismatch} />
        </div>
        <Notice>{f.done}</Notice>
        <div>
          <button type="submit" disabled={f.busy}>
            Change password
          </button>
        </div>
      </form>
    </section>
  );
}

function Email() {
  const { me, reload } = useSession();
  const f = useForm({ email: '', password: '' });
  return (
    <section class="panel" aria-labelledby="email-h">
      <h2 id="email-h">Email</h2>
      <p>
        You sign in with <strong data-testid="current-email">{me.email}</strong>.
      </p>
      {me.pendingEmail ? (
        <p class="pending" data-testid="pending-email">
          Waiting for confirmation: <strong>{me.pendingEmail}</strong>. Open the link we sent there (it works until <Time value={me.pendingEmailExpiresAt} />
          ); until then you keep signing in with {me.email}.
        </p>
      ) : null}
      <form
        onSubmit={f.submit(async (v) => {
          const r = await call('/me/email', { method: 'POST', body: { email: v.email.trim(), password: v.password } });
          f.setValues({ email: '', password: '' });
          await reload();
          return `A link is on its way to ${r.data.pendingEmail}. Your email changes when you open it; a notice went to ${me.email} as well.`;
        })}
      >
        <Problem error={f.error} shown={['email', 'password']} />
        <div class="row">
          <Field label="New email" type="email" autocomplete="email" required {...f.field('email')} />
          <Field label="Your password" type="password" autocomplete="current-password" required {...f.field('password')} />
        </div>
        <Notice>{f.done}</Notice>
        <div>
          <button type="submit" disabled={f.busy}>
            Send confirmation link
          </button>
        </div>
      </form>
    </section>
  );
}

/** "ABCD EFGH …": a base32 secret in groups of four, easier to type. */
function grouped(secret) {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** Copies text; says so, or asks the user to copy it by hand. */
function CopyButton({ text, label }) {
  const [state, setState] = useState('');
  return (
    <span class="copy">
      <button
        type="button"
        class="secondary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setState('Copied.');
          } catch {
            setState('Copying is not allowed here: select the text and copy it.');
          }
        }}
      >
        {label}
      </button>
      <span role="status" class="muted">
        {state}
      </span>
    </span>
  );
}

function TwoFactor({ onEnrolled }) {
  const { me, reload } = useSession();
  const [pending, setPending] = useState(null); // {secret, otpauthUri}
  const [codes, setCodes] = useState(null); // the recovery codes, shown once
  const start = useForm({});
  const confirm = useForm({ code: '' });
  const mfa = me.mfa || { totp: false, recoveryCodesLeft: 0 };

  let body;
  if (codes) {
    body = <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
  } else if (mfa.totp) {
    body = (
      <div>
        <p data-testid="mfa-status">
          <Badge tone="active">On</Badge> Every sign-in asks for a code from your authenticator app.
        </p>
        <p>
          Recovery codes left: <strong data-testid="recovery-left">{mfa.recoveryCodesLeft}</strong> of 10.
          {mfa.recoveryCodesLeft <= 3 ? ' Few are left: when they are gone, only your app signs you in.' : ''}
        </p>
        <p class="hint">New phone, or lost it? An administrator of your organisation can reset your second factor; you then set up the app again here.</p>
      </div>
    );
  } else if (pending) {
    body = (
      <form
        onSubmit={confirm.submit(async (v) => {
          let r;
          try {
            r = await call('/me/mfa/totp/confirm', { method: 'POST', body: { code: v.code.replace(/\s/g, '') } });
          } catch (e) {
            // The pending key is gone or replaced (another tab): start again.
            if (e.code === 'mfa_enrolment_not_started' || e.code === 'mfa_enrolment_changed') setPending(null);
            if (e.code === 'mfa_enrolled') {
              setPending(null);
              await reload();
            }
            throw e;
          }
          // An enrolment-only session is replaced by a full one.
          if (r.data.accessToken) setTokens(r.data);
          setCodes(r.data.recoveryCodes || []);
          setPending(null);
          await reload();
          onEnrolled();
        })}
      >
        <ol class="steps">
          <li>
            Enter this key in your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Authy…) as a new time-based
            account:
            <div class="secret-row">
              <Field label="Key" readOnly class="secret" value={grouped(pending.secret)} onFocus={(e) => e.currentTarget.select()} data-testid="totp-secret" />
              <CopyButton text={pending.secret} label="Copy key" />
            </div>
            <details>
              <summary>Your app takes a setup link instead?</summary>
              <div class="secret-row">
                <Field label="Setup link (otpauth)" readOnly class="secret" value={pending.otpauthUri} onFocus={(e) => e.currentTarget.select()} data-testid="totp-uri" />
                <CopyButton text={pending.otpauthUri} label="Copy link" />
              </div>
            </details>
          </li>
          <li>Enter the 6-digit code the app now shows for Roster.</li>
        </ol>
        <Problem error={confirm.error} shown={['code']} />
        <Field
          label="Code from your authenticator app"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxlength={7}
          required
          {...confirm.field('code')}
        />
        <div class="actions">
          <button type="submit" disabled={confirm.busy}>
            Turn on two-factor sign-in
          </button>
          <button type="button" class="secondary" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      </form>
    );
  } else {
    body = (
      <form
        onSubmit={start.submit(async () => {
          try {
            const r = await call('/me/mfa/totp', { method: 'POST' });
            confirm.setValues({ code: '' });
            confirm.setError(null);
            setPending(r.data);
          } catch (e) {
            if (e.code === 'mfa_enrolled') await reload();
            throw e;
          }
        })}
      >
        <p data-testid="mfa-status">
          <Badge tone="closed">Off</Badge> You sign in with your password alone.
        </p>
        <p>With two-factor sign-in, every sign-in also asks for a code from an authenticator app on your phone, so a stolen password is not enough.</p>
        <Problem error={start.error} />
        <div>
          <button type="submit" disabled={start.busy}>
            Set up an authenticator app
          </button>
        </div>
      </form>
    );
  }
  return (
    <section class="panel" aria-labelledby="mfa-h">
      <h2 id="mfa-h">Two-factor sign-in</h2>
      {body}
    </section>
  );
}

function RecoveryCodes({ codes, onDone }) {
  const text = codes.join('\n') + '\n';
  const save = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    a.download = 'roster-recovery-codes.txt';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  };
  return (
    <div>
      <p class="notice" role="status">
        Two-factor sign-in is on.
      </p>
      <h3>Save your recovery codes</h3>
      <p>
        If you lose your phone, each of these codes signs you in once instead of a code from the app. <strong>They are shown only now:</strong> keep
        them somewhere safe, such as a password manager.
      </p>
      <ul class="codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <div class="actions">
        <CopyButton text={text} label="Copy codes" />
        <button type="button" class="secondary" onClick={save}>
          Download as a text file
        </button>
        <button type="button" onClick={onDone}>
          I have saved my recovery codes
        </button>
      </div>
    </div>
  );
}

function Sessions({ list }) {
  const [error, setError] = useState(null);
  const [ended, setEnded] = useState('');
  const end = async (s) => {
    setError(null);
    setEnded('');
    try {
      await call('/me/sessions/' + encodeURIComponent(s.id), { method: 'DELETE' });
      setEnded(`Signed out ${s.device}.`);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="panel" aria-labelledby="sessions-h">
      <h2 id="sessions-h">Where you are signed in</h2>
      <p>Each sign-in lasts up to 30 days. Sign out a device you do not know or no longer use; it then needs your password again.</p>
      <Problem error={error || list.error} />
      <Notice>{ended}</Notice>
      {list.items.length ? (
        <div class="table-wrap">
          <table data-testid="sessions">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">IP address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((s) => (
                <tr key={s.id} class={s.current ? 'current' : ''}>
                  <td>
                    <span title={s.userAgent || undefined}>{s.device}</span> {s.current ? <Badge tone="active">This device</Badge> : null}
                  </td>
                  <td>
                    {s.ip}
                    {s.signInIp && s.signInIp !== s.ip ? <div class="muted">signed in from {s.signInIp}</div> : null}
                  </td>
                  <td>
                    <Time value={s.createdAt} />
                  </td>
                  <td>
                    <Time value={s.lastUsedAt} />
                  </td>
                  <td>
                    {s.current ? (
                      <span class="muted">Sign out from the menu</span>
                    ) : (
                      <ConfirmButton label="Sign out this device" confirmLabel={'Sign out ' + s.device} onConfirm={() => end(s)} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : list.loading ? (
        <Loading />
      ) : list.error ? null : (
        <p class="muted">No sessions to show.</p>
      )}
      {list.items.length ? <More list={list} /> : null}
    </section>
  );
}
