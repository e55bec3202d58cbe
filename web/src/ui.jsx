// Shared building blocks. Every form shows an API problem next to the field
// it names (problem.errors[].field) and the rest at the top of the form.
import { useEffect, useRef, useState, useCallback } from 'preact/hooks';
import { api, ApiError, newIdempotencyKey } from './api.js';

let ids = 0;
/** A stable unique id for label/aria wiring. */
export function useId(prefix = 'f') {
  const ref = useRef(null);
  if (ref.current === null) ref.current = `${prefix}-${++ids}`;
  return ref.current;
}

/** A page: sets the document title and renders the heading and actions. */
export function Page({ title, actions, children }) {
  useEffect(() => {
    document.title = title ? `${title} · Roster` : 'Roster';
  }, [title]);
  return (
    <section class="page">
      <header class="page-head">
        <h1>{title}</h1>
        {actions ? <div class="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/**
 * Form state. const f = useForm({email: ''});
 * <form onSubmit={f.submit(async (values) => {...})}>; f.field('email') gives
 * {value, onInput, error}; f.error is the ApiError of the last submit.
 */
export function useForm(initial) {
  const [values, setValues] = useState(initial);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const set = useCallback((name, value) => setValues((v) => ({ ...v, [name]: value })), []);
  const field = (name) => ({
    name,
    value: values[name] ?? '',
    onInput: (e) => set(name, e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value),
    error: error && error.fieldError ? error.fieldError(name) : '',
  });
  const submit = (fn) => async (e) => {
    if (e && e.preventDefault) e.preventDefault();
    setBusy(true);
    setError(null);
    setDone('');
    try {
      const msg = await fn(values);
      if (typeof msg === 'string') setDone(msg);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, { title: 'Something went wrong', detail: String(err && err.message) }));
    } finally {
      setBusy(false);
    }
  };
  return { values, setValues, set, field, submit, error, setError, busy, done, setDone };
}

/**
 * An Idempotency-Key per attempt of one action: the same key while the user
 * retries the same body (a lost answer is then replayed, not done twice),
 * a new one once the body changes or the last attempt succeeded (reset()).
 */
export function useIdempotencyKey() {
  const last = useRef({ key: '', body: '' });
  const keyFor = (body) => {
    const s = JSON.stringify(body === undefined ? null : body);
    if (!last.current.key || last.current.body !== s) last.current = { key: newIdempotencyKey(), body: s };
    return last.current.key;
  };
  keyFor.reset = () => {
    last.current = { key: '', body: '' };
  };
  return keyFor;
}

/** A labelled input, select or textarea with its error beside it. */
export function Field({ label, hint, error, as = 'input', options, children, class: cls, ...props }) {
  const id = useId('field');
  const described = [hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described, ...props };
  let control;
  if (as === 'select') {
    control = (
      <select {...common}>
        {(options || []).map((o) => (
          <option value={o.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (as === 'textarea') {
    control = <textarea {...common} />;
  } else if (props.type === 'checkbox') {
    return (
      <div class={'field field-check ' + (cls || '')}>
        <input {...common} checked={!!props.value} value={undefined} />
        <label for={id}>{label}</label>
        {hint ? <small id={id + '-hint'} class="hint">{hint}</small> : null}
        {error ? <small id={id + '-error'} class="error" role="alert">{error}</small> : null}
      </div>
    );
  } else {
    control = <input {...common} />;
  }
  return (
    <div class={'field ' + (cls || '')}>
      <label for={id}>{label}</label>
      {control}
      {children}
      {hint ? <small id={id + '-hint'} class="hint">{hint}</small> : null}
      {error ? <small id={id + '-error'} class="error" role="alert">{error}</small> : null}
    </div>
  );
}

/**
 * The problem of a failed call, for the top of a form or page. Field errors
 * named in `shown` (those with a Field on the form) are not repeated here.
 */
export function Problem({ error, shown = [] }) {
  if (!error) return null;
  const p = error.problem || {};
  const rest = (error.errors || []).filter((e) => !shown.some((s) => e.field === s || (e.field || '').startsWith(s + '.') || (e.field || '').startsWith(s + '[')));
  return (
    <div class="problem" role="alert">
      <strong>{p.title || 'Request failed'}</strong>
      {p.detail ? <p>{p.detail}</p> : null}
      {rest.length ? (
        <ul>
          {rest.map((e) => (
            <li key={e.field + e.message}>
              {e.field ? <code>{e.field}</code> : null} {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A polite status line for successes ("Saved."). */
export function Notice({ children }) {
  if (!children) return null;
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}

export function Loading({ label = 'Loading…' }) {
  return (
    <p class="loading" role="status">
      {label}
    </p>
  );
}

/**
 * Loads once per deps: {data, etag, error, loading, reload, setData}.
 * fn returns the promise of an api() result.
 */
export function useResource(fn, deps = []) {
  const [state, setState] = useState({ data: null, etag: '', error: null, loading: true });
  const seq = useRef(0);
  const reload = useCallback(async () => {
    const n = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const r = await fn();
      if (n === seq.current) setState({ data: r ? r.data : null, etag: r ? r.etag : '', error: null, loading: false });
    } catch (e) {
      if (n === seq.current) setState({ data: null, etag: '', error: e, loading: false });
    }
  }, deps);
  useEffect(() => {
    reload();
  }, [reload]);
  const setData = (data, etag) => setState((s) => ({ ...s, data, etag: etag ?? s.etag }));
  return { ...state, reload, setData };
}

/**
 * A cursor-paged list: {items, error, loading, more (a function, or null at
 * the end), reload}. query changes start again from the first page; an
 * empty path lists nothing.
 */
export function usePagedList(path, query = {}, limit = 50) {
  const key = JSON.stringify([path, query, limit]);
  const [state, setState] = useState({ items: [], cursor: '', error: null, loading: true });
  const seq = useRef(0);
  const load = useCallback(
    async (cursor, append) => {
      const n = ++seq.current;
      if (!path) {
        // No path: nothing to list (yet).
        setState({ items: [], cursor: '', error: null, loading: false });
        return;
      }
      setState((s) => ({ ...s, loading: true, error: null }));
      try {
        const r = await api(path, { query: { ...query, limit, cursor } });
        if (n !== seq.current) return;
        const data = r.data || {};
        setState((s) => ({ items: append ? [...s.items, ...(data.items || [])] : data.items || [], cursor: data.nextCursor || '', error: null, loading: false }));
      } catch (e) {
        if (n === seq.current) setState((s) => ({ ...s, error: e, loading: false }));
      }
    },
    [key],
  );
  useEffect(() => {
    load('', false);
  }, [load]);
  return {
    items: state.items,
    error: state.error,
    loading: state.loading,
    more: state.cursor ? () => load(state.cursor, true) : null,
    reload: () => load('', false),
  };
}

/** "Load more" under a paged list. */
export function More({ list }) {
  if (list.loading) return <Loading />;
  if (!list.more) return null;
  return (
    <button type="button" class="secondary" onClick={list.more}>
      Load more
    </button>
  );
}

/**
 * A button that asks again before a destructive action: the first click
 * turns it into "Confirm …" and "Cancel".
 */
export function ConfirmButton({ label, confirmLabel, onConfirm, disabled, class: cls = 'danger' }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class={cls} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span class="confirm">
      <button
        type="button"
        class={cls}
        onClick={async () => {
          setAsking(false);
          await onConfirm();
        }}
      >
        {confirmLabel || 'Confirm: ' + label.toLowerCase()}
      </button>
      <button type="button" class="secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/** A time as the reader's locale shows it, with the exact UTC value as a tooltip. */
export function Time({ value }) {
  if (!value) return <span>—</span>;
  const d = new Date(value);
  return (
    <time datetime={value} title={value}>
      {d.toLocaleString()}
    </time>
  );
}

/** A status word as a badge (active, invited, delivered, failed…). */
export function Badge({ children, tone }) {
  return <span class={'badge badge-' + (tone || String(children).toLowerCase())}>{children}</span>;
}

/** Shown where the user's roles do not allow a page. */
export function NotAllowed({ what }) {
  return (
    <Page title="Not available">
      <p>Your roles do not let you {what}. An administrator of your organisation can change your roles.</p>
    </Page>
  );
}
