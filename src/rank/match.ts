/**
 * Match %: a calibrated, monotonic, per-user mapping of a score to 0–99.
 *
 *   z = (s − μ_u) / σ_u          μ_u, σ_u: mean and spread of this user's scores over their
 *                                 reference set (catalog titles that are not their own
 *                                 positives; page titles added while it has < 8 rows;
 *                                 fewer than 8 in all → μ = 0, σ = 0.2); σ ≥ 0.02
 *   match = round(99 · sigmoid(a · z + b))
 *
 * Prior a = 1.5, b = 0.2 (the average catalog title ≈ 55 %, +1σ ≈ 84 %, +2σ ≈ 96 %).
 * With ≥ 5 labelled positives (watched ≥ 50 %, up, love; each scored by the user's other
 * titles, user-calibration.ts) and ≥ 5 negatives the user decided (abandoned, thumbs down,
 * not interested; never titles only scrolled past or previewed once) a Platt fit on the user's own z-scores
 * replaces the prior: 25 Newton steps on the log-likelihood plus a Gaussian pull toward
 * the prior (λ = 2), a clamped to [0.3, 6] so the mapping stays increasing.
 *
 * Badge rule (see `badge`): shown only when the profile is confident (events.ts
 * `isConfident`), the title is not thumbs-down / not-interested, and match ≥ 50.
 */

export interface Calibration {
  mu: number;
  sigma: number;
  a: number;
  b: number;
  /** Reference size; 0 when the prior spread was used. */
  n: number;
  fitted: boolean;
}

export const MATCH_RULES = {
  priorA: 1.5,
  priorB: 0.2,
  minRef: 8,
  defaultSigma: 0.2,
  minSigma: 0.02,
  minLabels: 5,
  lambda: 2,
  minA: 0.3,
  maxA: 6,
  badgeMin: 50,
} as const;

export function spread(scores: ArrayLike<number>): { mu: number; sigma: number; n: number } {
  const n = scores.length;
  if (n < MATCH_RULES.minRef) return { mu: 0, sigma: MATCH_RULES.defaultSigma, n: 0 };
  let s = 0;
  for (let i = 0; i < n; i++) s += scores[i] as number;
  const mu = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += ((scores[i] as number) - mu) ** 2;
  return { mu, sigma: Math.max(MATCH_RULES.minSigma, Math.sqrt(v / n)), n };
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Platt fit of (a, b) on z-scores with a Gaussian prior at (priorA, priorB). */
export function fitPlatt(z: readonly number[], y: readonly (0 | 1)[]): { a: number; b: number } {
  const R = MATCH_RULES;
  let a: number = R.priorA;
  let b: number = R.priorB;
  for (let it = 0; it < 25; it++) {
    let ga = R.lambda * (a - R.priorA);
    let gb = R.lambda * (b - R.priorB);
    let haa = R.lambda;
    let hab = 0;
    let hbb = R.lambda;
    z.forEach((zi, i) => {
      const p = sigmoid(a * zi + b);
      const r = p - (y[i] as number);
      const w = p * (1 - p);
      ga += r * zi;
      gb += r;
      haa += w * zi * zi;
      hab += w * zi;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (!(det > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a = Math.min(R.maxA, Math.max(R.minA, a - da));
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-7) break;
  }
  return { a, b };
}

export function calibrate(reference: ArrayLike<number>, labelled: readonly { score: number; positive: boolean }[] = []): Calibration {
  const { mu, sigma, n } = spread(reference);
  const pos = labelled.filter((l) => l.positive).length;
  const neg = labelled.length - pos;
  if (pos >= MATCH_RULES.minLabels && neg >= MATCH_RULES.minLabels) {
    const { a, b } = fitPlatt(
      labelled.map((l) => (l.score - mu) / sigma),
      labelled.map((l) => (l.positive ? 1 : 0)),
    );
    return { mu, sigma, a, b, n, fitted: true };
  }
  return { mu, sigma, a: MATCH_RULES.priorA, b: MATCH_RULES.priorB, n, fitted: false };
}

/** 0–99, non-decreasing in `score` for a given calibration. */
export function matchPercent(cal: Calibration, score: number): number {
  const z = (score - cal.mu) / cal.sigma;
  return Math.max(0, Math.min(99, Math.round(99 * sigmoid(cal.a * z + cal.b))));
}

/** The badge value: null unless confident, not disliked, and ≥ 50 %. */
export function badge(cal: Calibration, score: number, o: { confident: boolean; disliked: boolean }): number | null {
  if (!o.confident || o.disliked) return null;
  const m = matchPercent(cal, score);
  return m >= MATCH_RULES.badgeMin ? m : null;
}
