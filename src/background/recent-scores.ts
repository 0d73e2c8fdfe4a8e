/**
 * The badge scores each page URL got recently, kept in the background's memory only (never
 * stored, gone when the background sleeps), so a page visited again paints its badges from
 * `rank/recent` — asked at document start — without waiting for the engine.
 *
 * A score is never served across a strong change (a watch ended, a rating, an import, a
 * delete, a wipe). Weak changes (impressions, titles seen) are folded into the data version at
 * most every 30 s, so while the user browses the version moves every 30 s: scores made at an
 * older version with no strong change since, and at most MAX_STALE_MS old, are still served,
 * marked stale — the page paints them at once and asks the engine again for those titles
 * (they shift by little; without this, a page visited again after half a minute waited for
 * the engine as on a first visit). Bounded: MAX_PAGES URLs (least recently used go first),
 * MAX_PER_PAGE scores each (the first asked for: the top of the page).
 */
import { Lru } from '../engine/lru';
import type { PageScore } from '../messages/replies';

export const MAX_PAGES = 32;
export const MAX_PER_PAGE = 1_000;
/** Scores made at an older data version are served (stale) for this long at most, if no strong change came since. */
export const MAX_STALE_MS = 5 * 60_000;

/** When scores were made: the data version, the count of strong changes (store-version.ts), the clock. */
export interface ScoreStamp {
  version: number;
  strong: number;
  now: number;
}

interface PageEntry {
  version: number;
  strong: number;
  /** When the entry was made at its version. */
  at: number;
  scores: Map<string, PageScore>;
}

const pages = new Lru<string, PageEntry>(MAX_PAGES);

/** The part of a URL that names the page (no fragment: it does not change the tiles). */
function pageKey(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(0, hash) : url;
}

export function rememberScores(url: string, stamp: ScoreStamp, scores: readonly PageScore[]): void {
  const key = pageKey(url);
  let entry = pages.peek(key);
  if (entry && (entry.version !== stamp.version || entry.strong !== stamp.strong)) entry = undefined; // older scores of this page: replaced
  if (!entry) entry = { version: stamp.version, strong: stamp.strong, at: stamp.now, scores: new Map() };
  pages.set(key, entry); // most recently used
  // Full: known titles are updated, new ones not kept. A page asks in page order, so what is
  // kept is the top of the page, which a visit shows first (dropping the oldest instead would
  // keep the bottom of a long page and leave its first screen to the engine).
  for (const s of scores) if (entry.scores.has(s.siteItemId) || entry.scores.size < MAX_PER_PAGE) entry.scores.set(s.siteItemId, s);
}

/**
 * This page's scores: made at the current version (`stale` false), or at an older one with no
 * strong change since and within MAX_STALE_MS (`stale` true); none otherwise.
 */
export function recentScores(url: string, stamp: ScoreStamp): { scores: PageScore[]; stale: boolean } {
  const entry = pages.get(pageKey(url));
  if (!entry || entry.strong !== stamp.strong) return { scores: [], stale: false };
  const stale = entry.version !== stamp.version;
  if (stale && !(stamp.now - entry.at <= MAX_STALE_MS)) return { scores: [], stale: false };
  return { scores: [...entry.scores.values()], stale };
}

/** Forget everything (tests; a wipe moves the version anyway). */
export function clearRecentScores(): void {
  pages.clear();
}
