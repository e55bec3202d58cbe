// OWNER: a helper; still to be built.
import { Page } from '../ui.jsx';
export function ImportWizard() { return <Page title="Not built yet" />; }
export function ImportDetail() { return <Page title="Not built yet" />; }
