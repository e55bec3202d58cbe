// Contact exports: start one (POST /contacts/exports: a format, and a group
// or every group the user manages contacts in), then watch it be written
// and download it (GET /contacts/exports/{id}, also the mailed link's page).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { Link, navigate } from '../router.jsx';
import { useSession } from '../session.jsx';
import { useGroups, GroupSelect } from '../groups.jsx';
import { Badge, Field, Loading, Page, Problem, Time, useForm, useResource } from '../ui.jsx';
import { recent, remember, usePolled } from './contacts.jsx';

const formats = [
  { value: 'xlsx', label: 'Excel (.xlsx)' },
  { value: 'csv', label: 'CSV (.csv)' },
];

const statusTone = { queued: 'queued', running: 'running', completed: 'done', failed: 'failed' };
const statusLabel = { queued: 'queued', running: 'being written', completed: 'ready', failed: 'failed' };

function ExportStatus({ exp }) {
  return <Badge tone={statusTone[exp.status]}>{statusLabel[exp.status] || exp.status}</Badge>;
}

/** One remembered export, with its status now. */
function RecentExport({ entry }) {
  const { byId } = useGroups();
  const res = useResource(() => api('/contacts/exports/' + encodeURIComponent(entry.id)), [entry.id]);
  const exp = res.data;
  return (
    <tr>
      <td>
        <Link href={'/contacts/exports/' + entry.id}>
          <Time value={entry.at} />
        </Link>
      </td>
      <td>{exp ? <ExportStatus exp={exp} /> : res.error ? <span class="muted">not available ({res.error.status || 'offline'})</span> : '…'}</td>
      <td>{exp ? exp.format.toUpperCase() : ''}</td>
      <td>{exp ? (exp.groupId ? (byId[exp.groupId] ? byId[exp.groupId].path : 'a group you cannot see') : 'Every group you manage') : ''}</td>
      <td>{exp && exp.status === 'completed' ? exp.rows : ''}</td>
    </tr>
  );
}

export function Exports() {
  const { me } = useSession();
  const f = useForm({ format: 'xlsx', group: '' });
  const items = recent('exports', me.id);
  const start = f.submit(async (v) => {
    const r = await api('/contacts/exports', { method: 'POST', body: { format: v.format, group: v.group || undefined } });
    remember('exports', me.id, { id: r.data.id, at: r.data.createdAt });
    navigate('/contacts/exports/' + r.data.id);
  });
  return (
    <Page title="Contact exports">
      <p>
        <Link href="/contacts">Back to contacts</Link>
      </p>
      <form class="panel tight" onSubmit={start} data-testid="export-form">
        <h2>Start an export</h2>
        <p>
          The file has the template's columns with each contact's Contact ID filled in, so that you can edit it and{' '}
          <Link href="/contacts/imports/new?mode=update">upload it as an update</Link>. You get an email with a download link when it is ready.
        </p>
        <div class="row">
          <Field label="Format" as="select" options={formats} {...f.field('format')} />
          <GroupSelect label="Group" empty="Every group I manage contacts in" value={f.values.group} onChange={(v) => f.set('group', v)} error={f.field('group').error} />
        </div>
        <Problem error={f.error} shown={['format', 'group']} />
        <div class="row">
          <button type="submit" disabled={f.busy} data-testid="export-start">
            {f.busy ? 'Starting…' : 'Start export'}
          </button>
        </div>
      </form>
      {items.length ? (
        <>
          <h2>Exports started in this browser</h2>
          <table data-testid="export-list">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col">Format</th>
                <th scope="col">Groups</th>
                <th scope="col">Contacts</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <RecentExport key={e.id} entry={e} />
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Page>
  );
}

export function ExportDetail({ params }) {
  const id = params.id;
  const { me } = useSession();
  const { byId } = useGroups();
  const res = usePolled(() => api('/contacts/exports/' + encodeURIComponent(id)), [id], (d) => d.status === 'queued' || d.status === 'running');
  const [error, setError] = useState(null);
  // Opened from the mail, perhaps: list it under this browser's exports too.
  const createdAt = res.data && res.data.createdAt;
  useEffect(() => {
    if (createdAt) remember('exports', me.id, { id, at: createdAt });
  }, [id, createdAt]);
  if (!res.data) {
    return <Page title="Contact export">{res.error ? <Problem error={res.error} /> : <Loading />}</Page>;
  }
  const exp = res.data;
  // The download link lives 15 minutes: past 10, fetch a fresh one first.
  const onDownload = async (e) => {
    if (Date.now() - res.at < 10 * 60000) return;
    e.preventDefault();
    try {
      const r = await api('/contacts/exports/' + encodeURIComponent(id));
      res.setData(r.data);
      if (r.data.downloadUrl) location.assign(r.data.downloadUrl);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Page title="Contact export">
      <p>
        <Link href="/contacts">Contacts</Link> · <Link href="/contacts/exports">Exports</Link>
      </p>
      <dl class="facts">
        <div>
          <dt>Status</dt>
          <dd data-testid="export-status">
            <ExportStatus exp={exp} />
          </dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd>{exp.format.toUpperCase()}</dd>
        </div>
        <div>
          <dt>Groups</dt>
          <dd>{exp.groupId ? (byId[exp.groupId] ? byId[exp.groupId].path : 'a group you cannot see') : 'Every group the requester manages contacts in'}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <Time value={exp.createdAt} />
          </dd>
        </div>
        {exp.finishedAt ? (
          <div>
            <dt>Finished</dt>
            <dd>
              <Time value={exp.finishedAt} />
            </dd>
          </div>
        ) : null}
      </dl>
      <Problem error={error || res.error} />
      {exp.status === 'queued' || exp.status === 'running' ? (
        <div class="panel tight" data-testid="export-waiting">
          <progress class="progress" aria-label="Writing the export" />
          <p role="status">The export is being written. You can leave this page: you will get an email with the download link.</p>
        </div>
      ) : null}
      {exp.status === 'completed' ? (
        <div class="panel tight done-panel" data-testid="export-ready">
          <h2>Ready</h2>
          <p>
            {exp.rows} {exp.rows === 1 ? 'contact' : 'contacts'} in {exp.fileName || 'the file'}.
          </p>
          <p>
            {exp.downloadUrl ? (
              <a class="button" href={exp.downloadUrl} onClick={onDownload} data-testid="export-download">
                Download {exp.fileName || 'the export'}
              </a>
            ) : (
              'The file is no longer available: start another export.'
            )}
          </p>
          <p>
            To change these contacts in bulk, edit the file (keep the Contact ID column) and{' '}
            <Link href="/contacts/imports/new?mode=update">upload it as an update</Link>.
          </p>
        </div>
      ) : null}
      {exp.status === 'failed' ? (
        <div class="panel tight problem-panel" data-testid="export-failed" role="alert">
          <h2>The export failed</h2>
          <p>{exp.failure || 'The file could not be written.'}</p>
          <p>
            <Link href="/contacts/exports">Start another export</Link>
          </p>
        </div>
      ) : null}
    </Page>
  );
}
