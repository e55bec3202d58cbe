// OWNER: a helper; still to be built.
import { Page } from '../ui.jsx';
export function Exports() { return <Page title="Not built yet" />; }
export function ExportDetail() { return <Page title="Not built yet" />; }
