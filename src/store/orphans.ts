/**
 * Titles are kept while an event points at them. When events go (range delete, retention),
 * titles that were only there for those events go too, so a deletion leaves no trace of
 * what was browsed. Must run inside a transaction that covers titles and all event tables.
 */
import { tableNamed, type TastefulDB } from './db';
import { EVENT_TABLE_LIST } from './event-tables';
import type { TitleRecord } from './records';

export async function isReferenced(db: TastefulDB, titleId: string): Promise<boolean> {
  for (const spec of EVENT_TABLE_LIST) {
    if ((await tableNamed(db, spec.table).where(spec.titleIdField).equals(titleId).limit(1).count()) > 0) return true;
  }
  return false;
}

/** Deletes the candidates no event references; returns how many went. */
export async function deleteUnreferencedTitles(db: TastefulDB, candidates: readonly TitleRecord[]): Promise<number> {
  const gone: string[] = [];
  for (const t of candidates) if (!(await isReferenced(db, t.id))) gone.push(t.id);
  await db.titles.bulkDelete(gone);
  return gone.length;
}

export const EVENT_AND_TITLE_TABLES = ['titles', ...EVENT_TABLE_LIST.map((s) => s.table)];
