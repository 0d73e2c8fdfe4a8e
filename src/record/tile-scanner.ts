/**
 * Finds title tiles on the page and tells subscribers about them: the recorder (catalog,
 * impressions, search attribution) now, the match badges later.
 *
 * One MutationObserver for the whole document, however many subscribers: every mutation
 * batch only records which nodes changed (cheap, inside the observer callback); the tiles
 * are found and read later in idle time, in slices of at most SLICE_BUDGET_MS with a yield
 * between slices. So a page with thousands of tiles, or one that mutates tiles on every
 * frame, costs at most one short slice per idle period and never a long task.
 *
 * Except the first PROMPT_TILES tiles after the scanner starts: those are what the user looks
 * at when the page appears (and what the badges wait for), and a loading page can go a second
 * or more without an idle period. Their slices run as prompt tasks (same budget, a yield
 * between), so the first badges do not wait for the page to finish loading.
 *
 * Open shadow roots (web-component apps) are scanned and observed like the document, each on
 * its own (see shadow-roots.ts); closed ones are not seen.
 *
 * What the scanner knows about an element is kept in a WeakMap (element → last read id and
 * info), never in DOM attributes: the page could see or forge those, and a WeakMap lets the
 * element be garbage-collected when the page drops it.
 */
import { parentAcrossShadow } from '../sites/shared/dom';
import type { SiteAdapter, TileInfo } from '../sites/types';
import { createShadowRoots, type UpgradeWatchFactory } from './shadow-roots';
import { browserIdleScheduler, browserPromptScheduler, systemClock, type Clock, type IdleScheduler } from './types';

/** Longest slice of scanning work; well under the 50 ms that counts as a long task. */
export const SLICE_BUDGET_MS = 8;
/**
 * Attributes whose change can mean a recycled tile now shows another title (virtualised
 * lists reuse elements and swap href/ids/images/labels).
 */
export const TILE_ATTRIBUTES = ['href', 'data-id', 'data-title-id', 'aria-label', 'title', 'alt', 'src'] as const;
/** Tiles read promptly (not in idle time) after the scanner starts: a few screens' worth. */
export const PROMPT_TILES = 120;
const OBSERVE_OPTIONS: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: [...TILE_ATTRIBUTES] };
/** How far up a mutation target we look for the tile that contains it. */
const MAX_TILE_DEPTH = 32;

export interface ScannedTile {
  el: Element;
  info: TileInfo;
  row: string | null;
}

/**
 * A subscriber. `onTile` fires when an element is first recognised as a tile and again when
 * that element is re-inserted into the document (so observers can re-attach): handle it
 * idempotently per element. `onTileChanged` fires when a recycled element now shows another
 * title; `onTileCleared` when it no longer reads as a title at all.
 */
export interface TileListener {
  onTile?(el: Element, info: TileInfo, row: string | null): void;
  onTileChanged?(el: Element, info: TileInfo, row: string | null, previousId: string): void;
  onTileCleared?(el: Element, previousId: string): void;
}

export interface TileScanner {
  readonly adapter: SiteAdapter;
  /**
   * Start receiving tiles; tiles already known are replayed to the new subscriber (in idle
   * slices, like everything else). Aborting `signal` unsubscribes; the observer stops when
   * the last subscriber leaves.
   */
  subscribe(listener: TileListener, signal: AbortSignal): void;
  /** The known tile that is `node` or contains it (for clicks and key presses on tiles). */
  tileFor(node: Node | null): ScannedTile | null;
  /**
   * Every open shadow root the scanner finds, those known now and those found later (while it
   * runs): for listeners that must sit inside them, as events that are not composed (media
   * events) do not leave a shadow root. A root may be announced again after a restart.
   */
  onShadowRoot(fn: (root: ShadowRoot) => void, signal: AbortSignal): void;
  /**
   * Run one slice of pending work now, in the caller's task (the content script at
   * DOMContentLoaded: the first tiles are read before the page's first layout and paint, not
   * after them). Still at most one slice budget.
   */
  scanNow(): void;
}

export interface ScannerOptions {
  adapter: SiteAdapter;
  doc: Document;
  /** Stops the scanner for good (content script invalidated). */
  signal: AbortSignal;
  idle?: IdleScheduler;
  /** Where the first PROMPT_TILES tiles' slices run; tests that inject `idle` alone get `idle` here too. */
  prompt?: IdleScheduler;
  clock?: Pick<Clock, 'mono'>;
  sliceBudgetMs?: number;
  /**
   * Read the first PROMPT_TILES tiles in the mutation callback itself, in the task that
   * inserted them (the parser's, while a page loads), rather than in a task of their own: their
   * subscribers (the badges) then get them before the frame that first shows them. After them,
   * a document still loading is no longer followed; it is read whole at DOMContentLoaded.
   */
  promptInline?: boolean;
  /** How undefined custom elements are watched for an upgrade (tests); a ResizeObserver by default. */
  watchUpgrades?: UpgradeWatchFactory;
  /** Called after every slice with its duration (tests, benchmarks). */
  onSlice?: (ms: number, items: number) => void;
  /** A subscriber or adapter threw; the scanner carries on. */
  onError?: (err: unknown) => void;
}

interface Mark {
  /** Last read siteItemId; '' when the element matched as a tile but could not be read. */
  id: string;
  tile: ScannedTile | null;
}

type Emit = (fn: (l: TileListener) => void, only?: TileListener) => void;

type WorkItem =
  | { kind: 'tile'; el: Element; inserted: boolean }
  | { kind: 'replay'; el: Element; to: TileListener }
  | { kind: 'root'; node: Node; inserted: boolean };

/**
 * Work waiting for idle time. Sets dedupe: a tile mutated 60 times before we get to it is read once.
 * Known tiles go first (cheapest, and what subscribers wait for), then replays, then added
 * subtrees, then changed ones.
 */
function createPendingWork() {
  let addedRoots = new Set<Node>();
  let changedRoots = new Set<Node>();
  let tileQueue = new Map<Element, boolean>(); // tile → was (re)inserted into the document
  let replays: { el: Element; to: TileListener }[] = [];

  function takeFirst<T>(set: Set<T>): T | undefined {
    const first = set.values().next();
    if (first.done) return undefined;
    set.delete(first.value);
    return first.value;
  }

  return {
    hasWork: () => tileQueue.size > 0 || replays.length > 0 || addedRoots.size > 0 || changedRoots.size > 0,
    addRoot(node: Node, inserted: boolean) {
      (inserted ? addedRoots : changedRoots).add(node);
    },
    /**
     * Whether `node` or an ancestor (within MAX_TILE_DEPTH) waits to be scanned as an added
     * subtree: that scan will find whatever `node` holds. A page being parsed reports every
     * element and text node on its own, so without this a thousand tiles make thousands of
     * one-element scans, each tile found again by its row's.
     */
    inAddedRoot(node: Node): boolean {
      if (!addedRoots.size) return false;
      let p: Node | null = node;
      for (let i = 0; p && i <= MAX_TILE_DEPTH; i++, p = p.parentNode) if (addedRoots.has(p)) return true;
      return false;
    },
    addTile(el: Element, inserted: boolean) {
      tileQueue.set(el, (tileQueue.get(el) ?? false) || inserted);
    },
    addReplay(el: Element, to: TileListener) {
      replays.push({ el, to });
    },
    /** Forget the subtrees and tiles waiting to be read (a whole-document scan follows); replays stay. */
    dropScans() {
      addedRoots = new Set();
      changedRoots = new Set();
      tileQueue = new Map();
    },
    dropReplays(to: TileListener) {
      replays = replays.filter((r) => r.to !== to);
    },
    take(): WorkItem | null {
      const first = tileQueue.entries().next();
      if (!first.done) {
        const [el, inserted] = first.value;
        tileQueue.delete(el);
        return { kind: 'tile', el, inserted };
      }
      const replay = replays.pop();
      if (replay) return { kind: 'replay', ...replay };
      const added = takeFirst(addedRoots);
      if (added) return { kind: 'root', node: added, inserted: true };
      const changed = takeFirst(changedRoots);
      return changed ? { kind: 'root', node: changed, inserted: false } : null;
    },
    clear() {
      addedRoots = new Set();
      changedRoots = new Set();
      tileQueue = new Map();
      replays = [];
    },
  };
}

type PendingWork = ReturnType<typeof createPendingWork>;

/** Records which nodes a mutation batch touched; nothing is read here (this runs inside the observer callback). */
function recordMutations(records: MutationRecord[], pending: PendingWork) {
  for (const r of records) {
    if (r.type === 'attributes') {
      pending.addRoot(r.target, false);
      continue;
    }
    // Inside a subtree already waiting to be scanned as added: that scan covers this record.
    if (pending.inAddedRoot(r.target)) continue;
    let textChanged = false;
    r.addedNodes.forEach((n) => {
      if (n.nodeType === 1) pending.addRoot(n, true);
      else textChanged = true;
    });
    // A tile's text replaced, or a child removed from it: the tile around it may read differently now.
    if (textChanged || r.removedNodes.length > 0) pending.addRoot(r.target, false);
  }
}

/** Tells subscribers what a fresh read of `el` changed, given what it read as before. */
function announceRead(el: Element, prev: Mark | undefined, tile: ScannedTile | null, inserted: boolean, emit: Emit) {
  if (!tile) {
    if (prev?.id) emit((l) => l.onTileCleared?.(el, prev.id));
    return;
  }
  if (!prev?.id) emit((l) => l.onTile?.(el, tile.info, tile.row));
  else if (prev.id !== tile.info.siteItemId) emit((l) => l.onTileChanged?.(el, tile.info, tile.row, prev.id));
  else if (inserted) emit((l) => l.onTile?.(el, tile.info, tile.row));
  // Same id, not re-inserted: nothing new to tell (the fresh info is kept for tileFor).
}

/** Runs `fn`, reporting what it throws to `onError`: a broken subscriber or adapter never stops the scanner. */
function guarded(onError: (err: unknown) => void) {
  return <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (err) {
      onError(err);
      return fallback;
    }
  };
}

/**
 * Runs work items in idle time, in slices that stop before an item would likely overrun the
 * budget, with a yield between slices.
 */
function createSliceRunner(opts: ScannerOptions, work: { stopped(): boolean; hasWork(): boolean; urgent(): boolean; doOne(): void }) {
  const idle = opts.idle ?? browserIdleScheduler;
  const prompt = opts.prompt ?? opts.idle ?? browserPromptScheduler;
  const clock = opts.clock ?? systemClock;
  const budgetMax = opts.sliceBudgetMs ?? SLICE_BUDGET_MS;
  let cancelIdle: (() => void) | null = null;
  let avgItemMs = 0;

  function schedule() {
    if (cancelIdle || work.stopped() || !work.hasWork()) return;
    cancelIdle = (work.urgent() ? prompt : idle)((deadline) => {
      cancelIdle = null;
      slice(deadline.didTimeout ? budgetMax : Math.min(budgetMax, Math.max(1, deadline.timeRemaining())));
    });
  }

  function slice(budget: number) {
    if (work.stopped()) return;
    const start = clock.mono();
    // One clock read per item (the end of one item is the start of the next): on a page of
    // thousands of tiles the reads themselves add up.
    let t = start;
    let items = 0;
    while (work.hasWork()) {
      // Stop before an item that would likely overrun the budget (estimated from recent items).
      if (items > 0 && t - start + avgItemMs > budget) break;
      work.doOne();
      const end = clock.mono();
      avgItemMs = avgItemMs * 0.8 + (end - t) * 0.2;
      t = end;
      items++;
    }
    opts.onSlice?.(t - start, items);
    schedule();
  }

  return {
    schedule,
    /** One slice in the caller's task; whatever is left goes on as scheduled. */
    now() {
      cancelIdle?.();
      cancelIdle = null;
      slice(budgetMax);
    },
    cancel() {
      cancelIdle?.();
      cancelIdle = null;
    },
  };
}

/** The known tile (one with a mark) that is `node` or contains it, across shadow roots. */
function containingTile(node: Node, marks: WeakMap<Element, Mark>): Element | null {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.nodeType === 11 ? ((node as ShadowRoot).host ?? null) : node.parentElement;
  for (let i = 0; el && i < MAX_TILE_DEPTH; i++, el = parentAcrossShadow(el)) {
    if (marks.has(el)) return el;
  }
  return null;
}

/**
 * One scanner's open shadow roots (shadow-roots.ts finds them): each new one is observed by the
 * scanner's observer, queued to be scanned like the document, and announced to `onShadowRoot`.
 */
function scannerShadows(o: {
  opts: ScannerOptions;
  pending: PendingWork;
  guard: ReturnType<typeof guarded>;
  schedule(): void;
  observer(): MutationObserver | null;
}) {
  const { opts, pending, guard } = o;
  const listeners = new Set<(root: ShadowRoot) => void>();
  /** Roots found but not yet walked for hosts of their own. */
  let unwalked = new WeakSet<ShadowRoot>();
  /** The observer follows the document (it is let go while a long page loads). */
  let watching = false;
  const roots = createShadowRoots({
    doc: opts.doc,
    onRoot(root, inserted) {
      const observer = o.observer();
      // Not while the observer is let go: the walk when it resumes finds the root again.
      if (!observer || !watching) return;
      observer.observe(root, OBSERVE_OPTIONS);
      for (const fn of [...listeners]) guard(() => fn(root), undefined);
      unwalked.add(root);
      pending.addRoot(root, inserted);
      o.schedule();
    },
    watchUpgrades: opts.watchUpgrades,
    onError: opts.onError,
  });
  return {
    /** Hosts are looked for only where nodes were added, and in the document and each new root once. */
    discover(root: Node, inserted: boolean) {
      if (inserted || root === opts.doc || unwalked.delete(root as ShadowRoot)) roots.discover(root, inserted);
    },
    known: () => roots.known(),
    /** The observer follows the document again: every root is found anew and observed by it. */
    restart() {
      roots.reset();
      unwalked = new WeakSet();
      watching = true;
    },
    pause() {
      watching = false;
    },
    stop() {
      watching = false;
      roots.reset();
    },
    onShadowRoot(fn: (root: ShadowRoot) => void, signal: AbortSignal) {
      if (signal.aborted) return;
      listeners.add(fn);
      signal.addEventListener('abort', () => listeners.delete(fn), { once: true });
      for (const root of roots.known()) guard(() => fn(root), undefined);
    },
  };
}

export function createTileScanner(opts: ScannerOptions): TileScanner {
  const { adapter, doc } = opts;
  const guard = guarded(opts.onError ?? (() => undefined));

  const listeners = new Set<TileListener>();
  let marks = new WeakMap<Element, Mark>();
  const pending = createPendingWork();
  let observer: MutationObserver | null = null;
  let stopped = false;
  /** Tiles read since the scanner (re)started: the first PROMPT_TILES are read promptly. */
  let tilesRead = 0;
  const work = { stopped: () => stopped, hasWork: () => pending.hasWork(), urgent: () => tilesRead < PROMPT_TILES, doOne };
  const { schedule, cancel, now: sliceNow } = createSliceRunner(opts, work);

  const shadows = scannerShadows({ opts, pending, guard, schedule: () => schedule(), observer: () => observer });

  const emit: Emit = (fn, only) => {
    for (const l of only ? [only] : [...listeners]) guard(() => fn(l), undefined);
  };

  function expandRoot(root: Node, inserted: boolean) {
    if (!root.isConnected) return; // removed again before we got to it
    const around = containingTile(root.nodeType === 1 ? (root.parentElement ?? root) : root, marks);
    if (around && around !== root) pending.addTile(around, false);
    if (root.nodeType !== 1 && root.nodeType !== 9 && root.nodeType !== 11) return;
    guard(() => shadows.discover(root, inserted), undefined);
    const found = guard(() => adapter.findTiles(root as ParentNode), [] as Element[]);
    for (const t of found) pending.addTile(t, inserted);
  }

  function readTile(el: Element, inserted: boolean) {
    if (!el.isConnected) return;
    tilesRead++;
    const info = guard(() => adapter.readTile(el), null);
    const id = info?.siteItemId ?? '';
    const row = info ? guard(() => adapter.readRow(el), null) : null;
    const tile = info ? { el, info, row } : null;
    const prev = marks.get(el);
    marks.set(el, { id, tile });
    announceRead(el, prev, tile, inserted, emit);
  }

  function replay(el: Element, to: TileListener) {
    const tile = marks.get(el)?.tile;
    if (tile && el.isConnected && listeners.has(to)) emit((l) => l.onTile?.(tile.el, tile.info, tile.row), to);
  }

  function doOne(): void {
    const item = pending.take();
    if (!item) return;
    if (item.kind === 'tile') readTile(item.el, item.inserted);
    else if (item.kind === 'replay') replay(item.el, item.to);
    else expandRoot(item.node, item.inserted);
  }

  function start() {
    marks = new WeakMap();
    tilesRead = 0;
    const mo = new MutationObserver((records) => {
      recordMutations(records, pending);
      if (!opts.promptInline) return schedule();
      if (tilesRead < PROMPT_TILES) return sliceNow();
      if (doc.readyState !== 'loading') return schedule();
      // The first screen is read; following the parser node by node through the rest of a
      // long page costs far more than reading it whole, once, when it is parsed.
      mo.disconnect();
      shadows.pause();
      pending.dropScans();
      // Tiles already read and unchanged are not announced again (not "inserted").
      doc.addEventListener('DOMContentLoaded', () => observer === mo && !stopped && watchAll(mo, false), { once: true });
    });
    observer = mo;
    watchAll(mo, true);
  }

  function watchAll(mo: MutationObserver, inserted: boolean) {
    shadows.restart();
    mo.observe(doc, OBSERVE_OPTIONS);
    pending.addRoot(doc, inserted);
    schedule();
  }

  function stop() {
    observer?.disconnect();
    observer = null;
    shadows.stop();
    cancel();
    pending.clear();
    // Forget marks, so that a later subscriber is told about every tile again.
    marks = new WeakMap();
  }

  function destroy() {
    stopped = true;
    listeners.clear();
    stop();
  }
  opts.signal.addEventListener('abort', destroy, { once: true });

  return {
    adapter,
    subscribe(listener, signal) {
      if (stopped || signal.aborted) return;
      const wasIdle = listeners.size === 0;
      listeners.add(listener);
      signal.addEventListener(
        'abort',
        () => {
          listeners.delete(listener);
          pending.dropReplays(listener);
          if (listeners.size === 0) stop();
        },
        { once: true },
      );
      if (wasIdle) {
        start();
        return;
      }
      // Tell the newcomer about tiles already known; unknown ones reach it through the normal flow.
      for (const root of [doc, ...shadows.known()]) {
        for (const el of guard(() => adapter.findTiles(root), [] as Element[])) {
          if (marks.get(el)?.tile) pending.addReplay(el, listener);
        }
      }
      schedule();
    },
    scanNow() {
      if (!stopped && listeners.size > 0 && pending.hasWork()) sliceNow();
    },
    onShadowRoot(fn, signal) {
      if (!stopped) shadows.onShadowRoot(fn, signal);
    },
    tileFor(node) {
      if (!node) return null;
      const el = containingTile(node, marks);
      return el ? (marks.get(el)?.tile ?? null) : null;
    },
  };
}
