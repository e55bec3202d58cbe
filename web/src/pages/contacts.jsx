// OWNER: a helper; still to be built.
import { Page } from '../ui.jsx';
export function Contacts() { return <Page title="Not built yet" />; }
export function ContactDetail() { return <Page title="Not built yet" />; }
