// Pages reached signed out: sign in (with the second factor), and the
// mailed links (choose a new password, accept an invitation, confirm a new
// email).
import { useState } from 'preact/hooks';
import { api, API_BASE, ApiError, getTokens, setTokens } from '../api.js';
import { Link, navigate, useLocation } from '../router.jsx';
import { useSession } from '../session.jsx';
import { Field, Notice, Problem, useForm } from '../ui.jsx';
import './auth.css';

/**
 * POST to a public /auth/… operation. Like api(), but a 429 keeps the
 * response's Retry-After (ApiError does not carry headers): the problem's
 * detail then says when to try again, and e.retryAfter holds the seconds.
 */
async function postPublic(path, body) {
  let r;
  try {
    r = await fetch(API_BASE + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { title: 'Roster cannot be reached', detail: 'Check your connection and try again. (' + e.message + ')', code: 'network' });
  }
  const text = r.status === 204 ? '' : await r.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (r.ok) return data;
  const problem = data && typeof data === 'object' ? data : { title: r.statusText || 'Request failed', detail: text };
  throw withRetryAfter(new ApiError(r.status, { status: r.status, ...problem }), r.headers.get('Retry-After'));
}

/** "in 15 minutes (after 14:05)" for a Retry-After in seconds. */
function whenToRetry(seconds) {
  const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? '' : 's'} (after ${at})`;
}

/**
 * For a 429: the same error, its detail saying when to try again. header is
 * the Retry-After value (seconds) when known; other errors pass unchanged.
 */
export function withRetryAfter(e, header) {
  if (!(e instanceof ApiError) || e.status !== 429) return e;
  const seconds = parseInt(header || '', 10);
  // "too many failed sign-ins; try again later" → "Too many failed sign-ins".
  let base = (e.problem.detail || 'too many attempts').replace(/[;,.]?\s*try again later\W*$/i, '').replace(/[.;\s]+$/, '');
  base = base.charAt(0).toUpperCase() + base.slice(1);
  const detail = seconds > 0 ? `${base}. Try again ${whenToRetry(seconds)}.` : `${base}. Wait a few minutes, then try again.`;
  const out = new ApiError(429, { ...e.problem, detail });
  if (seconds > 0) out.retryAfter = seconds;
  return out;
}

/**
 * Where to go once signed in: the page asked for (?next=), or, when the
 * organisation requires a second factor the user has not enrolled yet (the
 * session may only enrol: everything but GET /me and enrolment answers 403
 * mfa_enrolment_required), My profile, where they enrol.
 */
async function afterSignIn(query) {
  try {
    await api('/me/sessions', { query: { limit: 1 } });
  } catch (e) {
    if (e.code === 'mfa_enrolment_required') {
      navigate('/profile', { replace: true });
      return;
    }
    // Anything else is for the page itself to show.
  }
  const next = query.get('next');
  navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
}

/** The second step of a sign-in: a code from the app, or a recovery code. */
function SecondFactor({ challenge, onRestart, onSignedIn }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const f = useForm({ code: '', recoveryCode: '' });
  return (
    <form
      onSubmit={f.submit(async (v) => {
        const body = useRecovery ? { challenge, recoveryCode: v.recoveryCode.trim() } : { challenge, code: v.code.replace(/\s/g, '') };
        try {
          setTokens(await postPublic('/auth/mfa/verify', body));
        } catch (e) {
          // An expired or used challenge cannot be retried: start again with the password.
          if (e.code === 'mfa_challenge_invalid') onRestart(e);
          throw e;
        }
        await onSignedIn();
      })}
    >
      <h1>Two-factor sign-in</h1>
      <p>
        {useRecovery
          ? 'Enter one of the recovery codes you saved when you set up two-factor sign-in. Each code works once.'
          : 'Enter the 6-digit code your authenticator app shows for Roster.'}
      </p>
      <Problem error={f.error} shown={['code', 'recoveryCode']} />
      {useRecovery ? (
        // Keyed: reusing the code's <input> would leave an empty pattern="" behind, which no code matches.
        <Field key="recovery" label="Recovery code" autocomplete="one-time-code" spellcheck={false} required {...f.field('recoveryCode')} />
      ) : (
        <Field
          key="code"
          label="Code from your authenticator app"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxlength={7}
          required
          {...f.field('code')}
        />
      )}
      <button type="submit" disabled={f.busy}>
        Verify
      </button>
      <button type="button" class="link" onClick={() => setUseRecovery(!useRecovery)}>
        {useRecovery ? 'Use a code from the app instead' : 'Use a recovery code instead'}
      </button>
      <p class="muted">Lost your phone and your recovery codes? An administrator of your organisation can reset your second factor.</p>
      <p>
        <button type="button" class="link" onClick={() => onRestart(null)}>
          Back to sign in
        </button>
      </p>
    </form>
  );
}

// Notices that the mailed-link pages leave for the sign-in page (?notice=).
const notices = {
  password_reset: 'Your password is changed and you were signed out everywhere. Sign in with your new password.',
  email_changed: 'Your email is changed and you were signed out everywhere. Sign in with your new address.',
};

export function SignIn() {
  const { query } = useLocation();
  const [challenge, setChallenge] = useState('');
  const f = useForm({ email: '', password: '' });

  if (challenge) {
    return (
      <SecondFactor
        challenge={challenge}
        onRestart={(e) => {
          setChallenge('');
          f.setError(e);
        }}
        onSignedIn={() => afterSignIn(query)}
      />
    );
  }
  return (
    <form
      onSubmit={f.submit(async (v) => {
        let tokens;
        try {
          tokens = await postPublic('/auth/login', { email: v.email.trim(), password: v.password });
        } catch (e) {
          if (e.code === 'mfa_required' && e.problem.challenge) {
            setChallenge(e.problem.challenge);
            return;
          }
          throw e;
        }
        setTokens(tokens);
        await afterSignIn(query);
      })}
    >
      <h1>Sign in to Roster</h1>
      <Notice>{notices[query.get('notice')] || ''}</Notice>
      <Problem error={f.error} shown={['email', 'password']} />
      <Field label="Email" type="email" autocomplete="username" required {...f.field('email')} />
      <Field label="Password" type="password" autocomplete="current-password" required {...f.field('password')} />
      <button type="submit" disabled={f.busy}>
        Sign in
      </button>
      <p>
        <Link href="/password/forgot">Forgot your password?</Link>
      </p>
    </form>
  );
}

export function ForgotPassword() {
  const [sentTo, setSentTo] = useState('');
  const f = useForm({ email: '' });
  if (sentTo) {
    return (
      <div>
        <h1>Check your email</h1>
        <p class="notice" role="status" data-testid="forgot-sent">
          If an account uses {sentTo}, an email with a link to choose a new password is on its way. It can take a few minutes; the link works for one
          hour.
        </p>
        <p>Nothing after a while? Check your spam folder and the address, or ask an administrator of your organisation.</p>
        <p>
          <button type="button" class="link" onClick={() => setSentTo('')}>
            Use another address
          </button>{' '}
          · <Link href="/login">Back to sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <form
      onSubmit={f.submit(async (v) => {
        // The answer is the same whether or not the address has an account.
        await postPublic('/auth/password/forgot', { email: v.email.trim() });
        setSentTo(v.email.trim());
      })}
    >
      <h1>Forgot your password?</h1>
      <p>Enter the email you sign in with. We will send you a link to choose a new password.</p>
      <Problem error={f.error} shown={['email']} />
      <Field label="Email" type="email" autocomplete="username" required {...f.field('email')} />
      <button type="submit" disabled={f.busy}>
        Email me a link
      </button>
      <p>
        <Link href="/login">Back to sign in</Link>
      </p>
    </form>
  );
}

/** A mailed link whose token is missing from the address. */
function MissingToken({ what, again }) {
  return (
    <div>
      <h1>This link is incomplete</h1>
      <p>
        The address has no token. Open the link from the email again, or copy the whole link into the address bar: {what}.
      </p>
      {again}
    </div>
  );
}

/**
 * A mailed link that no longer works (410 and the like): what happened and
 * what to do, instead of the form.
 */
function DeadLink({ title, error, children }) {
  return (
    <div data-testid="dead-link">
      <h1>{title}</h1>
      <div class="problem" role="alert">
        <strong>{error.problem.detail || error.problem.title}</strong>
      </div>
      {children}
    </div>
  );
}

/** A new password and its confirmation, with the mismatch told beside the second. */
function usePasswordPair(name) {
  const [mismatch, setMismatch] = useState('');
  const check = (v) => {
    if (v[name] !== v.confirm) {
      setMismatch('does not match the password above; type it again');
      return false;
    }
    setMismatch('');
    return true;
  };
  return { mismatch, check };
}

const passwordHint = 'At least 12 characters. A few unrelated words make a strong one; not your email address.';

export function ResetPassword() {
  const { query } = useLocation();
  const token = query.get('token') || '';
  const f = useForm({ password: '', confirm: '' });
  const pair = usePasswordPair('password');
  if (!token) return <MissingToken what="/password/reset?token=…" again={<Link href="/password/forgot">Ask for a new link</Link>} />;
  if (f.error && f.error.status === 410) {
    return (
      <DeadLink title="This link no longer works" error={f.error}>
        <p>
          Reset links work once, for one hour, and only the newest one works. <Link href="/password/forgot">Ask for a new link</Link>.
        </p>
      </DeadLink>
    );
  }
  return (
    <form
      onSubmit={f.submit(async (v) => {
        if (!pair.check(v)) return;
        const data = await postPublic('/auth/password/reset', { token, password: v.password });
        // The API ends every session and signs nobody in (204); should it
        // ever return tokens, use them.
        if (data && data.accessToken) {
          setTokens(data);
          navigate('/', { replace: true });
          return;
        }
        if (getTokens()) setTokens(null); // whatever was signed in here has ended, if it was this user
        navigate('/login?notice=password_reset', { replace: true });
      })}
    >
      <h1>Choose a new password</h1>
      <p>Every session of your account ends: you then sign in with the new password.</p>
      <Problem error={f.error} shown={['password']} />
      <Field label="New password" type="password" autocomplete="new-password" required minlength={12} maxlength={128} hint={passwordHint} {...f.field('password')} />
      <Field label="Confirm new password" type="password" autocomplete="new-password" required {...f.field('confirm')} error={pair.mismatch} />
      <button type="submit" disabled={f.busy}>
        Set new password
      </button>
    </form>
  );
}

// What to do about each invitation that no longer works.
const invitationHelp = {
  invitation_revoked: 'An administrator withdrew this invitation. Ask an administrator of your organisation to send you a new one.',
  invitation_expired:
    'Invitation links work for 7 days. Ask an administrator of your organisation to send it again, or get a new link yourself: enter your email on the "Forgot your password?" page.',
  invitation_used: 'Your account is already set up: sign in. If you do not know the password, choose a new one with "Forgot your password?".',
  invitation_invalid:
    'Only the newest invitation link works: look for a later email, or ask an administrator of your organisation to send the invitation again.',
};

export function AcceptInvitation() {
  const { query } = useLocation();
  const token = query.get('token') || '';
  const [challenge, setChallenge] = useState('');
  const f = useForm({ firstName: '', lastName: '', password: '', confirm: '' });
  const pair = usePasswordPair('password');
  if (!token) return <MissingToken what="/invitations/accept?token=…" again={<p>Or ask an administrator of your organisation to send the invitation again.</p>} />;
  if (challenge) {
    // The account already has a second factor (an invitation sent again to
    // someone who had enrolled): the link proves the mailbox, not the phone.
    return <SecondFactor challenge={challenge} onRestart={(e) => { setChallenge(''); f.setError(e); }} onSignedIn={() => afterSignIn(new URLSearchParams())} />;
  }
  if (f.error && f.error.status === 410) {
    return (
      <DeadLink title="This invitation no longer works" error={f.error}>
        <p data-testid="invitation-help">{invitationHelp[f.error.code] || invitationHelp.invitation_invalid}</p>
        <p>
          <Link href="/login">Sign in</Link> · <Link href="/password/forgot">Forgot your password?</Link>
        </p>
      </DeadLink>
    );
  }
  return (
    <form
      onSubmit={f.submit(async (v) => {
        if (!pair.check(v)) return;
        // Empty names keep those the administrator entered; they are required
        // (400 naming the field) when the invitation was sent by email alone.
        const body = { token, password: v.password };
        if (v.firstName.trim()) body.firstName = v.firstName.trim();
        if (v.lastName.trim()) body.lastName = v.lastName.trim();
        let tokens;
        try {
          tokens = await postPublic('/auth/invitations/accept', body);
        } catch (e) {
          if (e.code === 'mfa_required' && e.problem.challenge) {
            setChallenge(e.problem.challenge);
            return;
          }
          throw e;
        }
        setTokens(tokens);
        await afterSignIn(new URLSearchParams());
      })}
    >
      <h1>Set up your account</h1>
      <p>You were invited to Roster. Give your name and choose a password to finish; you are then signed in.</p>
      <Problem error={f.error} shown={['firstName', 'lastName', 'password']} />
      <div class="row">
        <Field label="First name" autocomplete="given-name" maxlength={200} {...f.field('firstName')} />
        <Field label="Last name" autocomplete="family-name" maxlength={200} {...f.field('lastName')} />
      </div>
      <p class="hint">If your administrator already entered your name, you may leave these empty to keep it.</p>
      <Field label="Password" type="password" autocomplete="new-password" required minlength={12} maxlength={128} hint={passwordHint} {...f.field('password')} />
      <Field label="Confirm password" type="password" autocomplete="new-password" required {...f.field('confirm')} error={pair.mismatch} />
      <button type="submit" disabled={f.busy}>
        Accept invitation
      </button>
    </form>
  );
}

const emailChangeHelp = {
  email_change_expired: 'Links to confirm a new email work for 24 hours. Sign in with your current address and ask for the change again on My profile.',
  email_change_invalid:
    'The link was used already, or a newer change replaced it (only the newest link works). Sign in and check your email on My profile.',
  email_taken: 'Someone else signs in with that address now. Sign in with your current address and choose another one on My profile.',
};

export function ConfirmEmail() {
  const { query } = useLocation();
  const token = query.get('token') || '';
  const { me } = useSession();
  const [done, setDone] = useState(false);
  const f = useForm({});
  if (!token) return <MissingToken what="/confirm-email?token=…" again={<Link href="/login">Sign in</Link>} />;
  if (done) {
    return (
      <div>
        <h1>Your email is changed</h1>
        <p class="notice" role="status" data-testid="email-confirmed">
          You now sign in with your new address. Every session of your account ended, on every device: sign in again.
        </p>
        <p>
          <Link href="/login?notice=email_changed">Sign in</Link>
        </p>
      </div>
    );
  }
  if (f.error && (f.error.status === 410 || f.error.code === 'email_taken')) {
    return (
      <DeadLink title="Your email was not changed" error={f.error}>
        <p>{emailChangeHelp[f.error.code] || emailChangeHelp.email_change_invalid}</p>
        <p>
          <Link href="/login">Sign in</Link>
        </p>
      </DeadLink>
    );
  }
  // Confirmed on a press, not on load: mail scanners that open links must not confirm.
  return (
    <form
      onSubmit={f.submit(async () => {
        await postPublic('/auth/email/confirm', { token });
        // The change ended every session of its user; if that is who is
        // signed in here, forget their tokens (they no longer work).
        if (me && me.pendingEmail) setTokens(null);
        setDone(true);
      })}
    >
      <h1>Confirm your new email</h1>
      <p>Press the button to make this address the one you sign in to Roster with. You are then signed out everywhere and sign in again with it.</p>
      <Problem error={f.error} />
      <button type="submit" disabled={f.busy}>
        Confirm my new email
      </button>
    </form>
  );
}
