/**
 * How much a committed change moves what the profile is built from, derived from the table
 * that changed (src/engine/data-version.ts decides what each strength means for a rebuild):
 * - strong: a skip, a rating, a search, a settings change (onboarding, half-life), a watch
 *   session ended, any row deleted, any bulk change of sessions (import);
 * - weak: impressions, catalog growth (titles seen or refreshed), a watch still in progress;
 * - none: the engine's own embedding cache, and tables ranking does not read.
 * Titles and watch sessions are told apart by reading the changed rows: a row that is gone
 * was deleted, a session whose state is closed has ended.
 */
import type { TastefulDB } from '../store/db';
import { EXPERIMENT_LOG_KEY } from '../store/experiment-log';
import type { TableChange } from './store-changes';

export type ChangeStrength = 'strong' | 'weak';

type TableRule = ChangeStrength | 'by-rows' | null;

export const TABLE_STRENGTH: Readonly<Record<string, TableRule>> = {
  skips: 'strong',
  ratings: 'strong',
  searches: 'strong',
  settings: 'strong',
  impressions: 'weak',
  titles: 'by-rows',
  watchSessions: 'by-rows',
  embeddings: null,
};

/**
 * Settings rows ranking never reads: the experiment log is written on every panel showing, and
 * counting it would rebuild the profile each time the panel opens.
 */
const SETTINGS_NOT_READ: ReadonlySet<string> = new Set([EXPERIMENT_LOG_KEY, 'experiments']);

/** Tables whose rows decide the strength, and what 'all' (a bulk change we cannot read row by row) counts as. */
const BULK: Readonly<Record<string, ChangeStrength>> = {
  // Pages of 50+ sighted titles are written in bulk: catalog growth. Bulk title deletes come
  // with deletes in the event tables (delete by site, wipe, import), which are strong.
  titles: 'weak',
  watchSessions: 'strong',
};

async function byRows(db: TastefulDB, change: TableChange): Promise<ChangeStrength> {
  if (change.keys === 'all') return BULK[change.table] ?? 'strong';
  if (change.table === 'watchSessions') {
    const rows = await db.watchSessions.bulkGet(change.keys);
    return rows.some((r) => !r || r.state === 'closed') ? 'strong' : 'weak';
  }
  const rows = await db.table(change.table).bulkGet(change.keys);
  return rows.some((r) => !r) ? 'strong' : 'weak';
}

/** The strength of one notification's changes (the strongest of its tables), or null when none matters. */
export async function changeStrength(db: TastefulDB, changes: readonly TableChange[]): Promise<ChangeStrength | null> {
  let out: ChangeStrength | null = null;
  for (const c of changes) {
    if (c.table === 'settings' && c.keys !== 'all' && c.keys.every((k) => SETTINGS_NOT_READ.has(k))) continue;
    const rule = c.table === '*' ? 'strong' : TABLE_STRENGTH[c.table];
    if (rule === undefined || rule === null) continue;
    const s = rule === 'by-rows' ? await byRows(db, c) : rule;
    if (s === 'strong') return 'strong';
    out = 'weak';
  }
  return out;
}
