// Pages reached signed out: sign in (with the second factor), and the
// mailed links. OWNER: helper "auth" (ForgotPassword, ResetPassword,
// AcceptInvitation, ConfirmEmail are still to be built).
import { useState } from 'preact/hooks';
import { api, setTokens } from '../api.js';
import { Link, navigate, useLocation } from '../router.jsx';
import { Field, Problem, useForm } from '../ui.jsx';

function afterSignIn(query) {
  const next = query.get('next');
  navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
}

export function SignIn() {
  const { query } = useLocation();
  const [challenge, setChallenge] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const f = useForm({ email: '', password: '', code: '', recoveryCode: '' });

  if (challenge) {
    return (
      <form onSubmit={f.submit(async (v) => {
        const body = useRecovery ? { challenge, recoveryCode: v.recoveryCode.trim() } : { challenge, code: v.code.trim() };
        try {
          const r = await api('/auth/mfa/verify', { method: 'POST', body, auth: false });
          setTokens(r.data);
          afterSignIn(query);
        } catch (e) {
          if (e.code === 'mfa_challenge_invalid') setChallenge('');
          throw e;
        }
      })}>
        <h1>Two-factor sign-in</h1>
        <Problem error={f.error} shown={['code', 'recoveryCode']} />
        {useRecovery ? (
          <Field label="Recovery code" autocomplete="one-time-code" required {...f.field('recoveryCode')} />
        ) : (
          <Field label="Code from your authenticator app" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required {...f.field('code')} />
        )}
        <button type="submit" disabled={f.busy}>Verify</button>
        <button type="button" class="link" onClick={() => setUseRecovery(!useRecovery)}>
          {useRecovery ? 'Use a code from the app instead' : 'Use a recovery code instead'}
        </button>
      </form>
    );
  }
  return (
    <form onSubmit={f.submit(async (v) => {
      try {
        const r = await api('/auth/login', { method: 'POST', body: { email: v.email.trim(), password: v.password }, auth: false });
        setTokens(r.data);
        afterSignIn(query);
      } catch (e) {
        if (e.code === 'mfa_required' && e.problem.challenge) {
          setChallenge(e.problem.challenge);
          return;
        }
        throw e;
      }
    })}>
      <h1>Sign in to Roster</h1>
      <Problem error={f.error} shown={['email', 'password']} />
      <Field label="Email" type="email" autocomplete="username" required {...f.field('email')} />
      <Field label="Password" type="password" autocomplete="current-password" required {...f.field('password')} />
      <button type="submit" disabled={f.busy}>Sign in</button>
      <p>
        <Link href="/password/forgot">Forgot your password?</Link>
      </p>
    </form>
  );
}

export function ForgotPassword() {
  return <h1>Not built yet</h1>;
}
export function ResetPassword() {
  return <h1>Not built yet</h1>;
}
export function AcceptInvitation() {
  return <h1>Not built yet</h1>;
}
export function ConfirmEmail() {
  return <h1>Not built yet</h1>;
}
