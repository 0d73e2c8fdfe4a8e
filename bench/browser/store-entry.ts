/**
 * Browser side of bench/store.bench.ts: runs in a real Chromium page against real IndexedDB.
 * Exposes `window.storeBench`; the Node driver calls it through page.evaluate.
 */
import { TastefulDB } from '../../src/store/db';
import { wipeAll } from '../../src/store/delete';
import { exportChunks, tableChunks } from '../../src/store/export';
import { makeEvents, makeTitle, seededRng, type Fixture } from '../../test/support/store-fixtures';
import { historyPage, type HistoryCursor, type HistoryQuery } from '../../src/store/history';
import { USER_TABLES, type TitleRecord, type WatchSessionRecord } from '../../src/store/records';
import { applyWatchProgress, mergeTitle, upsertTitles } from '../../src/store/events';

declare global {
  interface Window {
    storeBench: typeof storeBench;
    gc?: () => void;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number };
  }
}

const db = new TastefulDB('tasteful-bench');
const rng = seededRng(2024);
let titles: TitleRecord[] = [];
let batchNo = 0;
let stored = 0;

const TITLES = 20_000;
/** Share of each event kind in a batch (ratings are one per title key, so few). */
const MIX = { impressions: 0.55, watchSessions: 0.15, searches: 0.1, skips: 0.2 } as const;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
};
const heap = () => performance.memory?.usedJSHeapSize ?? NaN;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function reset(): Promise<void> {
  await db.open();
  await wipeAll(db);
  titles = Array.from({ length: TITLES }, (_, i) => makeTitle(i, rng));
  await db.titles.bulkAdd(titles);
  batchNo = 0;
  stored = 0;
}

/** Adds events until `total` are stored; returns insert throughput over the timed writes only. */
async function seedTo(total: number, batchSize = 20_000): Promise<{ events: number; seconds: number; eventsPerSecond: number; batchSize: number }> {
  let writeMs = 0;
  let added = 0;
  while (stored < total) {
    const n = Math.min(batchSize, total - stored);
    const ev: Omit<Fixture, 'titles' | 'settings'> = makeEvents(
      titles,
      {
        impressions: Math.round(n * MIX.impressions),
        watchSessions: Math.round(n * MIX.watchSessions),
        searches: Math.round(n * MIX.searches),
        skips: n - Math.round(n * MIX.impressions) - Math.round(n * MIX.watchSessions) - Math.round(n * MIX.searches),
        ratings: batchNo === 0 ? 500 : 0,
      },
      rng,
      `b${batchNo++}`,
    );
    const count = ev.impressions.length + ev.watchSessions.length + ev.searches.length + ev.skips.length + ev.ratings.length;
    const t0 = performance.now();
    await db.transaction('rw', [db.impressions, db.watchSessions, db.searches, db.skips, db.ratings], async () => {
      await Promise.all([
        db.impressions.bulkAdd(ev.impressions),
        db.watchSessions.bulkAdd(ev.watchSessions),
        db.searches.bulkAdd(ev.searches),
        db.skips.bulkAdd(ev.skips),
        db.ratings.bulkPut(ev.ratings),
      ]);
    });
    writeMs += performance.now() - t0;
    added += count;
    stored += count;
  }
  return { events: added, seconds: round(writeMs / 1000), eventsPerSecond: Math.round(added / (writeMs / 1000)), batchSize };
}

async function timeQuery(q: HistoryQuery, runs: number): Promise<{ medianMs: number; p95Ms: number; items: number }> {
  const ms: number[] = [];
  let items = 0;
  await historyPage(db, q); // warm-up: first use compiles code paths
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const page = await historyPage(db, q);
    ms.push(performance.now() - t0);
    items = page.items.length;
  }
  return { medianMs: round(median(ms)), p95Ms: round(p95(ms)), items };
}

async function queries(runs = 25): Promise<Record<string, { medianMs: number; p95Ms: number; items: number }>> {
  let cursor: HistoryCursor | null = null;
  for (let i = 0; i < 20; i++) cursor = (await historyPage(db, cursor ? { before: cursor } : {})).next;
  const out: Record<string, { medianMs: number; p95Ms: number; items: number }> = {};
  out.firstPage = await timeQuery({}, runs);
  out.page21ViaCursor = await timeQuery({ before: cursor! }, runs);
  out.siteFiltered = await timeQuery({ site: 'netflix.com' }, runs);
  out.kindFiltered = await timeQuery({ kinds: ['watch'] }, runs);
  out.siteAndKindsFiltered = await timeQuery({ site: 'youtube.com', kinds: ['search', 'skip'] }, runs);
  out.timeRange = await timeQuery({ from: 1_704_067_200_000 + 100 * 86_400_000, to: 1_704_067_200_000 + 101 * 86_400_000 }, runs);
  return out;
}

/** Events and titles the export will write (every user table). */
async function userRecords(): Promise<number> {
  let n = 0;
  for (const name of USER_TABLES) n += await db[name].count();
  return n;
}

/**
 * Exports everything into a counting sink, sampling the JS heap after every chunk and
 * watching for long tasks (the dashboard runs the export on its own thread).
 */
async function exportRun(chunkSize = 2000): Promise<Record<string, number>> {
  const records = await userRecords();
  window.gc?.();
  const base = heap();
  let peak = base;
  let bytes = 0;
  let chunks = 0;
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  const t0 = performance.now();
  for await (const chunk of exportChunks(db, { chunkSize })) {
    bytes += chunk.length;
    chunks++;
    const h = heap();
    if (h > peak) peak = h;
  }
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 0)); // let the observer deliver the last entries
  observer.disconnect();
  return {
    seconds: round(seconds),
    records,
    recordsPerSecond: Math.round(records / seconds),
    chars: bytes,
    chunks,
    chunkSize,
    heapBaselineMB: round(base / 2 ** 20, 1),
    heapPeakMB: round(peak / 2 ** 20, 1),
    heapGrowthMB: round((peak - base) / 2 ** 20, 1),
    longTasks: longTasks.length,
    longestTaskMs: round(Math.max(0, ...longTasks), 1),
  };
}

/** The export's reads (tableChunks, 100 records per getAll as the export reads our events) without serialising: the IndexedDB floor under export time. */
async function readOnlyRun(chunkSize = 2000): Promise<{ seconds: number; records: number }> {
  const t0 = performance.now();
  let records = 0;
  for (const name of USER_TABLES) for await (const chunk of tableChunks(db, name, chunkSize, () => 100)) records += chunk.length;
  return { seconds: round((performance.now() - t0) / 1000), records };
}

/**
 * The titles a page shows, written as the background writes `titles/seen` (`upsertTitles`: one
 * transaction over titles and the four event tables, so that a title gaining a year carries its
 * events), against the same merge in a titles-only transaction (what it was before). Also the
 * latency of a watch-progress write started at the same moment: with the wide scope it queues
 * behind the titles batch.
 */
async function titleWrites(runs = 40, batch = 24): Promise<Record<string, { medianMs: number; p95Ms: number }>> {
  const narrow = async (records: TitleRecord[]) =>
    db.transaction('rw', db.titles, async () => {
      const known = await db.titles.bulkGet(records.map((r) => r.id));
      await db.titles.bulkPut(records.map((r, i) => mergeTitle(known[i], r)));
    });
  const seen = (i: number) =>
    Array.from({ length: batch }, (_, k) => {
      const t = titles[(i * batch + k) % titles.length]!;
      return { ...t, lastSeen: t.lastSeen + 1 };
    });
  const session = (i: number): WatchSessionRecord => {
    const s = titles[i % titles.length]!;
    const at = 1_800_000_000_000 + i * 60_000;
    return {
      id: `bench-progress-${i}`,
      titleId: s.id,
      titleKey: s.key,
      site: s.site,
      ctx: { hour: 20, weekday: 5, device: 'desktop', site: s.site },
      startedAt: at,
      endedAt: at + 30_000,
      secondsWatched: 30,
      duration: 5400,
      completion: 30 / 5400,
      pauses: 0,
      seeks: 0,
      rewatch: false,
      state: 'open',
    };
  };
  const time = async (fn: (i: number) => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < 3; i++) await fn(10_000 + i); // warm-up
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn(i);
      ms.push(performance.now() - t0);
    }
    return { medianMs: round(median(ms)), p95Ms: round(p95(ms)) };
  };
  /** The progress write's own latency while a titles batch is in flight. */
  const progressBeside = (write: (r: TitleRecord[]) => Promise<unknown>) => async (i: number) => {
    const titlesDone = write(seen(i));
    const t0 = performance.now();
    await applyWatchProgress(db, session(i));
    const ms = performance.now() - t0;
    await titlesDone;
    return ms;
  };
  const latency = async (fn: (i: number) => Promise<number>) => {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) ms.push(await fn(20_000 + i));
    return { medianMs: round(median(ms)), p95Ms: round(p95(ms)) };
  };
  return {
    upsertTitles: await time((i) => upsertTitles(db, seen(i))),
    titlesOnlyTransaction: await time((i) => narrow(seen(i))),
    progressBesideUpsertTitles: await latency(progressBeside((r) => upsertTitles(db, r))),
    progressBesideTitlesOnly: await latency(progressBeside(narrow)),
    progressAlone: await time((i) => applyWatchProgress(db, session(30_000 + i))),
  };
}

const storeBench = { reset, seedTo, queries, exportRun, readOnlyRun, titleWrites, count: () => stored };
window.storeBench = storeBench;
