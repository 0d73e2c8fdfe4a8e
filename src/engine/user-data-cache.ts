/**
 * The user's data as the engine last read it, kept between rebuilds so that a rebuild reads
 * only what changed. On a large store (50k titles, 100k+ events) reading everything took
 * seconds per rebuild, nearly all of it IndexedDB (bench/engine.bench.ts).
 *
 * Only the three big tables are read incrementally, each by an index that every write moves:
 * - titles by `lastSeen` (every sighting or upsert stamps it with the background's clock);
 * - skips by `at` (stamped when written);
 * - watch sessions by `startedAt`: a session is rewritten in place while it lasts (at most
 *   7 days by the message schema), so sessions started within that span are read again.
 * Impressions and searches (the last 30 days), ratings and settings are small: read whole.
 *
 * Deletions move no index, so they are caught three ways: whoever deletes (dashboard import,
 * delete, wipe; the retention prune) tells the engine (`drop()`), a table whose row count no
 * longer matches what we hold is read whole again, and everything is read whole every
 * FULL_RELOAD_MS regardless.
 */
import type { TastefulDB } from '../store/db';
import type { SkipRecord, TitleRecord, WatchSessionRecord } from '../store/records';
import { getSettings } from '../store/settings';
import { IMPRESSION_DAYS, type UserData } from './catalog';

const DAY = 86_400_000;
export const FULL_RELOAD_MS = 10 * 60_000;
/** Writes stamped shortly before our last read may have committed after it. */
const MARGIN_MS = 60_000;
const SESSION_SPAN_MS = 8 * DAY;

type Big = {
  titles: Map<string, TitleRecord>;
  sessions: Map<string, WatchSessionRecord>;
  skips: Map<string, SkipRecord>;
};

export class UserDataCache {
  private held: Big | null = null;
  private readAt = Number.NEGATIVE_INFINITY;
  private fullAt = Number.NEGATIVE_INFINITY;
  /** Full reads so far (for tests and the bench). */
  fullReads = 0;

  /** Someone deleted or replaced data: the next load reads everything. */
  drop(): void {
    this.held = null;
  }

  async load(db: TastefulDB, now: number): Promise<UserData> {
    const since = now - IMPRESSION_DAYS * DAY;
    const full = !this.held || now - this.fullAt >= FULL_RELOAD_MS || now < this.readAt;
    const from = this.readAt - MARGIN_MS;
    const [titles, sessions, skips, impressions, ratings, searches, settings, counts] = await Promise.all([
      full ? db.titles.toArray() : db.titles.where('lastSeen').aboveOrEqual(from).toArray(),
      full ? db.watchSessions.toArray() : db.watchSessions.where('startedAt').aboveOrEqual(from - SESSION_SPAN_MS).toArray(),
      full ? db.skips.toArray() : db.skips.where('at').aboveOrEqual(from).toArray(),
      db.impressions.where('at').aboveOrEqual(since).toArray(),
      db.ratings.toArray(),
      db.searches.where('at').aboveOrEqual(since).toArray(),
      getSettings(db),
      full ? null : Promise.all([db.titles.count(), db.watchSessions.count(), db.skips.count()]),
    ]);
    let big: Big;
    if (full || !this.held) {
      big = { titles: byId(titles), sessions: byId(sessions), skips: byId(skips) };
      this.fullAt = now;
      this.fullReads++;
    } else {
      big = this.held;
      const before = big.titles.size;
      for (const t of titles) big.titles.set(t.id, t);
      // The catalog's order (ties in ranking) follows the titles' order: keep the full read's (by id).
      if (big.titles.size !== before) big.titles = new Map([...big.titles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      for (const s of sessions) big.sessions.set(s.id, s);
      for (const k of skips) big.skips.set(k.id, k);
      const [nt, ns, nk] = counts as number[];
      if (nt !== big.titles.size || ns !== big.sessions.size || nk !== big.skips.size) {
        this.held = null;
        return this.load(db, now);
      }
    }
    this.held = big;
    this.readAt = now;
    return {
      titles: [...big.titles.values()],
      sessions: [...big.sessions.values()],
      skips: [...big.skips.values()],
      impressions,
      ratings,
      searches,
      settings,
    };
  }
}

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}
