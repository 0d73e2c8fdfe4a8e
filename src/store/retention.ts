/**
 * The retention window: events older than it are deleted, and so are titles last seen before
 * it that no remaining event refers to. Ratings are not pruned: they are the user's own
 * explicit statements ("not interested" must keep working after a year), not recorded
 * behaviour, and the user can delete them directly.
 */
import { tableNamed, type TastefulDB } from './db';
import { EVENT_TABLES, type EventKind } from './event-tables';
import { deleteUnreferencedTitles, EVENT_AND_TITLE_TABLES } from './orphans';
import { MAX_RETENTION_MONTHS } from './settings';

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

/**
 * The shortest window (whole months, ≥ `months`) that keeps an event at `oldest`: an imported
 * history older than the user's window would otherwise be deleted by the next daily prune,
 * minutes after the user chose to bring it in. Capped at MAX_RETENTION_MONTHS.
 */
export function monthsToKeep(oldest: number, now: number, months: number): number {
  let m = Math.max(1, months);
  while (m < MAX_RETENTION_MONTHS && retentionCutoff(now, m) > oldest) m++;
  return m;
}

/** The oldest time among the prunable events of some event rows (Infinity when there are none). */
export function oldestPrunable(rowsOf: (table: string) => readonly object[]): number {
  let oldest = Number.POSITIVE_INFINITY;
  for (const kind of PRUNED_KINDS) {
    const spec = EVENT_TABLES[kind];
    for (const r of rowsOf(spec.table)) oldest = Math.min(oldest, (r as Record<string, number>)[spec.time] as number);
  }
  return oldest;
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
