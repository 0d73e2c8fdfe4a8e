/**
 * Learns the period popularity (src/rank/period-pop.ts) from MovieLens ratings: per period of
 * rating time, how many ratings each title got. Shipped inside models/prior.json (training/
 * prior.ts writes it there). A count is kept only when at least `minUsers` users of the period
 * rated the title, so no entry stands for one person; totals count every rating.
 */
import type { PeriodFile } from '../src/rank/period-pop';
import { sequences, type Rating } from './movielens';

export interface PeriodOptions {
  /** Ascending start years of the periods, then the end year (exclusive). */
  bounds?: number[];
  minUsers?: number;
  /** Ascending starts of the history-position bins of the stage counts, then the end. */
  stages?: number[];
  /** Co-watch neighbours kept per title and period (0: no co-watch lists). */
  cowatchK?: number;
  /** Shrinkage of the co-watch cosine, in users. */
  cowatchShrink?: number;
  /** The early co-watch lists count only each user's first this many titles (0: none). */
  cowatchEarly?: number;
}

/**
 * Three-year periods through the early service (when a year's releases made most of its
 * ratings), five-year ones after, as ml-latest-small thins out; each holds ≥ 4,000 ratings.
 */
export const PERIOD_DEFAULTS = {
  bounds: [1996, 1999, 2002, 2005, 2010, 2015, 2019],
  minUsers: 2,
  // Five-title steps through a history's first 20 titles: a sign-up's titles come in the order
  // the service offered them. Past 20 the stage shares cost next-title ranking on the
  // early-period users (MODEL_CARD.md, "Session 18").
  stages: [0, 5, 10, 15, 20],
  // Twenty neighbours per title and period, a cosine shrunk by one user: chosen on the period view
  // with the reverse split and checked on the others (MODEL_CARD.md, "Session 19"); ten lost a
  // fifth of the gain, forty cost the reverse split more.
  cowatchK: 20,
  cowatchShrink: 1,
  // What a period's users rated together among their first 20 titles (the sign-up list): short
  // histories gain more from it than from whole-history co-watching (MODEL_CARD.md, "Session 19").
  cowatchEarly: 20,
} as const;

const yearOf = (ts: number): number => new Date(ts * 1000).getUTCFullYear();

export function fitPeriods(ratings: readonly Rating[], keyOf: (item: number) => string | undefined, o: PeriodOptions = {}): PeriodFile {
  const bounds = [...(o.bounds ?? PERIOD_DEFAULTS.bounds)];
  const minUsers = o.minUsers ?? PERIOD_DEFAULTS.minUsers;
  const periods = bounds.length - 1;
  const periodOf = (y: number): number => {
    for (let b = periods - 1; b >= 0; b--) if (y >= (bounds[b] as number)) return y < (bounds[b + 1] as number) ? b : -1;
    return -1;
  };
  const totals = new Array<number>(periods).fill(0);
  const raters = Array.from({ length: periods }, () => new Map<string, Set<number>>());
  const count = Array.from({ length: periods }, () => new Map<string, number>());
  for (const r of ratings) {
    const b = periodOf(yearOf(r.ts));
    const key = keyOf(r.item);
    if (b < 0 || key === undefined) continue;
    totals[b] = (totals[b] as number) + 1;
    const m = raters[b] as Map<string, Set<number>>;
    const s = m.get(key) ?? new Set<number>();
    s.add(r.user);
    m.set(key, s);
    const c = count[b] as Map<string, number>;
    c.set(key, (c.get(key) ?? 0) + 1);
  }
  // Stage counts: per period and history-position bin, how many users rated each title there.
  const stages = [...(o.stages ?? PERIOD_DEFAULTS.stages)];
  const bins = stages.length - 1;
  const binOf = (i: number): number => {
    for (let k = bins - 1; k >= 0; k--) if (i >= (stages[k] as number)) return i < (stages[k + 1] as number) ? k : -1;
    return -1;
  };
  const stageCount = Array.from({ length: periods }, () => Array.from({ length: bins }, () => new Map<string, number>()));
  const stageUsers = Array.from({ length: periods }, () => new Array<number>(bins).fill(0));
  // Each user's titles by time: the stage counts and the early co-watch lists read them.
  const seqs = [...sequences(ratings).values()];
  for (const seq of seqs) {
    const seen = Array.from({ length: periods }, () => new Array<boolean>(bins).fill(false));
    seq.forEach((r, i) => {
      const k = binOf(i);
      const b = periodOf(yearOf(r.ts));
      const key = keyOf(r.item);
      if (k < 0 || b < 0 || key === undefined) return;
      const m = (stageCount[b] as Map<string, number>[])[k] as Map<string, number>;
      m.set(key, (m.get(key) ?? 0) + 1);
      const s = seen[b] as boolean[];
      if (!s[k]) {
        s[k] = true;
        (stageUsers[b] as number[])[k] = ((stageUsers[b] as number[])[k] as number) + 1;
      }
    });
  }
  const keep = count.map((c, b) => [...c.entries()].filter(([k]) => ((raters[b] as Map<string, Set<number>>).get(k)?.size ?? 0) >= minUsers));
  // One rating per user and title, so a stage count is a number of users: keep those of ≥ minUsers.
  const stageKeep = stageCount.map((byBin) => byBin.map((m) => [...m.entries()].filter(([, n]) => n >= minUsers)));
  const keys = [...new Set([...keep.flatMap((e) => e.map(([k]) => k)), ...stageKeep.flatMap((b) => b.flatMap((e) => e.map(([k]) => k)))])].sort();
  const row = new Map(keys.map((k, i) => [k, i]));
  const flat = (e: [string, number][]): number[] =>
    e.sort((a, b) => (row.get(a[0]) as number) - (row.get(b[0]) as number)).flatMap(([k, n]) => [row.get(k) as number, n]);
  // A period without ratings (a split's train users all joined later) joins the one before it,
  // or is dropped at the start: the run-time weights need a distribution per period.
  const empty = totals.indexOf(0);
  if (empty >= 0) {
    if (periods === 1) throw new Error('periods: no rating falls in any period');
    return fitPeriods(ratings, keyOf, { ...o, bounds: bounds.filter((_, i) => i !== empty) });
  }
  const cowatchK = o.cowatchK ?? PERIOD_DEFAULTS.cowatchK;
  const shrink = o.cowatchShrink ?? PERIOD_DEFAULTS.cowatchShrink;
  return {
    bounds,
    totals,
    keys,
    counts: keep.map(flat),
    stages: { bounds: stages, users: stageUsers, counts: stageKeep.map((byBin) => byBin.map(flat)) },
    ...(cowatchK > 0
      ? {
          cowatch: cowatchLists(
            ratings,
            seqs,
            { keyOf, row, periodOf, count },
            {
              k: cowatchK,
              shrink,
              minUsers,
              early: o.cowatchEarly ?? PERIOD_DEFAULTS.cowatchEarly,
            },
          ),
        }
      : {}),
  };
}

/** What the co-watch lists are keyed and counted by: the file's rows, periods and per-period ratings. */
interface CowatchFrame {
  keyOf: (item: number) => string | undefined;
  row: Map<string, number>;
  periodOf: (y: number) => number;
  count: readonly Map<string, number>[];
}

/** The whole-history co-watch lists, and the early ones (each user's first `early` titles). */
function cowatchLists(
  ratings: readonly Rating[],
  seqs: readonly (readonly Rating[])[],
  frame: CowatchFrame,
  o: { k: number; shrink: number; minUsers: number; early: number },
): NonNullable<PeriodFile['cowatch']> {
  const all = fitCowatch(ratings, frame, o);
  if (!(o.early > 0)) return { shrink: o.shrink, pairs: all };
  // Each user's first titles by time (as the stage counts order them).
  const first = seqs.flatMap((seq) => seq.slice(0, o.early));
  return { shrink: o.shrink, pairs: all, early: { titles: o.early, pairs: fitCowatch(first, frame, o) } };
}

/**
 * Per period, each title's nearest titles by co-watching among that period's users (the titles a
 * user rated within one period): ranked by c_ij / (√n_i √n_j + shrink) with n the period's
 * ratings of a title, a pair only when ≥ `minUsers` users rated both, the top `k` kept. Stored
 * as co-watch counts (flat [row, users, …] per row), so the file shows no pair stands for one
 * person; the run time makes the cosine from them and the period counts.
 */
function fitCowatch(
  ratings: readonly Rating[],
  { keyOf, row, periodOf, count }: CowatchFrame,
  o: { k: number; shrink: number; minUsers: number },
): number[][][] {
  const n = row.size;
  const keys = [...row.keys()];
  const sets = count.map(() => new Map<number, Set<number>>());
  for (const r of ratings) {
    const b = periodOf(yearOf(r.ts));
    const key = keyOf(r.item);
    const x = key === undefined ? undefined : row.get(key);
    if (b < 0 || x === undefined) continue;
    const m = sets[b] as Map<number, Set<number>>;
    const s = m.get(r.user) ?? new Set<number>();
    s.add(x);
    m.set(r.user, s);
  }
  return sets.map((users, b) => {
    const ratingsOf = (x: number): number => (count[b] as Map<string, number>).get(keys[x] as string) ?? 0;
    const co = new Map<number, Map<number, number>>();
    for (const s of users.values()) {
      for (const a of s) {
        let m = co.get(a);
        if (!m) co.set(a, (m = new Map()));
        for (const c of s) if (a !== c) m.set(c, (m.get(c) ?? 0) + 1);
      }
    }
    const out: number[][] = Array.from({ length: n }, () => []);
    for (const [a, m] of co) {
      out[a] = [...m.entries()]
        .filter(([, c]) => c >= o.minUsers)
        .map(([x, c]) => ({ x, c, s: c / (Math.sqrt(ratingsOf(a) * ratingsOf(x)) + o.shrink) }))
        .sort((p, q) => q.s - p.s || p.x - q.x)
        .slice(0, o.k)
        .flatMap(({ x, c }) => [x, c]);
    }
    return out;
  });
}
