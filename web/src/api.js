// The one way the console talks to Roster: the public API under /api on the
// console's own origin (the local stack and CloudFront both strip the prefix).
// Tokens live in localStorage; an expired access token is refreshed once.

export const API_BASE = '/api';
const KEY = 'roster.tokens';

let tokens = readTokens();
const listeners = new Set();

function readTokens() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

/** The current tokens, or null when signed out. */
export function getTokens() {
  return tokens;
}

/** Stores tokens from sign-in, refresh, or any call that returns new ones. */
export function setTokens(t) {
  tokens = t && t.accessToken ? { accessToken: t.accessToken, refreshToken: t.refreshToken } : null;
  if (tokens) localStorage.setItem(KEY, JSON.stringify(tokens));
  else localStorage.removeItem(KEY);
  listeners.forEach((f) => f(tokens));
}

/** Calls f whenever the tokens change (sign-in, sign-out, refresh); returns the unsubscribe. */
export function onTokens(f) {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** An RFC 9457 problem from the API (or a network failure made to look like one). */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    /** The response's headers (Retry-After on a 429), or empty Headers. */
    this.headers = headers || new Headers();
    this.code = problem.code || '';
    /** [{field, message}] for validation problems. */
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
  /** The message for one field (exact name, or the first error under it: "roles" matches "roles[0].groupId"). */
  fieldError(name) {
    const hit = this.errors.find((e) => e.field === name) ||
      this.errors.find((e) => e.field && (e.field.startsWith(name + '.') || e.field.startsWith(name + '[')));
    return hit ? hit.message : '';
  }
}

function url(path, query) {
  const u = new URL(API_BASE + path, location.origin);
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === '') continue;
      if (Array.isArray(v)) v.forEach((x) => u.searchParams.append(k, x));
      else u.searchParams.set(k, String(v));
    }
  }
  return u.pathname + u.search;
}

let refreshing = null;

async function refresh() {
  if (!tokens || !tokens.refreshToken) return false;
  if (!refreshing) {
    const rt = tokens.refreshToken;
    refreshing = fetch(url('/auth/refresh'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken: rt }),
    })
      .then(async (r) => {
        if (!r.ok) return false;
        setTokens(await r.json());
        return true;
      })
      .catch(() => false)
      .finally(() => {
        refreshing = null;
      });
  }
  return refreshing;
}

/**
 * Calls the API. Returns {data, status, etag, headers}; throws ApiError.
 * opts: method, body (JSON), query, ifMatch, idempotencyKey, auth (default true).
 */
export async function api(path, opts = {}) {
  const { method = 'GET', body, query, ifMatch, idempotencyKey, auth = true } = opts;
  const send = () => {
    const headers = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (ifMatch) headers['If-Match'] = ifMatch;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    if (auth && tokens) headers.Authorization = 'Bearer ' + tokens.accessToken;
    return fetch(url(path, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  };
  let r;
  try {
    r = await send();
    if (auth && tokens && (await refusedToken(r)) && (await refresh())) r = await send();
  } catch (e) {
    throw new ApiError(0, { title: 'Roster cannot be reached', detail: 'Check your connection and try again. (' + e.message + ')', code: 'network' });
  }
  if (auth && tokens && (await refusedToken(r))) setTokens(null);
  const type = r.headers.get('Content-Type') || '';
  let data = null;
  if (r.status !== 204) {
    const text = await r.text();
    if (text && type.includes('json')) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    } else if (text) {
      data = text;
    }
  }
  if (!r.ok) {
    const problem = data && typeof data === 'object' ? data : { title: r.statusText || 'Request failed', detail: typeof data === 'string' ? data : '' };
    throw new ApiError(r.status, { status: r.status, ...problem }, r.headers);
  }
  return { data, status: r.status, etag: r.headers.get('ETag') || '', headers: r.headers };
}

/**
 * Whether the gateway refused the access token itself, before any handler:
 * 401 without a token, and 403 {"message":"Forbidden"} (no problem code)
 * when the authorizer denies an expired or ended one. A handler's own 403
 * is a problem with a code, and is not a reason to refresh.
 */
async function refusedToken(r) {
  if (r.status === 401) return true;
  if (r.status !== 403 || (r.headers.get('Content-Type') || '').includes('problem')) return false;
  try {
    const body = await r.clone().json();
    return body && body.message === 'Forbidden' && !body.code;
  } catch {
    return false;
  }
}

/** Every item of a cursor-paged list (pages of `limit`, at most `maxPages`). */
export async function fetchAll(path, query = {}, limit = 500, maxPages = 50) {
  const items = [];
  let cursor = '';
  for (let i = 0; i < maxPages; i++) {
    const r = await api(path, { query: { ...query, limit, cursor } });
    items.push(...((r.data && r.data.items) || []));
    cursor = (r.data && r.data.nextCursor) || '';
    if (!cursor) break;
  }
  return items;
}

/** A fresh Idempotency-Key for one create or money-like move (reuse it when retrying the same action). */
export function newIdempotencyKey() {
  return crypto.randomUUID();
}

/** Downloads an authorised GET (a file) and saves it under its Content-Disposition name or fallback. */
export async function download(path, fallbackName, query) {
  const headers = {};
  if (tokens) headers.Authorization = 'Bearer ' + tokens.accessToken;
  let r = await fetch(url(path, query), { headers });
  if ((await refusedToken(r)) && (await refresh())) {
    headers.Authorization = 'Bearer ' + tokens.accessToken;
    r = await fetch(url(path, query), { headers });
  }
  if (!r.ok) {
    let problem = { title: r.statusText };
    try {
      problem = await r.json();
    } catch {
      /* not JSON */
    }
    throw new ApiError(r.status, problem, r.headers);
  }
  const cd = r.headers.get('Content-Disposition') || '';
  const m = /filename="?([^";]+)"?/.exec(cd);
  const blob = await r.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = m ? m[1] : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
