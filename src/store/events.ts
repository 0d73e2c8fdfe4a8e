/**
 * The write side: what the background's message handlers call after validating input.
 * Every function runs in one read-write transaction, so a failure (including a full disk,
 * surfaced as StoreFullError) leaves what was stored before untouched.
 */
import type { TastefulDB } from './db';
import { guardQuota } from './errors';
import { splitKey, titleKey } from '../titles/normalize';
import type { ImpressionRecord, RatingRecord, SearchRecord, SkipRecord, TitleRecord, WatchSessionRecord } from './records';
import { rekeyEvents } from './rekey';

/** A session that reached this completion counts as "finished" for rewatch detection. */
export const REWATCH_COMPLETION = 0.9;

/**
 * Merges what a page shows now into what we knew: the first sighting is kept, the last one
 * moves forward, and a page that omits a field (null, empty genres, kind 'unknown') does not
 * erase a value another page supplied earlier. The key is the merged title's: a row that shows
 * no year does not take back the year a details page gave.
 */
export function mergeTitle(known: TitleRecord | undefined, seen: TitleRecord): TitleRecord {
  if (!known) return seen;
  const year = seen.year ?? known.year;
  return {
    ...known,
    ...seen,
    // `seen.key` is titleKey(seen.title, seen.year): recomputed only when the year comes from `known`.
    key: seen.year === year ? seen.key : titleKey(seen.title, year),
    kind: seen.kind === 'unknown' ? known.kind : seen.kind,
    year,
    genres: seen.genres.length > 0 ? seen.genres : known.genres,
    description: seen.description ?? known.description,
    imageUrl: seen.imageUrl ?? known.imageUrl,
    url: seen.url ?? known.url,
    firstSeen: Math.min(known.firstSeen, seen.firstSeen),
    lastSeen: Math.max(known.lastSeen, seen.lastSeen),
  };
}

/**
 * Stores what pages showed and returns the merged records, whose keys are the ones events of
 * these titles must carry. A title whose key changed (it gained a year) takes its stored events
 * along in the same transaction (`rekey.ts`), so the store never holds one title under two keys.
 */
export async function upsertTitles(db: TastefulDB, records: readonly TitleRecord[]): Promise<TitleRecord[]> {
  if (records.length === 0) return [];
  return guardQuota('upsertTitles', () =>
    db.transaction('rw', [db.titles, db.watchSessions, db.skips, db.impressions, db.ratings], async () => {
      const ids = [...new Set(records.map((r) => r.id))];
      const known = await db.titles.bulkGet(ids);
      const merged = new Map<string, TitleRecord>();
      ids.forEach((id, i) => {
        const k = known[i];
        if (k) merged.set(id, k);
      });
      for (const r of records) merged.set(r.id, mergeTitle(merged.get(r.id), r));
      const fresh = new Set(ids.filter((id, i) => known[i]?.key !== merged.get(id)?.key));
      const others = await joinUndated(db, merged, fresh);
      const out = [...merged.values()];
      await db.titles.bulkPut([...out, ...others.map((o) => o.record)]);
      const moved = new Map<string, string>(others.map((o) => [o.record.id, o.record.key]));
      ids.forEach((id, i) => {
        const before = known[i]?.key;
        const after = merged.get(id)?.key;
        if (before !== undefined && after !== undefined && before !== after) moved.set(id, after);
      });
      if (moved.size > 0) await carryEvents(db, moved);
      return out;
    }),
  );
}

/**
 * One site names one film by its name without a year in one place (a player's overlay, a media
 * session, an episode's watch page) and with it in another (its tile, its details page). Where
 * the site dates exactly one film of that name, the undated record takes that film's key, so its
 * watches join the film the badges and the picks know; two dated films of the name (a remake)
 * leave it undated. Both ways: `merged` (this batch, changed in place) adopts a stored dated
 * key, and stored undated records adopt a key this batch dates (returned, to be written with
 * their events carried).
 */
async function joinUndated(db: TastefulDB, merged: Map<string, TitleRecord>, fresh: ReadonlySet<string>): Promise<{ record: TitleRecord }[]> {
  const batch = [...merged.values()];
  const baseOf = (t: TitleRecord) => splitKey(t.key).base;
  const inBatch = new Set(batch.map((r) => r.id));
  // Narrow reads, as titles/seen is a hot path: the dated namesakes of this batch's undated
  // titles; the stored records waiting under the bare name of its dated ones (usually none); and
  // for a dated key new to the store (a title's first sighting), every namesake, since a second
  // dated film of the name (a remake) sends the records that took the first one's key back.
  const undatedBases = [...new Set(batch.filter((r) => r.year === null).map(baseOf))];
  const datedBases = [...new Set(batch.filter((r) => r.year !== null).map(baseOf))];
  const freshBases = [...new Set(batch.filter((r) => r.year !== null && fresh.has(r.id)).map(baseOf))];
  // One ranged getAll per name (Dexie's anyOf walks a cursor, a round trip per key).
  const withPrefix = (bases: string[]) => bases.map((b) => db.titles.where('key').startsWith(`${b}|`).toArray());
  const reads = await Promise.all([
    ...withPrefix(undatedBases),
    ...datedBases.map((b) => db.titles.where('key').equals(b).toArray()),
    ...withPrefix(freshBases),
  ]);
  const stored = new Map<string, TitleRecord>();
  for (const t of reads.flat()) if (!inBatch.has(t.id)) stored.set(t.id, t);
  // Records of a name that waits undated under it: its dated films stored already.
  const waiting = [...stored.values()].filter((t) => t.year === null);
  const waitingBases = [...new Set(waiting.map(baseOf))].filter((b) => !undatedBases.includes(b) && !freshBases.includes(b));
  for (const t of (await Promise.all(withPrefix(waitingBases))).flat()) if (!inBatch.has(t.id)) stored.set(t.id, t);
  const dated = new Map<string, Set<string>>();
  for (const t of [...stored.values(), ...batch]) {
    if (t.year === null) continue;
    const at = `${t.site}\u0000${baseOf(t)}`;
    const keys = dated.get(at) ?? new Set<string>();
    keys.add(t.key);
    dated.set(at, keys);
  }
  const keyFor = (t: TitleRecord): string => {
    const keys = dated.get(`${t.site}\u0000${baseOf(t)}`);
    return keys?.size === 1 ? (keys.values().next().value as string) : baseOf(t);
  };
  for (const r of batch) if (r.year === null) merged.set(r.id, { ...r, key: keyFor(r) });
  const others: { record: TitleRecord }[] = [];
  for (const t of waiting) {
    const key = keyFor(t);
    if (key !== t.key) others.push({ record: { ...t, key } });
  }
  return others;
}

/** One title: the stored record, with the key its events must carry. */
export async function upsertTitle(db: TastefulDB, record: TitleRecord): Promise<TitleRecord> {
  const [stored] = await upsertTitles(db, [record]);
  if (!stored) throw new Error(`upsertTitle: ${record.id} was not stored`);
  return stored;
}

/** Moves the events of the titles in `moved` (title id → new key) to their new keys. */
async function carryEvents(db: TastefulDB, moved: ReadonlyMap<string, string>): Promise<void> {
  const ids = [...moved.keys()];
  const [watchSessions, skips, impressions, ratings] = await Promise.all([
    db.watchSessions.where('titleId').anyOf(ids).toArray(),
    db.skips.where('titleId').anyOf(ids).toArray(),
    db.impressions.where('titleId').anyOf(ids).toArray(),
    db.ratings.where('titleId').anyOf(ids).toArray(),
  ]);
  // A rating already stored under a new key (another site's title of that key) competes with
  // the moved one: the later stays.
  const waiting = (await db.ratings.bulkGet([...new Set(moved.values())])).filter((r) => r !== undefined);
  const carried = rekeyEvents({ watchSessions, skips, impressions, ratings: [...ratings, ...waiting] }, (id) => moved.get(id));
  await db.ratings.bulkDelete(ratings.map((r) => r.titleKey));
  await Promise.all([
    db.watchSessions.bulkPut(carried.watchSessions),
    db.skips.bulkPut(carried.skips),
    db.impressions.bulkPut(carried.impressions),
    db.ratings.bulkPut(carried.ratings),
  ]);
}

/**
 * Records a progress report for a watch session. Reports arrive every few seconds and may
 * repeat or arrive out of order, so applying one twice changes nothing and counters only
 * grow; a closed session stays closed. `rewatch` is decided by the store when the session is
 * first written: the same title key already had a closed session that reached
 * REWATCH_COMPLETION and started earlier.
 */
export async function applyWatchProgress(db: TastefulDB, session: WatchSessionRecord): Promise<WatchSessionRecord> {
  return guardQuota('applyWatchProgress', () =>
    db.transaction('rw', db.watchSessions, async () => {
      const known = await db.watchSessions.get(session.id);
      let next: WatchSessionRecord;
      if (known) {
        next = {
          ...session,
          titleId: known.titleId,
          titleKey: known.titleKey,
          site: known.site,
          ctx: known.ctx,
          startedAt: Math.min(known.startedAt, session.startedAt),
          endedAt: Math.max(known.endedAt, session.endedAt),
          secondsWatched: Math.max(known.secondsWatched, session.secondsWatched),
          duration: session.duration ?? known.duration,
          completion: Math.max(known.completion, session.completion),
          pauses: Math.max(known.pauses, session.pauses),
          seeks: Math.max(known.seeks, session.seeks),
          rewatch: known.rewatch,
          state: known.state === 'closed' ? 'closed' : session.state,
        };
      } else {
        const finishedBefore = await db.watchSessions
          .where('titleKey')
          .equals(session.titleKey)
          .filter((s) => s.id !== session.id && s.state === 'closed' && s.completion >= REWATCH_COMPLETION && s.startedAt < session.startedAt)
          .first();
        next = { ...session, rewatch: finishedBefore !== undefined };
      }
      await db.watchSessions.put(next);
      return next;
    }),
  );
}

/**
 * Closes sessions a crash or browser restart left `open` (no report for `staleAfterMs`).
 * What was written stays: only the state changes. Returns how many were closed.
 */
export async function closeStaleSessions(db: TastefulDB, now: number, staleAfterMs: number): Promise<number> {
  const cutoff = now - staleAfterMs;
  return guardQuota('closeStaleSessions', () =>
    db.transaction('rw', db.watchSessions, () =>
      db.watchSessions
        .where('state')
        .equals('open')
        .filter((s) => s.endedAt < cutoff)
        .modify({ state: 'closed' }),
    ),
  );
}

/** Idempotent per search id. */
export async function addSearch(db: TastefulDB, record: SearchRecord): Promise<void> {
  await guardQuota('addSearch', () => db.transaction('rw', db.searches, () => db.searches.put(record)));
}

/** Notes which title was opened from a search. Returns false when the search is unknown (e.g. deleted since). */
export async function attributeSearch(db: TastefulDB, searchId: string, titleId: string): Promise<boolean> {
  return guardQuota('attributeSearch', () =>
    db.transaction('rw', db.searches, async () => (await db.searches.update(searchId, { openedTitleId: titleId })) === 1),
  );
}

/** Idempotent per skip id. */
export async function addSkip(db: TastefulDB, record: SkipRecord): Promise<void> {
  await guardQuota('addSkip', () => db.transaction('rw', db.skips, () => db.skips.put(record)));
}

export interface ImpressionResult {
  readonly added: number;
  /** Over the per-title daily cap, or already stored (same id). */
  readonly dropped: number;
}

/**
 * Impressions are weak evidence and arrive in floods, so each title counts at most
 * `capPerTitlePerDay` times per local day (`day` field); the rest are dropped.
 */
export async function addImpressions(db: TastefulDB, records: readonly ImpressionRecord[], capPerTitlePerDay = 3): Promise<ImpressionResult> {
  if (records.length === 0) return { added: 0, dropped: 0 };
  return guardQuota('addImpressions', () =>
    db.transaction('rw', db.impressions, async () => {
      const existingIds = new Set((await db.impressions.bulkGet(records.map((r) => r.id))).flatMap((r) => (r ? [r.id] : [])));
      const counts = new Map<string, number>();
      const keep: ImpressionRecord[] = [];
      for (const r of records) {
        if (existingIds.has(r.id)) continue;
        const slot = JSON.stringify([r.titleId, r.day]);
        let count = counts.get(slot);
        if (count === undefined) count = await db.impressions.where('[titleId+day]').equals([r.titleId, r.day]).count();
        if (count >= capPerTitlePerDay) {
          counts.set(slot, count);
          continue;
        }
        counts.set(slot, count + 1);
        existingIds.add(r.id);
        keep.push(r);
      }
      await db.impressions.bulkPut(keep);
      return { added: keep.length, dropped: records.length - keep.length };
    }),
  );
}

/** One rating per title key; `value: null` clears it. */
export type RatingChange = RatingRecord | { readonly titleKey: string; readonly value: null };

export async function setRating(db: TastefulDB, change: RatingChange): Promise<void> {
  await guardQuota('setRating', () =>
    db.transaction('rw', db.ratings, async () => {
      if (change.value === null) await db.ratings.delete(change.titleKey);
      else await db.ratings.put(change);
    }),
  );
}
