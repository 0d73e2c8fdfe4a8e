/**
 * The badge layer: fed by the tile scanner, it asks the background for match scores in
 * batches and paints an "87% match" badge over the top-right corner of each tile that has
 * one. This file wires the parts; each has its own module:
 *
 * - badge-painter.ts (what a badge says, ratings), score-batcher.ts (scores, batched) and warm-scores.ts (a page's recent scores, known before
 *   its tiles), entry.ts (what is known per tile), badge-hosts.tsx (the hosts in the page),
 *   badge-frame.ts (the one rAF positioning pass), clipping.ts, near-tracker.ts (on screen,
 *   through the page's one shared IntersectionObserver), hover-tracker.ts (hover mode),
 *   badge-view.tsx (the badge and its menu).
 * - Privacy: each badge is an attribute-less host with a closed shadow root (see
 *   shadow-host.ts). A host exists only while a badge is shown (or its rating status is being
 *   announced); the page can see that an empty host exists, never what it says.
 * - Correctness on recycling sites: everything is keyed by the tile element's *current*
 *   siteItemId. A reply for an id the element no longer shows paints nothing on it.
 * - Layout: one rAF pass reads every rect first, then writes every transform; it runs on one
 *   capturing scroll listener, one resize listener, one ResizeObserver and the shared
 *   IntersectionObserver, never per badge.
 */
import type { BadgeMode } from '../../messages/replies';
import type { ObserverFactory } from '../../record/impressions';
import { toTitleInput } from '../../record/title-input';
import type { Send } from '../../record/types';
import type { TileInfo } from '../../sites/types';
import { createHostSet, type HostSet } from './badge-hosts';
import { runFrame, type FrameContext } from './badge-frame';
import { createBadgePainter, type BadgePainter } from './badge-painter';
import { newEntry, tileOfTarget, upsertEntry, type Entry } from './entry';
import { createHoverTracker, type HoverTracker } from './hover-tracker';
import { createNearTracker, ownObserver, type NearTracker } from './near-tracker';
import { createFrameScheduler } from './frame-scheduler';
import { createScoreSource } from './score-source';
import { record } from './timings';
import type { KnownScores } from './warm-scores';

export { BADGE_TAG } from './entry';

export interface BadgeLayerOptions {
  send: Send;
  /**
   * null: not known yet (the settings are on their way). The layer already collects the tiles
   * the scanner reports, but asks for nothing and paints nothing until `setMode`.
   */
  mode: BadgeMode | null;
  /** Aborting removes every badge, listener and observer. */
  signal: AbortSignal;
  doc?: Document;
  /** Coalescing window for `rank/page` (ms). */
  batchDelayMs?: number;
  /** The page's shared viewport observer (record/viewport-observer.ts); the layer makes its own if absent. */
  observer?: ObserverFactory;
  /** Scores already known for this page (warm-scores.ts): painted without a round trip (and asked for again when stale). */
  known?: KnownScores;
}

export interface BadgeLayer {
  /** A tile was recognised, re-inserted, or now shows another title (recycled element). */
  onTile(el: Element, info: TileInfo): void;
  /** The tile left the document or no longer reads as a title. */
  onTileGone(el: Element): void;
  setMode(mode: BadgeMode): void;
  /** This page's warm scores (warm-scores.ts), when they arrive after the layer started: give them before `setMode`. */
  setKnown(known: KnownScores): void;
  /** Drop cached scores and ask again (the user's data changed). */
  invalidate(): void;
  /** The same layer as a tile-scanner subscriber: `scanner.subscribe(layer.listener, signal)`. */
  readonly listener: {
    onTile(el: Element, info: TileInfo): void;
    onTileChanged(el: Element, info: TileInfo): void;
    onTileCleared(el: Element): void;
  };
}

export function createBadgeLayer(opts: BadgeLayerOptions): BadgeLayer {
  const doc = opts.doc ?? document;
  const win = doc.defaultView ?? window;
  const { signal, send } = opts;
  const now = () => performance.now();
  let mode: BadgeMode | null = opts.mode;
  let destroyed = false;
  const entries = new Map<Element, Entry>();
  /** Tiles that should have a badge but have no host yet: made when they come on screen. */
  const waiting = new Set<Entry>();

  record.milestone('layerStart');
  const scores = createScoreSource({
    send,
    delayMs: opts.batchDelayMs,
    known: opts.known,
    onScores(got) {
      if (destroyed) return;
      for (const e of entries.values()) if (e.input && got.has(e.input.siteItemId)) renderEntry(e);
    },
  });
  const scoreOf = (id: string) => scores.get(id);
  const frames = createFrameScheduler({
    doc,
    win,
    signal,
    hasWork: () => !destroyed && (hosts.byHost.size > 0 || waiting.size > 0),
    wantsSweep: () => hosts.byHost.size > 0 || (!near.available && waiting.size > 0),
    run: () => runFrame(frameContext),
  });
  const schedule = () => frames.schedule();
  const hosts = createHostSet(doc, frames.resize);
  const near = createNearTracker(opts.observer ?? ownObserver(win), now, schedule);
  const hover = createHoverTracker({ doc, win, tileOf: (t) => tileOfTarget(t, hosts.byHost, entries), onChange: schedule });
  const { drop, forget } = entryRemoval(entries, waiting, hosts, near, hover);
  const painter = createBadgePainter({
    doc,
    win,
    send,
    signal,
    hosts,
    scoreOf,
    rerender: (id) => renderWhere(entries, (e) => e.input?.siteItemId === id, renderEntry),
    drop,
    schedule,
    repaintAll: () => renderWhere(entries, (e) => !!e.host, renderEntry),
    destroyed: () => destroyed,
  });
  const frameContext = frameContextOf({ doc, win, hosts, waiting, near, now, painter, visibleByMode, forget });

  function visibleByMode(e: Entry): boolean {
    if (mode === 'on') return true;
    if (mode === 'off' || mode === null) return false;
    return e.open || e.el === hover.hovered() || e.el === hover.focused();
  }

  function renderEntry(e: Entry) {
    if (destroyed) return;
    const score = e.input ? scoreOf(e.input.siteItemId) : undefined;
    const wanted = mode !== 'off' && mode !== null && !!score && score.match !== null;
    // A badge hidden by the user's rating keeps its host only while it has a status to announce.
    if (!wanted || (painter.hiddenByRating(e) && !e.host)) return drop(e);
    if (e.host) painter.paint(e);
    else if (!waiting.has(e)) {
      // Hosts are made only for tiles on screen (next frame): a page of 2,000 tiles gets a few
      // dozen hosts, not 2,000.
      waiting.add(e);
      near.watch(e.el);
    }
    schedule();
  }

  function onTile(el: Element, info: TileInfo) {
    if (destroyed) return;
    const input = toTitleInput(info);
    const { e, same, recycled } = upsertEntry(entries, el, info, input, now());
    if (same) return e.host ? schedule() : ensure(e);
    if (recycled) {
      // A recycled element now shows another title: the old badge goes at once.
      hosts.detach(e);
      waiting.delete(e);
      Object.assign(e, newEntry(el, info, input, now()));
    }
    record.tileSeen();
    record.milestone('firstTile');
    ensure(e);
  }

  /** Paint from what is known, or ask for the score (once the mode is known: setMode ensures every entry). */
  function ensure(e: Entry) {
    if (!e.input || mode === null) return;
    if (scoreOf(e.input.siteItemId)) {
      renderEntry(e);
      // A stale warm score is shown now and replaced by the engine's when it comes.
      if (mode !== 'off') scores.refresh(e.input);
    } else if (mode !== 'off') scores.want(e.input);
  }

  function setMode(next: BadgeMode) {
    record.milestone('modeKnown');
    if (destroyed || next === mode) return;
    mode = next;
    hover.enable(mode === 'hover');
    for (const e of entries.values()) {
      if (mode === 'off') drop(e);
      else ensure(e);
    }
    schedule();
  }

  function invalidate() {
    scores.invalidate();
    if (mode === 'off' || mode === null) return;
    for (const e of entries.values()) if (e.input) scores.want(e.input);
  }

  function destroy() {
    destroyed = true;
    scores.stop();
    frames.stop();
    near.disconnect();
    hover.destroy();
    for (const e of entries.values()) hosts.detach(e);
    entries.clear();
    waiting.clear();
  }
  if (signal.aborted) destroy();
  else signal.addEventListener('abort', destroy, { once: true });
  hover.enable(mode === 'hover');

  return {
    onTile,
    onTileGone: forget,
    setMode,
    setKnown: (known) => scores.setKnown(known),
    invalidate,
    listener: { onTile, onTileChanged: onTile, onTileCleared: forget },
  };
}

function renderWhere(entries: Map<Element, Entry>, pick: (e: Entry) => boolean, render: (e: Entry) => void): void {
  for (const e of entries.values()) if (pick(e)) render(e);
}

/** How a tile's badge goes away: `drop` (no host, no observation) keeps the entry, `forget` (the tile left) removes it too. */
function entryRemoval(entries: Map<Element, Entry>, waiting: Set<Entry>, hosts: HostSet, near: NearTracker, hover: HoverTracker) {
  const drop = (e: Entry): void => {
    hosts.detach(e);
    waiting.delete(e);
    near.unwatch(e.el);
  };
  const forget = (el: Element): void => {
    const e = entries.get(el);
    if (!e) return;
    drop(e);
    entries.delete(el);
    hover.forget(el);
  };
  return { drop, forget };
}

/** What the positioning pass may touch: a host is made for a tile coming on screen and freed (back to waiting) for one far off. */
function frameContextOf(o: {
  doc: Document;
  win: Window;
  hosts: HostSet;
  waiting: Set<Entry>;
  near: NearTracker;
  now(): number;
  painter: BadgePainter;
  visibleByMode(e: Entry): boolean;
  forget(el: Element): void;
}): FrameContext {
  const { hosts, waiting, painter } = o;
  return {
    doc: o.doc,
    win: o.win,
    hosts,
    waiting,
    near: o.near,
    clipCache: new WeakMap(),
    now: o.now,
    hiddenByRating: (e) => painter.hiddenByRating(e),
    visibleByMode: o.visibleByMode,
    create(e) {
      waiting.delete(e);
      hosts.attach(e);
      painter.paint(e);
    },
    release(e) {
      hosts.detach(e);
      waiting.add(e);
    },
    forget: o.forget,
  };
}
