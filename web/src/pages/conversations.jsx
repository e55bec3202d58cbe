// The inbox: customers' texts, grouped in conversations that agents claim,
// read and answer. Also the area's shared helpers (every page of a list,
// people's names, polling) that credits.jsx and audit.jsx use too.
//
// The API has no GET /conversations/{id}: the detail page takes the
// conversation from the list it was opened from, or looks it up in the
// caller's lists (a mailed "message waiting" link opens it cold).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, fetchAll } from '../api.js';
import { Link, navigate, useLocation } from '../router.jsx';
import { useSession } from '../session.jsx';
import { GroupSelect, useGroups } from '../groups.jsx';
import { Badge, Field, Loading, Notice, Page, Problem, Time, useForm } from '../ui.jsx';
import './inbox.css';

// ---- Shared helpers of the area -------------------------------------------

/** Calls fn every `ms` while the tab is visible (and once when it comes back). */
export function usePolling(fn, ms, deps = []) {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    const tick = () => {
      if (!document.hidden) latest.current();
    };
    const timer = setInterval(tick, ms);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, deps);
}

let directory = null; // {at, promise of users}

async function loadDirectory() {
  // Deleted users are left out of GET /users unless asked for; their names
  // still appear in histories (credits moved from them, audit events).
  const [current, deleted] = await Promise.all([fetchAll('/users'), fetchAll('/users', { status: 'deleted' }).catch(() => [])]);
  return [...current, ...deleted];
}

/** Forgets the cached users (after a change that renames or adds one). */
export function forgetUserDirectory() {
  directory = null;
}

/**
 * The users the caller may see (GET /users, every page, deleted ones too),
 * cached for a minute: {users, byId, error}. Only the audit log's actor
 * picker uses it (an administrator's tool); other pages name people with
 * Person, which reads just the users they show. Pass enabled=false when the
 * caller may not view users: names then fall back to "You" or the id.
 */
export function useUserDirectory(enabled = true) {
  const [state, setState] = useState({ users: [], byId: {}, error: null });
  useEffect(() => {
    if (!enabled) return undefined;
    if (!directory || Date.now() - directory.at > 60000) directory = { at: Date.now(), promise: loadDirectory() };
    let live = true;
    directory.promise.then(
      (users) => {
        if (!live) return;
        const byId = {};
        users.forEach((u) => (byId[u.id] = u));
        setState({ users, byId, error: null });
      },
      (error) => {
        directory = null;
        if (live) setState((s) => ({ ...s, error }));
      },
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return state;
}

const SPECIAL_ACTORS = { company: 'Company account', operator: 'Operator', system: 'System', webhook: 'Messaging webhook' };

/**
 * A person (or account) named for a reader: "You", a user's name, or
 * `unknown` (by default the end of the id) for users the reader cannot see.
 */
export function personName(id, byId, me, unknown) {
  if (!id) return '—';
  if (SPECIAL_ACTORS[id]) return SPECIAL_ACTORS[id];
  if (me && id === me.id) return 'You';
  const u = byId && byId[id];
  if (u) return u.displayName + (u.status === 'deactivated' || u.status === 'deleted' ? ` (${u.status})` : '');
  return unknown || 'User …' + id.slice(-6);
}

// Users read one by one (GET /users/{id}) as pages show them, by id, for a
// minute: what a page costs follows what it shows, not the organisation's size.
const persons = new Map(); // id -> {at, promise of the user or null}
function loadPerson(id) {
  const hit = persons.get(id);
  if (hit && Date.now() - hit.at < 60000) return hit.promise;
  const promise = api('/users/' + encodeURIComponent(id)).then(
    (r) => r.data,
    () => null,
  );
  persons.set(id, { at: Date.now(), promise });
  return promise;
}

/**
 * A person's name, with the id as a tooltip. A user missing from byId is
 * read by id when the reader may view users; otherwise `unknown` stands in.
 */
export function Person({ id, byId, unknown }) {
  const { me, can } = useSession();
  const known = !!(byId && byId[id]);
  const [read, setRead] = useState(null);
  const mayRead = can('view_users');
  useEffect(() => {
    if (!id || known || SPECIAL_ACTORS[id] || (me && id === me.id) || !mayRead) return undefined;
    let live = true;
    loadPerson(id).then((u) => live && setRead(u));
    return () => {
      live = false;
    };
  }, [id, known, mayRead]);
  const names = known ? byId : read ? { [id]: read } : byId;
  return <span title={id || undefined}>{personName(id, names, me, unknown)}</span>;
}

// ---- Caches of the inbox ----------------------------------------------------

// Conversations seen in a list, by id: the detail page starts from these.
const knownConversations = new Map();
function remember(c) {
  knownConversations.set(c.id, c);
  return c;
}

// Contacts by id (a promise of the contact, or of null when not readable).
const contacts = new Map();
function loadContact(id) {
  if (!contacts.has(id)) {
    contacts.set(
      id,
      api('/contacts/' + encodeURIComponent(id)).then(
        (r) => r.data,
        () => null,
      ),
    );
  }
  return contacts.get(id);
}

/** The contact of a conversation, or null (not yet loaded, or not readable). */
function useContact(id, version = 0) {
  const [contact, setContact] = useState(null);
  useEffect(() => {
    if (!id) return undefined;
    let live = true;
    loadContact(id).then((c) => live && setContact(c));
    return () => {
      live = false;
    };
  }, [id, version]);
  return contact;
}

/** "Ada Lovelace", or "" while the contact is named by its number alone. */
function contactName(contact, phone) {
  if (!contact) return '';
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ').trim();
  return name && name !== phone ? name : '';
}

/**
 * Finds a conversation the caller may answer by id in their lists (there is
 * no GET /conversations/{id}): their own claims first, then everything
 * (within `group` when known). Null when it is not there.
 */
async function findConversation(id, group) {
  for (const filter of ['mine', 'all']) {
    let cursor = '';
    for (let i = 0; i < 20; i++) {
      const r = await api('/conversations', { query: { filter, group, limit: 500, cursor } });
      const hit = (r.data.items || []).find((c) => c.id === id);
      if (hit) return remember(hit);
      cursor = r.data.nextCursor || '';
      if (!cursor) break;
    }
  }
  return null;
}

// ---- The inbox list ---------------------------------------------------------

const TABS = [
  { value: 'unclaimed', label: 'Unclaimed' },
  { value: 'mine', label: 'Mine' },
  { value: 'all', label: 'All' },
];
const PAGE = 50;

/** A page of the inbox that refreshes itself: the rows already shown are read again every 15 s. */
function useInbox(filter, group) {
  const [state, setState] = useState({ items: [], cursor: '', error: null, loading: true });
  const seq = useRef(0);
  const shown = useRef(PAGE);
  const fetchPage = useCallback(
    async (cursor, limit, append) => {
      const n = ++seq.current;
      try {
        const r = await api('/conversations', { query: { filter, group, limit, cursor } });
        if (n !== seq.current) return;
        const items = (r.data.items || []).map(remember);
        setState((s) => {
          const all = append ? [...s.items, ...items] : items;
          shown.current = Math.max(PAGE, all.length);
          return { items: all, cursor: r.data.nextCursor || '', error: null, loading: false };
        });
      } catch (e) {
        if (n === seq.current) setState((s) => ({ ...s, error: e, loading: false }));
      }
    },
    [filter, group],
  );
  const refresh = () => fetchPage('', Math.min(500, shown.current), false);
  useEffect(() => {
    shown.current = PAGE;
    setState({ items: [], cursor: '', error: null, loading: true });
    fetchPage('', PAGE, false);
  }, [fetchPage]);
  usePolling(refresh, 15000, [fetchPage]);
  const more = state.cursor
    ? () => {
        setState((s) => ({ ...s, loading: true }));
        fetchPage(state.cursor, PAGE, true);
      }
    : null;
  return { ...state, more, refresh };
}

export function Conversations() {
  const { query } = useLocation();
  const { me } = useSession();
  const asked = query.get('filter');
  const filter = TABS.some((t) => t.value === asked) ? asked : 'unclaimed';
  const group = query.get('group') || '';
  const inbox = useInbox(filter, group);
  const { byId: groups } = useGroups();
  const [claimError, setClaimError] = useState(null);

  const go = (changes) => {
    const q = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) q.set(k, v);
      else q.delete(k);
    }
    const s = q.toString();
    navigate('/conversations' + (s ? '?' + s : ''), { replace: true });
  };

  const claim = async (c) => {
    setClaimError(null);
    try {
      const r = await api(`/conversations/${encodeURIComponent(c.id)}/claim`, { method: 'POST' });
      remember(r.data);
      navigate('/conversations/' + encodeURIComponent(c.id));
    } catch (e) {
      setClaimError(e);
      inbox.refresh();
    }
  };

  return (
    <Page
      title="Conversations"
      actions={
        <button type="button" class="secondary" onClick={inbox.refresh}>
          Refresh
        </button>
      }
    >
      <div class="inbox-bar">
        <nav class="tabs" aria-label="Which conversations">
          {TABS.map((t) => (
            <Link key={t.value} href={'/conversations?' + new URLSearchParams({ filter: t.value, ...(group ? { group } : {}) })} aria-current={t.value === filter ? 'page' : undefined} data-testid={'tab-' + t.value}>
              {t.label}
            </Link>
          ))}
        </nav>
        <GroupSelect label="Group" empty="All my groups" value={group} onChange={(v) => go({ group: v })} class="inbox-group" />
      </div>
      <Problem error={claimError} />
      <Problem error={inbox.error} />
      {inbox.loading && !inbox.items.length ? <Loading /> : null}
      {!inbox.loading && !inbox.error && !inbox.items.length && !inbox.more ? <p class="muted">{EMPTY[filter]}</p> : null}
      {inbox.items.length ? (
        <table class="inbox" data-testid="inbox">
          <caption class="sr-only">{TABS.find((t) => t.value === filter).label} conversations, newest customer message first</caption>
          <thead>
            <tr>
              <th scope="col">Contact</th>
              <th scope="col">Group</th>
              <th scope="col">Claimed by</th>
              <th scope="col">Last customer message</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {inbox.items.map((c) => (
              <InboxRow key={c.id} c={c} group={groups[c.groupId]} me={me} onClaim={claim} />
            ))}
          </tbody>
        </table>
      ) : null}
      {inbox.items.length && inbox.more && !inbox.loading ? (
        <button type="button" class="secondary more" onClick={inbox.more}>
          Load more conversations
        </button>
      ) : null}
      {!inbox.items.length && inbox.more && !inbox.loading ? (
        <p class="muted">
          None of the conversations read so far are yours to answer.{' '}
          <button type="button" class="link" onClick={inbox.more}>
            Look further
          </button>
        </p>
      ) : null}
    </Page>
  );
}

const EMPTY = {
  unclaimed: 'No unclaimed conversations. New texts from customers arrive here until someone claims them.',
  mine: 'You have claimed no conversations. Claim one from the Unclaimed tab to answer it.',
  all: 'No conversations yet. They start when a customer texts one of your groups.',
};

function InboxRow({ c, group, me, onClaim }) {
  const contact = useContact(c.contactId);
  const name = contactName(contact, c.contactPhone);
  const href = '/conversations/' + encodeURIComponent(c.id);
  return (
    <tr class={c.unread ? 'unread' : undefined} data-testid="conversation-row">
      <td>
        <Link href={href} class="who">
          {name || c.contactPhone}
        </Link>
        {name ? <div class="muted small">{c.contactPhone}</div> : null}
        {c.unread ? (
          <div>
            <Badge tone="unread">Unread</Badge>
          </div>
        ) : null}
      </td>
      <td>{group ? group.name : <span class="muted">—</span>}</td>
      <td>{c.claimedBy ? <Person id={c.claimedBy} unknown="A colleague" /> : <span class="muted">Unclaimed</span>}</td>
      <td>
        <Time value={c.lastInboundAt || c.createdAt} />
      </td>
      <td>
        {!c.claimedBy ? (
          <button type="button" class="secondary" onClick={() => onClaim(c)} aria-label={'Claim conversation with ' + (name || c.contactPhone)}>
            Claim
          </button>
        ) : null}
      </td>
    </tr>
  );
}

// ---- One conversation -------------------------------------------------------

const THREAD_PAGE = 200;

/**
 * The messages of a conversation, oldest first, read again every 4 s: from
 * the page that held the newest messages, so that new ones and the delivery
 * states of recent replies show up.
 */
function useThread(id) {
  const [state, setState] = useState({ messages: [], error: null, loading: true });
  const pages = useRef([]); // [{cursor, items}]
  const busy = useRef(false);
  const path = `/conversations/${encodeURIComponent(id)}/messages`;

  const load = useCallback(
    async (fresh) => {
      if (busy.current && !fresh) return;
      busy.current = true;
      try {
        let kept = [];
        let cursor = '';
        if (!fresh && pages.current.length) {
          let k = pages.current.length - 1;
          while (k > 0 && !pages.current[k].items.length) k--;
          kept = pages.current.slice(0, k);
          cursor = pages.current[k].cursor;
        }
        const read = [...kept];
        for (;;) {
          const r = await api(path, { query: { limit: THREAD_PAGE, cursor } });
          read.push({ cursor, items: r.data.items || [] });
          cursor = r.data.nextCursor || '';
          if (!cursor) break;
        }
        pages.current = read;
        const seen = new Set();
        const messages = read.flatMap((p) => p.items).filter((m) => !seen.has(m.id) && seen.add(m.id));
        setState({ messages, error: null, loading: false });
      } catch (e) {
        setState((s) => ({ ...s, error: e, loading: false }));
      } finally {
        busy.current = false;
      }
    },
    [path],
  );

  useEffect(() => {
    pages.current = [];
    setState({ messages: [], error: null, loading: true });
    load(true);
  }, [load]);
  usePolling(() => load(false), 4000, [load]);

  /** Shows a reply at once; the next read replaces it with the stored one. */
  const add = (m) => setState((s) => ({ ...s, messages: s.messages.some((x) => x.id === m.id) ? s.messages : [...s.messages, m] }));
  return { ...state, refresh: () => load(false), add };
}

export function ConversationDetail({ params }) {
  const id = params.id;
  const { me, can } = useSession();
  const [conv, setConv] = useState(() => knownConversations.get(id) || null);
  const [convState, setConvState] = useState({ loading: !knownConversations.has(id), missing: false, error: null });
  const [actionError, setActionError] = useState(null);
  const [actionDone, setActionDone] = useState('');
  const [busy, setBusy] = useState(false);
  const [contactVersion, setContactVersion] = useState(0);
  const thread = useThread(id);
  const contact = useContact(conv && conv.contactId, contactVersion);
  const { byId: groups } = useGroups();

  const update = (c) => {
    remember(c);
    setConv(c);
  };

  // The conversation's state (claim, unread): from the lists, again every 15 s.
  const lookUp = useCallback(async () => {
    try {
      const c = await findConversation(id, (knownConversations.get(id) || {}).groupId);
      if (c) setConv(c);
      setConvState({ loading: false, missing: !c, error: null });
    } catch (e) {
      setConvState({ loading: false, missing: false, error: e });
    }
  }, [id]);
  useEffect(() => {
    setConv(knownConversations.get(id) || null);
    lookUp();
  }, [lookUp]);
  usePolling(lookUp, 15000, [lookUp]);

  const mine = !!(conv && me && conv.claimedBy === me.id);

  // Opening the conversation reads it: the claimer marks the latest
  // customer message read (only the claimer may), also when a new one
  // arrives while it is open.
  const lastInbound = [...thread.messages].reverse().find((m) => m.direction === 'inbound');
  const readFor = useRef('');
  useEffect(() => {
    if (!mine || !lastInbound || document.hidden) return;
    if (readFor.current === lastInbound.id) return;
    if (!conv.unread && conv.lastInboundAt && conv.lastInboundAt >= lastInbound.at) {
      readFor.current = lastInbound.id;
      return;
    }
    readFor.current = lastInbound.id;
    api(`/conversations/${encodeURIComponent(id)}/read`, { method: 'POST' }).then(
      (r) => update(r.data),
      (e) => setActionError(e),
    );
  }, [mine, lastInbound && lastInbound.id, conv && conv.unread]);

  const act = (verb, done) => async () => {
    setBusy(true);
    setActionError(null);
    setActionDone('');
    try {
      const r = await api(`/conversations/${encodeURIComponent(id)}/${verb}`, { method: 'POST' });
      update(r.data);
      setActionDone(done);
    } catch (e) {
      setActionError(e);
      lookUp();
    } finally {
      setBusy(false);
    }
  };

  const phone = (conv && conv.contactPhone) || (lastInbound && lastInbound.from) || '';
  const name = contactName(contact, phone);
  const title = name || phone || 'Conversation';
  const group = conv && groups[conv.groupId];
  const notFound = thread.error && thread.error.status === 404;

  return (
    <Page
      title={title}
      actions={
        <Link href="/conversations" class="back">
          Back to conversations
        </Link>
      }
    >
      {notFound ? (
        <Problem error={thread.error} />
      ) : (
        <>
          <div class="panel conv-head" data-testid="conversation-state">
            <dl class="facts">
              {name ? (
                <>
                  <dt>Number</dt>
                  <dd>{phone}</dd>
                </>
              ) : null}
              <dt>Group</dt>
              <dd>{group ? group.path : conv ? conv.groupId : '…'}</dd>
              <dt>Claimed by</dt>
              <dd data-testid="claimed-by">{conv ? conv.claimedBy ? <Person id={conv.claimedBy} unknown="A colleague" /> : 'Nobody yet' : convState.loading ? '…' : 'Unknown'}</dd>
              {conv && conv.autoReplyUntil && conv.autoReplyUntil > new Date().toISOString() ? (
                <>
                  <dt>After-hours reply</dt>
                  <dd>
                    Sent; covers until <Time value={conv.autoReplyUntil} />
                  </dd>
                </>
              ) : null}
              {contact && can('view_contacts') ? (
                <>
                  <dt>Contact</dt>
                  <dd>
                    <Link href={'/contacts/' + encodeURIComponent(contact.id)}>Open contact</Link>
                  </dd>
                </>
              ) : null}
            </dl>
            <div class="conv-actions">
              {conv && !conv.claimedBy ? (
                <button type="button" disabled={busy} onClick={act('claim', 'You claimed this conversation.')}>
                  Claim
                </button>
              ) : null}
              {conv && conv.claimedBy && (mine || can('manage_users')) ? (
                <button type="button" class="secondary" disabled={busy} onClick={act('release', 'The claim is released: the conversation is unclaimed again.')}>
                  {mine ? 'Release' : 'Release their claim'}
                </button>
              ) : null}
            </div>
          </div>
          {convState.missing ? <p class="muted">This conversation is not in your lists any more; its messages are below.</p> : null}
          <Problem error={convState.error} />
          <Problem error={actionError} />
          <Notice>{actionDone}</Notice>
          <h2>Messages</h2>
          <Problem error={thread.error} />
          {thread.loading ? <Loading label="Loading messages…" /> : <Thread messages={thread.messages} contactLabel={name || phone} />}
          <Reply
            id={id}
            conv={conv}
            mine={mine}
            contact={contact}
            onSent={(m) => {
              thread.add(m);
              thread.refresh();
            }}
            onOptedOut={() => {
              contacts.delete(conv && conv.contactId);
              setContactVersion((v) => v + 1);
            }}
          />
        </>
      )}
    </Page>
  );
}

function Thread({ messages, contactLabel }) {
  const box = useRef(null);
  const atBottom = useRef(true);
  // Follow new messages when the reader is at the bottom already.
  useEffect(() => {
    const el = box.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages.length]);
  const onScroll = () => {
    const el = box.current;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };
  if (!messages.length) return <p class="muted">No messages.</p>;
  return (
    <ol class="thread" ref={box} onScroll={onScroll} tabIndex={0} aria-label="Messages, oldest first" data-testid="thread">
      {messages.map((m) => (
        <li key={m.id} class={'msg msg-' + m.direction} data-testid="message">
          <div class="msg-meta">
            <strong>{m.direction === 'inbound' ? contactLabel || m.from : author(m)}</strong> · <Time value={m.at} />
          </div>
          <p class="msg-text">{m.text}</p>
          {m.direction === 'outbound' ? <Delivery m={m} /> : null}
        </li>
      ))}
    </ol>
  );
}

function author(m) {
  if (m.autoReply) return 'After-hours reply';
  if (!m.userId) return 'Automatic answer';
  return <Person id={m.userId} unknown="A colleague" />;
}

const DELIVERY = { queued: 'Queued', sent: 'Sent', delivered: 'Delivered', failed: 'Failed' };

/** Where a reply is on its way to the phone, with the reason when it failed or waits. */
function Delivery({ m }) {
  if (!m.status) return null;
  return (
    <div class="delivery" data-testid="delivery">
      <Badge tone={m.status}>{DELIVERY[m.status] || m.status}</Badge>
      {m.statusReason ? <span class={m.status === 'failed' ? 'error' : 'muted'}>{(m.status === 'failed' ? 'Not delivered: ' : 'Waiting: ') + m.statusReason}</span> : null}
      {m.statusAt ? (
        <span class="muted small">
          {' '}
          (<Time value={m.statusAt} />)
        </span>
      ) : null}
    </div>
  );
}

const MAX_TEXT = 1600;

function Reply({ id, conv, mine, contact, onSent, onOptedOut }) {
  const f = useForm({ text: '' });
  const text = f.values.text || '';
  const optedOut = contact && contact.textOptOut;
  const refused = f.error && f.error.code === 'recipient_opted_out';
  const error = refused ? f.error.message : f.error ? f.error.fieldError('text') : '';
  return (
    <form
      class="panel reply"
      onSubmit={f.submit(async (v) => {
        try {
          const r = await api(`/conversations/${encodeURIComponent(id)}/messages`, { method: 'POST', body: { text: v.text } });
          f.set('text', '');
          onSent(r.data);
          if (r.data.status === 'failed') return 'The reply was recorded but will not go out: ' + (r.data.statusReason || 'the provider refused it') + '.';
          return r.data.status === 'queued' ? 'Reply queued: it will be sent shortly.' : 'Reply sent.';
        } catch (e) {
          if (e.code === 'recipient_opted_out') onOptedOut();
          throw e;
        }
      })}
    >
      <h2 class="reply-title">Reply</h2>
      {optedOut ? (
        <p class="warning" data-testid="opted-out">
          This number replied STOP on <Time value={optedOut.at} />: nothing can be texted to it until the customer texts START.
        </p>
      ) : null}
      {conv && !conv.claimedBy ? <p class="muted small">Nobody has claimed this conversation: claim it so that others know you are answering.</p> : null}
      {conv && conv.claimedBy && !mine ? <p class="muted small">Someone else has claimed this conversation.</p> : null}
      <Field
        as="textarea"
        label="Your message"
        {...f.field('text')}
        error={error}
        maxLength={MAX_TEXT}
        hint={`${text.length} of ${MAX_TEXT} characters. Ctrl+Enter sends.`}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && text.trim()) e.currentTarget.form.requestSubmit();
        }}
        data-testid="reply-text"
      />
      {refused ? null : <Problem error={f.error} shown={['text']} />}
      <Notice>{f.done}</Notice>
      <div>
        <button type="submit" disabled={f.busy || !text.trim()}>
          {f.busy ? 'Sending…' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}
