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
    return null; // not a URL: the link names nothing
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const href = url.href;
  return href.length <= CAPS.url ? href : null;
}

// Document#baseURI is slow in some DOM implementations (a full-tree search per call), and
// tiles resolve several URLs each; the base is cached per document until its URL changes.
const bases = new WeakMap<Document, { url: string; base: string | null }>();

/** The base to resolve an element's URLs against: the document's `<base href>`, else its URL. */
export function baseOf(node: Node): string | null {
  const doc = node.ownerDocument ?? (node as Document);
  if (!doc) return null;
  const url = doc.URL;
  const cached = bases.get(doc);
  if (cached && cached.url === url) return cached.base;
  const baseHref = doc.head?.querySelector('base[href]')?.getAttribute('href') ?? null;
  let base: string | null = url && url !== 'about:blank' ? url : null;
  if (baseHref) {
    try {
      base = new URL(baseHref, base ?? undefined).href;
    } catch {
      // An invalid <base> is ignored, as browsers do.
    }
  }
  bases.set(doc, { url, base });
  return base;
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
    return null; // not a URL: the link names nothing
  }
}
