/**
 * A ranking variant for local experiments: given what the engine knows right now (its profile,
 * its scores, the filters) and the candidates, it returns the "Top picks" order, candidate
 * indices best first. Variants are pure; the engine builds their input once per picks call.
 */
import type { Habit } from '../context';
import type { Blocklist, CandidateSet, Scores } from '../recommend';
import { topPickOrder } from '../rows';
import { horizonScores, type HorizonState } from '../horizons';
import type { UserProfile } from '../user-profile';

export interface VariantInput {
  /** The engine's profile (short-term recency, settings' half-life) or null before any history. */
  profile: UserProfile | null;
  /** The engine's long-term taste horizon (the badges' profile), or null before any history. */
  taste: HorizonState | null;
  /** The engine's scores for the candidates (context boost included), row-aligned with them. */
  scored: Scores;
  /** Filters: disliked, finished, in progress and their near-duplicates. */
  block: Blocklist;
  /** Spread of the user's scores (calibration σ), for diversification. */
  sigma: number;
  popWeight: number;
  habits: readonly Habit[];
  onboardingGenres: readonly string[];
  onboardingDone: boolean;
  now: number;
}

export interface RankVariant {
  /** Stable id; stored with every credited pick. */
  readonly id: string;
  /** Plain words for the dashboard's table. */
  readonly label: string;
  /** A few words for sentences ("long-term taste"). */
  readonly short: string;
  rank(state: VariantInput, cands: CandidateSet): number[];
}

/** Today's ranking: exactly the engine's "Top picks" row. */
export const baselineVariant: RankVariant = {
  id: 'baseline',
  label: 'Today’s ranking (recent titles weigh most)',
  short: 'today’s ranking',
  rank: (st, cands) => topPickOrder(st.profile, cands, st.scored, st.block, st.sigma),
};

function spread(scores: Float32Array): number {
  let m = 0;
  for (const s of scores) m += s;
  m /= Math.max(1, scores.length);
  let v = 0;
  for (const s of scores) v += (s - m) ** 2;
  const sd = Math.sqrt(v / Math.max(1, scores.length));
  return sd > 1e-6 ? sd : 1;
}

/**
 * The long-term taste horizon the engine already built for badges (horizons.ts: the whole
 * history, months-long decay, the soft maximum over the user's own titles), ranking the picks
 * instead of the recent one. On the shifted split (issue 10, encoder retrained on its train side)
 * it finds taste Recall@20 0.193 where today's ranking finds 0.065 (models/MODEL_CARD.md).
 */
export const tasteVariant: RankVariant = {
  id: 'taste',
  label: 'Long-term taste (all of your history)',
  short: 'long-term taste',
  rank(st, cands) {
    if (!st.taste?.profile.global) return baselineVariant.rank(st, cands);
    const scored = horizonScores(st.taste, cands, { habits: st.habits, onboardingGenres: st.onboardingGenres });
    return topPickOrder(st.taste.profile, cands, scored, st.block, spread(scored.scores));
  },
};
