/**
 * URLs read from a page are made absolute against the page and kept only when they are
 * http(s): `javascript:`, `data:`, `blob:` and friends never leave an adapter.
 */
import { CAPS } from './text';

/** Absolute http(s) URL for `raw` resolved against `base`, or null. */
export function absoluteHttpUrl(raw: string | null | undefined, base: string | URL | null | undefined): string | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  if (!trimmed || trimmed.length > CAPS.url) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const href = url.href;
  return href.length <= CAPS.url ? href : null;
}

/** The base to resolve an element's URLs against (its document's base URI). */
export function baseOf(node: Node): string | null {
  const doc = node.ownerDocument ?? (node as Document);
  const base = doc?.baseURI ?? null;
  return base && base !== 'about:blank' ? base : null;
}

/** An element's attribute as an absolute http(s) URL. */
export function urlAttr(el: Element | null | undefined, name: string): string | null {
  if (!el) return null;
  return absoluteHttpUrl(el.getAttribute(name), baseOf(el));
}

/** Parse an absolute URL string; null when it is not one. */
export function parseUrl(href: string | null | undefined): URL | null {
  if (!href) return null;
  try {
    return new URL(href);
  } catch {
    return null;
  }
}
