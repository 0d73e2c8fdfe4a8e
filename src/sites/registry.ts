/**
 * Which adapter handles a page. Order matters: the first adapter whose `matches(url)` (or,
 * for self-hosted apps with no fixed host, optional `detect(doc)`) says yes wins; the generic
 * adapter matches every http(s) page and therefore comes last. Adding a site = one folder
 * under src/sites/ plus one line here.
 */
import type { SiteAdapter } from './types';
import { demoAdapter } from './demo';
import { youtubeAdapter } from './youtube';
import { netflixAdapter } from './netflix';
import { jellyfinAdapter } from './jellyfin';
import { genericAdapter } from './generic';
import { withGenericFallback } from './fallback';

export const ADAPTERS: readonly SiteAdapter[] = [
  demoAdapter,
  youtubeAdapter,
  netflixAdapter,
  jellyfinAdapter,
  genericAdapter, // last: matches everything
];

/**
 * Optional page checks: `detect(doc)` recognises an adapter's site from the page when its URL
 * says nothing (self-hosted apps); `confirm(doc)` rejects a page whose URL matched only
 * loosely (the demo adapter matches any localhost port, but a local Jellyfin is not the demo).
 */
function check(adapter: SiteAdapter, which: 'detect' | 'confirm', doc: Document | undefined, fallback: boolean): boolean {
  if (!doc || typeof adapter[which] !== 'function') return fallback;
  try {
    return adapter[which](doc);
  } catch {
    return false; // a page that breaks one adapter's checks must not break picking
  }
}

/**
 * Named adapters come with the generic rules behind them (fallback.ts), except the generic one
 * itself and the demo site's, whose markup ships with this code.
 */
export function pickAdapter(url: URL, doc?: Document, adapters: readonly SiteAdapter[] = ADAPTERS): SiteAdapter {
  for (const adapter of adapters) {
    const byUrl = adapter.matches(url) && check(adapter, 'confirm', doc, true);
    if (!byUrl && !check(adapter, 'detect', doc, false)) continue;
    return adapter === genericAdapter || adapter === demoAdapter ? adapter : withGenericFallback(adapter, genericAdapter);
  }
  return genericAdapter;
}
