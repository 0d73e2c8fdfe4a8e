/** What the badge layer knows about one tile, and the layer's shared constants. */
import type { TitleInput } from '../../messages/protocol';
import { parentAcrossShadow } from '../../sites/shared/dom';
import type { TileInfo } from '../../sites/types';
import type { ShadowHost } from './shadow-host';

export const BADGE_TAG = 'tasteful-badge';
/** Tiles smaller than this (either side) get no badge: it would cover the whole tile. */
export const MIN_TILE_PX = 48;
/** Hosts made per frame at most, so a burst of scores never costs one long frame. */
export const MAX_CREATE_PER_FRAME = 24;
/** Tiles measured per frame at most while the observer has not reported on them (badge-frame.ts). */
export const MAX_MEASURE_PER_FRAME = 96;
/** How far outside the viewport a tile still gets its badge made (when no observer report exists yet). */
export const NEAR_PX = 200;
const MAX_TILE_DEPTH = 32;

export interface Entry {
  el: Element;
  info: TileInfo;
  input: TitleInput | null;
  /** When the tile was reported; badge latency counts from then (or from when it came on screen). */
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

export function newEntry(el: Element, info: TileInfo, input: TitleInput | null, seenAt: number): Entry {
  return { el, info, input, seenAt, painted: false, host: null, open: false, x: Number.NaN, y: Number.NaN, shown: false, clippers: null };
}

/**
 * The entry for a tile the scanner reported: `same` when the element still shows the title it
 * had (re-inserted), else a fresh state (a new tile, or a recycled element showing another title,
 * whose old badge the caller removes first: `recycled`).
 */
export function upsertEntry(
  entries: Map<Element, Entry>,
  el: Element,
  info: TileInfo,
  input: TitleInput | null,
  now: number,
): { e: Entry; same: boolean; recycled: Entry | null } {
  const e = entries.get(el);
  if (e && e.input?.siteItemId === input?.siteItemId && e.input?.title === input?.title) {
    e.info = info;
    e.clippers = null; // re-inserted: measured again
    return { e, same: true, recycled: null };
  }
  const fresh = newEntry(el, info, input, now);
  if (!e) {
    entries.set(el, fresh);
    return { e: fresh, same: false, recycled: null };
  }
  return { e, same: false, recycled: e };
}

/** The tile an event target is, or is inside, or whose badge (our host) it is. */
export function tileOfTarget(target: EventTarget | null, byHost: ReadonlyMap<Element, Entry>, entries: ReadonlyMap<Element, Entry>): Element | null {
  const node = target as Element | null;
  if (node?.nodeType !== 1) return null;
  const ours = byHost.get(node);
  if (ours) return ours.el;
  let el: Element | null = node;
  for (let i = 0; el && i < MAX_TILE_DEPTH; i++, el = parentAcrossShadow(el)) if (entries.has(el)) return el;
  return null;
}
