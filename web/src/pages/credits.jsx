// Credits: everyone sees their own balance and history; organisation
// administrators (manage_credits) also the company account, every user's
// balance, grants, transfers and the ledger. A user must hold no credits to
// be deactivated, so moving a user's credits back is one click from their
// row (or from a link to /credits?from=<user id>).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, fetchAll } from '../api.js';
import { useLocation } from '../router.jsx';
import { useSession } from '../session.jsx';
import { Badge, Field, Loading, More, Notice, Page, Problem, Time, useForm, useIdempotencyKey, useResource } from '../ui.jsx';
import { Person } from './conversations.jsx';
import './inbox.css';

const PAGE = 50;

/** A cursor-paged list that keeps the first page's other fields (balance, consumed…) in `first`. */
function usePaged(path, query, limit, version) {
  const key = JSON.stringify([path, query, limit, version]);
  const [state, setState] = useState({ items: [], first: null, cursor: '', error: null, loading: true });
  const seq = useRef(0);
  const load = useCallback(
    async (cursor) => {
      const n = ++seq.current;
      setState((s) => ({ ...s, loading: true, error: null }));
      try {
        const r = await api(path, { query: { ...query, limit, cursor } });
        if (n !== seq.current) return;
        const d = r.data || {};
        setState((s) => ({ items: cursor ? [...s.items, ...(d.items || [])] : d.items || [], first: cursor ? s.first : d, cursor: d.nextCursor || '', error: null, loading: false }));
      } catch (e) {
        if (n === seq.current) setState((s) => ({ ...s, error: e, loading: false }));
      }
    },
    [key],
  );
  useEffect(() => {
    load('');
  }, [load]);
  return { ...state, more: state.cursor ? () => load(state.cursor) : null, reload: () => load('') };
}

/** An integer from a form field, or the text itself (the server names what is wrong with it). */
function amountOf(v) {
  const s = String(v ?? '').trim();
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

/** A datetime-local value as RFC 3339 (UTC), or '' when empty. */
function isoOf(v) {
  if (!v) return '';
  const d = new Date(v);
  return isNaN(d) ? v : d.toISOString();
}

function credits(n) {
  return `${n} credit${n === 1 ? '' : 's'}`;
}

export function Credits() {
  const { me, can } = useSession();
  const admin = can('manage_credits');
  // Bumped after every grant or transfer: balances, lists and ledger read again.
  const [version, setVersion] = useState(0);
  const moved = () => setVersion((v) => v + 1);
  const summary = useResource(() => api('/credits', { query: { limit: 1 } }), [version]);
  const s = summary.data;

  return (
    <Page title="Credits">
      <Problem error={summary.error} />
      <div class="balances">
        <div class="balance" data-testid="my-balance">
          <h2>Your balance</h2>
          <p class="amount">{s ? credits(s.balance) : '…'}</p>
        </div>
        {admin ? (
          <div class="balance" data-testid="company-balance">
            <h2>Company account</h2>
            <p class="amount">{s ? credits(s.companyBalance) : '…'}</p>
          </div>
        ) : null}
      </div>
      {admin ? <Admin version={version} onMoved={moved} /> : <p class="muted">An administrator of your organisation gives out credits. Each record you unlock costs credits from your balance.</p>}
      <MyHistory me={me} version={version} />
    </Page>
  );
}

/** Everything an organisation administrator does with credits. */
function Admin({ version, onMoved }) {
  const { query } = useLocation();
  // Every user with their balance, for the pickers and for names in the ledger.
  const everyone = useResource(() => fetchAll('/credits').then((items) => ({ data: items })), [version]);
  const users = everyone.data || [];
  const byId = {};
  users.forEach((u) => (byId[u.userId] = { id: u.userId, displayName: u.displayName, status: u.status, balance: u.balance }));
  const [prefill, setPrefill] = useState(() => (query.get('from') ? { from: query.get('from'), to: 'company', amount: '' } : null));
  const [ledgerUser, setLedgerUser] = useState('');
  const transferRef = useRef(null);
  const ledgerRef = useRef(null);

  const move = (p) => {
    setPrefill({ ...p, at: Date.now() });
    if (transferRef.current) transferRef.current.scrollIntoView({ block: 'start' });
  };

  return (
    <>
      <Problem error={everyone.error} />
      <div class="two">
        <GrantForm onMoved={onMoved} />
        <div ref={transferRef}>
          <TransferForm users={users} byId={byId} prefill={prefill} onMoved={onMoved} />
        </div>
      </div>
      <Balances
        version={version}
        onMove={move}
        onLedger={(id) => {
          setLedgerUser(id);
          if (ledgerRef.current) ledgerRef.current.scrollIntoView({ block: 'start' });
        }}
      />
      <div ref={ledgerRef}>
        <Ledger users={users} byId={byId} version={version} user={ledgerUser} setUser={setLedgerUser} />
      </div>
    </>
  );
}

function GrantForm({ onMoved }) {
  const f = useForm({ amount: '', note: '' });
  const keyFor = useIdempotencyKey();
  return (
    <form
      class="panel"
      data-testid="grant-form"
      onSubmit={f.submit(async (v) => {
        const body = { amount: amountOf(v.amount) };
        if (v.note.trim()) body.note = v.note.trim();
        const r = await api('/credits/grants', { method: 'POST', body, idempotencyKey: keyFor(body) });
        keyFor.reset();
        f.setValues({ amount: '', note: '' });
        onMoved();
        return `Added ${credits(r.data.amount)} to the company account` + (r.headers.get('Idempotent-Replayed') === 'true' ? ' (this grant was already recorded).' : '.');
      })}
    >
      <h2>Add bought credits</h2>
      <p class="muted small">Credits your organisation bought go to the company account first.</p>
      <Problem error={f.error} shown={['amount', 'note']} />
      <Field label="Credits to add" type="number" min="1" max="1000000" step="1" required {...f.field('amount')} />
      <Field label="Note" hint="For example the invoice number." maxLength={500} {...f.field('note')} />
      <Notice>{f.done}</Notice>
      <div>
        <button type="submit" disabled={f.busy}>
          Add credits
        </button>
      </div>
    </form>
  );
}

function accountLabel(u) {
  const state = u.status === 'active' ? '' : `, ${u.status}`;
  return `${u.displayName} (${credits(u.balance)}${state})`;
}

function TransferForm({ users, byId, prefill, onMoved }) {
  const f = useForm({ from: 'company', to: '', amount: '', note: '' });
  const keyFor = useIdempotencyKey();
  useEffect(() => {
    if (!prefill) return;
    f.setValues({ from: prefill.from || 'company', to: prefill.to || '', amount: prefill.amount === undefined ? '' : String(prefill.amount), note: '' });
    f.setError(null);
    f.setDone('');
    const el = document.querySelector('[data-testid=transfer-form] input[name=amount]');
    if (el) el.focus();
  }, [prefill]);

  const fromOptions = [{ value: 'company', label: 'Company account' }, ...users.map((u) => ({ value: u.userId, label: accountLabel(u) }))];
  // Deactivated and deleted users cannot receive credits (409 recipient_inactive).
  const toOptions = [
    { value: '', label: 'Choose who receives them' },
    { value: 'company', label: 'Company account' },
    ...users.filter((u) => u.status === 'active' || u.status === 'invited').map((u) => ({ value: u.userId, label: accountLabel(u) })),
  ];
  const source = f.values.from !== 'company' ? byId[f.values.from] : null;
  if (source && !fromOptions.some((o) => o.value === f.values.from)) fromOptions.push({ value: f.values.from, label: f.values.from });

  const e = f.error;
  const amountError = e && e.code === 'insufficient_credits' ? `Not enough credits: the source holds ${credits(e.problem.available ?? 0)}.` : f.field('amount').error;
  const toError = e && e.code === 'recipient_inactive' ? e.message : f.field('to').error;
  const shown = ['from', 'to', 'amount', 'note'];

  return (
    <form
      class="panel"
      data-testid="transfer-form"
      onSubmit={f.submit(async (v) => {
        const body = { from: v.from, to: v.to, amount: amountOf(v.amount) };
        if (v.note.trim()) body.note = v.note.trim();
        const r = await api('/credits/transfers', { method: 'POST', body, idempotencyKey: keyFor(body) });
        keyFor.reset();
        f.setValues({ from: v.from, to: v.to, amount: '', note: '' });
        onMoved();
        const name = (id) => (id === 'company' ? 'the company account' : byId[id] ? byId[id].displayName : id);
        return `Moved ${credits(r.data.amount)} from ${name(r.data.from)} to ${name(r.data.to)}.`;
      })}
    >
      <h2>Move credits</h2>
      <p class="muted small">Between the company account and users, or from one user to another. Move a user's credits away before deactivating them.</p>
      {e && (e.code === 'insufficient_credits' || e.code === 'recipient_inactive') ? null : <Problem error={e} shown={shown} />}
      <Field as="select" label="From" options={fromOptions} {...f.field('from')} />
      <Field as="select" label="To" options={toOptions} required {...f.field('to')} error={toError} />
      <Field label="Credits to move" type="number" min="1" max="1000000" step="1" required {...f.field('amount')} error={amountError}>
        {source && source.balance > 0 ? (
          <button type="button" class="link" onClick={() => f.set('amount', String(source.balance))}>
            Move all {credits(source.balance)}
          </button>
        ) : null}
      </Field>
      <Field label="Note" maxLength={500} {...f.field('note')} />
      <Notice>{f.done}</Notice>
      <div>
        <button type="submit" disabled={f.busy}>
          Move credits
        </button>
      </div>
    </form>
  );
}

/** Every user's balance (GET /credits items), a page at a time. */
function Balances({ version, onMove, onLedger }) {
  const list = usePaged('/credits', {}, PAGE, version);
  return (
    <section>
      <h2>Users' balances</h2>
      <Problem error={list.error} />
      {list.items.length ? (
        <table data-testid="balances">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Balance
              </th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((u) => (
              <tr key={u.userId}>
                <td>{u.displayName}</td>
                <td>
                  <Badge>{u.status}</Badge>
                </td>
                <td class="num">{u.balance}</td>
                <td class="row-actions">
                  {u.balance > 0 ? (
                    <button type="button" class="secondary" aria-label={`Move ${u.displayName}'s credits`} onClick={() => onMove({ from: u.userId, to: 'company', amount: u.balance })}>
                      Move their credits
                    </button>
                  ) : null}
                  {u.status === 'active' || u.status === 'invited' ? (
                    <button type="button" class="secondary" aria-label={`Give credits to ${u.displayName}`} onClick={() => onMove({ from: 'company', to: u.userId })}>
                      Give credits
                    </button>
                  ) : null}
                  <button type="button" class="link" aria-label={`Ledger of ${u.displayName}`} onClick={() => onLedger(u.userId)}>
                    Ledger
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : list.loading ? null : (
        <p class="muted">No users yet.</p>
      )}
      <More list={list} />
    </section>
  );
}

const KINDS = [
  { value: '', label: 'All kinds' },
  { value: 'grant', label: 'Grants' },
  { value: 'transfer', label: 'Transfers' },
  { value: 'consume', label: 'Records unlocked' },
];

/** The organisation's ledger, newest first, with its filters. */
function Ledger({ users, byId, version, user, setUser }) {
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = { user, kind, from: isoOf(from), to: isoOf(to) };
  const list = usePaged('/credits/ledger', query, PAGE, version);
  const err = list.error;
  const accountOptions = [{ value: '', label: 'All accounts' }, { value: 'company', label: 'Company account' }, ...users.map((u) => ({ value: u.userId, label: u.displayName + (u.status === 'active' ? '' : ` (${u.status})`) }))];
  return (
    <section>
      <h2>Ledger</h2>
      <div class="row filters" data-testid="ledger-filters">
        <Field as="select" label="Account" name="user" options={accountOptions} value={user} onInput={(e) => setUser(e.currentTarget.value)} error={err ? err.fieldError('user') : ''} />
        <Field as="select" label="Kind" name="kind" options={KINDS} value={kind} onInput={(e) => setKind(e.currentTarget.value)} error={err ? err.fieldError('kind') : ''} />
        <Field label="From (at or after)" type="datetime-local" name="from" value={from} onInput={(e) => setFrom(e.currentTarget.value)} error={err ? err.fieldError('from') : ''} />
        <Field label="To (before)" type="datetime-local" name="to" value={to} onInput={(e) => setTo(e.currentTarget.value)} error={err ? err.fieldError('to') : ''} />
      </div>
      <Problem error={err} shown={['user', 'kind', 'from', 'to']} />
      <Entries list={list} byId={byId} empty="No entries match these filters." />
    </section>
  );
}

/** The signed-in user's own balance history (GET /users/{me}/credits). */
function MyHistory({ me, version }) {
  const list = usePaged('/users/' + encodeURIComponent(me.id) + '/credits', {}, PAGE, version);
  return (
    <section>
      <h2>Your history</h2>
      {list.first ? <p class="muted">You have spent {credits(list.first.consumed)} on records so far.</p> : null}
      <Problem error={list.error} />
      <Entries list={list} byId={{}} empty="No credits have moved to or from you yet." testid="my-history" />
    </section>
  );
}

const KIND_LABELS = { grant: 'Grant', transfer: 'Transfer', consume: 'Record unlocked' };

function Entries({ list, byId, empty, testid = 'ledger' }) {
  if (!list.items.length) return list.loading ? <Loading /> : list.more ? <More list={list} /> : <p class="muted">{empty}</p>;
  return (
    <>
      <table data-testid={testid}>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Kind</th>
            <th scope="col" class="num">
              Credits
            </th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">By</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((e) => (
            <tr key={e.id}>
              <td>
                <Time value={e.at} />
              </td>
              <td>{KIND_LABELS[e.kind] || e.kind}</td>
              <td class="num">{e.amount}</td>
              <td>{e.from ? <Person id={e.from} byId={byId} /> : <span class="muted">{e.kind === 'grant' ? 'Bought' : '—'}</span>}</td>
              <td>{e.to ? <Person id={e.to} byId={byId} /> : <span class="muted">{e.kind === 'consume' ? 'Spent' : '—'}</span>}</td>
              <td>
                <Person id={e.actorId} byId={byId} />
              </td>
              <td>
                {e.reference ? (
                  <span>
                    Record <code>{e.reference}</code>
                  </span>
                ) : null}
                {e.reference && e.note ? ' · ' : null}
                {e.note || (!e.reference ? <span class="muted">—</span> : null)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <More list={list} />
    </>
  );
}
