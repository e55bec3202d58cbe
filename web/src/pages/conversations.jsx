// OWNER: a helper; still to be built.
import { Page } from '../ui.jsx';
export function Conversations() { return <Page title="Not built yet" />; }
export function ConversationDetail() { return <Page title="Not built yet" />; }
