/**
 * URLs read from a page are made absolute against the page and kept only when they are
 * http(s): `javascript:`, `data:`, `blob:` and friends never leave an adapter.
 */
import { CAPS } from './text';

/**
 * A path (and query) the URL parser keeps exactly as written: no dot segments, no characters
 * it would escape (a query escapes `'`), no fragment. Anything else takes the parser's way.
 */
const PLAIN_TAIL = /^\/(?!\/)[\w\-.~!$&()*+,;=:@%/]*(?:\?[\w\-.~!$&()*+,;=:@%/?]*)?$/;
const DOT_SEGMENT = /\/\.|%2e/i;
/** An absolute http(s) URL whose scheme, host and port are already as the parser writes them. */
const PLAIN_ABSOLUTE = /^(https?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::([1-9]\d{0,4}))?(\/.*)$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

const plainTail = (tail: string) => PLAIN_TAIL.test(tail) && !DOT_SEGMENT.test(tail);

function plainAbsolute(raw: string): boolean {
  const m = PLAIN_ABSOLUTE.exec(raw);
  if (!m) return false;
  const [, scheme, host, port, tail] = m as unknown as [string, string, string, string | undefined, string];
  if (host.includes('xn--')) return false; // punycode is checked by the parser
  // A host ending in a number is an IPv4 address, which the parser rewrites unless it is already dotted-decimal.
  if (/^(?:\d|0x)/i.test(host.slice(host.lastIndexOf('.') + 1)) && !IPV4.test(host)) return false;
  if (port !== undefined && (Number(port) > 65535 || port === (scheme === 'http' ? '80' : '443'))) return false;
  return plainTail(tail);
}

/** The origin to prefix a plain path with: only for a base that is a canonical http(s) URL without credentials. */
let lastBase: { base: string; origin: string | null } | null = null;
function originOf(base: string): string | null {
  if (lastBase?.base === base) return lastBase.origin;
  let origin: string | null = null;
  try {
    const u = new URL(base);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.href === base && !u.username && !u.password) origin = `${u.protocol}//${u.host}`;
  } catch {
    origin = null; // not a URL: the parser's way decides (and fails)
  }
  lastBase = { base, origin };
  return origin;
}

/**
 * What the URL parser would return, without it, for the common shapes (an absolute URL already
 * in canonical form, a root-relative path against a plain base): tiles carry a few URLs each,
 * and parsing thousands of them was a large part of reading a page. null: ask the parser.
 */
function fastHref(raw: string, base: string | URL | null | undefined): string | null {
  if (raw.charCodeAt(0) === 104 /* h */) return plainAbsolute(raw) ? raw : null;
  if (typeof base !== 'string' || raw.charCodeAt(0) !== 47 /* / */ || !plainTail(raw)) return null;
  const origin = originOf(base);
  return origin === null ? null : origin + raw;
}

/** Absolute http(s) URL for `raw` resolved against `base`, or null. */
export function absoluteHttpUrl(raw: string | null | undefined, base: string | URL | null | undefined): string | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  if (!trimmed || trimmed.length > CAPS.url) return null;
  const fast = fastHref(trimmed, base);
  if (fast !== null) return fast.length <= CAPS.url ? fast : null;
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

/** Parse an absolute URL string; null when it is not one. */
export function parseUrl(href: string | null | undefined): URL | null {
  if (!href) return null;
  try {
    return new URL(href);
  } catch {
    return null; // not a URL: the link names nothing
  }
}
