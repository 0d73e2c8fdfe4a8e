/**
 * Browser side of bench/engine.bench.ts: the engine's own cost (store reads, catalog,
 * profile, calibration, scoring) on a large store in real Chromium IndexedDB. The model is a
 * deterministic stand-in (hash vectors): its cost is model.bench.ts's business, and every
 * rebuild here finds its embeddings cached anyway, as a real one would.
 * Exposes `window.engineBench`; the Node driver calls it through page.evaluate.
 */
import { createEngine, type ModelPort } from '../../src/engine/engine';
import type { TitleInput } from '../../src/messages/protocol';
import { FAKE_DIM, fakeEmbed } from '../../test/support/rank-test-utils';
import { TastefulDB } from '../../src/store/db';
import { wipeAll } from '../../src/store/delete';
import { makeEvents, makeTitle, seededRng } from '../../test/support/store-fixtures';
import type { TitleRecord } from '../../src/store/records';

declare global {
  interface Window {
    engineBench: typeof engineBench;
  }
}

const db = new TastefulDB('tasteful-engine-bench');
const rng = seededRng(7);
let titles: TitleRecord[] = [];

const model: ModelPort = {
  load: async () => ({ modelVersion: 'bench-hash-1', dim: FAKE_DIM, popWeight: 0.05, halfLifeItems: 8 }),
  embed: async (texts) => fakeEmbed(texts),
  unload: async () => undefined,
};
const engine = createEngine({ openDb: async () => db, model: () => model });
const round = (x: number) => Math.round(x * 10) / 10;

async function seed(nTitles: number, nEvents: number): Promise<{ titles: number; events: number; seconds: number }> {
  const t0 = performance.now();
  await db.open();
  await wipeAll(db);
  titles = Array.from({ length: nTitles }, (_, i) => makeTitle(i, rng));
  for (let i = 0; i < titles.length; i += 10_000) await db.titles.bulkAdd(titles.slice(i, i + 10_000));
  let done = 0;
  for (let b = 0; done < nEvents; b++) {
    const n = Math.min(50_000, nEvents - done);
    const ev = makeEvents(
      titles,
      {
        impressions: Math.round(n * 0.55),
        watchSessions: Math.round(n * 0.15),
        searches: Math.round(n * 0.1),
        skips: n - Math.round(n * 0.55) - Math.round(n * 0.15) - Math.round(n * 0.1),
        ratings: b === 0 ? 500 : 0,
      },
      rng,
      `e${b}`,
    );
    await db.transaction('rw', [db.impressions, db.watchSessions, db.searches, db.skips, db.ratings], async () => {
      await Promise.all([
        db.impressions.bulkAdd(ev.impressions),
        db.watchSessions.bulkAdd(ev.watchSessions),
        db.searches.bulkAdd(ev.searches),
        db.skips.bulkAdd(ev.skips),
        db.ratings.bulkPut(ev.ratings),
      ]);
    });
    done += n;
  }
  return { titles: nTitles, events: done, seconds: round((performance.now() - t0) / 100) / 10 };
}

const pageOf = (n: number, offset: number): TitleInput[] =>
  titles.slice(offset, offset + n).map((t) => ({
    siteItemId: t.siteItemId,
    title: t.title,
    year: t.year,
    kind: t.kind,
    genres: t.genres,
    description: t.description,
    imageUrl: t.imageUrl,
    url: t.url,
  }));

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return round(performance.now() - t0);
}

/** A strong change (a rating), observed by the engine like any write: the next call rebuilds. */
async function change(i: number): Promise<void> {
  const t = titles[i % titles.length] as TitleRecord;
  await db.ratings.put({ titleKey: t.key, titleId: t.id, site: t.site, value: i % 2 ? 'up' : 'love', at: Date.now() });
  await engine.settled();
}

/** First build (embeds the catalog), then `runs` rebuilds after a change and page/picks calls on a warm state. */
async function measure(runs = 5) {
  const firstBuildMs = await timed(() => engine.warm());
  const rebuildMs: number[] = [];
  const rank24Ms: number[] = [];
  const rank500Ms: number[] = [];
  const picksMs: number[] = [];
  // The panel's picks under the local experiment: both rankings and the interleaving.
  const panelPicksMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    await change(i);
    rebuildMs.push(await timed(() => engine.warm()));
    rank24Ms.push(await timed(() => engine.rankPage('bench.test', pageOf(24, i * 24))));
    rank500Ms.push(await timed(() => engine.rankPage('bench.test', pageOf(500, 1000 + i * 500))));
    picksMs.push(await timed(() => engine.picks('bench.test')));
    panelPicksMs.push(await timed(() => engine.picks('bench.test', { interleave: { seed: i } })));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    firstBuildMs,
    rebuildMedianMs: med(rebuildMs),
    rankPage24MedianMs: med(rank24Ms),
    rankPage500MedianMs: med(rank500Ms),
    picksMedianMs: med(picksMs),
    panelPicksMedianMs: med(panelPicksMs),
    all: { rebuildMs, rank24Ms, rank500Ms, picksMs, panelPicksMs },
  };
}

/** What one rebuild's reads cost, table by table (the rebuild reads them all at once). */
async function reads() {
  const since = Date.now() - 30 * 86_400_000;
  const out: Record<string, { ms: number; rows: number }> = {};
  const one = async (name: string, f: () => Promise<unknown[]>) => {
    const t0 = performance.now();
    const rows = (await f()).length;
    out[name] = { ms: round(performance.now() - t0), rows };
  };
  await one('titles', () => db.titles.toArray());
  await one('watchSessions', () => db.watchSessions.toArray());
  await one('skips', () => db.skips.toArray());
  await one('impressions (30 days)', () => db.impressions.where('at').aboveOrEqual(since).toArray());
  await one('ratings', () => db.ratings.toArray());
  await one('searches (30 days)', () => db.searches.where('at').aboveOrEqual(since).toArray());
  return out;
}

const engineBench = { seed, measure, reads };
window.engineBench = engineBench;
