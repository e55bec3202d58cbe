// The import wizard: upload a spreadsheet (new contacts, or an edited
// export as a bulk update), watch it being checked, review what it would
// do, apply it and watch that. The file goes straight to the presigned URL
// POST /contacts/imports gives; the upload starts the check on the server.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, download } from '../api.js';
import { Link, navigate, useLocation } from '../router.jsx';
import { useSession } from '../session.jsx';
import { Badge, ConfirmButton, Field, Loading, Page, Problem, Time, useId, useIdempotencyKey } from '../ui.jsx';
import { recent, remember, size, usePolled } from './contacts.jsx';

const STEPS = [
  ['upload', 'Upload'],
  ['check', 'Check'],
  ['review', 'Review'],
  ['apply', 'Apply'],
  ['done', 'Done'],
];

// Where each status sits among the steps.
const stepOf = {
  awaiting_upload: 'upload',
  validating: 'check',
  failed: 'check',
  ready: 'review',
  applying: 'apply',
  completed: 'done',
  cancelled: '',
};

/** The wizard's steps, the current one marked (aria-current="step"). */
function Steps({ current, failed }) {
  const at = STEPS.findIndex(([k]) => k === current);
  return (
    <ol class="steps" aria-label="Import steps" data-testid="import-steps">
      {STEPS.map(([key, label], i) => {
        const state = i < at || (current === 'done' && i === at) ? 'done' : i === at ? (failed ? 'failed' : 'current') : 'todo';
        return (
          <li key={key} class={'step step-' + state} aria-current={i === at ? 'step' : undefined} data-testid={'import-step-' + key}>
            <span class="step-n" aria-hidden="true">
              {i + 1}
            </span>{' '}
            {label}
            <span class="sr-only">{{ done: ' (done)', current: ' (current step)', failed: ' (failed)', todo: '' }[state]}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** PUTs the file to the presigned URL with exactly the headers given, reporting progress. */
function putFile(upload, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method || 'PUT', upload.url);
    for (const [k, v] of Object.entries(upload.headers || {})) {
      // The browser sets Content-Length (and Host) itself, from the body, and refuses to be told.
      if (!/^(content-length|host)$/i.test(k)) xhr.setRequestHeader(k, v);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve();
        return;
      }
      // S3 answers with XML: <Error><Code>…</Code><Message>…</Message></Error>.
      const m = /<Message>([^<]*)<\/Message>/.exec(xhr.responseText || '');
      reject(new ApiError(xhr.status, { title: 'The upload failed', detail: `The storage answered ${xhr.status}${m ? ': ' + m[1] : ''}. Try again.`, code: 'upload_failed' }));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'The upload failed', detail: 'The file could not be sent. Check your connection and try again.', code: 'network' }));
    xhr.onabort = () => reject(new ApiError(0, { title: 'The upload was stopped', detail: 'Try again.', code: 'aborted' }));
    xhr.send(file);
  });
}

function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const accept = '.xlsx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** A file input inside a zone a file can be dragged onto. */
function DropZone({ file, onFile, error, disabled }) {
  const id = useId('file');
  const [over, setOver] = useState(false);
  const pick = (files) => {
    if (files && files.length) onFile(files[0]);
  };
  return (
    <div
      class={'dropzone' + (over ? ' dropzone-over' : '') + (error ? ' dropzone-error' : '')}
      data-testid="import-dropzone"
      onDragEnter={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!disabled) pick(e.dataTransfer && e.dataTransfer.files);
      }}
    >
      <p class="dropzone-say" aria-hidden="true">
        Drag the spreadsheet here, or
      </p>
      <label for={id}>Choose a spreadsheet</label>
      <input
        id={id}
        type="file"
        accept={accept}
        disabled={disabled}
        data-testid="import-file"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={id + '-hint' + (error ? ' ' + id + '-error' : '')}
        onChange={(e) => pick(e.currentTarget.files)}
      />
      <small id={id + '-hint'} class="hint">
        Excel (.xlsx) or CSV, up to 100 MB. Save .xls, .ods or .numbers files as .xlsx first.
      </small>
      {file ? (
        <p class="chosen" data-testid="import-chosen">
          Chosen: <strong>{file.name}</strong> ({size(file.size)})
        </p>
      ) : null}
      {error ? (
        <small id={id + '-error'} class="error" role="alert">
          {error}
        </small>
      ) : null}
    </div>
  );
}

function Instructions({ update }) {
  const [error, setError] = useState(null);
  const get = (format) => () => download('/contacts/template', 'contacts template.' + format, { format }).catch(setError);
  if (update) {
    return (
      <div class="instructions">
        <p>To change many contacts at once:</p>
        <ol>
          <li>
            <Link href="/contacts/exports">Export the contacts</Link> and download the file (the link is also mailed to you).
          </li>
          <li>Edit it in Excel or another spreadsheet program. Keep the Contact ID column (column 18, R) as it is: it says which contact each row is.</li>
          <li>Upload the edited file here. You will see every change before anything is written.</li>
        </ol>
      </div>
    );
  }
  return (
    <div class="instructions">
      <p>
        Fill in the template: one contact a row. Every row needs a first name, a cell phone number and an X under at least one group. Put account reps by their email address. Leave the
        Contact ID column (18, R) empty.
      </p>
      <p>
        <button type="button" class="secondary" onClick={get('xlsx')}>
          Download template
        </button>{' '}
        <button type="button" class="secondary" onClick={get('csv')}>
          Download template (CSV)
        </button>
      </p>
      <Problem error={error} />
    </div>
  );
}

/** The imports started in this browser, to come back to one. */
function RecentImports() {
  const { me } = useSession();
  const items = recent('imports', me.id);
  if (!items.length) return null;
  return (
    <div class="panel">
      <h2>Your recent uploads in this browser</h2>
      <ul>
        {items.map((e) => (
          <li key={e.id}>
            <Link href={'/contacts/imports/' + e.id}>{e.fileName}</Link> ({e.mode === 'update' ? 'update' : 'import'}, <Time value={e.at} />)
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ImportWizard() {
  const { query } = useLocation();
  const { me } = useSession();
  const update = query.get('mode') === 'update';
  const mode = update ? 'update' : 'import';
  const keyFor = useIdempotencyKey();
  const [file, setFile] = useState(null);
  const [phase, setPhase] = useState(''); // '', 'starting', 'uploading'
  const [sent, setSent] = useState({ loaded: 0, total: 0 });
  const [error, setError] = useState(null);

  const start = async (e) => {
    e.preventDefault();
    setError(null);
    if (!file) {
      setError(new ApiError(400, { title: 'Choose a file', detail: 'Choose the spreadsheet to upload, or drag it onto the box.', errors: [{ field: 'fileName', message: 'choose a file' }] }));
      return;
    }
    const body = { mode, fileName: file.name, size: file.size, contentType: file.type || undefined };
    try {
      setPhase('starting');
      const r = await api('/contacts/imports', { method: 'POST', body, idempotencyKey: keyFor(body) });
      const imp = r.data;
      remember('imports', me.id, { id: imp.id, fileName: imp.fileName, mode, at: imp.createdAt });
      setPhase('uploading');
      setSent({ loaded: 0, total: file.size });
      await putFile(imp.upload, file, (loaded, total) => setSent({ loaded, total }));
      keyFor.reset();
      navigate('/contacts/imports/' + imp.id);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, { title: 'Something went wrong', detail: String(err && err.message) }));
      setPhase('');
    }
  };

  const fileError = error ? error.fieldError('fileName') || error.fieldError('size') || error.fieldError('contentType') : '';
  const busy = phase !== '';
  return (
    <Page title={update ? 'Update contacts from a spreadsheet' : 'Import contacts'}>
      <Steps current="upload" />
      <div class="panel tight" data-testid="import-upload">
        <h2>Upload the spreadsheet</h2>
        <Instructions update={update} />
        <form onSubmit={start} data-testid="import-upload-form">
          <DropZone
            file={file}
            disabled={busy}
            error={fileError}
            onFile={(f) => {
              setFile(f);
              setError(null);
            }}
          />
          <Problem error={error} shown={['fileName', 'size', 'contentType']} />
          {phase === 'uploading' ? (
            <div class="upload-progress" data-testid="import-upload-progress">
              <label for="upload-progress">
                Uploading {file.name}: {size(sent.loaded)} of {size(sent.total)}
              </label>
              <progress id="upload-progress" class="progress" max={sent.total || 1} value={sent.loaded} />
            </div>
          ) : null}
          <div class="row">
            <button type="submit" disabled={busy} data-testid="import-upload-button">
              {phase === 'starting' ? 'Starting…' : phase === 'uploading' ? 'Uploading…' : 'Upload and check'}
            </button>
            {update ? <Link href="/contacts/imports/new">Import new contacts instead</Link> : <Link href="/contacts/imports/new?mode=update">Update existing contacts instead</Link>}
          </div>
        </form>
      </div>
      <RecentImports />
    </Page>
  );
}

const counts = [
  ['rows', 'Rows read'],
  ['new', 'New contacts'],
  ['updated', 'Contacts changed'],
  ['unchanged', 'Unchanged'],
  ['errors', 'Rows with errors'],
];

function Summary({ imp }) {
  const s = imp.summary;
  return (
    <dl class="counts" data-testid="import-summary">
      {counts
        .filter(([k]) => imp.mode === 'update' || k !== 'updated')
        .map(([k, label]) => (
          <div key={k} class={'count count-' + k} data-testid={'import-count-' + k}>
            <dt>{label}</dt>
            <dd>{s[k]}</dd>
          </div>
        ))}
    </dl>
  );
}

/** The refused rows: one line per problem, a page of them at a time. */
function RowErrors({ imp, onReport }) {
  const [shown, setShown] = useState(25);
  const lines = [];
  for (const r of imp.errors) for (const p of r.problems) lines.push({ row: r.row, ...p });
  if (!imp.summary.errors) return null;
  return (
    <section data-testid="import-errors">
      <h2>Rows with errors</h2>
      <p>
        These rows will not be {imp.mode === 'update' ? 'applied' : 'imported'}. Fix them in your file and upload it again
        {imp.mode === 'update' ? '' : ' (only those rows, so that the others are not added twice)'}.
        {imp.summary.conflicts ? ` ${imp.summary.conflicts} of them changed in Roster after the export: export again to update them.` : ''}
      </p>
      {imp.errorReportUrl ? (
        <p>
          <a href={imp.errorReportUrl} onClick={onReport} data-testid="import-error-report">
            Download the error report
          </a>{' '}
          <span class="muted">(every refused row, as in your file, with an Errors column)</span>
        </p>
      ) : null}
      <table class="errors">
        <caption class="sr-only">Problems by row</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {lines.slice(0, shown).map((l, i) => (
            <tr key={i} data-testid="import-error-row">
              <td>{l.row}</td>
              <td>{l.field}</td>
              <td>{l.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {lines.length > shown ? (
        <button type="button" class="secondary more" onClick={() => setShown(shown + 100)}>
          Show more problems ({lines.length - shown} more)
        </button>
      ) : null}
      {imp.summary.errors > imp.errors.length ? (
        <p class="muted">
          The first {imp.errors.length} of {imp.summary.errors} rows with errors are listed here; the error report has them all.
        </p>
      ) : null}
    </section>
  );
}

/** For an update: each contact's changes, field by field, before → after. */
function Changes({ imp }) {
  const [shown, setShown] = useState(20);
  if (!imp.changes.length) return null;
  const total = imp.mode === 'update' ? imp.summary.updated : imp.summary.new;
  return (
    <section data-testid="import-changes">
      <h2>{imp.mode === 'update' ? 'Changes' : 'New contacts'}</h2>
      {imp.changes.slice(0, shown).map((c) => (
        <div class="change" key={c.row + c.contactId} data-testid="import-change">
          <h3>
            {c.contactId ? <Link href={'/contacts/' + c.contactId}>{c.name || '(no name)'}</Link> : c.name || '(no name)'} <span class="muted">row {c.row}</span>
          </h3>
          <table class="diff">
            <caption class="sr-only">Changes to {c.name}</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {c.changes.map((d) => (
                <tr key={d.field}>
                  <th scope="row">{d.field}</th>
                  <td class="old">{d.old === '' ? <span class="muted">(empty)</span> : <del>{d.old}</del>}</td>
                  <td class="new">{d.new === '' ? <span class="muted">(empty)</span> : <ins>{d.new}</ins>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {imp.changes.length > shown ? (
        <button type="button" class="secondary more" onClick={() => setShown(shown + 40)}>
          Show more contacts ({imp.changes.length - shown} more)
        </button>
      ) : null}
      {total > imp.changes.length ? (
        <p class="muted">
          The first {imp.changes.length} of {total} contacts are shown.
        </p>
      ) : null}
    </section>
  );
}

function Apply({ imp, onApplied }) {
  const keyFor = useIdempotencyKey();
  const [welcome, setWelcome] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const update = imp.mode === 'update';
  const nothing = imp.summary.new + imp.summary.updated === 0;
  const apply = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = update ? {} : { sendWelcome: welcome };
    try {
      const r = await api('/contacts/imports/' + encodeURIComponent(imp.id) + '/apply', { method: 'POST', body, idempotencyKey: keyFor(body) });
      onApplied(r.data);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const applyBy = imp.readyAt ? new Date(new Date(imp.readyAt).getTime() + 6 * 24 * 3600 * 1000).toISOString() : '';
  return (
    <form onSubmit={apply} class="panel tight" data-testid="import-apply-form">
      <h2>{update ? 'Apply the updates' : 'Import the contacts'}</h2>
      {nothing ? (
        <p>There is nothing to {update ? 'change' : 'add'}: every row is unchanged or has errors.</p>
      ) : (
        <p>
          {update ? `${plural(imp.summary.updated, 'contact')} will be changed.` : `${plural(imp.summary.new, 'new contact')} will be added.`}
          {imp.summary.errors ? ` ${plural(imp.summary.errors, 'row')} with errors ${imp.summary.errors === 1 ? 'is' : 'are'} left out.` : ''}
          {applyBy ? (
            <>
              {' '}
              Apply it by <Time value={applyBy} />.
            </>
          ) : null}
        </p>
      )}
      {update ? null : (
        <Field
          type="checkbox"
          name="sendWelcome"
          label="Send a welcome text to the new contacts who opted in"
          hint="Each new contact whose SMS Consent says yes gets one welcome message."
          value={welcome}
          onInput={(e) => setWelcome(e.currentTarget.checked)}
          data-testid="import-send-welcome"
        />
      )}
      <Problem error={error} />
      <div class="row">
        <button type="submit" disabled={busy || nothing} data-testid="import-apply">
          {busy ? 'Applying…' : update ? 'Apply updates' : 'Apply import'}
        </button>
      </div>
    </form>
  );
}

const polling = { validating: true, applying: true };

export function ImportDetail({ params }) {
  const id = params.id;
  const mounted = useRef(Date.now());
  // Right after the upload the check has not started yet: poll a minute for it.
  const wanted = (d) => polling[d.status] || (d.status === 'awaiting_upload' && Date.now() - mounted.current < 60000);
  const res = usePolled(() => api('/contacts/imports/' + encodeURIComponent(id)), [id], wanted);
  const [cancelError, setCancelError] = useState(null);
  const { me } = useSession();
  // Opened from the mail, perhaps: list it under this browser's uploads too.
  const seen = res.data && res.data.createdAt;
  useEffect(() => {
    if (seen) remember('imports', me.id, { id, fileName: res.data.fileName, mode: res.data.mode, at: res.data.createdAt });
  }, [id, seen]);

  if (!res.data) {
    return <Page title="Import">{res.error ? <Problem error={res.error} /> : <Loading />}</Page>;
  }
  const imp = res.data;
  const update = imp.mode === 'update';
  const again = update ? '/contacts/imports/new?mode=update' : '/contacts/imports/new';
  // The API also cancels a failed import, but there is nothing left to discard then.
  const cancellable = imp.status === 'awaiting_upload' || imp.status === 'ready';

  const cancel = async () => {
    setCancelError(null);
    try {
      const r = await api('/contacts/imports/' + encodeURIComponent(id) + '/cancel', { method: 'POST' });
      res.setData(r.data);
    } catch (e) {
      setCancelError(e);
    }
  };
  // The report link lives 15 minutes: past 10, fetch a fresh one first.
  const onReport = async (e) => {
    if (Date.now() - res.at < 10 * 60000) return;
    e.preventDefault();
    try {
      const r = await api('/contacts/imports/' + encodeURIComponent(id));
      res.setData(r.data);
      if (r.data.errorReportUrl) location.assign(r.data.errorReportUrl);
    } catch (err) {
      setCancelError(err);
    }
  };

  return (
    <Page
      title={(update ? 'Update from ' : 'Import of ') + imp.fileName}
      actions={
        cancellable ? (
          <span data-testid="import-cancel">
            <ConfirmButton label="Cancel import" confirmLabel="Yes, cancel this import" onConfirm={cancel} />
          </span>
        ) : null
      }
    >
      <p>
        <Link href="/contacts">Contacts</Link> · Status: <span data-testid="import-status"><Badge tone={statusTone[imp.status]}>{statusLabel[imp.status] || imp.status}</Badge></span> · Uploaded <Time value={imp.createdAt} />
        {imp.source === 'dropped' ? ' (dropped into the upload bucket)' : ''}
      </p>
      <Steps current={stepOf[imp.status]} failed={imp.status === 'failed'} />
      <Problem error={cancelError} />
      {res.error ? <Problem error={res.error} /> : null}

      {imp.status === 'awaiting_upload' ? (
        <div class="panel tight" data-testid="import-waiting">
          <h2>Waiting for the file</h2>
          {wanted(imp) ? (
            <Loading label="Waiting for the upload to arrive…" />
          ) : (
            <>
              <p>The file has not arrived. If the upload was interrupted, start again with the file.</p>
              <p>
                <button type="button" class="secondary" onClick={res.reload}>
                  Check again
                </button>{' '}
                <Link href={again}>Upload the file again</Link>
              </p>
            </>
          )}
        </div>
      ) : null}

      {imp.status === 'validating' ? (
        <div class="panel tight" data-testid="import-checking">
          <h2>Checking the file</h2>
          <progress class="progress" aria-label="Checking the file" />
          <p role="status">
            Reading and checking every row{imp.summary.rows ? `: ${imp.summary.rows} rows so far` : ''}. You can leave this page: you will get an email when it is ready to review.
          </p>
        </div>
      ) : null}

      {imp.status === 'failed' ? (
        <div class="panel tight problem-panel" data-testid="import-failed" role="alert">
          <h2>The file could not be used</h2>
          <p>{imp.failure ? imp.failure.message : 'The check failed.'} Nothing was changed.</p>
          {imp.failure ? <p class="muted">Reason: <code>{imp.failure.reason}</code></p> : null}
          <p>
            <Link href={again}>Upload another file</Link>
          </p>
        </div>
      ) : null}

      {imp.status === 'cancelled' ? (
        <div class="panel tight" data-testid="import-cancelled">
          <h2>Cancelled</h2>
          <p>This import was cancelled{imp.finishedAt ? <> <Time value={imp.finishedAt} /></> : null}; nothing was written.</p>
          <p>
            <Link href={again}>Upload a file</Link>
          </p>
        </div>
      ) : null}

      {imp.status === 'applying' ? (
        <div class="panel tight" data-testid="import-applying">
          <h2>{update ? 'Applying the updates' : 'Importing the contacts'}</h2>
          <label for="apply-progress">
            {imp.progress.done} of {plural(imp.progress.total, 'contact')} written
            {imp.progress.skipped ? `, ${imp.progress.skipped} skipped` : ''}
          </label>
          <progress id="apply-progress" class="progress" max={imp.progress.total || 1} value={imp.progress.done} data-testid="import-progress" />
          <p class="muted">You can leave this page: you will get an email when it is done.</p>
        </div>
      ) : null}

      {imp.status === 'completed' ? (
        <div class="panel tight done-panel" data-testid="import-done" role="status">
          <h2>{update ? 'Updates applied' : 'Import complete'}</h2>
          <p>
            {plural(imp.progress.done, 'contact')} written
            {imp.progress.skipped ? `; ${imp.progress.skipped} skipped because they changed after the review` : ''}
            {imp.finishedAt ? (
              <>
                {' '}
                (<Time value={imp.finishedAt} />)
              </>
            ) : null}
            .{imp.sendWelcome ? ' Welcome texts are on their way to the new contacts who opted in.' : ''}
          </p>
          <p>
            <Link href="/contacts">See the contacts</Link> · <Link href={again}>Upload another file</Link>
          </p>
        </div>
      ) : null}

      {imp.status === 'ready' || imp.status === 'applying' || imp.status === 'completed' ? (
        <section class="review" data-testid="import-review">
          {imp.status === 'ready' ? <h2>Review</h2> : <h2>What the file held</h2>}
          <Summary imp={imp} />
          <RowErrors imp={imp} onReport={onReport} />
          <Changes imp={imp} />
        </section>
      ) : null}

      {imp.status === 'ready' ? <Apply imp={imp} onApplied={res.setData} /> : null}
    </Page>
  );
}

const statusTone = {
  awaiting_upload: 'pending',
  validating: 'running',
  ready: 'pending',
  failed: 'failed',
  applying: 'running',
  completed: 'done',
  cancelled: 'closed',
};

const statusLabel = {
  awaiting_upload: 'waiting for the file',
  validating: 'checking',
  ready: 'ready to review',
  failed: 'failed',
  applying: 'applying',
  completed: 'completed',
  cancelled: 'cancelled',
};
