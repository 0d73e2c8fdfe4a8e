/**
 * One panel open under the current experiment: both variants rank the candidates, team-draft
 * interleaving merges their top picks (seeded: the same seed gives the same list), and each
 * pick keeps the name of the team it came from.
 */
import type { CandidateSet } from '../recommend';
import { ROW_RULES } from '../rows';
import { seededRandom, seedOf } from '../random';
import { teamDraft } from './interleave';
import { TEAM_NAMES, type Experiment, type TeamName } from './registry';
import type { VariantInput } from './variant';

export interface InterleavedPick {
  titleKey: string;
  team: TeamName;
}

export interface ExperimentRun {
  /** Candidate indices for the "Top picks" row, in the shown order. */
  order: number[];
  /** What the log keeps: the experiment and each pick's team. */
  shown: { experiment: string; picks: InterleavedPick[] };
}

/** The seed of a panel open: the same site on the same local day shows the same interleaving. */
export function panelSeed(experimentId: string, site: string | null, day: string): number {
  return seedOf(`${experimentId}|${site ?? ''}|${day}`);
}

export function runExperiment(exp: Experiment, st: VariantInput, cands: CandidateSet, seed: number, k: number = ROW_RULES.perRow): ExperimentRun {
  const a = exp.baseline.rank(st, cands);
  const b = exp.candidate.rank(st, cands);
  const { items, teams } = teamDraft(a, b, k, seededRandom(seed));
  return {
    order: items,
    shown: {
      experiment: exp.id,
      picks: items.map((i, j) => ({ titleKey: cands.keys[i] as string, team: TEAM_NAMES[teams[j] as 0 | 1] })),
    },
  };
}
