/**
 * Credit for interleaved picks, and the running result.
 *
 * A pick is credited to the team that placed it (interleave.ts) when, after the panel showed
 * it and within CREDIT_RULES.windowDays:
 *   - a watch session on that title starts: +1 (once per shown pick, however many sessions);
 *   - it is rated thumbs up or love: +1; thumbs down or "not interested": −1 (a debit).
 * An event counts for the latest showing of the title before it, so one start never credits
 * two panels. Per impression (one site's panel on one local day) the team with more credit
 * wins; equal credit is a tie. The verdict is a two-sided sign test over the wins (ties
 * dropped), spoken only once CREDIT_RULES.minDecided impressions were decided.
 *
 * Credit is computed from the store's sessions and ratings each time, so deleting a title's
 * history removes its credit too; impressions older than the window are settled into totals
 * (experiment-log.ts) and stay counted.
 */
import type { TeamName } from './registry';

export const CREDIT_RULES = { windowDays: 7, minDecided: 10, alpha: 0.05 } as const;
export const CREDIT_WINDOW_MS = CREDIT_RULES.windowDays * 86_400_000;

export interface ShownImpression {
  /** When the panel showed these picks. */
  at: number;
  picks: readonly { titleKey: string; team: TeamName }[];
}

export interface StartEvent {
  titleKey: string;
  startedAt: number;
}

export interface RatingEvent {
  titleKey: string;
  value: 'down' | 'up' | 'love' | 'not-interested';
  at: number;
}

export interface TeamTally {
  /** Impressions this team won. */
  wins: number;
  /** Credited starts. */
  starts: number;
  /** Thumbs up / love on its picks. */
  liked: number;
  /** Thumbs down / not interested on its picks (debits). */
  disliked: number;
}

export type Tallies = Record<TeamName, TeamTally>;

export interface Totals {
  /** Interleaved impressions (site × local day with the panel open). */
  impressions: number;
  ties: number;
  teams: Tallies;
}

export const emptyTally = (): TeamTally => ({ wins: 0, starts: 0, liked: 0, disliked: 0 });
export const emptyTotals = (): Totals => ({ impressions: 0, ties: 0, teams: { baseline: emptyTally(), candidate: emptyTally() } });

export const creditOf = (t: TeamTally): number => t.starts + t.liked - t.disliked;
const active = (t: TeamTally): boolean => t.starts + t.liked + t.disliked > 0;

/** Per impression, the tallies of starts and ratings on its picks (wins left at 0). */
export function creditImpressions(
  impressions: readonly ShownImpression[],
  starts: readonly StartEvent[],
  ratings: readonly RatingEvent[],
  windowMs: number = CREDIT_WINDOW_MS,
): Tallies[] {
  const out: Tallies[] = impressions.map(() => ({ baseline: emptyTally(), candidate: emptyTally() }));
  // key → impressions showing it, latest first.
  const showings = new Map<string, { imp: number; at: number; team: TeamName }[]>();
  impressions.forEach((imp, i) => {
    for (const p of imp.picks) {
      const list = showings.get(p.titleKey) ?? [];
      list.push({ imp: i, at: imp.at, team: p.team });
      showings.set(p.titleKey, list);
    }
  });
  for (const list of showings.values()) list.sort((x, y) => y.at - x.at);
  const showingBefore = (key: string, t: number) => showings.get(key)?.find((s) => s.at <= t && t - s.at <= windowMs);

  const started = new Set<string>();
  for (const s of starts) {
    const sh = showingBefore(s.titleKey, s.startedAt);
    if (!sh || started.has(`${sh.imp}\u0000${s.titleKey}`)) continue;
    started.add(`${sh.imp}\u0000${s.titleKey}`);
    (out[sh.imp] as Tallies)[sh.team].starts++;
  }
  for (const r of ratings) {
    const sh = showingBefore(r.titleKey, r.at);
    if (!sh) continue;
    const tally = (out[sh.imp] as Tallies)[sh.team];
    if (r.value === 'up' || r.value === 'love') tally.liked++;
    else tally.disliked++;
  }
  return out;
}

/** Folds per-impression tallies into totals: credit sums, plus a win for the side with more credit. */
export function addToTotals(into: Totals, perImpression: readonly Tallies[]): Totals {
  const t: Totals = structuredClone(into);
  for (const imp of perImpression) {
    t.impressions++;
    for (const team of ['baseline', 'candidate'] as const) {
      t.teams[team].starts += imp[team].starts;
      t.teams[team].liked += imp[team].liked;
      t.teams[team].disliked += imp[team].disliked;
    }
    const a = creditOf(imp.baseline);
    const b = creditOf(imp.candidate);
    if (a > b) t.teams.baseline.wins++;
    else if (b > a) t.teams.candidate.wins++;
    else if (active(imp.baseline) || active(imp.candidate)) t.ties++;
  }
  return t;
}

/** Two-sided exact sign test: P(a split at least this uneven | n fair coin flips). */
export function signTest(winsA: number, winsB: number): number {
  const n = winsA + winsB;
  if (n === 0) return 1;
  const k = Math.min(winsA, winsB);
  // Σ_{i ≤ k} C(n, i) / 2^n in log space (n may be in the thousands).
  let logC = 0; // log C(n, 0)
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logC += Math.log(n - i + 1) - Math.log(i);
    sum += Math.exp(logC - n * Math.LN2);
  }
  return Math.min(1, 2 * sum);
}

export interface Verdict {
  /** Impressions one side won. */
  decided: number;
  /** Sign test p-value, or null below the evidence threshold. */
  p: number | null;
  /** The side that won, when the evidence says so. */
  winner: TeamName | null;
  text: string;
}

export function verdict(t: Totals, labels: Record<TeamName, string>): Verdict {
  const a = t.teams.baseline.wins;
  const b = t.teams.candidate.wins;
  const decided = a + b;
  if (decided < CREDIT_RULES.minDecided) {
    return {
      decided,
      p: null,
      winner: null,
      text: `Not enough evidence yet: ${decided} of ${t.impressions} panel${t.impressions === 1 ? '' : 's'} favoured one side; a verdict needs ${CREDIT_RULES.minDecided}.`,
    };
  }
  const p = signTest(a, b);
  const pText = p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
  if (p >= CREDIT_RULES.alpha) {
    return {
      decided,
      p,
      winner: null,
      text: `No clear difference yet: ${labels.baseline} won ${a} and ${labels.candidate} won ${b} of ${decided} decided panels (sign test ${pText}).`,
    };
  }
  const winner: TeamName = a > b ? 'baseline' : 'candidate';
  const w = Math.max(a, b);
  const name = labels[winner];
  return {
    decided,
    p,
    winner,
    text: `${name.charAt(0).toUpperCase()}${name.slice(1)} is doing better: its picks won ${w} of ${decided} decided panels (sign test ${pText}).`,
  };
}
