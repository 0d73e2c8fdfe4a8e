/**
 * Finding the main player. Pages often carry several media elements (a muted autoplaying
 * preview, a hidden ad, a background loop); the one the user watches is visible and, when
 * there is a choice, not muted. We avoid layout reads where the browser offers
 * `checkVisibility`, which answers from styles.
 */

import { isAdSlot } from './ads';

function isVisible(el: HTMLMediaElement): boolean {
  if (el.closest('[hidden], [aria-hidden="true"]')) return false;
  const check = (el as HTMLElement & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') return check.call(el, { visibilityProperty: true, opacityProperty: false });
  return true;
}

/**
 * First visible, non-muted `<video>`/`<audio>` under `root`; else the first visible one. An ad
 * SDK's own player laid over the content (`isAdSlot`) is never the main media.
 */
export function findMainMedia(root: ParentNode, selector = 'video, audio'): HTMLMediaElement | null {
  const media = Array.from(root.querySelectorAll<HTMLMediaElement>(selector));
  const visible = media.filter((m) => isVisible(m) && !isAdSlot(m));
  return visible.find((m) => !m.muted) ?? visible[0] ?? null;
}
