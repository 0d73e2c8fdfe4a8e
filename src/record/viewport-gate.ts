/**
 * Which tiles are worth an exact IntersectionObserver observation: those whose container (a
 * row, a grid) is within a screen of the viewport. An observer costs main-thread time for every
 * target at every frame that changes layout (a loading page: every frame), so observing all
 * 2,000 tiles of a page costs far more than observing its 40 rows and the tiles of the two or
 * three rows near the screen. A tile in a far container cannot be visible, so it is reported
 * as not intersecting without being observed; when its container comes within a screen, the
 * tile is observed for real and its exact reports (half visible, on screen) follow.
 *
 * A container is the tile's parent, or the first ancestor with more than one element child
 * (a tile wrapped alone in an `<li>` is grouped by the list; a tile at the top of a card
 * component's shadow root is wrapped by the host, so it is grouped by the host's row). Tiles
 * directly in `<body>` have no container and are always observed. A container without a box
 * (zero width or height: floats, `display: contents`, absolutely placed children) says nothing
 * about where its tiles are, so its tiles are always observed too.
 */
import { parentAcrossShadow } from '../sites/shared/dom';
import type { ObserverLike } from './impressions';

export type GateEntry = Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'boundingClientRect'>;
/** An observer of containers, with a margin of about a screen around the viewport. */
export type GateObserverFactory = (cb: (entries: GateEntry[]) => void) => ObserverLike;

/** A container this close to the viewport (half a screen, either side: far more than a fast scroll moves in the frame or two before its tiles' first reports) has its tiles observed. */
export const GATE_MARGIN = '50% 50%';
/** How far up a tile's single-child wrappers we look for its container. */
const MAX_WRAPPER_DEPTH = 4;

export const browserGateObserver =
  (win: Window): GateObserverFactory =>
  (cb) =>
    new (win as Window & typeof globalThis).IntersectionObserver(cb, { threshold: [0], rootMargin: GATE_MARGIN });

/** The container that gates `el`, or null when it has none worth gating by. */
export function containerOf(el: Element): Element | null {
  let child = el;
  let p = parentAcrossShadow(el);
  // A host reached from its shadow root wraps what is inside it, whatever its light children.
  for (let i = 0; p && i < MAX_WRAPPER_DEPTH && (p.childElementCount === 1 || child.parentNode !== p); i++) {
    child = p;
    p = parentAcrossShadow(p);
  }
  const doc = el.ownerDocument;
  if (!p || p === doc.body || p === doc.documentElement) return null;
  return p;
}

interface Group {
  members: Set<Element>;
  /** undefined until the container's first report. */
  near: boolean | undefined;
}

export interface ViewportGate {
  /** Gate `el`: `open` now if it has no container or its container is near, `close` (in a batch) if far. */
  add(el: Element): void;
  remove(el: Element): void;
  disconnect(): void;
}

export function createViewportGate(o: {
  make: GateObserverFactory;
  /** Observe these for real. */
  open(els: Element[]): void;
  /** Stop observing these: they cannot be on screen. */
  close(els: Element[]): void;
}): ViewportGate {
  const groups = new Map<Element, Group>();
  const groupOf = new Map<Element, Element>();
  const io = o.make((entries) => {
    for (const e of entries) {
      const g = groups.get(e.target);
      if (!g) continue;
      const r = e.boundingClientRect;
      const near = e.isIntersecting || r.width === 0 || r.height === 0;
      if (g.near === near) continue;
      g.near = near;
      (near ? o.open : o.close)([...g.members]);
    }
  });

  return {
    add(el) {
      if (groupOf.has(el)) return;
      const c = containerOf(el);
      if (!c) return o.open([el]);
      let g = groups.get(c);
      if (!g) {
        groups.set(c, (g = { members: new Set(), near: undefined }));
        io.observe(c);
      }
      g.members.add(el);
      groupOf.set(el, c);
      if (g.near === true) o.open([el]);
      else if (g.near === false) o.close([el]);
    },
    remove(el) {
      const c = groupOf.get(el);
      if (!c) return;
      groupOf.delete(el);
      const g = groups.get(c);
      if (!g?.members.delete(el) || g.members.size > 0) return;
      groups.delete(c);
      io.unobserve(c);
    },
    disconnect() {
      io.disconnect();
      groups.clear();
      groupOf.clear();
    },
  };
}
