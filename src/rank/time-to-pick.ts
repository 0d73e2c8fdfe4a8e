/**
 * Time to pick: how long it takes from starting to browse a site to starting something the
 * user then finishes (PRODUCT.md: "the number the whole product exists to shrink"). Measured
 * from the user's own events only, on this machine:
 *
 * - Browsing shows as events on a site: impressions (a tile on screen for a second), searches,
 *   skips. A browsing run is a chain of them with no gap over VISIT_GAP_MS; it is cut where
 *   an earlier watch on that site ended (the user came back from watching to choose again).
 * - A pick is a watch session that reached RULES.finishedCompletion. Its time to pick is its
 *   start minus the start of the browsing run just before it.
 * - A watch with no browsing before it (a link opened from elsewhere, a resumed episode) is
 *   not a pick from browsing and is not counted; nor is the second watch of a run.
 *
 * Impressions need a second on screen, so a run starts about a second after the page: the
 * figure can be a second short, never long.
 */
import { RULES } from './events';

export const VISIT_GAP_MS = 20 * 60_000;
export const WINDOW_DAYS = 28;
const DAY = 86_400_000;

export interface BrowseEvent {
  site: string;
  at: number;
}

export interface WatchForPick {
  site: string;
  startedAt: number;
  endedAt: number;
  completion: number;
}

export interface TimeToPick {
  /** Picks in the last WINDOW_DAYS days. */
  picks: number;
  medianSeconds: number | null;
  /** The last four weeks, oldest first: median seconds (null: no pick that week). */
  weeks: { start: number; picks: number; medianSeconds: number | null }[];
}

type Stamp = { at: number; end: boolean };

export function timeToPick(browse: readonly BrowseEvent[], watches: readonly WatchForPick[], now: number): TimeToPick {
  const from = now - WINDOW_DAYS * DAY;
  const bySite = new Map<string, Stamp[]>();
  const stamps = (site: string) => {
    let list = bySite.get(site);
    if (!list) bySite.set(site, (list = []));
    return list;
  };
  for (const e of browse) if (e.at >= from - VISIT_GAP_MS) stamps(e.site).push({ at: e.at, end: false });
  for (const w of watches) if (w.endedAt >= from - VISIT_GAP_MS) stamps(w.site).push({ at: w.endedAt, end: true });
  for (const list of bySite.values()) list.sort((a, b) => a.at - b.at);

  const picks: { at: number; seconds: number }[] = [];
  const counted = new Set<string>();
  const finished = watches.filter((w) => w.completion >= RULES.finishedCompletion && w.startedAt >= from && w.startedAt <= now);
  for (const w of [...finished].sort((a, b) => a.startedAt - b.startedAt)) {
    const list = bySite.get(w.site) ?? [];
    // The latest stamp strictly before the watch started, then back along the chain.
    let i = upperBound(list, w.startedAt - 1) - 1;
    let start = w.startedAt;
    let browsed = false;
    for (; i >= 0; i--) {
      const s = list[i] as Stamp;
      if (start - s.at > VISIT_GAP_MS) break;
      if (s.end) break; // the run starts after the previous watch ended
      start = s.at;
      browsed = true;
    }
    const run = `${w.site}|${start}`;
    if (!browsed || counted.has(run)) continue;
    counted.add(run);
    picks.push({ at: w.startedAt, seconds: (w.startedAt - start) / 1000 });
  }

  const weeks = [3, 2, 1, 0].map((k) => {
    const start = now - (k + 1) * 7 * DAY;
    const inWeek = picks.filter((p) => p.at >= start && p.at < start + 7 * DAY);
    return { start, picks: inWeek.length, medianSeconds: median(inWeek.map((p) => p.seconds)) };
  });
  return { picks: picks.length, medianSeconds: median(picks.map((p) => p.seconds)), weeks };
}

/** Index of the first stamp with `at > t`. */
function upperBound(list: readonly Stamp[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Stamp).at <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const v = s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  return Math.round(v);
}
