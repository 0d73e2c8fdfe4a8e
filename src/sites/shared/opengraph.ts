/**
 * Open Graph reader: `<meta property="og:*">` and the `video:*` namespace. Single-page sites
 * often leave these stale after in-app navigation, so callers should check og:url against
 * the page before trusting them.
 */
import type { TitleKind } from '../../store/records';

export type OpenGraph = ReadonlyMap<string, string>;

/** First value of each og:/video: property (and twitter:/name= fallbacks some sites use). */
export function readOpenGraph(doc: Document): OpenGraph {
  const out = new Map<string, string>();
  for (const meta of Array.from(doc.querySelectorAll('meta[property], meta[name]'))) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? '').trim().toLowerCase();
    if (!/^(og|video|twitter):/.test(key) || out.has(key)) continue;
    const content = meta.getAttribute('content');
    if (content != null) out.set(key, content.slice(0, 4096));
  }
  return out;
}

/** Title kind from og:type ("video.movie", "video.episode", "video.tv_show", "video.other"). */
export function kindOfOgType(type: string | undefined): TitleKind | null {
  switch (type?.trim().toLowerCase()) {
    case 'video.movie':
      return 'movie';
    case 'video.episode':
      return 'episode';
    case 'video.tv_show':
      return 'series';
    case 'video.other':
    case 'video':
      return 'video';
    default:
      return null;
  }
}
