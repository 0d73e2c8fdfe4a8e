/**
 * What is kept out of discovery rows, and the "Continue watching" list. Pure.
 *  - disliked: thumbs down or "not interested" (a rating or a skip), unless a later thumbs
 *    up / love lifts it; their near-duplicates are blocked too (by vector, recommend.ts).
 *  - finished: watched to RULES.finishedCompletion, unless a series (a series goes on).
 *  - in progress: the latest session of a title is between RULES.continueFrom and finished,
 *    the title is neither disliked nor finished; listed most recent first.
 */
import type { CatalogEntry, UserData } from './catalog';
import { RULES, type TitleEvent } from './events';
import type { Blocklist, CandidateSet } from './recommend';
import { row as vrow } from './vec';

export interface InProgress {
  key: string;
  completion: number;
  at: number;
}

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

export function inProgress(
  sessions: UserData['sessions'],
  history: ReadonlyMap<string, TitleEvent>,
  entryOf: (key: string) => CatalogEntry | undefined,
  disliked: ReadonlySet<string>,
): InProgress[] {
  const latest = new Map<string, UserData['sessions'][number]>();
  for (const s of sessions) {
    const p = latest.get(s.titleKey);
    if (!p || s.startedAt > p.startedAt) latest.set(s.titleKey, s);
  }
  const out: InProgress[] = [];
  for (const [key, s] of latest) {
    if (s.completion < RULES.continueFrom || s.completion >= RULES.finishedCompletion || disliked.has(key)) continue;
    if (!isFinished(history.get(key), entryOf(key))) out.push({ key, completion: s.completion, at: s.startedAt });
  }
  return out.sort((a, b) => b.at - a.at);
}

/** Keys out of discovery rows (disliked, finished, in progress) and the disliked titles' vectors. */
export function blocklist(
  cands: CandidateSet,
  keyIndex: ReadonlyMap<string, number>,
  history: ReadonlyMap<string, TitleEvent>,
  entryOf: (key: string) => CatalogEntry | undefined,
  disliked: ReadonlySet<string>,
  continueWatching: readonly InProgress[],
): Blocklist {
  const keys = new Set(disliked);
  for (const [key, e] of history) if (isFinished(e, entryOf(key))) keys.add(key);
  for (const c of continueWatching) keys.add(c.key);
  const vectors = [...disliked].flatMap((k) => {
    const j = keyIndex.get(k);
    return j === undefined ? [] : [Float32Array.from(vrow(cands.vectors, cands.dim, j))];
  });
  return { keys, vectors };
}
