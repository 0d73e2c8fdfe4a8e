import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TitleInput } from '../messages/protocol';
import { freshDb } from '../../test/support/store-test-support';
import type { TastefulDB } from '../store/db';
import { createEngine, type ModelPort } from './engine';
import { EMBED_BATCH, EmbeddingCache } from './embedding-cache';
import { ModelSession } from './model-session';
import { VERSION_RULES } from './data-version';
import { WARM_DELAY_MS } from './state-keeper';
import { addSearch } from '../store/events';
import {
  DAY,
  FAKE_DIM,
  NOW,
  fakeEmbed,
  fakePopularity,
  impression,
  rating,
  session,
  skip,
  titleRec,
  type T,
} from '../../test/support/rank-test-utils';

const scifi = (i: number): T => ({ title: `Star Voyage ${i}`, genres: ['Sci-Fi', 'Action'] });
const romance = (i: number): T => ({ title: `Paris Love ${i}`, genres: ['Romance', 'Drama'] });

function fakeModel(): ModelPort & { calls: number[]; loads: number; unloads: number } {
  const m = {
    calls: [] as number[],
    loads: 0,
    unloads: 0,
    async load() {
      m.loads++;
      return { modelVersion: 'fake-1', dim: FAKE_DIM, popWeight: 0.05 };
    },
    async embed(texts: string[]) {
      m.calls.push(texts.length);
      return fakeEmbed(texts);
    },
    async unload() {
      m.unloads++;
    },
  };
  return m;
}

const input = (t: T, id = t.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')): TitleInput => ({
  siteItemId: id,
  title: t.title,
  year: null,
  kind: 'movie',
  genres: t.genres,
  description: null,
  imageUrl: null,
  url: null,
});

async function seed(
  db: TastefulDB,
  o: {
    titles: T[];
    sessions?: ReturnType<typeof session>[];
    skips?: ReturnType<typeof skip>[];
    ratings?: ReturnType<typeof rating>[];
    impressions?: ReturnType<typeof impression>[];
  },
): Promise<void> {
  await db.titles.bulkPut(o.titles.map((t) => titleRec(t)));
  await db.watchSessions.bulkPut(o.sessions ?? []);
  await db.skips.bulkPut(o.skips ?? []);
  await db.ratings.bulkPut(o.ratings ?? []);
  await db.impressions.bulkPut(o.impressions ?? []);
}

afterEach(() => fakePopularity.clear());

describe('embedding cache', () => {
  it('embeds only misses, in batches of ≤ 256, and reuses the store across instances', async () => {
    const db = await freshDb();
    const m = fakeModel();
    const texts = Array.from({ length: 600 }, (_, i) => `T${i}\ngenres: Drama`);
    const a = new EmbeddingCache(db, 'v1', FAKE_DIM, (t) => m.embed(t));
    const first = await a.get(texts);
    await a.settled();
    expect(m.calls.every((n) => n <= EMBED_BATCH)).toBe(true);
    expect(m.calls.reduce((s, n) => s + n, 0)).toBe(600);
    expect(await db.embeddings.count()).toBe(600);
    const b = new EmbeddingCache(db, 'v1', FAKE_DIM, (t) => m.embed(t));
    const again = await b.get([...texts.slice(0, 10), 'new one\ngenres: Comedy', 'T1\ngenres: Drama']);
    expect(m.calls.reduce((s, n) => s + n, 0)).toBe(601);
    expect(Array.from(again.vectors.subarray(0, FAKE_DIM))).toEqual(Array.from(first.vectors.subarray(0, FAKE_DIM)));
    // Another model version is a different key.
    const c = new EmbeddingCache(db, 'v2', FAKE_DIM, (t) => m.embed(t));
    await c.get(texts.slice(0, 3));
    expect(m.calls.reduce((s, n) => s + n, 0)).toBe(604);
    await c.settled();
    // A new encoder's cache clears its predecessor's rows, and only those.
    expect(await c.dropOtherVersions()).toBe(601); // the 600, and "new one" from b
    expect(await db.embeddings.count()).toBe(3);
    expect((await db.embeddings.toArray()).every((r) => r.modelVersion === 'v2')).toBe(true);
  });

  it("a model's session deletes older versions' rows a while after its cache is made, not before the first scores", async () => {
    const db = await freshDb();
    const m = fakeModel();
    const old = new EmbeddingCache(db, 'old-1', FAKE_DIM, (t) => m.embed(t));
    await old.get(['Old title\ngenres: Drama']);
    await old.settled();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const session = new ModelSession({ model: () => m, idleMs: 60 * 60_000, store: async () => db });
      const cache = await session.cache();
      expect(cache.modelVersion).toBe('fake-1');
      expect(await db.embeddings.where('modelVersion').equals('old-1').count()).toBe(1);
      await vi.advanceTimersByTimeAsync(30_000);
      await cache.settled();
      expect(await db.embeddings.where('modelVersion').equals('old-1').count()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes nothing to the store when the disk is nearly full, and still answers', async () => {
    const db = await freshDb();
    const m = fakeModel();
    let free = 10 * 1024 * 1024;
    const cache = new EmbeddingCache(
      db,
      'v1',
      FAKE_DIM,
      (t) => m.embed(t),
      100_000,
      async () => ({ usage: 1e9, quota: 1e9 + free }),
    );
    const out = await cache.get(['Low Disk\ngenres: Drama']);
    await cache.settled();
    expect(out.vectors.some((x) => x !== 0)).toBe(true);
    expect(await db.embeddings.count()).toBe(0);
    free = 10 * 1024 ** 3;
    const roomy = new EmbeddingCache(
      db,
      'v1',
      FAKE_DIM,
      (t) => m.embed(t),
      100_000,
      async () => ({ usage: 1e9, quota: 1e9 + free }),
    );
    await roomy.get(['Plenty\ngenres: Drama']);
    await roomy.settled();
    expect(await db.embeddings.count()).toBe(1);
  });

  it('forget(): an embedding begun before a wipe never lands in the store after it', async () => {
    const db = await freshDb();
    const m = fakeModel();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const cache = new EmbeddingCache(db, 'v1', FAKE_DIM, async (t) => {
      await gate;
      return m.embed(t);
    });
    const texts = Array.from({ length: 300 }, (_, i) => `W${i}\ngenres: Drama`);
    const pending = cache.get(texts);
    await new Promise((r) => setTimeout(r, 10));
    await cache.forget();
    await db.embeddings.clear(); // the wipe
    release();
    const out = await pending;
    expect(out.vectors.some((x) => x !== 0)).toBe(true); // the caller still gets its answer
    expect(await db.embeddings.count()).toBe(0);
    expect(cache.size).toBe(0);
  });
});

describe('engine', () => {
  it('scores a page: badges need evidence; sci-fi fan sees sci-fi above romance; thumbs down hides', async () => {
    const db = await freshDb();
    const m = fakeModel();
    const cat = [...[1, 2, 3, 4, 5, 6].map(scifi), ...[1, 2, 3, 4, 5, 6].map(romance)];
    await seed(db, { titles: cat, sessions: [session(scifi(1), { at: NOW - 2 * DAY })] });
    const engine = createEngine({ openDb: async () => db, model: () => m, now: () => NOW });
    const page = [scifi(5), romance(5), scifi(6)].map((t) => input(t));
    const one = await engine.rankPage('demo.test', page);
    expect(one.scores.every((s) => s.match === null)).toBe(true); // one watch: not enough evidence

    await db.watchSessions.bulkPut([session(scifi(2), { at: NOW - DAY })]);
    await engine.settled();
    const two = await engine.rankPage('demo.test', page);
    const [sf, ro] = two.scores;
    expect(sf?.match).not.toBeNull();
    expect(sf?.match ?? 0).toBeGreaterThanOrEqual(50);
    expect(ro?.match ?? 0).toBeLessThan(sf?.match ?? 0);
    expect(sf?.why[0]).toMatch(/^Because you watched Star Voyage [12]/);
    expect(two.evidence).toBeGreaterThanOrEqual(2);

    await db.ratings.put(rating(scifi(5), 'down'));
    await engine.settled();
    const three = await engine.rankPage('demo.test', page);
    expect(three.scores[0]?.match).toBeNull();
    expect(three.scores[0]?.why).toEqual([]);
  });

  it('a tile that shows no year is the title its stored record dated: one candidate, not two', async () => {
    const db = await freshDb();
    const dated = [5, 6, 7, 8].map((i): T => ({ ...scifi(i), year: 1990 + i }));
    await seed(db, {
      titles: [scifi(1), scifi(2), scifi(3), ...dated],
      sessions: [session(scifi(1), { at: NOW - 2 * DAY }), session(scifi(2), { at: NOW - DAY })],
    });
    const engine = createEngine({ openDb: async () => db, model: () => fakeModel(), now: () => NOW });
    const page = [5, 6, 7, 8].map((i) => input(scifi(i)));
    expect(page[0]?.siteItemId).toBe(titleRec(dated[0] as T).siteItemId);
    await engine.rankPage('demo.test', page);
    const titles = (await engine.picks('demo.test')).rows.flatMap((r) => r.items.map((x) => x.title));
    expect(titles).toContain('Star Voyage 5');
    for (const i of [5, 6, 7, 8]) expect(titles.filter((t) => t === `Star Voyage ${i}`).length).toBeLessThanOrEqual(1);
  });

  it('badges speak for the long-term taste: months of sci-fi outweigh two romances this week; picks speak for the recent ones', async () => {
    const db = await freshDb();
    const old = Array.from({ length: 12 }, (_, i) => scifi(i));
    const recent = [romance(1), romance(2)];
    await seed(db, {
      titles: [...old, ...recent, scifi(20), romance(20)],
      sessions: [
        ...old.map((t, i) => session(t, { at: NOW - (200 - 10 * i) * DAY })),
        ...recent.map((t, i) => session(t, { at: NOW - (2 - i) * DAY })),
      ],
    });
    const engine = createEngine({ openDb: async () => db, model: () => fakeModel(), now: () => NOW });
    const { scores } = await engine.rankPage('demo.test', [input(scifi(20)), input(romance(20))]);
    expect(scores.map((s) => s.horizon)).toEqual(['taste', 'taste']);
    expect(scores[0]?.match ?? 0).toBeGreaterThan(scores[1]?.match ?? 0);
    const items = (await engine.picks('demo.test')).rows.flatMap((r) => r.items);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((x) => x.horizon === 'recent')).toBe(true);
    expect((await engine.taste()).leanings).toEqual(expect.arrayContaining([expect.stringMatching(/^Mostly /)]));
  });

  it('rebuilds the profile only when the store changed enough, and unloads the model when idle', async () => {
    const db = await freshDb();
    const m = fakeModel();
    await seed(db, { titles: [scifi(1), scifi(2)], sessions: [session(scifi(1)), session(scifi(2))] });
    let now = NOW;
    const engine = createEngine({ openDb: async () => db, model: () => m, now: () => now, idleMs: 1_000 });
    await engine.rankPage('demo.test', [input(scifi(1))]);
    const embeddedAfterFirst = m.calls.length;
    const v0 = engine.dataVersion();
    await engine.rankPage('demo.test', [input(scifi(1))]); // nothing written: cached state
    expect(m.calls.length).toBe(embeddedAfterFirst);
    // A new title is a weak change: folded in later, not at once.
    await db.titles.put(titleRec(romance(1)));
    await engine.settled();
    expect(engine.dataVersion()).toBe(v0);
    await engine.rankPage('demo.test', [input(scifi(1))]);
    expect(m.calls.length).toBe(embeddedAfterFirst);
    expect((await engine.picks('demo.test')).rows.flatMap((r) => r.items).some((x) => x.title === 'Paris Love 1')).toBe(false);
    now += VERSION_RULES.weakFoldMs;
    expect(engine.dataVersion()).toBe(v0 + 1);
    expect((await engine.picks('demo.test')).rows.flatMap((r) => r.items).some((x) => x.title === 'Paris Love 1')).toBe(true);
    const st = await engine.status();
    expect(st).toMatchObject({ modelLoaded: true, modelVersion: 'fake-1' });
    expect(st.cachedEmbeddings).toBe(3);
    await vi.waitFor(async () => expect((await engine.status()).modelLoaded).toBe(false), { timeout: 10_000 });
    expect(m.unloads).toBe(1);
    // A new title after unload reloads the model for the miss only.
    await engine.rankPage('demo.test', [input(scifi(9))]);
    expect(m.loads).toBe(2);
  });

  it('sees a delete plus an add that nobody announced, at once', async () => {
    const db = await freshDb();
    const m = fakeModel();
    const cat = [...[1, 2, 3, 4, 5, 6].map(scifi), ...[1, 2, 3].map(romance)];
    await seed(db, { titles: cat, sessions: [session(scifi(1), { at: NOW - 2 * DAY }), session(scifi(2), { at: NOW - DAY })] });
    const engine = createEngine({ openDb: async () => db, model: () => m, now: () => NOW });
    const titlesOf = async () => (await engine.picks('demo.test')).rows.flatMap((r) => r.items.map((x) => x.title));
    expect(await titlesOf()).toContain('Star Voyage 5');
    const v0 = engine.dataVersion();
    // Same row count after as before: only the deleted key tells.
    await db.titles.delete(titleRec(scifi(5)).id);
    await db.titles.put(titleRec(scifi(7)));
    await engine.settled();
    expect(engine.dataVersion()).toBeGreaterThan(v0);
    const after = await titlesOf();
    expect(after).not.toContain('Star Voyage 5');
    expect(after).toContain('Star Voyage 7');
  });

  it("the engine's own embedding writes do not move its data version", async () => {
    const db = await freshDb();
    const m = fakeModel();
    await seed(db, { titles: [scifi(1), scifi(2)], sessions: [session(scifi(1))] });
    const engine = createEngine({ openDb: async () => db, model: () => m, now: () => NOW });
    const v0 = engine.dataVersion();
    await engine.rankPage('demo.test', [input(scifi(1)), input(romance(4))]);
    await engine.status(); // waits for the cache's writes
    await engine.settled();
    expect(await db.embeddings.count()).toBeGreaterThan(0);
    expect(engine.dataVersion()).toBe(v0);
  });

  it('warms its state shortly after a strong change, but never builds for an engine nobody asked', async () => {
    const db = await freshDb();
    await seed(db, { titles: [scifi(1), scifi(2)], sessions: [session(scifi(1))] });
    const search = (id: string, query: string) =>
      addSearch(db, { id, site: 'demo.test', query, at: NOW, openedTitleId: null, ctx: session(scifi(1)).ctx });
    const idle = fakeModel();
    const unasked = createEngine({ openDb: async () => db, model: () => idle, now: () => NOW });
    const m = fakeModel();
    const engine = createEngine({ openDb: async () => db, model: () => m, now: () => NOW });
    await engine.picks('demo.test');
    const embedded = m.calls.length;
    await search('q1', 'space opera'); // a new query: the rebuild embeds it
    await engine.settled();
    await unasked.settled();
    await vi.waitFor(() => expect(m.calls.length).toBeGreaterThan(embedded), { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 2 * WARM_DELAY_MS));
    expect(idle.loads).toBe(0);
    expect(idle.calls).toEqual([]);
  });

  it('picks: rows, continue watching, trending here, thumbs down + near-duplicates out of top picks', async () => {
    const db = await freshDb();
    const m = fakeModel();
    const dup: T = { title: 'Star Voyage 7', year: 2001, genres: ['Sci-Fi', 'Action'] };
    const dup2: T = { title: 'Star Voyage 7', year: 2002, genres: ['Sci-Fi', 'Action'] };
    const cat = [...Array.from({ length: 20 }, (_, i) => scifi(i + 1)), ...Array.from({ length: 20 }, (_, i) => romance(i + 1)), dup, dup2];
    await seed(db, {
      titles: cat,
      sessions: [
        session(scifi(1), { at: NOW - 3 * DAY }),
        session(scifi(2), { at: NOW - 2 * DAY }),
        session(scifi(3), { at: NOW - DAY, completion: 0.4 }),
      ],
      skips: [skip(romance(1)), skip(romance(2))],
      ratings: [rating(dup, 'down')],
      impressions: [
        impression(romance(9), 1),
        impression(romance(9), 2),
        impression(romance(9), 3),
        impression(romance(10), 1),
        impression(romance(11), 1),
        impression(scifi(12), 2),
      ],
    });
    const engine = createEngine({ openDb: async () => db, model: () => m, now: () => NOW });
    const picks = await engine.picks('demo.test');
    const ids = picks.rows.map((r) => r.id);
    expect(ids[0]).toBe('top');
    expect(ids).toContain('continue');
    expect(ids).toContain('trending');
    expect(picks.rows.length).toBeLessThanOrEqual(10);
    for (const r of picks.rows) expect(r.items.length).toBeLessThanOrEqual(10);
    const top = picks.rows[0]?.items ?? [];
    expect(top.map((x) => x.title)).not.toContain('Star Voyage 7');
    expect(top.filter((x) => x.title.startsWith('Star Voyage')).length).toBeGreaterThan(top.filter((x) => x.title.startsWith('Paris')).length);
    expect(top[0]?.title.startsWith('Star Voyage')).toBe(true);
    expect(top.every((x) => x.why.length > 0)).toBe(true);
    const cont = picks.rows.find((r) => r.id === 'continue');
    expect(cont?.items.map((x) => x.title)).toEqual(['Star Voyage 3']);
    expect(top.map((x) => x.title)).not.toContain('Star Voyage 1'); // finished
    const trending = picks.rows.find((r) => r.id === 'trending');
    expect(trending?.items[0]?.title).toBe('Paris Love 9');
    expect(picks.evidence).toBeGreaterThan(0);
  });

  it('taste summary: genres, clusters, 7×24 watch time, half-life, evidence', async () => {
    const db = await freshDb();
    const m = fakeModel();
    await seed(db, {
      titles: [scifi(1), scifi(2), romance(1)],
      sessions: [session(scifi(1), { ctx: { hour: 21, weekday: 5 } }), session(scifi(2), { ctx: { hour: 21, weekday: 5 } })],
      // Browsing 4 minutes before the first finished watch: the time to pick.
      skips: [skip(romance(1))],
      impressions: [impression(romance(1), 1 + 4 / 1440)],
    });
    const engine = createEngine({ openDb: async () => db, model: () => m, now: () => NOW });
    const t = await engine.taste();
    expect(t.timeToPick.picks).toBe(1);
    expect(t.timeToPick.medianSeconds).toBe(240);
    expect(t.halfLifeDays).toBe(30);
    expect(t.genres[0]?.genre).toMatch(/Sci-Fi|Action/);
    expect(t.genres.find((g) => g.genre === 'Romance')?.affinity).toBeLessThan(0);
    expect(t.clusters[0]?.examples.map((e) => e.title)).toEqual(expect.arrayContaining(['Star Voyage 1', 'Star Voyage 2']));
    expect(t.watchTime).toHaveLength(7);
    expect(t.watchTime[5]?.[21]).toBe(2 * 6000);
    expect(t.confident).toBe(true);
    expect(t.evidence).toBe(2);
  });

  it('cold start: onboarding genres and popularity order the picks', async () => {
    const db = await freshDb();
    const m = fakeModel();
    fakePopularity.set('Paris Love 1', 4).set('Paris Love 2', 3);
    const cat = [
      ...[1, 2, 3].map(scifi),
      ...[1, 2, 3].map(romance),
      ...Array.from({ length: 14 }, (_, i) => ({ title: `Night Terror ${i + 1}`, genres: ['Horror'] })),
    ];
    await seed(db, { titles: cat });
    const engine = createEngine({ openDb: async () => db, model: () => m, now: () => NOW });
    const cold = await engine.picks(null);
    expect(cold.rows[0]?.items[0]?.title).toBe('Paris Love 1');
    expect(cold.rows[0]?.items.every((x) => x.match === null)).toBe(true);
    await db.settings.put({ key: 'onboarding', value: { done: true, genres: ['Horror'], titles: [] } });
    await engine.settled();
    const onb = await engine.picks(null);
    expect(onb.rows[0]?.items[0]?.title.startsWith('Night Terror')).toBe(true);
    expect(onb.rows.map((r) => r.id)).toContain('genre:horror');
  });
});
