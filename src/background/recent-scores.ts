/**
 * The badge scores each page URL got recently, kept in the background's memory only (never
 * stored, gone when the background sleeps), so a page visited again paints its badges from
 * `rank/recent` — asked at document start — without waiting for the engine.
 *
 * A score is served only for the data version it was computed at: any strong change (a watch
 * ended, a rating, an import, a delete, a wipe) or weak fold moves the version, and every
 * entry made before it stops counting. Bounded: MAX_PAGES URLs (least recently used go
 * first), MAX_PER_PAGE scores each.
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
  for (const s of scores) {
    entry.scores.delete(s.siteItemId);
    entry.scores.set(s.siteItemId, s);
  }
  while (entry.scores.size > MAX_PER_PAGE) entry.scores.delete(entry.scores.keys().next().value as string);
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
