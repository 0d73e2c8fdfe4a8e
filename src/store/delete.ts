/**
 * The user's deletions. Each runs in one read-write transaction: it happens entirely or not at
 * all, and an event is never left pointing at a half-deleted title.
 */
import { tableNamed, type TastefulDB } from './db';
import { EVENT_TABLE_LIST } from './event-tables';
import { forgetInExperimentLog } from './experiment-log';
import { deleteUnreferencedTitles, EVENT_AND_TITLE_TABLES } from './orphans';

/** Rows removed per table. */
export type DeleteCounts = Record<string, number>;

/** Everything, including settings and the embedding cache: after this the store holds nothing. */
export async function wipeAll(db: TastefulDB): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) await t.clear();
  });
}

/**
 * A title (every site's record sharing its key) and everything that refers to it: sessions,
 * skips, impressions, its rating, and searches from which it was opened (the query text
 * usually names it, so keeping the search would keep the title).
 */
export async function deleteTitle(db: TastefulDB, titleKey: string): Promise<DeleteCounts> {
  return db.transaction('rw', [...EVENT_AND_TITLE_TABLES, 'settings'], async () => {
    const ids = (await db.titles.where('key').equals(titleKey).primaryKeys()) as string[];
    const counts: DeleteCounts = {};
    for (const spec of EVENT_TABLE_LIST) {
      const table = tableNamed(db, spec.table);
      const byId = ids.length ? await table.where(spec.titleIdField).anyOf(ids).delete() : 0;
      const byKey = spec.titleKeyIndex ? await table.where(spec.titleKeyIndex).equals(titleKey).delete() : 0;
      counts[spec.table] = byId + byKey;
    }
    await db.titles.bulkDelete(ids);
    counts.titles = ids.length;
    await forgetInExperimentLog(db, { titleKey });
    return counts;
  });
}

/** Every title and event recorded on `site`. */
export async function deleteSite(db: TastefulDB, site: string): Promise<DeleteCounts> {
  return db.transaction('rw', [...EVENT_AND_TITLE_TABLES, 'settings'], async () => {
    const counts: DeleteCounts = {};
    for (const spec of EVENT_TABLE_LIST) {
      counts[spec.table] = await db.table(spec.table).where(spec.siteTime).between([site, -Infinity], [site, Infinity], true, true).delete();
    }
    counts.titles = await db.titles.where('site').equals(site).delete();
    await forgetInExperimentLog(db, { site });
    return counts;
  });
}

/**
 * Events whose time falls in [from, to), plus titles seen only within that range that no
 * remaining event refers to ("forget the last hour" should forget what was browsed, too).
 */
export async function deleteRange(db: TastefulDB, from: number, to: number): Promise<DeleteCounts> {
  if (!(from < to)) return {};
  return db.transaction('rw', [...EVENT_AND_TITLE_TABLES, 'settings'], async () => {
    const counts: DeleteCounts = {};
    for (const spec of EVENT_TABLE_LIST) {
      counts[spec.table] = await tableNamed(db, spec.table).where(spec.time).between(from, to, true, false).delete();
    }
    const seenOnlyInRange = await db.titles
      .where('lastSeen')
      .between(from, to, true, false)
      .filter((t) => t.firstSeen >= from)
      .toArray();
    counts.titles = await deleteUnreferencedTitles(db, seenOnlyInRange);
    await forgetInExperimentLog(db, { from, to });
    return counts;
  });
}

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

const HOUR_MS = 3_600_000;

/** Everything recorded from an hour ago on (including clock-skewed timestamps just ahead of now). */
export function lastHour(now: number): TimeRange {
  return { from: now - HOUR_MS, to: Infinity };
}

/** Today in local time: from local midnight to the next local midnight (DST days are 23 or 25 h). */
export function today(now: number): TimeRange {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { from: start.getTime(), to: end.getTime() };
}
