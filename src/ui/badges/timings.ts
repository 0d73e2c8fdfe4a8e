/**
 * Badge timings for benchmarks, kept in the content script's isolated world: nothing here
 * goes through `performance.mark` or anything else the page can read. The content script
 * returns `getBadgeTimings()` to the benchmark through an extension message.
 *
 * Only bench and test builds (`wxt build --mode bench`, unit tests) record anything: in a
 * production build `BADGE_TIMINGS_ON` is the constant false, `record` is a set of empty
 * functions, and the rest is tree-shaken away.
 */
import type { BatchTiming } from './score-batcher';

export const BADGE_TIMINGS_ON = import.meta.env.MODE !== 'production';

const MAX_SAMPLES = 5_000;

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export interface BadgeTimings {
  tilesSeen: number;
  badgesPainted: number;
  batches: number;
  titlesRequested: number;
  failedBatches: number;
  /**
   * Tile shown → its badge written visible (ms). A tile is shown at the first frame after it
   * was reported (tiles are now read in the task that inserts them, before any frame could
   * show them), or, if later, when it scrolled near the viewport, or, if later, at the page's
   * first contentful paint (no tile is seen before the page is). A badge written in the frame
   * that first shows its tile counts ~0.
   */
  tileToBadge: Distribution;
  /** The same from the moment the tile was reported (or scrolled near, or FCP), without waiting for a frame. */
  tileToBadgeFromRead: Distribution;
  /** Batch first queued → reply (ms). */
  batchWait: Distribution;
  /** `rank/page` round trip (ms). */
  roundTrip: Distribution;
  /** The synchronous part of sending one `rank/page` (serialising the titles, ms): main-thread time. */
  sendSync: Distribution;
  /** One positioning frame: reads + writes (ms). */
  frame: Distribution;
  frames: number;
  /**
   * Milestones of this page load, ms since navigation start (null until reached): the content
   * script ran, the document was parsed, the badge layer started, the badge mode was known, the
   * layer was told of its first tile, the shared observer first said a scored tile is on screen,
   * the first score request went out, its reply came back, the first badge was painted.
   */
  milestones: Record<Milestone, number | null>;
  /** The page's first contentful paint (ms since navigation start, null before it), where badge latency starts at the earliest. */
  fcp: number | null;
}

export type Milestone =
  | 'scriptStart'
  | 'domReady'
  | 'layerStart'
  | 'modeKnown'
  | 'firstTile'
  | 'firstNear'
  | 'firstRequest'
  | 'firstReply'
  | 'firstPaint';
const MILESTONES: readonly Milestone[] = [
  'scriptStart',
  'domReady',
  'layerStart',
  'modeKnown',
  'firstTile',
  'firstNear',
  'firstRequest',
  'firstReply',
  'firstPaint',
];

const state = {
  tilesSeen: 0,
  badgesPainted: 0,
  batches: 0,
  titlesRequested: 0,
  failedBatches: 0,
  frames: 0,
  /** [since, paintedAt] pairs (performance.now() ms): the start is settled when read (see firstContentfulPaint). */
  tileToBadge: [] as [number, number][],
  /** Start times of the first frame after tiles were reported (performance.now() ms, increasing). */
  frameAfterTiles: [] as number[],
  batchWait: [] as number[],
  roundTrip: [] as number[],
  sendSync: [] as number[],
  frame: [] as number[],
  milestones: new Map<Milestone, number>(),
};

function push<T>(list: T[], v: T) {
  if (list.length >= MAX_SAMPLES) list.shift();
  list.push(v);
}

function dist(list: number[]): Distribution {
  if (list.length === 0) return { count: 0, p50: 0, p95: 0, max: 0 };
  const s = [...list].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  const r = (v: number) => Math.round(v * 100) / 100;
  return { count: s.length, p50: r(at(0.5)), p95: r(at(0.95)), max: r(s[s.length - 1] ?? 0) };
}

let stampPending = false;

/** What a benchmark can wait for (`whenSeen`): a count of tiles seen or of badges painted. */
export type WaitFor = 'tiles' | 'badges';
const countOf = (what: WaitFor): number => (what === 'tiles' ? state.tilesSeen : state.badgesPainted);

/** Benchmarks waiting for a count: checked as the count moves, not polled. */
const waiters: { what: WaitFor; n: number; done: () => void }[] = [];

function wakeWaiters(): void {
  for (let i = waiters.length - 1; i >= 0; i--) {
    const w = waiters[i] as (typeof waiters)[number];
    if (countOf(w.what) >= w.n) {
      waiters.splice(i, 1);
      w.done();
    }
  }
}

const recorder = {
  /** The first time only. */
  milestone(name: Milestone) {
    if (!state.milestones.has(name)) state.milestones.set(name, Math.round(performance.now()));
  },
  tileSeen() {
    state.tilesSeen++;
    if (waiters.length) wakeWaiters();
    // One stamp per frame that follows new tiles: those frames happen anyway (the DOM changed).
    if (stampPending || typeof requestAnimationFrame !== 'function') return;
    stampPending = true;
    requestAnimationFrame(() => {
      stampPending = false;
      push(state.frameAfterTiles, performance.now());
    });
  },
  /** A badge was written visible at `paintedAt`; its tile was there to see since `since`. */
  badgePainted(since: number, paintedAt: number) {
    state.badgesPainted++;
    push(state.tileToBadge, [since, paintedAt] as [number, number]);
    if (waiters.length) wakeWaiters();
  },
  batch(t: BatchTiming) {
    state.batches++;
    state.titlesRequested += t.size;
    if (!t.ok) state.failedBatches++;
    push(state.batchWait, t.waitedMs);
    push(state.roundTrip, t.roundTripMs);
  },
  sendSync(ms: number) {
    push(state.sendSync, ms);
  },
  frame(ms: number) {
    state.frames++;
    push(state.frame, ms);
  },
};

const noop = () => undefined;
export const record: typeof recorder = BADGE_TIMINGS_ON
  ? recorder
  : { milestone: noop, tileSeen: noop, badgePainted: noop, batch: noop, sendSync: noop, frame: noop };

/**
 * When the page first painted content (performance.now() ms), or null before it has. Tiles
 * the scanner reads at DOMContentLoaded are reported before the page could show them; a badge
 * painted in the page's first frame was never missed by the user (latency 0).
 */
function firstContentfulPaint(): number | null {
  const e = typeof performance.getEntriesByName === 'function' ? performance.getEntriesByName('first-contentful-paint')[0] : undefined;
  return e ? e.startTime : null;
}

/** The first stamped frame at or after `t`, if any (stamps are increasing). */
function frameAfter(t: number): number | undefined {
  const xs = state.frameAfterTiles;
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return xs[lo];
}

function tileToBadgeMs(fromFrame: boolean): number[] {
  const fcp = firstContentfulPaint();
  return state.tileToBadge.map(([since, at]) => {
    const shown = fromFrame ? (frameAfter(since) ?? since) : since;
    return Math.max(0, at - Math.max(shown, fcp ?? since));
  });
}

/** A snapshot of this page's badge timings (plain numbers, no titles, no ids). */
export function getBadgeTimings(): BadgeTimings {
  return {
    tilesSeen: state.tilesSeen,
    badgesPainted: state.badgesPainted,
    batches: state.batches,
    titlesRequested: state.titlesRequested,
    failedBatches: state.failedBatches,
    frames: state.frames,
    tileToBadge: dist(tileToBadgeMs(true)),
    tileToBadgeFromRead: dist(tileToBadgeMs(false)),
    batchWait: dist(state.batchWait),
    roundTrip: dist(state.roundTrip),
    sendSync: dist(state.sendSync),
    frame: dist(state.frame),
    milestones: Object.fromEntries(MILESTONES.map((m) => [m, state.milestones.get(m) ?? null])) as Record<Milestone, number | null>,
    fcp: ((f) => (f === null ? null : Math.round(f)))(firstContentfulPaint()),
  };
}

/**
 * Resolves once `n` tiles were seen (or badges painted), or after `timeoutMs`. A benchmark asks
 * once and waits, rather than asking every 50–100 ms: each ask is a message handled on the page's
 * main thread, and the polling showed up in the very task time the page bench measures (and ran
 * beside the first badge the badge bench times).
 */
export function whenSeen(what: WaitFor, n: number, timeoutMs: number): Promise<void> {
  if (countOf(what) >= n) return Promise.resolve();
  return new Promise((resolve) => {
    const w = {
      what,
      n,
      done: () => {
        clearTimeout(timer);
        resolve();
      },
    };
    const timer = setTimeout(() => {
      const at = waiters.indexOf(w);
      if (at >= 0) waiters.splice(at, 1);
      resolve();
    }, timeoutMs);
    waiters.push(w);
  });
}

export function resetBadgeTimings(): void {
  state.tilesSeen = state.badgesPainted = state.batches = state.titlesRequested = state.failedBatches = state.frames = 0;
  state.tileToBadge = [];
  state.frameAfterTiles = [];
  state.batchWait = [];
  state.roundTrip = [];
  state.sendSync = [];
  state.frame = [];
  state.milestones.clear();
}
