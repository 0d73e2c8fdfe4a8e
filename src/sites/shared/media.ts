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
 * First visible, non-muted `<video>`/`<audio>` under `root`; else the first visible one that
 * does not loop; else the first visible one. An ad SDK's own player laid over the content
 * (`isAdSlot`) is never the main media. A looping video is a page's ambience (a muted hero
 * trailer): browsers start the real player muted too when sound is not allowed, and the loop
 * placed first in the page must not take its place.
 */
export function findMainMedia(root: ParentNode, selector = 'video, audio'): HTMLMediaElement | null {
  const media = Array.from(root.querySelectorAll<HTMLMediaElement>(selector));
  const visible = media.filter((m) => isVisible(m) && !isAdSlot(m));
  return visible.find((m) => !m.muted) ?? visible.find((m) => !m.loop) ?? visible[0] ?? null;
}
