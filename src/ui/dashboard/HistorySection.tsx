/**
 * The history timeline: every recorded event, newest first, filtered by site, kind and time,
 * one page at a time ("Load more" follows the store's cursor), with "Delete this title" per row.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { EVENT_KINDS } from '../../store/event-tables';
import { deleteTitle } from '../../store/delete';
import type { TastefulDB } from '../../store/db';
import { historyPage, sitesSeen, type HistoryCursor, type HistoryItem, type HistoryQuery } from '../../store/history';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { formatWhen, isoTime, plural } from '../common/format';
import { useDashboard } from './context';
import { itemDetails, itemHeadline, itemSite, itemTitleKey } from './history-text';
import { isEventKind, NO_FILTERS, toHistoryQuery, type HistoryFilters, type TimeFilter } from './history-query';
import { KIND_FILTER_LABEL, KIND_LABEL } from './labels';
import { type AsyncState, errorText, useAsync } from './useAsync';
import { diagnose } from '../../store/diagnostics';

export interface HistorySectionProps {
  readonly pageSize?: number;
}

type LoadState = 'loading' | 'ready' | 'more' | 'error';

interface PendingDelete {
  readonly key: string;
  readonly name: string;
}

export function HistorySection({ pageSize = 50 }: HistorySectionProps) {
  const { db, version, now, dataChanged } = useDashboard();
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [announce, setAnnounce] = useState('');
  const ids = { site: useId(), kind: useId(), time: useId(), from: useId(), to: useId() };

  const sites = useAsync(() => sitesSeen(db), [db, version]);
  // The query is fixed when filters or data change, so "last hour" does not drift between pages.
  const { query, invalid } = useMemo(() => toHistoryQuery(filters, now()), [filters, version]);
  const pages = useHistoryPages(db, query, invalid, pageSize, setAnnounce);
  const titleDelete = useTitleDelete(db, dataChanged, setAnnounce);
  const { items, state } = pages;

  return (
    <div>
      <HistoryFilterForm ids={ids} filters={filters} setFilters={setFilters} sites={sites} onRefresh={dataChanged} />

      {invalid && (
        <p class="notice error" role="alert">
          {invalid}
        </p>
      )}
      {state === 'error' && (
        <p class="notice error" role="alert" data-testid="history-error">
          Could not read your history: {pages.error}
        </p>
      )}

      <ol
        class="history-list"
        ref={pages.listRef}
        data-testid="history-list"
        aria-busy={state === 'loading' || state === 'more'}
        aria-label="History, newest first"
      >
        {items.map((item) => (
          <HistoryRow key={item.id} item={item} now={now()} onDelete={titleDelete.ask} />
        ))}
      </ol>

      {state === 'loading' && <p class="muted">Loading…</p>}
      {state !== 'loading' && state !== 'error' && items.length === 0 && (
        <p class="muted" data-testid="history-empty">
          {!filters.site && !filters.kind && filters.time === 'any'
            ? 'Nothing recorded yet. Browse a streaming site where Tasteful is enabled and your history appears here.'
            : 'No events match these filters.'}
        </p>
      )}
      {pages.next && state !== 'loading' && (
        <div class="button-row">
          <button type="button" data-testid="history-load-more" onClick={() => void pages.loadMore()} disabled={state === 'more'}>
            {state === 'more' ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
      <p class="visually-hidden" aria-live="polite" data-testid="history-status">
        {announce}
      </p>

      <ConfirmDialog
        open={titleDelete.pending !== null}
        title="Delete this title?"
        confirmLabel="Delete title"
        danger
        busy={titleDelete.deleting}
        onCancel={titleDelete.cancel}
        onConfirm={() => void titleDelete.confirm()}
      >
        <p>
          Tasteful will forget <strong>{titleDelete.pending?.name}</strong> on every site: its watch sessions, skips, impressions, rating and the
          searches it was opened from. This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}

/** The first page for the current query, the pages "Load more" appends, and where focus goes after one. */
function useHistoryPages(db: TastefulDB, query: HistoryQuery, invalid: string | null, pageSize: number, announce: (text: string) => void) {
  const [items, setItems] = useState<HistoryItem[]>([]);
  const [next, setNext] = useState<HistoryCursor | null>(null);
  const [state, setState] = useState<LoadState>('loading');
  const [error, setError] = useState<string | null>(null);
  const focusIndex = useRef<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (invalid) {
      setItems([]);
      setNext(null);
      setState('ready');
      return;
    }
    let live = true;
    setState('loading');
    setError(null);
    historyPage(db, { ...query, pageSize }).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setNext(page.next);
        setState('ready');
      },
      (err: unknown) => {
        if (!live) return;
        setError(errorText(err));
        setState('error');
      },
    );
    return () => {
      live = false;
    };
  }, [db, query, invalid, pageSize]);

  // After "Load more", move focus to the first new row so keyboard users continue from there.
  useEffect(() => {
    if (focusIndex.current === null) return;
    const row = listRef.current?.querySelectorAll<HTMLElement>('[data-testid="history-item"]')[focusIndex.current];
    focusIndex.current = null;
    row?.focus();
  }, [items]);

  const loadMore = async () => {
    if (!next) return;
    setState('more');
    try {
      const page = await historyPage(db, { ...query, pageSize, before: next });
      focusIndex.current = items.length;
      setItems((prev) => [...prev, ...page.items]);
      setNext(page.next);
      setState('ready');
      announce(`Loaded ${plural(page.items.length, 'more event')}.`);
    } catch (err) {
      diagnose('dashboard/history', err); // shown to the user below; noted for a problem report
      setError(errorText(err));
      setState('error');
    }
  };

  return { items, next, state, error, listRef, loadMore };
}

/** The title a row asked to delete, and the confirmed delete of everything recorded about it. */
function useTitleDelete(db: TastefulDB, dataChanged: () => void, announce: (text: string) => void) {
  const [pending, setPending] = useState<PendingDelete | null>(null);
  const [deleting, setDeleting] = useState(false);

  const confirm = async () => {
    if (!pending) return;
    setDeleting(true);
    try {
      const counts = await deleteTitle(db, pending.key);
      const removed = Object.values(counts).reduce((a, b) => a + b, 0);
      announce(`Deleted “${pending.name}” (${plural(removed, 'record')}).`);
      setPending(null);
      dataChanged();
    } catch (err) {
      diagnose('dashboard/history', err); // shown to the user below; noted for a problem report
      announce(`Could not delete: ${errorText(err)}`);
    } finally {
      setDeleting(false);
    }
  };

  return { pending, deleting, ask: setPending, cancel: () => setPending(null), confirm };
}

interface HistoryFilterFormProps {
  readonly ids: { readonly site: string; readonly kind: string; readonly time: string; readonly from: string; readonly to: string };
  readonly filters: HistoryFilters;
  readonly setFilters: (update: (f: HistoryFilters) => HistoryFilters) => void;
  readonly sites: AsyncState<string[]>;
  readonly onRefresh: () => void;
}

function HistoryFilterForm({ ids, filters, setFilters, sites, onRefresh }: HistoryFilterFormProps) {
  const set = (patch: Partial<HistoryFilters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter history">
      <div class="field">
        <label for={ids.site}>Site</label>
        <select id={ids.site} data-testid="filter-site" value={filters.site} onChange={(e) => set({ site: e.currentTarget.value })}>
          <option value="">All sites</option>
          {sites.status === 'ready' &&
            [...new Set([...sites.value, ...(filters.site ? [filters.site] : [])])].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
        </select>
      </div>
      <div class="field">
        <label for={ids.kind}>Kind</label>
        <select
          id={ids.kind}
          data-testid="filter-kind"
          value={filters.kind}
          onChange={(e) => {
            const v = e.currentTarget.value;
            set({ kind: isEventKind(v) ? v : '' });
          }}
        >
          <option value="">All kinds</option>
          {EVENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_FILTER_LABEL[k]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={ids.time}>Time</label>
        <select id={ids.time} data-testid="filter-time" value={filters.time} onChange={(e) => set({ time: e.currentTarget.value as TimeFilter })}>
          <option value="any">Any time</option>
          <option value="hour">Last hour</option>
          <option value="today">Today</option>
          <option value="week">Last 7 days</option>
          <option value="custom">Custom range…</option>
        </select>
      </div>
      <button type="button" data-testid="history-refresh" onClick={() => onRefresh()} title="Show events recorded since this page opened">
        Refresh
      </button>
      {filters.time === 'custom' && (
        <>
          <div class="field">
            <label for={ids.from}>From</label>
            <input
              id={ids.from}
              type="datetime-local"
              data-testid="filter-from"
              value={filters.from}
              onChange={(e) => set({ from: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for={ids.to}>To</label>
            <input
              id={ids.to}
              type="datetime-local"
              data-testid="filter-to"
              value={filters.to}
              onChange={(e) => set({ to: e.currentTarget.value })}
            />
          </div>
        </>
      )}
    </form>
  );
}

function HistoryRow({
  item,
  now,
  onDelete,
}: {
  readonly item: HistoryItem;
  readonly now: number;
  readonly onDelete: (target: PendingDelete) => void;
}) {
  const key = itemTitleKey(item);
  const headline = itemHeadline(item);
  const name = item.kind === 'search' && item.title ? item.title.title : headline;
  return (
    <li class="history-item" data-testid="history-item" data-kind={item.kind} data-id={item.id} tabIndex={-1}>
      <span class="kind">{KIND_LABEL[item.kind]}</span>
      <div>
        <div class="title">{headline}</div>
        <div class="meta">
          <span data-testid="history-details">{itemDetails(item)}</span> · <span>{itemSite(item)}</span> ·{' '}
          <time dateTime={isoTime(item.at)} title={new Date(item.at).toLocaleString()}>
            {formatWhen(item.at, now)}
          </time>
        </div>
      </div>
      <div>
        {key !== null && (
          <button
            type="button"
            class="link"
            data-testid="history-delete-title"
            aria-label={`Delete ${name} and everything recorded about it`}
            onClick={() => onDelete({ key, name })}
          >
            Delete this title
          </button>
        )}
      </div>
    </li>
  );
}
