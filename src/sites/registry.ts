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

export const ADAPTERS: readonly SiteAdapter[] = [
  demoAdapter,
  youtubeAdapter,
  netflixAdapter,
  jellyfinAdapter,
  genericAdapter, // last: matches everything
];

/** An adapter may add `detect(doc)` to be recognised from the page when its URL says nothing. */
type MaybeDetecting = SiteAdapter & { detect?: (doc: Document) => boolean };

function detects(adapter: MaybeDetecting, doc: Document | undefined): boolean {
  if (!doc || typeof adapter.detect !== 'function') return false;
  try {
    return adapter.detect(doc);
  } catch {
    return false; // a page that breaks one adapter's detection must not break picking
  }
}

export function pickAdapter(url: URL, doc?: Document, adapters: readonly SiteAdapter[] = ADAPTERS): SiteAdapter {
  for (const adapter of adapters) {
    if (adapter.matches(url) || detects(adapter, doc)) return adapter;
  }
  return genericAdapter;
}
