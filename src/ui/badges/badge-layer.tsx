/**
 * The badge layer: fed by the tile scanner, it asks the background for match scores in
 * batches and paints an "87% match" badge over the top-right corner of each tile that has
 * one.
 *
 * - Privacy: each badge is an attribute-less host with a closed shadow root (see
 *   shadow-host.ts). A host exists only while a badge is shown (or its rating status is being
 *   announced); the page can see that an empty host exists, never what it says.
 * - Correctness on recycling sites: everything is keyed by the tile element's *current*
 *   siteItemId. A reply for an id the element no longer shows paints nothing on it.
 * - Layout: hosts sit outside the site's markup (children of `<html>`) and are moved with a
 *   transform. One rAF pass reads every rect first, then writes every transform; it runs on
 *   one capturing scroll listener, one resize listener, one ResizeObserver and one
 *   IntersectionObserver for the whole layer, never per badge.
 */
import { render } from 'preact';
import type { TitleInput } from '../../messages/protocol';
import type { BadgeMode, PageScore } from '../../messages/replies';
import { toTitleInput } from '../../record/title-input';
import type { Send } from '../../record/types';
import type { TileInfo } from '../../sites/types';
import { Badge, type Rating } from './badge-view';
import { BADGE_CSS } from './badge-styles';
import { createScoreBatcher } from './score-batcher';
import { createShadowHost, hostParent, type ShadowHost } from './shadow-host';
import { detectTheme, onColorSchemeChange, type Theme } from './theme';
import { record } from './timings';

export const BADGE_TAG = 'tasteful-badge';
/** Tiles smaller than this (either side) get no badge: it would cover the whole tile. */
const MIN_TILE_PX = 48;
/** Inset of the badge from the tile's corner, and its approximate footprint, for the clip test. */
const BADGE_INSET = 6;
const BADGE_W = 96;
const BADGE_H = 24;
/** A badge pushed out of a clipping ancestor by this much or less (a tile grown on hover) is nudged back in. */
const NUDGE_PX = 16;
/** Safety net for layout changes no observer reports (content inserted above, transforms). */
const SWEEP_MS = 1_000;
const MAX_TILE_DEPTH = 32;
const HOVER_SETTLE_MS = 300;
/** Hosts made per frame at most, so a burst of scores never costs one long frame. */
const MAX_CREATE_PER_FRAME = 24;
/** How far outside the viewport a tile still gets its badge made ahead of time. */
const NEAR_PX = 200;
/** How long a badge hidden by a rating keeps its (invisible) status line for screen readers. */
const STATUS_LINGER_MS = 5_000;

export interface BadgeLayerOptions {
  send: Send;
  mode: BadgeMode;
  /** Aborting removes every badge, listener and observer. */
  signal: AbortSignal;
  doc?: Document;
  /** Coalescing window for `rank/page` (ms). */
  batchDelayMs?: number;
}

export interface BadgeLayer {
  /** A tile was recognised, re-inserted, or now shows another title (recycled element). */
  onTile(el: Element, info: TileInfo): void;
  /** The tile left the document or no longer reads as a title. */
  onTileGone(el: Element): void;
  setMode(mode: BadgeMode): void;
  /** Drop cached scores and ask again (the user's data changed). */
  invalidate(): void;
  /** The same layer as a tile-scanner subscriber: `scanner.subscribe(layer.listener, signal)`. */
  readonly listener: {
    onTile(el: Element, info: TileInfo): void;
    onTileChanged(el: Element, info: TileInfo): void;
    onTileCleared(el: Element): void;
  };
}

interface Entry {
  el: Element;
  info: TileInfo;
  input: TitleInput | null;
  seenAt: number;
  painted: boolean;
  host: ShadowHost | null;
  open: boolean;
  /** Last written position and visibility, so unchanged frames write nothing. */
  x: number;
  y: number;
  shown: boolean;
  clippers: Element[] | null;
}

const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function createBadgeLayer(opts: BadgeLayerOptions): BadgeLayer {
  const doc = opts.doc ?? document;
  const win = doc.defaultView ?? window;
  const { signal, send } = opts;
  const now = () => performance.now();
  let mode: BadgeMode = opts.mode;
  let theme: Theme | null = null;
  let destroyed = false;

  const entries = new Map<Element, Entry>();
  const byHost = new Map<Element, Entry>();
  /** Ratings given on this page, by siteItemId (a recycled tile showing it again keeps it). */
  const ratings = new Map<string, Rating | null>();
  const near = new WeakMap<Element, boolean>();
  /** When a tile last came near the viewport: badge latency counts from then, not from page load. */
  const nearSince = new WeakMap<Element, number>();
  /** Tiles that should have a badge but have no host yet: made when they come near the viewport. */
  const waiting = new Set<Entry>();
  const clipsCache = new WeakMap<Element, boolean>();
  let hovered: Element | null = null;
  let focused: Element | null = null;

  record.milestone('layerStart');
  const batcher = createScoreBatcher({
    send: (m) => {
      record.milestone('firstRequest');
      return send(m);
    },
    delayMs: opts.batchDelayMs,
    onBatch: (t) => {
      record.milestone('firstReply');
      record.batch(t);
    },
    onScores(scores) {
      if (destroyed) return;
      for (const e of entries.values()) {
        const id = e.input?.siteItemId;
        if (id && scores.has(id)) renderEntry(e);
      }
    },
  });

  // ---- observers (one each for the whole layer) ---------------------------------------
  const io =
    typeof win.IntersectionObserver === 'function'
      ? new win.IntersectionObserver(
          (records) => {
            for (const r of records) {
              // A tile already near the viewport when first observed (its score just came back)
              // has been waiting since it was reported: its clock starts then, so the latency
              // includes the scoring round trip. Only a tile scrolled near later starts now.
              const firstReport = !near.has(r.target);
              if (r.isIntersecting && near.get(r.target) !== true) nearSince.set(r.target, firstReport ? 0 : now());
              near.set(r.target, r.isIntersecting);
            }
            schedule();
          },
          { rootMargin: `${NEAR_PX}px` },
        )
      : null;
  const ro = typeof win.ResizeObserver === 'function' ? new win.ResizeObserver(() => schedule()) : null;
  if (ro && doc.body) ro.observe(doc.body);

  const listen = { capture: true, passive: true, signal } as const;
  doc.addEventListener('scroll', () => schedule(), listen);
  win.addEventListener('resize', () => schedule(), { passive: true, signal });
  const sweep = win.setInterval(() => {
    if ((byHost.size > 0 || (io === null && waiting.size > 0)) && doc.visibilityState !== 'hidden') schedule();
  }, SWEEP_MS);
  onColorSchemeChange(
    win,
    () => {
      theme = null;
      for (const e of entries.values()) if (e.host) renderEntry(e);
    },
    signal,
  );

  // Hover mode: which tile is under the pointer or holds focus (ours included).
  let hoverListeners: AbortController | null = null;
  function tileOf(target: EventTarget | null): Element | null {
    const node = target as Element | null;
    if (!node || node.nodeType !== 1) return null;
    const ours = byHost.get(node);
    if (ours) return ours.el;
    let el: Element | null = node;
    for (let i = 0; el && i < MAX_TILE_DEPTH; i++, el = el.parentElement) if (entries.has(el)) return el;
    return null;
  }
  function setHoverListeners() {
    const want = mode === 'hover' && !destroyed;
    if (want && !hoverListeners) {
      hoverListeners = new AbortController();
      const o = { capture: true, passive: true, signal: hoverListeners.signal } as const;
      doc.addEventListener('pointerover', (e) => setHovered(tileOf(e.target)), o);
      doc.addEventListener('mouseout', (e) => (e as MouseEvent).relatedTarget === null && setHovered(null), o);
      doc.addEventListener('focusin', (e) => setFocused(tileOf(e.target)), o);
      doc.addEventListener('focusout', (e) => setFocused(tileOf((e as FocusEvent).relatedTarget)), o);
    } else if (!want && hoverListeners) {
      hoverListeners.abort();
      hoverListeners = null;
      hovered = focused = null;
    }
  }
  let settleTimer = 0;
  function setHovered(el: Element | null) {
    if (el === hovered) return;
    hovered = el;
    schedule();
    // Sites grow a hovered tile with a transition no observer reports: measure again after it.
    win.clearTimeout(settleTimer);
    settleTimer = win.setTimeout(schedule, HOVER_SETTLE_MS);
  }
  function setFocused(el: Element | null) {
    if (el === focused) return;
    focused = el;
    schedule();
  }

  // ---- scores and rendering ----------------------------------------------------------
  function currentTheme(from: Element): Theme {
    theme ??= detectTheme(doc, from);
    return theme;
  }

  function isHiddenByRating(e: Entry): boolean {
    const r = e.input ? ratings.get(e.input.siteItemId) : undefined;
    return r === 'down' || r === 'not-interested';
  }

  function scoreFor(e: Entry): PageScore | undefined {
    return e.input ? batcher.get(e.input.siteItemId) : undefined;
  }

  function removeHost(e: Entry) {
    if (!e.host) return;
    render(null, e.host.mount);
    byHost.delete(e.host.host);
    e.host.remove();
    e.host = null;
    e.shown = false;
    e.open = false;
    ro?.unobserve(e.el);
  }

  /** No badge for this tile any more: no host, no observation. */
  function drop(e: Entry) {
    removeHost(e);
    waiting.delete(e);
    io?.unobserve(e.el);
    near.delete(e.el);
  }

  function createHost(e: Entry) {
    const sh = createShadowHost(doc, BADGE_TAG, BADGE_CSS);
    sh.mount.className = 'pos';
    sh.mount.hidden = true;
    // Keys pressed in our menu are ours: do not let the site's bubbling hotkeys act on them.
    for (const type of ['keydown', 'keyup', 'keypress'] as const) sh.root.addEventListener(type, (ev) => ev.stopPropagation());
    e.host = sh;
    e.shown = false;
    e.x = e.y = Number.NaN;
    waiting.delete(e);
    byHost.set(sh.host, e);
    hostParent(doc).appendChild(sh.host);
    ro?.observe(e.el);
    paintBadge(e);
  }

  function renderEntry(e: Entry) {
    if (destroyed) return;
    const score = scoreFor(e);
    const hiddenByRating = isHiddenByRating(e);
    const wanted = mode !== 'off' && !!e.input && !!score && score.match !== null;
    // A badge hidden by the user's rating keeps its host only while it has a status to announce.
    if (!wanted || (hiddenByRating && !e.host)) {
      drop(e);
      return;
    }
    if (!e.host) {
      // Hosts are made only for tiles near the viewport (next frame): a page of 2,000 tiles
      // gets a few dozen hosts, not 2,000.
      if (!waiting.has(e)) {
        waiting.add(e);
        io?.observe(e.el);
      }
      schedule();
      return;
    }
    paintBadge(e);
  }

  function paintBadge(e: Entry) {
    if (!e.host || !e.input) return;
    const score = scoreFor(e);
    if (!score || score.match === null) return;
    const input = e.input;
    const rating = ratings.get(input.siteItemId) ?? null;
    const hiddenByRating = isHiddenByRating(e);
    render(
      <Badge
        theme={currentTheme(e.el)}
        match={score.match}
        why={score.why}
        title={input.title}
        rating={rating}
        hidden={hiddenByRating}
        onRate={(value) => rate(e, input, value)}
        onOpenChange={(open) => setOpen(e, open)}
        onFocusAway={() => focusTile(e.el)}
      />,
      e.host.mount,
    );
    schedule();
  }

  async function rate(e: Entry, input: TitleInput, value: Rating | null): Promise<boolean> {
    const reply = await send({ type: 'rating/set', title: input, value });
    if (!reply.ok || destroyed) return false;
    ratings.set(input.siteItemId, value);
    for (const other of entries.values()) if (other.input?.siteItemId === input.siteItemId && other !== e) renderEntry(other);
    if (e.input?.siteItemId === input.siteItemId) renderEntry(e);
    if (value === 'down' || value === 'not-interested') {
      // Keep the host a few seconds so the polite status is announced, then leave no trace.
      win.setTimeout(() => {
        if (!destroyed && isHiddenByRating(e)) drop(e);
      }, STATUS_LINGER_MS);
    }
    return true;
  }

  function setOpen(e: Entry, open: boolean) {
    e.open = open;
    // The open menu must paint above later badges: move its host to the end.
    const parent = e.host?.host.parentNode;
    if (open && e.host && parent && parent.lastChild !== e.host.host) parent.appendChild(e.host.host);
    schedule();
  }

  function focusTile(el: Element) {
    const target = el.matches(FOCUSABLE) ? el : el.querySelector(FOCUSABLE);
    (target as HTMLElement | null)?.focus?.({ preventScroll: true });
  }

  // ---- positioning: one rAF pass, all reads then all writes ----------------------------
  let raf = 0;
  function schedule() {
    if (raf || destroyed || (byHost.size === 0 && waiting.size === 0)) return;
    raf = win.requestAnimationFrame(frame);
  }

  function visibleByMode(e: Entry): boolean {
    if (mode === 'on') return true;
    if (mode === 'off') return false;
    return e.open || e.el === hovered || e.el === focused;
  }

  function clippersOf(e: Entry): Element[] {
    if (e.clippers) return e.clippers;
    const out: Element[] = [];
    for (let el = e.el.parentElement; el && el !== doc.body && el !== doc.documentElement; el = el.parentElement) {
      let clips = clipsCache.get(el);
      if (clips === undefined) {
        const cs = win.getComputedStyle(el);
        clips = cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
        clipsCache.set(el, clips);
      }
      if (clips) out.push(el);
    }
    e.clippers = out;
    return out;
  }

  function frame() {
    raf = 0;
    if (destroyed) return;
    const start = now();
    const gone: Entry[] = [];
    const plan: { e: Entry; show: boolean; x: number; y: number }[] = [];
    const rects = new Map<Element, DOMRect>();
    const rectOf = (el: Element) => {
      let r = rects.get(el);
      if (!r) rects.set(el, (r = el.getBoundingClientRect()));
      return r;
    };
    let origin: DOMRect | null = null;
    const create: Entry[] = [];
    let more = false;
    const release: Entry[] = [];
    const vw = win.innerWidth;
    const vh = win.innerHeight;
    // Reads.
    for (const e of waiting) {
      if (!e.el.isConnected) {
        gone.push(e);
        continue;
      }
      const n = near.get(e.el);
      if (n === false) continue;
      if (n === undefined) {
        // No IntersectionObserver report yet: judge by geometry.
        const r = rectOf(e.el);
        if (r.bottom < -NEAR_PX || r.top > vh + NEAR_PX || r.right < -NEAR_PX || r.left > vw + NEAR_PX) continue;
      }
      if (create.length < MAX_CREATE_PER_FRAME) create.push(e);
      else more = true;
    }
    for (const e of byHost.values()) {
      if (!e.el.isConnected) {
        gone.push(e);
        continue;
      }
      const host = e.host!;
      if (!host.host.isConnected) hostParent(doc).appendChild(host.host); // the page removed it
      if (isHiddenByRating(e)) {
        // Only the screen-reader status is rendered; it must not be display:none to be read.
        plan.push({ e, show: true, x: e.x, y: e.y });
        continue;
      }
      if (near.get(e.el) === false && !e.open && !host.root.activeElement) {
        release.push(e); // far from the viewport: free the host until it comes back
        continue;
      }
      if (!visibleByMode(e) || near.get(e.el) === false) {
        plan.push({ e, show: false, x: e.x, y: e.y });
        continue;
      }
      origin ??= host.host.getBoundingClientRect();
      const r = rectOf(e.el);
      let show = r.width >= MIN_TILE_PX && r.height >= MIN_TILE_PX;
      // The anchor is the tile's top-right corner; the badge sits inset from it, leftwards.
      let ax = r.right;
      let ay = r.top;
      if (show) {
        // The badge must lie inside every scrolling/clipping ancestor (carousels): nudged in
        // when it sticks out a little (a tile scaled up on hover), hidden when the tile is cut.
        for (const c of clippersOf(e)) {
          const cr = rectOf(c);
          const dx = Math.min(0, cr.right - (ax - BADGE_INSET)) || Math.max(0, cr.left - (ax - BADGE_INSET - BADGE_W));
          const dy = Math.max(0, cr.top - (ay + BADGE_INSET)) || Math.min(0, cr.bottom - (ay + BADGE_INSET + BADGE_H));
          if (Math.abs(dx) > NUDGE_PX || Math.abs(dy) > NUDGE_PX) {
            show = false;
            break;
          }
          ax += dx;
          ay += dy;
        }
      }
      show ||= e.open; // never yank an open menu from under the user
      plan.push({ e, show, x: Math.round(ax - origin.left), y: Math.round(ay - origin.top) });
    }
    // Writes.
    for (const p of plan) {
      const e = p.e;
      const mount = e.host!.mount;
      if (p.show && Number.isFinite(p.x) && (p.x !== e.x || p.y !== e.y)) {
        mount.style.transform = `translate(${p.x}px, ${p.y}px)`;
        e.x = p.x;
        e.y = p.y;
      }
      if (p.show !== e.shown) {
        mount.hidden = !p.show;
        e.shown = p.show;
      }
      if (p.show && !e.painted && !isHiddenByRating(e)) {
        e.painted = true;
        record.milestone('firstPaint');
        record.badgePainted(now() - Math.max(e.seenAt, nearSince.get(e.el) ?? 0));
      }
    }
    for (const e of gone) forget(e.el);
    for (const e of release) {
      removeHost(e);
      waiting.add(e);
    }
    for (const e of create) createHost(e); // positioned by the next frame
    record.frame(now() - start);
    if (more) schedule();
  }

  // ---- tiles in and out -----------------------------------------------------------------
  function forget(el: Element) {
    const e = entries.get(el);
    if (!e) return;
    drop(e);
    entries.delete(el);
    if (hovered === el) hovered = null;
    if (focused === el) focused = null;
  }

  function onTile(el: Element, info: TileInfo) {
    if (destroyed) return;
    const input = toTitleInput(info);
    let e = entries.get(el);
    if (e && e.input?.siteItemId === input?.siteItemId && e.input?.title === input?.title) {
      e.info = info;
      // Re-inserted: make sure it is measured again.
      e.clippers = null;
      if (e.host) schedule();
      else ensure(e);
      return;
    }
    if (e) {
      // A recycled element now shows another title: the old badge goes at once.
      removeHost(e);
      waiting.delete(e);
      e.info = info;
      e.input = input;
      e.seenAt = now();
      e.painted = false;
      e.clippers = null;
    } else {
      e = { el, info, input, seenAt: now(), painted: false, host: null, open: false, x: NaN, y: NaN, shown: false, clippers: null };
      entries.set(el, e);
    }
    record.tileSeen();
    ensure(e);
  }

  /** Paint from the cache, or ask for the score. */
  function ensure(e: Entry) {
    if (!e.input) return;
    if (batcher.get(e.input.siteItemId)) renderEntry(e);
    else if (mode !== 'off') batcher.want(e.input);
  }

  function setMode(next: BadgeMode) {
    record.milestone('modeKnown');
    if (destroyed || next === mode) return;
    mode = next;
    setHoverListeners();
    for (const e of entries.values()) {
      if (mode === 'off') drop(e);
      else ensure(e);
    }
    schedule();
  }

  function invalidate() {
    batcher.invalidate();
    if (mode === 'off') return;
    for (const e of entries.values()) if (e.input) batcher.want(e.input);
  }

  function destroy() {
    destroyed = true;
    batcher.stop();
    if (raf) win.cancelAnimationFrame(raf);
    win.clearInterval(sweep);
    win.clearTimeout(settleTimer);
    io?.disconnect();
    ro?.disconnect();
    hoverListeners?.abort();
    for (const e of entries.values()) removeHost(e);
    entries.clear();
    waiting.clear();
    byHost.clear();
  }
  if (signal.aborted) destroy();
  else signal.addEventListener('abort', destroy, { once: true });
  setHoverListeners();

  return {
    onTile,
    onTileGone: forget,
    setMode,
    invalidate,
    listener: {
      onTile: (el, info) => onTile(el, info),
      onTileChanged: (el, info) => onTile(el, info),
      onTileCleared: (el) => forget(el),
    },
  };
}
