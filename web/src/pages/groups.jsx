// OWNER: a helper; still to be built.
import { Page } from '../ui.jsx';
export function Groups() { return <Page title="Not built yet" />; }
