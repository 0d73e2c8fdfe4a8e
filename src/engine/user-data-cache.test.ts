import { describe, expect, it } from 'vitest';
import { freshDb } from '../../test/support/store-test-support';
import type { TastefulDB } from '../store/db';
import { DAY, NOW, session, skip, titleRec, type T } from '../../test/support/rank-test-utils';
import { observeStore } from './store-changes';
import { UserDataCache } from './user-data-cache';

const film = (i: number): T => ({ title: `Film ${i}`, genres: ['Drama'] });

async function seeded() {
  const db = await freshDb();
  await db.titles.bulkPut([1, 2, 3].map((i) => titleRec(film(i), 'demo.test', NOW - DAY)));
  await db.watchSessions.bulkPut([session(film(1), { at: NOW - 2 * DAY })]);
  await db.skips.bulkPut([skip(film(2), 'abandoned', NOW - DAY)]);
  return db;
}

/** A cache fed by the store's own change notifications, as the engine feeds it. */
function observed(db: TastefulDB): UserDataCache {
  const cache = new UserDataCache();
  observeStore(db.name, (changes) => cache.noteChanged(changes));
  return cache;
}

describe('user data cache', () => {
  it('reads the store whole once, then only the rows that changed', async () => {
    const db = await seeded();
    const cache = observed(db);
    const first = await cache.load(db, NOW);
    expect(first.titles).toHaveLength(3);
    expect(cache.fullReads).toBe(1);

    // New rows and a session rewritten in place.
    await db.titles.put(titleRec(film(4), 'demo.test', NOW + 1_000));
    await db.skips.put(skip(film(3), 'preview', NOW + 1_000));
    const s = first.sessions[0]!;
    await db.watchSessions.put({ ...s, secondsWatched: s.secondsWatched + 100, endedAt: NOW + 1_000 });
    const second = await cache.load(db, NOW + 2_000);
    expect(cache.fullReads).toBe(1);
    expect(second.titles.map((t) => t.title).sort()).toEqual(['Film 1', 'Film 2', 'Film 3', 'Film 4']);
    expect(second.skips).toHaveLength(2);
    expect(second.sessions[0]!.secondsWatched).toBe(s.secondsWatched + 100);
    // Same order as a full read would give (the catalog's ties follow it).
    expect(second.titles.map((t) => t.id)).toEqual([...second.titles.map((t) => t.id)].sort());
  });

  it('sees a delete plus an add with the same row count, and rows written with old stamps (an import)', async () => {
    const db = await seeded();
    const cache = observed(db);
    await cache.load(db, NOW);
    await db.titles.delete(titleRec(film(3)).id);
    await db.titles.put(titleRec(film(9), 'demo.test', NOW - 30 * DAY));
    const after = await cache.load(db, NOW + 1_000);
    expect(after.titles.map((t) => t.title)).toContain('Film 9');
    expect(after.titles.map((t) => t.title)).not.toContain('Film 3');
    expect(after.titles).toHaveLength(3);
    expect(cache.fullReads).toBe(1);
  });

  it('a cleared table (a range, not keys) is read whole again', async () => {
    const db = await seeded();
    const cache = observed(db);
    await cache.load(db, NOW);
    await db.skips.clear();
    const after = await cache.load(db, NOW + 1_000);
    expect(after.skips).toHaveLength(0);
    expect(after.titles).toHaveLength(3);
  });

  it('reads whole after drop()', async () => {
    const db = await seeded();
    const cache = new UserDataCache(); // nobody tells it anything
    await cache.load(db, NOW);
    await db.titles.put(titleRec(film(9), 'demo.test', NOW - 30 * DAY));
    expect((await cache.load(db, NOW + 1_000)).titles.map((t) => t.title)).not.toContain('Film 9');
    cache.drop();
    expect((await cache.load(db, NOW + 2_000)).titles.map((t) => t.title)).toContain('Film 9');
    expect(cache.fullReads).toBe(2);
  });
});
