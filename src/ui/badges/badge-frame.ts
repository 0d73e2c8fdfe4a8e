/**
 * The positioning pass, one per animation frame for the whole layer: every read first (tile
 * and clipper rects), then every DOM write (new hosts, transforms, visibility). A host made in
 * this frame is positioned in this frame too, so a badge costs one frame after its score, not two.
 */
import { containerOf } from '../../record/viewport-gate';
import { clippersOf, fitInClippers } from './clipping';
import { MAX_CREATE_PER_FRAME, MAX_MEASURE_PER_FRAME, MIN_TILE_PX, NEAR_PX, type Entry } from './entry';
import type { HostSet } from './badge-hosts';
import type { NearTracker } from './near-tracker';
import { record } from './timings';

export interface FrameContext {
  doc: Document;
  win: Window;
  hosts: HostSet;
  /** Tiles that should have a badge but have no host yet. */
  waiting: Set<Entry>;
  near: NearTracker;
  clipCache: WeakMap<Element, boolean>;
  now(): number;
  hiddenByRating(e: Entry): boolean;
  visibleByMode(e: Entry): boolean;
  /** Make the host and render the badge into it (no positioning). */
  create(e: Entry): void;
  /** Free the host of a tile far from the screen; it waits to come back. */
  release(e: Entry): void;
  /** The tile left the document. */
  forget(el: Element): void;
}

interface Plan {
  e: Entry;
  show: boolean;
  /** Anchor in viewport px (NaN: keep the last position). */
  ax: number;
  ay: number;
}

/** Runs one pass; true when more hosts wait to be made (schedule another frame). */
export function runFrame(c: FrameContext): boolean {
  const start = c.now();
  const rects = new Map<Element, DOMRect>();
  const rectOf = (el: Element) => {
    let r = rects.get(el);
    if (!r) rects.set(el, (r = el.getBoundingClientRect()));
    return r;
  };
  const gone: Entry[] = [];
  const release: Entry[] = [];
  const plan: Plan[] = [];
  const create = pickToCreate(c, rectOf, gone);

  // Reads.
  for (const e of c.hosts.byHost.values()) {
    if (!e.el.isConnected) gone.push(e);
    else if (c.hiddenByRating(e))
      plan.push({ e, show: true, ax: Number.NaN, ay: Number.NaN }); // the status line must not be display:none
    else if (c.near.isNear(e.el) === false && !e.open && !e.host!.root.activeElement) release.push(e);
    else plan.push(placeOf(c, e, rectOf));
  }
  for (const e of create.list) plan.push(placeOf(c, e, rectOf));

  // Writes.
  for (const e of create.list) c.create(e);
  for (const e of c.hosts.byHost.values()) c.hosts.reattach(e);
  // The hosts' common origin (they all sit at 0,0 of the same box): read once, after the new
  // hosts went in (one layout when there are new hosts, none otherwise) and before other writes.
  const anyHost = c.hosts.byHost.keys().next();
  const origin = anyHost.done || !plan.some((p) => p.show && Number.isFinite(p.ax)) ? null : anyHost.value.getBoundingClientRect();
  for (const p of plan) {
    const e = p.e;
    if (!e.host) continue;
    if (p.show && Number.isFinite(p.ax) && origin) {
      const x = Math.round(p.ax - origin.left);
      const y = Math.round(p.ay - origin.top);
      if (x !== e.x || y !== e.y) {
        e.host.mount.style.transform = `translate(${x}px, ${y}px)`;
        e.x = x;
        e.y = y;
      }
    }
    const show = p.show;
    if (show !== e.shown) {
      e.host.mount.hidden = !show;
      e.shown = show;
    }
    if (show && !e.painted && !c.hiddenByRating(e)) {
      e.painted = true;
      record.milestone('firstPaint');
      record.badgePainted(Math.max(e.seenAt, c.near.since(e.el)), c.now());
    }
  }
  for (const e of gone) c.forget(e.el);
  for (const e of release) c.release(e);
  record.frame(c.now() - start);
  return create.more;
}

/**
 * Waiting tiles on (or, before any observer report, near) the screen, at most MAX_CREATE_PER_FRAME,
 * those on the screen itself before those only near it (a host for a tile just past the edge
 * must not make one on screen wait a frame: while a page loads, frames can be far apart).
 * Tiles the observer has not reported on yet are measured, at most MAX_MEASURE_PER_FRAME of them
 * (the first reported: the top of the page): while a long page loads, the observer's first
 * reports can take a second, and measuring thousands of tiles every frame cost more than all
 * the rest of the badges. The others wait for their report. A tile found past the screen's
 * right or bottom edge ends its container's measuring for the frame: the tiles after it in
 * the document are further along its row or grid (a page laid out otherwise only waits for
 * its observer reports), so the budget reaches the next rows' first tiles rather than the
 * off-screen end of the first row.
 */
function pickToCreate(c: FrameContext, rectOf: (el: Element) => DOMRect, gone: Entry[]): { list: Entry[]; more: boolean } {
  const onScreen: Entry[] = [];
  const nearOnly: Entry[] = [];
  let measured = 0;
  const vw = c.win.innerWidth;
  const vh = c.win.innerHeight;
  const past = new Set<Element>();
  for (const e of c.waiting) {
    if (!e.el.isConnected) {
      gone.push(e);
      continue;
    }
    const n = c.near.isNear(e.el);
    if (n === false) continue;
    if (n === true) {
      onScreen.push(e);
      continue;
    }
    const box = containerOf(e.el);
    if (box && past.has(box)) continue;
    if (++measured > MAX_MEASURE_PER_FRAME) continue;
    const r = rectOf(e.el);
    if (r.top > vh + NEAR_PX || r.left > vw + NEAR_PX) {
      if (box) past.add(box);
      continue;
    }
    if (r.bottom < -NEAR_PX || r.right < -NEAR_PX) continue;
    (r.bottom > 0 && r.top < vh && r.right > 0 && r.left < vw ? onScreen : nearOnly).push(e);
  }
  const all = onScreen.concat(nearOnly);
  return { list: all.slice(0, MAX_CREATE_PER_FRAME), more: all.length > MAX_CREATE_PER_FRAME };
}

/** Where the badge of `e` goes this frame (viewport px), and whether it shows. */
function placeOf(c: FrameContext, e: Entry, rectOf: (el: Element) => DOMRect): Plan {
  if (!c.visibleByMode(e) || c.near.isNear(e.el) === false) return { e, show: false, ax: Number.NaN, ay: Number.NaN };
  const r = rectOf(e.el);
  let show = r.width >= MIN_TILE_PX && r.height >= MIN_TILE_PX;
  // The anchor is the tile's top-right corner; the badge sits inset from it, leftwards.
  let ax = r.right;
  let ay = r.top;
  if (show) {
    const fit = fitInClippers(ax, ay, clippersOf(e, c.doc, c.win, c.clipCache).map(rectOf));
    ({ show, ax, ay } = fit);
  }
  show ||= e.open; // never yank an open menu from under the user
  return { e, show, ax, ay };
}
