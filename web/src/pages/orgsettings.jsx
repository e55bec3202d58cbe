// Organisation settings, for organisation administrators: the sign-in
// policy (GET/PUT /org/security), how the organisation texts (GET/PUT
// /org/texting) and the inbound webhook's signing secret (POST
// /webhooks/secret, shown once).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { Page, Field, Problem, Notice, Loading, useForm, useResource, ConfirmButton } from '../ui.jsx';
import './settings.css';

export function OrgSettings() {
  return (
    <Page title="Organisation settings">
      <div class="settings-page">
        <Security />
        <Texting />
        <WebhookSecret />
      </div>
    </Page>
  );
}

/** A 412 means someone saved in between: offer the latest read. */
function Stale({ error, reload }) {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  return (
    <p>
      Someone changed these settings since you opened them.{' '}
      <button type="button" class="secondary small" onClick={reload}>
        Load the latest settings
      </button>
    </p>
  );
}

function Security() {
  const res = useResource(() => api('/org/security'), []);
  const f = useForm({ requireMfaForAdmins: false });
  useEffect(() => {
    if (res.data) f.setValues({ requireMfaForAdmins: !!res.data.requireMfaForAdmins });
  }, [res.etag, res.data]);
  return (
    <section class="panel" aria-labelledby="sec-h">
      <h2 id="sec-h">Security</h2>
      {res.error ? <Problem error={res.error} /> : null}
      {!res.data && !res.error ? <Loading /> : null}
      {res.data ? (
        <form
          onSubmit={f.submit(async (v) => {
            const r = await api('/org/security', { method: 'PUT', body: { requireMfaForAdmins: !!v.requireMfaForAdmins }, ifMatch: res.etag });
            res.setData(r.data, r.etag);
            return 'Security settings saved.';
          })}
        >
          <Problem error={f.error} shown={['requireMfaForAdmins']} />
          <Stale error={f.error} reload={res.reload} />
          <Field
            type="checkbox"
            label="Require two-factor sign-in for administrators"
            hint="Every user with an admin role who has no second factor must enrol one at their next sign-in before doing anything else. Sessions already begun are left as they are."
            {...f.field('requireMfaForAdmins')}
            data-testid="require-mfa"
          />
          <Notice>{f.done}</Notice>
          <div class="buttons">
            <button type="submit" disabled={f.busy}>
              Save security settings
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function Texting() {
  const res = useResource(() => api('/org/texting'), []);
  const f = useForm({ originationIdentity: '', helpText: '' });
  useEffect(() => {
    if (res.data) f.setValues({ originationIdentity: res.data.originationIdentity || '', helpText: res.data.helpText || '' });
  }, [res.etag, res.data]);
  return (
    <section class="panel" aria-labelledby="text-h">
      <h2 id="text-h">Texting</h2>
      {res.error ? <Problem error={res.error} /> : null}
      {!res.data && !res.error ? <Loading /> : null}
      {res.data ? (
        <form
          onSubmit={f.submit(async (v) => {
            const r = await api('/org/texting', { method: 'PUT', body: { originationIdentity: v.originationIdentity.trim(), helpText: v.helpText }, ifMatch: res.etag });
            res.setData(r.data, r.etag);
            return 'Texting settings saved.';
          })}
        >
          <Problem error={f.error} shown={['originationIdentity', 'helpText']} />
          <Stale error={f.error} reload={res.reload} />
          <Field
            label="Send texts from"
            maxLength={256}
            hint="A phone number in E.164 (+15555550100), a sender id, a phone-, pool- or senderid- id, or an ARN. Leave empty to use the deployment's default."
            {...f.field('originationIdentity')}
            data-testid="origination-identity"
          />
          <Field
            as="textarea"
            label="Answer to HELP"
            maxLength={306}
            hint="Texted back when a customer sends HELP. Leave empty for Roster's answer, which names the organisation and says how to stop."
            {...f.field('helpText')}
            data-testid="help-text"
          />
          <Notice>{f.done}</Notice>
          <div class="buttons">
            <button type="submit" disabled={f.busy}>
              Save texting settings
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** POST /webhooks/secret: the new secret is shown here once and never again. */
function WebhookSecret() {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState(null);
  const [copied, setCopied] = useState('');
  const rotate = async () => {
    setError(null);
    setCopied('');
    try {
      const r = await api('/webhooks/secret', { method: 'POST' });
      setSecret(r.data.secret);
    } catch (e) {
      setError(e);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied.');
    } catch {
      setCopied('Copying is not allowed here: select the secret and copy it.');
    }
  };
  return (
    <section class="panel" aria-labelledby="hook-h">
      <h2 id="hook-h">Inbound messages webhook</h2>
      <p>
        Your messaging provider signs the texts it forwards to Roster with a shared secret. Making a new one replaces the old one at once: texts signed with the old
        secret are refused until the provider has the new one.
      </p>
      <Problem error={error} />
      {secret ? (
        <div class="notice" role="status" data-testid="webhook-secret-shown">
          <p>
            <strong>The new secret, shown only this once.</strong> Give it to your messaging provider now.
          </p>
          <code class="secret" data-testid="webhook-secret">
            {secret}
          </code>
          <div class="buttons">
            <button type="button" class="secondary small" onClick={copy}>
              Copy the secret
            </button>
            <button
              type="button"
              class="secondary small"
              onClick={() => {
                setSecret('');
                setCopied('');
              }}
            >
              Hide it
            </button>
            <span>{copied}</span>
          </div>
        </div>
      ) : null}
      <div class="buttons">
        <ConfirmButton label="Make a new webhook secret" confirmLabel="Confirm: replace the webhook secret" onConfirm={rotate} />
      </div>
    </section>
  );
}
