/**
 * Small DOM readers shared by adapters: query including the root, image URLs from `<img>`
 * (lazy-loading attributes included) and inline background images. No layout reads here:
 * these run on every DOM batch.
 */
import { absoluteHttpUrl, baseOf } from './url';

/** Elements matching `selector` in or under `root` (root itself included), in document order. */
export function queryAllIncludingRoot<E extends Element = Element>(root: ParentNode, selector: string): E[] {
  const out: E[] = [];
  if ((root as Element).matches?.(selector)) out.push(root as E);
  for (const el of Array.from(root.querySelectorAll<E>(selector))) out.push(el);
  return out;
}

const LAZY_ATTRS = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-img', 'data-image'];

function firstSrcsetUrl(srcset: string | null): string | null {
  if (!srcset) return null;
  const first = srcset.split(',')[0]?.trim().split(/\s+/)[0];
  return first || null;
}

/** The URL an `<img>` shows or will show once lazy-loaded; placeholders (data:) are skipped. */
export function imgUrl(img: Element): string | null {
  const base = baseOf(img);
  // In order of trust, read one at a time: the first usable one ends the search.
  const first = absoluteHttpUrl((img as HTMLImageElement).currentSrc || null, base) ?? absoluteHttpUrl(img.getAttribute('src'), base);
  if (first) return first;
  for (const a of LAZY_ATTRS) {
    const url = absoluteHttpUrl(img.getAttribute(a), base);
    if (url) return url;
  }
  const own = absoluteHttpUrl(firstSrcsetUrl(img.getAttribute('srcset') ?? img.getAttribute('data-srcset')), base);
  return own ?? pictureSourceUrl(img, base);
}

/**
 * A lazy `<picture>` keeps the real URLs on its `<source>`s (`data-srcset` until loaded) while
 * its `<img>` shows a placeholder: the first usable source then.
 */
function pictureSourceUrl(img: Element, base: string | null): string | null {
  const picture = img.parentElement;
  if (picture?.tagName !== 'PICTURE') return null;
  for (let source = picture.firstElementChild; source && source !== img; source = source.nextElementSibling) {
    if (source.tagName !== 'SOURCE') continue;
    const url = absoluteHttpUrl(firstSrcsetUrl(source.getAttribute('srcset') ?? source.getAttribute('data-srcset')), base);
    if (url) return url;
  }
  return null;
}

const BG_URL = /background(?:-image)?\s*:[^;]*?url\(\s*(['"]?)([^'")]+)\1\s*\)/i;
const BG_ATTRS = ['data-bg', 'data-background', 'data-background-image', 'data-bg-src'];

/** The URL of an inline `background-image` (or a lazy-loading data attribute holding one). */
export function backgroundUrl(el: Element): string | null {
  const base = baseOf(el);
  const style = el.getAttribute('style');
  const match = style ? BG_URL.exec(style) : null;
  const fromStyle = match?.[2] ? absoluteHttpUrl(match[2], base) : null;
  if (fromStyle) return fromStyle;
  for (const attr of BG_ATTRS) {
    const raw = el.getAttribute(attr);
    if (!raw) continue;
    const inner = /url\(\s*(['"]?)([^'")]+)\1\s*\)/.exec(raw)?.[2] ?? raw;
    const url = absoluteHttpUrl(inner, base);
    if (url) return url;
  }
  return null;
}

/** Whether an inline style or data attribute gives `el` a background image. */
export function hasBackgroundImage(el: Element): boolean {
  const style = el.getAttribute('style');
  if (style?.includes('url(') && /background/i.test(style)) return true;
  return BG_ATTRS.some((a) => el.hasAttribute(a));
}

/**
 * The parent of `el` in the composed tree: its parent element, or for a top-level element of
 * a shadow tree, the shadow host. (A document's `<html>` and detached nodes have none.)
 */
export function parentAcrossShadow(el: Element): Element | null {
  return el.parentElement ?? (el.parentNode as ShadowRoot | null)?.host ?? null;
}
