// The start page: what the signed-in user can do, as links.
import { Link } from '../router.jsx';
import { useSession } from '../session.jsx';
import { routes } from '../routes.jsx';
import { Page } from '../ui.jsx';

const blurbs = {
  '/users': 'Invite people, give them roles at groups, deactivate, delete and undelete them.',
  '/groups': 'The tree of locations, departments and sub-groups.',
  '/hours': 'Hours of operation and holidays, and whether a group is open now.',
  '/notifications': 'How and when you are told about waiting messages.',
  '/templates': 'Message templates and your favourites.',
  '/contacts': 'Search and edit contacts, import and update them from a spreadsheet, export them.',
  '/conversations': 'Texts from customers: claim, reply, release.',
  '/credits': 'Balances, transfers and the ledger.',
  '/audit': 'Who changed what.',
  '/settings': 'Two-factor policy, texting, the inbound webhook.',
  '/profile': 'Your name, password, email, two-factor sign-in and sessions.',
};

export function Home() {
  const { me, can } = useSession();
  const items = routes.filter((r) => r.nav && (!r.can || can(r.can)));
  return (
    <Page title={'Welcome, ' + (me.firstName || me.displayName)}>
      <ul class="cards">
        {items.map((r) => (
          <li key={r.path} class="card">
            <h2>
              <Link href={r.path}>{r.nav}</Link>
            </h2>
            <p>{blurbs[r.path] || ''}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
