import type { TileInfo } from '../sites/types';
import { onTileActivated } from './activation';
import type { TileScanner } from './tile-scanner';
import { toTitleInput } from './title-input';
import type { PageEnv } from './types';
import { localDay } from '../store/local-day';

export const VISIBLE_RATIO = 0.5;
export const MIN_VISIBLE_MS = 1_000;
export const CAP_PER_TITLE_PER_DAY = 3;
/** At most this many impressions per message (the protocol's limit). */
export const MAX_PER_MESSAGE = 200;
/** Impressions are not urgent: they are sent in batches at most this often. */
export const FLUSH_MS = 5_000;

export interface Impression {
  title: TileInfo;
  row: string | null;
}

interface Entry {
  title: TileInfo;
  row: string | null;
  since: number | null; // null while the tab is hidden
  acc: number;
  done: boolean;
}

/** The visibility clock, without the DOM: fed enter/leave/pause/resume with times. */
export class ImpressionTracker {
  private visible = new Map<Element, Entry>();
  private opened = new Set<string>();
  private counts = new Map<string, { day: string; n: number }>();
  private paused = false;

  enter(el: Element, title: TileInfo, row: string | null, at: number): void {
    const cur = this.visible.get(el);
    if (cur && cur.title.siteItemId === title.siteItemId) return;
    this.visible.set(el, { title, row, since: this.paused ? null : at, acc: 0, done: false });
  }

  leave(el: Element): void {
    this.visible.delete(el);
  }

  isVisible(el: Element): boolean {
    return this.visible.has(el);
  }

  pause(at: number): void {
    if (this.paused) return;
    this.paused = true;
    for (const e of this.visible.values()) {
      if (e.since !== null) e.acc += at - e.since;
      e.since = null;
    }
  }

  resume(at: number): void {
    if (!this.paused) return;
    this.paused = false;
    for (const e of this.visible.values()) e.since = at;
  }

  /** The title was opened: no impression for it on this page, now or later. */
  open(siteItemId: string): void {
    this.opened.add(siteItemId);
  }

  isOpened(siteItemId: string): boolean {
    return this.opened.has(siteItemId);
  }

  /** Impressions that became due by `at` (monotonic ms); `wall` picks the day for the cap. */
  due(at: number, wall: number): Impression[] {
    const out: Impression[] = [];
    const day = localDay(wall);
    for (const e of this.visible.values()) {
      if (e.done || this.shown(e, at) < MIN_VISIBLE_MS) continue;
      e.done = true; // once per stay in the viewport
      const id = e.title.siteItemId;
      if (this.opened.has(id)) continue;
      const c = this.counts.get(id);
      const n = c && c.day === day ? c.n : 0;
      if (n >= CAP_PER_TITLE_PER_DAY) continue;
      this.counts.set(id, { day, n: n + 1 });
      out.push({ title: e.title, row: e.row });
    }
    return out;
  }

  /** Milliseconds until the next impression could become due, or null if none can. */
  nextDueIn(at: number): number | null {
    let best: number | null = null;
    for (const e of this.visible.values()) {
      if (e.done || e.since === null) continue;
      const left = Math.max(0, MIN_VISIBLE_MS - this.shown(e, at));
      best = best === null ? left : Math.min(best, left);
    }
    return best;
  }

  private shown(e: Entry, at: number) {
    return e.acc + (e.since === null ? 0 : at - e.since);
  }
}

export interface ObserverLike {
  observe(el: Element): void;
  unobserve(el: Element): void;
  disconnect(): void;
}
export type ObserverFactory = (
  cb: (entries: Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'intersectionRatio'>[]) => void,
) => ObserverLike;

const browserObserver: ObserverFactory = (cb) => new IntersectionObserver(cb, { threshold: [VISIBLE_RATIO] });

export interface ImpressionDeps extends PageEnv {
  scanner: TileScanner;
  makeObserver?: ObserverFactory;
}

export function startImpressions(deps: ImpressionDeps): { tracker: ImpressionTracker; flush(): void } {
  const { scanner, doc, win, signal, clock } = deps;
  const tracker = new ImpressionTracker();
  const tiles = new WeakMap<Element, { info: TileInfo; row: string | null }>();
  let pending: Impression[] = [];
  let dueTimer: number | null = null;
  let flushTimer: number | null = null;

  function flush() {
    if (flushTimer !== null) win.clearTimeout(flushTimer);
    flushTimer = null;
    const batch = pending.filter((p) => !tracker.isOpened(p.title.siteItemId));
    pending = [];
    const items = batch.flatMap((p) => {
      const title = toTitleInput(p.title);
      return title ? [{ title, row: p.row ? p.row.slice(0, 500) : null }] : [];
    });
    for (let i = 0; i < items.length; i += MAX_PER_MESSAGE) {
      void deps.send({ type: 'impressions/record', impressions: items.slice(i, i + MAX_PER_MESSAGE), ctx: deps.context() });
    }
  }

  function check() {
    dueTimer = null;
    if (signal.aborted) return;
    const found = tracker.due(clock.mono(), clock.now());
    if (found.length) {
      pending.push(...found);
      if (pending.length >= MAX_PER_MESSAGE) flush();
      else if (flushTimer === null) flushTimer = win.setTimeout(flush, FLUSH_MS);
    }
    plan();
  }

  function plan() {
    if (dueTimer !== null) win.clearTimeout(dueTimer);
    dueTimer = null;
    const wait = tracker.nextDueIn(clock.mono());
    if (wait !== null) dueTimer = win.setTimeout(check, wait + 1);
  }

  const io = (deps.makeObserver ?? browserObserver)((entries) => {
    const at = clock.mono();
    for (const e of entries) {
      const tile = tiles.get(e.target);
      if (tile && e.isIntersecting && e.intersectionRatio >= VISIBLE_RATIO) tracker.enter(e.target, tile.info, tile.row, at);
      else tracker.leave(e.target);
      // Detached tiles are let go; the scanner announces them again if they come back.
      if (!e.target.isConnected) io.unobserve(e.target);
    }
    plan();
  });

  scanner.subscribe(
    {
      onTile(el, info, row) {
        tiles.set(el, { info, row });
        io.observe(el);
      },
      onTileChanged(el, info, row) {
        tiles.set(el, { info, row });
        // A recycled tile still on screen shows a new title: its clock starts again.
        if (tracker.isVisible(el)) {
          tracker.leave(el);
          tracker.enter(el, info, row, clock.mono());
          plan();
        }
      },
      onTileCleared(el) {
        tiles.delete(el);
        tracker.leave(el);
        io.unobserve(el);
      },
    },
    signal,
  );

  onTileActivated(doc, scanner, signal, (tile) => tracker.open(tile.info.siteItemId));

  if (doc.visibilityState === 'hidden') tracker.pause(clock.mono());
  doc.addEventListener(
    'visibilitychange',
    () => {
      if (doc.visibilityState === 'hidden') {
        tracker.pause(clock.mono());
        flush(); // the tab may never come back
      } else tracker.resume(clock.mono());
      plan();
    },
    { signal },
  );
  win.addEventListener('pagehide', flush, { signal });

  signal.addEventListener(
    'abort',
    () => {
      io.disconnect();
      if (dueTimer !== null) win.clearTimeout(dueTimer);
      if (flushTimer !== null) win.clearTimeout(flushTimer);
      pending = []; // recording stopped: nothing more is sent
    },
    { once: true },
  );

  return { tracker, flush };
}
