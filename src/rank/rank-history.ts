/**
 * History → profile → scores, as the engine ranked before issue 10's horizons: scripts/eval.ts
 * measures it as "today". The engine now ranks with horizons.ts (`buildHorizon` /
 * `horizonScores`, both horizons), which builds the same profile.
 *
 *   rankHistory(events, candidates, options)
 *     = buildUserProfile(events, { halfLifeItems, halfLifeDays, now, onboardingDone, sessions })
 *       → scoreCandidates(profile, candidates, { popWeight, habits?, onboardingGenres })
 *
 * The scores are the engine's base scores (no context boost unless `habits` is given);
 * filters (finished, disliked, in progress) and diversification stay with the callers.
 *
 * `finishedWatchEvents` turns a plain watch history (one finished, single viewing per
 * title, e.g. a MovieLens rating history) into the engine's ProfileEvents through the
 * engine's own event rules (events.ts `titleEvents`): each title weighs exactly 1.
 */
import type { ContextSession, Habit } from './context';
import { titleEvents, type TitleEvent } from './events';
import { scoreCandidates, type CandidateSet, type Scores } from './recommend';
import { buildUserProfile, type ProfileEvent, type UserProfile } from './user-profile';
import type { WatchSessionRecord } from '../store/records';

export interface RankHistoryOptions {
  /** Half-life in items: models/model.json → ranking.halfLifeItems. */
  halfLifeItems: number;
  /** Wall-clock half-life (settings; default 30 days). Infinity = no wall-clock decay. */
  halfLifeDays: number;
  /** Epoch ms the wall-clock decay is measured from. */
  now: number;
  /** models/model.json → ranking.popWeight. */
  popWeight: number;
  onboardingDone?: boolean;
  onboardingGenres?: readonly string[];
  /** Sessions for the profile's context habits. */
  sessions?: readonly ContextSession[];
  /** Habits active now (only the page / picks scores use them, not the base scores). */
  habits?: readonly Habit[];
}

export interface RankedHistory {
  profile: UserProfile;
  scored: Scores;
}

export function rankHistory(events: readonly ProfileEvent[], cands: CandidateSet, o: RankHistoryOptions): RankedHistory {
  const profile = buildUserProfile(events, {
    halfLifeItems: o.halfLifeItems,
    halfLifeDays: o.halfLifeDays,
    now: o.now,
    onboardingDone: o.onboardingDone,
    sessions: o.sessions,
  });
  const scored = scoreCandidates(profile, cands, {
    popWeight: o.popWeight,
    ...(o.habits ? { habits: o.habits } : {}),
    onboardingGenres: o.onboardingGenres,
  });
  return { profile, scored };
}

export interface WatchedTitle {
  /** Title key (distinct per title). */
  key: string;
  /** When it was watched (epoch ms). */
  at: number;
  /** The title's embedding (unit). */
  vector: Float32Array;
  title: string;
  /** Canonical genres. */
  genres: readonly string[];
}

/** A finished feature-length watch: completion 1, 2 h played of 2 h, not a rewatch. */
const FINISHED_SECONDS = 7_200;

/**
 * One finished, single watch per title → the engine's ProfileEvents (via `titleEvents`,
 * so every rule of events.ts applies: each such title weighs 1, is strong and finished).
 * Output order follows the input for equal times (the profile orders by time, stably).
 */
export function finishedWatchEvents(history: readonly WatchedTitle[]): ProfileEvent[] {
  const sessions: WatchSessionRecord[] = history.map((h, i) => ({
    id: `s${i}`,
    titleId: `eval:${h.key}`,
    titleKey: h.key,
    site: 'eval',
    startedAt: h.at,
    endedAt: h.at + FINISHED_SECONDS * 1000,
    secondsWatched: FINISHED_SECONDS,
    duration: FINISHED_SECONDS,
    completion: 1,
    pauses: 0,
    seeks: 0,
    rewatch: false,
    state: 'closed',
    ctx: { hour: 0, weekday: 0, device: 'desktop', site: 'eval' },
  }));
  const now = history.reduce((m, h) => Math.max(m, h.at), 0);
  const byKey = new Map(history.map((h) => [h.key, h]));
  const events: TitleEvent[] = titleEvents({ sessions, skips: [], impressions: [], ratings: [], now });
  return events.flatMap((e) => {
    const h = byKey.get(e.key);
    return h ? [{ ...e, vector: h.vector, title: h.title, genres: h.genres }] : [];
  });
}
