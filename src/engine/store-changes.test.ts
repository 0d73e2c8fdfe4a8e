import { afterEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/support/store-test-support';
import type { TastefulDB } from '../store/db';
import { deleteTitle, wipeAll } from '../store/delete';
import { addImpressions, addSearch, addSkip, applyWatchProgress, setRating, upsertTitles } from '../store/events';
import { updateSettings } from '../store/settings';
import { recordShowing } from '../store/experiment-log';
import { impression, NOW, rating, session, skip, titleRec, type T } from '../../test/support/rank-test-utils';
import { changeStrength, type ChangeStrength } from './change-strength';
import { observeStore, tableChanges, type TableChange } from './store-changes';

const film = (i: number): T => ({ title: `Film ${i}`, genres: ['Drama'] });
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** Runs `write`, then returns what the engine would see: the changes and their strength. */
async function observe(db: TastefulDB, write: () => Promise<unknown>): Promise<{ changes: TableChange[]; strength: ChangeStrength | null }> {
  const changes: TableChange[] = [];
  stops.push(observeStore(db.name, (c) => changes.push(...c)));
  await write();
  stops.pop()?.();
  return { changes, strength: await changeStrength(db, changes) };
}

async function seeded(): Promise<TastefulDB> {
  const db = await freshDb();
  await db.titles.bulkPut([1, 2, 3].map((i) => titleRec(film(i))));
  return db;
}

describe('store changes → engine data version strength', () => {
  it('strong: a skip, a rating, a search, a settings change', async () => {
    const db = await seeded();
    expect((await observe(db, () => addSkip(db, skip(film(1))))).strength).toBe('strong');
    expect((await observe(db, () => setRating(db, rating(film(2), 'up')))).strength).toBe('strong');
    expect((await observe(db, () => setRating(db, { titleKey: titleRec(film(2)).key, value: null }))).strength).toBe('strong');
    const search = { id: 'q1', site: 'demo.test', query: 'space', at: NOW, openedTitleId: null, ctx: session(film(1)).ctx };
    expect((await observe(db, () => addSearch(db, search))).strength).toBe('strong');
    expect((await observe(db, () => updateSettings(db, { halfLifeDays: 14 }))).strength).toBe('strong');
  });

  it('none: the experiment log a panel showing writes (ranking never reads it)', async () => {
    const db = await seeded();
    const showing = {
      experiment: 'x',
      site: 'demo.test',
      day: '2026-12-04',
      at: NOW,
      picks: [{ titleKey: titleRec(film(1)).key, team: 'baseline' as const }],
    };
    const logged = await observe(db, () => recordShowing(db, showing));
    expect(logged.changes.some((c) => c.table === 'settings')).toBe(true);
    expect(logged.strength).toBeNull();
  });

  it('a watch in progress is weak; the report that ends it is strong', async () => {
    const db = await seeded();
    const open = { ...session(film(1), { completion: 0.3 }), state: 'open' as const };
    expect((await observe(db, () => applyWatchProgress(db, open))).strength).toBe('weak');
    expect((await observe(db, () => applyWatchProgress(db, { ...open, completion: 0.95, state: 'closed' }))).strength).toBe('strong');
  });

  it('weak: impressions and catalog growth, a few titles or a whole page of them', async () => {
    const db = await seeded();
    expect((await observe(db, () => addImpressions(db, [impression(film(1), 1)]))).strength).toBe('weak');
    expect((await observe(db, () => upsertTitles(db, [titleRec(film(4))]))).strength).toBe('weak');
    const page = Array.from({ length: 80 }, (_, i) => titleRec(film(100 + i)));
    const bulk = await observe(db, () => upsertTitles(db, page));
    expect(bulk.changes).toContainEqual({ table: 'titles', keys: 'all' });
    expect(bulk.strength).toBe('weak');
  });

  it('strong: any deleted row (a title alone, a title with its events, a wipe)', async () => {
    const db = await seeded();
    const alone = await observe(db, () => db.titles.delete(titleRec(film(3)).id));
    expect(alone.changes).toEqual([{ table: 'titles', keys: [titleRec(film(3)).id] }]);
    expect(alone.strength).toBe('strong');
    await addSkip(db, skip(film(1)));
    expect((await observe(db, () => deleteTitle(db, titleRec(film(1)).key))).strength).toBe('strong');
    expect((await observe(db, () => wipeAll(db))).strength).toBe('strong');
  });

  it("none: the engine's embedding cache", async () => {
    const db = await seeded();
    const r = await observe(db, () => db.embeddings.put({ id: 'v1:abc', modelVersion: 'v1', textHash: 'abc', vector: new Float32Array(4), at: NOW }));
    expect(r.changes.map((c) => c.table)).toEqual(['embeddings']);
    expect(r.strength).toBeNull();
  });

  it('reads the keys from a notification that crossed contexts (structured clone of the range tree)', async () => {
    const db = await seeded();
    let raw: Record<string, unknown> = {};
    const { default: Dexie } = await import('dexie');
    const grab = (parts: Record<string, unknown>): void => void (raw = { ...raw, ...parts });
    Dexie.on('storagemutated', grab);
    await db.transaction('rw', db.skips, async () => {
      for (const i of [5, 6, 7]) await db.skips.put(skip(film(i)));
    });
    Dexie.on.storagemutated.unsubscribe(grab);
    const changes = tableChanges(structuredClone(raw) as never, db.name);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.table).toBe('skips');
    expect([...((changes[0]?.keys ?? []) as string[])].sort()).toEqual((await db.skips.toCollection().primaryKeys()).sort());
    // Another database's changes are not ours.
    expect(tableChanges(structuredClone(raw) as never, `${db.name}-other`)).toEqual([]);
  });
});
