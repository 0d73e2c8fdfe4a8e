/**
 * Checks the panel makes before it trusts anything: that it runs as our own extension page
 * (not loaded into some other origin), and which URLs from the catalog it may use.
 */
import { isSite } from '../../store/limits';

const EXTENSION_PROTOCOLS = new Set(['chrome-extension:', 'moz-extension:', 'safari-web-extension:']);

/** Whether `loc` is a page of the extension whose root URL is `ownRoot` (runtime.getURL('/')). */
export function isExtensionPage(loc: Pick<Location, 'protocol' | 'host' | 'href'>, ownRoot: string): boolean {
  if (!EXTENSION_PROTOCOLS.has(loc.protocol)) return false;
  let own: URL;
  try {
    own = new URL(ownRoot);
  } catch {
    return false; // no extension root to compare with: refuse, the safe answer
  }
  // Compare scheme and host, not `origin`: URL parsers give non-special schemes an opaque origin.
  return own.protocol === loc.protocol && own.host !== '' && own.host === loc.host;
}

/** An absolute http(s) URL, or null. */
export function httpUrl(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2_048) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null; // not a URL: no link is drawn
  }
}

/**
 * A poster URL we may put in `<img src>`: an inline `data:image/…`, or http(s) when
 * `allowRemote`. The extension pages' CSP (wxt.config.ts: `img-src 'self' data: blob:`) blocks
 * remote images, and loading them would be a request of our own, so the panel passes false.
 */
export function imageUrl(raw: string | null | undefined, allowRemote: boolean): string | null {
  if (!raw) return null;
  if (/^data:image\/(png|jpeg|gif|webp|avif|svg\+xml)[;,]/i.test(raw) && raw.length <= 200_000) return raw;
  return allowRemote ? httpUrl(raw) : null;
}

export type PanelTheme = 'light' | 'dark' | null;

/** `?site=…&theme=…` from the panel's own URL (both optional, both validated). */
export function readParams(search: string): { site: string | null; theme: PanelTheme } {
  const p = new URLSearchParams(search);
  const site = p.get('site');
  const theme = p.get('theme');
  return {
    site: site && isSite(site) ? site : null,
    theme: theme === 'light' || theme === 'dark' ? theme : null,
  };
}
