/**
 * "Continue watching": titles the user really started and has not finished, dropped or
 * rejected since. A wrong entry here is very visible (a film left after six seconds shown as
 * "You're 7 % through"), so every part of the rule must hold (numbers in CONTINUE_RULES):
 *
 *   - real progress: the latest session reached ≥ 5 % of the title, and the title has
 *     ≥ 3 minutes of real watching in all its sessions together (a cold open or a trailer
 *     is not "started");
 *   - not finished: the latest session is below 90 %, and a film (not a series) never
 *     reached 90 % in any session;
 *   - not abandoned after: no "abandoned" skip at or after the latest session started (the
 *     recorder stores the skip when that very session closes early);
 *   - not disliked: no thumbs down / "not interested" (rating or skip) that is still in force
 *     (a later thumbs up or love lifts it).
 *
 * Pure: the engine passes the store's records and each title's kind.
 */
import { RULES } from './events';
import type { RatingRecord, SkipRecord, TitleKind, WatchSessionRecord } from '../store/records';

export const CONTINUE_RULES = {
  /** Minimum completion of the latest session (0.05). */
  minCompletion: RULES.continueFrom,
  /** Minimum real watching across the title's sessions, in seconds. */
  minSeconds: 180,
  /** At this completion a title is finished (0.9, as for the discovery-row filter). */
  finished: RULES.finishedCompletion,
} as const;

export interface ContinueItem {
  key: string;
  completion: number;
  /** Start of the latest session (epoch ms): most recent first. */
  at: number;
}

export interface ContinueInput {
  sessions: readonly Pick<WatchSessionRecord, 'titleKey' | 'startedAt' | 'completion' | 'secondsWatched'>[];
  skips: readonly Pick<SkipRecord, 'titleKey' | 'at' | 'reason'>[];
  ratings: readonly Pick<RatingRecord, 'titleKey' | 'at' | 'value'>[];
  kindOf: (key: string) => TitleKind | undefined;
}

/** Keys whose latest opinion is negative: thumbs down / not interested, not lifted by a later up or love. */
export function dislikedKeys(inp: Pick<ContinueInput, 'skips' | 'ratings'>): Set<string> {
  const last = new Map<string, { at: number; negative: boolean }>();
  const note = (key: string, at: number, negative: boolean): void => {
    const prev = last.get(key);
    if (!prev || at >= prev.at) last.set(key, { at, negative });
  };
  for (const s of inp.skips) if (s.reason === 'not-interested') note(s.titleKey, s.at, true);
  for (const r of inp.ratings) note(r.titleKey, r.at, r.value === 'down' || r.value === 'not-interested');
  return new Set([...last].filter(([, v]) => v.negative).map(([k]) => k));
}

export function continueWatching(inp: ContinueInput): ContinueItem[] {
  const R = CONTINUE_RULES;
  const latest = new Map<string, ContinueInput['sessions'][number]>();
  const seconds = new Map<string, number>();
  const best = new Map<string, number>();
  for (const s of inp.sessions) {
    const p = latest.get(s.titleKey);
    if (!p || s.startedAt > p.startedAt) latest.set(s.titleKey, s);
    seconds.set(s.titleKey, (seconds.get(s.titleKey) ?? 0) + s.secondsWatched);
    best.set(s.titleKey, Math.max(best.get(s.titleKey) ?? 0, s.completion));
  }
  const lastAbandon = new Map<string, number>();
  for (const k of inp.skips) if (k.reason === 'abandoned') lastAbandon.set(k.titleKey, Math.max(lastAbandon.get(k.titleKey) ?? -Infinity, k.at));
  const disliked = dislikedKeys(inp);
  const out: ContinueItem[] = [];
  for (const [key, s] of latest) {
    if (s.completion < R.minCompletion || s.completion >= R.finished) continue;
    if ((seconds.get(key) ?? 0) < R.minSeconds) continue;
    if (inp.kindOf(key) !== 'series' && (best.get(key) ?? 0) >= R.finished) continue;
    if (disliked.has(key) || (lastAbandon.get(key) ?? -Infinity) >= s.startedAt) continue;
    out.push({ key, completion: s.completion, at: s.startedAt });
  }
  return out.sort((a, b) => b.at - a.at);
}
