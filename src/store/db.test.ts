import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, TastefulDB, type Migration } from './db';
import { CURRENT_SCHEMA, TABLE_NAMES } from './tables';
import { makeFixture } from '../../test/support/store-fixtures';
import { canonicalDump, freshDb, load } from '../../test/support/store-test-support';

describe('TastefulDB', () => {
  it('the released steps, applied in order, make exactly the layout tables.ts describes', () => {
    const layout: Record<string, string | null> = {};
    for (const m of MIGRATIONS) Object.assign(layout, m.stores);
    expect(layout).toEqual(CURRENT_SCHEMA);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('opens at the latest version with every table and the dashboard indexes', async () => {
    const db = await freshDb();
    expect(db.verno).toBe(MIGRATIONS.length);
    expect(db.tables.map((t) => t.name).sort()).toEqual([...TABLE_NAMES].sort());
    const idx = (t: string) => db.table(t).schema.indexes.map((i) => i.name);
    expect(idx('watchSessions')).toEqual(expect.arrayContaining(['startedAt', '[site+startedAt]', 'titleKey', 'titleId']));
    for (const t of ['searches', 'skips', 'impressions', 'ratings']) expect(idx(t)).toEqual(expect.arrayContaining(['at', '[site+at]']));
    expect(idx('impressions')).toContain('[titleId+day]');
    expect(idx('titles')).toEqual(expect.arrayContaining(['key', 'site', 'lastSeen']));
    expect(idx('embeddings')).toContain('modelVersion');
  });

  it('upgrades a populated store to a next schema without losing a record', async () => {
    const factory = new IDBFactory();
    const v1 = new TastefulDB('upgrade', { indexedDB: factory, IDBKeyRange }, MIGRATIONS);
    const fixture = makeFixture({ titles: 50, watchSessions: 40, searches: 20, skips: 20, impressions: 60, ratings: 10 }, 7);
    await load(v1, fixture);
    const before = JSON.parse(await canonicalDump(v1)) as Record<string, Array<Record<string, unknown>>>;
    v1.close();

    // What a real next version would look like: a new index plus a data rewrite in upgrade().
    const V2: Migration = {
      version: MIGRATIONS.length + 1,
      stores: { watchSessions: 'id, startedAt, [site+startedAt], titleKey, titleId, state, completion' },
      upgrade: async (tx) => {
        await tx.table('settings').put({ key: 'schemaNote', value: 'v2: completion indexed' });
      },
    };
    const v2 = new TastefulDB('upgrade', { indexedDB: factory, IDBKeyRange }, [...MIGRATIONS, V2]);
    await v2.open();
    expect(v2.verno).toBe(MIGRATIONS.length + 1);
    const after = JSON.parse(await canonicalDump(v2)) as typeof before;
    expect(after.settings).toEqual(
      [...(before.settings ?? []), { key: 'schemaNote', value: 'v2: completion indexed' }].sort((a, b) => String(a.key).localeCompare(String(b.key))),
    );
    for (const t of Object.keys(before)) if (t !== 'settings') expect(after[t]).toEqual(before[t]);
    // The new index is usable on the migrated rows.
    const done = await v2.watchSessions.where('completion').aboveOrEqual(0.9).count();
    expect(done).toBe(fixture.watchSessions.filter((s) => s.completion >= 0.9).length);
  });
});
