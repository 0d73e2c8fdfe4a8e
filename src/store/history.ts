/**
 * The dashboard's history timeline: events of every kind, newest first, one page at a time.
 *
 * Fast at a million events because no query touches more than a page per table: each event
 * table is read backwards on its time index (or `[site+time]` when filtered by site),
 * starting at the cursor and stopping after `pageSize + 1` rows; the per-table pages are then
 * merged. No offsets, no full scans.
 */
import Dexie from 'dexie';
import { tableNamed, type StringKeyedTable, type TastefulDB } from './db';
import { USER_TABLES } from './tables';
import { EVENT_KINDS, EVENT_TABLE_LIST, EVENT_TABLES, type EventKind, type EventRecordOf, type EventTable } from './event-tables';
import type { TitleRecord } from './records';

/** Position in the timeline: items strictly older than this come next. `id` is an item's `id`. */
export interface HistoryCursor {
  readonly at: number;
  readonly id: string;
}

export interface HistoryQuery {
  readonly pageSize?: number;
  readonly site?: string;
  readonly kinds?: readonly EventKind[];
  /** Inclusive lower bound on event time. */
  readonly from?: number;
  /** Exclusive upper bound on event time. */
  readonly to?: number;
  readonly before?: HistoryCursor;
}

export type HistoryItem = {
  [K in EventKind]: {
    readonly kind: K;
    /** `${kind}:${primary key}`: unique across tables, the tie-breaker after `at`. */
    readonly id: string;
    readonly at: number;
    readonly record: EventRecordOf[K];
    /** The title the event is about (for a search: the title opened from it), when known. */
    readonly title: TitleRecord | null;
  };
}[EventKind];

export interface HistoryPage {
  readonly items: HistoryItem[];
  /** Pass as `before` to get the next page; null at the end. */
  readonly next: HistoryCursor | null;
}

export const DEFAULT_PAGE_SIZE = 50;

/** Newest first: later time, then the larger id (matches IndexedDB's order for equal index keys). */
function newerFirst(a: { at: number; id: string }, b: { at: number; id: string }): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

interface Raw {
  kind: EventKind;
  id: string;
  at: number;
  record: EventRecordOf[EventKind];
}

/**
 * Newest `limit` rows of one table within the query. Every read is a plain range read with a
 * count (one getAll in browsers with IndexedDB 3.0's direction option); a JS filter would
 * force Dexie onto a cursor, one round trip per row.
 */
async function pageOf(db: TastefulDB, spec: EventTable, q: HistoryQuery, limit: number): Promise<Raw[]> {
  const table = tableNamed(db, spec.table);
  const range = (lower: number, upper: number, upperOpen: boolean) =>
    q.site === undefined
      ? table.where(spec.time).between(lower, upper, true, !upperOpen)
      : table.where(spec.siteTime).between([q.site, lower], [q.site, upper], true, !upperOpen);
  const lower = q.from ?? -Infinity;
  let upper = q.to ?? Infinity;
  let upperOpen = q.to !== undefined;
  const before = q.before;
  const cursorInside = before !== undefined && (before.at < upper || (before.at === upper && !upperOpen));
  let ties: Array<Record<string, unknown>> = [];
  if (cursorInside) {
    upper = before.at;
    upperOpen = true;
    if (before.at >= lower) {
      // Rows at exactly the cursor's time: keys only (cheap even for a large batch stamped
      // with one time), keep those ordered before the cursor, fetch at most `limit` of them.
      const prefix = `${spec.kind}:`;
      const keys = ((await range(before.at, before.at, false).primaryKeys()) as string[])
        .filter((pk) => `${prefix}${pk}` < before.id)
        .sort()
        .slice(-limit)
        .reverse();
      ties = ((await table.bulkGet(keys)) as Array<Record<string, unknown> | undefined>).filter((r) => r !== undefined);
    }
  }
  let older: Array<Record<string, unknown>> = [];
  if (ties.length < limit && (lower < upper || (lower === upper && !upperOpen))) {
    older = (await range(lower, upper, upperOpen)
      .reverse()
      .limit(limit - ties.length)
      .toArray()) as Array<Record<string, unknown>>;
  }
  return [...ties, ...older].map((r) => ({
    kind: spec.kind,
    id: `${spec.kind}:${r[spec.pk] as string}`,
    at: r[spec.time] as number,
    record: r as unknown as EventRecordOf[EventKind],
  }));
}

export async function historyPage(db: TastefulDB, query: HistoryQuery = {}): Promise<HistoryPage> {
  const pageSize = Math.max(1, Math.min(1_000, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)));
  const kinds = new Set(query.kinds ?? EVENT_KINDS);
  const specs = EVENT_TABLE_LIST.filter((s) => kinds.has(s.kind));
  const tableNames = [...specs.map((s) => s.table), 'titles'];
  return db.transaction('r', tableNames, async () => {
    const pages = await Promise.all(specs.map((s) => pageOf(db, s, query, pageSize + 1)));
    const merged = pages.flat().sort(newerFirst);
    const chosen = merged.slice(0, pageSize);
    const titleIds = [
      ...new Set(
        chosen.flatMap((e) => {
          const tid = (e.record as unknown as Record<string, unknown>)[EVENT_TABLES[e.kind].titleIdField];
          return typeof tid === 'string' ? [tid] : [];
        }),
      ),
    ];
    const titles = new Map<string, TitleRecord>();
    for (const t of await db.titles.bulkGet(titleIds)) if (t) titles.set(t.id, t);
    const items = chosen.map((e) => {
      const tid = (e.record as unknown as Record<string, unknown>)[EVENT_TABLES[e.kind].titleIdField];
      return { ...e, title: (typeof tid === 'string' && titles.get(tid)) || null } as HistoryItem;
    });
    const last = chosen[chosen.length - 1];
    return { items, next: merged.length > pageSize && last ? { at: last.at, id: last.id } : null };
  });
}

export type TableCounts = Record<StringKeyedTable, number>;

/** Rows per table of what Tasteful knows (the diagnostic log is not counted: it is not data about the user). */
export async function countByTable(db: TastefulDB): Promise<TableCounts> {
  const names: StringKeyedTable[] = [...USER_TABLES, 'embeddings'];
  const counts = await db.transaction('r', names, () => Promise.all(names.map((n) => tableNamed(db, n).count())));
  return Object.fromEntries(names.map((n, i) => [n, counts[i]])) as TableCounts;
}

/** Distinct site values of a `[site+time]` index, one hop per site instead of a scan. */
async function sitesOfIndex(db: TastefulDB, spec: EventTable): Promise<string[]> {
  const out: string[] = [];
  const table = tableNamed(db, spec.table);
  let key = (await table.orderBy(spec.siteTime).limit(1).keys())[0] as [string, number] | undefined;
  while (key) {
    out.push(key[0]);
    key = (await table.where(spec.siteTime).above([key[0], Dexie.maxKey]).limit(1).keys())[0] as [string, number] | undefined;
  }
  return out;
}

/** Every site with stored titles or events, sorted. */
export async function sitesSeen(db: TastefulDB): Promise<string[]> {
  const sites = new Set<string>((await db.titles.orderBy('site').uniqueKeys()) as string[]);
  for (const spec of EVENT_TABLE_LIST) for (const s of await sitesOfIndex(db, spec)) sites.add(s);
  return [...sites].sort();
}
