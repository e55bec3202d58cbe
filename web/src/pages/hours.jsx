// Hours of operation: a group's weekly open intervals, its time zone, its
// holidays (closed all day or with special hours) and the reply sent while
// closed (GET/PUT /groups/{id}/hours), with an "Open now?" preview from
// GET /groups/{id}/open. Email notifications limited to hours of operation
// follow these hours (seed 000).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { useSession } from '../session.jsx';
import { navigate, useLocation } from '../router.jsx';
import { useGroups, GroupSelect } from '../groups.jsx';
import { Page, Field, Problem, Notice, Loading, useResource } from '../ui.jsx';
import './settings.css';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const DAY_NAMES = { monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday', saturday: 'Saturday', sunday: 'Sunday' };

/** The browser's time zone: the starting point for a group without hours. */
function localZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function zones() {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

const interval = (iv) => ({ start: iv.start || '', end: iv.end || '', overnight: !!iv.overnight });

/** The API's hours as the form edits them (every day present, plain strings). */
function toDraft(h) {
  return {
    timeZone: h.timeZone || '',
    weekly: Object.fromEntries(DAYS.map((d) => [d, ((h.weekly && h.weekly[d]) || []).map(interval)])),
    holidays: (h.holidays || []).map((x) => ({
      date: x.date || '',
      name: x.name || '',
      closed: !!x.closed,
      everyYear: !!x.everyYear,
      intervals: (x.intervals || []).map(interval),
    })),
    afterHoursReply: h.afterHoursReply || '',
  };
}

/** A starting point for a group that has no hours yet: weekdays 09:00–17:00. */
function starterDraft() {
  const weekly = Object.fromEntries(DAYS.map((d) => [d, d === 'saturday' || d === 'sunday' ? [] : [{ start: '09:00', end: '17:00', overnight: false }]]));
  return { timeZone: localZone(), weekly, holidays: [], afterHoursReply: '' };
}

const outInterval = (iv) => ({ start: iv.start.trim(), end: iv.end.trim(), ...(iv.overnight ? { overnight: true } : {}) });

/** The form's draft as the PUT body. */
function fromDraft(d) {
  return {
    timeZone: d.timeZone.trim(),
    weekly: Object.fromEntries(DAYS.map((day) => [day, d.weekly[day].map(outInterval)])),
    holidays: d.holidays.map((h) => ({
      date: h.date,
      ...(h.name.trim() ? { name: h.name.trim() } : {}),
      closed: h.closed,
      ...(h.closed ? {} : { intervals: h.intervals.map(outInterval) }),
      everyYear: h.everyYear,
    })),
    afterHoursReply: d.afterHoursReply,
  };
}

/**
 * Field errors by exact name, remembering which ones a field showed, so the
 * problem banner lists only the rest (nested names such as
 * `weekly.monday[1].end` or `holidays[2].date` land on their row).
 */
function errorPlacer(error) {
  const byName = {};
  for (const e of (error && error.errors) || []) {
    if (e.field) byName[e.field] = byName[e.field] ? byName[e.field] + '; ' + e.message : e.message;
  }
  const used = [];
  return {
    msg(name) {
      if (byName[name]) used.push(name);
      return byName[name] || '';
    },
    used,
  };
}

export function Hours() {
  const { query } = useLocation();
  const { groups, error: groupsError, loading } = useGroups();
  const asked = query.get('group') || '';
  const groupId = asked || (groups[0] && groups[0].id) || '';
  const choose = (id) => navigate('/hours?group=' + encodeURIComponent(id), { replace: true });

  return (
    <Page title="Hours of operation">
      <div class="settings-page">
        <p class="muted">
          A group's hours say when it is open. Email notifications limited to hours of operation are sent only while the conversation's group is open, and the
          reply below answers customers who text while it is closed.
        </p>
        <Problem error={groupsError} />
        {loading ? <Loading /> : null}
        {groups.length ? (
          <div class="row">
            <GroupSelect label="Group" value={groupId} onChange={choose} data-testid="hours-group" />
          </div>
        ) : null}
        {groupId ? <GroupHours key={groupId} groupId={groupId} /> : null}
      </div>
    </Page>
  );
}

/** One group's hours: the editor and its "Open now?" preview. */
function GroupHours({ groupId }) {
  const { can } = useSession();
  // 404 hours_not_set is not a failure: the group simply has no hours yet.
  const hours = useResource(async () => {
    try {
      return await api(`/groups/${encodeURIComponent(groupId)}/hours`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404 && e.code === 'hours_not_set') return { data: null, etag: '' };
      throw e;
    }
  }, [groupId]);
  const [checked, setChecked] = useState(0); // bumps the preview after a save

  if (hours.loading && !hours.data && !hours.error) return <Loading />;
  if (hours.error) {
    return (
      <div>
        <Problem error={hours.error} />
        <button type="button" class="secondary" onClick={hours.reload}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div>
      <OpenNow groupId={groupId} saved={hours.data} version={checked} />
      <HoursForm
        saved={hours.data}
        etag={hours.etag}
        canEdit={can('manage_settings')}
        groupId={groupId}
        onSaved={(data, etag) => {
          hours.setData(data, etag);
          setChecked((n) => n + 1);
        }}
        onReload={hours.reload}
      />
    </div>
  );
}

/** A moment as the group's clock shows it ("Friday, 25 December 2026, 09:00 CST"). */
function atZone(iso, timeZone) {
  if (!iso) return '';
  const opts = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(undefined, { ...opts, timeZone: timeZone || undefined }).format(new Date(iso));
  } catch {
    return new Date(iso).toLocaleString();
  }
}

/** The holiday that applies on a local date (a one-off wins over an every-year one), from the saved hours. */
function holidayOn(saved, localDate) {
  const list = (saved && saved.holidays) || [];
  return (
    list.find((h) => h.date === localDate) ||
    list.find((h) => h.everyYear && h.date.slice(5) === localDate.slice(5) && h.date <= localDate) ||
    null
  );
}

/** The sentence for an OpenStatus: "Closed: holiday 'Christmas'", "Open: within regular hours"… */
export function describeOpen(status, saved) {
  const day = (status.localTime || '').slice(0, 10);
  const h = day ? holidayOn(saved, day) : null;
  const name = h ? (h.name ? `'${h.name}'` : `(${h.date})`) : '';
  switch (status.reason) {
    case 'no_hours':
      return 'No hours set: neither open nor closed';
    case 'regular_hours':
      return 'Open: within regular hours';
    case 'closed':
      return 'Closed: outside hours';
    case 'holiday':
      return `Closed: holiday ${name}`.trim();
    case 'holiday_hours':
      return `Open: holiday hours of ${name || 'a holiday'}`;
    case 'holiday_closed_hours':
      return `Closed: outside the holiday hours of ${name || 'a holiday'}`;
    default:
      return (status.open ? 'Open: ' : 'Closed: ') + status.reason;
  }
}

/** "Open now?": GET /groups/{id}/open, now or at a moment the user picks. */
function OpenNow({ groupId, saved, version }) {
  const [at, setAt] = useState(''); // RFC 3339, '' for now
  const [draftAt, setDraftAt] = useState('');
  const status = useResource(() => api(`/groups/${encodeURIComponent(groupId)}/open`, { query: { at } }), [groupId, version, at]);
  const s = status.data;
  const tone = !s ? '' : s.reason === 'no_hours' ? 'is-none' : s.open ? 'is-open' : 'is-closed';
  let next = '';
  if (s && s.reason !== 'no_hours') {
    if (s.until) next = (s.open ? 'Closes ' : 'Opens ') + atZone(s.until, s.timeZone);
    else next = s.open ? 'Open around the clock: no change within 400 days.' : 'Does not open within the next 400 days.';
  }
  const check = (e) => {
    e.preventDefault();
    // datetime-local is the browser's wall clock; the API wants RFC 3339.
    if (draftAt) setAt(new Date(draftAt).toISOString());
  };
  return (
    <section class="panel" aria-labelledby="open-now-h">
      <h2 id="open-now-h">{at ? 'Open at that moment?' : 'Open now?'}</h2>
      {status.error ? <Problem error={status.error} /> : null}
      {s ? (
        <div aria-live="polite">
          <p class={'open-status ' + tone} data-testid="open-status">
            {describeOpen(s, saved)}
          </p>
          {next ? <p data-testid="open-next">{next}</p> : null}
          {s.localTime ? (
            <p class="muted" data-testid="open-local-time">
              {at ? 'Checked at ' : 'Local time there: '}
              {atZone(s.localTime, s.timeZone)} ({s.timeZone})
            </p>
          ) : null}
        </div>
      ) : status.loading ? (
        <Loading />
      ) : null}
      <form class="row" onSubmit={check}>
        <Field label="Moment to check (your local time)" type="datetime-local" value={draftAt} onInput={(e) => setDraftAt(e.currentTarget.value)} />
        <div class="buttons">
          <button type="submit" class="secondary">
            Check that moment
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setDraftAt('');
              if (at) setAt('');
              else status.reload();
            }}
          >
            Check now
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * The open intervals of one day or one holiday, each with its own row. A plain
 * function, not a component: it claims its errors while the form is built,
 * before the problem banner decides what is left for it.
 */
function intervals({ list, onChange, prefix, what, testid, msg }) {
  const set = (i, patch) => onChange(list.map((iv, j) => (j === i ? { ...iv, ...patch } : iv)));
  return (
    <div class="intervals">
      {list.map((iv, i) => {
        const row = `${prefix}[${i}]`;
        const rowError = msg(row);
        const sr = <span class="sr-only"> ({what}, hours {i + 1})</span>;
        return (
          <div class="interval" key={i} data-testid={`${testid}-${i}`}>
            <Field
              label={<>Opens{sr}</>}
              type="text"
              inputmode="numeric"
              placeholder="09:00"
              value={iv.start}
              onInput={(e) => set(i, { start: e.currentTarget.value })}
              error={msg(row + '.start')}
              data-testid={`${testid}-${i}-start`}
            />
            <Field
              label={<>Closes{sr}</>}
              type="text"
              inputmode="numeric"
              placeholder="17:00"
              value={iv.end}
              onInput={(e) => set(i, { end: e.currentTarget.value })}
              error={msg(row + '.end')}
              data-testid={`${testid}-${i}-end`}
            />
            <Field
              label={<>Ends the next day{sr}</>}
              type="checkbox"
              value={iv.overnight}
              onInput={(e) => set(i, { overnight: e.currentTarget.checked })}
              error={msg(row + '.overnight')}
              data-testid={`${testid}-${i}-overnight`}
            />
            <button type="button" class="secondary small" onClick={() => onChange(list.filter((_, j) => j !== i))} data-testid={`${testid}-${i}-remove`}>
              Remove<span class="sr-only"> {what} hours {i + 1}</span>
            </button>
            {rowError ? (
              <small class="error" role="alert">
                {rowError}
              </small>
            ) : null}
          </div>
        );
      })}
      <div class="buttons">
        <button
          type="button"
          class="secondary small"
          disabled={list.length >= 10}
          onClick={() => onChange([...list, list.length ? { start: '', end: '', overnight: false } : { start: '09:00', end: '17:00', overnight: false }])}
          data-testid={`${testid}-add`}
        >
          Add hours<span class="sr-only"> for {what}</span>
        </button>
      </div>
    </div>
  );
}

/** The editable hours; replaced whole by PUT with If-Match (none while the group has no hours). */
function HoursForm({ saved, etag, canEdit, groupId, onSaved, onReload }) {
  const [draft, setDraft] = useState(() => (saved ? toDraft(saved) : starterDraft()));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const zoneList = useMemo(zones, []);
  // A new read (after a save, or "Load the latest hours" after a 412) replaces the draft.
  useEffect(() => {
    setDraft(saved ? toDraft(saved) : starterDraft());
    setError(null);
  }, [etag]);

  const edit = (patch) => {
    setDone('');
    setDraft((d) => ({ ...d, ...patch }));
  };
  const setDay = (day, list) => edit({ weekly: { ...draft.weekly, [day]: list } });
  const setHoliday = (i, patch) => edit({ holidays: draft.holidays.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  // Removing a row shifts the rows after it: the last answer's row numbers no longer fit.
  const removeHoliday = (i) => {
    setError(null);
    edit({ holidays: draft.holidays.filter((_, j) => j !== i) });
  };

  const save = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone('');
    try {
      const r = await api(`/groups/${encodeURIComponent(groupId)}/hours`, { method: 'PUT', body: fromDraft(draft), ifMatch: etag || undefined });
      onSaved(r.data, r.etag);
      setDone('Hours saved.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const place = errorPlacer(error);
  const msg = place.msg;
  // Build the fields first: they claim their errors, and the banner shows the rest.
  const body = (
    <fieldset disabled={!canEdit || busy} class={canEdit ? 'plain' : 'plain readonly'}>
      <legend class="sr-only">Hours of operation</legend>
      <Field
        label="Time zone"
        list="hours-zones"
        value={draft.timeZone}
        onInput={(e) => edit({ timeZone: e.currentTarget.value })}
        error={msg('timeZone')}
        hint="An IANA time zone such as America/Chicago. Times below are this zone's wall-clock times."
        data-testid="hours-timezone"
      />
      <datalist id="hours-zones">
        {zoneList.map((z) => (
          <option value={z} key={z} />
        ))}
      </datalist>

      <h3>Weekly hours</h3>
      <p class="hint">A day without hours is closed. 24:00 closes at midnight; tick "Ends the next day" for hours past midnight (22:00–02:00).</p>
      {msg('weekly') ? (
        <small class="error" role="alert">
          {msg('weekly')}
        </small>
      ) : null}
      <div class="days">
        {DAYS.map((day) => {
          const list = draft.weekly[day];
          const dayError = msg('weekly.' + day);
          return (
            <div class="day" key={day} data-testid={`hours-${day}`} role="group" aria-labelledby={`day-${day}`}>
              <div class="day-name" id={`day-${day}`}>
                {DAY_NAMES[day]}
              </div>
              <div>
                {list.length ? null : (
                  <p class="closed-day" data-testid={`hours-${day}-closed`}>
                    Closed all day
                  </p>
                )}
                {intervals({ list, onChange: (l) => setDay(day, l), prefix: 'weekly.' + day, what: DAY_NAMES[day], testid: `hours-${day}`, msg })}
                {dayError ? (
                  <small class="error" role="alert">
                    {dayError}
                  </small>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      <div class="buttons">
        <button type="button" class="secondary small" onClick={() => edit({ weekly: { ...draft.weekly, ...Object.fromEntries(['tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, draft.weekly.monday.map((iv) => ({ ...iv }))])) } })}>
          Copy Monday's hours to Tuesday–Friday
        </button>
      </div>

      <h3>Holidays</h3>
      <p class="hint">A holiday replaces its day's weekly hours: closed all day, or open only in its special hours.</p>
      {msg('holidays') ? (
        <small class="error" role="alert">
          {msg('holidays')}
        </small>
      ) : null}
      {draft.holidays.length ? null : <p class="muted">No holidays.</p>}
      <ul class="holidays">
        {draft.holidays.map((h, i) => {
          const p = `holidays[${i}]`;
          const what = h.name || h.date || `holiday ${i + 1}`;
          const sr = <span class="sr-only"> (holiday {i + 1})</span>;
          const rowError = msg(p);
          return (
            <li class="holiday" key={i} data-testid={`holiday-${i}`}>
              <div class="row top">
                <Field label={<>Date{sr}</>} type="date" value={h.date} onInput={(e) => setHoliday(i, { date: e.currentTarget.value })} error={msg(p + '.date')} data-testid={`holiday-${i}-date`} />
                <Field label={<>Name{sr}</>} value={h.name} maxLength={100} onInput={(e) => setHoliday(i, { name: e.currentTarget.value })} error={msg(p + '.name')} data-testid={`holiday-${i}-name`} />
              </div>
              <div class="row">
                <Field
                  label={<>Closed all day{sr}</>}
                  type="checkbox"
                  value={h.closed}
                  onInput={(e) => setHoliday(i, { closed: e.currentTarget.checked, intervals: e.currentTarget.checked || h.intervals.length ? h.intervals : [{ start: '09:00', end: '12:00', overnight: false }] })}
                  error={msg(p + '.closed')}
                  data-testid={`holiday-${i}-closed`}
                />
                <Field label={<>Every year{sr}</>} type="checkbox" value={h.everyYear} onInput={(e) => setHoliday(i, { everyYear: e.currentTarget.checked })} error={msg(p + '.everyYear')} data-testid={`holiday-${i}-every-year`} />
              </div>
              {h.closed ? null : (
                <div>
                  <p class="hint">Special hours (open only in these):</p>
                  {intervals({ list: h.intervals, onChange: (l) => setHoliday(i, { intervals: l }), prefix: p + '.intervals', what, testid: `holiday-${i}-hours`, msg })}
                </div>
              )}
              {msg(p + '.intervals') ? (
                <small class="error" role="alert">
                  {msg(p + '.intervals')}
                </small>
              ) : null}
              {rowError ? (
                <small class="error" role="alert">
                  {rowError}
                </small>
              ) : null}
              <div class="buttons">
                <button type="button" class="secondary small" onClick={() => removeHoliday(i)} data-testid={`holiday-${i}-remove`}>
                  Remove holiday<span class="sr-only"> {what}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <div class="buttons">
        <button type="button" class="secondary" disabled={draft.holidays.length >= 366} onClick={() => edit({ holidays: [...draft.holidays, { date: '', name: '', closed: true, everyYear: false, intervals: [] }] })}>
          Add holiday
        </button>
      </div>

      <h3>While closed</h3>
      <Field
        as="textarea"
        label="Automatic reply while closed"
        maxLength={1000}
        value={draft.afterHoursReply}
        onInput={(e) => edit({ afterHoursReply: e.currentTarget.value })}
        error={msg('afterHoursReply')}
        hint="Sent in answer to a customer's text while the group is closed; leave empty to send none."
        data-testid="hours-reply"
      />
    </fieldset>
  );

  return (
    <section class="panel" aria-labelledby="hours-form-h">
      <h2 id="hours-form-h">Hours of operation</h2>
      {saved ? null : (
        <p class="notice" role="status" data-testid="hours-not-set">
          This group has no hours yet: it is neither open nor closed, and notification emails are not limited for it. Below is a starting point (weekdays 09:00–17:00);
          save to set them.
        </p>
      )}
      {canEdit ? null : <p class="muted">You can read these hours; changing them needs the manager or admin role at the group.</p>}
      <form onSubmit={save} aria-labelledby="hours-form-h" novalidate data-testid="hours-form">
        <Problem error={error} shown={place.used} />
        {error && error.status === 412 ? (
          <p>
            Someone changed these hours since you opened them.{' '}
            <button type="button" class="secondary small" onClick={onReload}>
              Load the latest hours
            </button>
          </p>
        ) : null}
        {body}
        <Notice>{done}</Notice>
        {canEdit ? (
          <div class="buttons">
            <button type="submit" disabled={busy} data-testid="hours-save">
              {busy ? 'Saving…' : 'Save hours'}
            </button>
            <button
              type="button"
              class="secondary"
              disabled={busy}
              onClick={() => {
                setError(null);
                setDone('');
                setDraft(saved ? toDraft(saved) : starterDraft());
              }}
            >
              Undo changes
            </button>
          </div>
        ) : null}
      </form>
    </section>
  );
}
