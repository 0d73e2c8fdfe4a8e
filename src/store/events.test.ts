import { describe, expect, it, vi } from 'vitest';
import { StoreFullError } from './errors';
import { addImpressions, addSearch, addSkip, applyWatchProgress, attributeSearch, closeStaleSessions, setRating, upsertTitles } from './events';
import { FIXTURE_EPOCH, makeFixture } from '../../test/support/store-fixtures';
import type { ImpressionRecord, TitleRecord, WatchSessionRecord } from './records';
import { canonicalDump, freshDb, load } from '../../test/support/store-test-support';

const T0 = FIXTURE_EPOCH;
const ctx = { hour: 20, weekday: 5, device: 'desktop', site: 'netflix.com' } as const;

const title = (over: Partial<TitleRecord> = {}): TitleRecord => ({
  id: 'netflix.com:1',
  site: 'netflix.com',
  siteItemId: '1',
  key: 'thing|1982',
  title: 'The Thing',
  year: 1982,
  kind: 'movie',
  genres: ['horror'],
  description: 'Antarctica.',
  imageUrl: 'https://img.example/1.jpg',
  url: 'https://netflix.com/watch/1',
  firstSeen: T0,
  lastSeen: T0,
  ...over,
});

const session = (over: Partial<WatchSessionRecord> = {}): WatchSessionRecord => ({
  id: 's1',
  titleId: 'netflix.com:1',
  titleKey: 'thing|1982',
  site: 'netflix.com',
  startedAt: T0,
  endedAt: T0 + 60_000,
  secondsWatched: 60,
  duration: 6000,
  completion: 0.01,
  pauses: 0,
  seeks: 0,
  rewatch: false,
  state: 'open',
  ctx,
  ...over,
});

const impression = (id: string, over: Partial<ImpressionRecord> = {}): ImpressionRecord => ({
  id,
  titleId: 'netflix.com:1',
  titleKey: 'thing|1982',
  site: 'netflix.com',
  at: T0,
  day: '2024-01-01',
  row: 'Trending',
  ctx,
  ...over,
});

describe('upsertTitles', () => {
  it('keeps firstSeen, bumps lastSeen and never erases known values with nulls', async () => {
    const db = await freshDb();
    await upsertTitles(db, [title()]);
    await upsertTitles(db, [
      title({
        firstSeen: T0 + 5000,
        lastSeen: T0 + 5000,
        year: null,
        description: null,
        genres: [],
        kind: 'unknown',
        imageUrl: null,
        title: 'The Thing (1982)',
      }),
    ]);
    const t = await db.titles.get('netflix.com:1');
    expect(t).toEqual(title({ lastSeen: T0 + 5000, title: 'The Thing (1982)' }));
  });

  it('merges duplicates within one batch', async () => {
    const db = await freshDb();
    await upsertTitles(db, [title({ year: null }), title({ description: null, lastSeen: T0 + 1 })]);
    expect(await db.titles.get('netflix.com:1')).toEqual(title({ lastSeen: T0 + 1 }));
  });
});

describe('a title that gains or loses its year', () => {
  const noYear = (over: Partial<TitleRecord> = {}): TitleRecord => title({ key: 'thing', year: null, lastSeen: T0 + 10, ...over });

  it('keeps the key with the year when a later row shows none', async () => {
    const db = await freshDb();
    await upsertTitles(db, [title()]);
    const [merged] = await upsertTitles(db, [noYear()]);
    expect(merged).toMatchObject({ key: 'thing|1982', year: 1982, lastSeen: T0 + 10 });
    expect((await db.titles.get('netflix.com:1'))?.key).toBe('thing|1982');
  });

  it("carries the title's stored events to the key it gains, and keeps the later of two ratings", async () => {
    const db = await freshDb();
    await upsertTitles(db, [noYear()]);
    await applyWatchProgress(db, session({ titleKey: 'thing', completion: 0.5, secondsWatched: 3000 }));
    await addSkip(db, {
      id: 'k1',
      titleId: 'netflix.com:1',
      titleKey: 'thing',
      site: 'netflix.com',
      at: T0,
      reason: 'preview',
      secondsWatched: 4,
      ctx,
    });
    await addImpressions(db, [impression('i1', { titleKey: 'thing' })]);
    await setRating(db, { titleKey: 'thing', titleId: 'netflix.com:1', site: 'netflix.com', value: 'up', at: T0 + 2 });
    // Another site's title already rated under the key with the year, earlier.
    await setRating(db, { titleKey: 'thing|1982', titleId: 'other.tv:7', site: 'other.tv', value: 'down', at: T0 + 1 });
    // Another title of the same name on this site keeps its own key.
    await applyWatchProgress(db, session({ id: 's2', titleId: 'netflix.com:2', titleKey: 'thing' }));

    const [merged] = await upsertTitles(db, [title({ lastSeen: T0 + 20 })]);
    expect(merged?.key).toBe('thing|1982');
    expect((await db.watchSessions.get('s1'))?.titleKey).toBe('thing|1982');
    expect((await db.watchSessions.get('s2'))?.titleKey).toBe('thing');
    expect((await db.skips.get('k1'))?.titleKey).toBe('thing|1982');
    expect((await db.impressions.get('i1'))?.titleKey).toBe('thing|1982');
    expect(await db.ratings.toArray()).toEqual([{ titleKey: 'thing|1982', titleId: 'netflix.com:1', site: 'netflix.com', value: 'up', at: T0 + 2 }]);
  });

  it('of two ratings under one key after the move, the later one stays', async () => {
    const db = await freshDb();
    await upsertTitles(db, [noYear()]);
    await setRating(db, { titleKey: 'thing', titleId: 'netflix.com:1', site: 'netflix.com', value: 'up', at: T0 + 1 });
    await setRating(db, { titleKey: 'thing|1982', titleId: 'other.tv:7', site: 'other.tv', value: 'down', at: T0 + 2 });
    await upsertTitles(db, [title()]);
    expect(await db.ratings.toArray()).toEqual([{ titleKey: 'thing|1982', titleId: 'other.tv:7', site: 'other.tv', value: 'down', at: T0 + 2 }]);
  });
});

describe('a film one site names with and without its year, under two ids', () => {
  // The site's tile (id 1) dates it; its player route (id w9) names it without a year.
  const dated = (over: Partial<TitleRecord> = {}) => title(over);
  const undated = (over: Partial<TitleRecord> = {}) =>
    title({ id: 'netflix.com:w9', siteItemId: 'w9', key: 'thing', year: null, url: 'https://netflix.com/watch/w9', ...over });

  it('the undated record takes the one dated key of its name on the site', async () => {
    const db = await freshDb();
    await upsertTitles(db, [dated()]);
    const [stored] = await upsertTitles(db, [undated()]);
    expect(stored).toMatchObject({ id: 'netflix.com:w9', key: 'thing|1982', year: null });
    // Seen again without a year: the key stays (no churn).
    await upsertTitles(db, [undated({ lastSeen: T0 + 5 })]);
    expect((await db.titles.get('netflix.com:w9'))?.key).toBe('thing|1982');
  });

  it('an undated record stored first moves to the key a later dated sighting gives, with its events', async () => {
    const db = await freshDb();
    await upsertTitles(db, [undated()]);
    await applyWatchProgress(db, session({ titleId: 'netflix.com:w9', titleKey: 'thing', completion: 0.95, secondsWatched: 5700 }));
    await upsertTitles(db, [dated({ lastSeen: T0 + 20 })]);
    expect((await db.titles.get('netflix.com:w9'))?.key).toBe('thing|1982');
    expect((await db.watchSessions.get('s1'))?.titleKey).toBe('thing|1982');
  });

  it("two dated films of the name on the site (a remake) leave it undated; another site's dating does not count", async () => {
    const db = await freshDb();
    await upsertTitles(db, [dated(), dated({ id: 'netflix.com:2', siteItemId: '2', key: 'thing|2011', year: 2011 })]);
    await upsertTitles(db, [title({ id: 'other.tv:5', site: 'other.tv', siteItemId: '5' })]);
    const [stored] = await upsertTitles(db, [undated(), undated({ id: 'other.tv:w1', site: 'other.tv', siteItemId: 'w1' })]);
    expect(stored?.key).toBe('thing');
    expect((await db.titles.get('other.tv:w1'))?.key).toBe('thing|1982');
    // The remake seen later makes the name ambiguous on other.tv too: the undated record goes back to its name.
    await upsertTitles(db, [title({ id: 'other.tv:6', site: 'other.tv', siteItemId: '6', key: 'thing|2011', year: 2011 })]);
    expect((await db.titles.get('other.tv:w1'))?.key).toBe('thing');
  });
});

describe('applyWatchProgress', () => {
  it('is idempotent and never lowers secondsWatched', async () => {
    const db = await freshDb();
    await applyWatchProgress(db, session({ secondsWatched: 120, endedAt: T0 + 120_000 }));
    const once = await canonicalDump(db);
    await applyWatchProgress(db, session({ secondsWatched: 120, endedAt: T0 + 120_000 }));
    expect(await canonicalDump(db)).toBe(once);
    // A late, out-of-order report with less progress changes nothing that matters.
    await applyWatchProgress(db, session({ secondsWatched: 30, endedAt: T0 + 30_000, pauses: 0 }));
    const s = await db.watchSessions.get('s1');
    expect(s?.secondsWatched).toBe(120);
    expect(s?.endedAt).toBe(T0 + 120_000);
    await applyWatchProgress(db, session({ secondsWatched: 300, endedAt: T0 + 300_000, state: 'closed', completion: 0.05 }));
    expect(await db.watchSessions.get('s1')).toMatchObject({ secondsWatched: 300, state: 'closed', completion: 0.05 });
    // A closed session is not reopened by a straggler.
    await applyWatchProgress(db, session({ secondsWatched: 310, state: 'open' }));
    expect((await db.watchSessions.get('s1'))?.state).toBe('closed');
  });

  it('marks a rewatch only after a finished (≥ 0.9, closed) session of the same title key', async () => {
    const db = await freshDb();
    await applyWatchProgress(db, session({ id: 'a', completion: 0.5, state: 'closed' }));
    expect((await applyWatchProgress(db, session({ id: 'b', startedAt: T0 + 1000 }))).rewatch).toBe(false);
    await applyWatchProgress(db, session({ id: 'c', startedAt: T0 + 2000, completion: 0.95, state: 'open' }));
    expect((await applyWatchProgress(db, session({ id: 'd', startedAt: T0 + 3000 }))).rewatch).toBe(false); // c still open
    await applyWatchProgress(db, session({ id: 'c', startedAt: T0 + 2000, completion: 0.95, state: 'closed' }));
    const e = await applyWatchProgress(db, session({ id: 'e', startedAt: T0 + 4000, titleId: 'other.site:9' }));
    expect(e.rewatch).toBe(true); // same key on another site counts
    expect((await applyWatchProgress(db, session({ id: 'f', startedAt: T0 + 5000, titleKey: 'other' }))).rewatch).toBe(false);
    // The flag is decided once: later reports keep it.
    expect((await applyWatchProgress(db, session({ id: 'e', startedAt: T0 + 4000, rewatch: false, secondsWatched: 99 }))).rewatch).toBe(true);
  });
});

describe('closeStaleSessions', () => {
  it('closes sessions left open past the threshold and keeps what was written', async () => {
    const db = await freshDb();
    await applyWatchProgress(db, session({ id: 'old', endedAt: T0 + 10_000, secondsWatched: 10 }));
    await applyWatchProgress(db, session({ id: 'live', endedAt: T0 + 590_000, secondsWatched: 500 }));
    await applyWatchProgress(db, session({ id: 'done', endedAt: T0 + 1000, state: 'closed' }));
    expect(await closeStaleSessions(db, T0 + 600_000, 60_000)).toBe(1);
    expect(await db.watchSessions.get('old')).toEqual(session({ id: 'old', endedAt: T0 + 10_000, secondsWatched: 10, state: 'closed' }));
    expect((await db.watchSessions.get('live'))?.state).toBe('open');
    expect(await closeStaleSessions(db, T0 + 600_000, 60_000)).toBe(0);
  });
});

describe('searches, skips, ratings', () => {
  it('attributes an opened title to its search', async () => {
    const db = await freshDb();
    await addSearch(db, { id: 'q1', site: 'netflix.com', query: 'horror', at: T0, openedTitleId: null, ctx });
    expect(await attributeSearch(db, 'q1', 'netflix.com:1')).toBe(true);
    expect(await attributeSearch(db, 'nope', 'netflix.com:1')).toBe(false);
    expect((await db.searches.get('q1'))?.openedTitleId).toBe('netflix.com:1');
    expect(await db.searches.count()).toBe(1);
  });

  it('stores skips idempotently', async () => {
    const db = await freshDb();
    const skip = {
      id: 'k',
      titleId: 'netflix.com:1',
      titleKey: 'k',
      site: 'netflix.com',
      at: T0,
      reason: 'preview',
      secondsWatched: 3,
      ctx,
    } as const;
    await addSkip(db, skip);
    await addSkip(db, skip);
    expect(await db.skips.toArray()).toEqual([skip]);
  });

  it('keeps one rating per title key and clears it with null', async () => {
    const db = await freshDb();
    await setRating(db, { titleKey: 'k', titleId: 'netflix.com:1', site: 'netflix.com', value: 'up', at: T0 });
    await setRating(db, { titleKey: 'k', titleId: 'netflix.com:1', site: 'netflix.com', value: 'love', at: T0 + 1 });
    expect(await db.ratings.toArray()).toEqual([{ titleKey: 'k', titleId: 'netflix.com:1', site: 'netflix.com', value: 'love', at: T0 + 1 }]);
    await setRating(db, { titleKey: 'k', value: null });
    expect(await db.ratings.count()).toBe(0);
  });
});

describe('addImpressions', () => {
  it('caps each title per local day, across batches, and ignores repeats', async () => {
    const db = await freshDb();
    const r1 = await addImpressions(db, [impression('1'), impression('2'), impression('1')]);
    expect(r1).toEqual({ added: 2, dropped: 1 });
    const r2 = await addImpressions(db, [
      impression('3'),
      impression('4'),
      impression('5', { titleId: 'netflix.com:2' }),
      impression('6', { day: '2024-01-02' }),
    ]);
    expect(r2).toEqual({ added: 3, dropped: 1 });
    expect((await db.impressions.toCollection().primaryKeys()).sort()).toEqual(['1', '2', '3', '5', '6']);
    expect(await addImpressions(db, [impression('7', { day: '2024-01-02' })], 1)).toEqual({ added: 0, dropped: 1 });
  });
});

describe('a full disk', () => {
  const quota = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };

  it('surfaces as StoreFullError and leaves stored data whole', async () => {
    const db = await freshDb();
    await load(db, makeFixture({ titles: 30, watchSessions: 20, searches: 10, skips: 10, impressions: 30, ratings: 5 }));
    const before = await canonicalDump(db);

    const spy = vi.spyOn(db.titles, 'bulkPut').mockImplementation(quota);
    // The titles are read (and merged) before the failing write, all in one transaction.
    await expect(upsertTitles(db, [title(), title({ id: 'x:1', site: 'x' })])).rejects.toBeInstanceOf(StoreFullError);
    spy.mockRestore();

    const imp = vi.spyOn(db.impressions, 'bulkPut').mockImplementation(quota);
    await expect(addImpressions(db, [impression('q1')])).rejects.toBeInstanceOf(StoreFullError);
    imp.mockRestore();

    const put = vi.spyOn(db.watchSessions, 'put').mockImplementation(quota);
    await expect(applyWatchProgress(db, session())).rejects.toThrow(/store is full/);
    put.mockRestore();

    expect(await canonicalDump(db)).toBe(before);
  });

  it('rolls back writes made earlier in the same transaction', async () => {
    const db = await freshDb();
    await upsertTitles(db, [title()]);
    const before = await canonicalDump(db);
    // Let the first bulkPut through, fail the second: the first must be undone.
    const real = db.titles.bulkPut.bind(db.titles);
    let calls = 0;
    const spy = vi.spyOn(db.titles, 'bulkPut').mockImplementation(((...args: Parameters<typeof real>) => {
      calls++;
      if (calls === 2) quota();
      return real(...args);
    }) as typeof real);
    await expect(
      db.transaction('rw', db.titles, async () => {
        await db.titles.bulkPut([title({ title: 'changed' })]);
        await db.titles.bulkPut([title({ id: 'y:2' })]);
      }),
    ).rejects.toMatchObject({ name: 'QuotaExceededError' });
    spy.mockRestore();
    expect(await canonicalDump(db)).toBe(before);
  });
});
