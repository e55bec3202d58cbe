// OWNER: a helper; still to be built.
import { Page } from '../ui.jsx';
export function Templates() { return <Page title="Not built yet" />; }
