/**
 * Bounds and predicates on what is stored, in a module of their own (no schema library) so
 * the content script can clamp to them without carrying zod into every page. The zod
 * schemas (records.ts, protocol.ts) are built from these same values and predicates.
 */
export const LIMITS = {
  text: 500, // titles, queries
  longText: 2_000, // descriptions
  url: 2_048,
  id: 256, // what a page hands us (a site's item id, a session or search id)
  /**
   * Ids and keys the store composes: `${site}:${siteItemId}` (253 + 1 + 256), a title key. An
   * import must accept everything recording can write, or an export would not import back.
   */
  storedId: 510,
  genres: 16,
  genre: 64,
  site: 253, // a DNS name's longest form
} as const;

/** Where match badges show: on every tile, on hover only, or nowhere. */
export const BADGE_MODES = ['on', 'hover', 'off'] as const;

export const TITLE_KINDS = ['movie', 'series', 'episode', 'video', 'unknown'] as const;

/** Plausible release years: the first films to the far future a catalog may list. */
export const YEAR_RANGE = { min: 1870, max: 2100 } as const;

export function isPlausibleYear(year: unknown): year is number {
  return Number.isInteger(year) && (year as number) >= YEAR_RANGE.min && (year as number) <= YEAR_RANGE.max;
}

/** Only http(s) links are stored: a `javascript:` or `data:` URL from a page never is. */
export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** A site is the page's host without a leading "www." (e.g. "youtube.com", "localhost:5178", "[::1]:80"). */
export const SITE_CHARS = /^[a-z0-9.\-:[\]]+$/;

export function isSite(site: string): boolean {
  return site.length >= 1 && site.length <= LIMITS.site && SITE_CHARS.test(site);
}
