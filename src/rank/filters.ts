/**
 * What is kept out of discovery rows, and the "Continue watching" list. Pure.
 *  - disliked: thumbs down or "not interested" (a rating or a skip), unless a later thumbs
 *    up / love lifts it; their near-duplicates are blocked too: the same name a year off or
 *    without a year (`sameFilmAs`), and any title within a cosine of 0.92 (recommend.ts).
 *  - finished: watched to RULES.finishedCompletion, unless a series (a series goes on).
 *  - in progress: "Continue watching" (continue-watching.ts) is kept out of discovery rows.
 *  - unreleased: a title whose release year is after the current one cannot be watched yet, so
 *    "what next" rows do not offer it (its badge still says whether the user would like it).
 */
import type { CatalogEntry, UserData } from './catalog';
import { RULES, type TitleEvent } from './events';
import type { Blocklist, CandidateSet } from './recommend';
import { row as vrow } from './vec';
import { splitKey, yearsMatch } from '../titles/normalize';
import type { ContinueItem } from './continue-watching';

/** The finished rule, in one place. */
export function isFinished(event: Pick<TitleEvent, 'maxCompletion'> | undefined, entry: Pick<CatalogEntry, 'kind'> | undefined): boolean {
  return (event?.maxCompletion ?? 0) >= RULES.finishedCompletion && entry?.kind !== 'series';
}

export function dislikedKeys(data: Pick<UserData, 'ratings' | 'skips'>): Set<string> {
  const disliked = new Set<string>();
  for (const r of data.ratings) if (r.value === 'down' || r.value === 'not-interested') disliked.add(r.titleKey);
  for (const s of data.skips) if (s.reason === 'not-interested') disliked.add(s.titleKey);
  // A later thumbs up / love lifts an old "not interested".
  for (const r of data.ratings) if (r.value === 'up' || r.value === 'love') disliked.delete(r.titleKey);
  return disliked;
}

/** The last release year a "what next" list offers at `now` (epoch ms). */
export function releasedBy(now: number): number {
  return new Date(now).getUTCFullYear();
}

/** Whether the title of `key` was released after `lastYear` (a key without a year never is). */
export function isUnreleased(key: string, lastYear: number): boolean {
  const year = splitKey(key).year;
  return year !== null && year > lastYear;
}

/**
 * Services list one film under years a year apart (festival, theatrical and streaming
 * release) or under none: a name within this many years of a disliked title's is the same
 * film. A remake years later is another film.
 */
const SAME_FILM_YEARS = 1;

/** Release years by key base (the title's name), for `sameFilmAs`. */
export function namesOf(keys: Iterable<string>): Map<string, (number | null)[]> {
  const out = new Map<string, (number | null)[]>();
  for (const k of keys) {
    const { base, year } = splitKey(k);
    const ys = out.get(base);
    if (ys) ys.push(year);
    else out.set(base, [year]);
  }
  return out;
}

/** Whether `key` names one of `names`' films: same name, and a year within SAME_FILM_YEARS or none on either side. */
export function sameFilmAs(key: string, names: ReadonlyMap<string, readonly (number | null)[]>): boolean {
  const { base, year } = splitKey(key);
  const years = names.get(base);
  if (!years) return false;
  return years.some((y) => yearsMatch(y, year, SAME_FILM_YEARS));
}

/** Keys out of discovery rows (disliked, finished, in progress), the disliked titles' vectors, and the release-year cut at `now`. */
export function blocklist(
  cands: CandidateSet,
  keyIndex: ReadonlyMap<string, number>,
  history: ReadonlyMap<string, TitleEvent>,
  entryOf: (key: string) => CatalogEntry | undefined,
  disliked: ReadonlySet<string>,
  continueWatching: readonly ContinueItem[],
  now: number,
): Blocklist {
  const keys = new Set(disliked);
  for (const [key, e] of history) if (isFinished(e, entryOf(key))) keys.add(key);
  for (const c of continueWatching) keys.add(c.key);
  const vectors = [...disliked].flatMap((k) => {
    const j = keyIndex.get(k);
    return j === undefined ? [] : [Float32Array.from(vrow(cands.vectors, cands.dim, j))];
  });
  return { keys, vectors, releasedBy: releasedBy(now), dislikedNames: namesOf(disliked) };
}
