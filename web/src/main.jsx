// The console's shell: who is signed in, the navigation, and the page the
// path names.
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import './app.css';
import { SessionProvider, useSession } from './session.jsx';
import { Link, match, navigate, useLocation } from './router.jsx';
import { publicRoutes, routes } from './routes.jsx';
import { Loading, NotAllowed, Page, Problem } from './ui.jsx';

function find(table, path) {
  for (const r of table) {
    const params = match(r.path, path);
    if (params) return { route: r, params };
  }
  return null;
}

function Nav({ path }) {
  const { me, can, signOut } = useSession();
  const items = routes.filter((r) => r.nav && (!r.can || can(r.can)));
  return (
    <nav class="nav" aria-label="Main">
      <Link href="/" class="brand">
        Roster
      </Link>
      <ul>
        {items.map((r) => {
          const current = path === r.path || (r.path !== '/' && path.startsWith(r.path + '/'));
          return (
            <li key={r.path}>
              <Link href={r.path} aria-current={current ? 'page' : undefined}>
                {r.nav}
              </Link>
            </li>
          );
        })}
      </ul>
      <div class="who">
        {me ? <span>{me.displayName}</span> : null}
        <button type="button" class="link" onClick={() => signOut().then(() => navigate('/login'))}>
          Sign out
        </button>
      </div>
    </nav>
  );
}

function App() {
  const { path } = useLocation();
  const { signedIn, me, error, can } = useSession();

  const pub = find(publicRoutes, path);
  useEffect(() => {
    // Effects run after the render they follow: read where the browser is
    // now (a sign-out may have moved it to /login meanwhile), so that `next`
    // never names a signed-out page.
    if (!signedIn && !find(publicRoutes, location.pathname)) {
      navigate('/login?next=' + encodeURIComponent(location.pathname + location.search), { replace: true });
    }
  }, [signedIn, path]);
  const enrolOnly = !!(me && me.mfaEnrolmentRequired);
  useEffect(() => {
    if (enrolOnly && !pub && path !== '/profile') navigate('/profile', { replace: true });
  }, [enrolOnly, pub, path]);

  if (pub) {
    const P = pub.route.page;
    return (
      <main id="main" class="public">
        <P params={pub.params} />
      </main>
    );
  }
  if (!signedIn) return null;
  if (!me) {
    return <main id="main">{error ? <Problem error={error} /> : <Loading />}</main>;
  }
  // A session that may only enrol a second factor gets the profile page,
  // where it enrols, and nothing else: no navigation. The page keeps its
  // place in the tree, so that it stays mounted (with the recovery codes on
  // screen) when enrolling ends the restriction.
  if (me.mfaEnrolmentRequired && path !== '/profile') return null;
  const hit = find(routes, path);
  let body;
  if (!hit) {
    body = (
      <Page title="Page not found">
        <p>
          There is no page at <code>{path}</code>. <Link href="/">Go to the start page</Link>.
        </p>
      </Page>
    );
  } else if (hit.route.can && !can(hit.route.can)) {
    body = <NotAllowed what={'open ' + (hit.route.nav || 'this page').toLowerCase()} />;
  } else {
    const P = hit.route.page;
    body = <P params={hit.params} />;
  }
  return (
    <div class="shell">
      <a href="#main" class="skip">
        Skip to content
      </a>
      {me.mfaEnrolmentRequired ? null : <Nav path={path} />}
      <main id="main">{body}</main>
    </div>
  );
}

render(
  <SessionProvider>
    <App />
  </SessionProvider>,
  document.getElementById('app'),
);
