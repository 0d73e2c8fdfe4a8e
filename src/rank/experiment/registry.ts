/**
 * The one local experiment running now: "baseline" (today's ranking) against "candidate".
 * To test another ranking, point `candidate` at it and change `id` (results of different
 * experiments are never mixed: a new id starts a new log).
 */
import { baselineVariant, tasteVariant, type RankVariant } from './variant';

export interface Experiment {
  readonly id: string;
  readonly baseline: RankVariant;
  readonly candidate: RankVariant;
}

export const CURRENT_EXPERIMENT: Experiment = {
  id: 'recency-vs-taste-1',
  baseline: baselineVariant,
  candidate: tasteVariant,
};

/** Team 0 is the baseline, team 1 the candidate (interleave.ts). */
export const TEAM_NAMES = ['baseline', 'candidate'] as const;
export type TeamName = (typeof TEAM_NAMES)[number];
