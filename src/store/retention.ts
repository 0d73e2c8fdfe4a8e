/**
 * The retention window: events older than it are deleted, and so are titles last seen before
 * it that no remaining event refers to. Ratings are not pruned: they are the user's own
 * explicit statements ("not interested" must keep working after a year), not recorded
 * behaviour, and the user can delete them directly.
 */
import { tableNamed, type TastefulDB } from './db';
import { EVENT_TABLES, type EventKind } from './event-tables';
import { deleteUnreferencedTitles, EVENT_AND_TITLE_TABLES } from './orphans';

const PRUNED_KINDS: readonly EventKind[] = ['watch', 'search', 'skip', 'impression'];

/** `months` calendar months before `now` in local time, clamped to the month's last day (Mar 31 − 1 → Feb 28/29). */
export function retentionCutoff(now: number, months: number): number {
  const d = new Date(now);
  const day = d.getDate();
  d.setDate(1);
  d.setMonth(d.getMonth() - months);
  const lastDay = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate();
  d.setDate(Math.min(day, lastDay));
  return d.getTime();
}

export type PruneCounts = Record<string, number>;

export async function pruneOlderThan(db: TastefulDB, cutoff: number): Promise<PruneCounts> {
  return db.transaction('rw', EVENT_AND_TITLE_TABLES, async () => {
    const counts: PruneCounts = {};
    for (const kind of PRUNED_KINDS) {
      const spec = EVENT_TABLES[kind];
      counts[spec.table] = await tableNamed(db, spec.table).where(spec.time).below(cutoff).delete();
    }
    const stale = await db.titles.where('lastSeen').below(cutoff).toArray();
    counts.titles = await deleteUnreferencedTitles(db, stale);
    return counts;
  });
}
