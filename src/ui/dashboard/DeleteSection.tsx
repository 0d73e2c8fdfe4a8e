/**
 * Forget part of the history: the last hour, today, a custom range, a whole site, or one
 * title. Every action names what it will remove and waits for a confirmation.
 */
import { useId, useState } from 'preact/hooks';
import { deleteRange, deleteSite, deleteTitle, lastHour, today, type DeleteCounts } from '../../store/delete';
import type { TastefulDB } from '../../store/db';
import { sitesSeen } from '../../store/history';
import type { TitleRecord } from '../../store/records';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { formatWhen, fromDateTimeLocal, plural } from '../common/format';
import { useDashboard } from './context';
import { errorText, useAsync } from './useAsync';
import { diagnose } from '../../store/diagnostics';

interface PendingAction {
  readonly title: string;
  readonly body: string;
  readonly confirmLabel: string;
  readonly run: () => Promise<DeleteCounts>;
  readonly done: string;
}

function total(counts: DeleteCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

type Ask = (action: PendingAction) => void;

export function DeleteSection() {
  const { db, now, dataChanged } = useDashboard();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const counts = await pending.run();
      setResult({ ok: true, text: `${pending.done} ${plural(total(counts), 'record')} removed.` });
      setPending(null);
      dataChanged();
    } catch (err) {
      diagnose('dashboard/delete', err); // shown to the user below; noted for a problem report
      setResult({ ok: false, text: `Nothing was deleted: ${errorText(err)}` });
      setPending(null);
    } finally {
      setBusy(false);
    }
  };

  const ask = (action: PendingAction) => {
    setResult(null);
    setPending(action);
  };

  return (
    <div>
      <RangeCard db={db} now={now} ask={ask} />
      <SiteCard db={db} ask={ask} />
      <TitleCard db={db} ask={ask} />

      <div aria-live="polite" data-testid="delete-result">
        {result && <p class={`notice ${result.ok ? 'ok' : 'error'}`}>{result.text}</p>}
      </div>

      <ConfirmDialog
        open={pending !== null}
        title={pending?.title ?? ''}
        confirmLabel={pending?.confirmLabel ?? 'Delete'}
        danger
        busy={busy}
        onCancel={() => setPending(null)}
        onConfirm={() => void run()}
      >
        <p>{pending?.body} This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}

function RangeCard({ db, now, ask }: { readonly db: TastefulDB; readonly now: () => number; readonly ask: Ask }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const ids = { from: useId(), to: useId() };
  const customFrom = fromDateTimeLocal(from);
  const customTo = fromDateTimeLocal(to);
  const customValid = customFrom !== null && customTo !== null && customFrom < customTo;

  return (
    <div class="card">
      <h3>A time range</h3>
      <div class="button-row">
        <button
          type="button"
          data-testid="delete-range-hour"
          onClick={() => {
            const r = lastHour(now());
            ask({
              title: 'Delete the last hour?',
              body: 'Everything Tasteful recorded in the last 60 minutes will be forgotten.',
              confirmLabel: 'Delete last hour',
              run: () => deleteRange(db, r.from, r.to),
              done: 'Deleted the last hour:',
            });
          }}
        >
          Delete the last hour
        </button>
        <button
          type="button"
          data-testid="delete-range-today"
          onClick={() => {
            const r = today(now());
            ask({
              title: 'Delete today?',
              body: 'Everything Tasteful recorded today (since midnight) will be forgotten.',
              confirmLabel: 'Delete today',
              run: () => deleteRange(db, r.from, r.to),
              done: 'Deleted today:',
            });
          }}
        >
          Delete today
        </button>
      </div>
      <div class="filters" style={{ marginTop: '1rem' }}>
        <div class="field">
          <label for={ids.from}>From</label>
          <input id={ids.from} type="datetime-local" data-testid="delete-range-from" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.to}>To</label>
          <input id={ids.to} type="datetime-local" data-testid="delete-range-to" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        </div>
        <button
          type="button"
          data-testid="delete-range-custom"
          disabled={!customValid}
          onClick={() => {
            if (customFrom === null || customTo === null) return;
            ask({
              title: 'Delete this range?',
              body: `Everything recorded from ${formatWhen(customFrom, now())} up to ${formatWhen(customTo, now())} will be forgotten.`,
              confirmLabel: 'Delete range',
              run: () => deleteRange(db, customFrom, customTo),
              done: 'Deleted the range:',
            });
          }}
        >
          Delete range
        </button>
      </div>
      {from && to && !customValid && <p class="muted small">Choose an end after the start.</p>}
    </div>
  );
}

function SiteCard({ db, ask }: { readonly db: TastefulDB; readonly ask: Ask }) {
  const { version } = useDashboard();
  const [site, setSite] = useState('');
  const siteId = useId();
  const sites = useAsync(() => sitesSeen(db), [db, version]);

  return (
    <div class="card">
      <h3>A whole site</h3>
      <div class="filters">
        <div class="field">
          <label for={siteId}>Site</label>
          <select id={siteId} data-testid="delete-site-select" value={site} onChange={(e) => setSite(e.currentTarget.value)}>
            <option value="">Choose a site…</option>
            {sites.status === 'ready' &&
              sites.value.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
          </select>
        </div>
        <button
          type="button"
          data-testid="delete-site-button"
          disabled={!site}
          onClick={() =>
            ask({
              title: `Delete everything from ${site}?`,
              body: `Every title and event recorded on ${site} will be forgotten. Recording there continues unless you pause or disable the site.`,
              confirmLabel: 'Delete site',
              run: async () => {
                const counts = await deleteSite(db, site);
                setSite('');
                return counts;
              },
              done: `Deleted ${site}:`,
            })
          }
        >
          Delete site data
        </button>
      </div>
    </div>
  );
}

function TitleCard({ db, ask }: { readonly db: TastefulDB; readonly ask: Ask }) {
  const { version } = useDashboard();
  const [titleQuery, setTitleQuery] = useState('');
  const titleId = useId();
  const matches = useAsync(() => findTitles(db, titleQuery), [db, version, titleQuery]);

  return (
    <div class="card">
      <h3>One title</h3>
      <div class="field">
        <label for={titleId}>
          Find a title <span class="hint">(or use “Delete this title” on any row in History)</span>
        </label>
        <input
          id={titleId}
          type="search"
          data-testid="delete-title-search"
          value={titleQuery}
          placeholder="Title name"
          onInput={(e) => setTitleQuery(e.currentTarget.value)}
        />
      </div>
      {titleQuery.trim() !== '' &&
        matches.status === 'ready' &&
        (matches.value.length === 0 ? (
          <p class="muted">No stored title matches.</p>
        ) : (
          <ul class="history-list">
            {matches.value.map((t) => (
              <li key={t.id} class="history-item" style={{ gridTemplateColumns: '1fr auto' }}>
                <div>
                  <div class="title">{t.year ? `${t.title} (${t.year})` : t.title}</div>
                  <div class="meta">{t.site}</div>
                </div>
                <button
                  type="button"
                  class="link"
                  data-testid="delete-title-option"
                  onClick={() =>
                    ask({
                      title: 'Delete this title?',
                      body: `Tasteful will forget “${t.title}” on every site, with its watch sessions, skips, impressions, rating and the searches it was opened from.`,
                      confirmLabel: 'Delete title',
                      run: () => deleteTitle(db, t.key),
                      done: `Deleted “${t.title}”:`,
                    })
                  }
                >
                  Delete this title
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}

/** Titles whose name contains the query (case-insensitive), one per title key, at most 20. */
async function findTitles(db: TastefulDB, query: string): Promise<TitleRecord[]> {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return [];
  const seen = new Set<string>();
  return db.titles
    .filter((t) => {
      if (seen.has(t.key) || !t.title.toLocaleLowerCase().includes(q)) return false;
      seen.add(t.key);
      return true;
    })
    .limit(20)
    .toArray();
}
