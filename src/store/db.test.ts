import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_V1, TastefulDB, type Migration } from './db';
import { makeFixture } from './fixtures';
import { canonicalDump, freshDb, load } from './test-support';

describe('TastefulDB', () => {
  it('opens at version 1 with every table and the dashboard indexes', async () => {
    const db = await freshDb();
    expect(db.verno).toBe(1);
    expect(db.tables.map((t) => t.name).sort()).toEqual(Object.keys(SCHEMA_V1).sort());
    const idx = (t: string) => db.table(t).schema.indexes.map((i) => i.name);
    expect(idx('watchSessions')).toEqual(expect.arrayContaining(['startedAt', '[site+startedAt]', 'titleKey', 'titleId']));
    for (const t of ['searches', 'skips', 'impressions', 'ratings']) expect(idx(t)).toEqual(expect.arrayContaining(['at', '[site+at]']));
    expect(idx('impressions')).toContain('[titleId+day]');
    expect(idx('titles')).toEqual(expect.arrayContaining(['key', 'site', 'lastSeen']));
    expect(idx('embeddings')).toContain('modelVersion');
  });

  it('upgrades a populated v1 store to a v2 schema without losing a record', async () => {
    const factory = new IDBFactory();
    const v1 = new TastefulDB('upgrade', { indexedDB: factory, IDBKeyRange }, MIGRATIONS);
    const fixture = makeFixture({ titles: 50, watchSessions: 40, searches: 20, skips: 20, impressions: 60, ratings: 10 }, 7);
    await load(v1, fixture);
    const before = JSON.parse(await canonicalDump(v1)) as Record<string, Array<Record<string, unknown>>>;
    v1.close();

    // What a real v2 would look like: a new index plus a data rewrite in upgrade().
    const V2: Migration = {
      version: 2,
      stores: { watchSessions: 'id, startedAt, [site+startedAt], titleKey, titleId, state, completion' },
      upgrade: async (tx) => {
        await tx.table('settings').put({ key: 'schemaNote', value: 'v2: completion indexed' });
      },
    };
    const v2 = new TastefulDB('upgrade', { indexedDB: factory, IDBKeyRange }, [...MIGRATIONS, V2]);
    await v2.open();
    expect(v2.verno).toBe(2);
    const after = JSON.parse(await canonicalDump(v2)) as typeof before;
    expect(after.settings).toEqual([...(before.settings ?? []), { key: 'schemaNote', value: 'v2: completion indexed' }].sort((a, b) => String(a.key).localeCompare(String(b.key))));
    for (const t of Object.keys(before)) if (t !== 'settings') expect(after[t]).toEqual(before[t]);
    // The new index is usable on the migrated rows.
    const done = await v2.watchSessions.where('completion').aboveOrEqual(0.9).count();
    expect(done).toBe(fixture.watchSessions.filter((s) => s.completion >= 0.9).length);
  });
});
