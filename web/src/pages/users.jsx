// OWNER: a helper; still to be built.
import { Page } from '../ui.jsx';
export function Users() { return <Page title="Not built yet" />; }
export function UserDetail() { return <Page title="Not built yet" />; }
export function NewUser() { return <Page title="Not built yet" />; }
