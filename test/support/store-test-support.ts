/** Test helpers: an isolated in-memory store per test, and a canonical dump to compare stores byte for byte. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { canonicalJson } from '../../src/store/canonical';
import { TastefulDB, type Migration, MIGRATIONS } from '../../src/store/db';
import type { Fixture } from './store-fixtures';

let n = 0;

export async function freshDb(migrations: readonly Migration[] = MIGRATIONS, factory = new IDBFactory()): Promise<TastefulDB> {
  const db = new TastefulDB(`test-${++n}`, { indexedDB: factory, IDBKeyRange }, migrations);
  await db.open();
  return db;
}

/** Every table in primary-key order, one canonical string: equal strings mean equal stores. */
export async function canonicalDump(db: TastefulDB): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.orderBy(':id').toArray();
  return canonicalJson(out);
}

export async function load(db: TastefulDB, f: Fixture): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await db.titles.bulkPut(f.titles);
    await db.watchSessions.bulkPut(f.watchSessions);
    await db.searches.bulkPut(f.searches);
    await db.skips.bulkPut(f.skips);
    await db.impressions.bulkPut(f.impressions);
    await db.ratings.bulkPut(f.ratings);
    await db.settings.bulkPut(f.settings);
  });
}
