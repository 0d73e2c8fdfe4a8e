/**
 * Scores for the tiles on this page, asked for in batches: tiles that arrive within
 * `delayMs` of each other go in one `rank/page` message (at most `maxBatch` titles each),
 * every siteItemId is asked for once per page life. A failed batch is not re-sent on a timer:
 * the background's engine client already retried what could be retried (its one retry policy,
 * src/background/engine-client.ts), so the next sighting of a tile asks again.
 */
import type { Reply, TitleInput } from '../../messages/protocol';
import type { PageScore, ReplyMap } from '../../messages/replies';
import type { Send } from '../../record/types';

export const BATCH_DELAY_MS = 16;
/**
 * While a batch is in flight, later titles wait for its reply (then go together), but not
 * longer than this: the engine answers one batch at a time, so messages sent meanwhile would
 * only queue there, and each message costs the page's main thread (a 2,000-tile page sent
 * fifty small ones).
 */
export const MAX_HOLD_MS = 400;
export const MAX_BATCH = 500;
/**
 * A flush to an idle engine goes out in growing batches: the engine answers one batch at a
 * time, and tiles are reported in page order, so a small first batch brings the top of the
 * page its badges while the rest are still being scored.
 */
export const LEAD_BATCHES = [24, 96] as const;
/**
 * A flush leads small only when it starts a new burst of tiles (the page's first, or tiles
 * inserted after a quiet spell: infinite scroll, a new view): titles held for a reply in the
 * middle of a burst are the rest of the page, and splitting them again only adds messages.
 */
export const QUIET_MS = 500;

export interface BatchTiming {
  size: number;
  /** From the batch's first queued title to the reply. */
  waitedMs: number;
  /** From the send to the reply. */
  roundTripMs: number;
  ok: boolean;
}

export interface ScoreBatcherOptions {
  send: Send;
  /** Scores have arrived (a title missing from the reply counts as `match: null`). */
  onScores(scores: ReadonlyMap<string, PageScore>): void;
  onBatch?(timing: BatchTiming): void;
  delayMs?: number;
  maxBatch?: number;
  now?: () => number;
}

export interface ScoreBatcher {
  /** The cached score, if this page has one for `siteItemId`. */
  get(siteItemId: string): PageScore | undefined;
  /** Ask for a score unless one is cached or already on its way. */
  want(title: TitleInput): void;
  /** Forget every cached score (the profile changed); in-flight replies are dropped. */
  invalidate(): void;
  stop(): void;
}

export function createScoreBatcher(opts: ScoreBatcherOptions): ScoreBatcher {
  const delay = opts.delayMs ?? BATCH_DELAY_MS;
  const max = Math.max(1, Math.min(MAX_BATCH, opts.maxBatch ?? MAX_BATCH));
  const now = opts.now ?? (() => performance.now());
  const cache = new Map<string, PageScore>();
  const inFlight = new Set<string>();
  let queue = new Map<string, TitleInput>();
  let queuedAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let generation = 0;
  let stopped = false;
  /**
   * The page's first batch goes at the end of the task that queued it (a microtask, before
   * the page's next layout or paint, with no coalescing wait): nothing else is in flight to
   * share a message with, and the first badges wait for it.
   */
  let firstFlushDone = false;
  let firstFlushQueued = false;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  /** Forget a failed batch, so a later sighting asks again. */
  function failed(titles: TitleInput[]) {
    for (const t of titles) inFlight.delete(t.siteItemId);
  }

  async function sendBatch(titles: TitleInput[], firstQueuedAt: number) {
    const gen = generation;
    const sentAt = now();
    let reply: Reply<ReplyMap['rank/page']>;
    try {
      reply = await opts.send({ type: 'rank/page', titles });
    } catch {
      // send() turns failures into replies; a throw here means the page's extension context is gone.
      if (gen === generation) failed(titles);
      return;
    }
    const doneAt = now();
    opts.onBatch?.({ size: titles.length, waitedMs: doneAt - firstQueuedAt, roundTripMs: doneAt - sentAt, ok: reply.ok });
    if (gen !== generation) return;
    if (!reply.ok) return failed(titles);
    for (const t of titles) inFlight.delete(t.siteItemId);
    if (stopped) return;
    const got = new Map<string, PageScore>();
    const byId = new Map<string, PageScore>();
    const scores = Array.isArray(reply.value?.scores) ? reply.value.scores : [];
    for (const s of scores) if (s && typeof s.siteItemId === 'string') byId.set(s.siteItemId, s);
    for (const t of titles) {
      const s = byId.get(t.siteItemId);
      const score: PageScore = {
        siteItemId: t.siteItemId,
        match: s && typeof s.match === 'number' && Number.isFinite(s.match) ? s.match : null,
        why: s && Array.isArray(s.why) ? s.why.filter((w): w is string => typeof w === 'string') : [],
      };
      cache.set(t.siteItemId, score);
      got.set(t.siteItemId, score);
    }
    opts.onScores(got);
  }

  function flush() {
    timer = null;
    if (stopped) return;
    firstFlushDone = true;
    const all = [...queue.values()];
    const firstQueuedAt = queuedAt;
    queue = new Map();
    // Lead with small batches only when nothing is being scored (else the engine is busy anyway).
    const t = now();
    const lead = inFlight.size === 0 && t - lastSentAt >= QUIET_MS ? LEAD_BATCHES : [];
    lastSentAt = t;
    for (let i = 0, k = 0; i < all.length; k++) {
      const size = Math.min(max, lead[k] ?? max);
      const batch = all.slice(i, i + size);
      i += size;
      for (const t of batch) inFlight.add(t.siteItemId);
      void sendBatch(batch, firstQueuedAt).finally(sendHeld);
    }
  }

  /** The coalescing window closed: send, unless a batch is in flight (then its reply sends, or MAX_HOLD_MS does). */
  function tick() {
    timer = null;
    if (stopped || queue.size === 0) return;
    const held = now() - queuedAt;
    if (inFlight.size > 0 && held < MAX_HOLD_MS) {
      timer = setTimeout(tick, MAX_HOLD_MS - held);
      return;
    }
    flush();
  }

  /** A reply came back: the titles held for it go now, if nothing else is in flight. */
  function sendHeld() {
    if (stopped || inFlight.size > 0 || queue.size === 0 || !firstFlushDone) return;
    if (timer) clearTimeout(timer);
    flush();
  }

  return {
    get: (id) => cache.get(id),
    want(title) {
      const id = title.siteItemId;
      if (stopped || cache.has(id) || inFlight.has(id) || queue.has(id)) return;
      if (queue.size === 0) queuedAt = now();
      queue.set(id, title);
      if (queue.size >= max) {
        if (timer) clearTimeout(timer);
        flush();
      } else if (!firstFlushDone) {
        if (!firstFlushQueued) {
          firstFlushQueued = true;
          queueMicrotask(() => {
            if (!firstFlushDone) flush();
          });
        }
      } else if (!timer) {
        timer = setTimeout(tick, delay);
      }
    },
    invalidate() {
      generation++;
      cache.clear();
      inFlight.clear();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      queue.clear();
    },
  };
}
