/**
 * The badge scores each page URL got recently, kept in the background's memory only (never
 * stored, gone when the background sleeps), so a page visited again paints its badges from
 * `rank/recent` — asked at document start — without waiting for the engine.
 *
 * A score is served only for the data version it was computed at: any strong change (a watch
 * ended, a rating, an import, a delete, a wipe) or weak fold moves the version, and every
 * entry made before it stops counting. Bounded: MAX_PAGES URLs (least recently used go
 * first), MAX_PER_PAGE scores each (the first asked for: the top of the page).
 */
import { Lru } from '../engine/lru';
import type { PageScore } from '../messages/replies';

export const MAX_PAGES = 32;
export const MAX_PER_PAGE = 1_000;

interface PageEntry {
  version: number;
  scores: Map<string, PageScore>;
}

const pages = new Lru<string, PageEntry>(MAX_PAGES);

/** The part of a URL that names the page (no fragment: it does not change the tiles). */
function pageKey(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(0, hash) : url;
}

export function rememberScores(url: string, version: number, scores: readonly PageScore[]): void {
  const key = pageKey(url);
  let entry = pages.peek(key);
  if (entry && entry.version !== version) entry = undefined; // older scores of this page: replaced
  if (!entry) entry = { version, scores: new Map() };
  pages.set(key, entry); // most recently used
  // Full: known titles are updated, new ones not kept. A page asks in page order, so what is
  // kept is the top of the page, which a visit shows first (dropping the oldest instead would
  // keep the bottom of a long page and leave its first screen to the engine).
  for (const s of scores) if (entry.scores.has(s.siteItemId) || entry.scores.size < MAX_PER_PAGE) entry.scores.set(s.siteItemId, s);
}

/** This page's scores at `version`, or none when they were made at another one. */
export function recentScores(url: string, version: number): PageScore[] {
  const entry = pages.get(pageKey(url));
  if (!entry || entry.version !== version) return [];
  return [...entry.scores.values()];
}

/** Forget everything (tests; a wipe moves the version anyway). */
export function clearRecentScores(): void {
  pages.clear();
}
