// Path-based routing with the History API: the mailed links
// (/invitations/accept?token=…, /password/reset?token=…) are real paths.
import { useEffect, useState } from 'preact/hooks';

const subscribers = new Set();

function notify() {
  subscribers.forEach((f) => f());
}

window.addEventListener('popstate', notify);

/** Goes to a path inside the console. */
export function navigate(to, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

/** The current path and query; re-renders the caller when they change. */
export function useLocation() {
  const [, tick] = useState(0);
  useEffect(() => {
    const f = () => tick((n) => n + 1);
    subscribers.add(f);
    return () => subscribers.delete(f);
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** Matches "/users/:id" against a path: the params, or null. */
export function match(pattern, path) {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** A link inside the console: a plain <a href> that navigates without a reload. */
export function Link({ href, children, ...props }) {
  const onClick = (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...props}>
      {children}
    </a>
  );
}
