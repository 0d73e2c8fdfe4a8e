/**
 * The user's data as the engine last read it, kept between rebuilds so that a rebuild reads
 * only what changed. On a large store (50k titles, 100k+ events) reading everything took
 * seconds per rebuild, nearly all of it IndexedDB (bench/engine.bench.ts).
 *
 * The three big tables (titles, watch sessions, skips) are read whole once, then only the
 * rows the store says changed (`noteChanged`, fed from store-changes.ts): each changed key is
 * read again, and a key that is gone was deleted. A change Dexie names as a range (bulk
 * writes, clear) reads that table whole again. Impressions and searches (the last 30 days),
 * ratings and settings are small: read whole every time.
 */
import type { TastefulDB } from '../store/db';
import type { SkipRecord, TitleRecord, WatchSessionRecord } from '../store/records';
import { getSettings } from '../store/settings';
import { IMPRESSION_DAYS, type UserData } from '../rank';
import type { TableChange } from './store-changes';

const DAY = 86_400_000;

interface Big {
  titles: Map<string, TitleRecord>;
  watchSessions: Map<string, WatchSessionRecord>;
  skips: Map<string, SkipRecord>;
}
type BigTable = keyof Big;
const BIG: readonly BigTable[] = ['titles', 'watchSessions', 'skips'];

type Pending = Set<string> | 'all';

export class UserDataCache {
  private held: Big | null = null;
  private pending: Record<BigTable, Pending> = { titles: new Set(), watchSessions: new Set(), skips: new Set() };
  /** Reads of the whole store so far (for tests and the bench). */
  fullReads = 0;

  /** Rows changed in the store (from any context). */
  noteChanged(changes: readonly TableChange[]): void {
    for (const c of changes) {
      const tables = c.table === '*' ? BIG : BIG.filter((t) => t === c.table);
      for (const t of tables) {
        const p = this.pending[t];
        if (c.keys === 'all' || p === 'all') this.pending[t] = 'all';
        else for (const k of c.keys) p.add(k);
      }
    }
  }

  /** Forget everything held: the next load reads the store whole. */
  drop(): void {
    this.held = null;
  }

  async load(db: TastefulDB, now: number): Promise<UserData> {
    const since = now - IMPRESSION_DAYS * DAY;
    // Changes noted from here on are for the next load (re-reading a row twice is harmless).
    const pending = this.pending;
    this.pending = { titles: new Set(), watchSessions: new Set(), skips: new Set() };
    const held = this.held;
    // While a read is in flight the held rows are half updated: nothing may build on them.
    this.held = null;
    const [big, impressions, ratings, searches, settings] = await Promise.all([
      held ? this.update(db, held, pending) : this.readAll(db),
      db.impressions.where('at').aboveOrEqual(since).toArray(),
      db.ratings.toArray(),
      db.searches.where('at').aboveOrEqual(since).toArray(),
      getSettings(db),
    ]);
    // A failed read rejects above and leaves nothing held, so the next load reads the store whole.
    this.held = big;
    return {
      titles: [...big.titles.values()],
      sessions: [...big.watchSessions.values()],
      skips: [...big.skips.values()],
      impressions,
      ratings,
      searches,
      settings,
    };
  }

  private async readAll(db: TastefulDB): Promise<Big> {
    const [titles, watchSessions, skips] = await Promise.all([db.titles.toArray(), db.watchSessions.toArray(), db.skips.toArray()]);
    this.fullReads++;
    return { titles: byId(titles), watchSessions: byId(watchSessions), skips: byId(skips) };
  }

  private async update(db: TastefulDB, held: Big, pending: Record<BigTable, Pending>): Promise<Big> {
    const next = { ...held };
    await Promise.all(
      BIG.map(async (t) => {
        const p = pending[t];
        if (p === 'all') {
          next[t] = byId(await db.table(t).toArray()) as never;
          return;
        }
        if (!p.size) return;
        const keys = [...p];
        const rows = (await db.table(t).bulkGet(keys)) as ({ id: string } | undefined)[];
        const map = held[t] as Map<string, { id: string }>;
        let added = false;
        keys.forEach((k, i) => {
          const row = rows[i];
          if (!row) map.delete(k);
          else {
            added ||= !map.has(k);
            map.set(k, row);
          }
        });
        // The catalog's order (ties in ranking) follows the titles' order: keep a full read's (by id).
        if (added && t === 'titles') next.titles = new Map([...held.titles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      }),
    );
    return next;
  }
}

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}
